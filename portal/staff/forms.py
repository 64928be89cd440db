from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "")


class SignInCodeForm(CodeForm):
    """The code after the password: the authenticator app's, or one of the recovery codes
    (eight letters and digits, which people may type in capitals or in two groups)."""

    token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        min_length=6,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "off"}),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "").replace("-", "").lower()
