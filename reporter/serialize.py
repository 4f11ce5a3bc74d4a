"""Analysis to the JSON contract of ``reporter analyze`` (see the judge's README).

``to_json`` writes the same bytes as ``json.dumps(to_dict(a), ensure_ascii=False, separators=(",", ":"))``, about
four times faster: orjson encodes in Rust, and the records of ``reporter.model`` whose ``to_dict`` is all their
fields in order (page lines, loaded spans, quotes, claims, evidence) are handed to it as they are, instead of
being copied into one dict each first. The one documented difference: NaN and infinities, which the analysis
never produces, come out as ``null`` (valid JSON) where ``json`` writes the non-JSON tokens ``NaN``/``Infinity``.
Whatever orjson refuses (a key that is not a string, an integer past 64 bits, a float subclass) or writes
differently (a float below 1e-4 in magnitude: ``0.00001`` for ``json``'s ``1e-05``) goes through ``json``.
"""
from __future__ import annotations

import json
from functools import cache
from typing import Any

import orjson

from reporter import __version__
from reporter.model import Analysis, Claim, Document, Evidence, LineLabel, LoadedSpan, Quote, Score, Span, Speaker

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS


def to_dict(a: Analysis) -> dict[str, Any]:
    d = a.document
    return {
        "id": d.id,
        "reporter_version": __version__,
        "text": d.text,
        "meta": _meta(d),
        "stats": a.stats,
        "scores": {k: round(v.value, 1) for k, v in a.scores.items()},
        "explanations": {k: v.to_dict() for k, v in a.scores.items()},
        "boilerplate": {"lines": [ln.to_dict() for ln in a.lines], "removed_html": d.removed},
        "loaded_language": {"spans": [s.to_dict() for s in a.loaded]},
        "attribution": {"quotes": [q.to_dict() for q in a.quotes],
                        "unattributed": [c.to_dict() for c in a.unattributed]},
        "readability": a.readability,
        "framing": a.framing,
    }


def _meta(d: Document) -> dict[str, Any]:
    return {"title": d.title, "url": d.url, "source": d.source, "byline": d.byline, "date": d.date,
            "lang": d.lang, "path": d.path, "encoding": d.encoding}


def _samples() -> list[Any]:
    """One record of each kind with every field set, for ``native``."""
    span = Span(1, 2, "s")
    speaker = Speaker(3, 4, "N", "named_person", "t", {"start": 5, "end": 6, "text": "he", "how": "pronoun"})
    return [LineLabel(1, 2, True, "r", "title", 0.5), LoadedSpan(1, 2, "t", "c", 0.5, "n", "a", "quoted", "s"),
            Claim(1, 2, "t", "r"), Evidence("r", 1, 2, "t"), span, speaker, Quote(span, span, speaker, "k", ["x"]),
            Quote(span)]


@cache
def native() -> bool:
    """Whether orjson writes each record exactly as its ``to_dict`` (checked once: ``reporter.model`` may change)."""
    try:
        return all(orjson.dumps(r) == orjson.dumps(r.to_dict()) for r in _samples())
    except (TypeError, orjson.JSONEncodeError):
        return False


def _score(s: Score) -> dict[str, Any]:
    return {"value": round(s.value, 1), "reason": s.reason, "evidence": s.evidence, "details": s.details}


def _tree(a: Analysis) -> dict[str, Any]:
    """``to_dict(a)`` with the records left as they are, for orjson."""
    d = a.document
    scores = a.scores
    return {
        "id": d.id,
        "reporter_version": __version__,
        "text": d.text,
        "meta": _meta(d),
        "stats": a.stats,
        "scores": {k: round(v.value, 1) for k, v in scores.items()},
        "explanations": {k: _score(v) for k, v in scores.items()},
        "boilerplate": {"lines": a.lines, "removed_html": d.removed},
        "loaded_language": {"spans": a.loaded},
        "attribution": {"quotes": a.quotes, "unattributed": a.unattributed},
        "readability": a.readability,
        "framing": a.framing,
    }


def _fast(a: Analysis) -> bytes | None:
    """orjson's encoding, or None where it would not be ``json``'s (see the module's docstring)."""
    try:
        out = orjson.dumps(_tree(a) if native() else to_dict(a), option=_OPTIONS)
    except (TypeError, orjson.JSONEncodeError):  # JSONEncodeError is a TypeError; both named for the reader
        return None
    return None if _small_float(out) else out


def to_bytes(a: Analysis) -> bytes:
    """The analysis as compact UTF-8 JSON, one line (what ``--json-dir`` and ``--jsonl`` write)."""
    out = _fast(a)
    return out if out is not None else _slow(a).encode("utf-8")


def _small_float(out: bytes) -> bool:
    """Whether ``out`` may hold a float orjson writes unlike ``json`` (``0.00001``, ``1e-7``): a digit, then ``e-``,
    or ``0.0000`` anywhere (also inside a string: that only costs the slower encoder)."""
    if b"0.0000" in out:
        return True
    i = out.find(b"e-")
    while i > 0:
        if 48 <= out[i - 1] <= 57:
            return True
        i = out.find(b"e-", i + 2)
    return False


def _slow(a: Analysis) -> str:
    return json.dumps(to_dict(a), ensure_ascii=False, separators=(",", ":"))


def to_json(a: Analysis) -> str:
    """Compact JSON, as text (``to_bytes`` saves a copy); ``python -m json.tool`` pretty-prints it for people.

    A text with a lone surrogate (undecodable input kept by ``surrogateescape``) has no UTF-8 form: orjson refuses
    it, and ``json`` writes it into the string as before."""
    out = _fast(a)
    return out.decode("utf-8") if out is not None else _slow(a)
