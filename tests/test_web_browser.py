"""The web page in a real headless Chromium: chat with options and follow-ups, a staff list with progress and the
report downloaded, the admin login, the page without JavaScript, and screenshots at 360 px and desktop width."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.browser_support import Server, chromium, click, full_page_screenshot, require_browser, screenshot_dir
from tests.web_support import PASSWORD, roster_bytes

PHONE, DESKTOP = 360, 1280


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    srv = Server(tmp_path_factory.mktemp("web-data"))
    yield srv
    log = srv.stop()
    assert "Traceback" not in log, log


@pytest.fixture(scope="module")
def shots():
    path = screenshot_dir()
    print(f"\nscreenshots: {path}")
    return path


@pytest.fixture
def browser(tmp_path):
    require_browser()
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = chromium(downloads, tmp_path / "profile")
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait(driver, condition, timeout: float = 20.0, what: str = "the page"):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.05).until(condition, message=f"waiting for {what}")


def turns(driver):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, "#chat article.turn")


def ask(driver, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(turns(driver))
    box = driver.find_element(By.ID, "q")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    wait(driver, lambda d: len(turns(d)) == before + 1, what=f"the answer to {text!r}")


def test_ask_option_answer_follow_up_without_reloading(server, browser, shots):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/")
    browser.execute_script("window.sameDocument = 39;")  # survives only if the page is never reloaded
    assert browser.execute_script("return window.innerWidth") == DESKTOP
    full_page_screenshot(browser, shots / "ask-start-360.png", PHONE)
    click(browser, next(b for b in browser.find_elements(By.CSS_SELECTOR, "button.chip") if "2014" in b.text))
    wait(browser, lambda d: len(turns(d)) == 1, what="the answer to an example")
    assert turns(browser)[0].find_element(By.CSS_SELECTOR, 'a.clause[href="/dieu/PL"]')
    ask(browser, "tôi cần học gì")
    options = turns(browser)[-1].find_elements(By.CSS_SELECTOR, "button.option")
    assert len(options) >= 4
    full_page_screenshot(browser, shots / "ask-options-360.png", PHONE)
    click(browser, next(b for b in options if b.text == "Chuyên viên"))
    wait(browser, lambda d: len(turns(d)) == 3, what="the answer to the option")
    answer = turns(browser)[-1]
    assert answer.find_element(By.CSS_SELECTOR, "p.q").text.endswith("Chuyên viên")
    assert answer.find_element(By.CSS_SELECTOR, 'a.clause[href="/dieu/II.1.b"]')
    ask(browser, "còn quản lý nhà nước?")
    follow = turns(browser)[-1]
    assert "quản lý nhà nước" in follow.text.lower()
    assert follow.find_element(By.CSS_SELECTOR, 'a.clause[href="/dieu/II.1.c"]')
    click(browser, follow.find_element(By.CSS_SELECTOR, 'button[name="vote"][value="1"]'))
    wait(browser, lambda d: "Cảm ơn góp ý" in turns(d)[-1].text, what="the thanks for a vote")
    assert browser.execute_script("return window.sameDocument") == 39
    full_page_screenshot(browser, shots / "ask-360.png", PHONE)
    full_page_screenshot(browser, shots / "ask-desktop.png", DESKTOP)
    click(browser, follow.find_element(By.CSS_SELECTOR, 'a.clause[href="/dieu/II.1.c"]'))
    wait(browser, lambda d: "/dieu/II.1.c" in d.current_url)
    assert "quản lý nhà nước" in browser.find_element(By.TAG_NAME, "h1").text.lower()
    full_page_screenshot(browser, shots / "clause-360.png", PHONE)
    browser.back()
    wait(browser, lambda d: len(turns(d)) == 4, what="the conversation kept after going back")
    click(browser, browser.find_element(By.CSS_SELECTOR, "form.forget button"))
    wait(browser, lambda d: "da-xoa" in d.current_url)
    assert not turns(browser) and "Đã xóa hội thoại" in browser.page_source


def test_the_page_works_without_javascript(server, tmp_path, shots):
    from selenium.webdriver.common.by import By

    driver = chromium(tmp_path, tmp_path / "profile-nojs", javascript=False, width=PHONE, height=800)
    try:
        driver.get(server.url + "/")
        assert driver.execute_script("return 1") == 1  # driver scripts still run; the page's own do not
        driver.find_element(By.ID, "q").send_keys("tôi cần học gì")
        driver.find_element(By.CSS_SELECTOR, "#ask button[type=submit]").click()
        wait(driver, lambda d: len(turns(d)) == 1, what="the answer after a plain form post")
        click(driver, next(b for b in turns(driver)[0].find_elements(By.CSS_SELECTOR, "button.option")
                           if b.text == "Cán sự"))
        wait(driver, lambda d: len(turns(d)) == 2, what="the answer to the option after a plain post")
        assert turns(driver)[-1].find_element(By.CSS_SELECTOR, "a.clause")
        full_page_screenshot(driver, shots / "ask-nojs-360.png", PHONE)
        staff = tmp_path / "ds_khong_js.csv"
        staff.write_bytes(roster_bytes(200, csv=True))
        driver.get(server.url + "/kiem-tra")
        driver.find_element(By.ID, "file").send_keys(str(staff))
        driver.find_element(By.CSS_SELECTOR, "#upload button[type=submit]").click()
        wait(driver, lambda d: d.find_elements(By.ID, "summary"), timeout=60, what="the result page refreshing itself")
        assert "Đã kiểm tra 200 người" in driver.find_element(By.ID, "summary").text
    finally:
        driver.quit()


def test_upload_shows_progress_summary_and_the_report_downloads(server, browser, shots, tmp_path):
    from selenium.webdriver.common.by import By

    staff = tmp_path / "danh_sach_20000.csv"  # 2 MB; CSV is quick to generate (the check reads XLSX too)
    staff.write_bytes(roster_bytes(20_000, csv=True))
    browser.get(server.url + "/kiem-tra")
    full_page_screenshot(browser, shots / "check-360.png", PHONE)
    browser.set_window_size(DESKTOP, 900)
    browser.execute_script("""  // a file dragged onto the drop zone lands in the form's file input
        var data = new DataTransfer();
        data.items.add(new File(["Họ và tên;Ngạch\\nAn;CV\\n"], "keo_tha.csv", {type: "text/csv"}));
        document.getElementById("drop").dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true}));
    """)
    assert "keo_tha.csv" in browser.find_element(By.ID, "chosen").text
    assert browser.execute_script("return document.getElementById('file').files[0].name") == "keo_tha.csv"
    browser.find_element(By.ID, "file").send_keys(str(staff))
    assert "danh_sach_20000.csv" in browser.find_element(By.ID, "chosen").text
    browser.find_element(By.CSS_SELECTOR, "#upload button[type=submit]").click()
    seen = set()
    deadline = time.monotonic() + 90
    while "/kiem-tra/ket-qua/" not in browser.current_url:
        assert time.monotonic() < deadline, "the check did not finish"
        try:
            text = browser.find_element(By.ID, "progress-text").text
        except Exception:  # the result page is loading
            text = ""
        if text and text not in seen:
            seen.add(text)
            if "Đang đọc" in text and "người" in text and not (shots / "check-progress-desktop.png").exists():
                browser.save_screenshot(str(shots / "check-progress-desktop.png"))
        time.sleep(0.05)
    assert any("Đang đọc" in s for s in seen) and any("/ 20.000 người" in s for s in seen), seen
    wait(browser, lambda d: d.find_elements(By.ID, "summary"), what="the summary")
    understood = browser.find_element(By.CSS_SELECTOR, ".understood").text
    assert "Đọc 20.000 người" in understood
    assert "Đã kiểm tra 20.000 người" in browser.find_element(By.ID, "summary").text
    full_page_screenshot(browser, shots / "check-result-360.png", PHONE)
    full_page_screenshot(browser, shots / "check-result-desktop.png", DESKTOP)
    browser.find_element(By.ID, "report").click()
    wait(browser, lambda d: list(browser.downloads.glob("danh_sach_20000*.xlsx"))
         and not list(browser.downloads.glob("*.crdownload")), timeout=30, what="the downloaded report")
    target = next(browser.downloads.glob("danh_sach_20000*.xlsx"))  # named after the list
    book = openpyxl.load_workbook(target, read_only=True)
    sheet = book[book.sheetnames[0]]
    top = list(sheet.iter_rows(min_row=1, max_row=15, values_only=True))  # a title block may come first
    at = next(i for i, row in enumerate(top) if any(str(v or "").startswith("Họ và tên") for v in row))
    name_col = next(j for j, v in enumerate(top[at]) if str(v or "").startswith("Họ và tên"))
    assert top[at + 1][name_col] or top[at + 2][name_col]  # the first person's name
    with zipfile.ZipFile(target) as z:  # every person is in it (counted without parsing 20,000 rows of cells)
        sheet_xml = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
        assert z.read(sheet_xml).count(b"<row ") >= 20_001


def test_admin_login_refused_then_allowed(server, browser, shots):
    from selenium.webdriver.common.by import By

    browser.get(server.url + "/quan-tri")
    assert browser.current_url.endswith("/quan-tri/dang-nhap")
    browser.find_element(By.ID, "password").send_keys("không phải mật khẩu")
    browser.find_element(By.CSS_SELECTOR, "form.login button").click()
    wait(browser, lambda d: "Sai mật khẩu" in d.page_source, what="the refusal")
    full_page_screenshot(browser, shots / "login-refused-360.png", PHONE)
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form.login button").click()
    wait(browser, lambda d: d.current_url.endswith("/quan-tri"), what="the admin page")
    assert "Câu hỏi theo loại" in browser.page_source
    full_page_screenshot(browser, shots / "admin-360.png", PHONE)
    full_page_screenshot(browser, shots / "admin-desktop.png", DESKTOP)
    browser.find_element(By.CSS_SELECTOR, "form.logout button").click()
    wait(browser, lambda d: d.current_url.endswith("/quan-tri/dang-nhap"), what="the login page after logout")
    browser.get(server.url + "/quan-tri")
    assert browser.current_url.endswith("/quan-tri/dang-nhap")


def test_plan_pages_fit_a_phone_and_are_screenshot(server, browser, shots):
    from selenium.webdriver.common.by import By

    for path, name in [("/dieu", "contents"), ("/chi-tieu", "annex"), ("/van-ban", "document"),
                       ("/dieu/IX.9", "not-found")]:
        browser.set_window_size(PHONE, 800)
        browser.get(server.url + path)
        assert browser.find_element(By.TAG_NAME, "h1").text
        if name == "annex":
            wait(browser, lambda d: d.execute_script(
                "var i = document.querySelector('.chart img'); return i.complete && i.naturalWidth > 0"),
                what="the chart")
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is wider than a 360 px phone"  # the annex table scrolls inside its box
        full_page_screenshot(browser, shots / f"{name}-360.png", PHONE)
        full_page_screenshot(browser, shots / f"{name}-desktop.png", DESKTOP)
