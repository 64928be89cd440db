"""Settings for the test suite. ``DATABASE_URL`` picks SQLite (default) or PostgreSQL.

Uploaded media go to a pytest temporary folder (see ``tests/conftest.py``).
"""

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 (tests never serve the public)
FEEDBACK_CONTACT_KEYS = ["test-only-not-secret-lead-contact-keys-0000="]
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Most tests sign staff in with force_login, which has no second factor;
# tests/test_staff_login.py turns the requirement on and goes through the real sign-in.
PORTAL_REQUIRE_2FA_FOR_MODERATORS = False
# Static files come straight from the finders, looked up per request, as in development:
# no collectstatic before the tests and no scan of the static folders for each test client.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Background tasks run at once, whatever the environment says; the tests of the worker
# (tests/test_background_tasks.py) switch to the database backend themselves.
TASKS = {"default": {"BACKEND": PORTAL_TASK_BACKENDS["immediate"]}}
