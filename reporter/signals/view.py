"""The article as the signals see it: segmented, with page chrome set aside."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import starmap

import numpy as np

from reporter.model import Document, LineLabel
from reporter.text.segment import Seg, Segmented, count_words, word_count, word_start_mask


@dataclass(slots=True)
class ArticleView:
    """A document, its segmentation and which sentences belong to the article.

    Signals after boilerplate read only ``sentences`` (sentences on article lines)
    so that "Leave a Comment" never counts as the outlet's words. ``dropped``: the segmenter's
    other sentences, when known (``make_view`` sets it), so word counts need not compare the two lists.
    """

    doc: Document
    seg: Segmented
    lines: list[LineLabel] = field(default_factory=list)
    sentences: list[Seg] = field(default_factory=list)
    dropped: list[Seg] | None = None

    @property
    def text(self) -> str:
        return self.doc.text

    def content_text(self) -> str:
        """Article sentences joined by newlines (for readability and other whole-text figures)."""
        # slices of the text built and taken in C (a Seg is a (start, end) tuple), no Python frame per sentence
        return "\n".join(map(self.doc.text.__getitem__, starmap(slice, self.sentences)))

    def word_counts(self) -> tuple[int, int]:
        """``word_count`` of the article text and of the rest of the text.

        From one vectorised pass over the whole text: the rest is the words starting in the dropped sentences
        (usually a few), the article the others. Sentences cover every non-space character of the text and no
        word crosses white space, so every word starts in exactly one sentence. A view built by hand (no
        ``dropped``) counts its texts.
        """
        if self.dropped is None:
            article = word_count(self.content_text())
            return article, word_count(self.text) - article
        if not self.dropped:
            return count_words(self.text), 0
        starts = word_start_mask(self.text)
        other = int(sum(map(np.count_nonzero, map(starts.__getitem__, starmap(slice, self.dropped)))))
        return int(np.count_nonzero(starts)) - other, other


def make_view(doc: Document, seg: Segmented, lines: list[LineLabel]) -> ArticleView:
    """Keep sentences whose start lies on a line not marked boilerplate (the others are ``dropped``)."""
    bp = [ln for ln in lines if ln.boilerplate]
    if not bp:
        return ArticleView(doc=doc, seg=seg, lines=lines, sentences=list(seg.sentences), dropped=[])
    sents: list[Seg] = []
    dropped: list[Seg] = []
    j = 0
    for s in seg.sentences:
        while j < len(bp) and bp[j].end < s.start:
            j += 1
        if j < len(bp) and bp[j].start <= s.start <= bp[j].end:
            dropped.append(s)
            continue
        sents.append(s)
    return ArticleView(doc=doc, seg=seg, lines=lines, sentences=sents, dropped=dropped)
