"""Signal modules of a git revision, loaded side by side with the working tree's, for old-against-new timing.

``bench_attribution.py`` and ``bench_loaded.py`` time one stage's function under both versions, document by
document; ``bench_ab.py`` does the same for the whole package.
"""
from __future__ import annotations

import importlib
import subprocess
import sys
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
