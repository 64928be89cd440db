"""A reporter reuses a chart: its PNG and SVG are drawn by the background worker when a
release is published, kept with the media and served with long caching, and carry the
chart's title, summary, source with version, licence, sample-data label and suppression
note, in the page's language (read back from the SVG's text and the PNG's own text and
pixels). Ten charts are drawn within a minute.

These tests use real transactions: the worker sees only what was committed.
"""

import io
import re
import time
import xml.etree.ElementTree as ET

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import translation
from django_tasks_db.models import DBTaskResult
from PIL import Image

from publicdata import chart_images
from publicdata.models import Chart, Release, StoredDownload
from tests.publicdata_helpers import REFERRALS_V2, publish_csv

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Referrals by kind each month"
SUMMARY = "Arrest diversions outnumber social contact referrals."


@pytest.fixture(autouse=True)
def queued_in_the_database(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def worker():
    """``run()`` does what `manage.py db_worker` does in production, until the queue is
    empty; the test process gets its signal handlers and log levels back afterwards."""
    import logging
    import signal

    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in signals}
    loggers = {name: logging.getLogger(name).level for name in ("django_tasks", "django_tasks_db")}
    yield lambda: call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())
    for number, handler in handlers.items():
        signal.signal(number, handler)
    for name, level in loggers.items():
        logging.getLogger(name).setLevel(level)


def make_chart(dataset, title=TITLE, **options):
    return Chart.objects.create(
        title=title,
        summary=SUMMARY,
        dataset=dataset,
        kind=options.pop("kind", "line"),
        x_field="month",
        y_fields=options.pop("y_fields", "referrals"),
        series_field=options.pop("series_field", "referral_type"),
        title_es="Derivaciones por tipo cada mes",
        summary_es="Los desvíos superan a las derivaciones por contacto social.",
        **options,
    )


def kept_file(chart, release, fmt, language):
    with translation.override(language):
        prefix, name = chart_images.image_key(chart, release, fmt)
    kept = StoredDownload.objects.get(key=prefix + name)
    with default_storage.open(kept.file.name, "rb") as handle:
        return handle.read()


def svg_text(svg_bytes):
    root = ET.fromstring(svg_bytes)  # noqa: S314 (our own SVG)
    return " ".join(" ".join(root.itertext()).split())


def test_publishing_a_release_draws_its_charts_images_in_every_language(referrals, worker):
    chart = make_chart(referrals)
    worker()  # the chart's own drawing, queued when it was saved
    release = publish_csv(referrals, REFERRALS_V2, note="Checked again")
    assert DBTaskResult.objects.filter(task_path__endswith=".draw_release_images").exists()
    worker()

    english = svg_text(kept_file(chart, release, "svg", "en"))
    for words in (
        TITLE,
        SUMMARY,
        "Source: Referrals and enrolments by month, version 3 (",
        "/data/referrals/",
        "Licence: Creative Commons Attribution 4.0 (CC BY 4.0).",
        "Sample data: made-up numbers for demonstration.",
        "Gaps are suppressed values (counts from 1 to 10), hidden to protect privacy.",
        "Arrest diversion",
        "Social contact",
    ):
        assert words in english
    spanish = svg_text(kept_file(chart, release, "svg", "es"))
    for words in (
        "Derivaciones por tipo cada mes",
        "Los desvíos superan a las derivaciones por contacto social.",
        "Datos de muestra: números inventados para demostración.",
        "/es/data/referrals/",
    ):
        assert words in spanish

    png = Image.open(io.BytesIO(kept_file(chart, release, "png", "en")))
    assert png.format == "PNG" and png.width == 1200
    assert png.text["Title"] == TITLE
    assert "version 3" in png.text["Source"]
    assert png.text["Copyright"].startswith("Licence: Creative Commons Attribution 4.0")
    # The title is drawn: dark pixels where it stands (a machine without the font would
    # draw none).
    title_band = png.convert("L").crop((40, 30, 700, 75))
    assert sum(title_band.histogram()[:100]) > 2000


def test_ten_charts_are_drawn_within_a_minute_of_publishing(referrals, worker):
    charts = [
        make_chart(referrals, title=f"Chart {number}", kind=kind)
        for number, kind in enumerate(["line", "bar", "grouped_bar", "stacked_bar", "line"] * 2)
    ]
    worker()
    started = time.perf_counter()
    release = publish_csv(referrals, REFERRALS_V2, note="Checked again")
    worker()
    elapsed = time.perf_counter() - started
    print(f"\npublished and drew 10 charts × 2 languages × 2 formats in {elapsed:.1f} s")
    assert elapsed < 60
    for chart in charts:
        for language in ("en", "es"):
            for fmt in ("png", "svg"):
                assert kept_file(chart, release, fmt, language)


def test_an_image_is_served_for_good_at_its_own_address(client, referrals):
    chart = make_chart(referrals)
    release = Release.objects.get(dataset=referrals, version=2)
    current = client.get(f"/embed/charts/{chart.pk}.png")
    assert current.status_code == 200 and current["Content-Type"] == "image/png"
    assert "max-age=300" in current["Cache-Control"]
    Image.open(io.BytesIO(b"".join(current.streaming_content))).verify()
    with translation.override("en"):
        kept_url = chart_images.image_url(chart, release, "png")
    kept = client.get(kept_url)
    assert kept.status_code == 200 and kept["Content-Type"] == "image/png"
    assert "max-age=31536000" in kept["Cache-Control"] and "immutable" in kept["Cache-Control"]
    svg = client.get(f"/es/embed/charts/{chart.pk}.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert "Derivaciones por tipo cada mes" in svg_text(b"".join(svg.streaming_content))


def test_an_image_drawn_before_an_edit_sends_the_reader_to_the_chart_as_it_is(client, referrals):
    chart = make_chart(referrals)
    release = Release.objects.get(dataset=referrals, version=2)
    with translation.override("en"):
        old_url = chart_images.image_url(chart, release, "svg")
    client.get(old_url)  # drawn and kept
    chart.title = "A new title"
    chart.save()
    assert client.get(f"/embed/charts/{chart.pk}.svg").status_code == 200  # the new drawing
    moved = client.get(old_url)
    assert moved.status_code == 302 and moved["Location"] == f"/embed/charts/{chart.pk}.svg"
    assert client.get(f"/embed/charts/{chart.pk}/images/chart-1-xx.svg").status_code == 404


def test_a_page_with_a_chart_gives_its_picture_to_links_shared_on_social_media(client, referrals):
    chart = make_chart(referrals)
    html = client.get(f"/embed/charts/{chart.pk}/").content.decode()
    image = re.search(r'<meta property="og:image" content="([^"]+)">', html)[1]
    assert re.search(rf"/embed/charts/{chart.pk}/images/chart-{chart.pk}-en-all-", image)
    assert f'<meta property="og:title" content="{TITLE}">' in html
    assert f'<meta property="og:description" content="{SUMMARY}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    served = client.get(image.removeprefix("http://testserver"))
    assert served.status_code == 200 and served["Content-Type"] == "image/png"


def test_without_javascript_the_page_shows_the_svg_in_place_of_the_plot(client, referrals):
    chart = make_chart(referrals)
    html = client.get(f"/embed/charts/{chart.pk}/").content.decode()
    noscript = re.search(r"<noscript>(.*?)</noscript>", html, re.S)[1]
    source = re.search(r'<img class="chart__image" src="([^"]+)" alt="([^"]+)"', noscript)
    assert source[2] == f"{TITLE}: {SUMMARY}"
    svg = client.get(source[1])
    assert TITLE in svg_text(b"".join(svg.streaming_content))
    assert '<details class="chart__table" open>' in html  # the table as before
