"""The resident's report form and the receipt-code lookup form."""

import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from feedback.models import RATING_ITEMS, InteractionType, LeadMentioned, Neighbourhood
from feedback.public_forms import ProtectedForm, ResidentTextField
from feedback.reports.receipts import InvalidReceiptCode, parse_receipt_code
from publicdata.numbers import format_value

EARLIEST_DATE = datetime.date(2015, 1, 1)
NOT_APPLICABLE = "na"
RATING_CHOICES = [
    ("1", _("1 – Strongly disagree")),
    ("2", _("2 – Disagree")),
    ("3", _("3 – Neither agree nor disagree")),
    ("4", _("4 – Agree")),
    ("5", _("5 – Strongly agree")),
    (NOT_APPLICABLE, _("Does not apply")),
]
SATISFACTION_CHOICES = [
    ("1", _("1 – Very dissatisfied")),
    ("2", _("2 – Dissatisfied")),
    ("3", _("3 – Neither satisfied nor dissatisfied")),
    ("4", _("4 – Satisfied")),
    ("5", _("5 – Very satisfied")),
    (NOT_APPLICABLE, _("Does not apply")),
]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class DatePickerInput(forms.DateInput):
    """A date picker that shows text that is not a date in a plain text box.

    A date input may only hold a date (browsers blank anything else, and it is invalid
    HTML), so when the form comes back with what a resident typed into a browser without a
    date picker, the text box keeps it for them to correct.
    """

    input_type = "date"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        shown = context["widget"]["value"]
        if shown and not _is_iso_date(shown):
            context["widget"]["type"] = "text"
        return context


def _is_iso_date(text):
    try:
        return datetime.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


def account_help_text():
    # Read when the form is shown, so it is in the reader's language.
    return _(
        "In your own words. Please leave out names, addresses and phone numbers. "
        "Up to %(limit)s characters."
    ) % {"limit": format_value(settings.FEEDBACK_ACCOUNT_MAX_CHARACTERS)}


class ReportForm(ProtectedForm):
    interaction_date = forms.DateField(
        label=_("When did it happen?"),
        help_text=_("If you are not sure of the day, give your best guess."),
        widget=DatePickerInput(format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date of the interaction."),
            # As the reader's language writes dates: 03/14/2026 in English, 14/03/2026 in
            # Spanish (Django's input formats for each).
            "invalid": _("Enter a real date, such as 03/14/2026."),
        },
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Which neighbourhood?"),
        queryset=Neighbourhood.objects.filter(active=True),
        empty_label=_("Choose a neighbourhood"),
        error_messages={
            "required": _("Choose the neighbourhood where it happened."),
            "invalid_choice": _("Choose a neighbourhood from the list."),
        },
    )
    cross_streets = ResidentTextField(
        label=_("Nearest cross streets (optional)"),
        help_text=_("For example, W Baltimore St and N Eutaw St. Leave out house numbers."),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Keep the cross streets under 200 characters.")},
    )
    interaction_type = forms.ChoiceField(
        label=_("What kind of interaction was it?"),
        choices=InteractionType.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what kind of interaction it was."),
            "invalid_choice": _("Choose one of the kinds of interaction listed."),
        },
    )
    lead_mentioned = forms.ChoiceField(
        label=_("Did the officer mention or offer LEAD?"),
        choices=LeadMentioned.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether LEAD was mentioned, or choose “Not sure”."),
            "invalid_choice": _("Choose yes, no or not sure."),
        },
    )
    account = ResidentTextField(
        label=_("What happened?"),
        help_text=lazy(account_help_text, str)(),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Tell us what happened, in words.")},
        limit_setting="FEEDBACK_ACCOUNT_MAX_CHARACTERS",
    )
    consent_to_publish = forms.ChoiceField(
        label=_("May we publish your report after removing anything that could identify you?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether we may publish a version of your report."),
            "invalid_choice": _("Choose yes or no."),
        },
    )
    contact_name = ResidentTextField(
        label=_("Name (optional)"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Keep the name under 100 characters.")},
    )
    contact_email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
    )
    contact_phone = ResidentTextField(
        label=_("Phone number (optional)"),
        required=False,
        max_length=40,
        error_messages={"max_length": _("Keep the phone number under 40 characters.")},
    )
    # Answered or not, the report is stored as any other; "yes" shows the crisis lines
    # first on the next page and puts it first in the moderators' queue
    # (feedback/moderation/crisis.py).
    help_now = forms.ChoiceField(
        label=_("Do you need help now?"),
        help_text=_(
            "If you are in danger, call 911. For a mental health or drug use crisis, call or "
            "text 988. If you answer yes, we show you where to get help as soon as you send "
            "this form."
        ),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose yes or no, or leave it unanswered.")},
    )
    # Apart from the contact details: only for the emails of feedback/update_emails.py.
    notify_email = forms.EmailField(
        label=_("Email me when my report is decided or answered (optional)"),
        help_text=_(
            "We send one short email when your report is published or not, and one if the "
            "program answers it, then delete your address. It is kept apart from the "
            "contact details above and used for nothing else."
        ),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an email address like name@example.com.")},
    )

    fieldsets = [
        ("when_where", _("When and where"), ["interaction_date", "neighbourhood", "cross_streets"]),
        ("what", _("What happened"), ["interaction_type", "lead_mentioned", "account"]),
        ("help", _("Help now (optional)"), ["help_now"]),
        ("ratings", _("How were you treated? (optional)"), [name for name, _ in RATING_ITEMS]),
        ("publish", _("Publishing"), ["consent_to_publish"]),
        (
            "contact",
            _("If you want a reply (optional)"),
            ["contact_name", "contact_email", "contact_phone"],
        ),
        ("updates", _("Updates by email (optional)"), ["notify_email"]),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, statement in RATING_ITEMS:
            self.fields[name] = forms.ChoiceField(
                label=statement,
                choices=SATISFACTION_CHOICES if name == "rating_satisfied" else RATING_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                error_messages={
                    "invalid_choice": _("Choose a number from 1 to 5, or “Does not apply”.")
                },
            )
        # The captcha comes last, after the rating questions added here.
        if "captcha" in self.fields:
            self.fields["captcha"] = self.fields.pop("captcha")

    def clean_interaction_date(self):
        value = self.cleaned_data["interaction_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        if value < EARLIEST_DATE:
            raise forms.ValidationError(_("Enter a date in 2015 or later."))
        return value

    def clean_contact_phone(self):
        phone = self.cleaned_data["contact_phone"]
        if phone and sum(character.isdigit() for character in phone) < 7:
            raise forms.ValidationError(_("Enter a phone number with at least 7 digits."))
        return phone

    def clean(self):
        cleaned = super().clean()
        for name, _statement in RATING_ITEMS:
            value = cleaned.get(name)
            cleaned[name] = int(value) if value and value != NOT_APPLICABLE else None
        cleaned["consent_to_publish"] = cleaned.get("consent_to_publish") == "yes"
        cleaned["help_now"] = cleaned.get("help_now") == "yes"
        return cleaned

    def grouped_fields(self):
        """(id, legend, bound fields) for each fieldset, in order."""
        return [
            (key, legend, [self[name] for name in names]) for key, legend, names in self.fieldsets
        ]


class StatusLookupForm(forms.Form):
    use_required_attribute = False

    code = forms.CharField(
        label=_("Your receipt code"),
        help_text=_(
            "12 letters and numbers, such as K7M-Q2X-9PD-R4C. Dashes and spaces are optional."
        ),
        max_length=40,
        error_messages={
            "required": _("Enter the receipt code you were given."),
            "max_length": _("A receipt code has 12 letters and numbers."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        try:
            return parse_receipt_code(self.cleaned_data["code"])
        except InvalidReceiptCode as error:
            raise forms.ValidationError(
                _("That code has a typing mistake. Check each character and try again.")
            ) from error
