"""Deleting what the portal must not keep: residents' contact details after the retention
period (FEEDBACK_CONTACT_RETENTION_DAYS, 180 by default)."""

import datetime
import logging

from django.conf import settings
from django.utils import timezone

from feedback.models import ContactDetails

logger = logging.getLogger(__name__)


def purge_expired_contact_details(now=None):
    """Delete contact details older than the retention period; return how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.FEEDBACK_CONTACT_RETENTION_DAYS
    )
    deleted, _ = ContactDetails.objects.filter(created_at__lt=cutoff).delete()
    logger.info("Deleted %d expired sets of contact details", deleted)
    return deleted
