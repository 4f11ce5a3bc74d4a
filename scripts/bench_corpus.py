#!/usr/bin/env python3
"""Corpus-mode benchmarks that ``scripts/bench.py`` does not cover: peak memory over large streamed
corpora with every output, the engine's CPU overhead from 1 to 2 processes, and the Dask engine.

    python scripts/bench_corpus.py memory --docs 10000          # reporter analyze: peak PSS/RSS, docs/s
    python scripts/bench_corpus.py scaling --docs 400 --repeats 3   # wall and CPU (parent, workers), 1 vs 2
    python scripts/bench_corpus.py dask --docs 200              # the Dask engine on a local cluster, and its resume
    python scripts/bench_corpus.py engine --docs 100000         # the corpus machinery alone, analysis stubbed

The corpora are synthetic (``bench.make_docs``: shuffled paragraphs of seeds/), written to a temporary folder.
On a shared machine wall-clock ratios say more about the neighbours than about the engine, so ``scaling``
also reports CPU seconds: the parent's (reading, hashing, pickling, writing: the serial part) and the
workers' (the analysis plus unpickling), from which the speed-up two free cores would give follows.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench import make_docs, run_measured, write_corpus  # noqa: E402


def bench_memory(n: int, work: Path, outputs: list[str], jobs: int | None) -> dict:
    """``reporter analyze`` of an n-document JSONL corpus with the given outputs; peak memory of the tree."""
    src = work / f"corpus-{n}.jsonl"
    mb = write_corpus(src, n)
    cmd = [sys.executable, "-m", "reporter", "analyze", str(src), "--no-resume"]
    if "table" in outputs:
        cmd += ["--table", str(work / f"scores-{n}.parquet")]
    if "jsonl" in outputs:
        cmd += ["--jsonl", str(work / f"all-{n}.jsonl")]
    if "json" in outputs:
        cmd += ["--json-dir", str(work / f"json-{n}")]
    if jobs:
        cmd += ["-j", str(jobs)]
    load0 = os.getloadavg()[0]
    r = run_measured(cmd)
    r.update({"docs": n, "mb": round(mb, 1), "outputs": outputs, "docs_per_s": round(n / r["wall_s"], 1),
              "load_1min_start": round(load0, 2), "load_1min_end": round(os.getloadavg()[0], 2)})
    return r


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _self_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def bench_scaling(n: int, repeats: int, json_out: bool) -> dict:
    """The local engine with 1 and 2 processes, alternating: wall, parent CPU, worker CPU (medians)."""
    from reporter.corpus.engine import LocalEngine, Want, warm
    from reporter.model import Document

    warm()
    texts = make_docs(n, seed=13)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    res: dict[int, dict[str, list[float]]] = {j: {"wall": [], "parent": [], "workers": []} for j in (1, 2)}
    loads = []
    for _ in range(repeats):
        for j in (1, 2):
            items = ((Document(id=str(i), text=t), "") for i, t in enumerate(texts))
            c0, p0, t0 = _children_cpu(), _self_cpu(), time.perf_counter()
            for _out in LocalEngine(jobs=j).map(items, Want(json=json_out)):
                pass
            res[j]["wall"].append(time.perf_counter() - t0)
            res[j]["parent"].append(_self_cpu() - p0)
            res[j]["workers"].append(_children_cpu() - c0)
            loads.append(os.getloadavg()[0])
    med = {j: {k: statistics.median(v) for k, v in d.items()} for j, d in res.items()}
    cpu1 = med[1]["parent"] + med[1]["workers"]
    cpu2 = med[2]["parent"] + med[2]["workers"]
    return {
        "docs": n, "mb": round(mb, 2), "json": json_out, "load_1min_median": round(statistics.median(loads), 2),
        "runs": {j: {k: [round(x, 2) for x in v] for k, v in d.items()} for j, d in res.items()},
        "wall_speedup_2_vs_1": round(med[1]["wall"] / med[2]["wall"], 2),
        "cpu_s_1": round(cpu1, 2), "cpu_s_2": round(cpu2, 2),
        "parent_cpu_share_2": round(med[2]["parent"] / cpu2, 3),
        # Two free cores run the 2-process total in cpu2 / 2 at best: the speed-up they would give.
        "cpu_bound_speedup_2_vs_1": round(2 * cpu1 / cpu2, 2),
        "mb_per_cpu_s": round(mb / cpu1, 3),
    }


def bench_dask(n: int, work: Path) -> dict:
    """The Dask engine (local cluster, 2 worker processes): a first run, then a re-run that should skip all."""
    src = work / f"dask-{n}.jsonl"
    write_corpus(src, n, seed=21)
    with src.open("a", encoding="utf-8") as f:  # two records with an id that is already used
        for text in make_docs(2, seed=22):
            f.write(json.dumps({"id": "bench-000003", "text": text}) + "\n")
    out = work / f"dask-{n}-table"
    cmd = [sys.executable, "-m", "reporter", "analyze", str(src), "--engine", "dask", "--table", str(out), "-j", "2"]
    first = run_measured(cmd)
    import pandas as pd

    ids = pd.read_parquet(out, columns=["id"])["id"]
    t0 = time.perf_counter()
    again = subprocess.run(cmd, capture_output=True, text=True, check=True)
    said = [ln for ln in again.stderr.splitlines() if "analysed on Dask" in ln]
    return {"docs": n + 2, "first": first, "rerun_wall_s": round(time.perf_counter() - t0, 1),
            "rerun_says": said[-1] if said else again.stderr[-300:], "unique_ids": bool(ids.is_unique),
            "rows": len(ids)}


def write_corpus_chunked(path: Path, n: int, seed: int = 5, chunk: int = 1000) -> float:
    """Like ``bench.write_corpus`` but ``chunk`` documents at a time, so writing 100,000 needs little memory."""
    mb = 0.0
    with path.open("w", encoding="utf-8") as f:
        for start in range(0, n, chunk):
            for i, text in enumerate(make_docs(min(chunk, n - start), seed=seed * 100_003 + start), start):
                f.write(json.dumps({"id": f"bench-{i:06d}", "text": text}, ensure_ascii=False) + "\n")
                mb += len(text.encode("utf-8")) / 1e6
    return mb


def bench_engine(n: int, work: Path, jobs: int) -> dict:
    """``run_corpus`` over n documents with the analysis replaced by a stub that returns a real row and a
    1 kB line: what the parent holds per document (ids, keys, offsets, the final table) at a corpus size
    whose real analysis would take hours here. Run in a fresh process, so its peak RSS is the run's."""
    src = work / f"engine-{n}.jsonl"
    mb = write_corpus_chunked(src, n)
    proc = subprocess.run([sys.executable, __file__, "engine-run", "--src", str(src), "--jobs", str(jobs)],
                          capture_output=True, text=True, check=True)
    return {"docs": n, "mb": round(mb, 1), **json.loads(proc.stdout)}


def engine_run(src: Path, jobs: int) -> dict:
    from reporter.batch import run_corpus
    from reporter.corpus import engine
    from reporter.corpus.engine import Outcome, Want, analyze_one
    from reporter.model import Document

    real = analyze_one(Document(id="x", text=make_docs(1)[0]), Want(line=True))
    line = real.line[:1000]

    def stub(doc: Document, want: Want, key: str = "") -> Outcome:
        return Outcome(doc.id, doc.path, key, len(doc.text), row={**(real.row or {}), "id": doc.id},
                       line=b'{"id":' + json.dumps(doc.id).encode() + b"," + line[1:] if want.line else None)

    engine.analyze_one = stub  # forked workers inherit it
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    c0, p0, t0 = _children_cpu(), _self_cpu(), time.perf_counter()
    out = src.parent
    run = run_corpus([src], jsonl=out / "engine.jsonl", table=out / "engine.parquet", jobs=jobs, progress=False)
    wall = time.perf_counter() - t0
    parent_cpu, workers_cpu = _self_cpu() - p0, _children_cpu() - c0
    n = run.ok
    first_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    again0 = time.perf_counter()
    rerun = run_corpus([src], jsonl=out / "engine.jsonl", table=out / "engine.parquet", jobs=jobs, progress=False)
    return {"ok": run.ok, "rerun_skipped": rerun.skipped,
            "rerun_wall_s": round(time.perf_counter() - again0, 1), "wall_s": round(wall, 1),
            "parent_cpu_us_per_doc": round(parent_cpu / n * 1e6),
            "workers_cpu_us_per_doc": round(workers_cpu / n * 1e6),
            "rss_parent_before_mb": round(base / 1024, 1),
            "peak_rss_parent_first_run_mb": round(first_peak / 1024, 1),
            "peak_rss_parent_with_rerun_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "peak_rss_largest_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["memory", "scaling", "dask", "engine", "engine-run"])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--outputs", default="table,jsonl,json", help="memory: any of table,jsonl,json")
    ap.add_argument("--no-json", action="store_true", help="scaling: workers do not serialise the analysis")
    ap.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    ap.add_argument("--src", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.what == "engine-run":  # the measured half of "engine", in its own process
        print(json.dumps(engine_run(args.src, args.jobs or 2)))
        return 0
    with tempfile.TemporaryDirectory(prefix="reporter-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.what == "memory":
            r = bench_memory(args.docs, work, args.outputs.split(","), args.jobs or None)
        elif args.what == "scaling":
            r = bench_scaling(args.docs, args.repeats, not args.no_json)
        elif args.what == "engine":
            r = bench_engine(args.docs, work, args.jobs or 2)
        else:
            r = bench_dask(args.docs, work)
    r["machine_load_1min_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(r, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
