"""The whole feedback journey in a real browser. axe-core on the feedback pages (the form,
its errors, the status page, published reports): test_accessibility.py."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import Report
from tests.browser.conftest import assert_no_axe_violations, save_screenshot, signed_in_admin

CONTACT_EMAIL = "jo.resident@example.org"


def fill_report(page, account):
    # Today, on the site's clock: the published list shows the newest interactions first,
    # twenty a page, and the demo's sample reports are dated relative to today, so any
    # fixed date would sooner or later put this report on a later page.
    page.get_by_label("When did it happen?").fill(timezone.localdate().isoformat())
    page.get_by_label("Which neighbourhood?").select_option(label="Market Center")
    page.get_by_label("Offered a LEAD referral").check()
    page.get_by_role("group", name="Did the officer mention or offer LEAD?").get_by_label(
        "Yes", exact=True
    ).check()
    page.get_by_label("What happened?").fill(account)
    page.get_by_role("group", name=re.compile("May we publish")).get_by_label(
        "Yes", exact=True
    ).check()
    page.get_by_role("group", name="The officer treated me with dignity and respect.").get_by_label(
        "4 – Agree"
    ).check()
    page.get_by_label("Email address (optional)").fill(CONTACT_EMAIL)


def test_feedback_form_with_errors_focuses_the_summary_and_links_to_fields(page, demo_site):
    page.goto(demo_site + "/feedback/")
    page.get_by_role("button", name="Send report").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Tell us what happened, in words.").click()
    expect(page.get_by_label("What happened?")).to_be_focused()
    save_screenshot(page, "feedback-form-errors")


def test_status_page_showing_a_report_has_no_accessibility_violations(page, demo_site):
    page.goto(demo_site + "/feedback/status/")
    page.get_by_label("Your receipt code").fill(Report.objects.first().display_code)
    page.get_by_role("button", name="Check status").click()
    expect(page.locator(".report-status")).to_be_visible()
    assert_no_axe_violations(page)


def test_resident_reports_and_a_moderator_publishes_it(
    page, browser, demo_site, moderator, quick_forms
):
    account = "Officer Reyes at 300 W Lexington Street explained LEAD and was patient."

    # The resident forgets to say what happened; everything else they chose is kept.
    page.goto(demo_site + "/feedback/")
    fill_report(page, account)
    page.get_by_label("What happened?").fill("")
    page.get_by_role("button", name="Send report").click()
    expect(page.locator(".error-summary")).to_contain_text("Tell us what happened")
    expect(page.get_by_label("Email address (optional)")).to_have_value(CONTACT_EMAIL)
    neighbourhoods = Report._meta.get_field("neighbourhood").related_model.objects
    expect(page.get_by_label("Which neighbourhood?")).to_have_value(
        str(neighbourhoods.get(name="Market Center").pk)
    )
    page.get_by_label("What happened?").fill(account)
    page.get_by_role("button", name="Send report").click()
    code = page.locator(".receipt-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{3}(-[A-Z0-9]{3}){3}", code)

    # Later, they check the status: under review.
    page.goto(demo_site + "/feedback/status/")
    page.get_by_label("Your receipt code").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Check status").click()
    expect(page.locator(".report-status")).to_contain_text("Under review")

    # A moderator logs in, redacts and approves it.
    staff, admin = signed_in_admin(browser, demo_site)
    admin.goto(demo_site + "/admin/snippets/feedback/report/?status=new")
    # The listing shows each report's code in a column of its own, beside its link.
    admin.get_by_role("row").filter(has_text=code).get_by_role(
        "link", name=re.compile(r"^Report \d+$")
    ).click()
    expect(admin.locator("mark").first).to_be_visible()
    expect(admin.get_by_text(CONTACT_EMAIL)).to_be_visible()
    admin.locator("#id_public_text").fill("An officer explained LEAD and was patient.")
    admin.locator("#id_official_response").fill("Thank you for telling us.")
    admin.get_by_role("button", name="Approve and publish").click()
    expect(admin.get_by_text(re.compile(f"Report {code}: Published"))).to_be_visible()
    save_screenshot(admin, "moderation-queue-after-approval")
    staff.close()

    # The report is public, redacted, with the response; contact details are nowhere.
    for path in ["/feedback/published/"]:
        page.goto(demo_site + path)
        expect(page.get_by_text("An officer explained LEAD and was patient.")).to_be_visible()
        body = page.content()
        assert "Reyes" not in body and "Lexington" not in body and CONTACT_EMAIL not in body
    page.goto(demo_site + "/feedback/status/")
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Check status").click()
    status = page.locator(".report-status")
    expect(status).to_contain_text("Published")
    expect(status).to_contain_text("Thank you for telling us.")
    assert CONTACT_EMAIL not in page.content() and "Reyes" not in page.content()
