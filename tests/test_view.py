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


def test_view_knows_its_dropped_sentences_and_counts_words() -> None:
    """kept + dropped are the segmenter's sentences; word counts match counting the texts."""
    from reporter.text import word_count

    text = "Menu | Home\nThe council’s vote passed. It voted.\nShare this now\nThe road opens in May. Work starts.\n"
    seg = segment(text)
    doc = Document(id="v", text=text)
    for flags in [(), (0,), (0, 2), (1, 3), (0, 1, 2, 3, 4)]:
        lines = [LineLabel(s, e, k in flags) for k, (s, e) in enumerate(seg.lines)]
        view = make_view(doc, seg, lines)
        assert sorted(view.sentences + view.dropped) == seg.sentences
        article = word_count("\n".join(text[s.start:s.end] for s in view.sentences))
        assert view.word_counts() == (article, word_count(text) - article)
        assert view.content_text() == "\n".join(text[s.start:s.end] for s in view.sentences)


def test_a_view_made_by_hand_counts_its_texts() -> None:
    from reporter.signals.view import ArticleView
    from reporter.text import word_count

    text = "Menu\nThe council met. It voted.\nShare\nThe road opens. Work starts."
    seg = segment(text)
    hand = ArticleView(doc=Document(id="v", text=text), seg=seg, sentences=seg.sentences[:2])
    assert hand.dropped is None and hand.word_counts() == (4, word_count(text) - 4)
