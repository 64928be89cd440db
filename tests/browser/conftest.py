"""Browser test harness: the Debian chromium package driven by Playwright, axe-core checks.

No browser is downloaded: Playwright launches /usr/bin/chromium. On a developer's machine
without it (or without `npm ci` having fetched axe-core) the tests skip and say why; in CI
(the CI variable set) a missing tool is a failure, so browser tests can never silently
disappear there.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Playwright's sync API runs an event loop in this thread; Django's guard against database
# access from async code would otherwise refuse the live server's test data set-up.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def _missing(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(
            "Chromium not found at /usr/bin/chromium: install the Debian package `chromium` "
            "to run browser tests"
        )
    if not AXE_SCRIPT.exists():
        _missing("axe-core not found in node_modules: run `npm ci` to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A phone-sized page: most residents read the site on a phone."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The demo site, served by a live server; returns its base URL."""
    call_command("load_demo_site", "--no-admin", stdout=StringIO())
    return live_server.url


def assert_no_axe_violations(page, context="document"):
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "([context, tags]) => axe.run(context === 'document' ? document : context, "
        "{runOnly: {type: 'tag', values: tags}})",
        [context, AXE_TAGS],
    )
    violations = result["violations"]
    if violations:
        lines = []
        for violation in violations:
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}"
            )
        pytest.fail(f"axe-core found violations on {page.url}:\n" + "\n".join(lines))
    assert result["passes"], "axe-core ran no checks"


def save_screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
