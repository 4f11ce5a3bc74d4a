"""A regex's matches, tried only at the places a cheap test in C allows.

A pattern that opens with a character class (``[A-Z]...``) makes the regex engine test every character of the text
in turn. When a match can only start where a short run of character classes is seen (four capitals, say), those
places are found instead on the text mapped to one byte a character (``str.encode("ascii", "replace")``: every
other character is ``?``, so offsets are kept) and translated to classes in C, by a bytes regex that opens with a
literal, which the engine finds at memory speed; the pattern is matched only there.
"""
from __future__ import annotations

import re


def matches_where(rx: re.Pattern[str], text: str, lo: int, hi: int, table: bytes,
                  start: re.Pattern[bytes]) -> list[re.Match[str]]:
    """``list(rx.finditer(text, lo, hi))``, when every match of ``rx`` starts where ``start`` matches the text's
    bytes translated by ``table`` (non-ASCII characters as ``?``).

    Taking the first such place at or after the previous match's end where ``rx`` matches is what ``finditer``
    does (for a pattern that matches no empty string).
    """
    classes = text.encode("ascii", "replace").translate(table)
    out: list[re.Match[str]] = []
    end = lo
    match = rx.match
    for c in start.finditer(classes, lo, hi):
        p = c.start()
        if p >= end:
            m = match(text, p, hi)
            if m is not None:
                out.append(m)
                end = m.end()
    return out
