"""Drawing a chart from its dataset's current published release.

``plotted`` picks the rows the chart's filters select and lays out exactly the numbers
it plots; the table, the CSV download and the plotly figure are all made from that one
result, so they always agree with each other and with the dataset's downloads. A
suppressed value stays a gap (None), never a zero. The table, the axis and the hover
labels write the numbers as people read them (publicdata/numbers.py); the figure's data
and the CSV keep them as published. Figures are built on the server with the plotly
package and cached per chart version and release.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field

import plotly.graph_objects as go
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from plotly.utils import PlotlyJSONEncoder

from portal.caching.scopes import depends_on
from portal.translated_fields import InLanguage
from publicdata import languages, metadata
from publicdata.models import ChartDataError, ChartKind, FieldType, ReleaseRow, UnitKind
from publicdata.numbers import axis_ticks, format_value, plotly_separators, unit_kinds

# Okabe-Ito: distinguishable with the common colour-vision deficiencies; each also has
# its own marker symbol and dash, so colour is never the only cue.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "cross", "star"]
DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid"]
CACHE_SECONDS = 24 * 60 * 60
GAP_NOTE = gettext_noop(
    "Gaps are suppressed values (counts from 1 to 10), hidden to protect privacy."
)
SAMPLE_WATERMARK = {
    "text": gettext_noop("SAMPLE DATA"),
    "x": 0.5,
    "y": 0.5,
    "xref": "paper",
    "yref": "paper",
    "showarrow": False,
    "font": {"size": 32, "color": "rgba(29, 36, 40, 0.14)"},
}


@dataclass
class Plot:
    release: object
    x_name: str
    x_title: str
    columns: list  # (key, label)
    rows: list = field(default_factory=list)  # [{"x": value, key: value or None}]
    suppressed: set = field(default_factory=set)  # {(row index, key)}
    x_names: dict = field(default_factory=dict)  # {x value: its name in the reader's language}
    kinds: dict = field(default_factory=dict)  # {column key: UnitKind of its numbers}
    whole: bool = False  # every plotted column holds whole numbers

    def text(self, key, value):
        """A plotted value as people read it."""
        return format_value(value, self.kinds.get(key, UnitKind.NUMBER))

    @property
    def axis_kind(self):
        """The kind the value axis writes: the columns' own when they share one."""
        kinds = {self.kinds.get(key, UnitKind.NUMBER) for key, _ in self.columns}
        return kinds.pop() if len(kinds) == 1 else UnitKind.NUMBER

    def x_label(self, x):
        return self.x_names.get(str(x), x)

    @property
    def has_gaps(self):
        return bool(self.suppressed)


def _filters(pairs):
    wanted = {}
    for name, value in pairs:
        wanted.setdefault(name, []).append(value)
    return wanted


def _matches(data, wanted):
    return all(str(data.get(name)) in values for name, values in wanted.items())


def _release_rows(release):
    """The release's rows as (data, suppressed), read once per release object: the charts
    of a page that draw from one dataset share its current release (ChartBlock), and a
    published release's rows never change."""
    if not hasattr(release, "_chart_rows"):
        rows = ReleaseRow.objects.filter(release=release).order_by("position")
        release._chart_rows = list(rows.values_list("data", "suppressed"))
    return release._chart_rows


def _selected_rows(release, pairs):
    wanted = _filters(pairs)
    return [
        (data, suppressed) for data, suppressed in _release_rows(release) if _matches(data, wanted)
    ]


def _titles(release, columns):
    """Column titles in the active language (the release's own in English)."""
    fields = metadata.release_snapshot(release)["fields"]
    return languages.column_titles(columns, fields)


def plotted(chart, release):
    """The chart's numbers, as a Plot. Raises ChartDataError when they do not fit."""
    specs = list(release.dataset.fields.all())
    columns = languages.live_columns(release.dataset, specs)
    titles = _titles(release, columns)
    selected = _selected_rows(release, chart.filter_pairs)
    if not selected:
        raise ChartDataError("The filters select no rows of the current release.")
    kinds = unit_kinds(specs)
    whole = all(spec.type == FieldType.INTEGER for spec in specs if spec.name in chart.y_names)
    if chart.kind == ChartKind.KEY_FIGURE:
        plot = _key_figure_plot(chart, release, titles, selected)
        plot.kinds = {key: kinds.get(chart.y_names[0]) for key, _ in plot.columns}
        return plot
    x_name = chart.x_field
    y_names = chart.y_names
    names = languages.value_names(columns)
    if chart.series_field:
        series = list(dict.fromkeys(str(data.get(chart.series_field)) for data, _ in selected))
        series_names = names.get(chart.series_field, {})
        columns = [(value, series_names.get(value, value)) for value in series]
    else:
        columns = [(name, titles.get(name, name)) for name in y_names]
    plot = Plot(release, x_name, titles.get(x_name, x_name), columns, whole=whole)
    plot.x_names = names.get(x_name, {})
    plot.kinds = {key: kinds.get(y_names[0] if chart.series_field else key) for key, _ in columns}
    by_x = {}
    for data, suppressed in selected:
        x = data.get(x_name)
        if x not in by_x:
            by_x[x] = len(plot.rows)
            plot.rows.append({"x": x, **{key: None for key, _ in columns}})
        index = by_x[x]
        if chart.series_field:
            cells = [(str(data.get(chart.series_field)), y_names[0])]
        else:
            cells = [(name, name) for name in y_names]
        for key, source in cells:
            if plot.rows[index][key] is not None or (index, key) in plot.suppressed:
                raise ChartDataError(
                    f"The filters leave more than one row for {x_name} = {x}: add a filter "
                    "(for example on a Total row) or a series field."
                )
            if source in suppressed:
                plot.suppressed.add((index, key))
            else:
                plot.rows[index][key] = data.get(source)
    return plot


def _key_figure_plot(chart, release, titles, selected):
    name = chart.y_names[0]
    plot = Plot(release, "", "", [("value", titles.get(name, name))])
    candidates = [("value", selected)]
    if chart.comparison_filters.strip():
        plot.columns.append(("comparison", chart.comparison_label or gettext("Comparison")))
        candidates.append(("comparison", _selected_rows(release, chart.comparison_pairs)))
    row = {"x": ""}
    for key, rows in candidates:
        if len(rows) != 1:
            raise ChartDataError(
                f"A key figure needs its filters to select exactly one row; they select "
                f"{len(rows)}."
            )
        data, suppressed = rows[0]
        if name in suppressed:
            plot.suppressed.add((0, key))
            row[key] = None
        else:
            row[key] = data.get(name)
    plot.rows.append(row)
    return plot


def table(plot):
    """Header and rows of cells ({"value", "text", "suppressed"}): exactly the plotted
    numbers, and each as people read it."""
    header = [plot.x_title, *(label for _, label in plot.columns)]
    rows = []
    for index, row in enumerate(plot.rows):
        cells = [{"value": plot.x_label(row["x"]), "suppressed": False}]
        for key, _ in plot.columns:
            cells.append(
                {
                    "value": row[key],
                    "text": plot.text(key, row[key]),
                    "suppressed": (index, key) in plot.suppressed,
                }
            )
        rows.append(cells)
    return {"header": header, "rows": rows}


def csv_text(plot):
    """The plotted rows as CSV (RFC 4180, CRLF), suppressed cells marked."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    keys = [key for key, _ in plot.columns]
    writer.writerow([plot.x_name or "figure", *keys])
    for index, row in enumerate(plot.rows):
        writer.writerow(
            [
                row["x"],
                *(
                    metadata.SUPPRESSED if (index, key) in plot.suppressed else _text(row[key])
                    for key in keys
                ),
            ]
        )
    return buffer.getvalue()


def _text(value):
    return "" if value is None else str(value)


def figure(chart, plot):
    """The plotly figure (data and layout) as a JSON-ready dict."""
    xs = [plot.x_label(row["x"]) for row in plot.rows]
    fig = go.Figure()
    for index, (key, label) in enumerate(plot.columns):
        ys = [row[key] for row in plot.rows]
        # The hover label shows the number as the table writes it; a gap has no point.
        texts = [plot.text(key, y) for y in ys]
        colour = PALETTE[index % len(PALETTE)]
        if chart.kind == ChartKind.LINE:
            fig.add_trace(
                go.Scatter(
                    x=xs,
                    y=ys,
                    name=label,
                    mode="lines+markers",
                    connectgaps=False,
                    line={"color": colour, "width": 3, "dash": DASHES[index % len(DASHES)]},
                    marker={"symbol": SYMBOLS[index % len(SYMBOLS)], "size": 7},
                    customdata=texts,
                    hovertemplate=f"%{{x}}: %{{customdata}}<extra>{label}</extra>",
                )
            )
        else:
            fig.add_trace(
                go.Bar(
                    x=xs,
                    y=ys,
                    name=label,
                    marker={"color": colour},
                    customdata=texts,
                    hovertemplate=f"%{{x}}: %{{customdata}}<extra>{label}</extra>",
                )
            )
    y_title = chart.y_label or (plot.columns[0][1] if len(plot.columns) == 1 else "")
    if chart.unit:
        y_title = f"{y_title} ({chart.unit})" if y_title else chart.unit
    annotations = [
        {
            "x": x,
            "y": 1,
            "yref": "paper",
            "text": text,
            "showarrow": False,
            "xanchor": "left",
            "yanchor": "top",
            "font": {"size": 12},
            "bgcolor": "rgba(255,255,255,0.85)",
        }
        for x, text in [(plot.x_label(x), text) for x, text in chart.annotation_pairs]
    ]
    shapes = [
        {
            "type": "line",
            "x0": plot.x_label(x),
            "x1": plot.x_label(x),
            "y0": 0,
            "y1": 1,
            "yref": "paper",
            "line": {"color": "#4a565e", "width": 1, "dash": "dot"},
        }
        for x, _ in chart.annotation_pairs
    ]
    fig.update_layout(
        barmode={ChartKind.GROUPED_BAR: "group", ChartKind.STACKED_BAR: "stack"}.get(
            chart.kind, "group"
        ),
        font={
            "family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
            "size": 14,
            "color": "#1d2428",
        },
        margin={"l": 56, "r": 16, "t": 48, "b": 56},
        legend={"orientation": "h", "x": 0, "y": 1.12, "xanchor": "left"},
        showlegend=len(plot.columns) > 1,
        xaxis={"title": {"text": chart.x_label or plot.x_title}, "automargin": True},
        yaxis={
            "title": {"text": y_title},
            "automargin": True,
            **axis_ticks(_axis_values(chart, plot), plot.axis_kind, whole=plot.whole),
        },
        separators=plotly_separators(),
        # The gap note and the sample-data label are also in the page, beside the chart;
        # on the chart, sample data is a watermark that nothing else overlaps.
        annotations=annotations + ([_sample_watermark()] if chart.dataset.is_sample else []),
        shapes=shapes,
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        hovermode="x unified",
    )
    return json.loads(json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder))


def _axis_values(chart, plot):
    """The values the value axis must reach: each bar's top when bars are stacked."""
    if chart.kind == ChartKind.STACKED_BAR:
        return [
            sum(row[key] for key, _ in plot.columns if row[key] is not None and row[key] > 0)
            for row in plot.rows
        ] + [
            sum(row[key] for key, _ in plot.columns if row[key] is not None and row[key] < 0)
            for row in plot.rows
        ]
    return [row[key] for row in plot.rows for key, _ in plot.columns]


def _sample_watermark():
    return {**SAMPLE_WATERMARK, "text": gettext(SAMPLE_WATERMARK["text"])}


def _cache_key(chart, release):
    version = f"{chart.pk}:{chart.updated_at.timestamp() if chart.updated_at else ''}"
    # The column and value names in Spanish come from the dataset, saved with its columns.
    dataset = chart.dataset
    version += f":{dataset.updated_at.timestamp() if dataset.updated_at else ''}"
    # Per language too: the figure's watermark is in the reader's language.
    language = translation.get_language() or ""
    digest = hashlib.sha256(
        f"{version}:{release.pk}:{release.version}:{language}".encode()
    ).hexdigest()
    return f"chart:{digest[:32]}"


def _build(chart, release):
    try:
        plot = plotted(chart, release)
    except ChartDataError as error:
        return {"error": str(error)}
    built = {"table": table(plot), "has_gaps": plot.has_gaps, "csv": csv_text(plot)}
    # Each plotted series' key and name, for the reader's choice (publicdata/series.py).
    built["series"] = [[key, label] for key, label in plot.columns]
    if chart.kind != ChartKind.KEY_FIGURE:
        built["figure"] = figure(chart, plot)
    return built


def built_chart(chart):
    """(release, the built chart) from the dataset's current release, cached, in the
    active language."""
    chart = InLanguage(chart)
    release = chart.dataset.current_release()
    if release is None:
        return None, {"error": "The dataset has no published release yet."}
    if chart.pk is None:  # an unsaved preview
        return release, _build(chart, release)
    return release, cache.get_or_set(
        _cache_key(chart, release), lambda: _build(chart, release), CACHE_SECONDS
    )


def chart_urls(chart, request=None):
    def absolute(url):
        return request.build_absolute_uri(url) if request else url

    if chart.pk is None:
        return {}
    return {
        "embed": absolute(reverse("publicdata:chart_embed", args=[chart.pk])),
        "csv": absolute(reverse("publicdata:chart_csv", args=[chart.pk])),
        "metadata": absolute(reverse("publicdata:chart_metadata", args=[chart.pk])),
        "zip": absolute(reverse("publicdata:chart_zip", args=[chart.pk])),
        "png": absolute(reverse("publicdata:chart_png", args=[chart.pk])),
        "svg": absolute(reverse("publicdata:chart_svg", args=[chart.pk])),
    }


def chart_metadata(chart, release, request=None):
    dataset = chart.dataset
    page = reverse("publicdata:dataset", args=[dataset.slug])
    return {
        "title": chart.title,
        "summary": chart.summary,
        "kind": chart.kind,
        "x": chart.x_field,
        "y": chart.y_names,
        "series": chart.series_field,
        "filters": [f"{name}={value}" for name, value in chart.filter_pairs],
        "unit": chart.unit,
        "sample_data": dataset.is_sample,
        "dataset": {
            "title": dataset.title,
            "url": request.build_absolute_uri(page) if request else page,
        },
        "release": {
            "version": release.version,
            "published": release.published_at.isoformat(),
            "csv": metadata.download_url(request, release, "csv") if request else "",
        },
        "licence": metadata.LICENCE_URLS.get(dataset.licence, dataset.licence),
        "citation": f"{chart.title}. Data: {metadata.citation(release)}",
        "suppression": metadata.suppression_note(),
        "urls": chart_urls(chart, request),
        "threshold": settings.PUBLICDATA_SUPPRESSION_THRESHOLD,
    }


def chart_context(chart, request=None):
    """Everything the chart templates need, in the reader's language."""
    chart = InLanguage(chart)
    depends_on(request, f"chart:{chart.pk}", f"dataset:{chart.dataset_id}")
    release, built = built_chart(chart)
    context = {
        "chart": chart,
        "release": release,
        "built": built,
        "urls": chart_urls(chart, request),
        "is_key_figure": chart.kind == ChartKind.KEY_FIGURE,
        "gap_note": gettext(GAP_NOTE),
        "dom_id": f"chart-{chart.pk or 'preview'}",
    }
    if release and "figure" in built:
        context["figure_json"] = built["figure"]
    if release:
        context["dataset_url"] = reverse("publicdata:dataset", args=[chart.dataset.slug])
        context["citation"] = f"{chart.title}. Data: {metadata.citation(release)}"
    return context
