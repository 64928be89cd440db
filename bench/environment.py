"""The environment the benchmarks (``bench/load.py``, ``bench/lighthouse.py``) run the
production server in: ``manage.py`` and gunicorn on loopback, with throwaway secrets and
files in a temporary folder; and the helpers both use to start it.

Each benchmark says what differs: its settings module, the variables of the caller's
environment it clears besides the ones cleared here, the placeholder captcha keys' name,
and variables of its own (database, cache, workers).
"""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Variables of the caller's environment never passed on: the benchmark sets its own.
CLEARED_PREFIXES = ("DJANGO_", "REDIS_", "SECURE_")


def server_environment(workdir, port, *, settings, name, clear=(), **variables):
    """The environment for ``manage.py`` and gunicorn serving ``http://127.0.0.1:<port>``
    with ``settings``, files under ``workdir``; ``clear``: more prefixes of the caller's
    variables to leave out; ``variables`` are set last."""
    from cryptography.fernet import Fernet

    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith((*CLEARED_PREFIXES, *clear))
    }
    environment.update(
        DJANGO_SETTINGS_MODULE=settings,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1",
        FEEDBACK_CONTACT_KEYS=Fernet.generate_key().decode(),
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        PRIVATE_MEDIA_ROOT=str(workdir / "private-media"),
        # No proxy in front to redirect plain HTTP to HTTPS (and Lighthouse fetches
        # robots.txt without the proxy's headers): the documented switch, not weaker
        # defaults.
        SECURE_SSL_REDIRECT="false",
        # Clients call the server directly: no proxy appends to X-Forwarded-For.
        PORTAL_TRUSTED_PROXY_COUNT="0",
        PORTAL_BASE_URL=f"http://127.0.0.1:{port}",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
        # Production refuses to start without captcha keys, and django-recaptcha refuses
        # Google's test keys: placeholders. No measured page verifies a captcha.
        RECAPTCHA_PUBLIC_KEY=f"bench-{name}-site-key",
        RECAPTCHA_PRIVATE_KEY=f"bench-{name}-secret-key",
    )
    environment.update(variables)
    return environment


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(environment, *args):
    subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def build_demo_site(environment):
    """The demo site in the environment's database, its static files collected."""
    manage(environment, "migrate", "--noinput")
    manage(environment, "load_demo_site", "--no-admin")
    manage(environment, "collectstatic", "--noinput")


def wait_until_up(base_url, server, headers, seconds=60):
    """Wait until gunicorn answers ``/healthz``; stop if it exits first."""
    deadline = time.monotonic() + seconds
    request = urllib.request.Request(base_url + "/healthz", headers=headers)  # noqa: S310
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before it answered; see its log")
        try:
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {base_url}/healthz within {seconds} s")
