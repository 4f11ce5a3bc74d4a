"""Run the analysis over many inputs: one failure never stops the batch."""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reporter.fileio import write_atomic
from reporter.ingest import IngestError, expand, iter_documents
from reporter.model import Analysis
from reporter.pipeline import analyze_document
from reporter.serialize import to_json


@dataclass
class BatchResult:
    ok: int = 0
    failed: list[str] = field(default_factory=list)


def _progress(items: Iterable, total: int) -> Iterable:
    if total <= 3:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="doc", disable=None, file=sys.stderr, leave=False)


def analyses(inputs: Iterable[str | os.PathLike[str]], result: BatchResult,
             warn: Callable[[str], None]) -> Iterator[Analysis]:
    """Analyses of every readable input; each failure is reported in one line and counted."""
    paths = expand(inputs)
    for item in _progress(iter_documents(paths), len(paths)):
        if isinstance(item, IngestError):
            result.failed.append(item.path)
            warn(str(item))
            continue
        try:
            a = analyze_document(item)
        except Exception as exc:  # a bug on one document must not sink the batch
            result.failed.append(item.path or item.id)
            warn(f"{item.path or item.id}: analysis failed: {type(exc).__name__}: {exc}")
            continue
        result.ok += 1
        yield a


def write_json(a: Analysis, json_dir: str | os.PathLike[str]) -> Path:
    return write_atomic(Path(json_dir) / f"{a.document.id}.json", to_json(a))
