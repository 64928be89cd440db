"""No spreadsheet the site serves runs a formula, and no published value is changed for it.

Text that a spreadsheet would read as a formula (a cell starting with =, +, -, @, a tab or
a carriage return) is refused where staff type it: a text cell of an uploaded release, a
column's name or allowed values, a neighbourhood's name, a report's public text, response
and topics. So every CSV holds exactly what was published, negative numbers included, and
the XLSX files write every text as text, never as a formula.
"""

import contextlib
import csv
import io
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from feedback import resident_dataset
from feedback.models import Neighbourhood
from feedback.moderation import decisions as moderation
from publicdata.maintained import MaintainedDatasetError
from publicdata.models import Chart, Dataset, FieldSpec, Release, ReleaseRow
from publicdata.permissions import DATA_ANALYSTS, ensure_groups
from publicdata.publishing import PublishError, create_draft, publish
from publicdata.spreadsheets import starts_like_formula
from tests.factories import ReportFactory
from tests.test_release_admin import (
    NEW_DATASET_URL,
    cells,
    dataset_form,
    latest_release,
    publish_url,
    review_url,
    section,
    upload,
    user_in,
)


@pytest.fixture
def analyst(client, django_user_model, db):
    ensure_groups()
    user = user_in(django_user_model, "analyst", Group.objects.get(name=DATA_ANALYSTS))
    client.force_login(user)
    return user


HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "@SUM(A1)", "\t=1", "-1+1"]


def csv_cell(text):
    """``text`` as one CSV cell, quoted as a spreadsheet would save it."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow([text])
    return buffer.getvalue()


HOSTILE_UPLOAD = "place,people,change\n" + "".join(
    f"{csv_cell(text)},{20 + number},-3.5\n" for number, text in enumerate(HOSTILE)
)
FINE_UPLOAD = "place,people,change\nMarket Center,31,-3.5\nSeton Hill,40,0\nTotal,71,-1.25\n"


def make_places_dataset(**texts):
    """A dataset of a text dimension, a count and a number that may be negative."""
    dataset = Dataset.objects.create(
        title=texts.get("title", "Change by place"),
        slug="places",
        summary=texts.get("summary", "How each place changed."),
        source=texts.get("source", "Case management"),
        contact_email="data@example.org",
    )
    for order, (name, kind, role) in enumerate(
        [
            ("place", "string", "dimension"),
            ("people", "integer", "count"),
            ("change", "number", "measure"),
        ]
    ):
        FieldSpec.objects.create(
            dataset=dataset,
            sort_order=order,
            name=name,
            title=texts.get("field_title", name.title()),
            type=kind,
            role=role,
            unit=texts.get("unit", ""),
            description=texts.get("description", ""),
            primary_key=name == "place",
        )
    return dataset


def body(response):
    assert response.status_code == 200, response
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_cells(data):
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8"))) for cell in row]


def is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def formula_cells(data):
    """The cells of a CSV that a spreadsheet would run: text starting like a formula (a
    negative number such as -3.5 is a number, and is data)."""
    return [cell for cell in csv_cells(data) if starts_like_formula(cell) and not is_number(cell)]


def workbook_cells(data):
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


# Where staff type text: each source refuses what a spreadsheet would run.


def test_an_upload_with_such_text_is_refused_cell_by_cell_and_negative_numbers_pass(
    client, analyst
):
    dataset = make_places_dataset()
    upload(client, dataset, HOSTILE_UPLOAD, name="places.csv")
    release = latest_release()
    problems = cells(section(client.get(review_url(release)).content.decode(), "problems"))
    assert [(row[0], row[1]) for row in problems] == [
        ([str(line)], ["place"]) for line in range(2, 2 + len(HOSTILE))
    ]
    assert all("start of a formula" in " ".join(row[2]) for row in problems)
    # The -3.5 in the number column on every row is not among the problems.
    client.post(publish_url(release))
    release.refresh_from_db()
    assert release.status == "draft" and not ReleaseRow.objects.exists()


def test_a_column_cannot_be_named_or_allow_values_that_start_like_a_formula(client, analyst):
    for field, value in [
        ("fields-1-name", "-service"),
        ("fields-1-allowed_values", 'Assessment\n=HYPERLINK("http://x","y")'),
    ]:
        response = client.post(NEW_DATASET_URL, dataset_form(**{field: value}))
        assert response.status_code == 200
        assert "start of a formula" in response.content.decode()
    assert not Dataset.objects.exists()


@pytest.mark.parametrize("name", HOSTILE)
def test_staff_cannot_name_a_neighbourhood_like_a_formula(admin_client, name):
    add_url = reverse("wagtailsnippets_feedback_neighbourhood:add")
    response = admin_client.post(add_url, {"name": name, "sort_order": "0", "active": "on"})
    assert response.status_code == 200
    assert "start of a formula" in response.content.decode()
    assert not Neighbourhood.objects.exists()
    place = Neighbourhood.objects.create(name="Poppleton")
    edit_url = reverse("wagtailsnippets_feedback_neighbourhood:edit", args=[place.pk])
    response = admin_client.post(edit_url, {"name": name, "sort_order": "0", "active": "on"})
    assert "start of a formula" in response.content.decode()
    place.refresh_from_db()
    assert place.name == "Poppleton"


def test_a_neighbourhood_named_so_before_the_rule_never_reaches_the_residents_dataset(
    feedback_page, django_user_model
):
    moderator = django_user_model.objects.create_superuser("moderator", "m@example.org", "x")
    place = Neighbourhood.objects.create(name=HOSTILE[0])  # stored before the admin refused it
    for _ in range(12):
        moderation.approve(ReportFactory(neighbourhood=place), moderator, "Polite.")
    with pytest.raises(MaintainedDatasetError, match="start of a formula"):
        resident_dataset.refresh()
    assert not ReleaseRow.objects.filter(data__neighbourhood=HOSTILE[0]).exists()


def test_a_moderator_is_told_why_such_a_public_text_cannot_be_published(
    admin_client, feedback_page
):
    report = ReportFactory()
    url = reverse("wagtailsnippets_feedback_report:edit", args=[report.pk])
    form = {
        "public_text": "Polite and clear.",
        "official_response": "",
        "tags": "",
        "rejection_reason": "",
        "rejection_note": "",
        "moderation-action": "approve",
    }
    for field, value in [
        ("public_text", "-- stopped me at 3pm"),
        ("official_response", '=HYPERLINK("http://x","y")'),
        ("tags", "@SUM(A1)"),
    ]:
        response = admin_client.post(url, {**form, field: value})
        assert response.status_code == 200
        assert "start of a formula" in response.content.decode()
        report.refresh_from_db()
        assert report.status == "new"
    # Saved as a draft it is refused too: a published report's text changes when saved.
    admin_client.post(url, {**form, "public_text": "+1 for LEAD", "moderation-action": "save"})
    report.refresh_from_db()
    assert report.public_text == ""


# What the site serves: every CSV and XLSX.


def every_spreadsheet(client, chart):
    """(address, kind, bytes) of every CSV and XLSX the site serves: each published
    version of each dataset, the zip, the chart's files and the published reports."""
    csvs, workbooks = [], []
    for release in Release.objects.filter(status="published").select_related("dataset"):
        for query in ["", f"?version={release.version}"]:
            csvs.append(f"/data/{release.dataset.slug}/download.csv{query}")
            workbooks.append(f"/data/{release.dataset.slug}/download.xlsx{query}")
    csvs += [f"/embed/charts/{chart.pk}.csv", "/feedback/published/reports.csv"]
    found = [(address, "csv", body(client.get(address))) for address in csvs]
    found += [(address, "xlsx", body(client.get(address))) for address in workbooks]
    for address in ["/data/lead-baltimore-open-data.zip", f"/embed/charts/{chart.pk}.zip"]:
        archive = zipfile.ZipFile(io.BytesIO(body(client.get(address))))
        found += [
            (f"{address}:{name}", "csv", archive.read(name))
            for name in archive.namelist()
            if name.endswith(".csv")
        ]
    return found


def test_no_csv_or_xlsx_the_site_serves_holds_a_formula_and_the_data_stays_exact(
    client, admin_client, feedback_page, django_user_model
):
    moderator = django_user_model.objects.get(username="admin")
    # Text that only the XLSX and the JSON carry may read like anything: it is text there.
    places = make_places_dataset(
        title=HOSTILE[0],
        summary=HOSTILE[1],
        source=HOSTILE[2],
        field_title=HOSTILE[4],
        unit=HOSTILE[3],
        description=HOSTILE[0],
    )
    publish(create_draft(places, ContentFile(FINE_UPLOAD), "+1 row: " + HOSTILE[0]))
    # Staff try every source that reaches a CSV; each refuses (tested one by one above).
    with contextlib.suppress(PublishError):
        publish(create_draft(places, ContentFile(HOSTILE_UPLOAD), HOSTILE[2]))
    publish(create_draft(places, ContentFile(FINE_UPLOAD.replace("31", "32")), "Second"))
    add_url = reverse("wagtailsnippets_feedback_neighbourhood:add")
    for name in [*HOSTILE, "Seton Hill"]:
        admin_client.post(add_url, {"name": name, "sort_order": "0", "active": "on"})
    for place in Neighbourhood.objects.all():
        for text in HOSTILE:
            with contextlib.suppress(moderation.ModerationError):
                moderation.approve(ReportFactory(neighbourhood=place), moderator, text)
            with contextlib.suppress(moderation.ModerationError):
                moderation.approve(
                    ReportFactory(neighbourhood=place),
                    moderator,
                    "Fine.",
                    official_response=text,
                    tags=[text],
                )
        for _ in range(12):  # enough that the resident dataset's counts are not suppressed
            moderation.approve(ReportFactory(neighbourhood=place), moderator, "Polite.")
    resident_dataset.refresh()
    chart = Chart.objects.create(
        title=HOSTILE[0],
        summary="Change by place.",
        dataset=places,
        kind="bar",
        x_field="place",
        y_fields="change",
    )

    spreadsheets = every_spreadsheet(client, chart)
    assert {kind for _address, kind, _data in spreadsheets} == {"csv", "xlsx"}
    for address, kind, data in spreadsheets:
        if kind == "csv":
            assert formula_cells(data) == [], address
        else:
            assert [c.coordinate for c in workbook_cells(data) if c.data_type == "f"] == [], address

    # Exact: the negative numbers as published, the text that reads like a formula as text.
    served = {address: data for address, _kind, data in spreadsheets}
    assert {"-3.5", "-1.25"} <= set(csv_cells(served["/data/places/download.csv"]))
    numbers = [c.value for c in workbook_cells(served["/data/places/download.xlsx"])]
    assert -3.5 in numbers and -1.25 in numbers
    first = workbook_cells(served["/data/places/download.xlsx?version=1"])
    texts = [c.value for c in first if c.data_type == "s"]
    assert {*HOSTILE, "+1 row: " + HOSTILE[0]} <= set(texts)


def test_the_xlsx_writes_text_as_text_even_if_a_stored_row_reads_like_a_formula(client, db):
    """A row stored before the rule (or by any path around it) still gives no formula."""
    places = make_places_dataset()
    release = publish(create_draft(places, ContentFile(FINE_UPLOAD), "First"))
    row = ReleaseRow.objects.get(release=release, position=0)
    row.data["place"] = HOSTILE[0]
    row.save()
    Release.objects.filter(pk=release.pk).update(sha256={})  # not the kept workbook
    data = body(client.get("/data/places/download.xlsx"))
    values = {c.value: c.data_type for c in workbook_cells(data)}
    assert values[HOSTILE[0]] == "s"
    assert "f" not in values.values()
