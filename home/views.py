"""Views outside the page tree: site search and robots.txt."""

from urllib.parse import quote_plus

from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Page

from home.search import search_pages
from portal.pagination import paginate
from portal.query_strings import clean_query

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
