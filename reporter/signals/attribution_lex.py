"""Lexicons for attribution: cue verbs and source words, read once from reporter/data CSV files.

Kept as data so a reviewer can see (and argue with) every word that turns a
sentence into an attributed statement, and why.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Cue:
    """One surface form of a cue: its lemma, category (speech, written, report, belief, according) and frame."""

    form: str
    lemma: str
    category: str
    frame: str  # clause | object | np | after
    note: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: dict[str, Cue]
    by_first: dict[str, tuple[str, ...]]  # first word -> forms starting with it, longest first
    first_set: frozenset[str]
    source_words: dict[str, str]  # lower-case word or phrase -> vague | anonymous | org | outlet | study
    source_phrases: tuple[tuple[str, str], ...]  # multi-word entries, longest first
    # place names, lower-case, "the" dropped -> country | capital | place | region | seat | org
    places: dict[str, str] = field(default_factory=dict)
    roles: frozenset[str] = frozenset()  # role nouns, lower-case ("analyst", "political scientist")


def _rows(name: str) -> list[dict[str, str]]:
    raw = resources.files("reporter.data").joinpath(name).read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(io.StringIO(raw))]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Build the cue table, indexed by first word for the linear cue finder."""
    cues: dict[str, Cue] = {}
    for r in _rows("attribution_cues.csv"):
        base = r["term"] if r.get("base", "yes") != "no" else ""
        forms = [f.strip().lower() for f in (base + "|" + r.get("forms", "")).split("|") if f.strip()]
        for f in forms:
            cues.setdefault(f, Cue(f, r["term"].lower(), r.get("category", "speech"), r.get("frame", "clause"),
                                   r.get("note", "")))
    words: dict[str, str] = {}
    for r in _rows("attribution_sources.csv"):
        words.setdefault(r["term"].lower(), r["category"])
    phrases = tuple(sorted(((k, v) for k, v in words.items() if " " in k), key=lambda kv: -len(kv[0])))
    by_first: dict[str, list[str]] = {}
    for f in cues:
        by_first.setdefault(f.split()[0], []).append(f)
    firsts = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}
    bad = [k for k in firsts if not k.isascii() or not k.isalpha()]
    if bad:  # find_cues collects candidates as a-z runs
        raise ValueError(f"cue first words must be plain letters: {bad[:5]}")
    places: dict[str, str] = {}
    for r in _rows("attribution_places.csv"):
        key = r["term"].lower()
        places.setdefault(key[4:] if key.startswith("the ") else key, r["category"])
    roles = frozenset(r["term"].lower() for r in _rows("attribution_roles.csv"))
    return Lexicon(cues, firsts, frozenset(firsts), words, phrases, places, roles)


# Every cue's first word is plain lower-case ASCII (checked when the table is built), so candidate words are
# runs of a-z: a superset of the real word set (the boundary test below decides). They are collected from the
# UTF-8 bytes, every byte but a-z turned into a space by one bytes.translate: several times faster than a
# regex findall over the text, which was a third of this stage.
_NOT_AZ = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_FIRST_BYTES: dict[bytes, str] = {}
_FIRST_B: list[frozenset[bytes]] = []  # _FIRST_BYTES' keys as one frozenset, made with it
_NEEDLES: dict[bytes, bytes] = {}  # first word -> b" word ", made with it


def lower_same_length(t: str) -> str:
    """``t.lower()`` with every offset kept: a character whose lower case is longer ("İ") stays as it is.

    Cue positions found in the lower-cased text index the original, so the two must line up.
    """
    low = t.lower()
    if len(low) == len(t):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in t)


def az_runs(low: str) -> bytes:
    """``low`` as bytes with every character but a-z made a blank, one byte per character (so a-z runs keep their
    positions): the ASCII encoding with replacement gives one byte per character, "?" for the rest."""
    return low.encode("ascii", "replace").translate(_NOT_AZ)


def find_cues(text: str, start: int, end: int, low: str | None = None,
              az: bytes | None = None) -> list[tuple[int, int]]:
    """Cue spans in ``text[start:end]``, in order.

    The unit's a-z words (one C-level translate and split) that are cue first words are picked by a set look-up
    mapped over them, and located one after the other as whole a-z words of the translated bytes. Linear, and far
    faster than one regex alternation of a few hundred verb forms. ``low``: ``text[start:end].lower()`` when the
    caller has it already (the whole document's, lower-cased once for several uses); ``az``: ``az_runs(low)``,
    likewise.
    """
    lex = lexicon()
    if low is None:
        low = lower_same_length(text[start:end])
    if not _FIRST_BYTES:
        _FIRST_BYTES.update((w.encode("ascii"), w) for w in lex.first_set)
        _FIRST_B.append(frozenset(_FIRST_BYTES))
        _NEEDLES.update((b, b" " + b + b" ") for b in _FIRST_BYTES)
    if az is None:
        az = az_runs(low)
    # The a-z words that are cue first words, in text order, picked in C (a split, and a filter by a set's look-up);
    # each is then located by a bytes.find from the previous one, so the searches read the text once in all
    # (one str.find pass over the whole text per word found cost three times as much)
    items = az.split()
    padded = b" " + az + b" "  # a hit is " word " here, at the position of the word in ``low``
    find = padded.find
    needles = _NEEDLES
    n = len(low)
    found: list[tuple[int, int]] = []
    by_first = lex.by_first
    p = 0
    reach = 0  # the end of the last multi-word form taken: a word inside it is no cue of its own
    for wb in filter(_FIRST_B[0].__contains__, items):
        p = find(needles[wb], p)
        k0 = p + len(wb)
        if p >= reach and (p == 0 or not (low[p - 1].isalnum() or low[p - 1] in "’'-_")) and \
                (k0 >= n or not (low[k0].isalnum() or low[k0] in "’'-_")):
            w = _FIRST_BYTES[wb]
            forms = by_first[w]
            if len(forms) == 1 and forms[0] == w:  # most words: the word is the only form, no longer form to try
                found.append((start + p, start + k0))
            else:
                for f in forms:
                    k = p + len(f)
                    if f == w or (low.startswith(f, p) and (k >= n or not (low[k].isalnum() or low[k] in "’'-"))):
                        found.append((start + p, start + k))
                        reach = k
                        break
        p = k0 + 1  # the blank after this word in ``padded``: it may open the next one
    # in text order already, and no span overlaps the one before it (a word inside a multi-word form was skipped)
    return found


_CUES: dict[str, Cue] = {}


def cue_for(form: str) -> Cue | None:
    """The cue entry for a matched surface form (whitespace-normalised, case-insensitive)."""
    cues = _CUES or _CUES.update(lexicon().cues) or _CUES  # hot: called per token by the speaker walk
    hit = cues.get(form)
    if hit is None and form:
        hit = cues.get(" ".join(form.lower().split()))
    return hit


@dataclass(frozen=True, slots=True)
class GenderLexicon:
    """What tells a named person's gender, for "he"/"she": honorifics, gendered role words, first names."""

    honorifics: dict[str, str]  # "Mr" -> male, as written (capitalised), no full stop
    roles: dict[str, str]  # lower-case role or relation word ("spokeswoman", "first lady") -> female | male
    first_names: dict[str, str]  # capitalised first name -> female | male (one sex for at least 90% of its bearers)


@lru_cache(maxsize=1)
def gender_lexicon() -> GenderLexicon:
    """Read attribution_gender.csv (hand-written) and first_names_census1990.csv.

    The first names are the 1990 US Census first-name files (public domain) as shipped in the MIT-licensed PyPI
    package ``names`` 0.3.0, kept where one sex holds at least 90% of the name and the name at least 0.01% of that
    sex (rarer entries hold East Asian surnames and noise). A ``first_name`` row of category ``none`` in
    attribution_gender.csv takes a name out: common for both sexes in other languages, or a surname written first.
    """
    hon: dict[str, str] = {}
    roles: dict[str, str] = {}
    drop: set[str] = set()
    for r in _rows("attribution_gender.csv"):
        kind, cat = r["kind"], r["category"]
        if kind == "honorific":
            hon[r["term"]] = cat
        elif kind == "role":
            roles[r["term"].lower()] = cat
        elif kind == "first_name" and cat == "none":
            drop.add(r["term"])
    names = {r["term"]: r["category"] for r in _rows("first_names_census1990.csv") if r["term"] not in drop}
    return GenderLexicon(hon, roles, names)
