"""Style of the writing itself: the surface habits a copy editor would flag.

These are the text features the credibility checklist reads besides the other
signals: headline style, shouting (capitals, exclamation marks), addressing the
reader, first-person voice, unhedged certainty against hedging, vague sourcing,
citation chains, time anchoring, credited named sources, a byline and a date,
and whether comment was sought from the other side.

Speed: the cue phrases (``reporter/data/style.csv``) are indexed by their first
word, so the text is walked once, word by word, and a phrase regex is only tried
where its first word occurs. Words inside quotation marks are the speaker's, not
the outlet's: counts of the outlet's habits skip them.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import islice
from operator import itemgetter
from typing import Any

from reporter.signals.view import ArticleView
from reporter.text.scan import matches_where

WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|" \
        r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# A publication-date line near the top: "Published: March 3, 2024", "3 March 2024", "2024-03-03".
DATE_LINE = re.compile(
    rf"^\s*(?:(?:published|updated|posted|date|first published)\s*(?:on)?\s*:?\s*)?(?:{WEEKDAY},?\s+)?"
    rf"(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}})",
    re.I | re.U)
# The wire dateline: "WASHINGTON (Reuters) - ", "MOSCOW, March 3 — ".
DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’\-]{2,30}(?:,\s*[A-Z][\w .]{1,30})?\s*(?:\([\w .&]{2,30}\)\s*)?[-–—]\s", re.U)
BYLINE = re.compile(r"^\s*(?:by|written by|author:?|posted by|reporting by)\s+"
                    r"([^\W\d_][\w.'’\-]*(?:\s+(?:and\s+)?[^\W\d_][\w.'’\-]*){0,5})\s*(?:[,|\-–—]|$)", re.I | re.U)
# Four letters or more: most acronyms are shorter or listed below. This is ``\b[A-Z]{4,}\b`` written to open with
# the letter class, so the regex engine skips to capitals in C (a leading ``\b`` is tried at every position).
CAPS_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{3,}\b")
# The quotation's body excludes every closing mark, so taking it possessively (a run in C, no backtracking) matches
# what the lazy ``{1,600}?`` did: the first closing mark within 600 characters, or no match.
QUOTE_SPAN = re.compile(r"[\"“«„][^\"“”»]{1,600}+[\"”»“]", re.U)
MAX_REPEATS = 3  # uses of one word in capitals counted at most (the same rule as for loaded words)
_SPAN = re.Match.span
_HAS_QUOTE = re.compile(r"[\"“«„]")
_FIRST, _SECOND = itemgetter(0), itemgetter(1)

# Common all-capital names that are not shouting.
ACRONYMS = frozenset("NATO NASA OPEC FIFA UEFA UNESCO UNICEF NAACP AIPAC ISIS ISIL MSNBC COVID AIDS FEMA USDA "
                     "SCOTUS POTUS NAFTA ACLU UKIP NYSE NASDAQ LGBT LGBTQ USSR DPRK TASS CNBC OSCE ASEAN BRICS "
                     "IAEA NORAD SWIFT OECD MERS SARS".split())

_PARTICLES = ("de", "van", "von", "al", "bin")
_NAME = rf"[A-Z](?:[a-z][\w'’\-]*|\.)(?:\s+(?:[A-Z][a-z][\w'’\-]*|[A-Z]\.|{'|'.join(_PARTICLES)})){{0,3}}"
# Before a cue: "the minister, Anna Kovacs, said" (a role, then the name between commas) or "Vladimir Putin said",
# "Putin, the president, said" (a name). One search with both as alternatives is what ``_credit`` does, in two
# regexes that each open with a character class: the regex engine then skips in C to where a match can start,
# instead of trying the pattern at every position of the 120 characters before the cue.
_ROLE_BEFORE = re.compile(
    rf"[TtAaHh](?<!\w[TtAaHh])(?:(?<=[Tt])he|(?<=[Aa])n?|(?<=[Hh])is|(?<=[Hh])er|(?<=[Tt])heir)"
    rf"\s+[\w ’'\-]{{1,50}}?,\s+(?P<c>{_NAME}),\s+$", re.U)
_NAME_BEFORE = re.compile(rf"(?P<a>{_NAME})(?:,[^,.;\"“”]{{1,60}},)?\s+$", re.U)
# After a cue: "said Dmitry Peskov", "according to the defence minister, Sergei Shoigu".
# Lower-case words between cue and name only after an article ("said the deputy minister, ..."), so that
# "told reporters in Washington" or "added complexity to the Iran talks" credit nobody.
_NAME_AFTER = re.compile(rf"(?:\s+to)?\s+(?:(?:the|a|an)\s+(?:[a-z][\w’'\-]*,?\s+){{1,4}})?(?P<b>{_NAME})", re.U)
_AFTER_CUES = frozenset({"said", "says", "told", "according", "wrote", "added"})
NOT_NAMES = frozenset("The This That These Those It He She They We I You There Here But And Officials Sources Experts "
                       "Analysts Critics Some Many Others Reports Report Police Authorities Democrats Republicans "
                       "Monday Tuesday Wednesday Thursday Friday Saturday Sunday In On At As If When After Before "
                       "Mr Mrs Ms Dr While Although Though Because Since So Yet Still Meanwhile However Also Then Now "
                       "Both All Each According During For From With Without By Under Over Despite Amid Why What How "
                       "Who Where Which Its His Her Their Our My Your Today Yesterday Last Next Earlier Later "
                       "Is Are Was Were Has Have Had Does Did Do Can Could Will Would Should May Might Must".split())


# Words that name a title or a group, not someone a reader could look up, when they stand alone.
NOT_ALONE = frozenset("President Rep Sen Gov Senator Minister Secretary Chairman Spokesman Spokeswoman General Judge "
                      "Americans Diplomats Figures Lawmakers Residents Voters Supporters Opponents Scientists "
                      "Researchers Economists Investors Protesters Witnesses Prosecutors Investigators Agents Leaders "
                      "Members Activists Observers Studies Polls Data Documents Records Officials Sources Experts "
                      "Analysts Critics Reports Conservatives Liberals Progressives Republicans Democrats "
                      # a capital or country standing for its government: not a source a reader can check
                      "Moscow Washington Beijing Kyiv Kiev London Paris Berlin Brussels Tokyo Tehran Pyongyang Ankara "
                      "Jerusalem Warsaw Minsk Delhi Islamabad Damascus China Russia Ukraine America Iran Israel "
                      "Europe Britain France Germany Turkey Japan India Pakistan Syria Taiwan Poland Belarus".split())


@dataclass(slots=True, frozen=True)
class Cue:
    """One row of a cue lexicon, compiled to match at a word start."""

    rx: re.Pattern[str]
    kind: str  # style | frame | term
    category: str
    row: tuple[tuple[str, str], ...]  # the CSV row, for notes and alternatives

    def get(self, key: str, default: str = "") -> str:
        return next((v for k, v in self.row if k == key), default)


def _close(pattern: str, i: int) -> int:
    """Index of the parenthesis closing the one at ``i`` (escaped characters skipped)."""
    depth = 0
    j = i
    while j < len(pattern):
        ch = pattern[j]
        if ch == "\\":
            j += 2
            continue
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return j
        j += 1
    raise ValueError(f"unbalanced pattern: {pattern!r}")


def _split_top(pattern: str) -> list[str]:
    """Split on ``|`` outside parentheses."""
    out, depth, cur = [], 0, ""
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur += pattern[i:i + 2]
            i += 2
            continue
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    out.append(cur)
    return out


def first_keys(pattern: str) -> set[str]:
    """The words a match of ``pattern`` can start with (lexicon rule: patterns start with whole words).

    Handles alternation, optional leading groups ("(full-scale )?invasion") and leading lookarounds.
    """
    keys: set[str] = set()
    for branch in _split_top(pattern):
        branch = branch.lstrip()
        if branch.startswith("("):
            j = _close(branch, 0)
            inner, rest = branch[1:j], branch[j + 1:]
            if inner.startswith(("?<!", "?<=", "?!", "?=")):
                keys |= first_keys(rest)
                continue
            inner = inner[2:] if inner.startswith("?:") else inner
            inner_keys = first_keys(inner)
            keys |= inner_keys
            if rest[:1] in ("?", "*"):
                keys |= first_keys(rest[1:])
            elif not inner_keys:  # a group of lookarounds only: "(?:(?<=it is )|(?<=it was ))said"
                keys |= first_keys(rest)
        elif branch:
            keys.add(_key(branch))
    return keys


_OUTLET_ONLY = frozenset({"certainty", "hedge", "second_person", "first_singular", "first_plural"})
_LEAD = re.compile(r"\w+")
_STRIP = "\"'“”‘’«»()[]{}<>.,;:!?…—–-*_/|#@"


def _key(word: str) -> str:
    """Index key of a word: its leading run of word characters, lower-cased; all numbers share one key."""
    if word.startswith("\\d"):
        return "#num"
    m = _LEAD.match(word)
    lead = m.group().lower() if m else word.lower()
    return "#num" if lead.isdigit() else lead


def _load(name: str, kind: str, category_col: str) -> list[Cue]:
    out: list[Cue] = []
    with resources.files("reporter.data").joinpath(name).open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            pat = row["pattern"].strip()
            rx = re.compile(rf"(?:{pat})(?!\w)", re.I | re.U)
            out.append(Cue(rx, kind, row[category_col].strip(), tuple((k, (v or "").strip()) for k, v in row.items())))
    return out


@cache
def lexicons() -> tuple[Cue, ...]:
    """Every cue: style.csv, frames.csv and terms.csv (read once per process)."""
    return (*_load("style.csv", "style", "category"), *_load("frames.csv", "frame", "category"),
            *_load("terms.csv", "term", "concept"))


@cache
def cues() -> dict[str, tuple[Cue, ...]]:
    """All cues indexed by the words they can start with."""
    index: dict[str, list[Cue]] = {}
    for cue in lexicons():
        if cue.category == "clickbait":
            continue  # headline-only cues: matched on the headline by category_regex, not in the body
        pat = cue.get("pattern")
        for k in first_keys(pat):
            index.setdefault(k, []).append(cue)
    return {k: tuple(v) for k, v in index.items()}


# One cue as the trigger loop of ``measure`` needs it, worked out once: (match, category, kind, counted in the
# outlet's voice only, credits a source, the cue).
# The match is None where the cue's match at its trigger word is always that word (see ``word_is_match``).
_Plan = tuple[Any, str, str, bool, bool, Cue]
_LITERALS = re.compile(r"(?:\((?:\?:)?)?([a-z0-9 '’\-]+(?:\|[a-z0-9 '’\-]+)*)\)?")


def word_is_match(pattern: str, key: str) -> bool:
    """Whether ``pattern`` (a cue: matched case-insensitively, at a word start, ending at a word end) matches
    exactly the word ``key`` wherever a trigger found that word: then no regex needs to be tried there.

    True for an alternation of plain phrases ("(military|armed forces|troops)") in which the phrase ``key`` comes
    before any phrase that continues it past the word ("military police", "full-scale"): the regex tries the
    phrases in order, and any other phrase cannot match where the word is ``key`` (a trigger word ends at a word
    end; lower-casing keeps letters letters, and the lexicon's letters are ASCII).
    """
    m = _LITERALS.fullmatch(pattern)
    if m is None or (pattern[0] == "(") != (pattern[-1] == ")") or not key.isascii():
        return False
    for phrase in m.group(1).split("|"):
        if phrase == key:
            return True
        if phrase.startswith(key) and not (phrase[len(key)].isalnum() or phrase[len(key)] == "_"):
            return False  # a longer phrase tried first may match here
    return False


@cache
def plans() -> dict[str, tuple[_Plan, ...]]:
    """``cues()`` with each cue's loop constants precomputed (attribute and set look-ups cost as much as a match)."""
    return {k: tuple((None if word_is_match(c.get("pattern"), k) else c.rx.match,
                      c.category, c.kind, c.category in _OUTLET_ONLY, c.category == "said", c)
                     for c in v) for k, v in cues().items()}


@cache
def word_plans() -> dict[str, tuple[_Plan, ...] | str]:
    """``plans()`` of the keys a trigger word is looked up under (a word opening with a digit is a number); for a
    word whose one cue is a frame's and matches the word itself, that frame's name instead of the plans."""
    out: dict[str, tuple[_Plan, ...] | str] = {}
    for k, v in plans().items():
        if k[0].isdigit() or k == "#num":
            continue
        out[k] = v[0][1] if len(v) == 1 and v[0][0] is None and v[0][2] == "frame" else v
    return out


@cache
def category_regex(category: str) -> re.Pattern[str]:
    """All style patterns of one category as one regex, for short strings such as a headline."""
    pats = sorted({c.get("pattern") for c in lexicons() if c.kind == "style" and c.category == category})
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in pats) + r")(?!\w)", re.I | re.U)


@cache
def _clickbait_scan() -> re.Pattern[str]:
    """``category_regex("clickbait")`` opening with the non-word character before the cue instead of ``\\b``.

    A regex opening with ``\\b`` is tried at every position, and case-insensitive words give the engine no first
    character to skip to; a class of the non-word characters does (see ``word_start_scan``).
    """
    body = category_regex("clickbait").pattern
    assert body.startswith(r"\b(?:") and body.endswith(r")(?!\w)")
    return re.compile(rf"[{_nonword_class()}](?i:{body[2:]})", re.U)


def _clickbait(title: str) -> int:
    """``len(category_regex("clickbait").findall(title))``: every cue opens with a word character, so a cue at a word
    start follows a non-word character, or the space put before the title; matches cannot overlap (each ends with
    a word character followed by a non-word one, before the next one's non-word character)."""
    if len(title.encode("utf-16-le", "surrogatepass")) != 2 * len(title):  # astral characters: not in the class
        return len(category_regex("clickbait").findall(title))
    return len(_clickbait_scan().findall(" " + title))


@dataclass(slots=True)
class Style:
    """Counts over the article (in the outlet's own voice where it matters), with the evidence spans."""

    words: int = 0
    outlet_words: int = 0
    sentences: int = 0
    title: str = ""
    title_span: tuple[int, int] | None = None
    byline: str | None = None
    byline_span: tuple[int, int] | None = None
    date_span: tuple[int, int] | None = None
    dateline_span: tuple[int, int] | None = None
    counts: dict[str, int] = field(default_factory=dict)
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # last name -> the form first seen
    credited_sentences: int = 0  # sentences crediting a named person or body
    # frame -> sentence (start, end) -> its cues of that frame as written, in text order
    frames: dict[str, dict[tuple[int, int], list[str]]] = field(default_factory=dict)
    # contested terms in text order: the cue, start, end and the voice (outlet | attributed | quoted)
    terms: list[tuple[Cue, int, int, str]] = field(default_factory=list)

    def n(self, key: str) -> int:
        return self.counts.get(key, 0)

    def per_1000(self, key: str) -> float:
        """Rate per 1,000 words of the outlet's own text (floor of 100 words so a stub cannot explode)."""
        return 1000.0 * self.counts.get(key, 0) / max(self.outlet_words, 100)

    def to_dict(self) -> dict[str, Any]:
        return {"words": self.words, "outlet_words": self.outlet_words, "sentences": self.sentences,
                "title": self.title, "byline": self.byline, "counts": dict(sorted(self.counts.items())),
                "named_sources": sorted(self.sources.values()), "credited_sentences": self.credited_sentences}


def _outside(spans: list[tuple[int, int]], pos: int) -> bool:
    """True when ``pos`` lies in none of the sorted, disjoint quote spans."""
    if not spans:
        return True
    i = bisect_left(spans, (pos + 1,)) - 1
    return not (i >= 0 and spans[i][0] <= pos < spans[i][1])


def _title(view: ArticleView) -> tuple[str, tuple[int, int] | None]:
    """The headline: the title line the boilerplate stage found, else a short first line that is not page chrome."""
    text = view.text
    for ln in view.lines:
        if ln.kind == "title":
            return text[ln.start:ln.end].strip(), (ln.start, ln.end)
    lines = list(islice((ln for ln in view.lines if not ln.boilerplate and text[ln.start:ln.end].strip()), 3))
    for k, ln in enumerate(lines):
        line = text[ln.start:ln.end].strip()
        if len(line.split()) > 30 or re.search(r"[.:;,]$", line):
            break
        nxt = text[lines[k + 1].start:lines[k + 1].end].strip() if k + 1 < len(lines) else ""
        if nxt and nxt != line and line.endswith(nxt):
            continue  # "Home News World <headline>": a crumb trail ending in the headline of the next line
        return line, (ln.start, ln.end)
    return "", None


def _head(view: ArticleView, st: Style) -> None:
    """Byline, publication date and dateline among the first lines."""
    text = view.text
    head = islice((seg for seg in view.seg.lines if text[seg.start:seg.end].strip()), 8)
    for seg in head:
        line = text[seg.start:seg.end]
        if st.byline is None and (m := BYLINE.match(line)) and len(line.split()) <= 9:
            st.byline, st.byline_span = m.group(1), (seg.start + m.start(1), seg.start + m.end(1))
        if st.date_span is None and (m := DATE_LINE.match(line)):
            st.date_span = (seg.start + m.start(), seg.start + m.end())
        is_title = st.title_span is not None and seg.start == st.title_span[0]
        if st.dateline_span is None and not is_title and len(line) > 60 and (m := DATELINE.match(line)):
            st.dateline_span = (seg.start + m.start(), seg.start + m.end())
    doc = view.doc
    if st.byline is None and doc.byline:
        st.byline = doc.byline
        i = text.find(doc.byline)
        st.byline_span = (i, i + len(doc.byline)) if i >= 0 else None
    if st.date_span is None and doc.date:
        i = text.find(doc.date)
        st.date_span = (i, i + len(doc.date)) if i >= 0 else (0, 0)


def _credit(text: str, st: Style, sent_start: int, cue_start: int, cue_end: int, cue_word: str) -> bool:
    """Find the named person or body credited by the cue at ``cue_start``; record it. True when found."""
    name, s = None, 0
    lo = max(sent_start, cue_start - 120)
    before = text[lo:cue_start]
    # Both forms end with white space after a name's last character or a comma: '..." said' credits no one before
    last = before.rstrip()[-1:] if before[-1:].isspace() else ""
    if last == ",":
        role, named = _ROLE_BEFORE.search(text, lo, cue_start), _NAME_BEFORE.search(text, lo, cue_start)
        if role and (named is None or role.start() <= named.start()):  # the leftmost; the role form first at a tie
            name, s = role.group("c"), role.start("c")
        elif named:
            name, s = named.group("a"), named.start("a")
    elif last and (last.isalnum() or last in "_'’-."):
        # The role form and the name form's comma clause end with a comma: here the match is a name alone, ending at
        # the last word. A name is at most four words (three runs of white space): the search starts at the fourth
        # word from the end, not 120 characters back (no match can start earlier; the regex looks nowhere behind).
        head = before.rsplit(None, 4)
        # Every word of a name opens with a capital but for the particles: "the ministry said" names no one.
        if not head[-1].islower() or head[-1] in _PARTICLES:
            named = _NAME_BEFORE.search(text, lo + len(head[0]) if len(head) == 5 else lo, cue_start)
            if named:
                name, s = named.group("a"), named.start("a")
    if (name is None or name.split()[0] in NOT_NAMES) and cue_word in _AFTER_CUES:
        m = _NAME_AFTER.match(text, cue_end, min(len(text), cue_end + 80))
        if m:
            name, s = m.group("b"), m.start("b")
    if name and name.endswith(("'s", "’s")):
        name = name[:-2]  # "Medvedev's statement said" credits Medvedev
    if not name or name.split()[0] in NOT_NAMES or name.isupper() or name in NOT_ALONE:
        return False
    st.spans.setdefault("named_attr", []).append((s, s + len(name)))  # counted with the others at the end
    st.sources.setdefault(name.split()[-1], name)
    return True


# Letters by how often a word starts with them, and by how often they occur inside words (English news): the regex
# engine tries a prefix tree's branches in order, so the common letters go first. The order changes no match (the
# branches of one node start with different letters) but halves the time of the trigger scan.
_FIRST_LETTERS = {c: i for i, c in enumerate("taoswicbphfmdrelngouvyjkqz")}
_LETTERS = {c: i for i, c in enumerate("etaoinsrhldcumfpgwybvkxjqz")}


def _trie(words: list[str], ends: dict[str, str] | None = None) -> str:
    """A regex alternation shaped as a prefix tree: one branch tried per character, not one per word.

    With ``ends``, every word must end at a word boundary, followed by ``ends[word]`` (a lookahead) when given.
    """
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any], word: str) -> str:
        rank = _LETTERS if word else _FIRST_LETTERS
        kids = sorted((ch for ch in node if ch), key=lambda ch: (rank.get(ch, len(rank)), ch))
        alts = [re.escape(ch) + build(node[ch], word + ch) for ch in kids]
        if ends is not None:
            if "" in node:
                alts.append(r"\b" + ends.get(word, ""))  # after the longer words: the longest word is found
            return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root, "")


_SPECIAL = set("\\.^$*+?{}[]()|")
# Tails with these are not used as a filter: an assertion about the end of the text (the scan sees further than the
# sentence a cue is matched in), a case switch (the scan reads lower-cased text) or a back-reference.
_UNSAFE_TAIL = re.compile(r"\(\?[!<P\-a-zA-Z]|\\[bBAZ\d1-9]|\$|\^")


def _linear(pattern: str) -> list[str] | None:
    """``pattern`` as branches that each open with their literal text: top-level alternation and leading groups
    multiplied out ("(a|b) c" -> "a(?: c)", "b(?: c)"); None when a branch opens with anything else."""
    out: list[str] = []
    for branch in _split_top(pattern):
        if not branch.startswith("("):
            out.append(branch)
            continue
        j = _close(branch, 0)
        inner, rest = branch[1:j], branch[j + 1:]
        if inner.startswith("?:"):
            inner = inner[2:]
        elif inner.startswith("?") or rest[:1] in ("?", "*", "+", "{"):
            return None
        sub = _linear(inner)
        if sub is None:
            return None
        out += [f"{b}(?:{rest})" if rest else b for b in sub]
    return out


def _literal(branch: str) -> tuple[str, list[int]]:
    """The literal text a branch opens with (lower-cased), and where each of its characters ends in ``branch``."""
    lit, ends = "", []
    i = 0
    while i < len(branch):
        ch = branch[i]
        if ch == "\\":
            if i + 1 >= len(branch) or branch[i + 1].isalnum():
                break
            ch, step = branch[i + 1], 2
        elif ch in _SPECIAL:
            break
        else:
            step = 1
        if branch[i + step:i + step + 1] in ("?", "*", "{"):
            break  # an optional character is not a fixed one
        lit += ch.lower()
        i += step
        ends.append(i)
    return lit, ends


_NO_MATCH = object()  # the branch cannot match where the word is ``key``


def _tail(branch: str, key: str) -> str | object | None:
    """What must follow a word ``key`` for ``branch`` (a linear regex) to match there: the rest of the branch after
    its literal ``key`` (maybe empty), ``_NO_MATCH`` when it cannot match at that word, None when anything may
    follow (its literal text is shorter than the key)."""
    lit, ends = _literal(branch)
    n = len(key)
    if lit.startswith(key):
        if len(lit) > n and (lit[n].isalnum() or lit[n] == "_"):
            return _NO_MATCH  # the branch goes on with a letter: it cannot match where the word is ``key``
        return branch[ends[n - 1]:]
    if key.startswith(lit):
        return None  # the literal text is shorter than the key: anything may follow it
    return _NO_MATCH  # the branch opens with other words


def _tails(patterns: list[str], key: str) -> list[str] | None:
    """What must follow ``key`` for any of ``patterns`` to match at a word ``key``: one regex per branch that can;
    None when some branch cannot be worked out this way (the key is then a trigger on its own, as before)."""
    tails: list[str] = []
    for pat in patterns:
        branches = _linear(pat)
        if branches is None:
            return None
        for b in branches:
            tail = _tail(b, key)
            if tail is _NO_MATCH:
                continue
            if not isinstance(tail, str) or not tail or _UNSAFE_TAIL.search(tail):
                return None
            tails.append(tail)
    return tails


_LOOKBEHIND = re.compile(r"\(\?<=([^()\\\[\].*+?{}|^$]+)\)")  # (?<=it is ): a plain text behind


def _behind(branch: str) -> tuple[list[str], str] | None:
    """The plain texts a branch's leading lookbehinds require before the cue, and the rest of the branch:
    ``(?<=of )course`` -> (["of "], "course"), ``(?:(?<=a )|(?<=b ))x`` -> (["a ", "b "], "x"), ([], branch) without
    any; None when a lookbehind is not a plain text (or a text with letters that are not ASCII: case)."""
    if branch.startswith("(?<="):
        alts, rest = [branch[:_close(branch, 0) + 1]], branch[_close(branch, 0) + 1:]
    elif branch.startswith("(?:(?<="):
        j = _close(branch, 0)
        alts, rest = _split_top(branch[3:j]), branch[j + 1:]
    else:
        return [], branch
    lits = [m.group(1) for m in map(_LOOKBEHIND.fullmatch, alts) if m]
    if len(lits) != len(alts) or not all(ch.isascii() or not ch.isalpha() for lit in lits for ch in lit):
        return None
    return lits, rest


def _conditions(patterns: list[str], key: str) -> list[str] | None:
    """``_tails`` for patterns that may open with lookbehinds: what must surround a word ``key`` for any of
    ``patterns`` to match there, one regex per branch that can, tried at the end of the word; None when some branch
    can match with nothing around it or cannot be worked out. A lookbehind ``(?<=of )`` before the cue is
    ``(?<=of course)`` at the end of the word ``course``."""
    conds: list[str] = []
    for pat in patterns:
        for top in _split_top(pat):
            peeled = _behind(top)
            if peeled is None:
                return None
            lits, rest = peeled
            behind = "|".join(f"(?<={re.escape(lit.lower() + key)})" for lit in lits)
            for b in _linear(rest) or [None]:
                if b is None:
                    return None
                tail = _tail(b, key)
                if tail is _NO_MATCH:
                    continue
                if not isinstance(tail, str) or (not tail and not behind) or _UNSAFE_TAIL.search(tail):
                    return None
                conds.append((f"(?:{behind})" if behind else "") + (f"(?=(?:{tail}))" if tail else ""))
    return conds


@cache
def triggers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Regexes finding every word a cue can start with (``trigger_pattern``): for lower-cased text, and
    case-insensitive for the rare text whose lower-casing changes its length."""
    body = trigger_pattern()
    return re.compile(body, re.U), re.compile(body, re.U | re.I)


@cache
def trigger_pattern() -> str:
    """The regex finding every word a cue can start with (compiled only where a text needs it: the scan of most
    texts is ``projected_scans``, built from this text).

    A word whose cues all go on with something this reading can work out ("russia" -> "-backed") must be
    followed by one of those continuations (a lookahead, tried in C): half the words that start a cue start
    none in running text, and the Python loop over them was most of the cost. The continuation is the cue's own
    pattern after the word, so a word whose cue matches is always found; only the end-of-text assertions are
    left out, because the scan reads past the sentence the cue is then matched in.
    """
    index = cues()
    keys = sorted(k for k in index if k != "#num")
    ends: dict[str, str] = {}
    for k in keys:
        pats = [c.get("pattern") for c in index[k]]
        tails = _tails(pats, k)
        if tails:
            ends[k] = "(?=" + "|".join(f"(?:{t})" for t in dict.fromkeys(tails)) + ")"
        elif conds := _conditions(pats, k):
            # (as case-insensitive as the cues: the same word is found in the lower-cased text as in the original)
            ends[k] = "(?i:" + "|".join(dict.fromkeys(conds)) + ")"
    return rf"\b(?:{_trie(keys, ends)})|\b{_number()}"


@cache
def _number() -> str:
    """The trigger for a number (1-4 digits, then ``[-/ ]`` and a word character), where one of the cues opening with
    a number matches: ``\\d\\d{0,3}`` with that test a lookahead inside a lookbehind over the first digit.

    The dates ("12 March", "2024-03-12") are few among numbers: the test in C spares the Python loop nine numbers in
    ten, each tried against every date cue. It opens with the digit class, which the engine tests before entering
    the branch (a word that is no number is not tried), and is as case-insensitive as the cues. Patterns it cannot
    read leave every number a trigger, as before.
    """
    pats = [c.get("pattern") for c in cues().get("#num", ())]
    if not pats or any(not p.startswith("\\d") or _UNSAFE_TAIL.search(p) for p in pats):
        return r"\d\d{0,3}(?=[-/ ]\w)"
    return r"\d(?<=(?=(?i:" + "|".join(f"(?:{p})" for p in pats) + r"))\d)\d{0,3}(?=[-/ ]\w)"


@cache
def _nonword_class() -> str:
    """Every non-word character of the Basic Multilingual Plane as the inside of a regex character class, in runs.

    Worked out one code point at a time, keeping only the runs: a list of the 60,000 characters would leave that
    much memory to fragment behind it, in every worker."""
    out: list[str] = []
    start = -1
    for i in range(0x10001):
        word = i == 0x10000 or chr(i).isalnum() or i == 0x5F
        if not word and start < 0:
            start = i
        elif word and start >= 0:
            a, b = re.escape(chr(start)), re.escape(chr(i - 1))
            out.append(a if start == i - 1 else f"{a}-{b}")
            start = -1
    return "".join(out)


@cache
def word_start_scan() -> re.Pattern[str]:
    """``triggers()[0]`` rewritten to match the character before each trigger word too: twice as fast.

    A pattern opening with ``\\b`` is tried at every position of the text; this one opens with a class of every
    non-word character of the Basic Multilingual Plane (a bitmap), so the regex engine skips in C to the places
    where a word can start. ``\\w`` is a letter, digit or underscore in the sense of ``str.isalnum``, as in the regex
    engine itself. A text with astral characters (some of them are word characters) is scanned as before.
    """
    return re.compile(rf"[{_nonword_class()}]{_word_start_body()}", re.U)


@cache
def _word_start_body() -> str:
    """``trigger_pattern()`` without its ``\\b``: what follows the character before the word in a word-start scan."""
    body, end = trigger_pattern(), r")|\b" + _number()
    assert body.startswith(r"\b(?:") and body.endswith(end)
    trie = body[len(r"\b(?:"):-len(end)]
    if trie.startswith("(?:") and _close(trie, 0) == len(trie) - 1:
        trie = trie[3:-1]  # the numbers join the tree's first branching: one alternation less per word
    return f"(?:{trie}|{_number()})"


# The text as the projected scan reads it: one byte a character (``str.encode("ascii", "replace")``), ASCII letters
# lowered, digits and "_" as they are, every other character (every non-ASCII one too) a space.
_PROJECT = bytes(i + 32 if 65 <= i <= 90 else i if 97 <= i <= 122 or 48 <= i <= 57 or i == 95 else 32
                 for i in range(256))
_FOLDED = frozenset("iks")  # the ASCII letters a non-ASCII character matches case-insensitively (İ ı K ſ)
_WORD_BYTES = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def _project_class(body: str, ci: bool) -> str | None:
    """The inside of a character class ``[body]`` for the projected text (see ``project``); None if unread."""
    if body.startswith("^"):
        return None
    out: set[str] = set()
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1:i + 2]
            if nxt in ("w", "s", "d"):
                out |= set("0123456789_abcdefghijklmnopqrstuvwxyz ") if nxt == "w" else \
                    {" "} if nxt == "s" else set("0123456789")
                i += 2
                continue
            if not nxt or nxt.isalnum():
                return None
            ch, i = nxt, i + 1
        if body[i + 1:i + 2] == "-" and i + 2 < len(body):
            return None  # a range: none in the lexicons
        low = ch.lower() if ci and ch.isascii() else ch
        if low in _WORD_BYTES:
            out.add(low)
            if ci and low in _FOLDED:
                out.add(" ")
        else:
            out.add(" ")
        i += 1
    return "".join(sorted(out))


def project(pattern: str) -> str | None:
    """``pattern`` (a regex for the lower-cased text) rewritten for the projected text, None where it cannot be.

    Every character the pattern matches in the text, its projection matches in the projected text: a character of
    the text is its own projection or a space, so a literal or class of the pattern keeps what it has of
    ``[a-z0-9_]`` and takes in the space for anything else (``\\w``: a non-ASCII letter is a space there). Inside
    ``(?i:...)`` the letters i, k and s take in the space too (İ ı K ſ). The rewritten pattern so matches wherever
    the pattern did, and may match where it did not: it is a test only, and only positive assertions are read.
    Widths are kept, so a lookbehind stays one.
    """
    out: list[str] = []
    scopes: list[bool] = []  # per open group: case-insensitive inside
    ci = False
    i = 0
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            nxt = pattern[i + 1:i + 2]
            if nxt in ("b", "d", "s"):
                out.append("\\" + nxt)  # \b, \d ([0-9]: no other digit in a projected text), \s (the space)
            elif nxt == "w":
                out.append("[0-9_a-z ]")
            elif not nxt or nxt.isalnum():
                return None
            else:
                out.append(nxt if nxt in _WORD_BYTES else " ")
            i += 2
        elif ch == "[":
            j = i + 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            if j >= n:
                return None
            body = _project_class(pattern[i + 1:j], ci)
            if body is None:
                return None
            out.append(f"[{body}]")
            i = j + 1
        elif ch == "(":
            scopes.append(ci)
            if pattern.startswith("(?i:", i):
                ci = True
                out.append("(?:")
                i += 4
            elif pattern.startswith(("(?:", "(?="), i):
                out.append(pattern[i:i + 3])
                i += 3
            elif pattern.startswith("(?<=", i):
                out.append("(?<=")
                i += 4
            elif pattern.startswith("(?", i):
                return None  # a negative assertion, a named group, a flag
            else:
                out.append("(")
                i += 1
        elif ch == ")":
            if not scopes:
                return None
            ci = scopes.pop()
            out.append(")")
            i += 1
        elif ch == "{":
            j = pattern.find("}", i)
            if j < 0:
                return None
            out.append(pattern[i:j + 1])
            i = j + 1
        elif ch in "|?*+.":
            out.append(ch)
            i += 1
        elif ch in "^$":
            return None
        else:
            low = ch.lower() if ci and ch.isascii() else ch
            if low in _WORD_BYTES:
                out.append(f"[{low} ]" if ci and low in _FOLDED else low)
            elif "A" <= low <= "Z":
                out.append(low)  # a capital outside (?i:): the lower-cased text has none, nor has its projection
            else:
                out.append(" ")
            i += 1
    return "".join(out) if not scopes else None


@cache
def projected_scans() -> tuple[re.Pattern[bytes], re.Pattern[bytes]] | None:
    """``word_start_scan`` for the projected text: opening with a space instead of the class of non-word characters,
    and the same anchored at a word (for a word at the start of the text, or cut short by its sentence's end).

    The regex engine finds a literal first character by a plain comparison per character and tries the tree at the
    spaces only, where the class of ``word_start_scan`` is a test of its bitmap at every character and tries the
    tree at every mark too: a quarter faster. Non-ASCII text is projected in C as fast as ASCII text.
    """
    body = project(_word_start_body())
    if body is None:
        return None
    return re.compile(b" " + body.encode("ascii")), re.compile(body.encode("ascii"))


def trigger_spans(low: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """``[m.span() for m in triggers()[0].finditer(low, lo, hi)]``, by ``word_start_scan`` where it can.

    The scan starts one character early, so that a word at ``lo`` is found when a non-word character precedes it
    (``\\b`` looks behind the start of a scan too); a word at the very start of the text has none, and is tried
    with the plain pattern. Matches cannot overlap differently: a trigger ends with a word character, and the
    character the next match opens with is a non-word one.
    """
    if not low.isascii() and len(low.encode("utf-16-le", "surrogatepass")) != 2 * len(low):
        return list(map(_SPAN, triggers()[0].finditer(low, lo, hi)))  # astral characters: not in the bitmap
    out = [(m.start() + 1, m.end()) for m in word_start_scan().finditer(low, lo - 1 if lo else 0, hi)]
    if lo == 0 and (m := triggers()[0].match(low, 0, hi)):
        out.insert(0, m.span())
    return out


# The only characters whose lower case is longer than one character ("İ") or an ASCII letter (the Kelvin sign): in
# any other text, lowering a non-ASCII character leaves it non-ASCII and as much a word, digit or space character as
# before (``tests/test_style.py`` checks every code point).
_LOWER_SPECIAL = ("\u0130", "\u212a")


def _lower(text: str, utf8: bytes) -> str:
    """``text.lower()`` as far as the trigger scan can tell: ASCII letters lowered, other characters as they are.

    Trigger words and their continuations are ASCII, so the other characters only need to stay word, digit or space
    characters, which lowering does not change. Lowering the UTF-8 bytes (``utf8``, the text's) runs in C at memory
    speed: on text with curly quotes or accents ``str.lower`` looks up the full case mapping of every character
    (seven times slower).
    """
    if len(utf8) == len(text) or _LOWER_SPECIAL[0] in text or _LOWER_SPECIAL[1] in text:
        return text.lower()
    return utf8.lower().decode("utf-8", "surrogatepass")


_CAPS_BYTES = bytes(65 if 65 <= i <= 90 else 32 for i in range(256))  # ASCII capitals as "A", the rest a space
_FOUR_CAPS = re.compile(rb"A(?=AAA)")


def caps_words(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """``list(CAPS_WORD.finditer(text, lo, hi))``, with the regex tried only where four capitals follow each other
    (``matches_where``): every match opens with four capitals."""
    return matches_where(CAPS_WORD, text, lo, hi, _CAPS_BYTES, _FOUR_CAPS)


_ASCII_BYTES = bytes(range(128))
_NOT_PROJECTED = re.compile(r"[\d\u0130\u212a]")  # a digit the projection makes a space; see ``_LOWER_SPECIAL``
_WORD_CHAR = re.compile(r"\w")
_FEW_LETTERS = 200  # non-ASCII characters of a text with non-ASCII letters that the projected scan takes on


def _projected_triggers(text: str, utf8: bytes, lo: int, hi: int) -> tuple[list[tuple[int, int]], str, Any, Any] | None:
    """The trigger words of ``text[lo:hi]`` by ``projected_scans``: their spans, the projected text as a string (its
    words are the trigger words lower-cased), and a regex match and its subject to find a trigger again within a
    sentence. None where the projection would lose a trigger: a text with a non-ASCII digit or a character of
    ``_LOWER_SPECIAL``.

    The scan finds every trigger word and maybe more; the others' cues are all regexes, tried on the text itself,
    which fail there. A non-ASCII letter is a space in the projection, so a word next to one is taken out (in the
    text it is part of a longer word, no trigger).
    """
    scans = projected_scans()
    rest = utf8.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass") if len(utf8) != len(text) else ""
    if scans is None or (rest and _NOT_PROJECTED.search(rest)):
        return None
    scan, anchored = scans
    raw = text.encode("ascii", "replace")
    proj = raw.translate(_PROJECT)
    trigs = [(m.start() + 1, m.end()) for m in scan.finditer(proj, lo - 1 if lo else 0, hi)]
    if lo == 0 and (m := anchored.match(proj, 0, hi)):
        trigs.insert(0, m.span())
    if rest and _WORD_CHAR.search(rest):  # letters that are not ASCII: where, and which words they touch
        if len(rest) > _FEW_LETTERS:
            return None  # (a text in another script: the plain scan, not one step per letter here)
        letters = set()
        p = raw.find(b"?")
        while p >= 0:
            if not text[p].isascii() and (text[p].isalnum() or text[p] == "_"):
                letters.add(p)
            p = raw.find(b"?", p + 1)
        trigs = [t for t in trigs if t[0] - 1 not in letters and t[1] not in letters]
    return trigs, proj.decode("ascii"), anchored.match, proj


def _sentences(view: ArticleView, t_lo: int, t_hi: int) -> tuple[list[tuple[int, int]], list[str]]:
    """The article's sentences, without the headline and without repeats, with their texts: a repeated sentence is
    page furniture (promo lines, the headline again), counted once."""
    text = view.text
    sents: list[tuple[int, int]] = view.sentences
    if t_lo >= 0:  # the headline is judged on its own, not as a sentence of the article
        sents = [x for x in sents if not t_lo <= x[0] < t_hi]
    chunks = [text[s:e] for s, e in sents]
    if len(set(chunks)) == len(chunks):
        return list(sents), chunks  # no repeats: the common case
    kept: list[tuple[int, int]] = []
    kept_chunks: list[str] = []
    seen: set[str] = set()
    for sent, chunk in zip(sents, chunks, strict=True):
        if chunk not in seen:
            seen.add(chunk)
            kept.append(sent)
            kept_chunks.append(chunk)
    return kept, kept_chunks


def _quote_marks(text: str, lo: int, hi: int) -> list[int]:
    """Where the opening quotation marks of ``QUOTE_SPAN`` are in ``text[lo:hi]`` (unordered; they are few)."""
    out: list[int] = []
    for ch in "\"“«„":
        p = text.find(ch, lo, hi)
        while p >= 0:
            out.append(p)
            p = text.find(ch, p + 1, hi)
    return out


def measure(view: ArticleView) -> Style:
    """Count the style features, frame cues and contested terms of one article.

    Linear and mostly at C speed: one prefix-tree regex finds the words any cue can start with (about one word
    in ten), and only there is the cue's own regex tried; word counts come from ``str.split``. Everything found
    by a scan of the whole article (trigger words, quotation marks, capitals, exclamation marks) is placed in its
    sentence by bisection, so the Python code runs per find, not per sentence.
    """
    text = view.text
    st = Style()
    st.title, st.title_span = _title(view)
    _head(view, st)
    counts, spans = st.counts, st.spans
    if st.title:
        t = st.title
        counts["title_caps"] = sum(1 for w in CAPS_WORD.findall(t) if w not in ACRONYMS)
        counts["title_exclaim"] = int("!" in t)
        counts["title_question"] = int(t.rstrip().endswith("?"))
        counts["title_clickbait"] = _clickbait(t)
    t_lo, t_hi = st.title_span or (-1, -1)
    sents, chunks = _sentences(view, t_lo, t_hi)
    st.sentences = len(sents)
    if not sents:
        return st
    # No word crosses a sentence's edges (sentences end before white space), but a match found by a scan of the
    # whole stretch that reaches past its sentence's end is matched again within the sentence, so every result
    # is exactly that of a scan per sentence.
    lo, hi = sents[0][0], sents[-1][1]
    starts = list(map(_FIRST, sents))
    ends = list(map(_SECOND, sents))
    n_words = sum(map(len, map(str.split, chunks)))  # one C loop: no word crosses a sentence's edges

    # Quotations: the words inside are the speaker's, not the outlet's. Masks only for sentences with a mark.
    masks: dict[int, list[tuple[int, int]]] = {}
    n_quoted = 0
    for q in _quote_marks(text, lo, hi):
        k = bisect_right(starts, q) - 1
        if k in masks or q >= ends[k]:
            continue
        masks[k] = mask = list(map(_SPAN, QUOTE_SPAN.finditer(text, starts[k], ends[k])))
        n_quoted += sum(len(text[qa:qb].split()) for qa, qb in mask)

    for ch, key in (("!", "exclaim"), ("?", "question")):
        p = text.find(ch, lo, hi)
        while p >= 0:
            k = bisect_right(starts, p) - 1
            e = ends[k]
            if p < e:
                mask = masks.get(k)
                if not mask or _outside(mask, p):
                    spans.setdefault(key, []).append((p, p + 1))
                while p + 1 < e and text[p + 1] == ch:
                    p += 1  # a run of marks counts once
            p = text.find(ch, p + 1, hi)

    utf8 = text.encode("utf-8", "surrogatepass")
    d_lo, d_hi = st.dateline_span or (-1, -1)
    shouted: dict[str, int] = {}  # a word in capitals counts at most 3 times: a repeated one is often an acronym
    for m in caps_words(text, lo, hi):
        w = m.group()
        if w in ACRONYMS:
            continue
        a = m.start()
        k = bisect_right(starts, a) - 1
        e = ends[k]
        if a >= e:
            continue
        if m.end() > e:
            m = CAPS_WORD.match(text, a, e)
            if m is None or m.group() in ACRONYMS:
                continue
            w = m.group()
        if shouted.get(w, 0) >= MAX_REPEATS or d_lo <= a < d_hi or (k in masks and not _outside(masks[k], a)):
            continue
        shouted[w] = shouted.get(w, 0) + 1
        spans.setdefault("caps", []).append((a, m.end()))

    lowered = True  # trigger words come out lower-cased already, but from ``trig_any``
    if (projected := _projected_triggers(text, utf8, lo, hi)) is not None:
        trigs, hay, rescan, rescan_in = projected
    else:
        low = _lower(text, utf8)
        trig_low, trig_any = triggers()
        if len(low) == len(text):
            rescan, hay = trig_low.match, low
            trigs = trigger_spans(low, lo, hi)
        else:
            rescan, hay, lowered = trig_any.match, text, False
            trigs = list(map(_SPAN, trig_any.finditer(text, lo, hi)))
        rescan_in = hay
    words, num_plans = word_plans().get, plans().get("#num", ())
    terms: list[tuple[Cue, int, int, bool, int]] = []
    said: set[int] = set()  # sentences with an attribution cue ("..., the ministry said")
    credited: set[int] = set()  # sentences crediting a named person or body
    found: list[tuple[tuple[int, int], dict[str, list[str]]]] = []  # per sentence: frame -> its cues as written
    k = -1
    s = e = -1
    sent: tuple[int, int] = (-1, -1)
    mask = None
    last_end: dict[str, int] = {}  # per category, where its last cue in the sentence ended: cues do not overlap
    cues_in: dict[str, list[str]] = {}
    for ws, we in trigs:
        if ws >= e:  # the next sentence with a trigger
            k = bisect_right(starts, ws) - 1
            s, e = sent = sents[k]
            if ws >= e:
                continue  # between sentences, or in one left out
            mask = masks.get(k)
            last_end = {}
            cues_in = {}
        if we > e:
            m_t = rescan(rescan_in, ws, e)
            if m_t is None:
                continue
            we = m_t.end()
        word = hay[ws:we]
        if not lowered:
            word = word.lower()
        cands = words(word)
        if cands is None:
            if not word[0].isdigit():
                continue
            cands = num_plans
        elif cands.__class__ is str:  # the most common case, in short: the word is the cue of one frame
            if ws >= last_end.get(cands, -1):
                last_end[cands] = we
                if cands in cues_in:
                    cues_in[cands].append(text[ws:we])
                else:
                    if not cues_in:
                        found.append((sent, cues_in))
                    cues_in[cands] = [text[ws:we]]
            continue
        outside = not mask or _outside(mask, ws)
        for match, cat, kind, outlet_only, is_said, cue in cands:
            if ws < last_end.get(cat, -1):
                continue
            if match is None:
                me = last_end[cat] = we
            else:
                m = match(text, ws, e)
                if m is None:
                    continue
                me = last_end[cat] = m.end()
            if kind == "frame":
                if cat in cues_in:
                    cues_in[cat].append(text[ws:me])
                else:
                    if not cues_in:
                        found.append((sent, cues_in))
                    cues_in[cat] = [text[ws:me]]
                continue
            if kind == "term":
                terms.append((cue, ws, me, not outside, k))
                continue
            if is_said:
                said.add(k)
            if outlet_only and not outside:
                continue
            spans.setdefault(cat, []).append((ws, me))
            if is_said and outside and _credit(text, st, s, ws, me, word):
                credited.add(k)
    frames = st.frames
    for sent, cues_in in found:
        for cat, cs in cues_in.items():
            by_sent = frames.get(cat)
            if by_sent is None:
                frames[cat] = {sent: cs}
            else:
                by_sent[sent] = cs
    st.terms = [(c, a, b, "quoted" if q else "attributed" if k in said else "outlet") for c, a, b, q, k in terms]
    st.credited_sentences = len(credited)
    for key, v in spans.items():
        counts[key] = len(v)
    st.words, st.outlet_words = n_words, n_words - n_quoted
    return st
