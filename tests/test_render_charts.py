import base64
import math
import re
from xml.etree import ElementTree

from reporter.render import charts


def svg(markup) -> str:
    """The SVG source inside a chart's <img src="data:...">, checking the alt text on the way."""
    m = re.fullmatch(r'<img class="chart" alt="([^"]*)" style="[^"]*" src="data:image/svg\+xml;base64,([^"]+)">'
                     r'(<p class="lanes" style="[^"]*">[^<]*</p>)?', str(markup))
    assert m and m.group(1)
    return base64.b64decode(m.group(2)).decode("utf-8")


def _subpaths(src: str, paint: str) -> int:
    """How many marks the one <path> painted with ``paint`` draws (one subpath each)."""
    m = re.search(rf'<path d="([^"]*)" {re.escape(paint)}', src)
    return m.group(1).count("M") if m else 0


def test_strip_draws_one_mark_per_position_in_one_path_per_kind():
    svg_ = svg(charts.strip({"loaded": [(0.1, "charged"), (0.5, "charged"), (0.5, "hyperbole")],
                             "named": [(0.3, "direct")], "claims": [(0.9, "claim")]}, "where things fall"))
    assert svg_.startswith("<svg") and "<title>where things fall</title>" in svg_
    assert svg_.count('fill="#b5470b"') == 1 and _subpaths(svg_, 'fill="#b5470b"') == 2  # same place: one tick
    assert svg_.count("<circle") == 1 and svg_.count('stroke="#6a3d9a"') == 1
    assert _subpaths(svg_, 'fill="white" stroke="#6a3d9a"') == 1


def test_versus_corpus_skips_nan_and_escapes_labels():
    markup = str(charts.versus_corpus([("A <b>", 40.0, [10.0, math.nan, 90.0]), ("B", None, [])], "t"))
    src = svg(markup)
    assert "nan" not in src.lower() and "<text" in src  # only the 0 / 50 / 100 axis figures stay SVG text
    assert markup.endswith('line-height:5.6mm">A &lt;b&gt;\nB</p>')  # row labels: one HTML line each, escaped
    assert "<rect" not in src and _subpaths(src, 'fill="#6b6b6b"') == 2 and _subpaths(src, 'fill="#1a1a1a"') == 1


def test_versus_corpus_draws_a_run_of_repeated_scores_as_few_marks():
    src = svg(charts.versus_corpus([("A", 40.0, [10.0, 50.0, 90.0] * 60)], "t"))  # 180 documents, 3 scores
    assert src.count("<path") == 3 and _subpaths(src, 'fill="#6b6b6b"') == 3


def test_bar_clamps_out_of_range_values():
    src = svg(charts.bar(140.0, -5.0, width=40))
    assert 'width="40.0"' in src  # filled part never exceeds the frame
    assert "140 of 100" in src


def test_corpus_dots_labels_small_runs_only():
    few = svg(charts.corpus_dots([("Credibility", [("D1", 20.0), ("D2", 21.0), ("D3", 22.0)])], "t"))
    assert few.count(">D") == 3
    many = svg(charts.corpus_dots([("Credibility", [(f"D{i}", float(i)) for i in range(40)])], "t"))
    assert ">D1<" not in many and many.count("<circle") == 40


def _parses(src: str) -> None:
    """weasyprint drops an SVG that is not well-formed XML (a duplicate attribute is enough)."""
    ElementTree.fromstring(src)


def test_every_chart_is_well_formed_xml():
    _parses(svg(charts.corpus_dots([("Credibility", [("D1", 20.0), ("D2", 80.0)])], "t")))
    _parses(svg(charts.histograms([("Credibility", charts.bins([1.0, 50.0, 100.0]))], "t")))
    _parses(svg(charts.versus_corpus([("A", 40.0, [float(i % 100) for i in range(1000)])], "t")))
    _parses(svg(charts.strip({"loaded": [(0.5, "x")]}, "t")))
    _parses(svg(charts.bar(50.0, 20.0)))


def test_bins_put_every_value_in_one_of_n_bins():
    counts = charts.bins([0.0, 4.99, 5.0, 99.9, 100.0, math.nan], n=20)
    assert sum(counts) == 5 and counts[0] == 2 and counts[1] == 1 and counts[19] == 2


def test_large_runs_draw_a_fixed_number_of_shapes():
    corpus = [float(i % 101) for i in range(50_000)]
    src = svg(charts.versus_corpus([("A", 40.0, corpus)], "t"))
    assert "<rect" not in src and _subpaths(src, 'fill="#b8b8b8"') <= 50  # a density strip, not 50,000 ticks
    counts = charts.bins(corpus)
    hist = svg(charts.histograms([("A", counts)], "t"))
    assert hist.count("<rect") == 20 and f"tallest: {counts[-1]:,}" in hist and counts[-1] == max(counts)
