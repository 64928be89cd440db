"""A resident's request, made once with their receipt code, for another look at a report
that was not published."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from feedback.models.reports import RejectionReason, Report


class AskAgainOutcome(models.TextChoices):
    WAITING = "waiting", _("Waiting for a moderator")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")


class AskAgainRequest(models.Model):
    """The report goes back to the moderation queue, where a moderator other than the one
    who decided first decides it again (feedback/asking_again.py). The first decision is
    kept here as it stood, since deciding again overwrites the report's."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="ask_again")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    note = models.TextField(
        _("the resident's note"), blank=True, help_text=_("Seen by moderators only.")
    )
    # What the screening found in the note (feedback/screening.py), as for reports.
    held_reasons = models.JSONField(default=list, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    first_reason = models.CharField(max_length=20, choices=RejectionReason.choices)
    first_note = models.TextField(blank=True)
    first_decided_at = models.DateTimeField(null=True, blank=True)
    first_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    outcome = models.CharField(
        max_length=10,
        choices=AskAgainOutcome.choices,
        default=AskAgainOutcome.WAITING,
        db_index=True,
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request to ask again")

    def __str__(self):
        return _("Request to ask again about %(report)s") % {"report": self.report}

    @property
    def waiting(self):
        return self.outcome == AskAgainOutcome.WAITING
