"""``scores.attribution``: how much of what the article states is credited to a source."""
from __future__ import annotations

from reporter.model import Analysis, Evidence, Score


def score(a: Analysis) -> Score:
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
