"""``scores.loaded_language``: density of loaded language in the outlet's own voice.

The rate is weighted spans per 1,000 article words. Spans in the outlet's own voice
count in full, quoted ones at ``QUOTED`` (the speaker said them, the outlet chose to
print them); a term repeated through a story counts once; tone markers count at half
weight; and ``PRIOR_WORDS`` words of plain copy are added to every text, so that a
single loaded word in a short text does not read as a rant. Calibration, measured on
the dev sets in docs/loaded.md: straight wire copy sits around 2-6 weighted
spans per 1,000 words, partisan commentary 10-20, rants 30 and more. A small
allowance (``FLOOR``) absorbs the odd false positive every plain text has, then
the rate is squashed to 0-100, reaching 50 at ``HALF`` above the floor.
"""
from __future__ import annotations

from collections import Counter
from operator import attrgetter

from reporter.model import Analysis, Evidence, LoadedSpan, Score
from reporter.scoring.common import squash

FLOOR = 2.0  # weighted spans per 1,000 words that even careful copy shows
HALF = 10.0  # rate above the floor that scores 50
# A short text gives a noisy rate (one loaded word in 80 is "12 per 1,000"): the rate is taken as if this many
# words of plain copy were added, which pulls short texts toward zero and leaves long ones almost unchanged.
PRIOR_WORDS = 100
# Tone markers (certainty, scare quotes, intensifiers, capitals) count at this share of their weight: they
# colour a text less than the loaded words and labels themselves.
# Euphemisms and contested terms ("illegal immigrant", "death tax") are naming choices that mark a side more than they
# stir feeling, and the framing stage reports them as contested terms too: half weight as well.
STYLE = {"certainty": 0.5, "scare_quotes": 0.5, "intensifier": 0.5, "emphasis": 0.5, "euphemism": 0.5}
# Loaded words inside quotations are the speaker's, but the outlet chose to print them: a story built on inflammatory
# quotes still hands the reader loaded language. They count at this share (measured: 0 -> 0.5 raised the PTC rank
# correlation by 0.02; 1.0 would make a faithful report of an angry speech read as the outlet's own rant).
QUOTED = 0.5

_WEIGHT = attrgetter("weight")
_CATEGORY = attrgetter("category")


def rate_to_score(per_k: float) -> float:
    """Map weighted loaded spans per 1,000 words to 0-100; monotone, so rankings survive."""
    over = max(per_k - FLOOR, 0.0)
    # Below the floor keep a sliver of the raw rate so texts still rank against each other.
    return squash(over, HALF) if over > 0 else min(per_k, FLOOR) / FLOOR * 0.5


def score(a: Analysis) -> Score:
    words = max(a.stats.get("article_words", 0), 1)
    own: list[LoadedSpan] = []
    quoted: list[LoadedSpan] = []
    for s in a.loaded:
        (own if s.voice == "outlet" else quoted).append(s)
    weighted = 0.0
    seen: set[str] = set()
    # A term repeated through a story is one choice of word, not many: each counts once, in its outlet voice if any
    # (the outlet's spans first, then the quoted ones: the order a stable sort on "not outlet" gives).
    for spans, voice in ((own, 1.0), (quoted, QUOTED)):
        for s in spans:
            key = s.text.lower()
            if key in seen:
                continue
            seen.add(key)
            weighted += s.weight * STYLE.get(s.category, 1.0) * voice
    per_k = 1000 * weighted / (words + PRIOR_WORDS)
    value = rate_to_score(per_k)
    cats = Counter(map(_CATEGORY, own))
    top = ", ".join(f"{n} {c.replace('_', ' ')}" for c, n in cats.most_common(3))
    reason = (f"{len(own)} loaded terms in the outlet's own voice ({top}), {per_k:.1f} weighted per 1,000 words"
              if own else "no loaded terms in the outlet's own voice")
    ev = [Evidence(f"{s.category}: {s.note}" + (f' Neutral: "{s.alternative}".' if s.alternative else ""),
                   s.start, s.end, s.text)
          for s in sorted(own, key=_WEIGHT, reverse=True)[:25]]  # stable: equal weights keep text order
    return Score("loaded_language", value, reason, ev,
                 {"per_1000_words": round(per_k, 2), "outlet_spans": len(own),
                  "quoted_spans": len(a.loaded) - len(own), "by_category": dict(cats),
                  "floor": FLOOR, "half": HALF, "prior_words": PRIOR_WORDS, "quoted_share": QUOTED})
