"""The published reports as files: a CSV of the public texts (with the page's filters) and
an Atom feed of the latest publications.

Both hold only what the published reports page shows: the month, kind and neighbourhood of
the interaction, whether LEAD was mentioned, the ratings, the moderator's public text, the
program's response, the topics and the date of publication. Never what the resident wrote,
the receipt code, cross streets, contact details, the language, the moderator or a note.
"""

import csv
import io
from itertools import islice
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from feedback.models import RATING_ITEMS
from feedback.reports.published import PublishedFilter, public_reports

CSV_FILE_NAME = "what-residents-told-us-reports.csv"
CSV_COLUMNS = [
    "interaction_month",
    "interaction_type",
    "neighbourhood",
    "lead_mentioned",
    *(name for name, _statement in RATING_ITEMS),
    "public_text",
    "official_response",
    "topics",
    "published_on",
]
CSV_CHUNK = 500
FEED_ENTRIES = 30


def _listed_reports():
    """Public reports with what their rows show, newest interaction first, as on the page."""
    return (
        public_reports()
        .select_related("neighbourhood")
        .prefetch_related("tags")
        .order_by("-interaction_date", "-pk")
    )


def csv_row(report):
    cells = [
        report.interaction_date.strftime("%Y-%m"),
        report.get_interaction_type_display(),
        report.neighbourhood.name,
        report.get_lead_mentioned_display(),
        *(getattr(report, name) for name, _statement in RATING_ITEMS),
        report.public_text,
        report.official_response,
        "; ".join(sorted(tag.name for tag in report.tags.all())),
        timezone.localdate(report.moderated_at).isoformat() if report.moderated_at else "",
    ]
    # Written as published: no text here starts like a spreadsheet formula, since the
    # texts, topics and neighbourhood names that could are refused where staff type them
    # (publicdata/spreadsheets.py).
    return ["" if cell is None else str(cell) for cell in cells]


def csv_chunks(reports):
    """RFC 4180 CSV in UTF-8 (CRLF line ends, a header row), a few hundred rows at a time;
    the tags of each batch come in one query."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows = reports.iterator(chunk_size=CSV_CHUNK)
    while True:
        for report in islice(rows, CSV_CHUNK):
            writer.writerow(csv_row(report))
        text = buffer.getvalue()
        if not text:
            return
        yield text.encode()
        buffer.seek(0)
        buffer.truncate()


def reports_csv(request, page):
    """``published/reports.csv``: the reports the published page lists, with its filters."""
    filters = PublishedFilter(request.GET, _listed_reports())
    if filters.errors:
        response = HttpResponse(
            "\n".join(f"{name}: {error}" for name, error in filters.errors.items()) + "\n",
            content_type="text/plain; charset=utf-8",
            status=400,
        )
        response["Cache-Control"] = "no-store"
        return response
    reports = filters.queryset()
    response = StreamingHttpResponse(csv_chunks(reports), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{CSV_FILE_NAME}"'
    # As the page itself: a report hidden after residents' flags leaves at once.
    response["Cache-Control"] = "no-store"
    return response


class ContentAtom1Feed(Atom1Feed):
    """Atom with each entry's text as ``<content type="html">``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class PublishedReportsFeed(Feed):
    """``published/feed.atom``: the latest published reports, newest first."""

    feed_type = ContentAtom1Feed

    def get_object(self, request, page):
        self.request = request
        self.published_url = page.get_url(request) + page.reverse_subpage("published_view")
        return page

    def title(self, page):
        return _("What residents told us")

    def subtitle(self, page):
        return _(
            "Reports from residents about police interactions in the LEAD pilot area, "
            "published after moderation, with the program’s responses."
        )

    def link(self, page):
        return self.published_url

    def items(self, page):
        return (
            public_reports()
            .select_related("neighbourhood")
            .prefetch_related("tags")
            .order_by("-moderated_at", "-pk")[:FEED_ENTRIES]
        )

    def item_title(self, report):
        return ", ".join(
            [
                str(report.get_interaction_type_display()),
                report.neighbourhood.name,
                date_format(report.interaction_date, "F Y"),
            ]
        )

    def item_description(self, report):
        return None  # the text is the entry's content; the default would be str(report)

    def item_link(self, report):
        # The page filtered to the report's month, kind and neighbourhood, so the report is
        # on its first page.
        query = urlencode(
            {
                "type": report.interaction_type,
                "neighbourhood": report.neighbourhood_id,
                "month": report.interaction_date.strftime("%Y-%m"),
            }
        )
        return f"{self.published_url}?{query}#report-{report.public_id}"

    def item_guid(self, report):
        # The public id never changes, so neither does the entry's id.
        return self.request.build_absolute_uri(f"{self.published_url}#report-{report.public_id}")

    def item_pubdate(self, report):
        return report.moderated_at

    def item_updateddate(self, report):
        return report.moderated_at

    def item_categories(self, report):
        return sorted(tag.name for tag in report.tags.all())

    def item_extra_kwargs(self, report):
        content = linebreaks(report.public_text, autoescape=True)
        if report.official_response:
            heading = _("Response from the program")
            content += f"\n<p><strong>{escape(heading)}</strong></p>\n" + linebreaks(
                report.official_response, autoescape=True
            )
        return {"content": content}


def reports_feed(request, page):
    return PublishedReportsFeed()(request, page=page)
