"""A saved run report and a comparison report, opened in headless chromium as a colleague would.

Two runs of a small suite (a perfect mock and a noisy one) are written as reports by the
language's `save` and by `assay report`; each page must load nothing from the network, raise no
console error, and its case table must filter by status and text, sort by a metric and expand a
case. A screenshot of each page is left in the test's temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

selenium = pytest.importorskip("selenium")
from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

CASES = 40


def chromium_paths() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.fail("chromium and chromedriver are needed (Debian: chromium, chromium-driver)")
    return browser, driver


@pytest.fixture(scope="module")
def reports(assay_binary: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two runs and their reports, written by save() and by `assay report`."""
    project = tmp_path_factory.mktemp("report-project")
    with open(project / "cases.jsonl", "w", encoding="utf-8") as cases:
        for number in range(CASES):
            long_text = " ".join(["a rather long sentence about the order"] * (8 if number % 7 == 0 else 1))
            cases.write(json.dumps({"id": f"c{number:02d}", "input": f"order {number}: {long_text}",
                                    "expected": f"answer number {number} is fine"}) + "\n")
    environment = dict(os.environ, ASSAY_HOME=str(project / "home"), XDG_CONFIG_HOME=str(project / "config"))
    code = (
        'suite = load("cases.jsonl")\n'
        'a = run(suite, template: "Answer: {{ input }}", model: "perfect", metrics: ["exact", "rouge"])\n'
        'b = run(suite, template: "Answer: {{ input }}", model: "noisy", metrics: ["exact", "rouge"])\n'
        'save(a, "report.html")\n'
        'save(compare(a, b), "diff.html")\n'
    )
    subprocess.run([str(assay_binary), "-c", code], cwd=project, env=environment, check=True, capture_output=True, timeout=120)
    subprocess.run([str(assay_binary), "report", "-1", "-o", "cli.html"], cwd=project, env=environment, check=True,
                   capture_output=True, timeout=60)
    subprocess.run([str(assay_binary), "report", "-2", "--vs", "-1", "-o", "cli-diff.html"], cwd=project, env=environment,
                   check=True, capture_output=True, timeout=60)
    sampled = (
        'suite = load("cases.jsonl")\n'
        'a = run(suite, template: "Answer: {{ input }}", model: "perfect", metrics: ["exact"], samples: 3)\n'
        'b = run(suite, template: "Answer: {{ input }}", model: "noisy", metrics: ["exact"], samples: 3)\n'
        'save(compare(a, b), "samples-diff.html")\n'
    )
    subprocess.run([str(assay_binary), "-c", sampled], cwd=project, env=environment, check=True, capture_output=True, timeout=120)
    return {name: project / f"{name}.html" for name in ["report", "diff", "cli", "cli-diff", "samples-diff"]}


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    binary, driver_path = chromium_paths()
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = webdriver.ChromeService(executable_path=driver_path)
    driver = webdriver.Chrome(options=options, service=service)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver: webdriver.Chrome, path: Path) -> None:
    driver.get_log("browser")
    driver.get_log("performance")
    driver.get(path.as_uri())
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#case-table tbody tr.case"))


def assert_self_contained(driver: webdriver.Chrome) -> None:
    """No request left the file (only the page itself, as file:), and nothing went to the console as an error."""
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    remote = [url for url in requests if not url.startswith(("file:", "data:", "about:"))]
    assert remote == [], remote
    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == [], errors


def rows(driver: webdriver.Chrome) -> list:
    return driver.find_elements(By.CSS_SELECTOR, "#case-table tbody tr.case")


def column_values(driver: webdriver.Chrome, key: str) -> list[str]:
    headers = driver.find_elements(By.CSS_SELECTOR, "#case-table thead th")
    index = [h.get_attribute("data-key") for h in headers].index(key)
    return [row.find_elements(By.TAG_NAME, "td")[index].text for row in rows(driver)]


@pytest.mark.parametrize("name", ["report", "cli"])
def test_a_run_report_filters_sorts_and_expands(browser: webdriver.Chrome, reports: dict[str, Path], name: str) -> None:
    open_page(browser, reports[name])
    page = browser.page_source
    assert "Answer: {{ input }}" in page, "the template text is shown"
    assert "provenance" in page and "version" in page, "the Assay version is shown"
    assert len(rows(browser)) == CASES

    Select(browser.find_element(By.ID, "filter-status")).select_by_value("ok")
    assert len(rows(browser)) == CASES
    search = browser.find_element(By.ID, "filter-text")
    search.send_keys("c07")
    assert [row.get_attribute("data-key") for row in rows(browser)] == ["c07"]
    search.send_keys("\b" * 3)
    WebDriverWait(browser, 5).until(lambda d: len(rows(d)) == CASES)

    header = browser.find_element(By.CSS_SELECTOR, "#case-table th[data-key='m:rouge/rougeL/f1']")
    header.click()
    header = browser.find_element(By.CSS_SELECTOR, "#case-table th[data-key='m:rouge/rougeL/f1']")
    header.click()
    values = [float(v) for v in column_values(browser, "m:rouge/rougeL/f1")]
    assert values == sorted(values, reverse=True)

    rows(browser)[0].click()
    detail = browser.find_element(By.CSS_SELECTOR, "#case-table tbody tr.detail")
    for part in ["Prompt", "Raw output", "Extracted", "Metrics"]:
        assert part in detail.text
    assert "Answer: order" in detail.text, "the prompt's message is shown"
    browser.save_screenshot(str(reports[name].with_suffix(".png")))
    assert_self_contained(browser)


@pytest.mark.parametrize("name", ["diff", "cli-diff"])
def test_a_comparison_report_lists_regressions_first_and_marks_changed_words(
    browser: webdriver.Chrome, reports: dict[str, Path], name: str
) -> None:
    open_page(browser, reports[name])
    assert "Deltas (b − a)" in browser.page_source
    assert len(rows(browser)) == CASES
    deltas = [float(v) for v in column_values(browser, "d:exact") if v]
    assert deltas == sorted(deltas), "regressions (the most negative deltas) come first"
    assert deltas[0] < 0, "the noisy run regressed somewhere"

    Select(browser.find_element(By.ID, "filter-status")).select_by_value("regressed")
    regressed = rows(browser)
    assert 0 < len(regressed) < CASES
    regressed[0].click()
    detail = browser.find_element(By.CSS_SELECTOR, "#case-table tbody tr.detail")
    assert "Output a" in detail.text and "Output b" in detail.text
    assert detail.find_elements(By.TAG_NAME, "del") or detail.find_elements(By.TAG_NAME, "ins"), "changed words are marked"
    browser.save_screenshot(str(reports[name].with_suffix(".png")))
    assert_self_contained(browser)


def test_a_comparison_of_runs_with_samples_tags_each_sample_with_its_case_verdict(
    browser: webdriver.Chrome, reports: dict[str, Path]
) -> None:
    """The comparison pairs cases (their samples reduced); the table lists every paired sample,
    tagged regressed or improved as its case is, so a sample that did not change itself still
    shows that its case went down."""
    open_page(browser, reports["samples-diff"])
    assert "40 cases paired (a: 3 samples per case reduced by mean; b: 3 samples per case reduced by mean)" in browser.page_source
    assert len(rows(browser)) == CASES * 3
    data = browser.execute_script('return JSON.parse(document.getElementById("report-data").textContent);')
    assert data["by_case"] is True and 0 < len(data["regressed"]) < CASES

    Select(browser.find_element(By.ID, "filter-status")).select_by_value("regressed")
    keys = [row.get_attribute("data-key") for row in rows(browser)]
    cases = {key.split("#")[0] for key in keys}
    assert cases == set(data["regressed"])
    assert len(keys) == 3 * len(cases), "every sample of a regressed case is tagged with it"
    assert_self_contained(browser)

