"""A case manager enters a report that a resident gave by phone, on paper or in person: the
resident gets a receipt code like anyone, and the report is screened, moderated and
counted like any other, with how it came in recorded."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from wagtail.models import ModelLogEntry

from feedback import resident_dataset
from feedback.channel_statistics import received_by_channel
from feedback.models import Neighbourhood, Report, UpdateRequest, WordRule
from feedback.moderation import decisions as moderation
from feedback.permissions import CASE_MANAGERS, FEEDBACK_MODERATORS
from feedback.reports.receipts import parse_receipt_code
from feedback.reports.staff_entry import ENTERED_BY_YOU
from tests.factories import ReportFactory
from tests.feedback_helpers import days_from_today, feedback_page  # noqa: F401 (fixture)

ENTRY_URL = "/admin/enter-report/"


def member_of(django_user_model, group, username):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return user, client


@pytest.fixture
def case_manager(django_user_model, feedback_page):  # noqa: F811 (fixture)
    return member_of(django_user_model, CASE_MANAGERS, "casey")


@pytest.fixture
def moderator(django_user_model, feedback_page):  # noqa: F811 (fixture)
    return member_of(django_user_model, FEEDBACK_MODERATORS, "mo")


def entry(client, **overrides):
    html = client.get(ENTRY_URL).content.decode()
    token = re.search(r'name="entry_token" value="([^"]+)"', html).group(1)
    data = {
        "entry_token": token,
        "channel": "phone",
        "received_on": days_from_today(0),
        "language": "en",
        "interaction_date": days_from_today(-2),
        "neighbourhood": str(Neighbourhood.objects.get(name="Seton Hill").pk),
        "cross_streets": "",
        "interaction_type": "stopped",
        "lead_mentioned": "no",
        "account": "The officer searched my bag and did not say why.",
        "consent_to_publish": "yes",
        "rating_respect": "2",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def code_on(response):
    return re.search(r'class="receipt-code">([A-Z0-9-]+)<', response.content.decode()).group(1)


def test_a_case_manager_enters_a_phone_report_and_reads_out_its_receipt_code(case_manager):
    user, client = case_manager
    response = client.post(ENTRY_URL, entry(client))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    report = Report.objects.get()
    assert parse_receipt_code(code_on(response)) == report.receipt_code
    assert (report.channel, report.received_on.isoformat()) == ("phone", days_from_today(0))
    assert report.status == "new" and report.rating_respect == 2
    # Who entered it is in the audit log only.
    entry_log = ModelLogEntry.objects.get(action="feedback.staff_entry")
    assert entry_log.user == user and entry_log.object_id == str(report.pk)
    assert entry_log.data == {"channel": "phone"}


def test_the_same_form_sent_twice_stores_one_report_with_one_code(case_manager):
    _user, client = case_manager
    data = entry(client)
    first, second = client.post(ENTRY_URL, data), client.post(ENTRY_URL, data)
    assert Report.objects.count() == 1
    assert code_on(first) == code_on(second)


def test_a_form_made_for_another_staff_member_stores_nothing(case_manager, moderator):
    _user, client = case_manager
    _other, other_client = moderator
    response = client.post(ENTRY_URL, entry(other_client))
    assert response.status_code == 400
    assert "was not made for you" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("channel", "web", "Choose one of the ways listed."),
        ("channel", None, "Choose how the report reached you."),
        ("received_on", days_from_today(1), "The date received cannot be in the future."),
        ("received_on", days_from_today(-3), "cannot have been received before the interaction"),
        ("received_on", "31/02/2026", "Enter a real date"),
        ("language", "fr", "Select a valid choice"),
    ],
)
def test_bad_answers_get_a_clear_message_and_store_nothing(case_manager, field, value, message):
    _user, client = case_manager
    response = client.post(ENTRY_URL, entry(client, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_staff_entries_are_screened_like_any_report(case_manager, django_user_model):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "x")
    WordRule.objects.create(phrase="scumbag", action="reject")
    _user, client = case_manager
    client.post(ENTRY_URL, entry(client, account="He called me a scumbag. See example.com"))
    report = Report.objects.get()
    assert (report.status, report.rejection_reason) == ("rejected", "abusive")
    assert {reason["code"] for reason in report.held_reasons} == {"word_reject", "link"}
    client.post(ENTRY_URL, entry(client, account="I am not safe at home tonight."))
    assert Report.objects.get(account__startswith="I am not").possible_crisis


def test_case_managers_cannot_moderate_or_publish(case_manager):
    user, client = case_manager
    client.post(ENTRY_URL, entry(client))
    report = Report.objects.get()
    assert not user.has_perm("feedback.moderate_report")
    assert not user.has_perm("wagtailcore.publish_page")
    review = f"/admin/snippets/feedback/report/edit/{report.pk}/"
    assert client.get(review).status_code in (302, 403)
    assert client.get("/admin/moderation/").status_code in (302, 403)


def test_a_moderator_cannot_publish_a_report_they_entered_but_another_can(
    moderator, django_user_model
):
    user, client = moderator
    client.post(ENTRY_URL, entry(client))
    report = Report.objects.get()
    with pytest.raises(moderation.ModerationError, match=str(ENTERED_BY_YOU)):
        moderation.approve(report, user, "A search without a reason given.")
    other, _other_client = member_of(django_user_model, FEEDBACK_MODERATORS, "other")
    moderation.approve(report, other, "A search without a reason given.")
    assert Report.objects.get().status == "published"
    # Counted in "What residents told us" as any published report.
    assert list(resident_dataset.counted_reports()) == [report]


def test_a_resident_on_the_phone_may_ask_for_the_update_emails(case_manager):
    _user, client = case_manager
    client.post(ENTRY_URL, entry(client, notify_email="caller@example.org", language="es"))
    report = Report.objects.get()
    assert report.language == "es"
    assert UpdateRequest.objects.get(report=report).email == "caller@example.org"


def test_staff_without_the_permission_cannot_open_the_screen(django_user_model, feedback_page):  # noqa: F811
    editor, client = member_of(django_user_model, "Editors", "eddie")
    assert client.get(ENTRY_URL).status_code in (302, 403)
    assert client.post(ENTRY_URL, {}).status_code in (302, 403)
    assert not Report.objects.exists()


def test_moderators_are_emailed_about_a_staff_entry_as_about_any(
    case_manager, django_user_model, django_capture_on_commit_callbacks
):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "x")
    _user, client = case_manager
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ENTRY_URL, entry(client, account="Secret words from a phone call"))
    assert len(mail.outbox) == 1
    assert "Secret words" not in mail.outbox[0].body


def test_reports_are_counted_by_channel_with_small_counts_suppressed(feedback_page):  # noqa: F811
    for _ in range(12):
        ReportFactory(channel="web")
    for _ in range(11):
        ReportFactory(channel="paper", received_on=days_from_today(-400))
    for _ in range(3):
        ReportFactory(channel="phone")
    counts = {channel: count for channel, _label, count in received_by_channel()}
    assert counts["web"] == 12
    assert counts["in_person"] == 0 and counts["outreach"] == 0
    # 3 is a small count, and the total would give it away: a second cell goes too.
    suppressed = {channel for channel, count in counts.items() if count is None}
    assert "phone" in suppressed and len(suppressed) == 2
    # The paper forms were received more than a year ago: not in the last 12 months.
    recent = {
        channel: count
        for channel, _label, count in received_by_channel(
            datetime.date.fromisoformat(days_from_today(-365))
        )
    }
    assert recent["paper"] == 0


def test_the_dashboard_shows_reports_by_channel_to_those_who_enter_them(case_manager):
    _user, client = case_manager
    html = client.get("/admin/").content.decode()
    assert "How reports reach us" in html
    assert "Phone call" in html
