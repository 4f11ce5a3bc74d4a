"""The numpy tree walker reproduces hand-built trees and loads the shipped model."""
from __future__ import annotations

import math

import numpy as np

from reporter.signals.boilerplate_features import feature_names, stage2_names
from reporter.signals.boilerplate_model import Forest, load_model


def _forest() -> Forest:
    # tree 0: x0 <= 1 -> +1 else -1 ; tree 1: a single leaf worth 0.5
    return Forest.from_dict({
        "baseline": 0.0, "roots": [0, 3], "depth": 1,
        "feature": [0, 0, 0, 0], "threshold": [1.0, 1e300, 1e300, 1e300],
        "left": [1, 1, 2, 3], "right": [2, 1, 2, 3], "value": [0.0, 1.0, -1.0, 0.5],
    })


def test_forest_walks_to_the_right_leaves() -> None:
    p = _forest().predict(np.array([[0.5], [2.0]]))
    assert math.isclose(p[0], 1 / (1 + math.exp(-1.5)))
    assert math.isclose(p[1], 1 / (1 + math.exp(0.5)))


def test_no_rows() -> None:
    assert _forest().predict(np.zeros((0, 1))).shape == (0,)


def test_shipped_model_matches_the_feature_code() -> None:
    m = load_model()
    assert m is not None
    assert m.features1 == feature_names()
    assert m.features2 == stage2_names()
    assert "MIT" in " ".join(m.meta["credits"]) and "CC-BY-4.0" in " ".join(m.meta["credits"])


def test_bit_mask_evaluation_equals_the_tree_walk() -> None:
    """The QuickScorer-style masks reach the very leaves the level-by-level walk reaches, to the last bit."""
    forest = load_model().stage1
    rng = np.random.default_rng(11)
    names = feature_names()
    for n in (1, 7, 30, 49, 300):  # tiled (short pages) and broadcast (long pages) comparisons
        X = rng.normal(0.0, 2.0, (n, len(names)))
        X[:, : n // 2] = np.round(X[:, : n // 2])  # whole values sit on split thresholds more often
        assert forest.predict(X).tobytes() == forest.walk(X).tobytes()


def test_a_single_leaf_tree_gets_a_split_that_no_line_takes() -> None:
    f = _forest()
    X = np.array([[0.5], [1.0], [2.0], [np.inf]])
    assert f.predict(X).tolist() == f.walk(X).tolist()
