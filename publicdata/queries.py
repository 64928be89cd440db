"""What an API client may ask of a release's rows: filters, columns, order and paging.

``parse_row_query`` turns query parameters into a ``RowQuery`` or raises ``QueryError``
with a message that says exactly what is wrong; ``select_rows`` runs it. Filters work on
the stored, already suppressed rows, so no filter can reveal a suppressed value: a
suppressed cell is null and matches no comparison.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from publicdata.models import FieldRole, FieldType, ReleaseRow
from publicdata.validation import CellError, parse_type

RESERVED = {"version", "fields", "order", "limit", "offset"}
RANGES = {"gte": "from (inclusive)", "lte": "to (inclusive)", "gt": "after", "lt": "before"}
RANGE_TYPES = {FieldType.INTEGER, FieldType.NUMBER, FieldType.DATE, FieldType.YEAR_MONTH}
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000
MAX_VALUE_LENGTH = 200
# fields= and order=: names of the dataset's fields (slugs), separated by commas. The API's
# OpenAPI schema declares the same pattern, so generated clients and the server agree.
NAMES_PATTERN = r"^[-a-zA-Z0-9_]+(,[-a-zA-Z0-9_]+)*$"
WHOLE_NUMBER = re.compile(r"-?[0-9]+")
# What is wrong with a value these parameters do not accept, whichever layer finds it.
PROBLEMS = {
    "fields": "fields: give names of the dataset's fields separated by commas, "
    "such as fields=month,referrals.",
    "order": "order: give names of the dataset's fields separated by commas, with - before "
    "a name to sort it descending, such as order=-month,referrals.",
    "limit": f"limit must be a whole number from 1 to {MAX_LIMIT}.",
    "offset": f"offset must be a whole number from 0 to {MAX_OFFSET}.",
}


class QueryError(ValueError):
    """A query parameter the API cannot use; the message says why and what would work."""


@dataclass
class RowQuery:
    fields: list
    filters: dict = field(default_factory=dict)
    # Fields under a range filter: their null (suppressed or empty) cells never match.
    not_null: set = field(default_factory=set)
    ordering: list = field(default_factory=list)
    limit: int = DEFAULT_LIMIT
    offset: int = 0


def _value(spec, name, text):
    if "\x00" in text:
        raise QueryError(f"{name}: the value contains a null character.")
    if len(text) > MAX_VALUE_LENGTH:
        raise QueryError(f"{name}: the value is longer than {MAX_VALUE_LENGTH} characters.")
    try:
        value = parse_type(spec["type"], text.strip())
    except CellError as error:
        raise QueryError(f"{name}: {error}.") from error
    return float(value) if isinstance(value, Decimal) else value


def _names(text, known, what, descending=False):
    if not re.fullmatch(NAMES_PATTERN, text):
        raise QueryError(PROBLEMS[what])
    names = text.split(",")
    # Only order= reads a leading - (as "descending"); fields=-month names no field.
    unknown = [
        name
        for name in names
        if (name[1:] if descending and name.startswith("-") else name) not in known
    ]
    if unknown:
        raise QueryError(f"{what}: unknown field {', '.join(unknown)}. Fields: {', '.join(known)}.")
    return names


def whole_number(text, low, high):
    """``text`` as a whole number from ``low`` to ``high``, or None when it is not one:
    decimal digits, perhaps after a minus sign, as a client writes an integer (no plus
    sign, spaces, underscores or decimal point)."""
    if not WHOLE_NUMBER.fullmatch(text) or len(text.lstrip("-0")) > len(str(high)):
        return None
    number = int(text)
    return number if low <= number <= high else None


def _whole_number(params, name, default, low, high):
    text = params.get(name)
    if text is None:
        return default
    number = whole_number(text, low, high)
    if number is None:
        raise QueryError(PROBLEMS[name])
    return number


def parse_row_query(specs, params):
    """``specs``: the release's field snapshots; ``params``: a QueryDict."""
    by_name = {spec["name"]: spec for spec in specs}
    known = list(by_name)
    query = RowQuery(fields=known)
    if "fields" in params:
        query.fields = _names(params["fields"], known, "fields")
    if "order" in params:
        query.ordering = _names(params["order"], known, "order", descending=True)
    query.limit = _whole_number(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)
    query.offset = _whole_number(params, "offset", 0, 0, MAX_OFFSET)
    for key in params:
        if key in RESERVED:
            continue
        name, _, operator = key.partition("__")
        spec = by_name.get(name)
        dimensions = [s["name"] for s in specs if s["role"] == FieldRole.DIMENSION]
        if spec is None or (operator and operator not in RANGES):
            raise QueryError(
                f"Unknown parameter “{key[:60]}”. Filter by a dimension "
                f"({', '.join(dimensions)}), or add __gte, __lte, __gt or __lt to a date or "
                f"number field; other parameters: {', '.join(sorted(RESERVED))}."
            )
        values = params.getlist(key)
        if operator:
            if spec["type"] not in RANGE_TYPES:
                raise QueryError(f"{key}: ranges work on dates and numbers, not on {name}.")
            if len(values) > 1:
                raise QueryError(f"{key}: give it once.")
            query.filters[f"data__{name}__{operator}"] = _value(spec, key, values[0])
            query.not_null.add(name)
        else:
            if spec["role"] != FieldRole.DIMENSION:
                raise QueryError(
                    f"{name}: only dimensions ({', '.join(dimensions)}) can be matched "
                    "exactly; use a range for a count or measure."
                )
            parsed = [_value(spec, key, value) for value in values]
            if len(parsed) == 1:
                query.filters[f"data__{name}"] = parsed[0]
            else:
                query.filters[f"data__{name}__in"] = parsed
    return query


def select_rows(release, query):
    """(total matching, the requested page of rows as dicts)."""
    rows = ReleaseRow.objects.filter(release=release, **query.filters)
    for name in sorted(query.not_null):
        # SQLite compares a JSON null as the text 'null', which sorts above any number.
        rows = rows.exclude(**{f"data__{name}": None})
    ordering = [
        f"-data__{name[1:]}" if name.startswith("-") else f"data__{name}" for name in query.ordering
    ]
    total = rows.count()
    page = rows.order_by(*ordering, "position").values_list("data", "suppressed")[
        query.offset : query.offset + query.limit
    ]
    result = []
    for data, suppressed in page:
        record = {name: None if name in suppressed else data.get(name) for name in query.fields}
        record["_suppressed"] = [name for name in suppressed if name in query.fields]
        result.append(record)
    return total, result
