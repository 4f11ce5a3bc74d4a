import math

from reporter.render import charts


def test_strip_draws_one_shape_per_position():
    svg = str(charts.strip({"loaded": [(0.1, "charged"), (0.5, "charged")], "named": [(0.3, "direct")],
                            "claims": [(0.9, "claim")]}, "where things fall"))
    assert svg.startswith("<svg") and "<title>where things fall</title>" in svg
    assert svg.count('fill="#b5470b"') == 2  # loaded ticks
    assert svg.count("<circle") == 1 and svg.count('stroke="#6a3d9a"') == 1


def test_versus_corpus_skips_nan_and_escapes_labels():
    svg = str(charts.versus_corpus([("A <b>", 40.0, [10.0, math.nan, 90.0])], "t"))
    assert "A &lt;b&gt;" in svg and "nan" not in svg.lower()
    assert svg.count("<rect") == 2 and "<path" in svg


def test_bar_clamps_out_of_range_values():
    svg = str(charts.bar(140.0, -5.0, width=40))
    assert 'width="40.0"' in svg  # filled part never exceeds the frame
    assert "140 of 100" in svg


def test_corpus_dots_labels_small_runs_only():
    few = str(charts.corpus_dots([("Credibility", [("D1", 20.0), ("D2", 21.0), ("D3", 22.0)])], "t"))
    assert few.count(">D") == 3
    many = str(charts.corpus_dots([("Credibility", [(f"D{i}", float(i)) for i in range(40)])], "t"))
    assert ">D1<" not in many and many.count("<circle") == 40
