"""A journalist finds a dataset in the catalogue and reads everything about it; a data
portal harvests the catalogue by machine (DCAT-US data.json, Data Packages, a zip)."""

import io
import zipfile

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from frictionless import Package, validate

from home.models import SiteSettings
from publicdata.models import Dataset
from tests import dcat_us
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
        "Rate: <code>enrolled</code> ÷ <code>referrals</code>",
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


def test_data_json_passes_the_dcat_us_schema_data_gov_harvests_with(client, referrals):
    catalogue = client.get("/data.json").json()
    assert dcat_us.problems(catalogue) == []
    (entry,) = catalogue["dataset"]
    assert entry["keyword"] == ["enrolment", "referrals"]
    assert entry["contactPoint"]["hasEmail"] == "mailto:data@example.org"
    assert {d["mediaType"] for d in entry["distribution"]} == {
        "text/csv",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    assert all(
        d["downloadURL"].startswith("http://testserver/data/") for d in entry["distribution"]
    )


def test_the_schema_check_turns_down_a_contact_no_one_can_write_to(client, referrals):
    catalogue = client.get("/data.json").json()
    catalogue["dataset"][0]["contactPoint"]["hasEmail"] = "mailto:noreply@localhost"
    assert [problem.split(":")[0] for problem in dcat_us.problems(catalogue)] == [
        "dataset/0/contactPoint/hasEmail"
    ]


def program_contact(home, email="team@example.org"):
    settings = SiteSettings.for_site(home.get_site())
    settings.organisation_name = "LEAD Baltimore program"
    settings.contact_email = email
    settings.save()


def test_a_dataset_without_a_contact_of_its_own_gives_the_programs(client, home):
    program_contact(home)
    publish_csv(make_dataset(contact_email=""), REFERRALS_V1)
    catalogue = client.get("/data.json").json()
    assert dcat_us.problems(catalogue) == []
    assert catalogue["dataset"][0]["contactPoint"] == {
        "@type": "vcard:Contact",
        "fn": "LEAD Baltimore program",
        "hasEmail": "mailto:team@example.org",
    }
    page = page_text(client.get("/data/referrals/"))
    assert 'LEAD Baltimore program, <a href="mailto:team@example.org">' in page
    # The release's files keep the contact it had when it was published.
    metadata = client.get("/api/v1/datasets/referrals").json()["metadata"]
    assert (metadata["contact_name"], metadata["contact_email"]) == (
        "LEAD Baltimore program",
        "team@example.org",
    )


def test_a_dataset_with_its_own_contact_keeps_it_whatever_the_program_gives(client, home):
    program_contact(home)
    publish_csv(make_dataset(contact_name="Data desk"), REFERRALS_V1)
    (entry,) = client.get("/data.json").json()["dataset"]
    assert entry["contactPoint"]["fn"] == "Data desk"
    assert entry["contactPoint"]["hasEmail"] == "mailto:data@example.org"
    page = page_text(client.get("/data/referrals/"))
    assert 'Data desk, <a href="mailto:data@example.org">' in page


@pytest.mark.django_db(transaction=True)
def test_upgrading_gives_a_dataset_at_localhost_the_programs_contact(
    back_to_the_latest_migrations,
):
    before, after = (
        ("publicdata", "0008_field_unit_kind"),
        ("publicdata", "0009_dataset_contact_falls_back_to_program"),
    )
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    old = executor.loader.project_state([before]).apps.get_model("publicdata", "Dataset")
    for slug, email in [("residents", "noreply@localhost"), ("own", "data@example.org")]:
        old.objects.create(slug=slug, title=slug, summary="s", source="s", contact_email=email)
    MigrationExecutor(connection).migrate([after])
    emails = dict(Dataset.objects.values_list("slug", "contact_email"))
    assert emails == {"residents": "", "own": "data@example.org"}


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
