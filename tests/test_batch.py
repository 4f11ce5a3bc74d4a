"""Corpus runs: outputs, resume, interruption, and choosing the documents that get dossiers."""
import json

import pandas as pd
import pytest

from reporter.batch import State, code_version, pick_documents, run_corpus, select_ids

STORY = ("The county opened a new flood shelter near the river on Sunday.\n\n"
         "\u201cWe had room for two hundred families,\u201d said shelter manager Omar Haddad.\n\n"
         "Officials said 40 percent of the homes in the valley were damaged.\n")


def _corpus(path, n, start=0):
    recs = [{"id": f"s{i:03d}", "text": STORY.replace("Sunday", f"day {i}")} for i in range(start, start + n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    return path


def test_outputs_json_jsonl_and_table(tmp_path):
    src = _corpus(tmp_path / "c.jsonl", 20)
    run = run_corpus([src], json_dir=tmp_path / "json", jsonl=tmp_path / "all.jsonl", table=tmp_path / "t.parquet",
                     jobs=2)
    assert (run.ok, run.skipped, run.failed, run.interrupted) == (20, 0, [], False)
    assert len(list((tmp_path / "json").glob("*.json"))) == 20
    lines = (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["id"] for x in lines] == [f"s{i:03d}" for i in range(20)]
    df = pd.read_parquet(tmp_path / "t.parquet")
    assert len(df) == 20 and {"credibility", "credibility_pct"} <= set(df.columns)
    assert not list(tmp_path.rglob("*.part"))


def test_rerun_skips_current_and_redoes_changed(tmp_path):
    src = _corpus(tmp_path / "c.jsonl", 6)
    out = tmp_path / "json"
    first = run_corpus([src], json_dir=out, table=tmp_path / "t.csv", jobs=1)
    assert first.ok == 6
    again = run_corpus([src], json_dir=out, table=tmp_path / "t.csv", jobs=1)
    assert (again.ok, again.skipped) == (0, 6)
    assert len(pd.read_csv(tmp_path / "t.csv")) == 6  # the table still covers the whole corpus
    recs = [json.loads(x) for x in src.read_text(encoding="utf-8").splitlines()]
    recs[2]["text"] += "\nA late update: the shelter is now full.\n"
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    (out / "s004.json").unlink()
    third = run_corpus([src], json_dir=out, table=tmp_path / "t.csv", jobs=1)
    assert (third.ok, third.skipped) == (2, 4)
    assert "late update" in json.loads((out / "s002.json").read_text(encoding="utf-8"))["text"]
    forced = run_corpus([src], json_dir=out, jobs=1, resume=False)
    assert (forced.ok, forced.skipped) == (6, 0)


class _StopAfter:
    """Stands in for Ctrl-C: asks the run to stop after a number of checks."""

    def __init__(self, n):
        self.n = n

    @property
    def requested(self):
        self.n -= 1
        return self.n < 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_interrupted_run_keeps_finished_and_restart_completes(tmp_path, jobs):
    src = _corpus(tmp_path / "c.jsonl", 40)
    out = tmp_path / "json"
    run = run_corpus([src], json_dir=out, table=tmp_path / "t.parquet", jobs=jobs, stop=_StopAfter(12))
    assert run.interrupted and 0 < run.ok < 40
    assert not (tmp_path / "t.parquet").exists()  # no table for a partial corpus
    written = list(out.glob("*.json"))  # pool workers may have finished a few more than the parent recorded
    assert len(written) >= run.ok and all(json.loads(p.read_text(encoding="utf-8"))["text"] for p in written)
    assert not list(tmp_path.rglob("*.part"))
    rest = run_corpus([src], json_dir=out, table=tmp_path / "t.parquet", jobs=jobs)
    assert not rest.interrupted and rest.ok + rest.skipped == 40 and rest.skipped == run.ok
    assert len(pd.read_parquet(tmp_path / "t.parquet")) == 40


def test_failures_are_counted_not_fatal(tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"id": "ok", "text": STORY}) + "\n{oops\n" + json.dumps({"id": "e", "text": ""}) + "\n",
                   encoding="utf-8")
    msgs = []
    run = run_corpus([src], table=tmp_path / "t.csv", warn=msgs.append)
    assert run.ok == 1 and len(run.failed) == 2 and len(msgs) == 2


def test_state_drops_a_torn_last_line(tmp_path):
    p = tmp_path / "state.jsonl"
    good = json.dumps({"id": "a", "key": "k", "v": code_version(), "row": {"id": "a"}})
    p.write_text(good + "\n" + '{"id": "b", "key"', encoding="utf-8")
    st = State(p)
    assert st.current("a", "k") and not st.current("b", "k")
    assert p.read_text(encoding="utf-8") == good + "\n"
    stale = State(p, resume=False)
    assert not stale.keys and not p.exists()


def test_state_table_keeps_the_latest_row_of_this_runs_ids(tmp_path):
    st = State(tmp_path / "s.jsonl")
    for i in range(7):
        st.add(f"d{i % 3}", "k", {"id": f"d{i % 3}", "credibility": float(i)})
    st.add("gone", "k", {"id": "gone", "credibility": 1.0})
    df = st.table({"d0", "d1", "d2"}, chunk=2)
    assert list(df["id"]) == ["d0", "d1", "d2"] and list(df["credibility"]) == [6.0, 4.0, 5.0]
    assert list(df["credibility_pct"]) == [100.0, 33.0, 67.0]
    assert st.table(set()).empty


def test_select_ids_specs():
    df = pd.DataFrame({"id": ["a", "b", "c", "d"], "credibility": [70.0, 20.0, 55.0, 35.0],
                       "loaded_language": [10.0, 80.0, 30.0, 60.0]})
    assert select_ids(df, "all") == ["a", "b", "c", "d"]
    assert select_ids(df, "none") == []
    assert select_ids(df, "lowest:2") == ["b", "d"]
    assert select_ids(df, "highest:1") == ["a"]
    assert select_ids(df, "c, a") == ["c", "a"]
    assert select_ids(df, "credibility < 40 and loaded_language > 70") == ["b"]
    assert select_ids(df, "auto") == ["a", "b", "c", "d"]
    assert select_ids(df, "auto", auto_limit=3, auto_lowest=1) == ["b"]
    with pytest.raises(ValueError, match="neither known ids"):
        select_ids(df, "zz, a")
    with pytest.raises(ValueError, match="lowest:N"):
        select_ids(df, "lowest:many")


def test_pick_documents_streams_only_the_chosen(tmp_path):
    src = _corpus(tmp_path / "c.jsonl", 10)
    assert [d.id for d in pick_documents([src], ["s007", "s002"])] == ["s002", "s007"]


def test_dossier_query_grammar():
    df = pd.DataFrame({"id": ["a", "b", "c", "d"], "credibility": [70.0, 20.0, 55.0, None],
                       "loaded_language": [10.0, 80.0, 30.0, 60.0], "source": ["Gazette", "Post", "Gazette", None]})
    assert select_ids(df, "credibility < 50") == ["b"]
    assert select_ids(df, "(credibility < 60) | (loaded_language >= 60)") == ["b", "c", "d"]
    assert select_ids(df, "20 < credibility <= 55") == ["c"]
    assert select_ids(df, "source == 'Gazette' and not credibility > 60") == ["c"]
    assert select_ids(df, 'source in ["Post", "Herald"] or credibility < -5') == ["b"]
    assert select_ids(df, "lowest:2") == ["b", "c"]  # a missing score is never among the lowest


@pytest.mark.parametrize("spec", [
    "__import__('os').system('touch pwned')",
    "credibility.__class__.__bases__",
    "credibility.mean() > 1",
    "@credibility > 1",
    "(lambda: 1)() == 1",
    "credibility < 50; import os",
    "[c for c in credibility] == 1",
    "1 < 2",
    "unknown_column > 3",
])
def test_dossier_query_never_runs_code(spec, tmp_path, monkeypatch):
    """Untrusted --dossiers text is parsed to a few node kinds and evaluated here, never by eval."""
    monkeypatch.chdir(tmp_path)
    df = pd.DataFrame({"id": ["a", "b"], "credibility": [70.0, 20.0]})
    with pytest.raises(ValueError, match="nor a query"):
        select_ids(df, spec)
    assert not (tmp_path / "pwned").exists()


def _jsonl_ids(path):
    return [json.loads(x)["id"] for x in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_rerun_replaces_changed_lines_and_drops_gone_ones(tmp_path):
    src = _corpus(tmp_path / "c.jsonl", 5)
    out = tmp_path / "all.jsonl"
    assert run_corpus([src], jsonl=out, jobs=1).ok == 5
    first = out.read_bytes()
    again = run_corpus([src], jsonl=out, jobs=1)
    assert (again.ok, again.skipped) == (0, 5) and out.read_bytes() == first  # nothing rewritten
    recs = [json.loads(x) for x in src.read_text(encoding="utf-8").splitlines()]
    recs[1]["text"] += "\nLate update: the shelter has closed its doors.\n"
    del recs[3]
    src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    third = run_corpus([src], jsonl=out, jobs=1)
    assert (third.ok, third.skipped) == (1, 3)
    assert _jsonl_ids(out) == ["s000", "s001", "s002", "s004"]  # one line each, input order, s003 gone
    assert "Late update" in json.loads(out.read_text(encoding="utf-8").splitlines()[1])["text"]
    assert not list(tmp_path.glob(".*.part"))
    fourth = run_corpus([src], jsonl=out, jobs=1)  # the state was rewritten with the new offsets
    assert (fourth.ok, fourth.skipped) == (0, 4) and _jsonl_ids(out) == ["s000", "s001", "s002", "s004"]


def test_jsonl_line_lost_from_the_file_is_redone(tmp_path):
    src = _corpus(tmp_path / "c.jsonl", 4)
    out = tmp_path / "all.jsonl"
    run_corpus([src], jsonl=out, jobs=1)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text(lines[0] + lines[2] + lines[3], encoding="utf-8")  # someone deleted s001's line
    again = run_corpus([src], jsonl=out, jobs=1)
    assert again.ok >= 1 and again.ok + again.skipped == 4
    assert _jsonl_ids(out) == ["s000", "s001", "s002", "s003"]


def test_interrupted_jsonl_run_resumes_without_duplicates(tmp_path):
    src = _corpus(tmp_path / "c.jsonl", 30)
    out = tmp_path / "all.jsonl"
    run = run_corpus([src], jsonl=out, jobs=1, stop=_StopAfter(8))
    assert run.interrupted and 0 < run.ok < 30
    rest = run_corpus([src], jsonl=out, jobs=1)
    assert rest.skipped == run.ok and rest.ok == 30 - run.ok
    assert _jsonl_ids(out) == [f"s{i:03d}" for i in range(30)]
