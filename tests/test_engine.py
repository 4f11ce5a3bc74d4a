"""Engines: local processes in input order with bounded read-ahead; Dask partition by partition."""
import json
import os

import pandas as pd
import pytest

from reporter.corpus import engine
from reporter.corpus.engine import LocalEngine, Want, analyze_one, content_key, run_dask
from reporter.model import Document

STORY = ("Ministers announced a review of the rail timetable on Friday.\n\n"
         "\u201cPassengers deserve trains that arrive on time,\u201d said Transport Secretary Lena Park.\n\n"
         "The review will report in March, according to the department.\n")


def _docs(n):
    return [(Document(id=f"d{i:03d}", text=STORY.replace("Friday", f"day {i}")), f"k{i}") for i in range(n)]


def test_analyze_one_row_and_serialisations():
    doc, key = _docs(1)[0]
    out = analyze_one(doc, Want(json=True, line=True), key)
    assert out.error is None and out.key == "k0" and out.row["id"] == "d000"
    assert json.loads(out.json)["text"] == doc.text
    assert b"\n" not in out.line and json.loads(out.line)["id"] == "d000"
    assert out.nbytes == len(doc.text.encode("utf-8"))


def test_analyze_one_turns_a_crash_into_an_error(monkeypatch):
    def boom(doc):
        raise RuntimeError("signal bug")

    monkeypatch.setattr("reporter.pipeline.analyze_document", boom)
    out = analyze_one(_docs(1)[0][0], Want())
    assert out.row is None and "RuntimeError: signal bug" in out.error


def test_warm_freezes_the_loaded_lexicons():
    """After warm-up the lexicons sit in the permanent generation: full collections no longer walk them."""
    import gc

    assert engine.warm() is True
    assert gc.get_freeze_count() > 10_000  # the lexicons, patterns and dictionaries of every signal


def test_two_processes_keep_input_order():
    outs = list(LocalEngine(jobs=2, chunk=3, ahead=2).map(_docs(25), Want()))
    assert [o.id for o in outs] == [f"d{i:03d}" for i in range(25)]
    assert all(o.error is None and o.row["words"] > 10 for o in outs)


def test_a_dying_worker_costs_one_document(monkeypatch):
    """A document that kills its worker process (like the out-of-memory killer would) fails alone."""
    real = engine.analyze_one

    def fragile(doc, want, key=""):
        if doc.id == "d005":
            os._exit(9)
        return real(doc, want, key)

    monkeypatch.setattr(engine, "analyze_one", fragile)  # forked workers inherit the patch
    outs = list(LocalEngine(jobs=2, chunk=4, ahead=2).map(_docs(14), Want()))
    assert [o.id for o in outs] == [f"d{i:03d}" for i in range(14)]
    assert [o.id for o in outs if o.error] == ["d005"]
    assert "worker process died" in outs[5].error


def test_read_ahead_is_bounded():
    """The engine pulls at most jobs x ahead batches before the first result comes back."""
    pulled = []

    def source():
        for item in _docs(200):
            pulled.append(item[0].id)
            yield item

    eng = LocalEngine(jobs=2, chunk=4, ahead=2)
    results = eng.map(source(), Want())
    first = next(results)
    assert first.id == "d000"
    assert len(pulled) <= 2 * 2 * 4 + 4
    results.close()  # stops the pool without reading the rest
    assert len(pulled) < 200


def test_content_key_tracks_text_and_metadata():
    a = Document(id="x", text=STORY)
    assert content_key(a) == content_key(Document(id="other-id", text=STORY))
    assert content_key(a) != content_key(Document(id="x", text=STORY + " "))
    assert content_key(a) != content_key(Document(id="x", text=STORY, title="Rail review"))


def test_dask_local_cluster_writes_parquet(tmp_path):
    pytest.importorskip("distributed")
    corpus = tmp_path / "c.jsonl"
    recs = [{"id": f"r{i}", "text": STORY.replace("Friday", f"day {i}")} for i in range(12)]
    recs.append({"id": "empty", "text": "   "})
    corpus.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    (tmp_path / "plain").mkdir()
    (tmp_path / "plain" / "memo.txt").write_text(STORY, encoding="utf-8")
    pd.DataFrame({"id": ["r1", "q2"], "text": [STORY, STORY.replace("rail", "bus")]}).to_parquet(
        tmp_path / "plain" / "more.parquet", index=False)
    res = run_dask([corpus, tmp_path / "plain"], tmp_path / "scores", json_dir=tmp_path / "json", workers=1,
                   processes=False)
    df = pd.read_parquet(tmp_path / "scores")
    assert res.ok == 15 and len(res.failed) == 1 and "c.jsonl:13" in res.failed[0]
    assert set(df["id"].dropna()) == {f"r{i}" for i in range(12)} | {"memo", "r1-2", "q2"}
    ok = df[df["error"].isna()]
    assert ok["credibility"].between(0, 100).all()
    assert json.loads((tmp_path / "json" / "memo.json").read_text(encoding="utf-8"))["text"] == STORY


def _dask_corpus(path, n, edit=None):
    recs = [{"id": "dup" if i in (2, 5) else None, "text": STORY.replace("Friday", f"day {i}")} for i in range(n)]
    if edit is not None:
        recs[edit]["text"] += "\nThe department later withdrew the plan.\n"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


def test_dask_ids_match_the_local_engine_across_partitions(tmp_path):
    """Duplicate and missing ids across partitions come out as the local engine names them."""
    pytest.importorskip("distributed")
    from reporter.batch import run_corpus

    src = _dask_corpus(tmp_path / "w.jsonl", 9)
    units = engine.plan_units([src], block=300)  # several JSONL partitions
    assert len(units) >= 3 and all(u.kind == "jsonl" for u in units)
    res = run_dask([src], tmp_path / "scores", workers=1, processes=False, block=300)
    dask_ids = list(pd.read_parquet(tmp_path / "scores")["id"])
    local = run_corpus([src], table=tmp_path / "local.csv", jobs=1)
    assert res.ok == 9 and dask_ids == local.ids
    assert dask_ids[:6] == ["w-00001", "w-00002", "dup", "w-00004", "w-00005", "dup-2"]
    # Percentiles need the whole corpus: the Dask table gets the local table's, made after the partitions.
    pct = [f"{k}_pct" for k in ("credibility", "loaded_language", "attribution", "boilerplate", "readability")]
    d = pd.read_parquet(tmp_path / "scores").set_index("id")[pct]
    loc = pd.read_csv(tmp_path / "local.csv").set_index("id")[pct]
    assert d.loc[loc.index].equals(loc.astype("float64"))
    assert (d["credibility_pct"] == 56).all()  # nine equal scores share the mean rank: 5 of 9


def test_dask_run_cut_off_midway_keeps_its_finished_partitions(tmp_path, monkeypatch):
    """A run stopped after its partitions were written (Ctrl-C here) leaves them for the next run; a file torn
    while being written is not taken, so only its documents are analysed again."""
    pytest.importorskip("distributed")
    src = _dask_corpus(tmp_path / "w.jsonl", 8)
    table = tmp_path / "scores"

    def ctrl_c(folder):
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "add_percentiles", ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        run_dask([src], table, workers=1, processes=False, block=400)
    monkeypatch.undo()
    (partial,) = tmp_path.glob(".scores.partial-*")
    files = sorted(partial.glob("*.parquet"))
    assert not table.exists() and len(files) >= 2
    torn = pd.read_parquet(files[-1])["id"].tolist()
    files[-1].write_bytes(files[-1].read_bytes()[:-40])  # the footer is written last
    calls = []
    real = engine.analyze_one
    monkeypatch.setattr(engine, "analyze_one", lambda doc, want, key="": calls.append(doc.id) or real(doc, want, key))
    again = run_dask([src], table, workers=1, processes=False, block=400)
    assert calls == torn and (again.ok, again.skipped) == (len(torn), 8 - len(torn))
    assert len(pd.read_parquet(table)) == 8 and not list(tmp_path.glob(".scores.*"))


def test_dask_cuts_a_csv_and_keeps_local_ids(tmp_path):
    pytest.importorskip("distributed")
    from reporter.batch import run_corpus

    recs = [{"id": "dup" if i in (1, 6) else "", "text": STORY.replace("Friday", f"day {i}")} for i in range(8)]
    src = tmp_path / "wire.csv"
    pd.DataFrame(recs).to_csv(src, index=False)
    units = engine.plan_units([src], block=400)
    assert len(units) >= 3 and all(u.kind == "csv" for u in units)
    res = run_dask([src], tmp_path / "scores", workers=1, processes=False, block=400)
    local = run_corpus([src], table=tmp_path / "local.csv", jobs=1)
    assert res.ok == 8 and list(pd.read_parquet(tmp_path / "scores")["id"]) == local.ids
    assert local.ids[:3] == ["wire-00001", "dup", "wire-00003"] and "dup-2" in local.ids


def test_dask_rerun_skips_current_documents(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    src = _dask_corpus(tmp_path / "w.jsonl", 8)
    table, js = tmp_path / "scores", tmp_path / "json"
    first = run_dask([src], table, json_dir=js, workers=1, processes=False, block=400)
    assert (first.ok, first.skipped) == (8, 0)
    before = pd.read_parquet(table).set_index("id")
    calls = []
    real = engine.analyze_one
    monkeypatch.setattr(engine, "analyze_one", lambda doc, want, key="": calls.append(doc.id) or real(doc, want, key))
    again = run_dask([src], table, json_dir=js, workers=1, processes=False, block=400)
    assert (again.ok, again.skipped, calls) == (0, 8, [])
    after = pd.read_parquet(table).set_index("id")
    assert after["credibility"].equals(before.loc[after.index, "credibility"])
    _dask_corpus(src, 8, edit=3)
    (js / "w-00007.json").unlink()
    third = run_dask([src], table, json_dir=js, workers=1, processes=False, block=400)
    assert (third.ok, third.skipped) == (2, 6) and sorted(calls) == ["w-00004", "w-00007"]
    assert len(pd.read_parquet(table)) == 8 and not list(tmp_path.glob(".scores.*"))
    assert "withdrew" in json.loads((js / "w-00004.json").read_text(encoding="utf-8"))["text"]
    forced = run_dask([src], table, workers=1, processes=False, resume=False)
    assert (forced.ok, forced.skipped) == (8, 0)


def test_dask_marks_site_chrome_like_the_local_engine(tmp_path):
    """Lines a site repeats on its pages are boilerplate on Dask too (learned within the partition)."""
    pytest.importorskip("distributed")
    from reporter.batch import run_corpus

    footer = "Harbour Ledger covers the towns along the estuary since 1921"
    names = ["Ada Moss", "Bo Keane", "Cy Lund", "Di Park", "Ed Rowe"]
    recs = [{"id": f"h{i}", "source": "Harbour Ledger",
             "text": f"The ferry timetable changes next month, wrote {n}.\n\n"
                     f"\u201cWe listened to residents,\u201d said board member {n}.\n\n{footer}\n"}
            for i, n in enumerate(names)]
    src = tmp_path / "site.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    run_dask([src], tmp_path / "scores", json_dir=tmp_path / "dask", workers=1, processes=False)
    run_corpus([src], json_dir=tmp_path / "local", jobs=1)
    for i in range(5):
        lines = [json.loads((tmp_path / d / f"h{i}.json").read_text(encoding="utf-8"))["boilerplate"]["lines"]
                 for d in ("dask", "local")]
        assert lines[0] == lines[1]
        assert lines[0][-2]["boilerplate"] and "this site" in lines[0][-2]["reason"]


def test_parquet_and_plain_units(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": [STORY] * 10}), tmp_path / "p.parquet", row_group_size=3)
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    units = engine.plan_units([tmp_path / "a.txt", tmp_path / "p.parquet"], block=1)
    assert [u.kind for u in units] == ["files"] + ["parquet"] * 4
    ids = [item.id for u in units for item in engine.unit_items(u)]
    assert ids == ["a"] + [f"p-{i:05d}" for i in range(1, 11)]


def test_default_jobs_is_at_least_one():
    assert engine.default_jobs() >= 1
