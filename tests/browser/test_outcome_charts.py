"""The outcome charts in a real browser: drawn under a strict Content-Security-Policy
with no console error, readable without JavaScript, framable only on the embed page,
no plotly.js on pages without a plot; and what a chart page weighs over the wire."""

import csv
import gzip
import io
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, save_screenshot

# Registered by the test (not page code): records every CSP violation in the page.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
        `(${event.sourceFile}:${event.lineNumber})`
    );
});
"""

PLOTLY = "plotly-basic.min.js"
OTHER_CITIES_CHART = "/lead/other-cities/"


class Watch:
    """Console errors, page errors and CSP violations seen by a page."""

    def __init__(self, page):
        self.page = page
        self.console_errors = []
        self.page_errors = []
        page.on(
            "console",
            lambda message: (
                self.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.add_init_script(RECORD_VIOLATIONS)

    def csp_violations(self):
        return self.page.evaluate("window.__cspViolations")

    def assert_clean(self):
        assert self.csp_violations() == []
        assert self.page_errors == []
        assert self.console_errors == []


def watch_real_csp(page):
    """Watch a page served with the site's own Content-Security-Policy header (no test
    policy is injected: what the browser enforces is what the server sends)."""
    return Watch(page)


def scroll_past_every_chart(page):
    """Bring each chart on screen in turn, as a reader scrolling down does: charts.js
    fetches plotly.js and draws a chart only when it comes on screen."""
    charts = page.locator("figure.chart")
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
        plot = charts.nth(index).locator(".chart__plot")
        if plot.count():
            expect(plot).to_have_class(re.compile(r"chart__plot--drawn"))


def assert_every_plot_drawn(page):
    """Every figure the server wrote is drawn by plotly.js as an SVG once the reader has
    scrolled past it; returns the count."""
    scroll_past_every_chart(page)
    figures = page.locator('script[type="application/json"]')
    plots = page.locator(".chart__plot")
    count = figures.count()
    assert count > 0
    expect(page.locator(".chart__plot.chart__plot--drawn")).to_have_count(count)
    expect(plots).to_have_count(count)
    for index in range(count):
        plot = plots.nth(index)
        expect(plot).to_be_visible()
        expect(plot.locator("svg.main-svg").first).to_be_visible()
        figure_id = plot.get_attribute("data-figure")
        assert page.locator(f'script[type="application/json"]#{figure_id}').count() == 1
    return count


def test_outcomes_charts_draw_under_a_strict_csp(page, demo_site):
    watch = watch_real_csp(page)
    response = page.goto(demo_site + "/outcomes/")
    assert response.status == 200
    policy = response.all_headers()["content-security-policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert re.search(r"script-src 'self' 'nonce-[^']+'(;|$)", policy)
    assert re.search(r"style-src 'self' 'nonce-[^']+'(;|$)", policy)
    # plotly.js found its rules in static/css/plotly.css and injected no <style>.
    expect(page.locator("style")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text("Pilot outcomes")

    assert assert_every_plot_drawn(page) == 5
    # Drawn: each plotted chart's table is folded away under "Table", one click away.
    expect(page.locator("details.chart__table[open]")).to_have_count(0)
    # Key figures stay as text.
    expect(page.locator(".chart--key-figure .chart__number")).to_have_count(2)

    chart = page.locator("figure.chart").filter(has=page.locator(".chart__plot")).first
    title = chart.locator(".chart__title").inner_text()
    assert title == "People referred and enrolled each month"
    table = chart.locator("details.chart__table table")
    expect(table).to_be_hidden()
    chart.locator("details.chart__table > summary").click()
    expect(table).to_be_visible()
    header = table.locator("thead th").all_inner_texts()
    shown = table.locator("tbody tr").evaluate_all(
        "rows => rows.map(row => [...row.cells].map(cell => cell.textContent.trim()))"
    )
    assert header[0] == "Month" and len(header) == 3, header
    expect(table.locator("tbody td").filter(has_text=re.compile(r"^\d+$")).first).to_be_visible()

    with page.expect_download() as info:
        chart.get_by_role("link", name=f"CSV of {title}").click()
    download = info.value
    assert re.fullmatch(r"chart-\d+\.csv", download.suggested_filename)
    text = open(download.path(), "rb").read().decode("utf-8")  # noqa: SIM115
    assert "\r\n" in text  # RFC 4180 line ends
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["month", "referrals", "enrolled"]  # the dataset's column names
    assert rows[1] == shown[0]  # the table's first data row (its first month is suppressed)
    assert rows[1:] == shown  # and every other row: the same numbers

    assert_no_axe_violations(page)
    save_screenshot(page, "outcomes")
    watch.assert_clean()


def test_outcomes_without_javascript_shows_every_chart_as_text_and_table(browser, demo_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(demo_site + "/outcomes/")
        charts = page.locator("figure.chart")
        expect(charts).to_have_count(7)
        for index in range(charts.count()):
            chart = charts.nth(index)
            expect(chart.locator(".chart__title")).to_be_visible()
            expect(chart.locator(".chart__summary")).to_be_visible()
            if chart.locator(".chart__plot").count():
                expect(chart.locator(".chart__plot")).to_be_hidden()
                expect(chart.locator("details.chart__table")).to_have_attribute("open", "")
                expect(chart.locator("details.chart__table table")).to_be_visible()
                expect(chart.locator("tbody tr").first).to_be_visible()
            else:
                expect(chart.locator(".chart__number")).to_be_visible()
        expect(page.locator(".chart__plot--drawn")).to_have_count(0)
        expect(page.locator("svg.main-svg")).to_have_count(0)
        save_screenshot(page, "outcomes-no-javascript")
    finally:
        context.close()

    # axe-core needs JavaScript, so it checks the same page as served, with the page's own
    # scripts (only the chart scripts) not loaded: the DOM a reader without JavaScript gets.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.route("**/*.js", lambda route: route.abort())
        page.goto(demo_site + "/outcomes/")
        expect(page.locator("details.chart__table[open] table")).to_have_count(5)
        expect(page.locator(".chart__plot:visible")).to_have_count(0)
        assert_no_axe_violations(page)
    finally:
        context.close()


def _embed_path(page, demo_site):
    page.goto(demo_site + "/outcomes/")
    href = (
        page.locator(".chart__plot")
        .first.locator("xpath=ancestor::figure//a[contains(@href, '/embed/charts/')]")
        .first.get_attribute("href")
    )
    chart_id = re.search(r"/embed/charts/(\d+)", href).group(1)
    return f"/embed/charts/{chart_id}/"


def test_embed_page_draws_under_the_csp_and_is_the_only_framable_page(page, demo_site):
    outcomes = page.request.get(demo_site + "/outcomes/")
    assert outcomes.headers.get("x-frame-options") == "DENY"
    path = _embed_path(page, demo_site)

    watch = watch_real_csp(page)
    response = page.goto(demo_site + path)
    assert response.status == 200
    assert "x-frame-options" not in response.all_headers()
    assert assert_every_plot_drawn(page) == 1
    assert_no_axe_violations(page)
    save_screenshot(page, "chart-embed")
    watch.assert_clean()


@pytest.fixture
def other_site():
    """A page on another origin (127.0.0.1, another port) that frames whatever `body` is.

    A real loopback server, not a routed response: Chromium blocks a page it cannot place
    on the local network from framing one on localhost (local network access checks).
    """
    served = {"body": ""}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = served["body"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_another_site_can_frame_the_embed_page_but_not_the_outcomes_page(
    page, demo_site, other_site
):
    path = _embed_path(page, demo_site)
    served, url = other_site
    served["body"] = (
        '<!DOCTYPE html><html lang="en"><title>Another site</title>'
        f'<iframe id="embed" src="{demo_site}{path}" title="Chart" width="380" height="700">'
        "</iframe>"
        f'<iframe id="outcomes" src="{demo_site}/outcomes/" title="Outcomes"></iframe>'
    )
    failed = []
    # Documents only: Chromium may abandon a frame's favicon request, which says nothing
    # about framing.
    page.on(
        "requestfailed",
        lambda request: request.resource_type == "document" and failed.append(request.url),
    )
    page.goto(url)
    embed = page.frame_locator("#embed")
    expect(embed.locator(".chart__plot.chart__plot--drawn svg.main-svg").first).to_be_visible()
    expect(embed.locator("h1")).to_have_count(1)
    # Of the two framed pages, only the outcomes page failed to load.
    assert failed == [f"{demo_site}/outcomes/"]
    # X-Frame-Options: DENY: the browser shows an error page, not the outcomes page.
    outcomes = page.locator("#outcomes").element_handle().content_frame()
    expect(page.frame_locator("#outcomes").locator(".chart")).to_have_count(0)
    assert not outcomes.url.startswith(demo_site)


# The home page and /lead/other-cities/ have a chart, but a key figure: text, no plot.
@pytest.mark.parametrize("path", ["/lead/what-is-lead/", "/data/", "/", OTHER_CITIES_CHART])
def test_pages_without_a_plot_load_no_plotly(page, demo_site, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(demo_site + path)
    assert response.status == 200
    page.wait_for_load_state("load")
    assert not [url for url in requested if PLOTLY in url or "/js/charts.js" in url]


def test_outcomes_loads_plotly_once_when_a_plot_comes_on_screen(browser, demo_site):
    """On a phone, the first screen of the outcomes page needs no plotly.js; the first plot
    brought on screen fetches it, once, for every plot on the page."""
    context = browser.new_context(viewport={"width": 375, "height": 667})
    try:
        page = context.new_page()
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto(demo_site + "/outcomes/")
        page.wait_for_load_state("networkidle")
        assert len([url for url in requested if re.search(r"/js/charts\b", url)]) == 1
        assert [url for url in requested if PLOTLY.removesuffix(".js") in url] == []
        scroll_past_every_chart(page)
        assert len([url for url in requested if PLOTLY.removesuffix(".js") in url]) == 1
    finally:
        context.close()


KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS"}


def page_weight(browser, url):
    """{kind: [bytes, gzip -9 bytes, files]} for everything a fresh visit loads."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url)
        scroll_past_every_chart(page)
        page.wait_for_load_state("networkidle")
        expect(page.locator(".chart__plot--drawn")).to_have_count(
            page.locator('script[type="application/json"]').count()
        )
        totals = {kind: [0, 0, 0] for kind in ["HTML", "CSS", "JS", "other"]}
        for request in finished:
            response = request.response()
            if response is None or request.url.startswith("data:"):
                continue
            body = response.body()
            total = totals[KINDS.get(request.resource_type, "other")]
            total[0] += len(body)
            total[1] += len(gzip.compress(body, compresslevel=9, mtime=0))
            total[2] += 1
            if PLOTLY in request.url:
                totals["plotly.js"] = [len(body), len(gzip.compress(body, 9, mtime=0)), 1]
        return totals
    finally:
        context.close()


def test_chart_page_weight(browser, page, demo_site):
    """What a fresh visit loads; prints the tables in docs/performance.md (run with -s)."""
    pages = ["/outcomes/", OTHER_CITIES_CHART, _embed_path(page, demo_site)]
    kinds = ["HTML", "CSS", "JS", "other"]
    for path in pages:
        totals = page_weight(browser, demo_site + path)
        print(f"\n{path}\n| Resource | Files | Bytes | gzip -9 bytes |\n|---|--:|--:|--:|")
        for kind in kinds:
            size, gzipped, files = totals[kind]
            print(f"| {kind} | {files} | {size:,} | {gzipped:,} |")
        size = sum(totals[kind][0] for kind in kinds)
        gzipped = sum(totals[kind][1] for kind in kinds)
        print(f"| Total | | {size:,} | {gzipped:,} |")
        if path == OTHER_CITIES_CHART:  # its one chart is a key figure: text, no script
            assert "plotly.js" not in totals and totals["JS"][2] == 0
            continue
        plotly = totals["plotly.js"]
        print(f"of which {PLOTLY}: {plotly[0]:,} bytes, {plotly[1]:,} gzip -9 bytes")
        assert 350_000 < plotly[1] < 450_000  # about 395 kB gzipped
        assert plotly[1] > gzipped / 2  # plotly.js is most of what a chart page weighs
