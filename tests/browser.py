"""Headless Chromium for the web edition's tests: Debian's chromium and chromedriver (the
project's set-up installs them), driven by Selenium, with axe-core from node_modules."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def missing() -> str | None:
    """What the browser tests lack on this machine, in words; None when all is there."""
    for path, how in (
        (CHROMIUM, "scripts/system-libraries"),
        (CHROMEDRIVER, "scripts/system-libraries"),
        (AXE, "make test (npm ci)"),
    ):
        if not path.exists():
            return f"{path} ontbreekt; installeer het met {how}"
    return None


@contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    """One headless browser with a fresh profile, no network chatter of its own."""
    profile = tempfile.mkdtemp(prefix="banenafspraak-chromium-")
    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(argument)
    # The performance log lists every request the page makes (see `requests`).
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver: webdriver.Chrome, page: Path, width: int, height: int = 900) -> None:
    """Load a page with a viewport of exactly `width` CSS pixels."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.get(page.resolve().as_uri())


def requests(driver: webdriver.Chrome) -> list[str]:
    """The URLs the browser requested since the last call (the log empties as it is read)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def axe_violations(driver: webdriver.Chrome) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations on the loaded page."""
    driver.execute_script(AXE.read_text("utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(done, error => done({error: String(error)}));",
        WCAG_TAGS,
    )
    if "error" in result:
        raise RuntimeError(result["error"])
    return result["violations"]


def screenshot(driver: webdriver.Chrome, target: Path) -> Path:
    """The whole page as one PNG at the current width."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.execute_script("return window.innerWidth")
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    target.write_bytes(driver.get_screenshot_as_png())
    return target


def scroll_width(driver: webdriver.Chrome) -> int:
    return driver.execute_script("return document.documentElement.scrollWidth")


def screenshot_folder() -> Path:
    folder = Path(os.environ.get("BANENAFSPRAAK_SCREENSHOTS", tempfile.gettempdir()))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
