"""Browser test harness: the Debian chromium package driven by Playwright, axe-core checks.

No browser is downloaded: Playwright launches /usr/bin/chromium. On a developer's machine
without it (or without `npm ci` having fetched axe-core) the tests skip and say why; in CI
(the CI variable set) a missing tool is a failure, so browser tests can never silently
disappear there.
"""

import os
import sqlite3
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

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
# Debian's faketime package; it moves Chromium's clock when the tests' clock is moved.
LIBFAKETIME = next(iter(sorted(Path("/usr/lib").glob("*/faketime/libfaketime.so.1"))), None)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# Playwright's sync API runs an event loop in this thread; Django's guard against database
# access from async code would otherwise refuse the live server's test data set-up.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    # A conftest hook sees every collected item, not only those in its folder.
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def _missing(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required in CI)", pytrace=False)
    pytest.skip(reason)


def _chromium_environment(config):
    """Chromium's environment: with the tests' clock moved (--clock-ahead-days), libfaketime
    moves every clock Chromium reads by as much (JavaScript's Date, cookie expiry, the HTTP
    cache), so the browser lives on the same day as the site it drives."""
    days = config.getoption("clock_ahead_days")
    if not days:
        return None
    if LIBFAKETIME is None:
        pytest.fail(
            "--clock-ahead-days needs libfaketime for Chromium: install the Debian package "
            "`faketime`",
            pytrace=False,
        )
    return {**os.environ, "LD_PRELOAD": str(LIBFAKETIME), "FAKETIME": f"+{days}d"}


@pytest.fixture(scope="session")
def browser(pytestconfig):
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
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            env=_chromium_environment(pytestconfig),
        )
        yield browser
        browser.close()


def _new_page(browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser):
    """A phone-sized page: most residents read the site on a phone."""
    yield from _new_page(browser, 390, 844)


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The demo site, served by a live server; returns its base URL.

    The default Site is pointed at the live server, so that the absolute URLs Wagtail
    builds (canonical links, the sitemap) lead back to it.
    """
    from wagtail.models import Site

    _load_demo_site()
    address = urlsplit(live_server.url)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = address.hostname, address.port
    site.save()  # save(), not update(): it clears Wagtail's cached site root paths
    return live_server.url


_demo_snapshot = {}


def _load_demo_site():
    """Build the demo site with load_demo_site the first time; later, on SQLite, copy the
    database as it was then back in (SQLite's backup API, milliseconds instead of the
    command's many seconds per test). Each test still starts from the same demo data:
    the live server and the tests share this one in-memory database connection."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    if connection.vendor != "sqlite":
        call_command("load_demo_site", "--no-admin", stdout=StringIO())
        return
    connection.ensure_connection()
    snapshot = _demo_snapshot.get(connection.settings_dict["NAME"])
    if snapshot is None:
        call_command("load_demo_site", "--no-admin", stdout=StringIO())
        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        _demo_snapshot[connection.settings_dict["NAME"]] = snapshot
    else:
        snapshot.backup(connection.connection)
    # Rows were replaced underneath Django's and Wagtail's in-process caches.
    ContentType.objects.clear_cache()


def axe_violations(page, context="document"):
    """Run axe-core (WCAG 2.2 A and AA, and best practice) on the page, or on the part of
    it that the CSS selector `context` picks; return one readable line per violation."""
    # Evaluated by the test driver, not added as an inline <script>: the site's
    # Content-Security-Policy rightly blocks inline scripts without its nonce.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "([context, tags]) => axe.run(context === 'document' ? document : context, "
        "{runOnly: {type: 'tag', values: tags}})",
        [context, AXE_TAGS],
    )
    assert result["passes"], "axe-core ran no checks"
    lines = []
    for violation in result["violations"]:
        nodes = violation["nodes"]
        # A target is a list of selectors: one per frame or shadow root on the way down.
        targets = [" ".join(map(str, node["target"])) for node in nodes[:3]]
        more = f" and {len(nodes) - 3} more" if len(nodes) > 3 else ""
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}: {targets}{more}"
        )
    return lines


def assert_no_axe_violations(page, context="document"):
    """Fail with one readable line per axe-core violation on the page (see axe_violations)."""
    lines = axe_violations(page, context)
    if lines:
        pytest.fail(
            f"axe-core found {len(lines)} violation(s) on {page.url}:\n" + "\n".join(lines),
            pytrace=False,
        )


def save_screenshot(page, name):
    """Save a full-page PNG to artifacts/screenshots/<name>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


MODERATOR_NAME, MODERATOR_PASSWORD = "journey-mod", "a-long-pass-1"


@pytest.fixture
def quick_forms(settings):
    # The live server shares these settings: a test fills the form faster than a person.
    settings.FEEDBACK_MIN_FILL_SECONDS = 0


@pytest.fixture
def moderator(demo_site, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        MODERATOR_NAME, "m@example.org", MODERATOR_PASSWORD
    )
    user.groups.add(Group.objects.get(name="Feedback moderators"))
    return user


def signed_in_admin(browser, base_url):
    """A desktop-sized browser context signed in to the admin as the moderator, and its
    page; close the context when done."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = context.new_page()
    sign_in_as_moderator(admin, base_url)
    return context, admin


def sign_in_as_moderator(page, base_url):
    """Send the moderator's username and password on the admin's sign-in page."""
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(MODERATOR_NAME)
    page.get_by_label("Password").fill(MODERATOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
