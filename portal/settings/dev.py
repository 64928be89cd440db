"""Development and demo settings: SQLite, debug pages, mail printed to the console."""

import contextlib

from .base import *
from .env import env_bool, env_list, env_str

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine here: this module never serves the public.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret-lead-baltimore-portal")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
# Dev-only, public, never for real contact details: production refuses it.
FEEDBACK_CONTACT_KEYS = env_list(
    "FEEDBACK_CONTACT_KEYS", ["dev-only-not-secret-lead-contact-keys-00000="]
)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Background tasks run at once (base.py); PORTAL_TASKS_BACKEND=database queues them for
# `manage.py db_worker` in a second terminal, as production does.
# The demo moderator signs in with its password alone; set this to true to try two-factor.
PORTAL_REQUIRE_2FA_FOR_MODERATORS = env_bool("PORTAL_REQUIRE_2FA_FOR_MODERATORS", False)

with contextlib.suppress(ImportError):
    from .local import *  # noqa: F401  (a developer's own overrides, never committed)
