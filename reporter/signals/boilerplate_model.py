"""A small gradient-boosted tree model, shipped as JSON and evaluated with numpy.

The trees come from scikit-learn at training time (``scripts/train_boilerplate.py``);
at run time only numpy is needed: every tree of a stage is walked for every line at
once, one vectorised step per tree level, so a page costs a few milliseconds.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

MODEL_FILE = "boilerplate_model.json"


@dataclass(slots=True)
class Forest:
    """Flattened trees: leaves point to themselves so a fixed number of steps reaches them."""

    baseline: float
    roots: np.ndarray
    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    depth: int
    _children: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    _root_feature: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _root_threshold: np.ndarray = field(default_factory=lambda: np.zeros(0))
    _root_left: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    _root_right: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __post_init__(self) -> None:
        self._children = np.column_stack([self.left, self.right]).ravel()
        self._root_feature = self.feature[self.roots]
        self._root_threshold = self.threshold[self.roots]
        self._root_left = self.left[self.roots]
        self._root_right = self.right[self.roots]

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Probability of the positive class (article content) for each row of ``X``.

        Flat ``take`` gathers on contiguous arrays; children are interleaved (left, right) so one
        gather per level picks the next node for every (line, tree) pair.
        """
        n = X.shape[0]
        if n == 0:
            return np.zeros(0)
        Xf = np.ascontiguousarray(X, dtype=float)
        # level one: every line starts at the roots, so the roots' features are plain columns
        go_right = Xf[:, self._root_feature] > self._root_threshold
        idx = np.where(go_right, self._root_right, self._root_left)
        Xf = Xf.ravel()
        base = (np.arange(n, dtype=np.int64) * X.shape[1])[:, None]
        for _ in range(self.depth - 1):
            go_right = Xf.take(base + self.feature.take(idx)) > self.threshold.take(idx)
            idx = self.children.take(2 * idx + go_right)
        raw = self.baseline + self.value.take(idx).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))

    @property
    def children(self) -> np.ndarray:
        return self._children

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Forest:
        return cls(
            baseline=float(d["baseline"]), roots=np.asarray(d["roots"], dtype=np.int64),
            feature=np.asarray(d["feature"], dtype=np.int64), threshold=np.asarray(d["threshold"], dtype=float),
            left=np.asarray(d["left"], dtype=np.int64), right=np.asarray(d["right"], dtype=np.int64),
            value=np.asarray(d["value"], dtype=float), depth=int(d["depth"]),
        )


@dataclass(slots=True)
class Model:
    meta: dict[str, Any]
    stage1: Forest
    stage2: Forest | None
    features1: list[str]
    features2: list[str]
    threshold: float


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The shipped model, or None when the package was built without one."""
    f = resources.files("reporter.data").joinpath(MODEL_FILE)
    if not f.is_file():
        return None
    d = json.loads(f.read_text(encoding="utf-8"))
    return Model(
        meta=d.get("meta", {}), stage1=Forest.from_dict(d["stage1"]),
        stage2=Forest.from_dict(d["stage2"]) if d.get("stage2") else None,
        features1=list(d["features1"]), features2=list(d.get("features2", [])),
        threshold=float(d.get("threshold", 0.5)),
    )


def export_hgb(clf: Any, digits: int = 10) -> dict[str, Any]:
    """Flatten a fitted scikit-learn HistGradientBoostingClassifier (binary) into plain lists.

    Thresholds keep full precision (rounding them moves lines across splits); leaf values are rounded.
    """
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    value: list[float] = []
    roots: list[int] = []
    depth = 0
    scale = 1.0
    for (pred,) in clf._predictors:
        nodes = pred.nodes
        off = len(feature)
        roots.append(off)
        for k, nd in enumerate(nodes):
            if nd["is_leaf"]:
                feature.append(0)
                threshold.append(float("inf"))
                left.append(off + k)
                right.append(off + k)
                value.append(round(float(nd["value"]) * scale, digits))
            else:
                feature.append(int(nd["feature_idx"]))
                threshold.append(float(nd["num_threshold"]))
                left.append(off + int(nd["left"]))
                right.append(off + int(nd["right"]))
                value.append(0.0)
            depth = max(depth, int(nd["depth"]))
    base = float(np.ravel(clf._baseline_prediction)[0])
    return {"baseline": base, "roots": roots, "feature": feature,
            "threshold": [t if t != float("inf") else 1e300 for t in threshold],
            "left": left, "right": right, "value": value, "depth": depth}
