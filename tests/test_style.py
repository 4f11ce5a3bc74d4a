import re
import time

from reporter.model import Document
from reporter.signals import boilerplate
from reporter.signals.style import (
    _BYTE_CLASS,
    _LOWER_SPECIAL,
    CAPS_WORD,
    QUOTE_SPAN,
    _clickbait,
    _lower,
    _tails,
    caps_words,
    category_regex,
    cues,
    first_keys,
    measure,
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
            classes = text.encode("utf-8", "surrogatepass").translate(_BYTE_CLASS)
            assert [m.span() for m in caps_words(text, lo, hi, classes)] == want, (text, lo, hi)


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
