"""Boilerplate: which lines of a scraped page are page chrome, and why.

A page arrives as plain text lines. Each non-blank line gets general shape
features (``boilerplate_features``): length, punctuation, capitalisation,
link-like tokens, stopword ratio, phrase-rule hits, repetition, script, where it
sits relative to the densest run of prose, and the same cues of its neighbours.
A small two-stage tree model shipped with the package (``boilerplate_model``,
trained by ``scripts/train_boilerplate.py``) turns them into a probability of
being article text; stage two also sees stage one's verdict on the neighbours,
which keeps the article body in one piece. Each chrome line then gets a
human-readable reason (the phrase rule that fired, or what its position says),
and the title, byline and dateline get their own ``kind`` so the pipeline can
copy them into the document's metadata; they stay outside the analysed article.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from reporter.model import Document, LineLabel
from reporter.signals.boilerplate_features import feature_names, page_features, rule_hit, stage2_features
from reporter.signals.boilerplate_model import load_model
from reporter.text.segment import Segmented

# Metadata lines: what a byline and a dateline look like when no rule named them.
_BYLINE = re.compile(r"^\s*(by|von|por|par|oleh|door|af|av)\s+\S", re.I)
_DATE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}\s+(jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep|oct|nov|dec)[a-z]*\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b", re.I)
_LOG_4_WORDS = float(np.log1p(4))
_LOG_9_WORDS = float(np.log1p(9))
_BANNER_UNIQUE = 0.2  # share of distinct words: prose stays far above it; a phrase said five times or more falls below
_TINY = 6  # non-blank lines: below this, position features mean little
_WINDOW = 15  # lines before the article body searched for the title, byline and dateline


def label_lines(doc: Document, seg: Segmented) -> list[LineLabel]:
    """One LineLabel per ``text.split("\\n")`` line: content, blank, boilerplate or title/byline/date."""
    text = doc.text
    lines = [text[ln.start:ln.end] for ln in seg.lines]
    X, keep = page_features(lines)
    prob = _content_probability(X, [lines[i] for i in keep])
    if not keep:
        return [LineLabel(ln.start, ln.end, False, None, "blank", 1.0) for ln in seg.lines]
    out: list[LineLabel] = [None] * len(seg.lines)  # type: ignore[list-item]  # every slot is filled below
    model = load_model()
    threshold = model.threshold if model is not None else 0.5
    is_content = prob >= threshold
    if len(keep) <= _TINY or not is_content.any():
        # a few lines, or nothing the model believes in: the page features say little, so a line that reads
        # like a sentence and fires no phrase rule is article text
        is_content |= np.array([_sentence_like(lines[i]) for i in keep])
    # A sentence in another script than the page's is not the article's (over 90% so in the dev data).
    other = (X[:, _col("other_script")] > 0) & (X[:, _col("log_words")] >= _LOG_4_WORDS)
    is_content &= ~other
    # A phrase repeated over and over on one line is a banner, however sentence-like each copy reads.
    banner = (X[:, _col("unique_tokens")] < _BANNER_UNIQUE) & (X[:, _col("log_words")] >= _LOG_9_WORDS)
    is_content &= ~banner
    where = np.flatnonzero(is_content)
    first = int(where[0]) if len(where) else len(keep)
    last = int(where[-1]) if len(where) else -1
    kept = set(keep)
    for i, ln in enumerate(seg.lines):
        if i not in kept:
            out[i] = LineLabel(ln.start, ln.end, False, None, "blank", 1.0)
    flags = is_content.tolist()
    # the four cues _reason reads, as Python floats (same values, cheaper to index than numpy scalars)
    cues = X[:, [_col("other_script"), _col("dup_count"), _col("unique_tokens"), _col("terminal")]].tolist()
    for j, (i, p) in enumerate(zip(keep, prob.tolist(), strict=True)):
        ln = seg.lines[i]
        if flags[j]:
            out[i] = LineLabel(ln.start, ln.end, False, None, "content", round(p, 3))
            continue
        reason = _reason(lines[i], cues[j], j, first, last)
        out[i] = LineLabel(ln.start, ln.end, True, reason, "boilerplate", round(1.0 - p, 3))
    _mark_metadata(out, lines, keep, is_content, first)
    return out


def _sentence_like(line: str) -> bool:
    t = line.strip()
    words = len(t.split())
    ends = t.endswith((".", "!", "?", '"', "”", "’", "»", ")"))
    return (words >= 10 or (words >= 4 and ends)) and rule_hit(t) is None


def _content_probability(X: np.ndarray, texts: list[str]) -> np.ndarray:
    """Probability that each non-blank line is article text (model, or rules when no model ships)."""
    model = load_model()
    if model is None or not len(X) or len(model.features1) != X.shape[1]:
        # no model shipped, or one built for other features: the phrase rules and a short-line rule
        return np.array([0.0 if rule_hit(t) or len(t.split()) <= 3 else 1.0 for t in texts])
    p1 = model.stage1.predict(X)
    if model.stage2 is None:
        return p1
    return model.stage2.predict(stage2_features(X, p1))


@lru_cache(maxsize=1)
def _columns() -> dict[str, int]:
    return {n: k for k, n in enumerate(feature_names())}


def _col(name: str) -> int:
    return _columns()[name]


def _reason(line: str, cues: list[float], j: int, first: int, last: int) -> str:
    """Why a line is chrome, in words: the phrase rule that fired, else what its shape and place say.

    ``cues`` holds the line's other_script, dup_count, unique_tokens and terminal features.
    """
    hit = rule_hit(line) if len(line) < 400 else None
    if hit:
        return hit[0]
    other_script, dup_count, unique_tokens, terminal = cues
    if other_script > 0:
        return "language other than the article's"
    if dup_count > 0.6 or unique_tokens < 0.5:
        return "repeated banner"
    if first <= j <= last:
        return "caption or inline chrome inside the article"
    words = len(line.split())
    if j < first:
        return "menu or navigation" if words <= 6 else "header text before the article"
    if line.rstrip().endswith(("...", "…")) or (words >= 4 and terminal == 0):
        return "related-link list"
    return "footer"


def _mark_metadata(out: list[LineLabel], lines: list[str], keep: list[int], is_content: np.ndarray,
                   first: int) -> None:
    """Title, byline and dateline near the start of the article: boilerplate for analysis, kept as metadata."""
    if first >= len(keep):
        return
    lo = max(0, first - _WINDOW)
    window = [j for j in range(lo, min(len(keep), first + 4)) if not is_content[j]]
    title_j = None
    best = 0
    candidates: list[int] = []
    for j in window:
        if j > first:
            break
        t = lines[keep[j]].strip()
        words = len(t.split())
        if not 3 <= words <= 30 or len(t) > 250 or t.endswith((".", ":", "...", "…")) or "|" in t:
            continue
        if rule_hit(t) or _DATE.search(t):
            continue
        candidates.append(j)
        if words > best:  # the longest headline-like line just above the body
            best, title_j = words, j
    if title_j is not None:
        # a crumb trail that ends in the headline ("Home News World <headline>") contains it: take the headline
        longest = lines[keep[title_j]]
        inner = [j for j in candidates if j != title_j and len(lines[keep[j]].split()) >= 3
                 and lines[keep[j]].strip() in longest]
        if inner:
            title_j = inner[-1]
        _set_kind(out, keep[title_j], "title")
    done = {"byline": False, "date": False}
    for j in window:
        i = keep[j]
        if j == title_j:
            continue
        t = lines[i].strip()
        if len(t.split()) > 14:
            continue
        hit = rule_hit(t)
        kind = hit[0] if hit and hit[0] in ("byline", "date") else None
        if kind is None and _BYLINE.match(t):
            kind = "byline"
        elif kind is None and _DATE.search(t):
            kind = "date"
        if kind and not done[kind]:
            done[kind] = True
            _set_kind(out, i, kind)


def _set_kind(out: list[LineLabel], i: int, kind: str) -> None:
    ln = out[i]
    out[i] = LineLabel(ln.start, ln.end, True, kind if kind != "date" else "dateline", kind, ln.confidence)
