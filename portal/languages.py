"""Which language a page is written in, and where the same page is in each language.

English lives at the addresses of the public contract, Spanish under ``/es/``
(docs/i18n.md). A Spanish page that nobody has translated yet is an alias of the English
page: it is served under ``/es/`` but its words are English.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from portal.caching import page_tree


def content_language(page, request=None):
    """The language the words of ``page`` are in: an alias shows its original's words."""
    if page.alias_of_id:
        return page_tree.known(
            request,
            f"page-language:{page.alias_of_id}",
            lambda: Page.objects.values_list("locale__language_code", flat=True).get(
                pk=page.alias_of_id
            ),
        )
    return page_tree.locale_code(page.locale_id, request)


def foreign_words_language(page, request=None):
    """The language of ``page``'s words when it is not the active language (an English
    alias shown under /es/ before anyone translates it); "" otherwise."""
    language = content_language(page, request)
    return "" if language == translation.get_language() else language


def _route_suffix(request, page):
    """The part of the address past the page's own URL: ``status/`` on the feedback page."""
    page_url = page.get_url(request)
    if page_url and request.path.startswith(page_url):
        return request.path[len(page_url) :]
    return ""


def language_urls(request, page=None):
    """``[(code, name, url)]``: this page in every language of the site.

    A Wagtail page links to its translation (whose slug may be translated), keeping any
    route below it; any other view, or a page with no copy in a language, to the same
    path under that language's prefix. The query string is left out: these are the
    page's own addresses, and what a visitor typed is never echoed into them.
    """
    translations = {}
    if page is not None and page.pk:
        suffix = _route_suffix(request, page)
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            url = translated.get_url(request)
            if url:
                translations[translated.locale.language_code] = url + suffix
    links = []
    for code, name in settings.LANGUAGES:
        links.append((code, name, translations.get(code) or translate_url(request.path, code)))
    return links
