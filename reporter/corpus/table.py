"""The corpus as a pandas DataFrame: one row per document, percentiles within the run."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from reporter.model import Analysis

SCORE_COLUMNS = ["credibility", "loaded_language", "attribution", "boilerplate", "readability"]


def row(a: Analysis) -> dict[str, Any]:
    """The flat summary of one analysis that goes into ``scores.csv``."""
    d = a.document
    r: dict[str, Any] = {
        "id": d.id, "title": d.title, "source": d.source, "byline": d.byline, "date": d.date, "url": d.url,
        "words": a.stats.get("words", 0), "article_words": a.stats.get("article_words", 0),
    }
    for k in SCORE_COLUMNS:
        r[k] = round(a.scores[k].value, 1) if k in a.scores else None
    r["loaded_spans_outlet"] = sum(1 for s in a.loaded if s.voice == "outlet")
    r["loaded_spans_quoted"] = sum(1 for s in a.loaded if s.voice != "outlet")
    r["quotes"] = len(a.quotes)
    r["named_sources"] = len({q.speaker.name for q in a.quotes
                              if q.speaker and q.speaker.type in ("named_person", "named_org", "named_place")})
    r["unattributed_claims"] = len(a.unattributed)
    r["boilerplate_lines"] = sum(1 for ln in a.lines if ln.boilerplate)
    r["grade"] = a.readability.get("flesch_kincaid_grade")
    return r


def frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """DataFrame of rows with a ``<score>_pct`` percentile column (0-100) per score."""
    df = pd.DataFrame(list(rows))
    if df.empty:
        return pd.DataFrame(columns=["id", *SCORE_COLUMNS])
    return with_percentiles(df)


def with_percentiles(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with a ``<score>_pct`` column per score (ties share their mean rank), sorted by id.

    The Dask engine computes the same figures without a DataFrame of the whole corpus
    (``corpus.engine.add_percentiles``).
    """
    for k in SCORE_COLUMNS:
        if k in df:
            df[f"{k}_pct"] = (df[k].rank(pct=True, method="average") * 100).round(0)
    return df.sort_values("id", kind="stable").reset_index(drop=True)


def percentiles(df: pd.DataFrame, doc_id: str) -> dict[str, float]:
    """This document's percentile per score within the corpus."""
    hit = df[df["id"] == doc_id]
    if hit.empty:
        return {}
    r = hit.iloc[0]
    return {k: float(r[f"{k}_pct"]) for k in SCORE_COLUMNS if f"{k}_pct" in r and pd.notna(r[f"{k}_pct"])}
