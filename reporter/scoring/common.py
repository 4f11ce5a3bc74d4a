"""Helpers shared by the score modules."""
from __future__ import annotations

import math


def squash(x: float, half: float) -> float:
    """Map a non-negative rate to 0-100, reaching 50 at ``half`` (saturating, never past 100)."""
    return 100.0 * (1.0 - math.exp(-math.log(2) * max(x, 0.0) / half))
