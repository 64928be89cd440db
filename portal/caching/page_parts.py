"""``{% page_part page %}…{% end_page_part %}``: the part of a published page that is the
same for every visitor (its body: text, charts, calls to action; its comments; a form as
everyone first gets it, without its tokens), rendered once and kept until something it
shows changes (docs/performance.md, "Building a page"). This module keeps them; the tag
that marks them in a template is in ``portal/templatetags/page_parts.py``.

The page cache (``page_cache``) stores whole pages, but not a page with a form, a
page for a staff member, or a page built after a change. Those are built again, and their
body is most of the work: the blocks, the charts' data, the links. A part is stored like a
page, with the scopes it was built from (always ``pages``: a part of a page changes when
the page is published; a chart adds its dataset and chart), and is served only while none
of them has moved on.

A part is kept per page, language and host. It is never kept for a preview (a draft, not
the published page), nor when it holds a CSRF token, the request's CSP nonce or a stand-in
for one visitor's value (``form_pages``): those belong to one visitor or one build.
"""

import hashlib

from django.utils import translation

from portal.caching import scopes
from portal.caching.page_tree import tree_version

PART_KEY = "page-part:{release}:{address}"
CSRF_USED = "CSRF_COOKIE_NEEDS_UPDATE"


def part_key(pattern, request, page, where):
    """The key of what is kept of ``page`` at ``where`` (a place in a template, a view), in
    the active language, for the request's host and query string, in this release."""
    site = f"{request.scheme}://{request.get_host()}"
    # With the query string: a part may show what it asks for (a chart's chosen series).
    query = request.META.get("QUERY_STRING", "")
    address = f"{where}|{page.pk}|{translation.get_language()}|{site}|{query}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return pattern.format(release=scopes.release(), address=digest)


def kept_or_built(request, key, build):
    """The entry kept under ``key`` while none of the scopes it was built from has moved on
    (the request depends on them too); otherwise what ``build()`` gives: a dict with the
    ``content`` shown (text) and whatever else to keep with it, kept unless its ``keep``
    is false (a part that holds a stand-in for a visitor's value says so:
    ``portal/templatetags/page_parts.py``) or the content used a CSRF token or holds the
    request's CSP nonce."""
    stored = scopes.stored_entry(key)
    if stored is not None:
        scopes.depends_on(request, *stored["versions"])
        return stored
    pages_version = tree_version(request)
    csrf_used_before = request.META.pop(CSRF_USED, None)
    with scopes.recording_scopes(request) as read:
        entry = build()
    entry["content"] = str(entry["content"])
    keep = (
        entry.pop("keep", True)
        and not request.META.get(CSRF_USED)
        and not scopes.holds_its_nonce(request, entry["content"])
    )
    if csrf_used_before:
        request.META[CSRF_USED] = csrf_used_before
    if keep:
        versions = {**scopes.current_versions(read - {"pages"}), "pages": pages_version}
        scopes.store_entry(key, versions, **entry)
    return entry


def may_keep(request, page):
    return (
        request is not None
        and not getattr(request, "is_preview", False)
        and getattr(page, "pk", None) is not None
        and page.live
    )
