"""The loaded-language lexicon: CSV rows expanded to inflected forms, matched by one trie regex.

Why one compiled character-trie pattern: the regex engine walks the text once in C,
multi-word expressions ("lash out", "witch hunt") and inflections ("slam*" -> slams,
slammed, slamming) cost nothing extra at match time, and Python only sees the hits.

Term syntax in ``reporter/data/loaded*.csv``: ``*`` after a word inflects it as a verb
or noun (s/es, ed, ing, ies/ied); ``~`` after an adjective adds its -ly adverb
(brutal~ -> brutally).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

LEXICON_FILES = ("loaded.csv", "loaded_more.csv")

CATEGORY_NOTES = {
    "name_calling": "a label that attacks or belittles people instead of describing them",
    "charged": "an emotionally charged word that tells the reader what to feel",
    "metaphor": "a dramatic image that adds emotion beyond the facts",
    "hyperbole": "exaggeration or an absolute that leaves no room for exceptions",
    "certainty": "the writer asserts certainty without showing the evidence",
    "euphemism": "a softened or contested term that takes a side on what happened",
    "intensifier": "a word that casts doubt on or pumps up the word after it",
    "scare_quotes": "quotation marks around a word to signal doubt or mockery",
    "emphasis": "capital letters or an exclamation used to shout at the reader",
}

_VOWEL = set("aeiou")


@dataclass(slots=True, frozen=True)
class Entry:
    """One lexicon row, shared by all the inflected forms it expands to."""

    term: str
    category: str
    weight: float
    alternative: str | None
    note: str
    source: str
    ntok: int
    adjective: bool  # marked with "~": may take a following noun into its span


def verb_forms(w: str) -> set[str]:
    """Regular inflections of a verb or noun; over-generation is harmless (non-words never occur)."""
    out = {w}
    if w.endswith("e"):
        out |= {w + "s", w + "d", w[:-1] + "ing"}
    elif len(w) > 2 and w.endswith("y") and w[-2] not in _VOWEL:
        out |= {w[:-1] + "ies", w[:-1] + "ied", w + "ing"}
    elif w.endswith(("s", "sh", "ch", "x", "z")):
        out |= {w + "es", w + "ed", w + "ing"}
    else:
        out |= {w + "s", w + "ed", w + "ing"}
        if len(w) >= 3 and w[-1] not in _VOWEL | set("wxy") and w[-2] in _VOWEL and w[-3] not in _VOWEL:
            out |= {w + w[-1] + "ed", w + w[-1] + "ing"}  # slam -> slammed, slamming
    return out


def adverb_form(w: str) -> str:
    """brutal -> brutally, horrible -> horribly, angry -> angrily, tragic -> tragically."""
    if w.endswith("le"):
        return w[:-1] + "y"
    if w.endswith("y"):
        return w[:-1] + "ily"
    if w.endswith("ic"):
        return w + "ally"
    if w.endswith("ll"):
        return w + "y"
    return w + "ly"


def norm(tok: str) -> str:
    """Lower-case and straighten apostrophes so 'don’t' and "don't" match one entry."""
    return tok.lower().replace("’", "'")


def expand(term: str) -> list[tuple[str, ...]]:
    """All token sequences a term stands for."""
    seqs: list[list[str]] = [[]]
    for word in term.lower().split():
        if word.endswith("*"):
            forms = sorted(verb_forms(word[:-1]))
        elif word.endswith("~"):
            forms = [word[:-1], adverb_form(word[:-1])]
        else:
            forms = [word]
        seqs = [s + [f] for s in seqs for f in forms]
    return [tuple(norm(t) for t in s) for s in seqs]


# Words that make what follows stronger; they join the span of the loaded word after them.
INTENSIFIERS = frozenset(
    "very so too extremely incredibly deeply utterly totally completely absolutely really truly downright "
    "particularly especially highly thoroughly increasingly most more such outright openly wholly "
    "hugely massively wildly insanely ridiculously terribly horribly awfully painfully grossly "
    "total complete utter absolute sheer pure real true".split())


# Strongly rated VADER words that are plain reporting vocabulary in news, never loaded by themselves.
VADER_NEUTRAL = frozenset(
    "killed kill kills killing killer killers murder murdered murders murderer death deaths dead died dies dying "
    "war wars crime crimes criminal criminals assault assaulted attack attacks attacked attacker attackers rape "
    "raped rapist terrorism terrorist terrorists cancer disease hostage hostages abuse abused abuser victim victims "
    "suicide bomb bombs bombing bomber prison jail arrest arrested fraud torture tortured weapon weapons gun guns "
    "violence violent injured injury wounded fire fired hurt pain fatal fatalities poverty poor hunger famine "
    "award awards prize win wins won winner winners best better good great love loved loves like likes happy "
    "hope hopes hoped help helps helped support supported thank thanks welcome free freedom peace safe safety "
    "protect protected care cares benefit benefits success successful celebrate celebrated party honest honor "
    "honour honored trust friend friends friendly bonus fun interest interests nice agree agreed please "
    "problem problems crisis risk risks threat threats threatened fear fears feared concern concerns worried "
    "lost lose loss losses fail failed failure sad die bad worse worst racism slavery killings illegal positive "
    "negative harassment harassed punishment punish punished punishing accident accidents accidental fatally "
    "traumatic trauma badly".split())


@cache
def lexicon() -> dict[str, Entry]:
    """Every expanded form ("lashed out") mapped to its row, built once per process."""
    out: dict[str, Entry] = {}
    for name in LEXICON_FILES:
        with resources.files("reporter.data").joinpath(name).open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                term = r["term"].strip()
                if not term or term.startswith("#"):
                    continue
                e = Entry(term=term.replace("*", "").replace("~", ""), category=r["category"],
                          weight=float(r.get("weight") or 1), alternative=(r.get("alternative") or "").strip() or None,
                          note=(r.get("note") or "").strip(), source=(r.get("source") or "").strip(),
                          ntok=len(term.split()), adjective=term.endswith("~"))
                for seq in expand(term):
                    out[" ".join(seq)] = e
    return out


def _trie_pattern(keys: set[str]) -> str:
    """A regex that matches any key, longest first, in time linear in the text: a character trie."""
    trie: dict = {}
    for k in keys:
        node = trie
        for c in k:
            node = node.setdefault(c, {})
        node[""] = {}

    def rx(node: dict) -> str:
        kids = sorted(c for c in node if c)
        if not kids:
            return ""
        alts = [(r"\s+" if c == " " else re.escape(c)) + rx(node[c]) for c in kids]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return rx(trie)


@cache
def _terms() -> str:
    """The trie of every lexicon form, VADER back-off word and intensifier, as group 1 with its end boundary."""
    keys = set(lexicon()) | (vader_backoff() - VADER_NEUTRAL) | INTENSIFIERS
    return "(" + _trie_pattern(keys) + r")(?![\w]|['\-]\w)"


@cache
def matcher() -> re.Pattern[str]:
    """One compiled pattern for every lexicon form, VADER back-off word and intensifier.

    Run over lower-cased text with straight apostrophes; boundaries follow the word
    tokens of reporter.text ("so-called" and "don't" are one word). A bare intensifier
    is a hit only when a ``boost_words()`` word follows it ("so disgusting"): the
    detector checks that in Python, cheaper than a second alternative tried at every word.
    ``scan`` finds exactly the matches of this pattern's ``finditer``, faster.
    """
    # The match opens with the character before the term, from a small literal set, so that the engine can skip
    # in C from separator to separator instead of trying the trie at every position (a third faster). An
    # apostrophe or hyphen counts only when no letter comes before it ("'reform'", not "don't" or "ex-wife").
    # Group 1 is the term; a term at offset 0 has no separator before it (callers prepend one there).
    return re.compile("[" + re.escape(SEPARATORS) + r"'\-](?<!\w['\-])" + _terms())


@cache
def matchers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``matcher()`` cut in two: terms after a space, and terms after any other separator.

    A literal first character lets the engine jump between spaces at memchr speed, where a set of ~45 separators
    is tested character by character in C; and after a space the look-behind for an in-word apostrophe or hyphen
    is moot. Nearly every term follows a space, so the second pattern rarely matches (callgrind: the two scans
    together take 12% fewer instructions than the one).
    """
    other = SEPARATORS.replace(" ", "")
    return re.compile(" " + _terms()), re.compile("[" + re.escape(other) + r"'\-](?<!\w['\-])" + _terms())


def scan(low: str, pos: int, endpos: int) -> Iterable[re.Match[str]]:
    """The matches of ``matcher().finditer(low, pos, endpos)``, from the two patterns of ``matchers()``.

    Each pattern alone is leftmost and non-overlapping; merged, a match that starts inside the one before it is
    dropped and its pattern searched again from where the earlier match ends, exactly as one ``finditer`` would.
    """
    space, other = matchers()
    mo = other.search(low, pos, endpos)
    if mo is None:  # every term follows a space: the space pattern's matches are the whole answer
        return space.finditer(low, pos, endpos)
    out: list[re.Match[str]] = []
    ms = space.search(low, pos, endpos)
    while ms is not None or mo is not None:
        m = ms if mo is None or (ms is not None and ms.start() < mo.start()) else mo
        out.append(m)
        p = m.end()
        if ms is not None and ms.start() < p:
            ms = space.search(low, p, endpos)
        if mo is not None and mo.start() < p:
            mo = other.search(low, p, endpos)
    return out


# Characters that may come right before a word in running text (the apostrophe and hyphen are handled apart).
SEPARATORS = " \t\n\r\f\v\u00a0\u2002\u2003\u2009\u200b\"“”‘’«»„()[]{}<>/\\|—–―‐‑,.;:!?*…#@$%&+=~^`•·"


@cache
def boost_words() -> frozenset[str]:
    """Words VADER rates |v| >= 2: loaded after an intensifier ("so disgusting"), unless the lexicon has them."""
    lex = lexicon()
    return frozenset(w for w in vader_strong(2.0) if w not in VADER_NEUTRAL and w not in lex)


_VADER_LINE = re.compile(r"^([a-z][a-z'-]+)\t(-?\d+(?:\.\d+)?)\t")


_ADJ_SUFFIX = re.compile(r"(?:ous|ful|less|ive|ible|able|ic|al|ish|ant|ent|ly)$")
# VADER back-off: words at or below neg_all, adjective-like words at or below neg_adj or at or above pos_adj.
VADER_BACKOFF = {"neg_all": -3.0, "neg_adj": -2.0, "pos_adj": 2.5}


@cache
def _vader() -> dict[str, float]:
    """VADER's word valences (-4..4), read from the installed package's data file; empty if it is missing."""
    try:
        text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8",
                                                                                         errors="replace")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    out = {}
    for line in text.splitlines():
        m = _VADER_LINE.match(line)
        if m:
            out[m.group(1)] = float(m.group(2))
    return out


@cache
def vader_backoff() -> frozenset[str]:
    """VADER words used on their own: very negative ones, and strongly rated adjectives and adverbs."""
    cut = VADER_BACKOFF
    return frozenset(w for w, v in _vader().items()
                     if v <= cut["neg_all"] or (_ADJ_SUFFIX.search(w) and (v <= cut["neg_adj"] or v >= cut["pos_adj"])))


@cache
def vader_strong(threshold: float = 2.5) -> frozenset[str]:
    """Words VADER rates at least ``threshold`` either way: loaded after an intensifier ("so disgusting")."""
    return frozenset(w for w, v in _vader().items() if abs(v) >= threshold)
