"""``manage.py purge_contact_details``: the contact-details half of ``purge_expired``."""

from django.core.management.base import BaseCommand

from feedback.retention import purge_expired_contact_details


class Command(BaseCommand):
    help = "Delete residents' contact details older than FEEDBACK_CONTACT_RETENTION_DAYS."

    def handle(self, *args, **options):
        deleted = purge_expired_contact_details()
        self.stdout.write(f"Deleted {deleted} expired sets of contact details.")
