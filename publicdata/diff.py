"""What a new release changes against the previous published one.

Rows are matched on the dictionary's primary-key fields; a row whose key is new was added,
a row whose key is gone was removed, and a row present in both lists each cell that
differs. Both sides are tables as published (after suppression): a suppressed cell is
compared as "suppressed", so the diff never needs, and never shows, a raw small count.
"""

from collections import Counter
from dataclasses import dataclass, field


class _Suppressed:
    """A suppressed cell: equal only to another suppressed cell."""

    def __repr__(self):
        return "SUPPRESSED"


SUPPRESSED = _Suppressed()


@dataclass(frozen=True)
class CellChange:
    column: str
    before: object  # a value, or SUPPRESSED
    after: object


@dataclass(frozen=True)
class RowChange:
    key: tuple  # (field, value) pairs
    cells: tuple  # CellChange, in column order

    def cells_as(self, shown):
        """The changed cells as ``{column, before, after}``, each value through ``shown``
        (the public record's and the review screen's forms of a hidden cell differ)."""
        return [
            {"column": cell.column, "before": shown(cell.before), "after": shown(cell.after)}
            for cell in self.cells
        ]


@dataclass
class ReleaseDiff:
    added: list = field(default_factory=list)  # rows as shown (SUPPRESSED marks hidden cells)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # RowChange

    @property
    def changed_cells(self):
        return sum(len(change.cells) for change in self.changed)

    @property
    def is_empty(self):
        return not (self.added or self.removed or self.changed)


def shown_rows(rows, suppressed):
    """Rows with each suppressed cell replaced by SUPPRESSED.

    ``suppressed`` holds (row index, field) pairs, as in ``SuppressedTable.reasons``.
    """
    return [
        {name: SUPPRESSED if (index, name) in suppressed else value for name, value in row.items()}
        for index, row in enumerate(rows)
    ]


def diff_releases(previous, current, key_fields):
    """A ReleaseDiff from the ``previous`` rows to the ``current`` rows (both as shown).

    Without key fields rows cannot be matched, so whole rows are compared: a row that
    changed counts as one removed and one added.
    """
    if not key_fields:
        return _diff_whole_rows(previous, current)
    before = {_key(row, key_fields): row for row in previous}
    after = {_key(row, key_fields): row for row in current}
    result = ReleaseDiff()
    for key, row in after.items():
        old = before.get(key)
        if old is None:
            result.added.append(row)
            continue
        cells = tuple(
            CellChange(column, old.get(column), row.get(column))
            for column in _columns(row, old)
            if not _same(old.get(column), row.get(column))
        )
        if cells:
            result.changed.append(RowChange(tuple(zip(key_fields, key, strict=True)), cells))
    result.removed = [row for key, row in before.items() if key not in after]
    return result


def _key(row, key_fields):
    return tuple(_comparable(row.get(name)) for name in key_fields)


def _columns(row, old):
    return list(row) + [column for column in old if column not in row]


def _comparable(value):
    # A JSON round trip turns 40.0 into 40 and leaves 40 alone; they are the same number.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _same(a, b):
    if a is SUPPRESSED or b is SUPPRESSED:
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return _comparable(a) == _comparable(b)


def _diff_whole_rows(previous, current):
    def frozen(row):
        return tuple(sorted((name, repr(_comparable(value))) for name, value in row.items()))

    remaining = Counter(frozen(row) for row in previous)
    result = ReleaseDiff()
    for row in current:
        if remaining[frozen(row)] > 0:
            remaining[frozen(row)] -= 1
        else:
            result.added.append(row)
    for row in previous:
        if remaining[frozen(row)] > 0:
            remaining[frozen(row)] -= 1
            result.removed.append(row)
    return result
