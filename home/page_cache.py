"""Anonymous page caching with exact invalidation (docs/deploy.md, "Caching and CDN").

Every public GET answered to a visitor without a staff session is stored in Django's cache
(Redis in production, memory in development) when its response carries no form: a page
that uses a CSRF token, sets any cookie, or says ``Cache-Control`` itself is never stored,
so no visitor's token is ever served to another.

Each stored page remembers the *scopes* it was built from and their versions when it was
stored:

- ``pages``: the page tree, menus, footer and site settings (every page shows them);
- ``feedback``: what moderators decided about residents' reports and comments;
- ``dataset:<pk>``: a dataset, its releases and columns (its page, its downloads, every
  chart drawn from it);
- ``chart:<pk>``: one chart's settings;
- ``catalogue``: the list of datasets (the catalogue, ``/data.json``).

A view adds the scopes it reads with ``depends_on(request, ...)`` (the chart code does it
for every chart it draws). Publishing, unpublishing or moving a page, a moderation
decision, a new release and an edit to a dataset or chart give the scopes they change a
new version (``invalidate``, once the transaction commits); a stored page whose scopes
moved on is no longer served. The same change asks the CDN to forget those addresses
(``home.cdn``).
"""

import hashlib
import uuid
from functools import partial, wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_cache_control

SCOPE_KEY = "page-cache:scope:{}"
PAGE_KEY = "page-cache:page:{}"
# Always part of a page: menus, footer, breadcrumbs and site settings.
BASE_SCOPES = frozenset({"pages"})
CACHEABLE_TYPES = (
    "text/html",
    "application/json",
    "text/csv",
    "application/atom+xml",
    "application/xml",
    "text/plain",
)
# Longer query strings are searches nobody will ask for twice.
MAX_QUERY_LENGTH = 200


def depends_on(request, *scopes):
    """Say that the response to ``request`` is built from ``scopes``."""
    if request is not None and hasattr(request, "page_cache_scopes"):
        request.page_cache_scopes.update(scopes)


def built_from(*scopes):
    """Decorator for a view that is not ours to edit: its answers depend on ``scopes``."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            depends_on(request, *scopes)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def invalidate(*scopes):
    """Give ``scopes`` new versions, so no stored page built from them is served again:
    at once (this transaction's own later reads see the change) and again once it commits
    (a page another request stored meanwhile, from the data before the commit, is dropped
    too); then purge the CDN."""
    scopes = frozenset(scopes)
    _new_versions(scopes)
    transaction.on_commit(partial(_after_commit, scopes))


def _new_versions(scopes):
    cache.set_many({SCOPE_KEY.format(scope): uuid.uuid4().hex for scope in scopes}, None)


def _after_commit(scopes):
    _new_versions(scopes)
    from home import cdn

    cdn.purge_scopes(scopes)


def version(scope):
    """The current version of ``scope`` (``""`` before its first change): part of the key
    of a cached fragment built from it, such as the footer ({% cache %} in base.html)."""
    return cache.get(SCOPE_KEY.format(scope)) or ""


def _versions(scopes):
    keys = {scope: SCOPE_KEY.format(scope) for scope in scopes}
    found = cache.get_many(keys.values())
    return {scope: found.get(key) for scope, key in keys.items()}


def _page_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PAGE_KEY.format(hashlib.sha256(address.encode()).hexdigest())


def _may_use_cache(request):
    return (
        settings.PORTAL_PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_LENGTH
        and not request.path.startswith(("/admin/", "/static/", "/documents/"))
    )


def _anonymous(request):
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _said_public_by_the_view(response):
    """A view that set ``Cache-Control: public`` itself (the API, data files, chart embeds)
    keeps its lifetimes; the page cache still stores its answer."""
    directives = {
        part.strip().split("=")[0].lower()
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }
    return "public" in directives and not directives & {"private", "no-store", "no-cache"}


def _without_varying_headers(response):
    # The language comes from the address alone and a stored page is the same for every
    # anonymous visitor: only the compression varies.
    vary = [
        value.strip()
        for value in response.get("Vary", "").split(",")
        if value.strip() and value.strip().lower() not in ("cookie", "accept-language")
    ]
    if vary:
        response["Vary"] = ", ".join(vary)
    elif response.has_header("Vary"):
        del response["Vary"]


def _public_headers(request, response):
    """What a CDN and a browser may do with a stored page: a browser keeps it briefly, a
    shared cache for long, as every change purges it; an address with a query string
    (search, filters, pages of a list) cannot be purged one by one, so a CDN keeps it
    briefly too."""
    shared = settings.PORTAL_CDN_CACHE_SECONDS
    if request.META.get("QUERY_STRING"):
        shared = min(shared, settings.PORTAL_BROWSER_CACHE_SECONDS)
    patch_cache_control(
        response, public=True, max_age=settings.PORTAL_BROWSER_CACHE_SECONDS, s_maxage=shared
    )


STORED_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "Link", "X-Robots-Tag")


def page_cache(get_response):
    """Middleware: answer from the cache, or store what the view answered."""

    def middleware(request):
        if not _may_use_cache(request):
            response = get_response(request)
            _private(request, response)
            return response
        key = _page_key(request)
        stored = cache.get(key)
        if stored is not None and _versions(stored["versions"]) == stored["versions"]:
            return _response_from(stored)
        request.page_cache_scopes = set(BASE_SCOPES)
        # The versions before the page is built: a change while it is built makes the
        # stored copy stale at once rather than hiding the change.
        before = _versions(request.page_cache_scopes)
        response = get_response(request)
        if _storable(request, response):
            versions = {**_versions(request.page_cache_scopes - set(before)), **before}
            if not response.has_header("Cache-Control"):
                _public_headers(request, response)
            _without_varying_headers(response)
            cache.set(
                key,
                {
                    "versions": versions,
                    "content": response.content,
                    "headers": {
                        name: response[name]
                        for name in (*STORED_HEADERS, "Cache-Control", "Vary")
                        if response.has_header(name)
                    },
                },
                settings.PORTAL_PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        else:
            _private(request, response)
        return response

    return middleware


def _storable(request, response):
    return (
        request.method == "GET"
        and _anonymous(request)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and (not response.has_header("Cache-Control") or _said_public_by_the_view(response))
        and response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES
    )


def _private(request, response):
    """A GET answer that is not stored here must not be stored by a CDN either: it may hold
    a visitor's CSRF token or a staff member's view."""
    if request.method in ("GET", "HEAD") and not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


def _response_from(stored):
    from django.http import HttpResponse

    response = HttpResponse(stored["content"])
    for name, value in stored["headers"].items():
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response
