"""The staff groups of the feedback app: Feedback moderators moderate resident reports and
comments, manage neighbourhoods and word rules, may see contact details and choose published
reports as examples of the program's actions; Case managers and outreach workers enter
reports residents give them by phone, on paper or in person (feedback/reports/staff_entry.py)
and can neither moderate nor publish; Editors edit pages, write the program's actions ("You
said, we did") and never see contact details.

Moderating feedback is a group of its own, apart from Wagtail's "Moderators" group, which
edits, publishes and approves pages: who may publish pages is the program's choice, and
moderating feedback gives no right over pages. ``ensure_groups`` creates the Feedback
moderators group (and Editors, if it was deleted) and gives it its permissions; it never
touches Wagtail's "Moderators". It only adds, so choices made later in the admin are kept.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from portal.staff.groups import give_permissions

FEEDBACK_MODERATORS = "Feedback moderators"
CASE_MANAGERS = "Case managers and outreach workers"
EDITORS = "Editors"
# Wagtail's own group, which edits, publishes and approves pages; feedback gives it nothing.
PAGE_MODERATORS = "Moderators"

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
    # "You said, we did": moderators choose published reports as examples of an action.
    ("feedback", "view_programaction"),
    ("feedback", "link_action_reports"),
    ("feedback", "enter_report"),
    ("feedback", "change_outreachsettings"),
]
CASE_MANAGER_PERMISSIONS = [("wagtailadmin", "access_admin"), ("feedback", "enter_report")]
EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    # "You said, we did": editors write the program's actions and their status changes.
    ("feedback", "view_programaction"),
    ("feedback", "add_programaction"),
    ("feedback", "change_programaction"),
    ("feedback", "delete_programaction"),
]


def ensure_groups():
    """Return the names of the groups that gained a permission."""
    return give_permissions(
        [
            (FEEDBACK_MODERATORS, MODERATOR_PERMISSIONS),
            (CASE_MANAGERS, CASE_MANAGER_PERMISSIONS),
            (EDITORS, EDITOR_PERMISSIONS),
        ]
    )


class WrittenByResidentsPolicy(ModelPermissionPolicy):
    """Reports and comments come from residents (or from a staff reply on the review
    screen); nobody adds one in the admin, superusers included."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - {"add"})
