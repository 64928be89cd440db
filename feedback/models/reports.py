"""What a resident reports, and the contact details they may leave, stored apart."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from feedback import contact_encryption
from feedback.models.outreach import Channel
from feedback.models.screened import Screened
from feedback.reports.receipts import format_receipt_code, generate_receipt_code
from publicdata.spreadsheets import formula_problem


class Neighbourhood(models.Model):
    """A neighbourhood of the pilot area, offered on the form. Staff manage the list."""

    name = models.CharField(max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text=_("Offered on the feedback form."))

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # The name is a cell of the residents' dataset and the reports CSV.
        if problem := formula_problem(self.name):
            raise ValidationError({"name": problem})


class InteractionType(models.TextChoices):
    STOPPED = "stopped", _("Stopped or questioned")
    LEAD_REFERRAL = "lead_referral", _("Offered a LEAD referral")
    ARRESTED = "arrested", _("Arrested or cited")
    CALLED_FOR_HELP = "called_for_help", _("Called the police for help")
    OUTREACH = "outreach", _("Outreach or community event")
    OTHER = "other", _("Something else")


class LeadMentioned(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class ReportStatus(models.TextChoices):
    NEW = "new", _("Under review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Not published")


class RejectionReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    ABUSIVE = "abusive", _("Abusive")
    OFF_TOPIC = "off_topic", _("Off topic")
    DUPLICATE = "duplicate", _("Duplicate of another report")
    CANNOT_REDACT = "cannot_redact", _("Could not be published without identifying someone")
    NO_CONSENT = "no_consent", _("The resident did not agree to publication")
    OTHER = "other", _("Other")


# The procedural-justice items (Tyler): field name, the statement residents rate.
RATING_ITEMS = [
    ("rating_respect", _("The officer treated me with dignity and respect.")),
    ("rating_listened", _("The officer listened to me and let me explain.")),
    ("rating_explained", _("The officer explained what they were doing and why.")),
    ("rating_fair", _("The officer made decisions based on facts, treating me fairly.")),
    ("rating_cared", _("The officer seemed to care about my safety and wellbeing.")),
    ("rating_satisfied", _("Overall, I am satisfied with how the interaction was handled.")),
]


def _rating_field():
    # 1-5; empty when not answered or "does not apply".
    return models.PositiveSmallIntegerField(null=True, blank=True)


class ReportTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "feedback.Report", on_delete=models.CASCADE, related_name="tagged_items"
    )


class Report(Screened):
    receipt_code = models.CharField(max_length=12, unique=True, editable=False)
    # One id per form shown: a double click or a browser resubmit finds the same report.
    submission_id = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    language = models.CharField(max_length=10, default="en")
    # New, not yet taken in by the background worker (feedback/reports/submission.py).
    awaiting_intake = models.BooleanField(default=False, editable=False)

    interaction_date = models.DateField(_("date of the interaction"))
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.PROTECT, related_name="+")
    cross_streets = models.CharField(_("nearest cross streets"), max_length=200, blank=True)
    interaction_type = models.CharField(max_length=20, choices=InteractionType.choices)
    lead_mentioned = models.CharField(
        _("was LEAD mentioned or offered"), max_length=10, choices=LeadMentioned.choices
    )
    rating_respect = _rating_field()
    rating_listened = _rating_field()
    rating_explained = _rating_field()
    rating_fair = _rating_field()
    rating_cared = _rating_field()
    rating_satisfied = _rating_field()
    account = models.TextField(_("what happened, in the resident's words"))
    consent_to_publish = models.BooleanField(default=False)

    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.NEW, db_index=True
    )
    public_text = models.TextField(
        blank=True, help_text=_("The redacted text that is published. Never the original.")
    )
    rejection_reason = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)
    rejection_note = models.TextField(blank=True)
    official_response = models.TextField(blank=True)
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Decided apart from publishing the words (feedback/genuine.py): None until decided.
    genuine = models.BooleanField(
        _("genuine report"),
        null=True,
        editable=False,
        help_text=_("Counted in the statistics, whether or not its words are published."),
    )
    # For the feedback statistics (feedback/statistics.py): when a decision and an
    # official response first reached the resident.
    first_decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    responded_at = models.DateTimeField(null=True, blank=True, editable=False)
    tags = TaggableManager(through=ReportTag, blank=True)
    # How it reached the program: the web form, or staff entering it for a resident
    # (feedback/reports/staff_entry.py), on the day they received it.
    channel = models.CharField(
        max_length=12, choices=Channel.choices, default=Channel.WEB, db_index=True
    )
    received_on = models.DateField(null=True, blank=True, editable=False)
    # The resident asked for help now, or wrote words of crisis
    # (feedback/moderation/crisis.py): first in the queue. ``crisis_signs`` are stored like
    # ``held_reasons``.
    possible_crisis = models.BooleanField(default=False, editable=False)
    crisis_signs = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("moderate_report", "Can moderate resident reports"),
            ("enter_report", "Can enter reports for residents"),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(awaiting_intake=True),
                name="feedback_report_awaiting",
            )
        ]

    def __str__(self):
        # Never the receipt code (feedback.reports.receipts): this name reaches choosers, page
        # titles and the audit log.
        return _("Report %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs):
        if not self.receipt_code:
            self.receipt_code = generate_receipt_code()
        super().save(*args, **kwargs)

    @property
    def display_code(self):
        return format_receipt_code(self.receipt_code)

    @property
    def ratings(self):
        """(statement, value) for each item the resident rated."""
        return [
            (statement, getattr(self, name))
            for name, statement in RATING_ITEMS
            if getattr(self, name) is not None
        ]


@dataclass(frozen=True)
class RevealedContact:
    """Contact details in plain text, for a user allowed to see them. Never stored."""

    name: str
    email: str
    phone: str

    def __bool__(self):
        return bool(self.name or self.email or self.phone)


class ContactDetailsManager(models.Manager):
    def store(self, report, *, name="", email="", phone=""):
        """Save a resident's contact details for ``report``, encrypted."""
        return self.create(
            report=report,
            name_encrypted=contact_encryption.encrypt(name),
            email_encrypted=contact_encryption.encrypt(email),
            phone_encrypted=contact_encryption.encrypt(phone),
        )


class ContactDetails(models.Model):
    """How to reply to a resident who asked for a reply. Never public, never exported;
    seen only by staff with the ``view_contact_details`` permission.

    The values are stored encrypted (``feedback.contact_encryption``) and there are no
    plain attributes: ``revealed_for(user)`` decrypts them for a user with the
    permission, so a template cannot show them by accident."""

    ENCRYPTED_FIELDS = ("name_encrypted", "email_encrypted", "phone_encrypted")

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="contact")
    name_encrypted = models.TextField(editable=False)
    email_encrypted = models.TextField(editable=False)
    phone_encrypted = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactDetailsManager()

    class Meta:
        verbose_name_plural = _("contact details")
        default_permissions = ()
        permissions = [("view_contact_details", "Can see residents' contact details")]

    def __str__(self):
        return str(_("Contact details"))

    def revealed_for(self, user):
        """The plain contact details if ``user`` may see them, otherwise None.

        Raises ``ContactKeyError`` when the configured keys cannot read them."""
        if not user.has_perm("feedback.view_contact_details"):
            return None
        return RevealedContact(
            name=contact_encryption.decrypt(self.name_encrypted),
            email=contact_encryption.decrypt(self.email_encrypted),
            phone=contact_encryption.decrypt(self.phone_encrypted),
        )

    def rotate_key(self):
        """Re-encrypt every value with the newest key (not saved)."""
        for field in self.ENCRYPTED_FIELDS:
            setattr(self, field, contact_encryption.rotate(getattr(self, field)))
