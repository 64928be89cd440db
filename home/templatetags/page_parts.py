"""``{% page_part page %}…{% end_page_part %}``: the part of a published page that is the
same for every visitor (its body: text, charts, calls to action; its comments; a form as
everyone first gets it, without its tokens), rendered once and kept until something it
shows changes (docs/performance.md, "Building a page").

The page cache (``home.page_cache``) stores whole pages, but not a page with a form, a
page for a staff member, or a page built after a change. Those are built again, and their
body is most of the work: the blocks, the charts' data, the links. A part is stored like a
page, with the scopes it was built from (always ``pages``: a part of a page changes when
the page is published; a chart adds its dataset and chart), and is served only while none
of them has moved on.

A part is kept per page, language and host. It is never kept for a preview (a draft, not
the published page), nor when it holds a CSRF token, the request's CSP nonce or a stand-in
for one visitor's value (``home.form_pages``): those belong to one visitor or one build.
"""

import hashlib

from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from home import page_cache
from home.page_tree import tree_version

register = template.Library()

PART_KEY = "page-part:{release}:{address}"
CSRF_USED = "CSRF_COOKIE_NEEDS_UPDATE"


@register.tag("page_part")
def page_part(parser, token):
    """``{% page_part page %}`` or ``{% page_part page when condition %}`` (kept only when
    ``condition`` holds: a form nobody has filled in yet)."""
    bits = token.split_contents()
    if len(bits) not in (2, 4) or (len(bits) == 4 and bits[2] != "when"):
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes the page, then optionally 'when' and a condition"
        )
    nodelist = parser.parse(("end_page_part",))
    parser.delete_first_token()
    where = f"{parser.origin.template_name}:{token.lineno}"
    condition = parser.compile_filter(bits[3]) if len(bits) == 4 else None
    return PagePartNode(nodelist, parser.compile_filter(bits[1]), where, condition)


class PagePartNode(template.Node):
    def __init__(self, nodelist, page, where, condition=None):
        self.nodelist = nodelist
        self.page = page
        self.where = where
        self.condition = condition

    def render(self, context):
        request = context.get("request")
        page = self.page.resolve(context)
        if not may_keep(request, page) or (
            self.condition is not None and not self.condition.resolve(context)
        ):
            return self.nodelist.render(context)
        key = part_key(PART_KEY, request, page, self.where)
        entry = kept_or_built(request, key, lambda: {"content": self.nodelist.render(context)})
        return mark_safe(entry["content"])  # noqa: S308 (our own rendering, kept)


def part_key(pattern, request, page, where):
    """The key of what is kept of ``page`` at ``where`` (a place in a template, a view), in
    the active language, for the request's host and query string, in this release."""
    site = f"{request.scheme}://{request.get_host()}"
    # With the query string: a part may show what it asks for (a chart's chosen series).
    query = request.META.get("QUERY_STRING", "")
    address = f"{where}|{page.pk}|{translation.get_language()}|{site}|{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return pattern.format(release=page_cache.release(), address=digest)


def kept_or_built(request, key, build):
    """The entry kept under ``key`` while none of the scopes it was built from has moved on
    (the request depends on them too); otherwise what ``build()`` gives: a dict with the
    ``content`` shown (text) and whatever else to keep with it, kept unless its ``keep``
    is false or the content used a CSRF token or holds the request's CSP nonce."""
    stored = page_cache.stored_entry(key)
    if stored is not None:
        page_cache.depends_on(request, *stored["versions"])
        return stored
    pages_version = tree_version(request)
    csrf_used_before = request.META.pop(CSRF_USED, None)
    with page_cache.recording_scopes(request) as scopes:
        entry = build()
    entry["content"] = str(entry["content"])
    from home.form_pages import holds_stand_ins

    keep = (
        entry.pop("keep", True)
        and not request.META.get(CSRF_USED)
        and not page_cache.holds_its_nonce(request, entry["content"])
        and not holds_stand_ins(request, entry["content"])
    )
    if csrf_used_before:
        request.META[CSRF_USED] = csrf_used_before
    if keep:
        versions = {**page_cache.current_versions(scopes - {"pages"}), "pages": pages_version}
        page_cache.store_entry(key, versions, **entry)
    return entry


@register.simple_tag(takes_context=True)
def built_from(context, *scopes):
    """``{% built_from "neighbourhoods" %}``: what is around it shows ``scopes``, for data
    read by code that does not say so itself (a form's choices)."""
    page_cache.depends_on(context.get("request"), *scopes)
    return ""


def may_keep(request, page):
    return (
        request is not None
        and not getattr(request, "is_preview", False)
        and getattr(page, "pk", None) is not None
        and page.live
    )
