"""System checks for the feedback app."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def captcha_keys_check(app_configs, **kwargs):
    if settings.RECAPTCHA_PUBLIC_KEY and settings.RECAPTCHA_PRIVATE_KEY:
        return []
    return [
        Warning(
            "reCAPTCHA keys are not set, so the captcha on the public forms is off.",
            hint="Set RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY. Verification needs "
            "Google's servers; the other anti-abuse layers stay on without them.",
            id="feedback.W001",
        )
    ]
