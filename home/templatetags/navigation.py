"""Main navigation, footer sections and breadcrumbs, all built from the page tree of the
active language."""

from django import template
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page, Site

from portal.caching import page_tree
from portal.languages import content_language

register = template.Library()


def _site_root(context):
    """The home page of the site in the active language (the English one if it has none)."""
    request = context.get("request")
    if request is None:
        return None
    # Looked up once per request: the header, footer and breadcrumbs all ask.
    if not hasattr(request, "_localized_site_root"):
        site = Site.find_for_request(request)
        request._localized_site_root = site.root_page.localized if site else None
    return request._localized_site_root


def _with_words_language(pages):
    """Each page with ``words_language``: the language its title is written in, which for
    a page not yet translated (an alias) is its original's, so links can say ``lang``."""
    return pages.annotate(
        words_language=Coalesce(F("alias_of__locale__language_code"), F("locale__language_code"))
    )


def _menu_children(page):
    pages = page_tree.public_pages(page.get_children()).in_menu().only("title", "url_path")
    return _with_words_language(pages)


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_nav(context):
    root = _site_root(context)
    current_page = context.get("page")
    items = list(_menu_children(root)) if root else []
    current_path = current_page.url_path if current_page else ""
    return {
        "request": context.get("request"),
        "root": root,
        "items": items,
        "current_path": current_path,
    }


@register.inclusion_tag("includes/footer_nav.html", takes_context=True)
def footer_nav(context):
    """Top-level sections with their own menu pages beneath them, in tree order."""
    root = _site_root(context)
    if root is None:
        return {"sections": []}
    sections = list(_menu_children(root))
    children = _with_words_language(
        page_tree.public_pages(Page.objects.all())
        .in_menu()
        .filter(depth=root.depth + 2, path__startswith=root.path)
        .only("title", "url_path", "path")
        .order_by("path")
    )
    by_parent = {}
    for child in children:
        by_parent.setdefault(child.path[: -Page.steplen], []).append(child)
    return {
        "request": context.get("request"),
        "sections": [(section, by_parent.get(section.path, [])) for section in sections],
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    root = _site_root(context)
    if root is None or page is None or page.pk == root.pk:
        return {"ancestors": []}

    def build():
        ancestors = page.get_ancestors().filter(depth__gte=root.depth).only("title", "url_path")
        return list(_with_words_language(ancestors))

    ancestors = page_tree.known(context.get("request"), f"ancestors:{root.pk}:{page.pk}", build)
    return {"request": context.get("request"), "ancestors": ancestors, "page": page}


@register.filter
def lang_if_other(page):
    """`` lang="en"`` on a link to a page whose title is not in the active language."""
    language = getattr(page, "words_language", None) or content_language(page)
    if language != translation.get_language():
        return format_html(' lang="{}"', language)
    return ""


@register.simple_tag
def is_current_section(current_path, item):
    return bool(current_path) and current_path.startswith(item.url_path)


@register.simple_tag(takes_context=True)
def page_tree_version(context):
    """Changes whenever the page tree or the site settings do (portal/caching/page_cache.py): the
    header's menu and the footer are cached per version and language."""
    return page_tree.tree_version(context.get("request"))
