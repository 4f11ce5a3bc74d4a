"""Dossiers (and handouts) for many documents on worker processes.

weasyprint is pure Python and single-threaded, so a run renders on one process
per core. Each worker parses the stylesheet and loads the fonts once (one shared
``FontConfiguration``), receives the run's score table once at start-up, and then
analyses and renders one document per task. Everything a task carries is
picklable and the worker functions live at module level, so the pool also works
with the ``spawn`` start method (macOS, Windows), not only ``fork``.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from reporter.corpus.engine import process_pool, stop_pool
from reporter.model import Analysis, Document

KEEP_ANALYSES = 500  # analyses handed back for the briefing; past this only the outcome (bounded memory)
_WORKER: dict[str, Any] = {}


@dataclass(slots=True)
class Rendered:
    """One document's outcome: its analysis (None past ``keep`` or on failure) or the error."""

    id: str
    path: str | None
    analysis: Analysis | None = None
    error: str | None = None


def comparison_table(df: pd.DataFrame | None) -> pd.DataFrame | None:
    """Only the columns a dossier reads from the run's table (ids, scores, percentiles): less to pickle."""
    if df is None:
        return None
    from reporter.corpus import SCORE_COLUMNS

    cols = [c for c in ("id", *SCORE_COLUMNS, *(f"{k}_pct" for k in SCORE_COLUMNS)) if c in df.columns]
    return df[cols].reset_index(drop=True)


def percentile_map(df: pd.DataFrame | None, ids: Iterable[str]) -> dict[str, dict[str, float]]:
    """Percentiles of the chosen documents in one vectorised lookup (not one table scan per dossier)."""
    if df is None or "id" not in df.columns:
        return {}
    from reporter.corpus import SCORE_COLUMNS

    cols = {f"{k}_pct": k for k in SCORE_COLUMNS if f"{k}_pct" in df.columns}
    part = df[df["id"].astype(str).isin(set(map(str, ids)))]
    out: dict[str, dict[str, float]] = {}
    for r in part[["id", *cols]].to_dict("records"):
        out.setdefault(str(r["id"]), {cols[c]: float(v) for c, v in r.items() if c in cols and pd.notna(v)})
    return out


def _init(corpus: pd.DataFrame | None, pct: dict[str, dict[str, float]], folder: str, handouts: str | None,
          page_size: str, worker: bool = True) -> None:
    """Per process: the run's table, the output folders, and the stylesheet and fonts loaded once."""
    if worker:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from reporter.render.pdf import stylesheets

    _WORKER.update(corpus=corpus, pct=pct, folder=folder, handouts=handouts, page_size=page_size)
    stylesheets(page_size)


def _render(doc: Document, keep: bool) -> Rendered:
    """Analyse one document and write its dossier (and handouts); errors come back as text."""
    from reporter.pipeline import analyze_document
    from reporter.render import render_dossier, render_handouts

    try:
        a = analyze_document(doc)
        w = _WORKER
        render_dossier(a, Path(w["folder"]) / f"{a.document.id}.pdf", w["pct"].get(a.document.id, {}),
                       w["corpus"], page_size=w["page_size"])
        if w["handouts"]:
            render_handouts(a, w["handouts"], page_size=w["page_size"])
    except Exception as exc:  # one bad document never stops the run
        return Rendered(doc.id, doc.path, error=f"dossier failed: {type(exc).__name__}: {exc}")
    return Rendered(doc.id, doc.path, a if keep else None)


def render_dossiers(docs: Iterable[Document], folder: str | os.PathLike[str], corpus: pd.DataFrame | None = None,
                    *, page_size: str = "A4", handouts: str | os.PathLike[str] | None = None, jobs: int = 1,
                    keep: int = KEEP_ANALYSES, ids: Iterable[str] | None = None,
                    start_method: str | None = None) -> Iterator[Rendered]:
    """Dossiers for ``docs`` on ``jobs`` processes, yielded as they finish (any order).

    ``corpus`` is the run's score table (percentiles and the comparison chart);
    ``ids`` are the documents to come, so their percentiles are looked up once.
    At most ``jobs`` x 4 documents are in flight, so a long stream of documents
    never sits in memory at once. A worker that dies fails only its documents.
    """
    table = comparison_table(corpus)
    if ids is None and table is not None and "id" in table.columns:
        ids = table["id"]
    pct = percentile_map(table, ids if ids is not None else [])
    initargs = (table, pct, str(folder), str(handouts) if handouts else None, page_size)
    kept = 0
    if jobs <= 1:
        _init(*initargs, worker=False)
        for doc in docs:
            out = _render(doc, kept < keep)
            kept += out.analysis is not None
            yield out
        return
    pool = process_pool(jobs, _init, initargs, start_method)
    running: dict[Future[Rendered], Document] = {}
    it = iter(docs)
    try:
        while True:
            while len(running) < jobs * 4:
                doc = next(it, None)
                if doc is None:
                    break
                try:
                    running[pool.submit(_render, doc, kept + len(running) < keep)] = doc
                except BrokenProcessPool:
                    yield Rendered(doc.id, doc.path, error="dossier failed: the worker process died")
                    stop_pool(pool)
                    pool = process_pool(jobs, _init, initargs, start_method)
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                doc = running.pop(fut)
                try:
                    out = fut.result()
                except BrokenProcessPool:
                    out = Rendered(doc.id, doc.path, error="dossier failed: the worker process died (out of memory "
                                                           "or a crash)")
                except Exception as exc:  # e.g. a result that cannot be sent back: this document only
                    out = Rendered(doc.id, doc.path, error=f"dossier failed: {type(exc).__name__}: {exc}")
                kept += out.analysis is not None
                yield out
            if any(isinstance(f.exception(), BrokenProcessPool) for f in done if f.done() and not f.cancelled()):
                for fut, doc in list(running.items()):  # the others in flight died with it
                    running.pop(fut)
                    yield Rendered(doc.id, doc.path, error="dossier failed: the worker process died")
                stop_pool(pool)
                pool = process_pool(jobs, _init, initargs, start_method)
    finally:
        stop_pool(pool)
