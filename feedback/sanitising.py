"""Cleaning what residents type: one function, used by every form that takes free text."""

import re
import unicodedata

import bleach

# Control characters other than tab and newline (NUL included), and Unicode "format"
# characters that can hide or reorder text, except the joiners emoji and scripts need.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_KEEP_FORMAT = {"\u200c", "\u200d", "\ufe0f"}
# What people write settles in one or two passes; markup that re-forms after ten was built
# to walk past the cleaner, and each further pass would cost a parse of the whole text.
_MAX_PASSES = 10
# &lt;, &gt; and &amp; however often encoded ("&amp;amp;lt;" is "<"): the three that
# bleach gives back escaped, decoded all at once rather than one level per pass.
_ESCAPED = re.compile(r"&(?:amp;)*(?:(lt;)|(gt;))?")


def _decoded(text):
    return _ESCAPED.sub(lambda match: "<" if match[1] else ">" if match[2] else "&", text)


def _strip_tags(text):
    stripped = bleach.clean(text, tags=set(), attributes={}, strip=True, strip_comments=True)
    # bleach escapes &, < and >; the page templates escape on output instead.
    return _decoded(stripped)


def _without_markup(text):
    """``text`` with every tag and comment stripped, decoded and stripped again until
    neither changes anything: what comes out holds no tag or comment, however deeply the
    markup was encoded or split."""
    for _ in range(_MAX_PASSES):
        text = _decoded(text)
        plain = _strip_tags(text)
        if plain == text:
            return text
        text = plain
    # No parse can settle this text in time: without a "<" or "&" nothing can form a tag
    # or decode to one.
    return text.replace("<", "").replace("&", "")


def clean_resident_text(text):
    """Plain text with no markup, control characters or stray white space.

    Tags and comments are stripped (their text kept), so ``<b>hi</b>`` becomes ``hi``,
    and ``&lt;``, ``&gt;`` and ``&amp;`` are decoded to the characters they stand for,
    repeatedly, until the text no longer changes: however deeply markup is encoded or
    split, none survives. A lone ``<`` or ``&`` is kept as typed ("<3", "a < b",
    "AT&T"); templates escape the result when it is shown. Cleaning clean text changes
    nothing.
    """
    text = unicodedata.normalize("NFC", str(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = "".join(
        character
        for character in text
        if unicodedata.category(character) != "Cf" or character in _KEEP_FORMAT
    )
    # Stripping markup can bring a combining mark next to a letter it composes with.
    text = unicodedata.normalize("NFC", _without_markup(text))
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
