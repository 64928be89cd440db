"""When each scope of the page cache changes (``home.page_cache``), and which addresses a
page leaves for the CDN to forget (``home.cdn``): connected in ``HomeConfig.ready``."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)

from home import cdn
from home.page_cache import invalidate


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


def _settings_changed(created=False, **kwargs):
    # A page read for a site without settings creates them with the defaults it shows.
    if not created:
        invalidate("pages")


def _dataset_changed(instance, **kwargs):
    invalidate(f"dataset:{instance.pk}", "catalogue")


def _column_changed(instance, **kwargs):
    invalidate(f"dataset:{instance.dataset_id}")


def _chart_changed(instance, **kwargs):
    # The dataset page lists the charts drawn from it.
    invalidate(f"chart:{instance.pk}", f"dataset:{instance.dataset_id}")


# Releases, reports and comments reach the public only once published.
PUBLISHED = "published"


def _remember_visibility(sender, instance, **kwargs):
    """Whether the row was public before this save: a report or comment taken down
    changes the public pages as much as one published."""
    instance._was_public = bool(instance.pk) and (
        sender.objects.filter(pk=instance.pk, status=PUBLISHED).exists()
    )


def _public_now_or_before(instance):
    return instance.status == PUBLISHED or getattr(instance, "_was_public", False)


def _release_changed(instance, **kwargs):
    if _public_now_or_before(instance):
        invalidate(f"dataset:{instance.dataset_id}", "catalogue")


def _report_changed(instance, **kwargs):
    if _public_now_or_before(instance):
        invalidate("feedback")


def _neighbourhood_changed(**kwargs):
    # Listed on the report form, named on published reports.
    invalidate("neighbourhoods", "feedback")


def _comment_changed(instance, **kwargs):
    # Comments are shown on the page they were left on.
    if _public_now_or_before(instance):
        invalidate("feedback", "pages")


def _word_rules_changed(**kwargs):
    # Not a page scope: what residents send next is screened by the new rules.
    from feedback.screening import RULES_SCOPE

    invalidate(RULES_SCOPE)


def connect():
    from feedback.models import Comment, Neighbourhood, Report, WordRule
    from home.models import SiteSettings
    from publicdata.models import Chart, Dataset, FieldSpec, Release

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
    post_save.connect(_settings_changed, sender=SiteSettings, dispatch_uid="page-cache-settings")
    for signal, name in [(post_save, "saved"), (post_delete, "deleted")]:
        signal.connect(_neighbourhood_changed, sender=Neighbourhood, dispatch_uid=f"nbh-{name}")
        signal.connect(_word_rules_changed, sender=WordRule, dispatch_uid=f"word-rule-{name}")
    for model, handler in [
        (Dataset, _dataset_changed),
        (FieldSpec, _column_changed),
        (Chart, _chart_changed),
    ]:
        post_save.connect(handler, sender=model, dispatch_uid=f"page-cache-{model.__name__}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"page-cache-{model.__name__}-d")
    for model, handler in [
        (Release, _release_changed),
        (Report, _report_changed),
        (Comment, _comment_changed),
    ]:
        name = model.__name__
        pre_save.connect(_remember_visibility, sender=model, dispatch_uid=f"page-cache-was-{name}")
        post_save.connect(handler, sender=model, dispatch_uid=f"page-cache-{name}")
        post_delete.connect(handler, sender=model, dispatch_uid=f"page-cache-{name}-d")
