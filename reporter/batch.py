"""Run the analysis over many inputs: one failure never stops the batch.

``run_corpus`` is the corpus mode behind ``reporter analyze`` and ``reporter
build``: it streams the inputs (never all texts in memory), analyses them on
all cores, writes each output atomically, and records every finished document
in a state file so that a re-run (after Ctrl-C, a crash or new articles) only
analyses what is new or changed.
"""
from __future__ import annotations

import ast
import hashlib
import io
import json
import operator
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from reporter import __version__
from reporter.fileio import atomic_writer, write_atomic
from reporter.ingest import IngestError
from reporter.model import Document

STATE_NAME = ".reporter-state.jsonl"
TABLE_SUFFIXES = (".parquet", ".csv")


@dataclass
class BatchResult:
    ok: int = 0
    failed: list[str] = field(default_factory=list)


# --- corpus mode ----------------------------------------------------------------------------------------------


@cache
def code_version() -> str:
    """The reporter version plus a fingerprint of its code and data files.

    Outputs made by other code are not current, even when the version number
    did not change (as during development).
    """
    root = Path(__file__).resolve().parent
    h = hashlib.blake2b(__version__.encode(), digest_size=8)
    for p in sorted(root.rglob("*")):
        if p.suffix in (".py", ".csv", ".toml", ".json", ".txt") and "__pycache__" not in p.parts:
            st = p.stat()
            h.update(f"{p.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return f"{__version__}+{h.hexdigest()}"


class State:
    """Append-only record of finished documents: id, content key, code version and table row.

    One JSON line per document, written after its outputs: a line present means
    the outputs are complete. A torn last line (power cut) is dropped on open.
    """

    def __init__(self, path: Path, resume: bool = True) -> None:
        self.path = path
        self.version = code_version()
        self.keys: dict[str, str] = {}
        self.at: dict[str, tuple[int, int]] = {}  # id -> (offset, length) of its line in the JSONL output
        if resume and path.exists():
            self._load()
        elif path.exists():
            path.unlink()
        self._f: io.TextIOWrapper | None = None

    def _load(self) -> None:
        with self.path.open("rb") as f:
            data_end = 0
            for raw in f:
                if not raw.endswith(b"\n"):
                    break
                data_end += len(raw)
                try:
                    rec = json.loads(raw)
                except json.JSONDecodeError:
                    continue
                if rec.get("v") == self.version:
                    self.keys[rec["id"]] = rec["key"]
                    at = rec.get("at")
                    if isinstance(at, list) and len(at) == 2:
                        self.at[rec["id"]] = (int(at[0]), int(at[1]))
                    else:
                        self.at.pop(rec["id"], None)
                else:
                    self.keys.pop(rec.get("id"), None)
                    self.at.pop(rec.get("id"), None)
        if data_end < self.path.stat().st_size:
            os.truncate(self.path, data_end)

    def current(self, doc_id: str, key: str) -> bool:
        return self.keys.get(doc_id) == key

    def add(self, doc_id: str, key: str, row: dict[str, Any], at: tuple[int, int] | None = None) -> None:
        """Record a finished document; ``at`` is where its line is in the JSONL output, if one is written."""
        if self._f is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._f = self.path.open("a", encoding="utf-8")
        rec: dict[str, Any] = {"id": doc_id, "key": key, "v": self.version, "row": row}
        if at is not None:
            rec["at"] = list(at)
            self.at[doc_id] = at
        else:
            self.at.pop(doc_id, None)
        self._f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        self._f.flush()
        self.keys[doc_id] = key

    def rewrite(self, new_at: dict[str, tuple[int, int]]) -> None:
        """Compact the state to the latest current record per id, with JSONL offsets from ``new_at``.

        Called after the JSONL file was rewritten: ids not in ``new_at`` lose their offset
        (their line is gone). Written atomically; memory is one line at a time plus the ids.
        """
        self.close()
        if not self.path.exists():
            return
        keep = set(self._latest_lines(lambda rec: isinstance(rec.get("id"), str)).values())
        with self.path.open("rb") as f, atomic_writer(self.path) as out:
            for n, raw in enumerate(f):
                if n not in keep:
                    continue
                rec = json.loads(raw)
                at = new_at.get(rec["id"])
                if at is None:
                    rec.pop("at", None)
                else:
                    rec["at"] = list(at)
                out.write((json.dumps(rec, ensure_ascii=False, default=str) + "\n").encode("utf-8"))
        self.at = {k: v for k, v in new_at.items() if k in self.keys}

    def _latest_lines(self, want: Callable[[dict[str, Any]], bool]) -> dict[str, int]:
        """Line number of the latest record of this code version per id, among those ``want`` accepts.

        A first pass over the state file that keeps only numbers, so the second pass can copy lines
        with little memory; torn or foreign lines are skipped.
        """
        latest: dict[str, int] = {}
        with self.path.open("rb") as f:
            for n, raw in enumerate(f):
                try:
                    rec = json.loads(raw)
                except json.JSONDecodeError:
                    continue
                if isinstance(rec, dict) and rec.get("v") == self.version and want(rec):
                    latest[rec["id"]] = n
        return latest

    def rows(self, ids: set[str]) -> list[dict[str, Any]]:
        """The latest current row of each of ``ids`` (the documents of this run)."""
        return [row for chunk in self._row_chunks(ids, 1 << 30) for row in chunk]

    def _row_chunks(self, ids: set[str], size: int) -> Iterator[list[dict[str, Any]]]:
        """Latest current rows of ``ids`` in file order, ``size`` at a time (two passes, little memory)."""
        self.close()
        if not self.path.exists():
            return
        wanted = set(self._latest_lines(lambda rec: rec.get("id") in ids).values())
        chunk: list[dict[str, Any]] = []
        with self.path.open("rb") as f:
            for n, raw in enumerate(f):
                if n in wanted:
                    chunk.append(json.loads(raw)["row"])
                    if len(chunk) >= size:
                        yield chunk
                        chunk = []
        if chunk:
            yield chunk

    def table(self, ids: set[str], chunk: int = 10_000) -> Any:
        """The scores table of ``ids``, like ``corpus.frame`` (percentiles, sorted by id), built in chunks.

        A list of 100,000 row dicts takes about 230 MB; the DataFrame alone about 150 MB.
        """
        import pandas as pd

        from reporter.corpus import frame
        from reporter.corpus.table import with_percentiles

        parts = [pd.DataFrame(rows) for rows in self._row_chunks(ids, chunk)]
        if not parts:
            return frame([])
        df = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
        del parts
        return with_percentiles(df)

    def close(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None


class JsonlOut:
    """The ``--jsonl`` file: analyses appended as they finish, rewritten at the end when it holds stale lines.

    Where each line starts and how long it is goes into the state, so a re-run can check that a
    skipped document's line is still there, and, after a complete run, copy just the current lines
    (in input order) to a new file renamed over the old one when any line was superseded (a changed
    document), belongs to a document no longer in the corpus, or was torn. Nothing is parsed: byte
    ranges are copied, one line in memory at a time.
    """

    def __init__(self, path: Path, fresh: bool) -> None:
        self.path = Path(path)
        if fresh or not self.path.exists():
            write_atomic(self.path, b"")  # a fresh run starts a fresh JSONL file
        self._f = self.path.open("ab")
        self._r: io.BufferedReader | None = None

    def append(self, line: bytes) -> tuple[int, int]:
        data = line + b"\n"
        off = self._f.tell()
        self._f.write(data)
        self._f.flush()
        return off, len(data)

    def has(self, doc_id: str, at: tuple[int, int] | None) -> bool:
        """Whether the line recorded at ``at`` is still a whole line of this document."""
        if at is None:
            return False
        off, n = at
        if self._r is None:
            self._r = self.path.open("rb")
        prefix = ('{"id":' + json.dumps(doc_id, ensure_ascii=False) + ",").encode("utf-8")
        if off < 0 or n <= len(prefix):
            return False
        self._r.seek(max(0, off - 1))
        head = self._r.read(len(prefix) + (1 if off else 0))
        if off and head[:1] != b"\n":
            return False
        if head[-len(prefix):] != prefix:
            return False
        self._r.seek(off + n - 1)
        return self._r.read(1) == b"\n"

    def close(self) -> None:
        self._f.close()
        if self._r is not None:
            self._r.close()
            self._r = None

    def compact(self, ids: Iterable[str], state: State) -> bool:
        """Make the file exactly the current lines of ``ids``, in that order; True if it had to be rewritten."""
        self.close()
        spans = [(i, state.at[i]) for i in ids if i in state.at]
        size = self.path.stat().st_size
        end = 0
        for _i, (off, n) in spans:
            if off != end:
                break
            end += n
        else:
            if end == size:
                return False  # already exactly these lines, in this order
        new_at: dict[str, tuple[int, int]] = {}
        with atomic_writer(self.path) as out, self.path.open("rb") as src:
            pos = 0
            for doc_id, (off, n) in spans:
                src.seek(off)
                data = src.read(n)
                if len(data) != n or not data.endswith(b"\n"):
                    continue  # a line lost since (the file was edited): the document is redone next run
                out.write(data)
                new_at[doc_id] = (pos, n)
                pos += n
        state.rewrite(new_at)
        return True


@dataclass
class CorpusRun:
    """What a corpus run did; ``table`` is the scores DataFrame of every current document."""

    ok: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    interrupted: bool = False
    nbytes: int = 0
    table: Any = None
    ids: list[str] = field(default_factory=list)


class _Stop:
    """Ctrl-C sets a flag checked between documents; a second Ctrl-C stops at once."""

    def __init__(self) -> None:
        self.requested = False

    def __call__(self, signum: int, frame: Any) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True


@contextmanager
def _sigint(stop: _Stop) -> Iterator[None]:
    if not callable(stop) or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def state_path_for(json_dir: Path | None, jsonl: Path | None, table: Path | None) -> Path | None:
    """Where the resume state lives: in the JSON folder, else beside the JSONL or table file."""
    if json_dir is not None:
        return Path(json_dir) / STATE_NAME
    for f in (jsonl, table):
        if f is not None:
            return Path(f).parent / f".{Path(f).name}.state.jsonl"
    return None


def write_table(df: Any, path: str | os.PathLike[str]) -> Path:
    """The scores table as Parquet or CSV (by the file's suffix), written atomically."""
    p = Path(path)
    if p.suffix.lower() == ".parquet":
        buf = io.BytesIO()
        df.to_parquet(buf, index=False)
        return write_atomic(p, buf.getvalue())
    return write_atomic(p, df.to_csv(index=False))


def run_corpus(inputs: Iterable[str | os.PathLike[str]], *, json_dir: Path | None = None, jsonl: Path | None = None,
               table: Path | None = None, jobs: int | None = None, resume: bool = True,
               warn: Callable[[str], None] = lambda m: None, progress: bool = True,
               text_field: str = "text", id_field: str = "id", stop: Any = None) -> CorpusRun:
    """Analyse a corpus, streaming; write per-document JSON, a JSONL file and/or the scores table.

    A document whose content key and code version match the state file (and whose
    JSON exists, when asked for) is skipped. On Ctrl-C the documents finished so
    far are kept, nothing half-written is left, and ``interrupted`` is set.
    """
    from reporter.corpus import frame
    from reporter.corpus.chrome import with_site_chrome
    from reporter.corpus.engine import LocalEngine, Want, content_key
    from reporter.ingest.stream import STREAM_EXT, count_documents, expand_corpus, stream_documents

    run = CorpusRun()
    paths = expand_corpus(inputs)
    # Counting reads record files once: worth it only for a progress bar on a terminal.
    progress = progress and sys.stderr.isatty()
    total = count_documents(paths) if progress else sum(16 if p.suffix.lower() in STREAM_EXT else 1 for p in paths)
    state_file = state_path_for(json_dir, jsonl, table)
    if jsonl is not None and not Path(jsonl).exists():
        resume = False  # the skipped documents would be missing from the new JSONL file
    state = State(state_file, resume) if state_file is not None else None
    if json_dir is not None:
        Path(json_dir).mkdir(parents=True, exist_ok=True)
    line_file = JsonlOut(Path(jsonl), fresh=not (resume and state is not None and state.keys)) \
        if jsonl is not None else None
    jobs = jobs or None
    if total and total < 16:
        jobs = 1  # starting processes costs more than it saves
    engine = LocalEngine(jobs)
    want = Want(json=json_dir is not None, line=jsonl is not None,
                json_dir=str(json_dir) if json_dir is not None else None)  # pool workers write the JSON files
    bar = _bar(total) if progress else None

    def say(msg: str) -> None:
        if bar is not None and not bar.disable:
            bar.write(f"reporter: {msg}", file=sys.stderr)
        else:
            warn(msg)

    seen: set[str] = set()
    stop = stop if stop is not None else _Stop()

    def todo() -> Iterator[tuple[Document, str]]:
        # documents of one site are held back (bounded) until the lines the site repeats are known
        for item in with_site_chrome(stream_documents(paths, text_field, id_field)):
            if stop.requested:
                return
            if isinstance(item, IngestError):
                run.failed.append(item.path)
                say(str(item))
                _tick(bar)
                continue
            key = content_key(item)
            seen.add(item.id)
            run.ids.append(item.id)
            if state is not None and state.current(item.id, key) and (
                    json_dir is None or (Path(json_dir) / f"{item.id}.json").exists()) and (
                    line_file is None or line_file.has(item.id, state.at.get(item.id))):
                run.skipped += 1
                _tick(bar)
                continue
            yield item, key

    results = engine.map(todo(), want)
    try:
        with _sigint(stop):
            for out in results:
                if out.error is not None:
                    run.failed.append(out.path or out.id)
                    say(f"{out.path or out.id}: {out.error}")
                else:
                    if json_dir is not None and out.json is not None:
                        try:
                            write_atomic(Path(json_dir) / f"{out.id}.json", out.json)
                        except OSError as exc:  # this document's output cannot be written: it failed, not the run
                            run.failed.append(out.path or out.id)
                            say(f"{out.path or out.id}: cannot write {out.id}.json ({exc.strerror or exc})")
                            _tick(bar)
                            continue
                    at = None
                    if line_file is not None and out.line is not None:
                        try:
                            at = line_file.append(out.line)
                        except OSError as exc:
                            run.failed.append(out.path or out.id)
                            say(f"{out.path or out.id}: cannot write its line to {jsonl} ({exc})")
                            _tick(bar)
                            continue
                    if state is not None:
                        state.add(out.id, out.key, out.row or {}, at)
                    run.ok += 1
                    run.nbytes += out.nbytes
                _tick(bar)
                if stop.requested:
                    run.interrupted = True
                    break
            if stop.requested:
                run.interrupted = True
    finally:
        results.close()  # stops the worker processes
        if line_file is not None:
            line_file.close()
        if bar is not None:
            bar.close()
        if state is not None:
            state.close()
    if run.interrupted:
        return run
    if line_file is not None and state is not None:
        line_file.compact(run.ids, state)
    run.table = state.table(seen) if state is not None else frame([])
    if table is not None:
        write_table(run.table, table)
    return run


def _bar(total: int) -> Any:
    if total <= 3:
        return None
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked after the bar starts
    return tqdm(total=total, unit="doc", disable=None, file=sys.stderr, leave=False, smoothing=0.05)


def _tick(bar: Any) -> None:
    if bar is not None:
        bar.update(1)


def select_ids(df: Any, spec: str, auto_limit: int = 100, auto_lowest: int = 25) -> list[str]:
    """The ids a dossier spec names: ``all``, ``none``, ``auto``, ``lowest:N``, ``highest:N``,
    comma-separated ids, or a pandas query on the scores table such as ``credibility < 40``.

    ``auto`` is every document of a small corpus (up to ``auto_limit``), else the
    ``auto_lowest`` least credible: nobody wants 100,000 PDFs by accident.
    """
    spec = spec.strip()
    if df is None or len(df) == 0 or spec.lower() == "none":
        return []
    ids = [str(i) for i in df["id"]]
    low = spec.lower()
    if low == "auto":
        return ids if len(ids) <= auto_limit else select_ids(df, f"lowest:{auto_lowest}")
    if low == "all":
        return ids
    for kind in ("lowest", "highest"):
        if low.startswith(kind + ":"):
            try:
                n = int(low.split(":", 1)[1])
            except ValueError:
                raise ValueError(f"{spec!r}: expected {kind}:N with a whole number N") from None
            col = df["credibility"].astype(float)
            order = col.sort_values(ascending=kind == "lowest", kind="stable", na_position="last").index
            return [str(df.loc[i, "id"]) for i in order[:max(0, n)]]
    known = set(ids)
    names = [p.strip() for p in spec.split(",") if p.strip()]
    if names and all(n in known for n in names):
        return names
    try:
        mask = query_mask(df, spec)
    except ValueError as exc:
        missing = [n for n in names if n not in known]
        raise ValueError(f"{spec!r} is neither known ids (unknown: {', '.join(missing[:3])}) "
                         f"nor a query on the scores ({exc})") from None
    return [str(i) for i in df.loc[mask, "id"]]


_COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
            ast.Eq: operator.eq, ast.NotEq: operator.ne}


def query_mask(df: Any, spec: str) -> Any:
    """The rows of the scores table that ``spec`` selects, as a boolean Series.

    ``spec`` is a pandas-style query, but only this small grammar is accepted, and it is
    evaluated here, never by ``eval`` or ``DataFrame.query`` (which would run attribute
    lookups and calls from untrusted input): column names of the table, numbers, quoted
    strings, comparisons (``<  <=  >  >=  ==  !=``, chained too), ``in``/``not in`` a
    list of constants, ``and``/``or``/``not`` (or ``&``/``|``/``~``) and parentheses.
    """
    import pandas as pd

    if len(spec) > 2000:
        raise ValueError("query too long")
    try:
        tree = ast.parse(spec.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise ValueError(f"not a query: {getattr(exc, 'msg', None) or exc}") from None

    def const(node: ast.AST) -> Any:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)) \
                and not isinstance(node.value, bool):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant) \
                and isinstance(node.operand.value, (int, float)) and not isinstance(node.operand.value, bool):
            return -node.operand.value
        raise ValueError(f"expected a number or a quoted string, got {ast.unparse(node)!r}")

    def operand(node: ast.AST) -> Any:
        if isinstance(node, ast.Name):
            if node.id not in df.columns:
                cols = ", ".join(c for c in df.columns if not c.endswith("_pct"))
                raise ValueError(f"unknown column {node.id!r} (columns: {cols})")
            return df[node.id]
        return const(node)

    def mask(node: ast.AST) -> Any:
        if isinstance(node, ast.BoolOp):
            parts = [mask(v) for v in node.values]
            out = parts[0]
            for m in parts[1:]:
                out = (out & m) if isinstance(node.op, ast.And) else (out | m)
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.BitAnd, ast.BitOr)):
            a, b = mask(node.left), mask(node.right)
            return (a & b) if isinstance(node.op, ast.BitAnd) else (a | b)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.Invert)):
            return ~mask(node.operand)
        if isinstance(node, ast.Compare):
            out = pd.Series(True, index=df.index)
            left = operand(node.left)
            for op, right_node in zip(node.ops, node.comparators, strict=True):
                if isinstance(op, (ast.In, ast.NotIn)):
                    if not isinstance(left, pd.Series) or not isinstance(right_node, (ast.List, ast.Tuple, ast.Set)):
                        raise ValueError("use: column in [value, ...]")
                    hit = left.isin([const(e) for e in right_node.elts])
                    out &= ~hit if isinstance(op, ast.NotIn) else hit
                    left = None
                    continue
                if type(op) not in _COMPARE:
                    raise ValueError(f"operator not allowed: {ast.unparse(node)!r}")
                right = operand(right_node)
                if not isinstance(left, pd.Series) and not isinstance(right, pd.Series):
                    raise ValueError(f"compare a column, not two constants: {ast.unparse(node)!r}")
                try:
                    res = _COMPARE[type(op)](left, right)
                except TypeError as exc:
                    raise ValueError(f"cannot compare {ast.unparse(node)!r}: {exc}") from None
                out &= res.fillna(False).astype(bool)
                left = right
            return out
        raise ValueError(f"not allowed in a query: {ast.unparse(node)!r}")

    try:
        return mask(tree.body)
    except RecursionError:
        raise ValueError("query nested too deeply") from None


def pick_documents(inputs: Iterable[str | os.PathLike[str]], ids: Iterable[str], text_field: str = "text",
                   id_field: str = "id") -> Iterator[Document]:
    """Stream the corpus again and yield only the documents with ``ids`` (for their dossiers)."""
    from reporter.ingest.stream import stream_documents

    wanted = set(ids)
    if not wanted:
        return
    for item in stream_documents(inputs, text_field, id_field):
        if isinstance(item, Document) and item.id in wanted:
            wanted.discard(item.id)
            yield item
            if not wanted:
                return
