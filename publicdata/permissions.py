"""The Data analysts group: maintains datasets and their dictionaries, uploads releases and
publishes them.

Publishing needs its own permission, ``publicdata.publish_release``, so a site can let
some analysts prepare releases and others sign them off. Editors and Moderators get none
of these. ``ensure_groups`` runs after every ``migrate`` (see ``publicdata.apps``); it only
adds, so choices made later in the admin are kept.
"""

from django.contrib.auth.models import Group, Permission

DATA_ANALYSTS = "Data analysts"

ANALYST_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("publicdata", "add_dataset"),
    ("publicdata", "change_dataset"),
    ("publicdata", "view_dataset"),
    ("publicdata", "add_fieldspec"),
    ("publicdata", "change_fieldspec"),
    ("publicdata", "view_fieldspec"),
    ("publicdata", "add_release"),
    ("publicdata", "change_release"),
    ("publicdata", "view_release"),
    ("publicdata", "publish_release"),
]


def _permissions(pairs):
    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in pairs
    ]


def ensure_groups():
    """Return the names of the groups that gained a permission."""
    group, _ = Group.objects.get_or_create(name=DATA_ANALYSTS)
    missing = set(_permissions(ANALYST_PERMISSIONS)) - set(group.permissions.all())
    if missing:
        group.permissions.add(*missing)
        return [DATA_ANALYSTS]
    return []
