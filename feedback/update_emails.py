"""Telling a resident who asked: one short email when their report is decided (published
or not published) and one when the program answers it, then nothing else.

The address is the resident's ``UpdateRequest``, kept apart from their contact details
and encrypted as they are. Each email says the status, the reason it was not published or
the program's response, and where to check the report; never what the resident wrote,
the published text or the receipt code. It is written in the language the report was
written in, and sent by the background worker (``send_report_update``) once the decision
is committed; the task's argument is the report's id, as for every task.

The address is deleted after the last email that can come: the decision when the report
is not published, the response otherwise (a report published with its response at once
gets one email carrying both). Otherwise it goes with the contact details after
``FEEDBACK_CONTACT_RETENTION_DAYS`` (``purge_expired_update_requests``), or at once when
the resident follows the stop link that every email carries (``stop``: one click, a GET or
the ``List-Unsubscribe-Post`` of RFC 8058).
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_tasks import task

from feedback.background import enqueue_on_commit
from feedback.models import FeedbackPage, ReportStatus, UpdateRequest

logger = logging.getLogger(__name__)

DECISION, RESPONSE = "decision", "response"


def send_when_committed(report):
    """Queue the email that ``report``'s new state may call for, once the transaction that
    changed it commits. Nothing is queued for a report whose resident asked for none."""
    if UpdateRequest.objects.filter(report_id=report.pk).exists():
        enqueue_on_commit(send_report_update, report.pk)


def due(report, update_request):
    """``(event, last)``: the email ``report`` calls for now and whether it is the last
    that can come, or ``(None, last)`` when none is due."""
    answered = bool(report.official_response)
    if report.status == ReportStatus.REJECTED:
        return (None if update_request.decision_sent_at else DECISION), True
    if report.status != ReportStatus.PUBLISHED:
        return None, False
    if update_request.decision_sent_at is None:
        return DECISION, answered
    return (RESPONSE if answered else None), answered


@task()
def send_report_update(report_id):
    """Send the email that is due about the report, if its resident asked for one; returns
    what was sent ("decision", "response") or None. A mail server that fails raises: the
    task is recorded as failed and the email is sent at the report's next change."""
    with transaction.atomic():
        update_request = (
            UpdateRequest.objects.select_for_update(of=("self",))
            .select_related("report")
            .filter(report_id=report_id)
            .first()
        )
        if update_request is None:
            return None
        report = update_request.report
        event, last = due(report, update_request)
        if event is not None:
            _message(report, update_request, event, last).send()
        if last:
            update_request.delete()
        elif event is not None:
            update_request.decision_sent_at = timezone.now()
            update_request.save(update_fields=["decision_sent_at"])
    if event is not None:
        # The report's number only: never the address, the code or any words.
        logger.info("Update email sent (report id=%s, %s)", report_id, event)
    return event


def _public_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _status_url(language):
    page = FeedbackPage.objects.live().filter(locale__language_code=language).first()
    page = page or FeedbackPage.objects.live().first()
    if page is None:
        return ""
    _site, _root, path = page.get_url_parts()
    return _public_url(path + "status/")


# The program's name as staff set it in the site settings, which belong to the pages app:
# that app hands over a reader in its apps.py, so this app never imports it
# (docs/architecture.md).
_organisation_name = None


def provide_organisation_name(provider):
    """``provider()`` returns the program's name from the default site's settings, or None
    when there are none."""
    global _organisation_name
    _organisation_name = provider


def organisation_name():
    return (_organisation_name() if _organisation_name else None) or "LEAD Baltimore"


def _message(report, update_request, event, last):
    organisation = organisation_name()
    language = report.language if report.language in dict(settings.LANGUAGES) else "en"
    with translation.override(language):
        stop_url = _public_url(reverse("feedback:stop_updates", args=[update_request.stop_token]))
        status_url = _status_url(language)
        names = {"organisation": organisation}
        lines = [
            _("Hello,"),
            "",
            _(
                "You asked %(organisation)s to tell you when your report about a police "
                "interaction was decided or answered."
            )
            % names,
            "",
        ]
        if event == DECISION and report.status == ReportStatus.PUBLISHED:
            subject = _("Your report to %(organisation)s has been published") % names
            lines += [
                _("Status: %(status)s") % {"status": report.get_status_display()},
                _(
                    "A moderator published a version of your report with anything that could "
                    "identify anyone removed."
                ),
            ]
        elif event == DECISION:
            subject = _("Your report to %(organisation)s was not published") % names
            lines.append(_("Status: %(status)s") % {"status": report.get_status_display()})
            if report.rejection_reason:
                lines.append(
                    _("Reason: %(reason)s") % {"reason": report.get_rejection_reason_display()}
                )
        else:
            subject = _("%(organisation)s has answered your report") % names
        if report.status == ReportStatus.PUBLISHED and report.official_response:
            lines += ["", _("The program's response:"), "", report.official_response]
        if status_url:
            lines += [
                "",
                _("To see your report, enter your receipt code at %(url)s") % {"url": status_url},
            ]
        lines.append("")
        if last:
            lines.append(
                _(
                    "This is the last email about this report: we have now deleted your "
                    "email address."
                )
            )
        else:
            lines += [
                _(
                    "We will email you once more if the program answers your report, then "
                    "delete your address. To stop these emails now, open this link:"
                ),
                stop_url,
            ]
        lines += ["", organisation]
    message = EmailMessage(
        subject=subject,
        body="\n".join(lines) + "\n",
        to=[update_request.email],
        headers={
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message


def stop_updates(token):
    """Delete the update request that ``token`` names; returns whether there was one."""
    deleted, _by_model = UpdateRequest.objects.filter(stop_token=token).delete()
    if deleted:
        logger.info("Update emails stopped by the resident")
    return bool(deleted)


# A mail program's one-click stop (RFC 8058) posts without a CSRF token; the link names one
# request by a secret nobody else has, and all it can do is delete an address.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def stop(request, token):
    """The stop link: deletes the address at once, with one click. A link that finds
    nothing (followed twice, or after the last email) says the same, so it tells nothing."""
    if request.method != "HEAD":
        stop_updates(token)
    response = TemplateResponse(request, "feedback/updates_stopped.html", {})
    # One resident's link: no cache keeps it, no search engine lists it.
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def purge_expired_update_requests(now=None):
    """Delete the addresses kept longer than ``FEEDBACK_CONTACT_RETENTION_DAYS``; return
    how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(
        days=settings.FEEDBACK_CONTACT_RETENTION_DAYS
    )
    deleted, _by_model = UpdateRequest.objects.filter(created_at__lt=cutoff).delete()
    logger.info("Deleted %d expired update email addresses", deleted)
    return deleted
