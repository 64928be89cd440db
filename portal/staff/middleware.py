"""Keep staff who must use a second factor, or who have set one up, out of the admin
until their session is verified (after django_otp's OTPMiddleware)."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from portal.staff.two_factor import SET_UP_URL_NAME, VERIFY_URL_NAME, second_factor_step

# The two-factor pages themselves, signing in and out, and what every admin page loads
# (the icon sprite and the script translations: redirected, their answer would be the
# set-up page, which the admin's script pastes into the page as the icon sprite).
_EXEMPT_URL_NAMES = (
    SET_UP_URL_NAME,
    VERIFY_URL_NAME,
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
)


def require_two_factor(get_response):
    def middleware(request):
        target = _two_factor_page(request)
        if target:
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return get_response(request)

    return middleware


def _two_factor_page(request):
    """The set-up or verify page this request must go to first, or None."""
    user = getattr(request, "user", None)
    path = request.path
    if user is None or not user.is_authenticated or user.is_verified():
        return None
    if not path.startswith(reverse("wagtailadmin_home")) or path.startswith(settings.STATIC_URL):
        return None
    if path in {reverse(name) for name in _EXEMPT_URL_NAMES}:
        return None
    step = second_factor_step(user)
    return step and reverse(step)
