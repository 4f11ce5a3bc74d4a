"""The corpus briefing: one PDF comparing every document of a run.

Shared sources and "who says what" are computed here in one pass per document:
one combined regex over each article finds every contested term and its
alternatives at once, so the cost stays linear in the corpus size.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import pandas as pd

from reporter.model import Analysis
from reporter.render import charts
from reporter.render.dossier import _clip, title_of
from reporter.render.method import VERDICT, ordered, signal
from reporter.render.pdf import whole

MAX_PAIRS = 25
TABLE_ALL_UP_TO = 60   # a run this small lists every document in the table and in "one line per document"
TABLE_EACH_END = 20    # past that: this many lowest and highest by credibility, the rest summed up in one row
DOTS_MAX = 200         # a dot per document up to this many, then histograms
OUTLETS_SHOWN = 12


def article_text(a: Analysis) -> str:
    """The text the scores were computed on: lines not classed as boilerplate."""
    if not a.lines:
        return a.document.text
    t = a.document.text
    return "\n".join(t[ln.start:ln.end] for ln in a.lines if not ln.boilerplate)


def outlet_of(a: Analysis | None, row: Mapping[str, Any]) -> str:
    src = (a.document.source if a is not None else None) or row.get("source")
    return str(src).strip() if isinstance(src, str) and src.strip() else "outlet unknown"


def _pairs(analyses: Mapping[str, Analysis]) -> tuple[list[tuple[str, list[str]]], dict[str, str]]:
    """Contested terms with their alternatives, from loaded-language notes and framing terms.

    Terms are matched case-blind, so keys are lower case; the second value maps each key to the form
    first written ("Kremlin dictator", "Kyiv"), which is what the briefing shows.
    """
    alts: dict[str, set[str]] = defaultdict(set)
    freq: dict[str, int] = defaultdict(int)
    shown: dict[str, str] = {}

    def key(x: str) -> str:
        x = " ".join(x.split())
        k = x.lower()
        shown.setdefault(k, x)
        return k

    for a in analyses.values():
        for s in a.loaded:
            if s.alternative:
                k = key(s.text)
                alts[k].update(key(x) for x in re.split(r"[;,/]| or ", s.alternative) if x.strip())
                freq[k] += 1
        for t in (a.framing or {}).get("terms") or []:
            if isinstance(t, Mapping) and t.get("term"):
                k = key(str(t["term"]))
                xs = t.get("alternatives") or []
                alts[k].update(key(str(x)) for x in ([xs] if isinstance(xs, str) else xs) if str(x).strip())
                freq[k] += 1
    ranked = sorted(alts, key=lambda k: (-freq[k], k))[:MAX_PAIRS]
    return [(k, sorted(alts[k] - {k})) for k in ranked if alts[k] - {k}], shown


def term_usage(analyses: Mapping[str, Analysis], labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """For each contested term: which documents use it and which use an alternative instead."""
    pairs, shown = _pairs(analyses)
    words = sorted({w for k, xs in pairs for w in [k, *xs]}, key=len, reverse=True)
    if not words:
        return []
    rx = re.compile(r"\b(" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)
    counts: dict[str, dict[str, int]] = {}
    for doc_id, a in analyses.items():
        c: dict[str, int] = defaultdict(int)
        for m in rx.finditer(article_text(a)):
            c[m.group(1).lower()] += 1
        counts[doc_id] = c
    rows = []
    for term, xs in pairs:
        users = [labels[d] for d in analyses if counts[d].get(term)]
        alt_users = []
        for d in analyses:
            hits = [x for x in xs if counts[d].get(x)]
            if hits and not counts[d].get(term):
                alt_users.append(f"{labels[d]} ({', '.join(shown.get(x, x) for x in hits)})")
        if users:
            rows.append({"term": shown.get(term, term), "alternatives": ", ".join(shown.get(x, x) for x in xs),
                         "users": users, "others": alt_users,
                         "contrast": bool(alt_users)})
    rows.sort(key=lambda r: (not r["contrast"], -len(r["users"]), r["term"].lower()))
    return rows


_KIND = {"named_person": "person", "named_org": "organisation", "named_place": "place or country"}


def shared_sources(analyses: Mapping[str, Analysis], labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """Named people and organisations quoted by more than one document."""
    by_name: dict[str, dict[str, Any]] = {}
    for doc_id, a in analyses.items():
        for q in a.quotes:
            sp = q.speaker
            if sp is None or sp.type not in ("named_person", "named_org", "named_place") or not (sp.name or "").strip():
                continue
            key = " ".join(sp.name.lower().split())
            e = by_name.setdefault(key, {"name": sp.name.strip(), "docs": {}, "type": sp.type})
            e["docs"][doc_id] = e["docs"].get(doc_id, 0) + 1
    out = [{"name": e["name"], "type": _KIND.get(e["type"], "organisation"),
            "docs": [f"{labels[d]} ×{n}" if n > 1 else labels[d] for d, n in e["docs"].items()],
            "n": len(e["docs"])} for e in by_name.values() if len(e["docs"]) > 1]
    out.sort(key=lambda e: (-e["n"], e["name"].lower()))
    return out


def _int(x: Any) -> int:
    """Counts from the table; a missing cell (None or NaN) counts as zero."""
    try:
        v = float(x)
    except (TypeError, ValueError):
        return 0
    return 0 if v != v else int(v)


def one_line(tag: str, a: Analysis | None, r: Mapping[str, Any]) -> str:
    """A sentence that sums a document up with its own numbers."""
    parts = []
    if r.get("credibility") is not None and pd.notna(r.get("credibility")):
        parts.append(f"credibility {whole(r['credibility'])}")
    n_loaded = _int(r.get("loaded_spans_outlet"))
    parts.append(f"{n_loaded} loaded term{'s' if n_loaded != 1 else ''} in its own voice")
    if a is not None and n_loaded:
        top = sorted({s.text.lower() for s in a.loaded if s.voice == "outlet"})[:3]
        parts[-1] += " (" + ", ".join(f"“{t}”" for t in top) + ")"
    q, named = _int(r.get("quotes")), _int(r.get("named_sources"))
    parts.append(f"{q} quote{'s' if q != 1 else ''}, {named} named source{'s' if named != 1 else ''}")
    c = _int(r.get("unattributed_claims"))
    parts.append(f"{c} claim{'s' if c != 1 else ''} without a source")
    if r.get("grade") is not None and pd.notna(r.get("grade")):
        parts.append(f"grade {whole(r['grade'])}")
    return "; ".join(parts) + "."


def _outlets(df: pd.DataFrame, rows: list[dict[str, Any]], shown: int = OUTLETS_SHOWN) -> tuple[list[str], int]:
    """Outlet names with their document counts, most frequent first, and how many outlets in all."""
    if "source" in df.columns:
        src = df["source"].where(df["source"].map(lambda x: isinstance(x, str) and bool(x.strip())), None)
        counts = src.fillna("outlet unknown").map(lambda x: str(x).strip()).value_counts()
    else:
        counts = pd.Series([r["outlet"] for r in rows]).value_counts()
    pairs = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    names = [f"{k} ({v:,})" if len(df) > TABLE_ALL_UP_TO else str(k) for k, v in pairs[:shown]]
    return names, len(pairs)


def _rank_key(df: pd.DataFrame, score_keys: list[str]) -> str | None:
    return "credibility" if "credibility" in score_keys else (score_keys[0] if score_keys else None)


def pick_rows(df: pd.DataFrame, score_keys: list[str], each: int = TABLE_EACH_END) -> list[tuple[str, pd.DataFrame]]:
    """The documents the table lists: all of a small run, else the ``each`` lowest and highest by credibility.

    Sorting picks with ``nsmallest``/``nlargest`` (linear), so a 100,000-row table costs
    milliseconds and the PDF stays a few pages whatever the corpus size.
    """
    if len(df) <= TABLE_ALL_UP_TO:
        return [("", df)]
    key = _rank_key(df, score_keys)
    if key is None:
        return [(f"The first {each} documents by id", df.head(each))]
    label = signal(key).label.lower()
    scored = df[df[key].notna()]
    low = scored.nsmallest(each, key, keep="first")
    high = scored.drop(index=low.index).nlargest(each, key, keep="first")
    return [(f"The {len(low)} lowest {label}", low), (f"The {len(high)} highest {label}", high)]


def _row(r: Mapping[str, Any], tag: str, a: Analysis | None, score_keys: list[str]) -> dict[str, Any]:
    doc_id = str(r["id"])
    raw = r.get("title")
    title = title_of(a) if a is not None else (raw if isinstance(raw, str) and raw.strip() else doc_id)
    return {"tag": tag, "id": doc_id, "title": _clip(title, 70), "outlet": outlet_of(a, r),
            "words": _int(r.get("article_words")) or _int(r.get("words")),
            "scores": [r.get(k) for k in score_keys],
            "quotes": _int(r.get("quotes")), "named": _int(r.get("named_sources")),
            "claims": _int(r.get("unattributed_claims")),
            "line": one_line(tag, a, r)}


def _stats(part: pd.DataFrame, score_keys: list[str]) -> list[dict[str, Any]]:
    out = []
    for k in score_keys:
        col = pd.to_numeric(part[k], errors="coerce")
        out.append({"label": signal(k).label, "median": col.median(), "min": col.min(), "max": col.max()})
    return out


def score_chart(df: pd.DataFrame, score_keys: list[str], tags: Mapping[str, str]) -> Any:
    """Labelled dots for a small run, plain dots up to DOTS_MAX documents, then one histogram per score."""
    if not len(df) or not score_keys:
        return None
    if len(df) <= DOTS_MAX:
        dots = [(signal(k).label, [(tags[str(i)], float(v)) for i, v in zip(df["id"], df[k], strict=True)
                                   if pd.notna(v)]) for k in score_keys]
        return charts.corpus_dots(dots, "Every document of the run on each 0-100 scale")
    hist = [(signal(k).label, charts.bins(pd.to_numeric(df[k], errors="coerce").dropna().to_numpy()))
            for k in score_keys]
    return charts.histograms(hist, f"How the {len(df):,} documents spread on each 0-100 scale")


def _total_words(df: pd.DataFrame) -> int:
    """Article words per document (all words when the article count is missing), summed in one vector pass."""
    zero = pd.Series(0.0, index=df.index)
    art = pd.to_numeric(df["article_words"], errors="coerce").fillna(0) if "article_words" in df.columns else zero
    alls = pd.to_numeric(df["words"], errors="coerce").fillna(0) if "words" in df.columns else zero
    return int(art.where(art > 0, alls).sum())


def _breakable(label: str) -> str:
    """A column label with soft hyphens in its long words, so it breaks inside a narrow score column."""
    return " ".join(w if len(w) < 9 else w[:5] + "\u00ad" + w[5:] for w in label.split())


def briefing_context(df: pd.DataFrame, analyses: Mapping[str, Analysis]) -> dict[str, Any]:
    """Everything briefing.html needs; bounded in size whatever the number of documents.

    A small run lists every document; a large one lists the lowest and highest by
    credibility, sums up the rest in one row and draws histograms instead of a dot
    per document, so the PDF stays a few pages and renders in seconds.
    """
    df = df.reset_index(drop=True)
    n = len(df)
    width = max(2, len(str(n)))
    ids = [str(x) for x in df["id"]] if "id" in df.columns else []
    tags = {doc_id: (f"D{i + 1:0{width}d}" if n > 99 else f"D{i + 1}") for i, doc_id in enumerate(ids)}
    # Dossiers are rendered in parallel and arrive in the order they finish; every list of documents below
    # follows the table instead, so the same corpus always gives the same briefing.
    pos = {doc_id: i for i, doc_id in enumerate(ids)}
    analyses = {d: analyses[d] for d in sorted(analyses, key=lambda d: (pos.get(d, n), d))}
    score_keys = ordered([k for k in ("credibility", "loaded_language", "attribution", "readability", "boilerplate")
                          if k in df.columns])
    groups = []
    shown_idx: list[int] = []
    for heading, part in pick_rows(df, score_keys):
        rows = [_row(r, tags[str(r["id"])], analyses.get(str(r["id"])), score_keys) for r in part.to_dict("records")]
        groups.append({"heading": heading, "rows": rows})
        shown_idx.extend(part.index.tolist())
    rows = [r for g in groups for r in g["rows"]]
    rest = df.drop(index=shown_idx) if n > TABLE_ALL_UP_TO else df.iloc[0:0]
    labels = {}
    for doc_id in analyses:
        if doc_id in tags:
            outlet = outlet_of(analyses[doc_id], {})
            labels[doc_id] = tags[doc_id] if outlet == "outlet unknown" else f"{tags[doc_id]} {outlet}"
    for doc_id in analyses:
        labels.setdefault(doc_id, doc_id)
    outlets, n_outlets = _outlets(df, rows)
    total_words = _total_words(df)
    return {
        "title": f"Corpus briefing: {n:,} document{'s' if n != 1 else ''}", "lang": "en",
        "rows": rows, "groups": groups, "capped": n > TABLE_ALL_UP_TO, "n_shown": len(rows),
        "rank_label": signal(_rank_key(df, score_keys) or "id").label.lower(),
        "rest": {"n": len(rest), "stats": _stats(rest, score_keys)} if len(rest) else None,
        "score_labels": [_breakable(signal(k).label) for k in score_keys], "stats": _stats(df, score_keys),
        "n": n, "outlets": outlets, "n_outlets": n_outlets, "words": total_words,
        "dots": score_chart(df, score_keys, tags), "histogram": n > DOTS_MAX, "n_analysed": len(analyses),
        "shared": shared_sources(analyses, labels), "terms": term_usage(analyses, labels), "verdict": VERDICT,
    }
