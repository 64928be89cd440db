"""A search engine finds each dataset: its page carries schema.org ``Dataset`` JSON-LD that
a JSON-LD processor reads, that fits the schema.org vocabulary (types, properties, their
domains and ranges, from the published definitions) and that has every property Google
requires for datasets and the recommended ones the portal can fill."""

import json
import re
from datetime import date

import pytest

from publicdata.models import Dataset, Release
from tests.publicdata_helpers import REFERRALS_V1, make_dataset, publish_csv
from tests.schemaorg import google_problems, vocabulary_problems

pytestmark = pytest.mark.django_db

# Google's recommended properties the pages leave out, and why.
LEFT_OUT = {
    "funder": "the data dictionary records no funder",
    "hasPart": "each dataset is one table, not a collection",
    "isBasedOn": "the source is named in words (the description and citation), not a work "
    "with an address",
    "sameAs": "no other repository holds these datasets",
    "measurementMethod": "not in the schema.org release the pages are checked against; "
    "measurementTechnique carries the methodology",
}
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(client, url):
    html = client.get(url).content.decode()
    (text,) = SCRIPT.findall(html)
    return json.loads(text)


def test_the_dataset_page_fits_the_schema_org_vocabulary(client, referrals):
    assert vocabulary_problems(json_ld(client, "/data/referrals/")) == []


def test_it_has_what_google_requires_and_the_recommended_properties_it_can_fill(client, referrals):
    referrals.title_es = "Derivaciones e inscripciones por mes"
    referrals.temporal_start, referrals.temporal_end = date(2017, 1, 1), date(2017, 2, 28)
    referrals.save()
    problems, left_out = google_problems(json_ld(client, "/data/referrals/"))
    assert problems == []
    # The English page shows no Spanish, so no other name; the Spanish page gives the
    # English one (test_the_spanish_page_names_the_dataset_in_spanish).
    assert left_out == set(LEFT_OUT) | {"alternateName"}
    problems, left_out = google_problems(json_ld(client, "/es/data/referrals/"))
    assert problems == [] and left_out == set(LEFT_OUT)


def test_it_describes_the_current_release_as_the_page_does(client, referrals):
    data = json_ld(client, "/data/referrals/")
    current = Release.objects.get(dataset=referrals, version=2)
    assert data["@type"] == "Dataset" and data["name"] == referrals.title
    assert data["version"] == "2"
    assert data["url"] == "http://testserver/data/referrals/"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["creator"]["name"] == data["publisher"]["name"] == "LEAD Baltimore"
    assert data["creator"]["contactPoint"]["email"] == "data@example.org"
    assert data["keywords"] == ["enrolment", "referrals"]
    assert data["dateModified"] == current.published_at.isoformat()
    assert data["citation"].startswith("LEAD Baltimore. Referrals and enrolments by month, ")
    assert data["description"].startswith("Sample data: made-up numbers for demonstration.")
    assert data["spatialCoverage"] == {"@type": "Place", "name": referrals.spatial_coverage}
    assert data["measurementTechnique"].startswith("Counted from case-management records")
    measured = {variable["propertyID"]: variable for variable in data["variableMeasured"]}
    # Every column that is not a dimension, from the data dictionary.
    assert list(measured) == [
        "referrals",
        "enrolled",
        "enrolment_rate",
        "first_contact",
        "diverted",
    ]
    assert measured["referrals"]["unitText"] == "people"
    assert measured["enrolment_rate"]["maxValue"] == 1
    formats = {item["encodingFormat"]: item["contentUrl"] for item in data["distribution"]}
    assert set(formats) == {
        "text/csv",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    for url in formats.values():
        assert client.get(url.removeprefix("http://testserver")).status_code == 200
    catalogue = data["includedInDataCatalog"]
    assert catalogue["url"] == "http://testserver/data/"


def test_a_period_covered_is_an_iso_8601_interval(client, db):
    dataset = make_dataset(temporal_start=date(2017, 2, 1), temporal_end=date(2020, 1, 31))
    publish_csv(dataset, REFERRALS_V1)
    assert json_ld(client, "/data/referrals/")["temporalCoverage"] == "2017-02-01/2020-01-31"
    dataset.temporal_end = None
    dataset.save()
    assert json_ld(client, "/data/referrals/")["temporalCoverage"] == "2017-02-01/.."


def test_a_dataset_with_a_short_summary_and_no_methodology_still_passes(client, db):
    dataset = make_dataset(slug="short", title="Short")
    Dataset.objects.filter(pk=dataset.pk).update(
        summary="Counts.", description="", methodology="", is_sample=False
    )
    publish_csv(dataset, REFERRALS_V1)
    data = json_ld(client, "/data/short/")
    assert vocabulary_problems(data) == []
    problems, left_out = google_problems(data)
    assert problems == [] and "measurementTechnique" in left_out
    assert len(data["description"]) >= 50  # the suppression note makes up the length


def test_the_spanish_page_names_the_dataset_in_spanish(client, referrals):
    Dataset.objects.filter(pk=referrals.pk).update(
        title_es="Derivaciones e inscripciones por mes", summary_es="Personas derivadas."
    )
    data = json_ld(client, "/es/data/referrals/")
    assert data["inLanguage"] == "es"
    assert data["name"] == "Derivaciones e inscripciones por mes"
    assert data["alternateName"] == "Referrals and enrolments by month"
    assert vocabulary_problems(data) == []


def test_text_from_staff_cannot_close_the_script_element(client, referrals):
    Dataset.objects.filter(pk=referrals.pk).update(summary="Counts </script><b>bold</b> & more")
    html = client.get("/data/referrals/").content.decode()
    (text,) = SCRIPT.findall(html)
    assert "</script>" not in text and "\\u003C/script\\u003E" in text
    assert "Counts </script><b>bold</b> & more" in json.loads(text)["description"]


def test_the_checks_catch_what_schema_org_does_not_allow():
    """The checker itself fails JSON-LD that strays from the vocabulary."""
    wrong = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "name": "Counts",
        "colour": "blue",  # no such property
        "contentUrl": "https://example.org/a.csv",  # a MediaObject's, not a Dataset's
        "isAccessibleForFree": "yes",  # a Boolean is expected
        "creator": {"@type": "Place", "name": "Baltimore"},  # an Organization or Person
    }
    problems = "\n".join(vocabulary_problems(wrong))
    assert "colour is not a schema.org property" in problems
    assert "$.contentUrl: not a property of Dataset" in problems
    assert "$.isAccessibleForFree[0]: 'yes' is none of ['Boolean']" in problems
    assert "$.creator[0]: a ['Place'] where ['Organization', 'Person'] is expected" in problems
    google, _ = google_problems({"name": "Counts", "description": "Too short."})
    assert google == ["Dataset: description must have 50 to 5000 characters"]
