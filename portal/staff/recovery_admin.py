"""Admin screens of ``portal/staff/recovery.py``: the recovery codes page (shown once after
set-up, and where new codes are made), and the superusers' screen that removes a staff
member's devices; with their addresses, menu entry and audit-log actions."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem

from portal.staff import recovery
from portal.staff.two_factor import SET_UP_URL_NAME, confirmed_device, reset_devices

CODES_URL_NAME = "staff_recovery_codes"
DEVICES_URL_NAME = "staff_two_factor_devices"
REMOVE_URL_NAME = "staff_two_factor_devices_remove"


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return reverse("wagtailadmin_home")


def codes_page_url(next_url):
    return f"{reverse(CODES_URL_NAME)}?{urlencode({'next': next_url})}"


@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """Shows the codes just made, once; a POST makes a new set (replacing the old) and
    comes back here to show it."""
    if not confirmed_device(request.user):
        # Recovery codes stand in for an authenticator app: set one up first.
        return redirect(SET_UP_URL_NAME)
    if request.method == "POST":
        recovery.make_recovery_codes(request)
        return redirect(codes_page_url(_next_url(request)))
    context = {
        "codes": recovery.codes_to_show(request),
        "codes_left": recovery.codes_left(request.user),
        "next": _next_url(request),
    }
    # Like every admin page, never stored (Wagtail's admin views say no-store).
    return TemplateResponse(request, "staff/recovery_codes.html", context)


def _superusers_only(view):
    def checked(request, *args, **kwargs):
        if not request.user.is_superuser:
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return checked


@_superusers_only
def devices(request):
    return TemplateResponse(
        request, "staff/two_factor_devices.html", {"accounts": recovery.accounts_with_devices()}
    )


@_superusers_only
@require_http_methods(["GET", "POST"])
def remove_devices(request, user_id):
    account = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        removed = reset_devices(account, by=request.user)
        if removed:
            messages.success(
                request,
                _(
                    "Removed the authenticator app and recovery codes of %(name)s. Their next "
                    "sign-in asks them to set up a new phone."
                )
                % {"name": account.get_username()},
            )
        else:
            messages.warning(
                request,
                _("%(name)s has no authenticator app or recovery codes.")
                % {"name": account.get_username()},
            )
        return redirect(DEVICES_URL_NAME)
    return TemplateResponse(request, "staff/two_factor_device_remove.html", {"account": account})


@hooks.register("register_admin_urls")
def recovery_urls():
    return [
        path("two-factor/recovery-codes/", recovery_codes, name=CODES_URL_NAME),
        path("two-factor/devices/", devices, name=DEVICES_URL_NAME),
        path("two-factor/devices/<int:user_id>/remove/", remove_devices, name=REMOVE_URL_NAME),
    ]


class SuperusersMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def devices_menu_item():
    return SuperusersMenuItem(
        _("Two-factor devices"),
        reverse(DEVICES_URL_NAME),
        icon_name="key",
        name="two-factor-devices",
        order=610,
    )


@hooks.register("register_log_actions")
def recovery_log_actions(actions):
    actions.register_action(
        recovery.CODES_MADE_ACTION, _("Made new recovery codes"), _("Recovery codes made")
    )
    actions.register_action(
        recovery.CODE_USED_ACTION, _("Signed in with a recovery code"), _("Recovery code used")
    )
