"""A resident who asks to be told gets one short email when their report is decided and one
when the program answers it, in their language, never with their words; then the address
is deleted. Each email has a stop link that works at once."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from feedback.models import ContactDetails, Report, UpdateRequest
from feedback.moderation import decisions as moderation
from feedback.retention import purge_expired
from home.models import SiteSettings
from tests.feedback_helpers import (
    FORM_URL,
    feedback_page,  # noqa: F401 (fixture)
    receipt_code,
    report_data,
)

ADDRESS = "jo.resident@example.org"
ACCOUNT = "Officer Brady searched me on Eutaw Street without a word."
RESPONSE = "We have shared this with the district commander."


@pytest.fixture
def place(feedback_page):  # noqa: F811 (fixture)
    from feedback.models import Neighbourhood

    return Neighbourhood.objects.get(name="Seton Hill")


@pytest.fixture
def sent(client, place):
    """A report whose resident asked to be emailed; returns (report, receipt code)."""
    response = client.post(
        FORM_URL, report_data(client, place, account=ACCOUNT, notify_email=ADDRESS)
    )
    return Report.objects.get(), receipt_code(response)


def emails_to_resident():
    return [message for message in mail.outbox if message.to == [ADDRESS]]


def decide(capture, action, *args, **kwargs):
    with capture(execute=True):
        return action(*args, **kwargs)


def test_the_address_is_kept_apart_and_encrypted(sent, admin_user):
    report, _code = sent
    stored = UpdateRequest.objects.get(report=report)
    assert ADDRESS not in stored.email_encrypted
    assert stored.email == ADDRESS
    assert not ContactDetails.objects.filter(report=report).exists()


def test_one_email_when_published_one_when_answered_then_the_address_is_gone(
    sent, admin_user, django_capture_on_commit_callbacks
):
    report, code = sent
    capture = django_capture_on_commit_callbacks
    decide(capture, moderation.approve, report, admin_user, "A search without a word.")
    (decided,) = emails_to_resident()
    assert "published" in decided.subject
    assert "Status: Published" in decided.body
    assert UpdateRequest.objects.filter(report=report).exists()  # a response may come

    # Saving the draft again without a response sends nothing.
    decide(capture, moderation.save_draft, report, admin_user, "A search without a word.", "", [])
    assert len(emails_to_resident()) == 1

    decide(capture, moderation.save_draft, report, admin_user, "A search.", RESPONSE, [])
    first, answered = emails_to_resident()
    assert RESPONSE in answered.body
    assert "last email" in answered.body
    assert not UpdateRequest.objects.exists()

    decide(capture, moderation.save_draft, report, admin_user, "A search.", RESPONSE + " More.", [])
    assert len(emails_to_resident()) == 2
    for message in emails_to_resident():
        for secret in (ACCOUNT, "Officer Brady", "Eutaw", code, report.receipt_code):
            assert secret not in message.body and secret not in message.subject
        assert "/feedback/status/" in message.body


def test_published_with_a_response_at_once_is_one_email(
    sent, admin_user, django_capture_on_commit_callbacks
):
    report, _code = sent
    decide(
        django_capture_on_commit_callbacks,
        moderation.approve,
        report,
        admin_user,
        "A search without a word.",
        official_response=RESPONSE,
    )
    (message,) = emails_to_resident()
    assert "Status: Published" in message.body and RESPONSE in message.body
    assert not UpdateRequest.objects.exists()


def test_not_published_is_one_email_with_the_reason(
    sent, admin_user, django_capture_on_commit_callbacks
):
    report, _code = sent
    decide(django_capture_on_commit_callbacks, moderation.reject, report, admin_user, "off_topic")
    (message,) = emails_to_resident()
    assert "not published" in message.subject
    assert "Reason: Off topic" in message.body
    assert "last email" in message.body
    assert not UpdateRequest.objects.exists()


def test_a_report_refused_by_a_word_rule_is_told_at_once(
    client, place, django_capture_on_commit_callbacks
):
    from feedback.models import WordRule

    WordRule.objects.create(phrase="scumbag", action="reject")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            FORM_URL, report_data(client, place, account="What a scumbag.", notify_email=ADDRESS)
        )
    (message,) = emails_to_resident()
    assert "Reason: Abusive" in message.body and "scumbag" not in message.body


def test_the_stop_link_deletes_the_address_with_one_click(
    sent, admin_user, django_capture_on_commit_callbacks
):
    report, _code = sent
    capture = django_capture_on_commit_callbacks
    decide(capture, moderation.approve, report, admin_user, "A search without a word.")
    (message,) = emails_to_resident()
    link = next(line for line in message.body.splitlines() if "/updates/stop/" in line)
    path = link.removeprefix("http://testserver")
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    response = Client().get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "deleted your email address" in response.content.decode()
    assert not UpdateRequest.objects.exists()
    decide(capture, moderation.save_draft, report, admin_user, "A search.", RESPONSE, [])
    assert len(emails_to_resident()) == 1
    # Followed again, it says the same and tells nothing.
    assert Client().get(path).status_code == 200


def test_a_mail_program_can_stop_the_emails_with_one_post(sent):
    report, _code = sent
    token = UpdateRequest.objects.get().stop_token
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/feedback/updates/stop/{token}/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not UpdateRequest.objects.exists()


def test_a_stop_link_that_names_nothing_deletes_nothing(sent):
    assert Client().get("/feedback/updates/stop/not-a-token/").status_code == 200
    assert UpdateRequest.objects.count() == 1


def test_addresses_are_deleted_after_the_retention_period(sent, settings):
    report, _code = sent
    UpdateRequest.objects.update(created_at=timezone.now() - datetime.timedelta(days=181))
    result = purge_expired.enqueue().return_value
    assert result["update_email_addresses"] == 1
    assert not UpdateRequest.objects.exists()


def test_an_email_is_written_in_the_language_of_the_report(
    client, place, admin_user, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale
    from wagtail_localize.synctree import synchronize_tree

    Locale.objects.get_or_create(language_code="es")
    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es"))
    client.post("/es" + FORM_URL, report_data(client, place, notify_email=ADDRESS))
    report = Report.objects.get()
    assert report.language == "es"
    decide(
        django_capture_on_commit_callbacks,
        moderation.reject,
        report,
        admin_user,
        "duplicate",
    )
    (message,) = emails_to_resident()
    assert "no se publicó" in message.subject
    assert "Estado: No publicado" in message.body
    assert "/es/feedback/status/" in message.body


def test_a_failed_mail_server_leaves_the_email_for_the_next_change(
    sent, admin_user, django_capture_on_commit_callbacks, settings
):
    report, _code = sent
    settings.EMAIL_BACKEND = "tests.test_update_emails.BrokenMailServer"
    decide(django_capture_on_commit_callbacks, moderation.approve, report, admin_user, "Fine.")
    assert UpdateRequest.objects.get().decision_sent_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    decide(
        django_capture_on_commit_callbacks,
        moderation.save_draft,
        report,
        admin_user,
        "Fine.",
        "",
        [],
    )
    assert len(emails_to_resident()) == 1


class BrokenMailServer:
    """Email delivery is outside our control: a mail server that refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("The mail server is down.")


def test_the_privacy_notice_says_what_is_kept_for_how_long_and_who_sees_it(settings):
    from home.demo import help_pages, spanish

    settings.FEEDBACK_CONTACT_RETENTION_DAYS = 90
    english = str(help_pages.privacy()["body"])
    assert "Emails about your report" in english
    assert "or 90 days after you send your report" in english
    assert "Reports given by phone, on paper or in person" in english
    assert "If you say you need help now" in english
    spanish_notice = str(spanish.privacy()["body"])
    assert "Correos sobre su reporte" in spanish_notice
    assert "90 días después de enviar su reporte" in spanish_notice


def test_the_email_is_signed_with_the_program_name_staff_set(
    sent, admin_user, django_capture_on_commit_callbacks
):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "LEAD West Baltimore"
    site_settings.save()
    report, _code = sent
    decide(django_capture_on_commit_callbacks, moderation.approve, report, admin_user, "A search.")
    (decided,) = emails_to_resident()
    assert decided.subject == "Your report to LEAD West Baltimore has been published"
    assert decided.body.rstrip().endswith("LEAD West Baltimore")
