"""Production settings. They refuse to start with an insecure configuration."""

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .base import *
from .env import env_bool, env_int

DEBUG = False

_INSECURE_KEY_PREFIXES = ("django-insecure", "dev-only", "test-only", "change-me", "changeme")


def check_secret_key(key):
    """Return ``key`` if it is fit for production, otherwise raise ImproperlyConfigured."""
    if not key:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")
    if len(key) < 50 or len(set(key)) < 5 or key.lower().startswith(_INSECURE_KEY_PREFIXES):
        raise ImproperlyConfigured(
            "SECRET_KEY is not a real secret: use at least 50 random characters, for example "
            "from `python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
        )
    return key


SECRET_KEY = check_secret_key(SECRET_KEY)


def check_contact_keys(keys):
    """Return ``keys`` if they can encrypt contact details in production, otherwise raise
    ImproperlyConfigured."""
    if not keys:
        raise ImproperlyConfigured(
            "FEEDBACK_CONTACT_KEYS must be set in the environment in production: it encrypts "
            "residents' contact details. Generate a key as docs/security.md explains "
            "(Contact details encryption)."
        )
    for key in keys:
        try:
            Fernet(key)
        except (ValueError, TypeError) as error:
            raise ImproperlyConfigured(
                "FEEDBACK_CONTACT_KEYS holds a value that is not a Fernet key."
            ) from error
        if key.lower().startswith(_INSECURE_KEY_PREFIXES):
            raise ImproperlyConfigured(
                "FEEDBACK_CONTACT_KEYS holds a development or test key, not a real secret."
            )
    return keys


if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")

if not (RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY):
    raise ImproperlyConfigured(
        "RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY must be set in production: the public "
        "forms need the captcha."
    )

FEEDBACK_CONTACT_KEYS = check_contact_keys(FEEDBACK_CONTACT_KEYS)

# collectstatic writes each file under a name with its content's hash, plus gzip copies;
# whitenoise serves them with a ten-year Cache-Control (immutable), compressed when the
# browser accepts it. Other files under /static/ are cached for WHITENOISE_MAX_AGE (60 s).
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# TLS is terminated at the reverse proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Moderators and superusers always need an authenticator app in production.
PORTAL_REQUIRE_2FA_FOR_MODERATORS = True
