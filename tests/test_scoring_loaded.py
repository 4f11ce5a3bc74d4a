"""scores.loaded_language: outlet-voice density, calibrated so wire copy reads low and a rant high."""
from __future__ import annotations

from reporter.model import Analysis, Document, LoadedSpan
from reporter.pipeline import analyze
from reporter.scoring.loaded import FLOOR, PRIOR_WORDS, rate_to_score, score

WIRE = (
    "The central bank raised its benchmark interest rate by a quarter of a percentage point on Wednesday, "
    "its third increase this year, citing inflation that remained above its 2 percent target. "
    "The decision was widely expected by economists. The bank said it would publish new forecasts in March. "
    "Shares in regional lenders rose slightly after the announcement, while the currency was little changed. "
    "Officials declined to say whether further increases were planned, saying decisions would depend on data."
)
RANT = (
    "This disgraceful, corrupt regime has once again slammed the door on ordinary families. "
    "Its so-called reform is an utter disaster, a shameless power grab by arrogant elites and their cronies. "
    "Obviously, the clueless ministers will never admit their catastrophic blunders. "
    "The mainstream media, as usual, is peddling propaganda and lies to cover for these crooks. "
    "It is the worst betrayal in history, and the spineless opposition cowers."
)


def _analysis(spans: list[LoadedSpan], words: int) -> Analysis:
    return Analysis(document=Document(id="x", text=""), loaded=spans, stats={"article_words": words})


def test_wire_reads_low_and_rant_reads_high():
    wire = analyze(WIRE).scores["loaded_language"].value
    rant = analyze(RANT).scores["loaded_language"].value
    assert wire < 15
    assert rant > 80
    assert 0 <= wire < rant <= 100


def test_quoted_words_count_at_a_reduced_share():
    own = LoadedSpan(0, 5, "thugs", "name_calling", 2.0, voice="outlet")
    quoted = LoadedSpan(10, 18, "vermin", "name_calling", 2.0, voice="quoted")
    alone = score(_analysis([own], 400))
    both = score(_analysis([own, quoted], 400))
    twice = score(_analysis([own, LoadedSpan(20, 26, "crooks", "name_calling", 2.0)], 400))
    assert alone.value < both.value < twice.value
    assert both.details["quoted_spans"] == 1 and both.details["outlet_spans"] == 1
    assert "1 loaded terms in the outlet's own voice" in both.reason


def test_a_repeated_term_counts_once():
    once = score(_analysis([LoadedSpan(0, 6, "regime", "name_calling", 2.0)], 600))
    again = score(_analysis([LoadedSpan(i * 50, i * 50 + 6, "Regime", "name_calling", 2.0) for i in range(6)], 600))
    varied = score(_analysis([LoadedSpan(i * 50, i * 50 + 5, w, "name_calling", 2.0)
                              for i, w in enumerate("thugs crooks goons vermin louts bigots".split())], 600))
    assert once.value == again.value < varied.value


def test_rate_is_monotone_and_bounded():
    values = [rate_to_score(x) for x in (0, 1, FLOOR, 3, 5, 10, 20, 40, 200)]
    assert values == sorted(values)
    assert values[0] == 0 and values[-1] <= 100
    assert abs(rate_to_score(FLOOR + 10) - 50) < 1e-6


def test_weight_raises_the_score():
    light = score(_analysis([LoadedSpan(0, 4, "huge", "hyperbole", 0.5)] * 5, 500))
    heavy = score(_analysis([LoadedSpan(0, 4, "thug", "name_calling", 2.0)] * 5, 500))
    assert heavy.value > light.value


def test_reason_and_evidence_carry_the_spans():
    s = analyze(RANT).scores["loaded_language"]
    assert "outlet's own voice" in s.reason
    assert s.evidence and all(e.text and e.start is not None for e in s.evidence)
    assert s.details["by_category"]


def test_empty_text_scores_zero():
    s = score(_analysis([], 0))
    assert s.value == 0 and "no loaded terms" in s.reason


def test_tone_markers_count_less_than_loaded_words():
    tone = score(_analysis([LoadedSpan(0, 9, "obviously", "certainty", 1.0)] * 4, 400))
    word = score(_analysis([LoadedSpan(0, 9, "shameless", "charged", 1.0)] * 4, 400))
    assert 0 < tone.value < word.value


def test_one_word_in_a_short_text_is_not_a_rant():
    words = "thugs crooks goons vermin louts bigots zealots cronies stooges lackeys".split()
    short = score(_analysis([LoadedSpan(0, 5, "thugs", "name_calling", 2.0)], 40))
    long = score(_analysis([LoadedSpan(i * 20, i * 20 + len(w), w, "name_calling", 2.0) for i, w in enumerate(words)],
                           400))
    assert short.value < long.value
    assert short.details["prior_words"] == PRIOR_WORDS


def test_contested_terms_count_at_half_weight():
    contested = score(_analysis([LoadedSpan(0, 9, "death tax", "euphemism", 1.5)], 300))
    charged = score(_analysis([LoadedSpan(0, 9, "barbarous", "charged", 1.5)], 300))
    assert 0 < contested.value < charged.value


def test_a_term_used_by_outlet_and_speaker_counts_once_in_the_outlet_voice():
    """A word both quoted and in the outlet's voice counts once, at full weight, whichever comes first."""
    quoted_first = [LoadedSpan(0, 6, "Regime", "name_calling", 2.0, voice="quoted"),
                    LoadedSpan(50, 56, "regime", "name_calling", 2.0)]
    s = score(_analysis(quoted_first, 600))
    alone = score(_analysis(quoted_first[1:], 600))
    assert s.details["per_1000_words"] == alone.details["per_1000_words"]
    heavy = [LoadedSpan(0, 5, "thugs", "name_calling", 1.0), LoadedSpan(10, 15, "goons", "name_calling", 3.0),
             LoadedSpan(20, 25, "louts", "name_calling", 1.0)]
    assert [e.text for e in score(_analysis(heavy, 600)).evidence] == ["goons", "thugs", "louts"]  # ties keep order
