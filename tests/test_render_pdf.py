"""The dossier PDF: content a reader needs, structure a screen reader needs, bytes that repeat."""
import io
import os
import re

import pandas as pd
import pytest
from pypdf import PdfReader
from render_fixtures import small_analysis

import reporter
from reporter.corpus import frame, row
from reporter.render import dossier_html, render_dossier
from reporter.render.pdf import FetchRefused, html_to_pdf, safe_fetcher, stylesheets


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages).split())


def _corpus() -> pd.DataFrame:
    other = small_analysis()
    other.document.id = "other"
    return frame(row(x) for x in (small_analysis(), other))


@pytest.fixture(scope="module")
def dossier(tmp_path_factory) -> bytes:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        path = render_dossier(small_analysis(), tmp_path_factory.mktemp("d") / "d.pdf", {"credibility": 75.0},
                              _corpus())
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return path.read_bytes()


def test_every_term_speaker_and_score_is_in_the_text(dossier):
    a = small_analysis()
    text = pdf_text(dossier)
    assert "Harbour council approves ferry plan" in text and "Coast Gazette" in text and "By Ada Stone" in text
    for s in a.loaded:
        assert s.text in text and s.alternative in text
    for q in a.quotes:
        assert q.speaker.name in text
    for s in a.scores.values():
        assert re.search(rf"\b{s.value:.0f}\b", text), s.name
        assert s.reason in text
    assert "Ticket prices will double by spring." in text  # the unattributed claim, in the claims table
    assert "Share this story on social media" in text and "share button" in text  # removed part, with reason
    assert "night ferry" in text and "late boat" in text  # terminology panel
    assert "PASS" in text.upper() and "FAIL" in text.upper()  # checklist statuses as words, not colours
    for heading in ("Score card", "The article, annotated", "Sources", "Framing and terminology", "Readability",
                    "Removed from analysis", "Method and limits"):
        assert heading in text
    assert "not a verdict" in text


def test_tagged_pdf_with_language_title_bookmarks_and_shipped_fonts(dossier):
    r = PdfReader(io.BytesIO(dossier))
    root = r.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root and root["/StructTreeRoot"]["/K"]
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert r.metadata.title == "Dossier: Harbour council approves ferry plan"
    titles = set(_titles(r.outline))
    assert {"Score card", "Sources", "Method and limits"} <= titles
    fonts = set()
    for page in r.pages:
        for f in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(f.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(f.startswith(("Charis-SIL", "Open-Sans")) for f in fonts), fonts
    assert 1 <= len(r.pages) <= 5


def test_same_input_same_bytes(dossier, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = html_to_pdf(dossier_html(small_analysis(), {"credibility": 75.0}, _corpus()))
    assert again == dossier
    assert PdfReader(io.BytesIO(again)).metadata["/CreationDate"].startswith("D:20231114")


def test_letter_page_size():
    pdf = html_to_pdf("<html lang='en'><title>t</title><body><p>x</p></body></html>", "Letter")
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    with pytest.raises(ValueError):
        stylesheets("A5")


def test_untrusted_text_is_escaped_and_fetcher_stays_in_templates():
    a = small_analysis()
    evil = '<img src="file:///etc/passwd"> & <b>bold</b>'
    a.document.title = evil
    html = dossier_html(a)
    assert "<img src=\"file:///etc/passwd\">" not in html and "&lt;img" in html
    with pytest.raises(FetchRefused):
        safe_fetcher("file:///etc/passwd")
    with pytest.raises(FetchRefused):
        safe_fetcher("https://example.org/x.css")
    assert safe_fetcher(_template_url("style.css"))["mime_type"] == "text/css"


def _titles(outline: list) -> list[str]:
    out = []
    for o in outline:
        out.extend(_titles(o) if isinstance(o, list) else [o.title])
    return out


def _template_url(name: str) -> str:
    from reporter.render.pdf import TEMPLATES

    return "file://" + str(TEMPLATES / name)


def test_real_analysis_every_loaded_term_is_rendered(tmp_path):
    text = ("Mayor slams critics over bridge delay\n\n"
            "The regime of the city council slammed its critics on Tuesday, calling the delay a disaster.\n\n"
            "\u201cWe will finish the bridge this year,\u201d said Mayor Tom Varga.\n")
    a = reporter.analyze(text, doc_id="bridge")
    data = render_dossier(a, tmp_path / "b.pdf").read_bytes()
    got = pdf_text(data)
    for s in a.loaded:
        assert " ".join(s.text.split()) in got
    for q in a.quotes:
        if q.speaker and q.speaker.name:
            assert q.speaker.name in got
    assert "only document in this run" in got


def test_missing_fields_degrade_gracefully():
    a = small_analysis()
    a.framing, a.readability, a.lines, a.quotes, a.unattributed = {}, {}, [], [], []
    a.scores["credibility"].details = {"checklist": [{"status": "weird"}, "not a dict"]}
    html = dossier_html(a, {}, pd.DataFrame())
    assert "No quotes or attributed statements were found." in html
    assert "Readability could not be measured" in html


def test_empty_document_still_renders_html():
    from reporter.model import Analysis, Document

    html = dossier_html(Analysis(document=Document(id="empty", text="")))
    assert "No article text was found" in html and "Untitled document empty" in html


def test_notes_sit_on_the_page_of_their_mark(tmp_path):
    """Each loaded word's numbered note follows its paragraph, on the page of the mark; repeats share one note."""
    from reporter.model import Analysis, Document, LoadedSpan

    paras = [f"Paragraph {i} of the harbour story says the plan went ahead on time and the council met. " * 3
             for i in range(40)]
    paras[3] = "Critics called the scheme a disaster for the bay, and the disaster talk spread. " + paras[3]
    paras[30] = "Later the mayor said the ferry was an outright triumph for every commuter. " + paras[30]
    text = "\n\n".join(paras) + "\n"
    spans = []
    for word, cat, alt in (("disaster", "hyperbole", "serious problem"), ("triumph", "hyperbole", "success")):
        start = -1
        while (start := text.find(word, start + 1)) >= 0:
            spans.append(LoadedSpan(start, start + len(word), word, cat, 1.0, f"{word} overstates", alt))
    a = Analysis(document=Document(id="long", text=text, lang="en"), loaded=spans)
    pages = [" ".join((p.extract_text() or "").split())
             for p in PdfReader(io.BytesIO(render_dossier(a, tmp_path / "l.pdf").read_bytes())).pages]
    note1 = next(i for i, t in enumerate(pages) if "disaster overstates" in t)
    note2 = next(i for i, t in enumerate(pages) if "triumph overstates" in t)
    assert "Paragraph 3 " in pages[note1] or "Critics called" in pages[note1]
    assert "outright triumph" in pages[note2] and note2 > note1
    assert sum(t.count("disaster overstates") for t in pages) == 1  # two marks, one note ("2 times")
    assert "2 times" in pages[note1] and "Neutral: serious problem" in pages[note1]


def test_a_source_is_named_at_its_first_quote_then_numbered():
    from reporter.model import Analysis, Document, Quote, Span, Speaker

    text = "\u201cWe will open in May,\u201d said Ana Ruiz. \u201cThe boats are ready,\u201d she said.\n"
    q1s, q1e = 1, text.index(",\u201d")
    q2s = text.index("The boats")
    q2e = text.index(",\u201d she")
    sp = Speaker(text.index("Ana"), text.index("Ana") + 7, "Ana Ruiz", "named_person", "Ana Ruiz")
    quotes = [Quote(Span(q1s, q1e, text[q1s:q1e]), None, sp), Quote(Span(q2s, q2e, text[q2s:q2e]), None, sp)]
    html = dossier_html(Analysis(document=Document(id="q", text=text, lang="en"), quotes=quotes))
    article = html[html.index('<div class="article">'):html.index("<h2>Sources")]
    assert article.count("S1&#8201;Ana Ruiz") == 1 and article.count('<span class="qwho">&#8201;S1</span>') == 1
