"""The article as the signals see it: segmented, with page chrome set aside."""
from __future__ import annotations

from dataclasses import dataclass, field

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
    sents: list[Seg] = []
    j = 0
    for s in seg.sentences:
        while j < len(bp) and bp[j].end < s.start:
            j += 1
        if j < len(bp) and bp[j].start <= s.start <= bp[j].end:
            continue
        sents.append(s)
    return ArticleView(doc=doc, seg=seg, lines=lines, sentences=sents)
