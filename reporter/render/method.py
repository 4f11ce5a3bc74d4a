"""What each score measures and what it cannot tell, in plain words for the PDFs.

Written once here so the dossier, the briefing and the handouts say the same thing.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Signal:
    label: str
    high: str       # what a high value means
    measures: str
    limits: str


SIGNALS: dict[str, Signal] = {
    "credibility": Signal(
        "Credibility index", "higher = more of the checks a careful reader would make are met",
        "A checklist over the other signals: are claims sourced, are sources named, is the language "
        "restrained, is the page clean.",
        "It checks how a text is built, not whether it is true. A well-sourced falsehood can score well "
        "and a plain, accurate note can score badly."),
    "loaded_language": Signal(
        "Loaded language", "higher = more words that carry a judgement",
        "Words and phrases from a curated lexicon and a few rules (labels, emotive adjectives, "
        "euphemisms, hyperbole, certainty markers), per 1,000 words: the outlet's own words in full, "
        "words inside quotes at half weight (the outlet chose to print them), each term once.",
        "A list cannot read context: a loaded word may be the accurate one, and a neutral-looking "
        "text can still slant by what it leaves out. Quoted words are marked as the speaker's."),
    "attribution": Signal(
        "Attribution", "higher = more statements tied to a source",
        "Direct and reported quotes, who they are credited to (named person, organisation, anonymous, "
        "vague) and factual-looking sentences that carry no source.",
        "It cannot check that a quote is accurate or that a source exists, and a named source is not "
        "automatically a reliable one."),
    "boilerplate": Signal(
        "Page furniture", "higher = more of the file was menus, ads or captions",
        "Lines that look like navigation, adverts, share buttons or captions rather than article text.",
        "It says how much was removed before the analysis, nothing about the article itself."),
    "readability": Signal(
        "Reading ease", "higher = easier to read",
        "Flesch reading ease of the article text, with grade-level formulas alongside.",
        "Formulas count syllables and sentence length; they do not measure clarity, and short words "
        "can still hide a hard idea."),
    "framing": Signal(
        "Framing", "higher = leans harder on one frame",
        "Which of the Media Frames Corpus dimensions (economic, security, morality...) the story leans on.",
        "A frame is a choice of emphasis, not an error; every story has one."),
}

ORDER = ["credibility", "loaded_language", "attribution", "readability", "boilerplate", "framing"]

VERDICT = ("These figures are evidence for a reader's judgement, not a verdict on the article, "
           "its authors or its outlet. Every number links back to the words that produced it.")


def signal(key: str) -> Signal:
    """The description of a score, with a generic one for scores added later."""
    return SIGNALS.get(key) or Signal(key.replace("_", " ").capitalize(), "0-100", "", "")


def ordered(keys: list[str] | set[str] | dict) -> list[str]:
    ks = list(keys)
    return [k for k in ORDER if k in ks] + sorted(k for k in ks if k not in ORDER)


def flesch_band(ease: float | None) -> str:
    """Plain-language reading of a Flesch reading-ease figure."""
    if ease is None or ease != ease:
        return ""
    for bound, text in ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "plain English"),
                        (50, "fairly difficult"), (30, "difficult"), (-1e9, "very difficult")):
        if ease >= bound:
            return text
    return ""


def grade_band(grade: float | None) -> str:
    """Plain-language reading of a US school grade level."""
    if grade is None or grade != grade:
        return ""
    g = round(grade)
    if g <= 5:
        return "primary school"
    if g <= 8:
        return "middle school"
    if g <= 12:
        return "secondary school"
    if g <= 16:
        return "university level"
    return "specialist or academic level"


def percentile_phrase(pct: float | None, n: int) -> str:
    """'higher than 60% of the 5 documents in this run', or why there is no comparison."""
    if n <= 1:
        return "only document in this run: no comparison"
    if pct is None or pct != pct:
        return "no corpus figure"
    return f"{ordinal(round(pct))} percentile of {n} documents in this run"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 11th, 62nd..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
