"""A journalist finds a dataset in the catalogue and reads everything about it; a data
portal harvests the catalogue by machine (DCAT-US data.json, Data Packages, a zip)."""

import io
import json
import zipfile

import pytest
from frictionless import Package, validate

from tests.publicdata_helpers import REFERRALS_V1, make_dataset, publish_csv


def page_text(response):
    assert response.status_code == 200
    return response.content.decode()


def test_the_catalogue_lists_only_datasets_with_a_published_release(client, referrals):
    make_dataset(slug="unpublished", title="Not yet published")
    text = page_text(client.get("/data/"))
    assert "Referrals and enrolments by month" in text and "Not yet published" not in text
    assert "Sample data" in text
    assert client.get("/data/unpublished/").status_code == 404


def test_the_catalogue_searches_and_filters_by_keyword(client, referrals):
    other = make_dataset(slug="services", title="Services received by quarter")
    other.keywords.set(["services"])
    other.save()
    publish_csv(other, REFERRALS_V1)
    assert "Services received" not in page_text(client.get("/data/?q=enrolments"))
    assert "Services received" in page_text(client.get("/data/?q=services"))
    by_keyword = page_text(client.get("/data/?keyword=services"))
    assert "Services received" in by_keyword and "Referrals and enrolments" not in by_keyword
    # An unknown keyword or page is ignored; an ugly query is reduced to its words.
    for query in ["?keyword=nope", "?page=-4", "?page=abc"]:
        assert "Referrals and enrolments" in page_text(client.get("/data/" + query))
    for query in ["?q=%22%3Cscript%3E", "?q=" + "x" * 5000, "?q=%00", "?q=%D9%85%D8%B1%D8%AD"]:
        assert "<script" not in page_text(client.get("/data/" + query))


def test_the_dataset_page_has_everything_a_journalist_needs(client, referrals):
    text = page_text(client.get("/data/referrals/"))
    for expected in [
        "People referred to LEAD and enrolled",  # summary
        "Counted from case-management records",  # methodology
        "Data dictionary",
        "Share enrolled",
        "Rate: enrolled ÷ referrals",
        "/data/referrals/download.csv",
        "/data/referrals/download.xlsx?version=1",
        "/api/v1/datasets/referrals/rows?limit=5",
        "Corrected February&#x27;s social contacts.",  # change note of version 2
        "Version 1,",
        "LEAD Baltimore. Referrals and enrolments by month, version 2",  # citation
        "counts from 1 to 10 are not published",
        "creativecommons.org/licenses/by/4.0/",
        "SHA-256",
    ]:
        assert expected in text, expected
    assert '<em class="suppressed">suppressed</em>' in text


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # first visit creates the site settings row
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_data_pages_take_the_same_number_of_queries_however_much_data(client, referrals):
    before = {url: count_queries(client, url) for url in ["/data/", "/data/referrals/"]}
    for slug in ["more-a", "more-b"]:
        extra = make_dataset(slug=slug, title=slug)
        publish_csv(extra, REFERRALS_V1)
    publish_csv(referrals, REFERRALS_V1, note="Third release")
    after = {url: count_queries(client, url) for url in ["/data/", "/data/referrals/"]}
    assert after == before
    assert before["/data/referrals/"] <= 12


def test_data_json_is_a_dcat_us_catalogue_with_every_required_field(client, referrals):
    catalogue = json.loads(client.get("/data.json").content)
    assert catalogue["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    assert catalogue["@type"] == "dcat:Catalog"
    (entry,) = catalogue["dataset"]
    required = [
        "title",
        "description",
        "keyword",
        "modified",
        "publisher",
        "contactPoint",
        "identifier",
        "accessLevel",
    ]
    for key in required:
        assert entry[key], key
    assert entry["keyword"] == ["enrolment", "referrals"]
    assert entry["contactPoint"]["hasEmail"] == "mailto:data@example.org"
    assert entry["accessLevel"] == "public"
    assert {d["mediaType"] for d in entry["distribution"]} == {
        "text/csv",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    assert all(
        d["downloadURL"].startswith("http://testserver/data/") for d in entry["distribution"]
    )


@pytest.mark.django_db(transaction=True)
def test_frictionless_validates_the_published_datapackage(live_server):
    dataset = make_dataset()
    publish_csv(dataset, REFERRALS_V1)
    report = validate(f"{live_server.url}/data/referrals/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(f"{live_server.url}/data/referrals/datapackage.json")
    rows = package.get_resource("referrals").read_rows()
    january = [row for row in rows if row["month"].month == 1]
    # "suppressed" is a missing value in the schema: a reader gets null, never 0.
    assert {row["referrals"] for row in january} == {None, 27}


def test_the_zip_holds_every_current_release_with_a_valid_datapackage(client, referrals, tmp_path):
    response = client.get("/data/lead-baltimore-open-data.zip")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {"referrals/referrals-v2.csv", "referrals/datapackage.json", "README.txt"} <= names
    archive.extractall(tmp_path)
    report = validate(str(tmp_path / "referrals" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert "SAMPLE DATA" in archive.read("README.txt").decode()


def test_every_page_links_to_open_data_and_the_sitemap_lists_datasets(client, referrals, home):
    home_html = page_text(client.get("/"))
    assert 'href="/data/">Open data</a>' in home_html
    assert 'href="/data/" aria-current="page"' in page_text(client.get("/data/"))
    assert 'href="/data/" aria-current="true"' in page_text(client.get("/data/referrals/"))
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/data/</loc>" in sitemap
    assert "http://testserver/data/referrals/</loc>" in sitemap
    assert "<loc>http://localhost/</loc>" in sitemap  # the pages are still there
