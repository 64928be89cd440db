"""WCAG 2.2 AA: axe-core finds nothing on any public page type, in every language the site
is read in, on a phone, including the forms as they come back with errors.

The page types and languages come from tests/public_pages.py, so a language added there is
checked here too. One test per language visits every page and reports every violation on
every page at once, rather than stopping at the first.
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.browser.test_outcome_charts import scroll_past_every_chart
from tests.public_pages import LANGUAGES, in_language, page_urls

# More pages of the same types, whose blocks the pages in tests/public_pages.py lack:
# the explainer and news indexes, FAQ disclosures, tables and contact cards.
ENGLISH_ONLY = [
    ("explainer-index", "/lead/"),
    ("news-index", "/news/"),
    ("faq", "/lead/faq/"),
    ("other-cities", "/lead/other-cities/"),
    ("get-help", "/get-help/"),
]


def open_page(page, url, name):
    """Go to a page and wait until it is as a reader sees it, with its charts drawn;
    return what is wrong with its answer, if anything."""
    response = page.goto(url)
    expected = 404 if name.startswith("not-found") else 200
    if response.status != expected:
        return [f"{name} ({url}): answered {response.status}, not {expected}"]
    try:
        scroll_past_every_chart(page)
    except AssertionError as error:
        return [f"{name} ({url}): a chart was not drawn: {error}"]
    if page.locator("h1").count() != 1:
        return [f"{name} ({url}): has {page.locator('h1').count()} h1 headings, not one"]
    return []


def axe_violations_on(page, name):
    return [f"{name} ({page.url}):\n  {line}" for line in axe_violations(page)]


def submit(page, form_id):
    page.locator(f"#{form_id} [type=submit]").click()
    expect(page.locator(".error-summary")).to_be_focused()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_type_passes_axe_core(page, demo_site, language, quick_forms):
    problems = []
    pages = page_urls([language])
    if language == "en":
        pages += ENGLISH_ONLY
    for name, path in pages:
        problems += open_page(page, demo_site + path, name)
        problems += axe_violations_on(page, name)

    # The feedback form sent empty, then with answers that are not valid.
    page.goto(demo_site + in_language("/feedback/", language))
    submit(page, "report-form")
    problems += axe_violations_on(page, f"feedback-form-empty-{language}")
    page.locator("#id_contact_email").fill("not an email address")
    page.locator("#id_contact_phone").fill("12")
    submit(page, "report-form")
    expect(page.locator(".field--error")).to_have_count(8)
    problems += axe_violations_on(page, f"feedback-form-invalid-{language}")

    # The status page asked about a receipt code that does not exist.
    page.goto(demo_site + in_language("/feedback/status/", language))
    page.locator("#id_code").fill("AAA-AAA-AAA-AAA")
    submit(page, "status-form")
    problems += axe_violations_on(page, f"status-wrong-code-{language}")

    # The published reports asked for a month that is not one.
    url = demo_site + in_language("/feedback/published/", language) + "?month=0000-01"
    if page.goto(url).status != 400:
        problems.append(f"published-month-error-{language}: not answered 400")
    expect(page.locator(".error-summary")).to_be_focused()
    problems += axe_violations_on(page, f"published-month-error-{language}")

    assert not problems, f"axe-core found {len(problems)} violation(s):\n" + "\n".join(problems)
