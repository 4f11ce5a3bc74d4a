"""Analysis to the JSON contract of ``reporter analyze`` (see the judge's README).

``to_bytes``/``to_json`` write the same bytes as ``json.dumps(to_dict(a), ensure_ascii=False, separators=(",",
":"))`` in a third of the time: orjson encodes (in Rust), and the records of ``reporter.model`` (page lines, loaded
spans, claims, evidence, speakers) become dicts by attrgetter/zip/dict in C, not one ``to_dict`` call each (checked
against ``to_dict`` once per process). The one documented difference: NaN and infinities, which the analysis never
produces, come out as ``null`` (valid JSON) where ``json`` writes the non-JSON tokens ``NaN``/``Infinity``.
Whatever orjson refuses (a key that is not a string, an integer past 64 bits, a float subclass, a lone surrogate)
or writes differently (a float below 1e-4 in magnitude: ``0.00001`` for ``json``'s ``1e-05``) goes through
``json`` as before.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache, partial
from operator import attrgetter
from typing import Any

try:
    import orjson
except ImportError:  # an environment set up before orjson joined install_requires: json, as before
    orjson = None  # type: ignore[assignment]

from reporter import __version__
from reporter.model import Analysis, Claim, Document, Evidence, LineLabel, LoadedSpan, Quote, Score, Span, Speaker

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_SUBCLASS if orjson else 0
Convert = Callable[[list[Any]], list[dict[str, Any]]]  # a list of records to their dicts


def to_dict(a: Analysis) -> dict[str, Any]:
    """The plain reference: every record by its own ``to_dict`` (``_tree`` is checked against it)."""
    return _skeleton(a, _REFERENCE, Quote.to_dict, _one_by_one)


def _skeleton(a: Analysis, conv: dict[type, Convert], quote: Callable[[Quote], dict[str, Any]],
              evidence: Convert) -> dict[str, Any]:
    """The JSON contract's layout, with the record converters given: the one place its keys are written."""
    d = a.document
    scores = a.scores
    return {
        "id": d.id,
        "reporter_version": __version__,
        "text": d.text,
        "meta": _meta(d),
        "stats": a.stats,
        "scores": {k: round(v.value, 1) for k, v in scores.items()},
        "explanations": {k: _score(v, evidence) for k, v in scores.items()},
        "boilerplate": {"lines": conv[LineLabel](a.lines), "removed_html": d.removed},
        "loaded_language": {"spans": conv[LoadedSpan](a.loaded)},
        "attribution": {"quotes": list(map(quote, a.quotes)), "unattributed": conv[Claim](a.unattributed)},
        "readability": a.readability,
        "framing": a.framing,
    }


def _meta(d: Document) -> dict[str, Any]:
    return {"title": d.title, "url": d.url, "source": d.source, "byline": d.byline, "date": d.date,
            "lang": d.lang, "path": d.path, "encoding": d.encoding}


def _samples() -> dict[type, Any]:
    """One record of each kind with every field set, for ``converters``."""
    speaker = Speaker(3, 4, "N", "named_person", "t", {"start": 5, "end": 6, "text": "he", "how": "pronoun"})
    return {LineLabel: LineLabel(1, 2, True, "r", "title", 0.5),
            LoadedSpan: LoadedSpan(1, 2, "t", "c", 0.5, "n", "a", "quoted", "s"),
            Claim: Claim(1, 2, "t", "r"), Evidence: Evidence("r", 1, 2, "t"), Speaker: speaker}


def _converter(cls: type) -> Convert:
    """A list of records to their ``to_dict``s in C (attrgetter, zip, dict), for a record that is all its fields."""
    fields = cls.__slots__  # type: ignore[attr-defined]
    pairs = partial(zip, fields, strict=True)
    get = attrgetter(*fields)

    def convert(items: list[Any]) -> list[dict[str, Any]]:
        return list(map(dict, map(pairs, map(get, items))))

    return convert


@cache
def converters() -> dict[type, Convert]:
    """Per record type, the fast ``to_dict`` of a list; ``r.to_dict()`` one by one where it is not the same
    (checked once, keys in order: ``reporter.model`` may change)."""
    out = {}
    for cls, r in _samples().items():
        fast = _converter(cls) if len(getattr(cls, "__slots__", ())) > 1 else None
        if fast is not None and list(fast([r])[0].items()) == list(r.to_dict().items()):
            out[cls] = fast
        else:
            out[cls] = _one_by_one
    return out


def _one_by_one(items: list[Any]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in items]


_REFERENCE: dict[type, Convert] = {LineLabel: _one_by_one, LoadedSpan: _one_by_one, Claim: _one_by_one}


def _score(s: Score, evidence: Convert) -> dict[str, Any]:
    """``s.to_dict()`` with the evidence converter given."""
    return {"value": round(s.value, 1), "reason": s.reason, "evidence": evidence(s.evidence), "details": s.details}


_SPEAKER = Speaker.__slots__  # type: ignore[attr-defined]
_speaker = attrgetter(*_SPEAKER)


def _quote(q: Quote) -> dict[str, Any]:
    """``q.to_dict()`` without a call per nested record (checked by ``_quote_ok``)."""
    c, cue, sp = q.content, q.cue, q.speaker
    return {"content": {"start": c.start, "end": c.end, "text": c.text},
            "cue": {"start": cue.start, "end": cue.end, "text": cue.text} if cue else None,
            "speaker": dict(zip(_SPEAKER, _speaker(sp), strict=True)) if sp else None,
            "kind": q.kind, "chain": list(q.chain)}


@cache
def _quote_ok() -> bool:
    """Whether ``_quote`` is ``Quote.to_dict`` (keys in order, nested records too)."""
    sample = _samples()[Speaker]
    span = Span(1, 2, "s")
    return all(json.dumps(_quote(q)) == json.dumps(q.to_dict())
               for q in (Quote(span, Span(3, 4, "c"), sample, "k", ["x"]), Quote(span)))


def native_ok() -> bool:
    """Whether every record takes the fast conversion (False: ``reporter.model`` changed; output still right)."""
    return _quote_ok() and all(c is not _one_by_one for c in converters().values())


def _tree(a: Analysis) -> dict[str, Any]:
    """``to_dict(a)``, with the records converted in C where that gives the same dicts."""
    conv = converters()
    return _skeleton(a, conv, _quote if _quote_ok() else Quote.to_dict, conv[Evidence])


def _fast(a: Analysis) -> bytes | None:
    """orjson's encoding, or None where it would not be ``json``'s (see the module's docstring)."""
    if orjson is None:
        return None
    try:
        out = orjson.dumps(_tree(a), option=_OPTIONS)
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
