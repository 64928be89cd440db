"""Settings for the test suite. ``DATABASE_URL`` picks SQLite (default) or PostgreSQL."""

import tempfile

from .base import *

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105 (tests never serve the public)
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
WAGTAILADMIN_BASE_URL = "http://testserver"
