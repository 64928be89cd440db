"""Checking an uploaded CSV against its dataset's data dictionary.

The file is read once, row by row; the only thing kept per row is a 16-byte digest of its
primary key, to find repeats. Every problem is reported with its row and column (the
first 200 of them); nothing is published while any remain.
"""

import csv
import datetime
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from publicdata.spreadsheets import formula_problem

MAX_ERRORS = 200
# ASCII digits only (\d would take "٢٠٢٦" and "２０２６" too), years 0001 to 9999 as in
# Python's dates: each is compared as written, so only one way of writing it may pass.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR_MONTH = re.compile(r"(?!0000)[0-9]{4}-(0[1-9]|1[0-2])")
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


@dataclass(frozen=True)
class Problem:
    row: int | None  # 1 is the header row, data starts at 2 (as in a spreadsheet)
    column: str | None
    message: str

    def as_dict(self):
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ValidationReport:
    problems: list = field(default_factory=list)
    row_count: int = 0
    truncated: bool = False

    @property
    def is_valid(self):
        return not self.problems

    def add(self, row, column, message):
        if len(self.problems) >= MAX_ERRORS:
            self.truncated = True
            return
        self.problems.append(Problem(row, column, message))


class CellError(ValueError):
    pass


def parse_cell(spec, text):
    """The typed value of one cell, or CellError saying what is wrong. Empty is None."""
    text = text.strip()
    if text == "":
        if spec.required:
            raise CellError("is empty, but a value is required")
        return None
    value = parse_type(spec.type, text)
    if spec.type == "string" and (problem := formula_problem(value)):
        # Refused rather than quoted, so every download holds the value exactly.
        raise CellError(problem)
    allowed = spec.allowed
    if allowed and text not in allowed:
        raise CellError(f"“{text}” is not one of the allowed values: {', '.join(allowed)}")
    if spec.minimum is not None and isinstance(value, int | Decimal) and value < spec.minimum:
        raise CellError(f"{text} is below the minimum of {spec.minimum.normalize()}")
    if spec.maximum is not None and isinstance(value, int | Decimal) and value > spec.maximum:
        raise CellError(f"{text} is above the maximum of {spec.maximum.normalize()}")
    return value


def parse_type(kind, text):
    if kind == "integer":
        if not re.fullmatch(r"-?\d+", text):
            raise CellError(f"“{text}” is not a whole number")
        return int(text)
    if kind == "number":
        try:
            value = Decimal(text)
        except InvalidOperation as error:
            raise CellError(f"“{text}” is not a number") from error
        if not value.is_finite():
            raise CellError(f"“{text}” is not a number")
        return value
    if kind == "date":
        message = f"“{text}” is not a date in the form YYYY-MM-DD, from 0001-01-01 to 9999-12-31"
        if not _DATE.fullmatch(text):
            raise CellError(message)
        try:
            return datetime.date.fromisoformat(text).isoformat()
        except ValueError as error:
            raise CellError(message) from error
    if kind == "yearmonth":
        if not _YEAR_MONTH.fullmatch(text):
            raise CellError(
                f"“{text}” is not a year and month in the form YYYY-MM, from 0001-01 to 9999-12"
            )
        return text
    if kind == "boolean":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise CellError(f"“{text}” is not true or false")
    return text


def _rows(binary_file):
    """(row number, cells) for each line, or raises UnicodeDecodeError with its row."""
    text = io.TextIOWrapper(binary_file, encoding="utf-8-sig", newline="", errors="strict")
    reader = csv.reader(text, strict=True)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        yield reader.line_num, cells


def validate_csv(binary_file, fields):
    """A ValidationReport for the upload, read once with flat memory."""
    report = ValidationReport()
    specs = {spec.name: spec for spec in fields}
    key_fields = [spec.name for spec in fields if spec.primary_key]
    sums = _declared_sums(fields, report)
    seen_keys = set()
    header = None
    line = 1
    try:
        for line, cells in _rows(binary_file):
            if header is None:
                header = _check_header(cells, specs, report)
                if header is None:
                    return report
                continue
            if not any(cell.strip() for cell in cells):
                continue  # blank lines are ignored
            report.row_count += 1
            values = _check_row(line, cells, header, specs, report)
            if values is not None:
                _check_sums(line, values, sums, report)
            if key_fields and values is not None:
                digest = hashlib.blake2b(
                    repr([values.get(name) for name in key_fields]).encode(), digest_size=16
                ).digest()
                if digest in seen_keys:
                    report.add(
                        line,
                        None,
                        "repeats the key ("
                        + ", ".join(f"{name} = {values.get(name)}" for name in key_fields)
                        + ") of an earlier row",
                    )
                seen_keys.add(digest)
    except UnicodeDecodeError:
        report.add(
            line + 1, None, "the file is not UTF-8 text from this row on; save it as CSV UTF-8"
        )
    except csv.Error as error:
        report.add(line + 1, None, f"the CSV cannot be read here: {error}")
    if header is None:
        report.add(None, None, "the file is empty")
    elif report.row_count == 0 and report.is_valid:
        report.add(None, None, "the file has a header row but no data rows")
    return report


def _check_header(cells, specs, report):
    names = [cell.strip() for cell in cells]
    if not any(names):
        report.add(1, None, "the first row must name the columns")
        return None
    for name in sorted({n for n in names if names.count(n) > 1}):
        report.add(1, name, "this column appears more than once")
    for name in names:
        if name and name not in specs:
            report.add(1, name, "this column is not in the data dictionary")
    for name, spec in specs.items():
        if spec.required and name not in names:
            report.add(1, name, "this column is missing")
    return names


def _check_row(line, cells, header, specs, report):
    if len(cells) != len(header):
        report.add(line, None, f"has {len(cells)} cells but the header has {len(header)} columns")
        return None
    values = {}
    valid = True
    for name, text in zip(header, cells, strict=True):
        spec = specs.get(name)
        if spec is None:
            continue
        try:
            values[name] = parse_cell(spec, text)
        except CellError as error:
            report.add(line, name, str(error))
            valid = False
    return values if valid else None


def _declared_sums(fields, report):
    """[(count, its parts)] from the dictionary's "sum of"; a part that is not a count of
    the dictionary is a problem (suppression would treat a wrong sum as a true one)."""
    counts = {spec.name for spec in fields if spec.role == "count"}
    sums = []
    for spec in fields:
        for parts in getattr(spec, "sum_groups", []):
            if spec.role != "count" or any(name not in counts for name in parts):
                report.add(
                    None,
                    spec.name,
                    "the data dictionary says this column is the sum of "
                    + ", ".join(parts)
                    + ", but only a count can be the sum of other counts of the dictionary",
                )
                continue
            sums.append((spec.name, parts))
    return sums


def _check_sums(line, values, sums, report):
    for name, parts in sums:
        total = values.get(name)
        added = [values.get(part) for part in parts]
        if total is None or any(value is None for value in added):
            continue
        if total != sum(added):
            report.add(
                line,
                name,
                f"is {total}, but the data dictionary makes it the sum of {', '.join(parts)}, "
                f"which add up to {sum(added)}",
            )


def read_rows(binary_file, fields):
    """The typed rows of a file that validated, one at a time."""
    specs = {spec.name: spec for spec in fields}
    header = None
    for _line, cells in _rows(binary_file):
        if header is None:
            header = [cell.strip() for cell in cells]
            continue
        if not any(cell.strip() for cell in cells):
            continue
        yield {
            name: parse_cell(specs[name], text)
            for name, text in zip(header, cells, strict=True)
            if name in specs
        }
