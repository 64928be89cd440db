"""Residents' contact details are encrypted at rest (privacy rule 1): the database holds
only ciphertext, moderators with the permission read them on the review screen, keys can
be rotated, and a wrong key shows a clear message rather than a crash."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from feedback.contact_encryption import ContactKeyError
from feedback.models import ContactDetails, Neighbourhood, Report
from tests.feedback_helpers import FORM_URL, report_data
from tests.test_moderation_admin import editor, moderator, review_url  # noqa: F401

NAME, EMAIL, PHONE = "Jo Resident", "jo.resident@example.org", "410 555 0123"
OLD_KEY, NEW_KEY = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def stored_row(report):
    """The contact-details row as the database holds it, past the ORM."""
    table = connection.ops.quote_name(ContactDetails._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE report_id = %s", [report.pk])  # noqa: S608
        return " ".join(str(value) for value in cursor.fetchone())


@pytest.fixture
def sent_report(client, feedback_page):
    place = Neighbourhood.objects.first()
    data = report_data(client, place, contact_name=NAME, contact_email=EMAIL, contact_phone=PHONE)
    assert client.post(FORM_URL, data).status_code == 200
    return Report.objects.get()


def test_the_database_holds_no_plain_contact_details(sent_report):
    row = stored_row(sent_report)
    for plain in [NAME, EMAIL, PHONE, "jo.resident", "5550123", "555 0123"]:
        assert plain not in row
    assert not hasattr(sent_report.contact, "email")
    assert not hasattr(sent_report.contact, "phone")
    assert not hasattr(sent_report.contact, "name")


def test_a_moderator_with_the_permission_sees_them_on_the_review_screen(
    client,
    sent_report,
    moderator,  # noqa: F811
):
    html = client.get(review_url(sent_report)).content.decode()
    assert NAME in html and EMAIL in html and PHONE in html


def test_staff_without_the_permission_never_see_them(client, sent_report, editor):  # noqa: F811
    html = client.get(review_url(sent_report)).content.decode()
    assert NAME not in html and EMAIL not in html and PHONE not in html
    assert sent_report.contact.revealed_for(editor) is None


def test_the_listing_only_says_whether_there_are_contact_details(
    client,
    sent_report,
    moderator,  # noqa: F811
):
    html = client.get("/admin/snippets/feedback/report/").content.decode()
    assert sent_report.display_code in html
    assert EMAIL not in html and PHONE not in html and NAME not in html


def test_rows_under_an_old_key_are_read_and_rotated_to_the_new_one(
    feedback_page, settings, admin_user
):
    from tests.factories import ReportFactory

    settings.FEEDBACK_CONTACT_KEYS = [OLD_KEY]
    report = ReportFactory()
    ContactDetails.objects.store(report, name=NAME, email=EMAIL, phone=PHONE)
    settings.FEEDBACK_CONTACT_KEYS = [NEW_KEY, OLD_KEY]
    assert ContactDetails.objects.get().revealed_for(admin_user).email == EMAIL
    out = StringIO()
    call_command("rotate_contact_key", stdout=out)
    assert out.getvalue().strip() == (
        "Re-encrypted 1 sets of contact details and 0 update email addresses with the newest key."
    )
    assert EMAIL not in out.getvalue()
    settings.FEEDBACK_CONTACT_KEYS = [NEW_KEY]
    revealed = ContactDetails.objects.get().revealed_for(admin_user)
    assert (revealed.name, revealed.email, revealed.phone) == (NAME, EMAIL, PHONE)
    assert EMAIL not in stored_row(report)


def test_rotation_with_keys_that_cannot_read_the_rows_changes_nothing(sent_report, settings):
    before = stored_row(sent_report)
    settings.FEEDBACK_CONTACT_KEYS = [NEW_KEY]
    with pytest.raises(CommandError, match="can read these contact details"):
        call_command("rotate_contact_key", stdout=StringIO())
    assert stored_row(sent_report) == before


@pytest.mark.parametrize("keys", [[NEW_KEY], [], ["not-a-fernet-key"]])
def test_a_wrong_or_missing_key_gives_a_clear_message_in_the_admin(
    client,
    sent_report,
    moderator,  # noqa: F811
    settings,
    keys,
    caplog,
):
    settings.FEEDBACK_CONTACT_KEYS = keys
    response = client.get(review_url(sent_report))
    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot be decrypted with the keys this site has" in html
    assert EMAIL not in html
    assert EMAIL not in caplog.text and PHONE not in caplog.text
    with pytest.raises(ContactKeyError):
        sent_report.contact.revealed_for(moderator)


def test_expired_contact_details_are_still_purged(sent_report):
    from datetime import timedelta

    from django.utils import timezone

    ContactDetails.objects.update(created_at=timezone.now() - timedelta(days=181))
    out = StringIO()
    call_command("purge_expired", stdout=out)
    assert "Deleted 1 expired sets of contact details" in out.getvalue()
    assert not ContactDetails.objects.exists()
    assert Report.objects.filter(pk=sent_report.pk).exists()
