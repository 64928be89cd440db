"""Production settings. They refuse to start with an insecure configuration."""

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from .base import *
from .env import env_bool, env_choice, env_int, env_str

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


def check_trusted_proxy_count(raw, count):
    """Return ``count`` if ``raw`` (the variable as set) says how many proxies there are,
    otherwise raise ImproperlyConfigured. No default: behind a proxy, 0 makes every visitor
    one address, so whoever deploys says what is in front."""
    if not (raw or "").strip():
        raise ImproperlyConfigured(
            "PORTAL_TRUSTED_PROXY_COUNT must be set in production: the number of reverse "
            "proxies that append the visitor's address to X-Forwarded-For (1 with nginx in "
            "front, 2 with a CDN and a load balancer, 0 only for a server with no proxy). "
            'See docs/deploy.md, "The visitor\'s address".'
        )
    if count < 0:
        raise ImproperlyConfigured(
            f"PORTAL_TRUSTED_PROXY_COUNT must be 0 or more, not {count}: the number of "
            "reverse proxies in front of the site (docs/deploy.md)."
        )
    return count


PORTAL_TRUSTED_PROXY_COUNT = check_trusted_proxy_count(
    env_str("PORTAL_TRUSTED_PROXY_COUNT"), PORTAL_TRUSTED_PROXY_COUNT
)
PORTAL_REFUSE_UNCOUNTED_PROXIES = True

# collectstatic writes each file under a name with its content's hash, plus gzip copies;
# whitenoise serves them with a ten-year Cache-Control (immutable), compressed when the
# browser accepts it. Other files under /static/ are cached for WHITENOISE_MAX_AGE (60 s).
STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# Media in S3-compatible object storage when a bucket is named, so that every app server
# reads and writes the same uploads (docs/deploy.md, "Scaling out"); otherwise MEDIA_ROOT
# and PRIVATE_MEDIA_ROOT as in development. The keys are never settings: boto3 reads
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from the environment, or the server's role.
PORTAL_S3_BUCKET = env_str("PORTAL_S3_BUCKET")
PORTAL_S3_PRIVATE_BUCKET = env_str("PORTAL_S3_PRIVATE_BUCKET")
if PORTAL_S3_PRIVATE_BUCKET and not PORTAL_S3_BUCKET:
    raise ImproperlyConfigured(
        "PORTAL_S3_PRIVATE_BUCKET is set without PORTAL_S3_BUCKET: name the media bucket too, "
        "or neither."
    )
if PORTAL_S3_BUCKET:
    _bucket_options = {
        "endpoint_url": env_str("PORTAL_S3_ENDPOINT_URL") or None,
        "region_name": env_str("PORTAL_S3_REGION") or None,
        # Two uploads with one name keep both files (Wagtail renames the second).
        "file_overwrite": False,
    }
    # Wagtail images and documents, under media/: public, at plain URLs (through the CDN's
    # domain when there is one) that cached pages can keep.
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_bucket_options,
            "bucket_name": PORTAL_S3_BUCKET,
            "location": "media",
            "custom_domain": env_str("PORTAL_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
        },
    }
    # Dataset source files, under private/ (of PORTAL_S3_PRIVATE_BUCKET when set): written
    # with a private ACL and given no URL at all.
    STORAGES["private"] = {
        "BACKEND": "publicdata.private_bucket.PrivateBucketStorage",
        "OPTIONS": {
            **_bucket_options,
            "bucket_name": PORTAL_S3_PRIVATE_BUCKET or PORTAL_S3_BUCKET,
            "location": "private",
            # Empty for a bucket with ACLs disabled (AWS's default), which refuses any ACL.
            "default_acl": env_str("PORTAL_S3_PRIVATE_ACL", "private") or None,
        },
    }

# One JSON object per log line for the log collector, unless PORTAL_LOG_FORMAT=plain.
PORTAL_LOG_FORMAT = env_choice("PORTAL_LOG_FORMAT", PORTAL_LOG_FORMATS, "json")
LOGGING["handlers"]["console"]["formatter"] = PORTAL_LOG_FORMAT

# Background tasks wait in the database for `manage.py db_worker`, so a slow mail server
# never slows a request; PORTAL_TASKS_BACKEND=immediate runs them in the web process
# instead, for a single small server without a worker (docs/deploy.md, "Background tasks").
TASKS["default"]["BACKEND"] = PORTAL_TASK_BACKENDS[
    env_choice("PORTAL_TASKS_BACKEND", PORTAL_TASK_BACKENDS, "database")
]

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

# The CDN in front of the site: Cloudflare, purged through Wagtail's frontend cache
# (portal/caching/cdn.py) when pages, moderation decisions, datasets or charts change. Without the
# zone and token the site runs without a CDN; the page cache in Redis still applies.
CLOUDFLARE_ZONE_ID = env_str("CLOUDFLARE_ZONE_ID")
CLOUDFLARE_API_TOKEN = env_str("CLOUDFLARE_API_TOKEN")
if bool(CLOUDFLARE_ZONE_ID) != bool(CLOUDFLARE_API_TOKEN):
    raise ImproperlyConfigured(
        "Set both CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN to purge Cloudflare, or neither."
    )
if CLOUDFLARE_ZONE_ID:
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": CLOUDFLARE_ZONE_ID,
            "BEARER_TOKEN": CLOUDFLARE_API_TOKEN,
        }
    }

# Each gunicorn worker keeps its database connection between requests (opening one costs
# a round trip and an authentication per request), checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
