"""Lines, paragraphs, sentences and words, each with offsets into the original text.

Rule-based on purpose: no model or tokenizer data to download, and fast enough
to segment megabytes per second. Every later signal works on these offsets, so
what it reports always points back into ``Document.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*", re.U)

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
    "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp", "no", "fig", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k",
    "e.g", "i.e", "approx", "dept", "est", "mt", "ft", "pres", "rev", "hon", "adm", "maj",
    "cmdr", "supt", "atty", "messrs", "a.m", "p.m", "d.c", "u.n", "e.u",
}

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"([.!?…]+)([\"'”’»)\]]*)(\s+)(?=[\"'“‘«(\[]?[A-Z0-9À-ÖØ-ÞА-ЯЁ\-–—•])", re.U)


@dataclass(slots=True, frozen=True)
class Seg:
    """A stretch of text: ``start``/``end`` offsets into the full text."""

    start: int
    end: int


class Segmented:
    """The text cut into lines, paragraphs, sentences and words.

    ``words`` is computed on first use: most signals never need one object per
    word, and building them was a third of the segmentation time.
    """

    __slots__ = ("text", "lines", "paragraphs", "sentences", "_words")

    def __init__(self, text: str, lines: list[Seg] | None = None, paragraphs: list[Seg] | None = None,
                 sentences: list[Seg] | None = None, words: list[Seg] | None = None) -> None:
        self.text = text
        self.lines = lines if lines is not None else []
        self.paragraphs = paragraphs if paragraphs is not None else []
        self.sentences = sentences if sentences is not None else []
        self._words = words

    @property
    def words(self) -> list[Seg]:
        if self._words is None:
            self._words = words_in(self.text)
        return self._words

    @words.setter
    def words(self, value: list[Seg]) -> None:
        self._words = value

    def __repr__(self) -> str:
        return (f"Segmented(lines={len(self.lines)}, paragraphs={len(self.paragraphs)}, "
                f"sentences={len(self.sentences)}, chars={len(self.text)})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Segmented):
            return NotImplemented
        return (self.text, self.lines, self.paragraphs, self.sentences, self.words) == \
            (other.text, other.lines, other.paragraphs, other.sentences, other.words)

    __hash__ = None  # type: ignore[assignment]

    def sentence_text(self, s: Seg) -> str:
        return self.text[s.start:s.end]


def split_lines(text: str) -> list[Seg]:
    """One Seg per ``text.split("\\n")`` entry, in order (the judge's line contract)."""
    out: list[Seg] = []
    pos = 0
    for part in text.split("\n"):
        out.append(Seg(pos, pos + len(part)))
        pos += len(part) + 1
    return out


def paragraphs(text: str, lines: list[Seg] | None = None) -> list[Seg]:
    """Non-blank lines are paragraphs: scraped news puts one paragraph per line.

    Consecutive non-blank lines that look like one wrapped paragraph (the first
    does not end in terminal punctuation and the next starts lower-case) are joined.
    """
    lines = lines if lines is not None else split_lines(text)
    out: list[Seg] = []
    for ln in lines:
        s, e = _strip(text, ln.start, ln.end)
        if s >= e:
            continue
        if out:
            prev = out[-1]
            between = text[prev.end:s]
            if between.count("\n") == 1 and not re.search(r"[.!?:\"”’»]\s*$", text[prev.start:prev.end]) \
                    and text[s].islower():
                out[-1] = Seg(prev.start, e)
                continue
        out.append(Seg(s, e))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _token_before(chunk: str, lo: int, hi: int) -> str:
    """The run of word characters and dots ending at ``hi`` (not before ``lo``), lower-cased.

    A backwards scan over a few characters; a ``[\\w.]+$`` search would scan the whole sentence.
    """
    i = hi
    while i > lo and (chunk[i - 1].isalnum() or chunk[i - 1] in "._"):  # the class [\w.]
        i -= 1
    return chunk[i:hi].lower()


_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")


def sentences_in(text: str, start: int, end: int) -> list[Seg]:
    """Sentences inside ``text[start:end]`` (one paragraph)."""
    out: list[Seg] = []
    chunk = text[start:end]
    cur = 0
    for m in _BOUNDARY.finditer(chunk):
        punct_end = m.end(2)
        token = _token_before(chunk, cur, m.start(1))
        if m.group(1) == "." and (token in _ABBREV or (len(token) == 1 and token.isalpha())):
            continue
        if m.group(1) == "." and _INITIALISM.fullmatch(token):  # U.S. / e.g. initialisms
            continue
        s, e = _strip(chunk, cur, punct_end)
        if s < e:
            out.append(Seg(start + s, start + e))
        cur = m.end(3)
    s, e = _strip(chunk, cur, len(chunk))
    if s < e:
        out.append(Seg(start + s, start + e))
    return out


def words_in(text: str, start: int = 0, end: int | None = None) -> list[Seg]:
    end = len(text) if end is None else end
    return [Seg(m.start(), m.end()) for m in WORD_RE.finditer(text, start, end)]


def segment(text: str) -> Segmented:
    """Cut ``text`` into lines, paragraphs, sentences and (on first use) words."""
    lines = split_lines(text)
    paras = paragraphs(text, lines)
    sents: list[Seg] = []
    for p in paras:
        sents.extend(sentences_in(text, p.start, p.end))
    return Segmented(text=text, lines=lines, paragraphs=paras, sentences=sents)


def word_count(text: str) -> int:
    return len(WORD_RE.findall(text))
