"""Dossiers on worker processes: same PDFs as in-process, failures isolated, spawn-safe."""
import io

from pypdf import PdfReader

from reporter.corpus import frame, row
from reporter.model import Document
from reporter.pipeline import analyze_document
from reporter.render.parallel import comparison_table, percentile_map, render_dossiers

TEXTS = {
    "quay": "Quay repairs start in May\n\nThe port authority said on Tuesday that repairs to the north quay "
            "will start in May. \u201cThe work is overdue,\u201d said engineer Tomas Reyes.\n",
    "market": "Market hall to close for winter\n\nThe market hall will close from December, a shocking blow "
              "for traders. Stallholder Ines Duarte said the closure was announced without warning.\n",
    "bridge": "Bridge toll stays the same\n\nThe toll on the river bridge will not change next year, the "
              "regional council said. Officials said income covers maintenance.\n",
}


def _docs():
    return [Document(id=k, text=v, title=v.split("\n")[0], source="Test Tribune", lang="en") for k, v in TEXTS.items()]


def _table():
    return frame(row(analyze_document(d)) for d in _docs())


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split())


def test_spawned_pool_renders_every_dossier(tmp_path):
    """``spawn`` (macOS, Windows) pickles everything a worker gets; ``fork`` is covered by the CLI tests."""
    df = _table()
    docs = _docs()[:2]
    out = list(render_dossiers(docs, tmp_path, df, jobs=2, keep=1, ids=list(TEXTS), start_method="spawn"))
    assert sorted(r.id for r in out) == sorted(d.id for d in docs) and all(r.error is None for r in out)
    assert sum(r.analysis is not None for r in out) == 1  # only ``keep`` analyses come back
    for k in (d.id for d in docs):
        text = _text(tmp_path / f"{k}.pdf")
        assert TEXTS[k].split("\n")[0] in text and "Credibility index" in text


def test_a_failing_document_fails_alone(tmp_path, monkeypatch):
    import reporter.render as render

    real = render.render_dossier

    def flaky(a, path, *args, **kw):
        if a.document.id == "market":
            raise RuntimeError("layout exploded")
        return real(a, path, *args, **kw)

    monkeypatch.setattr(render, "render_dossier", flaky)
    out = {r.id: r for r in render_dossiers(_docs(), tmp_path, None, jobs=1)}
    assert set(out) == set(TEXTS)
    assert out["market"].error == "dossier failed: RuntimeError: layout exploded" and out["market"].analysis is None
    assert out["quay"].error is None and (tmp_path / "quay.pdf").exists() and not (tmp_path / "market.pdf").exists()


def test_percentiles_are_looked_up_once_for_the_chosen_ids():
    df = _table()
    pct = percentile_map(comparison_table(df), ["quay", "nope"])
    assert set(pct) == {"quay"} and set(pct["quay"]) >= {"credibility", "loaded_language"}
    assert list(comparison_table(df).columns)[0] == "id" and "title" not in comparison_table(df).columns
