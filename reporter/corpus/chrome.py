"""Site chrome across a corpus: lines that repeat across documents of the same source.

One page alone cannot tell a site's fixed footer from a closing sentence, but
the same line on several pages of one site is the site talking, not the
article. A document's source is its ``source`` field, else its URL's host.

Two ways in:

- ``find_site_chrome(docs)``: one pass over documents already in hand (a
  library call, tests, a small folder);
- ``with_site_chrome(stream)``: the corpus batch. It must stream with bounded
  memory, so each source's chrome is learned from its **first** ``learn``
  documents only (20 by default: a site's menu and footer show on every page,
  twenty pages are plenty), those documents are held back until their source's
  chrome is known (at most ``hold`` documents in all), and at most
  ``max_sources`` sources are learning at once. Later documents of a learned
  source are passed through at once with the learned set. Memory is bounded by
  ``hold`` documents plus ``max_sources * learn`` documents' distinct lines,
  whatever the corpus size.

The chrome of a source is a mapping from normalised line to the number of its
pages that carry it; the pipeline marks those lines with the reason "repeated
across N pages of this site" (``mark_site_chrome``).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar
from urllib.parse import urlparse

from reporter.model import Document, LineLabel

REASON = "repeated across pages of this site"
_DIGITS = re.compile(r"\d+")
_MAX_LINE = 400  # characters: longer lines are article paragraphs, not a site's fixed text
_MAX_SHARE = 0.8  # a document whose lines would be this much chrome is a duplicate, not a page of chrome

T = TypeVar("T")


def normalise(line: str) -> str:
    """Case, spacing and numbers folded, so '© 2023 Site' and '© 2024 Site' are one line."""
    return _DIGITS.sub("0", " ".join(line.lower().split()))


def source_of(doc: Document) -> str | None:
    """The site a document belongs to: its ``source`` field, else the host of its URL."""
    if doc.source and doc.source.strip():
        return doc.source.strip().lower()
    if doc.url:
        try:
            host = urlparse(doc.url).netloc.lower()
        except ValueError:
            return None
        return (host[4:] if host.startswith("www.") else host) or None
    return None


def _lines_of(doc: Document) -> set[str]:
    out = {normalise(ln) for ln in doc.text.split("\n") if ln.strip() and len(ln) <= _MAX_LINE}
    out.discard("")
    return out


class _Source:
    """Line counts over the distinct texts seen so far of one source."""

    __slots__ = ("counts", "docs", "texts")

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.docs = 0
        self.texts: set[bytes] = set()

    def add(self, doc: Document) -> None:
        digest = hashlib.blake2b(doc.text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        if digest in self.texts:
            return  # the same article twice would make its every line "repeated"
        self.texts.add(digest)
        self.docs += 1
        self.counts.update(_lines_of(doc))

    def chrome(self, min_docs: int, min_share: float) -> dict[str, int]:
        if self.docs < min_docs:
            return {}
        need = max(min_docs, min_share * self.docs)
        return {ln: c for ln, c in self.counts.items() if c >= need}


def find_site_chrome(docs: Iterable[Document], min_docs: int = 3,
                     min_share: float = 0.3) -> dict[str, dict[str, int]]:
    """Per source, the normalised lines found in at least ``min_docs`` documents and ``min_share`` of them.

    Sources with fewer than ``min_docs`` distinct documents get no entry: one or two pages cannot show a pattern.
    """
    seen: dict[str, _Source] = {}
    for doc in docs:
        src = source_of(doc)
        if src is not None:
            seen.setdefault(src, _Source()).add(doc)
    out = {src: s.chrome(min_docs, min_share) for src, s in seen.items()}
    return {src: c for src, c in out.items() if c}


def with_site_chrome(items: Iterable[T], learn: int = 20, hold: int = 256, max_sources: int = 256,
                     min_docs: int = 3, min_share: float = 0.3) -> Iterator[T]:
    """The same items (documents and anything else, such as ingest errors), each document of a source with
    repeated lines given ``site_chrome``; see the module docstring for the memory bounds.

    Items other than documents with a source pass straight through; held documents come out in their order
    when their source's chrome is learned, when more than ``hold`` are waiting (with the chrome known so far),
    or at the end of the stream.
    """
    learning: dict[str, _Source] = {}
    learned: dict[str, dict[str, int]] = {}
    held: deque[tuple[Document, str]] = deque()

    def release(doc: Document, src: str) -> Document:
        chrome = learned.get(src)
        if chrome is None:
            s = learning.get(src)
            chrome = s.chrome(min_docs, min_share) if s is not None else {}
        doc.site_chrome = chrome or None
        return doc

    for item in items:
        if not isinstance(item, Document):
            yield item
            continue
        src = source_of(item)
        if src is None or src in learned or (src not in learning and len(learning) >= max_sources):
            if src is not None and src in learned:
                release(item, src)
            yield item  # type: ignore[misc]
            continue
        s = learning.setdefault(src, _Source())
        s.add(item)
        held.append((item, src))
        if s.docs >= learn:
            learned[src] = s.chrome(min_docs, min_share)
            del learning[src]
            keep: deque[tuple[Document, str]] = deque()
            for doc, dsrc in held:
                if dsrc == src:
                    yield release(doc, dsrc)  # type: ignore[misc]
                else:
                    keep.append((doc, dsrc))
            held = keep
        while len(held) > hold:
            doc, dsrc = held.popleft()
            yield release(doc, dsrc)  # type: ignore[misc]
    while held:
        doc, dsrc = held.popleft()
        yield release(doc, dsrc)  # type: ignore[misc]


def mark_site_chrome(doc: Document, lines: list[LineLabel],
                     chrome: Mapping[str, int] | frozenset[str] | set[str] | None) -> list[LineLabel]:
    """Lines of ``doc`` in the site's chrome become boilerplate ("repeated across N pages of this site").

    Chrome lines keep their own reason; a byline or dateline keeps its kind (one writer signs many pages), a
    "title" the site repeats is the site's name, not the headline, and becomes chrome. When nearly every line of the
    document would be chrome, nothing is marked: that is a copy of a page already seen, not a page of chrome.
    """
    if not chrome:
        return lines
    text = doc.text
    hits: list[int] = []
    live = 0
    for k, ln in enumerate(lines):
        if ln.kind in ("blank", "byline", "date") or (ln.boilerplate and ln.reason and ln.kind != "title"):
            continue
        live += 1
        seg = text[ln.start:ln.end]
        if len(seg) <= _MAX_LINE and normalise(seg) in chrome:
            hits.append(k)
    if not hits or len(hits) > _MAX_SHARE * live:
        return lines
    out = list(lines)
    for k in hits:
        ln = lines[k]
        n = chrome.get(normalise(text[ln.start:ln.end])) if isinstance(chrome, Mapping) else None
        reason = f"repeated across {n} pages of this site" if n else REASON
        out[k] = LineLabel(ln.start, ln.end, True, reason, "boilerplate", 1.0)
    return out
