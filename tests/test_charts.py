"""Charts drawn from published datasets: the figure, its table and its downloads hold
exactly the release's numbers; the editor refuses choices that do not fit; pages with
charts carry no inline executable script; the embed page alone may be framed."""

import csv
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from publicdata.charts import built_chart, plotted
from publicdata.models import Chart, ChartKind, ReleaseRow
from tests.publicdata_helpers import REFERRALS_V1, make_dataset, publish_csv


def make_chart(dataset, **fields):
    values = {
        "title": "Referrals each month",
        "summary": "Referrals rose from January to February.",
        "kind": ChartKind.LINE,
        "x_field": "month",
        "y_fields": "referrals, enrolled",
        "filters": "referral_type=Total",
        **fields,
    }
    chart = Chart(dataset=dataset, **values)
    chart.full_clean()
    chart.save()
    return chart


@pytest.fixture
def totals_chart(referrals):
    return make_chart(referrals)


def release_rows(dataset, **wanted):
    rows = ReleaseRow.objects.filter(release=dataset.current_release()).order_by("position")
    return [
        (data, suppressed)
        for data, suppressed in rows.values_list("data", "suppressed")
        if all(data[key] == value for key, value in wanted.items())
    ]


def test_the_figure_and_table_hold_exactly_the_filtered_rows(totals_chart, referrals):
    _, built = built_chart(totals_chart)
    expected = release_rows(referrals, referral_type="Total")
    traces = built["figure"]["data"]
    assert [trace["name"] for trace in traces] == ["Referrals", "Enrolled"]
    assert traces[0]["x"] == [data["month"] for data, _ in expected]
    assert traces[0]["y"] == [data["referrals"] for data, _ in expected]
    assert traces[1]["y"] == [data["enrolled"] for data, _ in expected]
    table_rows = [[cell["value"] for cell in row] for row in built["table"]["rows"]]
    assert table_rows == [[d["month"], d["referrals"], d["enrolled"]] for d, _ in expected]
    assert built["table"]["header"] == ["Month", "Referrals", "Enrolled"]


def test_a_series_chart_pivots_a_dimension_and_keeps_suppressed_cells_as_gaps(referrals):
    chart = make_chart(
        referrals,
        title="By type",
        kind=ChartKind.GROUPED_BAR,
        y_fields="referrals",
        series_field="referral_type",
        filters="referral_type=Arrest diversion\nreferral_type=Social contact",
    )
    _, built = built_chart(chart)
    traces = {trace["name"]: trace["y"] for trace in built["figure"]["data"]}
    # January's counts are suppressed in the release: gaps, never zeros.
    assert traces == {"Arrest diversion": [None, 31], "Social contact": [None, 15]}
    january = built["table"]["rows"][0]
    assert [cell["suppressed"] for cell in january] == [False, True, True]
    assert built["has_gaps"]
    notes = [a["text"] for a in built["figure"]["layout"]["annotations"]]
    assert "SAMPLE DATA" in notes  # on the chart itself; the gap note is beside it


def test_a_key_figure_shows_one_number_and_its_comparison(referrals):
    chart = make_chart(
        referrals,
        title="February",
        kind=ChartKind.KEY_FIGURE,
        x_field="",
        y_fields="referrals",
        filters="month=2017-02\nreferral_type=Total",
        comparison_filters="month=2017-01\nreferral_type=Total",
        comparison_label="January",
    )
    _, built = built_chart(chart)
    cells = built["table"]["rows"][0]
    assert [cell["value"] for cell in cells] == ["", 46, 27]
    assert "figure" not in built


@pytest.fixture
def rate_chart(referrals):
    return make_chart(
        referrals,
        title="Share enrolled",
        kind=ChartKind.BAR,
        y_fields="enrolment_rate",
        filters="referral_type=Total",
    )


@pytest.mark.parametrize(
    ("language", "february", "ticks"),
    [
        ("en", "82.2%", ["0.0%", "20.0%", "40.0%", "60.0%", "80.0%", "100.0%"]),
        ("es", "82,2\xa0%", [f"{n},0\xa0%" for n in (0, 20, 40, 60, 80, 100)]),
    ],
)
def test_a_chart_of_proportions_reads_in_percentages_and_plots_the_published_values(
    rate_chart, referrals, language, february, ticks
):
    with translation.override(language):
        _, built = built_chart(rate_chart)
    (trace,) = built["figure"]["data"]
    published = [
        data["enrolment_rate"] for data, _ in release_rows(referrals, referral_type="Total")
    ]
    assert trace["y"] == published == [0.741, 0.822]  # the data plotted as released
    assert trace["customdata"][1] == february  # the hover label
    assert "%{customdata}" in trace["hovertemplate"] and "%{y}" not in trace["hovertemplate"]
    axis = built["figure"]["layout"]["yaxis"]
    assert axis["ticktext"] == ticks
    assert axis["tickvals"] == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    assert built["table"]["rows"][1][1]["text"] == february
    assert built["table"]["rows"][1][1]["value"] == 0.822


def test_a_chart_is_drawn_with_the_separators_of_the_readers_language(rate_chart):
    with translation.override("es"):
        _, built = built_chart(rate_chart)
    assert built["figure"]["layout"]["separators"] == ",\xa0"
    _, built = built_chart(rate_chart)
    assert built["figure"]["layout"]["separators"] == ".,"


def test_a_key_figure_of_a_proportion_reads_as_a_percentage_in_each_language(client, referrals):
    chart = make_chart(
        referrals,
        title="Enrolled in February",
        kind=ChartKind.KEY_FIGURE,
        x_field="",
        y_fields="enrolment_rate",
        filters="month=2017-02\nreferral_type=Total",
        comparison_filters="month=2017-01\nreferral_type=Total",
        comparison_label="January",
    )
    english = client.get(f"/embed/charts/{chart.pk}/").content.decode()
    assert '<span class="chart__number">82.2%</span>' in english
    assert "January: 74.1%" in english
    spanish = client.get(f"/es/embed/charts/{chart.pk}/").content.decode()
    assert '<span class="chart__number">82,2\xa0%</span>' in spanish
    assert "74,1\xa0%" in spanish


def test_a_chart_of_counts_has_whole_number_ticks_and_no_decimal_point(totals_chart):
    _, built = built_chart(totals_chart)
    axis = built["figure"]["layout"]["yaxis"]
    assert all(tick == int(tick) for tick in axis["tickvals"])
    assert all("." not in text for text in axis["ticktext"])
    cells = [cell["text"] for row in built["table"]["rows"] for cell in row[1:]]
    assert cells and all(re.fullmatch(r"\d+|", text) for text in cells)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"y_fields": "referral_type"}, "y_fields", "not numbers"),
        ({"y_fields": "nope"}, "y_fields", "is not a field"),
        ({"y_fields": ""}, "y_fields", "This field cannot be blank"),
        ({"x_field": ""}, "x_field", "Name the field along the bottom"),
        ({"series_field": "referrals", "y_fields": "enrolled"}, "series_field", "dimension"),
        (
            {"series_field": "referral_type", "y_fields": "referrals, enrolled"},
            "series_field",
            "one y field",
        ),
        ({"kind": ChartKind.STACKED_BAR, "y_fields": "referrals"}, "kind", "Grouped and stacked"),
        ({"filters": "referral_type=Nobody"}, "filters", "is not a value of referral_type"),
        ({"filters": "referrals=3"}, "filters", "Filter on a dimension"),
        ({"filters": "just words"}, "filters", "not in the form field=value"),
        ({"annotations": "2017-02 Pilot starts"}, "annotations", "form x value | text"),
        ({"kind": ChartKind.KEY_FIGURE, "y_fields": "referrals, enrolled"}, "y_fields", "one"),
    ],
)
def test_the_editor_refuses_choices_that_do_not_fit_the_dictionary(
    referrals, fields, field, message
):
    chart = Chart(
        dataset=referrals,
        title="A chart",
        summary="What it shows.",
        kind=fields.pop("kind", ChartKind.LINE),
        x_field=fields.pop("x_field", "month"),
        y_fields=fields.pop("y_fields", "referrals"),
        filters=fields.pop("filters", "referral_type=Total"),
        **fields,
    )
    with pytest.raises(ValidationError) as raised:
        chart.full_clean()
    assert message in " ".join(raised.value.message_dict.get(field, [])), raised.value


def test_filters_that_leave_several_rows_per_point_are_refused(referrals):
    chart = Chart(
        dataset=referrals,
        title="Ambiguous",
        summary="Two rows a month.",
        kind=ChartKind.LINE,
        x_field="month",
        y_fields="referrals",
    )
    with pytest.raises(ValidationError, match="more than one row for month"):
        chart.full_clean()


def test_the_chart_downloads_hold_exactly_the_plotted_numbers(client, totals_chart, referrals):
    _, built = built_chart(totals_chart)
    response = client.get(f"/embed/charts/{totals_chart.pk}.csv")
    assert response["Content-Disposition"] == f'attachment; filename="chart-{totals_chart.pk}.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["month", "referrals", "enrolled"]
    assert rows[1:] == [[str(cell["value"]) for cell in row] for row in built["table"]["rows"]]
    about = client.get(f"/embed/charts/{totals_chart.pk}.metadata.json").json()
    assert about["title"] == "Referrals each month"
    assert about["release"]["version"] == 2 and about["sample_data"] is True
    assert about["dataset"]["url"] == "http://testserver/data/referrals/"
    assert about["licence"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "version 2" in about["citation"]
    bundle = zipfile.ZipFile(io.BytesIO(client.get(f"/embed/charts/{totals_chart.pk}.zip").content))
    name = f"chart-{totals_chart.pk}"
    assert sorted(bundle.namelist()) == ["README.txt", f"{name}.csv", f"{name}.metadata.json"]
    assert bundle.read(f"{name}.csv").decode() == response.content.decode()


def test_suppressed_values_are_marked_in_the_chart_csv(client, referrals):
    chart = make_chart(
        referrals,
        title="By type",
        kind=ChartKind.GROUPED_BAR,
        y_fields="referrals",
        series_field="referral_type",
        filters="referral_type=Arrest diversion\nreferral_type=Social contact",
    )
    text = client.get(f"/embed/charts/{chart.pk}.csv").content.decode()
    assert text.splitlines()[1] == "2017-01,suppressed,suppressed"


def inline_scripts(html):
    """Script elements that would run code written into the page."""
    found = []
    for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
        if 'type="application/json"' in attributes:
            continue
        if "src=" in attributes and not body.strip():
            continue
        found.append(attributes + body[:80])
    return found


def test_the_embed_page_may_be_framed_and_runs_no_inline_script(client, totals_chart):
    response = client.get(f"/embed/charts/{totals_chart.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert client.get("/data/")["X-Frame-Options"] == "DENY"
    assert inline_scripts(html) == []
    assert f'id="chart-{totals_chart.pk}-figure" type="application/json"' in html
    assert html.count("plotly-basic.min.js") == 1 and "js/charts.js" in html
    assert "<table" in html and "Referrals rose from January to February." in html


def test_what_cannot_be_drawn_is_404_on_the_embed_urls(client, referrals):
    other = make_dataset(slug="empty", title="No release yet")
    chart = Chart.objects.create(
        dataset=other,
        title="Nothing",
        summary="Nothing yet.",
        x_field="month",
        y_fields="referrals",
    )
    for suffix in ["/", ".csv", ".metadata.json", ".zip"]:
        assert client.get(f"/embed/charts/{chart.pk}{suffix}").status_code == 404
    assert client.get("/embed/charts/999999/").status_code == 404


def test_a_figure_is_built_once_per_release_and_chart_version(
    totals_chart, referrals, django_assert_num_queries
):
    built_chart(totals_chart)
    with django_assert_num_queries(1):  # the current release; the figure is cached
        built_chart(totals_chart)
    publish_csv(referrals, REFERRALS_V1, note="Third release")
    _, rebuilt = built_chart(totals_chart)
    assert [row[1]["value"] for row in rebuilt["table"]["rows"]] == [27, 45]


def test_a_new_release_redraws_every_chart_from_its_numbers(totals_chart, referrals):
    before = plotted(totals_chart, referrals.current_release())
    publish_csv(referrals, REFERRALS_V1, note="Back to the first numbers")
    after = plotted(totals_chart, referrals.current_release())
    assert [row["referrals"] for row in before.rows] == [27, 46]
    assert [row["referrals"] for row in after.rows] == [27, 45]


@pytest.fixture
def demo(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo_site", "--no-admin", stdout=StringIO())


def test_the_outcomes_page_draws_every_demo_chart_and_loads_plotly_once(client, demo):
    html = client.get("/outcomes/").content.decode()
    assert html.count('class="chart__plot"') == 5
    assert html.count('class="chart chart--key-figure"') == 2
    assert html.count("plotly-basic.min.js") == 1 and html.count("js/charts.js") == 1
    assert inline_scripts(html) == []
    assert html.count("Sample data: made-up numbers for demonstration.") >= 5
    # Outcomes are in the main navigation, and the home page's call to action leads there.
    assert 'href="/outcomes/"' in client.get("/").content.decode()


def test_pages_without_a_plot_load_no_chart_script(client, demo):
    for url in ["/", "/lead/what-is-lead/", "/lead/other-cities/", "/data/", "/feedback/"]:
        html = client.get(url).content.decode()
        assert "plotly" not in html and "charts.js" not in html, url
    # Key figures need no script, only the numbers.
    assert "Re-arrest within 12 months, all cohorts" in client.get("/").content.decode()
    other_cities = client.get("/lead/other-cities/").content.decode()
    assert 'class="chart chart--key-figure"' in other_cities
    assert "Seattle: lower odds of arrest" in other_cities


def test_the_dataset_page_lists_the_charts_drawn_from_it(client, totals_chart):
    html = client.get("/data/referrals/").content.decode()
    assert "Charts drawn from this dataset" in html
    assert f'href="/embed/charts/{totals_chart.pk}/">Referrals each month</a>' in html


def test_a_filter_with_not_equals_leaves_rows_out(referrals):
    chart = Chart(
        dataset=referrals,
        title="Referrals but the totals",
        summary="Referrals of each kind in January 2017.",
        kind="bar",
        x_field="referral_type",
        y_fields="referrals",
        filters="month=2017-01\nreferral_type!=Total",
    )
    chart.full_clean()
    plot = plotted(chart, referrals.current_release())
    assert [row["x"] for row in plot.rows] == ["Arrest diversion", "Social contact"]
