"""A small gradient-boosted tree model, shipped as JSON and evaluated with numpy.

The trees come from scikit-learn at training time (``scripts/train_boilerplate.py``);
at run time only numpy is needed. Every split of every tree is tested for every line in
one comparison, and each tree's exit leaf is read off bit masks (the QuickScorer idea:
a split a line passes to the right rules out the leaves of its left subtree, and the
exit leaf is the leftmost leaf not ruled out), so a page costs about ten numpy calls
whatever the depth of the trees.
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
    _masks: _Masks | None = None

    def __post_init__(self) -> None:
        self._children = np.column_stack([self.left, self.right]).ravel()
        self._root_feature = self.feature[self.roots]
        self._root_threshold = self.threshold[self.roots]
        self._root_left = self.left[self.roots]
        self._root_right = self.right[self.roots]
        self._masks = _Masks.build(self)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Probability of the positive class (article content) for each row of ``X``."""
        n = X.shape[0]
        if n == 0:
            return np.zeros(0)
        if self._masks is None:
            return self.walk(X)
        raw = self._masks.raw(np.asarray(X, dtype=float))
        # 1 / (1 + exp(-(baseline + raw))), each step in place
        np.add(raw, self.baseline, out=raw)
        np.exp(np.negative(raw, out=raw), out=raw)
        return np.divide(1.0, np.add(raw, 1.0, out=raw), out=raw)

    def walk(self, X: np.ndarray) -> np.ndarray:
        """``predict`` by walking the trees level by level (the reference; used when the bit masks cannot be).

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


_MASK_TYPES = ((8, np.uint8), (16, np.uint16))  # up to 16 leaves a tree: the lowest-bit table has 2**16 entries
_TILE_MAX = 48  # pages of up to this many lines get thresholds and masks pre-tiled to their shape (13 MB at most)


@dataclass(slots=True)
class _Masks:
    """A forest as QuickScorer bit masks.

    Bit k of a tree's mask is its k-th leaf from the left. Per split, ``kill`` holds the leaves of its left
    subtree: a line that goes right cannot end there. A tree's exit leaf is the lowest bit left alive.
    Splits are stored slot-major, ``(slot, tree)`` with every tree padded to the same number of slots by
    splits that no line passes (threshold +inf, nothing killed), so the per-tree OR is one reduce over slots.
    """

    feature: np.ndarray  # (slots * trees,)
    threshold: np.ndarray  # (slots * trees,)
    kill: np.ndarray  # (slots * trees,) unsigned ints
    slots: int
    trees: int
    full: Any  # every leaf alive
    lowest: np.ndarray  # lowest set bit of each mask
    offset: np.ndarray  # (trees, 1): a tree's first leaf in ``value``
    value: np.ndarray  # (trees * leaves,) leaf values, left to right
    _tiles: dict[int, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    def tiles(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Thresholds and kill masks shaped (splits, n): a comparison without broadcasting is several times faster
        on short pages."""
        t = self._tiles.get(n)
        if t is None:
            t = (np.repeat(self.threshold, n).reshape(-1, n), np.repeat(self.kill, n).reshape(-1, n))
            if n <= _TILE_MAX:
                self._tiles[n] = t
        return t

    def raw(self, X: np.ndarray) -> np.ndarray:
        """Sum of the leaf values each row of ``X`` reaches (in tree order, like a walk of the trees)."""
        n = X.shape[0]
        thr, kill = self.tiles(n)
        right = np.ascontiguousarray(X.T).take(self.feature, axis=0) > thr  # (splits, n): goes right
        dead = np.bitwise_or.reduce((right * kill).reshape(self.slots, self.trees, n), axis=0)
        leaf = self.lowest.take(dead ^ self.full) + self.offset  # (trees, n)
        return self.value.take(leaf.T).sum(axis=1)  # (n, trees) summed along each row, as the walk sums

    @classmethod
    def build(cls, f: Forest) -> _Masks | None:
        """The masks of a forest, or None when a tree has more leaves than the masks hold."""
        splits_of: list[list[tuple[int, int]]] = []  # per tree: (node, mask of its left subtree's leaves)
        leaf_values: list[list[float]] = []
        for root in f.roots.tolist():
            leaves: list[int] = []
            splits: list[tuple[int, int]] = []

            def visit(node: int, leaves: list[int] = leaves, splits: list[tuple[int, int]] = splits) -> None:
                lo, hi = int(f.left[node]), int(f.right[node])
                if lo == node and hi == node:
                    leaves.append(node)
                    return
                first = len(leaves)
                visit(lo)
                splits.append((node, ((1 << len(leaves)) - 1) ^ ((1 << first) - 1)))
                visit(hi)

            visit(root)
            splits_of.append(splits)
            leaf_values.append([float(f.value[k]) for k in leaves])
        width = max(map(len, leaf_values), default=0)
        dtype = next((t for bits, t in _MASK_TYPES if width <= bits), None)
        if dtype is None or width == 0:
            return None
        trees, slots = len(splits_of), max(1, max(map(len, splits_of)))
        feature = np.zeros((slots, trees), dtype=np.int64)
        threshold = np.full((slots, trees), np.inf)
        kill = np.zeros((slots, trees), dtype=dtype)
        for t, splits in enumerate(splits_of):
            for k, (node, left) in enumerate(splits):
                feature[k, t], threshold[k, t], kill[k, t] = f.feature[node], f.threshold[node], left
        lowest = np.zeros(1 << width, dtype=np.int64)  # (mask 0 never happens: every tree keeps one leaf)
        for m in range(1, 1 << width):
            lowest[m] = (m & -m).bit_length() - 1
        value = np.zeros((trees, width))
        for t, vals in enumerate(leaf_values):
            value[t, :len(vals)] = vals
        return cls(feature=feature.ravel(), threshold=threshold.ravel(), kill=kill.ravel(), slots=slots, trees=trees,
                   full=dtype((1 << width) - 1), lowest=lowest,
                   offset=(np.arange(trees, dtype=np.int64) * width)[:, None], value=value.ravel())


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
