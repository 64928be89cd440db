"""Admin wiring for resident feedback: audit-log action names."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from feedback.models import Comment, Report
from feedback.moderation.bulk_actions import (
    ApproveCommentsBulkAction,
    ApproveReportsBulkAction,
    RejectCommentsBulkAction,
    RejectReportsBulkAction,
)
from feedback.permissions import WrittenByResidentsPolicy


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action(
        "feedback.approve", _("Approve and publish report"), _("Approved and published")
    )
    actions.register_action("feedback.reject", _("Reject report"), _("Rejected"))
    actions.register_action(
        "feedback.auto_reject",
        _("Reject automatically by a word rule"),
        _("Rejected automatically by a word rule"),
    )
    actions.register_action(
        "feedback.hide", _("Hide after residents' reports"), _("Hidden after residents' reports")
    )
    actions.register_action(
        "feedback.keep", _("Keep published after review"), _("Kept published; reports reviewed")
    )
    actions.register_action("feedback.staff_reply", _("Reply as the program"), _("Staff reply"))
    actions.register_action(
        "feedback.action_status",
        _("Change the status of a program action"),
        _("Status changed"),
    )
    actions.register_action(
        "feedback.action_examples",
        _("Choose example reports of a program action"),
        _("Example reports chosen"),
    )
    actions.register_action(
        "feedback.ask_again",
        _("Ask again for another look"),
        _("The resident asked for another look"),
    )
    actions.register_action(
        "feedback.staff_entry",
        _("Enter a report for a resident"),
        _("Entered for a resident by staff"),
    )


@hooks.register("register_admin_viewset")
def register_feedback_viewsets():
    from feedback.moderation.viewsets import FeedbackViewSetGroup

    return FeedbackViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    from feedback.moderation.panels import ModerationQueuePanel

    if request.user.has_perm("feedback.moderate_report"):
        panels.insert(0, ModerationQueuePanel())
    if request.user.has_perm("feedback.moderate_report") or request.user.has_perm(
        "feedback.enter_report"
    ):
        from feedback.channel_statistics import ChannelStatisticsPanel

        panels.append(ChannelStatisticsPanel())


hooks.register("register_bulk_action", ApproveReportsBulkAction)
hooks.register("register_bulk_action", RejectReportsBulkAction)
hooks.register("register_bulk_action", ApproveCommentsBulkAction)
hooks.register("register_bulk_action", RejectCommentsBulkAction)

register_permission_policy(Report, WrittenByResidentsPolicy(Report))
register_permission_policy(Comment, WrittenByResidentsPolicy(Comment))
