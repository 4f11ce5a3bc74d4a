"""Boilerplate: which lines of a scraped page are page chrome, and why.

A page arrives as plain text lines. Each non-blank line gets general shape
features (``boilerplate_features``): length, punctuation, capitalisation,
link-like tokens, stopword ratio, phrase-rule hits, repetition, script, where it
sits relative to the densest run of prose, and the same cues of its neighbours.
A small two-stage tree model shipped with the package (``boilerplate_model``,
trained by ``scripts/train_boilerplate.py``) turns them into a probability of
being article text; stage two also sees stage one's verdict on the neighbours,
which keeps the article body in one piece. Each chrome line then gets a
human-readable reason (the phrase rule that fired, or what its position says),
and the title, byline and dateline get their own ``kind`` so the pipeline can
copy them into the document's metadata; they stay outside the analysed article.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from reporter.model import Document, LineLabel
from reporter.signals.attribution_lex import lexicon as places_lexicon
from reporter.signals.boilerplate_features import STOPWORDS, feature_names, page_features, rule_hit, stage2_features
from reporter.signals.boilerplate_model import load_model
from reporter.text.segment import Segmented

# Metadata lines: what a byline and a dateline look like when no rule named them.
_BYLINE = re.compile(r"^\s*(by|von|por|par|oleh|door|af|av)\s+\S", re.I)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?|\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?{_MONTHS}"
    rf"(?:,?\s+\d{{4}})?|\b{_MONTHS},?\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}(?:[t ]\d{{2}}:\d{{2}}(?::\d{{2}})?)?"
    r"|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}/\d{1,2}/\d{1,2}\b"
    r"|\b(?:\d+|an?|one)\s+(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?)\s+ago\b", re.I)
# words that lead into or pad a dateline: "Posted on", "Last updated:", weekdays, times and zones
_DATE_LEAD = re.compile(
    r"\b(?:(?:first |last )?(?:published|updated|posted|modified|created|date|dated|released)(?: on| at)?|on|at|"
    r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?|today|yesterday|"
    r"\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?|[ap]\.?m\.?|(?:[ecmp][sd]t|gmt|utc|bst|cet|cest|ist)|"
    r"publicado|publié|veröffentlicht|aktualisiert|am|le|el)\b\s*:?", re.I)
_WORD = re.compile(r"\w+")
_BY_INSIDE = re.compile(r"(?:^|\s)(?:by|written by|posted by|von|por|par|oleh)\s+(?=[^\W\d_])", re.I)
_BY_LEAD = re.compile(r"^\s*(?:author|autor|auteur|penulis|reporter|words)\s*:\s*", re.I)
_META_SEP = re.compile(r"\s+[|/•·⋅–—-]\s+|\s*[|•·⋅]\s*|\s+/|/\s+")
_MENU_SEP = re.compile(r"[|·•»›]")  # a headline has none of these; a menu or crumb trail does
_TERMINAL_PUNCT = re.compile(r"[.!?]\s*$")
_NAME_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’.-](?=[^\W\d_]))*\.?$")
_PARTICLES = frozenset("de da di del della van von der den du le la bin ibn al el ter dos das".split())
_LOG_4_WORDS = float(np.log1p(4))
_LOG_9_WORDS = float(np.log1p(9))
_BANNER_UNIQUE = 0.2  # share of distinct words: prose stays far above it; a phrase said five times or more falls below
_TINY = 6  # non-blank lines: below this, position features mean little
_WINDOW = 15  # lines before the article body searched for the title, byline and dateline


def label_lines(doc: Document, seg: Segmented) -> list[LineLabel]:
    """One LineLabel per ``text.split("\\n")`` line: content, blank, boilerplate or title/byline/date."""
    text = doc.text
    # seg.lines are exactly ``text.split("\n")`` (segment's line contract), which segment keeps: no second cut
    lines = seg.line_texts if seg.line_texts is not None and seg.text is text else text.split("\n")
    if len(lines) != len(seg.lines):  # a Segmented of some other cut
        lines = [text[ln.start:ln.end] for ln in seg.lines]
    X, keep = page_features(lines)
    prob = _content_probability(X, lines, keep)
    if not keep:
        return [LineLabel(ln.start, ln.end, False, None, "blank", 1.0) for ln in seg.lines]
    model = load_model()
    threshold = model.threshold if model is not None else 0.5
    probs = prob.tolist()
    flags = [p >= threshold for p in probs]
    if len(keep) <= _TINY or True not in flags:
        # a few lines, or nothing the model believes in: the page features say little, so a line that reads
        # like a sentence and fires no phrase rule is article text
        flags = [f or _sentence_like(lines[i]) for f, i in zip(flags, keep, strict=True)]
    # The cues read below, as Python floats: a few dozen lines are cheaper to test one by one than with numpy.
    cues = X[:, _cols().cues].tolist()
    for j, (other_script, _dup, unique, _terminal, log_words, credit_tail) in enumerate(cues):
        if flags[j] and (
            # A sentence in another script than the page's is not the article's (over 90% so in the dev data).
            (other_script > 0 and log_words >= _LOG_4_WORDS)
            # A phrase repeated over and over on one line is a banner, however sentence-like each copy reads.
            or (unique < _BANNER_UNIQUE and log_words >= _LOG_9_WORDS)
            # A long caption that ends in the photographer and agency ("... NAME/AGENCY via Getty Images").
            or credit_tail > 0
        ):
            flags[j] = False
    try:
        first = flags.index(True)
        last = len(flags) - 1 - flags[::-1].index(True)
    except ValueError:  # no content line
        first, last = len(keep), -1
    n = len(keep)
    out: list[LineLabel] = []
    add = out.append
    j = 0
    for i, (s, e) in enumerate(seg.lines):
        if j == n or keep[j] != i:
            add(LineLabel(s, e, False, None, "blank", 1.0))
        elif flags[j]:
            add(LineLabel(s, e, False, None, "content", _round3(probs[j])))
            j += 1
        else:
            reason = _reason(lines[i], cues[j], j, first, last)
            add(LineLabel(s, e, True, reason, "boilerplate", _round3(1.0 - probs[j])))
            j += 1
    _mark_metadata(out, lines, keep, flags, first)
    return out


def _round3(x: float) -> float:
    """``np.round(x, 3)`` for one non-negative float: numpy scales by 1000, rounds half to even and scales back."""
    return round(x * 1000.0) / 1000.0


def _sentence_like(line: str) -> bool:
    t = line.strip()
    words = len(t.split())
    ends = t.endswith((".", "!", "?", '"', "”", "’", "»", ")"))
    return (words >= 10 or (words >= 4 and ends)) and rule_hit(t) is None


def _content_probability(X: np.ndarray, lines: list[str], keep: list[int]) -> np.ndarray:
    """Probability that each non-blank line (``lines[i]`` for i in ``keep``) is article text (model, or rules when
    no model ships)."""
    model = load_model()
    if model is None or not len(X) or len(model.features1) != X.shape[1]:
        # no model shipped, or one built for other features: the phrase rules and a short-line rule
        return np.array([0.0 if rule_hit(t) or len(t.split()) <= 3 else 1.0 for t in (lines[i] for i in keep)])
    p1 = model.stage1.predict(X)
    if model.stage2 is None:
        return p1
    return model.stage2.predict(stage2_features(X, p1))


class _Cols(NamedTuple):
    cues: np.ndarray  # other_script, dup_count, unique_tokens, terminal (what _reason reads), log_words, credit_tail


@lru_cache(maxsize=1)
def _cols() -> _Cols:
    k = {n: i for i, n in enumerate(feature_names())}
    return _Cols(np.array([k[c] for c in ("other_script", "dup_count", "unique_tokens", "terminal", "log_words",
                                          "credit_tail")]))


def _reason(line: str, cues: list[float], j: int, first: int, last: int) -> str:
    """Why a line is chrome, in words: the phrase rule that fired, else what its shape and place say.

    ``cues`` holds the line's other_script, dup_count, unique_tokens and terminal features (more may follow).
    """
    hit = rule_hit(line) if len(line) < 400 else None
    if hit:
        return hit[0]
    other_script, dup_count, unique_tokens, terminal = cues[:4]
    if other_script > 0:
        return "language other than the article's"
    if dup_count > 0.6 or unique_tokens < 0.5:
        return "repeated banner"
    if first <= j <= last:
        return "caption or inline chrome inside the article"
    words = len(line.split())
    if j < first:
        return "menu or navigation" if words <= 6 else "header text before the article"
    if line.rstrip().endswith(("...", "…")) or (words >= 4 and terminal == 0):
        return "related-link list"
    return "footer"


def _mark_metadata(out: list[LineLabel], lines: list[str], keep: list[int], flags: list[bool], first: int) -> None:
    """Title, byline and dateline near the start of the article: boilerplate for analysis, kept as metadata.

    The window is the lines above the first line of running prose (the model may call a headline or a
    byline article text, so content lines are candidates too, prose is not) and a few below it.
    """
    if first >= len(keep):
        return
    body = next((j for j in range(first, len(keep)) if flags[j] and _prose(lines[keep[j]].strip())), None)
    if body is None:  # a short text: its first sentence starts the body
        body = next((j for j in range(first, len(keep)) if flags[j] and _sentence_like(lines[keep[j]])), first)
    lo = max(0, body - _WINDOW)
    texts = {j: lines[keep[j]].strip() for j in range(lo, min(len(keep), body + 4))}
    window = [j for j in texts if j < body or not flags[j]]
    kinds: dict[int, str] = {}
    for j in window:
        kind = _meta_kind(texts[j])
        if kind and kind not in kinds.values():
            kinds[j] = kind
    title_j = _pick_title(texts, [j for j in window if j < body and j not in kinds])
    if title_j is not None:
        kinds[title_j] = "title"
        head = _fold(texts[title_j])
        k = len(head)
        for j in texts:  # the headline again, alone or with its author's name after it, is header too
            # _fold maps one character to one, so a folded line starts with ``head`` when its folded prefix is it
            if j not in kinds and _fold(texts[j][:k]) == head and _repeat_tail(texts[j][k:]):
                kinds[j] = "title"
    # a bare name near the headline or the first paragraph is the byline ("Maria Olsen", "#Opinion / Maria Olsen")
    if "byline" not in kinds.values():
        anchor = title_j if title_j is not None else body
        for j in window:
            if j not in kinds and abs(j - anchor) <= 3 and j < body + 2 and _name_part(texts[j]) is not None:
                kinds[j] = "byline"
                break
    for j, kind in kinds.items():
        _set_kind(out, keep[j], kind)


def _fold(t: str) -> str:
    """A line compared as a headline: dashes and quotes of any kind read alike (one character for one)."""
    if t.isascii():  # every character folded is non-ASCII
        return t
    # seven str.replace calls: each a C scan; str.translate with a mapping costs several times more per character
    for a, b in _FOLD:
        t = t.replace(a, b)
    return t


_FOLD = (("–", "-"), ("—", "-"), ("‒", "-"), ("“", "\""), ("”", "\""), ("‘", "'"), ("’", "'"))  # targets ASCII


def _repeat_tail(rest: str) -> bool:
    """What follows a repeated headline on its line: nothing, or a person's name ("... worsen Maria Olsen")."""
    rest = rest.strip(" |-–—·:,")
    return not rest or _is_name(rest)


@lru_cache(maxsize=4096)  # header lines recur across the pages of a site
def _prose(t: str) -> bool:
    """Running text: a sentence of some length, not a headline."""
    words = len(t.split())
    return words >= 25 or (words >= 8 and t.endswith((".", "!", '"', "”", "’", "»", ")")))


@lru_cache(maxsize=4096)  # header lines recur across the pages of a site
def _meta_kind(t: str) -> str | None:
    """'byline' or 'date' when the line is one (a rule, "By ...", or a short line that is mostly a date)."""
    if len(t.split()) > 16:
        return None
    hit = rule_hit(t)
    if hit and hit[0] in ("byline", "date"):
        return hit[0]
    if hit:
        return None
    if _BYLINE.match(t):
        return "byline"
    if _date_line(t):
        return "date"
    return None


def _date_line(t: str) -> bool:
    """A dateline: a date (or "3 hours ago") that is most of a short line, not a sentence mentioning one."""
    m = _DATE.search(t)
    if m is None:
        return False
    rest = _DATE_LEAD.sub(" ", _DATE.sub(" ", t))
    rest_words = [w for w in _WORD.findall(rest) if not w.isdigit()]
    return len(rest_words) <= 4 and not (t.endswith(".") and len(rest_words) > 2)


def _pick_title(texts: dict[int, str], cands: list[int]) -> int | None:
    """The longest headline-like line above the body; a crumb trail that contains a shorter one yields that."""
    ok = [j for j in cands if _headline_like(texts[j])]
    if not ok:
        return None
    best = max(ok, key=lambda j: (len(texts[j].split()), -j))
    inner = [j for j in ok if j != best and len(texts[j].split()) >= 3 and texts[j] in texts[best]]
    return inner[-1] if inner else best


@lru_cache(maxsize=4096)  # header lines recur across the pages of a site
def _headline_like(t: str) -> bool:
    words = t.split()
    if not 3 <= len(words) <= 30 or len(t) > 250 or t.endswith((".", ":", ",", ";", "...", "…")) or _MENU_SEP.search(t):
        return False
    if t.startswith(("#", "@", "•", "-", "*", "(", "[")) or not t[0].isalnum() and t[0] not in "\"“‘'«":
        return False
    return rule_hit(t) is None and not _DATE.search(t) and _name_part(t) is None


@lru_cache(maxsize=4096)  # header lines recur across the pages of a site
def _name_part(t: str) -> str | None:
    """The part of a short line that is a person's name (two to four capitalised words), if any.

    The line may carry other parts around separators: "#Opinion / Maria Olsen", "Maria Olsen | Reporter".
    """
    if len(t) > 80 or _TERMINAL_PUNCT.search(t):
        return None
    for part in _META_SEP.split(t):
        part = part.strip()
        if _is_name(part):
            return part
    return None


def _is_name(s: str) -> bool:
    toks = s.split()
    if not 2 <= len(toks) <= 6:
        return False
    named = 0
    for k, tok in enumerate(toks):
        if 0 < k < len(toks) - 1 and tok in _PARTICLES:
            continue
        if not _NAME_TOKEN.match(tok) or not tok[0].isupper() or tok.lower() in STOPWORDS:
            return False
        if len(tok) > 3 and tok.isupper():
            return False  # an all-caps word is a label ("BREAKING NEWS"), not a name
        named += 1
    return 2 <= named <= 4


def metadata_values(text: str, lines: list[LineLabel]) -> dict[str, str]:
    """Clean values for ``doc.title``/``byline``/``date`` from the lines labelled title, byline and date.

    "By Maria Olsen | Updated March 4, 2025" gives the byline "Maria Olsen" and the date "March 4, 2025":
    a byline line may carry the date and a dateline the author.
    """
    out: dict[str, str] = {}
    for ln in lines:
        if ln.kind not in ("title", "byline", "date"):
            continue
        t = text[ln.start:ln.end].strip()
        if ln.kind == "title":
            head = out.setdefault("title", t)
            tail = t[len(head):].strip(" |-–—·:,") if _fold(t).startswith(_fold(head)) else ""
            if tail and _is_name(tail):
                out.setdefault("byline", tail)
            continue
        date = _date_value(t)
        who = _byline_value(t, date)
        if date:
            out.setdefault("date", date)
        if who and (ln.kind == "byline" or _BY_INSIDE.search(t)):
            out.setdefault("byline", who)
    if "title" in out:
        out["title"], outlet = _outlet_suffix(out["title"], text)
        if outlet:
            out.setdefault("source", outlet)
    return out


_SUFFIX = re.compile(r"^(?P<head>.+\S)\s+[|–—-]\s+(?P<tail>[^|–—-]{2,40})$")


def _outlet_suffix(title: str, text: str) -> tuple[str, str | None]:
    """A page title that ends in its outlet's name ("Rates rise again – The Coast Gazette"), split in two.

    The tail after the last `` – ``/`` | ``/`` - `` counts as the outlet only when it reads as a name (one to three
    words, each capitalised, or a domain), is not a place ("... – Ukraine" is a topic), and the text names it
    again outside every copy of the headline ("Gazette reporters", "(Coast Gazette) -"): a headline's own ending
    ("Talks stall - Again") is not repeated that way.
    """
    m = _SUFFIX.match(title)
    if m is None:
        return title, None
    head, tail = m["head"], m["tail"].strip()
    words = tail.split()
    if not 1 <= len(words) <= 3 or len(head.split()) < 3:
        return title, None
    last = words[-1]
    named = last[:1].isupper() and last.lower() not in STOPWORDS and all(
        w[:1].isupper() or w.lower() in ("of", "the", "and") for w in words)
    if not named and "." not in tail:  # a domain ("politico.eu") is a name too
        return title, None
    key = tail.lower()
    if (key[4:] if key.startswith("the ") else key) in places_lexicon().places:
        return title, None
    rest = _fold(text).replace(_fold(title), " ").replace(_fold(head), " ")
    return (head, tail) if _fold(tail) in rest else (title, None)


def _date_value(t: str) -> str | None:
    m = _DATE.search(t)
    if m is None:
        return None
    part = next((p for p in _META_SEP.split(t) if _DATE.search(p)), t)
    part = _DATE_LEAD.sub("", part).strip(" :,-")
    part = _BY_INSIDE.split(part)[0].strip(" :,-")
    return part or m.group(0)


def _byline_value(t: str, date: str | None) -> str | None:
    m = _BY_INSIDE.search(t)
    s = t[m.end():] if m else t
    s = _BY_LEAD.sub("", s)
    parts = [p.strip(" :,-") for p in _META_SEP.split(s)]
    parts = [p for p in parts if p and not p.startswith("#") and not _DATE.search(p) and not _DATE_LEAD.fullmatch(p)]
    if not parts:
        return None
    return next((p for p in parts if _is_name(p)), parts[0])


def _set_kind(out: list[LineLabel], i: int, kind: str) -> None:
    ln = out[i]
    out[i] = LineLabel(ln.start, ln.end, True, kind if kind != "date" else "dateline", kind, ln.confidence)
