"""Storing a resident's report: once per form shown, contact details kept apart, and the
moderators told without any of the resident's words or details in the email."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse

from feedback.models import RATING_ITEMS, ContactDetails, Report

logger = logging.getLogger(__name__)

REPORT_FIELDS = [
    "interaction_date",
    "neighbourhood",
    "cross_streets",
    "interaction_type",
    "lead_mentioned",
    "account",
    "consent_to_publish",
    *(name for name, _ in RATING_ITEMS),
]


def submit_report(cleaned_data, submission_id, language="en"):
    """Store the report and return ``(report, created)``.

    A second submission of the same form (a double click, a browser resubmit, a replay)
    returns the report the first one stored.
    """
    existing = Report.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            report = Report.objects.create(
                submission_id=submission_id,
                language=language,
                **{name: cleaned_data[name] for name in REPORT_FIELDS},
            )
            contact = {
                "name": cleaned_data.get("contact_name", ""),
                "email": cleaned_data.get("contact_email", ""),
                "phone": cleaned_data.get("contact_phone", ""),
            }
            if any(contact.values()):
                ContactDetails.objects.create(report=report, **contact)
    except IntegrityError:
        # Two copies of the same form arrived at once and the other one won.
        existing = Report.objects.filter(submission_id=submission_id).first()
        if existing is None:
            raise
        return existing, False
    transaction.on_commit(lambda: notify_moderators(report))
    logger.info("Feedback report stored (id=%s)", report.pk)
    return report, True


def moderators():
    User = get_user_model()
    permission = Q(groups__permissions__codename="moderate_report") | Q(
        user_permissions__codename="moderate_report"
    )
    return User.objects.filter(is_active=True).filter(permission | Q(is_superuser=True)).distinct()


def notify_moderators(report):
    recipients = [user.email for user in moderators() if user.email]
    if not recipients:
        return
    link = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_home")
    send_mail(
        subject=f"New resident report {report.display_code} waiting for review",
        message=(
            "A resident sent a new report about a police interaction "
            f"({report.get_interaction_type_display()}, {report.neighbourhood}).\n\n"
            f"Review it in the admin: {link}\n\n"
            "This email holds none of the resident's words or contact details."
        ),
        from_email=None,
        recipient_list=recipients,
        fail_silently=True,
    )
