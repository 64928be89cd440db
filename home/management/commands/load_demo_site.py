"""``manage.py load_demo_site``: build the demo site; running it again changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from feedback.demo import DEMO_MODERATOR, DEMO_MODERATOR_PASSWORD
from home.demo.build import DEMO_ADMIN_PASSWORD, DEMO_ADMIN_USERNAME, build_demo_site
from publicdata.demo import DEMO_ANALYST, DEMO_ANALYST_PASSWORD


class Command(BaseCommand):
    help = (
        "Build the demo site: home page, explainers, help pages, news and site settings, plus "
        f"local '{DEMO_ADMIN_USERNAME}', 'moderator' and 'analyst' accounts for the demo only. "
        "Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-admin",
            action="store_true",
            help="Do not create the demo admin, moderator and analyst accounts.",
        )

    def handle(self, *args, no_admin=False, **options):
        with transaction.atomic():
            changed = build_demo_site(with_admin=not no_admin)
        if changed:
            self.stdout.write(f"Created or updated {len(changed)} items:")
            for item in changed:
                self.stdout.write(f"  {item}")
        else:
            self.stdout.write("The demo site was already up to date; nothing changed.")
        if not no_admin:
            self.stdout.write(
                self.style.SUCCESS(
                    "Demo site ready. Log in at http://127.0.0.1:8000/admin/ as "
                    f"{DEMO_ADMIN_USERNAME} / {DEMO_ADMIN_PASSWORD} "
                    "(demo only; never use this account on a public server)."
                )
            )
            self.stdout.write(
                "Demo moderator (Feedback moderators group): "
                f"{DEMO_MODERATOR} / {DEMO_MODERATOR_PASSWORD}"
            )
            self.stdout.write(
                f"Demo analyst (Data analysts group): {DEMO_ANALYST} / {DEMO_ANALYST_PASSWORD}"
            )
