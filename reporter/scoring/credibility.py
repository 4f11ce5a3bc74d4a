"""The credibility index: a transparent checklist computed from the text.

Each check is a question an editor would ask of a news report (is there a
byline and a date, who said it, is the other side heard, does the headline sell
or tell...). Each returns a value 0-100, pass / partial / fail and the spans
behind it; the index is the weighted mean of the values, with the weights in
``reporter/data/credibility.toml`` (user-editable: set ``REPORTER_CREDIBILITY``
to your own TOML file, or pass ``config=`` to :func:`score`).

It reads only the stable outputs of the other signals (loaded spans and their
voice, quotes and speaker types, unattributed claims, page lines) and the
style measurements the framing pass makes (``reporter.signals.style``). It is
a checklist of reporting practice, not a classifier: no weight was fitted.
"""
from __future__ import annotations

import math
import os
import re
import tomllib
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from reporter.model import Analysis, Evidence, Score
from reporter.signals.style import MONTH, NOT_ALONE, NOT_NAMES

ENV_VAR = "REPORTER_CREDIBILITY"
DEFAULT_SOURCE = "reporter/data/credibility.toml (default)"  # ``weights_file`` when no file is set
_AGENCY = re.compile(r"\b(?:agenc(?:y|ies)|staff|desk|editors?|wires?|reuters|associated press|ap|afp|admin|team)\b",
                     re.I)
_MONTH = re.compile(MONTH)
MAX_EVIDENCE = 5
MAX_REPEATS = 3  # uses of one loaded word counted at most (repeated page furniture, a topic word)


@cache
def _defaults() -> dict[str, Any]:
    with resources.files("reporter.data").joinpath("credibility.toml").open("rb") as f:
        return tomllib.load(f)


@cache
def _user_file(path: str, mtime: float) -> dict[str, Any]:
    with open(path, "rb") as f:
        return tomllib.load(f)


def load_config(path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Default checklist settings, overridden table by table by ``path`` or the file named in $REPORTER_CREDIBILITY."""
    return _load_config(path or os.environ.get(ENV_VAR))


def _load_config(path: str | os.PathLike[str] | None) -> dict[str, Any]:
    """``load_config`` of ``path`` as given (None or empty: the defaults)."""
    base = _defaults()
    if not path:
        return base
    p = Path(path).expanduser()
    if not p.is_file():
        raise FileNotFoundError(f"credibility weights file not found: {p} (set by {ENV_VAR} or the config argument)")
    try:
        user = _user_file(str(p.resolve()), p.stat().st_mtime)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"{p}: not valid TOML: {e}") from e
    merged: dict[str, Any] = {"status": {**base.get("status", {}), **user.get("status", {})}, "checks": {}}
    for name, conf in base.get("checks", {}).items():
        merged["checks"][name] = {**conf, **user.get("checks", {}).get(name, {})}
    unknown = set(user.get("checks", {})) - set(merged["checks"])
    if unknown:
        raise ValueError(f"{p}: unknown credibility checks {sorted(unknown)}; known: {sorted(merged['checks'])}")
    return merged


_NAMED = frozenset({"named_person", "named_org"})
_VAGUE = frozenset({"anonymous", "vague"})
_NOT_NAMES = NOT_NAMES | {"Make", "Share", "Watch", "Read", "Click", "Wake"}
_CONNECTORS = frozenset({"of", "the", "for", "de", "van", "von", "al", "bin", "der", "la", "le", "du"})


@lru_cache(maxsize=65536)
def _n(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun in the number it takes ("1 hedge", "2 hedges"): reasons are read by people."""
    return f"{n} {one if n == 1 else many or one + 's'}"


@lru_cache(maxsize=65536)
def _plausible_name(name: str | None) -> bool:
    """A speaker name a reader could look up: capitalised words (connectors allowed), not a pronoun or shouting.

    Guards the checklist against stray speakers from the attribution stage ("Make no mistake", "YOU").
    Cached: a document has a dozen quotes by a few speakers, and a corpus repeats its speakers.
    """
    if not name or name.isupper() or name in NOT_ALONE:
        return False
    words = name.replace("’", "'").split()
    if words[0] in _NOT_NAMES:
        return False
    return all(w[:1].isupper() or w in _CONNECTORS for w in words) and any(len(w) > 2 for w in words)


_LN2 = math.log(2)


def _grow(x: float, half: float) -> float:
    """0 at x=0, 50 at ``half``, towards 100: more of a good thing."""
    return 100.0 * (1.0 - math.exp(-_LN2 * max(x, 0.0) / max(half, 1e-9)))


def _shrink(x: float, half: float) -> float:
    """100 at x=0, 50 at ``half``, towards 0: more of a bad thing."""
    return 100.0 - _grow(x, half)


def _style(a: Analysis) -> dict[str, Any]:
    """The style measurements: from the framing pass, or measured here when an Analysis was built without it."""
    st = a.framing.get("style") if isinstance(a.framing, dict) else None
    if st:
        return st
    from reporter.signals.framing import style_dict
    from reporter.signals.style import measure
    from reporter.signals.view import make_view
    from reporter.text import segment

    return style_dict(measure(make_view(a.document, segment(a.document.text), a.lines)))


def _spans(a: Analysis, st: dict[str, Any], key: str, reason: str) -> list[dict[str, Any]]:
    found = st.get("spans", {}).get(key)
    if not found:
        return []  # most features have no spans in a given article
    text = a.document.text
    return [{"start": s, "end": e, "text": text[s:e], "reason": reason} for s, e in found[:MAX_EVIDENCE]]


def _span(a: Analysis, span: list[int] | None, reason: str) -> list[dict[str, Any]]:
    if not span:
        return []
    s, e = span
    return [{"start": s, "end": e, "text": a.document.text[s:e], "reason": reason}]


def _checks(a: Analysis, st: dict[str, Any], conf: dict[str, Any]) -> dict[str, tuple[float, str, list]]:
    """name -> (value 0-100, reason, evidence) for every check."""
    c = st.get("counts", {})
    out_words = max(st.get("outlet_words", 0), 100)
    per_k = 1000.0 / out_words
    sentences = max(st.get("sentences", 0), 1)
    title_span = st.get("title_span") or (-1, -1)
    # the quotes by a plausibly named speaker (not in the headline), by a vague one, and relayed: one pass
    named_q: set[str] = set()
    vague_q = []
    n_chained = 0
    for q in a.quotes:
        if len(q.chain) > 1:
            n_chained += 1
        sp = q.speaker
        if not sp:
            continue
        if sp.type in _NAMED:
            if _plausible_name(sp.name) and not (title_span[0] <= (sp.start or -1) < title_span[1]):
                named_q.add(sp.name)
        elif sp.type in _VAGUE:
            vague_q.append(q)
    # One voice per surname: "Vladimir Putin" from attribution and "President Vladimir Putin" from style are one.
    sources = _one_per_person([*st.get("named_sources", []), *named_q])
    names = _names(sources)
    credited = st.get("credited_sentences", 0)
    res: dict[str, tuple[float, str, list]] = {}

    byline = st.get("byline")
    if not byline:
        res["named_author"] = (0.0, "no byline found in the text", [])
    elif _AGENCY.search(byline) or len(byline.split()) < 2 or not byline[:1].isupper():
        res["named_author"] = (50.0, f"byline '{byline}' credits a desk, agency or username, not a named person",
                               _span(a, st.get("byline_span"), "byline"))
    else:
        res["named_author"] = (100.0, f"byline: {byline}", _span(a, st.get("byline_span"), "byline"))

    if st.get("date_span"):
        res["date"] = (100.0, "publication date found", _span(a, st["date_span"], "date"))
    elif st.get("dateline_span"):
        dl = st["dateline_span"]
        dated = _MONTH.search(a.document.text, dl[0], dl[1])
        res["date"] = ((100.0, "dateline with a date", _span(a, dl, "dateline")) if dated else
                       (50.0, "dateline gives the place but no date", _span(a, dl, "dateline")))
    else:
        res["date"] = (0.0, "no publication date or dateline found in the text", [])

    n_time = c.get("time", 0)
    res["time_anchoring"] = (_grow(n_time, conf["time_anchoring"].get("half", 2)),
                             _n(n_time, "date, weekday or time reference", "dates, weekdays or time references"),
                             _spans(a, st, "time", "time reference"))

    k = conf["named_sources"]
    share = credited / sentences
    v = 0.5 * _grow(share, k.get("half_share", 0.15)) + 0.5 * _grow(len(sources), k.get("half_sources", 2))
    res["named_sources"] = (v, f"{credited} of {sentences} sentences credit a named person or body; "
                               f"{_n(len(sources), 'distinct named source')}" + names,
                            _spans(a, st, "named_attr", "named source"))

    n_vague = c.get("vague", 0) + len(vague_q)
    named_n = credited + len(named_q)
    ratio = n_vague / (n_vague + named_n) if n_vague else 0.0
    ev = _spans(a, st, "vague", "unnamed or vague source")
    ev += [{"start": q.speaker.start, "end": q.speaker.end, "text": q.speaker.text, "reason": "vague speaker"}
           for q in vague_q[:MAX_EVIDENCE] if q.speaker and q.speaker.start is not None]
    res["vague_sourcing"] = (100.0 * (1.0 - ratio), f"{_n(n_vague, 'vague or anonymous attribution')} against "
                                                   f"{_n(named_n, 'named one')}", ev[:MAX_EVIDENCE])

    u = len(a.unattributed)
    attributed = credited + len(named_q) + len(vague_q)
    v = 100.0 * attributed / (attributed + u) if attributed + u else 100.0
    res["unattributed_claims"] = (v, f"{_n(u, 'factual-looking claim')} without a source against "
                                     f"{_n(attributed, 'attributed statement')}",
                                  [{"start": x.start, "end": x.end, "text": x.text, "reason": x.reason}
                                   for x in a.unattributed[:MAX_EVIDENCE]])

    own = [s for s in a.loaded if s.voice == "outlet"]
    per_term: dict[str, int] = {}
    for sp in own:
        key = sp.text.lower()
        per_term[key] = per_term.get(key, 0) + 1
    counted = sum(min(n, MAX_REPEATS) for n in per_term.values())  # a repeated word is one habit, not many
    rate = counted * per_k
    res["loaded_language"] = (_shrink(rate, conf["loaded_language"].get("half", 6)),
                              f"{_n(len(own), 'loaded term')} in the outlet's own voice ({rate:.1f} per 1,000 words); "
                              f"{len(a.loaded) - len(own)} more inside quotes",
                              [{"start": s.start, "end": s.end, "text": s.text, "reason": s.category}
                               for s in own[:MAX_EVIDENCE]])

    cert, hedge = c.get("certainty", 0), c.get("hedge", 0)
    net = max(cert - 0.5 * hedge, 0.0) * per_k
    res["certainty"] = (_shrink(net, conf["certainty"].get("half", 8)),
                        f"{_n(cert, 'certainty booster')} against {_n(hedge, 'hedge')} in the outlet's voice",
                        _spans(a, st, "certainty", "unhedged certainty"))

    n_chain = c.get("chain", 0) + n_chained
    res["sourcing_chains"] = (_shrink(n_chain, conf["sourcing_chains"].get("half", 3)),
                              f"{_n(n_chain, 'citation')} relayed from other reports",
                              _spans(a, st, "chain", "relayed citation"))

    title = st.get("title") or ""
    traits = [name for name, key in (("capitals", "title_caps"), ("exclamation mark", "title_exclaim"),
                                     ("question", "title_question"), ("clickbait phrase", "title_clickbait"))
              if c.get(key, 0)]
    bp = a.scores.get("boilerplate")
    bp_share = min(max(bp.value / 100.0, 0.0), 1.0) if bp else 0.0
    if title:
        v = max(0.0, 100.0 - conf["headline"].get("penalty", 40) * len(traits)) * (1.0 - 0.5 * bp_share)
        why = (f"headline has {', '.join(traits)}" if traits else "headline states the news plainly")
    else:
        v, why = 50.0, "no headline found (counted as half)"
    if bp_share >= 0.2:
        why += f"; {100 * bp_share:.0f}% of the page is chrome, not article"
    res["headline"] = (v, why, _span(a, st.get("title_span"), "headline") if traits else [])

    n_caps, n_excl = c.get("caps", 0), c.get("exclaim", 0)
    res["shouting"] = (_shrink((n_caps + n_excl) * per_k, conf["shouting"].get("half", 2)),
                       f"{_n(n_caps, 'word')} in capitals (a repeated word at most {MAX_REPEATS} times) and "
                       f"{_n(n_excl, 'exclamation mark')} in the outlet's voice",
                       (_spans(a, st, "caps", "capitals") + _spans(a, st, "exclaim", "exclamation"))[:MAX_EVIDENCE])

    n_you, n_i = c.get("second_person", 0), c.get("first_singular", 0)
    res["opinion_voice"] = (_shrink((n_you + n_i) * per_k, conf["opinion_voice"].get("half", 8)),
                            f"{_n(n_you, 'time')} 'you' and {_n(n_i, 'time')} 'I' in the outlet's voice",
                            (_spans(a, st, "second_person", "addresses the reader")
                             + _spans(a, st, "first_singular", "first person"))[:MAX_EVIDENCE])

    reply = c.get("reply", 0)
    v = 25.0 * min(len(sources), 3) + 25.0 * min(reply, 1)
    res["one_sidedness"] = (v, f"{len(sources)} distinct named voices{names}; "
                               + ("a response or comment from another side is reported" if reply
                                  else "no response or request for comment reported"),
                            _spans(a, st, "reply", "other side heard"))
    return res


def _one_per_person(names: list[str]) -> dict[str, str]:
    """Distinct voices: names sharing a surname, or whose words are all in a fuller name, are one person.

    "Vladimir Putin" and "President Vladimir Putin" are one; so are "Xi" and "Xi Jinping".
    """
    # each distinct name split once; longest first, then alphabetical: ties must not follow the set's hash order,
    # which changes per process (the names are distinct, so the sort never compares the word lists)
    ranked = []
    for n in set(names):
        if n:
            parts = n.split()
            if parts:
                ranked.append((-len(parts), n, parts))
    ranked.sort()
    out: dict[str, str] = {}
    fuller: list[set[str]] = []  # the words of each name kept, in the order kept
    for _, n, parts in ranked:
        key = parts[-1].lower()
        if key in out:
            continue
        toks = set(map(str.lower, parts))
        if any(toks <= w for w in fuller):
            continue
        out[key] = n
        fuller.append(toks)
    return out


def _names(sources: dict[str, str], k: int = 5) -> str:
    names = sorted(sources.values(), key=str.lower)
    if not names:
        return ""
    more = f" and {len(names) - k} more" if len(names) > k else ""
    return " (" + ", ".join(names[:k]) + more + ")"


def _status(value: float, conf: dict[str, Any]) -> str:
    s = conf.get("status", {})
    if value >= s.get("pass_at", 70):
        return "pass"
    return "partial" if value >= s.get("partial_at", 35) else "fail"


# A checklist setting as the scoring loop reads it: (name, label, weight, why) per check, pass_at, partial_at.
_Plan = tuple[tuple[tuple[str, str, float, str], ...], Any, Any]


def _plan(conf: dict[str, Any]) -> _Plan:
    """The settings read once per configuration instead of once per document (the defaults: once per process)."""
    if conf is _defaults():
        return _default_plan()
    return _make_plan(conf)


@cache
def _default_plan() -> _Plan:
    return _make_plan(_defaults())


def _make_plan(conf: dict[str, Any]) -> _Plan:
    s = conf.get("status", {})
    checks = tuple((name, cc.get("label", name), float(cc.get("weight", 1)), cc.get("why", ""))
                   for name, cc in conf["checks"].items())
    return checks, s.get("pass_at", 70), s.get("partial_at", 35)


def _shown(value: float) -> tuple[float, str]:
    """``round(value, 1)`` and its ``.0f`` text; a whole number above 0 (most checks give 50 or 100) skips the
    float-to-decimal conversions, which cost a microsecond each."""
    if value.is_integer() and 0 < value < 1e15:
        return value, str(int(value))
    shown = round(value, 1)
    return shown, f"{shown:.0f}"


def score(a: Analysis, config: dict[str, Any] | str | os.PathLike[str] | None = None) -> Score:
    """``scores.credibility``: the weighted mean of the checklist values, with the checklist in ``details``."""
    if isinstance(config, dict):
        conf, source = config, "argument"
    else:  # the environment read once (two reads were a tenth of this function)
        path = config or os.environ.get(ENV_VAR)
        conf, source = _load_config(path), str(path or DEFAULT_SOURCE)
    checks, pass_at, partial_at = _plan(conf)
    results = _checks(a, _style(a), conf["checks"])
    checklist: list[dict[str, Any]] = []
    ev: list[Evidence] = []
    failed: list[str] = []
    total = wsum = 0.0
    passed = 0
    for name, label, w, why in checks:
        if name not in results:
            continue
        value, reason, evidence = results[name]
        total += w * value
        wsum += w
        if value >= pass_at:
            status = "pass"
            passed += 1
        elif value >= partial_at:
            status = "partial"
        else:
            status = "fail"
            if w > 0:
                failed.append(label.lower())
        shown, whole = _shown(value)
        checklist.append({"check": name, "label": label, "weight": w, "status": status, "value": shown,
                          "evidence": evidence, "reason": reason, "why": why})
        ev.append(Evidence(f"{label}: {status} ({whole}/100): {reason}"))
    value = total / wsum if wsum else 50.0
    summary = f"{passed} of {len(checklist)} checks pass"
    if failed:
        summary += "; fails: " + ", ".join(failed)
    return Score("credibility", value, summary, ev, {"checklist": checklist, "weights_file": source})
