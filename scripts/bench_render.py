"""Benchmark: dossiers per second, and the cost of reporter's own work over weasyprint's.

Renders N dossiers (the seeds, cycled under new ids) with a pool of worker processes;
each worker renders every dossier of its share twice, back to back:
  1. reporter: annotate + charts + jinja + weasyprint, written to disk (``render_dossier``);
  2. weasyprint alone: the same HTML string, prepared beforehand, same stylesheet,
     fonts and PDF/UA options.
The ratio of the two wall times is reporter's overhead (target <= 1.2); dossiers per
second uses all cores (target >= 3 on 2 cores). CPU seconds per dossier are printed
too: they hold steady on a shared, loaded machine where wall time does not.

    python scripts/bench_render.py [-n 200] [--jobs 2]
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_JOB: dict = {}


def _analyses(n: int) -> list:
    import reporter

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    base = [reporter.analyze(p) for p in seeds]
    out = []
    for i in range(n):
        a = base[i % len(base)]
        doc = dataclasses.replace(a.document, id=f"{a.document.id}-{i:04d}")
        out.append(dataclasses.replace(a, document=doc))
    return out


def _warm() -> None:
    from reporter.render.pdf import html_to_pdf

    html_to_pdf("<html lang='en'><title>warm</title><body><p>warm <b>up</b> <i>fonts</i></p></body></html>")


def _both(idx: list[int]) -> dict[str, float]:
    """Each dossier rendered by reporter, then by weasyprint alone on the same HTML, back to back:
    a load spike on a shared machine hits both sides alike, so the ratio stays fair."""
    from weasyprint import HTML

    from reporter.corpus import percentiles
    from reporter.render import pdf, render_dossier

    acc = {"ours_wall": 0.0, "ours_cpu": 0.0, "weasy_wall": 0.0, "weasy_cpu": 0.0}

    def ours(i: int) -> None:
        a = _JOB["analyses"][i]
        render_dossier(a, Path(_JOB["out"]) / f"{a.document.id}.pdf", percentiles(_JOB["df"], a.document.id),
                       _JOB["df"])

    def weasy(i: int) -> None:
        HTML(string=_JOB["html"][i], base_url=str(pdf.TEMPLATES) + "/", url_fetcher=pdf.fetcher()).write_pdf(
            stylesheets=list(pdf.stylesheets("A4")), font_config=pdf._font_config(), pdf_variant=pdf.PDF_VARIANT)

    for k, i in enumerate(idx):
        order = (("ours", ours), ("weasy", weasy)) if k % 2 == 0 else (("weasy", weasy), ("ours", ours))
        for side, fn in order:  # alternate who goes first: warm caches favour neither side
            w, c = time.perf_counter(), time.process_time()
            fn(i)
            acc[f"{side}_wall"] += time.perf_counter() - w
            acc[f"{side}_cpu"] += time.process_time() - c
    return acc


def _run(n: int, jobs: int) -> list[dict[str, float]]:
    chunks = [list(range(k, n, jobs)) for k in range(jobs)]
    if jobs == 1:
        _warm()
        return [_both(chunks[0])]
    with mp.get_context("fork").Pool(jobs, initializer=_warm) as pool:
        pool.map(_noop, range(jobs))  # workers are up and warm before the clock starts
        return pool.map(_both, chunks)


def _noop(_: int) -> None:
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from reporter.corpus import frame, percentiles, row
    from reporter.render import dossier_html

    analyses = _analyses(args.n)
    df = frame(row(a) for a in analyses)
    t = time.perf_counter()
    html = [dossier_html(a, percentiles(df, a.document.id), df) for a in analyses]
    html_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as out:
        _JOB.update(analyses=analyses, df=df, html=html, out=out)
        load = os.getloadavg()[0]
        per_worker = _run(args.n, args.jobs)
        pages = sum(1 for _ in Path(out).glob("*.pdf"))
    # workers run side by side: the slowest one's time is the elapsed time of each side
    ours_wall = max(w["ours_wall"] for w in per_worker)
    weasy_wall = max(w["weasy_wall"] for w in per_worker)
    ours_cpu = sum(w["ours_cpu"] for w in per_worker)
    weasy_cpu = sum(w["weasy_cpu"] for w in per_worker)
    report = {
        "dossiers": args.n, "written": pages, "jobs": args.jobs, "load_average_at_start": round(load, 2),
        "dossiers_per_s": round(args.n / ours_wall, 2),
        "weasyprint_alone_per_s": round(args.n / weasy_wall, 2),
        "ratio_wall": round(ours_wall / weasy_wall, 3),
        "cpu_s_per_dossier": round(ours_cpu / args.n, 3),
        "weasyprint_cpu_s_per_dossier": round(weasy_cpu / args.n, 3),
        "ratio_cpu": round(ours_cpu / weasy_cpu, 3),
        "html_ms_per_dossier_single_process": round(1000 * html_s / args.n, 2),
    }
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
