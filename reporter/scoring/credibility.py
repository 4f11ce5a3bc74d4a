"""The credibility index: a transparent checklist computed from the text.

First version: a weighted mean of the signal scores. Issue 7 makes it a checklist.
"""
from __future__ import annotations

from reporter.model import Analysis, Evidence, Score


def score(a: Analysis) -> Score:
    s = a.scores
    parts = {
        "attribution": s["attribution"].value,
        "restraint": 100 - s["loaded_language"].value,
        "clean page": 100 - s["boilerplate"].value,
    }
    value = 0.45 * parts["attribution"] + 0.45 * parts["restraint"] + 0.10 * parts["clean page"]
    ev = [Evidence(f"{k}: {v:.0f}/100") for k, v in parts.items()]
    return Score("credibility", value, "weighted from sourcing, restraint of language and page cleanliness",
                 ev, {"parts": parts})
