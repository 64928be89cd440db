from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PublicdataConfig(AppConfig):
    name = "publicdata"
    verbose_name = _("Open data")
    # Who holds this signs in with a second factor (home.staff.two_factor): a published
    # release is public at once, and it is what the small-cell rule guards.
    sensitive_permissions = ("publicdata.publish_release",)

    def ready(self):
        post_migrate.connect(_ensure_groups, sender=self, dispatch_uid="publicdata_groups")
        from publicdata import chart_images

        # A chart saved is drawn again, in the background (publicdata/chart_images.py).
        post_save.connect(
            chart_images.chart_saved, sender="publicdata.Chart", dispatch_uid="chart_images"
        )


def _ensure_groups(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Give the Data analysts group its permissions after a migrate (or a flush).

    This app's signal comes before Django creates the permissions of this app and of the
    Wagtail admin (INSTALLED_APPS order), so both are created here first; creating them
    is idempotent.
    """
    from django.contrib.auth.management import create_permissions

    from publicdata.permissions import ensure_groups

    for label in ("wagtailadmin", "publicdata"):
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    ensure_groups()
