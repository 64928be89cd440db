"""Resident-facing views of the feedback page: thin, the work is in submission.py."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from feedback import resident_dataset
from feedback.actions.public import by_theme as actions_by_theme
from feedback.models import Report
from feedback.reports.forms import ReportForm, StatusLookupForm
from feedback.reports.published import PublishedFilter, public_reports
from feedback.reports.submission import submit_report
from portal.abuse import (
    over_limit,
    renew_form_token,
    request_too_large,
)
from portal.caching.form_pages import visitors_value, with_visitors_values
from portal.pagination import paginate
from portal.security import allow_captcha, captcha_enabled

PUBLISHED_PER_PAGE = 20


def _render(request, page, template, context, status=200, private=True):
    """A feedback page. A form sent back, its answer and a status lookup show what one
    resident typed or their receipt code: no cache keeps them. The form and the status
    lookup as everyone first gets them are kept by the page cache with stand-ins for each
    visitor's tokens (portal/caching/form_pages.py); the published reports are public and cached
    like any page. Each moderation decision drops them from every cache."""
    context = {"page": page, "self": page, **context}
    response = TemplateResponse(request, template, context, status=status)
    if private:
        response["Cache-Control"] = "no-store"
    return response


def report_form(request, page):
    if request.method == "POST":
        if request_too_large(request):
            return _render(request, page, "feedback/too_large.html", {}, status=413)
        return allow_captcha(_handle_report(request, page))
    form = ReportForm(
        initial={"form_token": visitors_value(request, "form_token")}, captcha=captcha_enabled()
    )
    response = _render(request, page, "feedback/feedback_page.html", {"form": form}, private=False)
    return allow_captcha(response)


def _handle_report(request, page):
    form = ReportForm(request.POST, captcha=captcha_enabled())
    submission_id = form.submission_id()
    if submission_id is None:
        renew_form_token(form)
        return _render(request, page, "feedback/feedback_page.html", {"form": form}, status=400)
    # A copy of a form already sent (a double click, a resubmit) gets the same receipt
    # and counts for no limit.
    report = Report.objects.filter(submission_id=submission_id).first()
    if report is None:
        if over_limit(request, "feedback-report", settings.FEEDBACK_REPORTS_PER_HOUR, 3600):
            return _render(request, page, "feedback/rate_limited.html", {}, status=429)
        report, _created = submit_report(
            form.cleaned_data,
            submission_id,
            language=translation.get_language() or "en",
            new=True,
        )
    return _thank_you(request, page, report)


def _thank_you(request, page, report):
    """The same page for every resident but for their receipt code: kept whole, with the
    code filled in for each."""

    # A resident who may need help now gets the crisis lines first (feedback/moderation/crisis.py).
    crisis = report.possible_crisis

    def build(values):
        context = {"receipt_code": values["receipt_code"], "possible_crisis": crisis}
        return _render(request, page, "feedback/thank_you.html", context)

    return with_visitors_values(
        request,
        page,
        "report-thank-you-crisis" if crisis else "report-thank-you",
        build,
        {"receipt_code": lambda request: report.display_code},
    )


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
    from feedback.reports.asking_again_views import status_context

    return _render(
        request,
        page,
        "feedback/report_status.html",
        {"form": form, "report": report, **status_context(report)},
        status,
        private=request.method == "POST",
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
            # The program's actions, beside the reports that share a theme with them.
            "actions_by_theme": actions_by_theme(),
        },
        status=400 if filters.errors else 200,
        private=False,
    )
