import dataclasses
import io
import time

import pandas as pd
from pypdf import PdfReader
from render_fixtures import small_analysis

from reporter.corpus import frame, row
from reporter.model import LoadedSpan
from reporter.render import briefing_html, render_briefing
from reporter.render.briefing import TABLE_ALL_UP_TO, TABLE_EACH_END, briefing_context, shared_sources, term_usage


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


def test_terms_keep_the_case_they_were_written_in():
    a, b = _two()
    a.document.text = a.document.text.replace("night ferry", "Night Ferry")  # same lengths: line offsets hold
    b.document.text = b.document.text.replace("night ferry", "Late Vessel")
    i = a.document.text.index("Night Ferry")
    a.loaded.append(dataclasses.replace(a.loaded[0], start=i, end=i + 11, text="Night Ferry",
                                        alternative="Late Vessel"))
    rows = term_usage({a.document.id: a, b.document.id: b}, {"harbour-ferry": "D1", "other": "D2"})
    row_ = next(r for r in rows if r["term"].lower() == "night ferry")
    assert row_["term"] == "Night Ferry" and "Late Vessel" in row_["alternatives"].split(", ")
    assert row_["others"] == ["D2 (Late Vessel)"]


def test_shared_sources_need_two_documents():
    a, b = _two()
    labels = {"harbour-ferry": "D1", "other": "D2"}
    shared = shared_sources({a.document.id: a, b.document.id: b}, labels)
    assert [s["name"] for s in shared] == ["Maria Lenk"] and shared[0]["docs"] == ["D1", "D2"]
    assert shared_sources({a.document.id: a}, labels) == []  # vague "Officials" never counts


def test_documents_are_listed_in_table_order_whatever_order_the_dossiers_finished():
    a, b = _two()
    df = frame(row(x) for x in (a, b))
    in_order = briefing_context(df, {a.document.id: a, b.document.id: b})
    finished_late_first = briefing_context(df, {b.document.id: b, a.document.id: a})
    assert in_order["shared"] == finished_late_first["shared"] and in_order["shared"][0]["docs"][0].startswith("D1")
    assert in_order["terms"] == finished_late_first["terms"]


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


def _big(n: int) -> pd.DataFrame:
    """A scores table of ``n`` documents with spread-out scores (as corpus mode writes it)."""
    base = row(small_analysis())
    rows = []
    for i in range(n):
        r = dict(base, id=f"doc-{i:05d}", source=f"Outlet {i % 37}", title=f"Council story {i}")
        for k, v in (("credibility", (i * 37) % 101), ("loaded_language", (i * 11) % 101),
                     ("attribution", (i * 53) % 101), ("readability", (i * 7) % 101), ("boilerplate", i % 13)):
            r[k] = float(v)
        rows.append(r)
    return frame(rows)


def test_large_run_lists_lowest_and_highest_and_sums_up_the_rest():
    df = _big(500)
    ctx = briefing_context(df, {})
    assert ctx["capped"] and ctx["n_shown"] == 2 * TABLE_EACH_END == len(ctx["rows"])
    low, high = (g["rows"] for g in ctx["groups"])
    assert max(r["scores"][0] for r in low) <= min(r["scores"][0] for r in high)
    assert min(r["scores"][0] for r in low) == df["credibility"].min()
    assert max(r["scores"][0] for r in high) == df["credibility"].max()
    assert ctx["rest"]["n"] == 500 - 2 * TABLE_EACH_END and ctx["histogram"]
    assert ctx["n_outlets"] == 37 and len(ctx["outlets"]) == 12
    assert ctx["words"] == 500 * 52


def test_small_run_lists_every_document():
    ctx = briefing_context(_big(TABLE_ALL_UP_TO), {})
    assert not ctx["capped"] and len(ctx["rows"]) == TABLE_ALL_UP_TO and ctx["rest"] is None


def test_ten_thousand_rows_make_a_short_briefing_quickly(tmp_path):
    df = _big(10_000)
    t = time.process_time()
    data = render_briefing(df, {}, tmp_path / "b.pdf").read_bytes()
    spent = time.process_time() - t
    r = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(p.extract_text() for p in r.pages).split())
    assert len(r.pages) <= 6 and spent < 15, (len(r.pages), spent)
    assert "Corpus briefing: 10,000 documents" in text and "The other 9,960 documents" in text
    assert "20 lowest credibility index" in text and "20 highest credibility index" in text
    assert "tallest:" in text  # histograms, not 10,000 dots
    assert "and 25 more" in text  # 37 outlets, 12 named
