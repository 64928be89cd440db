"""Resident-facing views of the feedback page: thin, the work is in submission.py."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback import resident_dataset
from feedback.abuse import (
    HONEYPOT_FIELD,
    FormTokenError,
    new_form_token,
    over_limit,
    read_form_token,
)
from feedback.forms import ReportForm, StatusLookupForm
from feedback.models import Report
from feedback.published import PublishedFilter, public_reports
from feedback.submission import submit_report
from home.pagination import paginate

PUBLISHED_PER_PAGE = 20

TOKEN_ERRORS = {
    "too-fast": gettext_lazy(
        "That was sent very quickly. Please check your answers and send the form again."
    ),
    "expired": gettext_lazy(
        "This form was open for a long time. Please check your answers and send it again."
    ),
    "invalid": gettext_lazy(
        "Something went wrong with the form. Please check your answers and send it again."
    ),
}


def captcha_enabled():
    return bool(settings.RECAPTCHA_PUBLIC_KEY and settings.RECAPTCHA_PRIVATE_KEY)


def _render(request, page, template, context, status=200):
    context = {"page": page, "self": page, **context}
    response = TemplateResponse(request, template, context, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _declared_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body it cannot measure


def report_form(request, page):
    if request.method == "POST":
        if _declared_length(request) > settings.FEEDBACK_MAX_REQUEST_BYTES:
            return _render(request, page, "feedback/too_large.html", {}, status=413)
        return _handle_report(request, page)
    form = ReportForm(initial={"form_token": new_form_token()}, captcha=captcha_enabled())
    return _render(request, page, "feedback/feedback_page.html", {"form": form})


def _handle_report(request, page):
    form = ReportForm(request.POST, captcha=captcha_enabled())
    valid = form.is_valid()
    if form.data.get(HONEYPOT_FIELD):
        form.add_error(None, _("Your report could not be sent. Please try again."))
        valid = False
    submission_id = None
    if valid:
        try:
            submission_id = read_form_token(
                form.cleaned_data["form_token"],
                settings.FEEDBACK_MIN_FILL_SECONDS,
                settings.FEEDBACK_FORM_MAX_AGE_SECONDS,
            )
        except FormTokenError as error:
            form.add_error(None, TOKEN_ERRORS[str(error)])
            valid = False
    is_new = valid and not Report.objects.filter(submission_id=submission_id).exists()
    if is_new and over_limit(request, "feedback-report", settings.FEEDBACK_REPORTS_PER_HOUR, 3600):
        return _render(request, page, "feedback/rate_limited.html", {}, status=429)
    if not valid:
        # A fresh token, so the corrected form is a new submission that is timed afresh;
        # everything else the resident typed is shown again.
        data = form.data.copy()
        data["form_token"] = new_form_token()
        form.data = data
        return _render(request, page, "feedback/feedback_page.html", {"form": form}, status=400)
    report, _created = submit_report(
        form.cleaned_data, submission_id, language=translation.get_language() or "en"
    )
    return _render(request, page, "feedback/thank_you.html", {"report": report})


def report_status(request, page):
    form = StatusLookupForm()
    report = None
    status = 200
    if request.method == "POST":
        if over_limit(
            request, "feedback-status", settings.FEEDBACK_STATUS_LOOKUPS_PER_10_MINUTES, 600
        ):
            return _render(request, page, "feedback/rate_limited.html", {}, status=429)
        form = StatusLookupForm(request.POST)
        if form.is_valid():
            report = (
                Report.objects.select_related("neighbourhood")
                .filter(receipt_code=form.cleaned_data["code"])
                .first()
            )
            if report is None:
                form.add_error(
                    "code",
                    _("No report has this code. Check it against your receipt and try again."),
                )
        if not form.is_valid() or report is None:
            status = 400
    return _render(
        request, page, "feedback/report_status.html", {"form": form, "report": report}, status
    )


def published_reports(request, page):
    reports = (
        public_reports()
        .select_related("neighbourhood")
        .prefetch_related("tags")
        .order_by("-interaction_date", "-pk")
    )
    filters = PublishedFilter(request.GET, reports)
    page_of_reports = paginate(request, filters.queryset(), PUBLISHED_PER_PAGE)
    return _render(
        request,
        page,
        "feedback/published_reports.html",
        {
            "filters": filters,
            "reports": page_of_reports,
            "pagination_query": filters.query_string(),
            # The same filters for the CSV link.
            "filter_query": filters.query_string().rstrip("&"),
            "trends": resident_dataset.trends(),
        },
    )
