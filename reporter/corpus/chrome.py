"""Site chrome across a corpus: lines that repeat across documents of the same source.

One page alone cannot tell a site's fixed footer from a closing sentence, but
the same line on three pages of one site is the site talking, not the article.
The batch calls ``find_site_chrome`` once over the documents it is about to
analyse, then passes each document's set to ``boilerplate.label_lines`` (or to
``mark_site_chrome`` after the fact). Linear in the total number of lines.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlparse

from reporter.model import Document, LineLabel

REASON = "repeated across pages of this site"
_DIGITS = re.compile(r"\d+")
_METADATA = ("title", "byline", "date")


def normalise(line: str) -> str:
    """Case, spacing and numbers folded, so '© 2023 Site' and '© 2024 Site' are one line."""
    return _DIGITS.sub("0", " ".join(line.lower().split()))


def source_of(doc: Document) -> str | None:
    """The site a document belongs to: its ``source`` field, else the host of its URL."""
    if doc.source:
        return doc.source.strip().lower()
    if doc.url:
        host = urlparse(doc.url).netloc.lower()
        return host[4:] if host.startswith("www.") else host or None
    return None


def find_site_chrome(docs: Iterable[Document], min_docs: int = 3, min_share: float = 0.3,
                     min_words: int = 1) -> dict[str, frozenset[str]]:
    """Per source, the normalised lines found in at least ``min_docs`` documents and ``min_share`` of them.

    Sources with fewer than ``min_docs`` documents get no set: one or two pages cannot show a pattern.
    """
    seen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    ndocs: dict[str, int] = defaultdict(int)
    for doc in docs:
        src = source_of(doc)
        if src is None:
            continue
        ndocs[src] += 1
        lines = {normalise(ln) for ln in doc.text.split("\n") if len(ln.split()) >= min_words}
        lines.discard("")
        counts = seen[src]
        for ln in lines:
            counts[ln] += 1
    out: dict[str, frozenset[str]] = {}
    for src, counts in seen.items():
        n = ndocs[src]
        if n < min_docs:
            continue
        need = max(min_docs, min_share * n)
        out[src] = frozenset(ln for ln, c in counts.items() if c >= need)
    return out


def mark_site_chrome(doc: Document, lines: list[LineLabel], chrome: frozenset[str] | None) -> list[LineLabel]:
    """Lines of ``doc`` in the site's chrome set become boilerplate; metadata lines keep their kind."""
    if not chrome:
        return lines
    text = doc.text
    out: list[LineLabel] = []
    for ln in lines:
        if ln.kind in ("blank", *_METADATA) or ln.boilerplate and ln.reason:
            out.append(ln)
            continue
        if normalise(text[ln.start:ln.end]) in chrome:
            out.append(LineLabel(ln.start, ln.end, True, REASON, "boilerplate", 1.0))
        else:
            out.append(ln)
    return out
