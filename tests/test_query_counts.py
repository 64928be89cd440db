"""Every public page type makes as many SQL queries with 12 items to list as with 3: more
news stories, explainers, comments, charts, datasets, releases, rows or published reports
never mean one more query each (no N+1).

Each page is requested at both sizes with Django's cache cleared first, so neither
request is served from a page cache or reuses a chart figure the other one built; the
first request at each size is a warm-up, so what Django caches in the process (content
types, sites) is the same for both measured ones.
"""

import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from feedback import resident_dataset
from home.models import OutcomesPage
from publicdata.models import Chart, ChartKind
from tests.factories import (
    CommentFactory,
    ExplainerIndexPageFactory,
    ExplainerPageFactory,
    NeighbourhoodFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ReportFactory,
    make_feedback_page,
)
from tests.public_pages import in_language
from tests.publicdata_helpers import make_dataset, publish_csv

SMALL, LARGE = 3, 12
CSV_HEADER = "month,referral_type,referrals,enrolled,enrolment_rate,first_contact,diverted\n"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Every request renders its page: none is answered from the page cache."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0


# Measuring -------------------------------------------------------------------------------


def _shape(sql):
    """The query without its values, so the same query for other rows counts as one."""
    sql = re.sub(r"\b\d+\b", "?", re.sub(r"'(?:[^']|'')*'", "?", sql))
    return re.sub(r"IN \([?, ]+\)", "IN (…)", sql)


def _request(client, url, data, method):
    response = getattr(client, method)(url, data or {})
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def queries_for(client, url, *, data=None, method="get", status=200):
    """The SQL of one request to ``url``, made with an empty cache after a warm-up."""
    cache.clear()
    _request(client, url, data, method)
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = _request(client, url, data, method)
    assert response.status_code == status, url
    return [query["sql"] for query in captured.captured_queries]


def assert_flat(client, url, grow, **request):
    """``grow(start, stop)`` adds the listed items numbered ``start`` to ``stop - 1``;
    ``url`` answers with no more queries once there are LARGE of them than with SMALL."""
    grow(0, SMALL)
    small = queries_for(client, url, **request)
    grow(SMALL, LARGE)
    large = queries_for(client, url, **request)
    extra = Counter(map(_shape, large)) - Counter(map(_shape, small))
    listing = "\n".join(f"  {count} × {sql}" for sql, count in extra.items())
    assert len(large) <= len(small), (
        f"{url}: {len(small)} queries with {SMALL} items, {len(large)} with {LARGE}. "
        f"Queries that grew:\n{listing}"
    )


# The site and what its pages list --------------------------------------------------------


def sync_spanish_tree():
    """The Spanish tree as wagtail-localize keeps it: an alias of every English page."""
    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es"))


def localized(page, language):
    return (
        page
        if language == "en"
        else page.get_translation(Locale.objects.get(language_code=language))
    )


class DemoSite:
    """The demo's shape: an explainer index, a news index, and what each lists."""

    def __init__(self, home):
        self.home = home
        self.index = ExplainerIndexPageFactory(parent=home)
        self.explainer = ExplainerPageFactory(parent=self.index, slug="what-is-lead")
        self.news_index = NewsIndexPageFactory(parent=home)
        self.story = NewsPageFactory(parent=self.news_index, slug="lead-pilot-launches")
        self.language = "en"

    def explainers(self, start, stop):
        for number in range(start, stop):
            ExplainerPageFactory(parent=self.index, title=f"LEAD explainer {number}")
        self._sync()

    def news(self, start, stop):
        for number in range(start, stop):
            story = NewsPageFactory(parent=self.news_index, title=f"LEAD news {number}")
            story.tags.add("launch", f"topic-{number}")
            story.save()
        self._sync()

    def everything(self, start, stop):
        self.explainers(start, stop)
        self.news(start, stop)

    def comments(self, page):
        """Comments on ``page`` (in the site's language), each with a resident's reply and
        one from the program."""

        def grow(start, stop):
            self._sync()
            target = localized(page, self.language)
            for number in range(start, stop):
                comment = CommentFactory(page=target, display_name=f"Resident {number}")
                CommentFactory(page=target, parent=comment, display_name="Neighbour")
                CommentFactory(page=target, parent=comment, staff_author=self.staff)

        return grow

    def _sync(self):
        if self.language != "en":
            sync_spanish_tree()

    def synced(self, grow):
        """``grow``, then the Spanish tree brought up to date."""

        def grow_and_sync(start, stop):
            grow(start, stop)
            self._sync()

        return grow_and_sync


@pytest.fixture
def site(home, django_user_model):
    site = DemoSite(home)
    site.staff = django_user_model.objects.create_user("staff", "staff@example.org", "x")
    return site


LANGUAGES = pytest.mark.parametrize("language", ["en", "es"])


# Pages of the page tree ------------------------------------------------------------------


@LANGUAGES
@pytest.mark.parametrize(
    ("path", "items"),
    [
        ("/", "everything"),
        ("/lead/", "explainers"),
        ("/news/", "news"),
        ("/news/?tag=launch", "news"),
        ("/no-such-page/", "everything"),
    ],
)
def test_listing_pages_make_the_same_queries_for_more_pages(client, site, language, path, items):
    site.language = language
    status = 404 if "no-such" in path else 200
    assert_flat(client, in_language(path, language), getattr(site, items), status=status)


@LANGUAGES
@pytest.mark.parametrize("page_name", ["explainer", "story"])
def test_a_page_makes_the_same_queries_for_more_comments(client, site, language, page_name):
    site.language = language
    page = getattr(site, page_name)
    grow = site.comments(page)
    assert_flat(client, in_language(page.url, language), grow)


@LANGUAGES
def test_search_makes_the_same_queries_for_more_results(client, site, language):
    site.language = language
    url = in_language("/search/?query=lead", language)
    assert_flat(client, url, site.everything)


# Charts and open data --------------------------------------------------------------------


def referrals_csv(months):
    """``months`` months of totals, from January 2017."""
    lines = []
    for number in range(months):
        month = f"{2017 + number // 12}-{number % 12 + 1:02d}"
        lines.append(f"{month},Total,27,20,0.741,{month}-03,true\n")
    return CSV_HEADER + "".join(lines)


CHART_KINDS = [
    {"kind": ChartKind.LINE, "y_fields": "referrals, enrolled"},
    {"kind": ChartKind.BAR, "y_fields": "referrals"},
    {"kind": ChartKind.KEY_FIGURE, "y_fields": "referrals"},
]


def make_chart(dataset, number):
    values = {
        "title": f"Chart {number}",
        "summary": "Referrals each month.",
        "x_field": "month",
        "filters": "referral_type=Total",
        **CHART_KINDS[number % len(CHART_KINDS)],
    }
    if values["kind"] == ChartKind.KEY_FIGURE:
        values["filters"] = "referral_type=Total\nmonth=2017-01"
    chart = Chart(dataset=dataset, **values)
    chart.full_clean()
    chart.save()
    return chart


@pytest.fixture
def dataset(db):
    return make_dataset()


@LANGUAGES
def test_the_outcomes_page_makes_the_same_queries_for_more_charts(client, site, dataset, language):
    publish_csv(dataset, referrals_csv(12))
    page = OutcomesPage(title="Outcomes", slug="outcomes", summary="What the pilot achieved.")
    site.home.add_child(instance=page)
    charts = []

    def grow(start, stop):
        charts.extend(make_chart(dataset, number) for number in range(start, stop))
        page.body = [("chart", {"chart": chart, "heading_level": "2"}) for chart in charts]
        page.save_revision().publish()

    site.language = language
    assert_flat(client, in_language("/outcomes/", language), site.synced(grow))


def add_datasets(start, stop):
    for number in range(start, stop):
        extra = make_dataset(slug=f"dataset-{number}", title=f"Dataset {number}")
        publish_csv(extra, referrals_csv(3))


@LANGUAGES
def test_the_catalogue_makes_the_same_queries_for_more_datasets(client, db, language):
    assert_flat(client, in_language("/data/", language), add_datasets)


@pytest.mark.parametrize("url", ["/data.json", "/api/v1/datasets"])
def test_machine_catalogues_make_the_same_queries_for_more_datasets(client, db, url):
    assert_flat(client, url, add_datasets)


def add_releases_and_charts(dataset):
    """Releases of ``dataset`` (the newest with as many months as there are releases) and
    charts drawn from it."""

    def grow(start, stop):
        for number in range(start, stop):
            publish_csv(dataset, referrals_csv(number + 1), note=f"Release {number + 1}")
            make_chart(dataset, number)

    return grow


@LANGUAGES
def test_the_dataset_page_makes_the_same_queries_for_more_releases_charts_and_rows(
    client, dataset, language
):
    url = in_language("/data/referrals/", language)
    assert_flat(client, url, add_releases_and_charts(dataset))


@pytest.mark.parametrize(
    "url", ["/api/v1/datasets/referrals", "/api/v1/datasets/referrals/rows?limit=1000"]
)
def test_the_api_makes_the_same_queries_for_more_releases_and_rows(client, dataset, url):
    assert_flat(client, url, add_releases_and_charts(dataset))


# The feedback pages ----------------------------------------------------------------------


@pytest.fixture
def feedback(site, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    return make_feedback_page(site.home)


def add_neighbourhoods(start, stop):
    for number in range(start, stop):
        NeighbourhoodFactory(name=f"Neighbourhood {number}")


def add_published_reports(start, stop):
    """Published reports across months, neighbourhoods and topics, with the program's
    response; then the residents' dataset and its trend charts, refreshed."""
    for number in range(start, stop):
        report = ReportFactory(
            status="published",
            public_text=f"Public text {number}.",
            official_response="Thank you; we passed this to the district commander.",
            neighbourhood=NeighbourhoodFactory(name=f"Neighbourhood {number % 4}"),
            interaction_date=f"2026-{number % 9 + 1:02d}-14",
            rating_respect=4,
            rating_satisfied=3,
        )
        report.tags.add("respect", f"topic-{number}")
    resident_dataset.refresh()


@LANGUAGES
def test_the_feedback_form_makes_the_same_queries_for_more_neighbourhoods(
    client, site, feedback, language
):
    site.language = language
    url = in_language("/feedback/", language)
    assert_flat(client, url, site.synced(add_neighbourhoods))


@LANGUAGES
def test_the_status_page_makes_the_same_queries_for_more_reports(client, site, feedback, language):
    site.language = language
    lookup = ReportFactory(status="published", public_text="Public text.")
    url = in_language("/feedback/status/", language)
    assert_flat(
        client,
        url,
        site.synced(add_published_reports),
        method="post",
        data={"code": lookup.receipt_code},
    )


@LANGUAGES
@pytest.mark.parametrize(
    "path",
    [
        "/feedback/published/",
        "/feedback/published/?tag=respect",
        "/feedback/published/reports.csv",
        "/feedback/published/feed.atom",
    ],
)
def test_the_published_reports_make_the_same_queries_for_more_reports(
    client, site, feedback, language, path
):
    site.language = language
    url = in_language(path, language)
    assert_flat(client, url, site.synced(add_published_reports))
