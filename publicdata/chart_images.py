"""Each chart's PNG and SVG images: drawn on the server (publicdata/chart_svg.py), kept in
the media storage, served with long caching, and used as the chart's preview for links
shared on social media (``og:image``).

An image is found by a key that names what it shows: the chart and its dataset as last
saved, the release it draws, the language, the format, the series the reader chose and
the drawing code's version. Its address carries that key, so it never changes and is
cached for a year; a new release or an edit gives new addresses. A new release has its
charts' images drawn by the background worker (``draw_release_images``), in every
language, so the first reader finds them kept; an image asked for before it is kept is
drawn for that request and kept then (publicdata/stored_downloads.py).

The PNG is the SVG rasterised by resvg, with the title, summary, source and licence also
written into it as PNG text chunks. docs/charts.md, "Images", says why the portal draws
its own SVG rather than export through plotly's Kaleido and a browser.
"""

import hashlib
import io
import logging
import struct
import zlib
from functools import partial

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django_tasks import task
from wagtail.models import Site

from portal.translated_fields import InLanguage
from publicdata import charts, series
from publicdata.chart_svg import Texts, chart_svg
from publicdata.models import Chart, Release, ReleaseStatus
from publicdata.stored_downloads import FOLDER, kept_or_built

logger = logging.getLogger(__name__)

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
# Change when the drawing changes, so images kept before are drawn again.
DRAWING_VERSION = "1"
KEY_PREFIX = "chart-image:"
# The sans-serif face resvg draws the PNG's text with (docs/deploy.md: fonts-dejavu-core).
PNG_FONT = "DejaVu Sans"
SAMPLE_LABEL = "Sample data: made-up numbers for demonstration."


def _site_root():
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def image_texts(chart, release, has_gaps):
    """What the image says around the chart, in the active language."""
    chart = InLanguage(chart)
    dataset = chart.dataset  # read in the same language
    page = _site_root() + reverse("publicdata:dataset", args=[dataset.slug])
    return Texts(
        title=chart.title,
        summary=chart.summary,
        source=gettext("Source: %(dataset)s, version %(version)s (%(date)s). %(address)s")
        % {
            "dataset": dataset.title,
            "version": release.version,
            "date": date_format(release.published_at, gettext("j F Y")),
            "address": page,
        },
        licence=gettext("Licence: %(licence)s.") % {"licence": dataset.get_licence_display()},
        sample=gettext("Sample data: made-up numbers for demonstration.")
        if dataset.is_sample
        else "",
        gap_note=gettext(charts.GAP_NOTE) if has_gaps else "",
        language=translation.get_language() or "en",
    )


def _with_choice(figure, chosen):
    """The figure with the series the reader left out hidden."""
    if chosen is None:
        return figure
    data = [dict(trace, visible=trace.get("name") in chosen) for trace in figure["data"]]
    return {**figure, "data": data}


def svg_text(chart, release, built, chosen_names=None):
    """The chart's SVG, from its built numbers (``charts.built_chart``); ``chosen_names``
    the legend names of the series to show (None: all)."""
    texts = image_texts(chart, release, built.get("has_gaps", False))
    if "figure" in built:
        return chart_svg(texts, figure=_with_choice(built["figure"], chosen_names))
    table = {
        "header": built["table"]["header"],
        "rows": [
            [dict(cell, suppressed_text=gettext("suppressed")) for cell in row]
            for row in built["table"]["rows"]
        ],
    }
    chart = InLanguage(chart)
    return chart_svg(texts, table=table, unit=chart.unit, period=chart.period)


def png_bytes(svg, texts):
    """The SVG rasterised, with ``texts`` ({keyword: text}) as PNG iTXt chunks."""
    import resvg_py

    png = bytes(
        resvg_py.svg_to_bytes(svg_string=svg, sans_serif_family=PNG_FONT, background="#ffffff")
    )
    return with_text_chunks(png, texts)


def with_text_chunks(png, texts):
    """``png`` with an international text chunk (iTXt, UTF-8) per keyword, after IHDR."""
    header_end = 8 + 8 + 13 + 4  # signature, IHDR length and type, IHDR data, CRC
    chunks = b""
    for keyword, text in texts.items():
        data = keyword.encode("latin-1") + b"\0\0\0" + b"\0" + b"\0" + text.encode()
        chunks += struct.pack(">I", len(data)) + b"iTXt" + data
        chunks += struct.pack(">I", zlib.crc32(b"iTXt" + data) & 0xFFFFFFFF)
    return png[:header_end] + chunks + png[header_end:]


def draw(chart, release, built, fmt, chosen_names=None):
    """The image's bytes in ``fmt`` ("svg" or "png")."""
    svg = svg_text(chart, release, built, chosen_names)
    if fmt == "svg":
        return svg.encode()
    texts = image_texts(chart, release, built.get("has_gaps", False))
    return png_bytes(
        svg,
        {
            "Title": texts.title,
            "Description": texts.summary,
            "Source": texts.source,
            "Copyright": texts.licence,
            **({"Disclaimer": texts.sample} if texts.sample else {}),
        },
    )


def _choice_digest(chosen_keys):
    if chosen_keys is None:
        return "all"
    return hashlib.sha256("\n".join(chosen_keys).encode()).hexdigest()[:12]


def image_key(chart, release, fmt, chosen_keys=None, language=None):
    """The key of the image; its last part is what its address carries."""
    language = language or translation.get_language() or "en"
    stamp = "|".join(
        str(part)
        for part in (
            chart.pk,
            chart.updated_at.timestamp() if chart.updated_at else "",
            chart.dataset.updated_at.timestamp() if chart.dataset.updated_at else "",
            release.pk,
            release.version,
            language,
            fmt,
            "\n".join(chosen_keys or ()),
            DRAWING_VERSION,
        )
    )
    digest = hashlib.sha256(stamp.encode()).hexdigest()[:20]
    choice = _choice_digest(chosen_keys)
    return f"{KEY_PREFIX}{chart.pk}:{language}:{fmt}:{choice}:", f"{language}-{choice}-{digest}"


def image_name(chart, fmt, name):
    return f"chart-{chart.pk}-{name}.{fmt}"


def image_url(chart, release, fmt, chosen_keys=None):
    """The address of the image, for the active language: it never changes, and is cached
    for a year."""
    _prefix, name = image_key(chart, release, fmt, chosen_keys)
    return reverse("publicdata:chart_image", args=[chart.pk, image_name(chart, fmt, name)])


def image_links(chart, release, chosen_keys=None):
    """The addresses a page gives for the chart's images: downloads that follow the
    reader's choice, and the kept SVG shown without JavaScript."""
    query = series.file_query(chosen_keys)
    return {
        "png": reverse("publicdata:chart_png", args=[chart.pk]) + query,
        "svg": reverse("publicdata:chart_svg", args=[chart.pk]) + query,
        "kept_svg": image_url(chart, release, "svg", chosen_keys),
    }


def kept_image(chart, release, built, fmt, chosen_keys=None, chosen_names=None):
    """The image as an open file at its start: kept, or drawn now and kept in place of the
    chart's earlier image of the same language, format and choice."""
    prefix, name = image_key(chart, release, fmt, chosen_keys)
    path = f"{FOLDER}/charts/{chart.pk}/{image_name(chart, fmt, name)}"
    return kept_or_built(
        prefix + name,
        path,
        lambda: io.BytesIO(draw(chart, release, built, fmt, chosen_names)),
        replaces=prefix,
    )


def draw_chart_images(chart):
    """Draw and keep the chart's images, whole, in every language and format; the number
    kept. A chart that cannot be drawn from its release is skipped."""
    kept = 0
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            release, built = charts.built_chart(chart)
            if release is None or "error" in built:
                return kept
            for fmt in FORMATS:
                kept_image(chart, release, built, fmt).close()
                kept += 1
    return kept


@task()
def draw_release_images(release_pk):
    """The background task queued when a release is published: every chart drawn from
    its dataset gets its images. Returns how many images it kept."""
    release = Release.objects.filter(pk=release_pk, status=ReleaseStatus.PUBLISHED).first()
    if release is None:
        return 0
    kept = 0
    for chart in Chart.objects.filter(dataset_id=release.dataset_id).select_related("dataset"):
        kept += draw_chart_images(chart)
    return kept


@task()
def draw_images_of_chart(chart_pk):
    """The background task queued when a chart is saved."""
    chart = Chart.objects.filter(pk=chart_pk).select_related("dataset").first()
    return draw_chart_images(chart) if chart else 0


def _enqueue(background_task, *args):
    try:
        background_task.enqueue(*args)
    except Exception:  # the release is published already; images are drawn when first asked
        logger.exception("Could not queue %s", background_task.name)


def draw_after_commit(release):
    """Queue the drawing of the release's charts once the publication commits."""
    transaction.on_commit(partial(_enqueue, draw_release_images, release.pk))


def chart_saved(sender, instance, **kwargs):
    transaction.on_commit(partial(_enqueue, draw_images_of_chart, instance.pk))
