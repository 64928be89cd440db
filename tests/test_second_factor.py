"""Who must sign in with a second factor: decided by what an account may do (see contact
details, moderate, publish, manage accounts, or be a superuser), whatever its groups are
called. ``needs_second_factor`` is the rule; the sign-in journeys show staff meeting it."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from wagtail.models import GroupPagePermission

from feedback.permissions import EDITORS, FEEDBACK_MODERATORS, PAGE_MODERATORS
from portal.staff.two_factor import needs_second_factor, sensitive_permissions
from publicdata.permissions import DATA_ANALYSTS
from publicdata.permissions import ensure_groups as ensure_open_data_groups

PASSWORD = "tram-lantern-harbour-47"  # noqa: S105 (a test account's password)

SENSITIVE = [
    "feedback.view_contact_details",
    "feedback.moderate_report",
    "feedback.moderate_comment",
    "publicdata.publish_release",
    "auth.add_user",
    "auth.change_user",
    "auth.delete_user",
    "auth.add_group",
    "auth.change_group",
    "auth.delete_group",
]
HARMLESS = [
    "wagtailadmin.access_admin",
    "feedback.view_report",
    "feedback.add_wordrule",
    "publicdata.change_chart",
    "publicdata.add_release",
    "auth.view_user",
    "wagtailimages.add_image",
]


@pytest.fixture(autouse=True)
def _second_factor_on(settings):
    settings.PORTAL_REQUIRE_2FA_FOR_MODERATORS = True


def permission(name):
    app_label, codename = name.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def user_in_group(django_user_model, *names, group="Custom group"):
    user = django_user_model.objects.create_user("staff", "staff@example.org", PASSWORD)
    custom, _ = Group.objects.get_or_create(name=group)
    custom.permissions.add(*(permission(name) for name in names))
    user.groups.add(custom)
    return user


def fresh(user):
    """The user as a new request loads it (permissions are cached on the object)."""
    return type(user).objects.get(pk=user.pk)


# The rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SENSITIVE)
def test_each_sensitive_permission_held_through_any_group_needs_a_second_factor(
    django_user_model, name
):
    assert needs_second_factor(user_in_group(django_user_model, "wagtailadmin.access_admin", name))


def test_a_sensitive_permission_given_to_the_user_directly_needs_a_second_factor(
    django_user_model,
):
    user = django_user_model.objects.create_user("staff", "staff@example.org", PASSWORD)
    user.user_permissions.add(permission("feedback.view_contact_details"))
    assert needs_second_factor(fresh(user))


def test_harmless_permissions_need_no_second_factor(django_user_model):
    assert not needs_second_factor(user_in_group(django_user_model, *HARMLESS))


def test_publishing_any_page_needs_a_second_factor_editing_does_not(django_user_model, home):
    user = user_in_group(django_user_model, "wagtailadmin.access_admin")
    group = user.groups.get()
    for kind in ("add", "change", "lock"):
        GroupPagePermission.objects.create(group=group, page=home, permission_type=kind)
    assert not needs_second_factor(fresh(user))
    GroupPagePermission.objects.create(group=group, page=home, permission_type="publish")
    assert needs_second_factor(fresh(user))


def test_superusers_always_need_a_second_factor(django_user_model):
    assert needs_second_factor(django_user_model.objects.create_superuser("root", "", PASSWORD))


def test_the_groups_the_site_ships_with(django_user_model, db):
    ensure_open_data_groups()
    expected = {
        FEEDBACK_MODERATORS: True,  # contact details, moderation
        PAGE_MODERATORS: True,  # page publishing
        DATA_ANALYSTS: True,  # publishing releases
        EDITORS: False,  # edit pages and charts, never publish
    }
    for name, needs in expected.items():
        user = django_user_model.objects.create_user(name, "", PASSWORD)
        user.groups.add(Group.objects.get(name=name))
        assert needs_second_factor(user) is needs, name


def test_nobody_and_no_visitor_needs_one_when_it_is_switched_off(django_user_model, settings):
    root = django_user_model.objects.create_superuser("root", "", PASSWORD)
    assert not needs_second_factor(AnonymousUser())
    settings.PORTAL_REQUIRE_2FA_FOR_MODERATORS = False
    assert not needs_second_factor(root)


def test_every_declared_sensitive_permission_exists(db):
    """A misspelt name would silently let its holders in without a second factor."""
    declared = sensitive_permissions()
    assert set(SENSITIVE) <= declared
    for name in declared:
        assert permission(name)


# Signing in -------------------------------------------------------------------------------


def sign_in(client, username="staff"):
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client.get("/admin/")


def asked_to_set_up(response):
    return response.status_code == 302 and response.url.startswith("/admin/two-factor/?next=")


def test_a_custom_group_that_only_sees_contact_details_is_asked_for_the_second_factor(
    client, django_user_model
):
    user_in_group(
        django_user_model,
        "wagtailadmin.access_admin",
        "feedback.view_contact_details",
        group="Contact desk",
    )
    assert asked_to_set_up(sign_in(client))


def test_a_user_with_only_harmless_permissions_is_not_asked(client, django_user_model):
    user_in_group(django_user_model, *HARMLESS, group="Chart makers")
    assert sign_in(client).status_code == 200


def test_a_page_publisher_in_a_group_of_any_name_is_asked(client, django_user_model, home):
    user = user_in_group(django_user_model, "wagtailadmin.access_admin", group="Newsroom")
    GroupPagePermission.objects.create(
        group=user.groups.get(), page=home, permission_type="publish"
    )
    assert asked_to_set_up(sign_in(client))
