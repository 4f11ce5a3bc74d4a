"""Small inline SVG charts, written as strings: no plotting library, a few dozen shapes each.

Shapes (tick, circle, ring, square, diamond) carry the meaning so the charts
read in greyscale; colour only helps. Every chart has a <title> for screen readers.
"""
from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence

import numpy as np
from markupsafe import Markup, escape

INK = "#1a1a1a"
GRID = "#b8b8b8"
MUTED = "#6b6b6b"
LOADED = "#b5470b"
SOURCE = "#1f5fa8"
CLAIM = "#6a3d9a"
_FONT = 'font-family="Open Sans" font-size="2.6"'
_SMALL = 'font-family="Open Sans" font-size="2.2"'
TICKS_MAX = 200  # past this many documents, comparison charts draw densities instead of one mark each


def svg_source(width: float, height: float, title: str, body: Iterable[str]) -> str:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
            f'width="{width:g}mm" height="{height:g}mm"><title>{escape(title)}</title>')
    return head + "".join(body) + "</svg>"


def _svg(width: float, height: float, title: str, body: Iterable[str],
         lanes: Sequence[str] = (), top: float = 0.0, step: float = 0.0) -> Markup:
    """An <img> with a data: URL: the shapes stay out of the HTML cascade (faster) and the PDF
    gets one tagged Figure with alternative text instead of dozens of untagged paths.

    ``lanes`` are row labels set as one HTML paragraph laid over the image's left edge, a line
    per row (``step`` mm apart, the first row centred ``top + step / 2`` mm down; new lines, not <br>
    elements): weasyprint lays out SVG <text> one letter at a time, so a dozen SVG labels cost more
    than the rest of the chart."""
    data = base64.b64encode(svg_source(width, height, title, body).encode("utf-8")).decode("ascii")
    img = (f'<img class="chart" alt="{escape(title)}" style="width:{width:g}mm;height:{height:g}mm" '
           f'src="data:image/svg+xml;base64,{data}">')
    if lanes:
        img += (f'<p class="lanes" style="margin-top:-{height:g}mm;height:{height:g}mm;padding-top:{top:g}mm;'
                f'line-height:{step:g}mm">' + "\n".join(str(escape(t)) for t in lanes) + "</p>")
    return Markup(img)


def _x(v: float, x0: float, w: float) -> float:
    return round(x0 + max(0.0, min(1.0, v)) * w, 2)


def _row(label: str, y: float, x0: float, w: float, label_dy: float, stroke: float) -> list[str]:
    """A chart row's label at the left and its grey grid line across the plot."""
    return [f'<text x="0" y="{y + label_dy:.2f}" {_FONT} fill="{INK}">{escape(label)}</text>',
            f'<line x1="{x0}" y1="{y:.2f}" x2="{x0 + w}" y2="{y:.2f}" stroke="{GRID}" stroke-width="{stroke}"/>']


def _path(d: list[str], paint: str) -> list[str]:
    """Many marks of one colour as one <path>: weasyprint draws an SVG element with a graphics-state push,
    style lookup and bounding box each, so 1,000 tick <rect>s cost more than the rest of the page."""
    return [f'<path d="{"".join(d)}" {paint}/>'] if d else []


def _ticks(xs: Iterable[float], y: float, half: float, w: float) -> list[str]:
    """Vertical bars of width ``w`` centred on each x as filled subpaths; marks at the same 0.1 mm drawn once."""
    return [f"M{x - w / 2:.2f} {y - half:.2f}h{w:g}v{2 * half:g}h{-w:g}z" for x in sorted({round(x, 1) for x in xs})]


def strip(positions: dict[str, list[tuple[float, str]]], title: str, width: float = 174) -> Markup:
    """Where loaded language, sources and unsourced claims fall, from the article's start to its end."""
    x0, w = 34.0, width - 38.0
    lanes = [
        ("Loaded words", "loaded", "tick"),
        ("…in quotes", "quoted_loaded", "tickq"),
        ("Named sources", "named", "circle"),
        ("Other sources", "other_sources", "ring"),
        ("No source given", "claims", "square"),
    ]
    lane_h = 4.4
    height = lane_h * len(lanes) + 8
    out: list[str] = []
    grid: list[str] = []
    marks: dict[str, list[str]] = {"tick": [], "tickq": [], "square": []}
    for i, (_label, key, shape) in enumerate(lanes):
        y = 3 + i * lane_h + lane_h / 2
        grid.append(f"M{x0:g} {y:.2f}H{x0 + w:g}")
        xs = [_x(pos, x0, w) for pos, _kind in positions.get(key, [])]
        if shape == "tick":
            marks["tick"] += _ticks(xs, y, 2.0, 0.8)
        elif shape == "tickq":
            marks["tickq"] += _ticks(xs, y, 1.3, 0.8)
        elif shape == "square":
            marks["square"] += [f"M{x - 1.1:.2f} {y - 1.1:.2f}h2.2v2.2h-2.2z" for x in sorted(set(xs))]
        else:  # a few dots: circles read better than polygons and stay cheap at this count
            for x in sorted(set(xs)):
                out.append(f'<circle cx="{x}" cy="{y:.2f}" r="1.3" fill="{SOURCE}"/>' if shape == "circle" else
                           f'<circle cx="{x}" cy="{y:.2f}" r="1.2" fill="white" stroke="{SOURCE}" '
                           f'stroke-width="0.45"/>')
    ya = 3 + len(lanes) * lane_h + 1.2  # start, middle and end of the article: ticks here, words in the caption
    grid += [f"M{_x(t, x0, w):.2f} {ya - 1.2:.2f}v1.6" for t in (0.0, 0.5, 1.0)]
    body = (_path(grid, f'fill="none" stroke="{GRID}" stroke-width="0.3"') + out
            + _path(marks["tick"], f'fill="{LOADED}"') + _path(marks["tickq"], f'fill="{MUTED}"')
            + _path(marks["square"], f'fill="white" stroke="{CLAIM}" stroke-width="0.45"'))
    return _svg(width, height - 4.5, title, body, [lane[0] for lane in lanes], 3, lane_h)


def versus_corpus(rows: Sequence[tuple[str, float | None, Sequence[float]]], title: str,
                  width: float = 174) -> Markup:
    """One line per score: grey ticks for every document of the run, a black diamond for this one."""
    x0, w = 34.0, width - 46.0
    row_h = 5.6
    height = row_h * len(rows) + 9
    out: list[str] = []
    grid: list[str] = []
    ticks: list[str] = []
    bars: list[str] = []
    diamonds: list[str] = []
    for i, (_label, value, corpus) in enumerate(rows):
        y = 3 + i * row_h + row_h / 2
        grid.append(f"M{x0:g} {y:.2f}H{x0 + w:g}")
        if len(corpus) <= TICKS_MAX:
            ticks += _ticks((_x(v / 100, x0, w) for v in corpus if v == v), y, 1.6, 0.6)
        else:  # a large run: a density strip of 50 bins keeps the chart a few dozen shapes
            counts = bins(corpus, 50)
            top, bw = max(counts) or 1, w / 50
            for k, c in enumerate(counts):
                if c:
                    h = max(0.3, 3.6 * c / top)
                    bars.append(f"M{x0 + k * bw:.2f} {y + 1.6 - h:.2f}h{bw:.2f}v{h:.2f}h{-bw:.2f}z")
        if value is not None and value == value:
            x = _x(value / 100, x0, w)
            diamonds.append(f"M{x:.2f} {y - 2.4:.2f}L{x + 2.4:.2f} {y:.2f}L{x:.2f} {y + 2.4:.2f}"
                            f"L{x - 2.4:.2f} {y:.2f}Z")
    # few letters: weasyprint lays out and draws SVG <text> one letter at a time
    ya = 3 + len(rows) * row_h + 3.0
    for t in (0, 50, 100):
        out.append(f'<text x="{_x(t / 100, x0, w)}" y="{ya:.2f}" {_FONT} fill="{MUTED}" '
                   f'text-anchor="middle">{t}</text>')
    body = (_path(grid, f'fill="none" stroke="{GRID}" stroke-width="0.3"') + _path(bars, f'fill="{GRID}"')
            + _path(ticks, f'fill="{MUTED}"') + _path(diamonds, f'fill="{INK}"') + out)
    return _svg(width, height - 1, title, body, [r[0] for r in rows], 3, row_h)


def corpus_dots(rows: Sequence[tuple[str, Sequence[tuple[str, float]]]], title: str, width: float = 174) -> Markup:
    """One line per score, every document a labelled dot; labels stagger on four levels to stay legible."""
    x0, w = 34.0, width - 40.0
    n = max((len(r[1]) for r in rows), default=0)
    labelled = n <= 30
    row_h = 13.0 if labelled else 7.0
    height = row_h * len(rows) + 9
    out: list[str] = []
    offsets = (3.4, -2.0, 6.2, -4.8)  # baseline offsets: below, above, further below, further above
    for i, (label, points) in enumerate(rows):
        y = 3 + i * row_h + row_h / 2
        out.extend(_row(label, y, x0, w, 1.0, 0.3))
        last = [-1e9] * len(offsets)
        for tag, v in sorted(points, key=lambda p: (p[1], p[0])):
            if v != v:
                continue
            x = _x(v / 100, x0, w)
            if not labelled:
                out.append(f'<circle cx="{x}" cy="{y:.2f}" r="0.7" fill="{INK}" fill-opacity="0.5"/>')
                continue
            out.append(f'<circle cx="{x}" cy="{y:.2f}" r="1.0" fill="{INK}"/>')
            need = 1.3 * len(tag) + 0.6
            level = next((k for k, end in enumerate(last) if end < x - need / 2), None)
            if level is None:
                level = min(range(len(last)), key=lambda k: last[k])
            last[level] = x + need / 2
            out.append(f'<text x="{x}" y="{y + offsets[level]:.2f}" {_SMALL} '
                       f'fill="{INK}" text-anchor="middle">{escape(tag)}</text>')
    ya = 3 + len(rows) * row_h + 3.5
    for t in (0, 25, 50, 75, 100):
        out.append(f'<text x="{_x(t / 100, x0, w)}" y="{ya:.2f}" {_FONT} fill="{MUTED}" '
                   f'text-anchor="middle">{t}</text>')
    return _svg(width, height, title, out)


def bins(values: Sequence[float], n: int = 20) -> list[int]:
    """Counts of 0-100 values in ``n`` equal bins (100 falls in the last): one linear pass."""
    arr = np.asarray(values, dtype=float)
    arr = arr[~np.isnan(arr)]
    idx = np.clip((arr * n / 100).astype(np.int64), 0, n - 1)
    return [int(c) for c in np.bincount(idx, minlength=n)]


def histograms(rows: Sequence[tuple[str, Sequence[int]]], title: str, width: float = 174) -> Markup:
    """One small histogram per score (bars of equal-width bins over 0-100): the size stays fixed
    however many documents there are, unlike a dot per document."""
    x0, w = 34.0, width - 40.0
    row_h, bar_h = 12.0, 9.0
    height = row_h * len(rows) + 9
    out: list[str] = []
    for i, (label, counts) in enumerate(rows):
        base = 3 + (i + 1) * row_h - 1.5
        top = max(counts, default=0) or 1
        out.extend(_row(label, base, x0, w, -bar_h / 2 + 1.0, 0.3))
        bw = w / max(len(counts), 1)
        for k, c in enumerate(counts):
            if c:
                h = max(0.4, bar_h * c / top)
                out.append(f'<rect x="{x0 + k * bw + 0.15:.2f}" y="{base - h:.2f}" width="{bw - 0.3:.2f}" '
                           f'height="{h:.2f}" fill="{MUTED}"/>')
        out.append(f'<text x="0" y="{base - bar_h / 2 + 4:.2f}" {_SMALL} fill="{MUTED}">tallest: {top:,}</text>')
    ya = 3 + len(rows) * row_h + 3.0
    for t in (0, 25, 50, 75, 100):
        out.append(f'<text x="{_x(t / 100, x0, w)}" y="{ya:.2f}" {_FONT} fill="{MUTED}" '
                   f'text-anchor="middle">{t}</text>')
    return _svg(width, height, title, out)


def bar(value: float | None, pct: float | None = None, width: float = 40, height: float = 3.2,
        alt: str | None = None) -> Markup:
    """A 0-100 bar with an optional corpus-percentile tick, for score cards and tables."""
    out = [f'<rect x="0" y="0.4" width="{width}" height="{height - 0.8}" fill="white" stroke="{GRID}" '
           f'stroke-width="0.25"/>']
    if value is not None and value == value:
        out.append(f'<rect x="0" y="0.4" width="{_x(value / 100, 0, width)}" height="{height - 0.8}" fill="{INK}"/>')
    if pct is not None and pct == pct:
        x = _x(pct / 100, 0, width)
        out.append(f'<path d="M{x - 1:.2f} {height + 1.6:.2f} L{x:.2f} {height:.2f} L{x + 1:.2f} {height + 1.6:.2f} Z"'
                   f' fill="{MUTED}"/>')
    t = f"{value:.0f} of 100" if value is not None and value == value else "no value"
    return _svg(width, height + 1.8, alt or t, out)
