#!/usr/bin/env python3
"""How much each credibility check tells on its own: the figures in docs/credibility.md.

    python ../shared/eval/judge.py credibility --keep /tmp/cred
    python scripts/credibility_checks.py /tmp/cred ../shared/eval/data/credibility.dev.jsonl

Prints the AUC of the index, of each check alone (all, against fake only, against
satire only), with all weights equal, and with each check left out. Reads the
judge's kept outputs and the gold labels at run time; copies nothing.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def auc(scores: list[float], labels: list[bool]) -> float:
    """ROC AUC by pair counting (ties count half); fine for a few hundred documents."""
    pos = [s for s, lab in zip(scores, labels, strict=True) if lab]
    neg = [s for s, lab in zip(scores, labels, strict=True) if not lab]
    if not pos or not neg:
        return float("nan")
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def load(keep: Path, gold: Path) -> list[tuple[str, bool, dict[str, tuple[float, float]]]]:
    labels = {}
    with gold.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            labels[str(r["id"])] = (str(r.get("label", "")), bool(r["credible"]))
    out = []
    for p in sorted((keep / "out").glob("*.json")):
        if p.stem not in labels:
            continue
        d = json.loads(p.read_text(encoding="utf-8"))
        checks = d["explanations"]["credibility"]["details"]["checklist"]
        kind, credible = labels[p.stem]
        out.append((kind, credible, {c["check"]: (float(c["value"]), float(c["weight"])) for c in checks}))
    return out


def index(rows: list[dict[str, tuple[float, float]]], weights: dict[str, float]) -> list[float]:
    total = sum(weights.values()) or 1.0
    return [sum(w * r[n][0] for n, w in weights.items()) / total for r in rows]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    data = load(Path(argv[0]), Path(argv[1]))
    if not data:
        print("no scored documents found")
        return 1
    checks = [r for _, _, r in data]
    labels = [c for _, c, _ in data]
    names = list(checks[0])
    weights = {n: checks[0][n][1] for n in names}
    print(f"documents: {len(data)}")
    print(f"index, configured weights: {auc(index(checks, weights), labels):.3f}")
    print(f"index, equal weights:      {auc(index(checks, dict.fromkeys(names, 1.0)), labels):.3f}")
    print(f"{'check':22s} {'alone':>6s} {'vs 2nd':>7s} {'vs 3rd':>7s} {'left out':>9s}")
    kinds = sorted({k for k, c, _ in data if not c})
    for n in names:
        vals = [r[n][0] for r in checks]
        per_kind = []
        for k in kinds[:2]:
            keep = [i for i, (kind, cred, _) in enumerate(data) if cred or kind == k]
            per_kind.append(auc([vals[i] for i in keep], [labels[i] for i in keep]))
        while len(per_kind) < 2:
            per_kind.append(float("nan"))
        left = auc(index(checks, {m: w for m, w in weights.items() if m != n}), labels)
        print(f"{n:22s} {auc(vals, labels):6.3f} {per_kind[0]:7.3f} {per_kind[1]:7.3f} {left:9.3f}")
    if kinds:
        print("(vs 2nd / vs 3rd: real against " + " / ".join(kinds[:2]) + " only)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
