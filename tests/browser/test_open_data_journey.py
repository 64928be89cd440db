"""A journalist goes from the catalogue to a dataset, reads it and downloads every format,
in a real browser; the data pages pass axe-core."""

import csv
import io
import json
import re

import openpyxl
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_axe_violations, save_screenshot

DATASET = "Referrals and enrolments by month (sample data)"


def test_journalist_finds_a_dataset_and_downloads_each_format(page, demo_site):
    page.goto(demo_site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Open data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Open data")
    assert_no_axe_violations(page)
    save_screenshot(page, "data-catalogue")

    search = page.get_by_role("search", name="Search datasets")
    search.get_by_role("searchbox").fill("referrals")
    search.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=DATASET).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DATASET)
    expect(page.get_by_role("heading", name="Data dictionary")).to_be_visible()
    expect(page.locator("#preview em.suppressed").first).to_have_text("suppressed")
    expect(page.get_by_role("heading", name="Changes", exact=True)).to_be_visible()
    # What the newest release changed opens under it, and passes axe open too.
    changes = page.locator("#changes")
    changes.locator("summary").first.click()
    expect(changes.get_by_role("table", name="Cells changed").first).to_be_visible()
    assert_no_axe_violations(page)
    save_screenshot(page, "dataset")

    files = {}
    for fmt in ["CSV", "JSON", "XLSX"]:
        with page.expect_download() as info:
            page.get_by_role("link", name=f"Download {fmt} of {DATASET}").click()
        download = info.value
        assert download.suggested_filename.endswith(f".{fmt.lower()}")
        assert "-v" in download.suggested_filename  # the version is in the name
        files[fmt] = open(download.path(), "rb").read()  # noqa: SIM115

    rows = list(csv.DictReader(io.StringIO(files["CSV"].decode("utf-8"))))
    records = json.loads(files["JSON"])["records"]
    sheet = list(openpyxl.load_workbook(io.BytesIO(files["XLSX"]), read_only=True)["Data"].values)
    assert len(rows) == len(records) == len(sheet) - 1 > 0
    assert any(value == "suppressed" for row in rows for value in row.values())


def test_an_earlier_release_downloads_from_the_changes_section(page, demo_site):
    page.goto(demo_site + "/data/")
    page.get_by_role("link", name=DATASET).click()
    history = page.locator("#changes")
    with page.expect_download() as info:
        history.get_by_role("link", name=re.compile(r"^CSV\s*,\s*version 1$")).click()
    assert info.value.suggested_filename.endswith("-v1.csv")


def test_filtered_and_empty_catalogue_pages_pass_axe(page, demo_site):
    page.goto(demo_site + "/data/?q=nothing-matches-this")
    expect(page.get_by_text("No dataset matches")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(demo_site + "/data/")
    page.get_by_role("navigation", name="Filter by keyword").get_by_role("link").nth(1).click()
    expect(page.get_by_role("heading", level=2).filter(has_text="with the keyword")).to_be_visible()
    assert_no_axe_violations(page)
