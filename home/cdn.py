"""Telling the CDN to forget the addresses whose content changed (docs/deploy.md, "Caching
and CDN").

One path. What a transaction changes (the scopes of the page cache it moves on,
``home.page_cache.invalidate``, and the addresses a page leaves when it is unpublished,
moved, renamed or deleted) is gathered and, once the transaction commits, handed in one
background task to Wagtail's frontend cache (``PurgeBatch``), which sends it to the CDN
configured in ``WAGTAILFRONTENDCACHE`` (Cloudflare in production settings). So an editor
or moderator never waits for the CDN's API, and a change that saves many rows (a page and
its Spanish alias, a moderation decision that republishes the residents' dataset) purges
each address once.

Every address named here answers: live pages with the paths their type says a CDN keeps
(``get_cached_paths``: the feedback page's published reports, CSV and feed), and the
views of published datasets and charts, in each language they answer in. Wagtail's own
handlers of page signals are left out (``home.apps.FrontendCacheConfig``), and
``WAGTAILFRONTENDCACHE_LANGUAGES`` is empty so that Wagtail sends the addresses as given.
Without a CDN configured nothing is gathered or sent.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex, Site


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
        from home import page_cache

        # Before the CDN asks again: no page another request stored while the
        # transaction ran, from the data before it, may be what the CDN gets.
        page_cache.renew(self.scopes)
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


def add_scope(batch, scope):
    """Add to ``batch`` every public address a CDN may keep whose content comes from
    ``scope``."""
    kind, _, pk = scope.partition(":")
    if kind == "pages":
        # Menus, footer and site settings are on every page people read.
        batch.add_pages(Page.objects.live().filter(depth__gt=1).specific(defer=True))
        batch.add_urls(_in_every_language("search"))
        batch.add_urls(_catalogue_pages())
        for dataset in _published_datasets():
            batch.add_urls(_in_every_language("publicdata:dataset", dataset.slug))
        batch.add_url(_absolute(reverse("sitemap")))
    elif kind == "feedback":
        batch.add_urls(_published_reports())
    elif kind == "catalogue":
        batch.add_urls(_catalogue_pages())
        batch.add_urls(_in_every_language("publicdata:releases_feed"))
        batch.add_urls(_in_every_language("publicdata:all_zip"))
        batch.add_urls({_absolute(reverse("data_json")), _absolute(reverse("sitemap"))})
    elif kind == "dataset":
        for dataset in _published_datasets().filter(pk=pk):
            _add_dataset(batch, dataset)
    elif kind == "chart":
        for chart in _drawn_charts().filter(pk=pk):
            _add_chart(batch, chart)


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


def _absolute(path):
    return _root() + path


def _in_every_language(url_name, *args):
    """The address of a view under each language prefix (none for English)."""
    urls = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.add(_absolute(reverse(url_name, args=args)))
    return urls


def _published_reports():
    from feedback.models import FeedbackPage

    urls = set()
    for page in FeedbackPage.objects.live():
        url = page.get_full_url()
        if url:
            urls.update(url + path for path in FeedbackPage.PUBLISHED_PATHS)
    return urls


def _catalogue_pages():
    return _in_every_language("publicdata:catalogue")


def _published_datasets():
    from publicdata.models import Dataset

    return Dataset.objects.published()


def _drawn_charts():
    """Charts a page or an embed can draw: those of published datasets."""
    from publicdata.models import Chart

    return Chart.objects.filter(dataset__in=_published_datasets())


def _add_dataset(batch, dataset):
    batch.add_urls(_in_every_language("publicdata:dataset", dataset.slug))
    batch.add_urls(_in_every_language("publicdata:datapackage", dataset.slug))
    batch.add_urls(_in_every_language("publicdata:dataset_feed", dataset.slug))
    for fmt in ("csv", "json", "xlsx"):
        batch.add_urls(_in_every_language("publicdata:download", dataset.slug, fmt))
    for chart in dataset.charts.all():
        _add_chart(batch, chart)


def _add_chart(batch, chart):
    for name in (
        "chart_embed",
        "chart_csv",
        "chart_metadata",
        "chart_zip",
        "chart_png",
        "chart_svg",
    ):
        batch.add_urls(_in_every_language(f"publicdata:{name}", chart.pk))
    # The pages that show the chart, in every language.
    page_ids = (
        ReferenceIndex.get_references_to(chart)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    batch.add_pages(Page.objects.live().filter(pk__in=list(page_ids)).specific(defer=True))
