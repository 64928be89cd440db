"""Residents report published comments and reports that break the rules; enough reports
hide the item until a moderator has looked."""

import re

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from feedback.comments import flags
from feedback.models import AbuseFlag, Comment
from tests.factories import CommentFactory, ReportFactory


@pytest.fixture
def comment(explainer):
    return CommentFactory(page=explainer, public_text="Everyone on this block is a liar.")


def flag_url(kind, public_id):
    return f"/flag/{kind}/{public_id}/"


def send_flag(client, kind, public_id, address="203.0.113.5", **overrides):
    html = client.get(flag_url(kind, public_id), REMOTE_ADDR=address).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    data = {"form_token": token, "reason": "abusive", "note": "", "website": ""}
    data.update(overrides)
    return client.post(flag_url(kind, public_id), data, REMOTE_ADDR=address)


def test_every_published_comment_has_a_report_this_link(client, explainer, comment):
    html = client.get(explainer.url).content.decode()
    assert f'href="/flag/comment/{comment.public_id}/"' in html


def test_the_report_page_shows_the_public_text_and_the_reasons(client, comment):
    html = client.get(flag_url("comment", comment.public_id)).content.decode()
    assert "Everyone on this block is a liar." in html
    assert "Abusive, hateful or threatening" in html and "It identifies someone" in html


def test_a_flag_is_stored_with_its_reason_and_no_address(client, comment):
    response = send_flag(
        client, "comment", comment.public_id, reason="personal_information", note="Names my uncle"
    )
    assert response.status_code == 200
    assert "The moderators will read your report." in response.content.decode()
    flag = AbuseFlag.objects.get()
    assert (flag.comment_id, flag.reason, flag.note) == (
        comment.pk,
        "personal_information",
        "Names my uncle",
    )
    assert "203.0.113.5" not in flag.reporter_key and len(flag.reporter_key) == 64


def test_one_person_counts_once_however_often_they_report(client, comment, settings):
    settings.FEEDBACK_FLAGS_TO_HIDE = 2
    first = send_flag(client, "comment", comment.public_id)
    again = [send_flag(client, "comment", comment.public_id) for _ in range(5)]
    assert first.status_code == 200
    assert all("You have already reported this" in r.content.decode() for r in again)
    assert AbuseFlag.objects.count() == 1
    assert not Comment.objects.get(pk=comment.pk).hidden_by_flags


def test_the_same_person_on_two_items_cannot_be_linked(client, explainer, comment):
    other = CommentFactory(page=explainer)
    send_flag(client, "comment", comment.public_id)
    send_flag(client, "comment", other.public_id)
    keys = set(AbuseFlag.objects.values_list("reporter_key", flat=True))
    assert len(keys) == 2


def test_enough_people_hide_a_comment_until_review(
    client, explainer, comment, settings, django_user_model
):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    settings.FEEDBACK_FLAGS_TO_HIDE = 3
    for n in range(3):
        send_flag(client, "comment", comment.public_id, address=f"198.51.100.{n}")
    comment.refresh_from_db()
    assert comment.hidden_by_flags
    assert "Everyone on this block is a liar." not in client.get(explainer.url).content.decode()
    assert (
        ModelLogEntry.objects.filter(action="feedback.hide", object_id=str(comment.pk)).count() == 1
    )
    hidden_mail = [m for m in mail.outbox if "hidden" in m.subject]
    assert len(hidden_mail) == 1 and "liar" not in hidden_mail[0].body
    assert client.get(flag_url("comment", comment.public_id)).status_code == 404


def test_a_moderator_can_keep_it_and_counting_starts_again(client, comment, settings, admin_user):
    settings.FEEDBACK_FLAGS_TO_HIDE = 2
    for n in range(2):
        send_flag(client, "comment", comment.public_id, address=f"198.51.100.{n}")
    comment.refresh_from_db()
    assert flags.keep_published(comment, admin_user) == 2
    comment.refresh_from_db()
    assert not comment.hidden_by_flags
    send_flag(client, "comment", comment.public_id, address="198.51.100.9")
    comment.refresh_from_db()
    assert not comment.hidden_by_flags
    assert ModelLogEntry.objects.filter(action="feedback.keep").count() == 1


def test_published_reports_can_be_reported_and_hidden(client, feedback_page, settings):
    settings.FEEDBACK_FLAGS_TO_HIDE = 2
    report = ReportFactory(status="published", public_text="A published account, redacted.")
    published = client.get("/feedback/published/").content.decode()
    assert f'href="/flag/report/{report.public_id}/"' in published
    for n in range(2):
        send_flag(client, "report", report.public_id, address=f"198.51.100.{n}")
    report.refresh_from_db()
    assert report.hidden_by_flags
    assert (
        "A published account, redacted." not in client.get("/feedback/published/").content.decode()
    )


@pytest.mark.parametrize(
    "url",
    ["/flag/comment/999999/", "/flag/report/999999/", "/flag/page/1/", "/flag/comment/abc/"],
)
def test_flagging_something_that_does_not_exist_is_a_404(client, db, url):
    assert client.get(url).status_code == 404


def test_unpublished_items_cannot_be_flagged(client, explainer, feedback_page):
    waiting = CommentFactory(page=explainer, status="new")
    report = ReportFactory(status="new")
    assert client.get(flag_url("comment", waiting.public_id)).status_code == 404
    assert client.get(flag_url("report", report.public_id)).status_code == 404


def test_a_flag_without_a_reason_gets_an_error_and_keeps_the_note(client, comment):
    response = send_flag(client, "comment", comment.public_id, reason="", note="It names a person")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose what is wrong with it." in html and "It names a person" in html
    response = send_flag(client, "comment", comment.public_id, reason="<script>")
    assert response.status_code == 400
    assert not AbuseFlag.objects.exists()


def test_flags_from_one_address_are_throttled(client, explainer, settings, one_rate_limit_window):
    settings.FEEDBACK_FLAGS_PER_HOUR = 2
    items = [CommentFactory(page=explainer) for _ in range(3)]
    statuses = [send_flag(client, "comment", item.public_id).status_code for item in items]
    assert statuses == [200, 200, 429]
    assert AbuseFlag.objects.count() == 2
