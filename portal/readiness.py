"""``/readyz``: whether this server can serve, for a load balancer to stop sending it
requests when it cannot. ``/healthz`` says the process answers and reaches the database;
``/readyz`` also checks the cache (Redis in production), which every page and form needs:
it writes a value and reads it back.

Answered before the host check and the HTTPS redirect, as ``/healthz`` is, so a balancer
may call each server by its own address over plain HTTP. The answer names what failed,
never why (a driver's message can hold addresses or passwords).
"""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

PATH = "/readyz"
CACHE_PROBE_KEY = "readyz:probe"


def readiness_check(get_response):
    def middleware(request):
        if request.path_info == PATH and request.method in ("GET", "HEAD"):
            return readyz(request)
        return get_response(request)

    return middleware


def readyz(request):
    checks = {"database": _database_state(), "cache": "ok" if _cache_answers() else "unavailable"}
    ready = all(state == "ok" for state in checks.values())
    response = JsonResponse(
        {"status": "ok" if ready else "error", **checks}, status=200 if ready else 503
    )
    add_never_cache_headers(response)
    return response


def _database_state():
    """One of ok, unavailable, or read-only for a PostgreSQL standby (a replica not yet
    promoted, or a server still pointed at the old primary's replica): it answers reads,
    but no report could be stored."""
    query = "SELECT pg_is_in_recovery()" if connection.vendor == "postgresql" else "SELECT 0"
    try:
        with connection.cursor() as cursor:
            cursor.execute(query)
            (in_recovery,) = cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Not ready: the database does not answer (%s)", type(error).__name__)
        return "unavailable"
    if in_recovery:
        logger.warning("Not ready: the database is a read-only standby")
        return "read-only"
    return "ok"


def _cache_answers():
    # Each probe its own value, so a value another server wrote cannot pass for this one's.
    value = secrets.token_hex(8)
    try:
        cache.set(CACHE_PROBE_KEY, value, timeout=10)
        return cache.get(CACHE_PROBE_KEY) == value
    except Exception as error:  # noqa: BLE001 (any cache backend's own connection errors)
        logger.warning("Not ready: the cache does not answer (%s)", type(error).__name__)
        return False
