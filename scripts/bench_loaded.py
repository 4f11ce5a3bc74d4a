#!/usr/bin/env python3
"""Benchmark the loaded-language detector in words per second.

Segments and labels each text once (not timed), then times ``find_loaded`` alone
over several rounds in CPU seconds (best round), so the figure is the detector's
own cost per core. Inputs: the seed
articles, plus the judge's PTC and BABE texts when ../shared/eval/data is there.

    python scripts/bench_loaded.py [--rounds 3] [FILE_OR_DIR ...]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from reporter.model import Document
from reporter.signals import attribution, boilerplate
from reporter.signals.loaded import find_loaded
from reporter.signals.view import make_view
from reporter.text import segment, word_count

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "data"


def corpora(paths: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if paths:
        files = [f for p in map(Path, paths) for f in (sorted(p.glob("*.txt")) if p.is_dir() else [p])]
        out["given"] = [f.read_text(encoding="utf-8", errors="replace") for f in files]
        return out
    out["seeds"] = [f.read_text(encoding="utf-8", errors="replace") for f in sorted((ROOT / "seeds").glob("*.txt"))]
    for name, fn in (("ptc", "loaded_ptc.dev.jsonl"), ("babe", "babe.dev.jsonl")):
        if (EVAL / fn).exists():
            with open(EVAL / fn, encoding="utf-8") as f:
                out[name] = [json.loads(line)["text"] for line in f if line.strip()]
    return out


def bench(texts: list[str], rounds: int) -> tuple[int, int, float]:
    prepared = []
    for i, t in enumerate(texts):
        doc = Document(id=str(i), text=t)
        seg = segment(t)
        view = make_view(doc, seg, boilerplate.label_lines(doc, seg))
        prepared.append((view, attribution.find_quotes(view)[0]))
    find_loaded(*prepared[0]) if prepared else None  # build the lexicon outside the timing
    words = sum(word_count(t) for t in texts)
    best = float("inf")
    spans = 0
    for _ in range(rounds):
        t0 = time.process_time()  # CPU time of this process: fair on a shared, loaded machine
        spans = sum(len(find_loaded(v, q)) for v, q in prepared)
        best = min(best, time.process_time() - t0)
    return words, spans, best


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    t0 = time.process_time()
    from reporter.signals.loaded_lexicon import matcher
    matcher()
    print(f"lexicon and pattern built in {time.process_time() - t0:.3f} s CPU")
    for name, texts in corpora(args.paths).items():
        words, spans, secs = bench(texts, args.rounds)
        chars = sum(len(t) for t in texts)
        print(f"{name}: {len(texts)} texts, {words} words, {spans} spans, {secs:.3f} s, "
              f"{words / secs:,.0f} words/s, {chars / secs / 1e6:.2f} MB/s per core")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
