"""The language switcher, the hreflang alternates and the untranslated-page notice."""

import hashlib

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page, Site

from portal import languages
from portal.caching import page_tree

register = template.Library()


def _links(context):
    request = context.get("request")
    if request is None:
        return []
    # The switcher and the alternates in <head> both ask: worked out once per request.
    page = context.get("page")
    known = getattr(request, "_language_links", None)
    if known is None or known[0] is not page:
        request._language_links = (page, _language_urls(request, page))
    return request._language_links[1]


def _language_urls(request, page):
    if page is None or not page.pk:
        return languages.language_urls(request, page)
    # A page's addresses depend on the page tree only (and on the route below the page).
    site = Site.find_for_request(request)
    path = hashlib.sha256(request.path.encode()).hexdigest()
    return page_tree.known(
        request,
        f"language-urls:{site.pk if site else ''}:{page.pk}:{path}",
        lambda: languages.language_urls(request, page),
    )


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    current = translation.get_language()
    return {
        "languages": [
            {"code": code, "name": name, "url": url, "current": code == current}
            for code, name, url in _links(context)
        ]
    }


@register.inclusion_tag("includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    """``<link rel="alternate" hreflang>`` for each language, English as the default."""
    request = context.get("request")
    links = [(code, request.build_absolute_uri(url)) for code, _name, url in _links(context)]
    return {"links": links, "default_url": dict(links).get(settings.LANGUAGE_CODE)}


@register.simple_tag(takes_context=True)
def untranslated_words(context):
    """The language of the page's words when it has not been translated into the active
    language yet (an English alias under /es/), for its ``lang``; otherwise ""."""
    page = context.get("page")
    if not isinstance(page, Page):
        return ""
    return languages.foreign_words_language(page, context.get("request"))


@register.filter
def original_page(page):
    """The page whose words an alias shows (the English page of an untranslated one)."""
    return page.alias_of.specific if page.alias_of_id else page


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page):
    """The address of ``page`` in the active language (``{% pageurl page.localized %}``),
    worked out once per version of the page tree."""
    request = context.get("request")
    site = Site.find_for_request(request)
    return page_tree.known(
        request,
        f"page-url:{site.pk if site else ''}:{page.pk}:{translation.get_language()}",
        lambda: page.localized.get_url(request=request),
    )


@register.filter
def in_active_language(path):
    """A path on this site (``/feedback/``) under the active language's prefix."""
    if not path.startswith("/") or path.startswith("//"):
        return path
    # Paths are written as English ones: resolved in English, reversed in the active one.
    language = translation.get_language()
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(path, language)


@register.filter
def lang_if_english(record, field_name):
    """`` lang="en"`` where a record read in Spanish shows a text nobody has translated."""
    if field_name in getattr(record, "english_fields", ()):
        return format_html(' lang="{}"', "en")
    return ""


@register.simple_tag
def lang_if_not_default():
    """`` lang="en"`` on what staff write once, in the site's language (keywords, tags,
    release notes), when the page is in another language."""
    default = settings.LANGUAGE_CODE
    if translation.get_language() == default:
        return ""
    return format_html(' lang="{}"', default)
