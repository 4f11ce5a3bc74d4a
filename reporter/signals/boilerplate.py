"""Boilerplate: which lines of a scraped page are page chrome, and why.

First version: phrase rules and a short-line rule. Issue 5 raises it.
"""
from __future__ import annotations

import re

from reporter.model import Document, LineLabel
from reporter.text.segment import Segmented

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^\s*(home|main)\s*(»|>|/|›|\|)", re.I), "navigation crumbs"),
    (re.compile(r"leave a (comment|reply)|your email address will not be published|comments?\s*\(\d+\)", re.I),
     "comment prompt"),
    (re.compile(r"^\s*(share|tweet|follow us|subscribe|sign up|newsletter)\b", re.I), "share or subscribe prompt"),
    (re.compile(r"you may also like|related (articles|posts|stories)|read more|recommended", re.I), "related links"),
    (re.compile(r"^\s*(photo|image|picture)( source| credit)?\s*:|getty images|/afp\b|reuters/|shutterstock", re.I),
     "photo credit or caption"),
    (re.compile(r"cookies?\b.*\b(accept|consent|use)|privacy policy|terms of (use|service)", re.I), "cookie or legal"),
    (re.compile(r"(©|\(c\)|copyright|all rights reserved)", re.I), "copyright line"),
    (re.compile(r"^\s*(#\w+\s*){2,}$"), "hashtags"),
    (re.compile(r"^\s*(advertisement|sponsored|ad)\s*$", re.I), "advertising"),
]


def label_lines(doc: Document, seg: Segmented) -> list[LineLabel]:
    """One LineLabel per ``text.split("\\n")`` line."""
    out: list[LineLabel] = []
    text = doc.text
    for ln in seg.lines:
        line = text[ln.start:ln.end]
        if not line.strip():
            out.append(LineLabel(ln.start, ln.end, False, None, "blank"))
            continue
        reason = next((why for rx, why in _RULES if rx.search(line)), None)
        if reason is None and len(line.split()) <= 3 and not re.search(r"[.!?\"”]\s*$", line):
            reason = "short line without a sentence"
        out.append(LineLabel(ln.start, ln.end, reason is not None, reason,
                             "boilerplate" if reason else "content"))
    return out
