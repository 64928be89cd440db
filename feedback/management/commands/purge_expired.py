"""``manage.py purge_expired``: run daily (cron or a scheduled task)."""

from django.core.management.base import BaseCommand
from django_tasks import TaskResultStatus

from feedback.retention import purge_expired


def add_enqueue_option(parser):
    parser.add_argument(
        "--enqueue",
        action="store_true",
        help="Queue the purge for the background worker (manage.py db_worker) instead of "
        "running it here.",
    )


def queued(result):
    """What to say about a purge queued as ``result``."""
    if result.status == TaskResultStatus.READY:
        return f"Queued the purge for the background worker (task {result.id})."
    # The immediate backend (development, or PORTAL_TASKS_BACKEND=immediate) ran it already.
    return f"The purge ran at once (task {result.id}): {result.status.label.lower()}."


class Command(BaseCommand):
    help = (
        "Delete residents' contact details older than FEEDBACK_CONTACT_RETENTION_DAYS and "
        "the texts of reports and comments rejected more than "
        "FEEDBACK_REJECTED_TEXT_RETENTION_DAYS ago, and records of failed staff sign-ins "
        "(with their address) once their cool-off has passed."
    )

    def add_arguments(self, parser):
        add_enqueue_option(parser)

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            self.stdout.write(queued(purge_expired.enqueue()))
            return
        deleted = purge_expired.call()
        self.stdout.write(
            f"Deleted {deleted['contact_details']} expired sets of contact details, and the "
            f"texts of {deleted['rejected_reports']} rejected reports and "
            f"{deleted['rejected_comments']} rejected comments."
        )
        if deleted["staff_sign_in_failures"]:
            self.stdout.write(
                f"Deleted {deleted['staff_sign_in_failures']} expired records of failed staff "
                "sign-ins."
            )
