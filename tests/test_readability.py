import socket

import pytest

from reporter.signals import readability
from reporter.signals.readability import grade_reading, measure


def test_grade_reading_bands():
    assert grade_reading(14.2) == "grade 14: university level"
    assert grade_reading(4) == "grade 4: elementary school"
    assert grade_reading(-3).startswith("grade 0")


def test_measure_works_offline(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("readability tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    text = ("The committee approved the budget after a long debate. "
            "Members argued about the cost of the new bridge across the river. "
            "The vote was close, and the chairman thanked everyone.")
    r = measure(text)
    assert r["words"] == 30
    assert r["sentences"] == 3
    assert 0 < r["flesch_kincaid_grade"] < 14


def test_harder_text_reads_at_a_higher_grade():
    easy = measure("The cat sat on the mat. The dog ran to the park. We had fun.")
    hard = measure("Notwithstanding considerable institutional resistance, the administration's "
                   "comprehensive infrastructural modernisation programme necessitated unprecedented "
                   "intergovernmental coordination.")
    assert hard["flesch_kincaid_grade"] > easy["flesch_kincaid_grade"] + 5


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_empty_text(text):
    assert measure(text)["words"] == 0


TEXTS = [
    "The council voted on Tuesday to close the old library. Residents said they were not consulted.\n"
    "\u201cWe learned about it from the newspaper,\u201d said Maria Lopez, who has lived on Elm Street for "
    "thirty years. The mayor's office didn't respond. Officials estimated the savings at 1.2 million dollars.",
    "Don't 'quote' me -- it's O'Neill's problem now! Why? Because. Extraordinarily complicated "
    "administrative reorganisation initiatives rarely succeed.",
    "One two. Three.",
]


def _textstat_figures(text: str) -> dict:
    ts = readability._textstat()
    grade = float(ts.flesch_kincaid_grade(text))
    return {
        "words": int(ts.lexicon_count(text)),
        "sentences": int(ts.sentence_count(text)),
        "flesch_reading_ease": round(float(ts.flesch_reading_ease(text)), 1),
        "flesch_kincaid_grade": round(grade, 1),
        "gunning_fog": round(float(ts.gunning_fog(text)), 1),
        "smog_index": round(float(ts.smog_index(text)), 1),
        "coleman_liau_index": round(float(ts.coleman_liau_index(text)), 1),
        "dale_chall": round(float(ts.dale_chall_readability_score(text)), 1),
        "difficult_words": int(ts.difficult_words(text)),
        "reading_time_s": round(float(ts.reading_time(text)), 1),
        "reading": readability.grade_reading(grade),
    }


@pytest.mark.parametrize("text", TEXTS)
def test_same_figures_as_textstat(text):
    assert readability.measure(text) == _textstat_figures(text)


def test_syllables_from_dictionary_and_fallback():
    assert readability._syllables("library") == 3
    assert readability._syllables("zorblaxian") >= 2  # not in the CMU dictionary: hyphenation


def test_word_facts_stay_bounded_and_figures_unchanged(monkeypatch):
    text = TEXTS[0]
    before = measure(text)
    monkeypatch.setattr(readability._WordFacts, "MAX", 5)  # forces a reset on the next new words
    novel = "Quarrelsome zymurgists outmanoeuvred the harbourmaster twice. The ombudsman shrugged."
    assert measure(novel) == _textstat_figures(novel)
    assert len(readability._FACTS.packed) <= len(set(readability._words(novel)))
    assert measure(text) == before


@pytest.mark.parametrize("text", [
    "It's the council's plan -- isn't it? 'Yes.' Rock'n'roll's fine... ’Tis ‘odd’ — “very” odd… Naïve café, x².",
    "Trailing apostrophe' and 've 'll 're 'd at starts. Dots.in.words! 3.5 pct?? NUL\x00char and \x1cfile sep.",
    "東京で会議. Ελλάδα και. ¡Hola! ¿Qué? «Bonjour» • item · item ©2024 ™ 20°C €5 £3",
])
def test_cleaning_equals_textstats_regex(text):
    """The translate-based cleaning and sentence count equal the regex ones, character for character."""
    from itertools import filterfalse

    cleaned, n_sent = readability._clean(text)
    assert cleaned == readability._NOT_WORD.sub("", text)
    pieces = readability._SENTENCE.findall(text)
    short = sum(map(readability._is_short, filterfalse(readability._THREE_WORDS.match, pieces)))
    assert n_sent == max(1, len(pieces) - short) == readability._sentence_count(text)


def test_word_sums_over_many_words_do_not_carry():
    """Packed sums split long texts so that no count spills into the next bit field."""
    facts = readability._WordFacts()
    words = ["the", "administration", "comprehensive", "cat"] * 5000
    hard = sum(facts.sums([w])[3] for w in ("administration", "comprehensive", "cat", "the"))
    assert facts.sums(words) == (5000 * (1 + 5 + 4 + 1), 10000, 10000, hard * 5000, 2)


def test_word_sums_count_difficult_words_once():
    facts = readability._WordFacts()
    assert facts.sums([]) == (0, 0, 0, 0, 0)
    assert facts.sums(["Administration", "administration", "cat", "Administration"])[4] == 2  # cased forms apart


@pytest.mark.parametrize("word", [
    "zorblaxian", "quartercentury", "wellinformed", "huffpollster", "a", "ab", "abc", "abcd", "abcde", "1234",
    "x²", "covid19", "2016s", "’tis", "don't", "o'neill's", "naïve", "café", "ﬁnance", "straße", "ǆemal", "i̇stanbul",
    "ελλάδα", "東京", "supercalifragilisticexpialidocious", "antidisestablishmentarianism", "hyphenation", "rhythm",
])
def test_hyphen_points_equal_pyphen(word):
    """The pruned look-up finds exactly pyphen's hyphenation points (the syllables of words outside the CMU list)."""
    assert readability._hyphen_points(word) == len(readability._pyphen().positions(word))


def test_hyphen_points_equal_pyphen_on_generated_words():
    import random

    rnd = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyz'é0123"
    for _ in range(3000):
        w = "".join(rnd.choice(letters) for _ in range(rnd.randint(1, 22)))
        assert readability._hyphen_points(w) == len(readability._pyphen().positions(w)), w
