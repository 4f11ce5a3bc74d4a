from reporter.render.method import flesch_band, grade_band, ordered, ordinal, percentile_phrase, signal


def test_plain_language_bands():
    assert grade_band(14.2) == "university level" and grade_band(4) == "primary school"
    assert flesch_band(95) == "very easy" and flesch_band(10) == "very difficult"
    assert grade_band(None) == "" and flesch_band(float("nan")) == ""


def test_percentile_phrase_and_order():
    assert "no comparison" in percentile_phrase(50, 1)
    assert percentile_phrase(62.0, 5) == "62nd percentile of 5 documents in this run"
    assert ordered({"boilerplate": 1, "credibility": 2, "zeta": 3}) == ["credibility", "boilerplate", "zeta"]
    assert signal("zeta").label == "Zeta"


def test_ordinal():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 100)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "100th"]
