"""The one rule that keeps formulas out of the spreadsheets the site serves.

A spreadsheet opening a CSV runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula (OWASP, "CSV injection"). Quoting such a cell would
change the data journalists download, so the site never changes a value: text that would
start a CSV cell this way is refused where it is typed (a text cell of an uploaded release,
a column's name or allowed values, a neighbourhood's name, a report's public text, response
and topics), and the XLSX files write every text as text. Numbers are not text: ``-3.5``
in a number column is data and passes.
"""

from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value):
    """Whether a spreadsheet would read this text, as the first thing in a cell, as a
    formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def formula_problem(value):
    """What is wrong with ``value`` as text for a spreadsheet cell, or None."""
    if not starts_like_formula(value):
        return None
    return _(
        "“%(text)s” starts with a character that spreadsheets read as the start of a "
        "formula (=, +, -, @, a tab or a line break). Start it with a letter or a digit."
    ) % {"text": value[:40].strip()}
