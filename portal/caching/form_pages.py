"""Pages that are the same for every visitor but for a few values that belong to one of them
(a form's CSRF token and signed form token; the receipt code on the page that answers a
report), kept whole with a stand-in for each such value and given to each visitor with
their own values filled in (docs/architecture.md, "Pages with a visitor's values").

Two keep such pages, with the same stand-ins:

- the page cache (``portal.caching.page_cache``), for every anonymous GET: while it builds a page
  to store, ``visitors_value`` and the ``csrf_token`` of templates give stand-ins, and
  each answer from the cache has them replaced with the visitor's values (explainers and
  news with the comment form, the report form, the status lookup);
- ``with_visitors_values``, for the page that answers a report (a POST, which the page
  cache never answers), kept like a page part.

A stand-in is new at each build and kept with the page: nobody can put one in what a page
shows. A page is kept only when each stand-in given out is in it exactly once (not
altered on its way into the page), never for a preview or a signed-in staff member, and
never when something in it used a real CSRF token or the request's CSP nonce.
"""

import os
import re
import struct
import zlib
from contextlib import contextmanager

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.crypto import get_random_string
from django.utils.functional import lazy
from django.utils.html import escape

from portal.caching.page_parts import kept_or_built, may_keep, part_key

KEY = "form-page:{release}:{address}"
# Where the stand-ins of a page being built for the page cache are given out.
STAND_INS = "_visitors_stand_ins"

# Each byte read from the system's random source, as the index of a character of
# CSRF_ALLOWED_CHARS; a byte at or above the last whole multiple of their number would make
# some likelier than others and is dropped.
_CHARS = len(CSRF_ALLOWED_CHARS)
_AS_INDEX = bytes(byte % _CHARS for byte in range(256))
_BIASED = bytes(range(256 - 256 % _CHARS, 256))
_INDEX_OF_CHAR = bytes.maketrans(CSRF_ALLOWED_CHARS.encode(), bytes(range(_CHARS)))
_CHAR_OF_INDEX = bytes.maketrans(bytes(range(_CHARS)), CSRF_ALLOWED_CHARS.encode())


def _random_csrf_indexes(count):
    """``count`` indexes into CSRF_ALLOWED_CHARS, each equally likely, from the system's
    random source read in one call (Django's ``get_random_string`` reads it once a
    character: for a visitor's new CSRF secret and its mask, a third of the time of a whole
    answer from the page cache)."""
    drawn = b""
    while len(drawn) < count:
        drawn += os.urandom(count + count // 4).translate(_AS_INDEX, _BIASED)
    return drawn[:count]


def _random_csrf_chars(count):
    return _random_csrf_indexes(count).translate(_CHAR_OF_INDEX).decode()


def visitors_csrf_token(request):
    """What ``django.middleware.csrf.get_token`` gives, with the same effects on the
    request (a new secret when the visitor has none, the cookie sent again): the visitor's
    secret masked with a new random mask, which Django's CSRF check unmasks."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret = _random_csrf_chars(CSRF_SECRET_LENGTH)
        request.META["CSRF_COOKIE"] = secret
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    mask = _random_csrf_indexes(CSRF_SECRET_LENGTH)
    secret_indexes = secret.encode().translate(_INDEX_OF_CHAR)
    cipher = bytes((x + y) % _CHARS for x, y in zip(secret_indexes, mask, strict=True))
    return (mask + cipher).translate(_CHAR_OF_INDEX).decode()


# name -> function of the request giving this visitor's value; apps add their own
# (feedback/apps.py: the signed form token).
MAKERS = {"csrf_token": visitors_csrf_token}


def register(name, make):
    """``make(request)`` gives a visitor their own ``name``."""
    MAKERS[name] = make


def new_stand_in():
    return f"standin{get_random_string(32)}"


@contextmanager
def building_with_stand_ins(request):
    """While the block runs, the request's visitor values are stand-ins: the dict yielded
    (name -> stand-in) holds those given out."""
    stand_ins = {}
    setattr(request, STAND_INS, stand_ins)
    try:
        yield stand_ins
    finally:
        delattr(request, STAND_INS)


def visitors_value(request, name):
    """This visitor's ``name``; a stand-in for it while the page is built to be kept,
    given out only once the page shows it (a form built but not shown needs none)."""
    stand_ins = getattr(request, STAND_INS, None)
    if stand_ins is None:
        return MAKERS[name](request)

    def stand_in():
        if name not in stand_ins:
            stand_ins[name] = new_stand_in()
        return stand_ins[name]

    return lazy(stand_in, str)()


def holds_stand_ins(request, content):
    """Whether ``content`` holds a stand-in of the page being built (a part that does must
    not be kept: the next page built has other stand-ins)."""
    return any(stand_in in content for stand_in in getattr(request, STAND_INS, {}).values())


def csrf_token(request):
    """Context processor: ``{% csrf_token %}`` gives a stand-in while the page is built to
    be kept (Django's own processor, which this one overrides, would use the visitor's)."""
    if getattr(request, STAND_INS, None) is None:
        return {}
    return {"csrf_token": visitors_value(request, "csrf_token")}


def each_once(content, stand_ins):
    return all(content.count(stand_in) == 1 for stand_in in stand_ins.values())


def filled_in(request, content, stand_ins, makers):
    """``content`` with this visitor's value (``makers[name](request)``) in place of each
    stand-in."""
    for name, stand_in in stand_ins.items():
        content = content.replace(stand_in, escape(makers[name](request)))
    return content


def kept_copy(text, stand_ins, compressed):
    """What the page cache keeps of a page built with ``stand_ins``: the page's bytes cut at
    each stand-in (``fixed``) and the names of the visitor's values between them
    (``values``). When the page is sent compressed, the fixed pieces are kept compressed
    each on its own instead (``deflated``), with what the gzip checksum needs of them
    (``checks``): an answer then compresses nothing, and the copy read for each answer is
    the size of the compressed page (``body_for``)."""
    names = {stand_in: name for name, stand_in in stand_ins.items()}
    parts = re.split("(" + "|".join(map(re.escape, names)) + ")", text)
    fixed = [part.encode(settings.DEFAULT_CHARSET) for part in parts[::2]]
    values = [names[part] for part in parts[1::2]]
    if not compressed:
        return {"values": values, "fixed": fixed, "deflated": None}
    return {
        "values": values,
        "fixed": None,
        "deflated": [_deflated(piece) for piece in fixed],
        "checks": [(zlib.crc32(piece) ^ _crc_of_zeros(len(piece)), len(piece)) for piece in fixed],
    }


def fixed_pieces(kept):
    """The fixed pieces of a kept copy, as bytes (decompressed when kept compressed)."""
    if kept["deflated"] is None:
        return kept["fixed"]
    # Each piece ends on a flush, not on a last block: read as the start of a stream.
    return [zlib.decompressobj(-zlib.MAX_WBITS).decompress(piece) for piece in kept["deflated"]]


def body_for(request, kept):
    """The bytes of a kept copy with this visitor's values, compressed (gzip) when the copy
    was."""
    values = [escape(MAKERS[name](request)).encode() for name in kept["values"]]
    if kept["deflated"] is None:
        pieces = [kept["fixed"][0]]
        for value, piece in zip(values, kept["fixed"][1:], strict=True):
            pieces += (value, piece)
        return b"".join(pieces)
    return _gzip_member(kept, values)


# gzip (RFC 1952) around a raw deflate stream (RFC 1951): no name, no time, unknown OS.
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
# An empty fixed-Huffman block marked final: what zlib ends a stream with after a flush.
LAST_BLOCK = b"\x03\x00"
STORED_BLOCK_MAX = 0xFFFF
_ZEROS = memoryview(bytes(1 << 16))


def _crc_of_zeros(length, start=0):
    """``zlib.crc32`` of ``length`` zero bytes, continued from ``start``."""
    while length:
        chunk = min(length, len(_ZEROS))
        start = zlib.crc32(_ZEROS[:chunk], start)
        length -= chunk
    return start


def _crc_continued(check, length, start):
    """``zlib.crc32(piece, start)`` without the piece, from its length and ``check``
    (``zlib.crc32(piece) ^ zlib.crc32(zeros of its length)``): a CRC is affine in the
    value it starts from, and the zeros carry that value as the piece would."""
    return check ^ _crc_of_zeros(length, start)


def _deflated(data):
    """``data`` as deflate blocks ending on a byte boundary, so that other blocks can
    follow: the same page around other values."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def _stored(value):
    """``value`` as uncompressed deflate blocks: a visitor's token is never compressed
    beside anything else (what a BREACH attack needs) and costs nothing to add."""
    blocks = []
    for start in range(0, len(value), STORED_BLOCK_MAX):
        chunk = value[start : start + STORED_BLOCK_MAX]
        blocks.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


def _gzip_member(kept, values):
    (check, size), *rest = kept["checks"]
    blocks, checksum = [GZIP_HEADER, kept["deflated"][0]], _crc_continued(check, size, 0)
    for value, deflated, (check, length) in zip(values, kept["deflated"][1:], rest, strict=True):
        blocks += (_stored(value), deflated)
        checksum = _crc_continued(check, length, zlib.crc32(value, checksum))
        size += len(value) + length
    blocks.append(LAST_BLOCK + struct.pack("<II", checksum, size & 0xFFFFFFFF))
    return b"".join(blocks)


def with_visitors_values(request, page, variant, build, values):
    """The response ``build(filled)`` gives, with ``filled`` a value for each name in
    ``values`` (name: function of the request giving this visitor's value): kept and
    served from the kept copy when it may be, built otherwise. ``variant`` names what else
    decides the page (the view, and a setting such as the captcha)."""
    if not may_keep(request, page) or request.user.is_authenticated:
        return build({name: make(request) for name, make in values.items()})

    def build_with_stand_ins():
        stand_ins = {name: new_stand_in() for name in values}
        response = build(stand_ins)
        response.render()
        content = response.content.decode(response.charset)
        return {
            "content": content,
            "status": response.status_code,
            "headers": dict(response.items()),
            "stand_ins": stand_ins,
            "keep": response.status_code == 200 and each_once(content, stand_ins),
        }

    entry = kept_or_built(request, part_key(KEY, request, page, variant), build_with_stand_ins)
    response = HttpResponse(status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    response.content = filled_in(request, entry["content"], entry["stand_ins"], values)
    return response
