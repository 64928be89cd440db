"""What the page tree alone decides, worked out once per version of the tree instead of on
every request (docs/performance.md, "Building a page").

The site answering a host, its home page in each language, a page's ancestors, its
addresses in each language and the language of a page's words change only when the
``pages`` scope moves on (``portal.caching.scopes``): a page published,
unpublished, moved or deleted, a site or the site settings saved. Each fact is kept in the
cache under that version, so every server sees a change at once, and a page built for a
visitor the page cache cannot answer (a page with a form, a staff member) reads them
without a database query. Each process also keeps its own copy of the facts of the current
version (the ``versioned`` cache), so after the first request only the version itself is
read from Redis.
"""

import hashlib
from contextvars import ContextVar

from django.core.cache import cache, caches
from django.db.models import Q
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction, Site, TranslatableMixin

from portal.caching import scopes

# Kept per release (scopes.release): a release never reads the facts an older one
# stored, whose shape or content may differ.
FACT_KEY = "page-tree:{release}:{version}:{name}"
# A version is replaced, not edited, so an old one's facts only wait to expire.
FACT_SECONDS = 24 * 60 * 60
_MISSING = object()


# The request being answered (set by the ``known_site`` middleware), for code Wagtail calls
# without it: routing's home page in the active language, a page's view restrictions.
_serving = ContextVar("page_tree_request", default=None)


def tree_version(request=None):
    """The version of the page tree, read once per request."""
    request = request or _serving.get()
    if request is None:
        return scopes.version("pages")
    if not hasattr(request, "_page_tree_version"):
        request._page_tree_version = scopes.version("pages")
    return request._page_tree_version


def known(request, name, build):
    """The fact ``name`` of the current page tree: ``build()`` the first time it is asked,
    then read from the cache (once per request)."""
    request = request or _serving.get()
    facts = getattr(request, "_page_tree_facts", None)
    if facts is None:
        facts = {}
        if request is not None:
            request._page_tree_facts = facts
    if name not in facts:
        key = FACT_KEY.format(release=scopes.release(), version=tree_version(request), name=name)
        value = caches["versioned"].get(key, _MISSING)
        if value is _MISSING:
            value = cache.get(key, _MISSING)
            if value is _MISSING:
                value = build()
                cache.set(key, value, FACT_SECONDS)
            caches["versioned"].set(key, value, FACT_SECONDS)
        facts[name] = value
    return facts[name]


def site(request):
    """The Wagtail site answering ``request`` (``Site.find_for_request``), with its home
    page loaded."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    digest = hashlib.sha256(f"{hostname}:{port}".encode()).hexdigest()

    def find():
        found = Site._find_for_request(request)
        if found is not None:
            # Loaded now, as the home page itself, so that routing needs no query for it.
            found.root_page = found.root_page.specific
        return found

    return known(request, f"site:{digest}", find)


def localized(page):
    """``page.localized``, Wagtail's translation of ``page`` in the active language, as a
    fact: routing asks it of the home page for every page it serves."""
    return known(
        None,
        f"localized:{page.pk}:{translation.get_language()}",
        lambda: TranslatableMixin.localized.fget(page),
    )


def restricted_sections():
    """``[(path, restriction ids)]``: each page a view restriction (a login, a password, a
    group) is set on, which it covers with everything below it, and each alias of such a
    page, which takes its original's restrictions as Wagtail applies them
    (``Page.get_view_restrictions``: an alias has none of its own). Under /es/ a page not
    yet translated is an alias of the English one, so its restriction covers both."""

    def build():
        covering = {}
        # Wagtail offers no restriction on an alias and ignores one set on it.
        for page_id, restriction_id in PageViewRestriction.objects.filter(
            page__alias_of=None
        ).values_list("page_id", "pk"):
            covering.setdefault(page_id, []).append(restriction_id)
        originals = set(covering)
        while originals:
            aliases = Page.objects.filter(alias_of__in=originals).exclude(pk__in=list(covering))
            originals = set()
            for alias_id, original_id in aliases.values_list("pk", "alias_of"):
                covering[alias_id] = covering[original_id]
                originals.add(alias_id)
        paths = dict(Page.objects.filter(pk__in=list(covering)).values_list("pk", "path"))
        return sorted((paths[pk], sorted(ids)) for pk, ids in covering.items())

    return known(None, "restricted-sections", build)


def restrictions_over(page):
    """The ids of the view restrictions that apply to ``page``."""
    return sorted(
        {
            restriction_id
            for path, ids in restricted_sections()
            if page.path.startswith(path)
            for restriction_id in ids
        }
    )


def public_pages(pages):
    """The pages of ``pages`` that anyone may read: live, and no view restriction on them
    or above them. Every public list of pages (menus, sitemap, search, news) reads this."""
    private = Q()
    for path, _ids in restricted_sections():
        private |= Q(path__startswith=path)
    pages = pages.live()
    return pages.exclude(private) if private else pages


def open_to(request, page):
    """Whether the visitor of ``request`` may read ``page``, as Wagtail decides when it
    serves it: the page is live and each view restriction over it lets them in (signed
    in, the password given, in the group). Without a request: whether anyone may."""
    if not page.live:
        return False
    ids = restrictions_over(page)
    if not ids:
        return True
    if request is None:
        return False
    restrictions = PageViewRestriction.objects.filter(pk__in=ids)
    return all(restriction.accept_request(request) for restriction in restrictions)


class RestrictionsFromTree:
    """Page mixin: the view restrictions that apply to this page (its own, its ancestors',
    an alias's original's) read from ``restricted_sections``, the same facts the public
    lists of pages read; Wagtail asks before serving every page. A page none applies to
    needs no query. Adding or removing a restriction moves the page tree on
    (portal/caching/invalidation.py)."""

    def get_view_restrictions(self):
        if self.pk is None:
            return super().get_view_restrictions()
        ids = restrictions_over(self)
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


def locale_code(locale_id, request=None):
    """The language code of a locale."""
    return known(
        request,
        f"locale:{locale_id}",
        lambda: Locale.objects.values_list("language_code", flat=True).get(pk=locale_id),
    )


def known_site(get_response):
    """Middleware: the site of each request found from the cache rather than by a query
    (Wagtail reads ``request._wagtail_site`` when it is set)."""

    def middleware(request):
        serving = _serving.set(request)
        try:
            request._wagtail_site = site(request)
            return get_response(request)
        finally:
            _serving.reset(serving)

    return middleware
