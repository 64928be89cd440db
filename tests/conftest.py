import datetime

import pytest

from tests.comment_helpers import explainer  # noqa: F401  (shared fixture)
from tests.factories import make_site
from tests.feedback_helpers import feedback_page  # noqa: F401  (shared fixture)
from tests.publicdata_helpers import referrals  # noqa: F401  (shared fixture)

# Checks of the demo site, of rendered pages and of the message catalogue: what they check
# does not depend on the database, so `make test` runs them on SQLite (the demo's
# database) beside the browser tests, and everything else on PostgreSQL.
RENDERING_MODULES = {
    "test_demo_claims.py",
    "test_demo_site.py",
    "test_html_valid.py",
    "test_page_cache.py",
    "test_page_tree.py",
    "test_page_weight.py",
    "test_publicdata_demo.py",
    "test_query_counts.py",
    "test_readable_numbers.py",
    "test_spanish_data.py",
    "test_spanish_demo_content.py",
    "test_spanish_pages_in_spanish.py",
    "test_translations.py",
}


def pytest_addoption(parser):
    parser.addoption(
        "--clock-ahead-days",
        type=int,
        default=0,
        metavar="DAYS",
        help="move every clock the tests read DAYS days ahead (.ci/test-moved-clock)",
    )


def pytest_configure(config):
    """With --clock-ahead-days, Python's clocks in this process (every thread, so the live
    server's too) run DAYS ahead from here on; tests/browser/conftest.py moves Chromium's
    and .ci/test-moved-clock PostgreSQL's by as much. Monotonic clocks are left alone:
    they measure durations, not dates."""
    days = config.getoption("clock_ahead_days")
    if days:
        import time_machine

        ahead = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=days)
        traveller = time_machine.travel(ahead, tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)


def pytest_report_header(config):
    days = config.getoption("clock_ahead_days")
    if days:
        now = datetime.datetime.now(datetime.UTC)
        return f"clock moved {days} days ahead: it is now {now:%Y-%m-%d %H:%M} UTC"
    return None


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.name in RENDERING_MODULES:
            item.add_marker(pytest.mark.rendering)


@pytest.fixture(autouse=True, scope="session")
def _media_in_a_temporary_folder(tmp_path_factory):
    """Uploads made by tests (images, documents) never land in the project folder."""
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private-media")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and cached pages never leak from one test into another."""
    from django.core.cache import caches

    for alias in ("default", "versioned"):
        caches[alias].clear()
    yield
    for alias in ("default", "versioned"):
        caches[alias].clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the site's default language: a request under /es/ turns
    Spanish on for the whole thread (LocaleMiddleware), and it would stay on for the next."""
    from django.conf import settings
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture
def home(db):
    return make_site()


@pytest.fixture
def one_rate_limit_window():
    """Rate limits count per clock hour (status look-ups per ten minutes) under a visitor
    key that changes at midnight: a test that counts attempts runs from the top of the
    next hour, so that all its attempts fall in one window whatever the time of day."""
    import time_machine

    now = datetime.datetime.now(datetime.UTC)
    next_hour = now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
    with time_machine.travel(next_hour, tick=True):
        yield


@pytest.fixture
def back_to_the_latest_migrations(transactional_db):
    """For a test that migrates the database back to an older migration: afterwards the
    database is migrated forward again, so the tests after it find every table."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
