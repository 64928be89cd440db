"""Who a visitor is, as far as rate limits, "Report this" and staff lockouts need to know:
the address the trusted reverse proxies saw, reduced to the network that stands for one
visitor, and the guard that refuses proxied requests while production has been told there
is no proxy.

The address is read here and nowhere else. Callers get the visitor's network only, and
either hash it (``portal.abuse``) or keep it for the cool-off of a failed staff sign-in
(``portal.staff.lockouts``); nothing here stores or logs it (privacy rule 2).
"""

import ipaddress
import logging
import re

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# An address as some proxies append it, with the port: "203.0.113.9:51234" or
# "[2001:db8::1]:443".
_WITH_PORT = re.compile(r"^\[(?P<bracketed>[^\]]+)\](?::\d{1,5})?$|^(?P<v4>[\d.]+):\d{1,5}$")
# Longer than any address with a port and a zone: not worth parsing.
_LONGEST = 64


def visitor_network(address):
    """The key that stands for the visitor at ``address``, or None when it is not an address.

    An IPv4 address is its own key. An IPv6 address stands for its /64: a home or a phone is
    given a whole /64 and may use any address in it, so keying on the full address would let
    one visitor take 2**64 keys. An IPv4 address written as IPv6 (``::ffff:203.0.113.9``) is
    that IPv4 address. The key is an address itself (the /64's first address,
    ``2001:db8:1:2::``), so django-axes can store it as one.
    """
    text = (address or "").strip()
    if not text or len(text) > _LONGEST:
        return None
    with_port = _WITH_PORT.match(text)
    if with_port:
        text = with_port.group("bracketed") or with_port.group("v4")
    try:
        parsed = ipaddress.ip_address(text)
    except ValueError:
        return None
    if parsed.version == 6 and parsed.ipv4_mapped is not None:
        parsed = parsed.ipv4_mapped
    if parsed.version == 4:
        return str(parsed)
    return str(ipaddress.IPv6Address(int(parsed) >> 64 << 64))


def _forwarded_address(request):
    """The address the outermost trusted proxy appended to X-Forwarded-For, or None."""
    proxies = settings.PORTAL_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return None
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    # Fewer hops than proxies: the request skipped a proxy, so the hops are the sender's
    # own words; the connection's address is the only one a proxy vouches for.
    return hops[-proxies] if len(hops) >= proxies else None


def client_network(request):
    """The network of the visitor who sent ``request`` (see ``visitor_network``): read from
    X-Forwarded-For only as far as ``PORTAL_TRUSTED_PROXY_COUNT`` proxies vouch for it,
    otherwise from the connection. Empty when neither is an address.

    A trusted hop that is not an address counts as the connection's address: a visitor who
    could write there (with the count set too high) then shares one key with everyone else
    who does, rather than choosing a new key with every request.
    """
    return (
        visitor_network(_forwarded_address(request))
        or visitor_network(request.META.get("REMOTE_ADDR"))
        or ""
    )


_told_the_operators = False


def uncounted_proxy_guard(get_response):
    """Refuse requests that came through a proxy while ``PORTAL_TRUSTED_PROXY_COUNT`` is 0,
    when ``PORTAL_REFUSE_UNCOUNTED_PROXIES`` is on (production).

    Behind a proxy that setting makes every visitor the proxy's one address: one person
    could lock any staff username out and use up every visitor's rate limits. A site that
    answers 503 is noticed and fixed in minutes; one that quietly counts everyone as one
    visitor is not. The operators are told once per process, in the error log.
    """

    def middleware(request):
        if (
            settings.PORTAL_REFUSE_UNCOUNTED_PROXIES
            and settings.PORTAL_TRUSTED_PROXY_COUNT == 0
            and "HTTP_X_FORWARDED_FOR" in request.META
        ):
            return _refuse(request)
        return get_response(request)

    return middleware


def _refuse(request):
    global _told_the_operators
    if not _told_the_operators:
        _told_the_operators = True
        # Never the header's value: it holds visitors' addresses.
        logger.error(
            "A request came through a proxy (it carries X-Forwarded-For) but "
            "PORTAL_TRUSTED_PROXY_COUNT is 0, so every visitor would count as the proxy's "
            "one address. Answering 503 to such requests until PORTAL_TRUSTED_PROXY_COUNT "
            "is set to the number of proxies in front of the site (docs/deploy.md, "
            '"The visitor\'s address").'
        )
    html = render_to_string("503.html", {"was_sending": request.method == "POST"})
    response = HttpResponse(html, status=503)
    response["Cache-Control"] = "no-store"
    return response
