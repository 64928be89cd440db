"""The ids that name a report or a comment on public pages: in anchors, "Report this"
addresses and feed entries.

Database ids count every report and comment ever received, so showing them would tell
anyone how many were never published. A public id is random instead: it says nothing
about when the item came or how many came before it, and it cannot be guessed.
"""

import re
import secrets

PUBLIC_ID_LENGTH = 16
_PUBLIC_ID = re.compile(rf"[0-9a-f]{{{PUBLIC_ID_LENGTH}}}")


def new_public_id():
    """16 hexadecimal digits, 64 random bits."""
    return secrets.token_hex(PUBLIC_ID_LENGTH // 2)


def parse_public_id(text):
    """``text`` if it has the shape of a public id, else None, so that nothing else (a
    database id, a null byte, a megabyte) ever reaches a query."""
    if isinstance(text, str) and _PUBLIC_ID.fullmatch(text):
        return text
    return None
