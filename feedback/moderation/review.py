"""The moderator's review form: the public text and response, tags, and the decision."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from feedback.comments import flags
from feedback.models import RejectionReason, Report, ReportStatus
from feedback.moderation import decisions
from feedback.moderation.personal_info import find_personal_information
from feedback.moderation.screening import WORD_REJECT, Mark, highlight
from feedback.sanitising import clean_resident_text

SAVE, APPROVE, REJECT, KEEP = "save", "approve", "reject", "keep"


class DecisionFields(forms.Form):
    """The fields of a moderator's decision, shared by the report and comment screens."""

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

    def clean_public_text(self):
        return clean_resident_text(self.cleaned_data["public_text"])


class ReviewForm(DecisionFields, WagtailAdminModelForm):
    class Meta:
        model = Report
        fields = ["public_text", "official_response", "tags"]
        widgets = {
            "public_text": forms.Textarea({"rows": 8}),
            "official_response": forms.Textarea({"rows": 4}),
        }

    def clean_official_response(self):
        return clean_resident_text(self.cleaned_data["official_response"])


def original_with_highlights(text, held_reasons=()):
    """The resident's words split into plain and flagged pieces, for the review screen:
    likely personal information, and what the screening matched (word rules, links).
    Each flagged piece's ``finding`` has a ``label`` and a ``description``."""
    personal_information = [
        Mark(
            finding.start,
            finding.end,
            finding.label,
            _("possible %(kind)s") % {"kind": finding.label},
        )
        for finding in find_personal_information(text)
    ]
    return highlight(text, held_reasons, also=personal_information)


def rejected_automatically(report):
    """Whether a rejecting word rule refused the report (or comment) as it arrived, and no
    moderator has decided on it since."""
    return (
        report.status == ReportStatus.REJECTED
        and report.moderated_by_id is None
        and any(
            isinstance(reason, dict) and reason.get("code") == WORD_REJECT
            for reason in report.held_reasons or ()
        )
    )


class DecisionViewMixin:
    """The edit view of a review screen: carries out the button the moderator pressed
    (``apply_decision``), shows why it could not be done, or confirms what happened."""

    default_action = SAVE
    # Editing the model is not enough: every button here publishes, turns down or changes
    # what the public reads, which only moderators may do.
    decision_permission = None

    def form_valid(self, form):
        if not self.request.user.has_perm(self.decision_permission):
            raise PermissionDenied
        self.form = form
        action = self.request.POST.get("moderation-action", self.default_action)
        try:
            decided = self.apply_decision(form, action)
        except decisions.ModerationError as error:
            form.add_error(None, str(error))
            self.produced_error_message = str(error)
            return self.form_invalid(form)
        self.object = decided
        messages.success(self.request, self.decision_message())
        return redirect(self.after_decision_url(action))

    def after_decision_url(self, action):
        return self.get_success_url()


def apply_review(report, user, form, action):
    """Carry out the moderator's decision; raises decisions.ModerationError."""
    data = form.cleaned_data
    if action == APPROVE:
        return decisions.approve(
            report,
            user,
            data["public_text"],
            official_response=data["official_response"],
            tags=list(data["tags"]),
            override_personal_information=data["override_personal_information"],
        )
    if action == REJECT:
        if not data["rejection_reason"]:
            raise decisions.ModerationError(_("Choose a reason for not publishing."))
        return decisions.reject(report, user, data["rejection_reason"], data["rejection_note"])
    if action == KEEP:
        flags.keep_published(report, user)
        return report
    return decisions.save_draft(
        report, user, data["public_text"], data["official_response"], list(data["tags"])
    )
