import base64
import math
import re

from reporter.render import charts


def svg(markup) -> str:
    """The SVG source inside a chart's <img src="data:...">, checking the alt text on the way."""
    m = re.fullmatch(r'<img class="chart" alt="([^"]*)" style="[^"]*" src="data:image/svg\+xml;base64,([^"]+)">',
                     str(markup))
    assert m and m.group(1)
    return base64.b64decode(m.group(2)).decode("utf-8")


def test_strip_draws_one_shape_per_position():
    svg_ = svg(charts.strip({"loaded": [(0.1, "charged"), (0.5, "charged")], "named": [(0.3, "direct")],
                            "claims": [(0.9, "claim")]}, "where things fall"))
    assert svg_.startswith("<svg") and "<title>where things fall</title>" in svg_
    assert svg_.count('fill="#b5470b"') == 2  # loaded ticks
    assert svg_.count("<circle") == 1 and svg_.count('stroke="#6a3d9a"') == 1


def test_versus_corpus_skips_nan_and_escapes_labels():
    src = svg(charts.versus_corpus([("A <b>", 40.0, [10.0, math.nan, 90.0])], "t"))
    assert "A &lt;b&gt;" in src and "nan" not in src.lower()
    assert src.count("<rect") == 2 and "<path" in src


def test_bar_clamps_out_of_range_values():
    src = svg(charts.bar(140.0, -5.0, width=40))
    assert 'width="40.0"' in src  # filled part never exceeds the frame
    assert "140 of 100" in src


def test_corpus_dots_labels_small_runs_only():
    few = svg(charts.corpus_dots([("Credibility", [("D1", 20.0), ("D2", 21.0), ("D3", 22.0)])], "t"))
    assert few.count(">D") == 3
    many = svg(charts.corpus_dots([("Credibility", [(f"D{i}", float(i)) for i in range(40)])], "t"))
    assert ">D1<" not in many and many.count("<circle") == 40
