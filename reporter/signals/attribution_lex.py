"""Lexicons for attribution: cue verbs and source words, read once from reporter/data CSV files.

Kept as data so a reviewer can see (and argue with) every word that turns a
sentence into an attributed statement, and why.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
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
    cue_re: re.Pattern[str]
    source_words: dict[str, str]  # lower-case word or phrase -> vague | anonymous | org | outlet | study
    source_phrases: tuple[tuple[str, str], ...]  # multi-word entries, longest first


def _rows(name: str) -> list[dict[str, str]]:
    raw = resources.files("reporter.data").joinpath(name).read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(io.StringIO(raw))]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Build the cue table and one compiled alternation of every cue form (longest first)."""
    cues: dict[str, Cue] = {}
    for r in _rows("attribution_cues.csv"):
        forms = [f.strip().lower() for f in (r["term"] + "|" + r.get("forms", "")).split("|") if f.strip()]
        for f in forms:
            cues.setdefault(f, Cue(f, r["term"].lower(), r.get("category", "speech"), r.get("frame", "clause"),
                                   r.get("note", "")))
    alts = sorted(cues, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
    cue_re = re.compile(rf"(?<![\w’'\-])(?:{body})(?![\w’'\-])", re.I)
    words: dict[str, str] = {}
    for r in _rows("attribution_sources.csv"):
        words.setdefault(r["term"].lower(), r["category"])
    phrases = tuple(sorted(((k, v) for k, v in words.items() if " " in k), key=lambda kv: -len(kv[0])))
    return Lexicon(cues, cue_re, words, phrases)


def cue_for(form: str) -> Cue | None:
    """The cue entry for a matched surface form (whitespace-normalised, case-insensitive)."""
    return lexicon().cues.get(" ".join(form.lower().split()))
