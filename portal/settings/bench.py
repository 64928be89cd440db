"""Settings for the load benchmark (``bench/load``): production, except for the two things
that need the internet, which the benchmark machine does not have.

- The captcha is off: its verification is a call to Google for every submission. The
  production settings still insist on keys, so the benchmark passes placeholders and this
  module empties them again, which turns the captcha field off
  (``portal.security.captcha_enabled``).
- Mail is discarded: there is no mail server to tell the moderators about new reports.

Everything else (the signed form token and its minimum fill time, the honeypot, the
per-visitor rate limits, the page cache, the database task queue, HTTPS behind a proxy)
is production's. Never use this module for a real site.
"""

from .production import *

RECAPTCHA_PUBLIC_KEY = ""
RECAPTCHA_PRIVATE_KEY = ""
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
