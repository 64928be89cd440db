"""Storing a resident's report: once per form shown, screened by the word rules (a
rejecting rule refuses it at once), contact details kept apart and encrypted, and the
moderators told without any of the resident's words or details in the email, by the
background worker once the report is saved.

The worker takes new reports in as a batch (``take_in_new_reports``): it records what each
refers to in Wagtail's reference index and sends one email naming every report that
arrived since the last one, so a busy hour costs the worker a few tasks and the
moderators a few emails, not one of each per report."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task
from wagtail.log_actions import log
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from feedback import update_emails
from feedback.background import enqueue
from feedback.models import (
    RATING_ITEMS,
    Channel,
    ContactDetails,
    RejectionReason,
    Report,
    ReportStatus,
    UpdateRequest,
)
from feedback.moderation import crisis, screening

logger = logging.getLogger(__name__)

REPORT_FIELDS = [
    "interaction_date",
    "neighbourhood",
    "cross_streets",
    "interaction_type",
    "lead_mentioned",
    "account",
    "consent_to_publish",
    *(name for name, _ in RATING_ITEMS),
]


def store_once(model, submission_id, store, *, new=False):
    """Store one row of ``model`` per form shown: ``store()`` saves the new row (in a
    transaction) and returns it. Returns ``(row, created)``; when ``submission_id`` was
    stored already, before or by a copy of the same form arriving at the same moment, it
    returns that row and ``store`` has no effect. ``new``: the caller has just looked and
    found no row with this id (the unique id still catches a copy stored since)."""
    if not new:
        existing = model.objects.filter(submission_id=submission_id).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            return store(), True
    except IntegrityError:
        # Two copies of the same form arrived at once and the other one won.
        existing = model.objects.filter(submission_id=submission_id).first()
        if existing is None:
            raise
        return existing, False


def submit_report(cleaned_data, submission_id, language="en", *, new=False):
    """Store the report and return ``(report, created)``.

    A second submission of the same form (a double click, a browser resubmit, a replay)
    returns the report the first one stored. A report that a rejecting word rule matches
    is stored as rejected (abusive), recorded in the audit log, and no one is emailed;
    the resident still gets a receipt code. ``new`` as for ``store_once``.
    """
    report, created = store_once(
        Report,
        submission_id,
        lambda: _store_report(cleaned_data, submission_id, language),
        new=new,
    )
    if created:
        transaction.on_commit(take_in_soon)
        logger.info("Feedback report stored (id=%s, status=%s)", report.pk, report.status)
    return report, created


def _store_report(cleaned_data, submission_id, language):
    screened = screening.screen(cleaned_data["account"], model=Report)
    rejected = screened.action == screening.REJECT
    crisis_signs = crisis.signs(
        cleaned_data["account"], asked_for_help=cleaned_data.get("help_now", False)
    )
    # The worker's intake records the report in the reference index with the others.
    with disable_reference_index_auto_update():
        report = Report.objects.create(
            submission_id=submission_id,
            language=language,
            held_reasons=screened.held_reasons,
            fingerprint=screened.fingerprint,
            awaiting_intake=True,
            possible_crisis=bool(crisis_signs),
            crisis_signs=crisis_signs,
            # Staff entering a report for a resident say how and when it came in.
            channel=cleaned_data.get("channel") or Channel.WEB,
            received_on=cleaned_data.get("received_on"),
            **(_automatic_rejection(screened) if rejected else {}),
            **{name: cleaned_data[name] for name in REPORT_FIELDS},
        )
    if rejected:
        log(
            instance=report,
            action="feedback.auto_reject",
            user=None,
            data={"reason": RejectionReason.ABUSIVE.value, "rules": screened.rejecting_phrases},
        )
    contact = {
        "name": cleaned_data.get("contact_name", ""),
        "email": cleaned_data.get("contact_email", ""),
        "phone": cleaned_data.get("contact_phone", ""),
    }
    if any(contact.values()):
        ContactDetails.objects.store(report, **contact)
    if cleaned_data.get("notify_email"):
        UpdateRequest.objects.store(report, cleaned_data["notify_email"])
    if rejected:
        # The decision is made already: the resident who asked is told it.
        update_emails.send_when_committed(report)
    return report


def _automatic_rejection(screened):
    """The fields of a report that a rejecting word rule refused."""
    phrases = screened.rejecting_phrases
    rules = ", ".join(f"“{phrase}”" for phrase in phrases)
    # Stored for the moderators, so in the site's default language.
    with moderator_language():
        note = ngettext(
            "Rejected automatically by the word rule %(rules)s.",
            "Rejected automatically by the word rules %(rules)s.",
            len(phrases),
        ) % {"rules": rules}
    now = timezone.now()
    return {
        "status": ReportStatus.REJECTED,
        "rejection_reason": RejectionReason.ABUSIVE,
        "rejection_note": note,
        "moderated_at": now,
        "moderated_by": None,
        # Abuse is not a genuine report (feedback/genuine.py).
        "genuine": False,
        "first_decided_at": now,
    }


def moderators():
    User = get_user_model()
    permission = Q(groups__permissions__codename="moderate_report") | Q(
        user_permissions__codename="moderate_report"
    )
    return User.objects.filter(is_active=True).filter(permission | Q(is_superuser=True)).distinct()


def moderator_language():
    """Moderators read what the site tells them (emails, notes stored for them) in the
    site's default language (``LANGUAGE_CODE``), whatever language the resident used."""
    return translation.override(settings.LANGUAGE_CODE)


def review_it_at(url):
    return _("Review it in the admin: %(url)s") % {"url": url}


# Set while the intake is queued and not started: the reports that arrive in the
# meantime are taken in by it, and queue nothing themselves. It lapses after
# INTAKE_QUEUED_SECONDS, so that an intake lost with a stopped worker is queued again by
# the next report, and takes in every report still waiting.
INTAKE_QUEUED = "feedback:intake-queued"
INTAKE_QUEUED_SECONDS = 300
# The reports an email names one by one; it counts the rest.
NOTICE_LISTS = 50


def take_in_soon():
    """Queue the intake of the reports awaiting it, unless one is queued and not started
    yet (it will take them in), to run ``FEEDBACK_INTAKE_DELAY_SECONDS`` from now. Without
    the cache, queue it anyway."""
    try:
        first = cache.add(INTAKE_QUEUED, True, INTAKE_QUEUED_SECONDS)
    except Exception:
        logger.warning("The cache is unavailable: the intake of new reports is queued regardless")
        first = True
    if first:
        task = take_in_new_reports
        delay = settings.FEEDBACK_INTAKE_DELAY_SECONDS
        if delay and task.get_backend().supports_defer:
            # The reports of the next few seconds are taken in together.
            task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
        enqueue(task)


@task()
def take_in_new_reports():
    """Take in every report awaiting intake, in one transaction: record what it refers to
    in Wagtail's reference index (the admin's usage counts: a neighbourhood in use cannot
    be deleted) and email the moderators about those waiting for review (not those a
    word rule refused), in one email. Returns how many reports it took in.

    The task has no arguments: the queue table never holds what a resident wrote, their
    contact details or even which reports arrived. A mail server that fails leaves the
    reports awaiting intake for the next one and the task recorded as failed."""
    try:
        cache.delete(INTAKE_QUEUED)  # reports from now on queue the next intake
    except Exception:
        logger.warning("The cache is unavailable: the next report queues another intake")
    with transaction.atomic():
        # Two workers never take the same report: each takes the rows the other has not.
        waiting = list(
            Report.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(awaiting_intake=True)
            .select_related("neighbourhood")
            .order_by("created_at", "pk")
        )
        for report in waiting:
            ReferenceIndex.create_or_update_for_object(report)
        notify_moderators([report for report in waiting if report.status != ReportStatus.REJECTED])
        Report.objects.filter(pk__in=[report.pk for report in waiting]).update(
            awaiting_intake=False
        )
    return len(waiting)


def notify_moderators(reports):
    """Email every moderator that ``reports`` wait for review. A mail server that fails
    raises, so that the worker records the task as failed."""
    recipients = [user.email for user in moderators() if user.email]
    if not recipients or not reports:
        return
    link = settings.WAGTAILADMIN_BASE_URL + reverse("wagtailadmin_home")
    with moderator_language():
        if len(reports) == 1:
            (report,) = reports
            subject = _("New resident report %(code)s waiting for review") % {
                "code": report.display_code
            }
            what = _(
                "A resident sent a new report about a police interaction "
                "(%(kind)s, %(neighbourhood)s)."
            ) % _kind_and_place(report)
        else:
            count = len(reports)
            subject = _("%(count)s new resident reports waiting for review") % {"count": count}
            lines = [
                _("%(code)s (%(kind)s, %(neighbourhood)s)")
                % {"code": report.display_code, **_kind_and_place(report)}
                for report in reports[:NOTICE_LISTS]
            ]
            if count > NOTICE_LISTS:
                more = count - NOTICE_LISTS
                lines.append(
                    ngettext("and %(more)s more", "and %(more)s more", more) % {"more": more}
                )
            what = (
                _("Residents sent %(count)s new reports about police interactions:")
                % {"count": count}
                + "\n"
                + "\n".join(f"- {line}" for line in lines)
            )
        message = f"{what}\n\n{review_it_at(link)}\n\n" + _(
            "This email holds none of the resident's words or contact details."
        )
    send_mail(
        subject=subject,
        message=message,
        from_email=None,
        recipient_list=recipients,
    )


def _kind_and_place(report):
    return {
        "kind": report.get_interaction_type_display(),
        "neighbourhood": report.neighbourhood,
    }
