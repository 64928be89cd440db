"""Admin wiring for staff accounts: the two-factor pages, their account menu entry and
their audit-log actions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from home.staff import views
from home.staff.two_factor import RESET_ACTION, SET_UP_ACTION, VERIFIED_ACTION


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", views.set_up, name="staff_two_factor_set_up"),
        path("two-factor/verify/", views.verify, name="staff_two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("staff_two_factor_set_up"),
        "label": _("Two-factor authentication"),
        "help_text": _("Set up an authenticator app that asks for a code when you sign in."),
    }


@hooks.register("register_log_actions")
def two_factor_log_actions(actions):
    actions.register_action(
        SET_UP_ACTION, _("Set up two-factor authentication"), _("Two-factor set up")
    )
    actions.register_action(
        VERIFIED_ACTION, _("Signed in with a two-factor code"), _("Two-factor code")
    )
    actions.register_action(
        RESET_ACTION,
        _("Authenticator app removed (manage.py reset_two_factor)"),
        _("Two-factor reset"),
    )
