"""The "What residents told us" dataset, which the portal maintains itself from moderated
reports: its metadata and data dictionary, its CSV built from the database, a new release
whenever a moderation decision changes the numbers (built by the background worker once
the decision is saved), and its trend charts.

Every genuine report counts, whether or not its words were published (feedback/genuine.py,
privacy rule 6), by the month of the interaction. The CSV goes through the same path as an
analyst's upload (``publicdata.publishing.create_draft`` then ``publish``), so validation
and small-cell suppression apply to it exactly as to any other release. Nothing here reads
what a resident wrote, their receipt code or their contact details: only dates, kinds,
neighbourhoods and ratings.
"""

import itertools
import logging
import threading
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from feedback import resident_dataset_spanish as spanish
from feedback.background import enqueue
from feedback.models import RATING_ITEMS, InteractionType
from feedback.reports.genuine import genuine_reports
from portal.translated_fields import InLanguage
from publicdata.maintained import (
    csv_text,
    is_current,
    name_keywords_in_spanish,
    publish_text,
    set_period,
    sync_dictionary,
)
from publicdata.models import Chart, ChartKind, Dataset, FieldSpec
from publicdata.models.datasets import UpdateFrequency
from publicdata.suppression import is_total

logger = logging.getLogger(__name__)

SLUG = "what-residents-told-us"
ALL = "All"
RATING_NAMES = [name for name, _statement in RATING_ITEMS]
# Short names of the procedural-justice items, for column titles.
RATING_TITLES = {
    "rating_respect": "dignity and respect",
    "rating_listened": "listened",
    "rating_explained": "explained",
    "rating_fair": "fair decisions",
    "rating_cared": "cared about safety",
    "rating_satisfied": "overall satisfaction",
}

SUMMARY = (
    "Resident reports about police interactions in the LEAD pilot area, by "
    "month of the interaction, kind of interaction and neighbourhood, with residents' "
    "average ratings of how officers treated them."
)
DESCRIPTION = (
    "<p>How many reports residents sent about police interactions in the pilot area, and "
    "how they rated the officers, month by month. Each month has a row for all reports "
    "(kind of interaction and neighbourhood both “All”), a row for each kind of "
    "interaction and a row for each neighbourhood.</p>"
    "<p>The portal maintains this dataset itself: a new version is published "
    "automatically whenever a moderator's decision changes the numbers. Staff do not "
    "upload releases of it.</p>"
    "<p>Residents' own words are not in this dataset. The moderated public texts and the "
    "program's responses are on the published reports page, which offers them as a CSV "
    "file and an Atom feed.</p>"
)
METHODOLOGY = (
    "<p>Every genuine report is counted, whether or not its words were published: a "
    "moderator reads each report and decides apart whether it is a genuine account of a "
    "police interaction (not spam, abuse, off topic or a duplicate) and whether its words "
    "can be published. A report whose writer did not agree to publication, or whose words "
    "could not be published without identifying someone, is counted like a published one. "
    "Reports waiting for moderation and reports that are not genuine are not counted. "
    "Each report is counted in the month of the interaction it describes, not the month "
    "it was sent or decided, so an earlier month can change when a report about it is "
    "decided later.</p>"
    "<p>The ratings are the six procedural-justice items of the feedback form: the "
    "officer treated me with dignity and respect; listened to me and let me explain; "
    "explained what they were doing and why; made decisions based on facts, treating me "
    "fairly; seemed to care about my safety and wellbeing; and overall, I am satisfied "
    "with how the interaction was handled. Each is answered from 1 (strongly disagree, or "
    "very dissatisfied) to 5 (strongly agree, or very satisfied), or left out. For each "
    "item the dataset gives how many reports answered it and the mean of those answers, "
    "rounded to 2 decimals.</p>"
    "<p>Suppression: counts from 1 to 10 are not published; they are marked "
    "“suppressed”, never shown as zero. A mean is suppressed when it rests on fewer than "
    "11 answers or on a suppressed count. Each month's rows by kind and by neighbourhood "
    "add up to its “All” row, so where that total would let a reader work out a "
    "suppressed cell, a second cell is suppressed as well.</p>"
    "<p>Residents choose whether to send a report, so these numbers describe the reports "
    "received, not every police interaction in the area.</p>"
)
KEYWORDS = ["resident feedback", "procedural justice", "police interactions"]

# Trend charts for the published reports page, by title.
TOTAL_ROWS = f"interaction_type={ALL}\nneighbourhood={ALL}"
CHARTS = {
    "Reports each month": {
        "kind": ChartKind.BAR,
        "summary": "How many reports describe an interaction in each month. "
        "Months with 1 to 10 reports are hidden to protect privacy.",
        "x_field": "month",
        "y_fields": "reports",
        "filters": TOTAL_ROWS,
        "x_label": "Month of the interaction",
        "y_label": "Reports",
    },
    "How residents rated officers, month by month": {
        "kind": ChartKind.LINE,
        "summary": "Residents' average agreement, from 1 to 5, that the officer treated them "
        "with dignity and respect, and their overall satisfaction. Months with fewer than 11 "
        "answers are hidden.",
        "x_field": "month",
        "y_fields": "mean_rating_respect, mean_rating_satisfied",
        "filters": TOTAL_ROWS,
        "x_label": "Month of the interaction",
        "y_label": "Average rating (1 to 5)",
    },
}


def _field(name, title, type, role, description, **options):
    return {
        "name": name,
        "title": title,
        "type": type,
        "role": role,
        "unit": options.get("unit", ""),
        "description": description,
        "allowed_values": options.get("allowed_values", ""),
        "minimum": options.get("minimum"),
        "maximum": options.get("maximum"),
        "numerator": options.get("numerator", ""),
        "denominator": options.get("denominator", ""),
        "primary_key": options.get("primary_key", False),
        "required": options.get("required", True),
    }


def interaction_types():
    """The kinds of interaction as the dataset names them (English labels)."""
    with translation.override("en"):
        return [str(label) for _value, label in InteractionType.choices]


def dictionary():
    """The data dictionary, as FieldSpec values, in column order."""
    with translation.override("en"):
        statements = {name: str(statement) for name, statement in RATING_ITEMS}
    fields = [
        _field(
            "month",
            "Month of the interaction",
            "yearmonth",
            "dimension",
            "The month the interaction happened, as the resident reported it.",
            primary_key=True,
        ),
        _field(
            "interaction_type",
            "Kind of interaction",
            "string",
            "dimension",
            "What kind of interaction the report describes; “All” for rows of every kind.",
            allowed_values="\n".join([*interaction_types(), ALL]),
            primary_key=True,
        ),
        _field(
            "neighbourhood",
            "Neighbourhood",
            "string",
            "dimension",
            "The neighbourhood of the pilot area where it happened; “All” for rows of every "
            "neighbourhood.",
            primary_key=True,
        ),
        _field(
            "reports",
            "Reports",
            "integer",
            "count",
            "Genuine reports about interactions in the month, published or not.",
            unit="reports",
            minimum=Decimal(0),
        ),
    ]
    for name in RATING_NAMES:
        short = RATING_TITLES[name]
        fields += [
            _field(
                f"{name}_answers",
                f"Answers: {short}",
                "integer",
                "count",
                f"Reports that rated “{statements[name]}” from 1 to 5 (reports "
                "that left it out or chose “does not apply” are not counted).",
                unit="reports",
                minimum=Decimal(0),
            ),
            _field(
                f"mean_{name}",
                f"Mean rating: {short}",
                "number",
                "rate",
                f"The mean of those answers to “{statements[name]}”, from 1 to 5, rounded to "
                "2 decimals; empty when no report answered. Suppressed when it rests on "
                "fewer than 11 answers or on a suppressed count.",
                unit="1 to 5",
                minimum=Decimal(1),
                maximum=Decimal(5),
                # The engine suppresses a rate with its numerator or denominator, and when
                # the denominator is under the threshold: here both are the answers count.
                numerator=f"{name}_answers",
                denominator=f"{name}_answers",
                required=False,
            ),
        ]
    texts = spanish.columns(ALL)
    return [
        {
            **field,
            **{
                f"{name}_es": texts[field["name"]].get(name, "")
                for name in FieldSpec.TRANSLATED_FIELDS
            },
            "values_es": "\n".join(
                f"{value} | {name}"
                for value, name in texts[field["name"]].get("values", {}).items()
            ),
        }
        for field in fields
    ]


def _metadata():
    return {
        "title": "What residents told us",
        "summary": SUMMARY,
        "description": DESCRIPTION,
        "methodology": METHODOLOGY,
        "source": "Resident reports to the LEAD Baltimore portal, after moderation",
        "publisher": "LEAD Baltimore",
        # No contact of its own: it gives the program's, from the site settings.
        "spatial_coverage": "The LEAD pilot area, Baltimore, Maryland",
        "update_frequency": UpdateFrequency.IRREGULAR,
        **_spanish(spanish.DATASET),
    }


def _spanish(texts):
    """``{<name>_es: text}``: the Spanish texts as the record's fields."""
    return {f"{name}_es": text for name, text in texts.items()}


def _fill_in_spanish(record, texts):
    """Give a record made before it had Spanish texts those texts (when all are empty)."""
    fields = _spanish(texts)
    if not any(getattr(record, name) for name in fields):
        for name, value in fields.items():
            setattr(record, name, value)
        record.save(update_fields=list(fields))


# Words of the texts the dataset and its charts were made with while they counted only
# published reports: a text still holding them says what is no longer true, and is replaced
# by the current one. Texts staff rewrote are theirs.
OUTDATED_WORDS = (
    "Published resident reports",
    "Only published reports are counted",
    "How many published reports describe",
    "Reportes publicados de residentes",
    "Solo se cuentan los reportes publicados",
    "Cuántos reportes publicados describen",
)
OUTDATED_LABELS = ("Published reports", "Reportes publicados")


def _outdated(text):
    text = text or ""
    return text in OUTDATED_LABELS or any(words in text for words in OUTDATED_WORDS)


def _replace_outdated(record, texts):
    """Give ``record`` the current text of each of ``texts`` ({field: text}) whose stored
    text still holds the words of the time only published reports were counted."""
    changed = [
        name
        for name, text in texts.items()
        if _outdated(getattr(record, name)) and getattr(record, name) != text
    ]
    for name in changed:
        setattr(record, name, texts[name])
    if changed:
        record.save(update_fields=changed)


def ensure_dataset():
    """The dataset, created with its metadata when missing. Its data dictionary belongs to
    this module and is brought back in line when it differs; the metadata is the staff's
    to edit once the dataset exists."""
    dataset = Dataset.objects.filter(slug=SLUG).first()
    if dataset is None:
        dataset = Dataset(slug=SLUG, **_metadata())
        dataset.keywords.set(KEYWORDS)
        dataset.save()
    else:
        _fill_in_spanish(dataset, spanish.DATASET)
        texts = _metadata()
        _replace_outdated(
            dataset,
            {
                name: texts[name]
                for name in ("summary", "description", "methodology")
                + ("summary_es", "description_es", "methodology_es")
            },
        )
    name_keywords_in_spanish(dataset, spanish.KEYWORDS)
    sync_dictionary(dataset, dictionary())
    return dataset


def counted_reports():
    """The reports the dataset counts: every genuine report, published or not."""
    return genuine_reports()


class _Tally:
    def __init__(self):
        self.reports = 0
        self.answers = dict.fromkeys(RATING_NAMES, 0)
        self.sums = dict.fromkeys(RATING_NAMES, 0)

    def add(self, ratings):
        self.reports += 1
        for name, value in ratings.items():
            if value is not None:
                self.answers[name] += 1
                self.sums[name] += value

    def cells(self):
        cells = [self.reports]
        for name in RATING_NAMES:
            cells += [self.answers[name], _mean(self.sums[name], self.answers[name])]
        return cells


def _mean(total, count):
    if not count:
        return ""
    return str((Decimal(total) / Decimal(count)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _month_range(first, last):
    year, month = first
    while (year, month) <= last:
        yield f"{year}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _neighbourhood_label(name):
    # A neighbourhood called "All" or "Total" would read as a row of totals.
    return f"{name} (neighbourhood)" if is_total(name) else name


def _table():
    """(header, rows, number of reports counted, (first, last) month or None)."""
    labels = dict(zip(InteractionType.values, interaction_types(), strict=True))
    records = counted_reports().values_list(
        "interaction_date",
        "interaction_type",
        "neighbourhood__name",
        "neighbourhood__sort_order",
        *RATING_NAMES,
    )
    tallies = defaultdict(_Tally)
    neighbourhoods = set()
    months = set()
    count = 0
    for date, kind, name, order, *ratings in records.iterator():
        count += 1
        month = (date.year, date.month)
        months.add(month)
        label = _neighbourhood_label(name)
        neighbourhoods.add((order, label))
        month_text = f"{date.year}-{date.month:02d}"
        by_name = dict(zip(RATING_NAMES, ratings, strict=True))
        for key in [(ALL, ALL), (labels.get(kind, labels["other"]), ALL), (ALL, label)]:
            tallies[(month_text, *key)].add(by_name)
    header = ["month", "interaction_type", "neighbourhood", "reports"]
    for name in RATING_NAMES:
        header += [f"{name}_answers", f"mean_{name}"]
    if not count:
        return header, [], 0, None
    period = (min(months), max(months))
    columns = (
        [(ALL, ALL)]
        + [(label, ALL) for label in labels.values()]
        + [(ALL, label) for _order, label in sorted(neighbourhoods)]
    )
    rows = [
        [month, kind, place, *tallies.get((month, kind, place), _Tally()).cells()]
        for month in _month_range(*period)
        for kind, place in columns
    ]
    return header, rows, count, period


def change_note(count):
    noun = "report" if count == 1 else "reports"
    return f"Refreshed after moderation: {count} {noun} counted"


# Which refresh each thread last queued or began, numbered from the same counter as the
# scheduled refreshes: a bulk action (or the demo) schedules one per report, and every
# one scheduled before a refresh was queued or began on this thread is already counted
# by it (they were committed before it was queued, so the refresh, wherever it runs,
# sees them).
_numbers = itertools.count(1)
_done = threading.local()


def refresh(user=None):
    """Publish a new release when the counted reports give a CSV different from the
    current release's; returns the release, or None when nothing changed or no report is
    counted yet."""
    started = next(_numbers)
    with translation.override("en"), transaction.atomic():
        # One refresh at a time: the dataset row is the lock.
        dataset = Dataset.objects.select_for_update().get(pk=ensure_dataset().pk)
        header, rows, count, period = _table()
        release = None
        text = csv_text(header, rows)
        if count and not is_current(dataset, text):
            set_period(dataset, *period)
            release = publish_text(
                dataset, text, change_note(count), user, change_note_es=spanish.change_note(count)
            )
            ensure_charts()
    _done.number = started
    return release


@task()
def refresh_after_moderation():
    """The background task that ``schedule_refresh`` queues; returns the version it
    published, or None. A failure is logged and the task recorded as failed: the
    moderation is saved already, and the next decision tries again."""
    try:
        release = refresh()
    except Exception:
        # The task framework logs the traceback; the refresh reads no resident's words or
        # details, so it holds none.
        logger.error("Could not refresh the %s dataset after moderation", SLUG)
        raise
    return release.version if release else None


def _queue_refresh(number):
    if getattr(_done, "number", 0) > number:
        return
    _done.number = next(_numbers)
    enqueue(refresh_after_moderation)


def schedule_refresh():
    """Refresh the dataset in the background once the current transaction commits (at
    once outside one): one refresh for all the decisions of a transaction. A failure is
    logged, never raised into the moderation that scheduled it."""
    transaction.on_commit(partial(_queue_refresh, next(_numbers)))


def ensure_charts():
    """The trend charts, created when missing; staff may edit them afterwards."""
    dataset = ensure_dataset()
    charts = []
    for title, spec in CHARTS.items():
        chart = Chart.objects.filter(dataset=dataset, title=title).first()
        if chart is None:
            chart = Chart(dataset=dataset, title=title, **spec, **_spanish(spanish.CHARTS[title]))
            chart.full_clean()
            chart.save()
        else:
            _fill_in_spanish(chart, spanish.CHARTS[title])
            _replace_outdated(
                chart,
                {
                    **{name: spec[name] for name in ("summary", "y_label")},
                    **_spanish(
                        {
                            name: spanish.CHARTS[title][name]
                            for name in ("summary", "y_label")
                            if name in spanish.CHARTS[title]
                        }
                    ),
                },
            )
        charts.append(chart)
    return charts


def trends():
    """What the published reports page shows under "Trends": the dataset, its URL and its
    charts, or None while the dataset has no published release."""
    dataset = Dataset.objects.filter(slug=SLUG).first()
    if dataset is None or dataset.current_release() is None:
        return None
    charts = {
        chart.title: chart
        for chart in Chart.objects.filter(dataset=dataset, title__in=CHARTS).select_related(
            "dataset"
        )
    }
    return {
        "dataset": InLanguage(dataset),
        "url": reverse("publicdata:dataset", args=[SLUG]),
        "charts": [charts[title] for title in CHARTS if title in charts],
    }
