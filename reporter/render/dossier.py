"""The dossier: one PDF per document, built from its Analysis and the run's corpus table."""
from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from reporter.model import Analysis
from reporter.render import charts
from reporter.render.annotate import SPEAKER_TYPES, annotate, category_style
from reporter.render.method import (
    VERDICT,
    flesch_band,
    grade_band,
    ordered,
    percentile_phrase,
    signal,
)
from reporter.text.lang import guess_language

READABILITY_ROWS = [
    ("flesch_reading_ease", "Flesch reading ease", "0-100, higher is easier"),
    ("flesch_kincaid_grade", "Flesch-Kincaid grade", "US school grade"),
    ("gunning_fog", "Gunning fog index", "years of schooling"),
    ("smog_index", "SMOG index", "years of schooling"),
    ("coleman_liau_index", "Coleman-Liau index", "US school grade"),
    ("dale_chall", "Dale-Chall score", "9-10 = college level"),
    ("difficult_words", "Difficult words", "not on a list of familiar words"),
    ("sentences", "Sentences", ""),
]


def _language(lang: str | None, text: str) -> tuple[str, str]:
    """The language code for the PDF's tag and the header's line: as the input named it, else our guess
    (English by default for the tag, since the lexicons are), with its reason."""
    if lang:
        return lang, lang
    guess, why = guess_language(text)
    return guess or "en", f"English ({why})" if guess == "en" else why


def title_of(a: Analysis) -> str:
    """The title, else the first article line when it reads like a headline, else the id."""
    d = a.document
    if (d.title or "").strip():
        return d.title.strip()
    for ln in a.lines:
        if not ln.boilerplate and ln.kind in ("content", "title"):
            first = d.text[ln.start:ln.end].strip()
            if first and len(first) <= 160 and not first.endswith((".", "?", "!", ":")):
                return first
            break
    return f"Untitled document {d.id}"


def _clip(s: Any, n: int) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[:n - 1].rstrip() + "…"


def _num(x: Any) -> float | None:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return None if v != v else v


def _width(v: Any) -> str:
    """A 0-100 value as a CSS percentage for a bar (a plain box: far cheaper to lay out than an image)."""
    x = _num(v)
    return "0" if x is None else f"{min(100.0, max(0.0, x)):.1f}"


def score_rows(a: Analysis, pct: Mapping[str, float], n_docs: int) -> list[dict[str, Any]]:
    rows = []
    for key in ordered(a.scores):
        s = a.scores[key]
        sig = signal(key)
        p = pct.get(key)
        rows.append({
            "key": key, "label": sig.label, "value": s.value, "high": sig.high, "reason": s.reason,
            "pct": p, "pct_phrase": percentile_phrase(p, n_docs),
            "width": _width(s.value),
            "main": key == "credibility",
        })
    return rows


def checklist(a: Analysis) -> list[dict[str, Any]]:
    """The credibility checklist when the scorer provides one; tolerant of missing keys."""
    s = a.scores.get("credibility")
    items = (s.details or {}).get("checklist") if s else None
    out = []
    for it in items or []:
        if not isinstance(it, Mapping):
            continue
        status = str(it.get("status", "")).lower()
        ev = it.get("evidence") or []
        if isinstance(ev, str):
            ev = [ev]
        ev_text = []
        for e in ev[:3]:
            if isinstance(e, Mapping):
                ev_text.append(str(e.get("text") or e.get("reason") or ""))
            else:
                ev_text.append(str(getattr(e, "text", "") or getattr(e, "reason", "") or e))
        out.append({"check": str(it.get("check", "")).replace("_", " ").capitalize(), "weight": it.get("weight"),
                    "status": status if status in ("pass", "partial", "fail") else (status or "n/a"),
                    "reason": str(it.get("reason", "")), "evidence": [_clip(t, 60) for t in ev_text if t][:1]})
    return out


def framing(a: Analysis) -> dict[str, Any]:
    f = a.framing or {}
    frames = []
    for fr in f.get("frames") or []:
        if isinstance(fr, Mapping):
            ev = fr.get("evidence") or []
            sc = _num(fr.get("score"))
            if sc is not None and sc <= 0:
                continue
            frames.append({"name": str(fr.get("name", "")).replace("_", " "), "score": sc,
                           "evidence": [_clip(e.get("text", e) if isinstance(e, Mapping) else e, 110)
                                        for e in ev[:1]]})
    frames.sort(key=lambda fr: -(fr["score"] or 0))
    top = max((fr["score"] or 0 for fr in frames), default=0) or 1
    for fr in frames:
        rel = 100 * (fr["score"] or 0) / top
        fr["width"] = _width(rel)
    frames = frames[:3]
    terms = []
    text = a.document.text
    for t in f.get("terms") or []:
        if isinstance(t, Mapping):
            term = t.get("term")
            if not term and isinstance(t.get("start"), int) and isinstance(t.get("end"), int):
                term = text[t["start"]:t["end"]]
            alts = t.get("alternatives") or []
            if isinstance(alts, str):
                alts = [alts]
            terms.append({"term": str(term or ""), "alternatives": [str(x) for x in alts],
                          "note": str(t.get("note") or "")})
    seen: set[str] = set()
    uniq = []
    for t in terms:
        k = t["term"].lower()
        if k not in seen:
            seen.add(k)
            uniq.append(t)
    dominant = [str(d).replace("_", " ") for d in (f.get("dominant") or [])]
    return {"frames": frames, "terms": uniq, "dominant": dominant}


def readability(a: Analysis) -> dict[str, Any]:
    r = a.readability or {}
    rows = []
    for key, label, unit in READABILITY_ROWS:
        v = _num(r.get(key))
        if v is not None:
            rows.append({"label": label, "value": v, "unit": unit,
                         "int": key in ("difficult_words", "sentences", "words")})
    grade = _num(r.get("flesch_kincaid_grade"))
    ease = _num(r.get("flesch_reading_ease"))
    words = _num(r.get("words"))
    sents = _num(r.get("sentences"))
    reading = str(r.get("reading") or "")
    if grade is not None and not reading:
        reading = f"grade {int(grade + 0.5)}: {grade_band(grade)}"
    plain = []
    if grade is not None:
        # the same whole grade as the headline ("grade 15: ..."), which the signal rounds from the unrounded figure
        m = re.match(r"grade (\d+)", reading)
        years = int(m.group(1)) if m else int(max(0.0, grade) + 0.5)
        plain.append(f"A reader needs about {years} years of schooling.")
    if ease is not None:
        plain.append(f"Reading ease {ease:.0f} of 100: {flesch_band(ease)}.")
    if words and sents:
        plain.append(f"Sentences average {words / sents:.0f} words.")
    secs = _num(r.get("reading_time_s"))
    if secs:
        plain.append(f"Reading aloud takes about {max(1, round(secs / 60))} minute(s).")
    return {"rows": rows, "reading": reading, "plain": " ".join(plain), "grade": grade}


def corpus_rows(a: Analysis, corpus: pd.DataFrame | None) -> list[tuple[str, float | None, list[float]]]:
    rows = []
    for key in ordered(a.scores):
        vals: list[float] = []
        if corpus is not None and key in corpus:
            vals = pd.to_numeric(corpus[key], errors="coerce").dropna().astype(float).tolist()
        rows.append((signal(key).label, a.scores[key].value, vals))
    return rows


def dossier_context(a: Analysis, pct: Mapping[str, float] | None = None,
                    corpus: pd.DataFrame | None = None) -> dict[str, Any]:
    """Everything dossier.html needs, precomputed so the template stays simple and fast."""
    pct = dict(pct or {})
    d = a.document
    n_docs = int(len(corpus)) if corpus is not None else (2 if pct else 1)
    ann = annotate(a)
    title = title_of(a)
    used = {}
    for n in ann.notes:
        used.setdefault(n.css, (n.category.replace("_", " "), n.tag, n.style, n.css))
    starts = [p.start for p in ann.paragraphs]

    def para(off: int) -> int | None:
        i = bisect.bisect_right(starts, off) - 1
        return ann.paragraphs[i].number if i >= 0 else None

    sources = []
    for s in ann.sources:
        kinds = sorted({str(q.kind).replace("_", " ") for q in s.quotes})
        chains = ["; ".join(q.chain) for q in s.quotes if getattr(q, "chain", None)]
        first = s.quotes[0].content.text or d.text[s.quotes[0].content.start:s.quotes[0].content.end]
        paras = sorted({n for n in (para(q.content.start) for q in s.quotes) if n is not None})
        sources.append({"number": s.number, "label": s.label, "name": s.name,
                        "type": SPEAKER_TYPES.get(s.type, str(s.type).replace("_", " ")),
                        "count": len(s.quotes), "kinds": ", ".join(kinds), "chain": " / ".join(dict.fromkeys(chains)),
                        "cue": next((q.cue.text for q in s.quotes if q.cue and q.cue.text), ""),
                        "paras": ", ".join(map(str, paras)),
                        "excerpt": _clip(first.strip(" \"“”„‘’'«»"), 90)})  # the row adds its own quotation marks
    type_counts: dict[str, int] = {}
    for s in ann.sources:
        t = SPEAKER_TYPES.get(s.type, str(s.type).replace("_", " "))
        type_counts[t] = type_counts.get(t, 0) + 1
    claims = [{"text": c.text or d.text[c.start:c.end], "reason": c.reason, "para": para(c.start)}
              for c in a.unattributed]
    bp = a.scores.get("boilerplate")
    html_reasons = list((bp.details.get("html_removed_reasons") or []) if bp else [])
    html_reasons += ["removed from the HTML page before analysis"] * (len(d.removed or []) - len(html_reasons))
    removed = list(ann.removed) + [{"text": t, "reason": r, "kind": "html", "confidence": 1.0}
                                   for t, r in zip(d.removed or [], html_reasons, strict=False)]
    outlet_loaded = sum(1 for s in a.loaded if s.voice == "outlet")
    lang, lang_line = _language(d.lang, d.text)
    return {
        "a": a, "d": d, "title": title, "lang": lang,
        "meta": [(k, v) for k, v in (("Outlet", d.source), ("Byline", d.byline), ("Date", d.date),
                                    ("URL", d.url)) if v]
                + [("Words", f"{a.stats.get('article_words') or a.stats.get('words') or 0:,} in the article"
                    + (f" ({a.stats.get('words'):,} in the file)" if a.stats.get("words") else "")),
                   ("Language", lang_line), ("Document id", d.id)],
        "scores": score_rows(a, pct, n_docs), "n_docs": n_docs, "verdict": VERDICT,
        "paragraphs": ann.paragraphs, "notes": ann.notes, "legend": sorted(used.values()),
        "sources": sources, "source_types": sorted(type_counts.items()), "claims": claims,
        "removed": removed, "checklist": checklist(a), "framing": framing(a), "readability": readability(a),
        "strip": charts.strip(ann.positions, "Where loaded words, sources and unsourced claims fall in the article"),
        "versus": charts.versus_corpus(corpus_rows(a, corpus), "This document against every document of the run")
        if n_docs > 1 else None,
        "method": [(signal(k), a.scores[k]) for k in ordered(a.scores)],
        "counts": {"loaded": len(a.loaded), "outlet_loaded": outlet_loaded,
                   "quoted_loaded": len(a.loaded) - outlet_loaded,
                   "quotes": len(a.quotes), "sources": len(sources), "claims": len(a.unattributed)},
        "category_style": category_style,
    }
