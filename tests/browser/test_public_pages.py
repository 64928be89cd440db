"""A resident on a phone reads the site in a real browser; every page passes axe-core."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, save_screenshot

PAGES = [
    ("home", "/"),
    ("explainer", "/lead/what-is-lead/"),
    ("explainer-index", "/lead/"),
    ("faq", "/lead/faq/"),
    ("other-cities", "/lead/other-cities/"),
    ("get-help", "/get-help/"),
    ("news-index", "/news/"),
    ("search", "/search/?query=voluntary"),
]


def check_page(page, name):
    """One h1, no axe-core violations, and a screenshot to look at."""
    expect(page.locator("h1")).to_have_count(1)
    assert_no_axe_violations(page)
    shot = save_screenshot(page, name)
    assert shot.is_file()
    assert shot.stat().st_size > 10_000, f"{shot} looks blank"


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_public_page_has_no_accessibility_violations(page, demo_site, name, path):
    response = page.goto(demo_site + path)
    assert response.status == 200
    check_page(page, name)


def test_page_not_found_has_no_accessibility_violations(page, demo_site):
    response = page.goto(demo_site + "/no-such-page/")
    assert response.status == 404
    check_page(page, "not-found")


def test_news_story_has_no_accessibility_violations(page, demo_site):
    page.goto(demo_site + "/news/")
    page.locator(".card__title a").first.click()
    expect(page.locator("time").first).to_be_visible()
    assert_no_axe_violations(page)


def test_resident_finds_what_lead_is_from_the_home_page(page, demo_site):
    page.goto(demo_site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="About LEAD").click()
    expect(page).to_have_url(re.compile(r"/lead/$"))
    page.get_by_role("main").get_by_role("link", name="What is LEAD?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What is LEAD?")
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text("About LEAD")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, demo_site):
    page.goto(demo_site + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_faq_answers_open_with_the_keyboard(page, demo_site):
    page.goto(demo_site + "/lead/faq/")
    question = page.locator("summary").first
    answer = page.locator("details .faq__answer").first
    expect(answer).to_be_hidden()
    question.focus()
    page.keyboard.press("Enter")
    expect(answer).to_be_visible()


def test_resident_searches_from_the_header(page, demo_site):
    page.goto(demo_site + "/")
    page.get_by_role("searchbox", name="Search this site").fill("eligible")
    page.get_by_role("button", name="Search").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.locator(".search-results__item").first).to_be_visible()


def test_pages_fit_a_small_phone_without_sideways_scrolling(browser, demo_site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for path in ["/", "/lead/what-is-lead/", "/lead/other-cities/", "/get-help/"]:
            page.goto(demo_site + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    finally:
        context.close()
