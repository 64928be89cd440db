"""A reader picks which series of a chart to show. Without JavaScript the choice is a form;
the address keeps it, so a shared link opens the same view, and the chart's CSV, zip and
images give exactly that view, as OWID's filtered downloads do."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from html import unescape
from urllib.parse import urlencode

import pytest

from publicdata.models import Chart
from tests.test_page_cache import chart_page  # noqa: F401

pytestmark = pytest.mark.django_db

SERIES = ["Arrest diversion", "Social contact", "Total"]


@pytest.fixture
def chart(referrals):
    return Chart.objects.create(
        title="Referrals by kind",
        summary="Referrals of each kind, month by month.",
        dataset=referrals,
        kind="line",
        x_field="month",
        y_fields="referrals",
        series_field="referral_type",
    )


def page(client, chart, *chosen):
    query = urlencode([(f"series-{chart.pk}", value) for value in chosen])
    return client.get(f"/embed/charts/{chart.pk}/?{query}").content.decode()


def download_links(html):
    """{format: address} of the chart's downloads that follow the choice."""
    found = re.findall(r'<a href="([^"]+)" data-series-link="[^"]+\.(\w+)"', html)
    return {fmt: unescape(address) for address, fmt in found}


def table_header(html):
    head = re.search(r"<thead><tr>(.*?)</tr></thead>", html, re.S)[1]
    return [
        (text, "hidden" in attributes)
        for attributes, text in re.findall(r"<th scope=\"col\"([^>]*)>([^<]*)</th>", head)
    ]


def figure(html, chart):
    source = re.search(
        rf'<script id="chart-{chart.pk}-figure" type="application/json">(.*?)</script>', html, re.S
    )
    return json.loads(source[1])


def svg_words(response):
    root = ET.fromstring(b"".join(response.streaming_content))  # noqa: S314 (our own SVG)
    return " ".join(root.itertext())


def test_the_form_lists_every_series_ticked(client, chart):
    html = page(client, chart)
    boxes = re.findall(
        rf'<input type="checkbox" name="series-{chart.pk}" value="([^"]+)"( checked)?>', html
    )
    assert boxes == [(name, " checked") for name in SERIES]
    assert f'action="/embed/charts/{chart.pk}/#chart-{chart.pk}"' in html
    assert 'src="/static/js/chart-series.js"' in html


def test_a_shared_address_opens_the_same_view(client, chart):
    html = page(client, chart, "Social contact", "Total")
    boxes = dict(re.findall(r'value="([^"]+)"( checked)?>', html))
    assert boxes == {"Arrest diversion": "", "Social contact": " checked", "Total": " checked"}
    assert table_header(html) == [
        ("Month", False),
        ("Arrest diversion", True),
        ("Social contact", False),
        ("Total", False),
    ]
    visible = {trace["name"]: trace["visible"] for trace in figure(html, chart)["data"]}
    assert visible == {"Arrest diversion": False, "Social contact": True, "Total": True}


def test_the_downloads_follow_the_choice_and_agree_with_the_page(client, chart):
    html = page(client, chart, "Social contact", "Total")
    links = download_links(html)
    query = "?series=Social%20contact&series=Total"
    assert links["csv"].endswith(f"/embed/charts/{chart.pk}.csv{query}")
    assert links["png"] == f"/embed/charts/{chart.pk}.png{query}"

    rows = list(csv.reader(io.StringIO(client.get(links["csv"]).content.decode())))
    assert rows[0] == ["month", "Social contact", "Total"]
    assert rows[1:] == [["2017-01", "suppressed", "27"], ["2017-02", "15", "46"]]
    bundle = zipfile.ZipFile(io.BytesIO(client.get(links["zip"]).content))
    assert (
        bundle.read(f"chart-{chart.pk}.csv").decode().splitlines()[0]
        == "month,Social contact,Total"
    )
    about = json.loads(bundle.read(f"chart-{chart.pk}.metadata.json"))
    assert about["series_shown"] == ["Social contact", "Total"]

    words = svg_words(client.get(links["svg"]))
    assert "Social contact" in words and "Total" in words
    assert "Arrest diversion" not in words
    whole = svg_words(client.get(f"/embed/charts/{chart.pk}.svg"))
    assert "Arrest diversion" in whole


def test_every_series_or_none_is_the_whole_chart(client, chart):
    whole = page(client, chart)
    assert page(client, chart, *SERIES).count(" checked") == 3
    assert download_links(whole)["csv"].endswith(f"/embed/charts/{chart.pk}.csv")
    everything = client.get(
        f"/embed/charts/{chart.pk}.csv?series=Total&series=Social+contact&series=Arrest+diversion"
    )
    assert everything.content == client.get(f"/embed/charts/{chart.pk}.csv").content


def test_a_series_the_chart_does_not_have_is_named_in_a_clear_error(client, chart):
    html = page(client, chart, "Nobody")
    expected = "“Nobody” is not a series of this chart. Its series are: "
    assert expected + "Arrest diversion, Social contact, Total." in html
    assert html.count(" checked") == 3  # the whole chart
    for address in (
        f"/embed/charts/{chart.pk}.csv",
        f"/embed/charts/{chart.pk}.png",
        f"/embed/charts/{chart.pk}.zip",
    ):
        response = client.get(address + "?series=Nobody")
        assert response.status_code == 400
        assert "“Nobody” is not a series of this chart" in response.content.decode()


def test_a_chart_with_two_series_has_no_picker(client, referrals):
    two = Chart.objects.create(
        title="Referrals and enrolments",
        summary="Both rose.",
        dataset=referrals,
        kind="line",
        x_field="month",
        y_fields="referrals, enrolled",
        filters="referral_type=Total",
    )
    html = client.get(f"/embed/charts/{two.pk}/").content.decode()
    assert "data-series-form" not in html and "chart-series.js" not in html


def test_other_charts_choices_are_kept_when_one_is_changed(client, chart):
    html = client.get(f"/embed/charts/{chart.pk}/?series-999=Elsewhere").content.decode()
    assert '<input type="hidden" name="series-999" value="Elsewhere">' in html


def test_a_page_with_a_chart_block_gives_its_chart_as_the_picture_of_shared_links(
    client,
    chart_page,  # noqa: F811
):
    html = client.get(chart_page.url).content.decode()
    assert f'<meta property="og:title" content="{chart_page.title}">' in html
    assert '<meta property="og:type" content="website">' in html
    image = re.search(r'<meta property="og:image" content="http://testserver([^"]+)">', html)[1]
    served = client.get(image)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert "max-age=31536000" in served["Cache-Control"]


def test_a_page_without_a_chart_has_no_picture(client, home):
    html = client.get(home.url).content.decode()
    assert '<meta property="og:title"' in html and "og:image" not in html
    assert '<meta name="twitter:card" content="summary">' in html
