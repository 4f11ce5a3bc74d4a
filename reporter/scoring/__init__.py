"""Scoring stage: 0-100 per signal and the credibility index, each with evidence."""
from reporter.model import Analysis, Score
from reporter.scoring import attribution, boilerplate, credibility, loaded, readability


def score_all(a: Analysis) -> dict[str, Score]:
    """Fill ``a.scores``; credibility last, since it reads the others."""
    a.scores = {
        "loaded_language": loaded.score(a),
        "attribution": attribution.score(a),
        "boilerplate": boilerplate.score(a),
        "readability": readability.score(a),
    }
    a.scores["credibility"] = credibility.score(a)
    return a.scores


__all__ = ["score_all"]
