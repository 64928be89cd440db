"""The comment form on explainer and news pages, and the "Report this" form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from feedback.models import FlagReason
from feedback.public_forms import ProtectedForm, ResidentTextField


class CommentForm(ProtectedForm):
    """A comment on a page, or a reply to one. Plain text; the name is optional.

    Never with the captcha: the form sits on every explainer and news page, and privacy
    rule 5 allows Google's script on the form pages only. Pre-moderation, the word rules,
    the token, the honeypot and the rate limit guard it instead.
    """

    not_sent_message = _("Your comment could not be sent. Please try again.")

    display_name = ResidentTextField(
        label=_("Name to show (optional)"),
        help_text=_("Leave it empty to appear as “Resident”. Don’t use your full name."),
        required=False,
        max_length=60,
        error_messages={"max_length": _("Keep the name under 60 characters.")},
    )
    body = ResidentTextField(
        label=_("Your comment"),
        help_text=_("Plain text. Be respectful, and leave out names, addresses and phone numbers."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write your comment before sending it.")},
        limit_setting="FEEDBACK_COMMENT_MAX_CHARACTERS",
    )
    # The public id of the comment replied to; one that finds no comment is refused with
    # "The comment you replied to is no longer shown" (feedback.comments.posting.reply_target).
    parent = forms.CharField(widget=forms.HiddenInput, required=False)


class FlagForm(ProtectedForm):
    """A resident's report that a published comment or report breaks the rules."""

    reason = forms.ChoiceField(
        label=_("What is wrong with it?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what is wrong with it."),
            "invalid_choice": _("Choose one of the reasons listed."),
        },
    )
    note = ResidentTextField(
        label=_("Anything else moderators should know (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Keep the note under 500 characters.")},
    )
