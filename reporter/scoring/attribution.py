"""``scores.attribution``: how much of what the article states is credited, to whom, and how many hands away.

Four parts, each with its evidence (higher is better sourced):

* coverage (45%): attributed statements against factual-looking claims in the writer's own voice;
* named share (30%): statements credited to a named person, body or the outlet, against vague
  ("experts say") and anonymous ("a source familiar with") ones;
* source diversity (15%): distinct named sources, 50 at two, saturating;
* directness (10%): 100 when every statement is first-hand, lower as sourcing chains
  ("X reports, citing Y, with reference to Z") grow deeper.

An article with nothing to attribute and no factual claims gets 50: no evidence either way.
"""
from __future__ import annotations

import re
from functools import lru_cache

from reporter.model import Analysis, Evidence, Quote, Score
from reporter.scoring.common import squash

# a state named as speaker ("China said"): its government, identifiable, so it counts as named
_NAMED = frozenset({"named_person", "named_org", "named_place", "outlet"})
_VAGUE = frozenset({"vague", "anonymous"})
_KEYED = frozenset({"named_person", "named_org", "named_place"})  # the types whose name identifies a source
_WORD = re.compile(r"[\w’'\-]+")
_WEIGHTS = {"coverage": 0.45, "named": 0.30, "diversity": 0.15, "directness": 0.10}
MAX_EVIDENCE = 40


@lru_cache(maxsize=65536)
def _name_key(name: str) -> str | None:
    """A source's identity for counting distinct sources: its resolved name's last word, lower-cased.

    Cached: an article quotes the same few speakers again and again, and a corpus repeats its speakers.
    """
    words = _WORD.findall(name.replace("’s", "").replace("'s", ""))
    if not any(w[:1].isupper() for w in words[1:] or words):  # "the publication" names nobody
        return None
    return words[-1].lower() if words else None


def _ev_quote(q: Quote, why: str) -> Evidence:
    if q.speaker and q.speaker.start is not None and q.speaker.end is not None:
        return Evidence(why, q.speaker.start, q.speaker.end, q.speaker.text)
    return Evidence(why, q.content.start, q.content.end, q.content.text[:200])


def score(a: Analysis) -> Score:
    quotes = a.quotes
    claims = a.unattributed
    n_q, n_c = len(quotes), len(claims)
    # the quotes by a named and by a vague speaker, the distinct sources, the relayed ones: one pass
    named: list[Quote] = []
    vague: list[Quote] = []
    chained: list[Quote] = []
    sources: set[str] = set()
    depth = 0
    for q in quotes:
        sp = q.speaker
        if sp:
            kind = sp.type
            if kind in _NAMED:
                named.append(q)
                if kind in _KEYED and sp.name:
                    key = _name_key(sp.name)
                    if key:
                        sources.add(key)
            elif kind in _VAGUE:
                vague.append(q)
        n = len(q.chain)
        if n > 1:
            chained.append(q)
        if n > depth:
            depth = n
    typed = len(named) + len(vague)

    if n_q + n_c == 0:
        return Score("attribution", 50.0, "no attributed statements and no factual claims to weigh",
                     [], {"quotes": 0, "named": 0, "vague": 0, "unattributed": 0, "sources": 0, "chain_depth": 0})

    parts = {
        "coverage": n_q / (n_q + n_c),
        "named": len(named) / typed if typed else (0.5 if n_q else 0.0),
        "diversity": squash(len(sources), 2.0) / 100.0,
        # depth 0-1: first-hand; each extra hand costs a third
        "directness": max(0.0, 1.0 - max(0, depth - 1) / 3.0),
    }
    value = 100.0 * sum(_WEIGHTS[k] * v for k, v in parts.items())

    ev: list[Evidence] = [Evidence(f"coverage {parts['coverage']:.0%}: {n_q} attributed statements, "
                                   f"{n_c} factual claims without a source")]
    ev += [Evidence(f"unattributed: {c.reason}", c.start, c.end, c.text) for c in claims[:MAX_EVIDENCE // 2]]
    ev.append(Evidence(f"named share {parts['named']:.0%}: {len(named)} named, {len(vague)} vague or anonymous"))
    ev += [_ev_quote(q, f"{q.speaker.type} source: {q.speaker.text or 'no one named'}" if q.speaker else "source")
           for q in vague[:MAX_EVIDENCE // 4]]
    ev.append(Evidence(f"{len(sources)} distinct named sources: " + ", ".join(sorted(sources)[:12])))
    if chained:
        ev.append(Evidence(f"sourcing chain up to {depth} hands deep"))
        ev += [_ev_quote(q, "chain: " + " <- ".join(q.chain)) for q in chained[:MAX_EVIDENCE // 4]]
    reason = (f"{n_q} attributed statements ({len(named)} named, {len(vague)} vague or anonymous, "
              f"{len(sources)} distinct named sources), {n_c} factual claims without a source"
              + (f", chains up to {depth} deep" if depth > 1 else ""))
    return Score("attribution", value, reason, ev,
                 {"quotes": n_q, "named": len(named), "vague": len(vague), "unattributed": n_c,
                  "sources": len(sources), "chain_depth": depth,
                  **{f"part_{k}": round(100 * v, 1) for k, v in parts.items()}})
