"""Cleaning what residents type: one function, used by every form that takes free text."""

import re
import unicodedata

import bleach

# Control characters other than tab and newline (NUL included), and Unicode "format"
# characters that can hide or reorder text, except the joiners emoji and scripts need.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_KEEP_FORMAT = {"\u200c", "\u200d", "\ufe0f"}
_MAX_PASSES = 10


def _strip_tags(text):
    stripped = bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True)
    # bleach escapes &, < and >; the page templates escape on output instead.
    return stripped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def clean_resident_text(text):
    """Plain text with no markup, control characters or stray white space.

    Tags are stripped (their text kept), so ``<b>hi</b>`` becomes ``hi`` and a script tag
    cannot survive; entities are decoded back to the characters the resident typed, and
    templates escape the result when it is shown.
    """
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = "".join(
        character
        for character in text
        if unicodedata.category(character) != "Cf" or character in _KEEP_FORMAT
    )
    # Stripping can join the pieces of a split tag ("<scr<b></b>ipt>") into a new one, so
    # strip again until nothing changes.
    for _ in range(_MAX_PASSES):
        plain = _strip_tags(text)
        if plain == text:
            break
        text = plain
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
