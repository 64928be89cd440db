""" "You said, we did": what the program does in response to feedback, with the feedback
themes that prompted it, each change of its status and its progress, and a few published
reports as examples."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.models import Orderable, RevisionMixin

from feedback.models.reports import Report
from portal.translated_fields import spanish_field
from publicdata.spreadsheets import formula_problem

# The earliest date a report can describe (feedback/forms.py); no action answers earlier.
EARLIEST_CHANGE = datetime.date(2015, 1, 1)


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ProgramActionTheme(TaggedItemBase):
    """A feedback theme of an action: the same tags moderators give reports."""

    content_object = ParentalKey(
        "feedback.ProgramAction", on_delete=models.CASCADE, related_name="tagged_themes"
    )


class ProgramAction(RevisionMixin, ClusterableModel):
    title = models.CharField(max_length=160)
    slug = models.SlugField(
        max_length=100, unique=True, help_text=_("Part of the action's address.")
    )
    what = models.TextField(_("what it is"))
    why = models.TextField(_("why"), help_text=_("What residents told us that prompted it."))
    themes = ClusterTaggableManager(
        through=ProgramActionTheme,
        blank=True,
        verbose_name=_("feedback themes"),
        help_text=_(
            "The topics of the reports that prompted it, as moderators tag reports; "
            "published reports with one of them link to this action."
        ),
    )
    # The latest status change's, kept here to filter and sort by (set on save).
    status = models.CharField(
        max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED, editable=False
    )
    status_date = models.DateField(null=True, editable=False)
    progress_done = models.DecimalField(
        _("progress so far"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Where progress can be measured: how much is done, e.g. 12."),
    )
    progress_target = models.DecimalField(
        _("progress target"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Out of how much, e.g. 20."),
    )
    progress_unit = models.CharField(
        _("progress unit"),
        max_length=60,
        blank=True,
        help_text=_("What is counted, e.g. officers trained."),
    )
    example_reports = models.ManyToManyField(
        Report, blank=True, related_name="program_actions", editable=False
    )
    is_sample = models.BooleanField(
        _("sample content"), default=False, help_text=_("Made up for the demonstration site.")
    )
    title_es = spanish_field(models.CharField, _("title (Spanish)"), max_length=160)
    what_es = spanish_field(models.TextField, _("what it is (Spanish)"))
    why_es = spanish_field(models.TextField, _("why (Spanish)"))
    progress_unit_es = spanish_field(models.CharField, _("progress unit (Spanish)"), max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    TRANSLATED_FIELDS = ("title", "what", "why", "progress_unit")

    class Meta:
        ordering = ["-status_date", "title"]
        verbose_name = _("program action")
        permissions = [
            ("link_action_reports", "Can link published reports to program actions"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        # Cells of the actions dataset (publicdata/spreadsheets.py).
        for name in ("title", "progress_unit"):
            if problem := formula_problem(getattr(self, name)):
                raise ValidationError({name: problem})
        given = [self.progress_done is not None, self.progress_target is not None]
        if any(given) and not all(given):
            raise ValidationError(
                {
                    "progress_target": _(
                        "Give both how much is done and out of how much, or neither."
                    )
                }
            )
        if self.progress_target is not None and self.progress_target <= 0:
            raise ValidationError({"progress_target": _("The target must be more than zero.")})
        if self.progress_done is not None and self.progress_done < 0:
            raise ValidationError({"progress_done": _("Progress cannot be below zero.")})

    def history(self):
        """The status changes, oldest first."""
        return sorted(
            self.status_changes.all(), key=lambda change: (change.date, change.sort_order or 0)
        )

    def save(self, *args, **kwargs):
        changes = self.history()
        if changes:
            self.status, self.status_date = changes[-1].status, changes[-1].date
        super().save(*args, **kwargs)

    @property
    def progress_percent(self):
        if self.progress_done is None or not self.progress_target:
            return None
        return min(100, round(100 * self.progress_done / self.progress_target))


class ActionStatusChange(Orderable):
    action = ParentalKey(ProgramAction, on_delete=models.CASCADE, related_name="status_changes")
    date = models.DateField(_("date of the change"))
    status = models.CharField(max_length=12, choices=ActionStatus.choices)
    note = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_("Required when the action is dropped: the reason."),
    )
    note_es = spanish_field(models.TextField, _("what changed (Spanish)"))

    TRANSLATED_FIELDS = ("note",)

    class Meta(Orderable.Meta):
        verbose_name = _("status change")

    def __str__(self):
        return f"{self.get_status_display()} ({self.date:%Y-%m-%d})"

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.date > timezone.localdate():
            errors["date"] = _("A change cannot be dated after today.")
        elif self.date and self.date < EARLIEST_CHANGE:
            errors["date"] = _("Give a date from 1 January 2015 on.")
        if self.status == ActionStatus.DROPPED and not self.note.strip():
            errors["note"] = _("Say why the action was dropped.")
        elif problem := formula_problem(self.note):
            # The note is a cell of the actions dataset (publicdata/spreadsheets.py).
            errors["note"] = problem
        if errors:
            raise ValidationError(errors)
