"""Telling the CDN to forget the addresses whose content changed (docs/deploy.md, "Caching
and CDN").

One path. What a transaction changes (the scopes of the page cache it moves on,
``invalidation.invalidate``, and the addresses a page leaves when it is unpublished,
moved, renamed or deleted) is gathered and, once the transaction commits, handed in one
background task to Wagtail's frontend cache (``PurgeBatch``), which sends it to the CDN
configured in ``WAGTAILFRONTENDCACHE`` (Cloudflare in production settings). So an editor
or moderator never waits for the CDN's API, and a change that saves many rows (a page and
its Spanish alias, a moderation decision that republishes the residents' dataset) purges
each address once.

Every address named here answers: live pages with the paths their type says a CDN keeps
(``get_cached_paths``: the feedback page's published reports, CSV and feed), and the
views each app names for its own scopes (``addresses_of``, in its ``apps.py``), in each
language they answer in. Wagtail's own handlers of page signals are left out
(``portal.apps.FrontendCacheConfig``), and
``WAGTAILFRONTENDCACHE_LANGUAGES`` is empty so that Wagtail sends the addresses as given.
Without a CDN configured nothing is gathered or sent.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, Site

from portal.caching.scopes import renew

# kind of scope -> functions adding to a PurgeBatch the addresses built from a scope of that
# kind, named by the apps (``addresses_of``).
_addresses = {}


def purge_after_commit(scopes=(), addresses=()):
    """Purge the addresses built from ``scopes``, and ``addresses``, once the transaction
    commits (at once outside a transaction), together with everything else it changed."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    changes = _changes_waiting_for_commit()
    changes.scopes.update(scopes)
    changes.addresses.update(addresses)
    if not changes.waiting:
        changes.waiting = True
        transaction.on_commit(changes)


class _Changes:
    """What one transaction changed, sent once when it commits."""

    def __init__(self):
        self.scopes, self.addresses = set(), set()
        self.waiting = self.sent = False

    def __call__(self):
        if self.sent:
            return
        self.sent = True
        # Before the CDN asks again: no page another request stored while the
        # transaction ran, from the data before it, may be what the CDN gets.
        renew(self.scopes)
        purge_addresses.enqueue(sorted(self.scopes), sorted(self.addresses))


def _changes_waiting_for_commit():
    """The changes gathered in this transaction so far, or new ones. They are found among
    the transaction's commit callbacks, so a savepoint rolled back takes its own with it
    and nothing carries over into another transaction."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for entry in connection.run_on_commit:
            callback = entry[1]
            if isinstance(callback, _Changes) and not callback.sent:
                return callback
    return _Changes()


@task()
def purge_addresses(scopes, addresses=()):
    """Purge the addresses built from ``scopes``, and ``addresses``. The name and first
    argument are those of the task the release before queued: one queued before a deploy
    still runs."""
    batch = PurgeBatch(addresses)
    for scope in scopes:
        add_scope(batch, scope)
    batch.purge()
    return len(batch.urls)


def addresses_of(kind, add):
    """``add(batch, key)`` adds to ``batch`` (a ``PurgeBatch``) the public addresses a CDN
    may keep whose content comes from the scope ``kind:key`` (``key`` is "" for a scope
    without one, such as ``pages``)."""
    _addresses.setdefault(kind, []).append(add)


def add_scope(batch, scope):
    """Add to ``batch`` every public address a CDN may keep whose content comes from
    ``scope``."""
    kind, _, key = scope.partition(":")
    if kind == "pages":
        # Menus, footer and site settings are on every page people read.
        batch.add_pages(Page.objects.live().filter(depth__gt=1).specific(defer=True))
        batch.add_url(absolute(reverse("sitemap")))
    for add in _addresses.get(kind, ()):
        add(batch, key)


def page_addresses(pages):
    """The addresses of ``pages`` that a CDN may keep, where they are now: for pages about
    to leave them (unpublished, moved, renamed, deleted)."""
    batch = PurgeBatch()
    batch.add_pages(pages)
    return batch.urls


def _root():
    """The address of the default site: the CDN keeps pages under the site's host."""
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute(path):
    """``path`` on the default site, as the CDN knows it."""
    return _root() + path


def in_every_language(url_name, *args):
    """The address of a view under each language prefix (none for English)."""
    urls = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.add(absolute(reverse(url_name, args=args)))
    return urls
