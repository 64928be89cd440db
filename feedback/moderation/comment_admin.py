"""Comments in the Wagtail admin: the listing with its filters, and the review screen
where a moderator publishes the public text, rejects, keeps a flagged comment, or replies
as the program."""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.models import Page
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from feedback.comments import flags
from feedback.models import Comment, CommentStatus
from feedback.moderation import decisions
from feedback.moderation.choosers import PermissionCheckedChooserViewSet
from feedback.moderation.decisions import ModerationError
from feedback.moderation.personal_info import find_personal_information
from feedback.moderation.review import (
    DecisionFields,
    DecisionViewMixin,
    original_with_highlights,
    rejected_automatically,
)
from feedback.moderation.screening import held_messages

APPROVE, REJECT, KEEP, REPLY = "approve", "reject", "keep", "reply"


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=CommentStatus.choices, empty_label=_("Any"))
    held = django_filters.BooleanFilter(label=_("Held by the word rules"), method="filter_held")
    hidden_by_flags = django_filters.BooleanFilter(label=_("Hidden after residents' reports"))
    language = django_filters.ChoiceFilter(
        label=_("Written in"), choices=settings.LANGUAGES, empty_label=_("Any")
    )
    page = django_filters.ModelChoiceFilter(
        label=_("Page"),
        queryset=Page.objects.filter(resident_comments__isnull=False).distinct(),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Received"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Comment
        fields = []

    def filter_held(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(held_reasons=[]) if value else queryset.filter(held_reasons=[])


class CommentReviewForm(DecisionFields, WagtailAdminModelForm):
    staff_reply = forms.CharField(
        label=_("Reply as the program"),
        help_text=_("Published at once under this comment, with a “Program staff” badge."),
        required=False,
        widget=forms.Textarea({"rows": 3}),
    )

    class Meta:
        model = Comment
        fields = ["public_text"]
        widgets = {"public_text": forms.Textarea({"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.public_text:
            self.initial["public_text"] = self.instance.body


def apply_comment_review(comment, user, data, action):
    """Carry out the moderator's decision; raises ModerationError."""
    if action == APPROVE:
        return decisions.approve_comment(
            comment,
            user,
            data["public_text"],
            override_personal_information=data["override_personal_information"],
        )
    if action == REJECT:
        if not data["rejection_reason"]:
            raise ModerationError(_("Choose a reason for not publishing."))
        return decisions.reject(comment, user, data["rejection_reason"], data["rejection_note"])
    if action == KEEP:
        flags.keep_published(comment, user)
        return comment
    if action == REPLY:
        decisions.reply_as_staff(comment, user, data["staff_reply"])
        return comment
    raise ModerationError(_("Choose what to do with the comment."))


class CommentReviewView(DecisionViewMixin, EditView):
    decision_permission = "feedback.moderate_comment"
    success_message = _("Comment %(object)s saved.")

    def get_form_class(self):
        return CommentReviewForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comment = self.object
        context["flags"] = comment.flags.all()
        context["original_pieces"] = original_with_highlights(comment.body, comment.held_reasons)
        context["findings"] = find_personal_information(comment.body)
        context["held_messages"] = held_messages(comment.held_reasons)
        context["rejected_automatically"] = rejected_automatically(comment)
        context["public_findings"] = find_personal_information(comment.public_text)
        context["replies"] = comment.replies.order_by("created_at")
        return context

    def apply_decision(self, form, action):
        apply_comment_review(self.object, self.request.user, form.cleaned_data, action)
        self.object.refresh_from_db()
        return self.object

    def decision_message(self):
        return _("Comment %(pk)s: %(status)s.") % {
            "pk": self.object.pk,
            "status": self.object.get_status_display(),
        }

    def after_decision_url(self, action):
        # After a reply, stay on the comment to see the thread.
        return self.request.path if action == REPLY else self.get_success_url()


class CommentViewSet(SnippetViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    menu_order = 110
    edit_view_class = CommentReviewView
    edit_template_name = "feedback/admin/comment_review.html"
    filterset_class = CommentFilterSet
    search_fields = ["body", "public_text", "display_name"]
    ordering = ["created_at"]
    list_per_page = 50
    list_display = [
        "__str__",
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("held", label=_("Held because"), accessor="held_summary"),
        Column("flags", label=_("Reports from residents"), accessor="open_flag_count"),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
    ]
    inspect_view_enabled = False
    copy_view_enabled = False
    chooser_viewset_class = PermissionCheckedChooserViewSet

    def get_queryset(self, request):
        return Comment.objects.select_related("page").annotate(
            open_flag_count=Count("flags", filter=Q(flags__resolved_at=None))
        )
