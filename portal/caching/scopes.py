"""Scopes: what a page, a part of one or a fact of the page tree is built from, each with a
version that changes when its data does (docs/deploy.md, "Caching and CDN").

Whatever the caches keep is stored with the versions of its scopes when it was built, and
is served only while none of them has moved on (``stored_entry``). A view says which
scopes it reads with ``depends_on(request, ...)``; a change gives the scopes it touches
new versions (``portal.caching.invalidation.invalidate``). The core owns one scope,
``pages``: the page tree, menus, footer and site settings, which every page shows. Each
app names the scopes of its own data, and the changes that move them on, in its
``apps.py`` (the list is in docs/architecture.md).

What is kept is kept per release (``release``): a release never serves what another one
stored. Nothing kept ever holds its request's CSP nonce (``holds_its_nonce``).
"""

import hashlib
import uuid
from contextlib import contextmanager
from functools import cache as cache_for_the_process
from functools import wraps
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache

SCOPE_KEY = "page-cache:scope:{}"
# What makes a release besides its apps' code: templates and translations, its locked
# dependencies and its static files' names.
RELEASE_FOLDERS = ("templates", "locale")
RELEASE_SUFFIXES = (".py", ".html", ".txt", ".xml", ".po")
# The scopes each stored address was built from, as this process last saw them: a hit then
# takes one round trip to the cache (the page and its scopes' versions together).
_scopes_of = {}
MAX_REMEMBERED = 10_000


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


def stored_entry(key):
    """What is stored under ``key`` (a page, or a part of one: ``portal.caching.page_parts``)
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


@cache_for_the_process
def release(root=None):
    """A digest of the release this process runs: its code, templates, translations, locked
    dependencies and static files' manifest. Nothing an older release stored is served by
    this one, nor the other way round while servers are replaced one at a time."""
    root = Path(root or settings.BASE_DIR)
    files = sorted(
        path
        for folder in release_folders(root)
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


def release_folders(root):
    """The folders whose files make a release: each app of the project (a folder at its
    top; those installed from packages are in ``uv.lock``), its templates and translations."""
    project_apps = {
        Path(config.path).name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == Path(root).resolve()
    }
    return sorted(project_apps | set(RELEASE_FOLDERS))
