"""Admin wiring for resident feedback: audit-log action names."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions):
    actions.register_action(
        "feedback.approve", _("Approve and publish report"), _("Approved and published")
    )
    actions.register_action("feedback.reject", _("Reject report"), _("Rejected"))
    actions.register_action("feedback.respond", _("Respond to report"), _("Official response set"))
