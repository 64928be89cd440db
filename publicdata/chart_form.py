"""The chart form in the admin: what to plot is chosen from lists, not typed.

The x field, y fields, series field and filter values are lists built from every
dataset's data dictionary and current release: a number column for the y fields, a
dimension for the series, each dimension's allowed values (or, where the dictionary
allows any, the values in the current release) for the filters. Each choice says which
datasets it belongs to, and Wagtail's own ``w-rules`` controller (the one its image URL
generator and privacy forms use) enables only the choices of the dataset chosen, as soon
as it is chosen; the admin's stylesheet hides the others (``wagtail_hooks``). Wagtail's
preview panel redraws the chart as choices change. Whatever is sent, the model's checks
against the dictionary (``chart_problems``) stay the last line.
"""

import json

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from publicdata.models import Dataset, FieldRole, ReleaseRow, ReleaseStatus
from publicdata.models.charts import NUMERIC_TYPES
from publicdata.models.datasets import parse_pairs

# The most values of one dimension listed as filters, from a release.
MAX_RELEASE_VALUES = 200
HELP = {
    "y_fields": _("The numbers to plot: one or more number columns of the dataset."),
    "filters": _(
        "Optional: which rows to plot. Tick values of a field to plot only the rows with "
        "one of them, e.g. referral_type=Total."
    ),
    "comparison_filters": _("Key figure: the row to compare with."),
}


def _rules(dataset_ids):
    return {
        "data-w-rules-target": "enable",
        "data-w-rules": json.dumps({"dataset": sorted(str(pk) for pk in dataset_ids)}),
    }


class OpenChoiceField(forms.ChoiceField):
    """A list to choose from that leaves judging the choice to the model's checks, which
    say what is wrong in the dictionary's terms."""

    def valid_value(self, value):
        return True


class OpenMultipleChoiceField(forms.MultipleChoiceField):
    def valid_value(self, value):
        return True


class RulesMixin:
    """Each option carries the datasets it belongs to (``option_rules``)."""

    option_rules = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in self.option_rules:
            option["attrs"].update(_rules(self.option_rules[value]))
        return option


class RulesSelect(RulesMixin, forms.Select):
    pass


class RulesCheckboxes(RulesMixin, forms.CheckboxSelectMultiple):
    pass


def _release_values(dataset, name):
    release = dataset.releases.filter(status=ReleaseStatus.PUBLISHED).order_by("-version").first()
    if release is None:
        return []
    values = ReleaseRow.objects.filter(release=release).values_list(f"data__{name}", flat=True)
    return sorted({str(value) for value in values if value is not None})[:MAX_RELEASE_VALUES]


def dictionary_choices():
    """For each list, ``(choices, {value: dataset ids})`` from every dataset."""
    lists = {name: {} for name in ("x", "y", "series", "filters")}
    for dataset in Dataset.objects.prefetch_related("fields").order_by("title"):
        for spec in dataset.fields.all():
            label = f"{spec.name} ({spec.title})"
            lists["x"].setdefault(spec.name, [label, set()])[1].add(dataset.pk)
            if spec.type in NUMERIC_TYPES and spec.role != FieldRole.DIMENSION:
                lists["y"].setdefault(spec.name, [label, set()])[1].add(dataset.pk)
            if spec.role == FieldRole.DIMENSION:
                lists["series"].setdefault(spec.name, [label, set()])[1].add(dataset.pk)
                for value in spec.allowed or _release_values(dataset, spec.name):
                    pair = f"{spec.name}={value}"
                    lists["filters"].setdefault(pair, [pair, set()])[1].add(dataset.pk)
    return {
        name: (
            [(value, label) for value, (label, _ids) in entries.items()],
            {value: ids for value, (_label, ids) in entries.items()},
        )
        for name, entries in lists.items()
    }


def _with_current(choices, rules, values):
    """Keep a value the chart already has in the list, so saving it again never fails on
    the list alone (the model's checks say what is wrong with it)."""
    known = {value for value, _label in choices}
    return choices + [(value, value) for value in values if value not in known], rules


class ChartForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chart = self.instance
        lists = dictionary_choices()
        current = {
            "x": [chart.x_field] if chart.x_field else [],
            "y": chart.y_names,
            "series": [chart.series_field] if chart.series_field else [],
            "filters": [f"{name}={value}" for name, value in _pairs(chart.filters)],
            "comparison": [f"{name}={value}" for name, value in _pairs(chart.comparison_filters)],
        }
        for field_name, list_name, current_name, multiple in (
            ("x_field", "x", "x", False),
            ("series_field", "series", "series", False),
            ("y_fields", "y", "y", True),
            ("filters", "filters", "filters", True),
            ("comparison_filters", "filters", "comparison", True),
        ):
            old = self.fields[field_name]
            choices, rules = _with_current(*lists[list_name], current[current_name])
            widget = (RulesCheckboxes if multiple else RulesSelect)(
                attrs={"class": "chart-choices"}
            )
            widget.option_rules = rules
            if multiple:
                field = OpenMultipleChoiceField(choices=choices, widget=widget, required=False)
                self.initial[field_name] = current[current_name]
            else:
                field = OpenChoiceField(
                    choices=[("", _("—"))] + choices, widget=widget, required=False
                )
            field.label, field.help_text = old.label, HELP.get(field_name, old.help_text)
            self.fields[field_name] = field

    def clean_y_fields(self):
        return ", ".join(self.cleaned_data["y_fields"])

    def clean_filters(self):
        return "\n".join(self.cleaned_data["filters"])

    def clean_comparison_filters(self):
        return "\n".join(self.cleaned_data["comparison_filters"])


def _pairs(text):
    try:
        return parse_pairs(text)
    except ValueError:
        return []
