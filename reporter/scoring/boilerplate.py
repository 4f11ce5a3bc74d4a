"""``scores.boilerplate``: the share of the page that is not article, with the reasons counted.

Weighted by words, not lines: a menu of forty one-word lines is less of the page
than one long cookie banner. The title, byline and dateline are metadata, not
chrome: they are left out of the analysed article but do not count as chrome here.
"""
from __future__ import annotations

from collections import Counter

from reporter.model import Analysis, Evidence, Score

METADATA_KINDS = ("title", "byline", "date")
MAX_EVIDENCE = 30  # the full list is in ``boilerplate.lines``; evidence keeps the largest chrome lines


def score(a: Analysis) -> Score:
    text = a.document.text
    total = 0
    chrome_words = 0
    by_reason: Counter[str] = Counter()
    words_by_reason: Counter[str] = Counter()
    metadata: dict[str, str] = {}
    ev: list[Evidence] = []
    for ln in a.lines:
        n = len(text[ln.start:ln.end].split())
        total += n
        if not ln.boilerplate:
            continue
        if ln.kind in METADATA_KINDS:
            metadata.setdefault(ln.kind, text[ln.start:ln.end].strip())
            continue
        reason = ln.reason or "boilerplate"
        chrome_words += n
        by_reason[reason] += 1
        words_by_reason[reason] += n
        ev.append(Evidence(reason, ln.start, ln.end, text[ln.start:ln.end]))
    if len(ev) > MAX_EVIDENCE:
        keep = sorted(ev, key=lambda e: (e.start or 0) - (e.end or 0))[:MAX_EVIDENCE]
        ev = sorted(keep, key=lambda e: e.start or 0)
    share = chrome_words / total if total else 0.0
    top = ", ".join(f"{r} ({c})" for r, c in by_reason.most_common(3))
    why = f"{sum(by_reason.values())} lines ({100 * share:.0f}% of the words) are page chrome, not article"
    if top:
        why += f"; most often: {top}"
    return Score("boilerplate", 100 * share, why, ev,
                 {"lines": sum(by_reason.values()), "words": chrome_words, "total_words": total,
                  "reasons": dict(by_reason.most_common()), "words_by_reason": dict(words_by_reason.most_common()),
                  "metadata": metadata})
