"""Deleting what the portal must not keep, once its retention period is over:

- residents' contact details, after ``FEEDBACK_CONTACT_RETENTION_DAYS`` (180);
- the words of rejected reports and comments (what was sent, the moderator's draft and
  note), after ``FEEDBACK_REJECTED_TEXT_RETENTION_DAYS`` (90) from the decision. The
  record that something was received and rejected, and why, stays for the statistics and
  the audit log.

Only counts are logged.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from feedback.models import Comment, CommentStatus, ContactDetails, Report, ReportStatus

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
    logger.info(
        "Deleted the texts of %d rejected reports and %d rejected comments", reports, comments
    )
    return reports, comments
