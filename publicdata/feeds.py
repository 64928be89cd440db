"""Atom feeds of published releases: one per dataset (``/data/<slug>/releases.atom``) and
one of every dataset's (``/data/releases.atom``), so reporters and data portals can follow
the numbers. Each entry is a release: its change note and what it changed against the
release before it (publicdata/changes.py), with suppressed cells reported as changed and
never with their values. An entry's id is the release's place on its dataset page, the
same in both feeds and for ever.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from portal.caching.scopes import depends_on
from publicdata import changes, metadata
from publicdata.models import Dataset, Release, ReleaseStatus
from publicdata.numbers import unit_kinds

# The site-wide feed lists the newest releases; a dataset's feed lists all of its own.
SITE_ENTRIES = 50
DATASET_ENTRIES = 200


class ContentAtom1Feed(Atom1Feed):
    """Atom with each entry's text as ``<content type="html">``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class ReleasesFeed(Feed):
    """The releases of every published dataset, newest first."""

    feed_type = ContentAtom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        depends_on(request, "catalogue")
        return None

    def title(self, obj):
        return _("LEAD Baltimore open data: new releases")

    def subtitle(self, obj):
        return _(
            "Each new release of the pilot's datasets, with its change note and what "
            "changed against the release before it."
        )

    def link(self, obj):
        return reverse("publicdata:catalogue")

    def feed_url(self, obj):
        return reverse("publicdata:releases_feed")

    def releases(self, obj):
        return Release.objects.filter(status=ReleaseStatus.PUBLISHED)

    def items(self, obj):
        limit = SITE_ENTRIES if obj is None else DATASET_ENTRIES
        return list(
            self.releases(obj)
            .select_related("dataset")
            .prefetch_related("dataset__fields", "dataset__keywords")
            .order_by("-published_at", "-pk")[:limit]
        )

    def item_title(self, release):
        return _("%(dataset)s, version %(version)s") % {
            "dataset": metadata.release_snapshot(release)["title"],
            "version": release.version,
        }

    def item_description(self, release):
        return None  # the entry's content says it all; the default would be str(release)

    def item_link(self, release):
        page = reverse("publicdata:dataset", args=[release.dataset.slug])
        return f"{page}#version-{release.version}"

    def item_guid(self, release):
        # The English address, so the entry keeps its id in every language's feed.
        page = f"/data/{release.dataset.slug}/#version-{release.version}"
        return self.request.build_absolute_uri(page)

    def item_pubdate(self, release):
        return release.published_at

    def item_updateddate(self, release):
        return release.published_at

    def item_author_name(self, release):
        return metadata.release_snapshot(release)["publisher"]

    def item_categories(self, release):
        return metadata.release_snapshot(release)["keywords"]

    def item_extra_kwargs(self, release):
        snapshot = metadata.release_snapshot(release)
        names = [spec["name"] for spec in snapshot["fields"]]
        shown = changes.for_readers(
            changes.recorded_changes(release), names, unit_kinds(release.dataset.fields.all())
        )
        content = linebreaks(escape(release.change_note))
        content += render_to_string(
            "publicdata/includes/release_changes.html",
            {"changes": shown, "version": release.version},
        )
        return {"content": content}


class DatasetReleasesFeed(ReleasesFeed):
    """The releases of one dataset, newest first."""

    def get_object(self, request, slug):
        dataset = get_object_or_404(Dataset.objects.published(), slug=slug)
        depends_on(request, f"dataset:{dataset.pk}")
        return dataset

    def title(self, dataset):
        return _("%(dataset)s: new releases") % {"dataset": dataset.title}

    def subtitle(self, dataset):
        return dataset.summary

    def link(self, dataset):
        return reverse("publicdata:dataset", args=[dataset.slug])

    def feed_url(self, dataset):
        return reverse("publicdata:dataset_feed", args=[dataset.slug])

    def releases(self, dataset):
        return dataset.releases.filter(status=ReleaseStatus.PUBLISHED)


def releases_feed(request):
    # A feed object per request: it keeps the request for the entries' ids.
    return ReleasesFeed()(request)


def dataset_releases_feed(request, slug):
    return DatasetReleasesFeed()(request, slug=slug)
