import io

from pypdf import PdfReader
from render_fixtures import small_analysis

from reporter.corpus import frame, row
from reporter.model import LoadedSpan
from reporter.render import briefing_html, render_briefing
from reporter.render.briefing import briefing_context, shared_sources, term_usage


def _two():
    a = small_analysis()
    b = small_analysis()
    b.document.id, b.document.source, b.document.title = "other", "Bay Herald", "Night boat to stay"
    # b says "criticised" where a says "slammed": the contrast the briefing must surface
    t = b.document.text.replace("slammed", "criticised")
    b.document.text = t
    b.loaded = [s for s in b.loaded if s.text != "slammed"]
    return a, b


def test_terms_one_outlet_uses_and_another_avoids():
    a, b = _two()
    labels = {"harbour-ferry": "D1 Coast Gazette", "other": "D2 Bay Herald"}
    rows = term_usage({a.document.id: a, b.document.id: b}, labels)
    slam = next(r for r in rows if r["term"] == "slammed")
    assert slam["users"] == ["D1 Coast Gazette"] and slam["others"] == ["D2 Bay Herald (criticised)"]
    assert slam["contrast"] and rows[0]["contrast"]


def test_shared_sources_need_two_documents():
    a, b = _two()
    labels = {"harbour-ferry": "D1", "other": "D2"}
    shared = shared_sources({a.document.id: a, b.document.id: b}, labels)
    assert [s["name"] for s in shared] == ["Maria Lenk"] and shared[0]["docs"] == ["D1", "D2"]
    assert shared_sources({a.document.id: a}, labels) == []  # vague "Officials" never counts


def test_context_tolerates_documents_without_analysis():
    a, b = _two()
    df = frame(row(x) for x in (a, b))
    ctx = briefing_context(df, {a.document.id: a})  # only one dossier was rendered
    assert [r["tag"] for r in ctx["rows"]] == ["D1", "D2"]
    assert ctx["rows"][1]["outlet"] == "Bay Herald"
    assert "Night boat to stay" in briefing_html(df, {a.document.id: a})


def test_briefing_pdf_lists_every_document(tmp_path):
    a, b = _two()
    a.loaded.append(LoadedSpan(0, 7, "Harbour", "charged"))
    df = frame(row(x) for x in (a, b))
    data = render_briefing(df, {a.document.id: a, b.document.id: b}, tmp_path / "b.pdf").read_bytes()
    r = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(p.extract_text() for p in r.pages).split())
    for want in ("Harbour council approves ferry plan", "Night boat to stay", "Coast Gazette", "Bay Herald",
                 "Maria Lenk", "slammed", "criticised", "All documents", "One line per document"):
        assert want in text, want
    assert r.trailer["/Root"]["/Lang"] == "en" and "/StructTreeRoot" in r.trailer["/Root"]


def test_missing_cells_do_not_break_the_table():
    a, b = _two()
    df = frame(row(x) for x in (a, b))
    df.loc[1, ["quotes", "article_words", "credibility", "grade"]] = float("nan")
    df["title"] = None
    ctx = briefing_context(df, {})
    assert ctx["rows"][1]["quotes"] == 0 and "credibility" not in ctx["rows"][1]["line"]
    assert ctx["rows"][0]["title"] == "harbour-ferry"
