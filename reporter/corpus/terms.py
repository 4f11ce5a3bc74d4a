"""Which documents use which contested terms and frames, side by side (for the briefing).

Works on Analysis objects or on their JSON form (``reporter.serialize.to_dict``),
so a briefing can be built from a folder of saved JSON without re-analysing.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from reporter.model import Analysis
from reporter.signals.framing import FRAMES

TERM_COLUMNS = ["id", "concept", "category", "term", "forms", "uses", "outlet", "attributed", "quoted", "used_by"]


def _id_and_framing(a: Analysis | dict[str, Any]) -> tuple[str, dict[str, Any]]:
    if isinstance(a, Analysis):
        return a.document.id, a.framing or {}
    return str(a.get("id")), a.get("framing") or {}


def term_usage(analyses: Iterable[Analysis | dict[str, Any]]) -> pd.DataFrame:
    """One row per document and term used: how often, in whose voice, and who tends to use that term."""
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for a in analyses:
        doc_id, fr = _id_and_framing(a)
        for t in fr.get("terms", []):
            name = t.get("canonical") or t["term"]
            key = (doc_id, t["concept"], name)
            r = rows.setdefault(key, {"id": doc_id, "concept": t["concept"], "category": t.get("category", ""),
                                      "term": name, "forms": set(), "uses": 0, "outlet": 0, "attributed": 0,
                                      "quoted": 0, "used_by": t.get("used_by", "")})
            r["forms"].add(t["term"])
            r["uses"] += 1
            voice = t.get("voice", "outlet")
            r[voice if voice in ("outlet", "attributed", "quoted") else "outlet"] += 1
    out = [{**r, "forms": "; ".join(sorted(r["forms"], key=str.lower))} for r in rows.values()]
    df = pd.DataFrame(out, columns=TERM_COLUMNS)
    df = df.sort_values(["concept", "id", "uses"], ascending=[True, True, False], kind="stable")
    return df.reset_index(drop=True)


def concept_table(analyses: Iterable[Analysis | dict[str, Any]]) -> pd.DataFrame:
    """Concepts as rows, documents as columns; each cell lists the terms that document used, e.g. "Kyiv (3)".

    A star marks a term used in the outlet's own voice at least once (not only in quotes or attributed speech).
    """
    usage = term_usage(analyses)
    if usage.empty:
        return pd.DataFrame()
    usage = usage.assign(cell=[f"{t}{'*' if o else ''} ({n})" for t, o, n in
                               zip(usage["term"], usage["outlet"], usage["uses"], strict=True)])
    table = usage.groupby(["concept", "id"])["cell"].agg(", ".join).unstack("id").fillna("")
    return table.sort_index()


def contested(analyses: Iterable[Analysis | dict[str, Any]]) -> pd.DataFrame:
    """Concepts where documents of the corpus chose different names: the side-by-side that matters most."""
    usage = term_usage(analyses)
    if usage.empty:
        return usage.assign(terms=[])
    g = usage.groupby("concept").agg(terms=("term", lambda s: sorted(set(s))), documents=("id", "nunique"))
    return g[g["terms"].map(len) > 1].reset_index()


def frame_table(analyses: Iterable[Analysis | dict[str, Any]]) -> pd.DataFrame:
    """One row per document: the share of sentences carrying each frame's cues, and the dominant frames."""
    rows = []
    for a in analyses:
        doc_id, fr = _id_and_framing(a)
        r: dict[str, Any] = {"id": doc_id}
        scores = {f["name"]: f["score"] for f in fr.get("frames", [])}
        for name in FRAMES:
            if name != "other":
                r[name] = float(scores.get(name, 0.0))
        r["dominant"] = ", ".join(fr.get("dominant", []))
        rows.append(r)
    cols = ["id", *(n for n in FRAMES if n != "other"), "dominant"]
    return pd.DataFrame(rows, columns=cols).sort_values("id", kind="stable").reset_index(drop=True)


def compare(analyses: Iterable[Analysis | dict[str, Any]]) -> dict[str, pd.DataFrame]:
    """Everything the briefing needs about terms and frames across the corpus."""
    items = list(analyses)
    return {"terms": term_usage(items), "concepts": concept_table(items), "contested": contested(items),
            "frames": frame_table(items)}
