"""The fee report (app/fee_report.py), tested two ways.

1. Streamlit's own AppTest runs the script in-process against a scratch warehouse:
   every section renders without an exception, and the drill-down of a known fund-month
   shows the figures the independent calculator (python_tests/independent_calculator.py)
   computes from the shipped seeds. The app holds no connection after it has run.
2. A real browser: `bash scripts/report.sh` serves the app, Debian's headless Chromium
   (driven by Selenium through Debian's chromium-driver) loads the page, waits until
   Streamlit has rendered it over its websocket, takes a screenshot and finds a chart and
   the known fund-month's figures on the page as text. Skipped, saying so, only where
   /usr/bin/chromium is missing (scripts/test.sh installs it with apt-get when it can).

The known fund-month: Mellon Capital Management/JNL S&P 500 Index, March 2013 (the
shipped illustrative net assets). The calculator gives its net fee, 8,498.09.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

import independent_calculator as calc
import report_warehouse

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app" / "fee_report.py"
FUND, MONTH = "mellon_sp500_index", "2013-03-01"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
# the printed line of the Mellon S&P 500 Index fund's first tier (Mellon sub-advisory Schedule B),
# shown in the drill-down's tier table
TIER_LINE = "$0 to 50 Million: .12%"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    return report_warehouse.build(tmp_path_factory)


@pytest.fixture(scope="module")
def expected() -> dict:
    """The known fund-month by the independent calculator, from the shipped seeds."""
    rows = calc.read_net_assets_csv(ROOT / "seeds" / "net_assets" / "net_assets_illustrative.csv")
    result = calc.compute(calc.default_seeds_dir(), rows, illustrative_expenses=True)
    month = result.monthly[("mellon_sub_advisory", FUND, dt.date.fromisoformat(MONTH))]
    return {
        "net_fee": f"{month['net_fee_usd']:,.2f}",
        "average_assets": f"{month['average_daily_net_assets_usd'].quantize(Decimal('0.01')):,.2f}",
        "rate": f"{month['effective_rate_bps'].quantize(Decimal('0.01')):,.2f} bps",
    }


@pytest.fixture(scope="module")
def app(warehouse):
    """One AppTest run of the script, on the drill-down of the known fund-month."""
    from streamlit.testing.v1 import AppTest

    before = os.environ.get("FUND_FEES_DB")
    os.environ["FUND_FEES_DB"] = str(warehouse)
    try:
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.query_params["fund"] = FUND
        at.query_params["month"] = MONTH
        yield at.run()
    finally:
        if before is None:
            os.environ.pop("FUND_FEES_DB", None)
        else:
            os.environ["FUND_FEES_DB"] = before


def test_app_renders_every_section(app):
    at = app
    assert not at.exception, [e.value for e in at.exception]
    headers = [h.value for h in at.header]
    assert headers == ["Monthly fees", "Fund-month drill-down", "Fee curves", "Invoice reconciliation",
                       "Adviser economics", "Minimum-fee periods"]


def test_drill_down_shows_the_known_fund_month(app, expected):
    at = app
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Net fee payable (USD)"] == expected["net_fee"]
    assert metrics["Average daily net assets (USD)"] == expected["average_assets"]
    assert metrics["Effective rate"] == expected["rate"]
    # the tier breakdown names the printed line of each rate (Mellon Schedule B, lines 476-478)
    tier_tables = [t.value for t in at.table if "printed_text" in t.value.columns]
    assert tier_tables, "no tier breakdown table"
    tiers = tier_tables[0]
    assert list(tiers["printed_text"]) == ["$0 to 50 Million: .12%", "$50 to 100 Million .06%",
                                           "Amounts over $100 Million: .02%"]
    assert list(tiers["source_line"]) == ["476", "477", "478"]
    assert set(tiers["document_id"]) == {"mellon_2001"}


def test_reconciliation_shows_every_status_of_the_sample(app):
    at = app
    metrics = {m.label: m.value for m in at.metric}
    for status in ["matched", "over_billed", "under_billed", "not_billed", "not_computed"]:
        assert int(metrics[status]) >= 1, status
    # the illustrative invoices: 500.00 over (S&P 400, April), 100.00 under (Small Cap, May)
    exceptions = [t.value for t in at.table if "status" in t.value.columns][0]
    assert {"over_billed", "under_billed", "not_computed"} <= set(exceptions["status"])
    assert "500.00" in set(exceptions["difference_usd"])
    assert "-100.00" in set(exceptions["difference_usd"])


def test_adviser_economics_flags_funds_without_an_advisory_schedule(app):
    at = app
    warnings = " ".join(w.value for w in at.warning)
    assert "no advisory schedule" in warnings and FUND in warnings and "not a loss" in warnings


def test_app_holds_no_connection_after_a_run(app, warehouse):
    assert not app.exception
    con = duckdb.connect(str(warehouse))  # a writer: fails while any connection is open
    con.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served_report(warehouse):
    port = free_port()
    env = dict(os.environ, FUND_FEES_DB=str(warehouse), FUND_FEES_REPORT_PORT=str(port))
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(["bash", str(ROOT / "scripts" / "report.sh")], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.time() > deadline:
                log.seek(0)
                pytest.fail(f"scripts/report.sh did not serve on {url}:\n{log.read().decode()}")
            time.sleep(0.5)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def test_real_browser_shows_charts_and_the_known_fund_month(served_report, expected, tmp_path):
    if not (shutil.which("chromium") and Path(CHROMEDRIVER).exists()):
        pytest.skip("Chromium is not installed here and could not be installed "
                    "(scripts/test.sh runs: apt-get update && apt-get install -y chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", f"--user-data-dir={tmp_path / 'chromium-profile'}",
                     "--window-size=1400,4000"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    charts = '[data-testid="stVegaLiteChart"]'
    try:
        driver.get(f"{served_report}/?fund={FUND}&month={MONTH}")

        def rendered(d):
            body = d.find_element(By.TAG_NAME, "body").text
            drawn = d.find_elements(By.CSS_SELECTOR, f"{charts} canvas, {charts} svg")
            # and the tables: under load the page draws the metrics and charts while its tables
            # are still grey placeholders (a suite run read the body then, tier table empty)
            return ("Minimum-fee periods" in body and expected["net_fee"] in body and drawn
                    and TIER_LINE in body)

        WebDriverWait(driver, 120, poll_frequency=1).until(rendered)
        time.sleep(2)  # let the charts finish drawing before the screenshot
        shot = ROOT / "target" / "fee_report_screenshot.png"
        shot.parent.mkdir(exist_ok=True)
        assert driver.save_screenshot(str(shot))
        body = driver.find_element(By.TAG_NAME, "body").text
        chart_count = len(driver.find_elements(By.CSS_SELECTOR, charts))
    finally:
        driver.quit()
    assert chart_count >= 4, f"{chart_count} charts on the page"
    for figure in expected.values():
        assert figure in body, f"{figure} not on the page"
    assert TIER_LINE in body
    from PIL import Image

    with Image.open(shot) as image:  # a page with charts, not a blank or error page
        colours = image.convert("RGB").getcolors(maxcolors=1 << 20)
    assert colours is None or len(colours) > 200, f"screenshot has only {len(colours)} colours"
