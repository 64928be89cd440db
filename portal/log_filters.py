"""The filter on every log handler: no log line carries a visitor's address or a
resident's personal details (email addresses, phone numbers, street addresses, badge or
case numbers, officers' names), in the message or in a traceback.

The code never logs what residents write or who they are; this is the net under that
rule, for messages that come from elsewhere (Django, drivers, libraries). Addresses are
the core's to hide; each app names the patterns of the personal details it handles in its
``apps.py``, as ``redacted_patterns`` (feedback/apps.py).
"""

import ipaddress
import logging
import re

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Candidates, checked with ipaddress so that times ("12:30:15") and versions stay.
IP_CANDIDATE = re.compile(
    r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])"
    r"|(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
)


# (kind, compiled pattern) of what else no line may carry, read once from the apps.
_app_patterns = None


def app_patterns():
    """The patterns each app's AppConfig names as ``redacted_patterns`` (``[(kind, label,
    compiled pattern)]``). Read from the apps Django loaded or, for a line written before
    it loads them (gunicorn's own lines, Django's start-up), from their AppConfig classes
    as INSTALLED_APPS names them; without settings, none."""
    global _app_patterns
    if _app_patterns is None:
        try:
            if apps.apps_ready:
                configs = apps.get_app_configs()
            else:
                configs = [AppConfig.create(entry) for entry in settings.INSTALLED_APPS]
        except ImproperlyConfigured:
            return []
        _app_patterns = [
            (kind, pattern)
            for config in configs
            for kind, _label, pattern in getattr(config, "redacted_patterns", ())
        ]
    return _app_patterns


def _address(match):
    try:
        ipaddress.ip_address(match.group())
    except ValueError:
        return match.group()
    return "[ip address]"


def redact(text):
    """``text`` with every address and likely piece of personal information replaced by
    its kind in brackets."""
    text = IP_CANDIDATE.sub(_address, text)
    for kind, pattern in app_patterns():
        text = pattern.sub(f"[{kind}]", text)
    return text


class RedactPersonalData(logging.Filter):
    def filter(self, record):
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
