"""Read articles from files, folders and globs into ``Document`` objects.

Bytes are decoded exactly (UTF-8 first, then charset-normalizer's detection),
never normalised: every offset the analysis reports must point into the text
as read. HTML is parsed, never rendered, and its main content extracted with
trafilatura; what trafilatura dropped is kept as ``Document.removed``.
"""
from __future__ import annotations

import csv
import glob
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from reporter.model import Document

TEXT_EXT = {".txt", ".text", ".md", ".markdown"}
HTML_EXT = {".html", ".htm", ".xhtml"}
RECORD_EXT = {".json", ".jsonl", ".ndjson", ".csv"}
SUPPORTED = TEXT_EXT | HTML_EXT | RECORD_EXT
META_FIELDS = ("title", "url", "source", "byline", "date")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"\x7fELF")


class IngestError(Exception):
    """A single input that cannot be read; the message names the file and the reason."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def decode(data: bytes, path: str | os.PathLike[str] = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``IngestError`` for binary or undecodable bytes."""
    if not data.strip():
        raise IngestError(path, "empty file")
    if data.startswith(_BINARY_MAGIC):
        raise IngestError(path, "binary file (not text)")
    # A UTF-8 BOM stays in the text as U+FEFF: offsets count it, as the file does.
    for bom, enc in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"undecodable bytes for {enc}: {exc.reason}") from None
    if b"\x00" in data[:4096]:
        raise IngestError(path, "binary file (NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(path, "undecodable bytes (no text encoding fits)")
    return str(best), best.encoding


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except IsADirectoryError:
        raise IngestError(path, "is a directory") from None
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from None


def doc_from_text(text: str, doc_id: str, path: str | None = None, **meta: str | None) -> Document:
    return Document(id=doc_id, text=text, path=path, **{k: v for k, v in meta.items() if k in META_FIELDS})


def _from_html(raw: str, doc_id: str, path: str) -> Document:
    """Main content by trafilatura; what it left out becomes ``removed`` for the dossier."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        raw, include_comments=False, include_tables=False, with_metadata=True, favor_precision=False
    )
    if extracted is None:
        raise IngestError(path, "HTML with no readable article text")
    get = extracted.get if isinstance(extracted, dict) else lambda k: getattr(extracted, k, None)
    body = (get("text") or "").strip()
    if not body:
        raise IngestError(path, "HTML with no readable article text")
    title = get("title")
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    removed = _html_removed(raw, body)
    return Document(
        id=doc_id, text=text, path=path, title=title, url=get("url"), source=get("sitename"),
        byline=get("author"), date=get("date"), lang=get("language"), removed=removed,
    )


def _html_removed(raw: str, kept: str) -> list[str]:
    """Visible text blocks of the page that are not in the extracted article."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(raw)
    except (ValueError, lxml.etree.ParserError):
        return []
    for bad in tree.xpath("//script|//style|//noscript|//template|//svg|//iframe"):
        bad.drop_tree()
    kept_norm = re.sub(r"\s+", " ", kept)
    out: list[str] = []
    seen: set[str] = set()
    for block in tree.xpath("//body//*[self::p or self::li or self::a or self::h1 or self::h2 or self::h3 "
                            "or self::span or self::div[not(*)] or self::footer or self::nav]"):
        t = re.sub(r"\s+", " ", block.text_content() or "").strip()
        if len(t) < 2 or t in seen or t in kept_norm:
            continue
        seen.add(t)
        out.append(t[:300])
        if len(out) >= 200:
            break
    return out


def _records(data: str, ext: str, path: str) -> Iterator[tuple[int, dict]]:
    """(index, record) pairs from JSON, JSONL or CSV; a bad JSONL line names its number."""
    if ext == ".csv":
        for i, row in enumerate(csv.DictReader(io.StringIO(data))):
            yield i, row
        return
    if ext == ".json":
        try:
            obj = json.loads(data)
        except json.JSONDecodeError as exc:
            raise IngestError(path, f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
        items = obj if isinstance(obj, list) else [obj]
        for i, rec in enumerate(items):
            yield i, rec
        return
    for i, line in enumerate(data.splitlines()):
        if not line.strip():
            continue
        try:
            yield i, json.loads(line)
        except json.JSONDecodeError as exc:
            yield i, IngestError(f"{path}:{i + 1}", f"invalid JSON line: {exc.msg}")  # type: ignore[misc]


def read_path(path: str | os.PathLike[str]) -> Iterator[Document | IngestError]:
    """Documents from one file; a record-file yields one per record, errors as values."""
    p = Path(path)
    ext = p.suffix.lower()
    try:
        data = _read_bytes(p)
        text, enc = decode(data, p)
    except IngestError as err:
        yield err
        return
    stem = p.stem
    if ext in RECORD_EXT:
        try:
            for i, rec in _records(text, ext, str(p)):
                if isinstance(rec, IngestError):
                    yield rec
                    continue
                if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
                    yield IngestError(f"{p}:{i + 1}", 'record has no "text"')
                    continue
                rid = str(rec.get("id") or f"{stem}-{i + 1:05d}")
                meta = {k: (str(rec[k]) if rec.get(k) is not None else None) for k in META_FIELDS}
                yield doc_from_text(rec["text"], rid, path=str(p), **meta)
        except IngestError as err:
            yield err
        return
    if ext in HTML_EXT or (ext not in TEXT_EXT and re.match(r"\s*<(!doctype html|html)", text[:200], re.I)):
        try:
            doc = _from_html(text, stem, str(p))
        except IngestError as err:
            yield err
            return
        doc.encoding = enc
        yield doc
        return
    doc = doc_from_text(text, stem, path=str(p))
    doc.encoding = enc
    yield doc


def expand(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named by paths, folders (recursively, supported types only) and globs, in order."""
    out: list[Path] = []
    for item in inputs:
        s = str(item)
        p = Path(s)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED
                              and not any(part.startswith(".") for part in f.relative_to(p).parts)))
        elif not p.exists() and glob.has_magic(s):
            out.extend(sorted(Path(g) for g in glob.glob(s, recursive=True) if Path(g).is_file()))
        else:
            out.append(p)
    return out


def iter_documents(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Document | IngestError]:
    """Every document named by ``inputs``, with ids made unique (``name``, ``name-2``, ...)."""
    seen: dict[str, int] = {}
    for path in expand(inputs):
        for item in read_path(path):
            if isinstance(item, Document):
                base = re.sub(r"[^\w.\-]+", "_", item.id).lstrip(".") or "doc"
                n = seen.get(base, 0) + 1
                seen[base] = n
                item.id = base if n == 1 else f"{base}-{n}"
            yield item
