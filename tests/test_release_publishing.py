"""An analyst uploads a CSV as a draft release and publishes it: small cells never leave
the server, and each release keeps its version."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from wagtail.models import ModelLogEntry

from publicdata.models import Dataset, FieldSpec, ReleaseRow
from publicdata.publishing import PublishError, create_draft, publish, suppressed_rows
from tests.publicdata_helpers import publish_csv

CSV = (
    "quarter,service,people,completed,completion_rate\n"
    "2026-01,Assessment,40,30,0.75\n"
    "2026-01,Housing,4,2,0.5\n"
    "2026-01,Treatment,25,20,0.8\n"
    "2026-01,Total,69,52,0.754\n"
)


@pytest.fixture
def dataset(db):
    dataset = Dataset.objects.create(
        title="Services received",
        slug="services",
        summary="People receiving each service.",
        source="BHSB",
        contact_email="data@example.org",
    )
    specs = [
        ("quarter", "yearmonth", "dimension", True),
        ("service", "string", "dimension", True),
        ("people", "integer", "count", False),
        ("completed", "integer", "count", False),
    ]
    for order, (name, kind, role, key) in enumerate(specs):
        FieldSpec.objects.create(
            dataset=dataset,
            sort_order=order,
            name=name,
            title=name,
            type=kind,
            role=role,
            primary_key=key,
        )
    FieldSpec.objects.create(
        dataset=dataset,
        sort_order=9,
        name="completion_rate",
        title="Completion rate",
        type="number",
        role="rate",
        numerator="completed",
        denominator="people",
        minimum=Decimal(0),
        maximum=Decimal(1),
    )
    return dataset


def upload(dataset, text=CSV, note="First release"):
    return create_draft(dataset, ContentFile(text.encode()), note)


def test_a_valid_upload_becomes_a_draft_with_the_next_version(dataset):
    first = upload(dataset)
    second = upload(dataset, note="Corrected housing")
    assert (first.version, second.version) == (1, 2)
    assert first.status == "draft" and first.validation_errors == [] and first.row_count == 4


def test_the_preview_shows_what_will_be_published_after_suppression(dataset):
    table = suppressed_rows(upload(dataset))
    housing = table.rows[1]
    assert housing["people"] is None and housing["completed"] is None
    assert housing["completion_rate"] is None
    # The single hidden housing count would follow from the total: the next smallest goes.
    assert table.rows[2]["people"] is None


def test_publishing_stores_only_suppressed_rows_and_records_it(dataset, django_user_model):
    analyst = django_user_model.objects.create_user("analyst")
    release = publish(upload(dataset), user=analyst)
    assert release.status == "published" and release.published_at
    stored = [row.data for row in ReleaseRow.objects.filter(release=release)]
    assert all(
        value is None or not (0 < value < 11)
        for row in stored
        for key, value in row.items()
        if key in {"people", "completed"}
    )
    housing = ReleaseRow.objects.get(release=release, position=1)
    assert housing.suppressed == ["completed", "completion_rate", "people"]
    entry = ModelLogEntry.objects.get(action="publicdata.publish")
    assert entry.user_id == analyst.pk and entry.data["version"] == 1


def test_an_invalid_upload_cannot_be_published(dataset):
    release = upload(dataset, CSV + "2026-02,Housing,many,1,0.1\n")
    assert release.validation_errors == [
        {"row": 6, "column": "people", "message": "“many” is not a whole number"}
    ]
    with pytest.raises(PublishError, match="Fix the problems"):
        publish(release)
    assert not ReleaseRow.objects.exists()


def test_a_release_is_published_once(dataset):
    release = publish(upload(dataset))
    with pytest.raises(PublishError, match="already published"):
        publish(release)


def test_the_source_file_is_kept_outside_the_public_media_folder(dataset, settings):
    release = upload(dataset)
    path = release.source_file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError, match="no URL"):
        release.source_file.url  # noqa: B018


def test_two_copies_of_one_draft_cannot_both_be_published(dataset):
    release = upload(dataset)
    other_copy = type(release).objects.get(pk=release.pk)  # a second click, a second tab
    publish(release)
    with pytest.raises(PublishError, match="already published"):
        publish(other_copy)
    assert ReleaseRow.objects.filter(release=release).count() == 4


PROCESS_DICTIONARY = [
    ("month", "dimension", ""),
    ("received", "count", "published, turned_down"),
    ("published", "count", ""),
    ("turned_down", "count", ""),
]


@pytest.fixture
def process_dataset(db):
    dataset = Dataset.objects.create(
        title="Reports and decisions",
        slug="reports-and-decisions",
        summary="Reports received and what became of them.",
        source="Moderation records",
        contact_email="data@example.org",
    )
    for order, (name, role, parts) in enumerate(PROCESS_DICTIONARY):
        FieldSpec.objects.create(
            dataset=dataset,
            sort_order=order,
            name=name,
            title=name,
            type="string" if role == "dimension" else "integer",
            role=role,
            primary_key=role == "dimension",
            sum_of=parts,
        )
    return dataset


def rows_of(release):
    return {row.data["month"]: row.data for row in release.rows.all()}


def test_a_count_hidden_now_is_not_the_difference_from_the_last_release(process_dataset):
    first = publish_csv(
        process_dataset,
        "month,received,published,turned_down\n2026-01,60,40,20\nAll,60,40,20\n",
    )
    assert rows_of(first)["All"]["turned_down"] == 20
    # February's 3 turned down reports are hidden, and a second cell of February beside
    # them: on its own this release would be safe. But January is unchanged, so the pilot's
    # total less January's (a reader kept the first release) would give February's 3.
    second = publish_csv(
        process_dataset,
        "month,received,published,turned_down\n2026-01,60,40,20\n2026-02,48,45,3\nAll,108,85,23\n",
        note="February",
    )
    published = rows_of(second)
    assert published["2026-02"]["turned_down"] is None
    assert published["All"]["turned_down"] is None
    assert "turned_down" in second.rows.get(data__month="All").suppressed
    # The audit log records how many cells were suppressed.
    entry = ModelLogEntry.objects.filter(action="publicdata.publish").latest("timestamp")
    assert entry.data["suppressed_cells"] >= 4


def test_the_preview_of_a_draft_is_suppressed_against_the_last_release(process_dataset):
    publish_csv(
        process_dataset,
        "month,received,published,turned_down\n2026-01,60,40,20\nAll,60,40,20\n",
    )
    draft = create_draft(
        process_dataset,
        ContentFile(
            b"month,received,published,turned_down\n2026-01,60,40,20\n2026-02,48,45,3\n"
            b"All,108,85,23\n"
        ),
        "February",
    )
    preview = suppressed_rows(draft)
    assert preview.rows[2]["turned_down"] is None
