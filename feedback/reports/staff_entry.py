"""Reports that staff enter for residents: received by phone, on a paper form, in person or
by an outreach worker.

The screen in the admin (Feedback → Enter a report) asks the questions of the public form,
with how the report came in (its channel) and the day it was received, and stores it
through ``feedback.reports.submission.submit_report``: the same receipt code, screening,
crisis signs, update emails, moderation, statistics and datasets as a report from the web.
The staff member who entered it is recorded in the audit log (action
``feedback.staff_entry``), never on the report or anywhere public, and may not publish it
themselves: another moderator does, so every report gets the same independent moderation.

The screen needs ``feedback.enter_report`` ("Can enter reports for residents"), held by
the Feedback moderators and by the Case managers and outreach workers group, which can
neither moderate nor publish. The receipt code is shown once, to read out or write on the
card's stub; it is not kept anywhere the staff member could find it again.
"""

import uuid

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from feedback.models import Channel, FeedbackPage, Report
from feedback.reports.forms import EARLIEST_DATE, DatePickerInput, ReportForm
from feedback.reports.submission import submit_report

PERMISSION = "feedback.enter_report"
LOG_ACTION = "feedback.staff_entry"
ENTERED_BY_YOU = _(
    "You entered this report for a resident, so another moderator must decide whether to "
    "publish it."
)
# How long the form shown to a staff member stays good: a phone call can be long.
ENTRY_MAX_AGE = 24 * 3600


def may_enter(user):
    return user.has_perm(PERMISSION)


def entered_by(report, user):
    """Whether ``user`` entered ``report`` for a resident (from the audit log)."""
    if report.channel == Channel.WEB or user is None or not user.pk:
        return False
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Report),
        object_id=str(report.pk),
        action=LOG_ACTION,
        user=user,
    ).exists()


def _salt(user):
    # A form's id is good for the staff member it was shown to only: a resubmitted form
    # shows its receipt code again, so nobody may send another person's id.
    return f"feedback.staff-entry:{user.pk}"


def new_entry_token(user):
    return signing.dumps(str(uuid.uuid4()), salt=_salt(user))


class StaffEntryForm(ReportForm):
    """The public form's questions, with the channel, the day received and the language
    the resident used; without the public form's anti-abuse layers, which staff need not
    pass."""

    entry_token = forms.CharField(widget=forms.HiddenInput)
    channel = forms.ChoiceField(
        label=_("How did the report reach you?"),
        choices=[(value, label) for value, label in Channel.choices if value != Channel.WEB],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how the report reached you."),
            "invalid_choice": _("Choose one of the ways listed."),
        },
    )
    received_on = forms.DateField(
        label=_("Date received"),
        widget=DatePickerInput(format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date you received the report."),
            "invalid": _("Enter a real date, such as 03/14/2026."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language the resident used"),
        help_text=_("Update emails are written in it."),
        choices=settings.LANGUAGES,
        initial="en",
    )

    fieldsets = [
        ("received", _("How it reached you"), ["channel", "received_on", "language"]),
        *ReportForm.fieldsets,
    ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, captcha=False, **kwargs)
        self.user = user
        for name in ("form_token", "website"):
            del self.fields[name]
        self.fields["help_now"].label = _("Does the resident need help now?")
        self.fields["notify_email"].help_text = _(
            "Only if the resident asks to be emailed when the report is decided or answered."
        )

    def clean_entry_token(self):
        try:
            return uuid.UUID(
                signing.loads(
                    self.cleaned_data["entry_token"], salt=_salt(self.user), max_age=ENTRY_MAX_AGE
                )
            )
        except (signing.BadSignature, ValueError) as error:
            raise forms.ValidationError(
                _(
                    "This form is too old or was not made for you. Check the answers and "
                    "send it again."
                )
            ) from error

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date received cannot be in the future."))
        if value < EARLIEST_DATE:
            raise forms.ValidationError(_("Enter a date in 2015 or later."))
        return value

    def clean(self):
        cleaned = super().clean()
        received, happened = cleaned.get("received_on"), cleaned.get("interaction_date")
        if received and happened and received < happened:
            self.add_error(
                "received_on",
                _("The report cannot have been received before the interaction it describes."),
            )
        return cleaned


def enter_report(cleaned_data, user):
    """Store a report that ``user`` entered for a resident; returns ``(report, created)``.
    The same form sent twice stores one report."""
    with transaction.atomic():
        report, created = submit_report(
            cleaned_data, cleaned_data["entry_token"], language=cleaned_data["language"]
        )
        if created:
            log(
                instance=report,
                action=LOG_ACTION,
                user=user,
                data={"channel": report.channel},
            )
    return report, created


class StaffEntryView(WagtailAdminTemplateMixin, FormView):
    template_name = "feedback/admin/staff_entry.html"
    page_title = _("Enter a report received by phone, on paper or in person")
    header_icon = "edit"
    form_class = StaffEntryForm

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not may_enter(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        page = FeedbackPage.objects.live().filter(locale__language_code="en").first()
        printables = page.url + "print/" if page and page.url else ""
        return super().get_context_data(printables_url=printables, **kwargs)

    def get_initial(self):
        return {
            "entry_token": new_entry_token(self.request.user),
            "received_on": timezone.localdate(),
            "language": "en",
        }

    def form_invalid(self, form):
        if "entry_token" in form.errors:
            # Keep what was typed; the next send carries a good token.
            data = form.data.copy()
            data["entry_token"] = new_entry_token(self.request.user)
            form.data = data
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        report, _created = enter_report(form.cleaned_data, self.request.user)
        context = self.get_context_data(report=report, receipt_code=report.display_code)
        response = TemplateResponse(self.request, "feedback/admin/staff_entry_done.html", context)
        # The receipt code is the resident's credential: no cache or history keeps it.
        response["Cache-Control"] = "no-store"
        return response


class StaffEntryMenuItem(MenuItem):
    def is_shown(self, request):
        return may_enter(request.user)


class StaffEntryViewSet(ViewSet):
    name = "enter_report"
    url_prefix = "enter-report"
    icon = "edit"
    menu_label = _("Enter a report")
    menu_item_class = StaffEntryMenuItem

    def get_urlpatterns(self):
        return [path("", StaffEntryView.as_view(), name="index")]
