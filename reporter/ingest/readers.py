"""Read articles from files, folders and globs into ``Document`` objects.

Bytes are decoded exactly (UTF-8 first, then charset-normalizer's detection),
never normalised: every offset the analysis reports must point into the text
as read. HTML is parsed, never rendered, and its main content extracted with
trafilatura; what trafilatura dropped is kept as ``Document.removed``.

Everything here is hostile-input safe: a file that cannot be read becomes one
``IngestError`` naming the file and the reason (never an exception out of
``read_path``), sizes are capped before anything is read, special files (pipes,
devices) are refused, and folders never lead outside themselves by symlink.
See docs/robustness.md.
"""
from __future__ import annotations

import codecs
import csv
import glob
import hashlib
import io
import json
import os
import re
import stat
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from reporter.model import Document

TEXT_EXT = {".txt", ".text", ".md", ".markdown"}
HTML_EXT = {".html", ".htm", ".xhtml"}
RECORD_EXT = {".json", ".jsonl", ".ndjson", ".csv"}
SUPPORTED = TEXT_EXT | HTML_EXT | RECORD_EXT
META_FIELDS = ("title", "url", "source", "byline", "date")

# One article (a text or HTML file, or one record's text) may be at most this many bytes: the analysis runs at
# about 1 MB/s and a dossier of a longer "article" is not readable anyway. Record files hold many articles.
MAX_DOC_BYTES = int(os.environ.get("REPORTER_MAX_BYTES", 16 * 2**20))
MAX_RECORD_FILE_BYTES = int(os.environ.get("REPORTER_MAX_RECORD_FILE_BYTES", 512 * 2**20))
MAX_ID_BYTES = 120  # a file name is at most 255 bytes; leave room for "-N" and ".json"

_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"PK\x03\x04", b"PK\x05\x06", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b", b"\x7fELF",
    b"\xfd7zXZ", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a", b"\xd0\xcf\x11\xe0", b"SQLite format 3\x00", b"OggS\x00",
    b"wOFF", b"wOF2", b"\x00\x01\x00\x00\x00", b"\xca\xfe\xba\xbe", b"\x28\xb5\x2f\xfd", b"MZ\x90\x00",
)
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
_SAMPLE = 1 << 16
_DETECT_SAMPLE = 1 << 20  # charset detection on the first MiB: detecting on 50 MB takes half a minute
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")  # C0 controls except \t \n \v \f \r and ESC
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INVISIBLE = re.compile(r"[\s\ufeff\u200b-\u200d\u2060]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_ASCII = bytes(range(0x80))
_WIN_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def display_path(path: str | os.PathLike[str]) -> str:
    """The path as one printable line: undecodable bytes become U+FFFD, control characters are escaped."""
    s = os.fspath(path)
    s = s.decode("utf-8", "replace") if isinstance(s, bytes) else s
    if s.isprintable():  # the usual case, checked in C (lone surrogates are not printable): once per record
        return s
    s = s.encode("utf-8", "surrogateescape").decode("utf-8", "replace") if _SURROGATE.search(s) else s
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in s)


def _one_line(reason: str) -> str:
    return re.sub(r"\s+", " ", "".join(c if c.isprintable() else " " for c in reason)).strip()[:300]


class IngestError(Exception):
    """A single input that cannot be read; the message names the file and the reason, on one line."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = display_path(path)
        self.reason = _one_line(reason)
        super().__init__(f"{self.path}: {self.reason}")


# --- decoding -------------------------------------------------------------------------------------------------

class _TooManyStrays(Exception):
    pass


_strays = threading.local()


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode a byte that is not UTF-8 as Windows-1252: the usual stray smart quote in a UTF-8 scrape."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _strays.left = getattr(_strays, "left", 0) - (exc.end - exc.start)
    if _strays.left < 0:
        raise _TooManyStrays
    return exc.object[exc.start:exc.end].decode("cp1252", "replace"), exc.end


codecs.register_error("reporter-cp1252", _cp1252_fallback)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray legacy bytes (at most 5% of the non-ASCII bytes): keep the UTF-8.

    Charset detection would pick one legacy code page for the whole file and garble every UTF-8 character.
    Decided on the first MiB, then confirmed on the whole file while decoding (the error handler counts).
    """
    head = data[:_DETECT_SAMPLE]
    high = len(head.translate(None, _ASCII))
    if not high or len(_UTF8_MULTI.sub(b"", head).translate(None, _ASCII)) > 0.05 * high:
        return None
    _strays.left = int(0.05 * len(data.translate(None, _ASCII))) if len(data) > len(head) else int(0.05 * high)
    try:
        return data.decode("utf-8", "reporter-cp1252")
    except _TooManyStrays:
        return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM shows NUL in every other byte (for Latin scripts)."""
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return None
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, path: str | os.PathLike[str] = "<bytes>") -> tuple[str, str]:
    """Return ``(text, encoding)``; raise ``IngestError`` for empty, binary or undecodable bytes.

    The text is exactly what the bytes say: no newline or whitespace changes, a UTF-8 BOM stays as U+FEFF
    (offsets count it, as the file does); a UTF-16/32 BOM is consumed by its codec.
    """
    if not data.strip():
        raise IngestError(path, "empty file" if not data else "empty file (whitespace only)")
    if data.startswith(_BINARY_MAGIC) or data[4:8] == b"ftyp":
        raise IngestError(path, "binary file (not text)")
    text: str | None = None
    enc = ""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text, enc = data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"undecodable bytes for {codec}: {exc.reason}") from None
            break
    if text is None:
        sample = data[:_SAMPLE]
        if b"\x00" in sample:
            guess = _utf16_without_bom(sample)
            if guess:
                try:
                    text, enc = data.decode(guess), guess
                except UnicodeDecodeError:
                    text = None
            if text is None and sample.count(0) > max(2, len(sample) // 100):
                raise IngestError(path, "binary file (NUL bytes)")
    if text is None:
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text = _mostly_utf8(data)
            enc = "utf-8 (stray bytes read as cp1252)" if text is not None else ""
    if text is None:
        text, enc = _detect(data, path)
    head = text[:_SAMPLE]
    if len(_CONTROL.findall(head)) > max(8, len(head) // 20):
        raise IngestError(path, "binary file (mostly control characters)")
    if not _INVISIBLE.sub("", text[:4096]) and not _INVISIBLE.sub("", text):
        raise IngestError(path, "empty file (whitespace only)")
    return text, enc


def _detect(data: bytes, path: str | os.PathLike[str]) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    sample = data[:_DETECT_SAMPLE]
    if len(data) > len(sample):  # cut at a line end so a multi-byte character is not split
        cut = sample.rfind(b"\n")
        sample = sample[:cut + 1] if cut > 0 else sample
    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        raise IngestError(path, "binary file or unknown text encoding (no text encoding fits)")
    enc = best.encoding
    # On a short text several code pages fit equally well; Windows-1252 is by far the commonest legacy one on
    # the web, and charset-normalizer's tie-break (often cp1250) turns French "à" into "ŕ".
    for m in matches:
        if (m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.02
                and "cp1252" in m.could_be_from_charset):
            enc = "cp1252"
            break
    if len(sample) == len(data) and enc == best.encoding:
        return str(best), enc
    try:
        return data.decode(enc), enc
    except (UnicodeDecodeError, LookupError):
        raise IngestError(path, f"undecodable bytes (detected {enc} on the first MiB, the rest does not fit)") from None


# --- files ----------------------------------------------------------------------------------------------------


def _read_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes; refuse special files (a FIFO would block forever) and anything over ``limit``."""
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IngestError(path, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise IngestError(path, "not a regular file (device, pipe or socket)")
        if st.st_size > limit:
            raise IngestError(path, f"file too large ({_mb(st.st_size)} > limit {_mb(limit)}; "
                                    "set REPORTER_MAX_BYTES to raise it)")
        with path.open("rb") as f:
            data = f.read(limit + 1)
        if len(data) > limit:
            raise IngestError(path, f"file too large (grew past the limit {_mb(limit)} while read)")
        return data
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except IsADirectoryError:
        raise IngestError(path, "is a directory") from None
    except (OSError, ValueError) as exc:
        raise IngestError(path, getattr(exc, "strerror", None) or str(exc)) from None


def _mb(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def clean_str(s: str) -> str:
    """Lone surrogates (from JSON ``\\ud800`` escapes) cannot be written as UTF-8: U+FFFD, one for one."""
    if s.isascii():
        return s
    try:
        s.encode("utf-8")  # in C, several times faster than searching the text for a surrogate
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", s)
    return s


def doc_from_text(text: str, doc_id: str, path: str | None = None, **meta: str | None) -> Document:
    """A Document whose id is file-name safe and whose strings can all be written as UTF-8."""
    clean = {k: (clean_str(v)[:2000] if isinstance(v, str) else v) for k, v in meta.items() if k in META_FIELDS}
    return Document(id=safe_id(doc_id), text=clean_str(text), path=display_path(path) if path else path, **clean)


def _from_html(raw: str, doc_id: str, path: str) -> Document:
    """Main content by trafilatura; what it left out becomes ``removed`` for the dossier.

    The markup is only parsed (lxml's HTML parser: no DTDs, no entities, no network), never rendered, and
    nothing it references (images, frames, styles, scripts) is fetched.
    """
    import trafilatura

    raw = _XML_BAD.sub(" ", clean_str(raw))  # lxml refuses NUL and C0 controls; the HTML text is not offset-bound
    try:
        extracted = trafilatura.bare_extraction(
            raw, include_comments=False, include_tables=False, with_metadata=True, favor_precision=False
        )
    except (RecursionError, MemoryError):
        raise IngestError(path, "HTML too deeply nested to parse") from None
    except Exception as exc:  # trafilatura/lxml on hostile markup: one failed input, never a crashed batch
        raise IngestError(path, f"HTML could not be parsed ({type(exc).__name__})") from None
    if extracted is None:
        raise IngestError(path, "HTML with no readable article text")
    get = extracted.get if isinstance(extracted, dict) else lambda k: getattr(extracted, k, None)
    body = (get("text") or "").strip()
    if not body:
        raise IngestError(path, "HTML with no readable article text")
    title = get("title")
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    try:
        removed = _html_removed(raw, body)
    except Exception:  # the removed-lines list is a courtesy for the dossier, never a reason to fail
        removed = []
    meta = {k: (str(v) if v is not None else None) for k, v in (
        ("title", title), ("url", get("url")), ("source", get("sitename")), ("byline", get("author")),
        ("date", get("date")), ("lang", get("language")))}
    return Document(id=doc_id, text=text, path=path, removed=removed, **meta)


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
        t = re.sub(r"\s+", " ", " ".join(block.itertext())).strip()
        # document order puts a menu before its links: a block inside one already listed is not listed again
        if len(t) < 2 or t in seen or t in kept_norm or (out and t in out[-1]):
            continue
        seen.add(t)
        out.append(t[:300])
        if len(out) >= 200:
            break
    return out


def json_reason(exc: BaseException) -> str:
    """A JSON failure in words a user can act on (Python's own messages talk about its internals)."""
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8"
    if "digits" in str(exc):
        return "a number with too many digits"
    return type(exc).__name__


def _records(data: str, ext: str, path: str) -> Iterator[tuple[int, object]]:
    """(index, record) pairs from JSON, JSONL or CSV; a bad record is an ``IngestError`` value naming its line."""
    if ext == ".csv":
        if csv.field_size_limit() < MAX_DOC_BYTES:  # articles are longer than csv's 128 kB default field
            csv.field_size_limit(MAX_DOC_BYTES)
        reader = csv.DictReader(io.StringIO(data, newline=""))
        try:
            for i, row in enumerate(reader):
                yield i, row
        except csv.Error as exc:
            raise IngestError(f"{path}:{reader.line_num}", f"invalid CSV: {exc}") from None
        return
    if ext == ".json":
        try:
            obj = json.loads(data)
        except json.JSONDecodeError as exc:
            raise IngestError(path, f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
        except (ValueError, RecursionError) as exc:  # 5000-digit numbers, 100k nested brackets
            raise IngestError(path, f"invalid JSON: {json_reason(exc)}") from None
        if isinstance(obj, dict) and "reporter_version" in obj and "scores" in obj:
            raise IngestError(path, "a reporter output file, not an article")
        items = obj if isinstance(obj, list) else [obj]
        yield from enumerate(items)
        return
    # JSONL: split on "\n" only; str.splitlines() would also cut at U+2028 and \x1c, legal inside JSON strings.
    for i, line in enumerate(data.split("\n")):
        if not line.strip():
            continue
        try:
            yield i, json.loads(line)
        except json.JSONDecodeError as exc:
            yield i, IngestError(f"{path}:{i + 1}", f"invalid JSON line: {exc.msg}")
        except (ValueError, RecursionError) as exc:
            yield i, IngestError(f"{path}:{i + 1}", f"invalid JSON line: {json_reason(exc)}")


def _record_doc(rec: object, i: int, p: Path, shown: str) -> Document | IngestError:
    where = f"{shown}:{i + 1}"
    if not isinstance(rec, dict):
        return IngestError(where, f"record is a JSON {type(rec).__name__}, not an object")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return IngestError(where, 'record has no "text"')
    if len(text) > MAX_DOC_BYTES:
        return IngestError(where, f'record "text" too large ({len(text)} characters > {MAX_DOC_BYTES})')
    rid = rec.get("id")
    rid = str(rid) if rid is not None and str(rid) != "" else f"{p.stem}-{i + 1:05d}"
    meta = {k: (str(rec[k]) if rec.get(k) is not None else None) for k in META_FIELDS}
    return doc_from_text(text, rid, path=shown, **meta)


def read_path(path: str | os.PathLike[str]) -> Iterator[Document | IngestError]:
    """Documents from one file; a record-file yields one per record. Errors are values, never raised."""
    p = Path(path)
    shown = display_path(p)
    ext = p.suffix.lower()
    try:
        data = _read_bytes(p, MAX_RECORD_FILE_BYTES if ext in RECORD_EXT else MAX_DOC_BYTES)
        text, enc = decode(data, p)
        del data
    except IngestError as err:
        yield err
        return
    stem = p.stem
    if ext in RECORD_EXT:
        try:
            for i, rec in _records(text, ext, shown):
                item = rec if isinstance(rec, IngestError) else _record_doc(rec, i, p, shown)
                if isinstance(item, Document):
                    item.encoding = enc
                yield item
        except IngestError as err:
            yield err
        return
    if ext in HTML_EXT or (ext not in TEXT_EXT and re.match(r"\s*<(!doctype html|html)", text[:200], re.I)):
        try:
            doc = _from_html(text, stem, shown)
        except IngestError as err:
            yield err
            return
        doc.encoding = enc
        yield doc
        return
    doc = doc_from_text(text, stem, path=shown)
    doc.encoding = enc
    yield doc


# --- inputs and ids -------------------------------------------------------------------------------------------


def _walk(root: Path, exts: Iterable[str] = SUPPORTED) -> list[Path]:
    """Supported files under ``root``, sorted; hidden names skipped; symlinks kept only if they stay inside."""
    real_root = root.resolve()
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            f = Path(dirpath) / name
            if name.startswith(".") or f.suffix.lower() not in exts:
                continue
            try:
                if f.is_symlink():
                    target = f.resolve(strict=True)
                    if real_root not in target.parents or not target.is_file():
                        continue
                elif not f.is_file():  # a FIFO named like a corpus file would block the run forever
                    continue
            except (OSError, RuntimeError):
                continue
            out.append(f)
    return sorted(out)


def expand(inputs: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named by paths, folders (recursively, supported types only) and globs, in order.

    A path that cannot even be inspected is passed on as is, so that reading it reports one clear error.
    """
    out: list[Path] = []
    for item in inputs:
        s = os.fspath(item)
        s = os.fsdecode(s) if isinstance(s, bytes) else s
        p = Path(s)
        try:
            if p.is_dir():
                out.extend(_walk(p))
            elif not p.exists() and glob.has_magic(s):
                out.extend(sorted(Path(g) for g in glob.glob(s, recursive=True) if Path(g).is_file()))
            else:
                out.append(p)
        except (OSError, ValueError):
            out.append(p)
    return out


def safe_id(doc_id: str) -> str:
    """The id as a file-name stem that is safe everywhere: no separators, no dot files, bounded length."""
    base = re.sub(r"[^\w.\-]+", "_", clean_str(str(doc_id))).strip(".") or "doc"
    if base.split(".")[0].lower() in _WIN_RESERVED:
        base = f"_{base}"
    if len(base.encode("utf-8")) > MAX_ID_BYTES:
        digest = hashlib.sha1(str(doc_id).encode("utf-8", "surrogatepass")).hexdigest()[:10]
        cut = base.encode("utf-8")[:MAX_ID_BYTES - 11].decode("utf-8", "ignore")
        base = f"{cut}-{digest}"
    return base


class UniqueIds:
    """Hands out ids that never collide, even on a case-insensitive file system (``x``, ``x-2``, ``x-3``...)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next_n: dict[str, int] = {}

    def __call__(self, doc_id: str) -> str:
        base = safe_id(doc_id)
        cand, key = base, base.lower()
        n = self.next_n.get(key, 1)
        while cand.lower() in self.used:
            n += 1
            cand = f"{base}-{n}"
        self.next_n[key] = n
        self.used.add(cand.lower())
        return cand


def iter_documents(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Document | IngestError]:
    """Every document named by ``inputs``, with ids made unique and file-name safe (``name``, ``name-2``, ...)."""
    unique = UniqueIds()
    for path in expand(inputs):
        for item in read_path(path):
            if isinstance(item, Document):
                item.id = unique(item.id)
            yield item
