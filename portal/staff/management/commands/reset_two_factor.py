"""Remove a staff member's authenticator app, for a lost or replaced phone."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.staff.two_factor import reset_devices


class Command(BaseCommand):
    help = (
        "Remove every authenticator app of one staff account (a lost or replaced phone). "
        "Their next sign-in asks them to set up a new one; the removal is in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No staff account is called {username!r}.")
        removed = reset_devices(user)
        if not removed:
            self.stdout.write(f"{username} has no authenticator app; nothing to remove.")
            return
        self.stdout.write(
            f"Removed {removed} authenticator app(s) of {username}. Their next sign-in asks "
            "them to set up a new one."
        )
