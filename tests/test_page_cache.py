"""Anonymous pages come from the cache, with headers a CDN can use, and stop coming from it
exactly when what they show changes: a page published, unpublished or moved, the site
settings, a moderation decision, a new release, a chart edited. Pages with a form are
stored with stand-ins for each visitor's tokens (tests/test_form_pages.py), so no visitor's
CSRF token reaches another."""

import gzip
import re
from unittest import mock

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import path as url_path

from feedback.comments import flags
from feedback.moderation import decisions as moderation
from home.models import SiteSettings
from portal.caching import scopes
from publicdata.models import Chart, ChartKind
from tests.factories import ExplainerPageFactory, ReportFactory
from tests.publicdata_helpers import REFERRALS_V2, publish_csv, referrals  # noqa: F401


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def explainer(home):
    page = ExplainerPageFactory(
        parent=home, title="What is LEAD?", slug="what-is-lead", comments_open=False
    )
    return page


@pytest.fixture
def chart(referrals):  # noqa: F811 (fixture)
    return Chart.objects.create(
        title="Referrals each month",
        summary="Referrals rose.",
        dataset=referrals,
        kind=ChartKind.LINE,
        x_field="month",
        y_fields="referrals",
        filters="referral_type=Total",
    )


@pytest.fixture
def chart_page(home, chart):
    page = ExplainerPageFactory(
        parent=home, title="Outcomes", slug="outcomes-page", comments_open=False
    )
    page.body = [{"type": "chart", "value": {"chart": chart.pk, "heading_level": "2"}}]
    page.save_revision().publish()
    return page


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.get("X-Page-Cache")


def test_an_anonymous_page_is_stored_and_then_served_without_touching_the_database(
    client, explainer, django_assert_num_queries
):
    first, state = get(client, explainer.url)
    assert state == "miss"
    with django_assert_num_queries(0):
        second, state = get(client, explainer.url)
    assert state == "hit"
    assert second.content == first.content
    assert "What is LEAD?" in second.content.decode()


def test_a_stored_page_tells_browsers_and_a_cdn_how_long_to_keep_it(client, explainer):
    response, _ = get(client, explainer.url)
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=86400"}
    # The same for every anonymous visitor, in every browser language.
    vary = response.get("Vary", "")
    assert "Cookie" not in vary and "Accept-Language" not in vary
    assert not response.cookies
    hit, _ = get(client, explainer.url)
    assert hit["Cache-Control"] == response["Cache-Control"]


def test_an_address_with_a_query_string_is_kept_briefly_by_a_cdn(client, home):
    response, state = get(client, "/search/?query=lead")
    assert state == "miss"
    assert "s-maxage=60" in response["Cache-Control"]


def test_a_page_answers_304_to_a_browser_that_has_it(client, explainer):
    response, _ = get(client, explainer.url)
    etag = response["ETag"]
    for _ in range(2):  # from the view, then from the cache
        again, _ = get(client, explainer.url, if_none_match=etag)
        assert again.status_code == 304
    gzipped = client.get(explainer.url, headers={"accept-encoding": "gzip"})
    assert gzipped["Content-Encoding"] == "gzip" and gzipped["ETag"].startswith("W/")
    assert (
        client.get(
            explainer.url, headers={"accept-encoding": "gzip", "if-none-match": gzipped["ETag"]}
        ).status_code
        == 304
    )


def test_a_stored_page_is_sent_as_it_was_first_sent_compressed_or_not(client, explainer):
    plain, _ = get(client, explainer.url)
    gzipped, state = get(client, explainer.url, accept_encoding="gzip, br")
    assert state == "miss"  # each compression is stored once, as sent
    hit, state = get(client, explainer.url, accept_encoding="gzip")
    assert state == "hit" and hit["Content-Encoding"] == "gzip"
    assert hit.content == gzipped.content
    assert gzip.decompress(hit.content) == get(client, explainer.url)[0].content == plain.content
    for name in ("ETag", "Vary", "Content-Length", "X-Content-Type-Options", "Permissions-Policy"):
        assert hit[name] == gzipped[name], name


def test_every_answer_from_the_cache_has_a_fresh_nonce(client, explainer):
    nonces = set()
    for expected in ("miss", "hit", "hit"):
        response, state = get(client, explainer.url)
        assert state == expected
        policy = response["Content-Security-Policy"]
        nonces.add(re.search(r"script-src 'self' 'nonce-([^']+)'", policy).group(1))
        assert "page-cache" not in policy
    assert len(nonces) == 3


def inline_script(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}">document.title = "x";</script>')


urlpatterns = [url_path("inline-script/", inline_script)]


@pytest.mark.urls("tests.test_page_cache")
def test_a_page_that_uses_its_nonce_inline_is_never_stored(client, db):
    for _ in range(2):
        response, state = get(client, "/inline-script/")
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'nonce="{nonce}"' in response.content.decode()
        assert state is None


def test_a_hit_takes_one_trip_to_the_cache(client, explainer):
    get(client, explainer.url), get(client, explainer.url)
    with (
        mock.patch.object(scopes.cache, "get", wraps=scopes.cache.get) as get_one,
        mock.patch.object(scopes.cache, "get_many", wraps=scopes.cache.get_many) as many,
    ):
        assert get(client, explainer.url)[1] == "hit"
    # One get_many: the page and its scopes' versions (the memory cache of the tests reads
    # each of its keys with get; Redis answers them in one MGET).
    assert many.call_count == 1
    assert get_one.call_count == len(many.call_args.args[0]) == 2


def test_a_browser_revalidating_a_page_not_stored_yet_gets_304_and_the_page_is_stored(
    client, explainer
):
    etag = get(client, explainer.url)[0]["ETag"]
    cache.clear()
    response, _ = get(client, explainer.url, if_none_match=etag)
    assert response.status_code == 304
    assert "public" in response["Cache-Control"]
    page, state = get(client, explainer.url)
    assert page.status_code == 200 and state == "hit" and b"What is LEAD?" in page.content


def test_pages_with_a_form_are_stored_and_each_visitor_gets_their_own_token(home, feedback_page):
    commentable = ExplainerPageFactory(parent=home, title="Your rights", comments_open=True)
    for url in ["/feedback/", "/feedback/status/", commentable.url]:
        tokens = set()
        for expected in ("miss", "hit"):
            visitor = Client()
            response, state = get(visitor, url)
            assert state == expected, url
            # The visitor's own token: never kept by a CDN, asked again by the browser.
            assert response["Cache-Control"] == "private, no-cache", url
            assert "ETag" not in response and "Cookie" in response["Vary"], url
            tokens.add(
                re.search(
                    r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()
                ).group(1)
            )
            assert "csrftoken" in visitor.cookies
        assert len(tokens) == 2, url


def test_staff_are_never_served_or_stored_a_cached_page(client, admin_user, explainer):
    get(client, explainer.url)  # stored for anonymous visitors
    client.force_login(admin_user)
    response, state = get(client, explainer.url)
    assert state is None
    assert "private" in response["Cache-Control"]
    client.logout()
    _, state = get(client, explainer.url)
    assert state == "hit"


def test_publishing_a_page_changes_it_and_every_menu_at_once(client, home, explainer):
    other = ExplainerPageFactory(parent=home, title="Pilot area", comments_open=False)
    get(client, explainer.url), get(client, other.url)
    assert get(client, other.url)[1] == "hit"
    explainer.title = "What LEAD is"
    with_capture(lambda: explainer.save_revision().publish())
    page, state = get(client, explainer.url)
    assert state == "miss" and "What LEAD is" in page.content.decode()
    menu, state = get(client, other.url)
    assert state == "miss" and "What LEAD is" in menu.content.decode()


def test_unpublishing_and_moving_a_page_are_seen_at_once(client, home, explainer):
    other = ExplainerPageFactory(parent=home, title="Pilot area", comments_open=False)
    get(client, explainer.url)
    with_capture(lambda: explainer.unpublish())
    assert client.get(explainer.url).status_code == 404
    get(client, other.url)
    parent = ExplainerPageFactory(parent=home, title="Background", slug="background")
    with_capture(lambda: other.move(parent, pos="last-child"))
    other.refresh_from_db()
    moved = client.get("/pilot-area/")
    assert moved.status_code == 301 and moved["Location"] == other.url
    assert get(client, other.url)[0].status_code == 200


def test_site_settings_show_in_the_footer_at_once(client, explainer):
    get(client, explainer.url)
    settings_row = SiteSettings.for_site(explainer.get_site())
    settings_row.emergency_text = "In an emergency, call 911 now."
    with_capture(settings_row.save)
    page, state = get(client, explainer.url)
    assert state == "miss" and "call 911 now." in page.content.decode()


def test_a_moderation_decision_shows_on_the_published_reports_at_once(
    client, feedback_page, admin_user, chart_page
):
    report = ReportFactory(account="The officer listened to me.")
    get(client, "/feedback/published/")
    assert get(client, "/feedback/published/")[1] == "hit"
    get(client, chart_page.url)
    with_capture(lambda: moderation.approve(report, admin_user, "The officer listened."))
    page, state = get(client, "/feedback/published/")
    assert state == "miss" and "The officer listened." in page.content.decode()
    # Exactly: a page that shows no feedback stays stored.
    assert get(client, chart_page.url)[1] == "hit"
    with_capture(lambda: flags.hide(report))
    page, _ = get(client, "/feedback/published/")
    assert "The officer listened." not in page.content.decode()
    with_capture(lambda: flags.keep_published(report, admin_user))
    assert "The officer listened." in get(client, "/feedback/published/")[0].content.decode()
    with_capture(lambda: moderation.reject(report, admin_user, "off_topic"))
    assert "The officer listened." not in get(client, "/feedback/published/")[0].content.decode()


def test_a_new_release_shows_on_its_pages_and_charts_at_once(
    client,
    referrals,  # noqa: F811 (fixture)
    chart_page,
    explainer,
):
    urls = ["/data/", "/data/referrals/", chart_page.url, "/data.json"]
    before = {url: get(client, url)[0].content.decode() for url in urls}
    get(client, explainer.url)
    corrected = REFERRALS_V2.replace("2017-02,Total,46,37", "2017-02,Total,58,37").replace(
        "2017-02,Social contact,15,12", "2017-02,Social contact,27,12"
    )
    with_capture(lambda: publish_csv(referrals, corrected, note="Late referrals added."))
    for url in urls:
        after, state = get(client, url)
        assert state == "miss", url
        # The catalogue and data.json name datasets and days, not versions.
        if url not in ("/data/", "/data.json"):
            assert after.content.decode() != before[url], url
    assert "version 3" in get(client, "/data/referrals/")[0].content.decode().lower()
    # Exactly: a page without the dataset stays stored.
    assert get(client, explainer.url)[1] == "hit"


def test_the_sitemap_lists_a_newly_published_dataset_at_once(client, home, referrals):  # noqa: F811
    from publicdata.models import Dataset
    from tests.publicdata_helpers import REFERRALS_V1

    other = Dataset.objects.create(
        title="Services",
        slug="services",
        summary="Services.",
        source="Case managers",
        contact_email="data@example.org",
    )
    for spec in referrals.fields.all():
        spec.pk, spec.dataset = None, other
        spec.save()
    assert "/data/referrals/" in get(client, "/sitemap.xml")[0].content.decode()
    assert get(client, "/sitemap.xml")[1] == "hit"
    with_capture(lambda: publish_csv(other, REFERRALS_V1))
    sitemap, state = get(client, "/sitemap.xml")
    assert state == "miss" and "/data/services/" in sitemap.content.decode()


def test_editing_a_chart_shows_on_the_page_that_draws_it(client, chart, chart_page):
    get(client, chart_page.url)
    chart.title = "People referred each month"
    with_capture(chart.save)
    page, state = get(client, chart_page.url)
    assert state == "miss" and "People referred each month" in page.content.decode()


_capture = {}


@pytest.fixture(autouse=True)
def _capture_commits(django_capture_on_commit_callbacks):
    _capture["capture"] = django_capture_on_commit_callbacks


def with_capture(change):
    """Run ``change`` and what it schedules for after the commit, as a real request would."""
    with _capture["capture"](execute=True):
        change()


def test_a_stored_page_keeps_its_own_security_headers(client, chart):
    """The chart embed page may be framed by any site, every other page by none: each keeps
    its policy when it comes from the cache."""
    embed = f"/embed/charts/{chart.pk}/"
    for expected in ("miss", "hit"):
        response, state = get(client, embed)
        assert state == expected
        assert "frame-ancestors *" in response["Content-Security-Policy"]
        assert "X-Frame-Options" not in response
    get(client, "/data/")
    page, state = get(client, "/data/")
    assert state == "hit"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert page["X-Frame-Options"] == "DENY"


def test_a_page_stored_by_another_release_is_never_served(client, explainer):
    get(client, explainer.url)
    assert get(client, explainer.url)[1] == "hit"
    # Another release (servers are replaced one at a time, old and new side by side) keeps
    # its own pages, parts and page tree facts.
    with mock.patch("portal.caching.scopes.release", return_value="another-release"):
        assert get(client, explainer.url)[1] == "miss"
        assert get(client, explainer.url)[1] == "hit"
    assert get(client, explainer.url)[1] == "hit"


def test_a_release_is_known_by_its_code_templates_translations_and_static_files(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path / "static"
    (tmp_path / "templates").mkdir()
    (tmp_path / "static").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<p>{{ page.title }}</p>")
    compute = scopes.release.__wrapped__
    first = compute(tmp_path)
    assert compute(tmp_path) == first
    template.write_text("<p>{{ page.title }}!</p>")
    second = compute(tmp_path)
    assert second != first
    (tmp_path / "static" / "staticfiles.json").write_text('{"paths": {}}')
    assert compute(tmp_path) not in (first, second)
