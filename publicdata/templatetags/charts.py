"""``{% chart chart_object %}``: a chart with its summary, table, downloads, source and
embed code. The chart scripts are added once per page, only on pages with a chart."""

from django import template

from portal.caching.scopes import depends_on
from portal.translated_fields import InLanguage
from publicdata import chart_images, series
from publicdata.charts import built_chart, chart_context
from publicdata.models import Chart

register = template.Library()


@register.inclusion_tag("publicdata/includes/chart.html", takes_context=True)
def chart(context, chart, heading_level=2):
    request = context.get("request")
    built = chart_context(chart, request)
    if built["release"] and "error" not in built["built"] and built["chart"].pk:
        built.update(series.view(built["chart"], built["built"], request))
        built["images"] = chart_images.image_links(
            built["chart"], built["release"], built.get("chosen_keys")
        )
    load_scripts = "figure_json" in built and not getattr(request, "_chart_scripts", False)
    if load_scripts and request is not None:
        request._chart_scripts = True
    load_series_script = "picker" in built and not getattr(request, "_series_script", False)
    if load_series_script and request is not None:
        request._series_script = True
    built.update(
        {
            "load_series_script": load_series_script,
            "request": request,
            "heading_level": heading_level,
            "load_scripts": load_scripts,
            "json_id": f"{built['dom_id']}-figure",
        }
    )
    return built


@register.simple_tag(takes_context=True)
def chart_share_image(context, page=None, chart=None):
    """``{"url", "alt"}`` of the PNG of ``chart``, or of the first chart in the page's
    body, for links shared on social media (``og:image``); None when there is none."""
    request = context.get("request")
    if chart is None:
        body = getattr(page, "body", None)
        raw = getattr(body, "raw_data", None) or []
        first = next((block for block in raw if block.get("type") == "chart"), None)
        pk = first["value"].get("chart") if first else None
        chart = Chart.objects.select_related("dataset").filter(pk=pk).first() if pk else None
    if request is None or chart is None:
        return None
    chart = getattr(chart, "record", chart)
    if chart.pk is None:  # an unsaved chart in the admin's preview
        return None
    depends_on(request, f"chart:{chart.pk}", f"dataset:{chart.dataset_id}")
    release, built = built_chart(chart)
    if release is None or "error" in built:
        return None
    shown = InLanguage(chart)
    return {
        "url": request.build_absolute_uri(chart_images.image_url(chart, release, "png")),
        "alt": f"{shown.title}: {shown.summary}",
    }
