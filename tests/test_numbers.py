"""Numbers as people read them (publicdata/numbers.py): a proportion is a percentage to
one decimal, US dollars are money, any other number is grouped by thousands without a
trailing ".0", in English and in Spanish."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from publicdata.models import FieldSpec, UnitKind
from publicdata.numbers import axis_ticks, format_value, plotly_separators, unit_kinds

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("value", "english", "spanish"),
    [
        (0.293, "29.3%", f"29,3{NBSP}%"),
        (0.522, "52.2%", f"52,2{NBSP}%"),
        (0, "0.0%", f"0,0{NBSP}%"),
        (1, "100.0%", f"100,0{NBSP}%"),
        (0.0005, "0.1%", f"0,1{NBSP}%"),  # half a tenth of a percent rounds up
        (0.00004, "0.0%", f"0,0{NBSP}%"),
        (-0.05, "-5.0%", f"-5,0{NBSP}%"),
        (-0.00001, "0.0%", f"0,0{NBSP}%"),  # no "-0.0%"
        (12.5, "1,250.0%", f"1{NBSP}250,0{NBSP}%"),
        (Decimal("0.7361"), "73.6%", f"73,6{NBSP}%"),
        ("0.75", "75.0%", f"75,0{NBSP}%"),  # as a CSV cell holds it
    ],
)
def test_a_proportion_reads_as_a_percentage_to_one_decimal(value, english, spanish):
    assert format_value(value, UnitKind.PROPORTION, "en") == english
    assert format_value(value, UnitKind.PROPORTION, "es") == spanish


@pytest.mark.parametrize(
    ("value", "english", "spanish"),
    [
        (13200.0, "$13,200", f"13{NBSP}200{NBSP}US$"),
        (899, "$899", f"899{NBSP}US$"),
        (0, "$0", f"0{NBSP}US$"),
        (1234.5, "$1,234.50", f"1{NBSP}234,50{NBSP}US$"),
        (0.005, "$0.01", f"0,01{NBSP}US$"),
        (-1200, "-$1,200", f"-1{NBSP}200{NBSP}US$"),
        (2500000, "$2,500,000", f"2{NBSP}500{NBSP}000{NBSP}US$"),
    ],
)
def test_us_dollars_read_as_money(value, english, spanish):
    assert format_value(value, UnitKind.USD, "en") == english
    assert format_value(value, UnitKind.USD, "es") == spanish


@pytest.mark.parametrize(
    ("value", "english", "spanish"),
    [
        (13200.0, "13,200", f"13{NBSP}200"),
        (203.0, "203", "203"),
        (0, "0", "0"),
        (1, "1", "1"),
        (1.4, "1.4", "1,4"),
        (3.46, "3.46", "3,46"),
        (0.0005, "0.0005", "0,0005"),
        (-42, "-42", "-42"),
        (-1234.5, "-1,234.5", f"-1{NBSP}234,5"),
        (1234567, "1,234,567", f"1{NBSP}234{NBSP}567"),
        (Decimal("2.50"), "2.5", "2,5"),
    ],
)
def test_other_numbers_are_grouped_and_keep_only_the_decimals_they_have(value, english, spanish):
    assert format_value(value, UnitKind.NUMBER, "en") == english
    assert format_value(value, UnitKind.NUMBER, "es") == spanish


@pytest.mark.parametrize("kind", [UnitKind.NUMBER, UnitKind.PROPORTION, UnitKind.USD])
def test_a_value_not_given_is_empty_in_every_kind(kind):
    # A suppressed cell is None in the published rows; its caller writes "suppressed".
    assert format_value(None, kind, "en") == format_value(None, kind, "es") == ""


def test_what_is_not_a_number_measure_is_written_as_the_data_writes_it():
    assert format_value(2017, None, "es") == "2017"  # a year is no 2 017
    assert format_value("Arrest diversion", None) == "Arrest diversion"
    assert format_value(True, None) == "true"
    assert format_value("not a number", UnitKind.PROPORTION) == "not a number"
    assert format_value(float("nan"), UnitKind.NUMBER) == "nan"


def test_the_language_is_the_readers_by_default():
    with translation.override("es"):
        assert format_value(0.293, UnitKind.PROPORTION) == f"29,3{NBSP}%"
    with translation.override("en"):
        assert format_value(0.293, UnitKind.PROPORTION) == "29.3%"


def test_a_regional_language_code_reads_as_its_language():
    assert format_value(13200, UnitKind.USD, "en-us") == "$13,200"
    assert format_value(0.293, UnitKind.PROPORTION, "es-us") == f"29,3{NBSP}%"


def test_an_axis_of_proportions_is_labelled_in_percentages():
    axis = axis_ticks([0.293, None, 0.551], UnitKind.PROPORTION, "en")
    assert axis["tickvals"] == [0.0, 0.2, 0.4, 0.6]
    assert axis["ticktext"] == ["0.0%", "20.0%", "40.0%", "60.0%"]
    assert axis["range"] == [0.0, 0.6]
    spanish = axis_ticks([0.293, 0.551], UnitKind.PROPORTION, "es")
    assert spanish["ticktext"] == [f"{n},0{NBSP}%" for n in (0, 20, 40, 60)]


def test_an_axis_of_money_and_of_counts_is_labelled_in_whole_units():
    axis = axis_ticks([6900.0, 47500.0], UnitKind.USD, "en")
    assert axis["ticktext"] == ["$0", "$10,000", "$20,000", "$30,000", "$40,000", "$50,000"]
    counts = axis_ticks([3, 4], UnitKind.NUMBER, "en", whole=True)
    assert counts["tickvals"] == [0.0, 1.0, 2.0, 3.0, 4.0]  # never 0.5 of a person
    assert axis_ticks([None], UnitKind.NUMBER, "en", whole=True)["ticktext"] == ["0", "1"]
    negative = axis_ticks([-30, 70], UnitKind.NUMBER, "en", whole=True)
    assert negative["range"] == [-40.0, 80.0] and "-20" in negative["ticktext"]


def test_plotly_separators_follow_the_language():
    assert plotly_separators("en") == ".,"
    assert plotly_separators("es") == f",{NBSP}"


def test_only_number_measures_take_their_columns_kind():
    columns = [
        FieldSpec(name="year", type="integer", role="dimension", unit_kind=UnitKind.NUMBER),
        FieldSpec(name="people", type="integer", role="count", unit_kind=UnitKind.NUMBER),
        FieldSpec(name="rate", type="number", role="rate", unit_kind=UnitKind.PROPORTION),
        FieldSpec(name="cost", type="number", role="measure", unit_kind=UnitKind.USD),
        FieldSpec(name="note", type="string", role="measure"),
    ]
    assert unit_kinds(columns) == {
        "year": None,
        "people": UnitKind.NUMBER,
        "rate": UnitKind.PROPORTION,
        "cost": UnitKind.USD,
        "note": None,
    }


def test_a_text_column_cannot_be_a_proportion_or_money():
    column = FieldSpec(name="note", title="Note", type="string", role="measure")
    column.unit_kind = UnitKind.PROPORTION
    with pytest.raises(ValidationError) as raised:
        column.clean()
    assert "unit_kind" in raised.value.message_dict


@pytest.mark.django_db
def test_the_migration_reads_the_kind_from_the_units_staff_wrote(referrals):
    columns = {spec.name: spec for spec in referrals.fields.all()}
    FieldSpec.objects.filter(pk=columns["enrolment_rate"].pk).update(
        unit="proportion (0 to 1)", unit_kind=UnitKind.NUMBER
    )
    FieldSpec.objects.filter(pk=columns["referrals"].pk).update(unit="US dollars per person")
    FieldSpec.objects.filter(pk=columns["month"].pk).update(unit="proportion")  # a dimension
    migration = importlib.import_module("publicdata.migrations.0008_field_unit_kind")
    migration.kinds_from_unit_texts(apps, None)
    kinds = dict(referrals.fields.values_list("name", "unit_kind"))
    assert kinds["enrolment_rate"] == UnitKind.PROPORTION
    assert kinds["referrals"] == UnitKind.USD
    assert kinds["month"] == kinds["enrolled"] == UnitKind.NUMBER
