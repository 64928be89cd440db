"""A journalist downloads the published reports as CSV, or follows them in a feed reader:
both hold exactly what the published page shows, never what the resident wrote or anything
that could identify them."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from feedback.models import ContactDetails, Report
from feedback.moderation import decisions as moderation
from tests.factories import NeighbourhoodFactory, ReportFactory

CSV_URL = "/feedback/published/reports.csv"
FEED_URL = "/feedback/published/feed.atom"
PUBLISHED_URL = "/feedback/published/"
ATOM = "{http://www.w3.org/2005/Atom}"
PUBLIC_COLUMNS = [
    "interaction_month",
    "interaction_type",
    "neighbourhood",
    "lead_mentioned",
    "rating_respect",
    "rating_listened",
    "rating_explained",
    "rating_fair",
    "rating_cared",
    "rating_satisfied",
    "public_text",
    "official_response",
    "topics",
    "published_on",
]
ORIGINAL = "Officer Marlow at 77 Zebra Lane took my phone. Marker-original-K4Q."


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_superuser("moderator", "m@example.org", "x")


@pytest.fixture
def published(feedback_page, moderator):
    """A published report whose resident left contact details and cross streets."""
    report = ReportFactory(
        account=ORIGINAL,
        cross_streets="Marker Street and Paca Street",
        rating_respect=2,
        rating_satisfied=1,
    )
    ContactDetails.objects.store(
        report, name="Marker Resident", email="marker@example.org", phone="4105550199"
    )
    return moderation.approve(
        report,
        moderator,
        "An officer took my phone.",
        official_response="We have asked the district to look into this.",
        tags=["phones"],
    )


def download(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(client, params=None):
    text = download(client, CSV_URL, params)
    return list(csv.DictReader(io.StringIO(text, newline="")))


def feed(client):
    response = client.get(FEED_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return response.content.decode(), ET.fromstring(response.content)  # noqa: S314 (our own feed)


def test_the_csv_has_exactly_the_public_columns(client, published):
    # Published at 01:30 UTC on 15 October: still the 14th in Baltimore.
    Report.objects.filter(pk=published.pk).update(
        moderated_at=datetime.datetime(2026, 10, 15, 1, 30, tzinfo=datetime.UTC)
    )
    response = client.get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="what-residents-told-us-reports.csv"' in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert not text.startswith("\ufeff")
    assert text.split("\r\n", 1)[0] == ",".join(PUBLIC_COLUMNS)
    (row,) = csv.DictReader(io.StringIO(text, newline=""))
    assert row == {
        "interaction_month": "2026-10",
        "interaction_type": "Stopped or questioned",
        "neighbourhood": "Seton Hill",
        "lead_mentioned": "Yes",
        "rating_respect": "2",
        "rating_listened": "",
        "rating_explained": "",
        "rating_fair": "",
        "rating_cared": "",
        "rating_satisfied": "1",
        "public_text": "An officer took my phone.",
        "official_response": "We have asked the district to look into this.",
        "topics": "phones",
        "published_on": "2026-10-14",
    }


def test_neither_the_csv_nor_the_feed_holds_anything_private(client, published):
    private = [
        "Marker-original-K4Q",
        "Zebra Lane",
        "Marlow",
        published.receipt_code,
        published.display_code,
        "Marker Street",
        "Marker Resident",
        "marker@example.org",
        "4105550199",
        "moderator",
    ]
    csv_text = download(client, CSV_URL)
    feed_text, _ = feed(client)
    assert "An officer took my phone." in csv_text and "An officer took my phone." in feed_text
    for text in [csv_text, feed_text]:
        for secret in private:
            assert secret not in text


def test_the_csv_lists_what_the_page_lists_with_its_filters(client, feedback_page, moderator):
    poppleton = NeighbourhoodFactory(name="Poppleton")
    for number in range(6):
        report = ReportFactory(
            interaction_type="arrested" if number < 2 else "stopped",
            neighbourhood=poppleton if number % 2 else NeighbourhoodFactory(name="Seton Hill"),
            interaction_date=datetime.date(2026, 9 if number == 5 else 10, 14),
        )
        moderation.approve(report, moderator, f"Public text {number}.", tags=["sample"])
    ReportFactory(account="Still waiting for a moderator.")
    moderation.reject(ReportFactory(account="Rejected words."), moderator, "spam")
    hidden = moderation.approve(ReportFactory(), moderator, "Hidden after flags.")
    Report.objects.filter(pk=hidden.pk).update(hidden_by_flags=True)

    assert len(csv_rows(client)) == 6
    assert {row["interaction_type"] for row in csv_rows(client, {"type": "arrested"})} == {
        "Arrested or cited"
    }
    assert len(csv_rows(client, {"type": "arrested"})) == 2
    assert len(csv_rows(client, {"neighbourhood": poppleton.pk})) == 3
    assert [row["public_text"] for row in csv_rows(client, {"month": "2026-09"})] == [
        "Public text 5."
    ]
    assert len(csv_rows(client, {"tag": "sample", "month": "2026-10"})) == 5
    everything = download(client, CSV_URL)
    for absent in ["Still waiting", "Rejected words", "Hidden after flags"]:
        assert absent not in everything
    # The page links to the CSV with its current filters.
    html = client.get(PUBLISHED_URL, {"type": "arrested"}).content.decode()
    assert f'href="{CSV_URL}?type=arrested"' in html


@pytest.mark.parametrize(
    "text", ['=HYPERLINK("http://evil.example")', "+1 555", "-2+3", "@SUM(A1)", "\t=1"]
)
def test_a_text_a_spreadsheet_would_run_as_a_formula_is_refused_never_quoted(
    client, feedback_page, moderator, text
):
    report = ReportFactory()
    for fields in [
        {"public_text": text},
        {"public_text": "Fine.", "official_response": text},
        {"public_text": "Fine.", "tags": [text]},
    ]:
        with pytest.raises(moderation.ModerationError, match="start of a formula"):
            moderation.approve(report, moderator, **fields)
    assert csv_rows(client) == []
    # What may be published goes into the CSV exactly as written: nothing is quoted.
    moderation.approve(report, moderator, "Fine = fine; -2+3", official_response="At 5pm: yes =)")
    (row,) = csv_rows(client)
    assert (row["public_text"], row["official_response"]) == ("Fine = fine; -2+3", "At 5pm: yes =)")


def test_emoji_and_right_to_left_text_survive_the_round_trip(client, feedback_page, moderator):
    text = 'Thank you 🙏🏽 — شكراً للضابط, "quoted"\nand a second line.'
    report = moderation.approve(ReportFactory(), moderator, text)
    (row,) = csv_rows(client)
    assert row["public_text"] == report.public_text
    assert "🙏🏽" in row["public_text"] and "شكراً" in row["public_text"]
    _, root = feed(client)
    content = root.find(f"{ATOM}entry/{ATOM}content").text
    assert "🙏🏽" in content and "شكراً" in content


def test_the_feed_lists_published_reports_newest_first(client, feedback_page, moderator):
    first = moderation.approve(ReportFactory(), moderator, "First published.")
    second = moderation.approve(
        ReportFactory(interaction_type="lead_referral", account="Second original."),
        moderator,
        "Second published.",
        official_response="Fish & chips, 5 > 4.",
    )
    Report.objects.filter(pk=first.pk).update(
        moderated_at=timezone.now() - datetime.timedelta(days=2)
    )
    ReportFactory(account="Waiting original.")
    moderation.reject(ReportFactory(account="Rejected original."), moderator, "spam")
    text, root = feed(client)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}title").text == "What residents told us"
    entries = root.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Offered a LEAD referral, Seton Hill, October 2026",
        "Stopped or questioned, Seton Hill, October 2026",
    ]
    newest = entries[0]
    content = newest.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "<p>Second published.</p>" in content.text
    assert "Response from the program" in content.text
    assert "Fish &amp; chips, 5 &gt; 4." in content.text  # escaped HTML
    link = newest.find(f"{ATOM}link").get("href")
    assert link.startswith("http://testserver/feedback/published/?")
    assert link.endswith(f"#report-{second.public_id}")
    assert "type=lead_referral" in link and "month=2026-10" in link
    for absent in ["original", "Waiting", "Rejected"]:
        assert absent not in text
    # The link lands on the report: its page lists it under that anchor.
    page = client.get(link.removeprefix("http://testserver")).content.decode()
    assert f'id="report-{second.public_id}"' in page


def test_the_feed_holds_the_30_latest(client, feedback_page, moderator):
    for number in range(32):
        moderation.approve(ReportFactory(), moderator, f"Text {number}.")
    _, root = feed(client)
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 30
    assert entries[0].find(f"{ATOM}content").text == "<p>Text 31.</p>"


def test_the_published_page_points_to_the_feed_and_the_csv(client, published):
    html = client.get(PUBLISHED_URL).content.decode()
    head = html.split("</head>", 1)[0]
    assert f'<link rel="alternate" type="application/atom+xml" href="{FEED_URL}"' in head
    body = html.split("</head>", 1)[1]
    assert f'href="{FEED_URL}"' in body and f'href="{CSV_URL}"' in body
    assert f'id="report-{published.public_id}"' in body


def test_an_unpublished_feedback_page_serves_no_files(client, published):
    published_page = published  # noqa: F841 (the fixture makes the page and a report)
    from feedback.models import FeedbackPage

    FeedbackPage.objects.get().unpublish()
    assert client.get(CSV_URL).status_code == 404
    assert client.get(FEED_URL).status_code == 404


def _queries(client, url):
    client.get(url)  # warm the site and page caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    return len(queries)


@pytest.mark.parametrize("url", [CSV_URL, FEED_URL])
def test_the_files_take_the_same_number_of_queries_for_2_or_10_reports(
    client, feedback_page, moderator, url, settings
):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0  # count the queries that build the file
    for number in range(2):
        moderation.approve(ReportFactory(), moderator, f"Text {number}.", tags=["a", "b"])
    with_two = _queries(client, url)
    for number in range(8):
        moderation.approve(ReportFactory(), moderator, f"More {number}.", tags=[f"t{number}"])
    assert with_two >= 2  # the reports and their tags were really read
    assert _queries(client, url) == with_two
