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
