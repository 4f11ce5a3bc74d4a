#!/usr/bin/env python3
"""Evaluation gate: run the judge on a fixed sample and fail if a figure drops below its floor.

Floors live in ``gate/<task>.json`` as ``{"limit": N, "floors": {"figure": value}}``,
where a figure is a dotted path into the judge's ``--report`` JSON (e.g. ``si.f1``).
Like trafilatura's evaluation, the floors pin what was reached, so no change can
quietly lower it. Skips with a note when the judge is not beside the repo.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUDGE = Path(os.environ.get("REPORTER_JUDGE", ROOT.parent / "shared" / "eval" / "judge.py"))


def figure(report: dict, dotted: str) -> float | None:
    cur: object = report
    for part in dotted.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return float(cur) if isinstance(cur, (int, float)) else None


def main(argv: list[str]) -> int:
    if not JUDGE.exists():
        print(f"gate: judge not found at {JUDGE}; skipped")
        return 0
    only = set(argv)
    failed = 0
    passed = 0
    exe = Path(sys.executable).parent / "reporter"
    cmd = f"{exe} analyze {{inputs}} --json-dir {{out}}"
    for spec in sorted((ROOT / "gate").glob("*.json")):
        task = spec.stem
        if only and task not in only:
            continue
        conf = json.loads(spec.read_text())
        with tempfile.TemporaryDirectory() as tmp:
            rep = Path(tmp) / "report.json"
            args = [sys.executable, str(JUDGE), task, "--cmd", cmd, "--report", str(rep)]
            if conf.get("limit"):
                args += ["--limit", str(conf["limit"])]
            proc = subprocess.run(args, capture_output=True, text=True)
            if proc.returncode != 0 or not rep.exists():
                print(f"gate: {task}: judge failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
                failed += 1
                continue
            report = json.loads(rep.read_text())
        for name, floor in conf["floors"].items():
            got = figure(report, name)
            ok = got is not None and got >= floor - 1e-9
            print(f"gate: {task} {name}={got} floor={floor} {'ok' if ok else 'BELOW FLOOR'}")
            passed += ok
            failed += not ok
    print(f"gate: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
