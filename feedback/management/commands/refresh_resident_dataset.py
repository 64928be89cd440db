"""``manage.py refresh_resident_dataset``: publish "What residents told us" now, e.g. after
the first deployment; nothing changes when the numbers are the same."""

from django.core.management.base import BaseCommand

from feedback.resident_dataset import SLUG, refresh


class Command(BaseCommand):
    help = f"Publish a new release of {SLUG} if the published reports changed its numbers."

    def handle(self, *args, **options):
        release = refresh()
        if release is None:
            self.stdout.write("Nothing to publish: no published reports, or no change.")
        else:
            self.stdout.write(f"Published version {release.version} of {SLUG}.")
