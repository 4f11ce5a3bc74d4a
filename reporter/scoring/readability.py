"""``scores.readability``: Flesch reading ease, clipped to 0-100 (higher reads easier)."""
from __future__ import annotations

from reporter.model import Analysis, Score


def score(a: Analysis) -> Score:
    fre = a.readability.get("flesch_reading_ease", 0.0)
    return Score("readability", max(0.0, min(100.0, fre)),
                 f"Flesch reading ease {fre}; {a.readability.get('reading', '')}", [], dict(a.readability))
