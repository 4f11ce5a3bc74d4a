"""Signal modules of a git revision, loaded side by side with the working tree's, for old-against-new timing.

``bench_attribution.py`` and ``bench_loaded.py`` time one stage's function under both versions, document by
document; ``bench_ab.py`` does the same for the whole package.
"""
from __future__ import annotations

import importlib
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load(rev: str, modules: tuple[str, ...], package: str, tmp: Path) -> ModuleType:
    """``reporter/signals/<name>.py`` of ``rev`` for each name, as package ``package`` in ``tmp``; imports among
    them point at the copies, every other import at the working tree. Returns the first module."""
    pkg = tmp / package
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    for name in modules:
        src = subprocess.run(["git", "show", f"{rev}:reporter/signals/{name}.py"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        for other in modules:
            src = src.replace(f"reporter.signals.{other} ", f"{package}.{other} ")
        (pkg / f"{name}.py").write_text(src, encoding="utf-8")
    sys.path.insert(0, str(tmp))
    return importlib.import_module(f"{package}.{modules[0]}")


def alternate(old: Callable[..., object], new: Callable[..., object], calls: Sequence[tuple], passes: int,
              before_pass: Callable[[], None] | None = None) -> tuple[list[float], list[float]]:
    """CPU seconds of ``old`` and of ``new`` per pass over ``calls`` (argument tuples), each call timed under both
    in turn, the order alternating from one call to the next, so neither version always runs on a warm cache.
    ``before_pass`` runs before each pass (to empty caches, say). Returns the old and the new sums per pass."""
    pt = time.process_time
    olds: list[float] = []
    news: list[float] = []
    for r in range(passes):
        if before_pass is not None:
            before_pass()
        a = b = 0.0
        for k, args in enumerate(calls):
            first, second = (old, new) if (k + r) & 1 else (new, old)
            c0 = pt()
            first(*args)
            c1 = pt()
            second(*args)
            t1, t2 = c1 - c0, pt() - c1
            if first is old:
                a, b = a + t1, b + t2
            else:
                a, b = a + t2, b + t1
        olds.append(a)
        news.append(b)
    return olds, news


def summary(olds: list[float], news: list[float], mb: float) -> str:
    """``alternate``'s sums as one line: the median CPU s/MB of each version and the median per-pass ratio."""
    ratios = [b / a for a, b in zip(olds, news, strict=True)]
    return (f"old {statistics.median(olds) / mb:.3f}, new {statistics.median(news) / mb:.3f} CPU s/MB; new/old "
            f"{statistics.median(ratios):.3f} (passes: {', '.join(f'{x:.3f}' for x in ratios)})")
