"""From an uploaded CSV to a published release: draft, validate, suppress, publish.

The source file stays on private storage. What is stored as published rows has already
been through ``suppress_small_cells``, so nothing downstream (pages, downloads, API) can
show a raw small count.
"""

import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from publicdata import stored_downloads
from publicdata.exports import checksums, csv_line, json_line, xlsx_file
from publicdata.metadata import dataset_snapshot
from publicdata.models import FieldRole, Release, ReleaseRow, ReleaseStatus
from publicdata.suppression import PreviousRelease, Rate, Sum, TableSpec, suppress_small_cells
from publicdata.validation import read_rows, validate_csv

ROW_BATCH = 1000
logger = logging.getLogger(__name__)


class PublishError(ValueError):
    """The release cannot be published; the message says why."""


def table_spec(dataset):
    return spec_of(
        [
            {
                "name": f.name,
                "role": f.role,
                "numerator": f.numerator,
                "denominator": f.denominator,
                "sum_of": f.sum_groups,
            }
            for f in dataset.fields.all()
        ]
    )


def spec_of(fields):
    """The TableSpec of a data dictionary, as field snapshots (publicdata/metadata.py)."""
    counts = tuple(f["name"] for f in fields if f["role"] == FieldRole.COUNT)
    return TableSpec(
        dimensions=tuple(f["name"] for f in fields if f["role"] == FieldRole.DIMENSION),
        counts=counts,
        rates=tuple(
            Rate(f["name"], f["numerator"], f["denominator"])
            for f in fields
            if f["role"] == FieldRole.RATE and f.get("numerator") and f.get("denominator")
        ),
        sums=tuple(
            Sum(f["name"], tuple(group))
            for f in fields
            if f["name"] in counts
            for group in f.get("sum_of", [])
            if all(part in counts for part in group)
        ),
    )


def create_draft(dataset, uploaded_file, change_note, user=None):
    """Store the upload as a new draft release and validate it."""
    with transaction.atomic():
        latest = (
            Release.objects.select_for_update()
            .filter(dataset=dataset)
            .aggregate(latest=Max("version"))["latest"]
        )
        release = Release(
            dataset=dataset, version=(latest or 0) + 1, change_note=change_note, created_by=user
        )
        release.source_file.save("source.csv", uploaded_file, save=False)
        release.save()
    validate_release(release)
    return release


def validate_release(release):
    with release.source_file.open("rb") as source:
        report = validate_csv(source, list(release.dataset.fields.all()))
    release.validation_errors = [problem.as_dict() for problem in report.problems]
    release.row_count = report.row_count
    release.save(update_fields=["validation_errors", "row_count"])
    return report


def suppressed_rows(release, threshold=None):
    """The release's rows as they would be published (a SuppressedTable): suppressed so
    that, with the dataset's newest published release before it, no small count can be
    worked out (publicdata/suppression.py, rule 7)."""
    threshold = threshold or settings.PUBLICDATA_SUPPRESSION_THRESHOLD
    fields = list(release.dataset.fields.all())
    with release.source_file.open("rb") as source:
        rows = [_jsonable(row) for row in read_rows(source, fields)]
    return suppress_small_cells(
        rows, table_spec(release.dataset), threshold, previous=previous_release(release)
    )


def previous_release(release):
    """The newest published release before ``release``, as suppression needs it (its
    counted rows from its stored source, its published rows and its dictionary), or None:
    none published yet, or its source cannot be read."""
    earlier = (
        Release.objects.filter(
            dataset=release.dataset, status=ReleaseStatus.PUBLISHED, version__lt=release.version
        )
        .order_by("-version")
        .first()
    )
    if earlier is None or not earlier.snapshot:
        return None
    fields = earlier.snapshot.get("fields", [])
    try:
        with earlier.source_file.open("rb") as source:
            counted = [_jsonable(row) for row in read_rows(source, _SnapshotFields.of(fields))]
    except (OSError, ValueError):
        logger.warning(
            "Release %s of %s: the source of version %s cannot be read; suppressed without it",
            release.version,
            release.dataset.slug,
            earlier.version,
        )
        return None
    published = [row.data for row in earlier.rows.order_by("position")]
    if len(published) != len(counted):
        return None
    return PreviousRelease(rows=counted, published=published, spec=spec_of(fields))


class _SnapshotFields:
    """A field snapshot read as the validator reads a FieldSpec, to read an old source."""

    def __init__(self, snapshot):
        self.name = snapshot["name"]
        self.type = snapshot["type"]
        self.required = False
        self.allowed = []
        self.minimum = self.maximum = None

    @classmethod
    def of(cls, snapshots):
        return [cls(snapshot) for snapshot in snapshots]


def _jsonable(row):
    return {
        key: float(value) if isinstance(value, Decimal) else value for key, value in row.items()
    }


def published_row(release, position, names, data, suppressed):
    """A stored row, with its CSV and JSON text rendered for the downloads."""
    return ReleaseRow(
        release=release,
        position=position,
        data=data,
        suppressed=suppressed,
        csv_line=csv_line(names, data, suppressed),
        json_line=json_line(names, data, suppressed),
    )


def publish(release, user=None):
    """Suppress and store the rows of a valid draft, making it the current release.

    The release row is locked and its status read again first, so two clicks (or two
    staff) cannot publish it twice.
    """
    with transaction.atomic():
        status = (
            Release.objects.select_for_update()
            .filter(pk=release.pk)
            .values_list("status", flat=True)
            .first()
        )
        if status == ReleaseStatus.PUBLISHED:
            raise PublishError(_("This release is already published."))
        if release.validation_errors:
            raise PublishError(_("Fix the problems in the file before publishing."))
        table = suppressed_rows(release)
        suppressed_by_row = {}
        for index, name in table.reasons:
            suppressed_by_row.setdefault(index, []).append(name)
        release.snapshot = dataset_snapshot(release.dataset)
        names = [spec["name"] for spec in release.snapshot["fields"]]
        release.rows.all().delete()
        ReleaseRow.objects.bulk_create(
            (
                published_row(release, index, names, row, sorted(suppressed_by_row.get(index, [])))
                for index, row in enumerate(table.rows)
            ),
            batch_size=ROW_BATCH,
        )
        release.status = ReleaseStatus.PUBLISHED
        release.published_at = timezone.now().replace(microsecond=0)
        release.row_count = len(table.rows)
        workbook = xlsx_file(release)
        release.sha256 = checksums(release, workbook)
        release.save(update_fields=["status", "published_at", "row_count", "snapshot", "sha256"])
        log(
            instance=release,
            action="publicdata.publish",
            user=user,
            data={"version": release.version, "suppressed_cells": len(table.reasons)},
        )
    # Kept once the release is saved and its lock released, so no storage round trip holds
    # the lock; if it cannot be kept, its first download builds it.
    with workbook:
        stored_downloads.keep_release_xlsx(release, workbook)
    return release
