"""The open-data catalogue and every published dataset page, for /sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from publicdata.models import Dataset


class OpenDataSitemap(Sitemap):
    # The catalogue and dataset pages in every language: /data/ and /es/data/.
    i18n = True

    def items(self):
        datasets = Dataset.objects.published().annotate(
            last_published=Max("releases__published_at")
        )
        return ["catalogue", *datasets.order_by("slug")]

    def location(self, item):
        if item == "catalogue":
            return reverse("publicdata:catalogue")
        return reverse("publicdata:dataset", args=[item.slug])

    def lastmod(self, item):
        return None if item == "catalogue" else item.last_published
