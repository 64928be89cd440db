"""What a release changed against the published release before it: rows added and
removed, cells changed, fields added and removed.

One comparison (``compare``) serves the admin's review of a draft and the public record
of every published release (``Release.changes``, written when it is published and shown
in the dataset's "Changes" section and its Atom feeds). Both sides are compared as
published, after suppression (publicdata/diff.py). A cell suppressed in both releases is
also compared on the values it hides, read from the two uploads on private storage: when
they differ the cell is reported as changed, suppressed before and after. Only that yes
or no leaves this module; the hidden values never do.
"""

import logging
from dataclasses import dataclass, field

from portal.translated_fields import language_suffix
from publicdata import metadata
from publicdata.diff import SUPPRESSED, CellChange, ReleaseDiff, RowChange, diff_releases
from publicdata.models import Release, ReleaseStatus
from publicdata.release_tables import suppressed_rows
from publicdata.validation import read_rows

logger = logging.getLogger(__name__)

# Rows of each kind kept in a release's public record; the counts are always whole.
RECORD_ROWS = 200
# A cell as stored in the record when it is suppressed: never its value.
SUPPRESSED_CELL = {"suppressed": True}


@dataclass
class Changes:
    previous: object  # the published Release compared with, or None for a first release
    diff: ReleaseDiff = field(default_factory=ReleaseDiff)
    fields_added: list = field(default_factory=list)
    fields_removed: list = field(default_factory=list)
    hidden_cells: int = 0  # suppressed in both releases, the value hidden changed

    @property
    def is_empty(self):
        return self.diff.is_empty and not (self.fields_added or self.fields_removed)


def previous_release(release):
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


def compare(previous, rows, suppressed, names, specs, raw_rows=None):
    """Changes from the ``previous`` published release to ``rows`` as published.

    ``suppressed`` holds (row index, field) pairs, ``names`` the release's fields in
    dictionary order, ``specs`` the dataset's FieldSpecs (for the primary key and for
    reading the uploads), ``raw_rows`` the release's rows as uploaded (None when they
    cannot be read: suppressed cells are then compared as published only).
    """
    if previous is None:
        return Changes(previous=None)
    old_names = [spec["name"] for spec in metadata.release_snapshot(previous)["fields"]]
    common = [name for name in names if name in old_names]
    old_rows, old_suppressed = published_rows(previous)
    keys = [spec.name for spec in specs if spec.primary_key and spec.name in common]
    old_shown = _shown(old_rows, old_suppressed, common)
    new_shown = _shown(rows, suppressed, common)
    diff = diff_releases(old_shown, new_shown, keys)
    # Rows added or removed are shown whole, with the fields only one side has.
    diff.added = _whole_rows(diff.added, new_shown, _shown(rows, suppressed, names))
    diff.removed = _whole_rows(diff.removed, old_shown, _shown(old_rows, old_suppressed, old_names))
    result = Changes(
        previous=previous,
        diff=diff,
        fields_added=[name for name in names if name not in old_names],
        fields_removed=[name for name in old_names if name not in names],
    )
    old_raw = uploaded_rows(previous, specs)
    if keys and old_raw is not None and raw_rows is not None:
        hidden = _hidden_changes(
            (old_shown, old_suppressed, old_raw), (new_shown, suppressed, raw_rows), keys, common
        )
        result.hidden_cells = sum(len(cells) for cells in hidden.values())
        diff.changed = _merged(diff.changed, hidden, keys, common)
    return result


def published_rows(release):
    """A published release's stored rows and their suppressed (row index, field) pairs."""
    rows, suppressed = [], set()
    stored = release.rows.order_by("position").values_list("data", "suppressed")
    for index, (data, names) in enumerate(stored):
        rows.append(data)
        suppressed.update((index, name) for name in names)
    return rows, suppressed


def uploaded_rows(release, specs):
    """The release's rows as uploaded, or None when the upload cannot be read (gone from
    the storage, or no longer readable with today's dictionary)."""
    if not release.source_file:
        return None
    try:
        with release.source_file.open("rb") as source:
            return list(read_rows(source, specs))
    except Exception:  # compared as published instead; nothing is shown that should not be
        logger.warning("Could not read the upload of %s to compare suppressed cells", release)
        return None


def _shown(rows, suppressed, names):
    return [
        {name: SUPPRESSED if (index, name) in suppressed else row.get(name) for name in names}
        for index, row in enumerate(rows)
    ]


def _whole_rows(listed, compared, whole):
    position = {id(row): index for index, row in enumerate(compared)}
    return [whole[position[id(row)]] for row in listed]


def _same_value(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    # A JSON round trip turns 40.0 into 40; they are the same number.
    return _whole(a) == _whole(b)


def _whole(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _hidden_changes(old, new, keys, names):
    """{row key: [column]} of cells suppressed in both releases whose hidden values differ."""
    old_shown, old_suppressed, old_raw = old
    new_shown, new_suppressed, new_raw = new
    old_by_key = {tuple(row[name] for name in keys): index for index, row in enumerate(old_shown)}
    found = {}
    for index, row in enumerate(new_shown):
        key = tuple(row[name] for name in keys)
        old_index = old_by_key.get(key)
        if old_index is None or old_index >= len(old_raw) or index >= len(new_raw):
            continue
        for name in names:
            hidden_in_both = (old_index, name) in old_suppressed and (index, name) in new_suppressed
            if hidden_in_both and not _same_value(
                old_raw[old_index].get(name), new_raw[index].get(name)
            ):
                found.setdefault(key, []).append(name)
    return found


def _merged(changed, hidden, keys, names):
    """The diff's changed rows with the hidden changes added, in column order."""
    order = {name: position for position, name in enumerate(names)}
    by_key = {tuple(value for _, value in change.key): change for change in changed}
    merged = list(changed)
    for key, columns in hidden.items():
        cells = tuple(CellChange(name, SUPPRESSED, SUPPRESSED) for name in columns)
        existing = by_key.get(key)
        if existing is None:
            merged.append(RowChange(tuple(zip(keys, key, strict=True)), cells))
        else:
            both = sorted(existing.cells + cells, key=lambda cell: order.get(cell.column, 0))
            merged[merged.index(existing)] = RowChange(existing.key, tuple(both))
    return merged


def release_changes(release):
    """What ``release`` (published or draft, without validation problems) changes against
    the published release before it."""
    specs = list(release.dataset.fields.all())
    if release.status == ReleaseStatus.PUBLISHED:
        rows, suppressed = published_rows(release)
        names = [spec["name"] for spec in metadata.release_snapshot(release)["fields"]]
    else:
        table = suppressed_rows(release)
        rows, suppressed = table.rows, set(table.reasons)
        names = [spec.name for spec in specs]
    previous = previous_release(release)
    raw = uploaded_rows(release, specs) if previous is not None else None
    return compare(previous, rows, suppressed, names, specs, raw)


def record_for_publication(release, table, names):
    """The record of a draft being published, from its suppressed ``table``
    (publicdata/publishing.py) and its field ``names``."""
    specs = list(release.dataset.fields.all())
    previous = previous_release(release)
    raw = uploaded_rows(release, specs) if previous is not None else None
    return as_record(compare(previous, table.rows, set(table.reasons), names, specs, raw))


def _cell(value):
    return SUPPRESSED_CELL if value is SUPPRESSED else value


def as_record(changes, limit=RECORD_ROWS):
    """The changes as JSON for ``Release.changes``: whole counts, and the first ``limit``
    rows of each kind. A suppressed cell is ``{"suppressed": true}``, never a value."""
    diff = changes.diff
    return {
        "previous_version": changes.previous.version if changes.previous else None,
        "rows_added": len(diff.added),
        "rows_removed": len(diff.removed),
        "rows_changed": len(diff.changed),
        "cells_changed": diff.changed_cells,
        "hidden_cells_changed": changes.hidden_cells,
        "fields_added": changes.fields_added,
        "fields_removed": changes.fields_removed,
        "added": [{k: _cell(v) for k, v in row.items()} for row in diff.added[:limit]],
        "removed": [{k: _cell(v) for k, v in row.items()} for row in diff.removed[:limit]],
        "changed": [
            {
                "key": [[name, value] for name, value in change.key],
                "cells": [
                    {
                        "column": cell.column,
                        "before": _cell(cell.before),
                        "after": _cell(cell.after),
                    }
                    for cell in change.cells
                ],
            }
            for change in diff.changed[:limit]
        ],
    }


def recorded_changes(release):
    """The public record of what a published release changed: kept with the release
    (written when it is published), or worked out now and kept for a release published
    before the record existed."""
    if release.changes:
        return release.changes
    record = as_record(release_changes(release))
    Release.objects.filter(pk=release.pk).update(changes=record)
    release.changes = record
    return record


def _shown_cell(value, kind):
    if isinstance(value, dict):  # SUPPRESSED_CELL
        return {"suppressed": True, "text": "", "lang": ""}
    from publicdata.numbers import format_value

    # Text from the data stays as published, in English: marked so on the pages of other
    # languages (as the dataset page's preview does).
    from_the_data = kind is None and value not in (None, "")
    return {
        "suppressed": False,
        "text": format_value(value, kind),
        "lang": "en" if from_the_data and language_suffix() else "",
    }


def for_readers(record, names, kinds):
    """A release's record (``recorded_changes``) as the dataset page and the feeds show
    it: numbers written for people in the active language (``kinds`` from
    ``numbers.unit_kinds``), rows in the order of ``names``."""

    def rows(listed):
        present = list(dict.fromkeys(name for row in listed for name in row))
        columns = [name for name in names if name in present]
        columns += [name for name in present if name not in columns]
        return {
            "header": columns,
            "rows": [
                [_shown_cell(row.get(name), kinds.get(name)) for name in columns] for row in listed
            ],
        }

    changed = [
        {
            "key": ", ".join(f"{name} = {value}" for name, value in change["key"]),
            "key_lang": "en" if language_suffix() else "",
            "column": cell["column"],
            "before": _shown_cell(cell["before"], kinds.get(cell["column"])),
            "after": _shown_cell(cell["after"], kinds.get(cell["column"])),
            "hidden": isinstance(cell["before"], dict) and isinstance(cell["after"], dict),
        }
        for change in record.get("changed", [])
        for cell in change["cells"]
    ]
    shown_rows_count = len(record.get("added", [])) + len(record.get("removed", []))
    return {
        **{key: record.get(key) for key in ("previous_version", "fields_added", "fields_removed")},
        "rows_added": record.get("rows_added", 0),
        "rows_removed": record.get("rows_removed", 0),
        "cells_changed": record.get("cells_changed", 0),
        "hidden_cells_changed": record.get("hidden_cells_changed", 0),
        "is_first": record.get("previous_version") is None,
        "is_empty": not (
            record.get("rows_added")
            or record.get("rows_removed")
            or record.get("cells_changed")
            or record.get("fields_added")
            or record.get("fields_removed")
        ),
        "changed": changed,
        "added": rows(record.get("added", [])),
        "removed": rows(record.get("removed", [])),
        "cut_off": shown_rows_count + len(record.get("changed", []))
        < record.get("rows_added", 0)
        + record.get("rows_removed", 0)
        + record.get("rows_changed", 0),
    }
