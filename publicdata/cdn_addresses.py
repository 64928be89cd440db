"""The addresses of open data that a CDN may keep, by the scope of the page cache their
content comes from (``portal.caching.cdn``, registered in ``publicdata/apps.py``).

Each view answers in every language (``/es/…`` too), so each address is named in each.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Page, ReferenceIndex

from portal.caching.cdn import absolute, in_every_language
from publicdata.models import Chart, Dataset


def pages(batch, key=""):
    """The catalogue and the dataset pages show the page tree's menus and footer."""
    batch.add_urls(_catalogue_pages())
    for dataset in _published_datasets():
        batch.add_urls(in_every_language("publicdata:dataset", dataset.slug))


def catalogue(batch, key=""):
    batch.add_urls(_catalogue_pages())
    batch.add_urls(in_every_language("publicdata:releases_feed"))
    batch.add_urls(in_every_language("publicdata:all_zip"))
    # The sitemap lists the datasets.
    batch.add_urls({absolute(reverse("data_json")), absolute(reverse("sitemap"))})


def dataset(batch, key):
    for found in _published_datasets().filter(pk=key):
        _add_dataset(batch, found)


def chart(batch, key):
    for found in _drawn_charts().filter(pk=key):
        _add_chart(batch, found)


def _catalogue_pages():
    return in_every_language("publicdata:catalogue")


def _published_datasets():
    return Dataset.objects.published()


def _drawn_charts():
    """Charts a page or an embed can draw: those of published datasets."""
    return Chart.objects.filter(dataset__in=_published_datasets())


def _add_dataset(batch, dataset):
    batch.add_urls(in_every_language("publicdata:dataset", dataset.slug))
    batch.add_urls(in_every_language("publicdata:datapackage", dataset.slug))
    batch.add_urls(in_every_language("publicdata:dataset_feed", dataset.slug))
    for fmt in ("csv", "json", "xlsx"):
        batch.add_urls(in_every_language("publicdata:download", dataset.slug, fmt))
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
        batch.add_urls(in_every_language(f"publicdata:{name}", chart.pk))
    # The pages that show the chart, in every language.
    page_ids = (
        ReferenceIndex.get_references_to(chart)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    batch.add_pages(Page.objects.live().filter(pk__in=list(page_ids)).specific(defer=True))
