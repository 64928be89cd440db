"""Main navigation, footer sections and breadcrumbs, all built from the page tree."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


def _menu_children(page):
    return page.get_children().live().public().in_menu().only("title", "url_path")


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
    children = (
        Page.objects.live()
        .public()
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
    ancestors = page.get_ancestors().filter(depth__gte=root.depth).only("title", "url_path")
    return {"request": context.get("request"), "ancestors": list(ancestors), "page": page}


@register.simple_tag
def is_current_section(current_path, item):
    return bool(current_path) and current_path.startswith(item.url_path)
