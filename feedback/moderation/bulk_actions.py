"""Bulk approve and reject of reports and comments, through decisions.py."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from feedback.models import Comment, RejectionReason, Report
from feedback.moderation import decisions


class ModerationBulkAction(SnippetBulkAction):
    permission = "feedback.moderate_report"

    def check_perm(self, item):
        return self.request.user.has_perm(self.permission)

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RejectionReason.choices)
    note = forms.CharField(label=_("Note for moderators"), required=False)


class RejectBulkAction(ModerationBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    template_name = "feedback/admin/confirm_bulk_reject.html"
    action_priority = 20
    form_class = RejectForm

    def get_execution_context(self):
        return {**super().get_execution_context(), **self.cleaned_form.cleaned_data}

    @classmethod
    def execute_action(cls, objects, user=None, reason=None, note="", **kwargs):
        for item in objects:
            decisions.reject(item, user, reason, note)
        return len(objects), 0


class ApproveReportsBulkAction(ModerationBulkAction):
    models = [Report]
    display_name = _("Approve and publish")
    action_type = "approve"
    aria_label = _("Approve and publish the selected reports")
    template_name = "feedback/admin/confirm_bulk_approve.html"
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        """Publishes each report's saved public text; reports without one, without the
        resident's consent, or with personal information still flagged are left as they
        are and counted as skipped."""
        published = 0
        for report in objects:
            try:
                decisions.approve(report, user, report.public_text)
            except decisions.ModerationError:
                continue
            published += 1
        return published, len(objects) - published

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(published)d report published; %(skipped)d skipped (no public text yet, no "
            "consent, or personal information flagged).",
            "%(published)d reports published; %(skipped)d skipped (no public text yet, no "
            "consent, or personal information flagged).",
            num_parent_objects,
        ) % {"published": num_parent_objects, "skipped": num_child_objects}


class RejectReportsBulkAction(RejectBulkAction):
    models = [Report]
    aria_label = _("Reject the selected reports")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d report rejected.", "%(count)d reports rejected.", num_parent_objects
        ) % {"count": num_parent_objects}


class ApproveCommentsBulkAction(ModerationBulkAction):
    models = [Comment]
    permission = "feedback.moderate_comment"
    display_name = _("Approve and publish")
    action_type = "approve"
    aria_label = _("Approve and publish the selected comments")
    template_name = "feedback/admin/confirm_bulk_approve_comments.html"
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        """Publishes each comment's saved public text, or its text as sent when none was
        saved; comments with possible personal information are skipped."""
        published = 0
        for comment in objects:
            try:
                decisions.approve_comment(comment, user, comment.public_text or comment.body)
            except decisions.ModerationError:
                continue
            published += 1
        return published, len(objects) - published

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(published)d comment published; %(skipped)d skipped (possible personal information).",
            "%(published)d comments published; %(skipped)d skipped (possible personal "
            "information).",
            num_parent_objects,
        ) % {"published": num_parent_objects, "skipped": num_child_objects}


class RejectCommentsBulkAction(RejectBulkAction):
    models = [Comment]
    permission = "feedback.moderate_comment"
    aria_label = _("Reject the selected comments")

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d comment rejected.", "%(count)d comments rejected.", num_parent_objects
        ) % {"count": num_parent_objects}
