"""Public pages name reports and comments by a random public id, never by their database id:
a database id counts everything ever received, so "#report-71" beside "#report-64" would
tell anyone that six reports in between were never published."""

import re
import uuid
import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from feedback.models import Comment, Report
from feedback.moderation import decisions as moderation
from feedback.moderation.decisions import reply_as_staff
from tests.comment_helpers import comment_data
from tests.factories import CommentFactory, NeighbourhoodFactory, ReportFactory

# Database ids no other number on these pages could be.
REPORT_IDS = (9101, 9102)
COMMENT_IDS = (9201, 9202)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_superuser("moderator", "m@example.org", "x")


@pytest.fixture
def published_reports(feedback_page, moderator):
    # Reports that never get published come first, as they do on a real site.
    ReportFactory.create_batch(3)
    reports = [ReportFactory(pk=pk) for pk in REPORT_IDS]
    for number, report in enumerate(reports):
        moderation.approve(report, moderator, f"Published report number {number + 1}.")
    return reports


@pytest.fixture
def comments(explainer, moderator):
    first = CommentFactory(pk=COMMENT_IDS[0], page=explainer, public_text="First comment.")
    second = CommentFactory(pk=COMMENT_IDS[1], page=explainer, public_text="Second comment.")
    reply_as_staff(first, moderator, "The program answers.")
    return first, second


def database_ids_in(text):
    """Where ``text`` shows a seeded database id: as a word of its own (an anchor, an
    address, a form value), never inside a longer word or number."""
    ids = "|".join(str(pk) for pk in (*REPORT_IDS, *COMMENT_IDS))
    return re.findall(rf"[^\n]{{0,40}}(?<!\w)(?:{ids})(?!\w)[^\n]{{0,40}}", text)


def flag(client, url):
    form = client.get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    return client.post(url, {"form_token": token, "reason": "spam", "note": "", "website": ""})


def everything_public(client, explainer, reports, comments):
    """Every public answer that names a report or a comment, as a visitor meets it."""
    report, comment = reports[0], comments[0]
    yield client.get("/feedback/published/")
    yield client.get("/feedback/published/feed.atom")
    yield client.get("/feedback/published/reports.csv")
    yield client.get(explainer.url)
    yield client.get(f"{explainer.url}?reply={comment.public_id}")
    # The reply form sent back with an error keeps the comment it answers.
    yield client.post(
        explainer.url, comment_data(client, explainer, parent=comment.public_id, body="")
    )
    for kind, item in (("report", report), ("comment", comment)):
        yield client.get(f"/flag/{kind}/{item.public_id}/")
        yield flag(client, f"/flag/{kind}/{item.public_id}/")


def test_no_public_page_feed_or_csv_holds_a_database_id(
    client, explainer, published_reports, comments
):
    answers = list(everything_public(client, explainer, published_reports, comments))
    for answer in answers:
        assert answer.status_code in (200, 400), answer
        body = b"".join(answer.streaming_content) if answer.streaming else answer.content
        assert database_ids_in(body.decode()) == []
    # The public ids stand where the database ids used to.
    page = answers[0].content.decode()
    for report in published_reports:
        assert f'id="report-{report.public_id}"' in page
        assert f'href="/flag/report/{report.public_id}/"' in page
    comments_page = answers[3].content.decode()
    reply = Comment.objects.get(parent=comments[0])
    for comment in (*comments, reply):
        assert f'id="comment-{comment.public_id}"' in comments_page
    assert f"?reply={comments[0].public_id}#comment-form" in comments_page
    assert f'name="parent" value="{comments[0].public_id}"' in answers[4].content.decode()


def test_a_reply_reaches_its_comment_by_public_id(client, explainer, comments):
    first, _second = comments
    response = client.post(
        explainer.url, comment_data(client, explainer, parent=first.public_id, body="Me too.")
    )
    assert response.status_code == 302
    assert Comment.objects.get(body="Me too.").parent == first
    refused = client.post(
        explainer.url, comment_data(client, explainer, parent=str(first.pk), body="Me too!")
    )
    assert refused.status_code == 400
    assert "The comment you replied to is no longer shown." in refused.content.decode()


def test_old_addresses_with_a_database_id_find_nothing(client, published_reports, comments):
    """A redirect would turn every database id into its public id for anyone who asked,
    and so tell how many ids lead nowhere: they simply find nothing."""
    for pk in REPORT_IDS:
        assert client.get(f"/flag/report/{pk}/").status_code == 404
    for pk in COMMENT_IDS:
        assert client.get(f"/flag/comment/{pk}/").status_code == 404
    report, comment = published_reports[0], comments[0]
    assert client.get(f"/flag/report/{report.public_id}/").status_code == 200
    assert client.get(f"/flag/comment/{comment.public_id}/").status_code == 200


@pytest.mark.parametrize("value", ["9101", "0" * 16, "A" * 16, "x" * 5000, "%00" * 16, "-1"])
def test_ids_of_any_other_shape_find_nothing(client, published_reports, comments, value):
    assert client.get(f"/flag/report/{value}/").status_code == 404
    assert client.get(f"/flag/comment/{value}/").status_code == 404


def test_public_ids_are_random_not_sequential(home):
    reports = ReportFactory.create_batch(40)
    ids = [report.public_id for report in reports]
    assert all(re.fullmatch(r"[0-9a-f]{16}", public_id) for public_id in ids)
    assert len(set(ids)) == len(ids)
    numbers = [int(public_id, 16) for public_id in ids]
    # Neither in the order they came nor close to the one before: 64 random bits each.
    assert numbers != sorted(numbers) and numbers != sorted(numbers, reverse=True)
    assert all(abs(later - earlier) > 2**32 for earlier, later in pairwise(numbers))
    comment_ids = [comment.public_id for comment in CommentFactory.create_batch(5, page=home)]
    assert not set(comment_ids) & set(ids)


def test_a_public_id_never_changes(published_reports, moderator):
    report = published_reports[0]
    public_id = report.public_id
    moderation.save_draft(report, moderator, report.public_text, "We have passed this on.", [])
    report.save()
    assert Report.objects.get(pk=report.pk).public_id == public_id


def test_two_items_cannot_share_a_public_id(published_reports):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(public_id=published_reports[0].public_id)


def feed_entry_ids(client):
    root = ET.fromstring(client.get("/feedback/published/feed.atom").content)  # noqa: S314
    return [entry.find(f"{ATOM}id").text for entry in root.findall(f"{ATOM}entry")]


def test_a_feed_entry_keeps_its_id(client, published_reports, moderator):
    report = published_reports[0]
    before = feed_entry_ids(client)
    assert f"http://testserver/feedback/published/#report-{report.public_id}" in before
    moderation.save_draft(report, moderator, report.public_text, "We have passed this on.", [])
    moderation.approve(ReportFactory(), moderator, "A newer report.")
    after = feed_entry_ids(client)
    assert len(after) == len(before) + 1
    assert set(before) < set(after)


@pytest.mark.django_db(transaction=True)
def test_upgrading_gives_every_stored_report_and_comment_its_own_public_id(
    home, back_to_the_latest_migrations
):
    before, after = (
        ("feedback", "0007_audit_log_labels_without_receipt_codes"),
        ("feedback", "0009_public_ids_unique"),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old_apps = executor.loader.project_state([before]).apps
    neighbourhood = old_apps.get_model("feedback", "Neighbourhood").objects.create(name="Upton")
    for number in range(30):
        old_apps.get_model("feedback", "Report").objects.create(
            receipt_code=f"CODE{number:04d}",
            submission_id=uuid.uuid4(),
            interaction_date="2026-10-14",
            neighbourhood_id=neighbourhood.pk,
            interaction_type="stopped",
            lead_mentioned="yes",
            account="Stored before public ids.",
        )
        old_apps.get_model("feedback", "Comment").objects.create(
            page_id=home.pk, body="Stored before public ids."
        )
    MigrationExecutor(connection).migrate([after])
    for model in (Report, Comment):
        ids = list(model.objects.values_list("public_id", flat=True))
        assert len(ids) == 30 and len(set(ids)) == 30
        assert all(re.fullmatch(r"[0-9a-f]{16}", public_id) for public_id in ids)
    # New rows get theirs as before, stored by the code of today (its later migrations too).
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert ReportFactory(neighbourhood=NeighbourhoodFactory(name="Harlem Park")).public_id
