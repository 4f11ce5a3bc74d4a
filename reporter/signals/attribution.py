"""Attribution: who says what (direct quotes and reported speech), and what goes unsourced.

Rule-based on purpose: a hand-written lexicon of cue verbs (reporter/data/
attribution_cues.csv), a quote-mark scanner that survives unbalanced marks, and a
small chunker that walks back from a cue to its subject noun phrase. Every span
points into the original text. One pass per paragraph, so the cost is linear.

Frames recognised in one sentence-like unit (sentences joined when a quotation
runs across them):

* ``X said (that) Y`` / ``X told Z (that) Y`` / ``X: "Y"``  -> content after the cue
* ``Y, X said.`` / ``"Y," said X, a ...``                   -> content before the speaker
* ``"A," he said, "B."``                                     -> one content from A to B
* ``According to X, Y`` / ``Y, according to X``              -> content Y, source X
* ``It was reported that Y`` (no source) and ``This was stated by X`` (content: the previous unit)
* a quotation with no cue of its own continues the statement before it in the same paragraph.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import islice
from operator import attrgetter

from reporter.model import Claim, Quote, Span, Speaker
from reporter.signals.attribution_lex import (
    _NOT_AZ,
    Cue,
    az_runs,
    find_cues,
    gender_lexicon,
    lexicon,
    lower_same_length,
)
from reporter.signals.attribution_quotes import _MARK, QuoteSpan, ending_at, inside, overlapping, scan, starting_in
from reporter.signals.view import ArticleView

# possessive quantifiers: the same tokens (nothing follows inside a branch to backtrack for), found sooner
_TOK = re.compile(r"\w++(?:[’'\-&.]\w+)*+|[^\w\s]")
_PRONOUNS = {"he", "she", "they", "we", "i", "it", "you"}
_PERSON_PRON = {"he", "she", "i"}
_PRON_SEX = {"he": "male", "she": "female"}
_UNNAMED_PRON = frozenset({"he", "she", "i", "his", "her", "my"})
_POSS_PRON = {"his": "he", "her": "she", "their": "they", "its": "it", "my": "i", "our": "we"}
_ABBR = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "st", "jr", "sr", "prof", "rev", "sgt",
         "capt", "maj", "adm", "atty", "pres", "u.s", "u.n", "u.k", "d.c", "inc", "co", "corp", "ltd"}
_SKIP = {"also", "has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "must", "shall",
         "did", "does", "do", "not", "never", "then", "later", "once", "again", "even", "already", "further",
         "previously", "recently", "repeatedly", "often", "still", "just", "been", "is", "was", "were",
         "are", "be", "being", "reportedly", "quickly", "openly", "publicly", "privately", "long", "first", "always",
         "n't", "himself", "herself", "itself", "themselves", "too", "now", "soon", "ever", "all", "both",
         "didn't", "doesn't", "don't", "won't", "can't", "wouldn't", "hasn't", "haven't", "isn't", "wasn't",
         "didn’t", "doesn’t", "don’t", "won’t", "can’t", "wouldn’t", "hasn’t", "haven’t", "isn’t", "wasn’t"}
_BE = {"is", "was", "were", "are", "been", "be", "being"}
_BOUNDARY = {"that", "which", "who", "whom", "when", "while", "where", "because", "if", "as", "after", "before",
             "since", "although", "though", "but", "or", "so", "than", "until", "unless", "whether", "and", "what",
             "how", "why", "whose", "nor", "yet", "in", "on", "during", "by", "with", "without", "about", "into",
             "over", "under", "against", "between", "through", "to", "like", "not", "there", "here", "this",
             "these", "those", "its", "their", "his", "her", "our", "my", "your", "is", "was", "are", "were"}
# Inside a noun phrase: "a spokesman for the Ministry of Defence", "adviser to Smith".
_TO_VERBS = {"continued", "continues", "continue", "wants", "want", "wanted", "plans", "plan", "planned", "began",
             "begins", "went", "goes", "tried", "tries", "seemed", "seems", "appeared", "appears", "refused",
             "declined", "decided", "moved", "sought", "seeks", "hopes", "hoped", "promised", "vowed", "used",
             "rushed", "came", "failed", "threatened", "pledged", "poised", "like", "likes", "need", "needs",
             "needed", "chose", "agreed", "expects", "expected"}
_POSS = {"his", "her", "their", "its", "our", "my", "your"}
_NP_PREP = {"of", "for", "at", "from"}
_NP_TAIL = frozenset(_NP_PREP | {"the", "a", "an", "and"})
_BOUNDARY_NP = frozenset(_BOUNDARY - {"of", "for"})
_BOUNDARY_OF = frozenset(_BOUNDARY - {"of"})
_DET = {"a", "an", "the", "some", "many", "several", "most", "other", "others", "one", "two", "three", "few",
        "both", "each", "any", "no", "every", "top", "senior", "former"}
_NONHEAD = {"a", "an", "the", "of", "for", "at", "from", "to", "and", "that", "this", "which", "who", "there",
            "also", "not", "what", "it’s", "it's", "so", "just", "only", "has", "have", "had", "be", "being"}
_TIME = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
         "tonight", "january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december", "last", "earlier", "later", "week", "month", "year", "morning",
         "evening", "afternoon", "night"}
_ADVERBIAL_START = {"in", "on", "at", "during", "after", "before", "to", "from", "via", "through", "while", "when",
                    "last", "this", "earlier", "later", "yesterday", "today", "monday", "tuesday", "wednesday",
                    "thursday", "friday", "saturday", "sunday", "of", "about", "with", "afterward", "afterwards",
                    "recently", "repeatedly", "again", "too", "also", "as", "for", "told", "adding"}
_OBJ_SKIP = re.compile(
    r"\s*(?:me|him|her|us|them|you|reporters|journalists|the press|the crowd|the audience|supporters|voters|"
    r"lawmakers|the court|the committee|[A-Z][\w’'\-.]*(?:\s+(?:[A-Z][\w’'\-.]*|of|the))*)\b[,]?\s*", re.U)
_THAT = re.compile(r"\s*(?:[,:]\s*)?", re.I)
_QMARKS_SET = frozenset("“”\"«»'„")
_QMARKS = "“”\"«»'„"
_DATELINE = re.compile(r"[A-Z][A-Z .,'’\-]{2,40}(?:\([\w .]+\))?\s*(?:--|—|–|-)\s+")
_CHAIN = re.compile(r"\b(?:citing|quoting|with reference to|referring to|in reference to|according to|via|"
                    r"with a reference to)\s+((?:the\s+)?(?:[A-Z][\w’'\-.&]*|of|the|and|for)"
                    r"(?:\s+(?:[A-Z][\w’'\-.&]*|of|the|and|for)){0,6})", re.U)
_CHAIN_KEYS = ("citing", "quoting", "reference to", "referring to", "according to", "via ")
_SOURCE_LINE = re.compile(r"^[ \t]*(?:Source|Sources|Via)[ \t]*:[ \t]*([^\n]{2,80}?)[ \t]*$", re.M | re.I)
_TRAIL_PUNCT = ".,;:!?—–- \t\n"
_WORDS = re.compile(r"\w+(?:[’'\-]\w+)*", re.U)
_DIGIT = re.compile(r"[\d%]")  # a class, not an alternation: searched by skipping
_FIGURE_WORDS = frozenset({"percent", "per", "million", "billion", "trillion", "thousand", "thousands", "hundreds",
                           "dozens", "half", "doubled", "tripled", "halved", "%"})
_MOTIVE_HINTS = frozenset({"order", "attempt", "bid", "aim", "aims", "aimed", "seek", "seeks", "sought", "intend",
                           "intends", "want", "wants", "retaliation", "revenge", "distract", "deliberately", "so"})
_MOTIVE = re.compile(r"\b(?:in order to|in an attempt to|in a bid to|aims? to|aimed at|seeks? to|sought to|"
                     r"intends? to|so as to|wants? to|in retaliation|as revenge|to distract|deliberately)\b", re.I)
_EVENT_WORDS = frozenset({"killed", "attacked", "arrested", "launched", "invaded", "destroyed", "seized", "captured",
                          "fired", "shot", "bombed", "shelled", "signed", "banned", "sanctioned", "collapsed",
                          "crashed", "resigned", "died", "won", "lost"})
# Words every claim holds at least one of (a figure word, an event word, a word of each motive phrase): one
# C-level run of a-z words and a set test let most sentences skip the word split (a case-insensitive regex
# alternation of these words was slower than the split itself).
_CLAIM_HINTS = frozenset((_FIGURE_WORDS | _EVENT_WORDS | _MOTIVE_HINTS) - {"%"})
# The test runs on bytes: the a-z runs of the UTF-8 text (every other byte made a space) are the [a-z]+ runs of the
# str, since a non-ASCII character encodes to bytes >= 0x80 only; one translate beats a [a-z]+ findall by 2-3x.
_CLAIM_HINTS_B = frozenset(w.encode("ascii") for w in _CLAIM_HINTS)
_MARK_CHARS = "\"“”«»„‟"  # the one-character quote marks of _MARK


def _mark_chars(text: str) -> list[int]:
    """Sorted positions of the _MARK_CHARS characters: one str.find run per character (a C scan several times faster
    than a regex character class searched paragraph by paragraph), then a binary search per paragraph."""
    out: list[int] = []
    find = text.find
    for c in _MARK_CHARS:
        p = find(c)
        while p >= 0:
            out.append(p)
            p = find(c, p + 1)
    out.sort()
    return out


@dataclass(slots=True)
class _Rel:
    cs: int
    ce: int
    cue: tuple[int, int] | None
    spk: tuple[int, int] | None
    kind: str
    cue_entry: Cue | None = None
    chain: list[str] = field(default_factory=list)
    passive: bool = False


@dataclass(slots=True)
class _Ctx:
    """Per-document memory for resolving later mentions to the fullest earlier one."""

    text: str
    speakers: list[_Mention] = field(default_factory=list)
    # the named persons among them, in order: the look-ups by surname and role read these alone (``seq``: the
    # speaker's number in the document, so the last 60 speakers are those with seq >= nspk - 60)
    persons: list[_Mention] = field(default_factory=list)
    nspk: int = 0
    outlet: str = ""
    # word -> [where each capitalised run ending in it was found, the longest run so far at each of them, where the
    # word occurs next (read on when a later look-up needs it)]
    runs: dict[str, list] = field(default_factory=dict)
    chains: bool = True  # False when the document holds no chain marker ("citing", "via" ...) at all
    common: dict[str, bool] = field(default_factory=dict)  # word -> the text also uses it in lower case
    # every chain marker in the lower-cased text as (start, end), by start; None when lower() changed the length
    # (positions would not line up), and then each statement lower-cases its own window
    chain_keys: list[tuple[int, int]] | None = None
    # set by _classify when its reading looked at earlier speakers or the text around the mention: otherwise the
    # reading is a function of the mention's words (and the outlet) alone, and is kept for later documents
    touched: bool = False

    def add(self, m: _Mention) -> None:
        """Note a speaker (numbered in ``seq``); a named person is listed among ``persons`` too."""
        m.seq = self.nspk
        self.nspk += 1
        self.speakers.append(m)
        if len(self.speakers) > 200:
            del self.speakers[:100]
        if m.type == "named_person":
            self.persons.append(m)
            if len(self.persons) > 200:
                del self.persons[:100]  # only the last 60 speakers are ever read


# every cue surface form -> its entry (lexicon().cues), filled by _find: the hot loops test ``word in _CUE_TABLE``
# where cue_for() cost a call and a second look-up for every word that is no cue
_CUE_TABLE: dict[str, Cue] = {}

# True for a quotation mark (every caller passes one character or none): a set's bound method costs no Python frame
_isq = _QMARKS_SET.__contains__


def _trim_end(text: str, s: int, e: int) -> int:
    while e > s and text[e - 1] in _TRAIL_PUNCT:
        e -= 1
    return e


def _trim_start(text: str, s: int, e: int) -> int:
    while s < e and text[s] in " \t\n,:;—–-":
        s += 1
    return s


def _nwords(text: str, s: int, e: int) -> int:
    """Rough word count of ``text[s:e]`` (spaces + 1): cheap, and only compared with small thresholds."""
    if e <= s:
        return 0
    chunk = text[s:e].strip()
    return chunk.count(" ") + chunk.count("\n") + 1 if chunk and _ALNUM.search(chunk) else 0


_ALNUM = re.compile(r"[^\W_]")  # exactly str.isalnum: re's Unicode \w is isalnum() or "_"


_LEAD_ADVERBS = _TIME | {"then", "meanwhile", "now", "still", "also", "so"}


def _np_back(ms: list[re.Match[str]], i: int) -> int:
    """Index of the first token of the noun phrase ending at token ``i`` (walking left); ``ms``: _TOK matches."""
    j = i
    n = 0
    while j > 0 and n < 11:
        t = ms[j - 1][0]
        lt = t.lower()
        if t == ".":
            if j - 2 >= 0 and (ms[j - 2][0].lower() in _ABBR or _ONE_CAP.fullmatch(ms[j - 2][0])):
                j -= 1
                continue
            break
        if t in "’'" and j - 2 >= 0 and ms[j - 2][0].endswith("s") and ms[j - 2].end() == ms[j - 1].start():
            j -= 1  # "Sanders’ aides": a plural possessive inside the phrase
            continue
        if not t[:1].isalnum():
            break
        if lt in _POSS and j - 1 < i:
            j -= 1  # "his campaign", "their lawyers": the determiner opens the phrase
            break
        if lt in ("with", "to") and j - 2 >= 0 and ms[j - 2][0].lower() in ("familiar", "close", "closest", "near"):
            j -= 1  # "a source familiar with the talks", "a person close to the minister"
            n += 1
            continue
        if lt in _NP_PREP:
            # keep "of/for" only when a noun phrase continues on its left
            if j - 2 < 0 or not ms[j - 2][0][:1].isalnum() or ms[j - 2][0].lower() in _BOUNDARY:
                break
        elif lt == "and":
            if not (ms[j][0][:1].isupper() and j - 2 >= 0 and ms[j - 2][0][:1].isupper()):
                break
        elif lt in _BOUNDARY or t[:1].islower() and lt in _CUE_TABLE:
            break
        j -= 1
        n += 1
    # drop sentence-initial adverbials glued on ("In Iowa Smith said" is rare; "Then Smith" is not)
    while j < i and ms[j][0].lower() in _LEAD_ADVERBS:
        j += 1
    return j


# The speaker walks read tokens as match objects: list(finditer) is made in C, and most tokens of a window are
# never looked at (a (start, end, text) tuple per token cost more than the walk itself)
_tok_iter = _TOK.finditer


# A cue at most 50 characters into its unit reads only ``text[lo:pos]`` ("He ", "Trump ", "The spokesman "): the walk's
# reading, with positions relative to ``lo``, is kept by that stretch (bounded; a tenth of the walks in news text)
_BEFORE_CACHE: dict[str, tuple[tuple[int, int] | None, bool, str, int]] = {}


def _speaker_before(text: str, lo: int, pos: int) -> tuple[tuple[int, int] | None, bool, str, int]:
    """Subject noun phrase right before a cue: (span, passive, what stopped the walk, where the verb group starts)."""
    if pos - lo > 50:
        return _walk_back(text, lo, pos)
    key = text[lo:pos]
    hit = _BEFORE_CACHE.get(key)
    if hit is None:
        sp, passive, stop, edge = _walk_back(text, lo, pos)
        _cache_put(_BEFORE_CACHE, key, ((sp[0] - lo, sp[1] - lo) if sp is not None else None, passive, stop, edge - lo))
        return sp, passive, stop, edge
    sp, passive, stop, edge = hit
    return (sp[0] + lo, sp[1] + lo) if sp is not None else None, passive, stop, edge + lo


def _walk_back(text: str, lo: int, pos: int) -> tuple[tuple[int, int] | None, bool, str, int]:
    """_speaker_before's walk: the noun phrase's tokens read from a window of 50 (or 140) characters before ``pos``."""
    ms = list(_tok_iter(text, max(lo, pos - 50), pos))
    if pos - 50 > lo and len(ms) > 1:
        del ms[0]  # the first token may be cut in half by the window
        res, low = _walk_tokens(text, lo, pos, ms)
        # The wider window below keeps the tokens from the first one that follows whitespace on (and may drop one
        # more). A walk that read nothing before such a token, one place removed, reads the same tokens in either,
        # with at least two before them in both: its result stands, and the wider window is not read (most walks).
        x = low - 1
        while x >= 0:
            if text[ms[x].start() - 1].isspace():
                return res
            x -= 1
        longer, seen = True, 0
        for m in ms:  # the first three tokens that are not quote marks: all plain words?
            w = m[0]
            if w in _QMARKS_SET:
                continue
            if not (w[:1].isalnum() and w.lower() not in _BOUNDARY):
                longer = False
                break
            seen += 1
            if seen == 3:
                break
        if not longer:
            return res
        # the phrase may run past the small window: read the full one. A token right after whitespace starts a
        # token however far left the reading began (no token holds whitespace), so the tokens from there on are
        # the small window's and only the stretch before them is read again.
        b = max(lo, pos - 140)
        k = next((x for x, m in enumerate(ms) if text[m.start() - 1].isspace()), -1)
        ms = list(_tok_iter(text, b, ms[k].start())) + ms[k:] if k >= 0 else list(_tok_iter(text, b, pos))
        if pos - 140 > lo and ms:
            del ms[0]
    return _walk_tokens(text, lo, pos, ms)[0]


def _walk_tokens(text: str, lo: int, pos: int,
                 ms: list[re.Match[str]]) -> tuple[tuple[tuple[int, int] | None, bool, str, int], int]:
    """The walk over the tokens ``ms`` before ``pos``, and the lowest token index it may have read (-1: all)."""
    i = len(ms) - 1
    passive = False
    t = lt = ""
    while i >= 0:
        t = ms[i][0]
        lt = t.lower()
        if lt in _SKIP or (lt.endswith("ly") and t[:1].islower() and len(lt) > 4):
            passive = passive or lt in _BE
            i -= 1
            continue
        break
    edge = ms[i + 1].start() if i + 1 < len(ms) else pos  # i >= -1
    if i < 0:
        return (None, passive, "start", edge), -1
    if t == "." and i > 0 and (_INITIALS.fullmatch(ms[i - 1][0]) or ms[i - 1][0].lower() in _ABBR):
        i -= 1  # "the F.B.I. said", "Smith Jr. said"
        t = ms[i][0]
        lt = t.lower()
    low = i - 2  # the tests below read ms[i - 1] at most, and ask whether i > 1
    if not t[:1].isalnum():
        return (None, passive, t, edge), low
    if lt == "and":
        return (None, passive, "and", edge), low
    if passive and lt in ("this", "it", "that"):
        return (ms[i].span(), passive, "pronoun", edge), low
    if lt == "who" and i > 0:
        return (ms[i].span(), passive, "relative", edge), low  # "a voter who said ...": resolved below
    if lt == "to" and i > 1 and ms[i - 1][0][:1].islower() and ms[i - 1][0].lower() in _TO_VERBS:
        # "continued to complain", "plans to argue": the subject of the governing verb
        sp, pas, stop, _e = _speaker_before(text, lo, ms[i - 1].start())
        return (sp, pas, stop, edge), low
    if lt in _NONHEAD or lt in _BOUNDARY and lt not in _PRONOUNS:
        return (None, passive, "nonhead", edge), low
    if lt in _PRONOUNS:
        return (ms[i].span(), passive, "pronoun", edge), low
    j = _np_back(ms, i)  # it read ms[j - 1] and ms[j - 2] at most, and asked whether j > 0
    # appositive: "Smith, a spokesman for X, said"
    return ((ms[j].start(), ms[i].end()), passive, "np", edge), j - 2


def _appositive_head(text: str, lo: int, sp: tuple[int, int]) -> tuple[int, int]:
    """"Smith, a spokesman for the party, said": extend the speaker span back to Smith."""
    s = sp[0]
    k = s - 1
    while k >= lo and text[k] in " \t":
        k -= 1
    if k < lo or text[k] != ",":
        return sp
    first = text[s:sp[1]].split(" ", 1)[0].lower()
    if first not in _DET and first not in {"the", "who", "whose", "his", "her", "its", "their"}:
        return sp
    ms = list(_tok_iter(text, max(lo, k - 120), k))
    if not ms:
        return sp
    i = len(ms) - 1
    if not ms[i][0][:1].isupper():
        return sp
    j = _np_back(ms, i)
    return (ms[j].start(), sp[1])


def _speaker_after(text: str, pos: int, hi: int) -> tuple[int, int] | None:
    """Noun phrase right after a cue ("said Smith, a spokesman", "emphasizes analyst Ivan Petrov")."""
    ms = list(_tok_iter(text, pos, min(hi, pos + 110)))
    if not ms:
        return None
    k = 0
    while k < len(ms) and ms[k][0].lower() in _SKIP:
        k += 1
    if k >= len(ms) or not ms[k][0][:1].isalnum():
        return None
    first = ms[k][0]
    if first.lower() in _PRONOUNS:
        return ms[k].span()
    if not (first[:1].isupper() or first.lower() in _DET):
        # "said harbour master Tomas Varga": a lower-case role word before a name
        if first.lower() in _BOUNDARY or not any(m[0][:1].isupper() for m in ms[k + 1:k + 4]):
            return None
    end = k
    n = 0
    while end + 1 < len(ms) and n < 10:
        t = ms[end + 1][0]
        lt = t.lower()
        if t == "." and (ms[end][0].lower() in _ABBR or _ONE_CAP.fullmatch(ms[end][0])):
            end += 1
            continue
        if not t[:1].isalnum() or lt in _BOUNDARY_NP or lt in _TIME or (t[:1].islower() and lt in _CUE_TABLE):
            break
        end += 1
        n += 1
    while end > k and ms[end][0].lower() in _NP_TAIL:
        end -= 1
    return (ms[k].start(), ms[end].end())


_MENTION_WORD = re.compile(r"[\w’'\-]+")
_MENTION_TOKEN = re.compile(r"[\w’'\-.&]+")
# lower-case words that may sit inside a personal name ("Ursula von der Leyen", "Ibn Saud")
_NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la",
                             "le", "bin", "ibn", "al", "el", "ben", "y", "ter", "zu"})
_PREPOSITIONS = frozenset({"behind", "beside", "besides", "against", "toward", "towards", "like", "unlike", "than",
                           "via", "about", "above", "below", "over", "under", "across", "along", "among", "amid",
                           "around", "near", "beyond", "despite", "except", "inside", "outside", "per", "past",
                           "upon", "within", "onto", "off", "up", "down", "out", "into"})
_QUANTIFIERS = frozenset({"most", "many", "some", "several", "other", "others", "both", "few", "all", "various",
                          "numerous", "certain", "two", "three", "four", "five", "dozens", "hundreds"})
# a role held by one person at a time: "the head of the PRC" is someone identifiable, not an organisation
_UNIQUE_ROLES = frozenset({"head", "leader", "president", "chairman", "chairwoman", "chair", "ceo", "director", "chief",
                           "premier", "king", "queen", "pope", "founder", "governor", "mayor", "chancellor",
                           "prime minister", "secretary-general", "director-general", "speaker", "commander"})
_NOT_NAMES = frozenset({"the", "a", "an", "this", "that", "monday", "tuesday", "wednesday", "thursday", "friday",
                        "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
                        "august", "september", "october", "november", "december", "but", "and", "then", "now"})
_DEMONSTRATIVE = frozenset({"the", "this", "that"})
_GROUP_HEADS = frozenset({"people", "police", "staff", "media", "public", "crowd", "team", "family", "community"})


@dataclass(slots=True)
class _Mention:
    """One speaker mention seen so far: what it said, what it resolved to, and the role nouns describing it."""

    text: str
    name: str
    type: str
    # the mention a later "he" / "the analyst" points back to; None: this mention itself, at ``start`` (the dict is
    # made only when something links to it)
    origin: dict[str, object] | None
    where: tuple[int, int, int] = (0, 0, 0)  # unit start, walked-back start, end: where to read its roles
    _roles: frozenset[str] | None = None
    start: int = 0
    seq: int = 0  # the how-manieth speaker of the document
    _gender: str | None = "?"  # female | male | None (unknown), "?" before it is read (only "he"/"she" read it)

    def gender(self, text: str) -> str | None:
        """The sex this mention's own words tell (honorific, role word, first name), read on first use."""
        if self._gender == "?":
            self._gender = _mention_gender(text, self)
        return self._gender

    def roles(self, text: str) -> frozenset[str]:
        """Role nouns describing this speaker, read on first use (most speakers are never looked up by role)."""
        if self._roles is None:
            found = _roles_near(text, *self.where) if self.type == "named_person" else frozenset()
            if self.origin is not None:  # resolved elsewhere: "President Xi" -> president
                found = found | {w for w in self.name.lower().split() if w in lexicon().roles}
            self._roles = found
        return self._roles


def _origin(text: str, s: int, e: int, how: str) -> dict[str, object]:
    return {"start": s, "end": e, "text": text[s:e], "how": how}


def _linked(m: _Mention, how: str) -> dict[str, object]:
    """The earlier mention ``m`` stands for, with how the new one was linked to it."""
    if m.origin is None:
        return {"start": m.start, "end": m.where[2], "text": m.text, "how": how}
    return {**m.origin, "how": how}


def _trim_speaker(text: str, s: int, e: int) -> int:
    """Start of the speaker span without a common word glued before the name.

    The walk back from the cue stops at punctuation, so "head of the Centre for
    analysis and strategies Igor Chalenko" yields "strategies Igor Chalenko". When the
    phrase ends in a personal name of two or more words and the word before it is a
    lower-case word that is not a role ("analyst Ann Lee" stays whole), a determiner
    or a preposition, the span starts at the name.
    """
    if text.count(" ", s, e) < 2:
        return s  # fewer than three words
    toks = [(m.start(), m[0]) for m in _MENTION_TOKEN.finditer(text, s, e)]
    if len(toks) < 3:
        return s
    lex = lexicon()
    i = len(toks)
    while i > 0:
        t = toks[i - 1][1]
        if t[:1].isupper() or (t in _NAME_PARTICLES and i - 2 >= 0 and toks[i - 2][1][:1].isupper() and i < len(toks)):
            i -= 1
            continue
        break
    run = [t for _p, t in toks[i:]]
    if i == 0 or not run or not run[0][:1].isupper():
        return s
    lex_places = lex.places
    if len(run) < 2 and run[0].lower() not in lex_places:
        return s  # one capitalised word may be the end of a title ("the direction Beijing" is the exception)
    prev = toks[i - 1][1]
    low_prev = prev.lower()
    if low_prev in _PREPOSITIONS or not prev[:1].islower() or not prev.isalpha() or low_prev in lex.roles \
            or low_prev in _DET or low_prev in _BOUNDARY or low_prev in _NP_PREP or low_prev in _NONHEAD \
            or (i >= 2 and f"{toks[i - 2][1].lower()} {low_prev}" in lex.roles):
        return s
    src = lex.source_words
    if any(src.get(w.lower().strip(".")) in ("org", "outlet", "study") for w in run):
        return s  # "the Centre for Strategic Studies": an organisation's name, not a person's
    return toks[i][0]


_APPOS_AFTER = re.compile(r"\s*,\s*(?:who\s+is\s+|a\s+|an\s+|the\s+)?([^,.;:“”\"\n]{2,80})")


_STOP_LAST = re.compile(r"[.;!?“”\"«»()\n][^.;!?“”\"«»()\n]*\Z")  # the last of these characters in a stretch
_ROLE_FIRST: list[frozenset[str]] = []  # the first words of two-word roles ("prime" of "prime minister"), made once


def _roles_near(text: str, lo: int, s: int, e: int) -> frozenset[str]:
    """Role nouns describing a named speaker: in the mention, before it in its sentence, in an appositive after it."""
    roles = lexicon().roles
    if not _ROLE_FIRST:
        _ROLE_FIRST.append(frozenset(r.split(" ", 1)[0] for r in roles if " " in r))
    firsts = _ROLE_FIRST[0]
    a = max(lo, s - 100)
    k = _STOP_LAST.search(text, a, s)  # one search, not one rfind per character
    if k is not None:
        a = k.start() + 1
    parts = [text[a:e].lower()]
    m = _APPOS_AFTER.match(text, e, e + 90)
    if m:
        parts.append(m.group(1).lower())
    found: set[str] = set()
    for part in parts:
        prev = ""
        for w in _MENTION_WORD.findall(part):
            if w in roles:
                found.add(w)
            if prev in firsts and f"{prev} {w}" in roles:
                found.add(f"{prev} {w}")
            prev = w
    return frozenset(found)


_APPOS_STOP = frozenset({"of", "for", "at", "from", "in", "on", "with", "to", "who", "whose", "which", "that", "and",
                         "said", "says", "told"})


def _mention_gender(text: str, m: _Mention) -> str | None:
    """The sex a named person's mention tells by its own words, or None.

    An honorific in the phrase or just before it ("Mr", "Ms.") decides. Otherwise the gendered role words in the
    phrase ("spokeswoman Ann Lee"; a capitalised one only as a title before a name, so "Peter King" is no king), in
    an appositive after it ("Lee, a congresswoman from ...", read up to its first preposition or relative), and the
    first name of the resolved name, from the census table: one sex among them, or None when they disagree.
    A mention linked by a pronoun tells nothing of its own.
    """
    if m.origin is not None and m.origin.get("how") == "pronoun":
        return None
    glex = gender_lexicon()
    _us, s0, e = m.where
    toks = _MENTION_TOKEN.findall(text, s0, e)
    prev = _TOK_BEFORE.search(text, max(0, s0 - 12), s0)
    hon = {glex.honorifics.get(t.rstrip(".")) for t in ([prev.group(1)] if prev else []) + toks}
    hon.discard(None)
    if len(hon) == 1:
        return hon.pop()
    roles = glex.roles
    found: set[str] = set()
    for i, t in enumerate(toks):
        g = roles.get(t.lower())
        if g is None and i + 1 < len(toks):
            g = roles.get(f"{t} {toks[i + 1]}".lower())
        if g is not None and (t.islower() or (i + 1 < len(toks) and toks[i + 1][:1].isupper())):
            found.add(g)
    a = _APPOS_AFTER.match(text, e, e + 90)
    if a:
        words = _MENTION_WORD.findall(a.group(1))
        prev_w = ""
        for w in words:
            if not w.islower() or w in _APPOS_STOP:
                break
            g = roles.get(w) or roles.get(f"{prev_w} {w}")
            if g is not None:
                found.add(g)
            prev_w = w
    first = _first_name(m.name)
    if first is not None:
        g = glex.first_names.get(first)
        if g is not None:
            found.add(g)
    return found.pop() if len(found) == 1 else None


_TOK_BEFORE = re.compile(r"([A-Z][a-z]{1,5})\.?[ \t]+\Z")  # "Ms. " just before a mention


def _first_name(name: str) -> str | None:
    """The first name of a personal name ("President Donald Lind" -> "Donald"), past titles and honorifics.

    None for a one-word name, an initial, or a name whose next word is hyphenated in lower case ("Kim Jong-un":
    the surname comes first).
    """
    toks = name.split()
    lex_roles = lexicon().roles
    glex = gender_lexicon()
    i = len(toks)
    while i > 0 and (toks[i - 1][:1].isupper() or toks[i - 1] in _NAME_PARTICLES):
        i -= 1  # the capitalised run ending the name: "OSW analyst Mikhail Lind" -> "Mikhail Lind"
    while i < len(toks) and (toks[i].lower() in lex_roles or toks[i].rstrip(".") in glex.honorifics
                             or toks[i].lower() in glex.roles or not toks[i][:1].isupper() or toks[i][-1] == "."):
        # titles, honorifics, and abbreviated titles or initials ("Sen.", "J.")
        i += 1
    if len(toks) - i < 2:
        return None
    first, nxt = toks[i], toks[i + 1]
    if not first.isalpha() or len(first) < 3 or not first[1:].islower():
        return None
    if "-" in nxt and nxt.split("-", 1)[1][:1].islower():
        return None
    return first


def _bare(name: str) -> bool:
    """A surname alone, maybe after titles ("Lee", "Ms. Lee", "Sen. Lee"): it may stand for any earlier Lee."""
    toks = name.split()
    glex = gender_lexicon()
    roles = lexicon().roles
    return all(t[-1] == "." or t.rstrip(".") in glex.honorifics or t.lower() in roles or t.lower() in glex.roles
               for t in toks[:-1])


def _name_gender(ctx: _Ctx, m: _Mention) -> str | None:
    """The sex of the named person ``m`` as its mentions tell it: those among the last 60 speakers ending in the
    same word that may be the same person ("Ann Lee", "Ms. Lee"), one sex among them, else None (unknown:
    "he"/"she" resolve as without it)."""
    last = m.name.rsplit(None, 1)[-1] if m.name else ""
    text = ctx.text
    found = {m.gender(text)}
    lim = ctx.nspk - 60
    for o in reversed(ctx.persons):
        if o.seq < lim:
            break
        if o is not m and o.name.endswith(last) and o.name.rsplit(None, 1)[-1] == last \
                and (o.name == m.name or _bare(o.name) or _bare(m.name)):
            found.add(o.gender(text))  # "Ms. Lee" or "Lee" with "Ann Lee", not "Tom Lee" with "Ann Lee"
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _plural_group(m: _Mention) -> bool:
    last = m.text.lower().split()[-1:] or [""]
    return last[0].endswith("s") or last[0] in _GROUP_HEADS


def _classify(ctx: _Ctx, s: int, e: int) -> tuple[str, str, dict[str, object] | None]:
    """(type, resolved name, the earlier mention it was resolved from) for a speaker mention at ``text[s:e]``."""
    text = ctx.text
    mention = text[s:e].strip()
    low = mention.lower()
    lex = lexicon()
    src = lex.source_words
    # the words are split after the "who" and pronoun readings, which are single words and never read them
    if low == "who":
        ctx.touched = True
        ms = list(_tok_iter(text, max(0, s - 120), s))
        if ms and ms[-1][0] == ",":
            del ms[-1]
        if ms and ms[-1][0][:1].isalnum() and ms[-1][0].lower() not in _BOUNDARY:
            j = len(ms) - 1
            while j > 0 and len(ms) - j < 5 and (ms[j - 1][0][:1].isupper() or (
                    ms[j - 1][0] == "." and j > 1 and (len(ms[j - 2][0]) == 1 or ms[j - 2][0].lower() in _ABBR))):
                j -= 1  # the name just before "who" ("Mr. Smith", "J. Smith": a full stop only after an abbreviation)
            if j == len(ms) - 1 and not ms[j][0][:1].isupper():
                # "the words of ... Wang Yi as evidence, who said": a name close by beats a common noun
                caps = [x for x in range(max(0, len(ms) - 8), len(ms)) if ms[x][0][:1].isupper()]
                if caps:
                    e2 = caps[-1]
                    b = e2
                    while b > 0 and ms[b - 1][0][:1].isupper():
                        b -= 1
                    return _relative(ctx, ms[b].start(), ms[e2].end())
                j = max(_np_back(ms, len(ms) - 1), len(ms) - 3)
            if ms[j].start() < s:
                return _relative(ctx, ms[j].start(), ms[-1].end())
        return "vague", mention, None
    low = _POSS_PRON.get(low, low)  # "his remarks": he
    if low in _PRONOUNS:
        if low == "we":
            return "outlet", ctx.outlet or "the outlet", None  # the writer's own "we"
        ctx.touched = True
        sex = _PRON_SEX.get(low)
        skipped = False
        for m in reversed(ctx.speakers[-6:]):
            if low in _PERSON_PRON:
                if m.type == "named_person":
                    if sex is not None:
                        if m.origin is None and m.name.lower() in _UNNAMED_PRON:
                            continue  # an earlier "she" left unresolved names no one: look past it
                        g = _name_gender(ctx, m)
                        if g is not None and g != sex:
                            skipped = True  # "she" after "Mr. Lind said": not him; an earlier speaker known a woman
                            continue
                        if skipped and g != sex:
                            continue  # past a skip only a person known to be of the pronoun's sex is taken
                    return m.type, m.name, _linked(m, "pronoun")
            elif low == "it" and m.type in ("named_org", "named_place", "outlet"):
                return m.type, m.name, _linked(m, "pronoun")
            elif low == "they" and (m.type in ("named_org", "outlet")
                                    or m.type in ("vague", "anonymous") and _plural_group(m)):
                return m.type, m.name, _linked(m, "pronoun")
        return ("named_person" if low in _PERSON_PRON else "vague"), mention, None
    words = _MENTION_WORD.findall(low)  # ``low`` is the mention's own: every possessive above is a pronoun
    if not words:
        return "unknown", mention, None
    if _has_anon(low):
        return "anonymous", mention, None
    caps = [w for w in _MENTION_TOKEN.findall(mention) if w[:1].isupper()]
    if caps and caps[0].lower() in _DET:
        caps = caps[1:]
    if ctx.outlet and ctx.outlet.lower() in low:
        return "outlet", mention, None
    if caps and src.get(words[-1]) == "vague" and words[-1].endswith("s"):
        return "vague", mention, None  # "Wgospodarce observers", "Western analysts": a group, no one named
    if words[0] in _QUANTIFIERS and words[-1].endswith("s"):
        return "vague", mention, None  # "most Western countries", "some European governments": no one named
    if caps and len(caps) >= 2 and " and " in low and all(c.lower() in lex.places for c in caps):
        return "named_place", mention, None  # "China and Russia"
    if words[0] in _DEMONSTRATIVE and len(words) <= 4 and all(c.lower() in lex.roles for c in caps):
        # "the political scientist", "the new President": the latest named person described with that role
        head = words[-1]
        role = " ".join(words[-2:]) if " ".join(words[-2:]) in lex.roles else head
        if head in lex.roles:
            ctx.touched = True
            lim = ctx.nspk - 60  # the named persons among the last 60 speakers
            for m in reversed(ctx.persons):
                if m.seq < lim:
                    break
                if role in (rs := m.roles(text)) or head in rs:
                    return "named_person", m.name, _linked(m, "role")
            if caps:
                return "vague", mention, None  # "the new President" with no one so described before: no name
    g = _GROUP_IN.match(low)
    if g and _group_word(g.group(2)) and _place_key(g.group(3)) in lex.places:
        # "people in Russia", "a diplomat in Beijing": unnamed people of a place
        single = g.group(1) in ("a ", "an ", "one ") or src.get(g.group(2)) == "anonymous"
        return ("anonymous" if single else "vague"), mention, None
    if caps and words[0] == "the" and " of " in low:
        role = low[4:low.index(" of ")]
        if role in _UNIQUE_ROLES or role.split(" ")[-1] in _UNIQUE_ROLES:
            return "named_person", mention, None  # "the head of the PRC"
    if caps:
        core = low[4:] if low.startswith("the ") else low
        place = lex.places.get(core)
        if place is None and core.endswith("."):
            place = lex.places.get(core.rstrip("."))
        if place is not None:
            if len(caps) == 1:  # "Jordan said" after "Jim Jordan said": the person, not the country
                ctx.touched = True
                lim = ctx.nspk - 60
                for m in reversed(ctx.persons):
                    if m.seq < lim:
                        break
                    if m.name.endswith(" " + caps[0]):
                        return m.type, m.name, _linked(m, "surname")
            return ("named_org" if place in ("seat", "org") else "named_place"), mention, None
        # (_MENTION_WORD's words hold no full stop: a strip(".") of each would change nothing)
        cats = set(map(src.get, words))
        if " " in low:  # every phrase holds a blank
            cats |= {src.get(p) for p, _ in lex.source_phrases if p in low}
        last = caps[-1]
        person_tail = (len(caps) >= 2 and not last.isupper() and not caps[-2].isupper()
                       and src.get(last.lower().strip(".")) is None and src.get(caps[-2].lower().strip(".")) is None
                       and " of " not in mention and " for " not in mention)
        if not person_tail and ("outlet" in cats or "org" in cats or any(len(c) > 1 and c.isupper() for c in caps)):
            return "named_org", mention, None
        if "anonymous" in cats and not any(c.lower() not in src for c in caps):
            return "anonymous", mention, None
        if len(caps) == 1:
            last = caps[-1].strip(".’'s").rstrip("’'")
            # nothing above depended on the context when this point is reached (the role and place branches that
            # read earlier speakers return), so a later mention with the same words starts here
            _cache_put(_ONECAP_CACHE, (text[s:e], ctx.outlet), last)
            ctx.touched = True
            name, res = _single_cap(ctx, mention, last, s)
            return "named_person", name, res
        return "named_person", mention, None
    head = words[-1]
    cat = src.get(head)
    if words[0] in _DEMONSTRATIVE and len(words) <= 4:
        if cat != "vague":
            ctx.touched = True
            for m in reversed(ctx.speakers[-60:]):
                if head in m.text.lower() and m.type in ("named_person", "named_org") \
                        and any(w[:1].isupper() and w.lower().strip(",") not in _NOT_NAMES for w in m.name.split()):
                    # only to a mention that holds a name ("EgyptAir, the airline"), not another description
                    return m.type, m.name, _linked(m, "description")
    if cat == "anonymous" or (words[0] in ("a", "an", "one") and cat in (None, "vague")):
        return "anonymous", mention, None
    if cat in ("outlet", "org") and words[0] in ("the", "its", "their"):
        return "named_org", mention, None  # "the health ministry", "the newspaper": one identifiable body
    return "vague", mention, None


def _single_cap(ctx: _Ctx, mention: str, last: str, s: int) -> tuple[str, dict[str, object] | None]:
    """A name of one capitalised word ("Bogush"): the fullest earlier speaker or capitalised run ending in it."""
    best: _Mention | None = None
    # the named persons among the last 60 speakers, latest first: of the longest, the earliest wins (so ">=")
    lim = ctx.nspk - 60
    bl = 1
    for m in reversed(ctx.persons):
        if m.seq < lim:
            break
        if len(m.text) >= bl and m.text.endswith(last):
            best, bl = m, len(m.text)
    run = _fullest(ctx, last, s)
    if run is not None and len(run[0]) > len(mention) and (best is None or len(run[0]) > len(best.text)):
        return run[0], _origin(ctx.text, run[1], run[2], "surname")
    if best is not None and len(best.text) > len(mention):
        return best.text, _linked(best, "surname")
    return mention, None


_GROUP_IN_BEFORE = re.compile(r"(?<![\w’'\-])((?:[Aa]n?|[Oo]ne|[Tt]he|[Ss]ome|[Mm]any|[Mm]ost|[Ss]everal)\s+)?"
                              r"([A-Za-z][a-z]+)\s+(?:in|from|across|throughout)\s+$")
_GROUP_PREPS = (" in ", " from ", " across ", " throughout ")
_GROUP_IN = re.compile(r"(?:(a|an|one|the|some|many|most|several)\s+)?([a-z]+)\s+(?:in|from|across|throughout)\s+(.+)$")


def _place_key(mention: str) -> str:
    low = mention.strip().lower()
    return low[4:] if low.startswith("the ") else low


def _group_word(w: str) -> bool:
    """People who can speak from a place: "residents", "officials", "a diplomat", "people"."""
    lex = lexicon()
    return lex.source_words.get(w) in ("vague", "anonymous") or w in lex.roles or w.rstrip("s") in lex.roles \
        or w in _PERSON_NOUNS


_ANON: list[tuple[str, ...]] = []


def _anon_phrases() -> tuple[str, ...]:
    """Multi-word anonymous-source phrases ("familiar with", "on condition of anonymity"), taken once."""
    if not _ANON:
        _ANON.append(tuple(p for p, c in lexicon().source_phrases if c == "anonymous"))
    return _ANON[0]


_ANON_RE: list[re.Pattern[str]] = []


def _has_anon(low: str) -> bool:
    """An anonymous-source phrase lies inside ``low``: ``any(ph in low ...)`` over _anon_phrases() as one scan."""
    if not _ANON_RE:
        _ANON_RE.append(re.compile("|".join(map(re.escape, _anon_phrases())) or r"(?!)"))
    return _ANON_RE[0].search(low) is not None


def _relative(ctx: _Ctx, s: int, e: int) -> tuple[str, str, dict[str, object] | None]:
    """A relative "who" takes its antecedent's type and name; the link points at the antecedent."""
    typ, name, res = _classify(ctx, s, e)
    return typ, name, res or _origin(ctx.text, s, e, "relative")


_NAME_AFTER = re.compile(r"[ \t]([A-Z][\w’'\-]+)(?![\w’'\-])")
# up to four capitalised words (or initials) ending the searched stretch, not glued to a word on the left. The first
# capital is matched before the look-behind (which checks the character before it): a search for a pattern opening
# with a character class skips to that class, one opening with a look-behind tries every position.
_NAME_BEFORE = re.compile(r"[A-Z](?<![\w’'\-.][A-Z])(?:[\w’'\-]+|\.)[ \t]+(?:(?:[A-Z][\w’'\-]+|[A-Z]\.)[ \t]+){0,3}$")


_RUN_STOP = frozenset({"is", "was", "are", "the", "a", "an", "in", "on", "at", "but", "and", "as", "when", "if", "for",
                       "after", "before", "while", "since", "so", "then", "this", "that", "there", "it", "he", "she",
                       "we", "they", "i", "of", "to", "from", "by", "with", "will", "has", "does",
                       "did", "can", "why", "how", "what", "who", "where", "yes", "no", "meanwhile", "however"})


_LOWER_NEXT = re.compile(r"[ \t]*(?:[a-z]|[^\w \t]|$)")


def _common_word(ctx: _Ctx, word: str) -> bool:
    """True when ``word`` also occurs in lower case in the text ("Plans" of a heading, "plans" in a sentence).

    One search per distinct word and document (cached): few words are ever asked about, so this is
    cheaper than collecting every lower-case word of the text.
    """
    low = word.lower()
    hit = ctx.common.get(low)
    if hit is None:
        hit = False
        if low != word and low:
            text = ctx.text
            n, k = len(text), len(low)
            pos = text.find(low)  # str.find, not a regex: a search opening with a look-behind scans slowly
            while pos >= 0:
                end = pos + k
                if (pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "’'-_")) \
                        and (end >= n or not (text[end].isalnum() or text[end] in "’'-_")):
                    hit = True
                    break
                pos = text.find(low, pos + 1)
        ctx.common[low] = hit
    return hit


def _fullest(ctx: _Ctx, last: str, before: int) -> tuple[str, int, int] | None:
    """The longest capitalised run ending in ``last`` before ``before``, as (text, start, end).

    "Bogush" finds "Mikhail Bogush".

    The runs ending in each word are collected per document (str.find over the
    word's occurrences, at most 200) with the longest so far at each, so a look-up
    is one binary search. They are read only as far as a look-up needs: speakers
    come in text order, and a name's later mentions are often never asked about.
    A run that opens a line or sentence loses a first word the text also uses in
    lower case (a heading "Plans China" is no name).
    """
    if not last:
        return None
    found = ctx.runs.get(last)
    if found is None:
        found = ctx.runs[last] = [[], [], ctx.text.find(last)]
    poss, longest, pos = found
    if 0 <= pos < before and len(poss) < 200:
        text = ctx.text
        while 0 <= pos < before and len(poss) < 200:
            end = pos + len(last)
            if (pos == 0 or not text[pos - 1].isalnum()) and (end >= len(text) or not text[end].isalnum()):
                # a run ends in blanks right before the word (or before a line break there: the pattern's ``$``
                # also matches before a final newline); without them there is nothing to search for
                b = text[pos - 2:pos] if pos > 1 else text[:pos]
                blank = b[-1:] in (" ", "\t") or b in (" \n", "\t\n")
                m = _NAME_BEFORE.search(text, max(0, pos - 60), pos) if blank else None
                if m:
                    rs = m.start()
                    run = text[rs:end].split()
                    while len(run) > 1 and run[0].lower() in _RUN_STOP:
                        rs = text.index(run[1], rs + len(run[0]))
                        run = run[1:]  # "Is China", "But Smith": a sentence-initial word is not part of the name
                    f = _NAME_AFTER.match(text, end)
                    if f and not _LOWER_NEXT.match(text, f.end()):
                        f = None  # the name must end there: "Ben Carson Defends His Record" is a headline
                    if f and f.group(1).lower() not in _TIME and f.group(1).lower() not in _RUN_STOP \
                            and not _common_word(ctx, f.group(1)):
                        run.append(f.group(1))  # "Xi" in "President Xi Jinping": the whole name
                        end = f.end()
                    cut = len(run) - 2  # the last word before ``last`` that is a stop word or also lower case
                    while cut >= 0 and not (run[cut].lower() in _RUN_STOP or _common_word(ctx, run[cut])):
                        cut -= 1
                    for w in run[:cut + 1]:  # "Progressives Are Celebrating Hillary Clinton": a headline, not a name
                        rs = text.index(w, rs) + len(w)
                    if cut >= 0:
                        run = run[cut + 1:]
                        rs = text.index(run[0], rs)
                    found_run = (" ".join(run), rs, end)
                    poss.append(pos)
                    # the earliest of the longest: a later run must be strictly longer
                    longest.append(found_run if not longest or len(found_run[0]) > len(longest[-1][0])
                                   else longest[-1])
            pos = text.find(last, end)
        found[2] = pos
    i = bisect_left(poss, before)
    return longest[i - 1] if i else None


_seg_start = attrgetter("start")


def _paragraph_units(view: ArticleView) -> list[list[tuple[int, int]]]:
    """Article sentences grouped by paragraph (line), keeping their order."""
    text = view.text
    n = len(text)
    paras: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    prev_end = -1
    for s in sorted(view.sentences, key=_seg_start):
        st, en = s.start, s.end
        if st < 0 or en > n:
            st, en = max(0, min(st, n)), max(0, min(en, n))
        if en <= st or st < prev_end:
            continue
        # a new paragraph when a line break lies between this sentence and the last (linear: only that gap)
        if not paras or text.find("\n", prev_end, st) >= 0:
            cur = []
            paras.append(cur)
        if en - st <= _MAX_UNIT:
            cur.append((st, en))
        else:
            for a in range(st, en, _MAX_UNIT):  # a run-on "sentence" is cut into bounded pieces
                cur.append((a, min(en, a + _MAX_UNIT)))
        prev_end = en
    return paras


_MAX_UNIT = 4000




def _quote_end_bang(text: str, s: int, e: int) -> bool:
    """``text[s:e]`` ends with ``!`` or ``?`` and closing marks ("... coming!”"), read from the end only."""
    while e > s and text[e - 1].isspace():
        e -= 1
    k = e
    while k > s and text[k - 1] in "”\"»'":
        k -= 1
    return s < k < e and text[k - 1] in "!?"
_NEW_QUOTE = re.compile(r"(?<=[.!?])['’”\"]?\s+(?=''[A-Z]|[“\"«]\s*[A-Z])")
# The same boundaries with the full stop matched instead of looked behind for: a pattern that opens with a character
# class is searched by skipping to that class, one that opens with a look-behind is tried at every position. Group 1
# is _NEW_QUOTE's match; only a boundary right at the start of the searched stretch needs _NEW_QUOTE itself.
_NEW_QUOTE_AT = re.compile(r"[.!?](['’”\"]?\s+)(?=''[A-Z]|[“\"«]\s*[A-Z])")


def _units(text: str, para: list[tuple[int, int]], qs: list[QuoteSpan],
           marks: list[int] | None = None) -> list[tuple[int, int]]:
    """Sentences joined where a boundary falls inside a quotation, split where a quotation opens a sentence.

    ``marks``: the sorted positions of the _MARK_CHARS characters of the text, if known."""
    out: list[tuple[int, int]] = []
    for st, en in _split_at_quotes(text, para, qs, marks):
        if out and qs and (inside(qs, st) is not None or inside(qs, out[-1][1]) is not None) and st >= out[-1][1]:
            out[-1] = (out[-1][0], en)
        elif out and st < out[-1][1]:
            out[-1] = (out[-1][0], max(en, out[-1][1]))
        elif out and en - st < 80 and _quote_end_bang(text, out[-1][0], out[-1][1]) \
                and len(text[st:en].split()) <= 8 and find_cues(text, st, en):
            out[-1] = (out[-1][0], en)  # "“... coming!” Bush said."
        else:
            out.append((st, en))
    return out


def _split_at_quotes(text: str, para: list[tuple[int, int]], qs: list[QuoteSpan],
                     marks: list[int] | None = None) -> list[tuple[int, int]]:
    if not qs:
        return para
    out: list[tuple[int, int]] = []
    for st, en in para:
        if marks is not None:
            mi = bisect_left(marks, st)
            if (mi == len(marks) or marks[mi] >= en) and text.find("''", st, en) < 0:
                out.append((st, en))  # no opening mark in the sentence for either pattern's look-ahead to see
                continue
        cur = st
        if st > 0 and text[st - 1] in ".!?":
            for m in _NEW_QUOTE.finditer(text, st, en):
                if inside(qs, m.start()) is None and m.end() > cur + 1:
                    out.append((cur, m.start()))
                    cur = m.end()
        else:
            for m in _NEW_QUOTE_AT.finditer(text, st, en):
                if inside(qs, m.start(1)) is None and m.end() > cur + 1:
                    out.append((cur, m.start(1)))
                    cur = m.end()
        out.append((cur, en))
    return out


_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tonight)"
_ADV_AFTER = re.compile(
    r"\s*,?\s*(?:(?:on|last|this|early|late|earlier)\s+)?(?:" + _DAY + r"(?:\s+(?:night|morning|evening|afternoon))?"
    r"|(?:last|this|earlier this|next)\s+(?:week|month|year|weekend)"
    r"|(?:in|during|at|on|via)\s+(?:a|an|his|her|their|its|the)\s+(?:[\w\-]+\s+){0,2}"
    r"(?:statement|interview|speech|tweet|email|e-mail|letter|op-ed|post|rally|debate|news conference|"
    r"press conference|conference call|call|hearing|appearance|address|video|memo|radio|broadcast)"
    r"(?:\s+(?:with|on|to|at|in)\s+(?:[A-Z][\w’'.\-]*\s*){1,4})?"
    r"|on\s+(?:Twitter|Facebook|Instagram|television|TV|CNN|Fox News|MSNBC|NBC|ABC|CBS))(?=[\s,])", re.U)


_ADV_FIRST = ("on", "last", "this", "early", "late", "earlier", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
              "Saturday", "Sunday", "today", "yesterday", "tonight", "next", "in", "during", "at", "via")


def _skip_adverbials(text: str, p: int, ue: int) -> int:
    """Past "Thursday", "in a statement", "on Twitter" between the cue and its content (only if content follows)."""
    for _ in range(3):
        q = p
        while q < ue and (text[q].isspace() or text[q] == ","):
            q += 1
        if not text.startswith(_ADV_FIRST, q):
            break  # every adverbial below opens with one of these words: most cues skip the regex
        m = _ADV_AFTER.match(text, p, ue)
        if not m or m.end() >= ue - 3:
            break
        p = m.end()
    return p


_CITING = re.compile(r"\s*,\s*(?:citing|quoting|with reference to|referring to|according to)\s+[^,;.]{1,80},\s*")


def _content_after(text: str, pos: int, ue: int, cue: Cue) -> int:
    """Where the content starts after the cue: past "that", a colon, or the listener of "told"."""
    if pos + 1 < ue and text[pos] == " " and text[pos + 1].isalnum() and not text.startswith(_ADV_FIRST, pos + 1):
        p = pos + 1  # the common case, a word right after the cue: no citing clause, adverbial, comma or colon
    else:
        c = _CITING.match(text, pos, ue)
        if c:  # "X reports, citing Y, that ...": the chain is read separately
            pos = c.end()
        pos = _skip_adverbials(text, pos, ue)
        m = _THAT.match(text, pos, ue)
        p = m.end() if m else pos
    if cue.frame == "object":
        window = text[p:min(ue, p + 80)]
        k = window.find(" that ")
        if 0 <= k < 50 and '"' not in window[:k] and "“" not in window[:k]:
            return p + k + 1
        o = _OBJ_SKIP.match(text, p, ue)
        if o and o.end() < ue:
            p = o.end()
            m = _THAT.match(text, p, ue)
            p = m.end() if m else p
    return p


def _headline_case(text: str, us: int, ue: int) -> bool:
    """Title Case units ("Trump Says He Will ..."), where a capitalised cue is still a verb."""
    words = re.findall(r"[A-Za-z][\w’'\-]*", text[us:min(ue, us + 300)])
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


_NOUN_LEFT = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "these", "those", "no", "any",
              "every", "each", "whose", "united"}


_NOUN_LEFT_LAST = frozenset(w[-1] for w in _NOUN_LEFT)
_VERBISH = frozenset({"has", "have", "had", "will", "would", "can", "could", "did", "does", "do", "should", "may",
                      "might", "must", "make", "made", "makes", "cracked", "given", "gave", "give", "got", "get"})


def _relations(text: str, us: int, ue: int, qs: list[QuoteSpan], lo: int,
               cues: list[tuple[int, int]] | None = None) -> list[_Rel]:
    rels: list[_Rel] = []
    ce_unit = _trim_end(text, us, ue)
    taken_until = -1
    title: bool | None = None
    cs_unit = -1  # after a dateline, found on the first cue that needs it
    for cs, cend in (find_cues(text, us, ue) if cues is None else cues):
        if cs < taken_until or qs and inside(qs, cs) is not None:
            continue
        mtext = text[cs:cend]
        # the word before must end in a last letter of a _NOUN_LEFT word (or a blank precede the cue's blank) for
        # the split to be worth making: "Trump said", "officials told" skip it
        if cs - us > 1 and text[cs - 1] == " " and (text[cs - 2].lower() in _NOUN_LEFT_LAST or text[cs - 2].isspace()) \
                and (pw := text[max(us, cs - 24):cs].rsplit(None, 1)) and pw[-1].lower() in _NOUN_LEFT:
            continue  # "the state", "his support", "to say": not a finite reporting verb
        cue = _CUE_TABLE.get(mtext.lower())  # cue_for(mtext): a matched form has single spaces
        if cue is None:
            continue
        if mtext[:1].isupper() and cs > us:
            if title is None:
                title = _headline_case(text, us, ue)
            if not title:
                continue  # "United States", "Reports" as a name, not a verb
        if cue.category == "according":
            r = _according(text, us, ue, ce_unit, cs, cend)
            if r:
                for prev in rels:  # an earlier statement in the unit stops where "according to" begins
                    if prev.cs < cs < prev.ce:
                        prev.ce = _trim_end(text, prev.cs, cs)
                rels.append(r)
            continue
        sp, passive, stop, edge = _speaker_before(text, us, cs)
        if stop == "and" and rels and rels[-1].cs < cs <= rels[-1].ce and rels[-1].spk is not None:
            # "X added that A and called on B to ...": a second cue for the same speaker
            prev = rels[-1]
            fstart = _trim_start(text, _content_after(text, cend, ue, cue), ce_unit)
            if len(text[fstart:ce_unit].split()) >= 2:
                prev.ce = _trim_end(text, prev.cs, edge - 4 if text[edge - 4:edge - 1] == "and" else edge)
                rels.append(_Rel(fstart, ce_unit, (cs, cend), prev.spk, "reported", cue))
                taken_until = cend
            continue
        if stop == "and" and edge > us:
            # "he furrowed his brow and said, ...": the subject of the clause
            fstart = _trim_start(text, _content_after(text, cend, ue, cue), ce_unit)
            if len(text[fstart:ce_unit].split()) >= 2 or (_isq(text[fstart:fstart + 1]) and ce_unit - fstart > 3):
                f_q = _isq(text[fstart:fstart + 1])
                rels.append(_Rel(fstart, _forward_end(text, fstart, ce_unit, qs), (cs, cend),
                                 _clause_subject(text, us, edge), "direct" if f_q else "reported", cue))
                taken_until = cend
            continue
        if sp is not None:
            spt = text[sp[0]:sp[1]]
            if spt.endswith(("’", "'", "’s", "'s")):
                continue  # "Trump’s comments", "the senator's claims": a noun, not a verb
            if not _VERBISH.isdisjoint(spt.lower().split()):
                continue  # "has given added fuel", "he'll make demands": the cue word is an object noun
        elif stop not in _INV_STOPS and not (stop in ("nonhead", "start") and cue.form.endswith("ing")):
            continue  # no speaker, and neither an inverted nor a clause-subject frame to try: _frame would say None
        if cs_unit < 0:
            d = _DATELINE.match(text, us, ue)
            cs_unit = d.end() if d else us
        r = _frame(text, us, ue, ce_unit, qs, cs, cend, cue, sp, passive, stop, edge, cs_unit)
        if r is None:
            continue
        if r.cs >= cend and text[cend:cend + 2].lstrip(" ")[:1] in (",", ".", ";", ")") \
                and mtext.lower().endswith("s") and cue.lemma != "say" and not _CITING.match(text, cend, ue):
            continue  # "the attacks, ..." / "his remarks." read as nouns
        if r.cs >= cend and cue.frame == "trail":
            continue
        if r.cs >= cend and cue.frame == "that" and not (
                text.startswith("that", r.cs) or _isq(text[r.cs:r.cs + 1]) or text[cend:r.cs].strip() == ":"):
            continue
        if r.spk is not None and r.cs >= cend and not (cue.category in ("speech", "written") and cue.frame != "np") \
                and not _plausible_source(text, r.spk, cue):
            continue
        # only a speaker opening with a lower-case word can be no source (the first character decides most)
        if r.spk is not None and (text[r.spk[0]:r.spk[0] + 1].islower() or text[r.spk[0]:r.spk[0] + 1].isspace()) \
                and _not_a_source(text, r.spk):
            # "his recent remarks about ...": the owner speaks; "facing added ...": no speaker found
            r.spk = (r.spk[0], r.spk[0] + len(text[r.spk[0]:r.spk[1]].split(" ", 1)[0])) \
                if text[r.spk[0]:r.spk[1]].split(" ", 1)[0] in _POSS else None
        if rels and rels[-1].cs < cend <= rels[-1].ce and r.cs >= cend:
            _cut_before(text, rels[-1], r.spk[0] if r.spk is not None and r.spk[0] > rels[-1].cs else edge)
        rels.append(r)
        taken_until = cend if r.cs >= cend else ue
    return rels


_CLAUSE_BREAK = re.compile(r"(?:[;,]|,?\s+(?:but|while|whereas|although|though)\b|,\s+and\b|\s+and\b)\s*$")


def _cut_before(text: str, prev: _Rel, pos: int) -> None:
    """End an earlier content where a coordinated clause with its own speaker begins ("X said A, but Y said B")."""
    window_start = max(prev.cs, pos - 20)
    m = _CLAUSE_BREAK.search(text, window_start, pos)
    if m and m.start() - prev.cs > 3:
        prev.ce = _trim_end(text, prev.cs, m.start())


def _not_a_source(text: str, sp: tuple[int, int]) -> bool:
    """A lone lower-case participle ("facing") or a possessed thing ("their agreement") cannot be a speaker.

    People, roles and bodies pass: "his lawyer", "their campaign", "its spokesman".
    """
    words = text[sp[0]:sp[1]].split()
    if not words or not words[0][:1].islower():
        return False
    if len(words) == 1:
        w = words[0]
        return len(w) > 4 and w.endswith("ing") and w.isalpha() and w not in _TIME and w not in _ING_NOUNS
    if words[0] not in _POSS or any(w[:1].isupper() for w in words):
        return False
    lex = lexicon()
    head = words[-1].lower()
    return not (head in lex.roles or head.rstrip("s") in lex.roles or head in lex.source_words
                or head.rstrip("s") in lex.source_words or head in _PERSON_NOUNS)


_ING_NOUNS = frozenset({"evening", "morning", "building", "meeting", "briefing", "hearing", "ruling", "spring",
                        "sibling", "offspring", "viking", "everything", "something", "nothing", "anything"})
_PERSON_NOUNS = frozenset({"father", "mother", "parents", "son", "daughter", "wife", "husband", "brother", "sister",
                           "family", "friend", "friends", "colleague", "colleagues", "boss", "lawyers", "attorneys",
                           "team", "campaign", "staff", "aides", "allies", "rivals", "children", "kids", "doctors",
                           "followers", "fans", "voters", "counterpart", "counterparts", "predecessor", "successor",
                           "neighbours", "neighbors", "office", "administration", "government", "website", "account"})


def _plausible_source(text: str, sp: tuple[int, int], cue: Cue) -> bool:
    """Belief, report and object-taking cues ("wants", "shows", "criticized") need a source-like subject."""
    if cue.category in ("speech", "written") and cue.frame not in ("np",):
        return True
    words = text[sp[0]:sp[1]].split()
    if not words:
        return False
    hw = words[-1].lower()
    return hw in _PRONOUNS or hw == "who" or any(w[:1].isupper() for w in words) or hw in lexicon().source_words


def _lead(text: str, us: int, before: int, qs: list[QuoteSpan]) -> tuple[str, int]:
    """What precedes the speaker: a closing quotation ("quote"), a comma or dash ("comma"), or nothing."""
    k = before - 1
    while k >= us and text[k] in " \t\n":
        k -= 1
    if k < us:
        return "", k
    ch = text[k]
    if _isq(ch) and ending_at(qs, (k, k + 1)):
        return "quote", k
    if ch == "," and k > us and _isq(text[k - 1]) and ending_at(qs, (k,)):
        return "quote", k - 1
    if ch in ",—–:" or (ch == "-" and k > us and text[k - 1] == "-"):
        return "comma", k
    return "", k


_SUBORD = {"when", "while", "after", "before", "as", "if", "because", "since", "although", "though", "but", "and",
           "yet", "so", "then", "still", "instead", "meanwhile", "however", "later", "earlier", "also", "in", "on",
           "at", "during"}


_SENT_ADV = {"for", "however", "perhaps", "moreover", "furthermore", "indeed", "instead", "meanwhile", "besides",
             "nevertheless", "still", "thus", "therefore", "yes", "no", "now", "today", "so", "well", "first", "second",
             "finally", "again", "also", "even", "here", "there", "later", "earlier", "then", "by", "with", "among"}


def _clause_subject(text: str, lo: int, k: int) -> tuple[int, int]:
    """Subject for a cue after a comma: "Smith, who ran it, said ..." or "..., he did it, saying ...".

    Takes the first noun phrase of the last clause before the comma (skipping a
    leading subordinator), falling back to the whole stretch.
    """
    seg_start = lo
    pos = lo
    while pos < k:
        c = text.find(",", pos, k)
        c = k if c < 0 else c
        m0 = _TOK.search(text, pos, c)  # the clause's first token: the rest is read only for the one taken
        if m0 is not None and m0[0][:1].isalnum():
            w0 = m0[0].lower()
            if (w0 in _PRONOUNS or w0 in ("the", "a", "an") or m0[0][:1].isupper()) and w0 not in _SUBORD \
                    and w0 not in _SENT_ADV \
                    and w0 not in _ADVERBIAL_START:
                return _subject_np(list(_tok_iter(text, pos, c)))
        pos = c + 1
    return (_trim_start(text, seg_start, k), max(_trim_start(text, seg_start, k) + 1, k))


def _subject_np(ms: list[re.Match[str]]) -> tuple[int, int]:
    """The noun phrase opening a clause, without the verb after it: a capitalised run ("Beijing",
    "Senator Ann Lee"), a pronoun, or a determiner and up to three words ("the head of the PRC")."""
    first = ms[0][0]
    if first.lower() in _PRONOUNS:
        return ms[0].span()
    end = 0
    if first[:1].isupper() and first.lower() not in _DET:
        while end + 1 < len(ms) and (ms[end + 1][0][:1].isupper() or ms[end + 1][0] == "."
                                     or (ms[end + 1][0] in ("of", "the") and end + 2 < len(ms)
                                         and ms[end + 2][0][:1].isupper())):
            end += 1
        return (ms[0].start(), ms[end].end())
    while end + 1 < len(ms) and end < 5:
        t = ms[end + 1][0]
        lt = t.lower()
        if not t[:1].isalnum() or lt in _BOUNDARY_OF or lt in _VERBISH or lt in _CUE_TABLE \
                or (t[:1].islower() and lt.endswith("ed")):
            break
        end += 1
    while end > 0 and ms[end][0].lower() in ("of", "the", "a", "an"):
        end -= 1
    return (ms[0].start(), ms[end].end())


_PAREN_LEMMAS = {"say", "tell", "add", "note", "argue", "insist", "explain", "write", "warn", "claim", "recall"}


def _obj_end(text: str, p: int, ue: int, cue: Cue) -> int:
    """After the listener of an object cue ("told them"), else ``p``."""
    if cue.frame != "object":
        return p
    o = _OBJ_SKIP.match(text, p, ue)
    return _trim_end(text, p, o.end()) if o else p


def _comma_after(text: str, cend: int, ue: int, cue: Cue) -> bool:
    """A comma right after the cue (past adverbials and a listener): "A, he told them, B"."""
    p = _obj_end(text, _skip_adverbials(text, cend, ue), ue, cue)
    return text[p:p + 1] == ","


def _frame(text: str, us: int, ue: int, ce_unit: int, qs: list[QuoteSpan], cs: int, cend: int, cue: Cue,
           sp: tuple[int, int] | None, passive: bool, stop: str, edge: int, cs_unit: int) -> _Rel | None:
    """Pick the content for one cue: after it, before the speaker, or across a split quotation.

    ``cs_unit``: where the unit's text starts after a dateline ("WASHINGTON -- "), read once per unit.
    """
    before = sp[0] if sp else edge
    lead, k = _lead(text, cs_unit, before, qs) if before > cs_unit else ("", before - 1)  # nothing before it
    if cend + 1 < ue and text[cend] == " " and text[cend + 1].isalnum() and cue.frame != "object" \
            and not text.startswith(_ADV_FIRST, cend + 1):
        fstart = cend + 1  # _content_after's common case: a word right after the cue, nothing to trim
    else:
        fstart = _trim_start(text, _content_after(text, cend, ue, cue), ce_unit)
    forward = text[fstart:ce_unit] if fstart < ce_unit else ""
    if forward[:1] in (";", ")") or (forward[:1] == "." and not _isq(forward[1:].lstrip()[:1])):
        forward = ""  # "..., analysts say; in 2012 ...": the statement ended at the cue
    fwords = forward.split(None, 3)  # only the first word and "how many, up to 4" are ever read
    fw0 = fwords[0].lower().strip(",") if fwords else ""
    f_quote = _isq(forward[:1]) or (forward[:1] == "." and _isq(forward[1:].lstrip()[:1]))
    # the lead's word count and first word, and the kind of a content opening the unit, are read only on the
    # branches that use them (most cues have no lead)
    kind_of_f = "direct" if f_quote else "reported"
    if sp is None and stop in _INV_STOPS:
        sp2 = _speaker_after(text, cend, ue)
        rest_words = _nwords(text, sp2[1], ce_unit) if sp2 else 99
        ing = cue.form.endswith("ing")
        rest_ok = sp2 is not None and not ing and (
            rest_words == 0 or (text[sp2[1]:sp2[1] + 3].lstrip()[:1] in ",(" and (rest_words <= 40 or lead == "quote"))
            or (lead == "quote" and rest_words <= 14))
        if rest_ok and cue.frame == "object" and rest_words > 0:
            rest_ok = False
        if rest_ok and lead == "comma" and (edge < cs or cue.frame != "clause"
                                            or cue.category not in ("speech", "written", "report")):
            rest_ok = False  # "X, a lawyer, has endorsed Y" is not inverted: only a bare reporting verb inverts
        if rest_ok and (lead == "quote" or (lead == "comma" and _nwords(text, cs_unit, k) >= 3)):
            # inverted: "“...,” said Smith" / "..., emphasizes analyst Petrov"
            rest = text[sp2[1]:ue]
            end = _trim_end(text, cs_unit, k + 1) if lead == "quote" else _trim_end(text, cs_unit, k)
            if lead == "quote" and re.match(r"[^“\"«.]{0,80}?[,:]\s*[“\"«']", rest):
                end = ce_unit
            return _Rel(cs_unit, end, (cs, cend), sp2, "direct" if _isq(text[cs_unit:cs_unit + 1]) else "reported",
                        cue)
        short = not fwords or fw0 in _ADVERBIAL_START or len(fwords) <= 3
        q0 = next((q for q in reversed(starting_in(qs, cs_unit, edge)) if q.end <= edge
                   and _nwords(text, q.end, edge) <= 30 and not _SENT_END.search(text, q.end, edge)),
                  None)
        if q0 is not None and short:
            # "“Yes,” Smith, founder of the group, says": the quotation, then a long subject
            subj = _speaker_after(text, _trim_start(text, q0.end, cs), cs)
            if subj is not None:
                return _Rel(q0.start if q0.start - cs_unit > 3 else cs_unit, q0.end, (cs, cend), subj, "direct", cue)
        if lead == "comma" and len(fwords) >= 2 and cs_unit < k and not short:
            # "Smith, who ran the team, said ..." / "..., he did it, saying ..."
            return _Rel(fstart, _forward_end(text, fstart, ce_unit, qs), (cs, cend), _clause_subject(text, cs_unit, k),
                        kind_of_f, cue)
        return None
    if sp is None:
        if cue.form.endswith("ing") and stop in ("nonhead", "start") and len(fwords) >= 2 and edge > cs_unit:
            # "Rubio responded before adding that ...": the subject of the clause
            return _Rel(fstart, ce_unit, (cs, cend), _clause_subject(text, cs_unit, edge), kind_of_f, cue)
        return None
    if stop != "relative" and sp[0] > cs_unit:  # a speaker opening the unit has no appositive before it
        sp = _appositive_head(text, cs_unit, sp)
    head = text[sp[0]:sp[1]].lower()
    if fw0 == "by" and not (passive and head in ("it", "this", "that")):
        return None  # "was first reported by Politico", "accused by the media of ...": the agent, not a content
    if _NO_COMMENT.match(forward):
        return None  # "did not respond to a request for comment": no statement at all
    # both need a blank right before the speaker (read first: most speakers open the unit or follow a comma)
    blank_before = sp[0] > cs_unit and text[sp[0] - 1].isspace()
    if blank_before and text[max(cs_unit, sp[0] - 5):sp[0]].lower().endswith("what "):
        return None  # "what he called ...": a label inside someone else's sentence
    rel = _REL_LEFT.search(text, max(cs_unit, sp[0] - 8), sp[0]) if blank_before else None
    if rel and fwords and cue.category in ("speech", "written", "report", "belief"):
        # "which Democrats say could help him", "what Bradley said she expected": the clause is the content
        return _Rel(rel.start(1), _forward_end(text, fstart, ce_unit, qs), (cs, cend), sp, "reported", cue)
    if fw0 in _AUX_AFTER and not f_quote and lead != "quote" and text[cend:cend + 1] != ",":
        return None  # "his remarks were ...": the cue word is a noun here
    if head in ("it", "this", "that") and passive:
        by = re.match(r"\s*by\s+", text[cend:ue])
        if by:  # "This was stated by X": the content is the unit before
            return _Rel(-1, -1, (cs, cend), _speaker_after(text, cend + by.end(), ue), "reported", cue, passive=True)
        if len(fwords) >= 3:  # "it was reported that ...": no source at all
            return _Rel(fstart, ce_unit, (cs, cend), None, "reported", cue, passive=True)
        return None
    if lead == "quote" and not _isq(text[cs_unit:cs_unit + 1]):
        lead = "comma"  # a title in quotation marks mid-sentence, not a quotation that leads it
    if lead == "quote":
        end = _trim_end(text, cs_unit, k + 1)
        if f_quote:  # "“A,” he said, “B.”": one statement from A to B
            end = ce_unit
        return _Rel(cs_unit, end, (cs, cend), sp, "direct", cue)
    if lead != "comma":
        lead_words, lead_w0, kind_of = 0, "", ""
    else:
        lead_words = _nwords(text, cs_unit, k)
        lead_w0 = text[cs_unit:max(cs_unit, k)].split(" ", 1)[0].lower()
        kind_of = "direct" if _isq(text[cs_unit:cs_unit + 1]) else "reported"
    if lead == "comma" and lead_words >= 3 and (not fwords or lead_w0 not in _ADVERBIAL_START) and (
            not fwords or len(fwords) <= 2
            or (fw0 in _ADVERBIAL_START and fw0 != "to" and " that " not in forward[:80] and not f_quote)
            or (fw0.endswith("ing") and text[cend:cend + 1] == ",")):
        return _Rel(cs_unit, _trim_end(text, cs_unit, k), (cs, cend), sp, kind_of, cue)
    if lead == "comma" and lead_words >= 2 and lead_w0 not in _ADVERBIAL_START and len(fwords) >= 2 \
            and cue.lemma in _PAREN_LEMMAS and not f_quote and not _isq(text[cs_unit:cs_unit + 1]) \
            and not fw0.endswith("ing") and sp[1] - sp[0] < 40 and _comma_after(text, cend, ue, cue):
        # "A, the minister said, B": one statement around a parenthetical attribution
        return _Rel(cs_unit, ce_unit, (cs, cend), sp, kind_of, cue)
    if not fwords and text[cend:ue].strip().startswith(":"):
        return _Rel(-2, -2, (cs, cend), sp, "direct", cue)  # "X said:" - the next paragraph is the content
    if len(fwords) < 2:
        return None
    end = _forward_end(text, fstart, ce_unit, qs)
    if text[cs_unit:cs_unit + 12].split(" ", 1)[0].lower() in _SUB_OPEN and not f_quote \
            and text.find(",", cs_unit, fstart) < 0:
        # "When the director said on Tuesday that X, experts understood ...": X ends at the clause comma
        c = text.find(", ", fstart, end)
        if c > fstart + 8 and inside(qs, c) is None:
            end = _trim_end(text, fstart, c)
    if cue.category == "stance" and not f_quote:
        m = _NP_END.search(text, fstart, end)
        if m and m.start() > fstart + 2:
            end = _trim_end(text, fstart, m.start())
    return _Rel(fstart, end, (cs, cend), sp, kind_of_f, cue)


# what stops the subject walk right before an inverted cue ("“...,” said Smith", "..., says analyst Petrov")
_INV_STOPS = frozenset((",", "”", '"', "»", "—", "–", ":", "'"))
_NP_END = re.compile(r",\s|;|\s(?:at|during|after|before|when|while|because|since|as|amid|despite)\s|"
                     r"\sin\s(?:a|an|his|her|their|its)\s|\son\s" + r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                     r"Saturday|Sunday)|\s[—–]\s|\s--\s")


_SENT_END = re.compile(r"[a-z]{3}[.!?]\s|[!?]\s")
_REL_LEFT = re.compile(r"\b(which|that|what|whom)\s+$", re.I)
_SUB_OPEN = {"when", "while", "after", "although", "though", "because", "if", "as", "since", "before", "until",
             "once", "whereas", "unless"}
_NO_COMMENT = re.compile(r"to (?:a |multiple |several |repeated )?(?:requests?|messages?|calls?|e-?mails?) "
                         r"(?:for|seeking) comment", re.I)
_AUX_AFTER = {"is", "are", "was", "were", "have", "has", "had", "will", "would", "could", "can", "may", "might",
              "should", "must"}
_AFTER_QUOTE = re.compile(r"\s*(?:,|when\b|as\b|after\b|before\b|while\b)")


def _forward_end(text: str, fs: int, ce: int, qs: list[QuoteSpan]) -> int:
    """Forward content runs to the end of the unit, except past a closed quotation that a clause follows."""
    if _isq(text[fs:fs + 1]):
        q = next(iter(starting_in(qs, fs, fs + 1)), None)
        if q is not None and q.closed and q.end < ce and _AFTER_QUOTE.match(text, q.end, ce):
            return q.end
    return ce


_HEADING = re.compile(r"([A-Z][\w’'.\-]*(?:[ \t]+[\w’'.\-]+){0,5}?)[ \t]*:[ \t]+(?=\S)", re.U)


def _heading_source(text: str, us: int, ue: int) -> _Rel | None:
    """"Clinton camp: Trump threatens security" and transcript turns ("SMITH: ..."): the source before a colon."""
    if text.find(":", us, ue) < 0:
        return None
    m = _HEADING.match(text, us, ue)
    if not m:
        return None
    words = m.group(1).split()
    if any(w.lower() in _CUE_TABLE for w in words) or words[0].lower() in _SUBORD_DET:
        return None
    ce = _trim_end(text, m.end(), ue)
    if len(text[m.end():ce].split()) < 3:
        return None
    colon = text.index(":", m.end(1) - 1 if m.end(1) > us else us)
    kind = "direct" if _isq(text[m.end()]) else "reported"
    return _Rel(m.end(), ce, (colon, colon + 1), (m.start(1), m.end(1)), kind)


_SUBORD_DET = frozenset(_SUBORD | _DET)
_ACC_SOURCE = re.compile(r"[^,;:.!?“”\"«»()]{2,160}")


def _according(text: str, us: int, ue: int, ce_unit: int, cs: int, cend: int) -> _Rel | None:
    """"According to X, Y" and "Y, according to X": the source runs to the next comma, any case."""
    m = _ACC_SOURCE.match(text, cend, ue)
    if not m:
        return None
    sp = (_trim_start(text, m.start(), m.end()), _trim_end(text, m.start(), m.end()))
    if sp[1] - sp[0] < 2:
        return None
    d = _DATELINE.match(text, us, cs)
    start = d.end() if d else us
    before_end = _trim_end(text, start, cs)
    if _nwords(text, start, before_end) >= 3:
        return _Rel(start, before_end, (cs, cend), sp, "according_to")
    after = _trim_start(text, sp[1], ce_unit)
    if _nwords(text, after, ce_unit) >= 2:
        return _Rel(after, ce_unit, (cs, cend), sp, "according_to")
    return None


def _span(text: str, s: int, e: int) -> Span:
    return Span(s, e, text[s:e])


def find_quotes(view: ArticleView) -> tuple[list[Quote], list[Claim]]:
    """Direct quotes and reported speech with cue and speaker, and the factual claims nobody is credited with."""
    try:
        return _find(view)
    except Exception:  # noqa: BLE001 - the pipeline must never fail on odd text; the property test hunts these
        return [], []


def _find(view: ArticleView) -> tuple[list[Quote], list[Claim]]:
    if not _CUE_TABLE:
        _CUE_TABLE.update(lexicon().cues)
    text = view.text
    ctx = _Ctx(text=text, outlet=(view.doc.source or "").strip())
    low_doc = text.lower()
    # the a-z runs of the lower-cased text, one byte per character: the cue search and the claim test read them. When
    # lower() changed the length ("İ"), the cue search needs the same-length text and the claim test its old way
    plain = len(low_doc) == len(text)
    if not plain:
        low_doc = lower_same_length(text)
    az = az_runs(low_doc)
    if len(low_doc) == len(text):
        ctx.chain_keys = _key_spans(low_doc)  # one search per marker, and no marker at all means no chains
        ctx.chains = bool(ctx.chain_keys)
    else:
        ctx.chains = any(k in low_doc for k in _CHAIN_KEYS)
    mark_pos: list[int] | None = None  # every mark's start, made only if a paragraph opens inside a run of '
    mark_at: list[int] | None = None  # where each _MARK_CHARS character is, made on the first paragraph that asks
    # "Source: X" lines: only looked for when the lower-cased text holds a key word (or a letter that re.I folds
    # onto one without str.lower doing so: long s, dotted and dotless i)
    src_lines = _source_lines(text, low_doc)
    quotes: list[Quote] = []
    prev_para_last: Quote | None = None
    quoted: dict[int, int] = {}  # id(quote) -> characters of it inside quotation marks
    pending: _Rel | None = None  # "X said:" waiting for its content in the next unit
    prev_para_open = False
    units_all: list[tuple[int, int]] = []
    prev_unit: tuple[int, int] | None = None
    all_cues = find_cues(text, 0, len(text), low_doc, az)  # one pass over the document, then a binary search per unit
    cue_starts = [c[0] for c in all_cues]
    for para in _paragraph_units(view):
        lo, hi = para[0][0], para[-1][1]
        # paragraphs with no quote mark skip the scanner. A search from ``lo`` finds the marks a scan of the whole
        # text finds unless ``lo`` splits a run of apostrophes ("''" pairs them from the run's start)
        if lo > 0 and text[lo - 1] == "'":
            if mark_pos is None:
                mark_pos = [m.start() for m in _MARK.finditer(text)]
            mi = bisect_left(mark_pos, lo)
            has_mark = mi < len(mark_pos) and mark_pos[mi] < hi
        else:  # _MARK is "''" or one of these marks: their positions (found once) and a str.find beat the alternation
            if mark_at is None:
                mark_at = _mark_chars(text)
            mi = bisect_left(mark_at, lo)
            has_mark = mi < len(mark_at) and mark_at[mi] < hi or 0 <= text.find("''", lo, hi + 1) < hi
        qs = scan(text, lo, hi) if has_mark else []
        colon = text.find(":", lo, hi) >= 0  # a heading source needs one: most paragraphs skip the test per unit
        # without quote marks (nor an apostrophe closing a "!" or "?") the units are the sentences themselves: no
        # quotation to join across or split at, no "...!' Bush said." to glue (sentences never overlap here)
        if has_mark and mark_at is None:
            mark_at = _mark_chars(text)
        units = _units(text, para, qs, mark_at) if has_mark or text.find("!'", lo, hi) >= 0 \
            or text.find("?'", lo, hi) >= 0 else para
        if not qs and not colon and pending is None and bisect_left(cue_starts, lo) == bisect_left(cue_starts, hi):
            # no cue, quotation, colon or statement waiting for its content: every unit is a candidate claim, and
            # none can continue a statement (the unit loop below would only note them)
            units_all.extend(units)
            prev_unit = units[-1]
            prev_para_last = None
            prev_para_open = False
            continue
        last_q: Quote | None = None
        for ui, (us, ue) in enumerate(units):
            cues = all_cues[bisect_left(cue_starts, us):bisect_left(cue_starts, ue)]
            if cues and cues[-1][1] > ue:
                cues = [c for c in cues if c[1] <= ue]
            rels = _relations(text, us, ue, qs, lo, cues) if cues else []
            if not rels and colon:
                h = _heading_source(text, us, ue)
                if h is not None:
                    rels = [h]
            if not rels and pending is not None:
                pending.cs, pending.ce = us, _trim_end(text, us, ue)
                rels = [pending]
            pending = None
            made = False
            for r in rels:
                if r.cs == -2:
                    pending = r
                    continue
                if r.cs < 0:  # "This was stated by X": the unit before is the content
                    if prev_unit is None:
                        continue
                    r.cs, r.ce = prev_unit[0], _trim_end(text, prev_unit[0], prev_unit[1])
                if r.ce - r.cs < 2 or r.cs < 0 or r.ce > len(text):
                    continue
                q = _to_quote(ctx, text, r, us, ue)
                qc = q.content
                dup = False
                for o in quotes[-3:]:
                    oc = o.content
                    if abs(qc.start - oc.start) < 3 and abs(qc.end - oc.end) < 3:
                        dup = True
                        break
                if dup:
                    continue
                quotes.append(q)
                inq = sum(min(x.end, q.content.end) - max(x.start, q.content.start)
                          for x in overlapping(qs, q.content.start, q.content.end)) if qs else 0
                quoted[id(q)] = inq if inq > 0 else q.content.end - q.content.start
                last_q = q
                made = True
            if not made and qs:
                q0 = next(iter(starting_in(qs, us, ue)), None)
                if q0 is not None and q0.start - us <= 2 and (min(q0.end, ue) - q0.start) >= 0.8 * (ue - us):
                    # a quotation with no cue: it continues the statement before it
                    ce = _trim_end(text, us, ue)
                    prev = last_q if last_q is not None else (prev_para_last if prev_para_open or ui == 0 else None)
                    if prev is not None and ce > prev.content.end and (prev is last_q or prev_para_open):
                        a_len = quoted.get(id(prev), prev.content.end - prev.content.start)
                        if (a_len + ce - us) >= 0.55 * (ce - prev.content.start):
                            # only when the words between are few: one content span cannot skip a long attribution
                            prev.content = _span(text, prev.content.start, ce)
                            quoted[id(prev)] = a_len + ce - us
                    elif prev is not None and ui == 0:
                        quotes.append(Quote(_span(text, q0.start, ce), None, prev.speaker, "direct",
                                            list(prev.chain)))
                        last_q = quotes[-1]
            prev_unit = (us, ue)
            if not cues:
                units_all.append((us, ue))  # only cue-free units can be unattributed claims
        prev_para_last = last_q
        prev_para_open = bool(qs) and not qs[-1].closed
    if src_lines:
        for q in quotes:
            if not q.chain or q.chain[0] != src_lines[0]:
                q.chain.insert(0, src_lines[0])
    claims = _claims(text, units_all, quotes, az if plain else None)
    return quotes, claims


# Speaker mentions recur across documents ("officials", "the White House", "Donald Trump"): the parts of their
# reading that depend on the words alone are kept here, bounded (cleared when full).
_TRIM_CACHE: dict[str, int] = {}
_CLASS_CACHE: dict[tuple[str, str], tuple[str, str]] = {}
# (mention, outlet) -> the one capitalised word a mention resolves by (_classify's last step, which alone depends on
# earlier speakers for it)
_ONECAP_CACHE: dict[tuple[str, str], str] = {}
# (mention, outlet) -> (type, name, None): every reading of _classify that looked at nothing but the mention's words
# (kept apart from _CLASS_CACHE, whose filling and clearing stay as they were)
_FREE_CACHE: dict[tuple[str, str], tuple[str, str, bool]] = {}  # the bool: the reading goes to _CLASS_CACHE too
_CACHE_MAX = 50_000


def _cache_put(cache: dict, key: object, value: object):  # noqa: ANN201 - the value's own type
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    cache[key] = value
    return value


def _context_free(mention: str) -> bool:
    """A mention whose type and name do not depend on earlier speakers: not a pronoun, a relative, a lone
    capitalised word (a surname or a place that may be a surname) or a description ("the analyst")."""
    words = mention.split()
    if len(words) < 2:
        return mention[:1].islower() and mention.lower() not in _PRONOUNS and mention.lower() not in _POSS_PRON \
            and mention.lower() != "who"
    return words[0].lower() not in _DEMONSTRATIVE and sum(1 for w in words if w[:1].isupper()) != 1


_CHAIN_HEAD = re.compile(r"^(?:the|of|and|for)\s+", re.I)
_CHAIN_TAIL = re.compile(r"\s+(?:of|the|and|for)$")
_ONE_CAP = re.compile(r"[A-Z]")
_INITIALS = re.compile(r"[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]")


def _to_quote(ctx: _Ctx, text: str, r: _Rel, us: int, ue: int) -> Quote:
    content = Span(r.cs, r.ce, text[r.cs:r.ce])
    cue = Span(r.cue[0], r.cue[1], text[r.cue[0]:r.cue[1]]) if r.cue else None
    speaker = None
    chain: list[str] = []
    if r.spk is not None:
        s0, e = r.spk
        if s0 - us > 4 and text[s0 - 1] == " " and text.endswith(_GROUP_PREPS, max(us, s0 - 12), s0):
            m = _GROUP_IN_BEFORE.search(text, max(us, s0 - 40), s0)
            if m and _group_word(m.group(2).lower()) and _place_key(text[s0:e]) in lexicon().places:
                s0 = m.start()  # "people in Russia say": the people, not the country
        raw = text[s0:e]
        cut = _TRIM_CACHE.get(raw)
        if cut is None:
            cut = _cache_put(_TRIM_CACHE, raw, _trim_speaker(text, s0, e) - s0)  # a function of the words alone
        s = s0 + cut
        mention = text[s:e]
        key = (mention, ctx.outlet)
        hit = _CLASS_CACHE.get(key)
        res = None
        if hit is None:
            free = _FREE_CACHE.get(key)
            if free is not None:
                typ, name, into_class = free
                if into_class:  # _CLASS_CACHE was cleared since: it is refilled as before
                    _cache_put(_CLASS_CACHE, key, (typ, name))
            else:
                last = _ONECAP_CACHE.get(key)
                if last is not None:  # a one-word name seen before: only the look-up of earlier mentions is left
                    typ = "named_person"
                    name, res = _single_cap(ctx, mention.strip(), last, s)
                else:
                    ctx.touched = False
                    typ, name, res = _classify(ctx, s, e)
                    free = not ctx.touched  # a reading of the words alone (res is None then)
                if res is None and name == mention and _context_free(mention):
                    _cache_put(_CLASS_CACHE, key, (typ, name))  # no pronoun, surname or description: any document
                    if free:
                        _cache_put(_FREE_CACHE, key, (typ, name, True))
                elif free:
                    _cache_put(_FREE_CACHE, key, (typ, name, False))
        else:
            typ, name = hit
        speaker = Speaker(s, e, name, typ, mention, res)
        ctx.add(_Mention(mention, name, typ, res, (us, s0, e), None, s))
        chain.append(name)
    elif r.passive:
        speaker = Speaker(None, None, None, "anonymous", "")
    # chain markers are looked for near this statement only, so a long unit costs no more per quote
    if ctx.chains:
        ws = max(us, min(r.cs, r.cue[0] if r.cue else r.cs) - 120)
        we = min(ue, max(r.ce, r.cue[1] if r.cue else r.ce) + 160)
        chain_hint = False
        keys = ctx.chain_keys
        if keys is None:
            low = text[ws:we].lower()
            chain_hint = any(k in low for k in _CHAIN_KEYS)
        else:
            i = bisect_left(keys, (ws, -1))
            while i < len(keys) and keys[i][0] < we:
                if keys[i][1] <= we:
                    chain_hint = True
                    break
                i += 1
        for m in (_CHAIN.finditer(text, ws, we) if chain_hint else ()):
            if r.cue and m.start() == r.cue[0]:
                continue
            who = _CHAIN_HEAD.sub("", m.group(1).strip())
            who = _CHAIN_TAIL.sub("", who).rstrip(".,;:")
            if who[:1].isupper() and who not in chain:
                chain.append(who)
    return Quote(content, cue, speaker, r.kind, chain if len(chain) > 1 else [])


def _source_lines(text: str, low_doc: str) -> list[str]:
    """The sources of "Source: X" lines, in order.

    The line regex is tried only at the start of lines whose lower-cased text holds "source" or "via" after
    nothing but blanks: a multi-line search tried every position of the text (and "via" is inside many words).
    Each match lies within one line and opens at its start, so these are the matches of a search over the whole
    text. A letter that re.I folds onto a key letter without str.lower doing so (long s, dotted and dotless i)
    sends the text to the full search.
    """
    if "\u017f" in text or "\u0130" in text or "\u0131" in text:
        return [m.group(1).strip() for m in _SOURCE_LINE.finditer(text)]
    starts: set[int] = set()
    for key in ("source", "via"):
        p = low_doc.find(key)
        while p >= 0:
            ls = low_doc.rfind("\n", 0, p) + 1
            if not low_doc[ls:p].strip(" \t"):
                starts.add(ls)
            p = low_doc.find(key, p + 1)
    out = []
    for ls in sorted(starts):
        m = _SOURCE_LINE.match(text, ls)
        if m:
            out.append(m.group(1).strip())
    return out


def _key_spans(low_doc: str) -> list[tuple[int, int]]:
    """Where each chain marker occurs in the lower-cased text, sorted.

    When lower() keeps the length every character maps to one character, and only a Greek capital sigma depends
    on its neighbours, so a marker (ASCII) lies in ``text[a:b].lower()`` exactly when one lies in ``low_doc[a:b]``.
    """
    out: list[tuple[int, int]] = []
    for k in _CHAIN_KEYS:
        p = low_doc.find(k)
        while p >= 0:
            out.append((p, p + len(k)))
            p = low_doc.find(k, p + 1)
    out.sort()
    return out


def _claims(text: str, units: list[tuple[int, int]], quotes: list[Quote], az: bytes | None = None) -> list[Claim]:
    """Sentences in the writer's own voice that state figures, events or motives with nobody credited.

    A unit is skipped when it overlaps a quote or speaker, opens with a quotation
    mark, or holds any cue word at all (a cue nobody could parse still means the
    writer is reporting someone). ``az``: the document's ``az_runs`` when its lower-cased text kept every offset
    (then a unit's slice of it holds the a-z runs of the unit's own lower-cased text).
    """
    spans = sorted([(q.content.start, q.content.end) for q in quotes]
                   + [(q.speaker.start, q.speaker.end) for q in quotes
                      if q.speaker and q.speaker.start is not None and q.speaker.end is not None])
    out: list[Claim] = []
    j = 0
    reach = -1  # furthest end among spans started so far
    for us, ue in units:
        while j < len(spans) and spans[j][0] < ue:
            reach = max(reach, spans[j][1])
            j += 1
        if reach > us:
            continue
        s = text[us:ue]
        if not s.rstrip().endswith((".", "!", "”", '"')) or _isq(s.lstrip()[:1]):
            continue
        digit = _DIGIT.search(s) is not None
        if not digit and _CLAIM_HINTS_B.isdisjoint(
                az[us:ue].split() if az is not None else s.lower().encode("utf-8", "surrogatepass").translate(_NOT_AZ)
                .split()):
            continue
        low = s.lower()
        if digit:  # a figure whatever the words are: only "six words or more" is left to test, and six are enough
            if sum(1 for _ in islice(_WORDS.finditer(low), 6)) < 6:
                continue
            out.append(Claim(us, ue, s, "states a figure with no source"))
            continue
        words = _WORDS.findall(low)
        if len(words) < 6:
            continue
        ws = set(words)
        if ws & _FIGURE_WORDS:
            reason = "states a figure with no source"
        elif (ws & _MOTIVE_HINTS) and _MOTIVE.search(s):
            reason = "ascribes a motive with no source"
        elif ws & _EVENT_WORDS:
            reason = "reports an event with no source"
        else:
            continue
        out.append(Claim(us, ue, s, reason))
    return out
