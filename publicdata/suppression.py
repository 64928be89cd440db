"""Small-cell suppression: the one rule that decides what a published table may show.

Rules (shared/PRODUCT.md, privacy rule 4; the CMS cell size suppression policy):

1. A count from 1 to ``threshold - 1`` (1 to 10 by default) is suppressed. Zero is shown.
2. Where rows hold totals (a dimension whose value is "Total" or "All"), each total and
   the cells it adds up form a constraint. No constraint may be left with exactly one
   suppressed cell, or that cell could be backed out by subtraction: the smallest
   non-zero published cell of that constraint is suppressed too (complementary
   suppression), else a zero cell, else the total itself. This repeats until stable.
3. Suppression must survive combining constraints, not only single subtractions: an exact
   linear-algebra audit finds any suppressed cell that the published totals still pin
   down, and suppresses another cell beside it until none is left.
4. A rate or mean is suppressed when its numerator or denominator is suppressed, or when
   its denominator is below the threshold.
5. A published total rate and its published member rates must not give away the rate of
   the suppressed members taken together when, together, they rest on a denominator from
   1 to ``threshold - 1`` (the total's numerator minus the shown members' numerators is
   their combined rate): the shown member rate with the smallest denominator is suppressed
   too, else the total's rate, until every hidden group rests on zero or at least
   ``threshold``.

Suppressed cells are published as ``None`` with a reason in ``SuppressedTable.reasons``;
callers mark them "suppressed", never 0 or blank without explanation.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

DEFAULT_THRESHOLD = 11
TOTAL_LABELS = frozenset({"total", "all"})

SMALL_COUNT = "small count"
COMPLEMENTARY = "complementary"
RATE_COMPLEMENTARY = "complementary rate"
RATE = "rate on a suppressed or small count"


@dataclass(frozen=True)
class Rate:
    field: str
    numerator: str
    denominator: str


@dataclass(frozen=True)
class TableSpec:
    dimensions: tuple
    counts: tuple
    rates: tuple = ()


@dataclass
class SuppressedTable:
    rows: list
    reasons: dict = field(default_factory=dict)  # (row index, field) -> reason


def is_total(value):
    return isinstance(value, str) and value.strip().lower() in TOTAL_LABELS


def constraints(rows, dimensions):
    """Each (total row, member rows) pair: the members add up to the total.

    For every dimension, rows that agree on all the other dimensions form a margin; the
    row whose value in that dimension is a total label is the margin's total.
    """
    found = []
    for dimension in dimensions:
        margins = defaultdict(lambda: [None, []])
        for index, row in enumerate(rows):
            key = tuple(row.get(other) for other in dimensions if other != dimension)
            if is_total(row.get(dimension)):
                margins[key][0] = index
            else:
                margins[key][1].append(index)
        found.extend(
            (total, members) for total, members in margins.values() if total is not None and members
        )
    return found


def _value(rows, index, name):
    value = rows[index].get(name)
    return value if isinstance(value, int | float) else None


def _suppress_count(rows, name, groups, threshold):
    reasons = {}
    for index in range(len(rows)):
        value = _value(rows, index, name)
        if value is not None and 0 < value < threshold:
            reasons[index] = SMALL_COUNT
    while True:
        added = _complement_single_cells(rows, name, groups, reasons)
        if not added:
            added = _complement_determined_cells(rows, name, groups, reasons)
        if not added:
            return reasons


def _complement(rows, name, total, members, reasons):
    """Suppress the smallest non-zero published member; failing that a zero member (hiding
    a zero is allowed, and it breaks the subtraction); failing that the total."""
    published = [
        member
        for member in members
        if member not in reasons and _value(rows, member, name) is not None
    ]
    positive = [member for member in published if _value(rows, member, name) > 0]
    if positive:
        target = min(positive, key=lambda member: (_value(rows, member, name), member))
    elif published:
        target = published[0]
    elif total not in reasons:
        target = total
    else:
        return False
    reasons[target] = COMPLEMENTARY
    return True


def _complement_single_cells(rows, name, groups, reasons):
    added = False
    for total, members in groups:
        hidden = [cell for cell in [total, *members] if cell in reasons]
        if len(hidden) == 1 and _complement(rows, name, total, members, reasons):
            added = True
    return added


def _complement_determined_cells(rows, name, groups, reasons):
    """Suppress one more cell beside each suppressed cell the totals still determine."""
    for cell in determined_cells(groups, set(reasons)):
        for total, members in groups:
            if (cell == total or cell in members) and _complement(
                rows, name, total, members, reasons
            ):
                return True
    return False


def determined_cells(groups, hidden):
    """The hidden cells whose values follow from the published totals.

    Each constraint ``total - sum(members) = 0`` is a row over the hidden cells (the
    published cells are known constants). A hidden cell is determined exactly when its
    unit vector lies in the row space, i.e. its reduced row has no other entry.
    """
    unknowns = sorted(hidden)
    position = {cell: column for column, cell in enumerate(unknowns)}
    matrix = []
    for total, members in groups:
        row = [Fraction(0)] * len(unknowns)
        if total in position:
            row[position[total]] += 1
        for member in members:
            if member in position:
                row[position[member]] -= 1
        if any(row):
            matrix.append(row)
    pivots = _reduce(matrix, len(unknowns))
    return [
        unknowns[column]
        for column, row in pivots.items()
        if all(value == 0 for other, value in enumerate(row) if other != column)
    ]


def _reduce(matrix, width):
    """Reduced row echelon form; returns {pivot column: its row}."""
    pivots = {}
    rank = 0
    for column in range(width):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][column] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        lead = matrix[rank][column]
        matrix[rank] = [value / lead for value in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][column] != 0:
                factor = matrix[r][column]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        pivots[column] = rank
        rank += 1
    return {column: matrix[row] for column, row in pivots.items()}


def _complement_rates(rows, rate, groups, reasons, threshold):
    """Rule 5, on the raw denominators (what a reader could subtract out)."""

    def weight(index):
        return _value(rows, index, rate.denominator) or 0

    def hidden(index):
        return (index, rate.field) in reasons

    changed = True
    while changed:
        changed = False
        for total, members in groups:
            if hidden(total):
                continue
            hidden_weight = sum(weight(member) for member in members if hidden(member))
            if not 0 < hidden_weight < threshold:
                continue
            shown = [member for member in members if not hidden(member) and weight(member)]
            target = min(shown, key=lambda member: (weight(member), member)) if shown else total
            reasons[(target, rate.field)] = RATE_COMPLEMENTARY
            changed = True


def suppress_small_cells(rows, spec, threshold=DEFAULT_THRESHOLD):
    """The rows as they may be published, with every suppressed cell set to None."""
    groups = constraints(rows, spec.dimensions)
    reasons = {}
    for name in spec.counts:
        for index, reason in _suppress_count(rows, name, groups, threshold).items():
            reasons[(index, name)] = reason
    for rate in spec.rates:
        for index in range(len(rows)):
            denominator = _value(rows, index, rate.denominator)
            if (
                (index, rate.numerator) in reasons
                or (index, rate.denominator) in reasons
                or (denominator is not None and denominator < threshold)
            ):
                reasons[(index, rate.field)] = RATE
        _complement_rates(rows, rate, groups, reasons, threshold)
    published = [
        {name: (None if (index, name) in reasons else value) for name, value in row.items()}
        for index, row in enumerate(rows)
    ]
    return SuppressedTable(rows=published, reasons=reasons)
