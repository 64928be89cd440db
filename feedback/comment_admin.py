"""Comments in the Wagtail admin: the listing with its filters, and the review screen
where a moderator publishes the public text, rejects, keeps a flagged comment, or replies
as the program."""

import django_filters
from django import forms
from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.models import Page
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from feedback import comments, flags
from feedback.models import Comment, CommentStatus, RejectionReason
from feedback.moderation import ModerationError
from feedback.personal_info import find_personal_information
from feedback.review import original_with_highlights, rejected_automatically
from feedback.sanitising import clean_resident_text
from feedback.screening import held_messages

APPROVE, REJECT, KEEP, REPLY, SAVE = "approve", "reject", "keep", "reply", "save"


class CommentFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=CommentStatus.choices, empty_label=_("Any"))
    held = django_filters.BooleanFilter(label=_("Held by the word rules"), method="filter_held")
    hidden_by_flags = django_filters.BooleanFilter(label=_("Hidden after residents' reports"))
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


class CommentReviewForm(WagtailAdminModelForm):
    rejection_reason = forms.ChoiceField(
        label=_("Reason for not publishing"),
        choices=[("", "---------"), *RejectionReason.choices],
        required=False,
    )
    rejection_note = forms.CharField(
        label=_("Note (shown to moderators only)"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    override_personal_information = forms.BooleanField(
        label=_("I have checked the warnings: the public text identifies no one"),
        required=False,
    )
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

    def clean_public_text(self):
        return clean_resident_text(self.cleaned_data["public_text"])


def apply_comment_review(comment, user, data, action):
    """Carry out the moderator's decision; raises ModerationError."""
    if action == APPROVE:
        return comments.approve_comment(
            comment,
            user,
            data["public_text"],
            override_personal_information=data["override_personal_information"],
        )
    if action == REJECT:
        if not data["rejection_reason"]:
            raise ModerationError("Choose a reason for not publishing.")
        return comments.reject_comment(
            comment, user, data["rejection_reason"], data["rejection_note"]
        )
    if action == KEEP:
        flags.keep_published(comment, user)
        return comment
    if action == REPLY:
        comments.reply_as_staff(comment, user, data["staff_reply"])
        return comment
    raise ModerationError("Choose what to do with the comment.")


class CommentReviewView(EditView):
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

    def form_valid(self, form):
        self.form = form
        action = self.request.POST.get("moderation-action", "")
        try:
            apply_comment_review(self.object, self.request.user, form.cleaned_data, action)
        except ModerationError as error:
            form.add_error(None, str(error))
            self.produced_error_message = str(error)
            return self.form_invalid(form)
        self.object.refresh_from_db()
        messages.success(
            self.request,
            _("Comment %(pk)s: %(status)s.")
            % {"pk": self.object.pk, "status": self.object.get_status_display()},
        )
        if action == REPLY:
            return redirect(self.request.path)
        return redirect(self.get_success_url())


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

    def get_queryset(self, request):
        return Comment.objects.select_related("page").annotate(
            open_flag_count=Count("flags", filter=Q(flags__resolved_at=None))
        )
