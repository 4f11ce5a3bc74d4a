"""Properties of the whole analyzer on random and mutated real text (hypothesis).

Whatever the text: ``reporter.analyze`` never raises; every span it reports lies
inside the text, starts before it ends and its ``text`` is exactly
``doc.text[start:end]``; the line entries cover the text exactly, one per
``text.split("\\n")``; and the JSON it serialises to is valid UTF-8.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reporter
from reporter.model import Analysis
from reporter.serialize import to_json

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))

# Written for these tests: a realistic news page with chrome, quotes of every kind and attribution.
OWN = [
    "Harbour plan approved after stormy meeting\nBy Jana Whitfield, Staff Reporter\nUpdated 14 March 2024\n\n"
    "Councillors approved the harbour expansion on Tuesday after a four-hour meeting.\n"
    "\u201cThis is a reckless gamble with public money,\u201d said opposition leader Tom Reyes.\n"
    "The mayor, Lena Okafor, said the project would create 300 jobs, according to a council statement.\n"
    "Critics claim the so-called \u2018consultation\u2019 was a sham. Officials declined to comment.\n"
    "Share this article\nSubscribe to our newsletter\n\u00a9 2024 Coastal Times. All rights reserved.\n",
    "\u00abLa r\u00e9forme est n\u00e9cessaire\u00bb, a d\u00e9clar\u00e9 le ministre. 'Nobody asked us,' a resident "
    'said. "Unbalanced quote starts here and never ends.\r\nA second line\rwith old Mac endings. '
    "He said: \u201cnested \u2018inner \u201cdeep\u201d\u2019 ends\u201d. An anonymous official told reporters "
    "the figures were \u201cdisastrous\u201d.",
]
BASES = OWN + [p.read_text(encoding="utf-8") for p in SEEDS[:3]]

TRICKY = ("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a`\u00b4 \n\r\t\x00\x07\x1b\x0b\x0c\x1c"
          "\u2028\u2029\u200b\u200d\u202e\u202c\ufeff\ufffd.!?\u2026:;,-\u2013\u2014()[]{}<>/&#@*"
          "\u05e9\u05dc\u0645\u0631\U0001F600\U0001F1FA\U0001F1F8e\u0301\u0130\u00df\u2160AZaz09")
WORDS = ["said", "Mr.", "Dr", "according", "to", "the", "regime", "slammed", "told", "officials", "U.S.",
         "claimed", "BREAKING", "Copyright", "\u00a9", "By", "Reuters", "CNN", "she", "They", "wrote", "-", "|"]

tricky_text = st.text(alphabet=st.sampled_from(TRICKY), max_size=300)
wordy_text = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(TRICKY), st.text(max_size=6)),
                      max_size=120).map("".join)
any_text = st.text(max_size=400)  # the full Unicode range, surrogates included


@st.composite
def mutated(draw) -> str:
    """A real-looking text after a few random cuts, insertions, duplications and newline changes."""
    text = draw(st.sampled_from(BASES))
    start = draw(st.integers(0, max(0, len(text) - 1)))
    text = text[start:start + draw(st.integers(0, 2500))]
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["cut", "insert", "dup", "newline", "swapquote"]))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 80)))
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.one_of(tricky_text, st.sampled_from(WORDS))) + text[i:]
        elif op == "dup":
            text = text[:j] + text[i:j] * draw(st.integers(1, 4)) + text[j:]
        elif op == "newline":
            text = text.replace("\n", draw(st.sampled_from(["\r\n", "\r", "\n\n", "\u2028", " "])), 3)
        else:
            quotes = "\"'\u201c\u201d\u00ab"
            text = text.replace(draw(st.sampled_from(quotes)), draw(st.sampled_from(quotes)))
    return text


def _span(text: str, start, end, got: str | None, what: str, allow_empty: bool = False) -> None:
    assert isinstance(start, int) and isinstance(end, int), (what, start, end)
    assert 0 <= start <= end <= len(text), (what, start, end, len(text))
    assert allow_empty or start < end, (what, start, end)
    if got is not None:
        assert got == text[start:end], (what, start, end, got, text[start:end])


def check(text: str, a: Analysis) -> None:
    """Every offset-bearing thing in the analysis points at the words it claims."""
    assert a.document.text == text
    pos = 0
    parts = text.split("\n")
    assert len(a.lines) == len(parts)
    for ln, part in zip(a.lines, parts, strict=True):
        assert (ln.start, ln.end) == (pos, pos + len(part)), ("line", ln, pos)
        pos += len(part) + 1
    for s in a.loaded:
        _span(text, s.start, s.end, s.text, "loaded")
    for q in a.quotes:
        _span(text, q.content.start, q.content.end, q.content.text, "quote content")
        if q.cue is not None:
            _span(text, q.cue.start, q.cue.end, q.cue.text, "quote cue")
        sp = q.speaker
        if sp is not None and (sp.start is not None or sp.end is not None):
            _span(text, sp.start, sp.end, sp.text or None, "speaker")
    for c in a.unattributed:
        _span(text, c.start, c.end, c.text, "claim")
    for name, score in a.scores.items():
        assert 0 <= score.value <= 100, (name, score.value)
        for e in score.evidence:
            if e.start is not None or e.end is not None:
                _span(text, e.start, e.end, e.text or None, f"evidence of {name}")
    d = json.loads(to_json(a))
    assert d["text"] == text
    to_json(a).encode("utf-8")


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@FAST
@given(tricky_text)
def test_tricky_characters(text):
    check(text, reporter.analyze(text))


@FAST
@given(wordy_text)
def test_word_soup(text):
    check(text, reporter.analyze(text))


@settings(FAST, max_examples=40)
@given(any_text)
def test_any_unicode(text):
    check(text, reporter.analyze(text))


@settings(FAST, max_examples=80)
@given(mutated())
def test_mutated_real_text(text):
    check(text, reporter.analyze(text))


@pytest.mark.parametrize("text", [
    "", " ", "\n", "\r\n", "\n\n\n", "\x00", "\ufeff", '"', "\u201c", "\u201d\u201c", "'" * 50, '"' * 101,
    "said", "According to", "\u201c" * 30 + "said the man" + "\u201d" * 29,
    "x" * 20000, "word " * 5000, ("He said \u201c" * 400), "\r" * 300, "A.\n" * 2000,
])
def test_edge_cases(text):
    check(text, reporter.analyze(text))


def test_same_input_same_json():
    text = OWN[0] + OWN[1]
    assert to_json(reporter.analyze(text)) == to_json(reporter.analyze(text))
