"""A data analyst's CSV is checked against the data dictionary, every problem by row and
column, before anything is published."""

import io
from decimal import Decimal

import pytest

from publicdata.models import Dataset, FieldSpec
from publicdata.validation import MAX_ERRORS, read_rows, validate_csv

FIELDS = [
    FieldSpec(name="month", title="Month", type="yearmonth", role="dimension", primary_key=True),
    FieldSpec(
        name="pathway",
        title="Referral pathway",
        type="string",
        role="dimension",
        primary_key=True,
        allowed_values="Arrest diversion\nSocial contact\nTotal",
    ),
    FieldSpec(
        name="referrals", title="Referrals", type="integer", role="count", minimum=Decimal(0)
    ),
    FieldSpec(
        name="share",
        title="Share",
        type="number",
        role="rate",
        required=False,
        minimum=Decimal(0),
        maximum=Decimal(1),
    ),
    FieldSpec(
        name="reported_on", title="Reported on", type="date", role="dimension", required=False
    ),
    FieldSpec(
        name="final", title="Final figures", type="boolean", role="dimension", required=False
    ),
]
HEADER = "month,pathway,referrals,share,reported_on,final\n"


def check(text, encoding="utf-8"):
    return validate_csv(io.BytesIO(text.encode(encoding)), FIELDS)


def messages(report):
    return [(p.row, p.column, p.message) for p in report.problems]


def test_a_good_file_passes_and_reads_back_typed():
    text = HEADER + "2026-01,Arrest diversion,12,0.5,2026-02-03,yes\n2026-01,Social contact,0,,,\n"
    report = check(text)
    assert report.is_valid and report.row_count == 2
    rows = list(read_rows(io.BytesIO(text.encode()), FIELDS))
    assert rows[0] == {
        "month": "2026-01",
        "pathway": "Arrest diversion",
        "referrals": 12,
        "share": Decimal("0.5"),
        "reported_on": "2026-02-03",
        "final": True,
    }
    assert rows[1]["share"] is None and rows[1]["final"] is None


def test_a_byte_order_mark_from_excel_is_accepted():
    assert check("\ufeff" + HEADER + "2026-01,Total,12,,,\n").is_valid


def test_unknown_missing_and_repeated_columns_are_named():
    report = check("month,month,referals,extra\n")
    found = messages(report)
    assert (1, "month", "this column appears more than once") in found
    assert (1, "referals", "this column is not in the data dictionary") in found
    assert (1, "pathway", "this column is missing") in found
    assert (1, "referrals", "this column is missing") in found


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("2026-13,Total,1,,,", "month", "“2026-13” is not a year and month in the form YYYY-MM"),
        ("2026-01,Somewhere,1,,,", "pathway", "“Somewhere” is not one of the allowed values"),
        ("2026-01,Total,twelve,,,", "referrals", "“twelve” is not a whole number"),
        ("2026-01,Total,1.5,,,", "referrals", "“1.5” is not a whole number"),
        ("2026-01,Total,-3,,,", "referrals", "-3 is below the minimum of 0"),
        ("2026-01,Total,3,1.2,,", "share", "1.2 is above the maximum of 1"),
        ("2026-01,Total,3,NaN,,", "share", "“NaN” is not a number"),
        ("2026-01,Total,3,,2026-02-30,", "reported_on", "is not a date in the form YYYY-MM-DD"),
        ("2026-01,Total,3,,03/02/2026,", "reported_on", "is not a date in the form YYYY-MM-DD"),
        ("2026-01,Total,3,,,maybe", "final", "“maybe” is not true or false"),
        ("2026-01,Total,,,,", "referrals", "is empty, but a value is required"),
    ],
)
def test_each_bad_value_is_reported_by_row_and_column(row, column, message):
    report = check(HEADER + row + "\n")
    assert not report.is_valid
    [problem] = report.problems
    assert (problem.row, problem.column) == (2, column)
    assert message in problem.message


def test_rows_with_the_wrong_number_of_cells_are_reported():
    report = check(HEADER + "2026-01,Total,3\n")
    assert messages(report) == [(2, None, "has 3 cells but the header has 6 columns")]


def test_duplicate_primary_keys_are_reported():
    report = check(HEADER + "2026-01,Total,3,,,\n2026-02,Total,4,,,\n2026-01,Total,5,,,\n")
    assert messages(report) == [
        (4, None, "repeats the key (month = 2026-01, pathway = Total) of an earlier row")
    ]


def test_an_empty_file_and_a_header_only_file_are_refused():
    assert messages(check("")) == [(None, None, "the file is empty")]
    assert messages(check(HEADER)) == [(None, None, "the file has a header row but no data rows")]


def test_a_file_that_is_not_utf8_is_reported_where_it_goes_wrong():
    report = check(HEADER + "2026-01,Total,3,,,\n2026-02,Total,4,,,Sí\n", encoding="latin-1")
    assert not report.is_valid
    assert "not UTF-8" in report.problems[0].message


def test_a_broken_quote_is_reported_not_crashed_on():
    report = check(HEADER + '2026-01,"Total,3,,,\n')
    assert not report.is_valid


def test_the_report_stops_listing_after_many_problems():
    text = HEADER + "".join("bad,Total,x,,,\n" for _ in range(MAX_ERRORS + 50))
    report = check(text)
    assert len(report.problems) == MAX_ERRORS and report.truncated
    assert report.row_count == MAX_ERRORS + 50


@pytest.mark.django_db
def test_the_dictionary_is_stored_with_the_dataset():
    dataset = Dataset.objects.create(
        title="Referrals by month",
        slug="referrals",
        summary="s",
        source="BPD",
        contact_email="data@example.org",
    )
    for spec in FIELDS:
        spec.dataset = dataset
        spec.save()
    assert [spec.name for spec in dataset.fields.all()] == [spec.name for spec in FIELDS]
    assert dataset.fields.get(name="pathway").allowed == [
        "Arrest diversion",
        "Social contact",
        "Total",
    ]
    assert dataset.licence == "CC-BY-4.0"


SUM_FIELDS = [
    FieldSpec(name="month", title="Month", type="string", role="dimension", primary_key=True),
    FieldSpec(name="received", title="Received", type="integer", role="count", sum_of="a, b"),
    FieldSpec(name="a", title="A", type="integer", role="count"),
    FieldSpec(name="b", title="B", type="integer", role="count"),
]


def test_a_count_declared_a_sum_must_add_up_in_every_row():
    report = validate_csv(
        io.BytesIO(b"month,received,a,b\n2026-01,30,20,10\n2026-02,31,20,10\nAll,61,40,21\n"),
        SUM_FIELDS,
    )
    assert [problem.as_dict() for problem in report.problems] == [
        {
            "row": 3,
            "column": "received",
            "message": "is 31, but the data dictionary makes it the sum of a, b, which add up "
            "to 30",
        }
    ]


def test_a_sum_of_columns_that_are_not_counts_is_a_problem_of_the_dictionary():
    fields = [
        *SUM_FIELDS[:1],
        FieldSpec(name="received", role="count", sum_of="a, z"),
        *SUM_FIELDS[2:],
    ]
    report = validate_csv(io.BytesIO(b"month,received,a,b\n2026-01,30,20,10\n"), fields)
    assert report.problems[0].column == "received"
    assert "only a count can be the sum of other counts" in report.problems[0].message


@pytest.mark.parametrize(
    ("role", "sum_of", "error"),
    [
        ("rate", "a, b", "Only a count can be the sum of other counts."),
        ("count", "a b", "Give the names of other columns"),
        ("count", "received, a", "Give the names of other columns"),
    ],
)
def test_the_dictionary_refuses_a_sum_it_cannot_use(role, sum_of, error):
    from django.core.exceptions import ValidationError

    spec = FieldSpec(
        dataset=Dataset(slug="x"), name="received", title="R", type="integer", role=role
    )
    spec.sum_of = sum_of
    with pytest.raises(ValidationError, match=error):
        spec.clean()


def test_a_count_may_add_up_in_several_ways():
    fields = [
        *SUM_FIELDS[:1],
        FieldSpec(name="received", role="count", type="integer", sum_of="a, b; c, d"),
        *(FieldSpec(name=name, role="count", type="integer") for name in "abcd"),
    ]
    report = validate_csv(
        io.BytesIO(b"month,received,a,b,c,d\n2026-01,30,20,10,25,5\n2026-02,30,20,10,25,4\n"),
        fields,
    )
    assert [(problem.row, problem.column) for problem in report.problems] == [(3, "received")]
    assert "sum of c, d, which add up to 29" in report.problems[0].message
