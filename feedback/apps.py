from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Resident feedback")
    # Who holds these signs in with a second factor (home.staff.two_factor): they read
    # residents' contact details, or decide what residents' words become public.
    sensitive_permissions = (
        "feedback.view_contact_details",
        "feedback.moderate_report",
        "feedback.moderate_comment",
    )

    def ready(self):
        from feedback import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(_ensure_groups, sender=self, dispatch_uid="feedback_groups")


def _ensure_groups(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Give the Moderators group its feedback permissions after a migrate (or a flush);
    the permissions are created first, since this app's signal comes before Django's."""
    from django.contrib.auth.management import create_permissions

    from feedback.permissions import ensure_groups

    for label in ("wagtailadmin", "feedback"):
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    ensure_groups()
