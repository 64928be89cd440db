"""The error page when the database or the cache cannot be reached: the plain "try again"
page (503, ``Retry-After``) instead of "something went wrong" (500), wherever the failure
comes from: a view, or a middleware above the views (the page cache reads Redis before
any view runs, which ``portal.health.database_unavailable`` cannot catch). Any other
error is the usual 500 page. Django calls this with the exception still being handled.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    error = sys.exc_info()[1]
    if not isinstance(error, UNREACHABLE):
        return django_server_error(request)
    # The class only: a driver's message can hold addresses or passwords.
    logger.error("A service is unreachable (%s): answered 503", type(error).__name__)
    # Not "nothing you sent was saved": the failure may have come after a report was stored
    # (sent again, the same form gets the same receipt code).
    response = HttpResponse(render_to_string("503.html", {"was_sending": False}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
