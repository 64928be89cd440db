"""A researcher queries the rows of a dataset through the JSON API: filters, columns,
ordering and paging, with a clear 400 for every parameter it cannot use."""

import re

import pytest

from tests.publicdata_helpers import REFERRALS_V1, make_dataset, publish_csv

ROWS = "/api/v1/datasets/referrals/rows"


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def rows(client, query=""):
    return get_json(client, f"{ROWS}{query}")["rows"]


def test_the_api_lists_published_datasets(client, referrals):
    make_dataset(slug="draft-only", title="Draft only")
    (entry,) = get_json(client, "/api/v1/datasets")
    assert entry["slug"] == "referrals" and entry["current_version"] == 2
    assert entry["rows_url"] == "http://testserver/api/v1/datasets/referrals/rows"


def test_a_dataset_has_its_metadata_dictionary_and_releases(client, referrals):
    detail = get_json(client, "/api/v1/datasets/referrals")
    assert detail["metadata"]["licence"] == "CC-BY-4.0"
    assert [f["name"] for f in detail["fields"]][:3] == ["month", "referral_type", "referrals"]
    assert [r["version"] for r in detail["releases"]] == [2, 1]
    csv_download = detail["releases"][1]["downloads"][0]
    assert csv_download["url"].endswith("/data/referrals/download.csv?version=1")
    assert len(csv_download["sha256"]) == 64
    assert "1 to 10" in detail["suppression"]


def test_rows_come_in_upload_order_with_suppressed_cells_null_and_listed(client, referrals):
    result = rows(client)
    assert [r["referral_type"] for r in result[:3]] == [
        "Arrest diversion",
        "Social contact",
        "Total",
    ]
    assert result[1]["referrals"] is None and "referrals" in result[1]["_suppressed"]
    for row in result:
        for name in ["referrals", "enrolled"]:
            assert row[name] is None or not 1 <= row[name] <= 10


def test_rows_filter_by_a_dimension(client, referrals):
    totals = rows(client, "?referral_type=Total")
    assert [(r["month"], r["referrals"]) for r in totals] == [("2017-01", 27), ("2017-02", 46)]
    either = rows(client, "?referral_type=Total&referral_type=Social+contact&month=2017-02")
    assert [r["referral_type"] for r in either] == ["Social contact", "Total"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?month__gte=2017-02", 3),
        ("?month__lt=2017-02", 3),
        ("?first_contact__gt=2017-01-03", 4),  # 01-09, 02-01 twice, 02-02
        ("?referrals__gte=31", 2),
        ("?referrals__lte=27", 2),  # suppressed cells are null and match no range
        ("?enrolment_rate__gt=0.8", 3),
        ("?month__gte=2017-01&month__lte=2017-01&referral_type=Total", 1),
    ],
)
def test_rows_filter_dates_and_numbers_by_range(client, referrals, query, expected):
    result = get_json(client, f"{ROWS}{query}")
    assert result["count"] == expected == len(result["rows"])


def test_rows_choose_their_fields_and_order(client, referrals):
    result = rows(client, "?fields=referrals,month&order=-referrals&referral_type=Total")
    assert result == [
        {"referrals": 46, "month": "2017-02", "_suppressed": []},
        {"referrals": 27, "month": "2017-01", "_suppressed": []},
    ]
    by_month = rows(client, "?order=-month,referral_type&fields=month,referral_type")
    assert [(r["month"], r["referral_type"]) for r in by_month][:2] == [
        ("2017-02", "Arrest diversion"),
        ("2017-02", "Social contact"),
    ]


def test_rows_page_with_limit_offset_and_links(client, referrals):
    first = get_json(client, f"{ROWS}?limit=4")
    assert first["count"] == 6 and len(first["rows"]) == 4 and first["previous"] is None
    second = get_json(client, first["next"].replace("http://testserver", ""))
    assert len(second["rows"]) == 2 and second["next"] is None
    assert second["previous"].endswith("offset=0")
    assert second["rows"][0]["month"] == "2017-02"


def test_an_earlier_release_is_queried_with_version(client, referrals):
    query = "?version=1&month=2017-02&referral_type=Social+contact"
    assert rows(client, query)[0]["referrals"] == 14
    assert get_json(client, f"{ROWS}{query}")["version"] == 1


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?colour=red", "Unknown parameter “colour”"),
        ("?month__between=2017-01", "Unknown parameter “month__between”"),
        ("?fields=month,nope", "unknown field nope"),
        ("?fields=-month", "unknown field -month"),
        ("?fields=month,+referrals", "give names of the dataset's fields separated by commas"),
        ("?fields=", "give names of the dataset's fields separated by commas"),
        ("?order=-nope", "unknown field -nope"),
        ("?order=month,,referrals", "with - before a name to sort it descending"),
        ("?month__gte=January", "is not a year and month in the form YYYY-MM"),
        ("?first_contact__lt=2017-02-30", "is not a date"),
        ("?referrals__gte=ten", "is not a whole number"),
        ("?enrolment_rate__gt=NaN", "is not a number"),
        ("?referral_type__gte=A", "ranges work on dates and numbers"),
        ("?referrals=27", "only dimensions"),
        ("?month=2017-01%00", "null character"),
        ("?month=" + "9" * 500, "longer than 200 characters"),
        ("?month__gte=2017-01&month__gte=2017-02", "give it once"),
        ("?limit=0", "limit must be a whole number from 1 to 1000"),
        ("?limit=5000", "limit must be a whole number from 1 to 1000"),
        ("?limit=abc", "limit"),
        ("?offset=-1", "offset"),
        ("?version=abc", "version"),
        ("?version=0", "is not a version number"),
        ("?version=1000000000", "is not a version number"),
        ("?offset=1000000001", "offset must be a whole number from 0 to 1000000000"),
        ("?%F0%9F%98%80=%D9%85%D8%B1%D8%AD%D8%A8%D8%A7", "Unknown parameter"),
    ],
)
def test_a_parameter_the_api_cannot_use_gets_a_clear_400(client, referrals, query, message):
    problem = get_json(client, f"{ROWS}{query}", status=400)
    assert message in problem["error"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/datasets/nothing",
        "/api/v1/datasets/nothing/rows",
        f"{ROWS}?version=9",
    ],
)
def test_what_does_not_exist_is_a_json_404(client, referrals, url):
    assert "error" in get_json(client, url, status=404)


def test_a_dataset_without_a_published_release_is_not_in_the_api(client, db):
    make_dataset(slug="draft-only")
    get_json(client, "/api/v1/datasets/draft-only", status=404)
    get_json(client, "/api/v1/datasets/draft-only/rows", status=404)


def test_any_website_may_read_the_api_and_files_but_not_the_pages(client, referrals):
    for url in [
        ROWS,
        "/api/v1/datasets",
        "/data.json",
        "/data/referrals/datapackage.json",
        "/data/referrals/download.csv",
    ]:
        assert client.get(url)["Access-Control-Allow-Origin"] == "*", url
    assert "Access-Control-Allow-Origin" not in client.get("/data/referrals/")


def test_the_openapi_schema_documents_every_operation(client, referrals):
    schema = get_json(client, "/api/v1/openapi.json")
    assert set(schema["paths"]) == {
        "/api/v1/datasets",
        "/api/v1/datasets/{slug}",
        "/api/v1/datasets/{slug}/rows",
    }
    parameters = {
        p["name"] for p in schema["paths"]["/api/v1/datasets/{slug}/rows"]["get"]["parameters"]
    }
    assert {"version", "fields", "order", "limit", "offset"} <= parameters


def test_the_api_docs_load_nothing_from_other_sites(client, referrals):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert not re.search(r"""(src|href)=["']https?://""", page)


def test_the_rows_query_count_does_not_grow_with_the_data(
    client, referrals, django_assert_max_num_queries
):
    extra = make_dataset(slug="bigger")
    publish_csv(
        extra,
        REFERRALS_V1
        + "".join(
            f"2018-{month:02d},Total,{20 + month},{15 + month},0.75,2018-{month:02d}-01,true\n"
            for month in range(1, 13)
        ),
    )
    with django_assert_max_num_queries(5):
        client.get("/api/v1/datasets/bigger/rows?limit=1000")
