"""When each scope of the page cache changes (``scopes``), and which addresses a
page leaves for the CDN to forget (``cdn``): connected in ``PortalConfig.ready``.

The core connects the page tree's changes to the ``pages`` scope. Each app connects the
changes of its own data to its own scopes in its ``apps.py``, with ``on_change``, or calls
``invalidate`` where a change sends no signal (a bulk update).
"""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from portal.caching import cdn
from portal.caching.scopes import renew


def invalidate(*scopes):
    """Give ``scopes`` new versions, so no stored page built from them is served again:
    at once (this transaction's own later reads see the change) and again once it commits
    (a page another request stored meanwhile, from the data before the commit, is dropped
    too); and purge the CDN once it commits."""
    scopes = frozenset(scopes)
    renew(scopes)
    transaction.on_commit(partial(renew, scopes))
    cdn.purge_after_commit(scopes)


def on_change(model, scopes_of, *, public=None):
    """Invalidate ``scopes_of(row)`` whenever a row of ``model`` is saved or deleted. With
    ``public`` (field values, such as ``{"status": "published"}``), only when the row has
    them or had them before the save: a row the public never saw changes no page, and one
    taken down changes them as much as one published."""
    name = model.__name__

    def changed(instance, **kwargs):
        if public is None or _public_now_or_before(instance, public):
            invalidate(*scopes_of(instance))

    if public is not None:
        pre_save.connect(
            partial(_remember_visibility, public=public),
            sender=model,
            weak=False,
            dispatch_uid=f"page-cache-was-{name}",
        )
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"page-cache-{name}")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"page-cache-{name}-d")


def _remember_visibility(sender, instance, public, **kwargs):
    """Whether the row was public before this save: a report or comment taken down
    changes the public pages as much as one published."""
    instance._was_public = bool(instance.pk) and (
        sender.objects.filter(pk=instance.pk, **public).exists()
    )


def _public_now_or_before(instance, public):
    now = all(getattr(instance, field) == value for field, value in public.items())
    return now or getattr(instance, "_was_public", False)


def _pages_changed(**kwargs):
    invalidate("pages")


# A page that leaves an address: the CDN forgets what it kept there (the page tree's scope
# purges the addresses of live pages only).


def _page_unpublished(instance, **kwargs):
    cdn.purge_after_commit(addresses=cdn.page_addresses([instance]))
    invalidate("pages")


def _page_deleted(instance, **kwargs):
    if instance.live:
        cdn.purge_after_commit(addresses=cdn.page_addresses([instance.specific_deferred]))


def _page_moving(instance, url_path_before, url_path_after, **kwargs):
    if url_path_before != url_path_after:
        pages = instance.get_descendants(inclusive=True).live().specific(defer=True)
        cdn.purge_after_commit(addresses=cdn.page_addresses(pages))


def _page_renamed(instance, instance_before, **kwargs):
    """Sent once the new slug is committed: the page and its descendants are found where
    they were from the old path."""
    if not instance_before.live:
        return
    old, new = instance_before.url_path, instance.url_path
    pages = [instance_before]
    for page in instance.get_descendants().live().specific(defer=True):
        page.url_path = old + page.url_path.removeprefix(new)
        pages.append(page)
    cdn.purge_after_commit(addresses=cdn.page_addresses(pages))


def _alias_created(instance, created=False, **kwargs):
    # Wagtail makes an alias (the Spanish copy of a page not yet translated) live at once,
    # without a publish signal; it takes its original's view restrictions
    # (page_tree.restricted_sections).
    if created and instance.alias_of_id:
        invalidate("pages")


def connect():
    """The page tree's changes move the ``pages`` scope on, and purge the addresses a page
    leaves."""
    page_published.connect(_pages_changed, dispatch_uid="page-cache-published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="page-cache-unpublished")
    pre_page_move.connect(_page_moving, dispatch_uid="cdn-moving")
    post_page_move.connect(_pages_changed, dispatch_uid="page-cache-moved")
    page_slug_changed.connect(_page_renamed, dispatch_uid="cdn-renamed")
    pre_delete.connect(_page_deleted, sender=Page, dispatch_uid="cdn-deleting")
    post_delete.connect(_pages_changed, sender=Page, dispatch_uid="page-cache-deleted")
    for page_model in get_page_models():
        post_save.connect(
            _alias_created,
            sender=page_model,
            dispatch_uid=f"page-cache-alias-{page_model._meta.label}",
        )
    # A page made private (or public again) must leave (or enter) every page and menu at
    # once: the cache serves anonymous visitors.
    post_save.connect(_pages_changed, sender=PageViewRestriction, dispatch_uid="page-cache-privacy")
    post_delete.connect(
        _pages_changed, sender=PageViewRestriction, dispatch_uid="page-cache-privacy-deleted"
    )
    # A site's host or home page decides every address under it.
    post_save.connect(_pages_changed, sender=Site, dispatch_uid="page-cache-site")
    post_delete.connect(_pages_changed, sender=Site, dispatch_uid="page-cache-site-deleted")
