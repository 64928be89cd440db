"""The security headers every response carries, beyond the Content-Security-Policy
itself (configured in ``portal/settings/base.py``, sent by django-csp), and the two
exceptions to that policy: the chart embed page and the captcha pages.
"""

from django.conf import settings

# Browser features the site never uses, turned off for it and anything it frames.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

# Google's reCAPTCHA: its script, the scripts that script loads, and its checkbox frame.
CAPTCHA_POLICY = {
    "script-src": ["https://www.google.com", "https://www.gstatic.com"],
    "frame-src": ["https://www.google.com"],
}


def security_headers(get_response):
    """Permissions-Policy on every response, and a nonce
    in every Content-Security-Policy: a template that adds an inline script later gets a
    working nonce without anyone having to remember to ask for one."""

    def middleware(request):
        nonce = getattr(request, "csp_nonce", None)
        if nonce is not None:
            str(nonce)  # django-csp only writes the nonce into the header once it is read
        response = get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


def captcha_enabled():
    """Whether the public forms show Google's captcha: only when its keys are set."""
    return bool(settings.RECAPTCHA_PUBLIC_KEY and settings.RECAPTCHA_PRIVATE_KEY)


def allow_captcha(response):
    """Let a page that shows the captcha load it; only when the captcha keys are set."""
    if captcha_enabled():
        response._csp_update = CAPTCHA_POLICY
    return response
