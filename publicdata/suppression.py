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

6. A count may be declared the sum of other counts of the same row (``Sum``: reports
   received = published + not published + waiting). Those columns are one table for rules
   2 and 3: each row's sum is a constraint like a total row's, so a hidden part cannot be
   worked out from its row any more than from its column.
7. Over time (``previous``, the release before): a reader may subtract the previous
   release from this one. A cell whose value has not changed is the same unknown in both;
   so a cell hidden before stays hidden while its value is unchanged, a cell shown before
   protects nothing when hidden now, and the exact audit runs on both releases' constraints
   together until no count from 1 to ``threshold - 1`` of either release is determined.

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
OVER_TIME = "complementary over time"
RATE_COMPLEMENTARY = "complementary rate"
RATE = "rate on a suppressed or small count"


@dataclass(frozen=True)
class Rate:
    field: str
    numerator: str
    denominator: str


@dataclass(frozen=True)
class Sum:
    """A count that is, in every row, the sum of other counts of the row."""

    total: str
    parts: tuple


@dataclass(frozen=True)
class TableSpec:
    dimensions: tuple
    counts: tuple
    rates: tuple = ()
    sums: tuple = ()


@dataclass(frozen=True)
class PreviousRelease:
    """The release before this one: its rows as counted (which never leave the server),
    the same rows as they were published (None where suppressed), and its spec."""

    rows: list
    published: list
    spec: TableSpec


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


def cell_constraints(rows, spec, names=None):
    """Each (total cell, member cells) of the table's counts, a cell being (row index,
    count name): the rows that add up to a total row, for each count, and each row's
    declared sums (``spec.sums``). Only the counts in ``names`` (all by default)."""
    names = tuple(spec.counts if names is None else names)
    margins = constraints(rows, spec.dimensions)
    found = [
        ((total, name), [(member, name) for member in members])
        for name in names
        for total, members in margins
    ]
    for declared in spec.sums:
        if declared.total in names:
            found.extend(
                ((index, declared.total), [(index, part) for part in declared.parts])
                for index in range(len(rows))
            )
    return found


def families(spec):
    """The counts in groups that declared sums tie together, in the spec's order; each
    group is suppressed as one table, and a count in no sum is a group of its own."""
    group_of = {name: frozenset([name]) for name in spec.counts}
    for declared in spec.sums:
        linked = [name for name in (declared.total, *declared.parts) if name in group_of]
        merged = frozenset().union(*(group_of[name] for name in linked))
        for name in merged:
            group_of[name] = merged
    found = []
    for name in spec.counts:
        if group_of[name] not in found:
            found.append(group_of[name])
    return [tuple(name for name in spec.counts if name in group) for group in found]


def _value(rows, index, name):
    value = rows[index].get(name)
    return value if isinstance(value, int | float) else None


def _cell_value(rows, cell):
    return _value(rows, *cell)


def _small(value, threshold):
    return value is not None and 0 < value < threshold


def _suppress_family(rows, names, groups, threshold, over_time=None):
    """The suppressed cells of the counts ``names`` (rules 1 to 3, and 7 with a previous
    release): {cell: reason}."""
    reasons = {
        (index, name): SMALL_COUNT
        for name in names
        for index in range(len(rows))
        if _small(_value(rows, index, name), threshold)
    }
    # Cells the previous release showed with the value they still have: hiding them now
    # hides nothing from a reader who kept that release.
    useless = frozenset()
    if over_time is not None:
        useless = over_time.known_cells(names)
        for cell in over_time.hidden_before(names):
            reasons.setdefault(cell, OVER_TIME)
    while True:
        added = _complement_single_cells(rows, groups, reasons, useless)
        if not added:
            added = _complement_determined_cells(rows, groups, reasons, useless)
        if not added and over_time is not None:
            added = over_time.complement(rows, groups, reasons, useless)
        if not added:
            return reasons


def _complement(rows, total, members, reasons, useless=frozenset()):
    """The cell to suppress beside a constraint's hidden ones: the smallest non-zero
    published member; failing that a zero member (hiding a zero is allowed, and it breaks
    the subtraction); failing that the total. None when there is nothing left to hide."""
    published = [
        member
        for member in members
        if member not in reasons and member not in useless and _cell_value(rows, member) is not None
    ]
    positive = [member for member in published if _cell_value(rows, member) > 0]
    if positive:
        return min(positive, key=lambda member: (_cell_value(rows, member), member))
    if published:
        return published[0]
    if total not in reasons and total not in useless:
        return total
    return None


def _complement_single_cells(rows, groups, reasons, useless):
    added = False
    for total, members in groups:
        hidden = [cell for cell in [total, *members] if cell in reasons and cell not in useless]
        if len(hidden) == 1:
            target = _complement(rows, total, members, reasons, useless)
            if target is not None:
                reasons[target] = COMPLEMENTARY
                added = True
    return added


def _complement_determined_cells(rows, groups, reasons, useless):
    """Suppress one more cell beside each suppressed cell the totals still determine."""
    for cell in determined_cells(groups, set(reasons) - useless):
        for total, members in groups:
            if cell == total or cell in members:
                target = _complement(rows, total, members, reasons, useless)
                if target is not None:
                    reasons[target] = COMPLEMENTARY
                    return True
    return False


def determined_cells(groups, hidden):
    """The hidden cells whose values follow from the published totals.

    Each constraint ``total - sum(members) = 0`` is a row over the hidden cells (the
    published cells are known constants). A hidden cell is determined exactly when its
    unit vector lies in the row space, i.e. its reduced row has no other entry.
    """
    return determined_unknowns(
        [[(1, total), *((-1, member) for member in members)] for total, members in groups],
        hidden,
    )


def determined_unknowns(equations, unknowns):
    """Which of ``unknowns`` a system of linear equations fixes, the other terms being
    known. Each equation is a list of (coefficient, term); terms not in ``unknowns`` are
    known constants."""
    unknowns = sorted(unknowns)
    position = {term: column for column, term in enumerate(unknowns)}
    matrix = []
    for equation in equations:
        row = [Fraction(0)] * len(unknowns)
        for coefficient, term in equation:
            if term in position:
                row[position[term]] += coefficient
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


class _OverTime:
    """What a reader who kept the previous release knows (rule 7).

    A cell of this release whose value is the same as in the previous release is the same
    unknown as that cell was: known if the previous release showed it, hidden if it did
    not. Every other cell of either release is an unknown of its own when hidden. The
    constraints of both releases, over those unknowns, must leave every count from 1 to
    ``threshold - 1`` undetermined.
    """

    def __init__(self, rows, spec, previous, threshold):
        self.rows, self.spec, self.previous, self.threshold = rows, spec, previous, threshold
        before = {}
        for index, row in enumerate(previous.rows):
            before.setdefault(self._key(row), index)
        counted_before = set(previous.spec.counts)
        self.link = {}  # a cell of this release -> the cell of the previous with its value
        for index, row in enumerate(rows):
            earlier = before.get(self._key(row))
            if earlier is None:
                continue
            for name in spec.counts:
                value = _value(rows, index, name)
                if (
                    name in counted_before
                    and value is not None
                    and value == _value(previous.rows, earlier, name)
                ):
                    self.link[(index, name)] = (earlier, name)
        self.linked_from = {cell: now for now, cell in self.link.items()}

    def _key(self, row):
        return tuple(row.get(dimension) for dimension in self.spec.dimensions)

    def _hidden_before(self, cell):
        index, name = cell
        return (
            self.previous.published[index].get(name) is None
            and _value(self.previous.rows, index, name) is not None
        )

    def known_cells(self, names):
        return frozenset(
            now
            for now, cell in self.link.items()
            if now[1] in names and not self._hidden_before(cell)
        )

    def hidden_before(self, names):
        return [
            now for now, cell in self.link.items() if now[1] in names and self._hidden_before(cell)
        ]

    def _determined(self, names, groups, hidden_now):
        """The small counts of either release that both releases' constraints fix."""

        def term_now(cell):
            if cell in self.link:
                earlier = self.link[cell]
                return ("before", earlier) if self._hidden_before(earlier) else None
            return ("now", cell) if cell in hidden_now else None

        def term_before(cell):
            if not self._hidden_before(cell):
                return None
            now = self.linked_from.get(cell)
            return ("before", cell) if now is None or now in hidden_now else None

        counted_before = [name for name in names if name in set(self.previous.spec.counts)]
        equations = [
            [(1, term_now(total)), *((-1, term_now(member)) for member in members)]
            for total, members in groups
        ] + [
            [(1, term_before(total)), *((-1, term_before(member)) for member in members)]
            for total, members in cell_constraints(
                self.previous.rows, self.previous.spec, counted_before
            )
        ]
        unknowns = {
            term for equation in equations for _coefficient, term in equation if term is not None
        }
        small = {
            term
            for term in unknowns
            if _small(
                _cell_value(self.rows if term[0] == "now" else self.previous.rows, term[1]),
                self.threshold,
            )
        }
        equations = [
            [(coefficient, term) for coefficient, term in equation if term is not None]
            for equation in equations
        ]
        return [term for term in determined_unknowns(equations, unknowns) if term in small]

    def _cell_now(self, term):
        kind, cell = term
        return cell if kind == "now" else self.linked_from.get(cell)

    def complement(self, rows, groups, reasons, useless):
        """Suppress one more cell of this release when the two releases together fix a
        small count; False when none is fixed (or nothing is left to hide)."""
        names = {name for _total, members in groups for _index, name in members}
        names |= {name for (_index, name), _members in groups}
        determined = self._determined(names, groups, set(reasons))
        if not determined:
            return False
        # A cell of this release that is fixed: hide another beside it, as rule 3 does.
        for term in determined:
            cell = self._cell_now(term)
            for total, members in groups:
                if cell is not None and (cell == total or cell in members):
                    target = _complement(rows, total, members, reasons, useless)
                    if target is not None:
                        reasons[target] = OVER_TIME
                        return True
        # Only a cell of the previous release is fixed: hide the cell of this release
        # that frees it, trying each constraint's candidate in turn.
        candidates = []
        for total, members in groups:
            target = _complement(rows, total, members, reasons, useless)
            if target is not None and target not in candidates:
                candidates.append(target)
        if not candidates:
            return False
        first = determined[0]
        chosen = next(
            (
                target
                for target in candidates
                if first not in self._determined(names, groups, set(reasons) | {target})
            ),
            candidates[0],
        )
        reasons[chosen] = OVER_TIME
        return True


def suppress_small_cells(rows, spec, threshold=DEFAULT_THRESHOLD, previous=None):
    """The rows as they may be published, with every suppressed cell set to None.

    ``previous`` (a PreviousRelease) is the release before, when there is one: what it
    showed is known to readers, so this release is suppressed so that the two together
    reveal no small count (rule 7)."""
    reasons = {}
    over_time = None if previous is None else _OverTime(rows, spec, previous, threshold)
    for names in families(spec):
        groups = cell_constraints(rows, spec, names)
        reasons.update(_suppress_family(rows, names, groups, threshold, over_time))
    groups = constraints(rows, spec.dimensions)
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
