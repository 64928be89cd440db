"""The privacy rules of the product brief that apply to the pages built so far.

Rule 2: the raw IP addresses of people using the public site are never stored, in the
database or in logs. Rule 5: pages load no third-party script, font or tracker.
"""

import logging
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings
from wagtail.models import Page

VISITOR_ADDRESS = "203.0.113.77"

# Attributes that make the browser fetch something when the page loads.
_LOADED_ASSET = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"
    r"\b(?:src|href|data|srcset)=\"([^\"]+)\"",
    re.IGNORECASE,
)


@pytest.fixture
def demo_site(db):
    call_command("load_demo_site", "--no-admin", stdout=StringIO())


@pytest.fixture
def all_log_records():
    """Every log record at every level, from every logger, formatted as configured."""
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s %(args)s"))
    # The root logger, and every logger that does not pass its records up to it.
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and not logger.propagate
    ]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield stream
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def database_text():
    """Everything stored in every table, as text."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(str(row) for row in cursor.fetchall())
    return "\n".join(chunks)


@override_settings(ROOT_URLCONF="tests.test_site_routes")
def test_visitor_addresses_never_reach_the_logs_or_the_database(demo_site, all_log_records):
    client = Client(REMOTE_ADDR=VISITOR_ADDRESS, raise_request_exception=False)
    for url in ["/", "/lead/what-is-lead/", "/search/?query=rights", "/no-such-page/", "/boom/"]:
        client.get(url, HTTP_X_FORWARDED_FOR=VISITOR_ADDRESS)
    client.post("/healthz", HTTP_X_FORWARDED_FOR=VISITOR_ADDRESS)
    logged = all_log_records.getvalue()
    assert "Internal Server Error: /boom/" in logged  # the handler really captured logs
    assert VISITOR_ADDRESS not in logged
    assert VISITOR_ADDRESS not in database_text()


def test_pages_load_nothing_from_other_sites(client, demo_site):
    urls = [page.url for page in Page.objects.live().filter(depth__gte=2).specific()]
    for url in [*urls, "/search/?query=lead", "/no-such-page/"]:
        html = client.get(url).content.decode()
        for asset in _LOADED_ASSET.findall(html):
            assert asset.startswith("/") and not asset.startswith("//"), (url, asset)
        assert "@import" not in html and "fonts.googleapis" not in html, url
