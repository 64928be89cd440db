"""One way to split a listing into pages, forgiving of any ?page= value a visitor sends."""

from django.core.paginator import Paginator


def paginate(request, items, per_page):
    """The page of ``items`` that ``?page=`` asks for: the first for nonsense, the last
    for a number past the end."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
