"""Staff accounts that survive a lost phone: recovery codes, the set-up page's QR code,
and removing a staff member's devices.

- Recovery codes are django-otp's static tokens (``django_otp.plugins.otp_static``): ten
  random codes made when an authenticator app is set up, shown once, each accepted once
  in place of the app's code. Making new ones replaces the old.
- The QR code holds the same ``otpauth://`` address as the set-up page's link and key,
  drawn by django-otp (``django_otp.qr``) with the ``qrcode`` package.
- A superuser removes a staff member's authenticator app and recovery codes from the admin
  (``portal/staff/recovery_admin.py``) or an administrator from the command line
  (``manage.py reset_two_factor``), through ``two_factor.reset_devices``; either is in the
  audit log.
"""

import base64
import io

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image
from wagtail.log_actions import log

RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
CODES_MADE_ACTION = "staff.recovery_codes_made"
CODE_USED_ACTION = "staff.recovery_code_used"
# The codes to show once, kept in the session between the POST that makes them and the page
# that shows them (and no longer: that page takes them out).
SESSION_KEY = "staff_new_recovery_codes"


def qr_code_data_url(config_url):
    """The ``otpauth://`` address as a QR code, an SVG image in a ``data:`` URL for an
    ``<img>``: the admin serves no file for it, and the key never leaves the page."""
    image = io.BytesIO()
    write_qrcode_image(config_url, image)
    return "data:image/svg+xml;base64," + base64.b64encode(image.getvalue()).decode()


def make_recovery_codes(request):
    """Replace the signed-in user's recovery codes by ten new ones, keep them in the session
    for the page that shows them once, and record it in the audit log."""
    # The model itself, not the request's lazy wrapper: the audit log needs the model.
    user = get_user_model().objects.get(pk=request.user.pk)
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    request.session[SESSION_KEY] = codes
    log(instance=user, action=CODES_MADE_ACTION, user=user)
    return codes


def codes_to_show(request):
    """The codes just made, once: taken out of the session as they are read."""
    return request.session.pop(SESSION_KEY, None)


def codes_left(user):
    return StaticToken.objects.filter(device__user=user).count()


def normalised(code):
    """A code as stored, from what someone typed: case, spaces and hyphens do not matter."""
    return code.replace(" ", "").replace("-", "").lower()


def use_recovery_code(request, code):
    """Accept ``code`` if it is one of the signed-in user's recovery codes, and only once:
    the code is deleted in the same statement that finds it, so two sign-ins racing with
    one code cannot both pass. Marks the session verified and records it in the audit log.
    Wrong codes count towards django-otp's throttle like wrong app codes."""
    device = StaticDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return False
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return False
    used, _ = StaticToken.objects.filter(device=device, token=normalised(code)).delete()
    if not used:
        device.throttle_increment()
        return False
    device.throttle_reset(commit=False)
    device.set_last_used_timestamp(commit=False)
    device.save()
    otp_login(request, device)
    log(instance=device.user, action=CODE_USED_ACTION, user=device.user)
    return True


def accounts_with_devices():
    """Staff accounts with an authenticator app or recovery codes, for the admin screen that
    removes them: each with ``has_app`` and
    ``recovery_codes_left``."""
    apps = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    recovery = StaticDevice.objects.filter(user=OuterRef("pk"))
    users = list(
        get_user_model()
        .objects.annotate(has_app=Exists(apps), has_recovery=Exists(recovery))
        .filter(Q(has_app=True) | Q(has_recovery=True))
        .order_by("username")
    )
    left = dict(
        StaticToken.objects.filter(device__user__in=users)
        .values_list("device__user")
        .annotate(left=Count("id"))
    )
    for user in users:
        user.recovery_codes_left = left.get(user.pk, 0)
    return users
