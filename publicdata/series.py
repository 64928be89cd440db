"""Which series of a chart a reader shows, and the address that keeps the choice.

A line or bar chart with ``PICKER_MIN`` series or more has a form under it to choose
the series to show: without JavaScript it is sent and the page comes back drawn with the
choice; with it (static/js/charts.js) the chart, its table and its download links follow
each tick at once, and the address is updated in place. Either way the page's address
says ``?series-<chart id>=<series>`` for each series shown, so a shared link opens the
same view; the chart's CSV, zip and images take ``?series=<series>`` and give exactly
that view (publicdata/embed.py, publicdata/chart_files.py). No choice, or every series,
is the whole chart.
"""

from dataclasses import replace
from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _

from publicdata.models import ChartKind

PICKER_MIN = 3
FILE_PARAM = "series"
PICKER_KINDS = (ChartKind.LINE, ChartKind.BAR, ChartKind.GROUPED_BAR, ChartKind.STACKED_BAR)


class UnknownSeries(ValueError):
    """A series the chart does not have; the message names the ones it has."""


def page_param(chart):
    return f"series-{chart.pk}"


def has_picker(chart, built):
    return chart.kind in PICKER_KINDS and len(built.get("series", ())) >= PICKER_MIN


def chosen_keys(built, values):
    """The series chosen by ``values``, in the chart's order; None for the whole chart.
    Raises UnknownSeries for a value that is not one of its series."""
    keys = [key for key, _label in built.get("series", ())]
    values = [value for value in values if value]
    if not values:
        return None
    for value in values:
        if value not in keys:
            raise UnknownSeries(
                _("“%(value)s” is not a series of this chart. Its series are: %(series)s.")
                % {"value": value[:60], "series": ", ".join(keys)}
            )
    chosen = [key for key in keys if key in values]
    return None if len(chosen) == len(keys) else chosen


def chosen_names(built, keys):
    """The legend names of the chosen series (None: all)."""
    if keys is None:
        return None
    return [label for key, label in built.get("series", ()) if key in keys]


def file_query(keys):
    """``?series=…`` for the chart's files, or "" for the whole chart."""
    # Written as charts.js writes it (encodeURIComponent), so both give one address.
    return "?" + urlencode([(FILE_PARAM, key) for key in keys], quote_via=quote) if keys else ""


def subset(plot, keys):
    """A ``charts.Plot`` with only the chosen series (None: the plot itself)."""
    if keys is None:
        return plot
    columns = [(key, label) for key, label in plot.columns if key in keys]
    rows = [{"x": row["x"], **{key: row[key] for key, _ in columns}} for row in plot.rows]
    suppressed = {(index, key) for index, key in plot.suppressed if key in keys}
    return replace(plot, columns=columns, rows=rows, suppressed=suppressed)


def _table(built, shown):
    """The chart's table with each column's series key and whether it is hidden."""
    keys = [None] + [key for key, _label in built.get("series", ())]
    header = [
        {"text": text, "key": key or "", "hidden": key is not None and key not in shown}
        for text, key in zip(built["table"]["header"], keys, strict=False)
    ]
    rows = [
        [
            dict(cell, key=key or "", hidden=key is not None and key not in shown)
            for cell, key in zip(row, keys, strict=False)
        ]
        for row in built["table"]["rows"]
    ]
    return {"header": header, "rows": rows}


def view(chart, built, request):
    """What the chart's template needs to show the reader's choice of series."""
    if "table" not in built or "figure" not in built:
        return {}
    if not has_picker(chart, built):
        return {"table": _table(built, {key for key, _label in built.get("series", ())})}
    problem = ""
    values = request.GET.getlist(page_param(chart)) if request is not None else []
    try:
        keys = chosen_keys(built, values)
    except UnknownSeries as error:
        problem, keys = str(error), None
    shown = {key for key, _label in built["series"]} if keys is None else set(keys)
    names = chosen_names(built, keys)
    figure = built["figure"]
    if names is not None:
        figure = {
            **figure,
            "data": [dict(trace, visible=trace.get("name") in names) for trace in figure["data"]],
        }
    others = []
    if request is not None:
        others = [
            (name, value)
            for name in request.GET
            if name.startswith("series-") and name != page_param(chart)
            for value in request.GET.getlist(name)
        ]
    return {
        "picker": {
            "param": page_param(chart),
            "series": [
                {"key": key, "label": label, "chosen": key in shown}
                for key, label in built["series"]
            ],
            "problem": problem,
            "others": others,
        },
        "figure_json": figure,
        "table": _table(built, shown),
        "chosen_keys": keys,
        "file_query": file_query(keys),
    }


def chosen_csv(request, chart, release, built):
    """The chart's CSV for the series ``?series=`` names: the cached whole one, or the
    chosen columns. Raises UnknownSeries."""
    keys = chosen_keys(built, request.GET.getlist(FILE_PARAM))
    if keys is None:
        return built["csv"], None
    from publicdata.charts import csv_text, plotted

    return csv_text(subset(plotted(chart, release), keys)), keys
