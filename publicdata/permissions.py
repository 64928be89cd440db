"""The Data analysts group: maintains datasets and their dictionaries, uploads releases and
publishes them.

Publishing needs its own permission, ``publicdata.publish_release``, so a site can let
some analysts prepare releases and others sign them off. Editors may make charts (they
put them on pages) but not datasets or releases; Moderators get none of these.
``ensure_groups`` runs after every ``migrate`` (see ``publicdata.apps``); it only adds, so
choices made later in the admin are kept.
"""

from portal.staff.groups import give_permissions

DATA_ANALYSTS = "Data analysts"

# Charts go on pages, so page editors make them too.
EDITORS = "Editors"
CHART_PERMISSIONS = [
    ("publicdata", "add_chart"),
    ("publicdata", "change_chart"),
    ("publicdata", "view_chart"),
]
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
    ("publicdata", "add_tagname"),
    ("publicdata", "change_tagname"),
    ("publicdata", "view_tagname"),
    *CHART_PERMISSIONS,
]


def ensure_groups():
    """Return the names of the groups that gained a permission."""
    return give_permissions([(DATA_ANALYSTS, ANALYST_PERMISSIONS), (EDITORS, CHART_PERMISSIONS)])
