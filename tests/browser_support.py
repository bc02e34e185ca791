"""A real headless Chromium (Debian's chromium + chromium-driver) driven by Selenium, and the server it visits.

Nothing is downloaded: Selenium Manager is kept offline and given the system driver and browser.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.web_support import PASSWORD_HASH, ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
         "--disable-extensions", "--lang=vi")


def require_browser() -> None:
    """Skip (with the reason) only when the system browser or Selenium is not installed."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(p)]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (bash scripts/install_test_deps.sh installs them)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")


def chromium(download_dir: Path, profile_dir: Path, javascript: bool = True, width: int = 1280, height: int = 900):
    """A new headless Chromium session with its own profile; downloads go to download_dir."""
    os.environ["SE_OFFLINE"] = "true"
    os.environ["SE_AVOID_STATS"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile_dir}")
    options.add_argument(f"--window-size={width},{height}")
    prefs = {"download.default_directory": str(download_dir), "download.prompt_for_download": False,
             "safebrowsing.enabled": False}
    if not javascript:
        prefs["profile.managed_default_content_settings.javascript"] = 2
    options.add_experimental_option("prefs", prefs)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(download_dir)})
    driver.set_page_load_timeout(60)
    return driver


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m bot serve` on a free loopback port, with a temporary store and the test admin password."""

    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "BOT_WEB_PORT": str(self.port), "BOT_DATA_DIR": str(data_dir), "TELEGRAM_BOT_TOKEN": "",
               "ZALO_BOT_TOKEN": "", "BOT_WEB_ADMIN_PASSWORD_HASH": PASSWORD_HASH, "BOT_WEB_RATE_LIMIT": "0",
               "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=data_dir, env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/static/site.css", timeout=2).close()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the web server did not start")
                time.sleep(0.2)

    def stop(self) -> str:
        """Stop the server; its log."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            return self.proc.communicate(timeout=20)[1]
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.communicate()[1]


def screenshot_dir() -> Path:
    """One temporary folder per test run for the screenshots (printed, so a person can look at them)."""
    path = Path(os.environ.get("KH39_SCREENSHOTS") or tempfile.mkdtemp(prefix="kh39-web-screens-"))
    path.mkdir(parents=True, exist_ok=True)
    os.environ["KH39_SCREENSHOTS"] = str(path)
    return path


def full_page_screenshot(driver, path: Path, width: int) -> None:
    """The whole page at a given CSS width (the window grows to the page's height, up to 5,000 px)."""
    driver.set_window_size(width, 800)
    height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    driver.set_window_size(width, min(int(height) + 20, 5000))
    driver.execute_script("window.scrollTo(0, 0)")
    time.sleep(0.15)
    driver.save_screenshot(str(path))


def clean(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def click(driver, element) -> None:
    """Scroll the element to the middle of the window (clear of the sticky question box), then click it."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
