"""Engines that run the analysis over a corpus: all local cores, or a Dask cluster.

The local engine keeps a bounded number of small batches in flight (never the
whole corpus, which ``Pool.imap`` would read ahead without limit) and yields the
results in input order. Workers load every lexicon once, when they start (and,
with ``fork``, inherit what the parent already loaded), not once per document.

The Dask engine reads the corpus as a Dask DataFrame, analyses it partition by
partition on the workers and writes the scores table to Parquet.
"""
from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from reporter.model import Document

WARM_TEXT = ("The minister said on Monday that the plan would cost 3 million dollars.\n\n"
             "\u201cWe will not back down,\u201d said Interior Minister Anna Kovacs, according to officials.\n")


@dataclass(slots=True)
class Outcome:
    """What one document produced: its table row and serialised outputs, or the reason it failed."""

    id: str
    path: str | None
    key: str
    nbytes: int
    row: dict[str, Any] | None = None
    json: str | None = None
    line: str | None = None
    error: str | None = None


@dataclass(slots=True)
class Want:
    """Which serialisations the workers should produce (only what is written is built)."""

    json: bool = False
    line: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def content_key(doc: Document) -> str:
    """Hash of the text and metadata: a document whose key is unchanged needs no new analysis."""
    h = hashlib.blake2b(doc.text.encode("utf-8", "surrogatepass"), digest_size=12)
    for k in ("title", "url", "source", "byline", "date"):
        h.update(b"\x00" + (getattr(doc, k) or "").encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@cache
def warm() -> bool:
    """Load every lexicon, dictionary and compiled pattern now, by analysing a short text once."""
    from reporter.pipeline import analyze_document
    from reporter.signals import readability

    readability.warm()
    analyze_document(Document(id="warm-up", text=WARM_TEXT))
    return True


def analyze_one(doc: Document, want: Want, key: str = "") -> Outcome:
    """Analyse one document; any exception becomes the outcome's error, never the batch's."""
    from reporter.corpus.table import row
    from reporter.pipeline import analyze_document
    from reporter.serialize import to_json

    out = Outcome(doc.id, doc.path, key, len(doc.text.encode("utf-8", "surrogatepass")))
    try:
        a = analyze_document(doc)
        out.row = row(a)
        if want.json or want.line:
            text = to_json(a)  # compact, one line: serialised once for --json-dir and --jsonl alike
            out.json = text if want.json else None
            out.line = text if want.line else None
    except Exception as exc:  # a bug on one document must not sink the corpus
        out.error = f"analysis failed: {type(exc).__name__}: {exc}"
    return out


def analyze_batch(items: list[tuple[Document, str]], want: Want) -> list[Outcome]:
    return [analyze_one(doc, want, key) for doc, key in items]


def _init_worker() -> None:
    """Ctrl-C is the parent's to handle; the worker loads its caches once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class LocalEngine:
    """Analysis on ``jobs`` processes of this machine, results in input order.

    A worker that dies (out of memory, a crash in a C library) costs only the
    document it was on: its batch is retried one document at a time in a fresh
    pool, and the document that kills a worker again is reported as failed.
    """

    def __init__(self, jobs: int | None = None, chunk: int = 8, ahead: int = 4) -> None:
        self.jobs = max(1, jobs or default_jobs())
        self.chunk = max(1, chunk)
        self.ahead = max(1, ahead)
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        self._stop_pool()
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        self._pool = ProcessPoolExecutor(self.jobs, mp_context=mp.get_context(method), initializer=_init_worker)
        return self._pool

    def _stop_pool(self) -> None:
        """Stop the workers now, even mid-batch (their results are not wanted)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        procs = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
        for proc in procs:
            proc.join(timeout=5)

    def _run_one(self, doc: Document, key: str, want: Want) -> list[Outcome]:
        """One document in its own task; a second dead worker makes it a failure."""
        for _attempt in range(2):
            pool = self._pool or self._new_pool()
            try:
                fut = pool.submit(analyze_batch, [(doc, key)], want)
            except BrokenProcessPool:  # the pool broke under another task: a fresh one, then try again
                self._new_pool()
                continue
            try:
                return fut.result()
            except (BrokenProcessPool, CancelledError):
                self._new_pool()
                break
        return [Outcome(doc.id, doc.path, key, len(doc.text.encode("utf-8", "surrogatepass")),
                        error="analysis failed: the worker process died (out of memory or a crash)")]

    def _retry(self, batch: list[tuple[Document, str]], want: Want, dead: Any) -> Iterator[Outcome]:
        """Re-run a batch whose worker died, one document per task."""
        if self._pool is dead:
            self._new_pool()
        for doc, key in batch:
            yield from self._run_one(doc, key, want)

    def map(self, items: Iterable[tuple[Document, str]], want: Want) -> Iterator[Outcome]:
        """Outcomes of ``(document, key)`` pairs, in order; at most jobs x ahead batches in flight."""
        warm()  # in the parent too: forked workers inherit the loaded caches
        if self.jobs == 1:
            for doc, key in items:
                yield analyze_one(doc, want, key)
            return
        try:
            self._new_pool()
            inflight: deque[tuple[Future, list[tuple[Document, str]], Any]] = deque()
            it = iter(items)
            while True:
                while len(inflight) < self.jobs * self.ahead and (batch := list(islice(it, self.chunk))):
                    pool = self._pool or self._new_pool()
                    try:
                        inflight.append((pool.submit(analyze_batch, batch, want), batch, pool))
                    except BrokenProcessPool:
                        inflight.append((_failed_future(), batch, pool))
                if not inflight:
                    break
                fut, batch, pool = inflight.popleft()
                try:
                    outs = fut.result()
                except (BrokenProcessPool, CancelledError):
                    yield from self._retry(batch, want, pool)
                    continue
                yield from outs
        finally:
            self._stop_pool()


def _failed_future() -> Future:
    f: Future = Future()
    f.set_exception(BrokenProcessPool("pool was broken"))
    return f


# --- Dask -----------------------------------------------------------------------------------------------------

DASK_FILE_BATCH = 64  # plain files (text, HTML) per Dask partition


def _files_partition(paths: list[str]) -> Any:
    """A pandas partition of documents from plain files (text, HTML, JSON), read on the worker."""
    import pandas as pd

    from reporter.ingest import read_path
    from reporter.ingest.readers import IngestError

    recs: list[dict[str, Any]] = []
    for p in paths:
        for item in read_path(p):
            if isinstance(item, IngestError):
                recs.append({"id": Path(item.path).stem, "text": None, "path": item.path, "error": item.reason})
            else:
                recs.append({"id": item.id, "text": item.text, "path": item.path, "error": None,
                             "title": item.title, "url": item.url, "source": item.source, "byline": item.byline,
                             "date": item.date})
    return pd.DataFrame(recs, columns=["id", "text", "path", "error", "title", "url", "source", "byline", "date"])


def _row_columns() -> list[str]:
    from reporter.corpus.table import row
    from reporter.pipeline import analyze_document

    return [*row(analyze_document(Document(id="warm-up", text=WARM_TEXT))), "path", "error"]


def _result_meta(columns: list[str]) -> Any:
    import pandas as pd

    from reporter.corpus.table import SCORE_COLUMNS

    floats = {*SCORE_COLUMNS, "grade"}
    ints = {"words", "article_words", "loaded_spans_outlet", "loaded_spans_quoted", "quotes", "named_sources",
            "unattributed_claims", "boilerplate_lines"}
    return pd.DataFrame({c: pd.Series([], dtype="float64" if c in floats or c in ints else "string")
                         for c in columns})


def analyze_partition(pdf: Any, columns: list[str], json_dir: str | None, text_field: str = "text",
                      id_field: str = "id", partition_info: dict | None = None) -> Any:
    """Analyse one Dask partition (a pandas DataFrame of records) into rows of the scores table."""
    import pandas as pd

    from reporter.fileio import write_atomic
    from reporter.ingest.stream import safe_id

    warm()
    want = Want(json=json_dir is not None)
    part = (partition_info or {}).get("number", 0)
    rows: list[dict[str, Any]] = []
    for i, rec in enumerate(pdf.to_dict("records")):
        text = rec.get(text_field)
        rid = rec.get(id_field)
        rid = safe_id(str(rid)) if rid is not None and not pd.isna(rid) and str(rid) != "" else f"p{part}-{i + 1:05d}"
        path = rec.get("path") if isinstance(rec.get("path"), str) else None
        if rec.get("error") and isinstance(rec.get("error"), str):
            rows.append({"id": rid, "path": path, "error": rec["error"]})
            continue
        if not isinstance(text, str) or not text.strip():
            rows.append({"id": rid, "path": path, "error": f'record has no "{text_field}"'})
            continue
        meta = {k: (str(rec[k]) if isinstance(rec.get(k), str) else None)
                for k in ("title", "url", "source", "byline", "date")}
        out = analyze_one(Document(id=rid, text=text, path=path, **meta), want)
        if out.error:
            rows.append({"id": rid, "path": path, "error": out.error})
            continue
        if json_dir is not None and out.json is not None:
            write_atomic(Path(json_dir) / f"{rid}.json", out.json)
        rows.append({**(out.row or {}), "path": path, "error": None})
    df = pd.DataFrame(rows, columns=columns)
    return df.astype(_result_meta(columns).dtypes.to_dict())


def dask_frame(paths: list[Path], text_field: str = "text", blocksize: int = 8 * 2**20) -> Any:
    """The corpus as one Dask DataFrame of records (record files by Dask's readers, plain files in batches)."""
    import dask.dataframe as dd

    from reporter.ingest.stream import PARQUET_EXT

    parts = []
    plain: list[str] = []
    for p in paths:
        ext = p.suffix.lower()
        if ext in PARQUET_EXT:
            parts.append(dd.read_parquet(str(p)))
        elif ext in (".jsonl", ".ndjson"):
            parts.append(dd.read_json(str(p), lines=True, blocksize=blocksize, dtype=False))
        elif ext == ".csv":
            parts.append(dd.read_csv(str(p), blocksize=blocksize, dtype=str, keep_default_na=False))
        else:
            plain.append(str(p))
    if plain:
        batches = [plain[i:i + DASK_FILE_BATCH] for i in range(0, len(plain), DASK_FILE_BATCH)]
        parts.append(dd.from_map(_files_partition, batches, meta=_files_partition([])))
    if not parts:
        raise ValueError("no input files")
    frames = []
    for df in parts:
        if text_field not in df.columns:
            raise ValueError(f'an input has no "{text_field}" column')
        if "path" not in df.columns:
            df = df.assign(path=None)
        frames.append(df)
    return frames[0] if len(frames) == 1 else dd.concat(frames, ignore_unknown_divisions=True)


@dataclass
class DaskRun:
    ok: int = 0
    failed: list[str] = field(default_factory=list)
    table: Path | None = None


def run_dask(inputs: Iterable[str | os.PathLike[str]], table_dir: str | os.PathLike[str],
             json_dir: str | os.PathLike[str] | None = None, scheduler: str | None = None,
             workers: int | None = None, processes: bool = True, text_field: str = "text",
             id_field: str = "id") -> DaskRun:
    """Analyse the corpus on Dask, partition by partition; the scores table goes to Parquet in ``table_dir``.

    ``scheduler`` is the address of a running cluster; without one a local cluster
    of ``workers`` single-threaded workers is started (and stopped) for this run.
    """
    from dask.distributed import Client, LocalCluster

    from reporter.ingest.stream import expand_corpus

    paths = expand_corpus(inputs)
    ddf = dask_frame(paths, text_field)
    columns = _row_columns()
    jd = str(json_dir) if json_dir is not None else None
    if jd is not None:
        Path(jd).mkdir(parents=True, exist_ok=True)
    result = ddf.map_partitions(analyze_partition, columns, jd, text_field, id_field,
                                meta=_result_meta(columns), align_dataframes=False)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=processes,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        out = Path(table_dir)
        result.to_parquet(str(out), write_index=False, overwrite=out.exists())
        import pandas as pd

        done = pd.read_parquet(out, columns=["id", "path", "error"])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    bad = done[done["error"].notna()]
    return DaskRun(ok=int(len(done) - len(bad)),
                   failed=[f"{r.path if isinstance(r.path, str) else r.id}: {r.error}" for r in bad.itertuples()],
                   table=out)
