"""A chart on its own, for other sites to frame (/embed/charts/<id>/), and exactly the
numbers it plots: CSV, metadata JSON and a zip of both with a README."""

import io
import json
import zipfile

from csp.decorators import csp_replace
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from portal.caching.scopes import depends_on
from portal.translated_fields import InLanguage
from publicdata import series
from publicdata.charts import built_chart, chart_context, chart_metadata
from publicdata.models import Chart

MAX_AGE = 300


def _drawable(request, pk):
    """The chart and its built numbers; 404 if there is nothing to show."""
    chart = get_object_or_404(Chart.objects.select_related("dataset"), pk=pk)
    depends_on(request, f"chart:{chart.pk}", f"dataset:{chart.dataset_id}")
    release, built = built_chart(chart)
    if release is None or "error" in built:
        raise Http404("This chart has no published numbers.")
    return chart, release, built


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


@require_safe
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def chart_embed(request, pk):
    """The only page other sites may frame."""
    chart, _, _ = _drawable(request, pk)
    response = TemplateResponse(
        request,
        "publicdata/chart_embed.html",
        {"chart_context": chart_context(chart, request), "chart": InLanguage(chart)},
    )
    return _cacheable(response)


def _file_stem(chart):
    return f"chart-{chart.pk}"


def _bad_series(error):
    return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")


@require_safe
def chart_csv(request, pk):
    chart, release, built = _drawable(request, pk)
    try:
        text, _keys = series.chosen_csv(request, chart, release, built)
    except series.UnknownSeries as error:
        return _bad_series(error)
    response = HttpResponse(text.encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_stem(chart)}.csv"'
    return _cacheable(response)


@require_safe
def chart_metadata_json(request, pk):
    chart, release, _ = _drawable(request, pk)
    return _cacheable(
        JsonResponse(
            chart_metadata(chart, release, request),
            json_dumps_params={"indent": 2, "ensure_ascii": False},
        )
    )


@require_safe
def chart_zip(request, pk):
    chart, release, built = _drawable(request, pk)
    try:
        text, keys = series.chosen_csv(request, chart, release, built)
    except series.UnknownSeries as error:
        return _bad_series(error)
    about = chart_metadata(chart, release, request)
    if keys is not None:
        about["series_shown"] = keys
    buffer = io.BytesIO()  # a chart's numbers are small
    stem = _file_stem(chart)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(f"{stem}.csv", text)
        bundle.writestr(f"{stem}.metadata.json", json.dumps(about, indent=2, ensure_ascii=False))
        bundle.writestr(
            "README.txt", render_to_string("publicdata/chart_readme.txt", {"about": about})
        )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{stem}.zip"'
    return _cacheable(response)
