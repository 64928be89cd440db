"""Moderation decides two things apart: whether a report is genuine (not spam, abuse, off
topic or a duplicate), and whether its words can be published. Every genuine report is
counted in the statistics, published or not; the form tells residents so."""

import datetime
import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import ModelLogEntry

from feedback.models import Neighbourhood, Report, WordRule
from feedback.moderation import decisions as moderation
from feedback.reports.genuine import genuine_reports
from tests.factories import ReportFactory
from tests.feedback_helpers import report_data, review

LIST_URL = "/admin/snippets/feedback/report/"


@pytest.fixture
def moderator(client, django_user_model, feedback_page):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    user.groups.add(Group.objects.get(name="Feedback moderators"))
    client.force_login(user)
    return user


def test_a_published_report_is_genuine(moderator):
    report = moderation.approve(ReportFactory(), moderator, "A calm conversation.")
    assert report.genuine is True


@pytest.mark.parametrize(
    ("reason", "genuine"),
    [
        ("spam", False),
        ("abusive", False),
        ("off_topic", False),
        ("duplicate", False),
        ("cannot_redact", True),
        ("no_consent", True),
    ],
)
def test_the_reason_for_not_publishing_says_whether_the_report_is_genuine(
    moderator, reason, genuine
):
    report = moderation.reject(ReportFactory(), moderator, reason)
    assert report.genuine is genuine
    entry = ModelLogEntry.objects.get(object_id=str(report.pk), action="feedback.reject")
    assert entry.data == {"reason": reason, "genuine": genuine}


def test_other_needs_the_moderator_to_say_whether_it_is_genuine(moderator):
    report = ReportFactory()
    with pytest.raises(moderation.ModerationError, match="Say whether it is a genuine report"):
        moderation.reject(report, moderator, "other")
    assert Report.objects.get(pk=report.pk).status == "new"
    assert moderation.reject(report, moderator, "other", genuine=True).genuine is True
    assert moderation.reject(report, moderator, "other", genuine=False).genuine is False


def test_an_answer_that_contradicts_the_reason_is_refused(moderator):
    with pytest.raises(moderation.ModerationError, match="“Spam” is not a genuine report"):
        moderation.reject(ReportFactory(), moderator, "spam", genuine=True)
    with pytest.raises(moderation.ModerationError, match="is genuine"):
        moderation.reject(ReportFactory(), moderator, "no_consent", genuine=False)


def test_the_review_screen_asks_for_other_and_keeps_what_was_typed(client, moderator):
    report = ReportFactory()
    response = review(
        client, report, "reject", rejection_reason="other", rejection_note="Half a story."
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say whether it is a genuine report" in html
    assert "Half a story." in html
    assert Report.objects.get(pk=report.pk).status == "new"

    response = review(client, report, "reject", rejection_reason="other", genuine="yes")
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.genuine) == ("rejected", True)


def test_a_report_without_consent_is_counted_but_never_published(client, moderator):
    report = ReportFactory(consent_to_publish=False)
    response = review(client, report, "approve", public_text="A calm conversation.")
    assert "did not agree to publication" in response.content.decode()
    review(client, report, "reject", rejection_reason="no_consent")
    report.refresh_from_db()
    assert (report.status, report.genuine, report.public_text) == ("rejected", True, "")
    assert list(genuine_reports()) == [report]


def test_bulk_rejection_asks_for_other_too(client, moderator):
    reports = [ReportFactory(), ReportFactory()]
    ids = "&".join(f"id={report.pk}" for report in reports)
    url = f"/admin/bulk/feedback/report/reject/?{ids}&next={LIST_URL}"
    response = client.post(url, {"reason": "other", "note": "", "genuine": ""})
    assert response.status_code == 200
    assert "Say whether it is a genuine report" in response.content.decode()
    assert not Report.objects.filter(status="rejected").exists()
    client.post(url, {"reason": "other", "note": "", "genuine": "no"})
    assert set(Report.objects.values_list("status", "genuine")) == {("rejected", False)}


def test_a_report_a_word_rule_turns_down_is_not_genuine(client, feedback_page):
    WordRule.objects.create(phrase="idiot", action="reject")
    seton_hill = Neighbourhood.objects.get(name="Seton Hill")
    client.post("/feedback/", report_data(client, seton_hill, account="You idiot."))
    report = Report.objects.get()
    assert (report.status, report.genuine) == ("rejected", False)
    assert report.first_decided_at is not None


def test_the_form_says_answers_are_counted_and_words_published_only_with_consent(
    client, feedback_page
):
    sentence = (
        "Your answers to these questions are always counted in anonymous statistics; your "
        "words are published only if you agree."
    )
    assert sentence in client.get("/feedback/").content.decode()


def test_decision_and_response_times_are_recorded_once(moderator):
    report = ReportFactory()
    moderation.save_draft(report, moderator, "Draft.", "We are looking into it.", [])
    report.refresh_from_db()
    first_response = report.responded_at
    assert first_response is not None and report.first_decided_at is None
    moderation.reject(report, moderator, "cannot_redact")
    report.refresh_from_db()
    first_decision = report.first_decided_at
    assert first_decision is not None and report.responded_at == first_response
    moderation.approve(report, moderator, "Redacted.", official_response="Still looking.")
    report.refresh_from_db()
    assert report.first_decided_at == first_decision
    assert report.responded_at == first_response


@pytest.mark.django_db(transaction=True)
def test_upgrading_decides_the_stored_reports(home, back_to_the_latest_migrations):
    before, after = (
        ("feedback", "0010_feedback_moderators_group"),
        ("feedback", "0011_report_genuine_and_decision_times"),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old_apps = executor.loader.project_state([before]).apps
    OldReport = old_apps.get_model("feedback", "Report")
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    LogEntry = old_apps.get_model("wagtailcore", "ModelLogEntry")
    place = old_apps.get_model("feedback", "Neighbourhood").objects.create(name="Upton")
    report_type, _created = ContentType.objects.get_or_create(app_label="feedback", model="report")

    def stored(status, reason="", response="", moderated_at=None):
        return OldReport.objects.create(
            receipt_code=uuid.uuid4().hex[:12].upper(),
            submission_id=uuid.uuid4(),
            interaction_date="2026-10-14",
            neighbourhood_id=place.pk,
            interaction_type="stopped",
            lead_mentioned="yes",
            account="Stored before the split.",
            status=status,
            rejection_reason=reason,
            official_response=response,
            moderated_at=moderated_at,
        )

    first, later = (
        timezone.now() - datetime.timedelta(days=9),
        timezone.now() - datetime.timedelta(days=2),
    )
    published = stored("published", response="Thank you.", moderated_at=later)
    for action, when, data in [
        ("feedback.approve", first, {"has_official_response": True}),
        ("feedback.approve", later, {"has_official_response": True}),
    ]:
        LogEntry.objects.create(
            content_type=report_type,
            object_id=str(published.pk),
            label="Report",
            action=action,
            data=data,
            timestamp=when,
        )
    spam = stored("rejected", "spam", moderated_at=later)
    no_consent = stored("rejected", "no_consent", moderated_at=later)
    other = stored("rejected", "other", moderated_at=later)
    waiting = stored("new")

    executor = MigrationExecutor(connection)
    executor.migrate([after])
    # Read as the code of that migration reads them: later migrations add columns.
    NewReport = executor.loader.project_state([after]).apps.get_model("feedback", "Report")

    def upgraded(report):
        return NewReport.objects.get(pk=report.pk)

    assert upgraded(published).genuine is True
    assert upgraded(published).first_decided_at == first
    assert upgraded(published).responded_at == first
    assert upgraded(spam).genuine is False
    assert upgraded(spam).first_decided_at == later
    assert upgraded(no_consent).genuine is True
    assert upgraded(other).genuine is None
    assert upgraded(waiting).genuine is None
    assert upgraded(waiting).first_decided_at is None
    assert upgraded(spam).responded_at is None
