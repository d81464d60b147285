"""End-to-end check of the admin pages in a real browser (Debian's chromium + chromedriver, selenium from PyPI).

Starts `calsync demo` (API and admin pages on 127.0.0.1:18098), then, as an admin would:
signs in through the form; chooses Europe/Paris as the zone of every time shown; stops and starts Ben's sync on the
Instructors page and checks each time that the /v1 API reports the change; searches and sorts the Instructors; tests
the integration's connection and runs an initialization ("N items queued"); opens Ana's week view (her own calendar's
blocks in dark gray, event titles beside ids) and the team view; replaces the integration's client secret with a wrong
one so that a push fails, finds the failed operation in the operations log (newest first, filtered by status and
date), reads what its error means, retries it from its page and then again by ticking it in the log ("Retry
selected"), and checks through the API each time that it ran again. Along the way: a POST without the CSRF token is
refused (403) and changes nothing, and no page ever shows a token or a client secret.

    python3 .ci/admin_browser_check.py path/to/calsync [--screenshots deploy/screenshots]

With --screenshots, a 1280×800 PNG of each page is written to that directory.
"""
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from zoneinfo import ZoneInfo

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

binary = sys.argv[1]
shots = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
PORT = 18098  # .ci/readme_examples.py uses 18099; when this one is taken the demo picks a free port and says which
BASE = None
WRONG_SECRET = "wrong-secret-typed-in-the-browser-0042"


def api(method, path, token, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    if data:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def wait_for(what, check, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    sys.exit(f"timed out waiting for {what}")


env = dict(os.environ, CALSYNC_LISTEN=f"127.0.0.1:{PORT}")
demo = subprocess.Popen([binary, "demo", "--interval", "4"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
driver = None
try:
    tokens, output, deadline = None, "", time.time() + 60
    while time.time() < deadline and "── cycle 1 ──" not in output:
        line = demo.stdout.readline()
        output += line
        if "export ADMIN=" in line:
            tokens = dict(pair.split("=", 1) for pair in line.strip().replace("export ", "").split())
    if not tokens or "── cycle 1 ──" not in output:
        print(output)
        sys.exit("the demo did not start")
    found = re.search(r"Admin pages:\s+(http://127\.0\.0\.1:\d+)/admin", output)
    assert found, "the demo does not print the admin URL:\n" + output[:2000]
    BASE = found.group(1)
    ADMIN, SCHEDULER, READER = tokens["ADMIN"], tokens["SCHEDULER"], tokens["READER"]
    secrets = [ADMIN, SCHEDULER, READER, WRONG_SECRET]

    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800", "--lang=en-US"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    # The page area itself is 1280×800 (headless windows lose some height to their frame otherwise).
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False})
    driver.implicitly_wait(5)
    pages = []

    def visit_check(name):
        html = driver.page_source
        for secret in secrets:
            assert secret not in html, f"{name} shows a secret"
        assert "Something went wrong" not in html, f"{name}: {html[:500]}"
        if driver.get_cookie("calsync_session"):
            assert driver.get_cookie("calsync_session")["value"] not in html, f"{name} shows the session id"
        pages.append(name)
        if shots:
            driver.save_screenshot(os.path.join(shots, f"{name}.png"))

    def flash():
        return driver.find_element(By.CSS_SELECTOR, "p.flash").text

    def follow(element, act=lambda element: element.click()):
        """Clicks a link or a form's button (or acts on the element), then waits until the next page has replaced
        this one: a click does not wait for the navigation it starts."""
        # A mark on this page's window object: a new page has a new window object without it. (Waiting for the old
        # <html> element to go stale is not enough: while chromium swaps documents it can answer "node does not
        # belong to the document", an error that selenium's staleness check does not expect.)
        driver.execute_script("window.calsyncLeaving = true")
        act(element)
        WebDriverWait(driver, 30, ignored_exceptions=(WebDriverException,)).until(
            lambda d: d.execute_script("return window.calsyncLeaving !== true && document.readyState === 'complete'"))

    def nav(label):
        follow(driver.find_element(By.CSS_SELECTOR, "nav").find_element(By.LINK_TEXT, label))

    # Sign in through the form.
    driver.get(BASE + "/admin")
    assert driver.current_url.endswith("/admin/sign-in"), driver.current_url
    visit_check("sign-in")
    driver.find_element(By.ID, "token").send_keys(ADMIN)
    follow(driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Sync status"
    cookie = driver.get_cookie("calsync_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict", cookie
    visit_check("status")

    # The zone of every time shown: chosen once (the header's link), kept for the session.
    follow(driver.find_element(By.CSS_SELECTOR, "header a.zone"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Time zone"
    Select(driver.find_element(By.ID, "tz")).select_by_value("Europe/Paris")
    follow(driver.find_element(By.XPATH, "//button[text()='Use this zone']"))
    assert driver.find_element(By.TAG_NAME, "h1").text == "Sync status", driver.current_url
    assert "Times are now shown in Europe/Paris." in flash(), flash()
    assert "Europe/Paris" in driver.find_element(By.CSS_SELECTOR, "header a.zone").text
    paris_offset = "UTC+2" if datetime.now(ZoneInfo("Europe/Paris")).utcoffset().seconds == 7200 else "UTC+1"
    started = driver.find_elements(By.CSS_SELECTOR, "main time")
    assert started and all(t.text.endswith(paris_offset) for t in started), [t.text for t in started]

    # Stop and start Ben's sync; the API reports each change.
    nav("Instructors")
    def ben_row():
        return driver.find_element(By.XPATH, "//tr[.//span[text()='i-ben']]")
    follow(ben_row().find_element(By.XPATH, ".//button[text()='Stop sync']"))
    assert "Sync stopped for" in flash(), flash()
    assert api("GET", "/v1/instructors/i-ben", READER)[1]["syncEnabled"] is False
    follow(ben_row().find_element(By.XPATH, ".//button[text()='Start sync']"))
    assert "Sync started for" in flash(), flash()
    assert api("GET", "/v1/instructors/i-ben", READER)[1]["syncEnabled"] is True

    # Search (name, e-mail or id) and sort; the sort keeps the search, Clear brings everyone back.
    def names():
        return [a.text for a in driver.find_elements(By.CSS_SELECTOR, "table tbody th a")]
    search = driver.find_element(By.ID, "q")
    search.send_keys("OKAFOR")
    follow(driver.find_element(By.XPATH, "//button[text()='Search']"))
    assert names() == ["Ben Okafor"], names()
    follow(driver.find_element(By.LINK_TEXT, "Clear"))
    everyone = names()
    assert len(everyone) >= 4 and everyone == sorted(everyone), everyone
    follow(driver.find_element(By.PARTIAL_LINK_TEXT, "Name"))
    assert names() == sorted(everyone, reverse=True), names()
    assert "dir=desc" in driver.current_url, driver.current_url
    follow(driver.find_element(By.PARTIAL_LINK_TEXT, "Last sync"))
    assert driver.find_element(By.CSS_SELECTOR, "th[aria-sort]").text.startswith("Last sync")
    follow(driver.find_element(By.PARTIAL_LINK_TEXT, "Name"))
    visit_check("instructors")

    # CSRF: the same form without its token is refused and changes nothing.
    session = driver.get_cookie("calsync_session")["value"]
    forged = urllib.request.Request(
        BASE + "/admin/instructors/i-ben/sync", data=b"enabled=false", method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"calsync_session={session}"})
    try:
        urllib.request.urlopen(forged, timeout=10)
        sys.exit("a POST without the CSRF token was accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 403, error.code
    assert api("GET", "/v1/instructors/i-ben", READER)[1]["syncEnabled"] is True

    # Initialization: date + establishments → "N items queued".
    nav("Integrations")
    visit_check("integrations")
    follow(driver.find_element(By.CSS_SELECTOR, "table tbody th a"))
    integration_url = driver.current_url
    # Test connection: the doctor's checks, shown on the page; nothing changes.
    follow(driver.find_element(By.XPATH, "//button[text()='Test connection']"))
    result = driver.find_element(By.CSS_SELECTOR, "#connection-h ~ div[role=status]").text
    assert "The connection works" in result and "token" in result and "directory" in result, result
    visit_check("connection")
    since = driver.find_element(By.ID, "since")
    driver.execute_script("arguments[0].value = arguments[1]", since, time.strftime("%Y-%m-%d", time.gmtime()))
    follow(since.find_element(By.XPATH, "ancestor::form").find_element(By.TAG_NAME, "button"))
    message = flash()
    assert re.search(r"^\d+ items? queued for initialization", message), message
    visit_check("integration")

    # Ana's week: her own calendar's blocks in dark gray; then the team view.
    nav("Availability")
    Select(driver.find_element(By.ID, "pick-person")).select_by_value("i-ana")
    follow(driver.find_element(By.XPATH, "//button[text()='Show week']"))
    assert "Ana" in driver.find_element(By.TAG_NAME, "h1").text
    external = wait_for("Ana's busy blocks", lambda: driver.find_elements(By.CSS_SELECTOR, "table.week td.s-external") or driver.refresh())
    color = external[0].value_of_css_property("background-color")
    assert color in ("rgba(74, 79, 87, 1)", "rgb(74, 79, 87)"), color
    visit_check("week")
    follow(driver.find_element(By.PARTIAL_LINK_TEXT, "Team view of"))
    assert driver.find_elements(By.CSS_SELECTOR, "table.team tbody tr")
    visit_check("team")

    # A failing push: a wrong client secret (typed in the browser), then a training event for Dev.
    driver.get(integration_url)
    driver.find_element(By.ID, "secret").send_keys(WRONG_SECRET)
    follow(driver.find_element(By.XPATH, "//button[text()='Replace client secret']"))
    assert "was replaced" in flash()
    day = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 3 * 86400))
    status, _ = api("PUT", "/v1/events/t-browser-check", SCHEDULER, {
        "title": "Browser check", "start": f"{day}T09:00:00+00:00", "end": f"{day}T10:00:00+00:00",
        "timeZone": "Europe/Paris", "instructorIds": ["i-dev"]})
    assert status in (200, 201), status
    failed = wait_for("a failed operation", lambda: [
        o for o in api("GET", "/v1/sync/operations?status=error&limit=500", ADMIN)[1]["items"] if o["itemId"] == "t-browser-check"])
    operation = failed[0]

    # The operations log, newest first, filtered; the operation's detail and what its error means; retry.
    nav("Operations log")
    numbers = [int(a.text) for a in driver.find_elements(By.CSS_SELECTOR, "table tbody th a")]
    assert numbers == sorted(numbers, reverse=True), numbers
    # The filter form submits itself when a select changes (the pages' little script); Filter is the no-script way.
    follow(driver.find_element(By.ID, "f-status"), lambda field: Select(field).select_by_value("error"))
    assert "status=error" in driver.current_url, driver.current_url
    follow(driver.find_element(By.LINK_TEXT, operation["id"]))
    assert "Operation " + operation["id"] in driver.find_element(By.TAG_NAME, "h1").text
    assert operation["error"]["code"] in driver.page_source
    meaning = driver.find_element(By.XPATH, "//dt[text()='What it means']/following-sibling::dd[1]").text
    assert "Wrong client secret" in meaning and "Fix:" in meaning, meaning
    visit_check("operation")
    follow(driver.find_element(By.XPATH, "//button[text()='Retry']"))
    assert "will be retried" in flash(), flash()
    retried = wait_for("the retry to run", lambda: [
        o for o in api("GET", f"/v1/sync/operations?instructorId=i-dev&limit=500", ADMIN)[1]["items"]
        if o["id"] == operation["id"] and o["attempts"] > operation["attempts"]])
    print(f"operation {operation['id']} retried: attempts {operation['attempts']} → {retried[0]['attempts']}")
    # It fails again (the secret is still wrong): tick it in the log, filtered by status and today's date, and retry.
    def dev_operation():
        return next(o for o in api("GET", "/v1/sync/operations?instructorId=i-dev&limit=500", ADMIN)[1]["items"]
                    if o["id"] == operation["id"])
    failed_again = wait_for("the retry to fail again", lambda: [dev_operation()] if dev_operation()["status"] == "error" else None)[0]
    nav("Operations log")
    today = datetime.now(ZoneInfo("Europe/Paris")).strftime("%Y-%m-%d")
    for field in ("f-from", "f-to"):
        driver.execute_script("arguments[0].value = arguments[1]", driver.find_element(By.ID, field), today)
    follow(driver.find_element(By.ID, "f-status"), lambda field: Select(field).select_by_value("error"))
    assert f"from={today}" in driver.current_url and "status=error" in driver.current_url, driver.current_url
    driver.find_element(By.ID, "op-" + operation["id"]).click()
    visit_check("operations")
    follow(driver.find_element(By.XPATH, "//button[text()='Retry selected']"))
    assert f"1 operation will be retried (#{operation['id']})." in flash(), flash()
    assert "status=error" in driver.current_url, driver.current_url
    wait_for("the bulk retry to run", lambda: dev_operation()["status"] == "pending"
             or dev_operation()["lastAttemptAt"] != failed_again["lastAttemptAt"])
    print(f"operation {operation['id']} retried again from the log (Retry selected)")

    # Sign out: the session is gone.
    follow(driver.find_element(By.XPATH, "//button[text()='Sign out']"))
    assert driver.current_url.endswith("/admin/sign-in")
    driver.get(BASE + "/admin/status")
    assert driver.current_url.endswith("/admin/sign-in")
    print(f"admin pages in chromium: ok ({', '.join(pages)})")
finally:
    if driver:
        driver.quit()
    demo.terminate()
    try:
        demo.wait(timeout=15)
    except subprocess.TimeoutExpired:
        demo.kill()
