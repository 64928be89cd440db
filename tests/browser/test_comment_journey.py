"""Comments in a real browser: a resident comments, a moderator publishes it from the
moderation queue, the resident sees it; axe-core on the comment section and its errors."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, save_screenshot, signed_in_admin

EXPLAINER = "/lead/what-is-lead/"


def test_a_page_with_comments_has_no_accessibility_violations(page, demo_site):
    page.goto(demo_site + EXPLAINER)
    expect(page.locator(".comment").first).to_be_visible()
    expect(page.locator(".badge--staff").first).to_have_text("Program staff")
    assert_no_axe_violations(page)
    save_screenshot(page, "explainer-comments")


def test_the_comment_form_with_errors_focuses_the_summary_and_passes_axe(
    page, demo_site, quick_forms
):
    page.goto(demo_site + EXPLAINER)
    page.get_by_label("Name to show (optional)").fill("Dee")
    page.get_by_role("button", name="Send comment").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Write your comment before sending it.").click()
    expect(page.get_by_label("Your comment")).to_be_focused()
    expect(page.get_by_label("Name to show (optional)")).to_have_value("Dee")
    assert_no_axe_violations(page)


def test_a_resident_comments_and_a_moderator_publishes_it(
    page, browser, demo_site, moderator, quick_forms
):
    original = "Can my brother call the case manager himself? His number is 410-555-0147."
    page.goto(demo_site + EXPLAINER)
    page.get_by_label("Your comment").fill(original)
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_role("status")).to_contain_text("once a moderator has read it")
    assert "410-555-0147" not in page.content()

    staff, admin = signed_in_admin(browser, demo_site)
    admin.goto(demo_site + "/admin/moderation/?kind=comment")
    save_screenshot(admin, "moderation-queue")
    admin.get_by_role("row").filter(has_text="What is LEAD").filter(has_text="New").get_by_role(
        "link"
    ).last.click()
    expect(admin.get_by_text(original).first).to_be_visible()
    admin.locator("#id_public_text").fill("Can my brother call the case manager himself?")
    admin.get_by_role("button", name="Approve and publish").click()
    expect(admin.get_by_text(re.compile(r"Comment \d+: Published"))).to_be_visible()
    staff.close()

    page.goto(demo_site + EXPLAINER)
    expect(page.get_by_text("Can my brother call the case manager himself?")).to_be_visible()
    assert "410-555-0147" not in page.content()


def test_report_this_and_its_errors_pass_axe(page, demo_site, quick_forms):
    page.goto(demo_site + EXPLAINER)
    page.get_by_role("link", name="Report this comment by Denise").click()
    expect(page.get_by_role("heading", name="Report a comment")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.locator(".error-summary")).to_be_focused()
    assert_no_axe_violations(page)
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send to the moderators").click()
    expect(page.get_by_role("heading", name="Thank you for telling us")).to_be_visible()
