"""Demo data of the open-data app: the datasets of ``publicdata.demo_data``, each with its
metadata and data dictionary, and its releases published through the real path
(``create_draft`` then ``publish``), so validation and suppression apply as they would to
an analyst's upload.

Like the other demo steps it changes only what differs: a dataset or dictionary is
updated when its wanted values differ, and a release is made only when no published
release has its change note and the rows its CSV would publish.
"""

import io
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from publicdata import demo_spanish
from publicdata.demo_data import DATASETS
from publicdata.models import Dataset, FieldSpec, Release, ReleaseStatus, TagName
from publicdata.permissions import DATA_ANALYSTS, ensure_groups
from publicdata.publishing import create_draft, publish
from publicdata.release_tables import table_spec
from publicdata.suppression import suppress_small_cells
from publicdata.validation import read_rows, validate_csv

DEMO_ANALYST = "analyst"
DEMO_ANALYST_PASSWORD = "lead-demo-analyst"  # noqa: S105 (documented demo-only account)


def build_analyst_account():
    """A Data analysts account for trying the upload and publish screens. Demo only."""
    ensure_groups()
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_ANALYST, defaults={"email": "analyst@example.org"}
    )
    if not created:
        return []
    user.set_password(DEMO_ANALYST_PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name=DATA_ANALYSTS))
    return ["demo analyst account"]


class DemoDataError(RuntimeError):
    """Demo data that would not validate: a bug in the demo, never published."""


def build_datasets(site):
    """The demo step: every demo dataset and its releases. Returns what changed."""
    changed = []
    for spec in DATASETS:
        changed += build_dataset(spec)
    return changed


def build_dataset(spec):
    spanish = demo_spanish.DATASETS.get(spec.slug, {})
    with transaction.atomic():
        dataset, changed = _upsert_dataset(spec, spanish)
        changed += _sync_dictionary(dataset, _columns_with_spanish(spec.fields, spanish))
        for change_note, text in spec.releases:
            if not _already_published(dataset, change_note, text):
                release = publish_release(dataset, change_note, text)
                changed.append(f"release {release.version} of dataset {dataset.slug}")
        changed += _release_notes_in_spanish(dataset)
        changed += name_tags_in_spanish(dataset.keywords.all())
        changed += _issued_with_first_release(dataset)
    return changed


def _issued_with_first_release(dataset):
    """A dataset whose spec gives no date of issue was first published with its first
    release."""
    first = dataset.published_releases().order_by("version").first()
    if dataset.issued or first is None:
        return []
    dataset.issued = timezone.localdate(first.published_at)
    dataset.save(update_fields=["issued"])
    return [f"date of issue of dataset {dataset.slug}"]


def _release_notes_in_spanish(dataset):
    changed = []
    for release in dataset.releases.exclude(change_note_es__in=demo_spanish.RELEASE_NOTES.values()):
        note = demo_spanish.RELEASE_NOTES.get(release.change_note)
        if note:
            Release.objects.filter(pk=release.pk).update(change_note_es=note)
            changed.append(f"Spanish note of release {release.version} of {dataset.slug}")
    return changed


def name_tags_in_spanish(tags, names=None):
    """Give each of ``tags`` its Spanish name from ``names`` (the demo's, by default)
    where it has none or another."""
    names = demo_spanish.TAG_NAMES if names is None else names
    tags = list(tags)
    named = dict(TagName.objects.filter(tag__in=tags).values_list("tag_id", "name_es"))
    changed = []
    for tag in tags:
        wanted = names.get(tag.name)
        if wanted is not None and named.get(tag.pk) != wanted:
            TagName.objects.update_or_create(tag=tag, defaults={"name_es": wanted})
            changed.append(f"Spanish name of tag {tag.name}")
    return changed


def _upsert_dataset(spec, spanish):
    wanted = {
        **spec.metadata,
        "is_sample": spec.is_sample,
        **{f"{name}_es": spanish.get(name, "") for name in Dataset.TRANSLATED_FIELDS},
        "publisher_es": demo_spanish.PUBLISHERS.get(spec.metadata.get("publisher", ""), ""),
    }
    dataset = Dataset.objects.filter(slug=spec.slug).first()
    changed = []
    if dataset is None:
        dataset = Dataset(slug=spec.slug, **wanted)
        changed.append(f"dataset {spec.slug}")
    elif any(getattr(dataset, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(dataset, name, value)
        changed.append(f"dataset {spec.slug}")
    keywords_differ = sorted(dataset.keywords.names()) != sorted(spec.keywords)
    if keywords_differ:
        dataset.keywords.set(list(spec.keywords))
        changed.append(f"keywords of dataset {spec.slug}")
    if changed:
        dataset.save()
    return dataset, changed


def _dictionary(fields):
    return [
        {"sort_order": spec.sort_order, **{name: getattr(spec, name) for name in _FIELD_ATTRIBUTES}}
        for spec in fields
    ]


_FIELD_ATTRIBUTES = (
    *FieldSpec.DESCRIBING,
    "unit_kind",
    *(f"{name}_es" for name in FieldSpec.TRANSLATED_FIELDS),
    "values_es",
)


def _columns_with_spanish(columns, spanish):
    """The demo columns with their Spanish title, description and value names."""
    texts = spanish.get("fields", {})
    return [
        {
            **column,
            **{
                f"{name}_es": texts.get(column["name"], {}).get(name, "")
                for name in FieldSpec.TRANSLATED_FIELDS
            },
            "values_es": "\n".join(
                f"{value} | {name}"
                for value, name in texts.get(column["name"], {}).get("values", {}).items()
            ),
        }
        for column in columns
    ]


def _sync_dictionary(dataset, wanted):
    wanted = [{"sort_order": order, **entry} for order, entry in enumerate(wanted)]
    current = FieldSpec.objects.filter(dataset=dataset).order_by("sort_order", "pk")
    if _dictionary(current) == wanted:
        return []
    current.delete()
    FieldSpec.objects.bulk_create(FieldSpec(dataset=dataset, **entry) for entry in wanted)
    return [f"data dictionary of dataset {dataset.slug}"]


def _published_form(dataset, text):
    """The rows and suppressed cells that publishing ``text`` would store, as JSON."""
    fields = list(FieldSpec.objects.filter(dataset=dataset))
    rows = list(read_rows(io.BytesIO(text.encode()), fields))
    table = suppress_small_cells(
        rows, table_spec(dataset), settings.PUBLICDATA_SUPPRESSION_THRESHOLD
    )
    reasons = {}
    for index, name in table.reasons:
        reasons.setdefault(index, []).append(name)
    published = [
        {"data": row, "suppressed": sorted(reasons.get(index, []))}
        for index, row in enumerate(table.rows)
    ]
    return json.loads(json.dumps(published, default=float))


def _already_published(dataset, change_note, text):
    wanted = _published_form(dataset, text)
    for release in dataset.releases.filter(status=ReleaseStatus.PUBLISHED, change_note=change_note):
        stored = [
            {"data": row.data, "suppressed": row.suppressed}
            for row in release.rows.order_by("position")
        ]
        if stored == wanted:
            return True
    return False


def publish_release(dataset, change_note, text):
    """Upload ``text`` as a new release of ``dataset`` and publish it, or raise
    DemoDataError listing every problem the validation found."""
    fields = list(FieldSpec.objects.filter(dataset=dataset))
    report = validate_csv(io.BytesIO(text.encode()), fields)
    _raise_on_problems(dataset, [problem.as_dict() for problem in report.problems])
    release = create_draft(dataset, ContentFile(text.encode(), name="source.csv"), change_note)
    _raise_on_problems(dataset, release.validation_errors)
    return publish(release)


def _raise_on_problems(dataset, problems):
    if problems:
        listed = "\n".join(
            f"  row {problem['row']}, column {problem['column']}: {problem['message']}"
            for problem in problems
        )
        raise DemoDataError(f"The demo data of {dataset.slug} does not validate:\n{listed}")
