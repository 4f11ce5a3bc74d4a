"""Direct quotes: a one-pass scanner over quote marks that never throws on unbalanced marks.

News text mixes straight, curly and guillemet marks, nests single quotes inside
double ones, and runs a quotation over several paragraphs by reopening each one
without closing the previous. A regex pairing marks fails on all three; a small
state machine per paragraph handles them in linear time.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from operator import attrgetter

# Double-quote marks (and the doubled apostrophe some wires use for them). Single quotes
# are left alone at the top level: they are mostly apostrophes, and inside a double
# quote they are part of its words anyway.
# ``''|["“”«»„‟]`` written to open with a character class: the engine then skips to a candidate instead of trying
# both branches at every position (a doubled apostrophe, or one mark that is not an apostrophe)
_MARK = re.compile(r"[\"“”«»„‟'](?:(?<=')'|(?<!'))")
_OPENERS = {"“": "”", "«": "»", "„": "“", "‟": "”"}
_CLOSERS = {"”", "»"}
_TOGGLES = {'"', "''"}


@dataclass(slots=True)
class QuoteSpan:
    """One quotation: ``start`` at its opening mark, ``end`` after its closing mark (or paragraph end)."""

    start: int
    end: int
    closed: bool = True


def _opens_here(text: str, i: int, lo: int) -> bool:
    """A straight mark opens when it is not glued to a word on its left."""
    return i == lo or not (text[i - 1].isalnum() or text[i - 1] in ".,;:!?%)’")


def scan(text: str, lo: int, hi: int) -> list[QuoteSpan]:
    """Quotations inside ``text[lo:hi]`` (one paragraph), in order; an unclosed one runs to ``hi``."""
    out: list[QuoteSpan] = []
    open_at = -1
    want = ""  # the closing mark the open quote waits for ("" for toggles)
    for m in _MARK.finditer(text, lo, hi):
        mark, i = m.group(), m.start()
        if open_at < 0:
            if mark in _OPENERS:
                open_at, want = i, _OPENERS[mark]
            elif mark in _TOGGLES:
                open_at, want = i, ""
            elif mark == "»" and i + 1 < hi and text[i + 1].isalnum():  # German »...«-style opener
                open_at, want = i, "«"
            # a stray closer with nothing open is ignored
            continue
        closes = (mark == want) or (want == "" and mark in _TOGGLES) or (want == "" and mark in _CLOSERS) \
            or (want in _CLOSERS and mark in _CLOSERS) \
            or (mark == "“" and want == "”" and (m.end() >= hi or not text[m.end()].isalnum())
                and i > 0 and not text[i - 1].isspace())  # “It's unusual,“ said ...: a mistyped closer
        if closes:
            out.append(QuoteSpan(open_at, m.end()))
            open_at = -1
        elif mark in _OPENERS or (mark in _TOGGLES and _opens_here(text, i, lo)):
            # a new opener while one is open: the earlier quotation was never closed
            end = i
            while end > open_at + 1 and text[end - 1].isspace():
                end -= 1
            out.append(QuoteSpan(open_at, end, closed=False))
            open_at, want = i, _OPENERS.get(mark, "")
        elif mark in _TOGGLES:
            out.append(QuoteSpan(open_at, m.end()))
            open_at = -1
    if open_at >= 0:
        end = hi
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        out.append(QuoteSpan(open_at, end, closed=False))
    return [q for q in out if q.end > q.start + 1]


def inside(spans: list[QuoteSpan], pos: int) -> QuoteSpan | None:
    """The quotation strictly containing ``pos`` (between its marks), if any.

    ``spans`` are in order and do not overlap, so a binary search finds the one
    candidate: a paragraph with thousands of quotations stays linear.
    """
    lo = bisect_left(spans, pos, key=_start)  # the first quotation opening at or after ``pos``
    if lo and spans[lo - 1].start < pos < spans[lo - 1].end:
        return spans[lo - 1]
    return None


# bisect keys: attrgetter runs in C, a Python function cost a frame per probe
_start = attrgetter("start")
_end = attrgetter("end")


def starting_in(spans: list[QuoteSpan], s: int, e: int) -> list[QuoteSpan]:
    """Quotations whose opening mark lies in ``[s, e)`` (binary search; spans are ordered)."""
    return spans[bisect_left(spans, s, key=_start):bisect_left(spans, e, key=_start)]


def overlapping(spans: list[QuoteSpan], s: int, e: int) -> list[QuoteSpan]:
    """Quotations that overlap ``[s, e)``."""
    return spans[bisect_right(spans, s, key=_end):bisect_left(spans, e, key=_start)]


def ending_at(spans: list[QuoteSpan], positions: tuple[int, ...]) -> bool:
    """True when a quotation ends exactly at one of ``positions``."""
    for p in positions:
        i = bisect_left(spans, p, key=_end)
        if i < len(spans) and spans[i].end == p:
            return True
    return False


def word_count(text: str, s: int, e: int) -> int:
    return len(re.findall(r"\w+", text[s:e]))
