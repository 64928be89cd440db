"""``manage.py rotate_contact_key``: re-encrypt every resident's contact details with the
newest key in FEEDBACK_CONTACT_KEYS, and the addresses kept for update emails, so the older
keys can be removed. Reports counts only."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from feedback.contact_encryption import ContactKeyError
from feedback.models import ContactDetails, UpdateRequest


class Command(BaseCommand):
    help = "Re-encrypt residents' contact details with the first key in FEEDBACK_CONTACT_KEYS."

    def handle(self, *args, **options):
        rotated = addresses = 0
        try:
            with transaction.atomic():
                for contact in ContactDetails.objects.select_for_update().iterator():
                    contact.rotate_key()
                    contact.save(update_fields=ContactDetails.ENCRYPTED_FIELDS)
                    rotated += 1
                for update_request in UpdateRequest.objects.select_for_update().iterator():
                    update_request.rotate_key()
                    update_request.save(update_fields=["email_encrypted"])
                    addresses += 1
        except ContactKeyError as error:
            raise CommandError(f"{error} Nothing was changed.") from error
        self.stdout.write(
            f"Re-encrypted {rotated} sets of contact details and {addresses} update email "
            "addresses with the newest key."
        )
