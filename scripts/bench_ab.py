#!/usr/bin/env python3
"""Old code against new, in one process, document by document: CPU time per stage and whether the output differs.

Usage: python scripts/bench_ab.py [--against REV] [-n DOCS] [--passes N] [--stage NAME ...] [PATHS...]

The shared machine swings CPU time by 20% from one minute to the next, so two whole passes timed one after the
other cannot resolve a 5% change. Here the package of git revision ``REV`` (default ``HEAD``) is loaded side by
side under another name, every document is analysed by both versions in turn, the order alternating from one
document to the next, and each pass gives the ratio NEW/OLD of the summed CPU times, per stage and in total. The
median ratio over the passes is stable to about 1%.

Documents are the bench corpus (articles of shuffled seed paragraphs, ``scripts/bench.py``), or the ``.txt`` files
and the text fields of ``.jsonl`` files given as PATHS. Before timing, the serialised analyses of both versions are
compared byte for byte; a speed change must leave every one of them equal.

"New" is the working tree, with everyone's uncommitted edits: read the row of the stage you changed.
"""
from __future__ import annotations

import argparse
import importlib
import io
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import ROOT, STAGES, StageTimer, make_docs, texts_from  # noqa: E402

OLD = "reporter_at_rev"
_NAME = re.compile(r"\breporter(?=\.[a-z_])|(?<=\bfrom )reporter(?= import)|(?<=\bimport )reporter\b")


def load_old(rev: str, tmp: Path) -> ModuleType:
    """The ``reporter`` package of revision ``rev`` as package ``reporter_at_rev`` (its imports renamed)."""
    tar = subprocess.run(["git", "archive", "--format=tar", rev, "reporter"], cwd=ROOT, check=True,
                         capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(tar)) as tf:
        # our own git archive; the "data" filter only where the Python has it (3.11.4+; Debian's 3.11.2 has not)
        tf.extractall(tmp, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    pkg = tmp / OLD
    (tmp / "reporter").rename(pkg)
    for f in pkg.rglob("*.py"):
        f.write_text(_NAME.sub(OLD, f.read_text(encoding="utf-8")), encoding="utf-8")
    sys.path.insert(0, str(tmp))
    return importlib.import_module(OLD)


def _runner(pkg: str):  # noqa: ANN202 - a function of a document's index and text
    model = importlib.import_module(f"{pkg}.model")
    pipeline = importlib.import_module(f"{pkg}.pipeline")
    serialize = importlib.import_module(f"{pkg}.serialize")
    importlib.import_module(f"{pkg}.corpus.engine").warm()
    doc, analyze, to_bytes = model.Document, pipeline.analyze_document, serialize.to_bytes

    def run(i: int, text: str) -> object:
        return analyze(doc(id=str(i), text=text))
    return run, lambda i, text: to_bytes(run(i, text))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help=".txt files, .jsonl files or folders of them (default: bench corpus)")
    ap.add_argument("--against", default="HEAD", metavar="REV", help="the old code: a git revision (default HEAD)")
    ap.add_argument("-n", type=int, default=300, help="number of documents (default 300)")
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--stage", action="append", default=[], help="report only these stages (default: all)")
    ap.add_argument("--cold", action="store_true",
                    help="each pass on its own share of the documents, never seen before (a corpus run): passes over "
                         "the same documents let caches keyed on a line or a mention hide what a first pass costs")
    args = ap.parse_args()
    texts = texts_from(args.paths, args.n) if args.paths else make_docs(args.n, seed=11)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    with tempfile.TemporaryDirectory(prefix="bench-ab-") as tmp:
        load_old(args.against, Path(tmp))
        old, old_bytes = _runner(OLD)
        new, new_bytes = _runner("reporter")
        pt = time.process_time
        labels = [lbl for lbl, _m, _a in STAGES]
        ratios: dict[str, list[float]] = {lbl: [] for lbl in [*labels, "total"]}
        per_mb: dict[str, list[float]] = {"old": [], "new": []}
        for r in range(args.passes):
            t_old, t_new = StageTimer(OLD), StageTimer("reporter")
            tot = {"old": 0.0, "new": 0.0}
            share = texts[r::args.passes] if args.cold else texts
            with t_old, t_new:
                for i, t in enumerate(share):
                    order = (("old", old), ("new", new)) if (i + r) & 1 else (("new", new), ("old", old))
                    for name, fn in order:  # alternate, so neither version always runs on a warm cache
                        c0 = pt()
                        fn(i, t)
                        tot[name] += pt() - c0
            for lbl in labels:
                a, b = t_old.cpu.get(lbl, 0.0), t_new.cpu.get(lbl, 0.0)
                if a > 0:
                    ratios[lbl].append(b / a)
            ratios["total"].append(tot["new"] / tot["old"])
            share_mb = sum(len(t.encode("utf-8")) for t in share) / 1e6
            per_mb["old"].append(tot["old"] / share_mb)
            per_mb["new"].append(tot["new"] / share_mb)
        # compared after the timing, which must meet the documents first (--cold)
        differ = [i for i, t in enumerate(texts) if old_bytes(i, t) != new_bytes(i, t)]
    med = {k: statistics.median(v) for k, v in ratios.items() if v}
    print(f"{len(texts)} docs, {mb:.2f} MB, {args.passes} passes against {args.against}: "
          f"old {statistics.median(per_mb['old']):.3f}, new {statistics.median(per_mb['new']):.3f} CPU s/MB "
          f"(the stage timers add a little to both)")
    print(f"{len(differ)} documents with different output" + (f" (first: {differ[:5]})" if differ else ""))
    print("| stage | new/old (median) | passes |\n|---|---|---|")
    for k in [*(args.stage or labels), "total"]:
        if k in med:
            print(f"| {k} | {med[k]:.3f} | {', '.join(f'{x:.3f}' for x in ratios[k])} |")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
