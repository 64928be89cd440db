"""Telling the CDN to forget addresses whose content changed (docs/deploy.md, "Caching and
CDN").

Wagtail's frontend cache (``wagtail.contrib.frontend_cache``) sends the purges to the CDN
configured in ``WAGTAILFRONTENDCACHE`` (Cloudflare in production settings). A change to a
scope of the page cache (``home.page_cache``) purges every address built from that scope,
in a background task, so an editor or moderator never waits for the CDN's API. Without a
CDN configured nothing is sent.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from wagtail.models import Page, ReferenceIndex


def purge_scopes(scopes):
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        purge_addresses.enqueue(sorted(scopes))


@task()
def purge_addresses(scopes):
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    urls = sorted(addresses(scopes))
    if urls:
        purge_urls_from_cache(urls)
    return len(urls)


def addresses(scopes):
    """Every public address whose content comes from one of ``scopes``."""
    urls = set()
    for scope in scopes:
        kind, _, pk = scope.partition(":")
        if kind == "pages":
            # Menus, footer and site settings are on every page people read.
            urls |= _page_addresses(Page.objects.live().filter(depth__gt=1))
            urls |= _feedback_addresses()
            urls |= _catalogue_addresses()
            urls |= _dataset_addresses(_datasets())
        elif kind == "feedback":
            urls |= _feedback_addresses()
        elif kind == "catalogue":
            urls |= _catalogue_addresses()
        elif kind == "dataset":
            urls |= _dataset_addresses(_datasets().filter(pk=pk))
        elif kind == "chart":
            urls |= _chart_addresses(_charts().filter(pk=pk))
    return urls


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _in_every_language(url_name, *args):
    """The address of a view under each language prefix (none for English)."""
    urls = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.add(_absolute(reverse(url_name, args=args)))
    return urls


def _page_addresses(pages):
    return {url for page in pages.specific(defer=True) if (url := page.get_full_url())}


def _feedback_addresses():
    from feedback.models import FeedbackPage

    urls = set()
    for page in FeedbackPage.objects.live():
        url = page.get_full_url()
        if url:
            urls |= {f"{url}published/", f"{url}published/reports.csv", f"{url}published/feed.atom"}
    return urls


def _catalogue_addresses():
    return (
        _in_every_language("publicdata:catalogue")
        | _in_every_language("publicdata:all_zip")
        | {_absolute(reverse("data_json"))}
    )


def _datasets():
    from publicdata.models import Dataset

    return Dataset.objects.all()


def _charts():
    from publicdata.models import Chart

    return Chart.objects.all()


def _dataset_addresses(datasets):
    urls = set()
    for dataset in datasets:
        urls |= _in_every_language("publicdata:dataset", dataset.slug)
        urls |= _in_every_language("publicdata:datapackage", dataset.slug)
        for fmt in ("csv", "json", "xlsx"):
            urls |= _in_every_language("publicdata:download", dataset.slug, fmt)
        urls |= _chart_addresses(dataset.charts.all())
    return urls


def _chart_addresses(charts):
    urls = set()
    page_type = ContentType.objects.get_for_model(Page)
    for chart in charts:
        for name in ("chart_embed", "chart_csv", "chart_metadata", "chart_zip"):
            urls |= _in_every_language(f"publicdata:{name}", chart.pk)
        # The pages that show the chart, in every language.
        page_ids = (
            ReferenceIndex.get_references_to(chart)
            .filter(base_content_type=page_type)
            .values_list("object_id", flat=True)
        )
        urls |= _page_addresses(Page.objects.live().filter(pk__in=list(page_ids)))
    return urls
