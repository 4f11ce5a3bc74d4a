import re
import time

from reporter.model import Document
from reporter.signals import boilerplate
from reporter.signals.style import (
    _AFTER_CUES,
    _LOWER_SPECIAL,
    _NAME_AFTER,
    _NAME_BEFORE,
    _ROLE_BEFORE,
    CAPS_WORD,
    NOT_ALONE,
    NOT_NAMES,
    QUOTE_SPAN,
    Style,
    _clickbait,
    _conditions,
    _credit,
    _lower,
    _number,
    _projected_triggers,
    _tails,
    caps_words,
    category_regex,
    cues,
    first_keys,
    measure,
    plans,
    project,
    trigger_spans,
    triggers,
    word_is_match,
)
from reporter.signals.view import make_view
from reporter.text import segment


def _measure(text):
    doc = Document("t", text)
    seg = segment(text)
    return measure(make_view(doc, seg, boilerplate.label_lines(doc, seg)))


def test_outlet_voice_excludes_quotes():
    st = _measure('Minister speaks\n\n"You must act NOW!" the minister, Jan Novak, told the crowd on Monday.\n')
    assert st.n("exclaim") == 0 and st.n("caps") == 0 and st.n("second_person") == 0
    assert "Jan Novak" in st.sources.values()
    assert st.n("time") == 1
    st = _measure("Opinion\n\nYou must STOP this! I said so.\n")
    assert st.n("exclaim") == 1 and st.n("caps") == 1 and st.n("second_person") == 1 and st.n("first_singular") == 1


def test_named_sources_forms():
    st = _measure("Talks\n\nAccording to the foreign minister, Ana Costa, talks stalled. Peter Lind said the "
                  "offer stood. \"No,\" said Mark Olsen. Officials said little.\n")
    assert set(st.sources) == {"Costa", "Lind", "Olsen"}
    assert st.credited_sentences == 3


def test_byline_date_and_dateline():
    st = _measure("Floods hit valley\n\nBy Lena Berg\nPublished: 4 May 2023\n\nVIENNA (AP) - Rivers rose across the "
                  "region after three days of rain, officials said on Thursday.\n")
    assert st.byline == "Lena Berg"
    assert st.date_span is not None and st.dateline_span is not None
    assert st.n("caps") == 0  # the dateline city is not shouting


def test_headline_traits_and_crumb_trail():
    st = _measure("SHOCKING: You Won't Believe What He Said!\n\nThe mayor spoke on Monday.\n")
    assert st.n("title_caps") == 1 and st.n("title_exclaim") == 1 and st.n("title_clickbait") >= 1
    st = _measure("Home News World Leaders meet in Oslo\n\nLeaders meet in Oslo\n\nThe summit opened on Monday.\n")
    assert st.title == "Leaders meet in Oslo"


def test_repeated_sentences_count_once():
    # (a phrase repeated along one line is a banner, left out by the boilerplate stage, so the
    # repeats here stand in separate paragraphs of the article)
    st = _measure("Title here\n\nThe vote was held on Sunday and turnout was high. Vote now!\n\n"
                  "Results came late in the evening. Vote now!\n\nThe count goes on today. Vote now!\n")
    assert st.n("exclaim") == 1


def test_first_keys():
    assert first_keys("(full-scale )?invasion of ukraine") == {"full", "invasion"}
    assert first_keys("(?<!chicken )kiev") == {"kiev"}
    assert first_keys("(a|b) c|d e") == {"a", "b", "d"}
    assert first_keys(r"\d{1,2} (may|june)") == {"#num"}


def test_linear_on_hostile_input():
    text = "Title\n\n" + ("\u201c" + "word " * 50) * 400 + "\n" + "a" * 200_000 + "\n"
    t = time.perf_counter()
    _measure(text)
    assert time.perf_counter() - t < 5


def test_repeated_capitals_count_at_most_three_times():
    body = " ".join(f"The USAMO board met in round {i}." for i in range(6))
    st = _measure("Board meets\n\n" + body + "\n")
    assert st.n("caps") == 3


def test_trigger_continuations():
    # A word starts a cue only with what the cue's pattern puts after it; patterns it cannot read give no filter.
    assert _tails(["(kremlin|putin)(['’]s)? regime"], "putin") == ["(?:(['’]s)? regime)"]
    assert _tails(["pro-war rally", "prone to error"], "pro") == ["-war rally"]
    assert _tails(["(some|many) people say"], "many") == ["(?: people say)"]
    assert _tails(["(may|might)"], "may") is None  # the word alone is the cue
    assert _tails(["(?:(?<=it is )|(?<=it was ))said that"], "said") is None
    assert _tails(["said(?-i:[A-Z])"], "said") is None  # a case switch cannot be read on lower-cased text
    assert _tails(["russia(n)? forces"], "russian") is None  # shorter literal: anything may follow


def test_trigger_conditions_with_lookbehinds():
    # A lookbehind before the cue becomes one at the end of the word; a branch with nothing around it, none at all.
    assert _conditions(["(?<=of )course"], "course") == [r"(?:(?<=of\ course))"]
    assert _conditions(["(?:(?<=has )|(?<=had ))not (yet )?replied"], "not") == [
        r"(?:(?<=has\ not)|(?<=had\ not))(?=(?: (yet )?replied))"]
    assert _conditions(["no doubt", "(?<=there is )no way"], "no") == [
        "(?=(?: doubt))", r"(?:(?<=there\ is\ no))(?=(?: way))"]
    assert _conditions(["(?:(?<=it is )|(?<=it was ))said that", "(said|says)"], "said") is None
    assert _conditions(["(?<!chicken )kiev"], "kiev") is None  # a negative lookbehind is not read
    assert _conditions(["(?<=the (a|b))x"], "x") is None
    assert _conditions(["(?<=\u00e9t\u00e9 )x"], "x") is None  # letters that are not ASCII: case
    assert _number().startswith("\\d(?<=(?=(?i:")


def test_trigger_scan_is_as_case_insensitive_as_the_cues():
    # The conditions read the lower-cased text case-insensitively: the long s and the Kelvin sign match as in the cues.
    text = ("Ministers HAS NOT YET RESPONDED and ha\u017f not replied. On 12 \u017eEPTEMBER and 12 \u017fEPTEMBER, "
            "There Is No Question, in A STATEMENT, of cour\u017fe, LAST WEEK, this \u212aitchen year. 2024-03-12.")
    low = _lower(text, text.encode("utf-8"))
    spans = trigger_spans(low, 0, len(low))
    found = {a for a, _b in spans}
    index = cues()
    tried = 0
    for w in re.finditer(r"\b\w+", low):
        key = "#num" if w.group()[0].isdigit() else w.group().lower()
        for cue in index.get(key, ()):
            if cue.rx.match(text, w.start()):
                tried += 1
                assert w.start() in found, (w.group(), cue.get("pattern"))
    assert tried >= 8
    assert text.index("12 \u017eEPT") not in found  # no cue matches there: no trigger either


def test_trigger_scan_finds_every_cue_start():
    # Brute force: every cue tried at every word start must never match where the trigger scan saw no trigger.
    text = ("Russia-backed fighters held the town, and Russian-controlled areas grew. Officials familiar with the "
            "talks said the Kremlin's regime had not yet responded. People are saying the so-called referendum was "
            "a sham. Many analysts say the Chinese government erred; there is no question about it. On 12 March "
            "2024 the ministry said 2024-03-12 was final, according to the defence minister, Anna Kovacs. Russia "
            "denied it and Putin spoke.")
    low = text.lower()
    trig = triggers()[0]
    found = {m.start() for m in trig.finditer(low)}
    index = cues()
    tried = 0
    for w in re.finditer(r"\b\w+", low):
        key = "#num" if w.group()[0].isdigit() else w.group()
        for cue in index.get(key, ()):
            tried += 1
            if cue.rx.match(text, w.start()):
                assert w.start() in found, (w.group(), cue.get("pattern"))
    assert tried > 20
    assert low.index("russia-backed") in found and low.index("russian-controlled") in found
    # "russia" and "putin" start cues only as "russia-backed" and "putin's regime": elsewhere no trigger
    assert low.index("russia denied") not in found and low.index("putin spoke") not in found


def test_word_start_scan_finds_what_the_plain_trigger_regex_finds():
    # The fast scan opens with the character before a word; it must give exactly the plain pattern's triggers,
    # also from the middle of a text, at its very start, and around non-ASCII and astral characters.
    text = ("Russia-backed fighters said on 12 March that the war (in Ukraine) went on. \u201cThe regime,\u201d "
            "she said; 2024-03-12 was final.\u00a0Kyiv\u2019s envoy noted it. Caf\u00e9war talks; \u00e9said; "
            "naïve_said, 12345-6, 12 may. Officials said the invasion of Ukraine continued")
    low = text.lower()
    plain = triggers()[0]
    for lo, hi in [(0, len(low)), (1, len(low)), (low.index("war"), low.index("final")), (5, 5), (0, 40)]:
        assert trigger_spans(low, lo, hi) == [m.span() for m in plain.finditer(low, lo, hi)], (lo, hi)
    astral = "\U0001d400said and \U0001F600said the war"  # a mathematical letter (a word character), an emoji
    assert trigger_spans(astral, 0, len(astral)) == [m.span() for m in plain.finditer(astral)]
    assert len(trigger_spans(low, 0, len(low))) > 10


def test_lower_casing_keeps_word_characters():
    # The trigger scan reads lower-cased text and the cues the original: a word must stay a word.
    import sys
    assert not [c for c in map(chr, range(sys.maxunicode + 1))
                if len(c.lower()) == 1 and (c.isalnum() or c == "_") != (c.lower().isalnum() or c.lower() == "_")]


def test_word_is_match():
    assert word_is_match("(military|armed forces|troops)", "military")
    assert word_is_match("(military|armed forces|troops)", "troops")
    assert not word_is_match("(military|armed forces|troops)", "armed")  # the match is "armed forces"
    assert not word_is_match("(war crimes|war)", "war")  # the longer phrase is tried first
    assert word_is_match("(war|war crimes)", "war")
    assert word_is_match("(we|us|we're)", "we")
    assert not word_is_match("(?<=of )course", "course")
    assert not word_is_match("sources? say", "source")
    for pat, key in [("(military|armed forces)", "military"), ("(war|war crimes)", "war"), ("(we|we're)", "we")]:
        rx = re.compile(rf"(?:{pat})(?!\w)", re.I)
        for text in (key, key.upper() + " crimes", key.title() + "'re here", key + "-led"):
            assert rx.match(text).end() == len(key), (pat, text)


def test_named_source_before_a_cue_is_the_leftmost_of_both_forms():
    # ``_credit`` searches the role form and the name form separately; the one that starts first wins, the role
    # form at a tie, exactly as one search with both as alternatives.
    st = _measure("Talks\n\nThe minister, Anna Kovacs, said talks stalled. Peter Lind, a farmer, told us more. "
                  "Their envoy, J. Smith, added a note. Maria Lopez said it was over.\n")
    assert set(st.sources.values()) == {"Anna Kovacs", "Peter Lind", "J. Smith", "Maria Lopez"}
    assert st.credited_sentences == 4
    st = _measure("Talks\n\n\u201cNo deal,\u201d said Mark Olsen. \u201cNever,\u201d she said.\n")
    assert set(st.sources) == {"Olsen"} and st.credited_sentences == 1


def test_frames_and_terms_in_text_order():
    st = _measure("War news\n\nRussian troops and soldiers shelled the town. The army and the navy moved. "
                  "Kiev said the invasion of Ukraine went on, the ministry said.\n")
    sec = st.frames["security_and_defense"]
    assert list(sec) == sorted(sec) and len(sec) == 3
    assert [c.lower() for c in sec[next(iter(sec))]] == ["troops", "soldiers"]
    assert [v for *_x, v in st.terms] == ["attributed", "attributed"]  # "Kiev", "invasion of Ukraine"


def test_ascii_lowering_is_enough_outside_two_characters():
    # ``_lower`` lowers only ASCII letters unless the text holds one of ``_LOWER_SPECIAL``: every other character
    # must stay non-ASCII, one character, and as much a word, digit or space character when lowered.
    import sys

    special = {c for c in map(chr, range(0x80, sys.maxunicode + 1)) if c.lower() != c and (
        len(c.lower()) != 1 or c.lower().isascii() or c.isalnum() != c.lower().isalnum()
        or c.isdecimal() != c.lower().isdecimal() or c.isdigit() != c.lower().isdigit()
        or c.isspace() != c.lower().isspace() or (ord(c) > 0xFFFF) != (ord(c.lower()) > 0xFFFF))}
    assert special == set(_LOWER_SPECIAL)
    # trigger words and their continuations are ASCII (but for marks that have no case)
    assert all(k.isascii() for k in cues())
    assert all(not ch.isalpha() or ch.isascii() for t in triggers() for ch in t.pattern if ord(ch) < 0x10000)
    text = "Caf\u00c9 NEWS\u2019s \u00c9said: \u201cRussia-backed\u201d \u0412ar said, OFFICIALS said \u00e0 Kyiv"
    utf8 = text.encode("utf-8")
    low = _lower(text, utf8)
    assert low != text.lower() and len(low) == len(text)
    assert trigger_spans(low, 0, len(low)) == trigger_spans(text.lower(), 0, len(text))
    assert _lower("\u212aiev said", "\u212aiev said".encode()) == "kiev said"  # the Kelvin sign: str.lower


def _random_texts(alphabet: str, n: int, seed: int = 5) -> list[str]:
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def test_caps_words_is_the_capitals_regex():
    # ASCII capitals among lower case, digits, accented and Cyrillic letters, CJK characters whose UTF-16 bytes look
    # like capitals (U+4142), astral characters, a lone surrogate, marks and spaces
    alphabet = "ABCDXYZ" * 4 + "ab1_ .,'-\u00c9\u00e9\u0416\u4142\u5a41\U0001d400\U0001F600\ud800\u2019"
    texts = _random_texts(alphabet, 3000) + ["NATO said NOW", "XNATOx", "ÉNATO", "NATOé", "(NATO)", "AAAAAAAAA b"]
    for text in texts:
        for lo, hi in ((0, len(text)), (1, len(text)), (2, max(2, len(text) - 3))):
            want = [m.span() for m in CAPS_WORD.finditer(text, lo, hi)]
            assert [m.span() for m in caps_words(text, lo, hi)] == want, (text, lo, hi)


def test_clickbait_count_is_the_category_regex():
    alphabet = "shocking you won't believe watch: THE TRUTH ABOUT breaking!-\u2014\u00e9\u017f\u212a1_\U0001F600"
    words = ["SHOCKING: what happened next", "Breaking — x", "the truth about it", "xthe truth about", "truth about",
             "This is why", "ſhocking", "WATCH: video", "just in: just destroyed", "breaking_news", "éshocking",
             "\U0001F600shocking", "you won’t believe", "here's why", "must-read: wow", "Go viral"]
    rx = category_regex("clickbait")
    for title in words + _random_texts(alphabet, 2000) + [" ".join(words)]:
        assert _clickbait(title) == len(rx.findall(title)), title


def test_quote_span_is_the_lazy_one():
    lazy = re.compile(r"[\"“«„][^\"“”»]{1,600}?[\"”»“]", re.U)
    texts = _random_texts("ab \"“”«»„", 3000) + ["“" + "a" * 600 + "”", "“" + "a" * 601 + "”", "„a« b“"]
    for text in texts:
        assert [m.span() for m in QUOTE_SPAN.finditer(text)] == [m.span() for m in lazy.finditer(text)], text


def _credit_reference(text, sent_start, cue_start, cue_end, cue_word):
    """``_credit`` as it was: both forms searched over the 120 characters before the cue."""
    name, s = None, 0
    lo = max(sent_start, cue_start - 120)
    before = text[lo:cue_start]
    last = before.rstrip()[-1:] if before[-1:].isspace() else ""
    if last and (last.isalnum() or last in "_'’-.,"):
        role, named = _ROLE_BEFORE.search(text, lo, cue_start), _NAME_BEFORE.search(text, lo, cue_start)
        if role and (named is None or role.start() <= named.start()):
            name, s = role.group("c"), role.start("c")
        elif named:
            name, s = named.group("a"), named.start("a")
    if (name is None or name.split()[0] in NOT_NAMES) and cue_word in _AFTER_CUES:
        m = _NAME_AFTER.match(text, cue_end, min(len(text), cue_end + 80))
        if m:
            name, s = m.group("b"), m.start("b")
    if name and name.endswith(("'s", "’s")):
        name = name[:-2]
    if not name or name.split()[0] in NOT_NAMES or name.isupper() or name in NOT_ALONE:
        return None
    return name, s


def test_credit_searches_only_where_a_name_can_start():
    # ``_credit`` skips the role form unless a comma ends the text before the cue, and searches the name form from
    # the fourth word before the cue: the same names as searching both over the 120 characters before it.
    import random

    rng = random.Random(7)
    words = ["the", "minister", "Anna", "Kovacs", "J.", "de", "van", "McCain", "iPhone", "O'Neil", "al", "Putin",
             "a", "his", "their", "farmer", "Lind", "\u201cNo", "deal\u201d", "x", "It", "Moscow", "E.", "Ana-Maria"]
    seps = [" ", " ", " ", ", ", ",\n", "  ", ". ", "\u00a0"]
    texts = ["Talks. " + "".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 30)))
             for _ in range(2000)]
    named = 0
    for text in texts:
        text = text.rstrip(",.") + (" " if rng.random() < 0.9 else "")
        cue = rng.choice(["said", "told", "wrote", "argued"])
        full = text + cue + rng.choice([" Anna Kovacs", " the deputy minister, Lena Berg", " it", "."])
        for sent_start in (0, 7):
            st = Style()
            want = _credit_reference(full, sent_start, len(text), len(text) + len(cue), cue)
            assert _credit(full, st, sent_start, len(text), len(text) + len(cue), cue) == (want is not None), full
            if want is not None:
                named += 1
                (a, b), = st.spans["named_attr"]
                assert (full[a:b], a) == want, full
    assert named > 200


def test_project_keeps_what_a_pattern_can_match():
    # A character of the text is its own projection or a space: literals and classes take in the space for the rest.
    assert project(r"russia\b(?=-backed)") == r"russia\b(?= backed)"
    assert project(r"(?:(['’]s)? regime)") == "(?:([ ]s)? regime)"
    assert project(r"(?i:(?<=it’s\ said))(?=\w\s\d{1,2})") == r"(?:(?<=[i ]t [s ] [s ]a[i ]d))(?=[0-9_a-z ]\s\d{1,2})"
    assert project("[-/ ]x") == "[ ]x"
    for unread in (r"(?!x)", r"(?<!x)y", r"[^x]", r"\W", "x$", r"(?P<a>x)", "[a-z]"):
        assert project(unread) is None, unread


def _rescan_texts(n):
    import random

    rng = random.Random(11)
    words = ["Russia-backed", "Russia", "Putin\u2019s regime", "putin's regime", "it\u2019s clear", "IT IS CLEAR",
             "ha\u017f not responded", "has not replied", "12 March", "2024-03-12", "3/4/2024", "caf\u00e9 said",
             "\u00e9said", "said\u00e9", "said", "SAID", "\U0001F600said", "war", "war-torn", "so-called referendum",
             "the Ukraine", "Kiev", "Kyiv", "\u201cWe", "are told\u201d", "(AP)", "i", "you", "\u00a0", "the fact is",
             "no doubt", "in a statement", "of course", "last year", "military", "armed forces", "troops", "NATO",
             "according to", "the minister, Anna Kovacs,", "Officials", "Taiwan region", "na\u00efve", "\u0416ar",
             "\u00e9\u00e9 war \u00e9", "Mr. Smith", "\n", ".", ",", "!", "?", "_said", "said_", "\u00c9", "2024"]
    for _ in range(n):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        yield "Headline here\n\n" + body.replace(" .", ".") + ".\n"


def test_projected_scan_finds_every_trigger(monkeypatch):
    # Every trigger word of the plain scan is found on the projection; what else it finds is a word whose cues are all
    # regexes, none of which matches there; and the whole measurement is that of the plain scan.
    index = plans()
    for text in _rescan_texts(300):
        utf8 = text.encode("utf-8")
        got = _projected_triggers(text, utf8, 0, len(text))
        if got is None:
            continue
        low = _lower(text, utf8)
        want = trigger_spans(low, 0, len(text))
        assert set(want) <= set(got[0]), (text, set(want) - set(got[0]))
        for a, b in set(got[0]) - set(want):
            key = "#num" if low[a].isdigit() else low[a:b]
            assert all(match is not None and match(text, a) is None for match, *_r in index.get(key, ())), key
    texts = list(_rescan_texts(300)) + ["\u0661\u0662 may said", "\u212aiev said", "\u0130stanbul said",
                                         "Title\n\n" + "\u0416\u0443\u043a said war " * 80 + "\n"]
    fast = [measure(make_view(Document("t", t), seg := segment(t), boilerplate.label_lines(Document("t", t), seg)))
            for t in texts]
    monkeypatch.setattr("reporter.signals.style._projected_triggers", lambda *_a: None)
    plain = [measure(make_view(Document("t", t), seg := segment(t), boilerplate.label_lines(Document("t", t), seg)))
             for t in texts]
    assert fast == plain
    assert _projected_triggers("\u0661 may", "\u0661 may".encode(), 0, 5) is None  # a digit that is no ASCII
