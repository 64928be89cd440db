"""The filter on every log handler: no log line carries a visitor's address or a
resident's personal details (email addresses, phone numbers, street addresses, badge or
case numbers, officers' names), in the message or in a traceback.

The code never logs what residents write or who they are; this is the net under that
rule, for messages that come from elsewhere (Django, drivers, libraries).
"""

import ipaddress
import logging
import re

from feedback.personal_info import PATTERNS

# Candidates, checked with ipaddress so that times ("12:30:15") and versions stay.
IP_CANDIDATE = re.compile(
    r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])"
    r"|(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
)


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
    for kind, _label, pattern in PATTERNS:
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
