"""A journalist downloads a dataset as CSV, JSON or XLSX: the current release or an
earlier one, with the same rows in every format and small counts never shown."""

import csv
import hashlib
import io
import json

import openpyxl
import pytest
from django.core.files.base import ContentFile

from publicdata.models import ReleaseRow
from publicdata.publishing import create_draft
from tests.publicdata_helpers import REFERRALS_V1

COUNTS = ["referrals", "enrolled"]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(client, query=""):
    response = client.get(f"/data/referrals/download.csv{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(body(response).decode("utf-8"))))


def json_document(client, query=""):
    return json.loads(body(client.get(f"/data/referrals/download.json{query}")))


def xlsx_rows(client, query=""):
    workbook = openpyxl.load_workbook(
        io.BytesIO(body(client.get(f"/data/referrals/download.xlsx{query}"))), read_only=True
    )
    rows = list(workbook["Data"].values)
    header = rows[0]
    return workbook, [dict(zip(header, row, strict=True)) for row in rows[1:]]


def as_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_small_counts_are_suppressed_in_every_format(client, referrals):
    january_social = {"month": "2017-01", "referral_type": "Social contact"}

    def pick(rows):
        return next(r for r in rows if all(r[k] == v for k, v in january_social.items()))

    assert pick(csv_rows(client))["referrals"] == "suppressed"
    record = pick(json_document(client)["records"])
    assert record["referrals"] is None and "referrals" in record["_suppressed"]
    _, rows = xlsx_rows(client)
    assert pick(rows)["referrals"] == "suppressed"
    for row in csv_rows(client):
        for name in COUNTS:
            assert row[name] == "suppressed" or not 1 <= int(row[name]) <= 10


def test_the_raw_small_values_appear_in_no_download(client, referrals):
    # January's social contacts were 3 referred and 2 enrolled in the upload.
    for fmt in ["csv", "json"]:
        text = body(client.get(f"/data/referrals/download.{fmt}")).decode()
        assert "Social contact,3,2" not in text
        assert '"referrals":3,' not in text and '"enrolled":2,' not in text
    _, rows = xlsx_rows(client)
    assert all(row["referrals"] not in (3, 2) for row in rows)


def test_all_three_formats_hold_the_same_rows(client, referrals):
    from_csv = csv_rows(client)
    names = list(from_csv[0])
    from_json = [
        {
            name: "suppressed" if name in record["_suppressed"] else as_text(record[name])
            for name in names
        }
        for record in json_document(client)["records"]
    ]
    _, from_xlsx = xlsx_rows(client)
    from_xlsx = [{name: as_text(row[name]) for name in names} for row in from_xlsx]
    assert from_csv == from_json
    # XLSX stores numbers as numbers: compare them as numbers.
    for csv_row, xlsx_row in zip(from_csv, from_xlsx, strict=True):
        for name in names:
            if csv_row[name].replace(".", "").isdigit():
                assert float(csv_row[name]) == float(xlsx_row[name])
            else:
                assert csv_row[name] == xlsx_row[name].replace("True", "true").replace(
                    "False", "false"
                )


def test_csv_is_utf8_rfc4180_with_a_header_and_iso_dates(client, referrals):
    raw = body(client.get("/data/referrals/download.csv"))
    assert not raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8").split("\r\n")
    assert lines[0] == (
        "month,referral_type,referrals,enrolled,enrolment_rate,first_contact,diverted"
    )
    assert lines[-1] == ""  # every record ends with CRLF
    assert "2017-01-03" in lines[1] and lines[1].endswith(",true")


def test_an_earlier_release_stays_downloadable_with_its_version(client, referrals):
    current = {(r["month"], r["referral_type"]): r for r in csv_rows(client)}
    first = {(r["month"], r["referral_type"]): r for r in csv_rows(client, "?version=1")}
    assert current[("2017-02", "Social contact")]["referrals"] == "15"
    assert first[("2017-02", "Social contact")]["referrals"] == "14"
    response = client.get("/data/referrals/download.json?version=1")
    assert response["Content-Disposition"] == 'attachment; filename="referrals-v1.json"'
    assert json.loads(body(response))["release"]["version"] == 1


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_each_download_names_its_file_with_the_version_and_can_be_cached(client, referrals, fmt):
    response = client.get(f"/data/referrals/download.{fmt}")
    assert response["Content-Disposition"] == f'attachment; filename="referrals-v2.{fmt}"'
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"] and response["Last-Modified"]
    pinned = client.get(f"/data/referrals/download.{fmt}?version=2")
    assert pinned["Cache-Control"] == "public, max-age=86400"


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_the_published_checksum_is_the_checksum_of_the_download(client, referrals, fmt):
    release = referrals.current_release()
    downloaded = body(client.get(f"/data/referrals/download.{fmt}"))
    assert hashlib.sha256(downloaded).hexdigest() == release.sha256[fmt]
    # The same bytes every time, so the checksum and the ETag stay true.
    assert body(client.get(f"/data/referrals/download.{fmt}")) == downloaded


def test_a_client_with_the_current_copy_gets_304(client, referrals):
    first = client.get("/data/referrals/download.csv")
    again = client.get("/data/referrals/download.csv", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not body(again)
    since = client.get(
        "/data/referrals/download.csv", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert since.status_code == 304
    other = client.get("/data/referrals/download.csv?version=1", HTTP_IF_NONE_MATCH=first["ETag"])
    assert other.status_code == 200


@pytest.mark.parametrize(
    "version", ["abc", "0", "-1", "1.5", "9999999999999", "1%00", "%F0%9F%98%80", "1e3"]
)
def test_a_version_that_is_not_a_number_gets_a_clear_400(client, referrals, version):
    response = client.get(f"/data/referrals/download.csv?version={version}")
    assert response.status_code == 400
    assert "is not a version number" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/data/referrals/download.csv?version=7",
        "/data/referrals/download.pdf",
        "/data/nothing-here/download.csv",
        "/data/nothing-here/datapackage.json",
    ],
)
def test_what_does_not_exist_is_404(client, referrals, url):
    assert client.get(url).status_code == 404


def test_a_draft_release_is_not_downloadable(client, referrals):
    draft = create_draft(referrals, ContentFile(REFERRALS_V1.encode()), "Not yet checked")
    assert draft.version == 3
    assert client.get("/data/referrals/download.csv?version=3").status_code == 404
    assert client.get("/data/referrals/download.csv")["Content-Disposition"].endswith('v2.csv"')


def test_downloads_only_answer_get_and_head(client, referrals):
    assert client.post("/data/referrals/download.csv").status_code == 405
    assert client.head("/data/referrals/download.csv").status_code == 200


def test_the_xlsx_carries_the_dictionary_and_the_metadata(client, referrals):
    workbook, _ = xlsx_rows(client)
    dictionary = list(workbook["Dictionary"].values)
    assert dictionary[0][:4] == ("name", "title", "type", "role")
    assert dictionary[5][:4] == ("enrolment_rate", "Share enrolled", "number", "rate")
    about = dict(workbook["About"].values)
    assert about["version"] == "2" and about["sample data"] == "yes"
    assert "suppressed" in about["suppression"]


def test_the_json_download_holds_metadata_dictionary_and_records(client, referrals):
    document = json_document(client)
    assert document["dataset"]["title"] == "Referrals and enrolments by month"
    assert document["release"]["change_note"] == "Corrected February's social contacts."
    assert [field["name"] for field in document["fields"]][:2] == ["month", "referral_type"]
    assert (
        len(document["records"])
        == ReleaseRow.objects.filter(release=referrals.current_release()).count()
    )


def test_editing_the_dataset_later_does_not_change_a_published_file(client, referrals):
    before = body(client.get("/data/referrals/download.json"))
    referrals.title = "Renamed"
    referrals.save()
    assert body(client.get("/data/referrals/download.json")) == before


def test_rows_published_before_lines_were_stored_get_the_same_lines(referrals):
    """Migration 0004 renders the lines of older rows exactly as publishing does."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("publicdata.migrations.0004_release_row_lines")
    rows = ReleaseRow.objects.order_by("pk")
    rendered = list(rows.values_list("csv_line", "json_line"))
    rows.update(csv_line="", json_line="")
    migration.render_existing_rows(apps, None)
    assert list(rows.values_list("csv_line", "json_line")) == rendered
    assert all(csv_text and json_text for csv_text, json_text in rendered)
