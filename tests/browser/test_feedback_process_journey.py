"""Moderation in the open, in a real browser: a resident's report is turned down, they ask
again with their receipt code, a second moderator publishes it, the statistics page counts
the request, and an editor's new action on the report's theme shows beside the report.
axe-core on the new pages in both languages: test_accessibility.py (tests/public_pages.py)
and here, the status page with the form to ask again."""

import re

from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import AskAgainRequest
from feedback.statistics import dataset as statistics_dataset
from tests.browser.conftest import (
    MODERATOR_PASSWORD,
    assert_no_axe_violations,
    save_screenshot,
    signed_in_admin,
)
from tests.browser.test_feedback_journey import fill_report

SECOND_MODERATOR = "second-mod"
EDITOR = "journey-editor"
THEME = "explanations"


def sign_in(browser, base_url, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = context.new_page()
    admin.goto(base_url + "/admin/login/")
    admin.get_by_label("Username").fill(username)
    admin.get_by_label("Password").fill(MODERATOR_PASSWORD)
    admin.get_by_role("button", name="Sign in").click()
    expect(admin.get_by_role("heading", level=1).first).to_be_visible()
    return context, admin


def add_tag(admin, field, tag):
    """Type a tag into a tag field: a plain text field (the review screen), or Wagtail's tag
    widget, which hides the field behind its own input."""
    if admin.locator(field).is_visible():
        admin.locator(field).fill(tag)
        return
    typed = admin.locator(f"{field} ~ ul.tagit input").first
    typed.fill(tag)
    typed.press("Enter")
    expect(admin.locator(f"{field} ~ ul.tagit .tagit-label").filter(has_text=tag)).to_be_visible()


def check_status(page, demo_site, code):
    page.goto(demo_site + "/feedback/status/")
    page.get_by_label("Your receipt code").fill(code)
    page.get_by_role("button", name="Check status").click()
    return page.locator(".report-status")


def this_months_requests():
    start = timezone.localtime().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return AskAgainRequest.objects.filter(created_at__gte=start).count()


def test_a_resident_asks_again_a_second_moderator_publishes_and_the_program_acts(
    page, browser, demo_site, moderator, quick_forms, django_user_model
):
    for name, group in [(SECOND_MODERATOR, "Feedback moderators"), (EDITOR, "Editors")]:
        user = django_user_model.objects.create_user(
            name, f"{name}@example.org", MODERATOR_PASSWORD
        )
        user.groups.add(Group.objects.get(name=group))

    # A resident reports an interaction.
    account = "The officer stopped me on Paca Street and would not say why."
    page.goto(demo_site + "/feedback/")
    fill_report(page, account)
    page.get_by_role("button", name="Send report").click()
    code = page.locator(".receipt-code").inner_text()

    # The first moderator turns it down as off topic.
    first, admin = signed_in_admin(browser, demo_site)
    admin.goto(demo_site + "/admin/snippets/feedback/report/?status=new")
    admin.get_by_role("row").filter(has_text=code).get_by_role(
        "link", name=re.compile(r"^Report \d+$")
    ).click()
    review_url = admin.url
    admin.locator("#id_rejection_reason").select_option("off_topic")
    admin.get_by_role("button", name="Reject").click()
    expect(admin.get_by_text(re.compile(f"Report {code}: Not published"))).to_be_visible()

    # The resident sees the decision and asks, once, for another look.
    status = check_status(page, demo_site, code)
    expect(status).to_contain_text("Not published")
    expect(status).to_contain_text("Off topic")
    assert_no_axe_violations(page)
    page.get_by_label("Anything you want the moderator to know (optional)").fill(
        "It happened inside the pilot area, at the market."
    )
    page.get_by_role("button", name="Ask for another look").click()
    status = page.locator(".report-status")
    expect(status).to_contain_text("You asked for another look on")
    expect(page.get_by_role("button", name="Ask for another look")).to_have_count(0)
    assert_no_axe_violations(page)
    save_screenshot(page, "status-asked-again")

    # The first moderator may not decide it again.
    admin.goto(review_url)
    expect(
        admin.get_by_text("You made the first decision: another moderator must decide it.")
    ).to_be_visible()
    first.close()

    # A second moderator finds it in the queue, marked, and publishes it with a theme.
    second, admin = sign_in(browser, demo_site, SECOND_MODERATOR)
    admin.goto(demo_site + "/admin/moderation/?reason=asked_again")
    row = admin.get_by_role("row").filter(has_text=code)
    expect(row).to_contain_text("Asked again")
    expect(row).to_contain_text("Off topic")
    row.get_by_role("link", name=re.compile(r"^Report \d+$")).click()
    expect(admin.get_by_text("The resident asked for another look on")).to_be_visible()
    admin.locator("#id_public_text").fill(
        "An officer stopped me at the market and did not say why."
    )
    add_tag(admin, "#id_tags", THEME)
    admin.get_by_role("button", name="Approve and publish").click()
    expect(admin.get_by_text(re.compile(f"Report {code}: Published"))).to_be_visible()
    save_screenshot(admin, "asked-again-published")
    second.close()

    status = check_status(page, demo_site, code)
    expect(status).to_contain_text("After another look: Published")
    expect(status).to_contain_text("An officer stopped me at the market and did not say why.")

    # The day's figures are published (the scheduler's job), and count the request.
    statistics_dataset.refresh()
    page.goto(demo_site + "/feedback/statistics/")
    month = timezone.localdate().strftime("%Y-%m")
    requests_column = (
        page.locator("#months-table-caption")
        .locator("..")
        .locator("thead th")
        .all_inner_texts()
        .index("Requests to look again")
    )
    cells = page.locator(f'tr:has(time[datetime="{month}"]) > *')
    expect(cells.nth(requests_column)).to_have_text(str(this_months_requests()))
    assert this_months_requests() >= 11  # shown, not suppressed

    # An editor adds an action on the report's theme; the published report links to it.
    editing, admin = sign_in(browser, demo_site, EDITOR)
    admin.goto(demo_site + "/admin/snippets/feedback/programaction/add/")
    admin.locator("#id_title").fill("Officers explain every stop")
    admin.locator("#id_slug").fill("officers-explain-every-stop")
    admin.locator("#id_what").fill("A card officers hand out, saying why.")
    admin.locator("#id_why").fill("Residents said nobody told them why.")
    add_tag(admin, "#id_themes", THEME)
    admin.locator("#id_status_changes-0-date").fill(timezone.localdate().isoformat())
    admin.locator("#id_status_changes-0-status").select_option("planned")
    # By keyboard: the date picker, still open, lies over the button.
    admin.get_by_role("button", name="Save").press("Enter")
    expect(admin.get_by_text(re.compile("created"))).to_be_visible()
    editing.close()

    page.goto(demo_site + f"/feedback/published/?tag={THEME}")
    report = page.locator(".report").filter(has_text="did not say why")
    expect(report.get_by_role("link", name="Officers explain every stop")).to_be_visible()
    report.get_by_role("link", name="Officers explain every stop").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Officers explain every stop")
    expect(page.locator(".action-history")).to_contain_text("Planned")
    assert_no_axe_violations(page)
