"""A resident tells the program about a police interaction, anonymously, from a phone."""

import datetime
from unittest import mock

import pytest
import time_machine
from django.core import mail

from feedback.models import ContactDetails, Report
from feedback.reports.receipts import parse_receipt_code
from tests.feedback_helpers import (
    FORM_URL,
    days_from_today,
    form_token,
    receipt_code,
    report_data,
)


@pytest.fixture
def seton_hill(feedback_page):
    from feedback.models import Neighbourhood

    return Neighbourhood.objects.get(name="Seton Hill")


def test_form_says_what_is_public_and_that_no_name_is_needed(client, feedback_page):
    html = client.get(FORM_URL).content.decode()
    assert "You don’t need to give your name" in html
    assert "Contact details are never published" in html
    assert html.count("<fieldset") >= 5
    assert "<legend" in html
    assert "The officer treated me with dignity and respect." in html
    assert '<div hidden><label for="id_website">' in html


def test_resident_sends_a_report_and_gets_a_receipt_code(client, seton_hill):
    response = client.post(FORM_URL, report_data(client, seton_hill))
    assert response.status_code == 200
    code = receipt_code(response)
    report = Report.objects.get()
    assert parse_receipt_code(code) == report.receipt_code
    assert report.status == "new"
    assert report.neighbourhood == seton_hill
    assert report.rating_respect == 5 and report.rating_satisfied == 4
    assert report.rating_listened is None and report.rating_fair is None
    assert report.consent_to_publish is True
    assert not ContactDetails.objects.exists()
    assert 'href="/feedback/status/"' in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_contact_details_are_kept_apart_from_the_report(client, seton_hill, admin_user):
    client.post(
        FORM_URL,
        report_data(
            client, seton_hill, contact_email="res@example.org", contact_phone="410 555 0123"
        ),
    )
    report = Report.objects.get()
    contact = report.contact.revealed_for(admin_user)
    assert contact.email == "res@example.org"
    assert contact.phone == "410 555 0123"
    assert "res@example.org" not in report.account


def test_moderators_are_emailed_without_the_residents_words(
    client, seton_hill, django_user_model, django_capture_on_commit_callbacks
):
    django_user_model.objects.create_superuser("mod", "mod@example.org", "x")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            FORM_URL,
            report_data(client, seton_hill, account="Secret words", contact_email="r@example.org"),
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mod@example.org"]
    assert "Secret words" not in message.body and "r@example.org" not in message.body


def test_a_double_click_or_resubmit_makes_one_report(client, seton_hill):
    data = report_data(client, seton_hill)
    first = client.post(FORM_URL, data)
    second = client.post(FORM_URL, data)
    assert Report.objects.count() == 1
    assert receipt_code(first) == receipt_code(second)


def test_missing_answers_get_a_message_beside_each_field_and_a_summary(client, feedback_page):
    response = client.post(FORM_URL, {"form_token": form_token(client)})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<div class="error-summary" role="alert"' in html
    for message, anchor in [
        ("Enter the date of the interaction.", "#id_interaction_date"),
        ("Choose the neighbourhood where it happened.", "#id_neighbourhood"),
        ("Choose what kind of interaction it was.", "#id_interaction_type_0"),
        ("Say whether LEAD was mentioned, or choose “Not sure”.", "#id_lead_mentioned_0"),
        ("Tell us what happened, in words.", "#id_account"),
        ("Say whether we may publish a version of your report.", "#id_consent_to_publish_0"),
    ]:
        assert f'<a href="{anchor}">{message}</a>' in html, message
        assert html.count(message) == 2, message  # in the summary and beside the field
    assert 'aria-invalid="true"' in html
    assert "<title>Error:" in html
    assert not Report.objects.exists()


def test_everything_typed_is_kept_when_the_form_is_shown_again(client, seton_hill):
    long_text = "Ça s’est passé vite. حدث ذلك بسرعة 🚓 " * 2900  # about 100 kB
    next_week = days_from_today(7)
    data = report_data(
        client, seton_hill, account=long_text, interaction_date=next_week, rating_fair="3"
    )
    response = client.post(FORM_URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The date cannot be in the future." in html
    assert "Keep it to 5,000 characters or fewer" in html
    assert long_text.strip()[:500] in html
    assert f'value="{next_week}"' in html
    assert 'value="W Fayette St and N Paca St"' in html
    assert 'value="3" id="id_rating_fair_2" class="choices__input" checked' in html
    assert f'value="{seton_hill.pk}" selected' in html
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("interaction_date", "31/02/2026", "Enter a real date"),
        ("interaction_date", "yesterday", "Enter a real date"),
        ("interaction_date", "2014-12-31", "Enter a date in 2015 or later."),
        ("neighbourhood", "abc", "Choose a neighbourhood from the list."),
        ("neighbourhood", "99999", "Choose a neighbourhood from the list."),
        ("interaction_type", "<script>", "Choose one of the kinds of interaction listed."),
        ("rating_fair", "7", "Choose a number from 1 to 5"),
        ("consent_to_publish", "maybe", "Choose yes or no."),
        ("contact_email", "not-an-email", "Enter an email address like name@example.com."),
        ("contact_phone", "call me", "Enter a phone number with at least 7 digits."),
        ("account", "<p></p><script></script>", "Tell us what happened, in words."),
        ("cross_streets", "x" * 201, "Keep the cross streets under 200 characters."),
    ],
)
def test_bad_answers_get_a_specific_message(client, seton_hill, field, value, message):
    response = client.post(FORM_URL, report_data(client, seton_hill, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_the_date_is_checked_against_baltimores_calendar_not_utc(client, seton_hill):
    # 02:30 UTC on 6 December is still the evening of 5 December in Baltimore.
    with time_machine.travel(datetime.datetime(2026, 12, 6, 2, 30, tzinfo=datetime.UTC)):
        today = client.post(
            FORM_URL, report_data(client, seton_hill, interaction_date="2026-12-05")
        )
        utc_today = client.post(
            FORM_URL, report_data(client, seton_hill, interaction_date="2026-12-06")
        )
    assert today.status_code == 200
    assert utc_today.status_code == 400
    assert "The date cannot be in the future." in utc_today.content.decode()


def test_markup_and_control_characters_never_reach_the_database(client, seton_hill, admin_user):
    data = report_data(
        client,
        seton_hill,
        account="<script>alert(1)</script><b>Rude</b> officer\x00 🚓 حدث",
        cross_streets="<img src=x onerror=alert(1)>Eutaw",
        contact_name="<i>Jo</i>",
    )
    response = client.post(FORM_URL, data)
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.account == "alert(1)Rude officer 🚓 حدث"
    assert report.cross_streets == "Eutaw"
    assert report.contact.revealed_for(admin_user).name == "Jo"


def test_null_bytes_anywhere_get_an_answer_not_a_crash(client, seton_hill):
    data = report_data(client, seton_hill)
    data = {key: value + "\x00" for key, value in data.items()}
    response = client.post(FORM_URL, data)
    assert response.status_code in {200, 400}


def test_the_honeypot_stops_bots(client, seton_hill):
    response = client.post(FORM_URL, report_data(client, seton_hill, website="http://spam"))
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_a_form_sent_faster_than_a_person_can_fill_it_is_refused(client, seton_hill, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 60
    data = report_data(client, seton_hill)
    response = client.post(FORM_URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "That was sent very quickly" in html
    assert "The officer explained LEAD" in html  # what was typed is kept
    assert not Report.objects.exists()


@pytest.mark.parametrize("token", ["", "forged", "eyJpZCI6IjEifQ:1abc:xyz"])
def test_a_missing_or_forged_form_token_is_refused(client, seton_hill, token):
    response = client.post(FORM_URL, report_data(client, seton_hill, form_token=token))
    assert response.status_code == 400
    assert "Something went wrong with the form" in response.content.decode()
    assert not Report.objects.exists()


def test_reports_are_rate_limited_per_visitor(client, seton_hill, settings, one_rate_limit_window):
    settings.FEEDBACK_REPORTS_PER_HOUR = 2
    statuses = [
        client.post(FORM_URL, report_data(client, seton_hill)).status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert Report.objects.count() == 2
    other_visitor = client.post(
        FORM_URL, report_data(client, seton_hill), REMOTE_ADDR="198.51.100.9"
    )
    assert other_visitor.status_code == 200


def test_oversized_requests_are_refused_with_a_clear_page(client, seton_hill, settings):
    settings.FEEDBACK_MAX_REQUEST_BYTES = 10_000
    response = client.post(FORM_URL, report_data(client, seton_hill, account="x" * 20_000))
    assert response.status_code == 413
    assert "too long to receive" in response.content.decode()
    assert not Report.objects.exists()


def test_captcha_is_checked_with_google_when_keys_are_configured(client, seton_hill, settings):
    settings.RECAPTCHA_PUBLIC_KEY = "site-key"
    settings.RECAPTCHA_PRIVATE_KEY = "secret-key"
    html = client.get(FORM_URL).content.decode()
    assert "https://www.google.com/recaptcha/api.js" in html
    data = report_data(client, seton_hill, **{"g-recaptcha-response": "token-from-google"})

    def google_says(success):
        response = mock.Mock()
        response.read.return_value = (
            b'{"success": true}' if success else b'{"success": false, "error-codes": ["bad"]}'
        )
        return response

    with mock.patch("django_recaptcha.client.recaptcha_request", return_value=google_says(False)):
        refused = client.post(FORM_URL, data)
    assert refused.status_code == 400
    assert not Report.objects.exists()
    with mock.patch("django_recaptcha.client.recaptcha_request", return_value=google_says(True)):
        accepted = client.post(FORM_URL, data)
    assert accepted.status_code == 200
    assert Report.objects.count() == 1


def test_without_captcha_keys_the_form_has_no_third_party_script(client, feedback_page):
    html = client.get(FORM_URL).content.decode()
    assert "google.com" not in html and "gstatic" not in html


def test_missing_captcha_keys_raise_a_system_check_warning(settings):
    from feedback.checks import captcha_keys_check

    settings.RECAPTCHA_PUBLIC_KEY = settings.RECAPTCHA_PRIVATE_KEY = ""
    assert [warning.id for warning in captcha_keys_check(None)] == ["feedback.W001"]
    settings.RECAPTCHA_PUBLIC_KEY, settings.RECAPTCHA_PRIVATE_KEY = "a", "b"
    assert captcha_keys_check(None) == []


def test_a_nonsense_content_length_gets_an_answer_not_a_crash(client, seton_hill):
    response = client.post(FORM_URL, report_data(client, seton_hill), CONTENT_LENGTH="abc")
    assert response.status_code in {200, 400}
