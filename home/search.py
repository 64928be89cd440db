"""Site search over the pages anyone may read (``page_tree.public_pages``) in the active
language, using Wagtail's search backend."""

from django.utils import translation
from wagtail.models import Locale, Page

from portal.caching.page_tree import public_pages


def search_pages(query):
    """Pages in the active language: under /es/ the Spanish tree, where a page not yet
    translated is its English alias."""
    locales = Locale.objects.filter(language_code=translation.get_language())
    pages = public_pages(Page.objects.filter(locale__in=list(locales)))
    return pages.specific().search(query)
