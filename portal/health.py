"""The health check (``/healthz``) for load balancers, and the plain "try again" page
(503) every page answers with when the database cannot be reached, instead of an error:
nothing on it needs the database, and it tells anyone who was sending something that it
was not saved.

Writes are atomic (a report and its contact details are stored in one transaction), so a
failure leaves nothing half-written.
"""

import logging

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60


def database_unavailable(get_response):
    def middleware(request):
        try:
            return get_response(request)
        except (OperationalError, InterfaceError) as error:
            return _try_again(request, error)

    def process_exception(request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            return _try_again(request, exception)
        return None

    middleware.process_exception = process_exception
    return middleware


def _try_again(request, error):
    from django.http import HttpResponse

    # The class only: a driver's message can hold connection details.
    logger.error("Database unavailable (%s)", type(error).__name__)
    html = render_to_string("503.html", {"was_sending": request.method == "POST"})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def health_check(get_response):
    """``GET /healthz`` answered first, for load balancers: they call each server by its
    own address over plain HTTP, which the host check (ALLOWED_HOSTS) and the HTTPS
    redirect would refuse. The answer says only whether the database responds."""

    def middleware(request):
        if request.path_info == "/healthz" and request.method in ("GET", "HEAD"):
            return healthz(request)
        return get_response(request)

    return middleware


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
