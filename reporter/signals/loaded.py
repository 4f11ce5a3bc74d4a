"""Loaded language: words and phrases that tell the reader what to feel.

First version: a lexicon match. Issue 3 raises it.
"""
from __future__ import annotations

import csv
import re
from functools import cache
from importlib import resources

from reporter.model import LoadedSpan, Quote
from reporter.signals.view import ArticleView


@cache
def _lexicon() -> tuple[re.Pattern[str], dict[str, dict[str, str]]]:
    with resources.files("reporter.data").joinpath("loaded.csv").open(encoding="utf-8") as f:
        rows = {r["term"].lower(): r for r in csv.DictReader(f)}
    alt = "|".join(re.escape(t) for t in sorted(rows, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})\b", re.I), rows


def find_loaded(view: ArticleView, quotes: list[Quote]) -> list[LoadedSpan]:
    rx, rows = _lexicon()
    text = view.text
    quoted = [(q.content.start, q.content.end) for q in quotes if q.kind == "direct"]
    out: list[LoadedSpan] = []
    for s in view.sentences:
        for m in rx.finditer(text, s.start, s.end):
            r = rows[m.group().lower()]
            voice = "quoted" if any(a <= m.start() < b for a, b in quoted) else "outlet"
            out.append(LoadedSpan(m.start(), m.end(), m.group(), r["category"], float(r["weight"]),
                                  r["note"], r["alternative"] or None, voice, "lexicon"))
    return out
