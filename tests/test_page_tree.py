"""A page built for a visitor the page cache cannot answer (a staff member: here a visitor
with a session cookie) reads what the page tree decides (the site of the host, the breadcrumbs, the
addresses in each language) from the cache, and follows every change of the tree at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from portal.caching import invalidation, scopes
from tests.factories import ExplainerIndexPageFactory, ExplainerPageFactory


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 3600


@pytest.fixture
def section(home):
    return ExplainerIndexPageFactory(parent=home, title="About LEAD", slug="lead")


@pytest.fixture
def rights(section):
    return ExplainerPageFactory(parent=section, title="Your rights", comments_open=True)


@pytest.fixture
def visitor(client):
    """A visitor with a session cookie: the page cache never answers them."""
    client.cookies["sessionid"] = "no-such-session"
    return client


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    return response, [query["sql"] for query in queries]


def test_a_page_built_again_does_not_look_up_the_site_or_its_breadcrumbs(visitor, rights):
    _, first = queries_of(visitor, rights.url)
    _, again = queries_of(visitor, rights.url)
    assert any("wagtailcore_site" in sql for sql in first)
    assert not any("wagtailcore_site" in sql for sql in again)
    assert len(again) < len(first)


def test_a_section_renamed_shows_in_the_breadcrumbs_of_a_built_page_at_once(
    visitor, section, rights, django_capture_on_commit_callbacks
):
    page, _ = queries_of(visitor, rights.url)
    assert 'href="/lead/"' in page.content.decode()
    section.title = "How LEAD works"
    with django_capture_on_commit_callbacks(execute=True):
        section.save_revision().publish()
    page, _ = queries_of(visitor, rights.url)
    breadcrumbs = page.content.decode().split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    assert "How LEAD works" in breadcrumbs and "About LEAD" not in breadcrumbs


def test_a_site_saved_for_the_host_answers_at_once(client, section, rights):
    url = rights.url
    assert "Your rights" in client.get(url).content.decode()
    # The test client's host gets its own site, rooted at the section.
    Site.objects.create(hostname="testserver", port=80, root_page=section, site_name="Other")
    assert client.get(url).status_code == 404  # now /lead/lead/your-rights/
    assert "Your rights" in client.get("/your-rights/").content.decode()


def test_a_version_dropped_by_the_cache_is_never_taken_for_the_old_one(client, home):
    from django.core.cache import cache

    pages = scopes.SCOPE_KEY.format("pages")
    cache.delete(pages)  # never set, or evicted by Redis
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
    invalidation.invalidate("pages")  # a change; the stored home page is now stale
    cache.delete(pages)  # and its new version evicted before anyone asked for the page
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_page_made_private_leaves_the_cache_and_the_menus_at_once(
    client, home, section, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    section.show_in_menus = True
    section.save_revision().publish()
    for _ in range(2):
        assert client.get(section.url).status_code == 200
        assert 'href="/lead/"' in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get(section.url).status_code == 302  # to the sign-in page
    assert 'href="/lead/"' not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert client.get(section.url).status_code == 200
    assert 'href="/lead/"' in client.get("/").content.decode()


def test_an_address_is_routed_from_the_cache_and_follows_a_new_slug_at_once(
    visitor, section, rights, django_capture_on_commit_callbacks
):
    old_url = rights.url
    _, first = queries_of(visitor, old_url)
    _, again = queries_of(visitor, old_url)
    # Neither the section nor the page is looked up by its slug again.
    slug_lookups = [sql for sql in again if '"wagtailcore_page"."slug" =' in sql]
    assert not slug_lookups
    assert len(again) < len(first)
    rights.slug = "know-your-rights"
    with django_capture_on_commit_callbacks(execute=True):
        rights.save_revision().publish()
    moved = visitor.get(old_url)  # Wagtail keeps a redirect from the old address
    assert moved.status_code == 301 and moved["Location"] == "/lead/know-your-rights/"
    assert "Your rights" in visitor.get("/lead/know-your-rights/").content.decode()


def test_a_missing_address_stays_missing_until_a_page_is_published_there(
    client, section, django_capture_on_commit_callbacks
):
    assert client.get("/lead/pilot-area/").status_code == 404
    assert client.get("/lead/pilot-area/").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        page = ExplainerPageFactory(
            parent=section, title="Pilot area", slug="pilot-area", comments_open=False
        )
        page.save_revision().publish()
    assert "Pilot area" in client.get("/lead/pilot-area/").content.decode()


def test_a_page_with_routes_of_its_own_is_found_from_the_cache_and_routes_the_rest(
    client, feedback_page
):
    client.cookies["sessionid"] = "no-such-session"  # every page built, none from the cache
    for path in ["/feedback/", "/feedback/status/", "/feedback/published/"]:
        _, first = queries_of(client, path)
        _, again = queries_of(client, path)
        # The feedback page is not looked up by its slug again; its own routes still work.
        assert any('"wagtailcore_page"."slug" =' in sql for sql in first), path
        assert not any('"wagtailcore_page"."slug" =' in sql for sql in again), path
    assert client.get("/feedback/no-such-route/").status_code == 404
    assert client.get("/feedback/no-such-route/").status_code == 404
