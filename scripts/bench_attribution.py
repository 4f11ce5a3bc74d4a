#!/usr/bin/env python3
"""Speed of the attribution stage alone, in words and bytes per second of CPU time.

Usage: python scripts/bench_attribution.py [FILES_OR_DIRS...] [--repeat N]

Without arguments it reads seeds/*.txt. Segmentation is done once beforehand,
so the figure is for find_quotes() only; the whole pipeline budget is 1 MB/s.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from reporter.model import Document
from reporter.signals.attribution import find_quotes
from reporter.signals.view import make_view
from reporter.text import segment

ROOT = Path(__file__).resolve().parent.parent


def _texts(paths: list[str]) -> list[str]:
    files: list[Path] = []
    for p in paths or [str(ROOT / "seeds")]:
        pp = Path(p)
        files += sorted(pp.glob("*.txt")) if pp.is_dir() else [pp]
    return [f.read_text(encoding="utf-8", errors="replace") for f in files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    texts = _texts(args.paths)
    views = [make_view(Document(id=str(i), text=t), segment(t), []) for i, t in enumerate(texts)]
    find_quotes(views[0]) if views else None  # load lexicons outside the timing
    words = sum(len(t.split()) for t in texts) * args.repeat
    size = sum(len(t.encode("utf-8")) for t in texts) * args.repeat
    n_quotes = 0
    t0 = time.process_time()
    for _ in range(args.repeat):
        for v in views:
            n_quotes += len(find_quotes(v)[0])
    dt = max(time.process_time() - t0, 1e-9)
    print(f"attribution: {len(texts)} docs x {args.repeat}, {words / dt:,.0f} words/s, "
          f"{size / dt / 1e6:.2f} MB/s (CPU time), {n_quotes // max(args.repeat, 1)} quotes per pass")


if __name__ == "__main__":
    main()
