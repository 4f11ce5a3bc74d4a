#!/usr/bin/env python3
"""Benchmarks for corpus mode: analysis speed, build throughput, peak memory, 1 -> 2 core scaling.

The corpus is synthetic and made here, never checked in: articles of shuffled
paragraphs from seeds/ (sizes like real news, 2-8 kB). Shared machines are noisy,
so every figure is the median of several runs and scaling is a ratio of medians.

    python scripts/bench.py                  # everything, figures as Markdown on stdout
    python scripts/bench.py --only speed --profile 25   # where the analysis time goes

``--only speed`` also times each stage of ``analyze_document`` (CPU seconds per MB of text, exclusive of
nested stages) by wrapping the stage functions for the run: the product code carries no timers.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reporter.corpus.engine import LocalEngine, Want, warm  # noqa: E402
from reporter.model import Document  # noqa: E402
from reporter.pipeline import analyze_document  # noqa: E402


def seed_paragraphs() -> list[str]:
    paras: list[str] = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        paras += [x for x in p.read_text(encoding="utf-8").split("\n") if x.strip()]
    return paras


def make_docs(n: int, seed: int = 7, min_chars: int = 2000, max_chars: int = 8000, fresh: bool = False) -> list[str]:
    """``n`` article texts of shuffled seed paragraphs, each 2-8 kB, title line first.

    The seeds hold about 150 paragraphs, so without ``fresh`` every line recurs across the corpus and any cache
    keyed on a line's text hits far more than on real news. ``fresh`` swaps about one word in ten of every
    paragraph copy for another word of the seeds (blank-separated tokens, so punctuation and quotes move with
    their words): no line repeats, while the words and the shape of the text stay those of news.
    """
    rng = random.Random(seed)
    paras = seed_paragraphs()
    vocab = [w for p in paras for w in p.split()]
    out = []
    for _ in range(n):
        target = rng.randint(min_chars, max_chars)
        parts = [rng.choice(paras)[:90]]
        size = len(parts[0])
        while size < target:
            p = rng.choice(paras)
            if fresh:
                p = " ".join(w if rng.random() > 0.1 else rng.choice(vocab) for w in p.split())
            parts.append(p)
            size += len(p) + 2
        out.append("\n\n".join(parts) + "\n")
    return out


def write_corpus(path: Path, n: int, seed: int = 7) -> float:
    """A JSONL corpus of ``n`` documents; returns its text size in MB."""
    mb = 0.0
    with path.open("w", encoding="utf-8") as f:
        for i, text in enumerate(make_docs(n, seed)):
            f.write(json.dumps({"id": f"bench-{i:06d}", "text": text}, ensure_ascii=False) + "\n")
            mb += len(text.encode("utf-8")) / 1e6
    return mb


# The stages of ``analyze_document``, timed by wrapping the functions it calls (bench only: the product code
# carries no timers). (label, module, attribute): the attribute is replaced for the run and restored after.
STAGES = [
    ("segment", "reporter.pipeline", "segment"),
    ("boilerplate", "reporter.signals.boilerplate", "label_lines"),
    ("view", "reporter.pipeline", "make_view"),
    ("attribution", "reporter.signals.attribution", "find_quotes"),
    ("loaded", "reporter.signals.loaded", "find_loaded"),
    ("word_count", "reporter.pipeline", "_word_counts"),  # the per-sentence counts; word_count is its fallback
    ("readability", "reporter.signals.readability", "measure"),
    ("framing+style", "reporter.signals.framing", "find_frames"),
    ("score:loaded", "reporter.scoring.loaded", "score"),
    ("score:attribution", "reporter.scoring.attribution", "score"),
    ("score:boilerplate", "reporter.scoring.boilerplate", "score"),
    ("score:readability", "reporter.scoring.readability", "score"),
    ("score:credibility", "reporter.scoring.credibility", "score"),
]


class StageTimer:
    """CPU time per stage, exclusive: a stage called inside another is charged to itself, not twice.

    What no listed stage covers (the pipeline's own glue, a stage added later) is reported as ``other``.
    """

    def __init__(self, package: str = "reporter") -> None:
        self.package = package  # another name times a copy of the package loaded side by side (bench_ab.py)
        self.cpu: dict[str, float] = {}
        self._stack: list[float] = []  # CPU time spent in nested stages, per open stage
        self._saved: list[tuple[object, str, object]] = []

    def _wrap(self, label: str, fn):  # noqa: ANN001, ANN202 - any callable
        def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            self._stack.append(0.0)
            c0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent = time.process_time() - c0
                inner = self._stack.pop()
                self.cpu[label] = self.cpu.get(label, 0.0) + spent - inner
                if self._stack:
                    self._stack[-1] += spent
        return timed

    def __enter__(self) -> StageTimer:
        import importlib

        for label, mod_name, attr in STAGES:
            mod = importlib.import_module(self.package + mod_name[len("reporter"):])
            if not hasattr(mod, attr):
                continue  # a stage renamed or gone: its time shows up under "other"
            fn = getattr(mod, attr)
            self._saved.append((mod, attr, fn))
            setattr(mod, attr, self._wrap(label, fn))
        return self

    def __exit__(self, *exc: object) -> None:
        for mod, attr, fn in reversed(self._saved):
            setattr(mod, attr, fn)
        self._saved.clear()


def bench_stages(texts: list[str], mb: float, repeats: int) -> dict[str, float]:
    """CPU seconds per MB of text for each stage of the analysis (median over ``repeats`` runs)."""
    runs: list[dict[str, float]] = []
    for _ in range(repeats):
        with StageTimer() as st:
            c0 = time.process_time()
            for i, t in enumerate(texts):
                analyze_document(Document(id=str(i), text=t))
            total = time.process_time() - c0
        st.cpu["other"] = total - sum(st.cpu.values())
        st.cpu["total"] = total
        runs.append(st.cpu)
    labels = [lbl for lbl, _m, _a in STAGES if any(lbl in r for r in runs)] + ["other", "total"]
    return {lbl: round(statistics.median(r.get(lbl, 0.0) for r in runs) / mb, 3) for lbl in labels}


def texts_from(paths: list[str], n: int) -> list[str]:
    """The texts of ``.txt`` files and of ``.jsonl`` records (``record_text``; folders searched), at most ``n``."""
    out: list[str] = []
    for p in paths:
        pp = Path(p)
        files = sorted(x for x in pp.rglob("*") if x.suffix in (".txt", ".jsonl")) if pp.is_dir() else [pp]
        for f in files:
            if f.suffix != ".jsonl":
                out.append(f.read_text(encoding="utf-8", errors="replace"))
                continue
            for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
                obj = json.loads(line) if line.strip() else {}
                text = record_text(obj) if isinstance(obj, dict) else ""
                if text.strip():
                    out.append(text)
    return out[:n]


def record_text(rec: dict) -> str:
    """A record's ``text``, or its ``lines`` joined (the boilerplate dev set stores a page as labelled lines)."""
    text = rec.get("text")
    if isinstance(text, str):
        return text
    return "\n".join(x.get("text", "") for x in rec.get("lines", []) if isinstance(x, dict))


def bench_speed(n: int, repeats: int, profile: int = 0, stages: bool = True, paths: list[str] | None = None,
                fresh: bool = False) -> dict:
    """Single-core analysis speed in MB of text per second, and CPU s/MB per stage.

    The synthetic corpus repeats about 150 distinct paragraphs, so any cache keyed on text hits far more often
    than on real news, and so does every pass after the first: ``cpu_s_first_pass`` is one pass over documents
    never seen before (what a corpus run costs), the medians are of the passes after it. Give real articles as
    ``paths`` (``--texts``) for the figure that counts.
    """
    warm()
    texts = texts_from(paths, n) if paths else make_docs(n, seed=11, fresh=fresh)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times, cpu = [], []
    for _ in range(repeats + 1):  # the first pass meets every document for the first time: reported on its own
        t0, c0 = time.perf_counter(), time.process_time()
        for i, t in enumerate(texts):
            analyze_document(Document(id=str(i), text=t))
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    first = cpu.pop(0)
    times.pop(0)
    med, med_cpu = statistics.median(times), statistics.median(cpu)
    res = {"docs": len(texts), "mb": round(mb, 2), "cpu_s_first_pass": round(first, 2),
           "mb_per_s_core_cpu_first_pass": round(mb / first, 2),
           "wall_s": [round(t, 2) for t in times], "cpu_s": [round(t, 2) for t in cpu],
           "mb_per_s_core_wall": round(mb / med, 2), "mb_per_s_core_cpu": round(mb / med_cpu, 2),
           "docs_per_s_core_cpu": round(len(texts) / med_cpu, 1)}
    if stages:
        res["cpu_s_per_mb_by_stage"] = bench_stages(texts, mb, repeats)
    if profile:
        pr = cProfile.Profile()
        pr.enable()
        for i, t in enumerate(texts):
            analyze_document(Document(id=str(i), text=t))
        pr.disable()
        st = pstats.Stats(pr)
        res["profile_share_by_module"] = profile_by_module(st, profile)
        st.sort_stats("cumulative").print_stats(profile)
    return res


def stage_table(per_stage: dict[str, float]) -> str:
    """The per-stage figures as a Markdown table, slowest first, with each stage's share."""
    total = per_stage.get("total") or 1.0
    rows = sorted(((k, v) for k, v in per_stage.items() if k != "total"), key=lambda kv: -kv[1])
    out = ["| stage | CPU s per MB | share |", "|---|---|---|"]
    out += [f"| {k} | {v:.3f} | {100 * v / total:.0f}% |" for k, v in rows]
    out.append(f"| total | {total:.3f} | {1 / total:.2f} MB/s/core |")
    return "\n".join(out)


def _module(file: str) -> str:
    if "/reporter/" in file:
        return file.split("/reporter/")[-1]
    if "site-packages/" in file:
        return file.split("site-packages/")[-1].split("/")[0]
    return "python"


def profile_by_module(st: pstats.Stats, top: int) -> dict[str, float]:
    """Share of the analysis time spent in each module, C built-ins (regex, str) charged to their callers."""
    stats = st.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in stats.values())
    by: dict[str, float] = {}
    for (file, _line, _fn), (_cc, _nc, tt, _ct, callers) in stats.items():
        if file == "~" and callers:
            for (cfile, _cl, _cf), cstat in callers.items():
                by[_module(cfile)] = by.get(_module(cfile), 0.0) + cstat[2]
        else:
            by[_module(file)] = by.get(_module(file), 0.0) + tt
    return {k: round(v / total, 3) for k, v in sorted(by.items(), key=lambda kv: -kv[1])[:top]}


def _spin(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


def bench_control(repeats: int, n: int = 4_000_000) -> dict:
    """The machine's own 1 -> 2 process speed-up right now, on pure Python arithmetic (no reporter code).

    On a shared machine other jobs take cores; this says how much a second process
    could gain at all, so the engine's ratio can be read against it.
    """
    import multiprocessing as mp

    times: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeats):
        for j in (1, 2):
            t0 = time.perf_counter()
            with mp.get_context("fork").Pool(j) as pool:
                pool.map(_spin, [n] * 4, chunksize=1)
            times[j].append(time.perf_counter() - t0)
    med = {j: statistics.median(v) for j, v in times.items()}
    return {"wall_s": {j: [round(t, 2) for t in v] for j, v in times.items()},
            "speedup_2_vs_1": round(med[1] / med[2], 2)}


def _cpu_children() -> float:
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def bench_scaling(n: int, repeats: int, jobs_list: tuple[int, ...] = (1, 2)) -> dict:
    """Wall time of the local engine over the same documents with 1 and 2 processes."""
    warm()
    texts = make_docs(n, seed=13)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times: dict[int, list[float]] = {j: [] for j in jobs_list}
    cpu: dict[int, list[float]] = {j: [] for j in jobs_list}
    loads = []
    for _ in range(repeats):
        for j in jobs_list:  # alternate, so that load from others hits both alike
            items = ((Document(id=str(i), text=t), "") for i, t in enumerate(texts))
            r0, c0 = _cpu_children(), time.process_time()
            t0 = time.perf_counter()
            for _out in LocalEngine(jobs=j).map(items, Want(json=True)):
                pass
            times[j].append(time.perf_counter() - t0)
            cpu[j].append(_cpu_children() - r0 + time.process_time() - c0)
            loads.append(os.getloadavg()[0])
    med = {j: statistics.median(v) for j, v in times.items()}
    res = {"docs": n, "mb": round(mb, 2),
           "wall_s": {j: [round(t, 2) for t in v] for j, v in times.items()},
           "cpu_s": {j: [round(t, 2) for t in v] for j, v in cpu.items()},
           "mb_per_s": {j: round(mb / med[j], 2) for j in jobs_list},
           "mb_per_s_per_core": {j: round(mb / med[j] / j, 2) for j in jobs_list},
           "load_1min_median": round(statistics.median(loads), 2)}
    if 1 in med and 2 in med:
        res["speedup_2_vs_1"] = round(med[1] / med[2], 2)
    return res


def _tree_memory(pid: int) -> tuple[int, int]:
    """(sum of PSS, largest RSS) in bytes over a process and its children; PSS counts shared pages once."""
    import psutil

    try:
        procs = [psutil.Process(pid)]
        procs += procs[0].children(recursive=True)
    except psutil.Error:
        return 0, 0
    total = largest = 0
    for p in procs:
        try:
            info = p.memory_full_info()
            total += getattr(info, "pss", info.rss)
            largest = max(largest, info.rss)
        except psutil.Error:
            continue
    return total, largest


def run_measured(cmd: list[str]) -> dict:
    """Run a command; wall time and peak memory of its process tree, sampled every 0.2 s."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_total = peak_one = 0
    try:
        import psutil  # noqa: F401

        sample = True
    except ImportError:
        sample = False
    while proc.poll() is None:
        if sample:
            tot, one = _tree_memory(proc.pid)
            peak_total, peak_one = max(peak_total, tot), max(peak_one, one)
        time.sleep(0.2)
    err = proc.stderr.read() if proc.stderr else ""
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-2000:]}")
    return {"wall_s": round(wall, 2), "peak_pss_mb": round(peak_total / 2**20, 1),
            "peak_rss_one_process_mb": round(peak_one / 2**20, 1)}


def bench_corpus(n: int, work: Path, jobs: int | None) -> dict:
    """``reporter analyze`` over an n-document JSONL corpus: docs/s, MB/s and peak memory."""
    src = work / f"corpus-{n}.jsonl"
    mb = write_corpus(src, n)
    exe = [sys.executable, "-m", "reporter"]
    cmd = [*exe, "analyze", str(src), "--table", str(work / f"scores-{n}.parquet"), "--json-dir",
           str(work / f"json-{n}"), "--no-resume"]
    if jobs:
        cmd += ["-j", str(jobs)]
    r = run_measured(cmd)
    r.update({"docs": n, "mb": round(mb, 1), "docs_per_s": round(n / r["wall_s"], 1),
              "mb_per_s": round(mb / r["wall_s"], 2)})
    return r


def bench_build(n: int, work: Path, dossiers: str) -> dict:
    """The whole ``reporter build``: analysis, table, briefing and the chosen dossiers."""
    src = work / f"build-{n}.jsonl"
    write_corpus(src, n, seed=17)
    cmd = [sys.executable, "-m", "reporter", "build", str(src), "-o", str(work / f"build-{n}"), "--dossiers",
           dossiers, "--no-resume"]
    r = run_measured(cmd)
    r.update({"docs": n, "dossiers": dossiers, "docs_per_s": round(n / r["wall_s"], 1)})
    return r


def machine() -> dict:
    try:
        model = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                      if ln.startswith("model name")), platform.processor())
    except OSError:
        model = platform.processor()
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = float("nan")
    mem = ""
    try:
        kb = int(next(ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines()
                      if ln.startswith("MemTotal")))
        mem = f"{kb / 2**20:.0f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    return {"cpu": model, "cores": os.cpu_count(), "memory": mem, "python": platform.python_version(),
            "os": platform.platform(terse=True), "load_1min_at_start": round(load, 2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["speed", "scaling", "memory", "build"], action="append")
    ap.add_argument("--speed-docs", type=int, default=300)
    ap.add_argument("--fresh", action="store_true",
                    help="--only speed on synthetic articles whose lines never repeat (see make_docs)")
    ap.add_argument("--texts", nargs="+", metavar="PATH",
                    help="--only speed on these .txt/.jsonl files or folders (real articles) instead of the synthetic "
                         "corpus; at most --speed-docs of them")
    ap.add_argument("--scaling-docs", type=int, default=600)
    ap.add_argument("--memory-docs", type=int, default=10_000)
    ap.add_argument("--build-docs", type=int, default=1_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--profile", type=int, default=0, help="print the top N functions of a profiled speed run")
    ap.add_argument("--no-stages", action="store_true", help="skip the per-stage timing runs of --only speed")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    only = set(args.only or ["speed", "scaling", "memory", "build"])
    res: dict = {"machine": machine()}
    with tempfile.TemporaryDirectory(prefix="reporter-bench-") as tmp:
        work = Path(tmp)
        if "speed" in only:
            res["speed"] = bench_speed(args.speed_docs, args.repeats, args.profile, not args.no_stages, args.texts,
                                       args.fresh)
            print("speed", json.dumps(res["speed"]), file=sys.stderr)
            if "cpu_s_per_mb_by_stage" in res["speed"]:
                print(stage_table(res["speed"]["cpu_s_per_mb_by_stage"]), file=sys.stderr)
        if "scaling" in only:
            res["control"] = bench_control(args.repeats)
            res["scaling"] = bench_scaling(args.scaling_docs, args.repeats)
            res["control_after"] = bench_control(args.repeats)
            print("control", json.dumps(res["control"]), json.dumps(res["control_after"]), file=sys.stderr)
            print("scaling", json.dumps(res["scaling"]), file=sys.stderr)
        if "memory" in only:
            res["memory"] = bench_corpus(args.memory_docs, work, None)
            print("memory", json.dumps(res["memory"]), file=sys.stderr)
        if "build" in only:
            res["build"] = bench_build(args.build_docs, work, "lowest:10")
            print("build", json.dumps(res["build"]), file=sys.stderr)
    out = json.dumps(res, indent=1)
    print(out)
    if args.json:
        args.json.write_text(out + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
