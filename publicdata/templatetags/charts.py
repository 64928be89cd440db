"""``{% chart chart_object %}``: a chart with its summary, table, downloads, source and
embed code. The chart scripts are added once per page, only on pages with a chart."""

from django import template

from publicdata.charts import chart_context

register = template.Library()


@register.inclusion_tag("publicdata/includes/chart.html", takes_context=True)
def chart(context, chart, heading_level=2):
    request = context.get("request")
    built = chart_context(chart, request)
    load_scripts = "figure_json" in built and not getattr(request, "_chart_scripts", False)
    if load_scripts and request is not None:
        request._chart_scripts = True
    built.update(
        {
            "request": request,
            "heading_level": heading_level,
            "load_scripts": load_scripts,
            "json_id": f"{built['dom_id']}-figure",
        }
    )
    return built
