"""The web page in a real browser: Debian's chromium, headless, driven by selenium, against
uvicorn serving a store built from our own sentences. Screenshots go to test-output/."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from service_fixtures import SCRIPT_TEXT, build_store  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
OUTPUT = Path(__file__).resolve().parent.parent / "test-output"
STATIC = Path(__file__).resolve().parent.parent / "src" / "eventcoder" / "service" / "static" / "app.js"

if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
    pytest.skip(f"browser tests need Debian's chromium and chromedriver ({CHROMIUM}, {CHROMEDRIVER}): "
                "apt-get install -y chromium chromium-driver", allow_module_level=True)
if not STATIC.exists():
    pytest.skip("the web page is not built: run web/build.sh", allow_module_level=True)
selenium = pytest.importorskip("selenium", reason="browser tests need selenium (requirements/dev.txt)")

import uvicorn  # noqa: E402
from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service as ChromeService  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from eventcoder.service import create_app  # noqa: E402

WAIT = 20


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, coder):
    path = tmp_path_factory.mktemp("browser-store") / "events.duckdb"
    coded = build_store(path, coder)
    port = free_port()
    config = uvicorn.Config(create_app(path, coder_factory=lambda: coder), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 15 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", coded
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    profile = tempfile.mkdtemp(prefix="eventcoder-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1800",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=ChromeService(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(15)
    OUTPUT.mkdir(exist_ok=True)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def wait(driver, condition, message, timeout=WAIT):
    return WebDriverWait(driver, timeout).until(lambda d: condition(d), message)


def open_page(driver, url):
    driver.get(url)
    wait(driver, lambda d: d.execute_script("return document.body.dataset.ready === 'true'"), "page did not start")


def shot(driver, name):
    driver.save_screenshot(str(OUTPUT / f"{name}.png"))


def test_playground_codes_the_example_article(server, browser):
    base, _ = server
    open_page(browser, base + "/")
    Select(browser.find_element(By.ID, "pg-example")).select_by_value("kenya-somalia-security")
    assert "Mombasa" in browser.find_element(By.ID, "pg-text").get_attribute("value")
    browser.find_element(By.ID, "pg-code").click()
    cards = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#pg-cards .card"), "no event cards")
    heads = [c.find_element(By.CSS_SELECTOR, ".head").text for c in cards]
    assert any("KEN/COP" in h and "COERCE/arrest" in h for h in heads), heads
    assert any("al-Shabaab" in h and "ASSAULT" in h for h in heads), heads
    first = cards[0].text
    assert "CAMEO" in first and "PLOVER" in first and "Rule" in first and "Mombasa" in first
    # the text is highlighted: actors, triggers, places
    kinds = {m.get_attribute("class") for m in browser.find_elements(By.CSS_SELECTOR, "#pg-rendered mark")}
    assert any("k-trigger" in k for k in kinds) and any("k-actor" in k for k in kinds) and any("k-place" in k for k in kinds)
    cards[0].click()
    focused = browser.find_elements(By.CSS_SELECTOR, "#pg-rendered mark.focus")
    assert focused and any(m.text == "arrested" for m in focused)
    assert "active" in cards[0].get_attribute("class")
    shot(browser, "playground-kenya-somalia")


def test_explorer_filter_changes_table_chart_and_url(server, browser):
    base, coded = server
    open_page(browser, base + "/?tab=explorer")
    rows = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event]"), "no table rows")
    total = sum(len(v) for v in coded.values())
    assert len(rows) == total
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#timeline .bar"), "no timeline bars")
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#network .node"), "no network nodes")
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#map .country.has"), "no country on the map")
    bars_before = [b.get_attribute("data-period") for b in browser.find_elements(By.CSS_SELECTOR, "#timeline .bar")]
    shot(browser, "explorer-all")

    field = browser.find_element(By.CSS_SELECTOR, "#filters input[name=source]")
    field.clear()
    field.send_keys("RUS")
    browser.find_element(By.ID, "apply").click()
    wait(browser, lambda d: parse_qs(urlparse(d.current_url).query).get("source") == ["RUS"], "URL has no source=RUS")
    want = sum(1 for events in coded.values() for e in events if any(a["code"] == "RUS" for a in e["source"]))
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event]")) == want, "table not filtered")
    assert all("RUS" in r.find_elements(By.TAG_NAME, "td")[1].text for r in browser.find_elements(By.CSS_SELECTOR, "#events tbody tr"))
    wait(browser, lambda d: [b.get_attribute("data-period") for b in d.find_elements(By.CSS_SELECTOR, "#timeline .bar")] != bars_before,
         "timeline did not change")
    assert browser.find_element(By.ID, "ev-count").text == f"{want} events"
    assert "source=RUS" in browser.find_element(By.ID, "exp-csv").get_attribute("href")
    shot(browser, "explorer-source-rus")

    # the view is shareable: opening the URL again gives the same filters
    open_page(browser, browser.current_url)
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event]")) == want, "shared URL lost its filter")
    assert browser.find_element(By.CSS_SELECTOR, "#filters input[name=source]").get_attribute("value") == "RUS"

    # clicking a network node filters by actor
    open_page(browser, base + "/?tab=explorer")
    node = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#network .node[data-node=PAK]"), "no PAK node")[0]
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node)
    wait(browser, lambda d: parse_qs(urlparse(d.current_url).query).get("actor") == ["PAK"], "node click did not filter")
    want = sum(1 for events in coded.values() for e in events if any(a["code"] == "PAK" for a in e["source"] + e["target"]))
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event]")) == want, "table not filtered by actor")

    # clicking a country on the map filters by place, on top of the actor
    open_page(browser, base + "/?tab=explorer")
    country = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#map .country.has[data-code=KEN]"), "Kenya not on the map")[0]
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", country)
    wait(browser, lambda d: parse_qs(urlparse(d.current_url).query).get("place_country") == ["KEN"], "map click did not filter")
    want = sum(1 for events in coded.values() for e in events if e["location"] and e["location"]["country"] == "KEN")
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event]")) == want, "table not filtered by place")
    # clicking a bar filters by its period
    bar = wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#timeline .bar"), "no bar")[0]
    period = bar.get_attribute("data-period")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", bar)
    wait(browser, lambda d: parse_qs(urlparse(d.current_url).query).get("date_from") == [period], "bar click did not filter")
    shot(browser, "explorer-place-actor")


def test_markup_in_a_document_shows_as_text_and_runs_nothing(server, browser):
    base, coded = server
    event_id = coded["script-doc"][0]["event_id"]
    open_page(browser, f"{base}/?tab=explorer&doc_id=script-doc&event={event_id}")
    doc = wait(browser, lambda d: d.find_element(By.ID, "detail-doc") if d.find_element(By.ID, "detail-doc").text else None, "no detail")
    assert "<script>window.__pwned=1</script>" in doc.text and 'onerror="window.__pwned=2"' in doc.text
    assert not doc.find_elements(By.TAG_NAME, "script") and not doc.find_elements(By.TAG_NAME, "img")
    rows = browser.find_elements(By.CSS_SELECTOR, "#events tbody tr[data-event]")
    assert rows and "<script>" in rows[0].text
    shot(browser, "markup-detail")
    # the same text pasted in the playground
    browser.find_element(By.ID, "tab-playground").click()
    area = browser.find_element(By.ID, "pg-text")
    area.clear()
    browser.execute_script("arguments[0].value = arguments[1]", area, SCRIPT_TEXT)
    browser.find_element(By.ID, "pg-code").click()
    wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#pg-cards .card"), "no cards for the markup text")
    rendered = browser.find_element(By.ID, "pg-rendered")
    assert rendered.text == SCRIPT_TEXT
    assert not browser.find_elements(By.CSS_SELECTOR, "#pg-rendered script, #pg-rendered img, #pg-cards script, #pg-cards img")
    time.sleep(0.3)
    assert browser.execute_script("return window.__pwned === undefined")
    shot(browser, "markup-playground")
