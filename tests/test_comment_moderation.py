"""Moderators handle comments, and reports, in one queue in the Wagtail admin."""

import re
import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from feedback.models import AbuseFlag, Comment, WordRule
from tests.factories import CommentFactory, ReportFactory

QUEUE_URL = "/admin/moderation/"
ORIGINAL = "Call me on 410-555-0188, the officer near Lexington Market was rude."


def review_url(comment):
    return reverse("wagtailsnippets_feedback_comment:edit", args=[comment.pk])


def review_post(action, **fields):
    data = {
        "public_text": "",
        "rejection_reason": "",
        "rejection_note": "",
        "staff_reply": "",
        "moderation-action": action,
    }
    data.update(fields)
    return data


@pytest.fixture
def moderator(client, django_user_model, feedback_page):
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    user.groups.add(Group.objects.get(name="Feedback moderators"))
    client.force_login(user)
    return user


@pytest.fixture
def waiting_comment(explainer):
    return CommentFactory(page=explainer, status="new", body=ORIGINAL, public_text="")


def test_the_queue_lists_reports_and_comments_oldest_first(client, moderator, waiting_comment):
    report = ReportFactory()
    CommentFactory(page=waiting_comment.page)  # published: not waiting
    html = client.get(QUEUE_URL).content.decode()
    assert "2 items are waiting for a moderator." in html
    assert html.index(str(waiting_comment)) < html.index(str(report))
    assert review_url(waiting_comment) in html
    assert reverse("wagtailsnippets_feedback_report:edit", args=[report.pk]) in html


def test_the_queue_filters_by_kind_and_reason(client, moderator, waiting_comment):
    ReportFactory()
    held = CommentFactory(
        page=waiting_comment.page,
        status="new",
        held_reasons=[{"code": "link", "message": "Contains a link", "matches": []}],
    )
    flagged = CommentFactory(page=waiting_comment.page, hidden_by_flags=True)
    assert "3 items are waiting" in client.get(QUEUE_URL + "?kind=comment").content.decode()
    html = client.get(QUEUE_URL + "?reason=held").content.decode()
    assert "1 item is waiting" in html and "Contains a link" in html
    html = client.get(QUEUE_URL + "?reason=flagged").content.decode()
    assert "1 item is waiting" in html and review_url(flagged) in html
    assert review_url(held) not in html
    assert (
        "4 items are waiting" in client.get(QUEUE_URL + "?kind=bogus&reason=<x>").content.decode()
    )


def moderator_of(django_user_model, kind):
    """A staff member who moderates only one kind of item, reports or comments."""
    user = django_user_model.objects.create_user(f"{kind}-mod", f"{kind}@example.org", "pw")
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", f"view_{kind}", f"change_{kind}", f"moderate_{kind}"]
        )
    )
    return user


def test_a_comment_moderator_sees_only_comments_in_the_queue(
    client, django_user_model, waiting_comment
):
    report = ReportFactory()
    client.force_login(moderator_of(django_user_model, "comment"))
    for query in ("", "?kind=report", "?kind=comment", "?reason=new"):
        html = client.get(QUEUE_URL + query).text
        assert "1 item is waiting for a moderator." in html, query
        assert review_url(waiting_comment) in html
        assert reverse("wagtailsnippets_feedback_report:edit", args=[report.pk]) not in html
        assert str(report) not in html and report.display_code not in html
    assert 'name="kind"' not in html  # one kind: nothing to choose between


def test_a_report_moderator_sees_only_reports_in_the_queue(
    client, django_user_model, waiting_comment
):
    report = ReportFactory()
    client.force_login(moderator_of(django_user_model, "report"))
    for query in ("", "?kind=comment", "?kind=report", "?reason=new"):
        html = client.get(QUEUE_URL + query).text
        assert "1 item is waiting for a moderator." in html, query
        assert reverse("wagtailsnippets_feedback_report:edit", args=[report.pk]) in html
        assert report.display_code in html  # the moderator reads the code out to a resident
        assert review_url(waiting_comment) not in html and str(waiting_comment) not in html


def test_people_who_do_not_moderate_cannot_open_the_queue(client, django_user_model, db):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(QUEUE_URL)
    assert response.status_code in (302, 403)
    assert "waiting for a moderator" not in response.content.decode()


def test_the_review_screen_shows_the_original_and_why_it_was_held(client, moderator, explainer):
    WordRule.objects.create(phrase="rude", action="hold")
    comment = CommentFactory(
        page=explainer,
        status="new",
        body=ORIGINAL,
        public_text="",
        held_reasons=[{"code": "word_hold", "message": "Contains “rude”", "matches": [[60, 64]]}],
    )
    html = client.get(review_url(comment)).content.decode()
    assert "What the resident sent (never published)" in html
    assert "410-555-0188" in html
    assert "Held for review because:" in html and "Contains “rude”" in html


def test_approving_publishes_the_moderators_text_and_logs_it(client, moderator, waiting_comment):
    response = client.post(
        review_url(waiting_comment),
        review_post("approve", public_text="The officer near the market was rude."),
    )
    assert response.status_code == 302
    comment = Comment.objects.get(pk=waiting_comment.pk)
    assert comment.status == "published" and comment.moderated_by == moderator
    assert comment.public_text == "The officer near the market was rude."
    assert comment.body == ORIGINAL
    html = client.get(comment.page.url).content.decode()
    assert "The officer near the market was rude." in html and "410-555" not in html
    entry = ModelLogEntry.objects.get(action="feedback.approve")
    assert entry.user == moderator and entry.object_id == str(comment.pk)


def test_publishing_personal_information_needs_confirmation(client, moderator, waiting_comment):
    response = client.post(
        review_url(waiting_comment), review_post("approve", public_text=ORIGINAL)
    )
    assert response.status_code == 200
    assert "may still contain personal information" in response.content.decode()
    assert Comment.objects.get(pk=waiting_comment.pk).status == "new"


def test_rejecting_needs_a_reason_and_is_logged(client, moderator, waiting_comment):
    response = client.post(review_url(waiting_comment), review_post("reject"))
    assert "Choose a reason for not publishing." in response.content.decode()
    assert Comment.objects.get(pk=waiting_comment.pk).status == "new"
    client.post(review_url(waiting_comment), review_post("reject", rejection_reason="off_topic"))
    comment = Comment.objects.get(pk=waiting_comment.pk)
    assert (comment.status, comment.rejection_reason) == ("rejected", "off_topic")
    assert ModelLogEntry.objects.filter(action="feedback.reject", user=moderator).count() == 1


def test_staff_reply_from_the_review_screen(client, moderator, explainer):
    comment = CommentFactory(page=explainer)
    response = client.post(
        review_url(comment),
        review_post("reply", public_text=comment.public_text, staff_reply="Call 311 to ask."),
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=comment)
    assert reply.staff_author == moderator and reply.status == "published"
    html = client.get(explainer.url).content.decode()
    assert "Call 311 to ask." in html and "Program staff" in html
    assert ModelLogEntry.objects.filter(action="feedback.staff_reply").count() == 1


def test_keeping_a_hidden_comment_shows_it_again(client, moderator, explainer):
    comment = CommentFactory(page=explainer, hidden_by_flags=True, public_text="Kept text.")
    html = client.get(review_url(comment)).content.decode()
    assert "Keep published" in html
    client.post(review_url(comment), review_post("keep", public_text="Kept text."))
    assert not Comment.objects.get(pk=comment.pk).hidden_by_flags
    assert "Kept text." in client.get(explainer.url).content.decode()


def test_bulk_approve_and_reject(client, moderator, explainer):
    ready = CommentFactory(page=explainer, status="new", body="Thanks for this.", public_text="")
    risky = CommentFactory(page=explainer, status="new", body=ORIGINAL, public_text="")
    spam = CommentFactory(page=explainer, status="new", body="Buy now", public_text="")
    listing = "/admin/snippets/feedback/comment/"
    client.post(f"/admin/bulk/feedback/comment/approve/?id={ready.pk}&id={risky.pk}&next={listing}")
    assert Comment.objects.get(pk=ready.pk).status == "published"
    assert Comment.objects.get(pk=risky.pk).status == "new"
    client.post(
        f"/admin/bulk/feedback/comment/reject/?id={spam.pk}&next={listing}",
        {"reason": "spam", "note": ""},
    )
    assert Comment.objects.get(pk=spam.pk).status == "rejected"


def test_the_comment_listing_filters_held_and_flagged(client, moderator, explainer):
    CommentFactory(
        page=explainer,
        status="new",
        held_reasons=[{"code": "link", "message": "Contains a link", "matches": []}],
    )
    CommentFactory(page=explainer, status="new", body="Plain question")
    html = client.get("/admin/snippets/feedback/comment/?held=true").content.decode()
    assert "Contains a link" in html
    assert "Plain question" not in html


@pytest.mark.parametrize("model", ["comment", "report"])
def test_nobody_adds_comments_or_reports_in_the_admin(client, admin_user, model):
    client.force_login(admin_user)
    listing = client.get(f"/admin/snippets/feedback/{model}/").content.decode()
    assert f"/admin/snippets/feedback/{model}/add/" not in listing
    assert client.get(f"/admin/snippets/feedback/{model}/add/").status_code in (302, 403)


def test_held_words_are_highlighted_in_the_comment_review(client, moderator, explainer):
    from feedback.comments.posting import submit_comment

    WordRule.objects.create(phrase="snitch", action="hold")
    comment, _ = submit_comment(
        explainer, {"body": "Nobody wants to be called a snitch here."}, uuid.uuid4()
    )
    html = client.get(review_url(comment)).content.decode()
    assert "Held for review because:" in html
    assert re.search(r"<mark[^>]*>snitch</mark>", html)


def test_a_moderator_keeps_a_hidden_report_from_its_review_screen(client, moderator):
    report = ReportFactory(status="published", public_text="Kept report.", hidden_by_flags=True)
    AbuseFlag.objects.create(report=report, reason="spam", reporter_key="k1", note="Looks fake")
    url = reverse("wagtailsnippets_feedback_report:edit", args=[report.pk])
    html = client.get(url).content.decode()
    assert "Reports from residents" in html and "Looks fake" in html and "Keep published" in html
    client.post(
        url,
        {
            "public_text": "Kept report.",
            "official_response": "",
            "tags": "",
            "rejection_reason": "",
            "rejection_note": "",
            "moderation-action": "keep",
        },
    )
    report.refresh_from_db()
    assert not report.hidden_by_flags and report.status == "published"
    assert AbuseFlag.objects.get().resolved_by == moderator
