"""Background work waits for the worker, as in production: a resident's report is stored
and answered without waiting for any mail server, the moderators' email leaves when the
worker runs, and a mail server that fails leaves a failed task, never a failed
submission. The refresh of "What residents told us" and the retention purges run in the
worker too, and nothing a resident wrote is ever in the queue table.

These tests use real transactions: the worker sees only what was committed.
"""

import json
import logging
import signal
import smtplib
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from feedback import resident_dataset
from feedback.models import Comment, ContactDetails, Neighbourhood, Report
from feedback.moderation import decisions as moderation
from publicdata.models import Dataset
from tests.factories import ReportFactory
from tests.feedback_helpers import (
    FORM_URL,
    receipt_code,
    report_data,
    reports_with_old_and_recent_contact_details,
)
from tests.production_helpers import run_python

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "Officer Jones took my phone on Saratoga St"
CONTACT = {"contact_name": "Dana Resident", "contact_email": "dana@example.org"}


@pytest.fixture(autouse=True)
def wagtail_root(django_db_blocker):
    """A flush between transactional tests keeps what post_migrate makes but not Wagtail's
    locale and root page, which come from data migrations."""
    from wagtail.models import Locale, Page

    with django_db_blocker.unblock():
        Locale.objects.get_or_create(language_code="en")
        if Page.get_first_root_node() is None:
            Page.add_root(title="Root", slug="root")


@pytest.fixture(autouse=True)
def queued_in_the_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker here runs what is due and stops: the intake is due at once.
    settings.FEEDBACK_INTAKE_DELAY_SECONDS = 0


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_superuser("mod", "mod@example.org", "x")


@pytest.fixture
def place(feedback_page):
    from feedback.models import Neighbourhood

    return Neighbourhood.objects.get(name="Seton Hill")


@pytest.fixture
def worker():
    """``run()`` does what `manage.py db_worker` does in production, until the queue is
    empty. The worker sets the process's signal handlers and its loggers' levels; the test
    process gets its own back afterwards."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in signals}
    loggers = {name: logging.getLogger(name).level for name in ("django_tasks", "django_tasks_db")}

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())

    yield run
    for number, handler in handlers.items():
        signal.signal(number, handler)
    for name, level in loggers.items():
        logging.getLogger(name).setLevel(level)


class BrokenMailServer(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def tasks(name):
    return DBTaskResult.objects.filter(task_path__endswith=f".{name}")


def queue_table_text():
    """Everything the queue table keeps about every task: arguments, results, errors."""
    return json.dumps(
        list(DBTaskResult.objects.values("args_kwargs", "return_value", "traceback")),
        default=str,
    )


def test_a_report_is_answered_at_once_and_the_worker_emails_the_moderators(
    client, place, moderator, worker
):
    response = client.post(FORM_URL, report_data(client, place, account=SECRET, **CONTACT))
    assert response.status_code == 200
    assert receipt_code(response)
    assert mail.outbox == []
    (queued,) = tasks("take_in_new_reports")
    assert queued.status == TaskResultStatus.READY
    report = Report.objects.get()
    assert queued.args_kwargs == {"args": [], "kwargs": {}}
    for words in (SECRET, "Saratoga", "Dana Resident", "dana@example.org", "Fayette"):
        assert words not in queue_table_text()

    worker()
    (email,) = mail.outbox
    assert email.to == ["mod@example.org"]
    assert email.subject == f"New resident report {report.display_code} waiting for review"
    assert "(Offered a LEAD referral, Seton Hill)" in email.body
    assert SECRET not in email.body and "dana@example.org" not in email.body
    assert tasks("take_in_new_reports").get().status == TaskResultStatus.SUCCESSFUL
    assert not Report.objects.filter(awaiting_intake=True).exists()


def post_reports(client, place, count):
    """``count`` residents' reports, each from its own address; their receipt codes."""
    codes = []
    for number in range(count):
        client.cookies.clear()
        data = report_data(client, place, account=f"Report {number} about a stop.")
        response = client.post(FORM_URL, data, REMOTE_ADDR=f"10.1.2.{number + 1}")
        assert response.status_code == 200
        codes.append(receipt_code(response))
    return codes


def test_reports_arriving_while_an_email_waits_are_named_in_it(client, place, moderator, worker):
    """A busy hour sends the moderators a few emails, not one per report, and gives the
    worker a few tasks: the reports that arrive while the intake is queued are taken in
    and named by it, in the order they arrived."""
    queued_before = set(DBTaskResult.objects.values_list("pk", flat=True))
    codes = post_reports(client, place, 3)
    queued = DBTaskResult.objects.exclude(pk__in=queued_before)
    # One task for the three, and no reference index task per report either.
    assert [task.task_path for task in queued] == [
        "feedback.reports.submission.take_in_new_reports"
    ]

    worker()
    (email,) = mail.outbox
    assert email.subject == "3 new resident reports waiting for review"
    reports = list(Report.objects.order_by("created_at", "pk"))
    assert [report.display_code for report in reports] == codes
    listed = [f"- {r.display_code} (Offered a LEAD referral, Seton Hill)" for r in reports]
    assert "\n".join(listed) in email.body
    assert tasks("take_in_new_reports").get().return_value == 3

    # Once it has gone, the next report queues the next email, which names it alone.
    (later,) = post_reports(client, place, 1)
    worker()
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == f"New resident report {later} waiting for review"
    assert tasks("take_in_new_reports").count() == 2


def test_the_intake_waits_a_few_seconds_for_the_reports_that_follow(
    client, place, moderator, worker, settings
):
    settings.FEEDBACK_INTAKE_DELAY_SECONDS = 5
    before = timezone.now()
    post_reports(client, place, 1)
    (queued,) = tasks("take_in_new_reports")
    assert (
        before + timedelta(seconds=5) <= queued.run_after <= timezone.now() + timedelta(seconds=5)
    )
    worker()  # not due yet
    assert mail.outbox == []
    post_reports(client, place, 2)
    assert tasks("take_in_new_reports").count() == 1

    tasks("take_in_new_reports").update(run_after=timezone.now())  # five seconds later
    worker()
    (email,) = mail.outbox
    assert email.subject == "3 new resident reports waiting for review"


def test_an_email_names_the_first_fifty_reports_and_counts_the_rest(
    feedback_page, moderator, worker
):
    from feedback.reports.submission import take_in_new_reports

    for _number in range(53):
        ReportFactory(awaiting_intake=True)
    take_in_new_reports.enqueue()
    worker()
    (email,) = mail.outbox
    assert email.subject == "53 new resident reports waiting for review"
    assert email.body.count("\n- ") == 51
    assert "- and 3 more" in email.body


def test_the_intake_records_new_reports_in_the_reference_index(
    client, place, moderator, worker, admin_client
):
    """A neighbourhood that reports name cannot be deleted in the admin: Wagtail's
    reference index, which the intake fills, tells the admin it is in use."""
    from wagtail.models import ReferenceIndex

    post_reports(client, place, 2)
    assert ReferenceIndex.get_references_to(place).count() == 0
    worker()
    references = ReferenceIndex.get_references_to(place)
    assert sorted(references.values_list("object_id", flat=True)) == sorted(
        str(pk) for pk in Report.objects.values_list("pk", flat=True)
    )
    delete_url = f"/admin/snippets/feedback/neighbourhood/delete/{place.pk}/"
    page = admin_client.get(delete_url).content.decode()
    assert "This neighbourhood is referenced 2 times." in page
    assert "One or more references to this neighbourhood prevent it from being deleted" in page
    assert admin_client.post(delete_url).url == "/admin/"  # refused
    assert Neighbourhood.objects.filter(pk=place.pk).exists()


def test_a_failing_mail_server_leaves_a_failed_task_not_a_failed_report(
    client, place, moderator, worker, settings
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    (first,) = post_reports(client, place, 1)

    worker()
    failed = tasks("take_in_new_reports").get()
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "smtplib.SMTPServerDisconnected"
    assert Report.objects.get().status == "new"
    assert SECRET not in queue_table_text()

    # The report still waits, and the next email, once the mail server is back, names it.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    (second,) = post_reports(client, place, 1)
    worker()
    (email,) = mail.outbox
    assert email.subject == "2 new resident reports waiting for review"
    assert first in email.body and second in email.body


def test_a_notice_lost_with_its_worker_is_queued_again_by_the_next_report(
    client, place, moderator, worker
):
    from feedback.reports.submission import INTAKE_QUEUED

    post_reports(client, place, 1)
    tasks("take_in_new_reports").delete()  # the worker's database was lost
    post_reports(client, place, 1)
    assert not tasks("take_in_new_reports").exists()  # the first still waits

    cache.delete(INTAKE_QUEUED)  # what INTAKE_QUEUED_SECONDS does
    post_reports(client, place, 1)
    worker()
    (email,) = mail.outbox
    assert email.subject == "3 new resident reports waiting for review"


@pytest.mark.django_db
def test_tasks_run_at_once_a_failing_mail_server_still_never_fails_a_report(
    client, place, moderator, settings, django_capture_on_commit_callbacks, caplog
):
    """PORTAL_TASKS_BACKEND=immediate (development, a single small server): the email is
    sent in the request, and its failure is logged, not shown to the resident."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.ERROR):
        response = client.post(FORM_URL, report_data(client, place))
    assert response.status_code == 200
    assert receipt_code(response)
    assert Report.objects.count() == 1
    assert "take_in_new_reports state=FAILED" in caplog.text
    assert not tasks("take_in_new_reports").exists()


def test_a_comment_is_answered_at_once_and_the_worker_emails_the_moderators(
    client, explainer, moderator, worker
):
    from tests.comment_helpers import comment_data

    body = "My neighbour Dana saw the stop on Saratoga St."
    response = client.post(explainer.url, comment_data(client, explainer, body=body))
    assert response.status_code == 302
    assert mail.outbox == []
    (queued,) = tasks("email_moderators_about_comment")
    assert queued.args_kwargs == {"args": [Comment.objects.get().pk], "kwargs": {}}
    assert "Saratoga" not in queue_table_text()

    worker()
    (email,) = mail.outbox
    assert "What is LEAD?" in email.subject and "Saratoga" not in email.body


def test_a_bulk_decision_queues_one_refresh_and_the_worker_publishes_it(
    feedback_page, moderator, worker
):
    with transaction.atomic():
        for number in range(12):
            moderation.approve(ReportFactory(), moderator, f"Public text {number}.")
    assert tasks("refresh_after_moderation").count() == 1
    assert not Dataset.objects.filter(slug=resident_dataset.SLUG).exists()

    worker()
    release = Dataset.objects.get(slug=resident_dataset.SLUG).current_release()
    assert release.change_note == "Refreshed after moderation: 12 published reports"
    assert tasks("refresh_after_moderation").get().return_value == release.version


def test_a_refresh_that_fails_in_the_worker_is_logged_and_the_decision_stands(
    feedback_page, moderator, worker, monkeypatch, caplog
):
    def broken(user=None):
        raise RuntimeError("storage is down")

    monkeypatch.setattr(resident_dataset, "refresh", broken)
    report = moderation.approve(ReportFactory(), moderator, "A public text.")
    with caplog.at_level(logging.ERROR):
        worker()
    assert tasks("refresh_after_moderation").get().status == TaskResultStatus.FAILED
    assert "Could not refresh the what-residents-told-us dataset" in caplog.text
    report.refresh_from_db()
    assert report.status == "published"


def test_the_purge_can_be_queued_for_the_worker(feedback_page, worker):
    old, recent = reports_with_old_and_recent_contact_details()
    out = StringIO()
    call_command("purge_expired", "--enqueue", stdout=out)
    assert "Queued the purge for the background worker" in out.getvalue()
    assert ContactDetails.objects.count() == 2

    worker()
    assert list(ContactDetails.objects.values_list("report", flat=True)) == [recent.pk]
    purge = tasks("purge_expired").get()
    assert purge.status == TaskResultStatus.SUCCESSFUL
    assert purge.return_value["contact_details"] == 1


def production_tasks_backend(**env):
    """The task backend the production settings choose with ``env``, read in a fresh
    process; the completed process."""
    return run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.TASKS['default']['BACKEND'])",
        **env,
    )


@pytest.mark.django_db
def test_production_queues_tasks_in_the_database_unless_told_to_run_them_at_once():
    assert production_tasks_backend().stdout.strip() == "django_tasks_db.DatabaseBackend"
    assert (
        production_tasks_backend(PORTAL_TASKS_BACKEND="immediate").stdout.strip()
        == "django_tasks.backends.immediate.ImmediateBackend"
    )
    refused = production_tasks_backend(PORTAL_TASKS_BACKEND="redis")
    assert refused.returncode != 0
    assert "PORTAL_TASKS_BACKEND must be one of immediate, database" in refused.stderr
