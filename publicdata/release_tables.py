"""A release's table as it would be published: its rows read from the upload, with small
cells suppressed by the dataset's roles and with the release before it in view (what
publishing stores, and what the comparison of a draft with the release before it reads)."""

import logging
from decimal import Decimal

from django.conf import settings

from publicdata.models import FieldRole, Release, ReleaseStatus
from publicdata.suppression import PreviousRelease, Rate, Sum, TableSpec, suppress_small_cells
from publicdata.validation import read_rows

logger = logging.getLogger(__name__)


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


def suppressed_rows(release, threshold=None):
    """The release's rows as they would be published (a SuppressedTable): suppressed so
    that, with the dataset's newest published release before it, no small count can be
    worked out (publicdata/suppression.py, rule 7)."""
    threshold = threshold or settings.PUBLICDATA_SUPPRESSION_THRESHOLD
    fields = list(release.dataset.fields.all())
    with release.source_file.open("rb") as source:
        rows = [_jsonable(row) for row in read_rows(source, fields)]
    return suppress_small_cells(
        rows, table_spec(release.dataset), threshold, previous=_previous_as_counted(release)
    )


def published_before(release):
    """The published release just before ``release``, or None."""
    return (
        Release.objects.filter(
            dataset_id=release.dataset_id,
            status=ReleaseStatus.PUBLISHED,
            version__lt=release.version,
        )
        .order_by("-version")
        .first()
    )


def _previous_as_counted(release):
    """The newest published release before ``release``, as suppression needs it (its
    counted rows from its stored source, its published rows and its dictionary), or None:
    none published yet, or its source cannot be read."""
    earlier = published_before(release)
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
