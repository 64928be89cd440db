"""The feedback process in figures: what happened to every report and comment, month by
month and for the whole pilot, as counted before suppression.

Each figure is counted in the month its event happened, in Baltimore's time: reports and
comments in the month they were received (with where they stand now), "Report this" flags
in the month they were made, items hidden after flags in the month they were hidden, and
requests to ask again in the month they were made. Times are in days from a report's
receipt, to its first decision and to its first official response.

``table()`` gives the rows; feedback/statistics_dataset.py publishes them through the open
data path, where small counts are suppressed, and the page and charts read that release.
Nothing here reads what anyone wrote, a receipt code or contact details.
"""

import datetime
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from feedback.models import (
    AbuseFlag,
    AskAgainOutcome,
    AskAgainRequest,
    Comment,
    CommentStatus,
    RejectionReason,
    Report,
    ReportStatus,
)

ALL = "All"
REASONS = RejectionReason.values
# The counts in the order of the dataset's columns; SUMS says which add up to which (each
# row of the table holds them, which suppression relies on).
REPORT_COUNTS = [
    "reports_received",
    "reports_decided",
    "reports_published",
    "reports_not_published",
    *(f"reports_not_published_{reason}" for reason in REASONS),
    "reports_waiting",
    "reports_with_response",
    "reports_without_response",
]
OTHER_COUNTS = [
    "comments_received",
    "comments_published",
    "comments_not_published",
    "comments_waiting",
    "flags",
    "items_hidden",
    "asked_again",
    "asked_again_published",
    "asked_again_not_published",
    "asked_again_waiting",
]
COUNTS = REPORT_COUNTS + OTHER_COUNTS
SUMS = {
    "reports_received": [
        ["reports_decided", "reports_waiting"],
        ["reports_with_response", "reports_without_response"],
    ],
    "reports_decided": [["reports_published", "reports_not_published"]],
    "reports_not_published": [[f"reports_not_published_{reason}" for reason in REASONS]],
    "comments_received": [["comments_published", "comments_not_published", "comments_waiting"]],
    "asked_again": [["asked_again_published", "asked_again_not_published", "asked_again_waiting"]],
}
# Figures built on counts: (name, the count it rests on, what it is).
TIMES = [
    ("median_days_to_decision", "reports_decided"),
    ("p90_days_to_decision", "reports_decided"),
    ("median_days_to_response", "reports_with_response"),
    ("p90_days_to_response", "reports_with_response"),
]
SHARE = ("share_with_response", "reports_with_response", "reports_received")
COLUMNS = ["month", *COUNTS, *(name for name, _count in TIMES), SHARE[0]]


def _month(moment):
    local = timezone.localtime(moment)
    return f"{local.year}-{local.month:02d}"


def _days(start, end):
    return (end - start).total_seconds() / 86400


def median(values):
    return statistics.median(values) if values else None


def percentile_90(values):
    """The nearest-rank 90th percentile: the smallest value that at least 90% of the values
    are at or under."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def _one_decimal(value):
    if value is None:
        return ""
    return str(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _share(part, whole):
    if not whole:
        return ""
    return str((Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"), ROUND_HALF_UP))


@dataclass
class _Month:
    counts: defaultdict
    to_decision: list
    to_response: list

    @classmethod
    def empty(cls):
        return cls(defaultdict(int), [], [])

    def add(self, other):
        for name, value in other.counts.items():
            self.counts[name] += value
        self.to_decision += other.to_decision
        self.to_response += other.to_response

    def cells(self):
        counts = [self.counts[name] for name in COUNTS]
        times = [
            _one_decimal(median(self.to_decision)),
            _one_decimal(percentile_90(self.to_decision)),
            _one_decimal(median(self.to_response)),
            _one_decimal(percentile_90(self.to_response)),
        ]
        share = _share(self.counts[SHARE[1]], self.counts[SHARE[2]])
        return [*counts, *times, share]


def _received(created_at, received_on):
    """When the program had the report: a report staff entered for a resident (a paper
    card, a call) was received on its own day, at the start of it in Baltimore, however
    much later it was typed in; never after it was stored."""
    if received_on is None:
        return created_at
    start = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time()))
    return min(start, created_at)


def _count_reports(months):
    records = Report.objects.values_list(
        "created_at",
        "received_on",
        "status",
        "rejection_reason",
        "first_decided_at",
        "responded_at",
    )
    for created_at, received_on, status, reason, decided_at, responded_at in records.iterator():
        received = _received(created_at, received_on)
        month = months[_month(received)]
        counts = month.counts
        counts["reports_received"] += 1
        if status == ReportStatus.NEW:
            counts["reports_waiting"] += 1
        else:
            counts["reports_decided"] += 1
            if status == ReportStatus.PUBLISHED:
                counts["reports_published"] += 1
            else:
                counts["reports_not_published"] += 1
                counts[f"reports_not_published_{reason if reason in REASONS else 'other'}"] += 1
            if decided_at is not None:
                month.to_decision.append(_days(received, decided_at))
        if responded_at is not None:
            counts["reports_with_response"] += 1
            month.to_response.append(_days(received, responded_at))
        else:
            counts["reports_without_response"] += 1


def _count_comments(months):
    # Residents' comments: the program's own replies are not feedback.
    records = Comment.objects.filter(staff_author=None).values_list("created_at", "status")
    for created_at, status in records.iterator():
        counts = months[_month(created_at)].counts
        counts["comments_received"] += 1
        counts[
            {
                CommentStatus.PUBLISHED: "comments_published",
                CommentStatus.REJECTED: "comments_not_published",
            }.get(status, "comments_waiting")
        ] += 1


def _count_flags(months):
    for created_at in AbuseFlag.objects.values_list("created_at", flat=True).iterator():
        months[_month(created_at)].counts["flags"] += 1
    kinds = ContentType.objects.get_for_models(Report, Comment).values()
    hidden = ModelLogEntry.objects.filter(action="feedback.hide", content_type__in=kinds)
    for timestamp in hidden.values_list("timestamp", flat=True).iterator():
        months[_month(timestamp)].counts["items_hidden"] += 1


def _count_requests(months):
    outcomes = {
        AskAgainOutcome.PUBLISHED: "asked_again_published",
        AskAgainOutcome.REJECTED: "asked_again_not_published",
        AskAgainOutcome.WAITING: "asked_again_waiting",
    }
    for created_at, outcome in AskAgainRequest.objects.values_list("created_at", "outcome"):
        counts = months[_month(created_at)].counts
        counts["asked_again"] += 1
        counts[outcomes[outcome]] += 1


def _month_range(first, last):
    year, month = (int(part) for part in first.split("-"))
    while f"{year}-{month:02d}" <= last:
        yield f"{year}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def table(now=None):
    """(header, rows): a row for every month from the first with anything in it to the
    current one, then the row of the whole pilot (``month`` "All"). No rows when nothing
    was ever received."""
    months = defaultdict(_Month.empty)
    _count_reports(months)
    _count_comments(months)
    _count_flags(months)
    _count_requests(months)
    if not months:
        return COLUMNS, []
    current = _month(now or timezone.now())
    whole = _Month.empty()
    rows = []
    for month in _month_range(min(months), max(current, max(months))):
        figures = months.get(month, _Month.empty())
        whole.add(figures)
        rows.append([month, *figures.cells()])
    rows.append([ALL, *whole.cells()])
    return COLUMNS, rows
