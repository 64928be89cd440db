"""Encrypting residents' contact details at rest (privacy rule 1).

Keys come from ``FEEDBACK_CONTACT_KEYS``, newest first: values are encrypted with the
first and read with any of them, so a new key can be introduced before the old one is
retired (see ``manage.py rotate_contact_key`` and docs/security.md). Plain values are
never logged here or by any caller.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class ContactKeyError(Exception):
    """The configured keys cannot encrypt or read the stored contact details."""


def _keys():
    keys = list(getattr(settings, "FEEDBACK_CONTACT_KEYS", None) or [])
    if not keys:
        raise ContactKeyError("FEEDBACK_CONTACT_KEYS is not set.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, TypeError) as error:
        raise ContactKeyError(
            "FEEDBACK_CONTACT_KEYS holds a value that is not a Fernet key."
        ) from error


def encrypt(value):
    """The ciphertext of ``value`` (a string, possibly empty) under the newest key."""
    return _keys().encrypt(value.encode()).decode()


def decrypt(token):
    """The plain string behind ``token``; ContactKeyError if no configured key opens it."""
    try:
        return _keys().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ContactKeyError(
            "None of the keys in FEEDBACK_CONTACT_KEYS can read these contact details."
        ) from error


def rotate(token):
    """``token`` re-encrypted under the newest key."""
    try:
        return _keys().rotate(token.encode()).decode()
    except InvalidToken as error:
        raise ContactKeyError(
            "None of the keys in FEEDBACK_CONTACT_KEYS can read these contact details."
        ) from error
