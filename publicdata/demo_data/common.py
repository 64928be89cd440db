"""Pieces shared by the demo datasets: the dataset spec, dictionary entries and CSV text."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

PILOT_AREA = (
    "Pilot area on the west side of downtown Baltimore, Maryland (about half a square mile)"
)
PUBLISHER = "LEAD Baltimore"
CONTACT_EMAIL = "opendata@example.org"
# A name that reads the same in every language; the address says it is an example.
CONTACT_NAME = "LEAD Baltimore"

SAMPLE_NOTICE = (
    "<p><strong>Sample data.</strong> Every number in this dataset is made up for "
    "demonstration. It shows how the portal publishes the pilot's figures; it is not a "
    "record of the Baltimore LEAD pilot and must not be quoted as one.</p>"
)

SUPPRESSION_NOTE = (
    "<p>Counts from 1 to 10 are suppressed, as are rates built on them, and where a total "
    "would let a reader work out a suppressed cell a second cell is suppressed too (the "
    "CMS cell size suppression policy). Suppressed cells are marked as suppressed, never "
    "shown as zero.</p>"
)


@dataclass(frozen=True)
class DemoDataset:
    """What the demo publishes for one dataset: its metadata, dictionary and releases."""

    slug: str
    metadata: dict
    keywords: tuple
    fields: tuple
    releases: tuple  # (change note, CSV text), oldest first
    is_sample: bool = True


def column(
    name,
    title,
    type,
    role,
    *,
    unit="",
    unit_kind="number",
    description="",
    allowed=(),
    minimum=None,
    maximum=None,
    numerator="",
    denominator="",
    primary_key=False,
    required=True,
):
    """One data dictionary entry, as the keyword arguments of a FieldSpec."""
    return {
        "name": name,
        "title": title,
        "type": type,
        "role": role,
        "unit": unit,
        "unit_kind": unit_kind,
        "description": description,
        "allowed_values": "\n".join(allowed),
        "minimum": None if minimum is None else Decimal(str(minimum)),
        "maximum": None if maximum is None else Decimal(str(maximum)),
        "numerator": numerator,
        "denominator": denominator,
        "primary_key": primary_key,
        "required": required,
    }


def csv_text(header, rows):
    """The rows as CSV text with a header line, as an analyst's upload would be."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def rate(numerator, denominator):
    """A proportion to three decimals, or empty when there is nothing to divide by."""
    return "" if not denominator else f"{numerator / denominator:.3f}"
