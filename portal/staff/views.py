"""Admin pages to set up an authenticator app and to enter its code after the password."""

from base64 import b32encode

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from portal.staff.forms import CodeForm
from portal.staff.two_factor import confirm_device, confirmed_device, pending_device, verify_code

WRONG_CODE = _("That code is not right. Check the time on your phone and enter the newest code.")


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
            return redirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    context = {
        "form": form,
        "next": _next_url(request),
        "config_url": device.config_url,
        "secret": b32encode(device.bin_key).decode(),
    }
    return TemplateResponse(request, "staff/two_factor_set_up.html", context)


def verify(request):
    if request.user.is_verified() or not confirmed_device(request.user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if verify_code(request, form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    return TemplateResponse(
        request, "staff/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )
