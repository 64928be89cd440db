"""Two-factor sign-in for staff: TOTP authenticator apps through django-otp.

Who must use it, setting up a device and checking a code live here; the admin views
and the middleware only call these functions.
"""

from django.conf import settings
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from feedback.permissions import FEEDBACK_MODERATORS, PAGE_MODERATORS

SET_UP_ACTION = "staff.two_factor_set_up"
VERIFIED_ACTION = "staff.two_factor_verified"
RESET_ACTION = "staff.two_factor_reset"
DEVICE_NAME = "Authenticator app"


def two_factor_required(user):
    """Feedback moderators (who see residents' contact details), page moderators (who
    publish) and superusers must use a second factor, unless
    ``PORTAL_REQUIRE_2FA_FOR_MODERATORS`` is off (development only)."""
    if not settings.PORTAL_REQUIRE_2FA_FOR_MODERATORS:
        return False
    moderators = user.groups.filter(name__in=[FEEDBACK_MODERATORS, PAGE_MODERATORS])
    return user.is_superuser or moderators.exists()


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
