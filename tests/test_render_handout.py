import io

from pypdf import PdfReader
from render_fixtures import small_analysis

from reporter.render import handout_html, render_handouts
from reporter.render.handout import handout_context


def test_exercises_come_from_the_analysis():
    ctx = handout_context(small_analysis(), teacher=False)
    assert ctx["n_find"] == 2 and [t["text"] for t in ctx["loaded"]] == ["slammed", "reckless"]
    assert ctx["claim_paras"] == [3]
    assert ctx["trace"]["text"] == "Ticket prices will double by spring." and ctx["trace"]["para"] == 3
    assert [s["label"] for s in ctx["sources"]] == ["Maria Lenk", "Officials"] and ctx["named"] == 1


def test_student_sheet_has_no_answers_and_teacher_sheet_has_them():
    student = handout_html(small_analysis(), teacher=False)
    teacher = handout_html(small_analysis(), teacher=True)
    assert "Answer key" not in student and "criticised" not in student
    assert "Look closely at paragraph 3" in student
    assert "Answer key" in teacher and "criticised" in teacher and "risky" in teacher
    assert "Maria Lenk" in teacher and "Ticket prices will double by spring." in teacher


def test_without_findings_the_questions_still_make_sense():
    a = small_analysis()
    a.loaded, a.unattributed, a.quotes = [], [], []
    html = handout_html(a, teacher=True)
    assert "found no loaded words" in html and "Every statement of fact seems to carry a source" in html


def test_handout_pdfs(tmp_path):
    paths = render_handouts(small_analysis(), tmp_path)
    assert [p.name for p in paths] == ["harbour-ferry-student.pdf", "harbour-ferry-teacher.pdf"]
    r = PdfReader(io.BytesIO(paths[0].read_bytes()))
    text = " ".join(" ".join(p.extract_text() for p in r.pages).split())
    assert "Words that judge" in text and "Trace the claim" in text and "The council voted on Monday" in text
    assert r.metadata.title.startswith("Student handout")


def test_empty_document_handout():
    from reporter.model import Analysis, Document

    html = handout_html(Analysis(document=Document(id="empty", text="")), teacher=False)
    assert "Words that judge" in html and "Choose the statement" in html


def test_teacher_handout_embeds_only_the_shipped_fonts(tmp_path):
    """The ⟦ ⟧ brackets exist in Charis SIL only: set in Open Sans they pulled in a system fallback font."""
    r = PdfReader(io.BytesIO(render_handouts(small_analysis(), tmp_path)[1].read_bytes()))
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1]
             for page in r.pages for f in (page["/Resources"].get("/Font") or {}).values()}
    assert fonts and all(f.startswith(("Charis-SIL", "Open-Sans")) for f in fonts), fonts
