"""Stream documents out of corpora too large for memory.

JSONL and CSV files are read record by record and Parquet files in row batches,
so only the records in flight are ever in memory, never the whole corpus.
Every other kind of file (text, HTML, JSON arrays) goes through
``readers.read_path``, one file at a time. Failures come out as ``IngestError``
values next to the documents, so one bad line never stops a corpus.
"""
from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from reporter.ingest import readers
from reporter.ingest.readers import META_FIELDS, SUPPORTED, IngestError, UniqueIds, doc_from_text, expand, read_path
from reporter.model import Document

PARQUET_EXT = {".parquet", ".pq"}
STREAM_EXT = {".jsonl", ".ndjson", ".csv"} | PARQUET_EXT
CORPUS_EXT = SUPPORTED | PARQUET_EXT
PARQUET_BATCH_ROWS = 256

_csv_limit_raised = False


def expand_corpus(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Like ``readers.expand``, but folders also yield their Parquet files."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        try:
            is_dir = p.is_dir()
        except (OSError, ValueError):
            is_dir = False
        if is_dir:  # hidden names skipped, symlinks that lead out of the folder ignored
            out.extend(readers._walk(p, CORPUS_EXT))
        else:
            out.extend(expand([item]))
    return out


def open_regular(path: Path, text: bool = False) -> io.BufferedReader | io.TextIOWrapper:
    """Open a file for reading, refusing FIFOs, devices and sockets: reading a named pipe would block forever.

    The file is opened without blocking and checked on its descriptor, so a pipe swapped in after a
    check cannot slip through. Raises ``IngestError`` naming the file.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise IngestError(path, "no such file" if isinstance(exc, FileNotFoundError)
                          else exc.strerror or str(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IngestError(path, "is a directory")
        if not stat.S_ISREG(mode):
            raise IngestError(path, "not a regular file (device, pipe or socket)")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    if text:
        return open(fd, encoding="utf-8-sig", newline="")  # noqa: SIM115 - the caller closes it
    return open(fd, "rb")  # noqa: SIM115


def record_doc(rec: Any, i: int, path: Path, text_field: str = "text", id_field: str = "id") -> Document | IngestError:
    """One record (a mapping) as a Document; the same rules as ``readers.read_path`` for record files."""
    if not isinstance(rec, dict) or not isinstance(rec.get(text_field), str) or \
            not rec[text_field] or rec[text_field].isspace():  # isspace stops at the first letter; strip copies
        return IngestError(f"{path}:{i + 1}", f'record has no "{text_field}"')
    if len(rec[text_field]) > readers.MAX_DOC_BYTES:
        return IngestError(f"{path}:{i + 1}", f'"{text_field}" too large ({len(rec[text_field])} characters)')
    rid = rec.get(id_field)
    rid = str(rid) if rid is not None and str(rid) != "" else f"{path.stem}-{i + 1:05d}"
    meta = {k: (str(rec[k]) if rec.get(k) is not None else None) for k in META_FIELDS}
    return doc_from_text(rec[text_field], rid, path=str(path), **meta)


def read_jsonl(path: str | os.PathLike[str], text_field: str = "text", id_field: str = "id", start: int = 0,
               end: int | None = None, first_line: int = 0) -> Iterator[Document | IngestError]:
    """One document per line; a bad line is an error naming its line number.

    ``start``/``end`` read only the lines that begin in that byte range (a Dask partition; ``start``
    must be a line start), the first of which is line ``first_line`` of the file (0-based).
    """
    p = Path(path)
    try:
        f = open_regular(p)
    except IngestError as err:
        yield err
        return
    with f:
        if start:
            f.seek(start)
        pos = start
        for i, raw in enumerate(f, first_line):
            if end is not None and pos >= end:
                break
            pos += len(raw)
            if raw.isspace():
                continue
            try:
                rec = json.loads(raw)
            except (ValueError, RecursionError) as exc:  # also 5000-digit numbers and 100k nested brackets
                yield IngestError(f"{p}:{i + 1}", f"invalid JSON line: {readers.json_reason(exc)}")
                continue
            yield record_doc(rec, i, p, text_field, id_field)


def _raise_csv_limit() -> None:
    global _csv_limit_raised
    if not _csv_limit_raised:  # articles are longer than csv's 128 kB default field limit
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        _csv_limit_raised = True


def read_csv(path: str | os.PathLike[str], text_field: str = "text", id_field: str = "id", start: int = 0,
             end: int | None = None, first: int = 0) -> Iterator[Document | IngestError]:
    """One document per CSV row (a header row names the columns); UTF-8, BOM or not.

    ``start``/``end`` read only the records that begin in that byte range (a Dask partition; ``start``
    must be a record start found by ``csv_cuts``), the first of which is record ``first`` (0-based).
    """
    _raise_csv_limit()
    p = Path(path)
    if start or end is not None:
        yield from _read_csv_range(p, text_field, id_field, start, end, first)
        return
    try:
        f = open_regular(p, text=True)
    except IngestError as err:
        yield err
        return
    with f:
        try:
            for i, row in enumerate(csv.DictReader(f)):
                yield record_doc(row, i, p, text_field, id_field)
        except UnicodeDecodeError:
            yield IngestError(p, "not UTF-8 (convert the CSV to UTF-8)")
        except csv.Error as exc:
            yield IngestError(p, f"invalid CSV: {exc}")


def _csv_lines(f: io.BufferedReader, pos: list[int]) -> Iterator[str]:
    """Lines of a binary file as text, ``pos[0]`` the byte offset after the last line handed out.

    The csv module asks for one line at a time, only as many as the current record needs, so after
    each record ``pos[0]`` is where the next record starts.
    """
    for raw in f:
        pos[0] += len(raw)
        yield raw.decode("utf-8")


def _csv_header(f: io.BufferedReader) -> tuple[list[str], int]:
    """The header record and the byte offset where the first data record starts (after a BOM)."""
    head = f.read(3)
    pos = [3 if head == b"\xef\xbb\xbf" else 0]
    f.seek(pos[0])
    header = next(csv.reader(_csv_lines(f, pos)), [])
    return header, pos[0]


def csv_cuts(path: str | os.PathLike[str], block: int) -> list[tuple[int, int]]:
    """(byte offset, record number) of record starts about every ``block`` bytes: where a CSV can be cut
    into partitions (a quoted field may hold newlines, so only a CSV parser can find them). Raises
    ``IngestError``, ``UnicodeDecodeError`` or ``csv.Error`` when the file cannot be read to the end."""
    _raise_csv_limit()
    with open_regular(Path(path)) as f:
        size = os.fstat(f.fileno()).st_size
        _header, start = _csv_header(f)
        f.seek(start)
        pos = [start]
        cuts = [(start, 0)]
        n = 0
        for row in csv.reader(_csv_lines(f, pos)):
            n += bool(row)  # numbered like csv.DictReader, which skips blank rows
            if pos[0] - cuts[-1][0] >= block and pos[0] < size:
                cuts.append((pos[0], n))
    return cuts


def _read_csv_range(p: Path, text_field: str, id_field: str, start: int, end: int | None,
                    first: int) -> Iterator[Document | IngestError]:
    try:
        f = open_regular(p)
    except IngestError as err:
        yield err
        return
    with f:
        try:
            header, data_start = _csv_header(f)
            f.seek(max(start, data_start))
            pos = [max(start, data_start)]
            rows = csv.DictReader(_csv_lines(f, pos), fieldnames=header)
            i = first
            while end is None or pos[0] < end:
                row = next(rows, None)
                if row is None:
                    break
                yield record_doc(row, i, p, text_field, id_field)
                i += 1
        except UnicodeDecodeError:
            yield IngestError(p, "not UTF-8 (convert the CSV to UTF-8)")
        except csv.Error as exc:
            yield IngestError(p, f"invalid CSV: {exc}")


def read_parquet(path: str | os.PathLike[str], text_field: str = "text", id_field: str = "id",
                 batch_rows: int = PARQUET_BATCH_ROWS, row_groups: list[int] | None = None,
                 first_row: int = 0) -> Iterator[Document | IngestError]:
    """Documents from a Parquet file, read ``batch_rows`` rows at a time (only the columns used).

    ``row_groups`` reads only those row groups (a Dask partition), whose first row is row ``first_row``
    of the file, so that default ids are numbered as in a whole-file read.
    """
    import pyarrow.parquet as pq

    p = Path(path)
    try:
        f = open_regular(p)
    except IngestError as err:
        yield err
        return
    with f:
        try:
            pf = pq.ParquetFile(f)
        except (OSError, ValueError) as exc:
            yield IngestError(p, f"not a readable Parquet file ({exc})")
            return
        names = set(pf.schema_arrow.names)
        if text_field not in names:
            yield IngestError(p, f'no "{text_field}" column')
            return
        cols = [c for c in (id_field, text_field, *META_FIELDS) if c in names]
        i = first_row
        for batch in pf.iter_batches(batch_size=batch_rows, columns=cols, row_groups=row_groups):
            for rec in batch.to_pylist():
                yield record_doc(rec, i, p, text_field, id_field)
                i += 1


def read_any(path: str | os.PathLike[str], text_field: str = "text",
             id_field: str = "id") -> Iterator[Document | IngestError]:
    """Documents from one file, streamed when it is a record file."""
    ext = Path(path).suffix.lower()
    if ext in (".jsonl", ".ndjson"):
        return read_jsonl(path, text_field, id_field)
    if ext == ".csv":
        return read_csv(path, text_field, id_field)
    if ext in PARQUET_EXT:
        return read_parquet(path, text_field, id_field)
    return read_path(path)


def safe_id(doc_id: str) -> str:
    """The id as a file-name-safe stem (the rule ``readers.iter_documents`` applies)."""
    return readers.safe_id(doc_id)


def stream_documents(inputs: Iterable[str | os.PathLike[str]], text_field: str = "text",
                     id_field: str = "id") -> Iterator[Document | IngestError]:
    """Every document named by ``inputs``, streamed, with unique file-safe ids (``x``, ``x-2``, ...)."""
    unique = UniqueIds()  # "x", "x", "x-2" never collide, nor "X" and "x" on a case-insensitive disk
    for path in expand_corpus(inputs):
        for item in read_any(path, text_field, id_field):
            if isinstance(item, Document):
                item.id = unique(item.id)
            yield item


def count_documents(paths: Iterable[str | os.PathLike[str]]) -> int:
    """A quick count of the documents in ``paths`` for the progress bar (non-blank lines for JSONL/CSV)."""
    total = 0
    for path in paths:
        p = Path(path)
        ext = p.suffix.lower()
        try:
            if ext in PARQUET_EXT:
                import pyarrow.parquet as pq

                with open_regular(p) as f:
                    total += pq.ParquetFile(f).metadata.num_rows
            elif ext in (".jsonl", ".ndjson", ".csv"):
                with open_regular(p) as f:
                    n = sum(1 for line in f if line.strip())
                total += max(0, n - 1) if ext == ".csv" else n
            else:
                total += 1
        except (OSError, ValueError, IngestError):
            total += 1
    return total
