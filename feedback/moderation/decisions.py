"""What moderators do to a report or a comment, and the program's replies to comments,
each step recorded in Wagtail's audit log.

Views and bulk actions call these functions; none of them writes to a report directly.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from feedback import resident_dataset, update_emails
from feedback.models import Comment, CommentStatus, RejectionReason, Report, ReportStatus
from feedback.moderation.personal_info import find_personal_information
from feedback.reports import asking_again, staff_entry
from feedback.reports.genuine import GenuineError, genuine_when_turned_down
from feedback.sanitising import clean_resident_text
from publicdata.spreadsheets import formula_problem

STAFF_NAME = "LEAD Baltimore team"


class ModerationError(ValueError):
    """The action cannot be taken as asked; the message says why, for the moderator."""


def _locked(item):
    """The report (or comment) re-read under a row lock, so two moderators cannot
    interleave."""
    return type(item).objects.select_for_update().get(pk=item.pk)


def checked_public_text(public_text, override_personal_information=False):
    """The cleaned public text and any personal information found in it; raises
    ModerationError when it is empty, or when it may identify someone and the moderator
    has not confirmed it is safe."""
    public_text = clean_resident_text(public_text)
    if not public_text:
        raise ModerationError(_("Write the public text before publishing."))
    findings = find_personal_information(public_text)
    if findings and not override_personal_information:
        kinds = ", ".join(sorted({finding.label for finding in findings}))
        raise ModerationError(
            _(
                "The public text may still contain personal information (%(kinds)s). Remove "
                "it, or confirm that it is safe to publish."
            )
            % {"kinds": kinds}
        )
    return public_text, findings


def refuse_formula_starts(public_text, official_response="", tags=()):
    """Raise ModerationError when a text that the published reports CSV holds as written
    starts like a spreadsheet formula: refused, never changed (publicdata/spreadsheets.py)."""
    named = [(_("The public text"), public_text), (_("The official response"), official_response)]
    named += [(_("The topic"), str(tag)) for tag in tags or ()]
    for name, text in named:
        if problem := formula_problem(text):
            raise ModerationError(f"{name}: {problem}")


def _check_decider(report, user):
    try:
        asking_again.check_decider(report, user)
    except asking_again.DeciderError as error:
        raise ModerationError(str(error)) from error


def _record_decision_times(report, now):
    """The first decision and the first official response, for the feedback statistics."""
    report.first_decided_at = report.first_decided_at or now
    if not report.official_response:
        report.responded_at = None
    elif report.responded_at is None:
        report.responded_at = now


def approve(
    report,
    user,
    public_text,
    *,
    official_response="",
    tags=None,
    override_personal_information=False,
):
    """Publish ``public_text`` (never the original) for the report."""
    public_text, findings = checked_public_text(public_text, override_personal_information)
    official_response = clean_resident_text(official_response)
    refuse_formula_starts(public_text, official_response, tags)
    with transaction.atomic():
        report = _locked(report)
        if not report.consent_to_publish:
            raise ModerationError(_("The resident did not agree to publication."))
        _check_decider(report, user)
        if staff_entry.entered_by(report, user):
            raise ModerationError(staff_entry.ENTERED_BY_YOU)
        report.status = ReportStatus.PUBLISHED
        report.genuine = True
        report.public_text = public_text
        report.official_response = official_response
        report.rejection_reason = ""
        report.rejection_note = ""
        report.moderated_at = timezone.now()
        report.moderated_by = user
        _record_decision_times(report, report.moderated_at)
        report.save()
        if tags is not None:
            report.tags.set(tags)
        asking_again.record_outcome(report, user)
        log(
            instance=report,
            action="feedback.approve",
            user=user,
            data={
                "override_personal_information": bool(findings),
                "has_official_response": bool(report.official_response),
            },
        )
        # "What residents told us" counts published reports; it updates after the commit.
        resident_dataset.schedule_refresh()
        update_emails.send_when_committed(report)
    return report


def reject(item, user, reason, note="", genuine=None):
    """Take a report or a comment off the public site (or keep it off) with a reason.
    A report is genuine or not by the reason, or by ``genuine`` where the reason leaves it
    to the moderator (feedback/reports/genuine.py)."""
    if reason not in RejectionReason.values:
        raise ModerationError(_("Choose a reason from the list."))
    is_report = isinstance(item, Report)
    if is_report:
        try:
            genuine = genuine_when_turned_down(reason, genuine)
        except GenuineError as error:
            raise ModerationError(str(error)) from error
    with transaction.atomic():
        item = _locked(item)
        if is_report:
            _check_decider(item, user)
            item.genuine = genuine
        item.status = ReportStatus.REJECTED  # the same value for comments
        item.public_text = ""
        item.rejection_reason = reason
        item.rejection_note = clean_resident_text(note)
        item.moderated_at = timezone.now()
        item.moderated_by = user
        if is_report:
            _record_decision_times(item, item.moderated_at)
        item.save()
        data = {"reason": reason}
        if is_report:
            asking_again.record_outcome(item, user)
            data["genuine"] = genuine
        log(instance=item, action="feedback.reject", user=user, data=data)
        if is_report:
            resident_dataset.schedule_refresh()
            update_emails.send_when_committed(item)
    return item


def save_draft(report, user, public_text, official_response, tags):
    """Keep the moderator's work on the public text without publishing it."""
    public_text = clean_resident_text(public_text)
    official_response = clean_resident_text(official_response)
    # A published report's text changes on the site (and in the CSV) when it is saved.
    refuse_formula_starts(public_text, official_response, tags)
    with transaction.atomic():
        report = _locked(report)
        report.public_text = public_text
        report.official_response = official_response
        if report.official_response and report.responded_at is None:
            report.responded_at = timezone.now()
        elif not report.official_response:
            report.responded_at = None
        report.save(update_fields=["public_text", "official_response", "responded_at"])
        report.tags.set(tags)
        log(instance=report, action="wagtail.edit", user=user)
        # A response added to a published report is the resident's second email.
        update_emails.send_when_committed(report)
    return report


def approve_comment(comment, user, public_text, *, override_personal_information=False):
    """Publish the moderator's ``public_text`` for the comment (never the original)."""
    public_text, findings = checked_public_text(public_text, override_personal_information)
    with transaction.atomic():
        comment = _locked(comment)
        comment.status = CommentStatus.PUBLISHED
        comment.public_text = public_text
        comment.rejection_reason = ""
        comment.rejection_note = ""
        comment.moderated_at = timezone.now()
        comment.moderated_by = user
        comment.save()
        log(
            instance=comment,
            action="feedback.approve",
            user=user,
            data={"override_personal_information": bool(findings)},
        )
    return comment


def reply_as_staff(comment, user, text):
    """Publish a reply from the program under ``comment`` (or under its parent, since
    replies go one level deep). Staff replies need no second moderator."""
    text = clean_resident_text(text)
    if not text:
        raise ModerationError(_("Write the reply before sending it."))
    parent = comment.parent or comment
    if not parent.is_visible:
        raise ModerationError(_("Publish the comment before replying to it."))
    with transaction.atomic():
        reply = Comment.objects.create(
            page=parent.page,
            parent=parent,
            display_name=STAFF_NAME,
            body=text,
            public_text=text,
            staff_author=user,
            status=CommentStatus.PUBLISHED,
            moderated_at=timezone.now(),
            moderated_by=user,
        )
        log(instance=reply, action="feedback.staff_reply", user=user)
    return reply
