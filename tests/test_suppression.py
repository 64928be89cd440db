"""Small-cell suppression (privacy rule 4): no published number reveals a count of 1-10."""

from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from publicdata.suppression import (
    COMPLEMENTARY,
    RATE,
    SMALL_COUNT,
    PreviousRelease,
    Rate,
    Sum,
    TableSpec,
    constraints,
    determined_cells,
    suppress_small_cells,
)

SPEC = TableSpec(dimensions=("month", "service"), counts=("people",))


def table(counts, with_totals=True):
    """Rows of a month x service table from a list of lists, with margins and grand total."""
    rows = []
    for m, row in enumerate(counts):
        for s, value in enumerate(row):
            rows.append({"month": f"2026-0{m + 1}", "service": f"S{s}", "people": value})
        if with_totals:
            rows.append({"month": f"2026-0{m + 1}", "service": "Total", "people": sum(row)})
    if with_totals:
        for s in range(len(counts[0])):
            rows.append({"month": "Total", "service": f"S{s}", "people": sum(r[s] for r in counts)})
        rows.append({"month": "Total", "service": "Total", "people": sum(map(sum, counts))})
    return rows


def cell(result, month, service):
    for index, row in enumerate(result.rows):
        if row["month"] == month and row["service"] == service:
            return row["people"], result.reasons.get((index, "people"))
    raise KeyError((month, service))


def test_counts_from_1_to_10_are_suppressed_and_zero_is_shown():
    rows = [
        {"month": "2026-01", "service": s, "people": v}
        for s, v in zip("ABCD", [0, 1, 10, 11], strict=True)
    ]
    result = suppress_small_cells(rows, SPEC)
    assert [row["people"] for row in result.rows] == [0, None, None, 11]
    assert result.reasons == {(1, "people"): SMALL_COUNT, (2, "people"): SMALL_COUNT}


def test_the_threshold_is_a_setting():
    rows = [{"month": "m", "service": "s", "people": 15}]
    assert suppress_small_cells(rows, SPEC, threshold=20).rows[0]["people"] is None
    assert suppress_small_cells(rows, SPEC, threshold=11).rows[0]["people"] == 15


def test_a_total_cannot_reveal_a_single_suppressed_cell():
    result = suppress_small_cells(table([[50, 4, 30, 20]], with_totals=True), SPEC)
    assert cell(result, "2026-01", "S1") == (None, SMALL_COUNT)
    # 20 is the next smallest cell in the row: it goes too, so 104 - 80 is two cells.
    assert cell(result, "2026-01", "S3") == (None, COMPLEMENTARY)
    assert cell(result, "2026-01", "S0")[0] == 50


def test_a_suppressed_total_cannot_be_recomputed_from_its_cells():
    rows = [
        {"month": "2026-01", "service": "A", "people": 0},
        {"month": "2026-01", "service": "B", "people": 7},
        {"month": "2026-01", "service": "Total", "people": 7},
    ]
    result = suppress_small_cells(rows, SPEC)
    assert result.rows[1]["people"] is None and result.rows[2]["people"] is None
    assert result.rows[0]["people"] == 0


def test_rates_on_suppressed_or_small_counts_are_suppressed():
    spec = TableSpec(
        dimensions=("group",),
        counts=("rearrested", "participants"),
        rates=(Rate("rate", "rearrested", "participants"),),
    )
    rows = [
        {"group": "LEAD", "rearrested": 5, "participants": 60, "rate": 5 / 60},
        {"group": "Comparison", "rearrested": 30, "participants": 8, "rate": 30 / 8},
        {"group": "Other", "rearrested": 12, "participants": 40, "rate": 0.3},
    ]
    result = suppress_small_cells(rows, spec)
    assert result.rows[0]["rate"] is None and result.reasons[(0, "rate")] == RATE
    assert result.rows[1]["rate"] is None
    assert result.rows[2]["rate"] == 0.3


def test_missing_values_are_left_alone():
    rows = [{"month": "m", "service": "s", "people": None}, {"month": "m", "service": "t"}]
    result = suppress_small_cells(rows, SPEC)
    assert result.reasons == {}


def test_the_audit_finds_a_cell_pinned_by_combined_totals():
    # Two 2x2 blocks of hidden cells joined by one hidden cell: every margin has two or more
    # hidden cells, yet the joining cell is fixed by adding up one block's margins.
    rows = [
        {"r": r, "c": c, "n": 1}
        for r, c in [
            ("1", "1"),
            ("1", "2"),
            ("2", "1"),
            ("2", "2"),
            ("2", "3"),
            ("3", "3"),
            ("3", "4"),
            ("4", "3"),
            ("4", "4"),
        ]
    ]
    for r in "1234":
        rows.append({"r": r, "c": "Total", "n": 0})
    for c in "1234":
        rows.append({"r": "Total", "c": c, "n": 0})
    groups = constraints(rows, ("r", "c"))
    hidden = set(range(9))
    assert determined_cells(groups, hidden) == [4]


def recoverable(result, spec):
    groups = constraints(result.rows, spec.dimensions)
    hidden = {index for (index, name) in result.reasons if name == "people"}
    return determined_cells(groups, hidden)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=5).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(min_value=0, max_value=60), min_size=width, max_size=width),
            min_size=1,
            max_size=5,
        )
    )
)
def test_no_published_table_lets_a_suppressed_value_be_recovered(counts):
    result = suppress_small_cells(table(counts), SPEC)
    published = [row["people"] for row in result.rows if row["people"] is not None]
    assert not any(0 < value < 11 for value in published)
    assert recoverable(result, SPEC) == []
    for (index, name), _reason in result.reasons.items():
        assert result.rows[index][name] is None


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), min_size=2, max_size=4), st.data())
def test_three_dimension_tables_are_safe_too(sizes, data):
    spec = TableSpec(dimensions=("a", "b", "c"), counts=("people",))
    a_values, b_values, c_values = ["x", "y"], ["p", "q"], ["u", "v"]
    cells = {
        key: data.draw(st.integers(min_value=0, max_value=40))
        for key in product(a_values, b_values, c_values)
    }
    rows = []
    for a, b, c in product(a_values + ["Total"], b_values + ["Total"], c_values + ["Total"]):
        value = sum(
            v
            for (ka, kb, kc), v in cells.items()
            if a in (ka, "Total") and b in (kb, "Total") and c in (kc, "Total")
        )
        rows.append({"a": a, "b": b, "c": c, "people": value})
    result = suppress_small_cells(rows, spec)
    assert not any(0 < (row["people"] or 0) < 11 for row in result.rows)
    assert recoverable(result, spec) == []


@pytest.mark.parametrize("label", ["Total", "total", " ALL "])
def test_total_labels_are_recognised_in_any_case(label):
    rows = [
        {"month": "m", "service": "a", "people": 3},
        {"month": "m", "service": "b", "people": 40},
        {"month": "m", "service": label, "people": 43},
    ]
    result = suppress_small_cells(rows, SPEC)
    assert result.rows[1]["people"] is None  # complement of the single small cell


def test_a_constraint_of_zeros_still_hides_its_single_small_cell():
    # Found by hypothesis: the only published cells beside a determined one were zeros.
    result = suppress_small_cells(
        table([[0, 0, 0, 1, 10], [0, 1, 0, 1, 0], [0, 10, 0, 0, 0]]), SPEC
    )
    assert recoverable(result, SPEC) == []


RATED = TableSpec(
    dimensions=("month", "service"),
    counts=("answers",),
    rates=(Rate("mean", "answers", "answers"),),
)


def rated_rows(members):
    """One month: members (service, answers, mean) and their total, with the overall mean."""
    rows = [
        {"month": "2026-01", "service": name, "answers": answers, "mean": mean}
        for name, answers, mean in members
    ]
    total = sum(answers for _, answers, _ in members)
    overall = sum(answers * mean for _, answers, mean in members) / total
    rows.append({"month": "2026-01", "service": "Total", "answers": total, "mean": overall})
    return rows


def test_a_total_mean_cannot_give_away_the_mean_of_the_suppressed_members():
    # B and C (4 + 5 answers) are suppressed; with A's and the total's means shown, a reader
    # could compute B and C's combined mean over 9 answers. A's mean goes too.
    rows = rated_rows([("A", 30, 4.0), ("B", 4, 1.0), ("C", 5, 2.0)])
    result = suppress_small_cells(rows, RATED)
    means = [row["mean"] for row in result.rows]
    assert means[1] is None and means[2] is None
    assert means[0] is None
    assert result.reasons[(0, "mean")] == "complementary rate"


def test_a_hidden_group_of_enough_answers_leaves_the_other_means_shown():
    rows = rated_rows([("A", 30, 4.0), ("B", 12, 1.0), ("C", 5, 2.0), ("D", 8, 3.0)])
    result = suppress_small_cells(rows, RATED)
    means = {row["service"]: row["mean"] for row in result.rows}
    # C and D are small (13 answers together, at least the threshold): A, B and Total stay.
    assert means["C"] is None and means["D"] is None
    assert means["A"] == 4.0 and means["B"] == 1.0 and means["Total"] is not None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.floats(1, 5, allow_nan=False)), min_size=2, max_size=6
    ).filter(lambda members: sum(answers for answers, _ in members) > 0)
)
def test_no_published_means_reveal_a_mean_over_fewer_than_11_answers(members):
    rows = rated_rows([(f"S{n}", answers, mean) for n, (answers, mean) in enumerate(members)])
    result = suppress_small_cells(rows, RATED)
    *cells, total = range(len(rows))
    if result.rows[total]["mean"] is None:
        return
    hidden_answers = sum(rows[i]["answers"] for i in cells if result.rows[i]["mean"] is None)
    assert hidden_answers == 0 or hidden_answers >= 11


# Counts that are sums of other counts in each row, and two successive releases ----------

# A table like the feedback statistics: a row per month and one for the whole pilot ("All"),
# and in each row received = decided + waiting, decided = published + not published, and
# not published = the sum of the reasons.
LEAVES = ("published", "spam", "duplicate", "no_consent", "waiting")
SUMS_SPEC = TableSpec(
    dimensions=("month",),
    counts=("received", "decided", "not_published", *LEAVES),
    sums=(
        Sum("received", ("decided", "waiting")),
        Sum("decided", ("published", "not_published")),
        Sum("not_published", ("spam", "duplicate", "no_consent")),
    ),
)


def process_rows(months):
    """The rows of the table from each month's leaf counts ({month: {leaf: count}})."""

    def row(month, leaves):
        not_published = leaves["spam"] + leaves["duplicate"] + leaves["no_consent"]
        decided = leaves["published"] + not_published
        return {
            "month": month,
            **leaves,
            "not_published": not_published,
            "decided": decided,
            "received": decided + leaves["waiting"],
        }

    rows = [row(month, leaves) for month, leaves in sorted(months.items())]
    totals = {leaf: sum(leaves[leaf] for leaves in months.values()) for leaf in LEAVES}
    return [*rows, row("All", totals)]


def equations(rows, spec):
    """Every linear equation a reader knows holds between the cells, written out from the
    table's meaning rather than taken from the engine: each column's months add up to the
    "All" row, and each row's declared sums hold."""
    found = []
    total = next(index for index, row in enumerate(rows) if row["month"] == "All")
    months = [index for index, row in enumerate(rows) if row["month"] != "All"]
    for name in spec.counts:
        found.append([(1, (total, name)), *((-1, (index, name)) for index in months)])
    for declared in spec.sums:
        for index in range(len(rows)):
            found.append(
                [(1, (index, declared.total)), *((-1, (index, part)) for part in declared.parts)]
            )
    return found


def fixed_terms(system, unknowns):
    """The unknowns a system of equations [(coefficient, term)] fixes, by Gaussian
    elimination over fractions (written here apart from the engine's own audit)."""
    from fractions import Fraction

    order = sorted(unknowns, key=repr)
    column = {term: number for number, term in enumerate(order)}
    matrix = []
    for equation in system:
        row = [Fraction(0)] * len(order)
        for coefficient, term in equation:
            if term in column:
                row[column[term]] += coefficient
        matrix.append(row)
    rank, pivots = 0, []
    for number in range(len(order)):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][number]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        matrix[rank] = [value / matrix[rank][number] for value in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][number]:
                factor = matrix[r][number]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        pivots.append((number, rank))
        rank += 1
    return {
        order[number]
        for number, r in pivots
        if not any(value for other, value in enumerate(matrix[r]) if other != number)
    }


def small_counts_recoverable(*releases, spec=SUMS_SPEC):
    """The counts from 1 to 10 that a reader holding ``releases`` ((raw rows, published
    rows) pairs, oldest first) can work out. A cell that keeps its value from one release
    to the next is one unknown in both, so a reader may subtract one release from the
    other; it is known once either release shows it."""
    terms, unknown, values, system = {}, set(), {}, []
    previous_terms = {}
    for number, (raw, published) in enumerate(releases):
        current_terms = {}
        for index, row in enumerate(raw):
            for name in spec.counts:
                key = (row["month"], name)
                earlier = previous_terms.get(key)
                if earlier is not None and values[earlier] == row[name]:
                    term = earlier
                else:
                    term = (number, key)
                    values[term] = row[name]
                    unknown.add(term)
                current_terms[key] = term
                terms[(number, index, name)] = term
        for index, row in enumerate(published):
            for name in spec.counts:
                if row[name] is not None:
                    unknown.discard(terms[(number, index, name)])
        system += [
            [(coefficient, terms[(number, *cell)]) for coefficient, cell in equation]
            for equation in equations(raw, spec)
        ]
        previous_terms = current_terms
    return sorted(
        (term, values[term]) for term in fixed_terms(system, unknown) if 0 < values[term] < 11
    )


leaf_counts = st.fixed_dictionaries(
    {leaf: st.integers(min_value=0, max_value=30) for leaf in LEAVES}
)
monthly = st.dictionaries(
    st.sampled_from(["2026-01", "2026-02", "2026-03", "2026-04"]), leaf_counts, min_size=1
)


def assert_nothing_small_is_shown(result):
    for row in result.rows:
        assert not any(0 < (row[name] or 0) < 11 for name in SUMS_SPEC.counts), row


def test_a_hidden_part_cannot_be_worked_out_from_its_row():
    # 55 received, 50 published, 5 spam and nothing else: spam is the row's only gap.
    rows = process_rows(
        {"2026-01": {"published": 50, "spam": 5, "duplicate": 0, "no_consent": 0, "waiting": 0}}
    )
    result = suppress_small_cells(rows, SUMS_SPEC)
    assert result.rows[0]["spam"] is None
    assert small_counts_recoverable((rows, result.rows)) == []
    assert_nothing_small_is_shown(result)


@settings(max_examples=200, deadline=None)
@given(monthly)
def test_no_count_from_1_to_10_can_be_recovered_from_one_release_of_the_process_table(months):
    rows = process_rows(months)
    result = suppress_small_cells(rows, SUMS_SPEC)
    assert_nothing_small_is_shown(result)
    assert small_counts_recoverable((rows, result.rows)) == []


def previous(rows, result, spec=SUMS_SPEC):
    return PreviousRelease(rows=rows, published=result.rows, spec=spec)


def test_this_months_hidden_count_is_not_the_difference_of_two_releases():
    january = {"published": 40, "spam": 12, "duplicate": 0, "no_consent": 11, "waiting": 0}
    february = {"published": 45, "spam": 3, "duplicate": 0, "no_consent": 12, "waiting": 0}
    first_rows = process_rows({"2026-01": january})
    first = suppress_small_cells(first_rows, SUMS_SPEC)
    second_rows = process_rows({"2026-01": january, "2026-02": february})
    # On its own, the second release hides February's spam and one more cell beside it...
    alone = suppress_small_cells(second_rows, SUMS_SPEC)
    assert small_counts_recoverable((second_rows, alone.rows)) == []
    # ...but with January's release kept, the pilot's spam total less January's is 3.
    assert small_counts_recoverable((first_rows, first.rows), (second_rows, alone.rows))
    second = suppress_small_cells(second_rows, SUMS_SPEC, previous=previous(first_rows, first))
    assert small_counts_recoverable((first_rows, first.rows), (second_rows, second.rows)) == []
    assert_nothing_small_is_shown(second)


def test_a_cell_hidden_last_time_stays_hidden_while_its_value_is_unchanged():
    january = {"published": 40, "spam": 4, "duplicate": 0, "no_consent": 20, "waiting": 0}
    first_rows = process_rows({"2026-01": january})
    first = suppress_small_cells(first_rows, SUMS_SPEC)
    hidden_before = {name for (index, name) in first.reasons if index == 0}
    assert "spam" in hidden_before and len(hidden_before) >= 2
    second_rows = process_rows(
        {
            "2026-01": january,
            "2026-02": {"published": 30, "spam": 15, "duplicate": 0, "no_consent": 0, "waiting": 0},
        }
    )
    second = suppress_small_cells(second_rows, SUMS_SPEC, previous=previous(first_rows, first))
    assert hidden_before <= {name for (index, name) in second.reasons if index == 0}
    assert small_counts_recoverable((first_rows, first.rows), (second_rows, second.rows)) == []


@settings(max_examples=200, deadline=None)
@given(monthly, st.data())
def test_no_count_from_1_to_10_can_be_recovered_from_two_successive_releases(months, data):
    first_rows = process_rows(months)
    first = suppress_small_cells(first_rows, SUMS_SPEC)
    # The next release: a month may be added, and a month already out may change (reports
    # decided since, or turned down again), or keep every count it had.
    later = dict(months)
    for month in sorted(months):
        if data.draw(st.booleans(), label=f"{month} changes"):
            later[month] = data.draw(leaf_counts, label=f"{month} now")
    new_month = data.draw(st.sampled_from(["2026-05", None]), label="new month")
    if new_month:
        later[new_month] = data.draw(leaf_counts, label="new month counts")
    second_rows = process_rows(later)
    second = suppress_small_cells(second_rows, SUMS_SPEC, previous=previous(first_rows, first))
    assert_nothing_small_is_shown(second)
    assert small_counts_recoverable((first_rows, first.rows), (second_rows, second.rows)) == []


# The feedback statistics table itself (feedback/statistics_dataset.py), as its data
# dictionary declares it ---------------------------------------------------------------


def statistics_spec():
    from feedback.statistics.dataset import dictionary
    from publicdata.models import FieldSpec
    from publicdata.release_tables import spec_of

    return spec_of(
        [
            {**entry, "sum_of": FieldSpec(sum_of=entry["sum_of"]).sum_groups}
            for entry in dictionary()
        ]
    )


def statistics_truth():
    """How the statistics' counts really add up (feedback/statistics.py, which builds the
    rows), apart from what the dictionary declares: the reader's equations."""
    from feedback.statistics import figures as statistics

    return TableSpec(
        dimensions=("month",),
        counts=tuple(statistics.COUNTS),
        sums=tuple(
            Sum(total, tuple(parts))
            for total, groups in statistics.SUMS.items()
            for parts in groups
        ),
    )


def statistics_rows(months, spec):
    """Rows of the statistics table from each month's outcomes: reports published, not
    published for each reason or waiting, and how many were answered; comments; flags and
    hidden items; requests to look again and how they ended."""
    from feedback.statistics import figures as statistics

    def row(month, leaves):
        reasons = {f"reports_not_published_{r}": leaves[r] for r in statistics.REASONS}
        not_published = sum(reasons.values())
        decided = leaves["published"] + not_published
        received = decided + leaves["waiting"]
        answered = min(leaves["answered"], received)
        values = {
            "month": month,
            "reports_received": received,
            "reports_decided": decided,
            "reports_published": leaves["published"],
            "reports_not_published": not_published,
            **reasons,
            "reports_waiting": leaves["waiting"],
            "reports_with_response": answered,
            "reports_without_response": received - answered,
            "comments_published": leaves["comments_published"],
            "comments_not_published": leaves["comments_not_published"],
            "comments_waiting": 0,
            "flags": leaves["flags"],
            "items_hidden": leaves["hidden"],
            "asked_again_published": leaves["asked_published"],
            "asked_again_not_published": leaves["asked_not_published"],
            "asked_again_waiting": leaves["asked_waiting"],
        }
        values["comments_received"] = (
            values["comments_published"] + values["comments_not_published"]
        )
        values["asked_again"] = (
            leaves["asked_published"] + leaves["asked_not_published"] + leaves["asked_waiting"]
        )
        return {name: values.get(name) for name in ("month", *spec.counts)}

    rows = [row(month, leaves) for month, leaves in sorted(months.items())]
    total = {name: sum(leaves[name] for leaves in months.values()) for name in LEAF_NAMES}
    return [*rows, row("All", total)]


LEAF_NAMES = (
    "published",
    "spam",
    "abusive",
    "off_topic",
    "duplicate",
    "cannot_redact",
    "no_consent",
    "other",
    "waiting",
    "answered",
    "comments_published",
    "comments_not_published",
    "flags",
    "hidden",
    "asked_published",
    "asked_not_published",
    "asked_waiting",
)
# Mostly small numbers, with a few large ones, as a pilot's months have.
some = st.one_of(st.integers(0, 4), st.integers(5, 14), st.integers(15, 60))
statistics_months = st.dictionaries(
    st.sampled_from(["2026-07", "2026-08", "2026-09"]),
    st.fixed_dictionaries(dict.fromkeys(LEAF_NAMES, some)),
    min_size=1,
)


def assert_no_small_count_shown(result, spec):
    for row in result.rows:
        assert not any(0 < (row[name] or 0) < 11 for name in spec.counts), row["month"]


@settings(max_examples=100, deadline=None)
@given(statistics_months, st.data())
def test_no_count_from_1_to_10_can_be_recovered_from_the_feedback_statistics(months, data):
    spec, truth = statistics_spec(), statistics_truth()
    first_rows = statistics_rows(months, spec)
    first = suppress_small_cells(first_rows, spec)
    assert_no_small_count_shown(first, spec)
    assert small_counts_recoverable((first_rows, first.rows), spec=truth) == []
    # The next day's release: a new month, and the months already out as reports waiting
    # then are decided (or kept as they were).
    later = dict(months)
    for month in sorted(months):
        if data.draw(st.booleans(), label=f"{month} changes"):
            leaves = dict(later[month])
            moved = min(leaves["waiting"], data.draw(st.integers(0, 5), label="decided"))
            leaves["waiting"] -= moved
            leaves[data.draw(st.sampled_from(["published", "spam", "no_consent"]))] += moved
            later[month] = leaves
    if data.draw(st.booleans(), label="a new month"):
        later["2026-10"] = data.draw(
            st.fixed_dictionaries(dict.fromkeys(LEAF_NAMES, some)), label="its outcomes"
        )
    second_rows = statistics_rows(later, spec)
    second = suppress_small_cells(
        second_rows, spec, previous=PreviousRelease(first_rows, first.rows, spec)
    )
    assert_no_small_count_shown(second, spec)
    assert (
        small_counts_recoverable((first_rows, first.rows), (second_rows, second.rows), spec=truth)
        == []
    )
