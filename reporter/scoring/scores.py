"""0-100 scores per signal, each carrying the evidence that produced it.

First versions; issues 3, 4, 5 and 7 calibrate them.
"""
from __future__ import annotations

import math

from reporter.model import Analysis, Evidence, Score


def _squash(x: float, half: float) -> float:
    """Map a non-negative rate to 0-100, reaching 50 at ``half``."""
    return 100.0 * (1.0 - math.exp(-math.log(2) * max(x, 0.0) / half))


def loaded_language(a: Analysis) -> Score:
    words = max(a.stats.get("article_words", 0), 1)
    own = [s for s in a.loaded if s.voice == "outlet"]
    weighted = sum(s.weight for s in own)
    per_k = 1000 * weighted / words
    ev = [Evidence(f"{s.category}: {s.note}", s.start, s.end, s.text) for s in own]
    return Score("loaded_language", _squash(per_k, 10.0),
                 f"{len(own)} loaded terms in the outlet's own voice, {per_k:.1f} weighted per 1,000 words",
                 ev, {"per_1000_words": round(per_k, 2), "outlet_spans": len(own),
                      "quoted_spans": len(a.loaded) - len(own)})


def attribution(a: Analysis) -> Score:
    n_q = len(a.quotes)
    named = sum(1 for q in a.quotes if q.speaker and q.speaker.type in ("named_person", "named_org"))
    claims = len(a.unattributed)
    share = n_q / (n_q + claims) if n_q + claims else 0.0
    value = 100 * (0.6 * share + 0.4 * (named / n_q if n_q else 0.0))
    ev = [Evidence(f"quoted: {q.speaker.name if q.speaker else 'no speaker found'}",
                   q.content.start, q.content.end, q.content.text) for q in a.quotes]
    ev += [Evidence(f"unattributed: {c.reason}", c.start, c.end, c.text) for c in a.unattributed]
    return Score("attribution", value,
                 f"{n_q} attributed statements ({named} to named sources), {claims} factual claims without a source",
                 ev, {"quotes": n_q, "named": named, "unattributed": claims})


def boilerplate(a: Analysis) -> Score:
    text = a.document.text
    total = sum(len(text[ln.start:ln.end].split()) for ln in a.lines)
    bp = [ln for ln in a.lines if ln.boilerplate]
    bp_words = sum(len(text[ln.start:ln.end].split()) for ln in bp)
    share = bp_words / total if total else 0.0
    ev = [Evidence(ln.reason or "boilerplate", ln.start, ln.end, text[ln.start:ln.end]) for ln in bp]
    return Score("boilerplate", 100 * share,
                 f"{len(bp)} lines ({100 * share:.0f}% of the words) are page chrome, not article", ev,
                 {"lines": len(bp), "words": bp_words})


def readability(a: Analysis) -> Score:
    fre = a.readability.get("flesch_reading_ease", 0.0)
    return Score("readability", max(0.0, min(100.0, fre)), f"Flesch reading ease {fre}; "
                 f"{a.readability.get('reading', '')}", [], dict(a.readability))
