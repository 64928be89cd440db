"""``manage.py refresh_feedback_statistics``: publish the day's figures of "What happened to
residents' feedback" when they changed. Schedule it once a day (docs/deploy.md); with
``--enqueue`` the task worker does it."""

from django.core.management.base import BaseCommand

from feedback.background import enqueue
from feedback.statistics.dataset import SLUG, refresh, refresh_feedback_statistics


class Command(BaseCommand):
    help = f"Publish a new release of {SLUG} if today's figures differ from the current one."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="hand the refresh to the task worker"
        )

    def handle(self, *args, **options):
        if options.get("enqueue"):
            enqueue(refresh_feedback_statistics)
            self.stdout.write(f"Queued the refresh of {SLUG}.")
            return
        release = refresh()
        if release is None:
            self.stdout.write("Nothing to publish: nothing received yet, or no change.")
        else:
            self.stdout.write(f"Published version {release.version} of {SLUG}.")
