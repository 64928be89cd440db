"""The dashboard panel: what waits in the moderation queue, and for how long."""

from django.db.models import Count
from django.utils import timezone
from wagtail.admin.ui.components import Component

from feedback.models import Comment, CommentStatus, Report, ReportStatus
from feedback.moderation.queue import waiting


class ModerationQueuePanel(Component):
    name = "feedback_moderation_queue"
    order = 50
    template_name = "feedback/admin/moderation_panel.html"

    def get_context_data(self, parent_context=None):
        reports = waiting(Report, ReportStatus.NEW)
        comments = waiting(Comment, CommentStatus.NEW)
        oldest = min(
            (
                created
                for created in (
                    reports.order_by("created_at").values_list("created_at", flat=True).first(),
                    comments.order_by("created_at").values_list("created_at", flat=True).first(),
                )
                if created
            ),
            default=None,
        )
        counts = dict(Report.objects.values_list("status").annotate(count=Count("pk")).order_by())
        waiting_reports = reports.count()
        waiting_comments = comments.count()
        return {
            "counts": [
                (value, label, counts.get(value, 0)) for value, label in ReportStatus.choices
            ],
            "waiting": waiting_reports + waiting_comments,
            "waiting_reports": waiting_reports,
            "waiting_comments": waiting_comments,
            "hidden": reports.filter(hidden_by_flags=True).count()
            + comments.filter(hidden_by_flags=True).count(),
            "oldest": oldest,
            "oldest_days": (timezone.now() - oldest).days if oldest else None,
        }
