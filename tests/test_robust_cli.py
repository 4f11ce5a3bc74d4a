"""The command line on a folder of broken and hostile inputs, end to end.

One clear line per failed input naming the file and the reason; every other
input completes; a non-zero exit status when anything failed; no half-written
file; an output folder that cannot be written gives one clear message.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reporter.cli import main

ARTICLE = ("Ferry fares rise again\n\n"
           "The ferry operator raised fares by nine percent on Monday, the third rise this year.\n"
           "\u201cPassengers are being squeezed,\u201d said Omar Haddad, who chairs the island council.\n")

CYRILLIC = "Паром подорожал. «Это грабеж», — сказал депутат.\n"
CONTROLS = ("Emoji \U0001F6A2 and \u202eRTL\u202c \u0645\u0631\u062d\u0628\u0627 and a bell \x07 and "
            "\u201cmismatched\u00bb quotes\u2019 said nobody.\n")
NEWLINES = "Fares\r\nrise.\rAgain\n\r\n\"Unbalanced quote, he said.\n"
# One line of 1 MB. Plain prose: a line of 40,000 "X said" sentences takes the attribution stage ~17 s (it grows
# faster than linearly with the number of quotes), which would make this test too slow.
ONELINE = ("The ferry fares rise again this winter, and the island council plans a review of the contract terms. "
           * 10500)[:2**20]

GOOD = {  # file name -> (bytes, the exact text its JSON must carry)
    "plain.txt": (ARTICLE.encode(), ARTICLE),
    "with space \u00e9t\u00e9 \u05e9\u05dc\u05d5\u05dd.txt": (ARTICLE.encode(), ARTICLE),
    "cyrillic.txt": (CYRILLIC.encode("cp1251"), CYRILLIC),
    "wide.txt": (b"\xff\xfe" + ARTICLE.encode("utf-16-le"), ARTICLE),
    "newlines.txt": (NEWLINES.encode(), NEWLINES),
    "controls.txt": (CONTROLS.encode(), CONTROLS),
    "oneline.txt": (ONELINE.encode(), ONELINE),
}
BAD = {  # file name -> (bytes, words the reason must contain)
    "empty.txt": (b"", "empty"),
    "blank.txt": (b" \n\t\r\n", "empty"),
    "scan.pdf.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary"),
    "logo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "bundle.txt": (b"PK\x03\x04\x14\x00\x00\x00" + bytes(200), "binary"),
    "nuls.txt": (b"a\x00b\x00\x00\x01" * 200, "binary"),
    "broken.json": (b'{"text": "never closed', "invalid JSON"),
}
FEED = [json.dumps({"id": "f1", "text": ARTICLE}), "{not json", json.dumps({"id": "f1", "text": ARTICLE + "More."}),
        json.dumps({"id": "no-text"}), '{"text": "x", "n": ' + "9" * 5000 + "}",
        json.dumps({"id": "../../escape", "text": ARTICLE})]


SEED = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"  # not this process's hash seed


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("robust")
    inbox = root / "in put \u00e9"
    inbox.mkdir()
    for name, (data, _) in {**GOOD, **BAD}.items():
        (inbox / name).write_bytes(data)
    (inbox / "feed.jsonl").write_text("\n".join(FEED) + "\n", encoding="utf-8")
    out = root / "out"
    proc = subprocess.run([sys.executable, "-m", "reporter", "analyze", str(inbox), "--json-dir", str(out), "-j", "1"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONHASHSEED": SEED})
    return inbox, out, proc


def test_exit_status_says_something_failed_and_there_is_no_traceback(run):
    _, _, proc = run
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr


def test_one_clear_line_per_failed_input_naming_file_and_reason(run):
    inbox, _, proc = run
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("reporter: ") and str(inbox) in ln]
    for name, (_, why) in BAD.items():
        hits = [ln for ln in lines if f"/{name}:" in ln]
        assert len(hits) == 1, (name, hits)
        assert why in hits[0].split(f"/{name}:", 1)[1], hits[0]
    feed = sorted(ln.split("feed.jsonl:", 1)[1].split(":")[0] for ln in lines if "feed.jsonl:" in ln)
    assert feed == ["2", "4", "5"]  # the line numbers of the bad records
    assert len(lines) == len(BAD) + 3


def test_every_good_input_completes_with_its_exact_text(run):
    _, out, _ = run
    docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    by_text = {}
    for d in docs.values():
        by_text.setdefault(d["text"], []).append(d["id"])
    for name, (_, text) in GOOD.items():
        assert text in by_text, name
    assert len(docs) == len(GOOD) + 3  # plus three good records of the feed
    for d in docs.values():
        assert len(d["boilerplate"]["lines"]) == len(d["text"].split("\n"))


def test_json_is_the_same_in_another_process_with_another_hash_seed(run):
    """Set and dict order must never leak into the output."""
    from reporter import analyze
    from reporter.serialize import to_json

    inbox, out, _ = run
    for name in ("plain.txt", "controls.txt"):
        here = to_json(analyze(inbox / name))
        assert (out / name.replace(".txt", ".json")).read_text(encoding="utf-8") == here, name


def test_duplicate_and_hostile_ids_stay_inside_the_output_folder(run):
    inbox, out, _ = run
    names = {p.name for p in out.iterdir()}
    assert {"f1.json", "f1-2.json", "_.._escape.json"} <= names
    assert not list(inbox.parent.glob("escape*")) and not list(out.parent.parent.glob("escape*"))


def test_no_half_written_or_temporary_files(run):
    _, out, _ = run
    leftovers = [p.name for p in out.iterdir() if p.name.endswith(".part") or p.name.startswith(".reporter-write")]
    assert not leftovers
    for p in out.glob("*.json"):
        json.loads(p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [
    ["analyze", "{inp}", "--json-dir", "{blocked}/sub"],
    ["analyze", "{inp}", "--jsonl", "{blocked}/sub/all.jsonl"],
    ["build", "{inp}", "-o", "{blocked}/sub"],
])
def test_unwritable_output_folder_is_one_clear_message(tmp_path, args):
    blocked = tmp_path / "out"
    blocked.write_text("a file where a folder should be")  # root ignores chmod, not this
    inp = tmp_path / "a.txt"
    inp.write_text(ARTICLE, encoding="utf-8")
    argv = [a.format(inp=inp, blocked=blocked) for a in args]
    res = CliRunner().invoke(main, argv)
    assert res.exit_code not in (0, None), res.output
    assert not isinstance(res.exception, Exception) or isinstance(res.exception, SystemExit), res.exception
    msg = [ln for ln in res.output.splitlines() if ln.strip()]
    assert len(msg) == 1 and str(blocked) in msg[0] and "write" in msg[0].lower(), msg
    assert blocked.read_text() == "a file where a folder should be"


def test_nothing_readable_exits_non_zero(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    res = CliRunner().invoke(main, ["analyze", str(tmp_path / "empty.txt"), str(tmp_path / "missing.txt"),
                                    "--json-dir", str(tmp_path / "o"), "-j", "1"])
    assert res.exit_code == 1
    assert "empty.txt: empty file" in res.output and "missing.txt: no such file" in res.output


def test_an_output_that_cannot_be_written_fails_that_document_only(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (inbox / "b.txt").write_text(ARTICLE.replace("Ferry", "Bus"), encoding="utf-8")
    out = tmp_path / "out"
    (out / "a.json").mkdir(parents=True)  # a folder where a.json must go: the rename fails
    res = CliRunner().invoke(main, ["analyze", str(inbox), "--json-dir", str(out), "-j", "1"])
    assert res.exit_code == 1, res.output
    assert not isinstance(res.exception, Exception) or isinstance(res.exception, SystemExit), res.exception
    failed = [ln for ln in res.output.splitlines() if "a.json" in ln or "a.txt" in ln]
    assert len(failed) == 1 and "write" in failed[0].lower(), res.output
    assert json.loads((out / "b.json").read_text(encoding="utf-8"))["text"].startswith("Bus")
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]


def test_a_failing_briefing_is_one_line_not_a_traceback(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import reporter.render as render
    from reporter.cli import main

    def broken(*args, **kwargs):
        raise RuntimeError("no room on the page")

    monkeypatch.setattr(render, "render_briefing", broken)
    src = tmp_path / "a.txt"
    src.write_text("The council voted on Tuesday to close the library, the mayor said.\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(src), "-o", str(tmp_path / "out"), "--dossiers", "none"])
    assert res.exit_code == 1
    assert "briefing failed: RuntimeError: no room on the page" in res.output
    assert "Traceback" not in res.output
    assert (tmp_path / "out" / "scores.csv").exists() and not (tmp_path / "out" / "briefing.pdf").exists()
