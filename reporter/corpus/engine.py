"""Engines that run the analysis over a corpus: all local cores, or a Dask cluster.

The local engine keeps a bounded number of small batches in flight (never the
whole corpus, which ``Pool.imap`` would read ahead without limit) and yields the
results in input order. Workers load every lexicon once, when they start (and,
with ``fork``, inherit what the parent already loaded), not once per document.

The Dask engine cuts the corpus into partitions that its workers read themselves,
analyses them partition by partition and writes the scores table to Parquet; ids
and resume follow the local engine's rules.
"""
from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache
from glob import escape as glob_escape
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
    json: bytes | None = None  # UTF-8: encoded in the worker, so the parent only copies bytes (a str is decoded
    line: bytes | None = None  # again when unpickled, about 30 us per analysis)
    error: str | None = None


@dataclass(slots=True)
class Want:
    """Which serialisations the workers should produce (only what is written is built)."""

    json: bool = False
    line: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    json_dir: str | None = None  # set: pool workers write <id>.json here themselves and send back no JSON


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
    # The lexicons and compiled patterns now live as long as the process: frozen, no full collection walks them
    # again (each one cost 30-50 ms, about 3% of an analysis), and forked workers keep sharing their pages
    # instead of copying the ones a collection would have written to.
    gc.collect()
    gc.freeze()
    return True


def analyze_one(doc: Document, want: Want, key: str = "") -> Outcome:
    """Analyse one document; any exception becomes the outcome's error, never the batch's."""
    from reporter.corpus.table import row
    from reporter.pipeline import analyze_document
    from reporter.serialize import to_bytes

    out = Outcome(doc.id, doc.path, key, len(doc.text.encode("utf-8", "surrogatepass")))
    try:
        a = analyze_document(doc)
        out.row = row(a)
        if want.json or want.line:
            text = to_bytes(a)  # compact, one line: serialised once for --json-dir and --jsonl
            out.json = text if want.json else None
            out.line = text if want.line else None
    except Exception as exc:  # a bug on one document must not sink the corpus
        out.error = f"analysis failed: {type(exc).__name__}: {exc}"
    return out


def analyze_batch(items: list[tuple[Document, str]], want: Want) -> list[Outcome]:
    """A pool worker's task. With ``want.json_dir`` the worker writes each JSON file itself: the
    writes (about 0.5 ms of CPU each with the fsync) run in parallel instead of in the parent, and
    the 30-40 kB of JSON per document never cross the pipe."""
    outs = [analyze_one(doc, want, key) for doc, key in items]
    if want.json_dir is not None:
        from reporter.fileio import write_atomic

        for out in outs:
            if out.json is None or out.error is not None:
                continue
            try:
                write_atomic(Path(want.json_dir) / f"{out.id}.json", out.json)
            except OSError as exc:
                out.error = f"cannot write {out.id}.json ({exc.strerror or exc})"
            out.json = None
    return outs


def _stop_worker(signum: int, frame: Any) -> None:
    """SIGTERM from the parent (Ctrl-C, the end of a run): leave no temporary file behind, exit now."""
    from reporter.fileio import remove_pending

    remove_pending()
    os._exit(128 + signum)


def _init_worker() -> None:
    """Ctrl-C is the parent's to handle; the worker loads its caches once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    warm()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process_pool(jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...] = (),
                 method: str | None = None) -> ProcessPoolExecutor:
    """A worker pool: fork where the system has it (workers share the loaded lexicons), else spawn."""
    method = method or ("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    return ProcessPoolExecutor(jobs, mp_context=mp.get_context(method), initializer=initializer, initargs=initargs)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now (Ctrl-C or a broken pool): queued tasks are dropped, running ones killed."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in procs:
        proc.join(timeout=5)


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
        self._pool = process_pool(self.jobs, _init_worker)
        return self._pool

    def _stop_pool(self) -> None:
        """Stop the workers now, even mid-batch (their results are not wanted)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            stop_pool(pool)

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
#
# The corpus is cut into units (byte ranges of JSONL files, row groups of Parquet files, whole CSV files,
# batches of plain files), each read on a worker by the same readers as the local engine. Two passes:
# the first reads each unit for its documents' ids and content keys only (cheap next to the analysis),
# so the client can make the ids unique across the whole corpus in input order, exactly as the local
# engine does, and decide which documents are current; the second analyses the rest, partition by
# partition, into the scores table.

DASK_FILE_BATCH = 64  # plain files (text, HTML) per Dask partition
DASK_BLOCK = 8 * 2**20  # bytes of JSONL or Parquet per Dask partition


@dataclass(frozen=True, slots=True)
class Unit:
    """One partition's share of the input, small enough to ship to a worker (no text in it)."""

    kind: str  # "jsonl", "csv", "parquet" or "files"
    paths: tuple[str, ...]
    start: int = 0  # JSONL, CSV: byte range [start, end), starting at a line or record start
    end: int | None = None
    first: int = 0  # number (0-based) of the unit's first line (JSONL), record (CSV) or row (Parquet) in its file
    groups: tuple[int, ...] | None = None  # Parquet row groups


def _jsonl_units(p: Path, block: int) -> list[Unit]:
    """Byte ranges of about ``block`` bytes cut at line starts, each with the number of its first line."""
    from reporter.ingest.readers import IngestError
    from reporter.ingest.stream import open_regular

    try:
        f = open_regular(p)
    except IngestError:
        return [Unit("jsonl", (str(p),))]  # reading it reports the error
    units: list[Unit] = []
    with f:
        size = os.fstat(f.fileno()).st_size
        start = line = 0
        while start < size or not units:
            if start + block < size:
                f.seek(start + block)
                f.readline()
                cut = f.tell()
            else:
                cut = size
            units.append(Unit("jsonl", (str(p),), start, cut, line))
            f.seek(start)
            left = cut - start
            while left > 0:
                chunk = f.read(min(1 << 20, left))
                if not chunk:
                    break
                line += chunk.count(b"\n")
                left -= len(chunk)
            start = cut
    return units


def _parquet_units(p: Path, block: int) -> list[Unit]:
    """Runs of consecutive row groups of about ``block`` bytes (uncompressed), with their first row number."""
    import pyarrow.parquet as pq

    from reporter.ingest.readers import IngestError
    from reporter.ingest.stream import open_regular

    try:
        with open_regular(p) as f:
            meta = pq.ParquetFile(f).metadata
    except (IngestError, OSError, ValueError):
        return [Unit("parquet", (str(p),))]  # reading it reports the error
    units: list[Unit] = []
    groups: list[int] = []
    first = row = size = 0
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        if groups and size + rg.total_byte_size > block:
            units.append(Unit("parquet", (str(p),), first=first, groups=tuple(groups)))
            groups, first, size = [], row, 0
        groups.append(g)
        size += rg.total_byte_size
        row += rg.num_rows
    if groups or not units:
        units.append(Unit("parquet", (str(p),), first=first, groups=tuple(groups) if groups else None))
    return units


def _csv_units(p: Path, block: int) -> list[Unit]:
    """Record ranges of about ``block`` bytes (a quoted field may hold newlines: the cuts come from parsing)."""
    import csv

    from reporter.ingest.readers import IngestError
    from reporter.ingest.stream import csv_cuts

    try:
        cuts = csv_cuts(p, block)
    except (IngestError, UnicodeDecodeError, csv.Error, OSError):
        return [Unit("csv", (str(p),))]  # reading it whole reports the error where the local engine would
    if len(cuts) == 1:
        return [Unit("csv", (str(p),))]
    ends = [c[0] for c in cuts[1:]] + [None]
    return [Unit("csv", (str(p),), start, end, first) for (start, first), end in zip(cuts, ends, strict=True)]


def plan_units(paths: Iterable[Path], block: int = DASK_BLOCK, file_batch: int = DASK_FILE_BATCH) -> list[Unit]:
    """The corpus as units in input order (the order ``stream_documents`` reads it in)."""
    from reporter.ingest.stream import PARQUET_EXT

    units: list[Unit] = []
    plain: list[str] = []

    def flush() -> None:
        if plain:
            units.append(Unit("files", tuple(plain)))
            plain.clear()

    for p in paths:
        ext = p.suffix.lower()
        if ext in (".jsonl", ".ndjson", ".csv") or ext in PARQUET_EXT:
            flush()
            if ext == ".csv":
                units.extend(_csv_units(p, block))
            elif ext in PARQUET_EXT:
                units.extend(_parquet_units(p, block))
            else:
                units.extend(_jsonl_units(p, block))
        else:
            plain.append(str(p))
            if len(plain) >= file_batch:
                flush()
    flush()
    return units


def unit_items(u: Unit, text_field: str = "text", id_field: str = "id") -> Iterator[Document | Any]:
    """The documents (and read errors) of one unit, with the ids the readers give them (not yet unique)."""
    from reporter.ingest import read_path
    from reporter.ingest.stream import read_csv, read_jsonl, read_parquet

    if u.kind == "jsonl":
        yield from read_jsonl(u.paths[0], text_field, id_field, u.start, u.end, u.first)
    elif u.kind == "csv":
        yield from read_csv(u.paths[0], text_field, id_field, u.start, u.end, u.first)
    elif u.kind == "parquet":
        yield from read_parquet(u.paths[0], text_field, id_field,
                                row_groups=list(u.groups) if u.groups is not None else None, first_row=u.first)
    else:
        for p in u.paths:
            yield from read_path(p)


def index_unit(u: Unit, text_field: str = "text", id_field: str = "id") -> list[tuple[str | None, str | None]]:
    """Pass 1, on a worker: (id as read, content key) per item of the unit; (None, None) for a read error."""
    return [(item.id, content_key(item)) if isinstance(item, Document) else (None, None)
            for item in unit_items(u, text_field, id_field)]


def _row_columns() -> list[str]:
    from reporter.corpus.table import row
    from reporter.pipeline import analyze_document

    return [*row(analyze_document(Document(id="warm-up", text=WARM_TEXT))), "path", "error", "key", "version"]


def _result_meta(columns: list[str]) -> Any:
    import pandas as pd

    from reporter.corpus.table import SCORE_COLUMNS

    floats = {*SCORE_COLUMNS, "grade"}
    ints = {"words", "article_words", "loaded_spans_outlet", "loaded_spans_quoted", "quotes", "named_sources",
            "unattributed_claims", "boilerplate_lines"}
    return pd.DataFrame({c: pd.Series([], dtype="float64" if c in floats or c in ints else "string")
                         for c in columns})


def _old_rows(sources: list[str], ids: list[str], columns: list[str]) -> dict[str, dict[str, Any]]:
    """The earlier rows of ``ids`` (documents found current), read from ``sources``' Parquet files."""
    import pyarrow.dataset as ds

    tab = ds.dataset(sources, format="parquet").to_table(filter=ds.field("id").isin(ids))
    names = [c for c in columns if c in tab.column_names]
    return {r["id"]: r for r in tab.select(names).to_pylist()}


@dataclass(slots=True)
class Part:
    """A unit with the unique id of each of its items and whether that item's previous row is current."""

    unit: Unit
    ids: list[str | None]
    skip: list[bool]


def analyze_unit(part: Part, names: list[str], json_dir: str | None, text_field: str = "text",
                 id_field: str = "id", old_table: list[str] | None = None) -> Any:
    """Pass 2, on a worker: one partition of the scores table (the unit's documents, in order).

    A document whose earlier row is current is copied from ``old_table`` (Parquet files of the previous
    table and of interrupted runs), not analysed again.
    (``names``, not ``columns``: Dask passes a ``columns=`` projection to functions with that parameter.)
    """
    import pandas as pd

    from reporter.batch import code_version
    from reporter.corpus.chrome import with_site_chrome
    from reporter.fileio import write_atomic
    from reporter.ingest.readers import IngestError

    u, ids, skip = part.unit, part.ids, part.skip
    version = code_version()  # this worker's: a worker with other code makes rows that are not current here
    current = {i for i, sk in zip(ids, skip, strict=True) if sk and i}
    old = _old_rows(old_table, sorted(current), names) if old_table and current else {}
    want = Want(json=json_dir is not None)
    rows: list[dict[str, Any]] = []
    warmed = False
    columns = names

    def numbered() -> Iterator[Any]:
        """The unit's items with their planned unique ids (by position, as in the index pass)."""
        for n, item in enumerate(unit_items(u, text_field, id_field)):
            if isinstance(item, Document):
                if n >= len(ids) or ids[n] is None:
                    yield IngestError(item.path or u.paths[0], "input changed during the run")
                    continue
                item.id = ids[n]
            yield item

    # Site chrome as in the local engine, learned within this partition (a source's first pages here).
    for item in with_site_chrome(numbered()):
        if isinstance(item, IngestError):
            rows.append({"id": None, "path": item.path, "error": item.reason})
            continue
        doc_id = item.id
        key = content_key(item)
        prev = old.get(doc_id) if doc_id in current else None
        if prev is not None and prev.get("key") == key:
            rows.append(prev)
            continue
        if not warmed:
            warmed = warm()
        out = analyze_one(item, want, key)
        if out.error:
            rows.append({"id": doc_id, "path": item.path, "error": out.error})
            continue
        if json_dir is not None and out.json is not None:
            try:
                write_atomic(Path(json_dir) / f"{doc_id}.json", out.json)
            except OSError as exc:
                rows.append({"id": doc_id, "path": item.path, "error": f"cannot write {doc_id}.json ({exc})"})
                continue
        rows.append({**(out.row or {}), "path": item.path, "error": None, "key": key, "version": version})
    df = pd.DataFrame(rows, columns=columns)
    return df.astype(_result_meta(columns).dtypes.to_dict())


def dask_setup(worker: Any = None) -> None:
    """Worker preload of the local cluster: Ctrl-C is the client's to handle (it closes the cluster),
    so the worker processes of the same terminal do not each print a KeyboardInterrupt traceback."""
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@dataclass
class DaskRun:
    ok: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    table: Path | None = None


def _current_keys(sources: list[str], version: str) -> dict[str, str]:
    """id -> content key of the earlier rows (in ``sources``' Parquet files) made by this code version without
    error."""
    import pyarrow.dataset as ds

    try:
        tab = ds.dataset(sources, format="parquet").to_table(columns=["id", "key", "version", "error"])
    except Exception:  # files written before keys were kept: nothing is current
        return {}
    out: dict[str, str] = {}
    for i, k, v, e in zip(*(tab.column(c).to_pylist() for c in ("id", "key", "version", "error")), strict=True):
        if i is not None and k is not None and v == version and e is None:
            out[i] = k
    return out


def _complete_files(folders: Iterable[Path]) -> list[str]:
    """The Parquet files in ``folders`` that are whole: a file cut off while being written has no footer.

    Files of an interrupted run are kept for the next one, so its finished partitions are not analysed again.
    """
    import pyarrow.parquet as pq

    out: list[str] = []
    for d in folders:
        for f in sorted(Path(d).glob("*.parquet")) if Path(d).is_dir() else ():
            try:
                if pq.read_metadata(f).num_columns:
                    out.append(str(f))
            except Exception:  # torn or foreign: not a source of current rows
                continue
    return out


def add_percentiles(folder: Path) -> None:
    """Give a Parquet table folder the local table's ``<score>_pct`` columns, file by file.

    A percentile needs the whole corpus, so it cannot be made inside a partition: the client reads the score
    columns once (8 bytes per score and document), sorts them, and rewrites each file with its percentiles.
    The rank is pandas' ``rank(pct=True, method="average")``: ties share the mean of their positions.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from reporter.corpus.table import SCORE_COLUMNS
    from reporter.fileio import atomic_writer

    files = sorted(folder.glob("*.parquet"))
    if not files:
        return
    have = [k for k in SCORE_COLUMNS if k in pq.read_schema(files[0]).names]
    scores = [pq.read_table(f, columns=have) for f in files]  # one read of each file's score columns
    ranked: dict[str, Any] = {}
    for k in have:
        col = np.concatenate([t.column(k).to_numpy(zero_copy_only=False).astype(float) for t in scores])
        ranked[k] = np.sort(col[~np.isnan(col)])
    del scores
    for f in files:
        tab = pq.read_table(f)
        for k in have:
            ranked_k = ranked[k]
            x = tab.column(k).to_numpy(zero_copy_only=False).astype(float)
            lo = np.searchsorted(ranked_k, x, "left")
            hi = np.searchsorted(ranked_k, x, "right")
            with np.errstate(invalid="ignore", divide="ignore"):
                pct = np.round((lo + 1 + hi) / 2 / len(ranked_k) * 100, 0)
            pct[np.isnan(x)] = np.nan
            tab = tab.append_column(f"{k}_pct", pa.array(pct, type=pa.float64(), from_pandas=True))
        with atomic_writer(f, durable=False) as out:  # the folder is renamed into place only when complete
            pq.write_table(tab, out)
    for extra in ("_metadata", "_common_metadata"):  # summary files would describe the old schema
        (folder / extra).unlink(missing_ok=True)


def run_dask(inputs: Iterable[str | os.PathLike[str]], table_dir: str | os.PathLike[str],
             json_dir: str | os.PathLike[str] | None = None, scheduler: str | None = None,
             workers: int | None = None, processes: bool = True, text_field: str = "text",
             id_field: str = "id", resume: bool = True, block: int = DASK_BLOCK) -> DaskRun:
    """Analyse the corpus on Dask, partition by partition; the scores table goes to Parquet in ``table_dir``.

    ``scheduler`` is the address of a running cluster; without one a local cluster
    of ``workers`` single-threaded workers is started (and stopped) for this run.
    Ids are made unique over the whole corpus as by the local engine, and a re-run
    copies the rows of documents whose text, metadata and code version are unchanged
    (and whose JSON exists, with ``json_dir``) from the previous table instead of
    analysing them again. An interrupted run keeps the partitions it finished (a
    ``.<table>.partial-*`` folder beside the table) and the next run takes them up.
    """
    import logging
    import shutil
    import time

    import dask
    import dask.dataframe as dd
    import pandas as pd
    from dask.distributed import Client, LocalCluster

    from reporter.batch import code_version
    from reporter.ingest.readers import UniqueIds
    from reporter.ingest.stream import expand_corpus

    paths = expand_corpus(inputs)
    if not paths:
        raise ValueError("no input files")
    units = plan_units(paths, block)
    columns = _row_columns()
    version = code_version()
    out = Path(table_dir)
    partials = sorted(out.parent.glob(f".{glob_escape(out.name)}.partial-*"))
    if not resume:
        for d in partials:
            shutil.rmtree(d, ignore_errors=True)
        partials = []
    sources = _complete_files([out, *partials]) if resume else []
    jd = str(json_dir) if json_dir is not None else None
    if jd is not None:
        Path(jd).mkdir(parents=True, exist_ok=True)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        # The scheduler always serves HTTP (health, metrics); with no address it takes port 8787 and, when
        # another cluster holds that port, leaks the socket of the failed bind. A free loopback port avoids both.
        cluster = LocalCluster(n_workers=workers or default_jobs(), threads_per_worker=1, processes=processes,
                               dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
                               **({"preload": [__name__]} if processes else {}))
        client = Client(cluster)
    tmp = out.with_name(f".{out.name}.partial-{os.getpid()}-{time.time_ns()}")
    try:
        index = dask.compute(*[dask.delayed(index_unit)(u, text_field, id_field) for u in units])
        current = _current_keys(sources, version) if sources else {}
        unique = UniqueIds()
        parts: list[Part] = []
        skipped = 0
        for u, items in zip(units, index, strict=True):
            ids: list[str | None] = []
            skip: list[bool] = []
            for rid, key in items:
                doc_id = unique(rid) if rid is not None else None
                cur = doc_id is not None and current.get(doc_id) == key and (
                    jd is None or (Path(jd) / f"{doc_id}.json").exists())
                ids.append(doc_id)
                skip.append(cur)
                skipped += cur
            parts.append(Part(u, ids, skip))
        del index, current
        old = sources if skipped else None
        result = dd.from_map(analyze_unit, parts, args=(columns, jd, text_field, id_field, old),
                             meta=_result_meta(columns), enforce_metadata=False, label="reporter-analyze")
        result.to_parquet(str(tmp), write_index=False, write_metadata_file=False)
        add_percentiles(tmp)
        done = pd.read_parquet(tmp, columns=["id", "path", "error"])
    except BaseException:  # Ctrl-C, a lost cluster: the old table stays whole; finished partitions are kept
        if not _complete_files([tmp]):
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if out.exists():  # the new table replaces the old one only now that it is complete
        trash = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(trash)
        tmp.rename(out)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        tmp.rename(out)
    for d in partials:  # their rows are in the new table now
        shutil.rmtree(d, ignore_errors=True)
    bad = done[done["error"].notna()]
    return DaskRun(ok=int(len(done) - len(bad)) - skipped, skipped=skipped,
                   failed=[f"{r.path if isinstance(r.path, str) else r.id}: {r.error}" for r in bad.itertuples()],
                   table=out)
