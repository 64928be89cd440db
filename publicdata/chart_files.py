"""A chart's images at their public addresses:

- ``/embed/charts/<id>.png`` and ``.svg`` (``?series=`` for a choice of series): the
  chart as it is now, kept for five minutes by browsers and the CDN;
- ``/embed/charts/<id>/images/<name>``: one drawing for good (its name carries the key of
  what it shows: publicdata/chart_images.py), cached for a year. A name that is no longer
  kept (the chart has been drawn again since) sends the reader to the chart as it is now.
"""

import logging
import re

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from portal.caching.scopes import depends_on
from publicdata import chart_images, series
from publicdata.charts import built_chart
from publicdata.models import Chart, StoredDownload

logger = logging.getLogger(__name__)

CURRENT_MAX_AGE = 300
KEPT_MAX_AGE = 365 * 24 * 60 * 60
NAME = re.compile(
    r"^chart-(?P<pk>\d+)-(?P<language>[a-z]{2})-(?P<choice>all|[0-9a-f]{12})-[0-9a-f]{20}"
    r"\.(?P<fmt>png|svg)$"
)


def _image_response(handle, chart, fmt, max_age, immutable=False):
    response = FileResponse(handle, content_type=chart_images.FORMATS[fmt])
    response["Content-Disposition"] = f'inline; filename="chart-{chart.pk}.{fmt}"'
    patch_cache_control(response, public=True, max_age=max_age)
    if immutable:
        patch_cache_control(response, immutable=True)
    return response


@require_safe
def chart_image(request, pk, fmt):
    """The chart's image as it is now, for the series ``?series=`` names (all without)."""
    chart = get_object_or_404(Chart.objects.select_related("dataset"), pk=pk)
    depends_on(request, f"chart:{chart.pk}", f"dataset:{chart.dataset_id}")
    release, built = built_chart(chart)
    if release is None or "error" in built:
        raise Http404("This chart has no published numbers.")
    try:
        keys = series.chosen_keys(built, request.GET.getlist(series.FILE_PARAM))
    except series.UnknownSeries as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    handle = chart_images.kept_image(
        chart, release, built, fmt, keys, series.chosen_names(built, keys)
    )
    return _image_response(handle, chart, fmt, CURRENT_MAX_AGE)


def chart_png(request, pk):
    return chart_image(request, pk, "png")


def chart_svg(request, pk):
    return chart_image(request, pk, "svg")


def _opened(name):
    try:
        return default_storage.open(name, "rb")
    except Exception:  # lost, or the storage out of reach: the chart as it is now instead
        logger.warning("Could not read the kept chart image %s", name)
        return None


@require_safe
def kept_chart_image(request, pk, name):
    """One kept drawing of the chart, for good."""
    match = NAME.match(name)
    if match is None or int(match["pk"]) != pk:
        raise Http404("No such image.")
    chart = get_object_or_404(Chart.objects.select_related("dataset"), pk=pk)
    language, fmt, choice = match["language"], match["fmt"], match["choice"]
    key = f"{chart_images.KEY_PREFIX}{pk}:{language}:{fmt}:{choice}:" + name.removeprefix(
        f"chart-{pk}-"
    ).removesuffix(f".{fmt}")
    kept = StoredDownload.objects.filter(key=key).first()
    handle = _opened(kept.file.name) if kept else None
    with translation.override(language):
        if handle is None and choice == "all":
            # The whole chart as it is now, not drawn yet (the worker has not reached it).
            handle = _drawn_now(request, chart, fmt, key)
        if handle is None:
            response = HttpResponseRedirect(reverse(f"publicdata:chart_{fmt}", args=[pk]))
            patch_cache_control(response, public=True, max_age=CURRENT_MAX_AGE)
            return response
    return _image_response(handle, chart, fmt, KEPT_MAX_AGE, immutable=True)


def _drawn_now(request, chart, fmt, key):
    """The whole chart's image drawn and kept now, when ``key`` is its current one."""
    depends_on(request, f"chart:{chart.pk}", f"dataset:{chart.dataset_id}")
    release, built = built_chart(chart)
    if release is None or "error" in built:
        return None
    prefix, name = chart_images.image_key(chart, release, fmt)
    if prefix + name != key:
        return None
    return chart_images.kept_image(chart, release, built, fmt)
