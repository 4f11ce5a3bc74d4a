"""``scores.boilerplate``: the share of the page that is not article, with the reasons counted.

Weighted by words, not lines: a menu of forty one-word lines is less of the page
than one long cookie banner. The title, byline and dateline are metadata, not
chrome: they are left out of the analysed article but do not count as chrome here.
For HTML input the page also held what trafilatura left out before analysis
(``Document.removed``): those blocks count as chrome too, each with a reason
(the phrase rule it fires, else "not the main content").
"""
from __future__ import annotations

from collections import Counter

from reporter.model import Analysis, Evidence, Score
from reporter.signals.boilerplate_features import line_words, rule_hit

METADATA_KINDS = ("title", "byline", "date")
HTML_REASON = "removed from the HTML page"
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
        start, end = ln.start, ln.end
        if start == end and not ln.boilerplate:  # a blank line: no words, nothing to count
            continue
        t = text[start:end]
        n = line_words(t)  # the label stage split this line already
        total += n
        if not ln.boilerplate:
            continue
        if ln.kind in METADATA_KINDS:
            metadata.setdefault(ln.kind, t.strip())
            continue
        reason = ln.reason or "boilerplate"
        chrome_words += n
        by_reason[reason] += 1
        words_by_reason[reason] += n
        ev.append(Evidence(reason, start, end, t))
    nlines = sum(by_reason.values())
    removed_words = 0
    html_reasons: list[str] = []
    for block in a.document.removed or ():
        hit = rule_hit(block) if len(block) < 400 else None
        reason = f"{HTML_REASON}: {hit[0] if hit else 'not the main content'}"
        n = len(block.split())
        removed_words += n
        by_reason[reason] += 1
        words_by_reason[reason] += n
        html_reasons.append(reason)
        ev.append(Evidence(reason, None, None, block))
    total += removed_words
    chrome_words += removed_words
    if len(ev) > MAX_EVIDENCE:
        keep = sorted(ev, key=lambda e: -len(e.text))[:MAX_EVIDENCE]
        ev = sorted(keep, key=lambda e: (e.start is None, e.start or 0))
    share = chrome_words / total if total else 0.0
    ranked = by_reason.most_common()  # one sort: most_common(3) is its first three (both stable on ties)
    top = ", ".join(f"{r} ({c})" for r, c in ranked[:3])
    why = f"{nlines} lines ({100 * share:.0f}% of the words) are page chrome, not article"
    if html_reasons:
        why = (f"{nlines} lines and {len(html_reasons)} blocks removed from the HTML ({100 * share:.0f}% of the "
               "words) are page chrome, not article")
    if top:
        why += f"; most often: {top}"
    return Score("boilerplate", 100 * share, why, ev,
                 {"lines": nlines, "words": chrome_words, "total_words": total,
                  "reasons": dict(ranked), "words_by_reason": dict(words_by_reason.most_common()),
                  "metadata": metadata, "html_removed_words": removed_words, "html_removed_reasons": html_reasons})
