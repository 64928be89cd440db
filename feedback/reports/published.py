"""Filters for the list of published reports. Every value comes from the query string, so
each is checked against what exists: a kind, neighbourhood or topic that is not one is
ignored, and a month that is not one of the months reports can be from gets an error
that says which months are (``month_param``)."""

import datetime
import re
from urllib.parse import urlencode

from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from feedback.models import InteractionType, Neighbourhood, Report, ReportStatus
from feedback.reports.forms import EARLIEST_DATE
from portal.query_strings import slug_param
from portal.translated_fields import language_suffix
from publicdata.languages import spanish_tag_names, tag_in_language

# ASCII digits only: \d would take "٢٠٢٦" and "２０２６" too.
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")


class MonthError(ValueError):
    """A month parameter that names no month reports can be from; the message says which
    months can be asked for, in the reader's language."""


def public_reports():
    """Reports the public may read: published, and not hidden after residents' flags."""
    return Report.objects.filter(status=ReportStatus.PUBLISHED, hidden_by_flags=False)


def parse_id(text):
    """The id in ``text`` if it is ASCII digits of a size the database can compare ("²"
    and 20-digit numbers are not ids), else None."""
    text = text or ""
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return int(text)
    return None


def month_param(text):
    """``text`` ("2026-03") as the first day of its month, or MonthError: a month
    written as year and month in ASCII digits, from the earliest date a report can have
    (the form's, January 2015) to this month."""
    match = _MONTH.fullmatch(text)
    try:
        month = datetime.date(int(match[1]), int(match[2]), 1) if match else None
    except ValueError:  # year 0, month 00 or 13
        month = None
    first = EARLIEST_DATE.replace(day=1)
    last = timezone.localdate().replace(day=1)
    if month is None:
        raise MonthError(
            gettext(
                "Choose a month from the list, or write it as year and month, such as %(example)s."
            )
            % {"example": last.strftime("%Y-%m")}
        )
    if not first <= month <= last:
        raise MonthError(
            gettext("Choose a month from %(first)s to %(last)s.")
            % {
                "first": date_format(first, gettext("F Y")),
                "last": date_format(last, gettext("F Y")),
            }
        )
    return month


class PublishedFilter:
    def __init__(self, params, reports):
        self.reports = reports
        # What a visitor must correct, by parameter: the list is shown without it.
        self.errors = {}
        self.tag = slug_param(params, "tag")
        self.type = params.get("type", "")
        if self.type not in InteractionType.values:
            self.type = ""
        raw_neighbourhood = params.get("neighbourhood", "")
        self.neighbourhood = raw_neighbourhood if parse_id(raw_neighbourhood) else ""
        self.month = ""
        if params.get("month"):
            try:
                self.month = month_param(params["month"]).strftime("%Y-%m")
            except MonthError as error:
                self.errors["month"] = str(error)

    def queryset(self):
        reports = self.reports
        if self.tag:
            reports = reports.filter(tags__slug=self.tag)
        if self.type:
            reports = reports.filter(interaction_type=self.type)
        if self.neighbourhood:
            reports = reports.filter(neighbourhood_id=int(self.neighbourhood))
        if self.month:
            year, month = (int(part) for part in self.month.split("-"))
            reports = reports.filter(interaction_date__year=year, interaction_date__month=month)
        return reports

    def query_string(self):
        """The active filters, ready to put before ``page=`` in a link."""
        active = {
            name: value
            for name, value in [
                ("tag", self.tag),
                ("type", self.type),
                ("neighbourhood", self.neighbourhood),
                ("month", self.month),
            ]
            if value
        }
        return urlencode(active) + "&" if active else ""

    def fields(self):
        """(name, label, [(value, text)], selected value, error) for each filter in the
        form."""
        return [
            (name, label, choices, selected, self.errors.get(name, ""))
            for name, label, choices, selected in [
                ("type", _("Kind of interaction"), InteractionType.choices, self.type),
                ("neighbourhood", _("Neighbourhood"), self._neighbourhoods(), self.neighbourhood),
                ("month", _("Month"), self._months(), self.month),
                ("tag", _("Topic"), self._tags(), self.tag),
            ]
        ]

    # Only values that published reports have are offered.
    def _published(self):
        return public_reports()

    def _neighbourhoods(self):
        neighbourhoods = Neighbourhood.objects.filter(
            pk__in=self._published().values("neighbourhood")
        )
        return [(str(neighbourhood.pk), neighbourhood.name) for neighbourhood in neighbourhoods]

    def _months(self):
        months = (
            self._published()
            .annotate(month=TruncMonth("interaction_date"))
            .values_list("month", flat=True)
            .distinct()
            .order_by("-month")
        )
        return [
            (month.strftime("%Y-%m"), date_format(month, gettext("F Y")))
            for month in months
            if month
        ]

    def _tags(self):
        tags = Tag.objects.filter(
            feedback_reporttag_items__content_object__in=public_reports()
        ).distinct()
        names = spanish_tag_names() if language_suffix() else {}
        named = [(tag.slug, tag_in_language(tag, names=names)[0]) for tag in tags]
        return sorted(named, key=lambda choice: choice[1].casefold())
