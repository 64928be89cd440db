"""Asking again: a resident whose report was not published asks once, from the status page
with their receipt code, for another look, with a short note if they like.

The report goes back to the moderation queue, marked "asked again" with the first decision
and its reason. A moderator other than the one who decided first must decide it, unless
that moderator is the only one (``check_decider``, called by ``moderation.approve`` and
``reject``); the request records how it ended (``record_outcome``). The note is screened
like any text a resident writes and is never published. Nothing here tells the resident
anything their receipt code did not already show them.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log

from feedback.background import enqueue
from feedback.models import (
    AskAgainOutcome,
    AskAgainRequest,
    RejectionReason,
    Report,
    ReportStatus,
)
from feedback.moderation import screening
from feedback.reports.submission import moderator_language, moderators, review_it_at
from feedback.sanitising import clean_resident_text

NOTE_MAX_CHARACTERS = 1000


class AskAgainError(ValueError):
    """The request cannot be made; the message says why, for the resident."""


class DeciderError(ValueError):
    """The moderator may not decide this report again; the message says why."""


def may_ask_again(report):
    """Whether the holder of ``report``'s receipt code may ask for another look now."""
    return report.status == ReportStatus.REJECTED and not _has_request(report)


def _has_request(report):
    return AskAgainRequest.objects.filter(report_id=report.pk).exists()


def request_of(report):
    """The resident's request about ``report``, or None."""
    return AskAgainRequest.objects.filter(report_id=report.pk).first()


def ask_again(report, note="", notify=True):
    """Record the request and put the report back in the queue, and tell the moderators
    (unless ``notify`` is false); raises AskAgainError."""
    note = clean_resident_text(note)
    screened = screening.screen(note, model=AskAgainRequest) if note else None
    if screened is not None and screened.action == screening.REJECT:
        raise AskAgainError(
            _("Your note has words we do not accept. Change it, or ask again without a note.")
        )
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if _has_request(report):
            raise AskAgainError(_("You have already asked for another look at this report."))
        if report.status != ReportStatus.REJECTED:
            raise AskAgainError(_("Only a report that was not published can be looked at again."))
        request = AskAgainRequest.objects.create(
            report=report,
            note=note,
            held_reasons=screened.held_reasons if screened else [],
            fingerprint=screened.fingerprint if screened else "",
            first_reason=report.rejection_reason or RejectionReason.OTHER,
            first_note=report.rejection_note,
            first_decided_at=report.moderated_at,
            first_decided_by=report.moderated_by,
        )
        report.status = ReportStatus.NEW
        report.save(update_fields=["status"])
        log(
            instance=report,
            action="feedback.ask_again",
            user=None,
            data={"first_reason": request.first_reason, "has_note": bool(note)},
        )
        if notify:
            transaction.on_commit(lambda: enqueue(email_moderators_about_request, report.pk))
    return request


def pending_request(report):
    return AskAgainRequest.objects.filter(
        report_id=report.pk, outcome=AskAgainOutcome.WAITING
    ).first()


def only_moderator(user):
    """Whether ``user`` is the only active moderator of reports."""
    return not moderators().exclude(pk=user.pk).exists()


def first_decider_must_stand_aside(request, user):
    """Whether ``user`` decided first on a report asked again and another moderator can
    decide it."""
    return (
        request is not None
        and request.first_decided_by_id is not None
        and user is not None
        and request.first_decided_by_id == user.pk
        and not only_moderator(user)
    )


def check_decider(report, user):
    """Raise DeciderError when ``user`` made the first decision on a report asked again and
    another moderator exists to decide it."""
    if first_decider_must_stand_aside(pending_request(report), user):
        raise DeciderError(
            _(
                "You made the first decision on this report and the resident asked for "
                "another look: another moderator must decide it."
            )
        )


def asked_again_context(report, user):
    """What the review screen shows about a request to ask again: the request, whether
    ``user`` decided first and must leave the decision to another moderator, and whether
    they decide it anyway as the only moderator."""
    request = request_of(report)
    decided_first = (
        request is not None
        and request.waiting
        and user is not None
        and request.first_decided_by_id == user.pk
    )
    return {
        "ask_again": request,
        "stand_aside": decided_first and not only_moderator(user),
        "only_moderator": decided_first and only_moderator(user),
    }


def record_outcome(report, user):
    """Close the request about ``report`` once it is decided again."""
    request = pending_request(report)
    if request is None:
        return
    request.outcome = (
        AskAgainOutcome.PUBLISHED
        if report.status == ReportStatus.PUBLISHED
        else AskAgainOutcome.REJECTED
    )
    request.decided_at = timezone.now()
    request.decided_by = user
    request.save(update_fields=["outcome", "decided_at", "decided_by"])


@task()
def email_moderators_about_request(report_id):
    """Tell the moderators that a resident asked for another look; the email links to the
    review screen and holds none of the resident's words (nor their receipt code)."""
    from feedback.comments.posting import admin_link, notify_moderators

    with moderator_language():
        notify_moderators(
            _("A resident asked for another look at a report"),
            _(
                "A resident whose report was not published asked for another look. A "
                "moderator other than the one who decided first decides it again."
            )
            + f"\n\n{review_it_at(admin_link('wagtailsnippets_feedback_report:edit', report_id))}"
            + "\n\n"
            + _("This email holds none of the resident's words."),
        )
