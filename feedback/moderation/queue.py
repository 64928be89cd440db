"""The one moderation queue: every report and comment waiting for a moderator, oldest
first, whatever kind it is. Each row links to that item's review screen. Each kind is
listed only for staff with its own moderation permission."""

import heapq

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from feedback.models import (
    AskAgainOutcome,
    AskAgainRequest,
    Comment,
    CommentStatus,
    Report,
    ReportStatus,
)

PER_PAGE = 50
KINDS = [("report", _("Reports")), ("comment", _("Comments"))]
REASONS = [
    ("held", _("Held by the word rules, a link or a repeat")),
    ("flagged", _("Hidden after residents’ reports")),
    ("asked_again", _("Asked again by the resident")),
    ("new", _("New, nothing flagged")),
]


def waiting(model, new_status, reason="", language=""):
    """The items of ``model`` that need a moderator: new, or hidden by flags; only those
    written in ``language`` when one is given."""
    items = model.objects.filter(Q(status=new_status) | Q(hidden_by_flags=True))
    if language:
        items = items.filter(language=language)
    if reason == "held":
        items = items.filter(status=new_status).exclude(held_reasons=[])
    elif reason == "flagged":
        items = items.filter(hidden_by_flags=True)
    elif reason == "asked_again":
        if model is not Report:
            return items.none()
        items = items.filter(status=new_status, ask_again__outcome=AskAgainOutcome.WAITING)
    elif reason == "new":
        items = items.filter(status=new_status, held_reasons=[], hidden_by_flags=False)
        if model is Report:
            items = items.exclude(ask_again__outcome=AskAgainOutcome.WAITING)
    return items


def queue_entries(kinds, reason="", language=""):
    """(received, kind, pk) for everything of ``kinds`` waiting, oldest first, without
    loading rows; reports marked "possible crisis" (feedback/moderation/crisis.py) come before all
    else, oldest first among them."""
    sources, first = [], []
    if "report" in kinds:
        reports = waiting(Report, ReportStatus.NEW, reason, language).order_by("created_at", "pk")
        first = [
            (created, "report", pk)
            for created, pk in reports.filter(possible_crisis=True).values_list("created_at", "pk")
        ]
        sources.append(
            (created, "report", pk)
            for created, pk in reports.filter(possible_crisis=False).values_list("created_at", "pk")
        )
    if "comment" in kinds:
        comments = waiting(Comment, CommentStatus.NEW, reason, language).order_by(
            "created_at", "pk"
        )
        sources.append(
            (created, "comment", pk) for created, pk in comments.values_list("created_at", "pk")
        )
    return first + list(heapq.merge(*sources))


def load_items(entries):
    """The report and comment rows behind one page of entries, in two queries."""
    ids = {"report": [], "comment": []}
    for _received, kind, pk in entries:
        ids[kind].append(pk)
    open_flags = Count("flags", filter=Q(flags__resolved_at=None))
    found = {
        "report": Report.objects.select_related("neighbourhood")
        .annotate(open_flag_count=open_flags)
        .in_bulk(ids["report"]),
        "comment": Comment.objects.select_related("page")
        .annotate(open_flag_count=open_flags)
        .in_bulk(ids["comment"]),
    }
    asked_again = {
        request.report_id: request
        for request in AskAgainRequest.objects.filter(
            report_id__in=ids["report"], outcome=AskAgainOutcome.WAITING
        )
    }
    rows = []
    for received, kind, pk in entries:
        item = found[kind].get(pk)
        if item is not None:
            rows.append(
                {
                    "kind": kind,
                    "item": item,
                    "received": received,
                    "url": reverse(f"wagtailsnippets_feedback_{kind}:edit", args=[pk]),
                    "asked_again": asked_again.get(pk) if kind == "report" else None,
                }
            )
    return rows


class ModerationQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "feedback/admin/moderation_queue.html"
    page_title = _("Moderation queue")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        # The admin's header shows this trail: without the queue in it, it read "Home".
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            from wagtail.admin.auth import permission_denied

            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kinds = moderated_kinds(self.request.user)
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in dict(kinds) else ""
        reason = self.request.GET.get("reason", "")
        reason = reason if reason in dict(REASONS) else ""
        language = self.request.GET.get("language", "")
        language = language if language in dict(settings.LANGUAGES) else ""
        entries = queue_entries(
            [kind] if kind else [value for value, _label in kinds], reason, language
        )
        page = Paginator(entries, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(
            kind=kind,
            reason=reason,
            kinds=kinds,
            reasons=REASONS,
            language=language,
            languages=settings.LANGUAGES,
            page_obj=page,
            rows=load_items(page.object_list),
            total=len(entries),
        )
        return context


def moderated_kinds(user):
    """The kinds of item (as in KINDS) that ``user`` may moderate."""
    return [(kind, label) for kind, label in KINDS if user.has_perm(f"feedback.moderate_{kind}")]


def can_moderate(user):
    return bool(moderated_kinds(user))


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


class ModerationQueueViewSet(ViewSet):
    name = "moderation"
    icon = "tasks"
    menu_label = _("Moderation queue")
    menu_item_class = QueueMenuItem

    def get_urlpatterns(self):
        return [path("", ModerationQueueView.as_view(), name="index")]
