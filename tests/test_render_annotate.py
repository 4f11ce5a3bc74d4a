from render_fixtures import TEXT, small_analysis

from reporter.model import Analysis, Document, LoadedSpan
from reporter.render.annotate import annotate, category_style, plain_paragraphs


def test_paragraphs_keep_article_lines_only():
    ann = annotate(small_analysis())
    texts = ["".join(s.text for s in p.segments) for p in ann.paragraphs]
    assert [p.number for p in ann.paragraphs] == [1, 2, 3]
    assert not any("Share this" in t for t in texts)  # boilerplate goes to the removed part
    assert not any(t.startswith("Harbour council") for t in texts)  # the title line is in the header
    assert ann.removed == [{"text": "Share this story on social media", "reason": "share button",
                            "kind": "boilerplate", "confidence": 1.0}]
    for p in ann.paragraphs:  # segments rebuild each line exactly
        assert "".join(s.text for s in p.segments) == TEXT[p.start:p.end]


def test_marks_open_and_close_once():
    ann = annotate(small_analysis())
    marks = [(m, getattr(v, "number", v)) for p in ann.paragraphs for s in p.segments for m, v in s.before + s.after]
    assert marks.count(("qopen", 1)) == 1 and marks.count(("qclose", 1)) == 1
    assert ("note", 1) in marks and ("note", 2) in marks
    assert sum(1 for m, _ in marks if m == "claim") == 1
    assert [s.label for s in ann.sources] == ["Maria Lenk (named person)", "Officials (vague source)"]
    assert ann.claim_paragraphs == [3]


def test_repeated_term_shares_one_note_and_unknown_category_gets_a_style():
    text = "The junta met. Later the junta spoke again.\n"
    spans = [LoadedSpan(4, 9, "junta", "brand_new_kind", note="n", alternative="military government"),
             LoadedSpan(24, 29, "junta", "brand_new_kind", note="n")]
    ann = annotate(Analysis(document=Document(id="x", text=text), loaded=spans))
    assert len(ann.notes) == 1 and ann.notes[0].count == 2
    css, tag, style = category_style("brand_new_kind")
    assert css == "brand-new-kind" and tag and style in {"solid", "double", "dashed", "dotted", "thick"}
    assert plain_paragraphs(Analysis(document=Document(id="x", text=text))) == [(1, text.strip())]


def test_spans_outside_the_text_are_ignored():
    text = "Short line.\n"
    a = Analysis(document=Document(id="x", text=text), loaded=[LoadedSpan(5, 500, "bad", "charged")])
    ann = annotate(a)
    assert "".join(s.text for s in ann.paragraphs[0].segments) == "Short line."
    assert all(s.note is None for s in ann.paragraphs[0].segments)
