"""Loaded language: words and phrases that tell the reader what to feel.

Rule-based and linear: the article text is lower-cased once and one compiled
character-trie pattern built from the curated lexicon (reporter/data/loaded.csv,
see loaded_lexicon.py) finds every candidate in C; Python looks only at the hits
and a few words around them. A few rules add what a word list cannot see: scare
quotes, shouting in capitals, superlatives with "ever", intensifiers in front of a
loaded word and the noun a loaded adjective qualifies. Negation ("not a disaster")
drops or weakens a hit. A hit inside a direct quotation keeps ``voice="quoted"``: it belongs to the speaker, and the
score counts only the outlet's own voice.
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from reporter.model import LoadedSpan, Quote
from reporter.signals.loaded_lexicon import (
    CATEGORY_NOTES,
    INTENSIFIERS,
    VADER_NEUTRAL,
    Entry,
    boost_words,
    lexicon,
    matchers,
    scan,
    vader_backoff,
    vader_strong,
)
from reporter.signals.view import ArticleView
from reporter.text import Seg
from reporter.text.scan import matches_where

_WORD = re.compile(r"\w+(?:[’'\-]\w+)*", re.U)
# Up to n words read backwards (the word pattern is its own mirror image): groups 1..n, nearest first. One pattern
# per n, so that a caller that wants one word does not pay for five.
_REV_WORDS = {n: re.compile(r"\W*(\w+(?:['\-]\w+)*)" + r"(?:\W*(\w+(?:['\-]\w+)*))?" * (n - 1)) for n in (1, 4, 5)}
_NEAR = _REV_WORDS[1]
_GROUPS = {n: range(n, 0, -1) for n in _REV_WORDS}  # farthest word first, so that the list ends with the nearest
_NEXT = re.compile(r"[ \t]*(\w+(?:['\-]\w+)*)")  # the next word, on the lower-cased text
_NEXT_AFTER_ONE = re.compile(r"[ \t](\w+(?:['\-]\w+)*)")  # the next word when one space or tab comes before it

# Endings that mark an adjective without a part-of-speech tagger ("pernicious", "vindictive", "cynical").
_ADJ_END = ("ous", "ful", "less", "ive", "ic", "al", "ish", "ible", "able", "ile")
# Common -ly words that are not adverbs grading the next word.
_NOT_ADVERBS = frozenset("family daily weekly monthly yearly hourly nightly quarterly early likely unlikely only "
                         "reply supply apply rally ally italy july holy ugly belly jelly bully assembly anomaly "
                         "elderly friendly lonely lovely costly deadly timely orderly".split())
VADER_WEIGHT = 0.5  # a VADER back-off word on its own
MILD = 0.4  # lexicon weight at or below which a term counts only beside a clearly loaded one
SCARE_MAX_WORDS = 3  # a quoted stretch this short, in lower case and not after "said:", reads as scare quotes
# A loaded adjective or intensifier takes the next word into its span unless it is one of these.
_FUNCTION = frozenset(
    "a an the and or but nor of to in on at by for with from as than that which who whom whose what when where "
    "why how is are was were be been being am has have had do does did will would shall should can could may "
    "might must this these those it its he she they we you i me him her them us his their our your my not no "
    "so too very if then there here about after before into onto over under up down out off again also just "
    "only even still yet all any both each every some such own same other another more most less least said "
    "says told say while because though although since until unless whether".split())
# A two-word term that ends in the preposition or complementiser linking it to its object ("assault on", "claims that",
# "preyed on", "forced to") is highlighted on its content word: the link word is not loaded, and readers mark the
# word that judges. Phrasal-verb particles ("glossed over", "mired in") stay: they change the verb. So does "of" after
# a quantity image ("a tsunami of", "a litany of"), which reads as one quantifier with the noun it opens.
_LINKS = frozenset("on to that by into with at for from about than".split())
_DETERMINERS = frozenset("a an the his her their our its my your these those this that such some any".split())
_NEGATORS = frozenset("not no never hardly barely scarcely neither nor without nothing none".split())
_NEGATION_BRIDGE = frozenset("a an the so very too that this really quite be been being at all exactly entirely "
                             "particularly especially such as".split())
_NEGATION_DROPS = frozenset({"charged", "hyperbole", "certainty", "metaphor"})
_QUOTE_PAIR = re.compile(r"[\"“”]([^\"“”\n]{1,400})[\"“”]|(?<![\w’'])[‘']([^‘’'\n]{1,60}?)[’'](?![\w’'])")
# Scare quotes need a word that casts doubt on the quoted term ("the so-called 'reform'", "their 'experts'"); after a
# bare "the" or a possessive, a short quotation is more often a coined term or a title than a sneer.
_SCARE_LEAD = frozenset("so-called so supposed supposedly alleged self-described self-styled purported their these"
                        .split())
# Hyphenated attitude labels: "Trump-hating", "science-averse", "power-crazed", "fear-mongering".
# Led by the literal "-" so the engine jumps from hyphen to hyphen; the word before is found in Python.
_ATTITUDE = re.compile(r"-(?<=\w-)(?:hating|obsessed|crazed|averse|bashing|addled|mongering|baiting|phobic|"
                       r"worshipping|worshiping|denying|grabbing)(?![\w'\-])")
# Marks that can open a _QUOTE_PAIR: a double or left quote, or an apostrophe with no letter before it (not "it's").
_QUOTE_CHARS = "\"“”‘"
# _QUOTE_PAIR's first branch alone, for sentences with no single quote that could open its second branch.
_DOUBLE_PAIR = re.compile(r"[\"“”]([^\"“”\n]{1,400})[\"“”]")
_QUOTE_APOS = re.compile(r"'(?<![\w’']')")
_SCARE_INNER = re.compile(r"[a-z][\w’'\- ]*$")
# Whether a stretch holds four _WORD tokens, in one match (possessive, so that no word is split to make up four).
_FOUR_WORDS = re.compile(r"(?:\W*+\w++(?:[’'\-]\w++)*+){4}")
# Sentence adverbs that only assert certainty when set off by commas or opening the sentence ("Of course, ...").
_WEAK_CERTAINTY = frozenset({"of course", "certainly", "clearly", "surely", "naturally", "no doubt", "evidently",
                             "plainly", "obviously"})
# ``\b[A-Z][A-Z’'\-]{3,}\b`` opening with the letter class, so the engine skips to capitals in C.
_CAPS = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z’'\-]{3,}\b")
# "the worst ... ever", "the greatest ... in history": superlative plus an absolute frame.
# "ever" and "of all time" as words, each led by its literal so that the engine jumps between occurrences.
_EVER = re.compile(r"ever\b(?<!\wever)")
_ALL_TIME = re.compile(r"of all time\b(?<!\wof all time)")



def _notes(e: Entry, text: str) -> str:
    if e.note:
        return e.note
    base = CATEGORY_NOTES.get(e.category, "a loaded word")
    return f'"{text}": {base}.'


class _Voice:
    """Which character ranges are someone else's words (direct quotes)."""

    def __init__(self, quotes: list[Quote]) -> None:
        iv = sorted((q.content.start, q.content.end) for q in quotes if q.kind == "direct")
        self.starts = [a for a, _ in iv]
        self.ends = [b for _, b in iv]
        self.extra: list[tuple[int, int]] = []

    def quoted(self, pos: int) -> bool:
        starts = self.starts
        if starts:
            i = bisect.bisect_right(starts, pos) - 1
            # Intervals may nest or overlap; check a few preceding ones (attribution emits few per sentence).
            ends = self.ends
            for k in range(i, i - 3 if i > 2 else -1, -1):
                if starts[k] <= pos < ends[k]:
                    return True
        for a, b in self.extra:
            if a <= pos < b:
                return True
        return False


def _lower(text: str) -> str:
    """Lower-case with straight apostrophes, keeping every offset (rare length-changing letters stay as they are).

    Only ASCII letters are lowered when the text has other characters: every word this module compares ``low``
    with is ASCII (lexicon, VADER, function words; ``_ascii_terms`` checks the lexicon), a non-ASCII letter is a
    word character in either case, and lowering UTF-8 bytes costs half of ``str.lower`` on such text. The one
    non-ASCII letter whose lower case is ASCII, the Kelvin sign, takes the full path.
    """
    if text.isascii():
        return text.lower()
    if "\u212a" in text or not _ascii_terms():
        low = text.lower()
        if len(low) != len(text):
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    else:
        low = text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")
    return low.replace("’", "'")


@cache
def _ascii_terms() -> bool:
    """True when every lexicon form is ASCII (a non-ASCII term would need its letters lowered too)."""
    return all(k.isascii() for k in lexicon())


def find_loaded(view: ArticleView, quotes: list[Quote]) -> list[LoadedSpan]:
    """Every loaded span in the article sentences, in text order, overlaps merged.

    Each pattern (lexicon, capitals, "ever", hyphenated labels) runs once over the
    whole text in C, not once per sentence; its hits are grouped by sentence, and
    Python looks only at sentences with a hit or a quotation mark.
    """
    text = view.text
    sents = _sentences(view)
    if not sents:
        return []
    low = _lower(text)
    voice = _Voice(quotes)
    starts = [s.start for s in sents]
    lo, hi = sents[0].start, sents[-1].end
    hits = _hits(low, sents, starts)
    # The rule patterns rarely match: their hits are listed in C and grouped only when there are any (the grouping
    # generators cost more than the scans on a short text).
    none: dict = {}
    caps = _caps(text, lo, hi)
    caps = _bucket(caps, sents, starts) if caps else none
    ever = list(_EVER.finditer(low, lo, hi))
    ever_all = list(_ALL_TIME.finditer(low, lo, hi))
    if ever and ever_all:
        ever = sorted(ever + ever_all, key=_mstart)
    tails = _bucket(ever or ever_all, sents, starts) if ever or ever_all else none
    labels = list(_ATTITUDE.finditer(low, lo, hi))
    labels = _bucket(labels, sents, starts) if labels else none
    apos = [m.start() for m in _QUOTE_APOS.finditer(text, lo, hi)]
    marks = _marks(text, _QUOTE_CHARS, lo, hi)
    single = _holders(_marks(text, "‘", lo, hi) + apos, sents, starts)
    quoted = _holders(marks, sents, starts) | single
    out: list[LoadedSpan] = []
    # A sentence with quotation marks but nothing else to look at yields only scare quotes, whose text opens with
    # a-z right after the opening mark: the others (two in five of all sentences read, on news) are not read.
    scare = [a for a in marks + apos if text[a + 1:a + 2] in _AZ]
    keys = hits.keys() | _holders(scare, sents, starts) if scare else set(hits)
    if caps or tails or labels:
        keys |= caps.keys() | tails.keys() | labels.keys()
    tables = _tables()
    for k in sorted(keys):
        s = sents[k]
        out.extend(_sentence(text, low, s.start, s.end, voice, hits.get(k, ()), caps.get(k, ()),
                             tails.get(k, ()), labels.get(k, ()), k in quoted, k in single, tables))
    return _merge(out, text)


_AZ = frozenset("abcdefghijklmnopqrstuvwxyz")
# Capital letters as "A"; what else may continue a run of capitals (an apostrophe, a hyphen, any non-ASCII
# character, which the ASCII encoding below turns into "?", as it does "’") as "B"; the rest as a space.
_CAPS_CLASSES = bytes(65 if 65 <= c <= 90 else 66 if c in b"'-?" else 32 for c in range(256))
_CAPS_START = re.compile(rb"A(?=[AB]{3})")


def _caps(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """The matches of ``_CAPS.finditer(text, lo, hi)``, tried only where four capitals (or marks) begin: a match
    starts at a capital followed by three of [A-Z’'-] (``matches_where``)."""
    return matches_where(_CAPS, text, lo, hi, _CAPS_CLASSES, _CAPS_START)


def _mstart(m: re.Match[str]) -> int:
    return m.start()


@cache
def _tables() -> tuple[dict[str, Entry], frozenset[str], frozenset[str]]:
    """The lexicon, VADER's strong words and its back-off words, looked up once per process rather than per sentence."""
    return lexicon(), vader_strong(2.0), vader_backoff()


def _at_start(low: str) -> list[re.Match[str]]:
    """A hit at offset 0, which has no separator before it for the matcher to open with."""
    m = matchers()[0].match(" " + low[:120])
    return [_Shifted(m)] if m else []


class _Shifted:
    """A match found on a one-character-longer string, with offsets read as in the original."""

    __slots__ = ("m",)

    def __init__(self, m: re.Match[str]) -> None:
        self.m = m

    def span(self, g: int) -> tuple[int, int]:
        a, b = self.m.span(g)
        return a - 1, b - 1

    def __getitem__(self, g: int) -> str:
        return self.m[g]


Hit = tuple[int, int, str, bool]  # start, end, lexicon key, boosted (intensifier + emotive word)


def _hits(low: str, sents: list[Seg], starts: list[int]) -> dict[int, list[Hit]]:
    """Lexicon hits grouped by sentence index. A bare intensifier is kept only before a strongly emotive
    word, as one hit over both ("so disgusting")."""
    out: dict[int, list[Hit]] = {}
    entries = lexicon()
    boost = boost_words()
    first = sents[0].start
    found = scan(low, first - 1, sents[-1].end) if first else itertools.chain(
        _at_start(low), scan(low, 0, sents[-1].end))
    # _in_sentences inlined (a generator step per match costs more than the placing itself): the current
    # sentence is kept between matches and bisection runs only when a match leaves it.
    i = 0
    s = sents[0]
    s_start, s_end = s.start, s.end
    right = bisect.bisect_right
    for m in found:
        a, b = m.span(1)
        if not (s_start <= a < s_end):
            i = right(starts, a, i) - 1
            if i < 0:
                i = 0
                continue
            s = sents[i]
            s_start, s_end = s.start, s.end
            if a >= s_end:
                continue
        if b > s_end:
            continue
        key = m[1]
        boosted = False
        if key not in entries:
            # Half of all matches are bare intensifiers ("more", "so") that are dropped here: they are tested first
            # (an intensifier is one word, so the spacing of multi-word terms need not be normalised for it).
            if key in INTENSIFIERS:
                nxt = _NEXT_AFTER_ONE.match(low, b, s_end)
                if nxt is None or nxt[1] not in boost:
                    continue
                b = nxt.end(1)
                key = nxt[1]
                boosted = True
            elif " " in key or "\t" in key or "\n" in key:
                key = " ".join(key.split())
        if i in out:
            out[i].append((a, b, key, boosted))
        else:
            out[i] = [(a, b, key, boosted)]
    return out


def _marks(text: str, chars: str, lo: int, hi: int) -> list[int]:
    """Offsets of any of ``chars`` in text[lo:hi], unordered.

    ``str.find`` scans in C at memchr speed; a regex character class of non-ASCII marks costs about ten
    times more per character of text.
    """
    out: list[int] = []
    find = text.find
    for ch in chars:
        i = find(ch, lo, hi)
        while i != -1:
            out.append(i)
            i = find(ch, i + 1, hi)
    return out


def _holders(offsets: Iterable[int], sents: list[Seg], starts: list[int]) -> set[int]:
    """Indices of the sentences that hold at least one of the offsets (no order needed)."""
    out: set[int] = set()
    right = bisect.bisect_right
    for a in offsets:
        k = right(starts, a) - 1
        if k >= 0 and a < sents[k].end:
            out.add(k)
    return out


def _bucket(matches: Iterable[re.Match[str]], sents: list[Seg], starts: list[int]) -> dict[int, list[re.Match[str]]]:
    """Matches grouped by the index of the sentence that holds them whole; others (boilerplate) dropped."""
    out: dict[int, list[re.Match[str]]] = {}
    for i, _s, m in _in_sentences(matches, sents, starts):
        if i in out:
            out[i].append(m)
        else:
            out[i] = [m]
    return out


def _in_sentences(matches: Iterable[Any], sents: list[Seg], starts: list[int],
                  group: int = 0) -> Iterator[tuple[int, Seg, Any]]:
    """Each match (in text order) whose ``group`` lies whole inside one sentence, with that sentence and its index.

    The current sentence is kept between matches and bisection runs only when a match leaves it, so a
    text's matches are placed in one forward pass.
    """
    i = 0
    s = sents[0]
    for m in matches:
        a, b = m.span(group)
        if not (s.start <= a < s.end):
            i = bisect.bisect_right(starts, a, i) - 1
            if i < 0:
                i = 0
                continue
            s = sents[i]
            if a >= s.end:
                continue
        if b <= s.end:
            yield i, s, m


def _sentences(view: ArticleView) -> list[Seg]:
    """Article sentences plus the headline (the outlet's own words, often its most loaded).

    When the boilerplate stage left no article sentence at all (a lone headline or
    one-line text), read every sentence rather than report nothing.
    """
    if not view.sentences:
        return list(view.seg.sentences)
    titles = [ln for ln in view.lines if ln.kind == "title"]
    if not titles:
        return view.sentences
    # Only the segmenter's sentences that start on a title line can be missing: find them by bisection.
    seg = view.seg.sentences
    have = view.sentences
    extra = []
    for t in titles:
        i = bisect.bisect_left(seg, t.start, key=_start)
        while i < len(seg) and seg[i].start < t.end:
            x = seg[i]
            j = bisect.bisect_left(have, x.start, key=_start)
            if not (j < len(have) and have[j].start == x.start and have[j].end == x.end):
                extra.append(x)
            i += 1
    return sorted(have + extra, key=_start) if extra else have


def _start(s: Seg) -> int:
    return s.start


Tok = tuple[int, int, str]


def _prev(low: str, pos: int, floor: int, n: int) -> list[Tok]:
    """Up to ``n`` (1, 4 or 5) words before ``pos`` in the sentence, nearest last.

    One match on the reversed window (words read backwards from ``pos``) instead of
    tokenising the window forwards and keeping its tail.
    """
    a = pos - 12 * n
    a = a if a > floor else floor
    m = _REV_WORDS[n].match(low[a:pos][::-1])
    if m is None:
        return []
    return [(pos - e, pos - s, low[pos - e:pos - s]) for s, e in map(m.span, _GROUPS[n]) if s >= 0]


def _next(low: str, pos: int, end: int) -> Tok | None:
    m = _NEXT.match(low, pos, end)
    return (m.start(1), m.end(1), m.group(1)) if m else None


def _sentence(text: str, low: str, start: int, end: int, voice: _Voice, hits: Iterable[Hit],
              caps: Iterable[re.Match[str]], tails: Iterable[re.Match[str]],
              labels: Iterable[re.Match[str]], has_quote: bool, has_single: bool,
              tables: tuple[dict[str, Entry], frozenset[str], frozenset[str]]) -> list[LoadedSpan]:
    entries, strong, backoff = tables
    voice.extra = []
    scare: list[tuple[int, int]] = []
    if has_quote:
        for m in (_QUOTE_PAIR if has_single else _DOUBLE_PAIR).finditer(text, start, end):
            g = 1 if m.group(1) is not None else 2
            a, b = m.span(g)
            if _FOUR_WORDS.match(text, a, b):  # four words or more: someone's words
                voice.extra.append((a, b))
            elif _SCARE_INNER.match(m.group(g)) and not _after_speech(text, m.start(), start):
                # one to three words (SCARE_MAX_WORDS): the quotation opens with a letter, and has not four
                # Scare quotes sit in a noun slot ("the 'experts'", "so-called 'reform'") or mock a loaded word.
                lead = _prev(low, m.start(), start, 1)
                slot = bool(lead) and lead[0][2] in _SCARE_LEAD
                inner = _WORD.findall(low, a, b)
                if slot or any(w in entries or (w in strong and w not in VADER_NEUTRAL) for w in inner):
                    scare.append((a, b))
    out: list[LoadedSpan] = []
    clear = False  # a hit above MILD weight in this sentence
    # Two sentences in five with a hit hold only mild words, whose spans the MILD rule below drops: they are not built.
    for a, b, key, boosted in hits if _can_clear(hits, entries, backoff) else ():
        word = text[a:b]  # the term itself, named in the note even when the span grows around it
        e = None if boosted else entries.get(key)
        if e is None:
            if boosted or key in backoff:  # boosted: "so disgusting", an intensifier before an emotive word
                e = Entry(key, "charged", VADER_WEIGHT, None, "", "VADER lexicon (MIT)", 1, False)
            else:
                continue
        if e.category == "neutral":  # an established term ("police brutality") that only looks loaded
            continue
        if " " in key and e.category != "certainty":  # most hits are one word: skip the look for a link word
            sp = low.rfind(" ", a, b)
            if sp > a and low[sp + 1:b] in _LINKS and low.find(" ", a, sp) < 0:
                b = sp
        quoted = voice.quoted(a)
        if e.category == "certainty" and (quoted or (e.term in _WEAK_CERTAINTY and not _set_off(text, a, b, start))):
            continue  # certainty is about the writer's own voice, and "of course" only as a sentence adverb
        # The words before the hit: usually only the nearest one is read (it neither negates, bridges to a negator,
        # intensifies, nor follows a determiner before a label), so it is read alone first, from the same window
        # as _prev(low, a, start, 4), and the four words only when the rules below look further.
        near = _NEAR.match(low[a - 48 if a - 48 > start else start:a][::-1])
        t, negates = "", False
        if near is None:
            prev: list[Tok] = []
        else:
            ns, ne = near.span(1)
            t = low[a - ne:a - ns]
            negates = t in _NEGATORS or t in _NEGATION_BRIDGE or t.endswith("n't")
            prev = _prev(low, a, start, 4) if negates or t in INTENSIFIERS or e.category == "name_calling" \
                else [(a - ne, a - ns, t)]
        weight, note = e.weight, ""
        # _negated looks past the nearest word only when that word negates or bridges.
        if t and negates and _negated(low, prev, a):
            if e.category in _NEGATION_DROPS:
                continue
            weight, note = weight / 2, " Negated, so weaker."
        k = len(prev)
        while k > 0 and prev[k - 1][2] in INTENSIFIERS and prev[k - 1][1] >= (prev[k][0] if k < len(prev) else a) - 2:
            k -= 1
        extended_left = k < len(prev)
        if extended_left:
            a = prev[k][0]
        # A loaded adjective, intensifier or label takes in the word it qualifies ("brutal crackdown").
        # Only these kinds take a word after them: the next word is read only for them.
        adj = e.adjective or _adjectival(key, e) or e.category in ("hyperbole", "intensifier")
        label = not adj and e.category == "name_calling" and not key.endswith("s")
        nxt = _next(low, b, end) if adj or label else None
        if nxt and nxt[0] == b + 1 and nxt[2] not in _FUNCTION and nxt[2].isalpha() and text[nxt[0]].islower() \
                and not nxt[2].endswith("ly") and (adj or not nxt[2].endswith("ed")):
            b = nxt[1]
            if nxt[2].endswith(_ADJ_END):  # "unprecedented naval deployment": on through an adjective to its noun
                n2 = _next(low, b, end)
                if n2 and n2[0] == b + 1 and n2[2] not in _FUNCTION and n2[2].isalpha() and text[n2[0]].islower() \
                        and not n2[2].endswith(("ly", "ed")):
                    b = n2[1]
        if not extended_left and prev and prev[-1][1] == a - 1:
            w = prev[-1][2]
            lower = text[prev[-1][0]].islower()
            if e.category == "name_calling" and len(prev) >= 2 and w not in _FUNCTION and w.isalpha() \
                    and prev[-2][2] in _DETERMINERS:
                a = prev[-1][0]  # a label takes its modifier after a determiner ("the Kremlin dictator")
            elif w in _FUNCTION or not w.isalpha():
                pass
            elif w.endswith("ly"):
                if lower and len(w) > 5 and w not in _NOT_ADVERBS:
                    a = prev[-1][0]  # an adverb that grades the hit ("manifestly false", "viciously attacked")
            elif not _adj_or_verb(key, e) and (w in entries or (lower and w.endswith(_ADJ_END))):
                a = prev[-1][0]  # a loaded noun takes the adjective before it ("pernicious nonsense")
        span = text[a:b]
        if quoted:
            note += " Inside a quotation: the speaker's words, not the outlet's."
        out.append(LoadedSpan(a, b, span, e.category, weight, (e.note or _notes(e, word)) + note, e.alternative,
                              "quoted" if quoted else "outlet", e.source or "lexicon"))
        clear = clear or weight > MILD
    if out and not clear:
        out = []  # mild words ("harsh", "historic") count only beside a clearly loaded one
    for a, b in scare:
        span = text[a:b]
        out.append(LoadedSpan(a, b, span, "scare_quotes", 1.0, f'"{span}": {CATEGORY_NOTES["scare_quotes"]}.',
                              None, "quoted" if voice.quoted(a - 2) else "outlet", "rule:scare_quotes"))
    if tails:
        out.extend(_superlatives(text, low, start, tails, voice))
    # "Trump-hating", "science-averse", "war-mongering"
    for m in labels:
        a = m.start()
        while a > start and (low[a - 1].isalnum() or low[a - 1] == "_"):
            a -= 1
        if a == m.start() or (a > 0 and low[a - 1] in "'-"):
            continue
        w = text[a:m.end()]
        out.append(LoadedSpan(a, m.end(), w, "name_calling", 1.5,
                              f'"{w}": a label that sums people up by an attitude it pins on them.', None,
                              "quoted" if voice.quoted(a) else "outlet", "rule:attitude_compound"))
    shouty: bool | None = None
    for m in caps:
        w = m.group()
        lw = w.lower()
        if not (w.isupper() and (lw in entries or lw in strong or lw.endswith(("ed", "ing", "ly")))) \
                or _caps_label(text, m.start(), m.end(), start, end):
            continue
        shouty = _shouty(text, start, end) if shouty is None else shouty
        if not shouty:
            out.append(LoadedSpan(m.start(), m.end(), w, "emphasis", 1.0, f'"{w}": {CATEGORY_NOTES["emphasis"]}.',
                                  lw, "quoted" if voice.quoted(m.start()) else "outlet", "rule:capitals"))
    return out


def _can_clear(hits: Iterable[Hit], entries: dict[str, Entry], backoff: frozenset[str]) -> bool:
    """False when no hit can weigh more than MILD (a weight is only ever lowered after this: negation halves it)."""
    for _a, _b, key, boosted in hits:
        e = None if boosted else entries.get(key)
        if e is None:
            if (boosted or key in backoff) and VADER_WEIGHT > MILD:
                return True
        elif e.weight > MILD and e.category != "neutral":
            return True
    return False


def _superlatives(text: str, low: str, start: int, tails: Iterable[re.Match[str]], voice: _Voice) -> list[LoadedSpan]:
    """ "The harshest sanctions ever", "the most shameful decision of all time": an evaluative superlative
    with an absolute frame. Record superlatives ("the farthest image ever") are facts and stay out."""
    out: list[LoadedSpan] = []
    emotive = lexicon()
    strong = vader_strong(2.0)
    for m in tails:
        prev = _prev(low, m.start(), start, 5)
        for q in range(len(prev) - 1, -1, -1):
            t = prev[q][2]
            if t in ("most", "least"):
                nxt = prev[q + 1][2] if q + 1 < len(prev) else ""
                ok = nxt in emotive or nxt in strong
            else:
                ok = t in ("greatest", "worst") or (t.endswith("est") and any(
                    st in emotive for st in (t[:-3], t[:-2], t[:-3] + "e", t[:-4] if len(t) > 6 else "")))
            if ok:
                a = prev[q][0]
                span = text[a:m.end()]
                out.append(LoadedSpan(a, m.end(), span, "hyperbole", 1.0, f'"{span}": {CATEGORY_NOTES["hyperbole"]}.',
                                      None, "quoted" if voice.quoted(a) else "outlet", "rule:superlative"))
                break
    return out


def _adjectival(key: str, e: Entry) -> bool:
    """A one-word hit that reads as an adjective by its ending ("pernicious", "vindictive")."""
    return e.ntok == 1 and key.endswith(_ADJ_END)


def _adj_or_verb(key: str, e: Entry) -> bool:
    """Hits that modify or act rather than name: they take no adjective before them."""
    return e.adjective or _adjectival(key, e) or key.endswith(("ed", "ing", "ly")) or e.category in (
        "hyperbole", "certainty", "intensifier")


def _set_off(text: str, a: int, b: int, start: int) -> bool:
    """True when text[a:b] opens the sentence or sits between commas (a sentence adverb)."""
    before = text[max(start, a - 3):a].rstrip() if a - start > 3 else text[start:a].rstrip()
    after = text[b:b + 2].lstrip()
    opens = not before.strip("\"“‘'( ")
    return opens or before.endswith((",", ";", "—", "–", ":")) or after.startswith((",", "—", "–"))


def _after_speech(text: str, qstart: int, floor: int) -> bool:
    """A short quotation right after "said:" or a colon is a quoted fragment, not scare quotes."""
    before = text[max(floor, qstart - 12):qstart].rstrip().lower()
    return before.endswith((":", "said", "says", "told", "wrote", "tweeted"))


# Capitals that head a line or a phrase in capitals ("BEIJING --", "SPEAKER: ...", "JUST WATCHED", "TO ARGUE AGAINST
# THE DEATH PENALTY") are datelines, speaker labels, embedded headings or names, not shouting at the reader.
_CAPS_WORD = re.compile(r"[A-Z][A-Z’'\-]+\b")


def _caps_label(text: str, a: int, b: int, start: int, end: int) -> bool:
    """True when the capitalised word at text[a:b] is a label, a dateline or part of a run of capitals."""
    after = text[b:b + 3]
    if after[:1] == ":" or after.startswith((" --", " —", " –")):
        return True
    line = text.rfind("\n", start, a) + 1 or start
    if not any(c.islower() for c in text[line:a]):  # opens its line, alone or after capitals: a dateline, a heading
        return True
    run, last = 0, -1
    for m in _CAPS_WORD.finditer(text, max(start, a - 40), min(end, b + 40)):
        adjacent = last >= 0 and not any(c.isalnum() for c in text[last:m.start()])
        run = (run + 1 if adjacent else 1) if m.group().isupper() else 0
        last = m.end()
        if run >= 3:
            return True
    return False


def _shouty(text: str, start: int, end: int) -> bool:
    """A sentence mostly in capitals is a headline style, not emphasis."""
    letters = [c for c in text[start:end] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _negated(low: str, prev: list[Tok], pos: int) -> bool:
    """A negator just before, or before only "a", "so", "really", "been" ("not a disaster", "never been so bad")."""
    nxt = pos
    for a, b, t in reversed(prev):
        if low[b:nxt].strip():
            return False
        if t in _NEGATORS or t.endswith("n't"):
            return True
        if t not in _NEGATION_BRIDGE:
            return False
        nxt = a
    return False


def _merge(spans: list[LoadedSpan], text: str) -> list[LoadedSpan]:
    """Sort, and fuse spans that overlap into one highlight; neighbouring loaded words stay separate."""
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[LoadedSpan] = []
    for s in spans:
        if out:
            p = out[-1]
            if s.start < p.end:
                if s.end > p.end:
                    main = p if p.weight >= s.weight else s
                    out[-1] = LoadedSpan(p.start, s.end, text[p.start:s.end], main.category,
                                         max(p.weight, s.weight) + 0.25 * min(p.weight, s.weight), main.note,
                                         main.alternative, p.voice, main.source)
                continue
        out.append(s)
    return out
