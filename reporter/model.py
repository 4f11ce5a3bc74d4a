"""Plain dataclasses that every stage passes along.

Offsets are Python string indices (code points) into ``Document.text``, end
exclusive, so every reported span can be checked against the words it claims.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def _flat(obj: Any) -> dict[str, Any]:
    """Fields of a flat slotted dataclass as a dict, in order; ``asdict`` without its deep copy (hot in JSON output)."""
    return {name: getattr(obj, name) for name in obj.__slots__}


@dataclass(slots=True)
class Document:
    """One article as read from disk: the text exactly as decoded, plus metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    byline: str | None = None
    date: str | None = None
    path: str | None = None
    lang: str | None = None
    encoding: str | None = None
    # Boilerplate the ingest stage removed before analysis (for HTML input), shown in the dossier.
    removed: list[str] = field(default_factory=list)
    # Lines this document's site repeats on its other pages (normalised line -> pages), set by the corpus batch
    # (reporter.corpus.chrome); the boilerplate stage marks them. Not part of the JSON output.
    site_chrome: dict[str, int] | None = None


@dataclass(slots=True)
class Span:
    """A stretch of ``Document.text``; ``text`` is a copy of ``doc.text[start:end]``."""

    start: int
    end: int
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class LineLabel:
    """One entry per ``text.split("\\n")`` line: article content or page chrome, and why."""

    start: int
    end: int
    boilerplate: bool
    reason: str | None = None
    kind: str = "content"  # content | blank | boilerplate | title | byline | date (metadata lines)
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass(slots=True)
class LoadedSpan:
    """A loaded word or phrase, its category, why it is loaded and whose voice it is in."""

    start: int
    end: int
    text: str
    category: str
    weight: float = 1.0
    note: str = ""
    alternative: str | None = None
    voice: str = "outlet"  # outlet | quoted
    source: str = ""  # lexicon or rule that produced it

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass(slots=True)
class Speaker:
    """Who is credited with a quote; ``name`` is resolved to the fullest earlier mention."""

    start: int | None
    end: int | None
    name: str | None
    type: str  # named_person | named_org | named_place | anonymous | vague | outlet | unknown
    text: str = ""
    # when ``name`` comes from an earlier mention ("he", "the political scientist", a surname): that mention's
    # start, end and text, and how it was linked (pronoun | role | surname | relative), so a reader can check it
    resolved_from: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass(slots=True)
class Quote:
    """A direct quote or reported speech, with its cue and speaker when found."""

    content: Span
    cue: Span | None = None
    speaker: Speaker | None = None
    kind: str = "direct"  # direct | reported | according_to | citation
    chain: list[str] = field(default_factory=list)  # "X citing Y citing Z": outermost first

    def to_dict(self) -> dict[str, Any]:
        return {
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "kind": self.kind,
            "chain": list(self.chain),
        }


@dataclass(slots=True)
class Claim:
    """A factual-looking sentence in the writer's own voice with no source near it."""

    start: int
    end: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass(slots=True)
class Evidence:
    """One piece of evidence behind a score: a span (optional) and a plain-words reason."""

    reason: str
    start: int | None = None
    end: int | None = None
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return _flat(self)


@dataclass(slots=True)
class Score:
    """A 0-100 figure that always carries the reason and evidence that produced it."""

    name: str
    value: float
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": round(self.value, 1),
            "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
            "details": self.details,
        }


@dataclass(slots=True)
class Analysis:
    """Everything reporter found in one document."""

    document: Document
    lines: list[LineLabel] = field(default_factory=list)
    loaded: list[LoadedSpan] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    unattributed: list[Claim] = field(default_factory=list)
    readability: dict[str, Any] = field(default_factory=dict)
    framing: dict[str, Any] = field(default_factory=dict)
    scores: dict[str, Score] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
