"""The loaded-language lexicon: CSV rows, inflections and the trie pattern."""
from __future__ import annotations

import csv
from importlib import resources

from reporter.signals.loaded_lexicon import (
    adverb_form,
    boost_words,
    expand,
    lexicon,
    matcher,
    matchers,
    scan,
    vader_backoff,
    verb_forms,
)


def test_verb_forms_and_adverbs():
    assert {"rips", "ripped", "ripping"} <= verb_forms("rip")
    assert {"bullies", "bullied"} <= verb_forms("bully")
    assert {"demonised", "demonising"} <= verb_forms("demonise")
    assert adverb_form("horrible") == "horribly"
    assert adverb_form("tragic") == "tragically"
    assert ("lashed", "out") in expand("lash* out")


def test_lexicon_rows_are_complete():
    with resources.files("reporter.data").joinpath("loaded.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 1000
    cats = {r["category"] for r in rows}
    assert {"name_calling", "charged", "hyperbole", "certainty", "euphemism", "intensifier", "metaphor"} <= cats
    for r in rows:
        assert r["term"].strip() and r["source"].strip()
        float(r["weight"])
    entries = lexicon()
    assert "slammed" in entries and "witch hunt" in entries and "lashing out" in entries


def test_matcher_finds_the_longest_term_on_word_boundaries():
    rx = matcher()
    low = "they lashed out at the so-called experts, then slammed them in a witch  hunt."
    found = [m.group(1) for m in rx.finditer(low)]
    assert "lashed out" in found and "so-called" in found and "slammed" in found
    assert "witch  hunt" in found  # any run of spaces between the words of a term
    assert "called" not in found  # never inside a hyphenated word


def test_matcher_opens_with_the_separator_and_respects_apostrophes():
    rx = matcher()
    found = [m.group(1) for m in rx.finditer(" the 'thugs' and (cronies) don't-slam ex-thugs")]
    assert found == ["thugs", "cronies"]  # a quote mark or bracket may open a term; an in-word hyphen may not


def test_more_lexicon_rows_are_complete_and_new():
    with resources.files("reporter.data").joinpath("loaded_more.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 300
    with resources.files("reporter.data").joinpath("loaded.csv").open(encoding="utf-8") as f:
        first = {r["term"] for r in csv.DictReader(f)}
    for r in rows:
        assert r["term"] not in first and r["source"].strip() and r["category"]
        assert 0 < float(r["weight"]) <= 2
    entries = lexicon()
    assert entries["sidestepped"].category == "charged" and entries["moving the goalposts"].category == "metaphor"


def test_boost_words_leave_out_lexicon_and_plain_news_words():
    words = boost_words()
    assert words and "killed" not in words and not (words & set(lexicon()))


def test_vader_backoff_is_strong_words_only():
    words = vader_backoff()
    assert words and "good" not in words and "table" not in words


def test_scan_finds_exactly_the_matches_of_the_single_pattern():
    rx = matcher()
    texts = [
        "they said (witch hunt) and \u201cticking time bomb\u201d then -lash out",  # a term after a quote mark holds
        # a shorter term after its space ("time bomb"): the merged scans must drop it, as one finditer would
        " the 'thugs' and (cronies) don't-slam ex-thugs, slammed\nregime\u2014thugs",
        "plain words with nothing loaded in them at all",
        "",
    ]
    for low in texts:
        want = [m.span(1) for m in rx.finditer(low)]
        assert [m.span(1) for m in scan(low, 0, len(low))] == want
        assert [m.span(1) for m in scan(low, 3, max(len(low) - 2, 3))] == [m.span(1) for m in
                                                                          rx.finditer(low, 3, max(len(low) - 2, 3))]
    low = texts[0]
    assert [m.group(1) for m in matchers()[0].finditer(low)] == ["time bomb"]  # the overlap the merge must resolve
    assert [m.group(1) for m in scan(low, 0, len(low))] == ["witch hunt", "ticking time bomb", "lash out"]
