"""Residents and reporters read the demo's numbers as people write them, in English and in
Spanish: a rate is "29.3%" ("29,3 %"), a cost "$13,200" ("13 200 US$"), a count has no
".0"; in key figures, chart tables, axes and hover labels and dataset previews. Every number
on the home, outcomes and dataset pages is written in its page's language. The
downloads keep the values as published (0.293, 13200).

The demo site is built once for the module, every page and file the tests read is
fetched, and the demo is rolled back.
"""

import csv
import html
import io
import json
import re
from io import StringIO

import openpyxl
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from publicdata import demo_spanish
from publicdata.models import Chart, Dataset, ReleaseRow

pytestmark = pytest.mark.django_db

NBSP = "\xa0"
LANGUAGES = ["en", "es"]
REARREST = "re-arrest-within-12-months"
COSTS = "cost-per-person"
SEATTLE = "seattle-lead-evaluation"
KEY_FIGURE = "Re-arrest within 12 months, all cohorts"
SEATTLE_KEY_FIGURE = "Seattle: lower odds of arrest"
FIXED_PAGES = ["/", "/outcomes/", "/data/", "/feedback/published/"]


def in_language(path, language):
    return path if language == "en" else f"/{language}{path}"


def _rows(slug):
    release = Dataset.objects.get(slug=slug).current_release()
    return list(ReleaseRow.objects.filter(release=release).order_by("position"))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The pages and files the tests read, and the published values they show."""
    client = Client()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_site", "--no-admin", stdout=StringIO())
        slugs = list(Dataset.objects.published().values_list("slug", flat=True))
        paths = FIXED_PAGES + [f"/data/{slug}/" for slug in slugs]
        pages = {}
        for language in LANGUAGES:
            for path in paths:
                response = client.get(in_language(path, language))
                assert response.status_code == 200, path
                pages[(path, language)] = response.content.decode()
        rearrest = {(row.data["group"], row.data["cohort"]): row.data for row in _rows(REARREST)}
        key_figure = Chart.objects.get(title=KEY_FIGURE).pk
        files = {
            "csv": client.get(f"/data/{REARREST}/download.csv").getvalue().decode(),
            "json": json.loads(client.get(f"/data/{REARREST}/download.json").getvalue()),
            "xlsx": client.get(f"/data/{REARREST}/download.xlsx").getvalue(),
            "api": client.get(f"/api/v1/datasets/{REARREST}/rows?limit=100").json(),
            "chart csv": client.get(f"/embed/charts/{key_figure}.csv").content.decode(),
            "costs csv": client.get(f"/data/{COSTS}/download.csv").getvalue().decode(),
            "datapackage": client.get(f"/data/{REARREST}/datapackage.json").json(),
        }
        demo = {
            "slugs": slugs,
            "pages": pages,
            "rearrest": rearrest,
            "costs": {row.data["category"]: row.data for row in _rows(COSTS)},
            "seattle": {row.data["outcome"]: row.data for row in _rows(SEATTLE)},
            "seattle figure": Chart.objects.get(title=SEATTLE_KEY_FIGURE).filter_pairs,
            "files": files,
        }
        # Nothing the demo made outlives this module.
        transaction.set_rollback(True)
    cache.clear()
    return demo


def percentage(value, language):
    """How a reader expects a proportion: to one decimal, as written in each language."""
    text = f"{value * 100:.1f}"
    return f"{text}%" if language == "en" else f"{text.replace('.', ',')}{NBSP}%"


def dollars(value, language):
    grouped = f"{round(value):,}"
    return f"${grouped}" if language == "en" else f"{grouped.replace(',', NBSP)}{NBSP}US$"


def title_in(title, language):
    """A demo chart's title as the page in ``language`` shows it."""
    return title if language == "en" else demo_spanish.CHARTS[title]["title"]


def key_figure(page_html, title):
    """The number and comparison of the key figure with this title, as the page writes them."""
    start = page_html.index(f">{html.escape(title)}</h")
    block = page_html[start : page_html.index("</figure>", start)]
    number = re.search(r'<span class="chart__number">(.*?)</span>', block).group(1)
    comparison = re.search(r'<span class="chart__comparison">(.*?)</span>', block, re.S)
    return number, comparison.group(1) if comparison else ""


def figures(page_html):
    found = re.findall(
        r'<script id="chart-\d+-figure" type="application/json">(.*?)</script>', page_html, re.S
    )
    return [json.loads(text) for text in found]


def shown_text(page_html):
    """What a reader sees or hears: the text of the page and its aria-label, alt and title
    attributes, without scripts (the figures and JSON-LD are data for machines) and the
    embed code."""
    page_html = re.sub(r"<(script|style|textarea)\b.*?</\1>", " ", page_html, flags=re.S)
    spoken = re.findall(r'\b(?:aria-label|alt|title)="([^"]*)"', page_html)
    text = re.sub(r"<[^>]+>", " ", page_html)
    return html.unescape(" ".join([text, *spoken]))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_key_figure_reads_the_re_arrest_rates_as_percentages(demo, language):
    participants = demo["rearrest"][("LEAD participants", "All")]["re_arrest_rate"]
    comparison = demo["rearrest"][("Comparison group", "All")]["re_arrest_rate"]
    number, compared = key_figure(demo["pages"][("/", language)], title_in(KEY_FIGURE, language))
    assert number == percentage(participants, language)
    assert number == {"en": "29.3%", "es": f"29,3{NBSP}%"}[language]  # the demo's 61 of 208
    assert compared.endswith(f" {percentage(comparison, language)}")  # 52.2% / 52,2 %
    assert str(participants) not in shown_text(demo["pages"][("/", language)])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_outcomes_page_shows_costs_as_money(demo, language):
    text = shown_text(demo["pages"][("/outcomes/", language)])
    for row in demo["costs"].values():
        cost = row["cost_per_person_per_year"]
        assert dollars(cost, language) in text  # $13,200 / 13 200 US$
        assert str(cost) not in text  # never 13200.0


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_outcomes_page_writes_whole_numbers_without_a_decimal_point(demo, language):
    outcome = dict(demo["seattle figure"])["outcome"]
    value = demo["seattle"][outcome]["value"]
    assert value == 60.0 and isinstance(value, float)  # the data holds 60.0
    title = title_in(SEATTLE_KEY_FIGURE, language)
    number, _ = key_figure(demo["pages"][("/outcomes/", language)], title)
    assert number == str(int(value))


@pytest.mark.parametrize(
    ("language", "percent", "money"),
    [("en", "%", "$"), ("es", f"{NBSP}%", f"{NBSP}US$")],
)
def test_the_outcome_charts_label_axes_and_hover_as_people_read_them(
    demo, language, percent, money
):
    drawn = figures(demo["pages"][("/outcomes/", language)])
    rates = {row["re_arrest_rate"] for row in demo["rearrest"].values()}
    costs = {row["cost_per_person_per_year"] for row in demo["costs"].values()}
    by_values = {"rates": None, "costs": None}
    for figure in drawn:
        plotted = {y for trace in figure["data"] for y in trace["y"] if y is not None}
        if plotted and plotted <= rates:
            by_values["rates"] = figure
        elif plotted and plotted <= costs:
            by_values["costs"] = figure
    rate_chart, cost_chart = by_values["rates"], by_values["costs"]
    assert rate_chart and cost_chart, "the outcomes page draws the re-arrest and cost charts"
    assert all(tick.endswith(percent) for tick in rate_chart["layout"]["yaxis"]["ticktext"])
    for trace in rate_chart["data"]:
        assert trace["customdata"] == [
            "" if y is None else percentage(y, language) for y in trace["y"]
        ]
    ticks = cost_chart["layout"]["yaxis"]["ticktext"]
    assert all(tick.startswith(money) or tick.endswith(money) for tick in ticks)
    (trace,) = cost_chart["data"]
    assert trace["customdata"] == [dollars(y, language) for y in trace["y"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_dataset_preview_shows_money_and_percentages(demo, language):
    costs = shown_text(demo["pages"][(f"/data/{COSTS}/", language)])
    assert dollars(demo["costs"]["Supportive housing"]["cost_per_person_per_year"], language) in (
        costs
    )
    rates = shown_text(demo["pages"][(f"/data/{REARREST}/", language)])
    rate = demo["rearrest"][("LEAD participants", "All")]["re_arrest_rate"]
    assert percentage(rate, language) in rates


def test_the_downloads_keep_the_published_values(demo):
    files = demo["files"]
    rate = demo["rearrest"][("LEAD participants", "All")]["re_arrest_rate"]
    assert rate == 0.293
    records = {(r["group"], r["cohort"]): r for r in csv.DictReader(io.StringIO(files["csv"]))}
    assert records[("LEAD participants", "All")]["re_arrest_rate"] == "0.293"
    (record,) = [
        r
        for r in files["json"]["records"]
        if (r["group"], r["cohort"]) == ("LEAD participants", "All")
    ]
    assert record["re_arrest_rate"] == rate
    sheet = openpyxl.load_workbook(io.BytesIO(files["xlsx"]), read_only=True)["Data"]
    cells = [
        row for row in sheet.iter_rows(values_only=True) if row[:2] == ("LEAD participants", "All")
    ]
    assert cells[0][-1] == rate
    (api_row,) = [
        r for r in files["api"]["rows"] if (r["group"], r["cohort"]) == ("LEAD participants", "All")
    ]
    assert api_row["re_arrest_rate"] == rate
    assert "0.293" in files["chart csv"]
    costs = {r["category"]: r for r in csv.DictReader(io.StringIO(files["costs csv"]))}
    published = demo["costs"]["Supportive housing"]["cost_per_person_per_year"]
    assert costs["Supportive housing"]["cost_per_person_per_year"] == str(published)
    written = json.dumps(files["datapackage"]) + files["csv"] + files["chart csv"]
    for readable in ["29.3%", "29,3", "$13,200", "US$"]:
        assert readable not in written + files["costs csv"]


# A proportion written raw (0.293), or a whole number with a decimal point (13200.0);
# "20.0%" is a percentage to one decimal, and "CC BY 4.0" a licence's version (DCAT-US 1.1 a
# standard's).
RAW_LOOKING = [
    re.compile(r"\b0[.,]\d{3}\b"),
    re.compile(r"\b\d+[.,]0\b(?![\d\xa0 ]*%)"),
]
LICENCE_VERSIONS = re.compile(r"(CC BY|CC0|Attribution|Atribución|Zero|Commons|DCAT-US) \d\.\d\b")


def _page_ids():
    slugs = [
        "referrals-and-enrolments",
        "services-received",
        REARREST,
        COSTS,
        SEATTLE,
        "what-residents-told-us",
    ]
    paths = FIXED_PAGES + [f"/data/{slug}/" for slug in slugs]
    return [(path, language) for language in LANGUAGES for path in paths]


@pytest.mark.parametrize(("path", "language"), _page_ids(), ids=lambda value: str(value))
def test_no_page_shows_a_raw_looking_number(demo, path, language):
    text = LICENCE_VERSIONS.sub(" ", shown_text(demo["pages"][(path, language)]))
    found = [
        text[max(0, match.start() - 40) : match.end() + 20]
        for pattern in RAW_LOOKING
        for match in pattern.finditer(text)
    ]
    assert found == [], f"{in_language(path, language)} shows raw numbers: {found}"


def test_every_published_dataset_page_is_scanned(demo):
    scanned = {path for path, _ in _page_ids()}
    assert {f"/data/{slug}/" for slug in demo["slugs"]} <= scanned


# Numbers written in the other language's way: a Spanish page writes 1,4, 13 200, 29,3 %
# and 13 200 US$; an English page 1.4, 13,200, 29.3% and $13,200.
WRITTEN_THE_OTHER_WAY = {
    "es": [
        re.compile(r"\$\s?\d"),  # the dollar sign before the amount
        re.compile(r"\d%"),  # a percentage without its space
        re.compile(r"\d,\d{3}(?!\d)"),  # a comma between thousands
        re.compile(r"\d\.\d"),  # a decimal point
    ],
    "en": [
        re.compile(r"\d[\xa0 ]\d{3}(?!\d)"),  # a space between thousands
        re.compile(r"\d[\xa0 ]%"),  # a space before the percent sign
        re.compile(r"US\$"),
        re.compile(r"\d,\d{1,2}(?!\d)"),  # a decimal comma
    ],
}
# A whole number of five digits or more written without grouping (a ZIP code is a code).
UNGROUPED = re.compile(r"(?<![\d-])(?<!MD )\d{5,}(?![\d-])")
NOT_WORDS = re.compile(r"<(script|style|textarea|code|pre)\b.*?</\1>", re.S)


def text_in_page_language(page_html):
    """What a reader sees in the page's own language: without scripts, code (the API
    example, checksums, column names) and what is marked lang="en" on a page in another
    language (data as published)."""
    page_html = NOT_WORDS.sub(" ", page_html)
    if '<html lang="es"' in page_html:
        # Innermost first, so that nested elements are removed whole.
        marked = re.compile(r'<(\w+)\b[^>]*\blang="en"[^>]*>(?:(?!<\1\b).)*?</\1>', re.S)
        while marked.search(page_html):
            page_html = marked.sub(" ", page_html)
    spoken = re.findall(r'\b(?:aria-label|alt|title)="([^"]*)"', page_html)
    return html.unescape(" ".join([re.sub(r"<[^>]+>", " ", page_html), *spoken]))


@pytest.mark.parametrize(("path", "language"), _page_ids(), ids=lambda value: str(value))
def test_every_number_is_written_as_its_language_writes_numbers(demo, path, language):
    text = LICENCE_VERSIONS.sub(" ", text_in_page_language(demo["pages"][(path, language)]))
    found = [
        text[max(0, match.start() - 40) : match.end() + 20]
        for pattern in [*WRITTEN_THE_OTHER_WAY[language], UNGROUPED]
        for match in pattern.finditer(text)
    ]
    assert found == [], f"{in_language(path, language)} writes numbers the wrong way: {found}"
