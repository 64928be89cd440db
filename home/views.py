"""Views outside the page tree: site search, robots.txt and the health check."""

from urllib.parse import quote_plus

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from wagtail.models import Page

from home.pagination import paginate
from home.search import clean_query, search_pages

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    query = clean_query(request.GET.get("query", ""))
    results = search_pages(query) if query else Page.objects.none()
    page_of_results = paginate(request, results, RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_query_encoded": quote_plus(query),
            "search_results": page_of_results,
        },
    )


@require_GET
def robots_txt(request):
    return TemplateResponse(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri("/sitemap.xml")},
        content_type="text/plain; charset=utf-8",
    )


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
