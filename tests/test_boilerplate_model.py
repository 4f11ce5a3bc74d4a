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
