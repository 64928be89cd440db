"""Anonymous page caching with exact invalidation (docs/deploy.md, "Caching and CDN").

Every public GET answered to a visitor without a staff session is stored in Django's cache
(Redis in production, memory in development), unless it sets a cookie, says
``Cache-Control`` itself, or uses a real CSRF token or its CSP nonce. A page with a form is
built with stand-ins for each visitor's values (its CSRF token and form token:
``portal.caching.form_pages``) and stored with them; each answer has them filled in for
its visitor, Django's CSRF middleware sets the visitor's CSRF cookie, and it says
``Cache-Control: private, no-cache``: no visitor's token is ever served to another or kept
by a CDN.

Each stored page remembers the *scopes* it was built from and their versions when it was
stored (``portal.caching.scopes``): ``pages`` for every page (the page tree, menus, footer
and site settings), and those of the apps' data the view read (``depends_on``). A change
gives the scopes it touches new versions (``portal.caching.invalidation``); a stored page
whose scopes moved on is no longer served, and the CDN is asked to forget its addresses
(``portal.caching.cdn``).

The middleware sits right below the static files. A page is stored as it was sent
(compressed for a browser that accepts gzip, with its ETag and security headers), so a
hit is one trip to the cache (the page and its scopes' versions together) and nothing
below the middleware runs: no compression, no session, no database. A page with stand-ins
is stored cut at them, each piece compressed on its own, so its hits compress nothing
either. Each hit gets a fresh Content-Security-Policy nonce; a page that uses its nonce
inline is never stored.
"""

import base64
import gzip
import hashlib
import os
import re

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe

from portal.caching import form_pages, scopes

# Kept per release (``scopes.release()``), as parts and page tree facts are.
PAGE_KEY = "page-cache:page:{release}:{address}"
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


# What else than its address decides a page, named by the apps that own it (the captcha on
# the report form: feedback/apps.py): functions giving a short text.
_variants = []


def varies_with(describe):
    """Every page is stored per value of ``describe()`` too."""
    _variants.append(describe)


def _page_key(request):
    """One stored page per address and compression (the page is stored as sent)."""
    encoding = "gzip" if accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
    address = f"{encoding} {request.scheme}://{request.get_host()}{request.get_full_path()}"
    variant = " ".join(describe() for describe in _variants)
    digest = hashlib.sha256(f"{address} {variant}".encode()).hexdigest()
    return PAGE_KEY.format(release=scopes.release(), address=digest)


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


# Where a stored page's Content-Security-Policy had its request's nonce: each answer from
# the cache gets a fresh one, as every other response does.
NONCE_MARK = "{page-cache-nonce}"
CSP_HEADER = "Content-Security-Policy"
NONCE = re.compile(r"'nonce-[^']*'")
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
accepts_gzip = re.compile(r"\bgzip\b")


def page_cache(get_response):
    """Middleware, right below the static files: answer a stored page as it was sent the
    first time (compressed, with every header), or build it and store what is sent."""

    def middleware(request):
        if not _may_use_cache(request):
            response = get_response(request)
            _private(request, response)
            return response
        key = _page_key(request)
        stored = scopes.stored_entry(key)
        if stored is not None:
            return _conditional(request, _response_from(request, stored, "hit"))
        request.page_cache_scopes = set(BASE_SCOPES)
        # The versions before the page is built: a change while it is built makes the
        # stored copy stale at once rather than hiding the change.
        before = scopes.current_versions(request.page_cache_scopes)
        request._page_tree_version = before["pages"]  # portal.caching.page_tree reads it
        # The page is built whole, so that it can be stored; the browser's copy is then
        # compared with it here.
        conditional = {
            name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META
        }
        # A form's tokens are stand-ins, stored as such and filled in for each visitor.
        with form_pages.building_with_stand_ins(request) as stand_ins:
            response = get_response(request)
        request.META.update(conditional)
        if stand_ins and not response.streaming:
            return _with_visitors_values(request, key, before, response, stand_ins)
        if _storable(request, response):
            versions = {
                **scopes.current_versions(request.page_cache_scopes - set(before)),
                **before,
            }
            if not response.has_header("Cache-Control"):
                _public_headers(request, response)
            _without_varying_headers(response)
            _store(key, versions, response)
            response["X-Page-Cache"] = "miss"
        else:
            _private(request, response)
        return _conditional(request, response)

    return middleware


# Headers of a page with stand-ins that the values filled in change, or that belong to
# the first visitor's answer (compression and lifetimes are set again for each).
VISITORS_HEADERS = {
    "cache-control",
    "content-encoding",
    "content-length",
    "etag",
    "last-modified",
    "vary",
    "x-page-cache",
}


def _with_visitors_values(request, key, before, response, stand_ins):
    """A page built with stand-ins for one visitor's values: stored with them when it may
    be, and answered with this visitor's values."""
    compressed = response.get("Content-Encoding") == "gzip"
    content = gzip.decompress(response.content) if compressed else response.content
    text = content.decode(response.charset)
    kept = form_pages.kept_copy(text, stand_ins, compressed)
    if _storable(request, response) and form_pages.each_once(text, stand_ins):
        versions = {**scopes.current_versions(request.page_cache_scopes - set(before)), **before}
        headers = {
            name: value for name, value in response.items() if name.lower() not in VISITORS_HEADERS
        }
        if CSP_HEADER in headers:
            headers[CSP_HEADER] = NONCE.sub(f"'nonce-{NONCE_MARK}'", headers[CSP_HEADER])
        scopes.store_entry(key, versions, headers=headers, **kept)
        return _response_from(request, {"headers": headers, **kept}, "miss")

    def filled(request):
        # Not stored: this visitor's answer as built, with their values.
        response.content = form_pages.body_for(request, kept)
        response["Content-Length"] = str(len(response.content))
        for name in ("ETag", "Last-Modified"):
            if response.has_header(name):
                del response[name]
        _private(request, response)
        return response

    return CsrfViewMiddleware(filled)(request)


def _filled_in(request, stored, state):
    body = form_pages.body_for(request, stored)
    response = HttpResponse(body)
    for name, value in stored["headers"].items():
        response[name] = value
    if stored["deflated"] is not None:
        response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
    response["Content-Length"] = str(len(body))
    _fresh_nonce(response, stored)
    # One visitor's tokens: for their browser alone, which asks again each time (no
    # ETag: a copy kept from before holds a form token that may be spent).
    response["Cache-Control"] = "private, no-cache"
    response["X-Page-Cache"] = state
    return response


def _store(key, versions, response):
    headers = {name: value for name, value in response.items() if name != "X-Page-Cache"}
    if CSP_HEADER in headers:
        headers[CSP_HEADER] = NONCE.sub(f"'nonce-{NONCE_MARK}'", headers[CSP_HEADER])
    scopes.store_entry(key, versions, content=response.content, headers=headers)


def _uses_its_nonce(request, response):
    if response.streaming:
        return False
    content = response.content
    if response.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    return scopes.holds_its_nonce(request, content)


def _storable(request, response):
    return (
        request.method == "GET"
        and _anonymous(request)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and (not response.has_header("Cache-Control") or _said_public_by_the_view(response))
        and response.get("Content-Type", "").split(";")[0] in CACHEABLE_TYPES
        and not _uses_its_nonce(request, response)
    )


def _private(request, response):
    """A GET answer that is not stored here must not be stored by a CDN either: it may hold
    a visitor's CSRF token or a staff member's view."""
    if request.method in ("GET", "HEAD") and not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


def _filled_in_for(request):
    return _filled_in(request, *request._page_cache_answer)


# Django's CSRF middleware around the answers with a visitor's values: it reads the
# visitor's CSRF cookie (for the token filled in) and sets it on the answer, with Vary:
# Cookie. One for the process: only its request and response steps run, which keep nothing.
_with_csrf_cookie = CsrfViewMiddleware(_filled_in_for)


def _response_from(request, stored, state):
    if "values" in stored:
        request._page_cache_answer = (stored, state)
        return _with_csrf_cookie(request)
    response = HttpResponse(stored["content"])
    for name, value in stored["headers"].items():
        response[name] = value
    _fresh_nonce(response, stored)
    response["X-Page-Cache"] = state
    return response


def _fresh_nonce(response, stored):
    if CSP_HEADER in stored["headers"]:
        nonce = base64.b64encode(os.urandom(16)).decode("ascii")
        response[CSP_HEADER] = stored["headers"][CSP_HEADER].replace(NONCE_MARK, nonce)


def _conditional(request, response):
    """304 Not Modified when the browser's copy has the page's ETag or date."""
    if response.status_code != 200 or request.method not in ("GET", "HEAD"):
        return response
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=last_modified and parse_http_date_safe(last_modified),
        response=response,
    )
