"""Attribution: who is quoted, with which cue, and what goes unsourced.

First version: quote marks and "X said" patterns. Issue 4 raises it.
"""
from __future__ import annotations

import re

from reporter.model import Claim, Quote, Span, Speaker
from reporter.signals.view import ArticleView

_QUOTE = re.compile(r"[\"“«]([^\"”»]{8,}?)[\"”»]")
_CUE = r"(?:said|says|told|stated|noted|emphasi[sz]ed|emphasi[sz]es|warned|added|explained|according to)"
_NAME = r"((?:[A-Z][\w'’\-]+\s){0,3}[A-Z][\w'’\-]+)"
_AFTER = re.compile(rf"^[\s,]*{_NAME}?\s*({_CUE})\s*{_NAME}?", re.U)
_VAGUE = re.compile(r"\b(analysts|experts|observers|officials|sources|critics)\b", re.I)
_FACT = re.compile(r"\d|percent|%|\b(million|billion)\b", re.I)


def _speaker(text: str, s: int, e: int) -> Speaker:
    name = text[s:e]
    kind = "vague" if _VAGUE.search(name) else "named_person"
    return Speaker(s, e, name, kind, name)


def find_quotes(view: ArticleView) -> tuple[list[Quote], list[Claim]]:
    text = view.text
    quotes: list[Quote] = []
    for sent in view.sentences:
        for m in _QUOTE.finditer(text, sent.start, sent.end):
            content = Span(m.start(1), m.end(1), m.group(1))
            after = _AFTER.match(text, m.end(), min(len(text), m.end() + 120))
            cue = speaker = None
            if after:
                cue = Span(after.start(2), after.end(2), after.group(2))
                g = 3 if after.group(3) else 1
                if after.group(g):
                    speaker = _speaker(text, after.start(g), after.end(g))
            quotes.append(Quote(content, cue, speaker, "direct"))
    claims: list[Claim] = []
    covered = [(q.content.start, q.content.end) for q in quotes]
    for sent in view.sentences:
        st = text[sent.start:sent.end]
        if _FACT.search(st) and not re.search(_CUE, st) and not any(a <= sent.start < b for a, b in covered):
            claims.append(Claim(sent.start, sent.end, st, "states a figure with no source"))
    return quotes, claims
