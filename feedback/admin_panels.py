"""The dashboard panel: how many reports wait for review, and for how long."""

from django.db.models import Count
from django.utils import timezone
from wagtail.admin.ui.components import Component

from feedback.models import Report, ReportStatus


class ModerationQueuePanel(Component):
    name = "feedback_moderation_queue"
    order = 50
    template_name = "feedback/admin/moderation_panel.html"

    def get_context_data(self, parent_context=None):
        waiting = Report.objects.filter(status=ReportStatus.NEW)
        oldest = waiting.order_by("created_at").values_list("created_at", flat=True).first()
        counts = dict(Report.objects.values_list("status").annotate(count=Count("pk")).order_by())
        return {
            "counts": [
                (value, label, counts.get(value, 0)) for value, label in ReportStatus.choices
            ],
            "waiting": counts.get(ReportStatus.NEW, 0),
            "oldest": oldest,
            "oldest_days": (timezone.now() - oldest).days if oldest else None,
        }
