"""``manage.py purge_expired``: run daily (cron or a scheduled task)."""

from django.core.management.base import BaseCommand

from feedback.retention import purge_expired_contact_details, purge_rejected_texts
from home.staff.lockouts import purge_expired_login_failures


class Command(BaseCommand):
    help = (
        "Delete residents' contact details older than FEEDBACK_CONTACT_RETENTION_DAYS and "
        "the texts of reports and comments rejected more than "
        "FEEDBACK_REJECTED_TEXT_RETENTION_DAYS ago, and records of failed staff sign-ins "
        "(with their address) once their cool-off has passed."
    )

    def handle(self, *args, **options):
        contacts = purge_expired_contact_details()
        reports, comments = purge_rejected_texts()
        sign_ins = purge_expired_login_failures()
        self.stdout.write(
            f"Deleted {contacts} expired sets of contact details, and the texts of "
            f"{reports} rejected reports and {comments} rejected comments."
        )
        if sign_ins:
            self.stdout.write(f"Deleted {sign_ins} expired records of failed staff sign-ins.")
