"""Framing: which of the Media Frames Corpus dimensions a story leans on, and which contested names it uses.

Frames follow the 15 dimensions of the Media Frames Corpus codebook (Boydstun et
al. 2014; Card et al. 2015). A frame's cue words (``reporter/data/frames.csv``)
are counted per sentence: the frame's score is the share of the article's
sentences that carry at least one of its cues, and its evidence is the
sentences with the most cues. This is a lexical reading: it says which
vocabulary the article draws on, not what a trained coder would conclude.

Contested terminology (``reporter/data/terms.csv``) lists names for the same
thing that different sides prefer ("special military operation" or "invasion",
"Kiev" or "Kyiv"); every use is reported with the alternatives, who tends to
use which, and whether it is in the outlet's own voice or inside a quotation.

The same single pass also measures the writing style (``reporter.signals.style``)
that the credibility checklist reads; it is returned under ``style``.
"""
from __future__ import annotations

from typing import Any

from reporter.signals.style import Cue, Style, measure
from reporter.signals.view import ArticleView

# The 15 MFC dimensions, in codebook order, with the labels the dossier shows.
FRAMES: dict[str, str] = {
    "economic": "Economic",
    "capacity_and_resources": "Capacity and resources",
    "morality": "Morality",
    "fairness_and_equality": "Fairness and equality",
    "legality": "Legality, constitutionality and jurisprudence",
    "policy_prescription": "Policy prescription and evaluation",
    "crime_and_punishment": "Crime and punishment",
    "security_and_defense": "Security and defense",
    "health_and_safety": "Health and safety",
    "quality_of_life": "Quality of life",
    "cultural_identity": "Cultural identity",
    "public_opinion": "Public opinion",
    "political": "Political",
    "external_regulation": "External regulation and reputation",
    "other": "Other",
}
MIN_SENTENCES = 2  # a frame needs cues in at least this many sentences to be reported
DOMINANT_RATIO = 0.6  # frames within this share of the strongest one are also dominant
MAX_EVIDENCE = 3
SPANS_KEPT = 25  # evidence spans kept per style feature in the JSON


def _frames(text: str, st: Style) -> tuple[list[dict[str, Any]], list[str]]:
    n_sent = max(st.sentences, 1)
    frames: list[dict[str, Any]] = []
    for name, sents in st.frames.items():
        n = len(sents)
        if n < MIN_SENTENCES:
            continue  # a cue in a single sentence is too little to call a frame ("political scientist")
        # the sentences with the most cues, in text order (the order ``measure`` found them in)
        best = sorted(sorted(sents.items(), key=_evidence_order)[:MAX_EVIDENCE]) if n > MAX_EVIDENCE else sents.items()
        frames.append({
            "name": name, "label": FRAMES.get(name, name),
            "score": round(n / n_sent, 3), "sentences": n,
            "cues": sum(map(len, sents.values())),
            "evidence": [{"start": s, "end": e, "text": text[s:e], "cues": sorted(set(map(str.lower, cues)))}
                         for (s, e), cues in best],
        })
    if not frames:
        return frames, ["other"]
    frames.sort(key=_frame_order)
    top = frames[0]["score"]
    dominant = [f["name"] for f in frames if f["score"] >= DOMINANT_RATIO * top][:3]
    return frames, dominant


def _frame_order(f: dict[str, Any]) -> tuple[float, str]:
    """Strongest frame first; ties by name."""
    return -f["score"], f["name"]


def _evidence_order(kv: tuple[tuple[int, int], list[str]]) -> tuple[int, int]:
    """Sentences with the most cues first, then in text order."""
    return -len(kv[1]), kv[0][0]


_TERM_INFO: dict[int, dict[str, Any]] = {}  # id(cue) -> its fixed fields (cues live as long as the process)


def _term_info(c: Cue) -> dict[str, Any]:
    """What a contested term's entry says whatever the article: read from its CSV row once per process."""
    info = _TERM_INFO.get(id(c))
    if info is None:
        info = _TERM_INFO[id(c)] = {
            "canonical": c.get("term"), "concept": c.category, "category": c.get("category"),
            "alternatives": [a.strip() for a in c.get("alternatives").split(";") if a.strip()],
            "used_by": c.get("used_by"), "note": c.get("note"), "source": c.get("source")}
    return info


def _terms(text: str, st: Style) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for cue, start, end, voice in st.terms:
        info = _term_info(cue)
        out.append({
            "term": text[start:end], "start": start, "end": end,
            "canonical": info["canonical"], "concept": info["concept"], "category": info["category"],
            "alternatives": list(info["alternatives"]),
            "used_by": info["used_by"], "note": info["note"], "source": info["source"], "voice": voice,
        })
    return out


def style_dict(st: Style) -> dict[str, Any]:
    """The style measurements with a bounded number of evidence spans per feature (for JSON and the checklist)."""
    d = st.to_dict()
    d["spans"] = {k: list(map(list, v[:SPANS_KEPT])) for k, v in sorted(st.spans.items())}
    d["title_span"] = list(st.title_span) if st.title_span else None
    d["byline_span"] = list(st.byline_span) if st.byline_span else None
    d["date_span"] = list(st.date_span) if st.date_span else None
    d["dateline_span"] = list(st.dateline_span) if st.dateline_span else None
    return d


def find_frames(view: ArticleView) -> dict[str, Any]:
    """Frames (with evidence sentences), dominant frames, contested terms and the writing style of one article."""
    st = measure(view)
    frames, dominant = _frames(view.text, st)
    return {"frames": frames, "dominant": dominant, "terms": _terms(view.text, st), "style": style_dict(st)}
