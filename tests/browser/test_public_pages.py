"""A resident on a phone finds their way around the site in a real browser: navigation,
the skip link, FAQ answers and search. axe-core on every page type, and the pages at 320px
and zoomed: test_accessibility.py and test_zoom_and_reflow.py."""

import re

from playwright.sync_api import expect


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
