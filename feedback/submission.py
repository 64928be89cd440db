"""Storing a resident's report: once per form shown, screened by the word rules (a
rejecting rule refuses it at once), contact details kept apart and encrypted, and the
moderators told without any of the resident's words or details in the email, by the
background worker once the report is saved."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task
from wagtail.log_actions import log

from feedback import screening
from feedback.background import enqueue_on_commit
from feedback.models import RATING_ITEMS, ContactDetails, RejectionReason, Report, ReportStatus

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


def store_once(model, submission_id, store):
    """Store one row of ``model`` per form shown: ``store()`` saves the new row (in a
    transaction) and returns it. Returns ``(row, created)``; when ``submission_id`` was
    stored already, before or by a copy of the same form arriving at the same moment, it
    returns that row and ``store`` has no effect."""
    existing = model.objects.filter(submission_id=submission_id).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return store(), True
    except IntegrityError:
        # Two copies of the same form arrived at once and the other one won.
        existing = model.objects.filter(submission_id=submission_id).first()
        if existing is None:
            raise
        return existing, False


def submit_report(cleaned_data, submission_id, language="en"):
    """Store the report and return ``(report, created)``.

    A second submission of the same form (a double click, a browser resubmit, a replay)
    returns the report the first one stored. A report that a rejecting word rule matches
    is stored as rejected (abusive), recorded in the audit log, and no one is emailed;
    the resident still gets a receipt code.
    """
    report, created = store_once(
        Report, submission_id, lambda: _store_report(cleaned_data, submission_id, language)
    )
    if created:
        if report.status != ReportStatus.REJECTED:
            enqueue_on_commit(email_moderators_about_report, report.pk)
        logger.info("Feedback report stored (id=%s, status=%s)", report.pk, report.status)
    return report, created


def _store_report(cleaned_data, submission_id, language):
    screened = screening.screen(cleaned_data["account"], model=Report)
    rejected = screened.action == screening.REJECT
    report = Report.objects.create(
        submission_id=submission_id,
        language=language,
        held_reasons=screened.held_reasons,
        fingerprint=screened.fingerprint,
        **(_automatic_rejection(screened) if rejected else {}),
        **{name: cleaned_data[name] for name in REPORT_FIELDS},
    )
    if rejected:
        log(
            instance=report,
            action="feedback.auto_reject",
            user=None,
            data={"reason": RejectionReason.ABUSIVE.value, "rules": screened.rejecting_phrases},
        )
    contact = {
        "name": cleaned_data.get("contact_name", ""),
        "email": cleaned_data.get("contact_email", ""),
        "phone": cleaned_data.get("contact_phone", ""),
    }
    if any(contact.values()):
        ContactDetails.objects.store(report, **contact)
    return report


def _automatic_rejection(screened):
    """The fields of a report that a rejecting word rule refused."""
    phrases = screened.rejecting_phrases
    rules = ", ".join(f"“{phrase}”" for phrase in phrases)
    # Stored for the moderators, so in the site's default language.
    with moderator_language():
        note = ngettext(
            "Rejected automatically by the word rule %(rules)s.",
            "Rejected automatically by the word rules %(rules)s.",
            len(phrases),
        ) % {"rules": rules}
    return {
        "status": ReportStatus.REJECTED,
        "rejection_reason": RejectionReason.ABUSIVE,
        "rejection_note": note,
        "moderated_at": timezone.now(),
        "moderated_by": None,
    }


def moderators():
    User = get_user_model()
    permission = Q(groups__permissions__codename="moderate_report") | Q(
        user_permissions__codename="moderate_report"
    )
    return User.objects.filter(is_active=True).filter(permission | Q(is_superuser=True)).distinct()


def moderator_language():
    """Moderators read what the site tells them (emails, notes stored for them) in the
    site's default language (``LANGUAGE_CODE``), whatever language the resident used."""
    return translation.override(settings.LANGUAGE_CODE)


def review_it_at(url):
    return _("Review it in the admin: %(url)s") % {"url": url}


@task()
def email_moderators_about_report(report_id):
    """Tell the moderators about a new report. The task is queued with the report's id
    alone: the queue table never holds what the resident wrote or their contact details."""
    report = Report.objects.select_related("neighbourhood").filter(pk=report_id).first()
    if report is not None:
        notify_moderators(report)


def notify_moderators(report):
    """Email every moderator that ``report`` waits for review. A mail server that fails
    raises, so that the worker records the task as failed."""
    recipients = [user.email for user in moderators() if user.email]
    if not recipients:
        return
    link = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_home")
    with moderator_language():
        what = _(
            "A resident sent a new report about a police interaction (%(kind)s, %(neighbourhood)s)."
        ) % {"kind": report.get_interaction_type_display(), "neighbourhood": report.neighbourhood}
        subject = _("New resident report %(code)s waiting for review") % {
            "code": report.display_code
        }
        message = f"{what}\n\n{review_it_at(link)}\n\n" + _(
            "This email holds none of the resident's words or contact details."
        )
    send_mail(
        subject=subject,
        message=message,
        from_email=None,
        recipient_list=recipients,
    )
