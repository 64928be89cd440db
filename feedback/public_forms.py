"""What every public form of feedback shares: the anti-abuse layers of ``portal.abuse`` (a
signed token that times the form, a honeypot, the captcha when it is configured) and free
text cleaned as residents' text."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from feedback.sanitising import clean_resident_text
from portal.abuse import HONEYPOT_FIELD, FormTokenError, read_form_token

TOKEN_ERRORS = {
    "too-fast": _("That was sent very quickly. Please check your answers and send the form again."),
    "expired": _(
        "This form was open for a long time. Please check your answers and send it again."
    ),
    "invalid": _(
        "Something went wrong with the form. Please check your answers and send it again."
    ),
}


class ResidentTextField(forms.CharField):
    """Free text from a resident, cleaned by ``clean_resident_text`` before any check, so
    limits count what is kept and invisible characters (NUL among them) are dropped.
    ``limit_setting`` names a setting with the most characters allowed, read when the form
    is checked, and the error says how long the text is."""

    def __init__(self, *args, limit_setting=None, **kwargs):
        self.limit_setting = limit_setting
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return clean_resident_text(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        limit = getattr(settings, self.limit_setting) if self.limit_setting else None
        if limit is not None and len(value) > limit:
            raise forms.ValidationError(
                _("Keep it to %(limit)s characters or fewer: it is %(length)s now.")
                % {"limit": f"{limit:,}", "length": f"{len(value):,}"}
            )


class ProtectedForm(forms.Form):
    """A public form with the anti-abuse layers of ``portal.abuse``: a signed token that
    times the form and makes it one submission, a honeypot, and the captcha when it is
    configured."""

    # Our own messages, beside each field and in the summary, rather than the browser's.
    use_required_attribute = False
    not_sent_message = _("Your report could not be sent. Please try again.")

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # Hidden from people; bots that fill every field fill this one too.
    website = forms.CharField(
        label=_("Leave this empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, captcha=False, **kwargs):
        super().__init__(*args, **kwargs)
        if captcha:
            from django_recaptcha.fields import ReCaptchaField

            self.fields["captcha"] = ReCaptchaField(
                label=_("Confirm you are a person"),
                error_messages={"required": _("Tick the box to confirm you are a person.")},
            )

    def submission_id(self):
        """The form's one-time submission id if it is valid and was sent by a person at a
        person's pace; otherwise None, with the reason added to the form's errors."""
        valid = self.is_valid()
        if self.data.get(HONEYPOT_FIELD):
            self.add_error(None, self.not_sent_message)
            valid = False
        if not valid:
            return None
        try:
            return read_form_token(
                self.cleaned_data["form_token"],
                settings.FEEDBACK_MIN_FILL_SECONDS,
                settings.FEEDBACK_FORM_MAX_AGE_SECONDS,
            )
        except FormTokenError as error:
            self.add_error(None, TOKEN_ERRORS[str(error)])
            return None
