"""The "What happened to residents' feedback" dataset, which the portal publishes itself
from feedback/statistics.py: its metadata and data dictionary, a new release once a day
when the figures changed, and the charts the statistics page draws from it.

The CSV goes through the same path as an analyst's upload (``create_draft`` then
``publish``), so validation, small-cell suppression (against the previous release too),
downloads, the API and ``data.json`` apply to it as to any dataset. The dictionary declares
which counts add up to which (``sum_of``), so a hidden count cannot be worked out from its
row, its month or the release before.

Releases come from the daily ``manage.py refresh_feedback_statistics`` (or its task), not
from each report: a release at a set hour does not tell when anyone sent anything.
"""

import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from feedback.models import RejectionReason
from feedback.statistics import figures as statistics
from feedback.statistics import spanish
from portal.caching.invalidation import invalidate
from publicdata.maintained import (
    csv_text,
    is_current,
    name_keywords_in_spanish,
    publish_text,
    set_period,
    sync_dictionary,
)
from publicdata.models import Chart, ChartKind, Dataset, FieldSpec, UnitKind
from publicdata.models.datasets import UpdateFrequency

logger = logging.getLogger(__name__)

SLUG = "feedback-statistics"

SUMMARY = (
    "What happened to every report and comment residents sent, month by month: how many "
    "came in, were published, were not published and why, or are still waiting; how long a "
    "decision and an official response took; “Report this” flags; and requests to "
    "look again."
)
DESCRIPTION = (
    "<p>The moderation of resident feedback, in the open. Each month has a row, and the "
    "row “All” covers the whole pilot. Every report and comment counts here, whether "
    "or not it was published, so that moderation cannot shape these numbers.</p>"
    "<p>The portal publishes this dataset itself, once a day when the figures have changed. "
    "Staff do not upload releases of it. Nothing anyone wrote is in it.</p>"
)
METHODOLOGY = (
    "<p>Each figure is counted in the month its event happened, in Baltimore time: reports "
    "and comments in the month they were received, with where they stand on the day of the "
    "release; “Report this” flags in the month they were made; items hidden after "
    "flags in the month they were hidden; requests to look again in the month they were "
    "made, with how they ended. A month's figures can change in a later release, as "
    "reports waiting then are decided.</p>"
    "<p>Reports received are published, not published or waiting. A report is not "
    "published for one reason: spam, abusive, off topic, a duplicate, it could not be "
    "published without identifying someone, the resident did not agree to publication, "
    "or another reason. Reports received also either got an official response from the "
    "program or did not.</p>"
    "<p>Days to a decision run from a report's receipt to its first decision (a word rule's "
    "at once, or a moderator's), for the reports decided; days to a response, from receipt "
    "to the program's first official response. The median is the middle value (the mean "
    "of the two middle values for an even number); the 90th percentile is the smallest "
    "value that at least 90% of the reports are at or under. Both are rounded to 1 "
    "decimal. The share with a response is the reports with an official response over the "
    "reports received, rounded to 3 decimals.</p>"
    "<p>Suppression: counts from 1 to 10 are not published; they are marked "
    "“suppressed”, never shown as zero. The months add up to the row “All”, and "
    "in each row the reports received add up from those published, not published and "
    "waiting (and from those with and without a response), those not published from their "
    "reasons, the comments and the requests to look again from their outcomes. Where those "
    "sums, or this release and the one before it, would let a reader work out a suppressed "
    "count, more cells are suppressed. A median, a percentile or a share is suppressed when "
    "it rests on fewer than 11 reports or on a suppressed count.</p>"
)
KEYWORDS = list(spanish.KEYWORDS)

# (name, title, description, sum of) for each count, in column order.
REASON_TITLES = {
    "spam": "spam",
    "abusive": "abusive",
    "off_topic": "off topic",
    "duplicate": "duplicate",
    "cannot_redact": "could not be redacted",
    "no_consent": "no consent to publish",
    "other": "other reason",
}


def _counts():
    with translation.override("en"):
        reasons = {value: str(label) for value, label in RejectionReason.choices}
    counts = [
        ("reports_received", "Reports received", "Reports received in the month."),
        (
            "reports_decided",
            "Reports decided",
            "Reports received in the month that have been decided: published or not.",
        ),
        ("reports_published", "Reports published", "Reports received in the month, published."),
        (
            "reports_not_published",
            "Reports not published",
            "Reports received in the month that were not published, for any reason.",
        ),
        *(
            (
                f"reports_not_published_{reason}",
                f"Not published: {REASON_TITLES[reason]}",
                f"Reports received in the month, not published for this reason: "
                f"“{reasons[reason]}”.",
            )
            for reason in statistics.REASONS
        ),
        (
            "reports_waiting",
            "Reports waiting",
            "Reports received in the month still waiting for a decision on the day of the "
            "release, including those a resident asked to be looked at again.",
        ),
        (
            "reports_with_response",
            "Reports with an official response",
            "Reports received in the month that got an official response from the program.",
        ),
        (
            "reports_without_response",
            "Reports without an official response",
            "Reports received in the month without an official response so far.",
        ),
        ("comments_received", "Comments received", "Residents' comments received in the month."),
        ("comments_published", "Comments published", "Of those, published."),
        ("comments_not_published", "Comments not published", "Of those, not published."),
        ("comments_waiting", "Comments waiting", "Of those, still waiting for a moderator."),
        (
            "flags",
            "“Report this” flags",
            "Times residents reported a published comment or report as breaking the rules.",
        ),
        (
            "items_hidden",
            "Items hidden after flags",
            "Published comments and reports hidden in the month because residents flagged "
            "them, until a moderator looked at them.",
        ),
        (
            "asked_again",
            "Requests to look again",
            "Residents whose report was not published who asked, in the month, for another look.",
        ),
        ("asked_again_published", "Looked at again: published", "Of those, published since."),
        (
            "asked_again_not_published",
            "Looked at again: not published",
            "Of those, not published again.",
        ),
        ("asked_again_waiting", "Looked at again: waiting", "Of those, still waiting."),
    ]
    return [
        (name, title, description, "; ".join(", ".join(group) for group in sums))
        for name, title, description in counts
        for sums in [statistics.SUMS.get(name, [])]
    ]


TIMES = [
    ("median_days_to_decision", "Median days to a decision", "decided", "a first decision"),
    ("p90_days_to_decision", "90th percentile of days to a decision", "decided", "a decision"),
    (
        "median_days_to_response",
        "Median days to an official response",
        "with_response",
        "a first official response",
    ),
    (
        "p90_days_to_response",
        "90th percentile of days to an official response",
        "with_response",
        "an official response",
    ),
]


def _field(name, title, type, role, description, **options):
    return {
        "name": name,
        "title": title,
        "type": type,
        "role": role,
        "unit": options.get("unit", ""),
        "unit_kind": options.get("unit_kind", UnitKind.NUMBER),
        "description": description,
        "allowed_values": "",
        "minimum": options.get("minimum"),
        "maximum": options.get("maximum"),
        "numerator": options.get("numerator", ""),
        "denominator": options.get("denominator", ""),
        "sum_of": options.get("sum_of", ""),
        "primary_key": options.get("primary_key", False),
        "required": options.get("required", True),
    }


def dictionary():
    """The data dictionary, as FieldSpec values, in column order."""
    fields = [
        _field(
            "month",
            "Month",
            "string",
            "dimension",
            "The month the events happened, as YYYY-MM in Baltimore time; “All” for "
            "the whole pilot.",
            primary_key=True,
        )
    ]
    for name, title, description, sums in _counts():
        unit = "flags" if name == "flags" else "items" if name == "items_hidden" else ""
        unit = unit or ("comments" if name.startswith("comments") else "reports")
        fields.append(
            _field(
                name,
                title,
                "integer",
                "count",
                description,
                unit=unit,
                minimum=Decimal(0),
                sum_of=sums,
            )
        )
    for name, title, count, event in TIMES:
        count_name = f"reports_{count}"
        fields.append(
            _field(
                name,
                title,
                "number",
                "rate",
                f"Days from a report's receipt to {event}, over the reports counted in "
                f"{count_name}. Suppressed when they are fewer than 11 or suppressed.",
                unit="days",
                minimum=Decimal(0),
                # A median rests on the reports it is taken over: suppressed with them.
                numerator=count_name,
                denominator=count_name,
                required=False,
            )
        )
    share, numerator, denominator = statistics.SHARE
    fields.append(
        _field(
            share,
            "Share with an official response",
            "number",
            "rate",
            "Reports with an official response over reports received, from 0 to 1.",
            unit="proportion",
            unit_kind=UnitKind.PROPORTION,
            minimum=Decimal(0),
            maximum=Decimal(1),
            numerator=numerator,
            denominator=denominator,
            required=False,
        )
    )
    texts = spanish.columns()
    return [
        {
            **field,
            **{
                f"{name}_es": texts.get(field["name"], {}).get(name, "")
                for name in FieldSpec.TRANSLATED_FIELDS
            },
            "values_es": "All | Todo el piloto" if field["name"] == "month" else "",
        }
        for field in fields
    ]


def _metadata():
    return {
        "title": "What happened to residents' feedback",
        "summary": SUMMARY,
        "description": DESCRIPTION,
        "methodology": METHODOLOGY,
        "source": "Moderation records of the LEAD Baltimore portal",
        "publisher": "LEAD Baltimore",
        "spatial_coverage": "The LEAD pilot area, Baltimore, Maryland",
        "update_frequency": UpdateFrequency.IRREGULAR,
        **{f"{name}_es": text for name, text in spanish.DATASET.items()},
    }


def ensure_dataset():
    """The dataset, created with its metadata when missing; its dictionary belongs to this
    module and is put back when it differs. The metadata is the staff's to edit."""
    dataset = Dataset.objects.filter(slug=SLUG).first()
    if dataset is None:
        dataset = Dataset(slug=SLUG, **_metadata())
        dataset.keywords.set(KEYWORDS)
        dataset.save()
    name_keywords_in_spanish(dataset, spanish.KEYWORDS)
    sync_dictionary(dataset, dictionary())
    return dataset


def _months(rows):
    """The first and last (year, month) the rows cover."""
    months = [row[0] for row in rows if row[0] != statistics.ALL]
    return [tuple(int(part) for part in month.split("-")) for month in (months[0], months[-1])]


def refresh(user=None, now=None):
    """Publish a new release when today's figures differ from the current release's;
    returns the release, or None when nothing changed or nothing was ever received."""
    with translation.override("en"), transaction.atomic():
        dataset = Dataset.objects.select_for_update().get(pk=ensure_dataset().pk)
        header, rows = statistics.table(now)
        if not rows:
            return None
        text = csv_text(header, rows)
        if is_current(dataset, text):
            return None
        set_period(dataset, *_months(rows))
        release = publish_text(
            dataset, text, f"Figures of {timezone.localdate(now):%Y-%m-%d}", user
        )
        ensure_charts()
        # The statistics page and what links to it live under the feedback page.
        invalidate("feedback")
    return release


@task()
def refresh_feedback_statistics():
    """The daily task; returns the version it published, or None."""
    try:
        release = refresh()
    except Exception:
        logger.error("Could not refresh the %s dataset", SLUG)
        raise
    return release.version if release else None


MONTHS_ONLY = f"month!={statistics.ALL}"
CHARTS = {
    "Reports each month and what happened to them": {
        "kind": ChartKind.STACKED_BAR,
        "summary": "Reports received each month: published, not published and still waiting. "
        "Numbers from 1 to 10 are hidden to protect privacy.",
        "x_field": "month",
        "y_fields": "reports_published, reports_not_published, reports_waiting",
        "filters": MONTHS_ONLY,
        "x_label": "Month received",
        "y_label": "Reports",
    },
    "How long residents waited": {
        "kind": ChartKind.LINE,
        "summary": "The median number of days from a report's receipt to a decision, and to "
        "an official response, by the month it was received. Months with fewer than 11 "
        "reports are hidden.",
        "x_field": "month",
        "y_fields": "median_days_to_decision, median_days_to_response",
        "filters": MONTHS_ONLY,
        "x_label": "Month received",
        "y_label": "Days (median)",
    },
    "Comments each month and what happened to them": {
        "kind": ChartKind.STACKED_BAR,
        "summary": "Residents' comments received each month: published, not published and "
        "still waiting. Numbers from 1 to 10 are hidden to protect privacy.",
        "x_field": "month",
        "y_fields": "comments_published, comments_not_published, comments_waiting",
        "filters": MONTHS_ONLY,
        "x_label": "Month received",
        "y_label": "Comments",
    },
}


def ensure_charts():
    """The charts of the statistics page, created when missing; staff may edit them."""
    dataset = ensure_dataset()
    charts = []
    for title, spec in CHARTS.items():
        chart = Chart.objects.filter(dataset=dataset, title=title).first()
        if chart is None:
            texts = {f"{name}_es": text for name, text in spanish.CHARTS[title].items()}
            chart = Chart(dataset=dataset, title=title, **spec, **texts)
            chart.full_clean()
            chart.save()
        charts.append(chart)
    return charts
