"""Residents comment on explainer and news pages; nothing shows until a moderator
approves it."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from feedback.models import Comment, CommentStatus
from feedback.moderation.decisions import approve_comment, reply_as_staff
from tests.comment_helpers import comment_data
from tests.factories import CommentFactory, NewsIndexPageFactory, NewsPageFactory


def post(client, page, **overrides):
    return client.post(page.url, comment_data(client, page, **overrides))


def test_a_sent_comment_waits_for_a_moderator(client, explainer):
    response = post(client, explainer, body="Who decides if someone is eligible?")
    assert response.status_code == 302
    assert response["Location"] == "/what-is-lead/?comment=sent#comments"
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.NEW and comment.page_id == explainer.pk
    html = client.get(response["Location"]).content.decode()
    assert "Your comment will appear here once a moderator has read it." in html
    assert "Who decides if someone is eligible?" not in html


def test_news_pages_take_comments_too(client, home, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    story = NewsPageFactory(parent=NewsIndexPageFactory(parent=home))
    assert post(client, story).status_code == 302
    assert Comment.objects.get().page_id == story.pk


def test_what_is_published_is_the_moderators_text_not_the_original(client, explainer, admin_user):
    post(client, explainer, body="My neighbour John Smith at 12 Pine St got arrested.")
    comment = Comment.objects.get()
    approve_comment(comment, admin_user, "My neighbour got arrested.")
    html = client.get(explainer.url).content.decode()
    assert "My neighbour got arrested." in html
    assert "John Smith" not in html and "12 Pine St" not in html
    assert "1 comment" in html


def test_a_blank_name_shows_as_resident(client, explainer):
    CommentFactory(page=explainer, display_name="")
    CommentFactory(page=explainer, display_name="Marcus")
    html = client.get(explainer.url).content.decode()
    assert '<span class="comment__author">Resident</span>' in html
    assert '<span class="comment__author">Marcus</span>' in html


def test_markup_is_stripped_when_stored_and_escaped_when_shown(client, explainer, admin_user):
    post(client, explainer, body='<script>alert("x")</script><b>Thanks</b> & <3 <img src=x>')
    comment = Comment.objects.get()
    assert comment.body == 'alert("x")Thanks & <3'
    approve_comment(comment, admin_user, comment.body)
    html = client.get(explainer.url).content.decode()
    assert "<script>alert" not in html and "<b>Thanks" not in html
    assert "Thanks &amp; &lt;3" in html


def test_an_empty_comment_gets_a_clear_error_and_keeps_the_name(client, explainer):
    response = post(client, explainer, display_name="Dee", body="   ")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Write your comment before sending it." in html
    assert 'value="Dee"' in html
    assert "<title>Error:" in html
    assert not Comment.objects.exists()


def test_a_comment_that_is_too_long_is_kept_for_editing(client, explainer):
    text = "Long story. " * 300
    response = post(client, explainer, body=text)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Keep it to 3,000 characters or fewer: it is 3,599 now." in html
    assert text.strip() in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "text",
    ["שלום, האם זה זמין?", "Thank you 🙏🏽👨‍👩‍👧", "مرحبا بالجميع", "Null\x00 byte"],
)
def test_any_script_or_emoji_is_stored_as_typed(client, explainer, text):
    assert post(client, explainer, body=text).status_code == 302
    assert Comment.objects.get().body == text.replace("\x00", "")


def test_wrong_types_and_missing_fields_get_errors_not_crashes(client, explainer):
    data = comment_data(client, explainer, parent="not-a-number")
    del data["body"]
    response = client.post(explainer.url, data)
    assert response.status_code == 400
    assert "Write your comment before sending it." in response.content.decode()
    response = client.post(explainer.url, {"body": ["a", "b"], "display_name": "x" * 61})
    assert response.status_code == 400
    assert "Keep the name under 60 characters." in response.content.decode()
    assert not Comment.objects.exists()


def test_a_huge_request_gets_a_clear_refusal(client, explainer):
    data = comment_data(client, explainer, body="x" * 300_000)
    response = client.post(explainer.url, data)
    assert response.status_code == 413
    assert not Comment.objects.exists()


def test_a_replayed_or_double_clicked_form_posts_once(client, explainer):
    data = comment_data(client, explainer)
    first = client.post(explainer.url, data)
    second = client.post(explainer.url, data)
    assert first.status_code == second.status_code == 302
    assert Comment.objects.count() == 1


def test_the_honeypot_stops_bots_and_keeps_nothing(client, explainer):
    response = post(client, explainer, website="http://spam.example")
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_flood_from_one_address_is_throttled(client, explainer, settings, one_rate_limit_window):
    settings.FEEDBACK_COMMENTS_PER_HOUR = 2
    statuses = [post(client, explainer, body=f"Comment number {n}").status_code for n in range(4)]
    assert statuses == [302, 302, 429, 429]
    assert Comment.objects.count() == 2


def test_a_reply_is_stored_under_its_comment(client, explainer):
    parent = CommentFactory(page=explainer, display_name="Dee")
    html = client.get(f"{explainer.url}?reply={parent.public_id}").content.decode()
    assert "Reply to Dee" in html
    post(client, explainer, parent=parent.public_id, body="Same question here.")
    reply = Comment.objects.get(body="Same question here.")
    assert reply.parent_id == parent.pk


def test_replies_go_one_level_deep(client, explainer):
    parent = CommentFactory(page=explainer)
    first_reply = CommentFactory(page=explainer, parent=parent)
    post(client, explainer, parent=first_reply.public_id, body="Replying to the reply.")
    assert Comment.objects.get(body="Replying to the reply.").parent_id == parent.pk


@pytest.mark.parametrize("status", ["new", "rejected"])
def test_replying_to_an_unpublished_comment_is_refused_and_kept(client, explainer, status):
    hidden = CommentFactory(page=explainer, status=status)
    response = post(client, explainer, parent=hidden.public_id, body="Reply text kept.")
    assert response.status_code == 400
    html = response.content.decode()
    assert "The comment you replied to is no longer shown." in html
    assert "Reply text kept." in html
    assert Comment.objects.count() == 1


def test_a_reply_cannot_land_on_another_page(client, explainer, home):
    other = CommentFactory(page=home)
    response = post(client, explainer, parent=other.public_id)
    assert response.status_code == 400
    assert Comment.objects.count() == 1


def test_staff_replies_show_a_badge(client, explainer, admin_user):
    parent = CommentFactory(page=explainer)
    reply_as_staff(parent, admin_user, "Yes: the program covers the whole pilot area.")
    html = client.get(explainer.url).content.decode()
    assert "Yes: the program covers the whole pilot area." in html
    assert '<span class="badge badge--staff">Program staff</span>' in html
    assert html.count("badge--staff") == 1


def test_editors_can_close_comments_and_what_was_published_stays(client, explainer):
    CommentFactory(page=explainer, public_text="Published before closing.")
    explainer.comments_open = False
    explainer.save_revision().publish()
    html = client.get(explainer.url).content.decode()
    assert "Comments are closed on this page." in html
    assert "Published before closing." in html
    assert 'id="comment-form"' not in html
    response = client.post(explainer.url, {"body": "Too late", "form_token": "x"})
    assert response.status_code == 403
    assert "Comments are closed on this page, so your comment was not sent." in (
        response.content.decode()
    )
    assert Comment.objects.count() == 1


def test_the_close_switch_is_in_the_page_settings(client, explainer, admin_user):
    client.force_login(admin_user)
    html = client.get(f"/admin/pages/{explainer.pk}/edit/").content.decode()
    assert 'name="comments_open"' in html


def test_moderators_are_told_without_the_residents_words(
    client, explainer, django_user_model, django_capture_on_commit_callbacks
):
    django_user_model.objects.create_superuser("boss", "boss@example.org", "pw")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, explainer, body="A private detail only moderators should read.")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["boss@example.org"]
    assert "What is LEAD?" in message.subject
    assert "private detail" not in message.body and "private detail" not in message.subject


def add_threads(page, threads):
    for _ in range(threads):
        CommentFactory(page=page, parent=CommentFactory(page=page))


def queries_to_show(client, page):
    client.get(page.url)  # warm the site and settings caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    return len(queries), response.content.decode()


def test_the_page_takes_the_same_queries_however_many_comments(client, explainer):
    add_threads(explainer, 1)
    few, html = queries_to_show(client, explainer)
    assert "2 comments" in html
    add_threads(explainer, 10)
    many, html = queries_to_show(client, explainer)
    assert "22 comments" in html
    assert few == many


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    fields=st.dictionaries(
        st.sampled_from(["display_name", "body", "parent", "form_token", "website", "other"]),
        st.text(max_size=300),
    )
)
def test_no_comment_post_gives_a_server_error(client, explainer, fields):
    response = client.post(explainer.url, fields)
    assert response.status_code in (302, 400, 429)


@pytest.mark.parametrize("value", ["²", "١٢", "9" * 20, "-1", "0"])
def test_odd_reply_ids_are_ignored_or_refused_never_a_crash(client, explainer, value):
    assert client.get(f"{explainer.url}?reply={value}").status_code == 200
    response = post(client, explainer, parent=value)
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert Comment.objects.get().parent is None
