"""Classroom handouts: exercises generated from one analysis, with a teacher's answer key.

The questions are written here in our own words; only the article text and the
analysis' findings are filled in, so every exercise has an answer in the key.
"""
from __future__ import annotations

import bisect
import re
from typing import Any

from reporter.model import Analysis
from reporter.render.annotate import SPEAKER_TYPES, annotate
from reporter.render.dossier import _clip, readability, title_of

_SENT = re.compile(r"(?<=[.!?…])[\"”’)]*\s+")


def _para_of(paragraphs: list[Any]) -> Any:
    starts = [p.start for p in paragraphs]

    def find(offset: int) -> int | None:
        i = bisect.bisect_right(starts, offset) - 1
        return paragraphs[i].number if i >= 0 else None
    return find


def _longest_sentence(paragraphs: list[tuple[int, str]]) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for n, text in paragraphs:
        for s in _SENT.split(text):
            s = s.strip()
            if best is None or len(s.split()) > len(best[1].split()):
                best = (n, s)
    return best if best and len(best[1].split()) >= 12 else None


def handout_context(a: Analysis, teacher: bool) -> dict[str, Any]:
    """Exercises and answers for one article; ``teacher`` adds the key and the annotated text."""
    d = a.document
    ann = annotate(a)
    para = _para_of(ann.paragraphs)
    plain = [(p.number, "".join(s.text for s in p.segments)) for p in ann.paragraphs]

    outlet_spans = sorted((s for s in a.loaded if s.voice == "outlet"), key=lambda s: s.start)
    seen: set[str] = set()
    loaded_key = []
    for s in outlet_spans:
        k = s.text.lower()
        if k in seen:
            continue
        seen.add(k)
        loaded_key.append({"para": para(s.start), "text": s.text, "category": s.category.replace("_", " "),
                           "alternative": s.alternative or "(open: discuss)", "note": s.note})
    n_find = min(3, len(loaded_key))

    sources = [{"number": s.number, "label": s.name or "(no speaker found)", "type": SPEAKER_TYPES.get(s.type, s.type),
                "named": s.type in ("named_person", "named_org", "named_place"), "count": len(s.quotes),
                "paras": sorted({p for q in s.quotes if (p := para(q.content.start)) is not None})}
               for s in ann.sources]
    named = sum(1 for s in sources if s["named"])
    missing_hint = ""
    cred = a.scores.get("credibility")
    for it in (cred.details or {}).get("checklist") or [] if cred else []:
        if isinstance(it, dict) and str(it.get("check", "")).lower() in ("one_sidedness", "one-sidedness",
                                                                          "other side", "balance"):
            missing_hint = str(it.get("reason") or "")

    claims = [{"para": para(c.start), "text": c.text or d.text[c.start:c.end], "reason": c.reason}
              for c in sorted(a.unattributed, key=lambda c: c.start)]
    claim_paras = sorted({c["para"] for c in claims if c["para"] is not None})

    # The claim to trace: an unsourced claim first, else a relayed quote (a chain), else the first quote.
    trace: dict[str, Any] | None = None
    if claims:
        trace = {"text": claims[0]["text"], "para": claims[0]["para"], "why": "it is stated with no source",
                 "chain": ""}
    else:
        chained = [q for q in a.quotes if q.chain] or list(a.quotes)
        if chained:
            q = chained[0]
            trace = {"text": q.content.text or d.text[q.content.start:q.content.end], "para": para(q.content.start),
                     "why": "it reaches the reader second-hand" if q.chain else "it rests on one source",
                     "chain": " → ".join(q.chain)}
    if trace:
        trace["text"] = _clip(trace["text"], 320)

    rd = readability(a)
    longest = _longest_sentence(plain)
    return {
        "teacher": teacher, "title": title_of(a), "lang": d.lang or "en",
        "meta": [v for v in (d.source, d.byline, d.date) if v],
        "paragraphs": plain, "annotated": ann.paragraphs if teacher else [], "sources_ann": ann.sources,
        "loaded": loaded_key, "n_find": n_find, "n_loaded": len(loaded_key),
        "sources": sources, "named": named, "missing_hint": missing_hint,
        "claims": claims, "claim_paras": claim_paras, "trace": trace,
        "readability": rd, "longest": longest,
        "outlet_known": bool(d.source), "byline_known": bool(d.byline), "date_known": bool(d.date),
    }
