"""How reports reach the program: every report received, by channel (the web form, a
phone call, a paper form, in person, an outreach worker), over the last 12 months and
since the start.

A report entered by staff counts in the month it was received (``Report.received_on``),
a web report in the month it was sent. Every report counts, whatever moderators decided,
so that moderation cannot shape the figures; small counts are suppressed by the open-data
rule (``publicdata.suppression.suppress_small_cells``, with the total as a constraint),
so the table may be shown to anyone. The admin's dashboard shows it
(``ChannelStatisticsPanel``).
"""

import datetime

from django.conf import settings
from django.db.models import Count, F
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from feedback.models import Channel, Report
from publicdata.suppression import TableSpec, suppress_small_cells

ALL = "All"
SPEC = TableSpec(dimensions=("channel",), counts=("reports",))


def received_by_channel(since=None):
    """``[(channel, label, count or None when suppressed)]`` for each channel, then the
    total (channel ``"All"``), counting the reports received on or after ``since`` (a
    date; every report when None)."""
    reports = Report.objects.all()
    if since is not None:
        received = Coalesce(
            F("received_on"), TruncDate("created_at", tzinfo=timezone.get_current_timezone())
        )
        reports = reports.annotate(received=received).filter(
            received__gte=since, received__isnull=False
        )
    counts = dict(reports.values_list("channel").annotate(count=Count("pk")).order_by())
    rows = [{"channel": value, "reports": counts.get(value, 0)} for value in Channel.values]
    rows.append({"channel": ALL, "reports": sum(counts.values())})
    published = suppress_small_cells(rows, SPEC, settings.PUBLICDATA_SUPPRESSION_THRESHOLD).rows
    labels = {**dict(Channel.choices), ALL: _("All channels")}
    return [(row["channel"], labels[row["channel"]], row["reports"]) for row in published]


def last_twelve_months():
    return timezone.localdate() - datetime.timedelta(days=365)


class ChannelStatisticsPanel(Component):
    name = "feedback_channels"
    order = 60
    template_name = "feedback/admin/channel_panel.html"

    def get_context_data(self, parent_context=None):
        year, ever = received_by_channel(last_twelve_months()), received_by_channel()
        return {
            "rows": [
                (label, recent, total)
                for (_channel, label, recent), (_same, _label, total) in zip(
                    year, ever, strict=True
                )
            ],
            "threshold": settings.PUBLICDATA_SUPPRESSION_THRESHOLD,
        }
