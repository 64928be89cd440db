"""Two-factor sign-in for staff: TOTP authenticator apps through django-otp.

Who must use it, setting up a device and checking a code live here; the admin views
and the middleware only call these functions.

Who must use it follows from what an account may do, never from a group's name: a
superuser, anyone who may publish pages, and anyone holding a sensitive permission. The
core names the sensitive permissions of the frameworks (managing accounts and groups);
each app names its own in its ``AppConfig.sensitive_permissions``, so the core imports no
app.
"""

from django.apps import apps
from django.conf import settings
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log
from wagtail.models import GroupPagePermission

SET_UP_URL_NAME = "staff_two_factor_set_up"
VERIFY_URL_NAME = "staff_two_factor_verify"
SET_UP_ACTION = "staff.two_factor_set_up"
VERIFIED_ACTION = "staff.two_factor_verified"
RESET_ACTION = "staff.two_factor_reset"
DEVICE_NAME = "Authenticator app"


# Whoever may manage staff accounts or groups may give any account any permission.
ACCOUNT_PERMISSIONS = frozenset(
    {
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.add_group",
        "auth.change_group",
        "auth.delete_group",
    }
)
# Wagtail grants publishing per page, to groups (GroupPagePermission), not as a permission
# of the user.
PUBLISH_PAGE = "publish_page"


def sensitive_permissions():
    """Every permission (``"app_label.codename"``) that calls for a second factor: managing
    accounts and groups, and what each installed app declares."""
    declared = set(ACCOUNT_PERMISSIONS)
    for config in apps.get_app_configs():
        declared.update(getattr(config, "sensitive_permissions", ()))
    return frozenset(declared)


def needs_second_factor(user):
    """Whether ``user`` must sign in with a second factor: a superuser, a page publisher,
    or the holder of a sensitive permission (through any group, or their own). Nobody
    does when ``PORTAL_REQUIRE_2FA_FOR_MODERATORS`` is off (development only)."""
    if not settings.PORTAL_REQUIRE_2FA_FOR_MODERATORS:
        return False
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.get_all_permissions() & sensitive_permissions():
        return True
    return GroupPagePermission.objects.filter(
        group__user=user, permission__codename=PUBLISH_PAGE
    ).exists()


def second_factor_step(user):
    """The URL name of the page a signed-in ``user`` must pass before counting as signed in:
    the code page when they have an authenticator app, its set-up page when they must use
    one and have none yet; None once the session is verified, or when neither applies."""
    if not user.is_authenticated or user.is_verified():
        return None
    if confirmed_device(user):
        return VERIFY_URL_NAME
    if needs_second_factor(user):
        return SET_UP_URL_NAME
    return None


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user):
    """The not yet confirmed device whose secret the set-up page shows, made on first use."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    return device


def confirm_device(request, device, token):
    """Confirm ``device`` if ``token`` is its current code; sign the session in as verified
    and record it in the audit log. Returns whether the code was right."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    otp_login(request, device)
    # device.user, not request.user: the audit log needs the model, not a lazy wrapper.
    log(instance=device.user, action=SET_UP_ACTION, user=device.user)
    return True


def verify_code(request, token):
    """Check ``token`` against the user's confirmed device; on success mark the session
    verified and record it in the audit log."""
    device = confirmed_device(request.user)
    if device is None or not device.verify_token(token):
        return False
    otp_login(request, device)
    log(instance=device.user, action=VERIFIED_ACTION, user=device.user)
    return True


def reset_devices(user):
    """Remove every device of ``user`` (a lost phone), record it in the audit log with no
    acting user (it is done from the command line), and return how many were removed."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    if removed:
        log(instance=user, action=RESET_ACTION, user=None)
    return removed
