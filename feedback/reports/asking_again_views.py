"""The resident's side of asking again: the form under a report on the status page, and
the page that answers it (``status/ask-again/`` under the feedback page)."""

from django import forms
from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback.models import Report
from feedback.reports.asking_again import (
    NOTE_MAX_CHARACTERS,
    AskAgainError,
    ask_again,
    may_ask_again,
    request_of,
)
from feedback.reports.forms import ResidentTextField, StatusLookupForm
from portal.abuse import over_limit, request_too_large


def _render(request, page, template, context, status):
    """A page only the holder of the receipt code sees: no cache keeps it."""
    context = {"page": page, "self": page, **context}
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


class AskAgainForm(StatusLookupForm):
    """The receipt code (carried over from the look-up, hidden) and an optional note."""

    note = ResidentTextField(
        label=gettext_lazy("Anything you want the moderator to know (optional)"),
        help_text=gettext_lazy(
            "Only moderators read it; it is never published. Leave out names and contact details."
        ),
        required=False,
        max_length=NOTE_MAX_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": gettext_lazy("Keep the note under %(limit)s characters.")
            % {"limit": NOTE_MAX_CHARACTERS}
        },
    )

    def __init__(self, *args, **kwargs):
        # Beside the look-up form on one page: ids of its own.
        kwargs.setdefault("auto_id", "ask-again-%s")
        super().__init__(*args, **kwargs)
        self.fields["code"].widget = forms.HiddenInput()


def status_context(report, ask_form=None):
    """What the status page shows about asking again for ``report``: the request made, or
    the form to make one while the report may still be asked about."""
    if report is None:
        return {}
    if ask_form is None and may_ask_again(report):
        ask_form = AskAgainForm(initial={"code": report.display_code})
    return {"ask_again": request_of(report), "ask_form": ask_form}


def _status_page(request, page, report, status, lookup=None, ask_form=None, just_asked=False):
    context = {
        "form": lookup or StatusLookupForm(),
        "report": report,
        "just_asked": just_asked,
        **status_context(report, ask_form),
    }
    return _render(request, page, "feedback/report_status.html", context, status)


def ask_again_view(request, page):
    if request.method != "POST":
        return redirect(page.url + "status/")
    if request_too_large(request):
        return _render(request, page, "feedback/too_large.html", {}, status=413)
    # A request names a receipt code, so it counts as a look-up too: asking again cannot
    # be used to try codes faster than the status page allows.
    if over_limit(
        request, "feedback-status", settings.FEEDBACK_STATUS_LOOKUPS_PER_10_MINUTES, 600
    ) or over_limit(request, "feedback-ask-again", settings.FEEDBACK_ASK_AGAIN_PER_HOUR, 3600):
        return _render(request, page, "feedback/rate_limited.html", {}, status=429)
    form = AskAgainForm(request.POST)
    if not form.is_valid() and "code" in form.errors:
        lookup = StatusLookupForm(request.POST)
        lookup.is_valid()
        return _status_page(request, page, None, 400, lookup=lookup)
    report = (
        Report.objects.select_related("neighbourhood")
        .filter(receipt_code=form.cleaned_data["code"])
        .first()
    )
    if report is None:
        lookup = StatusLookupForm(request.POST)
        lookup.is_valid()
        lookup.add_error(
            "code", _("No report has this code. Check it against your receipt and try again.")
        )
        return _status_page(request, page, None, 400, lookup=lookup)
    if not may_ask_again(report):
        # Asked already (a second click), or the report is not turned down: the page says
        # where it stands, as the status page would.
        return _status_page(request, page, report, 200)
    if form.is_valid():
        try:
            ask_again(report, form.cleaned_data["note"])
        except AskAgainError as error:
            form.add_error("note", str(error))
        else:
            report.refresh_from_db()
            return _status_page(request, page, report, 200, just_asked=True)
    # Shown again with what the resident typed.
    return _status_page(request, page, report, 400, ask_form=form)
