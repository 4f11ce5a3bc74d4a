"""Turn an Analysis into marked-up article paragraphs for the dossier and handouts.

Each article line becomes a paragraph of flat segments. A segment knows which
loaded span, quote and unattributed claim covers it, so overlapping marks never
need nested or crossing tags. One pass over sorted boundaries per line: linear
in the number of characters plus marks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reporter.model import Analysis, LoadedSpan, Quote

# Category -> (short tag, underline style). Style and tag carry the meaning; colour only helps. "thick" is a
# heavy solid line: as distinct as a wavy one in greyscale, and one stroke instead of a curve every 1.4 pt.
CATEGORY_STYLE: dict[str, tuple[str, str]] = {
    "name_calling": ("label", "double"),
    "charged": ("charged", "solid"),
    "euphemism": ("euph.", "dashed"),
    "hyperbole": ("hyper.", "thick"),
    "certainty": ("certain", "dotted"),
}
_FALLBACK_STYLES = ("solid", "double", "dashed", "dotted", "thick")
SPEAKER_TYPES = {
    "named_person": "named person", "named_org": "named organisation", "named_place": "named place or country",
    "anonymous": "anonymous source",
    "vague": "vague source", "outlet": "the outlet itself", "unknown": "speaker not found",
}


def category_style(category: str) -> tuple[str, str, str]:
    """(css class suffix, short tag, underline style) for any category, known or new."""
    key = re.sub(r"[^a-z0-9]+", "-", (category or "other").lower()).strip("-") or "other"
    if category in CATEGORY_STYLE:
        tag, style = CATEGORY_STYLE[category]
    else:
        tag = (category or "other").replace("_", " ")[:8]
        style = _FALLBACK_STYLES[sum(map(ord, key)) % len(_FALLBACK_STYLES)]
    return key, tag, style


def speaker_label(q: Quote) -> str:
    """Who a quote is credited to, in words a reader understands."""
    sp = q.speaker
    if sp is None:
        return "no speaker found"
    name = sp.name or sp.text or ""
    kind = SPEAKER_TYPES.get(sp.type, sp.type.replace("_", " "))
    return f"{name} ({kind})" if name else kind


@dataclass(slots=True)
class Note:
    """One numbered note: a distinct loaded term with its explanation (repeats share the number)."""

    number: int
    text: str
    category: str
    tag: str
    css: str
    style: str
    note: str
    alternative: str | None
    voices: set[str] = field(default_factory=set)
    count: int = 0


@dataclass(slots=True)
class Source:
    """One quoted source, numbered S1, S2... in order of first appearance."""

    number: int
    label: str
    type: str
    quotes: list[Quote] = field(default_factory=list)
    name: str = ""


@dataclass(slots=True)
class Segment:
    text: str
    note: Note | None = None          # loaded term covering this text
    quote: int | None = None          # source number of the quote covering this text
    claim: bool = False               # inside an unattributed claim
    before: list[tuple[str, Any]] = field(default_factory=list)  # markers opening here
    after: list[tuple[str, Any]] = field(default_factory=list)   # markers closing here


@dataclass(slots=True)
class Paragraph:
    number: int
    start: int
    end: int
    segments: list[Segment]
    kind: str = "content"


@dataclass(slots=True)
class Annotated:
    paragraphs: list[Paragraph]
    notes: list[Note]
    sources: list[Source]
    removed: list[dict[str, Any]]
    positions: dict[str, list[tuple[float, str]]]  # for the strip chart: relative position and kind
    claim_paragraphs: list[int]


def _note_key(s: LoadedSpan) -> tuple[str, str]:
    return (s.text.lower().strip(), s.category)


def _sources(a: Analysis) -> tuple[list[Source], dict[int, int]]:
    """Number sources by speaker; quotes by the same speaker share one number."""
    by_label: dict[str, Source] = {}
    quote_src: dict[int, int] = {}
    for i, q in sorted(enumerate(a.quotes), key=lambda iq: iq[1].content.start):
        label = speaker_label(q)
        key = label.lower() if q.speaker and (q.speaker.name or q.speaker.text) else f"#unknown-{i}"
        src = by_label.get(key)
        if src is None:
            sp = q.speaker
            src = by_label[key] = Source(len(by_label) + 1, label, sp.type if sp else "unknown",
                                         name=(sp.name or sp.text or "") if sp else "")
        src.quotes.append(q)
        quote_src[i] = src.number
    return list(by_label.values()), quote_src


def annotate(a: Analysis) -> Annotated:
    """Paragraphs with marks, numbered notes and sources, removed lines and mark positions."""
    text = a.document.text
    notes: dict[tuple[str, str], Note] = {}
    for s in sorted(a.loaded, key=lambda s: (s.start, s.end)):
        k = _note_key(s)
        n = notes.get(k)
        if n is None:
            css, tag, style = category_style(s.category)
            n = notes[k] = Note(len(notes) + 1, s.text, s.category, tag, css, style, s.note, s.alternative)
        n.voices.add(s.voice)
        n.count += 1
    sources, quote_src = _sources(a)

    # boundary events: (offset, order, kind, payload)
    events: list[tuple[int, int, str, Any]] = []
    for s in a.loaded:
        if 0 <= s.start < s.end <= len(text):
            events.append((s.start, 1, "l+", notes[_note_key(s)]))
            events.append((s.end, 0, "l-", notes[_note_key(s)]))
    for i, q in enumerate(a.quotes):
        c = q.content
        if 0 <= c.start < c.end <= len(text):
            events.append((c.start, 1, "q+", quote_src[i]))
            events.append((c.end, 0, "q-", quote_src[i]))
    for c in a.unattributed:
        if 0 <= c.start < c.end <= len(text):
            events.append((c.start, 1, "c+", c))
            events.append((c.end, 0, "c-", c))
    events.sort(key=lambda e: (e[0], e[1]))

    paragraphs: list[Paragraph] = []
    removed: list[dict[str, Any]] = []
    claim_pars: list[int] = []
    lines = a.lines or _fallback_lines(text)
    content_start = min((ln.start for ln in lines if not ln.boilerplate and ln.kind == "content"), default=0)
    content_end = max((ln.end for ln in lines if not ln.boilerplate and ln.kind == "content"), default=len(text))
    ei = 0
    active_l: list[Note] = []
    active_q: list[int] = []
    active_c = 0
    for ln in lines:
        if ln.boilerplate:
            removed.append({"text": text[ln.start:ln.end].strip(), "reason": ln.reason or "page furniture",
                            "kind": ln.kind, "confidence": ln.confidence})
        # advance events that fall before this line (marks on skipped lines still open/close)
        segs: list[Segment] = []
        pos = ln.start
        pending_before: list[tuple[str, Any]] = []
        while ei < len(events) and events[ei][0] <= ln.end:
            off, _, kind, payload = events[ei]
            if off > pos and off <= ln.end:
                segs.append(Segment(text[pos:off], active_l[-1] if active_l else None,
                                    active_q[-1] if active_q else None, active_c > 0, pending_before))
                pending_before = []
                pos = off
            if kind == "l+":
                active_l.append(payload)
            elif kind == "l-":
                if payload in active_l:
                    active_l.remove(payload)
                _close(segs, ("note", payload))
            elif kind == "q+":
                active_q.append(payload)
                pending_before.append(("qopen", payload))
            elif kind == "q-":
                if payload in active_q:
                    active_q.remove(payload)
                _close(segs, ("qclose", payload))
            elif kind == "c+":
                active_c += 1
                pending_before.append(("claim", payload))
            elif kind == "c-":
                active_c = max(0, active_c - 1)
            ei += 1
        if pos < ln.end:
            segs.append(Segment(text[pos:ln.end], active_l[-1] if active_l else None,
                                active_q[-1] if active_q else None, active_c > 0, pending_before))
        elif pending_before and segs:
            segs[-1].after.extend(pending_before)
        if ln.boilerplate or ln.kind == "blank" or not text[ln.start:ln.end].strip():
            continue
        if ln.kind in ("title", "byline", "date"):
            continue
        number = len(paragraphs) + 1
        if any(s.claim for s in segs):
            claim_pars.append(number)
        paragraphs.append(Paragraph(number, ln.start, ln.end, segs, ln.kind))

    span = max(content_end - content_start, 1)

    def rel(off: int) -> float:
        return min(max((off - content_start) / span, 0.0), 1.0)

    positions: dict[str, list[tuple[float, str]]] = {
        "loaded": [(rel(s.start), category_style(s.category)[0]) for s in a.loaded if s.voice == "outlet"],
        "quoted_loaded": [(rel(s.start), category_style(s.category)[0]) for s in a.loaded if s.voice != "outlet"],
        "named": [], "other_sources": [],
        "claims": [(rel(c.start), "claim") for c in a.unattributed],
    }
    for q in a.quotes:
        named = q.speaker is not None and q.speaker.type in ("named_person", "named_org", "named_place")
        positions["named" if named else "other_sources"].append((rel(q.content.start), q.kind))
    return Annotated(paragraphs, list(notes.values()), sources, removed, positions, claim_pars)


def _close(segs: list[Segment], marker: tuple[str, Any]) -> None:
    if segs:
        segs[-1].after.append(marker)


def _fallback_lines(text: str) -> list[Any]:
    """Lines when the analysis carries none: every line is content."""
    from reporter.model import LineLabel

    out, pos = [], 0
    for part in text.split("\n"):
        out.append(LineLabel(pos, pos + len(part), False, None, "content" if part.strip() else "blank"))
        pos += len(part) + 1
    return out


def plain_paragraphs(a: Analysis) -> list[tuple[int, str]]:
    """Numbered article paragraphs as plain text (the student handout shows no marks)."""
    return [(p.number, "".join(s.text for s in p.segments)) for p in annotate(a).paragraphs]
