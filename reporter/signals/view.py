"""The article as the signals see it: segmented, with page chrome set aside."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from operator import itemgetter

from reporter.model import Document, LineLabel
from reporter.text.segment import Seg, Segmented


@dataclass(slots=True)
class ArticleView:
    """A document, its segmentation and which sentences belong to the article.

    Signals after boilerplate read only ``sentences`` (sentences on article lines)
    so that "Leave a Comment" never counts as the outlet's words.
    """

    doc: Document
    seg: Segmented
    lines: list[LineLabel] = field(default_factory=list)
    sentences: list[Seg] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.doc.text

    def content_text(self) -> str:
        """Article sentences joined by newlines (for readability and other whole-text figures)."""
        return "\n".join(self.text[s.start:s.end] for s in self.sentences)


def make_view(doc: Document, seg: Segmented, lines: list[LineLabel]) -> ArticleView:
    """Keep sentences whose start lies on a line not marked boilerplate."""
    bp = [ln for ln in lines if ln.boilerplate]
    sentences = seg.sentences
    if all(a.end < b.start for a, b in pairwise(bp)):  # chrome lines in order (always, from label_lines)
        # the sentences starting on each chrome line are one run of the sorted starts: cut them out by bisection
        starts = list(map(_START, sentences))
        sents = []
        k = 0
        for ln in bp:
            lo = bisect_left(starts, ln.start, k)
            sents += sentences[k:lo]
            k = bisect_right(starts, ln.end, lo)
        sents += sentences[k:]
        return ArticleView(doc=doc, seg=seg, lines=lines, sentences=sents)
    sents = []
    j = 0
    for s in sentences:
        while j < len(bp) and bp[j].end < s.start:
            j += 1
        if j < len(bp) and bp[j].start <= s.start <= bp[j].end:
            continue
        sents.append(s)
    return ArticleView(doc=doc, seg=seg, lines=lines, sentences=sents)


_START = itemgetter(0)  # a Seg is a (start, end) tuple
