"""Settings shared by every machine. Machine-specific values come from the environment.

Environment variables read here (all optional in development):

- ``DATABASE_URL``: database, default a SQLite file ``db.sqlite3`` in the project folder.
- ``SECRET_KEY``: Django's signing key (production refuses to start without a real one).
- ``ALLOWED_HOSTS``: comma-separated host names.
- ``CSRF_TRUSTED_ORIGINS``: comma-separated origins such as ``https://lead.example.org``.
- ``REDIS_URL``: use Redis as the cache; otherwise a per-process memory cache.
- ``EMAIL_HOST``, ``EMAIL_PORT``, ``EMAIL_HOST_USER``, ``EMAIL_HOST_PASSWORD``,
  ``EMAIL_USE_TLS``, ``DEFAULT_FROM_EMAIL``: outgoing mail.
- ``RECAPTCHA_PUBLIC_KEY``, ``RECAPTCHA_PRIVATE_KEY``: captcha keys for public forms.
- ``FEEDBACK_CONTACT_KEYS``: comma-separated Fernet keys, newest first, that encrypt
  residents' contact details (production refuses to start without one).
- ``PORTAL_BASE_URL``: the public address, used in admin notification emails.
- ``PORTAL_LOG_FORMAT``: ``plain`` (the default here) or ``json`` log lines.
- ``PORTAL_TASKS_BACKEND``: ``immediate`` (the default here) or ``database``: where
  background tasks run.
"""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from .env import env_bool, env_choice, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The shared core: its template tags and the page tree's signals (portal/apps.py).
    "portal",
    "home",
    "feedback",
    "publicdata",
    "portal.staff",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Spanish pages: translation screens, and the Locales admin with "sync from".
    "wagtail_localize",
    "wagtail_localize.locales",
    # Wagtail's frontend cache sends the CDN purges of portal/caching/cdn.py; a no-op
    # without WAGTAILFRONTENDCACHE. Its own page signal handlers are left out (portal/apps.py).
    "portal.apps.FrontendCacheConfig",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_recaptcha",
    "csp",
    # Listed so the API docs page uses ninja's bundled Swagger UI, not a CDN.
    "ninja",
    # Background tasks: the framework, and the queue table `manage.py db_worker` works through.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # /healthz for load balancers, before the host check and the HTTPS redirect.
    "portal.health.health_check",
    "django.middleware.security.SecurityMiddleware",
    # Production refuses proxied requests while it has been told there is no proxy
    # (portal/visitors.py); below the HTTPS redirect, so the refusal carries its headers.
    "portal.visitors.uncounted_proxy_guard",
    # Static files, before anything else reads the session or the database for them.
    # Development and tests find them through the finders on each request; production
    # serves what collectstatic wrote (compressed, hashed, cached for ten years).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages without a form answered from the cache (portal/caching/page_cache.py) as they
    # were first sent, compressed and with their headers, before anything below runs; a
    # page built below is stored on its way out.
    "portal.caching.page_cache.page_cache",
    # Pages and API answers compressed for clients that accept gzip (about 5× smaller on a
    # phone). Django's GZipMiddleware pads each response against BREACH; whitenoise has
    # already answered static files with their precompressed copies.
    "django.middleware.gzip.GZipMiddleware",
    # ETag on every page and 304 Not Modified for a matching If-None-Match; below GZip,
    # so the tag is computed on the page itself and GZip marks it weak when it compresses.
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.security.security_headers",
    "portal.health.database_unavailable",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL alone (/es/...), never from a cookie (docs/i18n.md).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The Wagtail site of the host from the cache, not a query per request
    # (portal/caching/page_tree.py).
    "portal.caching.page_tree.known_site",
    "publicdata.middleware.open_data_cors",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.staff.middleware.require_two_factor",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # After Django's own: a page built for the page cache gets a stand-in
                # for the visitor's CSRF token (portal/caching/form_pages.py).
                "portal.caching.form_pages.csrf_token",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis_url = env_str("REDIS_URL")
if _redis_url:
    CACHES = {
        "default": {
            # Django's Redis backend with one client per connection pool (portal/redis_cache.py).
            "BACKEND": "portal.redis_cache.PortalRedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        }
    }
# Each process's own copy of what is stored under a version read from the default cache
# (page tree facts, menus and footer: portal/caching/page_tree.py): a change gives a new version, so
# a copy is never served stale, and reading it needs no trip to Redis.
CACHES["versioned"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "portal-versioned",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Anonymous page cache (portal/caching/page_cache.py): how long a stored page lives at most (changes
# invalidate it at once), how long a browser may keep a page, and how long a CDN may (the
# CDN is purged on every change; addresses with a query string use the browser's time).
PORTAL_PAGE_CACHE_SECONDS = env_int("PORTAL_PAGE_CACHE_SECONDS", 24 * 60 * 60)
PORTAL_BROWSER_CACHE_SECONDS = env_int("PORTAL_BROWSER_CACHE_SECONDS", 60)
PORTAL_CDN_CACHE_SECONDS = env_int("PORTAL_CDN_CACHE_SECONDS", 24 * 60 * 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Only staff sign in; a session lasts a working day, then the admin asks again.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Staff sign-in (docs/security.md, "Staff accounts"). django-axes counts failed sign-ins
# per username *and* address, so one attacker cannot lock a whole office out; a record
# holds the address only until ``manage.py purge_expired`` deletes it after the cool-off.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_TIME", 1)  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "staff/locked_out.html"
# The same client address as the public forms' rate limits (PORTAL_TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "portal.staff.lockouts.login_client_address"
# No record of successful sign-ins or of every failure: only the counters axes needs.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Moderators (who see residents' contact details) and superusers must use an
# authenticator app; other staff may. Production always requires it.
PORTAL_REQUIRE_2FA_FOR_MODERATORS = env_bool("PORTAL_REQUIRE_2FA_FOR_MODERATORS", True)
OTP_TOTP_ISSUER = "LEAD Baltimore portal"

LANGUAGE_CODE = "en"
# Each language is named in itself: that is how the language switcher shows it.
LANGUAGES = [("en", "English"), ("es", "Español")]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # plotly.js for the charts, pinned in package.json and installed by `npm ci`.
    ("vendor", BASE_DIR / "node_modules" / "plotly.js-basic-dist-min"),
]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Uploaded dataset source files: never served by any URL, never under MEDIA_ROOT.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Uploaded dataset source files (publicdata.storage): PRIVATE_MEDIA_ROOT, or a private
    # bucket in production when PORTAL_S3_BUCKET is set.
    "private": {"BACKEND": "publicdata.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The Wagtail page editor posts many fields for long StreamField pages.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "LEAD Baltimore portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: moderators' emails, the refresh of "What residents told us", the
# purges, and Wagtail's own (reference index, deleting files). "immediate" runs each at
# once in the process that queues it; "database" keeps it in a table until a worker
# (`manage.py db_worker`) runs it (docs/deploy.md, "Background tasks"). Production
# defaults to "database".
PORTAL_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {
    "default": {
        "BACKEND": PORTAL_TASK_BACKENDS[
            env_choice("PORTAL_TASKS_BACKEND", PORTAL_TASK_BACKENDS, "immediate")
        ]
    }
}

RECAPTCHA_PUBLIC_KEY = env_str("RECAPTCHA_PUBLIC_KEY")
RECAPTCHA_PRIVATE_KEY = env_str("RECAPTCHA_PRIVATE_KEY")

# Security headers on every response, in every environment (docs/security.md, "Headers").
# Nothing inline runs without this request's nonce; nothing loads from another site, except
# Google's captcha on the two pages that show it (portal/security.py) and the embed page,
# which any site may frame (publicdata/embed.py). plotly.js finds its rules already loaded
# (static/css/plotly.css) and injects no <style>.
CONTENT_SECURITY_POLICY = {
    # Wagtail's admin runs its own inline scripts and styles; staff only, behind login.
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# "plain" lines for a person at a terminal; "json" (production's default), one object per
# line for a log collector (portal/log_format.py).
PORTAL_LOG_FORMATS = ("plain", "json")
PORTAL_LOG_FORMAT = env_choice("PORTAL_LOG_FORMAT", PORTAL_LOG_FORMATS, "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "portal.log_format.JSONFormatter"},
    },
    # Every handler redacts addresses and personal details (portal/log_filters.py).
    "filters": {"redact": {"()": "portal.log_filters.RedactPersonalData"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": PORTAL_LOG_FORMAT,
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # The default request logger writes the client's address on 4xx/5xx lines.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # One line per background task run is noise; failures are still logged.
        "django_tasks": {"level": "WARNING"},
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "LEAD Baltimore"
# Pages exist once per language; English is the source the Spanish tree is synced from.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Wagtail's frontend cache would also purge each /es/ address under /en/, an address the
# site never serves (English has no prefix): portal/caching/cdn.py names every address itself.
WAGTAILFRONTENDCACHE_LANGUAGES = []
WAGTAILADMIN_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Staff avatars are Wagtail's own image: Gravatar would send a hash of each staff email
# address to a third party from every admin screen.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Public forms (feedback, comments): anti-abuse settings.
# How many reverse proxies add themselves to X-Forwarded-For in front of the app; 0 means
# trust only the connection's own address. Production requires it to be set.
PORTAL_TRUSTED_PROXY_COUNT = env_int("PORTAL_TRUSTED_PROXY_COUNT", 0)
# Answer 503 to a request with X-Forwarded-For while the count is 0 (on in production).
PORTAL_REFUSE_UNCOUNTED_PROXIES = False
# The key behind visitors' address hashes changes this often (seconds).
PORTAL_VISITOR_KEY_ROTATION_SECONDS = 24 * 60 * 60
FEEDBACK_MIN_FILL_SECONDS = env_int("FEEDBACK_MIN_FILL_SECONDS", 4)
FEEDBACK_FORM_MAX_AGE_SECONDS = 24 * 60 * 60
FEEDBACK_REPORTS_PER_HOUR = env_int("FEEDBACK_REPORTS_PER_HOUR", 5)
FEEDBACK_STATUS_LOOKUPS_PER_10_MINUTES = env_int("FEEDBACK_STATUS_LOOKUPS_PER_10_MINUTES", 20)
FEEDBACK_MAX_REQUEST_BYTES = 256 * 1024
FEEDBACK_ACCOUNT_MAX_CHARACTERS = 5000
# Comments on explainer and news pages.
FEEDBACK_COMMENT_MAX_CHARACTERS = 3000
FEEDBACK_COMMENTS_PER_HOUR = env_int("FEEDBACK_COMMENTS_PER_HOUR", 10)
# A published comment or report is hidden for review once this many people report it.
FEEDBACK_FLAGS_TO_HIDE = env_int("FEEDBACK_FLAGS_TO_HIDE", 3)
FEEDBACK_FLAGS_PER_HOUR = env_int("FEEDBACK_FLAGS_PER_HOUR", 20)
# Contact details residents leave are deleted after this many days.
FEEDBACK_CONTACT_RETENTION_DAYS = env_int("FEEDBACK_CONTACT_RETENTION_DAYS", 180)
# Fernet keys that encrypt those contact details at rest, newest first: the first encrypts,
# any of them decrypts (see "Contact details encryption" in docs/security.md).
FEEDBACK_CONTACT_KEYS = env_list("FEEDBACK_CONTACT_KEYS")
# The words of rejected reports and comments are deleted this many days after the decision.
FEEDBACK_REJECTED_TEXT_RETENTION_DAYS = env_int("FEEDBACK_REJECTED_TEXT_RETENTION_DAYS", 90)
# A report or comment repeating one received this many days before is held for review.
FEEDBACK_DUPLICATE_WINDOW_DAYS = env_int("FEEDBACK_DUPLICATE_WINDOW_DAYS", 30)
# The worker takes new reports in this many seconds after the first of them arrived, with
# every report that arrived meanwhile (when the task backend can wait; 0: at once).
FEEDBACK_INTAKE_DELAY_SECONDS = env_int("FEEDBACK_INTAKE_DELAY_SECONDS", 5)

# Open data: counts below this are suppressed in everything published.
PUBLICDATA_SUPPRESSION_THRESHOLD = env_int("PUBLICDATA_SUPPRESSION_THRESHOLD", 11)
# The largest CSV an analyst may upload as a release (spooled to disk, never held whole).
PUBLICDATA_MAX_UPLOAD_BYTES = env_int("PUBLICDATA_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
