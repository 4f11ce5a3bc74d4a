"""Scoring stage: 0-100 per signal and the credibility index, each with evidence."""
from reporter.model import Analysis, Score
from reporter.scoring import scores
from reporter.scoring.credibility import credibility


def score_all(a: Analysis) -> dict[str, Score]:
    out = {
        "loaded_language": scores.loaded_language(a),
        "attribution": scores.attribution(a),
        "boilerplate": scores.boilerplate(a),
        "readability": scores.readability(a),
    }
    a.scores = out
    out["credibility"] = credibility(a)
    return out


__all__ = ["score_all"]
