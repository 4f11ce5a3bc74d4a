"""Loaded language: words and phrases that tell the reader what to feel.

Rule-based and linear: each article sentence is cut into word tokens once, the
tokens are walked through a trie built from the curated lexicon
(reporter/data/loaded.csv, see loaded_lexicon.py), and a few rules add what a
word list cannot see: scare quotes, shouting in capitals, superlatives with
"ever", intensifiers in front of a loaded word and the noun a loaded adjective
qualifies. Negation ("not a disaster") drops or weakens a hit. A hit inside a
direct quotation keeps ``voice="quoted"``: it belongs to the speaker, and the
score counts only the outlet's own voice.
"""
from __future__ import annotations

import bisect
import re

from reporter.model import LoadedSpan, Quote
from reporter.signals.loaded_lexicon import CATEGORY_NOTES, Entry, lexicon, norm, vader_backoff, vader_strong
from reporter.signals.view import ArticleView

_WORD = re.compile(r"\w+(?:[’'\-]\w+)*", re.U)

# Words that make what follows stronger; they join the span of the loaded word after them.
INTENSIFIERS = frozenset(
    "very so too extremely incredibly deeply utterly totally completely absolutely really truly downright "
    "particularly especially highly thoroughly increasingly most more truly such outright openly wholly "
    "hugely massively wildly insanely ridiculously terribly horribly awfully painfully grossly "
    "total complete utter absolute sheer pure real true".split())
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
_DETERMINERS = frozenset("a an the his her their our its my your these those this that such some any".split())
_NEGATORS = frozenset("not no never hardly barely scarcely neither nor without nothing none".split())
_NEGATION_DROPS = frozenset({"charged", "hyperbole", "certainty", "metaphor"})
# Strongly rated VADER words that are plain reporting vocabulary in news, never loaded by themselves.
_VADER_NEUTRAL = frozenset(
    "killed kill kills killing killer killers murder murdered murders murderer death deaths dead died dies dying "
    "war wars crime crimes criminal criminals assault assaulted attack attacks attacked attacker attackers rape "
    "raped rapist terrorism terrorist terrorists cancer disease hostage hostages abuse abused abuser victim victims "
    "suicide bomb bombs bombing bomber prison jail arrest arrested fraud torture tortured weapon weapons gun guns "
    "violence violent injured injury wounded fire fired hurt pain fatal fatalities poverty poor hunger famine "
    "award awards prize win wins won winner winners best better good great love loved loves like likes happy "
    "hope hopes hoped help helps helped support supported thank thanks welcome free freedom peace safe safety "
    "protect protected care cares benefit benefits success successful celebrate celebrated party honest honor "
    "honour honored trust friend friends friendly bonus fun interest interests nice agree agreed please "
    "problem problems crisis risk risks threat threats threatened fear fears feared concern concerns worried "
    "lost lose loss losses fail failed failure sad die bad worse worst racism slavery killings illegal positive "
    "negative".split())

_QUOTE_PAIR = re.compile(r"[\"“”]([^\"“”\n]{1,400})[\"“”]|(?<![\w’'])[‘']([^‘’'\n]{1,60}?)[’'](?![\w’'])")
_SCARE_INNER = re.compile(r"[a-z][\w’'\- ]*$")
# Sentence adverbs that only assert certainty when set off by commas or opening the sentence ("Of course, ...").
_WEAK_CERTAINTY = frozenset({"of course", "certainly", "clearly", "surely", "naturally", "no doubt", "evidently",
                             "plainly", "obviously"})
_CAPS = re.compile(r"\b[A-Z][A-Z’'\-]{3,}\b")
# "the worst ... ever", "the greatest ... in history": superlative plus an absolute frame.
_SUPERLATIVE_TAIL = re.compile(r"\b(?:ever|in (?:human |recorded |modern |american )?history|of all time)\b", re.I)
_NOT_SUPERLATIVE = frozenset("interest request forest protest honest modest west rest test arrest contest suggest "
                             "digest manifest invest harvest conquest guest quest chest nest pest vest priest "
                             "earnest behest inquest unrest bequest".split())


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
        i = bisect.bisect_right(self.starts, pos) - 1
        # Intervals may nest or overlap; check a few preceding ones (attribution emits few per sentence).
        for k in range(i, max(i - 3, -1), -1):
            if self.starts[k] <= pos < self.ends[k]:
                return True
        return any(a <= pos < b for a, b in self.extra)


def find_loaded(view: ArticleView, quotes: list[Quote]) -> list[LoadedSpan]:
    """Every loaded span in the article sentences, in text order, overlaps merged."""
    text = view.text
    voice = _Voice(quotes)
    out: list[LoadedSpan] = []
    for s in view.sentences:
        out.extend(_sentence(text, s.start, s.end, voice))
    return _merge(out, text)


def _sentence(text: str, start: int, end: int, voice: _Voice) -> list[LoadedSpan]:
    root, first = lexicon()
    strong = vader_strong(2.0)
    backoff = vader_backoff()
    toks = [(m.start(), m.end(), norm(m.group())) for m in _WORD.finditer(text, start, end)]
    n = len(toks)
    voice.extra = []
    scare: list[tuple[int, int]] = []
    for m in _QUOTE_PAIR.finditer(text, start, end):
        g = 1 if m.group(1) is not None else 2
        a, b = m.span(g)
        words = len(_WORD.findall(m.group(g)))
        if words >= 4:
            voice.extra.append((a, b))
        elif 1 <= words <= SCARE_MAX_WORDS and _SCARE_INNER.match(m.group(g)) \
                and not _after_speech(text, m.start(), start):
            scare.append((a, b))
    out: list[LoadedSpan] = []
    i = 0
    while i < n:
        tok = toks[i][2]
        hit: tuple[int, Entry] | None = None
        if tok in first:
            node = root
            j = i
            while j < n and toks[j][2] in node:
                node = node[toks[j][2]]
                j += 1
                if "" in node:
                    hit = (j, node[""])
        if hit is None:
            boosted = i > 0 and toks[i - 1][2] in INTENSIFIERS and toks[i - 1][1] >= toks[i][0] - 2
            if tok in strong and tok not in _VADER_NEUTRAL and (tok in backoff or boosted):
                e = Entry(tok, "charged", 0.5, None, "", "VADER lexicon (MIT)", 1, False)
                hit = (i + 1, e)
            else:
                i += 1
                continue
        j, e = hit
        if e.category == "neutral":  # an established term ("police brutality") that only looks loaded
            i = j
            continue
        weight, note = e.weight, ""
        quoted = voice.quoted(toks[i][0])
        weak = e.term in _WEAK_CERTAINTY and not _set_off(text, toks, i, j, start)
        if e.category == "certainty" and (quoted or weak):  # certainty is about the writer's own voice
            i = j
            continue
        if _negated(text, toks, i):
            if e.category in _NEGATION_DROPS:
                i = j
                continue
            weight, note = weight / 2, " Negated, so weaker."
        a, b = toks[i][0], toks[j - 1][1]
        k = i
        while k > 0 and toks[k - 1][2] in INTENSIFIERS and toks[k - 1][1] >= a - 2:
            k -= 1
            a = toks[k][0]
        # A loaded adjective, intensifier or label takes in the word it qualifies ("brutal crackdown").
        if j < n and toks[j][0] == b + 1 and _content(toks[j][2], text, toks[j][0]) and (
                e.adjective or e.category in ("hyperbole", "intensifier", "name_calling")):
            b = toks[j][1]
            j += 1
        # A label takes in its modifier after a determiner ("the Kremlin dictator").
        if k == i and k > 0 and e.category == "name_calling" \
                and toks[k - 1][2] not in _FUNCTION and toks[k - 1][2].isalpha() and toks[k - 1][1] == a - 1 \
                and k > 1 and toks[k - 2][2] in _DETERMINERS:
            a = toks[k - 1][0]
        span = text[a:b]
        out.append(LoadedSpan(a, b, span, e.category, weight, _notes(e, span) + note, e.alternative,
                              "quoted" if quoted else "outlet", e.source or "lexicon"))
        i = j
    if out and all(x.weight <= MILD for x in out):
        out = []  # mild words ("harsh", "historic") count only beside a clearly loaded one
    for a, b in scare:
        span = text[a:b]
        out.append(LoadedSpan(a, b, span, "scare_quotes", 1.0, f'"{span}": {CATEGORY_NOTES["scare_quotes"]}.',
                              None, "quoted" if voice.quoted(a - 2) else "outlet", "rule:scare_quotes"))
    out.extend(_superlatives(text, toks, start, end, voice))
    shouty: bool | None = None
    for m in _CAPS.finditer(text, start, end):
        w = m.group()
        low = norm(w)
        if not (w.isupper() and (low in first or low in strong or low.endswith(("ed", "ing", "ly")))):
            continue
        shouty = _shouty(text, start, end) if shouty is None else shouty
        if not shouty:
            out.append(LoadedSpan(m.start(), m.end(), w, "emphasis", 1.0, f'"{w}": {CATEGORY_NOTES["emphasis"]}.',
                                  w.lower(), "quoted" if voice.quoted(m.start()) else "outlet", "rule:capitals"))
    return out


def _superlatives(text: str, toks: list[tuple[int, int, str]], start: int, end: int, voice: _Voice) -> list[LoadedSpan]:
    """ "The worst deal ever", "the most corrupt administration in history": a superlative with an absolute frame."""
    out: list[LoadedSpan] = []
    for m in _SUPERLATIVE_TAIL.finditer(text, start, end):
        k = bisect.bisect_left(toks, (m.start(),)) - 1
        for q in range(k, max(-1, k - 5), -1):
            t = toks[q][2]
            sup = t in ("most", "least", "best", "worst") or (t.endswith("est") and len(t) > 5
                                                                 and t not in _NOT_SUPERLATIVE)
            if sup:
                a, b = toks[q][0], m.end()
                span = text[a:b]
                out.append(LoadedSpan(a, b, span, "hyperbole", 1.0, f'"{span}": {CATEGORY_NOTES["hyperbole"]}.',
                                      None, "quoted" if voice.quoted(a) else "outlet", "rule:superlative"))
                break
    return out


def _set_off(text: str, toks: list[tuple[int, int, str]], i: int, j: int, start: int) -> bool:
    """True when tokens i..j-1 open the sentence or sit between commas (a sentence adverb)."""
    before = text[start:toks[i][0]].rstrip()
    after = text[toks[j - 1][1]:toks[j - 1][1] + 2].lstrip()
    opens = not before.strip("\"“‘'( ")
    return opens or before.endswith((",", ";", "—", "–", ":")) or after.startswith((",", "—", "–"))


def _after_speech(text: str, qstart: int, floor: int) -> bool:
    """A short quotation right after "said:" or a colon is a quoted fragment, not scare quotes."""
    before = text[max(floor, qstart - 12):qstart].rstrip().lower()
    return before.endswith((":", "said", "says", "told", "wrote", "tweeted"))


def _shouty(text: str, start: int, end: int) -> bool:
    """A sentence mostly in capitals is a headline style, not emphasis."""
    letters = [c for c in text[start:end] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _negated(text: str, toks: list[tuple[int, int, str]], i: int) -> bool:
    """A negator up to three words before, with no punctuation in between ("not a disaster")."""
    for k in range(i - 1, max(-1, i - 4), -1):
        if text[toks[k][1]:toks[k + 1][0]].strip():
            return False
        t = toks[k][2]
        if t in _NEGATORS or t.endswith("n't"):
            return True
    return False


def _content(tok: str, text: str, pos: int) -> bool:
    """A lower-case content word (likely the noun or adjective a loaded modifier qualifies)."""
    return tok not in _FUNCTION and text[pos].islower() and tok.isalpha()


def _merge(spans: list[LoadedSpan], text: str) -> list[LoadedSpan]:
    """Sort, and fuse spans that overlap or touch (only spaces or hyphens between) into one highlight."""
    spans.sort(key=lambda s: (s.start, -s.end))
    out: list[LoadedSpan] = []
    for s in spans:
        if out:
            p = out[-1]
            gap = text[p.end:s.start] if s.start > p.end else ""
            if s.start <= p.end or (len(gap) <= 2 and gap.strip(" -") == "" and p.voice == s.voice):
                if s.end > p.end:
                    main = p if p.weight >= s.weight else s
                    out[-1] = LoadedSpan(p.start, s.end, text[p.start:s.end], main.category,
                                         max(p.weight, s.weight) + 0.25 * min(p.weight, s.weight), main.note,
                                         main.alternative, p.voice, main.source)
                continue
        out.append(s)
    return out
