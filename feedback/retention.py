"""Deleting what the portal must not keep, once its retention period is over:

- residents' contact details, and the addresses of those who asked for update emails,
  after ``FEEDBACK_CONTACT_RETENTION_DAYS`` (180);
- the words of rejected reports and comments (what was sent, the moderator's draft and
  note), after ``FEEDBACK_REJECTED_TEXT_RETENTION_DAYS`` (90) from the decision. The
  record that something was received and rejected, and why, stays for the statistics and
  the audit log.

Only counts are logged. ``manage.py purge_expired`` runs the purge, or queues it for the
background worker (``--enqueue``).
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from feedback.models import (
    AskAgainRequest,
    Comment,
    CommentStatus,
    ContactDetails,
    Report,
    ReportStatus,
)
from feedback.update_emails import purge_expired_update_requests
from portal.staff.lockouts import purge_expired_login_failures

logger = logging.getLogger(__name__)


def _cutoff(days, now=None):
    return (now or timezone.now()) - datetime.timedelta(days=days)


def purge_expired_contact_details(now=None):
    """Delete contact details older than the retention period; return how many."""
    cutoff = _cutoff(settings.FEEDBACK_CONTACT_RETENTION_DAYS, now)
    deleted, _ = ContactDetails.objects.filter(created_at__lt=cutoff).delete()
    logger.info("Deleted %d expired sets of contact details", deleted)
    return deleted


def purge_rejected_texts(now=None):
    """Blank the words of reports and comments rejected before the retention period;
    return ``(reports, comments)`` blanked."""
    cutoff = _cutoff(settings.FEEDBACK_REJECTED_TEXT_RETENTION_DAYS, now)
    reports = (
        Report.objects.filter(status=ReportStatus.REJECTED, moderated_at__lt=cutoff)
        .exclude(account="", cross_streets="", public_text="", rejection_note="")
        .update(account="", cross_streets="", public_text="", rejection_note="")
    )
    comments = (
        Comment.objects.filter(status=CommentStatus.REJECTED, moderated_at__lt=cutoff)
        .exclude(body="", public_text="", rejection_note="")
        .update(body="", public_text="", rejection_note="")
    )
    # The note of a request to ask again, and the first decision's note kept with it, are
    # words of the same report.
    AskAgainRequest.objects.filter(
        report__status=ReportStatus.REJECTED, report__moderated_at__lt=cutoff
    ).exclude(note="", first_note="").update(note="", first_note="")
    logger.info(
        "Deleted the texts of %d rejected reports and %d rejected comments", reports, comments
    )
    return reports, comments


@task()
def purge_expired():
    """Everything past its retention period: contact details, the words of rejected
    reports and comments, and failed staff sign-ins (which hold an address) after their
    cool-off. Returns how many of each were deleted."""
    contacts = purge_expired_contact_details()
    reports, comments = purge_rejected_texts()
    return {
        "contact_details": contacts,
        "update_email_addresses": purge_expired_update_requests(),
        "rejected_reports": reports,
        "rejected_comments": comments,
        "staff_sign_in_failures": purge_expired_login_failures(),
    }


@task()
def purge_contact_details():
    """Contact details (and update email addresses) past their retention period alone;
    returns how many were deleted."""
    return {
        "contact_details": purge_expired_contact_details(),
        "update_email_addresses": purge_expired_update_requests(),
    }
