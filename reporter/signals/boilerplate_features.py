"""Line features for boilerplate detection: general shape cues, never memorised strings.

Each non-blank line gets a vector of shape features (length, punctuation,
capitalisation, link-like tokens, stopword ratio, phrase-rule hits, repetition,
script), page-level position features (where the line sits relative to the
densest run of prose) and the same cues averaged over its neighbours. The
vectors feed the small tree model in ``boilerplate_model``; the training script
and the run time share this one function so they can never drift apart.
"""
from __future__ import annotations

import csv
import math
import re
import string
import struct
import unicodedata
from collections import Counter
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress
from operator import itemgetter, sub
from re import _constants as _C  # type: ignore[attr-defined]
from re import _parser as _P  # type: ignore[attr-defined]
from typing import Any, NamedTuple

import numpy as np

WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*", re.U)
_TERMINAL = re.compile(r"[.!?…。！？]['\"”’»)\]]*\s*$")
_SENT_INNER = re.compile(r"[.!?;](?=\s+\S)")
_SEPCHARS = ("|", "»", "›", "•", "·", " > ", "‹", "«", " – ", " — ", " / ", " - ")
_LINKISH = re.compile(r"https?://|www\.|\.(?:com|org|net|co|html?|php)\b|@\w")
_HASHTAG = re.compile(r"(?:^|\s)#\w")
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?,?\s+\d|"
                    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
# ``\d(?<!\w\d)`` is ``\b\d`` opening with a class, so the engine skips to the digits instead of trying every
# position (a pattern that opens with ``\b`` or a look-behind gets no such prefix): _TIME is 2x faster per line.
_NUMDATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(19|20)\d{2}\b")
_TIME = re.compile(r"\d(?<!\w\d)\d?(?::\d{2}\b|\s?(?:am|pm|a\.m\.|p\.m\.))")  # hh:mm, or hh am/pm
_ELLIPSIS = re.compile(r"(\.\.\.|…)\s*$")
_QUOTE = re.compile(r"[\"“”«»„]")
# a caption that ends in the photographer and agency: "... on March 21. NAME/AGENCY via Getty Images"
_CREDIT_TAIL = re.compile(r"(?:getty images|/afp|\bafp\b|\bap photo\b|reuters/|/reuters|shutterstock|istock|"
                          r"photo:|photograph:|\(photo|/ap\b|\bepa\b|credit:|courtesy of)[^.!?]{0,60}\)?\s*$")
# Every alternative of _CREDIT_TAIL holds one of these: a tail with none cannot match (4x cheaper than the search).
_CREDIT_KEYS = ("photo", "getty", "afp", "reuters", "shutterstock", "istock", "/ap", "epa", "credit:", "courtesy of")
_CURRENCY = re.compile(r"[$€£¥₹]\s?\d")

# Very common function words of several languages (written for this project): a line of running
# prose has many of them, a menu or a list of headlines has few.
STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as is are was were be been being it its this that these
those he she they we you i his her their our your not no so than then there here which who whom what when where
why how all any some can could would should will may might must do does did has have had also about into over
after before more most such only just very up out new said says
de la le les des du un une et est en que qui pour dans par sur au aux pas ne se ce cette il elle ils sont avec
el los las y del por con para una es al lo como más pero sus su fue ha o
der die das und ist nicht ein eine mit den dem zu von auf für sich im auch es wie bei dass werden wird
o os as um uma do da dos das em no na com não mais foi ao pelo pela
il lo gli di che è non per una sono della nel alla
yang dan di ini itu dengan untuk tidak dari ke akan pada juga dalam adalah
""".split())

_SCRIPTS = ("latin", "cyrillic", "greek", "arabic", "hebrew", "cjk", "hangul", "thai", "devanagari", "other")


@lru_cache(maxsize=1)
def patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """Phrase rules from ``reporter/data/boilerplate_patterns.csv`` (pattern, category, note, source).

    Patterns are written in lower case and matched against the lower-cased line (much faster than re.I).
    """
    text = resources.files("reporter.data").joinpath("boilerplate_patterns.csv").read_text(encoding="utf-8")
    return tuple((re.compile(r["pattern"]), r["category"], r["note"]) for r in csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def categories() -> tuple[str, ...]:
    seen: list[str] = []
    for _, cat, _ in patterns():
        if cat not in seen:
            seen.append(cat)
    return tuple(seen)


def _required(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Strings one of which every match of a parsed regex sequence contains (None when unknown).

    Built from runs of literals, alternations whose every branch has such strings, and repeats of at least one.
    """
    cands: list[set[str]] = []
    run = ""
    for op, av in items:
        if op is _C.LITERAL:
            run += chr(av)
            continue
        if run:
            cands.append({run})
            run = ""
        sub: set[str] | None = None
        if op is _C.SUBPATTERN:
            sub = _required(list(av[3]))
        elif op is _C.BRANCH:
            subs = [_required(list(b)) for b in av[1]]
            sub = set().union(*subs) if all(subs) else None  # type: ignore[arg-type]
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] >= 1:
            sub = _required(list(av[2]))
        if sub:
            cands.append(sub)
    if run:
        cands.append({run})
    return max(cands, key=lambda c: min(map(len, c)), default=None)


def _prefilter(pattern: str) -> re.Pattern[str] | None:
    """A plain-literal regex that must match wherever ``pattern`` matches, when it is cheaper to try first.

    Only for rules with an alternative that is not anchored at the line start (those scan every position, which
    an alternation of literals does faster) and whose literals are at least three characters long (shorter ones
    pass too many lines). The rule regex still decides, so the prefilter never changes a result.
    """
    try:
        parsed = list(_P.parse(pattern))
    except Exception:  # pragma: no cover - a parser change in a future Python: no prefilter, same results
        return None
    alts = [list(b) for b in parsed[0][1][1]] if len(parsed) == 1 and parsed[0][0] is _C.BRANCH else [parsed]
    if all(a and a[0] == (_C.AT, _C.AT_BEGINNING) for a in alts):
        return None
    req = _required(parsed)
    if not req or min(map(len, req)) < 3:
        return None
    return re.compile("|".join(map(re.escape, sorted(req, key=len, reverse=True))))


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str] | None, re.Pattern[str], str, str], ...]:
    return tuple((_prefilter(rx.pattern), rx, cat, note) for rx, cat, note in patterns())


def _anchored(pattern: str) -> bool:
    """Every top-level alternative starts with ``^``: the rule can only match at the start of the line."""
    try:
        parsed = list(_P.parse(pattern))
    except Exception:  # pragma: no cover - a parser change in a future Python: treat as unanchored
        return False
    alts = [list(b) for b in parsed[0][1][1]] if len(parsed) == 1 and parsed[0][0] is _C.BRANCH else [parsed]
    return all(a and a[0] == (_C.AT, _C.AT_BEGINNING) for a in alts)


@lru_cache(maxsize=1)
def _rule_plan() -> tuple[re.Pattern[str] | None, tuple[tuple[int, re.Pattern[str] | None, re.Pattern[str]], ...]]:
    """Line-start rules joined into one alternation tried once with ``match``; the others kept one by one.

    ``match`` tries the alternatives in order at position 0, so the group that matches is the first line-start
    rule that matches; an unanchored rule listed before it still wins, as in a plain scan of the rules.
    """
    anchored = [k for k, (rx, _, _) in enumerate(patterns()) if _anchored(rx.pattern)]
    joined = re.compile("|".join(f"(?P<r{k}>{patterns()[k][0].pattern})" for k in anchored)) if anchored else None
    rest = tuple((k, pre, rx) for k, (pre, rx, _, _) in enumerate(_rules()) if k not in anchored)
    return joined, rest


_HITS: dict[str, tuple[str, str] | None] = {}  # line -> rule_hit(line)
_HITS_MAX = 16384


def rule_hit(line: str) -> tuple[str, str] | None:
    """The first phrase rule that matches ``line``: (category, note), or None.

    Noted per line (menus and footers recur across a batch, and the reasons and the title search ask again about
    the lines ``page_features`` already tried); ``_page_rules`` notes its results here too.
    """
    try:
        return _HITS[line]
    except KeyError:
        pass
    hit = _rule_hit(line)
    if len(_HITS) >= _HITS_MAX:
        _HITS.clear()
    _HITS[line] = hit
    return hit


def _rule_hit(line: str) -> tuple[str, str] | None:
    """``rule_hit`` without the notes."""
    k = _first_rule(line.lower(), _rule_plan()[1])
    return None if k == len(patterns()) else patterns()[k][1:]


@lru_cache(maxsize=4096)
def _char_script(ch: str) -> int:
    o = ord(ch)
    if o < 0x250:
        return 0
    if 0x370 <= o < 0x400:
        return 2
    if 0x400 <= o < 0x530:
        return 1
    if 0x590 <= o < 0x600:
        return 4
    if 0x600 <= o < 0x780:
        return 3
    if 0x900 <= o < 0x980:
        return 8
    if 0xE00 <= o < 0xE80:
        return 7
    if 0xAC00 <= o < 0xD7B0 or 0x1100 <= o < 0x1200:
        return 6
    if 0x3040 <= o < 0x30FF or 0x4E00 <= o < 0xA000 or 0x3400 <= o < 0x4DC0:
        return 5
    name = unicodedata.name(ch, "")
    return 0 if name.startswith("LATIN") else 9


_NONLATIN = re.compile(r"[^\W\d_\x00-\u024f]")


@lru_cache(maxsize=8192)  # page lines recur across a batch (menus, footers); the sample is a hashable str
def _script(line: str) -> tuple[int, int]:
    """Dominant script of a line and its number of letters (-1 when there are none)."""
    if line.isascii():
        b = line.encode()
        n = len(b) - len(b.translate(None, _LETTERS_B))
        return (0, n) if n else (-1, 0)
    n = _counts(line)[0]
    if not n:
        return -1, 0
    other = [ch for ch in _NONLATIN.findall(line) if ch.isalpha()]
    if not other:
        return 0, n
    counts = [0] * len(_SCRIPTS)
    counts[0] = n - len(other)
    for ch in other:
        counts[_char_script(ch)] += 1
    return max(range(len(counts)), key=counts.__getitem__), n


BASE_NAMES = [
    "log_chars", "log_words", "mean_word_len", "terminal", "colon_end", "starts_upper", "starts_bullet",
    "upper_frac", "title_frac", "digit_frac", "comma_per_word", "inner_sents", "separators", "linkish",
    "hashtags", "stop_frac", "month_date", "num_date", "time", "ellipsis_end", "quotes", "currency",
    "dup_count", "other_script", "cjk", "pipe", "all_upper", "rule_any", "unique_tokens", "credit_tail",
]
_SAMPLE = 300
_RULE_MAX = 120  # chrome phrases live on short lines; long lines skip the rules
_PUNCT = ".,;:!?\"'()[]“”‘’«»*"


_LETTERS_B = string.ascii_letters.encode()
_UPPER_B = string.ascii_uppercase.encode()
_DIGITS_B = string.digits.encode()


def _counts(sample: str) -> tuple[int, int, int]:
    """Letters, upper-case letters and digits of ``sample``; ASCII text is counted in C by ``bytes.translate``.

    For ASCII, ``str.isalpha``/``isupper``/``isdigit`` are exactly [A-Za-z]/[A-Z]/[0-9], so the counts are equal.
    """
    if sample.isascii():
        b = sample.encode()
        n = len(b)
        return (n - len(b.translate(None, _LETTERS_B)), n - len(b.translate(None, _UPPER_B)),
                n - len(b.translate(None, _DIGITS_B)))
    # mostly ASCII with a few curly quotes or accents: count the ASCII part in C, the rest one by one
    b = sample.encode("ascii", "ignore")
    n = len(b)
    rest = _NONASCII_CH.findall(sample)
    return (n - len(b.translate(None, _LETTERS_B)) + sum(map(str.isalpha, rest)),
            n - len(b.translate(None, _UPPER_B)) + sum(map(str.isupper, rest)),
            n - len(b.translate(None, _DIGITS_B)) + sum(map(str.isdigit, rest)))


_NONASCII_CH = re.compile(r"[^\x00-\x7f]")
_ASCII_SEPS = tuple(c for c in _SEPCHARS if c.isascii())


def _separators(sample: str) -> int:
    """Separator occurrences, each counted by ``str.count``; an ASCII sample cannot hold the non-ASCII ones."""
    return sum(map(sample.count, _ASCII_SEPS if sample.isascii() else _SEPCHARS))


_LINE_WORDS: dict[str, int] = {}  # line -> len(line.split()), noted by ``_base`` as it splits the line anyway
_LINE_WORDS_MAX = 8192


def line_words(line: str) -> int:
    """``len(line.split())``, read from what ``_base`` noted when it saw the line (the lines of the page just
    labelled), else counted."""
    n = _LINE_WORDS.get(line)
    return len(line.split()) if n is None else n


@lru_cache(maxsize=8192)  # menu, share and footer lines recur within a page and across a batch
def _base(line: str) -> tuple[float, ...]:
    """Shape features of one line; regexes run on a lower-cased sample so a long line costs no more."""
    s = line.strip()
    toks = s.split()
    nw = len(toks)
    if len(_LINE_WORDS) >= _LINE_WORDS_MAX:
        _LINE_WORDS.clear()
    _LINE_WORDS[line] = nw  # for the score, which counts every line's words again (``line_words``)
    nc = len(s)
    sample = s[:_SAMPLE]  # character ratios of a long line are stable after a few hundred characters
    low = sample.lower()
    letters, upper, digits = _counts(sample)
    nsample = len(sample)
    head = [t.strip(_PUNCT) for t in toks[:60]]
    head = [t for t in head if t]
    nh = len(head)
    firsts = "".join([t[0] for t in head])  # first character of each head token
    if firsts.isascii():
        fb = firsts.encode()
        nalpha = len(fb) - len(fb.translate(None, _LETTERS_B))
        title = len(fb) - len(fb.translate(None, _UPPER_B))
    else:
        fl = [c for c in firsts if c.isalpha()]
        nalpha = len(fl)
        title = sum(map(str.isupper, fl))
    # tokens hold no whitespace, so lower-casing them joined is lower-casing them one by one
    stops = sum(map(STOPWORDS.__contains__, " ".join(head).lower().split())) if nh else 0
    first = s[:1]
    return (
        math.log1p(nc), math.log1p(nw), (sum(map(len, head)) / nh) if nh else 0.0,
        1.0 if _TERMINAL.search(s[-6:]) else 0.0, 1.0 if s.endswith(":") else 0.0,
        1.0 if first.isupper() else 0.0, 1.0 if first and not first.isalnum() else 0.0,
        upper / letters if letters else 0.0, title / nalpha if nalpha else 0.0,
        digits / nsample if nsample else 0.0, s.count(",") / nw if nw else 0.0,
        float(len(_SENT_INNER.findall(sample))), float(_separators(sample)),
        float(len(_LINKISH.findall(low))) if ("." in low or "@" in low) else 0.0,
        float(len(_HASHTAG.findall(sample))) if "#" in sample else 0.0, stops / nh if nh else 0.0,
        1.0 if digits and _MONTH.search(low) else 0.0, 1.0 if digits and _NUMDATE.search(sample) else 0.0,
        1.0 if digits and _TIME.search(low) else 0.0,
        1.0 if s.endswith(("...", "…")) else 0.0, float(len(_QUOTE.findall(sample))),
        1.0 if digits and _CURRENCY.search(sample) else 0.0,
        0.0, 0.0, 0.0, float(s.count("|")), 1.0 if letters > 3 and upper == letters else 0.0, 0.0,
        len(set(head)) / nh if nh >= 6 else 1.0,
        1.0 if nc >= 60 and _credit_tail(s[-90:].lower()) else 0.0,
    )


def _credit_tail(tail: str) -> bool:
    """``_CREDIT_TAIL.search(tail)``, with a substring test first: most lines name no photo agency."""
    return any(k in tail for k in _CREDIT_KEYS) and _CREDIT_TAIL.search(tail) is not None


# Base features whose neighbour averages are informative.
_CTX = ["log_words", "terminal", "stop_frac", "upper_frac", "title_frac", "separators", "rule_any", "inner_sents",
        "prose", "dup_count", "linkish", "mean_word_len"]
_OFFSETS = (-3, -2, -1, 1, 2, 3)
_WINDOWS = (2, 5, 12)
_IDX = {n: i for i, n in enumerate(BASE_NAMES + ["prose"])}


_CTX_ROWS = [_IDX[c] for c in _CTX]


def feature_names() -> list[str]:
    return list(_feature_names())


@lru_cache(maxsize=1)
def _feature_names() -> tuple[str, ...]:
    cats = [f"rule:{c}" for c in categories()]
    names = BASE_NAMES + ["prose"] + cats
    names += ["rel_pos", "log_from_start", "log_from_end", "log_doc_lines", "len_vs_max", "len_vs_median",
              "in_block", "block_dist", "prose_before", "prose_after", "dist_prose_up", "dist_prose_down",
              "blank_before", "blank_after", "vocab_overlap", "page_prose_share", "in_block_loose", "block_loose_dist",
              "in_block_strict", "block_strict_dist", "len_vs_local_max", "vocab_overlap~2", "vocab_overlap~5"]
    for c in _CTX:
        names += [f"{c}@{o:+d}" for o in _OFFSETS]
        names += [f"{c}~{w}" for w in _WINDOWS]
    return tuple(names)


def _shift(col: np.ndarray, k: int, fill: float = -1.0) -> np.ndarray:
    out = np.full_like(col, fill)
    n = len(col)
    if k > 0 and k < n:
        out[:n - k] = col[k:]
    elif k < 0 and -k < n:
        out[-k:] = col[:n + k]
    return out


def _window_mean(col: np.ndarray, w: int) -> np.ndarray:
    """Mean over lines i-w..i+w (clipped at the page edges), in linear time via a cumulative sum.

    ``col`` may be one column or a matrix (one mean per column).
    """
    return _window_means(col, (w,))[0]


def _window_means(col: np.ndarray, widths: tuple[int, ...]) -> list[np.ndarray]:
    """``_window_mean`` for several widths from one cumulative sum."""
    n = len(col)
    c = np.concatenate((np.zeros((1, *col.shape[1:])), np.cumsum(col, axis=0)))
    idx = np.arange(n)
    out = []
    for w in widths:
        lo = np.maximum(idx - w, 0)
        hi = np.minimum(idx + w + 1, n)
        span = (hi - lo).astype(float)
        out.append((c[hi] - c[lo]) / (span if col.ndim == 1 else span[:, None]))
    return out


@lru_cache(maxsize=8192)
def _vocab(line: str) -> frozenset[str]:
    """Content words of a line (lower-cased, longer than three letters, no stopwords): what the line is about."""
    return frozenset(w for w in WORD_RE.findall(line[:1000].lower()) if len(w) > 3 and w not in STOPWORDS)


def _overlap(texts: list[str], flags: list[float]) -> list[float]:
    """Share of each line's content words that other prose lines of the page also use (-1: no content words).

    A subheading or a caption talks about what the article talks about; a menu or a list of other stories
    mostly does not. ``once`` holds the words of any prose line, ``twice`` those of two or more, so a prose
    line's words "used elsewhere" are exactly its words in ``twice``. When every line of the page was met on
    earlier pages (paragraphs and chrome recur across a batch) the word sets are cached bit sets, and an OR or
    AND of two ints costs less than adding a page's few hundred words to a set; else plain sets.
    """
    masks = list(map(_MASKS.get, texts))
    if None in masks:
        _remember(texts)
        return _overlap_sets(texts, flags)
    once = twice = 0
    for (m, _), p in zip(masks, flags, strict=True):
        if p:
            twice |= once & m
            once |= m
    return [(m & (twice if p else once)).bit_count() / k if k else -1.0 for (m, k), p in zip(masks, flags, strict=True)]


def _overlap_sets(texts: list[str], flags: list[float]) -> list[float]:
    """``_overlap`` with Python sets (the reference; and on pages with a line not met before)."""
    vocabs = list(map(_vocab, texts))
    once: set[str] = set()
    twice: set[str] = set()
    for v, p in zip(vocabs, flags, strict=True):
        if p:
            twice |= once & v
            once |= v
    return [len(v & (twice if p else once)) / len(v) if v else -1.0 for v, p in zip(vocabs, flags, strict=True)]


# A line's content words as a bit set over a word numbering: built when a line is met a second time (a line met
# once, as most article lines are, would cost more to encode than the sets it saves).
_WORD_ID: dict[str, int] = {}  # content word -> its bit
_MASKS: dict[str, tuple[int, int]] = {}  # line -> (bit set of its content words, their number)
_SEEN: dict[str, None] = {}  # lines met once
_REMEMBER_MAX = 8192  # lines remembered: past this (or past _WORDS_MAX words), all three start afresh
_WORDS_MAX = 2048  # so a bit set stays near a quarter of a kilobyte (the limit is checked between pages)


def _remember(texts: list[str]) -> None:
    """Give bit sets to the lines of ``texts`` met before; note the others as met."""
    if len(_SEEN) > _REMEMBER_MAX or len(_MASKS) > _REMEMBER_MAX or len(_WORD_ID) > _WORDS_MAX:
        _SEEN.clear()
        _MASKS.clear()
        _WORD_ID.clear()  # numbering restarts: no bit set of the old numbering is left
    again = _SEEN.keys() & texts
    _SEEN.update(dict.fromkeys(texts))
    ids = _WORD_ID
    for t in again - _MASKS.keys():
        v = _vocab(t)
        m = 0
        for w in v:
            i = ids.get(w)
            if i is None:
                i = ids[w] = len(ids)
            m |= 1 << i
        _MASKS[t] = m, len(v)


def _max_block(score: np.ndarray) -> tuple[int, int]:
    """The contiguous run of lines with the highest total prose score: the article body.

    Kadane's answer from prefix sums, in numpy: the best end is where the prefix sum rises most above its
    running minimum, the start is the last place that minimum is reached before it.
    """
    if not len(score):
        return 0, 0
    P = np.concatenate(([0.0], np.cumsum(score)))
    gains = P[1:] - np.minimum.accumulate(P[:-1])
    hi = int(np.argmax(gains)) + 1
    head = P[:hi]
    lo = hi - 1 - int(np.argmin(head[::-1]))
    return lo, hi


@lru_cache(maxsize=8192)  # menus and footers recur across a batch; a long paragraph costs one lower/split/join
def _norm(line: str) -> str:
    """Case and spacing folded, to count how often a line recurs on its page."""
    return " ".join(line.lower().split())


@lru_cache(maxsize=1)
def _cat_index() -> dict[str, int]:
    return {c: j for j, c in enumerate(categories())}


@lru_cache(maxsize=8192)  # menus, share lines and footers recur within a page and across a batch
def _line(line: str) -> tuple[bytes, str, int, int, int]:
    """What a line says on its own: shape features (as float64 bytes: a page's rows join in C), folded text,
    script and its letters, phrase-rule category (its index in ``categories()``, -1 for none).

    One cache lookup per line instead of four.
    """
    sc, nlet = _script(line[:_SAMPLE])
    hit = rule_hit(line) if len(line) < _RULE_MAX else None
    return _BASE_ROW.pack(*_base(line)), _norm(line), sc, nlet, _cat_index()[hit[0]] if hit else -1


_BASE_ROW = struct.Struct(f"={len(BASE_NAMES)}d")  # native float64, as numpy reads it back
_CUT = itemgetter(slice(None, _SAMPLE))


@lru_cache(maxsize=8192)  # menus and footers recur across a batch
def _row(line: str) -> bytes:
    """``_base`` as float64 bytes: a page's rows join in C."""
    return _BASE_ROW.pack(*_base(line))


@lru_cache(maxsize=1)
def _rule_literals() -> tuple[tuple[str, ...] | None, ...]:
    """Per unanchored rule of ``_rule_plan``: strings one of which every match holds (None: not known). A string
    that holds another of the set is dropped: wherever it is, the shorter one is too."""
    out: list[tuple[str, ...] | None] = []
    for _, _, rx in _rule_plan()[1]:
        try:
            req = _required(list(_P.parse(rx.pattern)))
        except Exception:  # pragma: no cover - a parser change in a future Python: the rule is always tried
            req = None
        if not req or any("\n" in r for r in req):
            out.append(None)
            continue
        out.append(tuple(sorted(r for r in req if not any(o != r and o in r for o in req))))
    return tuple(out)


def _first_rule(low: str, rest: Any) -> int:
    """Index in ``patterns()`` of the first rule matching the lower-cased line ``low`` (len(patterns()) if none),
    trying the unanchored rules of ``rest`` (a subset of ``_rule_plan()[1]``, in order)."""
    joined = _rule_plan()[0]
    m = joined.match(low) if joined is not None else None
    first = int(m.lastgroup[1:]) if m is not None and m.lastgroup else len(patterns())
    for k, pre, rx in rest:
        if k > first:
            break
        if (pre is None or pre.search(low)) and rx.search(low):
            return k
    return first


def _page_rules(texts: list[str], lowl: list[str]) -> list[int]:
    """``rule_hit``'s category (its index in ``categories()``, -1 for none) of each line shorter than _RULE_MAX,
    -1 for the others; each result is noted in rule_hit's cache (the reasons and the title search ask again).

    A rule none of whose required strings occurs on the page (most rules on most pages) is not tried on its lines.
    """
    n = len(texts)
    out = [-1] * n
    short = list(compress(range(n), map(_RULE_MAX.__gt__, map(len, texts))))
    if not short:
        return out
    lows = list(map(lowl.__getitem__, short))
    page = "\n".join(lows)
    live = [r for r, lits in zip(_rule_plan()[1], _rule_literals(), strict=True)
            if lits is None or any(map(page.__contains__, lits))]
    pats = patterns()
    cat = _cat_index()
    if len(_HITS) >= _HITS_MAX:
        _HITS.clear()
    for i, low in zip(short, lows, strict=True):
        k = _first_rule(low, live)
        if k == len(pats):
            _HITS[texts[i]] = None
        else:
            _HITS[texts[i]] = hit = pats[k][1:]
            out[i] = cat[hit[0]]
    return out


class _Geometry(NamedTuple):
    """What depends only on a page's number of non-blank lines: position rows and gather indices."""

    pos: np.ndarray  # (4, n) rel_pos, log_from_start, log_from_end, log_doc_lines
    ends: np.ndarray  # (2 * len(_WINDOWS) * n,) window ends then starts, per width, into a prefix sum with a leading 0
    span: np.ndarray  # (len(_WINDOWS) * n,) window lengths
    gather: np.ndarray  # (len(_OFFSETS + _WINDOWS) * n,) per neighbour cue: its shifts then window means in ``_ctx``
    around: np.ndarray  # (n, 11) the lines within five of each line, clipped at the page's edges
    both: np.ndarray  # (2 * n,) 0..n-1 then n-1..0: the page and the page reversed
    index2: np.ndarray  # (2 * n,) 0..n-1 twice


_PAD = max(map(abs, _OFFSETS))
_LOCAL = 5  # lines each side for len_vs_local_max


@lru_cache(maxsize=128)
def _geometry(n: int) -> _Geometry:
    idx = np.arange(n, dtype=float)
    pos = np.vstack([idx / max(n - 1, 1), np.log1p(idx), np.log1p(n - 1 - idx), np.full(n, math.log1p(n))])
    i = np.arange(n)
    lo = np.concatenate([np.maximum(i - w, 0) for w in _WINDOWS])
    hi = np.concatenate([np.minimum(i + w + 1, n) for w in _WINDOWS])
    span = (hi - lo).astype(float)
    # ``_ctx`` rows: the cues padded with _PAD columns of -1 each side (n + 2 * _PAD), then the window means
    shifts = [i + _PAD + o for o in _OFFSETS]
    means = [n + 2 * _PAD + k * n + i for k in range(len(_WINDOWS))]
    gather = np.concatenate(shifts + means)
    around = np.clip(i[:, None] + np.arange(-_LOCAL, _LOCAL + 1)[None, :], 0, n - 1)
    return _Geometry(pos, np.concatenate([hi, lo]), span, gather, around, np.concatenate([i, i[::-1]]),
                     np.concatenate([i, i]))


# Rows of the transposed feature matrix (the order of ``feature_names``).
_NB = len(BASE_NAMES)
_PROSE = _NB
_RULES0 = _NB + 1
_POS_NAMES = ["rel_pos", "log_from_start", "log_from_end", "log_doc_lines", "len_vs_max", "len_vs_median",
              "in_block", "block_dist", "prose_before", "prose_after", "dist_prose_up", "dist_prose_down",
              "blank_before", "blank_after", "vocab_overlap", "page_prose_share", "in_block_loose", "block_loose_dist",
              "in_block_strict", "block_strict_dist", "len_vs_local_max", "vocab_overlap~2", "vocab_overlap~5"]
_PC = {name: k for k, name in enumerate(_POS_NAMES)}
_LOG1P_50 = np.log1p(np.arange(51.0))  # log1p of a distance to the nearest prose line (0..50 lines)


def page_features(lines: list[str], at_once: bool = True) -> tuple[np.ndarray, list[int]]:
    """Feature matrix over the non-blank lines of a page, and their indices in ``lines``.

    Written to make few numpy calls: a page has tens of lines, so a call's fixed cost outweighs its work.
    The matrix is filled transposed (one row per feature: a feature is one contiguous write, and the tree model
    reads it so) and returned as its transpose, a view; what depends only on the number of lines is cached, and
    on short pages the per-line position features are Python lists written with one call. ``at_once=False``
    takes the line-by-line reference path for the lines' own features (the same bytes; for the tests).
    """
    keep = list(compress(range(len(lines)), map(str.strip, lines)))
    names_n = len(_feature_names())
    n = len(keep)
    if not n:
        return np.zeros((0, names_n)), keep
    texts = list(map(lines.__getitem__, keep))
    pos0 = _RULES0 + len(categories())
    ctx0 = pos0 + len(_POS_NAMES)
    XT = np.zeros((names_n, n))
    whole = "\n".join(texts)
    if at_once and whole.count("\n") == n - 1:  # no line holds a newline (the usual case): the page is read at once
        XT[:_NB] = np.frombuffer(b"".join(map(_row, texts)), dtype=np.float64).reshape(n, _NB).T
        # lower-casing is per character (a newline ends a word for the final sigma too): the lines' lower cases
        lowl = whole.lower().split("\n")
        rule_cols = _page_rules(texts, lowl)
        # repetition within the page: lines that fold alike have as many words, so only such lines are folded
        nw = XT[_IDX["log_words"]].tolist()  # log1p of the word count: equal exactly when the counts are
        same = Counter(nw)
        if len(same) < n:
            cand = [i for i, k in enumerate(nw) if same[k] > 1]
            folded = [" ".join(lowl[i].split()) for i in cand]
            counts = Counter(folded)
            if len(counts) < len(cand):
                XT[_IDX["dup_count"], cand] = [math.log(counts[t]) for t in folded]
        # script: no letter past Latin on the page, no line in another script (``_script`` finds these letters)
        scripts: Any = (0,)
        if _NONLATIN.search(whole):
            scripts, letters = zip(*map(_script, map(_CUT, texts)), strict=True)
    else:
        bases, norm, scripts, letters, rule_cols = zip(*map(_line, texts), strict=True)
        XT[:_NB] = np.frombuffer(b"".join(bases), dtype=np.float64).reshape(n, _NB).T
        # repetition within the page
        counts = Counter(norm)
        if len(counts) < n:  # else every line is unique: log(1) = 0, as the base features already hold
            XT[_IDX["dup_count"]] = [math.log(counts[t]) for t in norm]
    # script: lines in another script than the page's dominant one
    cjk_any = False
    if not set(scripts) <= {0, -1}:  # else all Latin (or no letters): nothing is in another script, nothing is CJK
        tally = [0] * len(_SCRIPTS)
        for sc, nlet in zip(scripts, letters, strict=True):
            if sc >= 0:
                tally[sc] += nlet
        dom = max(range(len(tally)), key=tally.__getitem__)
        XT[_IDX["other_script"]] = [1.0 if sc >= 0 and sc != dom else 0.0 for sc in scripts]
        cjk = [1.0 if sc in (5, 6, 7) else 0.0 for sc in scripts]
        XT[_IDX["cjk"]] = cjk
        cjk_any = any(cjk)
    # phrase rules: a category row and rule_any
    hits = [r for r, c in enumerate(rule_cols) if c >= 0]  # the lines that fire a rule
    if hits:
        flat = XT.ravel()  # a view: XT is fresh and contiguous
        flat[[(_RULES0 + rule_cols[r]) * n + r for r in hits] + [_IDX["rule_any"] * n + r for r in hits]] = 1.0
    nwords = np.expm1(XT[_IDX["log_words"]])
    nchars = np.expm1(XT[_IDX["log_chars"]])
    eff_words = np.where(XT[_IDX["cjk"]] > 0, nchars / 2.5, nwords) if cjk_any else nwords  # CJK has few spaces
    # prose: 12 words that end in terminal punctuation, or 30 words
    prose = XT[_PROSE]
    # (terminal is 0 or 1, so np.where can read it as the condition)
    np.greater_equal(eff_words, np.where(XT[_IDX["terminal"]], 12.0, 30.0), out=prose, casting="unsafe")
    flags = prose.tolist()
    # page position
    geo = _geometry(n)
    P = XT[pos0:ctx0]
    P[:4] = geo.pos
    srt = sorted(nchars.tolist())  # the same floats: max and median in Python, without numpy's per-call cost
    maxlen = max(srt[-1], 1.0)
    med = max(0.5 * (srt[(n - 1) // 2] + srt[n // 2]), 1.0)  # np.median's arithmetic
    _block_positions_into(P, prose, eff_words)
    pw = prose * eff_words
    tot = max(pw.sum(), 1.0)
    cum = np.cumsum(pw)
    # each row computed in place (out=): the same operations as the expressions in the comments, fewer calls
    row = P[_PC["prose_before"]]  # (cum - pw) / tot
    np.divide(np.subtract(cum, pw, out=row), tot, out=row)
    row = P[_PC["prose_after"]]  # (tot - cum) / tot
    np.divide(np.subtract(tot, cum, out=row), tot, out=row)
    np.divide(nchars, maxlen, out=P[_PC["len_vs_max"]])
    row = P[_PC["len_vs_median"]]  # log(max(nchars, 1) / med)
    np.log(np.divide(np.maximum(nchars, 1.0, out=row), med, out=row), out=row)
    overlap = _overlap(texts, flags)
    P[_PC["vocab_overlap"]] = overlap
    P[_PC["page_prose_share"]] = sum(flags) / n  # 0/1 flags: any order of summing is exact
    # a neighbour line is blank exactly when its index is not kept
    last = len(lines) - 1
    before, after = [-2, *keep[:-1]], [*keep[1:], -2]
    blank = ([1.0 if k > 0 and k - 1 != b else 0.0 for b, k in zip(before, keep, strict=True)],
             [1.0 if k < last and k + 1 != a else 0.0 for k, a in zip(keep, after, strict=True)])
    P[_PC["blank_before"]:_PC["blank_after"] + 1] = blank
    _nearest_log_into(P, prose, geo)
    # the longest line within five: indices clipped at the page's edges repeat an edge line already in the window
    local = nchars.take(geo.around).max(axis=1)
    np.divide(nchars, np.maximum(local, 1.0, out=local), out=P[_PC["len_vs_local_max"]])
    # the context cues: values of the lines around, and window means (the overlap's means ride along)
    nc = len(_CTX_ROWS)
    ctx = np.full((nc + 1, n + 2 * _PAD + len(_WINDOWS) * n), -1.0)  # -1 above the first and below the last line
    cues = ctx[:, _PAD:_PAD + n]
    XT.take(_CTX_ROWS + [pos0 + _PC["vocab_overlap"]], axis=0, out=cues, mode="clip")
    np.maximum(cues[nc], 0.0, out=cues[nc])
    csum = np.zeros((nc + 1, n + 1))
    np.cumsum(cues, axis=1, out=csum[:, 1:])
    sums = csum.take(geo.ends, axis=1)
    w = len(_WINDOWS) * n
    means = ctx[:, n + 2 * _PAD:]
    np.divide(np.subtract(sums[:, :w], sums[:, w:], out=sums[:, :w]), geo.span, out=means)
    P[_PC["vocab_overlap~2"]:_PC["vocab_overlap~5"] + 1] = means[nc, :2 * n].reshape(2, n)  # widths 2 and 5
    ctx[:nc].take(geo.gather, axis=1, out=XT[ctx0:].reshape(nc, -1), mode="clip")
    return XT.T, keep


def _nearest_log_into(P: np.ndarray, prose: np.ndarray, geo: _Geometry) -> None:
    """log1p of the lines to the nearest prose line above and below (capped at 50) into the dist_prose rows of
    ``P``: one running maximum over the page and its reverse (the next prose line below is the latest one above in
    the reversed page), logs from a table."""
    n = len(prose)
    last = np.where(prose.take(geo.both), geo.index2, -_FAR).reshape(2, n)  # prose is 0 or 1: a condition
    np.maximum.accumulate(last, axis=1, out=last)  # the latest prose line so far, each way
    dist = np.minimum(np.subtract(geo.index2.reshape(2, n), last, out=last), 50, out=last)
    _LOG1P_50.take(dist[0], out=P[_PC["dist_prose_up"]])
    _LOG1P_50.take(dist[1, ::-1], out=P[_PC["dist_prose_down"]])


_FAR = 1 << 40  # "no prose line that way": any distance from it is capped at 50


_S2_OFFSETS = (-4, -3, -2, -1, 1, 2, 3, 4)
_S2_WINDOWS = (2, 5, 10, 25)


_BLOCK_PENALTIES = np.array([3.0, 1.0, 10.0])  # words a non-prose line costs inside the body: usual, loose, strict
_NEG_PENALTIES = -_BLOCK_PENALTIES[:, None]  # a non-prose line's score, one row per penalty
# Rows of the position block for each penalty: (in_block, block_dist)
_BLOCK_ROWS = ((_PC["in_block"], _PC["block_dist"]), (_PC["in_block_loose"], _PC["block_loose_dist"]),
               (_PC["in_block_strict"], _PC["block_strict_dist"]))


def _block_positions_into(P: np.ndarray, prose: np.ndarray, eff_words: np.ndarray) -> None:
    """``_block_positions`` written into the in_block and block_dist rows of a page's position block ``P``."""
    if len(prose) > _SCAN_MAX:
        inside, dist = _block_positions(prose, eff_words)
        for k, (r_in, r_dist) in enumerate(_BLOCK_ROWS):
            P[r_in], P[r_dist] = inside[k], dist[k]
        return
    for rows, (r_in, r_dist) in zip(_short_block_rows(prose, eff_words), _BLOCK_ROWS, strict=True):
        P[r_in:r_dist + 1] = rows  # the two rows are adjacent


@lru_cache(maxsize=4096)  # a short page has few (lo, hi) pairs
def _block_rows(n: int, lo: int, hi: int) -> np.ndarray:
    """in_block and block_dist of a page of ``n`` lines whose body is lines lo..hi-1, as a (2, n) array."""
    table = _signed_log1p(n)
    out = np.zeros((2, n))
    out[0, lo:hi] = 1.0
    out[1, :lo] = table[n - lo:n]
    out[1, hi:] = table[n + 1:2 * n - hi + 1]
    return out


def _block_positions(prose: np.ndarray, eff_words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``_block_position`` for the three penalties at once: one prefix-sum pass over a three-column score.

    Returns (inside, dist), each (3, n): row k for penalty k.
    """
    n = len(prose)
    if n <= _SCAN_MAX:
        return _block_positions_scan(prose, eff_words)
    S = np.where(prose[:, None] > 0, eff_words[:, None], -_BLOCK_PENALTIES[None, :])
    P = np.zeros((n + 1, S.shape[1]))
    np.cumsum(S, axis=0, out=P[1:])
    hi = np.argmax(P[1:] - np.minimum.accumulate(P[:-1], axis=0), axis=0) + 1
    rows = np.arange(n + 1)[:, None]
    masked = np.where(rows < hi[None, :], P, np.inf)
    lo = n - np.argmin(masked[::-1], axis=0)  # the last place the minimum is reached before hi
    idx = np.arange(n, dtype=float)[:, None]
    inside = ((idx >= lo) & (idx < hi)).astype(float)
    dist = np.minimum(idx - lo, 0.0) + np.maximum(idx - hi + 1, 0.0)
    dist = np.sign(dist) * np.log1p(np.abs(dist))
    return inside.T, dist.T


_SCAN_MAX = 64  # up to this many lines, a Python scan beats twenty numpy calls on tiny arrays


def _short_block_rows(prose: np.ndarray, eff_words: np.ndarray) -> list[np.ndarray]:
    """Per penalty, the (2, n) in_block and block_dist rows of a short page, from ``_best_block``."""
    n = len(prose)
    scores = np.where(prose > 0, eff_words, _NEG_PENALTIES).tolist()  # one row per penalty
    return [_block_rows(n, *_best_block(r)) for r in scores]


def _block_positions_scan(prose: np.ndarray, eff_words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``_block_positions`` for a short page from ``_best_block``: the same blocks and the same floats."""
    rows = _short_block_rows(prose, eff_words)
    return np.vstack([r[0] for r in rows]), np.vstack([r[1] for r in rows])


def _best_block(scores: list[float]) -> tuple[int, int]:
    """The body block (lo, hi) for one penalty, as Kadane's scan finds it: the same sums in the same order, the
    same ties as the prefix-sum version, each step a C-level list operation.

    The prefix sum P rises by the words of a prose line and falls by the penalty otherwise; the best block ends
    where P most exceeds its running minimum (first such place) and starts at the last place that minimum is
    reached before it.
    """
    P = list(accumulate(scores, initial=0.0))
    low = list(accumulate(P[:-1], min))  # low[i]: the minimum of P[0..i]
    gains = list(map(sub, P[1:], low))
    i = gains.index(max(gains))
    return i - P[i::-1].index(low[i]), i + 1


@lru_cache(maxsize=_SCAN_MAX + 1)
def _signed_log1p(n: int) -> np.ndarray:
    """sign(d) * log1p(|d|) for d = -n..n, at index n + d: the block distance column's values."""
    d = np.arange(-n, n + 1, dtype=float)
    return np.sign(d) * np.log1p(np.abs(d))


def _block_position(score: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Inside the best-scoring contiguous run (0/1) and the signed log distance to it, per line."""
    n = len(score)
    lo, hi = _max_block(score)
    inside = np.zeros(n)
    inside[lo:hi] = 1.0
    idx = np.arange(n, dtype=float)
    dist = np.minimum(idx - lo, 0.0) + np.maximum(idx - hi + 1, 0.0)  # negative above the run, positive below
    return inside, np.sign(dist) * np.log1p(np.abs(dist))


def stage2_features(X: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Stage-one probabilities of the neighbours appended to the line features (stacking).

    Besides the neighbours' probabilities, where the line sits relative to the run of lines
    stage one believes in most (the article body as one block) and how much of the page's
    content probability lies above it.
    """
    n = len(p)
    if not n:
        return np.zeros((0, X.shape[1] + len(_stage2_extra())))
    cols = [p]
    for o in _S2_OFFSETS:
        cols.append(_shift(p, o, 0.5))
    for w in _S2_WINDOWS:
        cols.append(_window_mean(p, w))
    cols += [np.maximum.accumulate(p), np.maximum.accumulate(p[::-1])[::-1], np.full(n, p.mean())]
    for bias in (0.5, 0.3):
        inside, dist = _block_position(p - bias)
        cols += [inside, dist]
    tot = max(float(p.sum()), 1e-9)
    cum = np.cumsum(p)
    cols += [(cum - p) / tot, (tot - cum) / tot]
    return np.column_stack([X] + cols)


def _stage2_extra() -> list[str]:
    return ["p"] + [f"p@{o:+d}" for o in _S2_OFFSETS] + [f"p~{w}" for w in _S2_WINDOWS] + \
        ["p_max_above", "p_max_below", "p_page_mean", "in_pblock50", "pblock50_dist", "in_pblock30",
         "pblock30_dist", "p_mass_above", "p_mass_below"]


def stage2_names() -> list[str]:
    return feature_names() + _stage2_extra()
