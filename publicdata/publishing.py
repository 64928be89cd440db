"""From an uploaded CSV to a published release: draft, validate, suppress, publish.

The source file stays on private storage. What is stored as published rows has already
been through ``suppress_small_cells``, so nothing downstream (pages, downloads, API) can
show a raw small count.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from publicdata import changes, chart_images, stored_downloads
from publicdata.exports import checksums, csv_line, json_line, xlsx_file
from publicdata.metadata import dataset_snapshot
from publicdata.models import Release, ReleaseRow, ReleaseStatus
from publicdata.release_tables import suppressed_rows
from publicdata.validation import validate_csv

ROW_BATCH = 1000


class PublishError(ValueError):
    """The release cannot be published; the message says why."""


def create_draft(dataset, uploaded_file, change_note, user=None, change_note_es=""):
    """Store the upload as a new draft release and validate it."""
    with transaction.atomic():
        latest = (
            Release.objects.select_for_update()
            .filter(dataset=dataset)
            .aggregate(latest=Max("version"))["latest"]
        )
        release = Release(
            dataset=dataset,
            version=(latest or 0) + 1,
            change_note=change_note,
            change_note_es=change_note_es,
            created_by=user,
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
        release.changes = changes.record_for_publication(release, table, names)
        workbook = xlsx_file(release)
        release.sha256 = checksums(release, workbook)
        release.save(
            update_fields=["status", "published_at", "row_count", "snapshot", "sha256", "changes"]
        )
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
    # Its charts' images are drawn by the worker once the publication is committed.
    chart_images.draw_after_commit(release)
    return release
