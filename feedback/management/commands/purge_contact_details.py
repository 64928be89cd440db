"""``manage.py purge_contact_details``: the contact-details half of ``purge_expired``."""

from django.core.management.base import BaseCommand

from feedback.management.commands.purge_expired import add_enqueue_option, queued
from feedback.retention import purge_contact_details


class Command(BaseCommand):
    help = "Delete residents' contact details older than FEEDBACK_CONTACT_RETENTION_DAYS."

    def add_arguments(self, parser):
        add_enqueue_option(parser)

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            self.stdout.write(queued(purge_contact_details.enqueue()))
            return
        deleted = purge_contact_details.call()["contact_details"]
        self.stdout.write(f"Deleted {deleted} expired sets of contact details.")
