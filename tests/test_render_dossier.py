"""The dossier's context: what the template is given, before any PDF is made."""
from __future__ import annotations

from reporter.model import Document
from reporter.pipeline import analyze_document
from reporter.render.dossier import dossier_context

ARTICLE = (
    "The city council voted seven to two on Tuesday to repair the old river bridge, after engineers "
    "found cracks in two of its supports during an inspection in March.\n\n"
    "\"We cannot wait another winter,\" said council member Dana Ortiz, who proposed the plan.\n"
)


def test_html_removed_blocks_keep_their_own_reasons() -> None:
    doc = Document(id="bridge", text=ARTICLE,
                   removed=["Subscribe to our newsletter for daily updates", "Home News Sport Weather"])
    ctx = dossier_context(analyze_document(doc))
    html = [r for r in ctx["removed"] if r["kind"] == "html"]
    assert [r["text"] for r in html] == doc.removed
    assert all(r["reason"].startswith("removed from the HTML page") for r in html)
    assert any("subscription" in r["reason"] for r in html)


def test_readability_years_match_the_headline_grade() -> None:
    from reporter.model import Analysis
    from reporter.render.dossier import readability

    a = Analysis(document=Document(id="r", text="x"),
                 readability={"flesch_kincaid_grade": 14.5, "reading": "grade 15: university level"})
    r = readability(a)
    assert r["reading"].startswith("grade 15") and "about 15 years of schooling" in r["plain"]


def test_dossier_html_stays_cheap_to_lay_out() -> None:
    """Each table, <br>, <sup> or wavy underline cost weasyprint measurable time per dossier (docs/render.md)."""
    from render_fixtures import small_analysis

    from reporter.render import dossier_html

    html = dossier_html(small_analysis(), {"credibility": 75.0})
    body = html[html.index("<body>"):]
    assert "<table" not in body and "<br" not in body and "<sup" not in body and "wavy" not in body
    assert body.count("<span") < 60
