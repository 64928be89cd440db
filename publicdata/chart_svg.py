"""A chart as an SVG image, written on the server from the same plotly figure the page
draws (publicdata/charts.py): its traces, colours, markers and dashes, its value axis
(ticks written by publicdata/numbers.py), annotations and sample-data watermark, framed
by the chart's title, summary, the note on suppressed values, the source with its
version, the licence and where it comes from, in the active language.

Only what our charts use is drawn: categorical x axes, lines with markers and gaps,
grouped and stacked bars, and key figures. A trace with ``visible: False`` (a series the
reader left out) is not drawn. Text is wrapped by an estimate of its width, so no font is
read here; the PNG (publicdata/chart_images.py) is this SVG rasterised.
"""

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 1200
MARGIN = 40
FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif"
INK = "#1d2428"
MUTED = "#4a565e"
GRID = "#d9dee2"
WARNING = "#8a4b00"
# An estimate of a character's width, as a share of the font size (DejaVu Sans, which is
# among the widest sans-serif faces, so text wrapped by it fits in narrower ones).
CHAR_WIDTH = 0.6
PLOT_HEIGHT = 360
MARKER_SIZE = 7


@dataclass
class Texts:
    """What the image says around the chart, already in the reader's language."""

    title: str
    summary: str
    source: str
    licence: str
    sample: str = ""  # the sample-data label, or ""
    gap_note: str = ""  # the note on suppressed values, or ""
    language: str = "en"


def text_width(text, size):
    return len(text) * size * CHAR_WIDTH


def wrap(text, size, width):
    """``text`` in lines no wider than ``width`` (by estimate), broken between words."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and text_width(candidate, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def _number(value):
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _attributes(attributes):
    return "".join(
        f" {name.replace('_', '-')}={quoteattr(_number(value))}"
        for name, value in attributes.items()
        if value is not None
    )


class Canvas:
    def __init__(self):
        self.parts = []

    def add(self, markup):
        self.parts.append(markup)

    def shape(self, tag, **attributes):
        """An element with ``attributes`` (``stroke_width`` is written stroke-width)."""
        self.add(f"<{tag}{_attributes(attributes)}/>")

    def text(self, x, y, text, size=14, colour=INK, weight="normal", anchor="start", **extra):
        attributes = "".join(
            f" {name.replace('_', '-')}={quoteattr(str(value))}" for name, value in extra.items()
        )
        self.add(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{colour}" '
            f'font-weight="{weight}" text-anchor="{anchor}"{attributes}>{escape(text)}</text>'
        )

    def lines(self, x, y, lines, size, colour=INK, weight="normal", leading=1.3):
        """Lines of text from ``y`` (the first baseline); the y below the last."""
        for line in lines:
            self.text(x, y, line, size, colour, weight)
            y += size * leading
        return y


def _visible(trace):
    return trace.get("visible", True) is not False


def _marker(canvas, symbol, x, y, colour, size=MARKER_SIZE):
    r = size / 2 + 0.5
    k = r * 1.3
    if symbol == "square":
        canvas.shape("rect", x=x - r, y=y - r, width=2 * r, height=2 * r, fill=colour)
    elif symbol == "diamond":
        path = f"M{x:.1f},{y - k:.1f}L{x + k:.1f},{y:.1f}L{x:.1f},{y + k:.1f}L{x - k:.1f},{y:.1f}Z"
        canvas.shape("path", d=path, fill=colour)
    elif symbol == "triangle-up":
        path = f"M{x:.1f},{y - k:.1f}L{x + k:.1f},{y + r:.1f}L{x - k:.1f},{y + r:.1f}Z"
        canvas.shape("path", d=path, fill=colour)
    elif symbol in ("x", "cross"):
        path = f"M{x - r:.1f},{y:.1f}H{x + r:.1f}M{x:.1f},{y - r:.1f}V{y + r:.1f}"
        turn = f"rotate({45 if symbol == 'x' else 0} {x:.1f} {y:.1f})"
        canvas.shape("path", d=path, stroke=colour, stroke_width=3, transform=turn)
    else:  # circle, star and anything else
        canvas.shape("circle", cx=x, cy=y, r=r, fill=colour)


DASHES = {
    "dash": "10,6",
    "dot": "3,5",
    "dashdot": "10,5,3,5",
    "longdash": "18,6",
    "longdashdot": "18,5,3,5",
}


def _trace_style(trace):
    if trace.get("type") == "bar":
        return trace.get("marker", {}).get("color", INK), "solid", "square"
    line = trace.get("line", {})
    return (
        line.get("color", INK),
        line.get("dash", "solid"),
        trace.get("marker", {}).get("symbol", "circle"),
    )


def _legend(canvas, traces, top, width):
    """One swatch and name per trace, wrapped in rows; the y below the legend."""
    x, y = MARGIN, top + 16
    for trace in traces:
        colour, dash, symbol = _trace_style(trace)
        label = str(trace.get("name", ""))
        item = 34 + text_width(label, 15) + 24
        if x > MARGIN and x + item > MARGIN + width:
            x, y = MARGIN, y + 26
        if trace.get("type") == "bar":
            canvas.add(
                f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="24" height="14" fill="{colour}"/>'
            )
        else:
            dashes = f' stroke-dasharray="{DASHES[dash]}"' if dash in DASHES else ""
            canvas.add(
                f'<path d="M{x:.1f},{y - 2:.1f}h28" stroke="{colour}" stroke-width="3"{dashes}/>'
            )
            _marker(canvas, symbol, x + 14, y - 2, colour)
        canvas.text(x + 34, y + 3, label, 15)
        x += item
    return y + 18


def _plot(canvas, figure, texts, top):
    """The axes, traces and annotations of a plotly figure; the y below the plot."""
    layout = figure.get("layout", {})
    traces = [trace for trace in figure.get("data", []) if _visible(trace)]
    everything = figure.get("data", [])
    categories = [str(x) for x in (everything[0].get("x", []) if everything else [])]
    width = WIDTH - 2 * MARGIN
    if len(traces) > 1:
        top = _legend(canvas, traces, top, width)
    yaxis, xaxis = layout.get("yaxis", {}), layout.get("xaxis", {})
    ticks = list(zip(yaxis.get("tickvals", []), yaxis.get("ticktext", []), strict=False))
    low, high = (yaxis.get("range") or [0, 1])[:2]
    if high == low:
        high = low + 1
    tick_width = max((text_width(str(text), 13) for _, text in ticks), default=20)
    y_title = (yaxis.get("title") or {}).get("text", "")
    left = MARGIN + (28 if y_title else 0) + tick_width + 10
    right = MARGIN + width
    plot_top, bottom = top + 10, top + 10 + PLOT_HEIGHT
    x_title = (xaxis.get("title") or {}).get("text", "")

    def y_of(value):
        return bottom - (value - low) / (high - low) * (bottom - plot_top)

    count = max(len(categories), 1)
    band = (right - left) / count

    def x_of(index):
        return left + band * (index + 0.5)

    for value, text in ticks:
        y = y_of(value)
        canvas.shape("path", d=f"M{left:.1f},{y:.1f}H{right:.1f}", stroke=GRID, stroke_width=1)
        canvas.text(left - 8, y + 4.5, str(text), 13, MUTED, anchor="end")
    if y_title:
        middle = (plot_top + bottom) / 2
        canvas.text(
            MARGIN + 14,
            middle,
            y_title,
            14,
            MUTED,
            anchor="middle",
            transform=f"rotate(-90 {MARGIN + 14} {middle:.1f})",
        )
    canvas.add(
        f'<path d="M{left:.1f},{bottom:.1f}H{right:.1f}" stroke="{MUTED}" stroke-width="1"/>'
    )
    # As many x labels as fit side by side.
    widest = max((text_width(label, 13) for label in categories), default=10) + 12
    every = max(1, math.ceil(widest / band))
    for index, label in enumerate(categories):
        if index % every == 0:
            canvas.text(x_of(index), bottom + 20, label, 13, MUTED, anchor="middle")
    below = bottom + 30
    if x_title:
        canvas.text((left + right) / 2, below + 16, x_title, 14, MUTED, anchor="middle")
        below += 26

    bars = [trace for trace in traces if trace.get("type") == "bar"]
    stacked = layout.get("barmode") == "stack"
    if bars:
        slots = 1 if stacked else len(bars)
        bar_width = band * 0.8 / slots
        up, down = [0.0] * count, [0.0] * count
        for number, trace in enumerate(bars):
            colour = trace.get("marker", {}).get("color", INK)
            for index, value in enumerate(trace.get("y", [])):
                if value is None:
                    continue
                if stacked:
                    base = up[index] if value >= 0 else down[index]
                    x = x_of(index) - bar_width / 2
                    if value >= 0:
                        up[index] += value
                    else:
                        down[index] += value
                else:
                    base, x = 0.0, x_of(index) - band * 0.4 + number * bar_width
                y1, y2 = y_of(base), y_of(base + value)
                canvas.shape(
                    "rect",
                    x=float(x),
                    y=float(min(y1, y2)),
                    width=float(max(bar_width - 2, 1)),
                    height=float(abs(y2 - y1)),
                    fill=colour,
                )
    for trace in traces:
        if trace.get("type") == "bar":
            continue
        colour, dash, symbol = _trace_style(trace)
        segment = []
        points = [
            (x_of(index), y_of(value)) if value is not None else None
            for index, value in enumerate(trace.get("y", []))
        ]
        for point in [*points, None]:  # a suppressed value (None) breaks the line
            if point is None:
                if len(segment) > 1:
                    path = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in segment)
                    canvas.shape(
                        "path",
                        d=path,
                        fill="none",
                        stroke=colour,
                        stroke_width=3,
                        stroke_linejoin="round",
                        stroke_dasharray=DASHES.get(dash),
                    )
                segment = []
            else:
                segment.append(point)
        for point in points:
            if point is not None:
                _marker(canvas, symbol, *point, colour)
    for note in layout.get("annotations", []):
        if note.get("xref") == "paper":
            continue  # the watermark, drawn below
        label = str(note.get("x", ""))
        if label in categories:
            x = x_of(categories.index(label))
            text = str(note.get("text", ""))
            line = f"M{x:.1f},{plot_top:.1f}V{bottom:.1f}"
            canvas.shape("path", d=line, stroke=MUTED, stroke_width=1, stroke_dasharray="2,4")
            width = float(text_width(text, 12) + 8)
            canvas.shape("rect", x=x + 2, y=float(plot_top), width=width, height=18, fill="#fff")
            canvas.text(x + 6, plot_top + 13, text, 12)
    if texts.sample:
        middle = ((left + right) / 2, (plot_top + bottom) / 2 + 12)
        watermark = _watermark(layout)
        canvas.text(*middle, watermark, 40, INK, "bold", "middle", fill_opacity="0.14")
    return below


def _watermark(layout):
    for note in layout.get("annotations", []):
        if note.get("xref") == "paper" and note.get("yref") == "paper":
            return str(note.get("text", ""))
    return ""


def _key_figure(canvas, table, unit, period, top):
    """A key figure: the number, its label and period, and its comparison."""
    cells = table["rows"][0] if table.get("rows") else []
    header = table.get("header", [])
    number = cells[1] if len(cells) > 1 else {"suppressed": True}
    shown = number.get("suppressed_text") if number.get("suppressed") else number.get("text", "")
    big = f"{shown} {unit}".strip() if not number.get("suppressed") else shown
    canvas.text(MARGIN, top + 80, big, 72, INK, "bold")
    y = top + 120
    label = header[1] if len(header) > 1 else ""
    label = f"{label}, {period}" if period else label
    y = canvas.lines(MARGIN, y, wrap(label, 20, WIDTH - 2 * MARGIN), 20, MUTED)
    if len(cells) > 2:
        other = cells[2]
        value = (
            other.get("suppressed_text")
            if other.get("suppressed")
            else f"{other.get('text', '')} {unit}".strip()
        )
        y = canvas.lines(
            MARGIN, y + 6, wrap(f"{header[2]}: {value}", 20, WIDTH - 2 * MARGIN), 20, INK
        )
    return y + 10


def chart_svg(texts, figure=None, table=None, unit="", period=""):
    """The image as SVG text: ``figure`` (a plotly figure dict) for a plot, or ``table``
    (publicdata/charts.py ``table``, its cells with ``suppressed_text`` where hidden) for a
    key figure."""
    canvas = Canvas()
    body_width = WIDTH - 2 * MARGIN
    y = MARGIN + 28
    y = canvas.lines(MARGIN, y, wrap(texts.title, 30, body_width), 30, INK, "bold", 1.25)
    y = canvas.lines(MARGIN, y + 4, wrap(texts.summary, 18, body_width), 18, INK)
    if texts.sample:
        y = canvas.lines(MARGIN, y + 2, wrap(texts.sample, 16, body_width), 16, WARNING, "bold")
    if figure is not None:
        y = _plot(canvas, figure, texts, y)
    else:
        y = _key_figure(canvas, table or {}, unit, period, y)
    y += 12
    canvas.shape("path", d=f"M{MARGIN},{y:.1f}H{WIDTH - MARGIN}", stroke=GRID, stroke_width=1)
    y += 24
    for line, colour in ((texts.gap_note, INK), (texts.source, MUTED), (texts.licence, MUTED)):
        if line:
            y = canvas.lines(MARGIN, y, wrap(line, 14, body_width), 14, colour)
    height = math.ceil(y + MARGIN / 2)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart-title chart-desc" '
        f"font-family={quoteattr(FONT)} xml:lang={quoteattr(texts.language)}>"
        f'<title id="chart-title">{escape(texts.title)}</title>'
        f'<desc id="chart-desc">{escape(texts.summary)}</desc>'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        + "".join(canvas.parts)
        + "</svg>"
    )
