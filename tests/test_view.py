"""The article view: which sentences the signals after boilerplate read."""
from __future__ import annotations

from reporter.model import Document, LineLabel
from reporter.signals.boilerplate import label_lines
from reporter.signals.view import make_view
from reporter.text import segment


def test_view_keeps_the_sentences_off_chrome_lines() -> None:
    """A sentence is dropped exactly when it starts on a chrome line."""
    text = "Menu | Home\nThe council met. It voted.\nShare this\nThe road opens in May. Work starts soon.\nFooter"
    seg = segment(text)
    labels = label_lines(Document(id="v", text=text), seg)
    lines = [LineLabel(s, e, k in (0, 2, 4), "x" if k in (0, 2, 4) else None) for k, (s, e) in enumerate(seg.lines)]
    for ls in (lines, labels, []):
        got = make_view(Document(id="v", text=text), seg, ls).sentences
        bp = [ln for ln in ls if ln.boilerplate]
        want = [s for s in seg.sentences if not any(ln.start <= s.start <= ln.end for ln in bp)]
        assert got == want
    kept = [text[s.start:s.end] for s in make_view(Document(id="v", text=text), seg, lines).sentences]
    assert kept == ["The council met.", "It voted.", "The road opens in May.", "Work starts soon."]
