"""Shared steps for the feedback tests: open the form, fill it in like a resident."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import NeighbourhoodFactory, make_feedback_page

FORM_URL = "/feedback/"


@pytest.fixture
def feedback_page(home, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    for name in ["Market Center", "Seton Hill", "Poppleton"]:
        NeighbourhoodFactory(name=name)
    return make_feedback_page(home)


def form_token(client):
    html = client.get(FORM_URL).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def report_data(client, place, **overrides):
    data = {
        "form_token": form_token(client),
        "interaction_date": "2026-10-14",
        "neighbourhood": str(place.pk),
        "cross_streets": "W Fayette St and N Paca St",
        "interaction_type": "lead_referral",
        "lead_mentioned": "yes",
        "account": "The officer explained LEAD and called a case manager for me.",
        "consent_to_publish": "yes",
        "rating_respect": "5",
        "rating_satisfied": "4",
        "rating_listened": "na",
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def days_from_today(days):
    """The date ``days`` days from today on the site's calendar (Baltimore's, whatever the
    machine's time zone), as the form takes it."""
    from django.utils import timezone

    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def receipt_code(response):
    match = re.search(
        r'<strong class="receipt-code">([A-Z0-9-]+)</strong>', response.content.decode()
    )
    return match.group(1) if match else None


def reports_with_old_and_recent_contact_details(days_old=181):
    """Two reports with contact details: one stored ``days_old`` days ago, one just now."""
    from datetime import timedelta

    from django.utils import timezone

    from feedback.models import ContactDetails
    from tests.factories import ReportFactory

    old, recent = ReportFactory(), ReportFactory()
    ContactDetails.objects.store(old, email="old@example.org")
    ContactDetails.objects.store(recent, email="new@example.org")
    ContactDetails.objects.filter(report=old).update(
        created_at=timezone.now() - timedelta(days=days_old)
    )
    return old, recent


def review(client, report, action, **fields):
    """Post the report's review screen as a moderator: ``action`` is the button pressed
    (save, approve, reject, keep), ``fields`` what was filled in."""
    data = {
        "public_text": "",
        "official_response": "",
        "tags": "",
        "rejection_reason": "",
        "rejection_note": "",
        "genuine": "",
        "moderation-action": action,
        **fields,
    }
    return client.post(reverse("wagtailsnippets_feedback_report:edit", args=[report.pk]), data)
