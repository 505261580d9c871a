"""Drives the portal in headless Chromium, as department staff and the city office would.

Usage: browse_portal.py BASE_URL DEPARTMENT_USER CITY_USER PASSWORD FILE SCREENSHOT_DIR

Logs in as the department, uploads FILE through the page (the page's own
script posts it and opens the receipt), reads the receipt, logs out, logs in
as the city and opens 报送情况 (for 2025-03) and 目标进度. Prints one JSON object with what
it read; writes a screenshot of every page into SCREENSHOT_DIR.
"""
import json
import os
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400",
                     "--lang=zh-CN"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def log_in(driver, base, user, password):
    driver.get(base + "/login")
    driver.find_element(By.NAME, "username").send_keys(user)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()


def main():
    base, department, city, password, upload, shots = sys.argv[1:7]
    os.makedirs(shots, exist_ok=True)
    seen = {}
    driver = browser()
    wait = WebDriverWait(driver, 20)
    try:
        log_in(driver, base, department, password)
        wait.until(ready.presence_of_element_located((By.ID, "upload")))
        seen["after_login"] = driver.current_url
        driver.save_screenshot(os.path.join(shots, "1-submit.png"))
        driver.find_element(By.ID, "file").send_keys(upload)
        driver.find_element(By.CSS_SELECTOR, "#upload button[type=submit]").click()
        outcome = wait.until(ready.presence_of_element_located((By.ID, "outcome")))
        seen["receipt_url"] = driver.current_url
        seen["outcome"] = outcome.text
        seen["issues"] = [row.text for row in driver.find_elements(By.CSS_SELECTOR, "#issues tbody tr")]
        driver.save_screenshot(os.path.join(shots, "2-receipt.png"))
        driver.find_element(By.CSS_SELECTOR, "form.logout button").click()
        wait.until(ready.presence_of_element_located((By.NAME, "username")))

        log_in(driver, base, city, password)
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "table.grid")))
        seen["city_landing"] = driver.current_url
        driver.get(base + "/status?period=2025-03")
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "table.grid")))
        seen["status_title"] = driver.find_element(By.TAG_NAME, "h1").text
        seen["status_cells"] = [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, "table.grid td.accepted, table.grid td.late")]
        seen["chase_rows"] = len(driver.find_elements(By.CSS_SELECTOR, "#chase tbody tr"))
        driver.save_screenshot(os.path.join(shots, "3-status.png"))
        driver.get(base + "/targets?period=2025-03")
        wait.until(ready.presence_of_element_located((By.CSS_SELECTOR, "h1")))
        seen["targets_title"] = driver.find_element(By.TAG_NAME, "h1").text
        seen["targets"] = len(driver.find_elements(By.CSS_SELECTOR, "article.target"))
        seen["charts"] = len(driver.find_elements(By.CSS_SELECTOR, ".charts svg"))
        driver.save_screenshot(os.path.join(shots, "4-targets.png"))
        seen["console_errors"] = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    finally:
        driver.quit()
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == "__main__":
    main()
