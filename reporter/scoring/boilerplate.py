"""``scores.boilerplate``: the share of the page that is not article."""
from __future__ import annotations

from reporter.model import Analysis, Evidence, Score


def score(a: Analysis) -> Score:
    text = a.document.text
    total = sum(len(text[ln.start:ln.end].split()) for ln in a.lines)
    bp = [ln for ln in a.lines if ln.boilerplate]
    bp_words = sum(len(text[ln.start:ln.end].split()) for ln in bp)
    share = bp_words / total if total else 0.0
    ev = [Evidence(ln.reason or "boilerplate", ln.start, ln.end, text[ln.start:ln.end]) for ln in bp]
    return Score("boilerplate", 100 * share,
                 f"{len(bp)} lines ({100 * share:.0f}% of the words) are page chrome, not article", ev,
                 {"lines": len(bp), "words": bp_words})
