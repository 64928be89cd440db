"""A release's table as it would be published: its rows read from the upload, with small
cells suppressed by the dataset's roles (what publishing stores, and what the comparison
of a draft with the release before it reads)."""

from decimal import Decimal

from django.conf import settings

from publicdata.models import FieldRole
from publicdata.suppression import Rate, TableSpec, suppress_small_cells
from publicdata.validation import read_rows


def table_spec(dataset):
    fields = list(dataset.fields.all())
    return TableSpec(
        dimensions=tuple(f.name for f in fields if f.role == FieldRole.DIMENSION),
        counts=tuple(f.name for f in fields if f.role == FieldRole.COUNT),
        rates=tuple(
            Rate(f.name, f.numerator, f.denominator)
            for f in fields
            if f.role == FieldRole.RATE and f.numerator and f.denominator
        ),
    )


def suppressed_rows(release, threshold=None):
    """The release's rows as they would be published (a SuppressedTable)."""
    threshold = threshold or settings.PUBLICDATA_SUPPRESSION_THRESHOLD
    fields = list(release.dataset.fields.all())
    with release.source_file.open("rb") as source:
        rows = [_jsonable(row) for row in read_rows(source, fields)]
    return suppress_small_cells(rows, table_spec(release.dataset), threshold)


def _jsonable(row):
    return {
        key: float(value) if isinstance(value, Decimal) else value for key, value in row.items()
    }
