"""A change asks the CDN to forget each address it changed exactly once, and only addresses
the site answers: every page in both languages after a publication, a dataset's pages,
files and charts after a release, the published reports after a moderation decision, the
addresses a page leaves when it is unpublished or moved. Never an ``/en/`` address (English
has no prefix). Cloudflare's purge API is outside our control: its HTTP endpoint alone is
replaced, so the purges go through Wagtail's Cloudflare backend as in production."""

import json
import os
import subprocess
import sys
from collections import Counter
from unittest import mock
from urllib.parse import urlsplit

import pytest
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from feedback.moderation import decisions as moderation
from tests.factories import ExplainerIndexPageFactory, ExplainerPageFactory, ReportFactory
from tests.publicdata_helpers import REFERRALS_V2, publish_csv, referrals  # noqa: F401
from tests.test_page_cache import chart, chart_page  # noqa: F401
from tests.test_settings import CAPTCHA_KEYS, CONTACT_KEYS, GOOD_KEY, PROXY_COUNT, ROOT

SITE = "http://localhost"  # the test site's host (tests/factories.py, make_site)
ZONE = "zone-1"


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def site(home, feedback_page, chart_page):  # noqa: F811 (fixture)
    """Explainers, the feedback page, a dataset drawn in a chart on a page, and the
    Spanish tree of them all."""
    index = ExplainerIndexPageFactory(parent=home, title="LEAD", slug="lead")
    explainer = ExplainerPageFactory(parent=index, title="What is LEAD?", slug="what-is-lead")
    ExplainerPageFactory(parent=home, title="Get help now", slug="get-help", comments_open=False)
    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es"))
    return explainer


@pytest.fixture
def cloudflare(settings, site):
    """The addresses Cloudflare is asked to purge, one entry per address per request.
    Configured once the site is built: what the fixtures did is not purged."""
    settings.WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": ZONE,
            "BEARER_TOKEN": "token-1",
        }
    }
    purged = []

    class Answer:
        status_code = 200

        def json(self):
            return {"success": True, "errors": [], "result": {"id": ZONE}}

    def post(url, json=None, headers=None, **kwargs):
        assert url == f"https://api.cloudflare.com/client/v4/zones/{ZONE}/purge_cache"
        assert headers["Authorization"] == "Bearer token-1"
        purged.extend(json["files"])
        return Answer()

    with mock.patch("wagtail.contrib.frontend_cache.backends.cloudflare.requests.post", post):
        yield purged


@pytest.fixture
def purged_by(cloudflare, django_capture_on_commit_callbacks):
    """What Cloudflare is asked to purge for ``change``, committed as a request commits."""

    def purge(change):
        cloudflare.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return list(cloudflare)

    return purge


def answers(client, address):
    parts = urlsplit(address)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return client.get(path, headers={"host": parts.netloc}).status_code


def assert_purged_once_each(purged):
    assert purged
    assert [address for address, times in Counter(purged).items() if times > 1] == []
    assert [address for address in purged if urlsplit(address).path.startswith("/en/")] == []


def assert_each_answers(client, purged, status=200, **others):
    """Every purged address answers ``status``; ``others``: address -> its own status."""
    wrong = {}
    for address in purged:
        expected = others.get(address, status)
        if (got := answers(client, address)) != expected:
            wrong[address] = got
    assert wrong == {}


def test_a_publication_purges_every_page_once_in_both_languages(client, site, purged_by):
    site.title = "What LEAD is"
    purged = purged_by(lambda: site.save_revision().publish())
    assert_purged_once_each(purged)
    for path in [
        "/",
        "/es/",
        "/lead/what-is-lead/",
        "/es/lead/what-is-lead/",
        "/get-help/",
        "/es/get-help/",
        "/outcomes-page/",
        "/es/outcomes-page/",
        "/feedback/published/",
        "/es/feedback/published/reports.csv",
        "/es/feedback/published/feed.atom",
        "/data/",
        "/es/data/referrals/",
        "/search/",
        "/sitemap.xml",
    ]:
        assert SITE + path in purged, path
    # A page does not change the data files.
    assert SITE + "/data/referrals/download.csv" not in purged
    assert_each_answers(client, purged)


def test_a_release_purges_its_dataset_files_charts_and_the_catalogue_once(
    client,
    site,
    purged_by,
    referrals,  # noqa: F811 (fixture)
    chart,  # noqa: F811
    chart_page,  # noqa: F811
):
    purged = purged_by(lambda: publish_csv(referrals, REFERRALS_V2, note="Again."))
    assert_purged_once_each(purged)
    for path in [
        "/data/referrals/",
        "/es/data/referrals/",
        "/data/referrals/datapackage.json",
        "/data/referrals/download.csv",
        "/es/data/referrals/download.xlsx",
        f"/embed/charts/{chart.pk}/",
        f"/es/embed/charts/{chart.pk}.csv",
        "/data/",
        "/es/data/",
        "/data.json",
        "/data/lead-baltimore-open-data.zip",
        chart_page.url,
        "/es" + chart_page.url,
    ]:
        assert SITE + path in purged, path
    assert SITE + site.url not in purged
    assert_each_answers(client, purged)


def test_a_moderation_decision_purges_the_published_reports_once(
    client, site, purged_by, admin_user
):
    report = ReportFactory(account="The officer listened to me.")
    purged = purged_by(lambda: moderation.approve(report, admin_user, "The officer listened."))
    assert_purged_once_each(purged)
    for path in ["/feedback/published/", "/feedback/published/reports.csv"]:
        assert SITE + path in purged and SITE + "/es" + path in purged, path
    assert SITE + "/es/feedback/published/feed.atom" in purged
    assert SITE + site.url not in purged
    assert_each_answers(client, purged)


def test_an_unpublished_page_is_purged_where_it_was(client, site, purged_by):
    addresses = {SITE + "/lead/what-is-lead/", SITE + "/es/lead/what-is-lead/"}
    purged = purged_by(lambda: site.unpublish())
    assert_purged_once_each(purged)
    assert addresses <= set(purged)
    assert_each_answers(client, purged, **dict.fromkeys(addresses, 404))


def test_a_moved_page_is_purged_where_it_was_and_where_it_is(client, home, site, purged_by):
    background = ExplainerIndexPageFactory(parent=home, title="Background", slug="background")
    purged = purged_by(lambda: site.move(background, pos="last-child"))
    assert_purged_once_each(purged)
    assert {SITE + "/lead/what-is-lead/", SITE + "/background/what-is-lead/"} <= set(purged)
    # The old address redirects to the new one (with the trailing slash, or without it as
    # Wagtail's redirects name it).
    was = {a for a in purged if urlsplit(a).path.rstrip("/") == "/lead/what-is-lead"}
    assert_each_answers(client, purged, **dict.fromkeys(was, 301))


def test_without_a_cdn_nothing_is_purged(site, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    with (
        mock.patch("wagtail.contrib.frontend_cache.backends.cloudflare.requests.post") as post,
        mock.patch("portal.caching.cdn.purge_addresses") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        site.title = "What LEAD is"
        site.save_revision().publish()
    assert not post.called and not task.enqueue.called


def _production_frontend_cache(**env):
    """``WAGTAILFRONTENDCACHE`` of the production settings with ``env``, or the error."""
    environment = {
        **{key: value for key, value in os.environ.items() if key != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": GOOD_KEY,
        "ALLOWED_HOSTS": "lead.example.org",
        **CAPTCHA_KEYS,
        **CONTACT_KEYS,
        **PROXY_COUNT,
        **env,
    }
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([getattr(settings, 'WAGTAILFRONTENDCACHE', None), "
        "settings.WAGTAILFRONTENDCACHE_LANGUAGES]))"
    )
    result = subprocess.run(  # noqa: S603 (our own settings, in a fresh process)
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    return json.loads(result.stdout) if result.returncode == 0 else result.stderr


def test_production_purges_cloudflare_when_its_zone_and_token_are_set():
    assert _production_frontend_cache() == [None, []]
    configured, languages = _production_frontend_cache(
        CLOUDFLARE_ZONE_ID="zone-1", CLOUDFLARE_API_TOKEN="token-1"
    )
    assert configured == {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": "zone-1",
            "BEARER_TOKEN": "token-1",
        }
    }
    assert languages == []  # the addresses as named, never an /en/ twin
    half = _production_frontend_cache(CLOUDFLARE_ZONE_ID="zone-1")
    assert "Set both CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN" in half
