"""A chart: what to plot from a dataset. It holds no numbers of its own; every drawing,
table and download of it is made from the dataset's current published release."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin

from portal.translated_fields import spanish_field
from publicdata.models.datasets import FieldRole, FieldType, parse_pairs


class ChartKind(models.TextChoices):
    LINE = "line", _("Line")
    BAR = "bar", _("Bar")
    GROUPED_BAR = "grouped_bar", _("Grouped bar")
    STACKED_BAR = "stacked_bar", _("Stacked bar")
    KEY_FIGURE = "key_figure", _("Key figure (one number)")


NUMERIC_TYPES = {FieldType.INTEGER, FieldType.NUMBER}


def split_names(text):
    return [name.strip() for name in text.replace("\n", ",").split(",") if name.strip()]


class ChartDataError(ValueError):
    """The chart cannot be drawn from the release: the message says why, for editors."""


class Chart(PreviewableMixin, models.Model):
    title = models.CharField(max_length=160)
    summary = models.TextField(
        max_length=400,
        help_text=_("One plain-language sentence saying what the chart shows."),
    )
    dataset = models.ForeignKey(
        "publicdata.Dataset", on_delete=models.PROTECT, related_name="charts"
    )
    kind = models.CharField(max_length=12, choices=ChartKind.choices, default=ChartKind.LINE)
    x_field = models.SlugField(
        _("x field"),
        max_length=64,
        blank=True,
        help_text=_("The column along the bottom, e.g. month."),
    )
    y_fields = models.CharField(
        _("y fields"),
        max_length=300,
        help_text=_("The numbers to plot: one or more number columns, separated by commas."),
    )
    series_field = models.SlugField(
        max_length=64,
        blank=True,
        help_text=_(
            "Optional: a dimension whose values become separate lines or bars "
            "(e.g. group), when plotting one y field."
        ),
    )
    filters = models.TextField(
        blank=True,
        help_text=_(
            "Optional: which rows to plot, one per line as field=value, "
            "e.g. referral_type=Total. Repeat a field to allow several values."
        ),
    )
    x_label = models.CharField(max_length=80, blank=True)
    y_label = models.CharField(max_length=80, blank=True)
    unit = models.CharField(max_length=40, blank=True, help_text=_("e.g. people, %, US dollars."))
    annotations = models.TextField(
        blank=True,
        help_text=_(
            "Optional: notes on the x axis, one per line as value | text, "
            "e.g. 2017-02 | Pilot starts."
        ),
    )
    period = models.CharField(
        max_length=80, blank=True, help_text=_("Key figure: the period it covers, e.g. 2017–2019.")
    )
    comparison_filters = models.TextField(
        blank=True,
        help_text=_(
            "Key figure: the row to compare with, as field=value lines "
            "(e.g. group=Comparison group)."
        ),
    )
    comparison_label = models.CharField(max_length=80, blank=True)
    title_es = spanish_field(models.CharField, _("title (Spanish)"), max_length=160)
    summary_es = spanish_field(models.TextField, _("summary (Spanish)"), max_length=400)
    x_label_es = spanish_field(models.CharField, _("x label (Spanish)"), max_length=80)
    y_label_es = spanish_field(models.CharField, _("y label (Spanish)"), max_length=80)
    unit_es = spanish_field(models.CharField, _("unit (Spanish)"), max_length=40)
    annotations_es = spanish_field(
        models.TextField,
        _("annotations (Spanish)"),
    )
    period_es = spanish_field(models.CharField, _("period (Spanish)"), max_length=80)
    comparison_label_es = spanish_field(
        models.CharField, _("comparison label (Spanish)"), max_length=80
    )
    updated_at = models.DateTimeField(auto_now=True)

    # The texts a reader sees, each with a ``<name>_es`` field (portal/translated_fields.py).
    TRANSLATED_FIELDS = (
        "title",
        "summary",
        "x_label",
        "y_label",
        "unit",
        "annotations",
        "period",
        "comparison_label",
    )

    # ``plotted(release)``, the chart's numbers from a release (``publicdata.charts.plotted``),
    # is given by publicdata/apps.py: drawing reads these models, so they do not import it.
    plotted = None

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    # What the form and every caller read, already parsed.

    @property
    def y_names(self):
        return split_names(self.y_fields)

    @property
    def filter_pairs(self):
        return parse_pairs(self.filters)

    @property
    def comparison_pairs(self):
        return parse_pairs(self.comparison_filters)

    @property
    def annotation_pairs(self):
        return parse_pairs(self.annotations, separator="|", form="x value | text")

    def clean(self):
        super().clean()
        if not self.dataset_id:
            return
        errors = chart_problems(self, list(self.dataset.fields.all()))
        if errors:
            raise ValidationError(errors)
        release = self.dataset.current_release()
        if release is not None:
            try:
                self.plotted(release)
            except ChartDataError as error:
                raise ValidationError(str(error)) from error

    def get_preview_template(self, request, mode_name):
        return "publicdata/chart_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["chart"] = self
        return context


def chart_problems(chart, specs):
    """Field name -> message for every choice that does not fit the data dictionary."""
    by_name = {spec.name: spec for spec in specs}
    numeric = sorted(s.name for s in specs if s.type in NUMERIC_TYPES)
    dimensions = sorted(s.name for s in specs if s.role == FieldRole.DIMENSION)
    errors = {}

    def unknown(name):
        return _("“%(name)s” is not a field of %(dataset)s. Fields: %(fields)s.") % {
            "name": name,
            "dataset": chart.dataset,
            "fields": ", ".join(by_name),
        }

    y_names = chart.y_names
    if not y_names:
        errors["y_fields"] = _("Name at least one number field to plot.")
    for name in y_names:
        if name not in by_name:
            errors["y_fields"] = unknown(name)
        elif by_name[name].type not in NUMERIC_TYPES:
            errors["y_fields"] = _(
                "“%(name)s” holds %(type)s, not numbers. Number fields: %(fields)s."
            ) % {
                "name": name,
                "type": by_name[name].get_type_display().lower(),
                "fields": ", ".join(numeric),
            }
    if chart.kind == ChartKind.KEY_FIGURE:
        if len(y_names) > 1:
            errors["y_fields"] = _("A key figure shows one number: name one field.")
        try:
            chart.comparison_pairs  # noqa: B018
        except ValueError as error:
            errors["comparison_filters"] = str(error)
    else:
        if not chart.x_field:
            errors["x_field"] = _("Name the field along the bottom of the chart.")
        elif chart.x_field not in by_name:
            errors["x_field"] = unknown(chart.x_field)
        if chart.series_field:
            if chart.series_field not in by_name:
                errors["series_field"] = unknown(chart.series_field)
            elif by_name[chart.series_field].role != FieldRole.DIMENSION:
                errors["series_field"] = _("Series come from a dimension: %(fields)s.") % {
                    "fields": ", ".join(dimensions)
                }
            elif len(y_names) > 1:
                errors["series_field"] = _("Use a series field with one y field, not several.")
            elif chart.series_field == chart.x_field:
                errors["series_field"] = _("The series field must differ from the x field.")
        if chart.kind in (ChartKind.GROUPED_BAR, ChartKind.STACKED_BAR) and not (
            chart.series_field or len(y_names) > 1
        ):
            errors["kind"] = _(
                "Grouped and stacked bars need several y fields or a series field; "
                "use a bar chart for one."
            )
    errors.update(_spanish_annotation_problems(chart))
    for field_name in ["filters", "annotations"]:
        try:
            pairs = chart.annotation_pairs if field_name == "annotations" else chart.filter_pairs
        except ValueError as error:
            errors[field_name] = str(error)
            continue
        if field_name == "filters":
            for name, value in pairs:
                if name not in by_name:
                    errors["filters"] = unknown(name)
                elif by_name[name].role != FieldRole.DIMENSION:
                    errors["filters"] = _("Filter on a dimension: %(fields)s.") % {
                        "fields": ", ".join(dimensions)
                    }
                elif by_name[name].allowed and value not in by_name[name].allowed:
                    errors["filters"] = _("“%(value)s” is not a value of %(name)s: %(values)s.") % {
                        "value": value,
                        "name": name,
                        "values": ", ".join(by_name[name].allowed),
                    }
    return errors


def _spanish_annotation_problems(chart):
    """The Spanish notes must sit where the English ones do: the same x values, in order."""
    if not chart.annotations_es.strip():
        return {}
    try:
        english = parse_pairs(chart.annotations, separator="|", form="x value | text")
    except ValueError:
        return {}  # said under the English annotations
    try:
        spanish = parse_pairs(chart.annotations_es, separator="|", form="x value | text")
    except ValueError as error:
        return {"annotations_es": str(error)}
    if [x for x, _ in spanish] != [x for x, _ in english]:
        return {
            "annotations_es": _(
                "Give a Spanish note for each English one, at the same x values: %(values)s."
            )
            % {"values": ", ".join(x for x, _ in english) or "—"}
        }
    return {}
