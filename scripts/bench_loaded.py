#!/usr/bin/env python3
"""Benchmark the loaded-language detector in words per second.

Segments and labels each text once (not timed), then times ``find_loaded`` alone
over several rounds in CPU seconds (best round), so the figure is the detector's
own cost per core. Inputs: the seed
articles, plus the judge's PTC and BABE texts when ../shared/eval/data is there.

    python scripts/bench_loaded.py [--rounds 3] [FILE_OR_DIR ...]
    python scripts/bench_loaded.py --against HEAD [--rounds 5] [--limit N] corpus.jsonl ...

``--against REV`` compares with the loaded-language modules of a git revision, loaded side by side under
another package name: every document is timed under both in turn, the order alternating from one document
to the next, and the ratio of the sums is taken per round (on a shared machine whole passes timed one after
the other swing by 20%). It also counts the documents whose spans differ, which must be none for a speed change.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import signals_at_rev
from bench import texts_from

from reporter.model import Document
from reporter.signals import attribution, boilerplate
from reporter.signals.loaded import find_loaded
from reporter.signals.view import make_view
from reporter.text import segment, word_count

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval" / "data"
_MODULES = ("loaded", "loaded_lexicon")


def _read(path: Path, limit: int) -> list[str]:
    if path.suffix == ".jsonl":
        return texts_from([str(path)], limit or sys.maxsize)
    return [path.read_text(encoding="utf-8", errors="replace")][:limit or None]


def corpora(paths: list[str], limit: int = 0) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if paths:
        for p in map(Path, paths):
            files = sorted(p.glob("*.txt")) if p.is_dir() else [p]
            out[p.name] = [t for f in files for t in _read(f, limit)][:limit or None]
        return out
    out["seeds"] = [f.read_text(encoding="utf-8", errors="replace") for f in sorted((ROOT / "seeds").glob("*.txt"))]
    for name, fn in (("ptc", "loaded_ptc.dev.jsonl"), ("babe", "babe.dev.jsonl")):
        if (EVAL / fn).exists():
            out[name] = _read(EVAL / fn, limit)
    return out


def prepare(texts: list[str]) -> list[tuple[Any, list]]:
    """Each text segmented, labelled and its quotes found: the inputs of ``find_loaded`` (not timed)."""
    prepared = []
    for i, t in enumerate(texts):
        doc = Document(id=str(i), text=t)
        seg = segment(t)
        view = make_view(doc, seg, boilerplate.label_lines(doc, seg))
        prepared.append((view, attribution.find_quotes(view)[0]))
    return prepared


def bench(texts: list[str], rounds: int) -> tuple[int, int, float]:
    prepared = prepare(texts)
    find_loaded(*prepared[0]) if prepared else None  # build the lexicon outside the timing
    words = sum(word_count(t) for t in texts)
    best = float("inf")
    spans = 0
    for _ in range(rounds):
        t0 = time.process_time()  # CPU time of this process: fair on a shared, loaded machine
        spans = sum(len(find_loaded(v, q)) for v, q in prepared)
        best = min(best, time.process_time() - t0)
    return words, spans, best


def old_find_loaded(rev: str, tmp: Path):  # noqa: ANN201 - the old module's function
    """find_loaded of revision ``rev``: its two modules copied into a package of their own."""
    return signals_at_rev.load(rev, _MODULES, "loaded_at_rev", tmp).find_loaded


def compare(name: str, prepared: list, old, rounds: int) -> None:  # noqa: ANN001 - a find_loaded function
    """Per-document interleaved CPU time of ``old`` and the working tree's find_loaded, and differing outputs."""
    mb = sum(len(v.text.encode("utf-8")) for v, _ in prepared) / 1e6
    differ = sum(old(v, q) != find_loaded(v, q) for v, q in prepared)  # also warms both (lexicons, caches)
    olds, news = signals_at_rev.alternate(old, find_loaded, prepared, rounds)
    print(f"{name}: {len(prepared)} docs, {mb:.2f} MB: {signals_at_rev.summary(olds, news, mb)}; "
          f"{differ} documents with different spans")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="at most this many texts per input")
    ap.add_argument("--against", metavar="REV", help="git revision to compare with, per document, interleaved")
    args = ap.parse_args(argv)
    t0 = time.process_time()
    from reporter.signals.loaded_lexicon import matchers
    matchers()
    print(f"lexicon and pattern built in {time.process_time() - t0:.3f} s CPU")
    if args.against:
        with tempfile.TemporaryDirectory(prefix="loaded-rev-") as tmp:
            old = old_find_loaded(args.against, Path(tmp))
            for name, texts in corpora(args.paths, args.limit).items():
                compare(name, prepare(texts), old, args.rounds)
        return 0
    for name, texts in corpora(args.paths, args.limit).items():
        words, spans, secs = bench(texts, args.rounds)
        chars = sum(len(t) for t in texts)
        print(f"{name}: {len(texts)} texts, {words} words, {spans} spans, {secs:.3f} s, "
              f"{words / secs:,.0f} words/s, {chars / secs / 1e6:.2f} MB/s per core")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
