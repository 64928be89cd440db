"""What a phone downloads before it can show a page: every page of the demo site ships at
most 20 kB of compressed CSS and JavaScript, and plotly.js is only ever fetched by a page
with a plot (docs/performance.md, "Phone performance").

Sizes are the files' gzip -9 sizes, as the production server sends them (whitenoise's
precompressed copies are gzip -9 too), read through the staticfiles finders from the
stylesheets and scripts each page's HTML references.
"""

import gzip
import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from tests.public_pages import PAGE_TYPES

# The module's pages fixture builds the demo site once; this makes pytest-django set up
# the test database for it.
pytestmark = pytest.mark.django_db

BUDGET = 20 * 1024
PLOTLY = "vendor/plotly-basic.min.js"


class StaticReferences(HTMLParser):
    """The stylesheets and scripts a page loads, and the plotly.js address charts.js is
    given (it fetches it only when a plot comes on screen)."""

    def __init__(self):
        super().__init__()
        self.stylesheets, self.scripts, self.on_demand = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split():
            self.stylesheets.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
            if attrs.get("data-plotly"):
                self.on_demand.append(attrs["data-plotly"])


def static_name(url):
    assert url.startswith(settings.STATIC_URL), f"{url} is not one of our static files"
    return url.removeprefix(settings.STATIC_URL).split("?")[0]


def gzipped_size(name):
    path = finders.find(name)
    assert path, f"{name} is not found by the staticfiles finders"
    with open(path, "rb") as file:
        return len(gzip.compress(file.read(), compresslevel=9, mtime=0))


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """{page name: (has a plot, {static name: gzip bytes} loaded, [fetched on demand])} for
    every public page type of the demo site, built once and rolled back."""
    measured = {}
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_site", "--no-admin", stdout=StringIO())
        client = Client()
        for name, path in PAGE_TYPES:
            response = client.get(path)
            assert response.status_code in (200, 404), (path, response.status_code)
            html = response.content.decode()
            references = StaticReferences()
            references.feed(html)
            loaded = {
                static_name(url): gzipped_size(static_name(url))
                for url in references.stylesheets + references.scripts
            }
            on_demand = [static_name(url) for url in references.on_demand]
            has_plot = re.search(r'class="chart__plot"', html) is not None
            measured[name] = (has_plot, loaded, on_demand)
        transaction.set_rollback(True)
    return measured


def test_every_page_ships_at_most_20_kb_of_compressed_css_and_javascript(pages):
    print("\n| page | CSS and JS files | gzip -9 bytes |\n| --- | --- | ---: |")
    over = {}
    for name, (_, loaded, _) in pages.items():
        total = sum(loaded.values())
        print(f"| {name} | {', '.join(loaded)} | {total:,} |")
        if total > BUDGET:
            over[name] = total
    assert over == {}, f"over {BUDGET:,} bytes: {over}"


def test_plotly_is_fetched_only_by_pages_with_a_plot_and_only_on_demand(pages):
    with_plot = {name for name, (has_plot, _, _) in pages.items() if has_plot}
    # The outcomes page plots; the home page's chart is a key figure, text only.
    assert "outcomes" in with_plot and "home" not in with_plot
    for name, (has_plot, loaded, on_demand) in pages.items():
        assert PLOTLY not in loaded, f"{name} loads plotly.js before any plot is on screen"
        assert on_demand == ([PLOTLY] if has_plot else []), name
        assert ("js/charts.js" in loaded) == has_plot, name
    plotly = gzipped_size(PLOTLY)
    print(f"\n{PLOTLY}, fetched when a plot comes on screen: {plotly:,} gzip -9 bytes")
