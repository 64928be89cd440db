"""Main navigation, breadcrumbs and footer come from the page tree."""

import datetime

import pytest

from tests.factories import (
    ExplainerIndexPageFactory,
    ExplainerPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)


@pytest.fixture
def tree(home):
    lead = ExplainerIndexPageFactory(parent=home)
    what = ExplainerPageFactory(parent=lead, title="What is LEAD?", slug="what-is-lead")
    hidden = ExplainerPageFactory(parent=home, title="Privacy notice", slug="privacy")
    hidden.show_in_menus = False
    hidden.save()
    news = NewsIndexPageFactory(parent=home)
    return {"lead": lead, "what": what, "news": news, "privacy": hidden}


def main_nav(html):
    return html.split('aria-label="Main"', 1)[1].split("</nav>", 1)[0]


def test_main_navigation_lists_top_level_menu_pages_in_tree_order(client, tree):
    nav = main_nav(client.get("/").content.decode())
    assert nav.index('href="/lead/"') < nav.index('href="/news/"')
    assert "Privacy notice" not in nav


def test_current_section_is_marked_for_assistive_technology(client, tree):
    nav = main_nav(client.get("/lead/what-is-lead/").content.decode())
    assert 'href="/lead/" aria-current="true"' in nav
    nav = main_nav(client.get("/news/").content.decode())
    assert 'href="/news/" aria-current="page"' in nav


def test_breadcrumbs_lead_back_home(client, tree):
    html = client.get("/lead/what-is-lead/").content.decode()
    crumbs = html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert crumbs.index('href="/"') < crumbs.index('href="/lead/"')
    assert 'aria-current="page">What is LEAD?' in crumbs


def test_home_page_has_no_breadcrumbs(client, tree):
    assert 'aria-label="Breadcrumb"' not in client.get("/").content.decode()


def test_footer_lists_sections_with_their_pages(client, tree):
    html = client.get("/news/").content.decode()
    footer = html.split('aria-label="Footer"', 1)[1]
    assert '<a href="/lead/">About LEAD</a>' in footer
    assert '<a href="/lead/what-is-lead/">What is LEAD?</a>' in footer


def test_unpublished_pages_leave_the_navigation(client, tree):
    tree["what"].unpublish()
    html = client.get("/lead/").content.decode()
    assert "What is LEAD?" not in html


def test_every_page_has_one_h1_a_skip_link_and_landmarks(client, tree):
    NewsPageFactory(parent=tree["news"], title="Pilot launches", slug="pilot-launches")
    for url in [
        "/",
        "/lead/",
        "/lead/what-is-lead/",
        "/news/",
        "/news/pilot-launches/",
        "/search/",
    ]:
        html = client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert '<a class="skip-link" href="#main">' in html, url
        assert '<main id="main"' in html and "<footer" in html and "<header" in html, url


def test_latest_news_on_the_home_page_is_newest_first(client, tree):
    older = NewsPageFactory(parent=tree["news"], title="Older story")
    newer = NewsPageFactory(parent=tree["news"], title="Newer story")
    older.date, newer.date = datetime.date(2015, 10, 21), datetime.date(2017, 2, 6)
    older.save()
    newer.save()
    html = client.get("/").content.decode()
    assert html.index("Newer story") < html.index("Older story")


def test_news_index_pages_through_stories_and_survives_bad_page_numbers(client, tree):
    for _ in range(12):
        NewsPageFactory(parent=tree["news"])
    first = client.get("/news/").content.decode()
    assert first.count('class="card"') == 10
    assert 'rel="next" href="?page=2"' in first
    for bad in ["2", "abc", "-1", "99999", "1%00"]:
        response = client.get("/news/", {"page": bad})
        assert response.status_code == 200, bad
