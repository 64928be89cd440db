"""Filters for the list of published reports. Every value comes from the query string, so
each is checked against what exists; anything else is ignored rather than an error."""

import re
from urllib.parse import urlencode

from django.db.models.functions import TruncMonth
from taggit.models import Tag

from feedback.models import InteractionType, Neighbourhood, Report, ReportStatus

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PublishedFilter:
    def __init__(self, params, reports):
        self.reports = reports
        self.tag = params.get("tag", "")[:100]
        self.type = params.get("type", "")
        if self.type not in InteractionType.values:
            self.type = ""
        raw_neighbourhood = params.get("neighbourhood", "")
        self.neighbourhood = raw_neighbourhood if raw_neighbourhood.isdigit() else ""
        self.month = ""
        match = _MONTH.match(params.get("month", ""))
        if match and 1 <= int(match.group(2)) <= 12:
            self.month = match.group(0)

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

    # Choices offered in the filter form: only values that published reports have.
    def tag_choices(self):
        return (
            Tag.objects.filter(
                feedback_reporttag_items__content_object__status=ReportStatus.PUBLISHED
            )
            .distinct()
            .order_by("name")
        )

    def neighbourhood_choices(self):
        return Neighbourhood.objects.filter(
            pk__in=Report.objects.filter(status=ReportStatus.PUBLISHED).values("neighbourhood")
        )

    def type_choices(self):
        return InteractionType.choices

    def month_choices(self):
        months = (
            Report.objects.filter(status=ReportStatus.PUBLISHED)
            .annotate(month=TruncMonth("interaction_date"))
            .values_list("month", flat=True)
            .distinct()
            .order_by("-month")
        )
        return [(month.strftime("%Y-%m"), month) for month in months if month]
