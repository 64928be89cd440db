"""StreamField blocks that draw from published datasets."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from publicdata.models import Release, ReleaseStatus
from publicdata.models.datasets import PUBLISHED_RELEASES


class ChartBlock(blocks.StructBlock):
    """A chart (or key figure) from the Charts list; it draws from its dataset's current
    published release."""

    chart = SnippetChooserBlock(
        "publicdata.Chart",
        help_text=_("Choose a chart, or create one: pick a dataset and say what to plot."),
    )
    heading_level = blocks.ChoiceBlock(
        choices=[("2", _("Section heading (h2)")), ("3", _("Sub-heading (h3)"))],
        default="2",
        help_text=_("The level of the chart's title in the page's outline."),
    )

    class Meta:
        icon = "table"
        label = _("Chart from a dataset")
        template = "publicdata/blocks/chart_block.html"

    def bulk_to_python(self, values):
        """The page's charts with their datasets, columns and published releases, in a
        few queries however many charts it has: charts from one dataset share its current
        release, so its rows are read once (publicdata/charts.py)."""
        structs = super().bulk_to_python(values)
        releases = Release.objects.filter(status=ReleaseStatus.PUBLISHED).order_by("-version")
        prefetch_related_objects(
            [struct["chart"] for struct in structs if struct.get("chart")],
            "dataset__fields",
            Prefetch("dataset__releases", queryset=releases, to_attr=PUBLISHED_RELEASES),
        )
        return structs
