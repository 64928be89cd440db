"""Running code under the production settings in a fresh process, as a server would, with
a real configuration and only the extra environment a test gives."""

import os
import subprocess
import sys
from pathlib import Path

from tests.test_settings import CAPTCHA_KEYS, CONTACT_KEYS, GOOD_KEY, PROXY_COUNT

ROOT = Path(__file__).resolve().parent.parent
REAL_CONFIGURATION = {
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "lead.example.org",
    **CAPTCHA_KEYS,
    **CONTACT_KEYS,
    **PROXY_COUNT,
}
# What the machine running the tests may have set that would change the answer.
_LEFT_OUT = ("PORTAL_", "AWS_", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "LOG_LEVEL")


def run_python(code, settings="portal.settings.production", **env):
    """Run ``code`` with ``python -c`` from the project folder under ``settings``."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith(_LEFT_OUT)}
    environment.update(REAL_CONFIGURATION)
    environment.update(DJANGO_SETTINGS_MODULE=settings, **env)
    return subprocess.run(  # noqa: S603 (the tests' own code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
