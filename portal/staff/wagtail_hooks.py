"""Admin wiring for staff accounts: the two-factor pages, their account menu entry and
their audit-log actions; the second factor before pages and documents restricted to
signed-in visitors."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.staff import views
from portal.staff.restrictions import second_factor_first
from portal.staff.two_factor import (
    RESET_ACTION,
    SET_UP_ACTION,
    SET_UP_URL_NAME,
    VERIFIED_ACTION,
    VERIFY_URL_NAME,
)


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("two-factor/", views.set_up, name=SET_UP_URL_NAME),
        path("two-factor/verify/", views.verify, name=VERIFY_URL_NAME),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse(SET_UP_URL_NAME),
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


@hooks.register("on_serve_page")
def second_factor_before_restricted_pages(serve):
    def serve_once_verified(page, request, args, kwargs):
        refused = second_factor_first(request, page.get_view_restrictions())
        return refused or serve(page, request, args, kwargs)

    return serve_once_verified


@hooks.register("before_serve_document")
def second_factor_before_restricted_documents(document, request):
    return second_factor_first(request, document.collection.get_view_restrictions())
