"""Staff groups and their permissions. Each app names its own groups, and what they may
do, in its ``apps.py`` (``ensure_after_migrate``); the core creates them and gives them
those permissions after every ``migrate`` (or flush). It only adds, so choices made later
in the admin are kept."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate


def give_permissions(groups):
    """Create each group of ``groups`` (``[(name, [(app label, codename)])]``) if it is
    missing and give it the permissions it lacks; return the names of the groups that
    gained a permission."""
    changed = []
    for name, pairs in groups:
        group, _ = Group.objects.get_or_create(name=name)
        missing = set(_permissions(pairs)) - set(group.permissions.all())
        if missing:
            group.permissions.add(*missing)
            changed.append(name)
    return changed


def _permissions(pairs):
    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in pairs
    ]


def ensure_after_migrate(app_config, ensure):
    """Call ``ensure()`` (which gives the app's groups their permissions) after each
    ``migrate`` of ``app_config``'s app.

    The app's signal comes before Django creates the permissions of the app and of the
    Wagtail admin (INSTALLED_APPS order), so both are created here first; creating them is
    idempotent.
    """

    def after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
        for label in ("wagtailadmin", app_config.label):
            create_permissions(
                global_apps.get_app_config(label), verbosity=0, using=using, apps=apps
            )
        ensure()

    post_migrate.connect(
        after_migrate, sender=app_config, weak=False, dispatch_uid=f"{app_config.label}_groups"
    )
