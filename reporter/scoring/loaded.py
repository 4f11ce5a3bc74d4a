"""``scores.loaded_language``: density of loaded terms in the outlet's own voice."""
from __future__ import annotations

from reporter.model import Analysis, Evidence, Score
from reporter.scoring.common import squash


def score(a: Analysis) -> Score:
    words = max(a.stats.get("article_words", 0), 1)
    own = [s for s in a.loaded if s.voice == "outlet"]
    weighted = sum(s.weight for s in own)
    per_k = 1000 * weighted / words
    ev = [Evidence(f"{s.category}: {s.note}", s.start, s.end, s.text) for s in own]
    return Score("loaded_language", squash(per_k, 10.0),
                 f"{len(own)} loaded terms in the outlet's own voice, {per_k:.1f} weighted per 1,000 words",
                 ev, {"per_1000_words": round(per_k, 2), "outlet_spans": len(own),
                      "quoted_spans": len(a.loaded) - len(own)})
