"""Comments on explainer and news pages, residents' reports of abuse, and the word rules
that screen what residents write before a moderator reads it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from feedback.models.reports import RejectionReason, Report
from feedback.models.screened import Screened


class CommentStatus(models.TextChoices):
    NEW = "new", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")


class Comment(Screened):
    """A resident's comment on a page, or a reply to one (one level deep).

    Replies written by staff in the admin carry ``staff_author`` and show a staff badge.
    """

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="resident_comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # One id per form shown: a double click or a replayed post finds the same comment.
    submission_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    language = models.CharField(max_length=10, default="en")
    display_name = models.CharField(_("name shown"), max_length=60, blank=True)
    body = models.TextField(_("comment"), help_text=_("What was sent. Never published."))
    public_text = models.TextField(
        blank=True,
        help_text=_("What is published: the moderator's version of the comment."),
    )
    staff_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set on replies written by program staff."),
    )

    status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.NEW, db_index=True
    )
    rejection_reason = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)
    rejection_note = models.TextField(blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", "Can moderate comments")]

    def __str__(self):
        return _("Comment %(pk)s on “%(title)s”") % {"pk": self.pk, "title": self.page.title}

    @property
    def author_name(self):
        return self.display_name or _("Resident")

    @property
    def is_staff_reply(self):
        return self.staff_author_id is not None

    @property
    def is_visible(self):
        return self.status == CommentStatus.PUBLISHED and not self.hidden_by_flags


class FlagReason(models.TextChoices):
    ABUSIVE = "abusive", _("Abusive, hateful or threatening")
    PERSONAL = "personal_information", _("It identifies someone")
    SPAM = "spam", _("Spam or advertising")
    OFF_TOPIC = "off_topic", _("Off topic")
    OTHER = "other", _("Something else")


class AbuseFlag(models.Model):
    """A resident's report that a published comment or report breaks the rules.

    ``reporter_key`` is a keyed hash of the item and the reporter's address: it makes one
    flag per person and item, cannot be reversed to the address, and cannot link the same
    person across items.
    """

    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="flags"
    )
    reason = models.CharField(max_length=24, choices=FlagReason.choices)
    note = models.CharField(max_length=500, blank=True)
    reporter_key = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(comment__isnull=False, report__isnull=True)
                    | models.Q(comment__isnull=True, report__isnull=False)
                ),
                name="abuseflag_one_item",
            ),
            models.UniqueConstraint(
                fields=["comment", "reporter_key"], name="abuseflag_once_per_comment"
            ),
            models.UniqueConstraint(
                fields=["report", "reporter_key"], name="abuseflag_once_per_report"
            ),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.created_at:%Y-%m-%d})"


class WordRuleAction(models.TextChoices):
    REJECT = "reject", _("Reject as abusive")
    HOLD = "hold", _("Hold for review")
    # Never holds or rejects: marks a report "possible crisis" (feedback/moderation/crisis.py).
    CRISIS = "crisis", _("Mark as possible crisis")


class WordRule(models.Model):
    """A word or phrase that rejects or holds what a resident writes.

    Matching ignores case and accents and sees through simple disguises: letters swapped
    for look-alike digits or symbols (l33t), letters spaced or dotted apart, repeated
    letters.
    """

    phrase = models.CharField(max_length=100, unique=True)
    action = models.CharField(max_length=10, choices=WordRuleAction.choices)
    note = models.CharField(
        max_length=200, blank=True, help_text=_("Why the rule exists, for other moderators.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "phrase"]

    def __str__(self):
        return self.phrase
