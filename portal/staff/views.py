"""Admin pages to set up an authenticator app and to enter its code after the password."""

from base64 import b32encode

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from portal.staff.forms import CodeForm, SignInCodeForm
from portal.staff.recovery import (
    codes_left,
    make_recovery_codes,
    qr_code_data_url,
    use_recovery_code,
)
from portal.staff.recovery_admin import codes_page_url
from portal.staff.two_factor import confirm_device, confirmed_device, pending_device, verify_code

WRONG_CODE = _("That code is not right. Check the time on your phone and enter the newest code.")
RECOVERY_CODE_USED = _(
    "You signed in with a recovery code, which now no longer works; %(left)s are left. If "
    "your phone is lost, ask an administrator to remove its authenticator app: your next "
    "sign-in then sets up the new phone."
)
WRONG_RECOVERY_CODE = _("That recovery code is not right, or it has already been used.")


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return reverse("wagtailadmin_home")


def set_up(request):
    if confirmed_device(request.user):
        return TemplateResponse(request, "staff/two_factor_set_up.html", {"already_set_up": True})
    device = pending_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if confirm_device(request, device, form.cleaned_data["token"]):
            make_recovery_codes(request)
            return redirect(codes_page_url(_next_url(request)))
        form.add_error("token", WRONG_CODE)
    context = {
        "form": form,
        "next": _next_url(request),
        "config_url": device.config_url,
        "qr_code": qr_code_data_url(device.config_url),
        "secret": b32encode(device.bin_key).decode(),
    }
    return TemplateResponse(request, "staff/two_factor_set_up.html", context)


def verify(request):
    if request.user.is_verified() or not confirmed_device(request.user):
        return redirect(_next_url(request))
    form = SignInCodeForm(request.POST or None)
    if form.is_valid():
        token = form.cleaned_data["token"]
        if len(token) == 6 and token.isdigit():
            if verify_code(request, token):
                return redirect(_next_url(request))
            form.add_error("token", WRONG_CODE)
        elif use_recovery_code(request, token):
            messages.warning(request, RECOVERY_CODE_USED % {"left": codes_left(request.user)})
            return redirect(_next_url(request))
        else:
            form.add_error("token", WRONG_RECOVERY_CODE)
    return TemplateResponse(
        request, "staff/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )
