"""What a new release changes against the previous one, matched on the primary key."""

from publicdata.diff import SUPPRESSED, CellChange, RowChange, diff_releases, shown_rows

KEY = ["quarter", "service"]


def row(quarter, service, people, rate=None):
    return {"quarter": quarter, "service": service, "people": people, "rate": rate}


def test_an_identical_release_changes_nothing():
    rows = [row("2026-01", "Housing", 40, 0.5), row("2026-01", "Total", 80, 0.6)]
    diff = diff_releases(rows, [dict(r) for r in rows], KEY)
    assert diff.is_empty and diff.changed_cells == 0


def test_rows_with_a_new_key_are_added_and_missing_keys_removed():
    previous = [row("2025-10", "Housing", 30), row("2026-01", "Housing", 40)]
    current = [row("2026-01", "Housing", 40), row("2026-04", "Housing", 50)]
    diff = diff_releases(previous, current, KEY)
    assert diff.added == [row("2026-04", "Housing", 50)]
    assert diff.removed == [row("2025-10", "Housing", 30)]
    assert diff.changed == []


def test_changed_cells_are_listed_by_key_and_column():
    previous = [row("2026-01", "Housing", 40, 0.5)]
    current = [row("2026-01", "Housing", 44, 0.5)]
    diff = diff_releases(previous, current, KEY)
    assert diff.changed == [
        RowChange(
            key=(("quarter", "2026-01"), ("service", "Housing")),
            cells=(CellChange("people", 40, 44),),
        )
    ]
    assert diff.changed_cells == 1 and not diff.added and not diff.removed


def test_rows_are_matched_on_the_key_not_their_order():
    previous = [row("2026-01", "Housing", 40), row("2026-01", "Treatment", 25)]
    current = [row("2026-01", "Treatment", 25), row("2026-01", "Housing", 40)]
    assert diff_releases(previous, current, KEY).is_empty


def test_a_cell_suppressed_in_both_releases_is_unchanged_whatever_it_hid():
    previous = shown_rows([row("2026-01", "Housing", None)], {(0, "people")})
    current = shown_rows([row("2026-01", "Housing", None)], {(0, "people")})
    assert diff_releases(previous, current, KEY).is_empty


def test_a_cell_that_becomes_suppressed_is_a_change_to_suppressed_not_to_empty():
    previous = shown_rows([row("2026-01", "Housing", 12)], set())
    current = shown_rows([row("2026-01", "Housing", None)], {(0, "people")})
    (change,) = diff_releases(previous, current, KEY).changed
    (cell,) = change.cells
    assert cell.before == 12 and cell.after is SUPPRESSED


def test_a_suppressed_cell_differs_from_an_empty_one():
    previous = shown_rows([row("2026-01", "Housing", 12, None)], set())
    current = shown_rows([row("2026-01", "Housing", 12, None)], {(0, "rate")})
    (change,) = diff_releases(previous, current, KEY).changed
    assert change.cells == (CellChange("rate", None, SUPPRESSED),)


def test_a_whole_number_read_back_from_json_equals_the_same_number():
    previous = [row("2026-01", "Housing", 40, 1)]
    current = [row("2026-01", "Housing", 40.0, 1.0)]
    assert diff_releases(previous, current, KEY).is_empty


def test_true_is_not_the_same_as_one():
    previous = [{"quarter": "2026-01", "flag": 1}]
    current = [{"quarter": "2026-01", "flag": True}]
    assert diff_releases(previous, current, ["quarter"]).changed_cells == 1


def test_a_column_dropped_from_the_release_is_a_changed_cell():
    previous = [{"quarter": "2026-01", "people": 40, "old": "x"}]
    current = [{"quarter": "2026-01", "people": 40}]
    (change,) = diff_releases(previous, current, ["quarter"]).changed
    assert change.cells == (CellChange("old", "x", None),)


def test_without_key_fields_whole_rows_are_compared():
    previous = [row("2026-01", "Housing", 40), row("2026-01", "Housing", 40)]
    current = [row("2026-01", "Housing", 40), row("2026-01", "Housing", 41)]
    diff = diff_releases(previous, current, [])
    assert diff.added == [row("2026-01", "Housing", 41)]
    assert diff.removed == [row("2026-01", "Housing", 40)]
    assert diff.changed == []
