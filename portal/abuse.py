"""Anti-abuse layers shared by every public form: keyed address hashes for rate limits,
form timing tokens (minimum fill time, one submission per token) and a honeypot.

Visitors are known by their network (``portal.visitors.client_network``: an IPv4
address, an IPv6 /64), and only ever as a hash of it with a key derived from the
SECRET_KEY and the current period, so a hash cannot be traced back to an address or
linked to the same visitor in another period, and only the hash ever reaches the cache.
"""

import hashlib
import hmac
import time
import uuid

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from portal.visitors import client_network

HONEYPOT_FIELD = "website"
_TOKEN_SALT = "feedback.form-token"  # noqa: S105 (a signing namespace, not a secret)


def visitor_key(request, now=None):
    """A keyed hash of the visitor's network that changes every rate-limit period."""
    period = int((now or time.time()) // settings.PORTAL_VISITOR_KEY_ROTATION_SECONDS)
    key = hashlib.sha256(f"{settings.SECRET_KEY}:visitor-key:{period}".encode()).digest()
    return hmac.new(key, client_network(request).encode(), hashlib.sha256).hexdigest()[:32]


def request_too_large(request):
    """Whether the request declares a body over ``FEEDBACK_MAX_REQUEST_BYTES``; Django
    reads no body it cannot measure, so an unreadable length counts as none."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    return declared > settings.FEEDBACK_MAX_REQUEST_BYTES


def visitor_item_key(request, item_label):
    """A keyed hash of the visitor's network and one item (``"comment:12"``) that does not
    rotate, so a person can act on an item once. Tied to the item, it cannot link the
    same visitor's actions on two items."""
    key = hashlib.sha256(f"{settings.SECRET_KEY}:visitor-item-key".encode()).digest()
    message = f"{item_label}:{client_network(request)}"
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def over_limit(request, scope, limit, window_seconds):
    """Count one attempt in ``scope`` for this visitor; True once ``limit`` is passed."""
    cache_key = f"ratelimit:{scope}:{int(time.time() // window_seconds)}:{visitor_key(request)}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    return count > limit


def new_form_token():
    """A signed token that carries when the form was shown and a one-time submission id."""
    return signing.dumps({"id": uuid.uuid4().hex, "at": time.time()}, salt=_TOKEN_SALT)


def renew_form_token(form):
    """Give a bound form that is shown again a fresh token, so the corrected form is a new
    submission that is timed afresh; everything else the person typed is kept."""
    data = form.data.copy()
    data["form_token"] = new_form_token()
    form.data = data
    return form


class FormTokenError(ValueError):
    pass


def read_form_token(token, min_seconds, max_seconds):
    """The submission id in a token, or FormTokenError saying what is wrong with it."""
    try:
        data = signing.loads(token, salt=_TOKEN_SALT)
        shown_at = float(data["at"])
        submission_id = uuid.UUID(data["id"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise FormTokenError("invalid") from error
    age = time.time() - shown_at
    if age < min_seconds:
        raise FormTokenError("too-fast")
    if age > max_seconds:
        raise FormTokenError("expired")
    return submission_id
