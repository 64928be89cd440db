"""Production settings refuse to start with an insecure configuration."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.settings.env import env_bool, env_list

ROOT = Path(__file__).resolve().parent.parent
GOOD_KEY = "Kq3v" + "x9TzP2mW7rLs8bN4cY6dF1gH5jA0eU" * 2


def run_check(*options, **env):
    """``manage.py check`` (with ``options``) under the production settings in a fresh
    process, with only the configuration given in ``env``."""
    environment = {
        key: value
        for key, value in os.environ.items()
        # The browser tests' harness sets DJANGO_ALLOW_ASYNC_UNSAFE for its live server;
        # a deployment never would.
        if key
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "FEEDBACK_CONTACT_KEYS",
            "PORTAL_TRUSTED_PROXY_COUNT",
            *CAPTCHA_KEYS,
        }
    }
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings.production", **env)
    return subprocess.run(  # noqa: S603 (our own manage.py with options the tests write)
        [sys.executable, "manage.py", "check", *options],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(ALLOWED_HOSTS="lead.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "key", ["django-insecure-" + "a1b2c3" * 10, "short-key", "a" * 60, "dev-only-not-secret" * 3]
)
def test_production_refuses_a_key_that_is_not_secret(key):
    result = run_check(SECRET_KEY=key, ALLOWED_HOSTS="lead.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is not a real secret" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_check(SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


CAPTCHA_KEYS = {"RECAPTCHA_PUBLIC_KEY": "site-key-1", "RECAPTCHA_PRIVATE_KEY": "secret-key-1"}
CONTACT_KEYS = {
    "FEEDBACK_CONTACT_KEYS": "q0n8cSpn9qWXoNxm1Eq4J6xl0n4K3dK5mY3r2FZk1gI=,"
    "3mHc3gYy2QbQ1jHk8uXn6tY9dM0rS4vA7eB1cF2gH3I="
}
# nginx in front, as docs/deploy.md sets it up.
PROXY_COUNT = {"PORTAL_TRUSTED_PROXY_COUNT": "1"}


def test_production_refuses_to_start_without_captcha_keys():
    result = run_check(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="lead.example.org")
    assert result.returncode != 0
    assert "RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    "keys, message",
    [
        (None, "FEEDBACK_CONTACT_KEYS must be set"),
        ("", "FEEDBACK_CONTACT_KEYS must be set"),
        ("not-a-fernet-key", "not a Fernet key"),
        ("dev-only-not-secret-lead-contact-keys-00000=", "a development or test key"),
    ],
)
def test_production_refuses_to_start_without_a_real_contact_key(keys, message):
    """Residents' contact details are never stored under a missing or published key."""
    extra = {} if keys is None else {"FEEDBACK_CONTACT_KEYS": keys}
    result = run_check(
        SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="lead.example.org", **CAPTCHA_KEYS, **extra
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_a_real_configuration():
    result = run_check(
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="lead.example.org",
        **CAPTCHA_KEYS,
        **CONTACT_KEYS,
        **PROXY_COUNT,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_boolean_settings_reject_nonsense(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be a boolean"):
        env_bool("SOME_FLAG")
    monkeypatch.setenv("SOME_FLAG", "Yes")
    assert env_bool("SOME_FLAG") is True


def test_lists_drop_blanks(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.example.org, ,b.example.org ")
    assert env_list("HOSTS") == ["a.example.org", "b.example.org"]
