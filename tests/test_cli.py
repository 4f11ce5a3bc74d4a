"""The command line: the judge's contract, corpus options, Ctrl-C and dossier selection."""
import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
from click.testing import CliRunner

from reporter.cli import main

STORY = ("The school board delayed its vote on the new curriculum on Thursday.\n\n"
         "\u201cParents need more time to read the proposal,\u201d said board member Grace Liu.\n\n"
         "About 300 people attended the meeting, the district said.\n")


def _texts(folder, n):
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"art{i:02d}.txt").write_text(STORY.replace("Thursday", f"day {i}"), encoding="utf-8")
    return folder


def test_analyze_folder_json_dir_is_the_judges_contract(tmp_path):
    src = _texts(tmp_path / "in", 4)
    res = CliRunner().invoke(main, ["analyze", str(src), "--json-dir", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in (tmp_path / "out").glob("*.json"))
    assert names == [f"art{i:02d}.json" for i in range(4)]
    d = json.loads((tmp_path / "out" / "art01.json").read_text(encoding="utf-8"))
    assert d["text"] == (src / "art01.txt").read_text(encoding="utf-8")
    assert len(d["boilerplate"]["lines"]) == len(d["text"].split("\n"))


def test_analyze_needs_an_output_and_a_known_table_type(tmp_path):
    src = _texts(tmp_path / "in", 1)
    res = CliRunner().invoke(main, ["analyze", str(src)])
    assert res.exit_code == 2 and "--json-dir" in res.output
    res = CliRunner().invoke(main, ["analyze", str(src), "--table", str(tmp_path / "t.xlsx")])
    assert res.exit_code == 2 and ".parquet or .csv" in res.output


def test_analyze_corpus_to_table_and_jsonl_then_resume(tmp_path):
    src = tmp_path / "c.csv"
    pd.DataFrame({"id": [f"c{i}" for i in range(5)], "text": [STORY] * 5}).to_csv(src, index=False)
    args = ["analyze", str(src), "--table", str(tmp_path / "t.parquet"), "--jsonl", str(tmp_path / "a.jsonl"),
            "-j", "1"]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "5 analysed" in res.output
    assert len(pd.read_parquet(tmp_path / "t.parquet")) == 5
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0 and "5 already current" in res.output
    assert len((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()) == 5


def test_analyze_exit_codes_for_failures_and_empty_input(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "text": STORY}) + "\n{nope\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["analyze", str(bad), "--json-dir", str(tmp_path / "o")])
    assert res.exit_code == 1 and "failed" in res.output
    (tmp_path / "empty").mkdir()
    res = CliRunner().invoke(main, ["analyze", str(tmp_path / "empty"), "--json-dir", str(tmp_path / "o2")])
    assert res.exit_code == 2


def test_ctrl_c_stops_cleanly_and_a_rerun_finishes(tmp_path):
    src = tmp_path / "c.jsonl"
    src.write_text("".join(json.dumps({"id": f"n{i:04d}", "text": STORY.replace("Thursday", f"day {i}")})
                           + "\n" for i in range(150)), encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "reporter", "analyze", str(src), "--json-dir", str(out), "-j", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    state = out / ".reporter-state.jsonl"
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        if state.exists() and state.read_bytes().count(b"\n") >= 5:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    written = list(out.glob("*.json"))
    recorded = [json.loads(x)["id"] for x in state.read_text(encoding="utf-8").splitlines()]
    assert 0 < len(recorded) <= len(written) < 150  # workers may have written a few more than were recorded
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    assert all((out / f"{i}.json").exists() for i in recorded)  # every recorded document has its JSON
    assert all(json.loads(p.read_text(encoding="utf-8"))["text"] for p in written)  # and no JSON is torn
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert f"{len(recorded)} already current" in again.stderr
    assert len(list(out.glob("*.json"))) == 150


def test_build_renders_only_the_dossiers_asked_for(tmp_path):
    src = _texts(tmp_path / "in", 3)
    (src / "art01.txt").write_text("Sources say the corrupt regime is lying again. " * 3 + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "--dossiers", "lowest:1",
                                    "-j", "1"])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(tmp_path / "out" / "scores.csv")
    lowest = df.sort_values("credibility")["id"].iloc[0]
    assert [p.stem for p in (tmp_path / "out" / "dossiers").glob("*.pdf")] == [lowest]
    assert (tmp_path / "out" / "briefing.pdf").stat().st_size > 1000
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "--dossiers", "credibility >"])
    assert res.exit_code == 2 and "--dossiers" in res.output
    evil = f"__import__('os').system('touch {tmp_path / 'pwned'}') == 0"
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "--dossiers", evil])
    assert res.exit_code == 2 and "nor a query" in res.output and not (tmp_path / "pwned").exists()


def test_a_fifo_named_like_a_corpus_is_refused_at_once(tmp_path):
    """Reading a named pipe would block forever: one line naming it, and the other inputs still run."""
    os.mkfifo(tmp_path / "feed.jsonl")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g1", "text": STORY}) + "\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "reporter", "analyze", str(tmp_path / "feed.jsonl"), str(good),
                           "--table", str(tmp_path / "t.csv")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert f"{tmp_path / 'feed.jsonl'}: not a regular file" in proc.stderr
    assert list(pd.read_csv(tmp_path / "t.csv")["id"]) == ["g1"]


def test_dask_engine_needs_a_parquet_folder(tmp_path):
    src = _texts(tmp_path / "in", 1)
    res = CliRunner().invoke(main, ["analyze", str(src), "--engine", "dask", "--json-dir", str(tmp_path / "j")])
    assert res.exit_code == 2 and "--table" in res.output
    res = CliRunner().invoke(main, ["analyze", str(src), "--engine", "dask", "--table", str(tmp_path / "t"),
                                    "--jsonl", str(tmp_path / "all.jsonl")])
    assert res.exit_code == 2 and "--jsonl" in res.output and not (tmp_path / "t").exists()
