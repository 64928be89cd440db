"""Anonymous page caching with exact invalidation (docs/deploy.md, "Caching and CDN").

Every public GET answered to a visitor without a staff session is stored in Django's cache
(Redis in production, memory in development), unless it sets a cookie, says
``Cache-Control`` itself, or uses a real CSRF token or its CSP nonce. A page with a form is
built with stand-ins for each visitor's values (its CSRF token and form token:
``home.form_pages``) and stored with them; each answer has them filled in for its visitor,
Django's CSRF middleware sets the visitor's CSRF cookie, and it says ``Cache-Control:
private, no-cache``: no visitor's token is ever served to another or kept by a CDN.

Each stored page remembers the *scopes* it was built from and their versions when it was
stored:

- ``pages``: the page tree, menus, footer and site settings (every page shows them);
- ``feedback``: what moderators decided about residents' reports and comments;
- ``dataset:<pk>``: a dataset, its releases and columns (its page, its downloads, every
  chart drawn from it);
- ``chart:<pk>``: one chart's settings;
- ``catalogue``: the list of datasets (the catalogue, ``/data.json``);
- ``neighbourhoods``: the neighbourhoods residents choose from on the report form.

A view adds the scopes it reads with ``depends_on(request, ...)`` (the chart code does it
for every chart it draws). Publishing, unpublishing or moving a page, a moderation
decision, a new release and an edit to a dataset or chart give the scopes they change a
new version (``invalidate``, once the transaction commits); a stored page whose scopes
moved on is no longer served. The same change asks the CDN to forget those addresses
(``home.cdn``).

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
import uuid
from contextlib import contextmanager
from functools import cache as cache_for_the_process
from functools import partial, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe

SCOPE_KEY = "page-cache:scope:{}"
# Pages, parts and page tree facts are kept per release (``release()``); scope versions
# are shared by every release.
PAGE_KEY = "page-cache:page:{release}:{address}"
# What makes a release: its code, templates and translations, its locked dependencies
# and its static files' names.
RELEASE_FOLDERS = ("portal", "home", "feedback", "publicdata", "templates", "locale")
RELEASE_SUFFIXES = (".py", ".html", ".txt", ".xml", ".po")
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
    too); and purge the CDN once it commits."""
    scopes = frozenset(scopes)
    renew(scopes)
    transaction.on_commit(partial(renew, scopes))
    from home import cdn

    cdn.purge_after_commit(scopes)


def renew(scopes):
    """New versions for ``scopes``."""
    if scopes:
        cache.set_many({SCOPE_KEY.format(scope): uuid.uuid4().hex for scope in scopes}, None)


def version(scope):
    """The current version of ``scope``: part of the key of a cached fragment built from it,
    such as the footer ({% cache %} in base.html)."""
    return current_versions({scope})[scope]


def current_versions(scopes):
    """The current version of each of ``scopes``."""
    keys = {scope: SCOPE_KEY.format(scope) for scope in scopes}
    found = cache.get_many(keys.values())
    missing = [key for key in keys.values() if key not in found]
    if missing:
        # Never changed, or dropped by the cache: a new version, never one seen before,
        # so nothing stored under an old one is served again.
        for key in missing:
            cache.add(key, uuid.uuid4().hex, None)
        found.update(cache.get_many(missing))
    return {scope: found.get(key) for scope, key in keys.items()}


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
    return PAGE_KEY.format(release=release(), address=digest)


@cache_for_the_process
def release(root=None):
    """A digest of the release this process runs: its code, templates, translations, locked
    dependencies and static files' manifest. Nothing an older release stored is served by
    this one, nor the other way round while servers are replaced one at a time."""
    root = Path(root or settings.BASE_DIR)
    files = sorted(
        path
        for folder in RELEASE_FOLDERS
        for path in (root / folder).rglob("*")
        if path.suffix in RELEASE_SUFFIXES and path.is_file()
    )
    files += [root / "uv.lock", Path(settings.STATIC_ROOT) / "staticfiles.json"]
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(f"{path.name}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


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
# The scopes each stored address was built from, as this process last saw them: a hit then
# takes one round trip to the cache (the page and its scopes' versions together).
_scopes_of = {}
MAX_REMEMBERED = 10_000


def page_cache(get_response):
    """Middleware, right below the static files: answer a stored page as it was sent the
    first time (compressed, with every header), or build it and store what is sent."""
    from home import form_pages

    def middleware(request):
        if not _may_use_cache(request):
            response = get_response(request)
            _private(request, response)
            return response
        key = _page_key(request)
        stored = stored_entry(key)
        if stored is not None:
            return _conditional(request, _response_from(request, stored, "hit"))
        request.page_cache_scopes = set(BASE_SCOPES)
        # The versions before the page is built: a change while it is built makes the
        # stored copy stale at once rather than hiding the change.
        before = current_versions(request.page_cache_scopes)
        request._page_tree_version = before["pages"]  # home.page_tree reads it
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
            versions = {**current_versions(request.page_cache_scopes - set(before)), **before}
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
    from home import form_pages

    compressed = response.get("Content-Encoding") == "gzip"
    content = gzip.decompress(response.content) if compressed else response.content
    text = content.decode(response.charset)
    kept = form_pages.kept_copy(text, stand_ins, compressed)
    if _storable(request, response) and form_pages.each_once(text, stand_ins):
        versions = {**current_versions(request.page_cache_scopes - set(before)), **before}
        headers = {
            name: value for name, value in response.items() if name.lower() not in VISITORS_HEADERS
        }
        if CSP_HEADER in headers:
            headers[CSP_HEADER] = NONCE.sub(f"'nonce-{NONCE_MARK}'", headers[CSP_HEADER])
        store_entry(key, versions, headers=headers, **kept)
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
    from home import form_pages

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


def stored_entry(key):
    """What is stored under ``key`` (a page, or a part of one: ``home.templatetags.page_parts``)
    if none of its scopes has moved on since."""
    scopes = _scopes_of.get(key)
    if scopes is None:
        stored = cache.get(key)
        if stored is None:
            return None
        current = current_versions(stored["versions"])
    else:
        found = cache.get_many([key, *(SCOPE_KEY.format(scope) for scope in scopes)])
        stored = found.get(key)
        if stored is None:
            return None
        if stored["versions"].keys() == scopes:
            current = {scope: found.get(SCOPE_KEY.format(scope)) for scope in scopes}
        else:  # stored again by another process, from other scopes
            current = current_versions(stored["versions"])
    _remember(key, stored["versions"])
    return stored if current == stored["versions"] else None


def _remember(key, versions):
    if len(_scopes_of) >= MAX_REMEMBERED:
        _scopes_of.clear()
    _scopes_of[key] = versions.keys()


def store_entry(key, versions, **entry):
    """Store ``entry`` under ``key`` as built from the scopes at ``versions``."""
    cache.set(key, {"versions": versions, **entry}, settings.PORTAL_PAGE_CACHE_SECONDS)
    _remember(key, versions)


def _store(key, versions, response):
    headers = {name: value for name, value in response.items() if name != "X-Page-Cache"}
    if CSP_HEADER in headers:
        headers[CSP_HEADER] = NONCE.sub(f"'nonce-{NONCE_MARK}'", headers[CSP_HEADER])
    store_entry(key, versions, content=response.content, headers=headers)


@contextmanager
def recording_scopes(request):
    """The scopes ``depends_on`` names while the block runs (the request's own scopes get
    them too)."""
    outer = getattr(request, "page_cache_scopes", None)
    inner = set()
    request.page_cache_scopes = inner
    try:
        yield inner
    finally:
        if outer is None:
            del request.page_cache_scopes
        else:
            outer.update(inner)
            request.page_cache_scopes = outer


def holds_its_nonce(request, content):
    """Whether ``content`` (text, or the bytes of a page) has an inline script or style with
    its request's CSP nonce: it is sent only to the one visitor (the nonce must not be known
    in advance), never kept for another."""
    nonce = getattr(request, "_csp_nonce", None)
    if not nonce:
        return False
    return (nonce.encode() if isinstance(content, bytes) else nonce) in content


def _uses_its_nonce(request, response):
    if response.streaming:
        return False
    content = response.content
    if response.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    return holds_its_nonce(request, content)


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
