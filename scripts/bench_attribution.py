#!/usr/bin/env python3
"""Speed of the attribution stage alone, in words and bytes per second of CPU time.

Usage: python scripts/bench_attribution.py [FILES_OR_DIRS...] [-n DOCS] [--repeat N] [--against REV [--cold]]

Without paths it reads seeds/*.txt; ``.jsonl`` files give their ``text`` fields (the speed bench's dev texts).
Segmentation, boilerplate lines and metadata are done once beforehand, as the pipeline does them, so the figure
is for find_quotes() only; the whole pipeline budget is 1 MB/s.

``--against REV`` compares with the attribution modules of a git revision (loaded side by side under another
package name): every document is timed under both in turn, the order alternating from one document to the next,
and the ratio of the sums is taken per pass. On a shared machine this holds the ratio to about 1%, where timing
whole passes one after the other swings by 20%. It also says how many documents get a different result.
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
import time
from pathlib import Path

import signals_at_rev  # scripts/ is on the path when a script runs
from bench import texts_from

from reporter.model import Document
from reporter.pipeline import _fill_metadata
from reporter.signals import boilerplate
from reporter.signals.attribution import find_quotes
from reporter.signals.view import make_view
from reporter.text import segment

ROOT = Path(__file__).resolve().parent.parent
_MODULES = ("attribution", "attribution_lex", "attribution_quotes")


def _texts(paths: list[str], n: int) -> list[str]:
    return texts_from(paths or [str(ROOT / "seeds")], n)


def _old_find_quotes(rev: str, tmp: Path):  # noqa: ANN202 - the old module's function
    """find_quotes of revision ``rev``: its three attribution modules copied into a package of their own."""
    return signals_at_rev.load(rev, _MODULES, "attribution_at_rev", tmp).find_quotes


def _same(a: tuple, b: tuple) -> bool:
    return [dataclasses.asdict(x) for x in a[0] + a[1]] == [dataclasses.asdict(x) for x in b[0] + b[1]]


def _clear_caches(find) -> None:  # noqa: ANN001 - a find_quotes function
    """Empty the cross-document caches (module dicts named ``_..._CACHE``) of ``find``'s module."""
    for name, value in vars(sys.modules[find.__module__]).items():
        if name.endswith("_CACHE") and isinstance(value, dict):
            value.clear()


def compare(views: list, old, passes: int, cold: bool = False) -> None:  # noqa: ANN001 - a find_quotes function
    """Per-document interleaved CPU time of ``old`` and the working tree's find_quotes, and differing outputs.

    ``cold``: both versions' cross-document caches are emptied before every pass, so a pass costs what one pass over
    a corpus of these documents costs (without it, passes after the first find every mention and window cached).
    """
    mb = sum(len(v.text.encode("utf-8")) for v in views) / 1e6
    differ = sum(not _same(old(v), find_quotes(v)) for v in views)  # also warms both (lexicons, caches)

    def empty_caches() -> None:
        _clear_caches(old)
        _clear_caches(find_quotes)
    olds, news = signals_at_rev.alternate(old, find_quotes, [(v,) for v in views], passes,
                                          empty_caches if cold else None)
    print(f"{len(views)} docs, {mb:.2f} MB: {signals_at_rev.summary(olds, news, mb)}; "
          f"{differ} documents with a different result")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("-n", type=int, default=10**9, help="at most this many documents")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--against", metavar="REV", help="git revision to compare with, per document, interleaved")
    ap.add_argument("--cold", action="store_true", help="with --against: empty both versions' cross-document caches "
                    "before every pass (one pass over a corpus), instead of passes over documents already seen")
    args = ap.parse_args()
    texts = _texts(args.paths, args.n)
    views = []
    for i, t in enumerate(texts):
        doc = Document(id=str(i), text=t)
        seg = segment(t)
        lines = boilerplate.label_lines(doc, seg)
        _fill_metadata(doc, lines)  # doc.source, as the pipeline sets it (the outlet's name types "we" and itself)
        views.append(make_view(doc, seg, lines))
    if args.against:
        with tempfile.TemporaryDirectory(prefix="attribution-rev-") as tmp:
            compare(views, _old_find_quotes(args.against, Path(tmp)), args.repeat, args.cold)
        return
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
