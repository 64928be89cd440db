"""StreamField blocks that draw from published datasets."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock


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
