from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class PublicdataConfig(AppConfig):
    name = "publicdata"
    verbose_name = _("Open data")
    # Who holds this signs in with a second factor (portal.staff.two_factor): a published
    # release is public at once, and it is what the small-cell rule guards.
    sensitive_permissions = ("publicdata.publish_release",)

    def ready(self):
        """What open data plugs into the core: the scopes of the page cache its changes
        move on, the addresses the CDN forgets with them, and its staff groups; and the
        drawing its charts are checked with."""
        from portal.caching import cdn
        from portal.caching.invalidation import on_change
        from portal.staff import groups
        from publicdata import cdn_addresses, chart_images
        from publicdata.charts import plotted
        from publicdata.models import Chart, Dataset, FieldSpec, Release, ReleaseStatus, TagName
        from publicdata.permissions import ensure_groups

        on_change(Dataset, lambda dataset: (f"dataset:{dataset.pk}", "catalogue"))
        on_change(FieldSpec, lambda column: (f"dataset:{column.dataset_id}",))
        # The dataset page lists the charts drawn from it.
        on_change(Chart, lambda chart: (f"chart:{chart.pk}", f"dataset:{chart.dataset_id}"))
        # Releases reach the public only once published.
        on_change(
            Release,
            lambda release: (f"dataset:{release.dataset_id}", "catalogue"),
            public={"status": ReleaseStatus.PUBLISHED},
        )
        # Keywords are named on the catalogue and on the pages of the datasets that have them.
        on_change(TagName, _keyword_scopes)
        cdn.addresses_of("pages", cdn_addresses.pages)
        cdn.addresses_of("catalogue", cdn_addresses.catalogue)
        cdn.addresses_of("dataset", cdn_addresses.dataset)
        cdn.addresses_of("chart", cdn_addresses.chart)
        groups.ensure_after_migrate(self, ensure_groups)
        # A chart checks an editor's choices against its data by drawing it.
        Chart.plotted = plotted
        # A chart saved is drawn again, in the background (publicdata/chart_images.py).
        post_save.connect(
            chart_images.chart_saved, sender="publicdata.Chart", dispatch_uid="chart_images"
        )


def _keyword_scopes(name):
    from publicdata.models import Dataset

    datasets = Dataset.objects.filter(keywords=name.tag_id).values_list("pk", flat=True)
    return ("catalogue", *(f"dataset:{pk}" for pk in datasets))
