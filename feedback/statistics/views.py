"""The statistics page (``statistics/`` under the feedback page): the figures of the current
release of "What happened to residents' feedback", as published (suppressed cells marked),
with its charts. The page shows the release, never the database: what it says is exactly
what the CSV, the JSON, the XLSX and the API say."""

import datetime

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from feedback.statistics import figures as statistics
from feedback.statistics.dataset import CHARTS, SLUG
from portal.caching.scopes import depends_on
from portal.translated_fields import InLanguage
from publicdata import metadata
from publicdata.languages import column_titles, live_columns
from publicdata.models import Chart, Dataset
from publicdata.numbers import format_value, unit_kinds

# The figures of the whole pilot, by section: (heading, columns).
SECTIONS = [
    (
        _("Reports"),
        [
            "reports_received",
            "reports_published",
            "reports_not_published",
            "reports_waiting",
        ],
    ),
    (
        _("Why reports were not published"),
        [f"reports_not_published_{reason}" for reason in statistics.REASONS],
    ),
    (
        _("How long residents waited"),
        [name for name, _count in statistics.TIMES],
    ),
    (
        _("Official responses"),
        ["reports_with_response", "reports_without_response", statistics.SHARE[0]],
    ),
    (
        _("Comments"),
        ["comments_received", "comments_published", "comments_not_published", "comments_waiting"],
    ),
    (_("“Report this”"), ["flags", "items_hidden"]),
    (
        _("Requests to look again"),
        [
            "asked_again",
            "asked_again_published",
            "asked_again_not_published",
            "asked_again_waiting",
        ],
    ),
]
# The month-by-month table: the main counts and waiting times.
MONTH_COLUMNS = [
    "reports_received",
    "reports_published",
    "reports_not_published",
    "reports_waiting",
    "median_days_to_decision",
    "asked_again",
    "comments_received",
]


def _cell(data, suppressed, name, kinds):
    return {
        "name": name,
        "value": format_value(data.get(name), kinds.get(name)),
        "suppressed": name in suppressed,
    }


def figures(release, dataset):
    """The whole pilot by section, and the months newest first, as the release has them."""
    rows = list(release.rows.order_by("position").values_list("data", "suppressed"))
    kinds = unit_kinds(dataset.fields.all())
    titles = column_titles(live_columns(dataset), metadata.release_snapshot(release)["fields"])
    whole = next(
        ((data, suppressed) for data, suppressed in rows if data["month"] == statistics.ALL),
        None,
    )
    sections = []
    if whole is not None:
        data, suppressed = whole
        sections = [
            {
                "heading": heading,
                "figures": [
                    {"title": titles.get(name, name), **_cell(data, suppressed, name, kinds)}
                    for name in names
                ],
            }
            for heading, names in SECTIONS
        ]
    months = [
        {
            "month": data["month"],
            "name": _month_name(data["month"]),
            "cells": [_cell(data, suppressed, name, kinds) for name in MONTH_COLUMNS],
        }
        for data, suppressed in reversed(rows)
        if data["month"] != statistics.ALL
    ]
    return {
        "sections": sections,
        "months": months,
        "month_titles": [titles.get(name, name) for name in MONTH_COLUMNS],
    }


def _month_name(month):
    try:
        first = datetime.date.fromisoformat(f"{month}-01")
    except ValueError:
        return month
    return date_format(first, gettext("F Y"))


def statistics_page(request, page):
    dataset = Dataset.objects.filter(slug=SLUG).first()
    release = dataset.current_release() if dataset else None
    depends_on(request, "feedback", *([f"dataset:{dataset.pk}"] if dataset else []))
    context = {"page": page, "self": page, "release": release}
    if release is not None:
        charts = {
            chart.title: chart for chart in Chart.objects.filter(dataset=dataset, title__in=CHARTS)
        }
        context.update(
            figures(release, dataset),
            dataset=InLanguage(dataset),
            dataset_url=reverse("publicdata:dataset", args=[SLUG]),
            csv_url=reverse("publicdata:download", args=[SLUG, "csv"]),
            api_url=f"/api/v1/datasets/{SLUG}/rows",
            charts=[charts[title] for title in CHARTS if title in charts],
        )
    return TemplateResponse(request, "feedback/statistics.html", context)
