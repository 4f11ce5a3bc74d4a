"""A small hand-built Analysis for the render tests: independent of how the signals evolve."""
from __future__ import annotations

from reporter.model import Analysis, Claim, Document, LineLabel, LoadedSpan, Quote, Score, Span, Speaker

TEXT = (
    "Harbour council approves ferry plan\n"
    "\n"
    "The council voted on Monday to keep the night ferry, a decision the mayor's rivals slammed as reckless.\n"
    "\n"
    "\u201cWe owe the night workers a safe way home,\u201d said councillor Maria Lenk. Officials said the "
    "service costs 1.2 million a year.\n"
    "\n"
    "Ticket prices will double by spring.\n"
    "Share this story on social media\n"
)


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def _lines(text: str) -> list[LineLabel]:
    out, pos = [], 0
    for part in text.split("\n"):
        end = pos + len(part)
        if not part.strip():
            out.append(LineLabel(pos, end, False, None, "blank"))
        elif part.startswith("Share this"):
            out.append(LineLabel(pos, end, True, "share button", "boilerplate"))
        elif part.startswith("Harbour council"):
            out.append(LineLabel(pos, end, False, None, "title"))
        else:
            out.append(LineLabel(pos, end, False, None, "content"))
        pos = end + 1
    return out


def small_analysis() -> Analysis:
    t = TEXT
    doc = Document(id="harbour-ferry", text=t, title="Harbour council approves ferry plan", source="Coast Gazette",
                   byline="By Ada Stone", date="2026-03-02", url="https://example.org/ferry", lang="en")
    s1, e1 = _span(t, "slammed")
    s2, e2 = _span(t, "reckless")
    qs, qe = _span(t, "We owe the night workers a safe way home,")
    ns, ne = _span(t, "Maria Lenk")
    cs, ce = _span(t, "said")
    rs, re_ = _span(t, "the service costs 1.2 million a year")
    os_, oe = _span(t, "Officials")
    ks, ke = _span(t, "Ticket prices will double by spring.")
    loaded = [
        LoadedSpan(s1, e1, "slammed", "charged", 1.5, "A dramatic verb for criticism.", "criticised"),
        LoadedSpan(s2, e2, "reckless", "name_calling", 1.0, "Labels rather than describes.", "risky"),
    ]
    quotes = [
        Quote(Span(qs, qe, t[qs:qe]), Span(cs, ce, "said"),
              Speaker(ns, ne, "Maria Lenk", "named_person", "Maria Lenk")),
        Quote(Span(rs, re_, t[rs:re_]), None, Speaker(os_, oe, "Officials", "vague", "Officials"), "reported"),
    ]
    claims = [Claim(ks, ke, t[ks:ke], "states a figure with no source")]
    checklist = [
        {"check": "named_author", "weight": 1.0, "status": "pass", "evidence": ["By Ada Stone"], "reason": "byline"},
        {"check": "unattributed_claims", "weight": 2.0, "status": "partial", "evidence": [], "reason": "one claim"},
        {"check": "loaded_language", "weight": 2.0, "status": "fail", "evidence": [], "reason": "two terms"},
    ]
    scores = {
        "loaded_language": Score("loaded_language", 41.0, "2 loaded terms in the outlet's own voice"),
        "attribution": Score("attribution", 63.0, "2 attributed statements, 1 claim without a source"),
        "boilerplate": Score("boilerplate", 7.0, "1 line of page chrome"),
        "readability": Score("readability", 58.0, "Flesch reading ease 58"),
        "credibility": Score("credibility", 57.0, "4 of 6 checks pass", details={"checklist": checklist}),
    }
    framing = {"frames": [{"name": "economic", "score": 0.4, "evidence": ["costs 1.2 million a year"]}],
               "dominant": ["economic"],
               "terms": [{"term": "night ferry", "start": 0, "end": 0, "alternatives": ["late boat"],
                          "note": "Local name for the service."}]}
    readability = {"words": 52, "sentences": 4, "flesch_reading_ease": 58.0, "flesch_kincaid_grade": 9.2,
                   "gunning_fog": 11.0, "reading": "grade 9: secondary school"}
    return Analysis(document=doc, lines=_lines(t), loaded=loaded, quotes=quotes, unattributed=claims,
                    readability=readability, framing=framing, scores=scores,
                    stats={"words": 55, "article_words": 52, "sentences": 4, "lines": len(t.split("\n"))})
