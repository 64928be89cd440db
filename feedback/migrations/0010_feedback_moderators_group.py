"""Feedback moderation gets a group of its own, "Feedback moderators", apart from Wagtail's
"Moderators", which edits, publishes and approves pages.

Until now the feedback permissions were added to Wagtail's "Moderators", so whoever
moderated feedback could also publish pages. Here:

- the "Feedback moderators" group is created with the feedback moderation permissions
  and admin access (on a new database the feedback permissions do not exist yet; the
  post_migrate step, ``feedback.permissions.ensure_groups``, adds them);
- when "Moderators" holds feedback permissions, every member joins "Feedback moderators",
  so nobody loses moderation;
- members of "Moderators" who have never acted on a page (no page log entry of theirs:
  never created, edited, published, approved or locked one) leave it: they were there for
  feedback and lose only page rights they never used. Members who have acted on pages
  stay, so the program's page work and approvals go on; the program decides whether each
  still should (docs/feedback.md, "Permissions");
- "Moderators" loses every feedback permission.

Going back changes nothing: the new group stays and the older code gives "Moderators" the
feedback permissions again after migrating, as it always did; nobody gains page rights.
"""

from django.conf import settings
from django.db import migrations

FEEDBACK_MODERATORS = "Feedback moderators"
PAGE_MODERATORS = "Moderators"
# As feedback.permissions.MODERATOR_PERMISSIONS stood when this migration was written.
MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("feedback", "view_report"),
    ("feedback", "change_report"),
    ("feedback", "moderate_report"),
    ("feedback", "view_contact_details"),
    ("feedback", "view_neighbourhood"),
    ("feedback", "add_neighbourhood"),
    ("feedback", "change_neighbourhood"),
    ("feedback", "view_comment"),
    ("feedback", "change_comment"),
    ("feedback", "moderate_comment"),
    ("feedback", "view_wordrule"),
    ("feedback", "add_wordrule"),
    ("feedback", "change_wordrule"),
    ("feedback", "delete_wordrule"),
]


def give_feedback_moderation_its_own_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")

    feedback_moderators, _ = Group.objects.get_or_create(name=FEEDBACK_MODERATORS)
    for app_label, codename in MODERATOR_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            feedback_moderators.permissions.add(permission)

    page_moderators = Group.objects.filter(name=PAGE_MODERATORS).first()
    if page_moderators is None:
        return
    feedback_permissions = page_moderators.permissions.filter(
        content_type__app_label="feedback"
    )
    if not feedback_permissions.exists():
        return
    for user in User.objects.filter(groups=page_moderators):
        user.groups.add(feedback_moderators)
        if not PageLogEntry.objects.filter(user_id=user.pk).exists():
            user.groups.remove(page_moderators)
    page_moderators.permissions.remove(*list(feedback_permissions))


class Migration(migrations.Migration):

    dependencies = [
        ("feedback", "0009_public_ids_unique"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        # These give every group with admin access the image and document choosers: run
        # after them, so that the group holds the same on a new database as on an old one.
        ("wagtaildocs", "0011_add_choose_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(give_feedback_moderation_its_own_group, migrations.RunPython.noop),
    ]
