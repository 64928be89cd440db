"""A published release as CSV, JSON and XLSX, written a row at a time.

All three read the same stored rows (already suppressed) in the same order, so they hold
the same data; a suppressed cell is the word ``suppressed`` in CSV and XLSX and ``null``
listed under ``_suppressed`` in JSON, never a zero. Memory stays flat whatever the number
of rows: rows come from the database in chunks and leave in chunks (XLSX goes through a
temporary file, written in constant-memory mode).
"""

import csv
import hashlib
import io
import json
import tempfile
from itertools import islice

import xlsxwriter
from django.conf import settings

from publicdata.metadata import SUPPRESSED, release_snapshot, suppression_note
from publicdata.models import FieldSpec, FieldType, ReleaseRow

FORMATS = ("csv", "json", "xlsx")
CHUNK_ROWS = 2000
CHUNK_BYTES = 64 * 1024
XLSX_MAX_ROWS = 1_048_575  # the sheet's limit, less the header
# Compact JSON, as json.dumps(..., ensure_ascii=False, separators=(",", ":")) writes it.
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def stored_rows(release, chunk_size=CHUNK_ROWS):
    """(data, suppressed field names) for each published row, in order."""
    return (
        ReleaseRow.objects.filter(release=release)
        .order_by("position")
        .values_list("data", "suppressed")
        .iterator(chunk_size=chunk_size)
    )


def field_names(release):
    return [spec["name"] for spec in release_snapshot(release)["fields"]]


def cell_text(value):
    """A value as CSV text: ISO dates (stored as text), true/false, plain numbers."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _csv_writer():
    buffer = io.StringIO()
    return buffer, csv.writer(buffer, lineterminator="\r\n")


def csv_line(names, data, suppressed):
    """One published row as a CSV record (RFC 4180, CRLF-terminated)."""
    buffer, writer = _csv_writer()
    writer.writerow(
        [SUPPRESSED if name in suppressed else cell_text(data.get(name)) for name in names]
    )
    return buffer.getvalue()


def json_record(names, data, suppressed):
    record = {name: None if name in suppressed else data.get(name) for name in names}
    record["_suppressed"] = list(suppressed)
    return record


def json_line(names, data, suppressed):
    """One published row as a compact JSON object."""
    return _JSON.encode(json_record(names, data, suppressed))


def _stored_lines(release, column):
    """The pre-rendered lines of the release's rows, in order, a batch at a time.

    Each row's CSV and JSON text is rendered once, when the release is published
    (``publishing.publish``); a download only concatenates them, which keeps it close to
    the database's own speed and its memory flat.
    """
    lines = (
        ReleaseRow.objects.filter(release=release)
        .order_by("position")
        .values_list(column, flat=True)
        .iterator(chunk_size=CHUNK_ROWS)
    )
    while batch := list(islice(lines, CHUNK_ROWS)):
        yield batch


def csv_chunks(release):
    """RFC 4180 CSV in UTF-8 (no byte-order mark), CRLF line ends, a header row."""
    buffer, writer = _csv_writer()
    writer.writerow(field_names(release))
    header = buffer.getvalue()
    for batch in _stored_lines(release, "csv_line"):
        yield (header + "".join(batch)).encode()
        header = ""
    if header:  # a release without rows
        yield header.encode()


def json_header(release):
    snapshot = release_snapshot(release)
    about = {key: value for key, value in snapshot.items() if key != "fields"}
    return {
        "dataset": about,
        "release": {
            "version": release.version,
            "published": release.published_at.isoformat() if release.published_at else None,
            "change_note": release.change_note,
            "row_count": release.row_count,
        },
        "fields": snapshot["fields"],
        "suppression": {
            "threshold": settings.PUBLICDATA_SUPPRESSION_THRESHOLD,
            "note": suppression_note(),
            "marker": "A suppressed value is null and its field is listed in _suppressed.",
        },
    }


def json_chunks(release):
    """The metadata, the dictionary and every record (one a line), as one JSON document.

    The header's keys are sorted: PostgreSQL's jsonb does not keep the order of the
    snapshot's keys, and the file must be the same bytes whichever database it comes from.
    """
    head = json.dumps(
        json_header(release), ensure_ascii=False, separators=(",", ":"), sort_keys=True
    )
    opening = head[:-1] + ',"records":['
    separator = "\n"
    for batch in _stored_lines(release, "json_line"):
        yield (opening + separator + ",\n".join(batch)).encode()
        opening, separator = "", ",\n"
    yield (opening + "\n]}\n").encode()


def write_xlsx(release, target):
    """Write the workbook (Data, Dictionary, About) to ``target``, a path or binary file."""
    snapshot = release_snapshot(release)
    specs = snapshot["fields"]
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "tmpdir": tempfile.gettempdir(),
            # Every cell is written by type (write_string never makes a formula or a
            # link); these keep a plain write() from turning "=..." into a formula too.
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    # Fixed properties keep the file identical from one build to the next (its checksum).
    created = release.published_at.replace(tzinfo=None) if release.published_at else None
    workbook.set_properties(
        {"title": snapshot["title"], "author": snapshot["publisher"], "created": created}
    )
    bold = workbook.add_format({"bold": True})
    marker = workbook.add_format({"italic": True, "font_color": "#595959"})

    data_sheet = workbook.add_worksheet("Data")
    for column, spec in enumerate(specs):
        data_sheet.write_string(0, column, spec["name"], bold)
    numeric = {FieldType.INTEGER, FieldType.NUMBER}
    for row_number, (data, suppressed) in enumerate(stored_rows(release), start=1):
        if row_number > XLSX_MAX_ROWS:
            raise ValueError("Too many rows for one XLSX sheet.")
        for column, spec in enumerate(specs):
            name = spec["name"]
            value = data.get(name)
            if name in suppressed:
                data_sheet.write_string(row_number, column, SUPPRESSED, marker)
            elif value is None:
                data_sheet.write_blank(row_number, column, None)
            elif spec["type"] in numeric and not isinstance(value, bool):
                data_sheet.write_number(row_number, column, value)
            else:
                data_sheet.write_string(row_number, column, cell_text(value))

    dictionary = workbook.add_worksheet("Dictionary")
    columns = FieldSpec.DESCRIBING
    for column, heading in enumerate(columns):
        dictionary.write_string(0, column, heading, bold)
    for row_number, spec in enumerate(specs, start=1):
        for column, key in enumerate(columns):
            value = spec[key]
            if isinstance(value, list):
                value = "; ".join(value)
            dictionary.write_string(row_number, column, cell_text(value))

    about = workbook.add_worksheet("About")
    facts = [
        ("title", snapshot["title"]),
        ("summary", snapshot["summary"]),
        ("version", str(release.version)),
        ("published", release.published_at.isoformat() if release.published_at else ""),
        ("change note", release.change_note),
        ("source", snapshot["source"]),
        ("publisher", snapshot["publisher"]),
        ("contact", snapshot["contact_email"]),
        ("licence", snapshot["licence_url"] or snapshot["licence"]),
        ("sample data", "yes" if snapshot["is_sample"] else "no"),
        ("suppression", suppression_note()),
        ("methodology", snapshot["methodology"]),
    ]
    for row_number, (label, value) in enumerate(facts):
        about.write_string(row_number, 0, label, bold)
        about.write_string(row_number, 1, value or "")
    workbook.close()


def xlsx_file(release):
    """The workbook in a temporary file, positioned at its start."""
    target = tempfile.TemporaryFile()  # noqa: SIM115 (closed by the response that sends it)
    write_xlsx(release, target)
    target.seek(0)
    return target


def chunks(release, fmt):
    if fmt == "csv":
        return csv_chunks(release)
    if fmt == "json":
        return json_chunks(release)
    if fmt == "xlsx":
        return _file_chunks(xlsx_file(release))
    raise ValueError(f"Unknown format {fmt!r}")


def _file_chunks(handle):
    with handle:
        while piece := handle.read(CHUNK_BYTES):
            yield piece


def checksums(release, workbook=None):
    """SHA-256 of each format, as published. ``workbook``, the release's XLSX already built
    (at publication, to be kept), is read instead of building another; it is left at its
    start."""
    result = {}
    for fmt in FORMATS:
        digest = hashlib.sha256()
        if fmt == "xlsx" and workbook is not None:
            workbook.seek(0)
            while piece := workbook.read(CHUNK_BYTES):
                digest.update(piece)
            workbook.seek(0)
        else:
            for piece in chunks(release, fmt):
                digest.update(piece)
        result[fmt] = digest.hexdigest()
    return result
