"""Prints the seconds headless chromium takes to open a report and draw its case table."""

import shutil
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

options = webdriver.ChromeOptions()
options.binary_location = shutil.which("chromium") or "chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]:
    options.add_argument(argument)
driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=shutil.which("chromedriver")))
try:
    start = time.monotonic()
    driver.get(Path(sys.argv[1]).resolve().as_uri())
    WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#case-table tbody tr.case"))
    print(f"{time.monotonic() - start:.3f}")
finally:
    driver.quit()
