"""What reports and comments share: why the screening held them, their fingerprint for
spotting repeats, whether residents' flags have hidden them, and the random id that names
them in public."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from feedback.public_ids import PUBLIC_ID_LENGTH, new_public_id


class Screened(models.Model):
    # What public pages, "Report this" addresses and feeds call it, never the database id
    # (feedback/public_ids.py).
    public_id = models.CharField(
        max_length=PUBLIC_ID_LENGTH, unique=True, default=new_public_id, editable=False
    )
    # Why the screening held or rejected it: [{"code", "message", "matches": [[start, end]]}]
    held_reasons = models.JSONField(default=list, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    hidden_by_flags = models.BooleanField(
        default=False, help_text=_("Hidden because residents reported it; waiting for review.")
    )

    class Meta:
        abstract = True

    @property
    def held_summary(self):
        """Why the screening held it, in one line for listings."""
        return "; ".join(reason["message"] for reason in self.held_reasons)
