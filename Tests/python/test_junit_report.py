"""The JUnit XML reports of `assay run --junit` validate against the JUnit schema CI systems read.

The schema is Tests/Fixtures/junit/JUnit.xsd (Apache Ant's JUnit schema, from the
windyroad/JUnit-Schema repository; see the README beside it). Runs use seeded noisy mock models,
so which gates pass is fixed.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import xmlschema

from conftest import REPOSITORY

SCHEMA = xmlschema.XMLSchema(str(REPOSITORY / "Tests" / "Fixtures" / "junit" / "JUnit.xsd"))

MODELS = [
    {"name": "steady", "type": "MOCK", "mock": "noisy", "rate": 0.1, "seed": 3},
    {"name": "broken", "type": "MOCK", "mock": "noisy", "rate": 0.6, "seed": 5},
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with thirty cases with awkward ids, a template and the two mocks."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "models.json").write_text(json.dumps(MODELS), encoding="utf-8")
    (folder / "prompt.txt").write_text("Q: {{ input }}\n", encoding="utf-8")
    with open(folder / "cases.jsonl", "w", encoding="utf-8") as cases:
        for number in range(30):
            case_id = f"case <{number}> & \"quoted\"" if number % 7 == 0 else f"c{number}"
            cases.write(json.dumps({"id": case_id, "input": f"question {number}", "expected": f"answer {number}"}) + "\n")
    return folder


def assay(binary: Path, folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, ASSAY_HOME=str(folder / ".home"), XDG_CONFIG_HOME=str(folder / "config"))
    return subprocess.run([str(binary), *arguments], cwd=folder, env=environment, capture_output=True, text=True, timeout=120)


def test_passing_and_failing_reports_validate(assay_binary: Path, project: Path) -> None:
    base = assay(assay_binary, project, "run", "cases.jsonl", "--template", "prompt.txt", "--model", "steady",
                 "--metric", "exact", "--expect", "exact>=0.8", "--junit", "base.xml")
    assert base.returncode == 0, base.stderr
    SCHEMA.validate(str(project / "base.xml"))
    passing = SCHEMA.to_dict(str(project / "base.xml"))
    suite = passing["testsuite"][0]
    assert (suite["@tests"], suite["@failures"], suite["@errors"]) == (1, 0, 0)

    baseline = assay(assay_binary, project, "-c", 'print(runs("latest")/id)').stdout.strip()
    gated = assay(assay_binary, project, "run", "cases.jsonl", "--template", "prompt.txt", "--model", "broken",
                  "--metric", "exact", "--expect", "exact>=0.8", "--baseline", baseline,
                  "--junit", "gated.xml", "--junit-cases")
    assert gated.returncode == 2, gated.stderr
    SCHEMA.validate(str(project / "gated.xml"))
    report = SCHEMA.to_dict(str(project / "gated.xml"))
    expectations, cases = report["testsuite"]
    assert (expectations["@tests"], expectations["@failures"]) == (2, 2)
    assert [test["@name"] for test in expectations["testcase"]] == [
        "exact >= 0.8", "exact: no significant regression (alpha 0.05)"]
    assert all("failure" in test for test in expectations["testcase"])
    assert cases["@tests"] == 30
    names = [test["@name"] for test in cases["testcase"]]
    assert 'case <0> & "quoted"' in names
    failed = [test["@name"] for test in cases["testcase"] if "failure" in test]
    assert cases["@failures"] == len(failed) > 0


def test_a_report_that_breaks_the_schema_is_caught(assay_binary: Path, project: Path) -> None:
    """The validation can fail: a report without its required hostname is refused."""
    assert assay(assay_binary, project, "run", "cases.jsonl", "--template", "prompt.txt", "--model", "steady",
                 "--metric", "exact", "--expect", "exact>=0.8", "--junit", "base.xml").returncode == 0
    text = (project / "base.xml").read_text(encoding="utf-8")
    broken = project / "broken.xml"
    start = text.index(' hostname="')
    broken.write_text(text[:start] + text[text.index('"', start + len(' hostname="')) + 1:], encoding="utf-8")
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        SCHEMA.validate(str(broken))
