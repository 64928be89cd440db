"""The demo command publishes the open-data demo: four sample datasets of the Baltimore
pilot and Seattle's published evaluation results, through the real validation and
suppression, and a second run changes nothing."""

from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Site

from home.models import SiteSettings
from publicdata import demo
from publicdata.models import Dataset, FieldRole, Release, ReleaseRow, ReleaseStatus
from tests import dcat_us

SAMPLE_SLUGS = [
    "referrals-and-enrolments",
    "services-received",
    "re-arrest-within-12-months",
    "cost-per-person",
]
SEATTLE = "seattle-lead-evaluation"
WITH_SMALL_CELLS = SAMPLE_SLUGS[:3]


@pytest.fixture
def demo_data(db):
    call_command("load_demo_site", "--no-admin", stdout=StringIO())
    return Site.objects.get(is_default_site=True)


def published_rows(dataset):
    return ReleaseRow.objects.filter(release__dataset=dataset, release__status="published")


def test_the_demo_publishes_four_sample_datasets_and_seattles_results(demo_data):
    datasets = {dataset.slug: dataset for dataset in Dataset.objects.all()}
    assert set(SAMPLE_SLUGS + [SEATTLE]) <= set(datasets)
    for slug in SAMPLE_SLUGS:
        dataset = datasets[slug]
        assert dataset.is_sample, slug
        assert "made up for demonstration" in dataset.summary, slug
        assert "made up for demonstration" in dataset.description, slug
    assert not datasets[SEATTLE].is_sample


def test_every_demo_dataset_has_full_metadata_and_a_dictionary(demo_data):
    for slug in SAMPLE_SLUGS + [SEATTLE]:
        dataset = Dataset.objects.get(slug=slug)
        assert dataset.publisher == "LEAD Baltimore"
        assert dataset.contact_email.endswith("@example.org")
        assert dataset.licence == "CC-BY-4.0"
        assert dataset.source and dataset.methodology and dataset.spatial_coverage
        assert dataset.temporal_start and dataset.issued and dataset.update_frequency
        assert list(dataset.keywords.names())
        fields = list(dataset.fields.all())
        assert all(field.title and field.description for field in fields), slug
        assert any(field.primary_key for field in fields), slug
        for field in fields:
            if field.role == FieldRole.RATE:
                assert field.numerator and field.denominator, field.name


def test_the_demo_data_json_passes_the_dcat_us_schema_data_gov_harvests_with(client, demo_data):
    catalogue = client.get("/data.json").json()
    assert dcat_us.problems(catalogue) == []
    contacts = {entry["landingPage"]: entry["contactPoint"] for entry in catalogue["dataset"]}
    assert len(contacts) == Dataset.objects.published().count() >= 6
    # The resident dataset names no contact of its own: it gives the program's.
    program = SiteSettings.for_site(demo_data)
    assert contacts["http://testserver/data/what-residents-told-us/"] == {
        "@type": "vcard:Contact",
        "fn": program.organisation_name,
        "hasEmail": f"mailto:{program.contact_email}",
    }


def test_pilot_data_falls_within_the_pilot(demo_data):
    months = {
        row.data["month"]
        for row in published_rows(Dataset.objects.get(slug="referrals-and-enrolments"))
    }
    assert min(months) == "2017-02"  # launched on 6 February 2017
    assert max(months) <= "2020-01"  # a three-year pilot


def test_each_dataset_has_a_published_release_that_validated(demo_data):
    for slug in SAMPLE_SLUGS + [SEATTLE]:
        release = Dataset.objects.get(slug=slug).releases.get(version=1)
        assert release.status == ReleaseStatus.PUBLISHED
        assert release.validation_errors == []
        assert release.rows.count() == release.row_count > 0


def test_referrals_have_a_second_release_that_corrects_a_month(demo_data):
    releases = Dataset.objects.get(slug="referrals-and-enrolments").releases.order_by("version")
    assert [release.version for release in releases] == [1, 2]
    assert all(release.status == ReleaseStatus.PUBLISHED for release in releases)
    assert "corrects October 2019" in releases[1].change_note
    assert releases[1].row_count > releases[0].row_count


def test_small_cells_are_suppressed_and_no_count_from_1_to_10_is_published(demo_data):
    for slug in WITH_SMALL_CELLS:
        dataset = Dataset.objects.get(slug=slug)
        counts = [field.name for field in dataset.fields.all() if field.role == FieldRole.COUNT]
        rows = list(published_rows(dataset))
        assert any(row.suppressed for row in rows), f"nothing suppressed in {slug}"
        for row in rows:
            for name in counts:
                value = row.data[name]
                assert value is None or value == 0 or value >= 11, (slug, row.data)
                assert (value is None) == (name in row.suppressed), (slug, row.data)


def test_rates_on_suppressed_counts_are_suppressed(demo_data):
    dataset = Dataset.objects.get(slug="re-arrest-within-12-months")
    for row in published_rows(dataset):
        if "re_arrested" in row.suppressed:
            assert row.data["re_arrest_rate"] is None
            assert "re_arrest_rate" in row.suppressed


def test_costs_are_measures_and_never_suppressed(demo_data):
    rows = list(published_rows(Dataset.objects.get(slug="cost-per-person")))
    assert len(rows) == 5
    assert not any(row.suppressed for row in rows)
    assert all(row.data["cost_per_person_per_year"] > 0 for row in rows)


def test_every_seattle_figure_cites_its_source(demo_data):
    rows = list(published_rows(Dataset.objects.get(slug=SEATTLE)))
    assert rows
    for row in rows:
        assert "Collins" in row.data["source"], row.data
        assert row.data["finding"]
    values = {row.data["outcome"]: row.data["value"] for row in rows}
    assert values["Odds of arrest in the six months after entry"] == 60
    assert values["LEAD cost per person per month, including start-up"] == 899
    assert any("10.1016/j.evalprogplan.2017.05.008" in row.data["source"] for row in rows)


def test_a_second_run_creates_no_release_and_changes_nothing(demo_data):
    releases = list(Release.objects.order_by("pk").values_list("pk", "version", "published_at"))
    rows = ReleaseRow.objects.count()
    assert demo.build_datasets(demo_data) == []
    out = StringIO()
    call_command("load_demo_site", "--no-admin", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert list(Release.objects.order_by("pk").values_list("pk", "version", "published_at")) == (
        releases
    )
    assert ReleaseRow.objects.count() == rows


def test_changed_demo_data_is_published_as_a_new_release(demo_data):
    spec = next(spec for spec in demo.DATASETS if spec.slug == "cost-per-person")
    note, text = spec.releases[0]
    corrected = replace(
        spec, releases=((note, text), ("Corrects jail.", text.replace("47500", "47600")))
    )
    assert demo.build_dataset(corrected) == ["release 2 of dataset cost-per-person"]
    assert demo.build_dataset(corrected) == []


def test_demo_data_that_does_not_validate_is_refused_with_its_problems(demo_data):
    dataset = Dataset.objects.get(slug="services-received")
    text = "quarter,service,participants\n2017-Q1,Assessment,many\n"
    with pytest.raises(demo.DemoDataError, match="row 2, column participants"):
        demo.publish_release(dataset, "Broken upload.", text)
    assert dataset.releases.count() == 1
