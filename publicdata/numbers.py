"""Numbers as people read them: how a value from a dataset is written on a page, in a
chart's table, axis and hover labels and in a key figure, in the reader's language.

``format_value`` is the one rule, used by every place that shows a number to people; the
data files, the API, the Data Packages and a chart's downloads keep the value as it was
published (0.293, 13200). A column's ``unit_kind`` in the data dictionary says which
rule applies:

- a proportion (0 to 1) is a percentage to one decimal: 0.293 is "29.3%", "29,3 %";
- US dollars are money: 13200 is "$13,200", "13 200 US$" (cents only when there are some);
- any other number is grouped by thousands and keeps only the decimals it has: 13200.0
  is "13,200", 1.4 is "1.4", "1,4".

English follows US usage. Spanish follows Django's ``es`` formats (decimal comma,
a non-breaking space between thousands), with a non-breaking space before "%" and the
currency written "US$" after the amount (CLDR's Spanish), since "$" alone reads as pesos
to many Spanish speakers. See docs/i18n.md.
"""

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, numberformat, translation

from publicdata.exports import cell_text
from publicdata.models import FieldRole, FieldType, UnitKind

NBSP = "\xa0"
# How each language writes a percentage and an amount of US dollars around the digits.
PERCENT = {"en": "{}%", "es": "{}" + NBSP + "%"}
DOLLARS = {"en": "${}", "es": "{}" + NBSP + "US$"}
PERCENT_DECIMALS = 1


def _language(language):
    return (language or translation.get_language() or "en").split("-")[0]


def separators(language=None):
    """(decimal separator, thousands separator, grouping) of the language, from Django's
    locale formats."""
    language = _language(language)
    return (
        formats.get_format("DECIMAL_SEPARATOR", language, use_l10n=True),
        formats.get_format("THOUSAND_SEPARATOR", language, use_l10n=True),
        formats.get_format("NUMBER_GROUPING", language, use_l10n=True),
    )


def _decimal(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    try:
        # str() first: a float read from JSON keeps the digits it was published with.
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return None


def _digits(number, decimals, language):
    decimal_separator, thousands, grouping = separators(language)
    return numberformat.format(
        number, decimal_separator, decimals, grouping, thousands, force_grouping=True
    )


def _places(number):
    """How many decimals a number has once trailing zeros are dropped (13200.0: 0)."""
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def format_value(value, kind=UnitKind.NUMBER, language=None):
    """``value`` written for people in ``language`` (the active one by default), by the
    column's ``kind`` (a UnitKind; None for a column that is not a number measure, such as
    a dimension, a date or text, which is written as the data file writes it).

    None is "" (a value not given): a suppressed cell is marked by its caller, which
    knows it is suppressed. A value that is not a number is written as it is.
    """
    number = _decimal(value) if kind else None
    if number is None:
        return cell_text(value)
    language = _language(language)
    if kind == UnitKind.PROPORTION:
        number = (number * 100).quantize(Decimal(1).scaleb(-PERCENT_DECIMALS), ROUND_HALF_UP)
        pattern, decimals = PERCENT.get(language, PERCENT["en"]), PERCENT_DECIMALS
    elif kind == UnitKind.USD:
        pattern = DOLLARS.get(language, DOLLARS["en"])
        decimals = 0 if number == number.to_integral_value() else 2
        number = number.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    else:
        pattern, decimals = "{}", _places(number)
    sign = "-" if number < 0 else ""  # a value that rounds to zero has no sign
    return sign + pattern.format(_digits(abs(number), decimals, language))


def unit_kinds(fields):
    """``{column name: kind}`` for ``format_value`` from a data dictionary (FieldSpecs):
    None for a column that is not a number measure (a dimension, text, a date), so a
    year or a code is never written as 2,017."""
    return {
        spec.name: (
            spec.unit_kind
            if spec.type in (FieldType.INTEGER, FieldType.NUMBER)
            and spec.role != FieldRole.DIMENSION
            else None
        )
        for spec in fields
    }


def _step(span, whole):
    """A round step (1, 2, 2.5 or 5 times a power of ten) that cuts ``span`` into about
    five parts; at least 1 for whole numbers."""
    raw = span / 5
    power = Decimal(1).scaleb(math.floor(math.log10(raw)))
    for factor in (1, 2, Decimal("2.5"), 5, 10):
        step = power * factor
        if step >= raw:
            break
    return max(step, Decimal(1)) if whole else step


def axis_ticks(values, kind=UnitKind.NUMBER, language=None, whole=False):
    """A value axis that writes its numbers as ``format_value`` does, for plotly:
    ``{"range", "tickvals", "ticktext"}``, from zero to a round number past the largest
    ``values`` (None skipped). ``whole``: the values are counts, so no tick falls between
    two whole numbers."""
    numbers = [_decimal(value) for value in values]
    numbers = [number for number in numbers if number is not None]
    low, high = min([Decimal(0), *numbers]), max([Decimal(0), *numbers])
    if low == high:
        high = Decimal(1)
    step = _step(high - low, whole or kind == UnitKind.USD)
    first, last = math.floor(low / step), math.ceil(high / step)
    ticks = [step * index for index in range(first, last + 1)]
    return {
        "range": [float(ticks[0]), float(ticks[-1])],
        "tickvals": [float(tick) for tick in ticks],
        "ticktext": [format_value(tick, kind, language) for tick in ticks],
    }


def plotly_separators(language=None):
    """plotly's ``separators`` layout attribute (decimal, then thousands) for anything
    plotly.js writes itself."""
    decimal_separator, thousands, _grouping = separators(language)
    return decimal_separator + thousands
