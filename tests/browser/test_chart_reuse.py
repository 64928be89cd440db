"""Reusing a chart in a real browser: a reader picks the series of a chart with many,
with and without JavaScript; the address keeps the choice and a shared link opens the same
view, with downloads that agree; an editor picks what to plot from lists that follow the
dataset chosen. axe-core finds nothing on any of them."""

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, save_screenshot

CHART = "Services received each quarter"
SERVICES = ["Assessment", "Treatment", "Housing", "Job training"]
CHOSEN = ["Assessment", "Treatment", "Job training"]


def services_chart(page):
    return page.locator("figure.chart").filter(
        has=page.get_by_role("heading", name=CHART, exact=True)
    )


def chosen_in(url):
    (values,) = [v for k, v in parse_qs(urlsplit(url).query).items() if k.startswith("series-")]
    return values


def column_headers(chart):
    return chart.locator("thead th:visible").all_inner_texts()


def test_a_reader_picks_series_and_shares_the_view(page, demo_site):
    page.goto(demo_site + "/outcomes/")
    chart = services_chart(page)
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".chart__plot--drawn")).to_have_count(1)
    picker = chart.get_by_role("group", name=re.compile("^Series to show"))
    expect(picker.get_by_role("button", name="Show these series")).to_be_hidden()

    picker.get_by_role("checkbox", name="Housing").uncheck()
    # At once, without a reload: the address, the plot, the table and the downloads.
    expect(page).to_have_url(re.compile(r"series-\d+="))
    assert chosen_in(page.url) == CHOSEN
    expect(chart.locator(".legendtext")).to_have_text(CHOSEN)
    chart.locator("details.chart__table > summary").click()
    assert column_headers(chart) == ["Quarter", *CHOSEN]
    csv_link = chart.get_by_role("link", name=f"CSV of {CHART}")
    expect(csv_link).to_have_attribute(
        "href", re.compile(r"\.csv\?series=Assessment&series=Treatment&series=Job%20training$")
    )
    assert_no_axe_violations(page)
    save_screenshot(page, "chart-series-chosen")

    # The last ticked series stays ticked.
    for name in ["Assessment", "Treatment"]:
        picker.get_by_role("checkbox", name=name).uncheck()
    picker.get_by_role("checkbox", name="Job training").click()
    expect(picker.get_by_role("checkbox", name="Job training")).to_be_checked()
    for name in ["Assessment", "Treatment"]:
        picker.get_by_role("checkbox", name=name).check()

    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    again = services_chart(other)
    for name in SERVICES:
        box = again.get_by_role("checkbox", name=name)
        expect(box).to_be_checked() if name in CHOSEN else expect(box).not_to_be_checked()
    again.scroll_into_view_if_needed()
    expect(again.locator(".legendtext")).to_have_text(CHOSEN)
    with other.expect_download() as info:
        again.get_by_role("link", name=f"CSV of {CHART}").click()
    header = next(csv.reader(io.StringIO(open(info.value.path()).read())))  # noqa: SIM115
    assert header == ["quarter", *CHOSEN]
    image = other.request.get(
        demo_site + again.get_by_role("link", name=f"SVG of {CHART}").get_attribute("href")
    )
    assert image.ok and "Housing" not in image.text() and "Job training" in image.text()
    other.close()


def test_without_javascript_the_picker_is_a_form_and_the_chart_an_image(browser, demo_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(demo_site + "/outcomes/")
        chart = services_chart(page)
        image = chart.get_by_role("img", name=re.compile(f"^{CHART}: "))
        image.scroll_into_view_if_needed()
        expect(image).to_be_visible()
        assert image.evaluate("img => img.naturalWidth") == 1200
        chart.get_by_role("checkbox", name="Housing").uncheck()
        chart.get_by_role("button", name="Show these series").click()
        assert chosen_in(page.url) == CHOSEN
        chart = services_chart(page)
        assert column_headers(chart) == ["Quarter", *CHOSEN]
        expect(chart.get_by_role("checkbox", name="Housing")).not_to_be_checked()
        save_screenshot(page, "chart-series-no-javascript")
    finally:
        context.close()


def test_an_editor_chooses_what_to_plot_from_lists_of_the_dataset(
    browser, demo_site, django_user_model
):
    django_user_model.objects.create_superuser("chart-editor", "e@example.org", "a-long-pass-2")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(demo_site + "/admin/login/")
        page.get_by_label("Username").fill("chart-editor")
        page.get_by_label("Password").fill("a-long-pass-2")
        page.get_by_role("button", name="Sign in").click()
        page.goto(demo_site + "/admin/snippets/publicdata/chart/add/")
        page.locator("#id_dataset").select_option(
            label="Services received by quarter (sample data)"
        )
        x_field = page.get_by_label("X field")
        enabled = x_field.locator("option:not([disabled])")
        expect(enabled).to_have_count(4)  # once Wagtail's w-rules has resolved
        assert enabled.all_inner_texts()[1:] == [
            "quarter (Quarter)",
            "service (Service)",
            "participants (Participants)",
        ]
        y_fields = page.locator("#id_y_fields")
        expect(y_fields.get_by_role("checkbox", name="participants (Participants)")).to_be_visible()
        expect(y_fields.get_by_role("checkbox", name="referrals (Referrals)")).to_be_hidden()
        filters = page.locator("#id_filters")
        expect(filters.get_by_role("checkbox", name="service=Housing")).to_be_visible()
        assert_no_axe_violations(page, "#panel-child-chart-what_to_plot-section")

        page.locator("#id_dataset").select_option(
            label="Referrals and enrolments by month (sample data)"
        )
        expect(y_fields.get_by_role("checkbox", name="referrals (Referrals)")).to_be_visible()
        expect(y_fields.get_by_role("checkbox", name="participants (Participants)")).to_be_hidden()
        save_screenshot(page, "chart-editor-lists")
    finally:
        context.close()
