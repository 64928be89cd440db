"""A resident whose report was not published asks once, with their receipt code, for
another look. The report goes back to the queue marked "asked again", a moderator other
than the one who decided first decides it (unless there is only one), and the status page
shows how it ended."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from feedback.models import AskAgainRequest, Report, WordRule
from feedback.moderation import decisions as moderation
from feedback.retention import purge_rejected_texts
from tests.factories import ReportFactory
from tests.feedback_helpers import review

STATUS_URL = "/feedback/status/"
ASK_URL = "/feedback/status/ask-again/"
FIRST_NOTE = "Moderators only: looked like an advert."
NOTE = "It was not an advert: the officer really did stop me on Paca Street."


@pytest.fixture
def first_moderator(django_user_model, feedback_page):
    user = django_user_model.objects.create_user("first", "first@example.org", "pw")
    user.groups.add(Group.objects.get(name="Feedback moderators"))
    return user


@pytest.fixture
def second_moderator(django_user_model, feedback_page):
    user = django_user_model.objects.create_user("second", "second@example.org", "pw")
    user.groups.add(Group.objects.get(name="Feedback moderators"))
    return user


@pytest.fixture
def turned_down(first_moderator):
    report = ReportFactory(account="The officer stopped me and explained LEAD.")
    return moderation.reject(report, first_moderator, "spam", note=FIRST_NOTE)


def ask(client, report, note=""):
    return client.post(ASK_URL, {"code": report.display_code, "note": note})


def test_the_status_page_offers_another_look_only_for_a_report_not_published(
    client, turned_down, first_moderator
):
    html = client.post(STATUS_URL, {"code": turned_down.display_code}).content.decode()
    assert "Ask for another look" in html
    assert f'value="{turned_down.display_code}"' in html  # carried over, hidden
    waiting = ReportFactory()
    published = moderation.approve(ReportFactory(), first_moderator, "A calm stop.")
    for report in (waiting, published):
        html = client.post(STATUS_URL, {"code": report.display_code}).content.decode()
        assert "Ask for another look" not in html


def test_a_resident_asks_again_and_the_report_returns_to_the_queue(
    client, turned_down, first_moderator, second_moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, turned_down, NOTE)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "You asked for another look on" in html
    assert "Under review" in html
    report = Report.objects.get(pk=turned_down.pk)
    assert report.status == "new"
    request = report.ask_again
    assert (request.note, request.first_reason, request.first_decided_by) == (
        NOTE,
        "spam",
        first_moderator,
    )
    assert request.first_note == FIRST_NOTE and request.outcome == "waiting"
    entry = ModelLogEntry.objects.get(object_id=str(report.pk), action="feedback.ask_again")
    assert entry.user_id is None and entry.data == {"first_reason": "spam", "has_note": True}
    # The moderators hear of it, without the resident's words or receipt code.
    (email,) = mail.outbox
    assert "another look" in email.subject
    assert NOTE not in email.body and report.receipt_code not in email.body
    assert report.display_code not in email.body


def test_asking_again_says_nothing_the_code_holder_could_not_see(client, turned_down):
    html = ask(client, turned_down, NOTE).content.decode()
    for hidden in (FIRST_NOTE, "first@example.org", ">first<", NOTE, "spam"):
        assert hidden not in html, hidden


def test_a_report_is_asked_about_once(client, turned_down):
    ask(client, turned_down, "First request.")
    response = ask(client, turned_down, "Second request.")
    assert response.status_code == 200
    assert "Ask for another look" not in response.content.decode()
    assert AskAgainRequest.objects.count() == 1
    assert AskAgainRequest.objects.get().note == "First request."


def test_a_report_that_is_published_or_waiting_cannot_be_asked_about(
    client, first_moderator, feedback_page
):
    waiting = ReportFactory()
    published = moderation.approve(ReportFactory(), first_moderator, "A calm stop.")
    for report in (waiting, published):
        response = ask(client, report)
        assert response.status_code == 200
    assert not AskAgainRequest.objects.exists()
    assert Report.objects.get(pk=published.pk).status == "published"


def test_an_unknown_or_mistyped_code_gets_the_status_pages_answer(client, turned_down):
    from feedback.reports.receipts import format_receipt_code, generate_receipt_code

    response = client.post(ASK_URL, {"code": format_receipt_code(generate_receipt_code())})
    assert response.status_code == 400
    assert "No report has this code" in response.content.decode()
    code = turned_down.receipt_code
    typo = ("3" if code[0] != "3" else "4") + code[1:]
    response = client.post(ASK_URL, {"code": typo})
    assert response.status_code == 400
    assert "That code has a typing mistake" in response.content.decode()
    response = client.post(ASK_URL, {"code": ""})
    assert response.status_code == 400
    assert not AskAgainRequest.objects.exists()


def test_the_note_is_screened_like_any_text(client, turned_down, feedback_page):
    WordRule.objects.create(phrase="idiot", action="reject")
    response = ask(client, turned_down, "The moderator is an idiot.")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Your note has words we do not accept" in html
    assert "The moderator is an idiot." in html  # kept, to change
    assert "error-summary" in html
    assert not AskAgainRequest.objects.exists()
    ask(client, turned_down, "See <b>www.example.com</b> for the video.")
    request = AskAgainRequest.objects.get()
    assert request.note == "See www.example.com for the video."
    assert [reason["code"] for reason in request.held_reasons] == ["link"]


def test_a_note_too_long_is_refused_with_what_was_typed(client, turned_down):
    response = ask(client, turned_down, "x" * 1001)
    assert response.status_code == 400
    assert "Keep the note under 1000 characters." in response.content.decode()
    assert not AskAgainRequest.objects.exists()


def test_asking_again_is_rate_limited(client, turned_down, settings, one_rate_limit_window):
    settings.FEEDBACK_ASK_AGAIN_PER_HOUR = 2
    others = [
        moderation.reject(ReportFactory(), turned_down.moderated_by, "spam") for _ in range(2)
    ]
    for report in others:
        assert ask(client, report).status_code == 200
    response = ask(client, turned_down)
    assert response.status_code == 429
    assert not AskAgainRequest.objects.filter(report=turned_down).exists()


def test_asking_again_counts_as_a_look_up(client, turned_down, settings, one_rate_limit_window):
    settings.FEEDBACK_STATUS_LOOKUPS_PER_10_MINUTES = 1
    client.post(STATUS_URL, {"code": turned_down.display_code})
    assert ask(client, turned_down).status_code == 429


def test_the_queue_marks_it_asked_again_with_the_first_decision(
    client, turned_down, second_moderator
):
    ask(client, turned_down, NOTE)
    client.force_login(second_moderator)
    html = client.get("/admin/moderation/").content.decode()
    assert "Asked again" in html and "first decision not published (Spam)" in html
    only_asked = client.get("/admin/moderation/", {"reason": "asked_again"}).content.decode()
    assert "1 item is waiting for a moderator." in only_asked
    new_only = client.get("/admin/moderation/", {"reason": "new"}).content.decode()
    assert "Nothing is waiting" in new_only
    screen = client.get(
        reverse("wagtailsnippets_feedback_report:edit", args=[turned_down.pk])
    ).content.decode()
    assert "The resident asked for another look on" in screen
    assert FIRST_NOTE in screen and NOTE in screen and "by first" in screen


def test_a_different_moderator_must_decide_it(
    client, turned_down, first_moderator, second_moderator
):
    ask(client, turned_down, NOTE)
    client.force_login(first_moderator)
    screen = client.get(
        reverse("wagtailsnippets_feedback_report:edit", args=[turned_down.pk])
    ).content.decode()
    assert "You made the first decision: another moderator must decide it." in screen
    for action, fields in [
        ("approve", {"public_text": "An officer stopped me."}),
        ("reject", {"rejection_reason": "spam"}),
    ]:
        response = review(client, turned_down, action, **fields)
        assert response.status_code == 200
        assert "another moderator must decide it" in response.content.decode()
        assert Report.objects.get(pk=turned_down.pk).status == "new"

    client.force_login(second_moderator)
    response = review(client, turned_down, "approve", public_text="An officer stopped me.")
    assert response.status_code == 302
    request = AskAgainRequest.objects.get()
    assert (request.outcome, request.decided_by) == ("published", second_moderator)
    client.logout()
    html = client.post(STATUS_URL, {"code": turned_down.display_code}).content.decode()
    assert "After another look:" in html and "Published" in html
    assert "An officer stopped me." in html


def test_the_only_moderator_decides_it_again_and_is_told_why(client, turned_down, first_moderator):
    ask(client, turned_down)
    client.force_login(first_moderator)
    screen = client.get(
        reverse("wagtailsnippets_feedback_report:edit", args=[turned_down.pk])
    ).content.decode()
    assert "you are the only moderator, so you decide it again" in screen
    response = review(client, turned_down, "reject", rejection_reason="off_topic")
    assert response.status_code == 302
    assert AskAgainRequest.objects.get().outcome == "rejected"
    html = client.post(STATUS_URL, {"code": turned_down.display_code}).content.decode()
    assert "After another look:" in html and "Off topic" in html


def test_any_moderator_decides_a_report_a_word_rule_turned_down(
    client, first_moderator, second_moderator, feedback_page
):
    report = ReportFactory(
        status="rejected", rejection_reason="abusive", moderated_at=timezone.now(), genuine=False
    )
    ask(client, report)
    moderation.approve(report, first_moderator, "Redacted.")
    assert AskAgainRequest.objects.get().outcome == "published"


def test_bulk_rejection_skips_what_the_moderator_decided_first(
    client, turned_down, first_moderator, second_moderator
):
    ask(client, turned_down)
    other = ReportFactory()
    client.force_login(first_moderator)
    ids = f"id={turned_down.pk}&id={other.pk}"
    response = client.post(
        f"/admin/bulk/feedback/report/reject/?{ids}&next=/admin/moderation/",
        {"reason": "spam", "note": "", "genuine": ""},
        follow=True,
    )
    assert "1 report rejected. 1 skipped" in response.content.decode()
    assert Report.objects.get(pk=turned_down.pk).status == "new"
    assert Report.objects.get(pk=other.pk).status == "rejected"


def test_the_note_is_deleted_with_the_reports_words(client, turned_down, second_moderator):
    ask(client, turned_down, NOTE)
    moderation.reject(Report.objects.get(pk=turned_down.pk), second_moderator, "spam")
    later = timezone.now() + datetime.timedelta(days=91)
    purge_rejected_texts(now=later)
    request = AskAgainRequest.objects.get()
    assert (request.note, request.first_note) == ("", "")
    assert request.outcome == "rejected"


def test_the_address_answers_a_visit_with_the_status_page(client, feedback_page):
    response = client.get(ASK_URL)
    assert response.status_code == 302 and response["Location"] == STATUS_URL
