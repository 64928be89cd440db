"""A resident checks on their report with the receipt code; everyone reads what was
published, never before a moderator approves it and never the original words."""

import pytest
from wagtail.models import ModelLogEntry

from feedback.models import ContactDetails, Report
from feedback.moderation import decisions as moderation
from tests.factories import NeighbourhoodFactory, ReportFactory

STATUS_URL = "/feedback/status/"
PUBLISHED_URL = "/feedback/published/"
ORIGINAL = "Officer Brady at 512 W Saratoga Street was rude to me."
REDACTED = "The officer was rude to me."


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_superuser("moderator", "m@example.org", "x")


@pytest.fixture
def report(feedback_page):
    return ReportFactory(account=ORIGINAL)


def lookup(client, code):
    return client.post(STATUS_URL, {"code": code})


def test_a_new_report_shows_under_review(client, report):
    response = lookup(client, report.display_code)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Under review" in html
    assert ORIGINAL not in html


def test_the_code_works_in_lower_case_and_without_dashes(client, report):
    html = lookup(client, report.receipt_code.lower()).content.decode()
    assert "Under review" in html


def test_a_typo_in_the_code_is_called_a_typo(client, report):
    typo = ("3" if report.receipt_code[0] != "3" else "4") + report.receipt_code[1:]
    response = lookup(client, typo)
    assert response.status_code == 400
    assert "That code has a typing mistake" in response.content.decode()


def test_an_unknown_code_tells_nothing_about_other_reports(client, report):
    from feedback.reports.receipts import format_receipt_code, generate_receipt_code

    response = lookup(client, format_receipt_code(generate_receipt_code()))
    html = response.content.decode()
    assert response.status_code == 400
    assert "No report has this code" in html
    assert report.display_code not in html and "Under review" not in html


def test_status_lookups_are_rate_limited(client, report, settings, one_rate_limit_window):
    settings.FEEDBACK_STATUS_LOOKUPS_PER_10_MINUTES = 3
    statuses = [lookup(client, "AAA-AAA-AAA-AAA").status_code for _ in range(4)]
    assert statuses[-1] == 429
    assert statuses[:3] == [400, 400, 400]


def test_a_published_report_shows_the_public_text_and_response(client, report, moderator):
    moderation.approve(report, moderator, REDACTED, official_response="We are looking into it.")
    html = lookup(client, report.display_code).content.decode()
    assert "Published" in html
    assert REDACTED in html
    assert "We are looking into it." in html
    assert ORIGINAL not in html


def test_a_rejected_report_says_why(client, report, moderator):
    moderation.reject(report, moderator, "abusive", note="internal note")
    html = lookup(client, report.display_code).content.decode()
    assert "Not published" in html
    assert "Abusive" in html
    assert "internal note" not in html


def test_nothing_is_public_before_a_moderator_approves_it(client, report):
    """Privacy rule 3."""
    for url in ["/", "/feedback/", PUBLISHED_URL, "/search/?query=Saratoga", "/sitemap.xml"]:
        html = client.get(url).content.decode()
        assert "was rude to me" not in html and "Brady" not in html, url
    assert "0 results" in client.get("/search/?query=Saratoga").content.decode()


def test_the_published_list_shows_the_redacted_text_never_the_original(client, report, moderator):
    """Privacy rule 3."""
    moderation.approve(report, moderator, REDACTED, tags=["courtesy"])
    html = client.get(PUBLISHED_URL).content.decode()
    assert REDACTED in html
    assert ORIGINAL not in html and "Brady" not in html and "Saratoga" not in html
    assert "October 2026" in html
    assert "14 October" not in html  # month and year, not the exact date
    assert "courtesy" in html


def test_contact_details_appear_on_no_public_page(client, report, moderator):
    """Privacy rule 1."""
    ContactDetails.objects.store(
        report, name="Jo Resident", email="jo@example.org", phone="410-555-0188"
    )
    moderation.approve(report, moderator, REDACTED, official_response="Thanks, Jo.")
    pages = [
        client.get(PUBLISHED_URL),
        lookup(client, report.display_code),
        client.get("/"),
        client.get("/search/", {"query": "jo@example.org"}),
    ]
    for response in pages:
        html = response.content.decode()
        assert "jo@example.org" not in html and "410-555-0188" not in html
        assert "Jo Resident" not in html


def test_publishing_is_refused_while_personal_information_remains(report, moderator):
    with pytest.raises(moderation.ModerationError, match="personal information"):
        moderation.approve(report, moderator, "Officer Brady was rude.")
    report.refresh_from_db()
    assert report.status == "new"
    moderation.approve(
        report, moderator, "Officer Brady was rude.", override_personal_information=True
    )
    report.refresh_from_db()
    assert report.status == "published"


def test_a_report_without_consent_cannot_be_published(feedback_page, moderator):
    report = ReportFactory(consent_to_publish=False)
    with pytest.raises(moderation.ModerationError, match="did not agree"):
        moderation.approve(report, moderator, REDACTED)


def test_every_moderation_action_is_in_the_audit_log(report, moderator):
    moderation.approve(report, moderator, REDACTED)
    moderation.save_draft(report, moderator, REDACTED, "We hear you.", [])
    moderation.reject(report, moderator, "duplicate")
    entries = ModelLogEntry.objects.filter(object_id=str(report.pk)).order_by("timestamp", "pk")
    assert [entry.action for entry in entries] == [
        "feedback.approve",
        "wagtail.edit",
        "feedback.reject",
    ]
    assert all(entry.user_id == moderator.pk for entry in entries)
    assert entries[2].data == {"reason": "duplicate"}


def test_the_published_list_filters_and_pages(client, feedback_page, moderator, settings):
    poppleton = NeighbourhoodFactory(name="Poppleton")
    for index in range(25):
        report = ReportFactory(
            neighbourhood=poppleton if index % 2 else NeighbourhoodFactory(name="Seton Hill"),
            interaction_type="arrested" if index < 5 else "stopped",
        )
        moderation.approve(report, moderator, f"Public text {index}.")
    ReportFactory(account="still waiting")
    first = client.get(PUBLISHED_URL).content.decode()
    assert "25 reports" in first
    assert 'rel="next" href="?page=2"' in first
    arrested = client.get(PUBLISHED_URL, {"type": "arrested"}).content.decode()
    assert "5 reports" in arrested
    in_poppleton = client.get(PUBLISHED_URL, {"neighbourhood": poppleton.pk}).content.decode()
    assert "12 reports" in in_poppleton
    by_month = client.get(PUBLISHED_URL, {"month": "2026-10", "type": "arrested"})
    assert 'href="?type=arrested&amp;month=2026-10&amp;page=' not in by_month.content.decode()
    assert "5 reports" in by_month.content.decode()
    assert Report.objects.filter(status="new").count() == 1


@pytest.mark.parametrize(
    "params",
    [
        {"type": "<script>"},
        {"neighbourhood": "abc"},
        # A month that is not one is an error to correct: tests/test_dates_and_months.py.
        {"tag": "a" * 5000},
        {"page": "-5"},
    ],
)
def test_nonsense_filters_show_the_list_not_an_error(client, feedback_page, params):
    response = client.get(PUBLISHED_URL, params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("</header>", 2)[-1]
