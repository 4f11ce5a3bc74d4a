"""Loaded-language detector: lexicon, inflections, rules, negation and voice."""
from __future__ import annotations

import pytest

from reporter.model import Document, LineLabel, Quote, Span
from reporter.signals.loaded import find_loaded
from reporter.signals.view import make_view
from reporter.text import segment


def spans(text: str, quotes: list[Quote] | None = None):
    doc = Document(id="t", text=text)
    return find_loaded(make_view(doc, segment(text), []), quotes or [])


def texts(text: str, quotes: list[Quote] | None = None) -> list[str]:
    return [s.text for s in spans(text, quotes)]


def test_every_span_points_at_its_text():
    text = "The senator slammed the so-called reform as a disgraceful power grab by a corrupt regime."
    for s in spans(text):
        assert text[s.start:s.end] == s.text
        assert s.note and s.category


@pytest.mark.parametrize("form", ["slam", "slams", "slammed", "slamming"])
def test_inflections_of_a_verb_match(form):
    hit = spans(f"Opposition leaders {form} the budget plan.")
    assert [s.text for s in hit] == [form]
    assert hit[0].category == "charged" and hit[0].alternative


def test_multi_word_expression_is_one_span():
    assert texts("Critics say the inquiry has become a witch hunt against the mayor.") == ["witch hunt"]
    assert texts("The minister lashed out at reporters on Tuesday.") == ["lashed out"]


def test_plain_wire_copy_has_no_spans():
    text = ("The central bank raised its main interest rate by a quarter point on Wednesday, "
            "citing inflation that remained above its target, the bank said in a statement.")
    assert texts(text) == []


def test_name_calling_with_its_modifier_and_alternative():
    hit = spans("Residents fled as the Kremlin dictator ordered new strikes.")
    assert [s.text for s in hit] == ["Kremlin dictator"]
    assert hit[0].category == "name_calling" and hit[0].alternative == "leader"


def test_loaded_adjective_takes_its_noun():
    assert texts("It was a disgraceful decision by the board.") == ["disgraceful decision"]


def test_intensifier_joins_the_loaded_word():
    assert texts("The response was utterly shameful.") == ["utterly shameful"]


@pytest.mark.parametrize("text", ["The storm was not a disaster for the harbour.",
                                  "Officials said it was never a catastrophe."])
def test_negation_drops_charged_words(text):
    assert texts(text) == []


def test_negation_does_not_cross_punctuation():
    assert texts("They didn't stop, and the result was a fiasco.") == ["fiasco"]


def test_negated_label_is_kept_but_weaker():
    plain = spans("He is a crook, the lawyer said.")
    negated = spans("He is not a crook, the lawyer said.")
    assert [s.text for s in negated] == ["crook"]
    assert negated[0].weight < plain[0].weight


def test_quoted_speech_belongs_to_the_speaker():
    text = 'The mayor said: "These thugs will be caught." Police later arrested two thugs.'
    start = text.index("These")
    q = Quote(content=Span(start, text.index('."') + 1, ""), kind="direct")
    hit = spans(text, [q])
    assert [(s.text, s.voice) for s in hit] == [("thugs", "quoted"), ("thugs", "outlet")]


def test_long_quotation_without_attribution_is_still_quoted():
    hit = spans('“This is a disgraceful attack on our town and its people,” read the banner.')
    assert hit and all(s.voice == "quoted" for s in hit)


def test_scare_quotes_around_a_word():
    hit = spans("Their “reform” cut pensions for millions.")
    assert [(s.text, s.category) for s in hit] == [("reform", "scare_quotes")]
    assert "experts" in texts("The so-called 'experts' were wrong again.")


def test_a_quoted_coined_term_after_the_or_a_possessive_is_not_scare_quotes():
    assert texts("The council's “green belt” plan was approved on Monday.") == []
    assert texts("The agency called the effect a “sonic attack” in its report.") == []


def test_short_quote_after_said_is_not_scare_quotes():
    assert texts('Asked about the vote, she said: "absolutely fine".') == []


def test_certainty_needs_the_writers_voice_and_a_sentence_adverb():
    assert [s.category for s in spans("Of course, the minister knew about the deal.")] == ["certainty"]
    assert texts("The course of the river changed, as it certainly did before.") == []
    assert texts("Without a doubt the plan will fail.") == ["Without a doubt"]


def test_superlative_with_an_absolute_frame():
    hit = spans("Supporters called it the harshest sanctions package ever.")
    assert any(s.category == "hyperbole" and s.text.endswith("ever") for s in hit)
    assert texts("The probe sent back the farthest image ever taken.") == []


def test_shouting_capitals():
    hit = spans("The files simply VANISHED from the server.")
    assert [(s.text, s.category) for s in hit] == [("VANISHED", "emphasis")]


def test_headline_in_capitals_is_not_emphasis():
    assert [s for s in spans("MARKETS CLOSED HIGHER TODAY") if s.category == "emphasis"] == []


def test_established_term_blocks_a_loaded_word():
    assert texts("The report documented police brutality in three cities.") == []
    assert texts("The full-scale invasion began in February 2022.") == []


def test_euphemism_has_its_plain_alternative():
    hit = spans("Troops entered the region during the special military operation.")
    assert hit[0].category == "euphemism" and hit[0].alternative == "invasion"


def test_mild_words_need_company():
    assert texts("The bill is a landmark change to tax law.") == []
    assert "landmark" in " ".join(texts("The reckless bill is a landmark giveaway to donors."))


def test_spans_do_not_overlap_and_are_sorted():
    out = spans("This absurd, reckless, so-called plan is a total disaster and an utter farce!")
    assert all(a.end <= b.start for a, b in zip(out, out[1:], strict=False))


def test_negation_scope_is_local():
    assert texts("Ministers will never admit their catastrophic blunders.") == ["catastrophic blunders"]
    assert texts("The launch hasn't really been a fiasco.") == []


def test_note_names_the_loaded_word_not_the_whole_span():
    hit = spans("It was a disgraceful decision by the board.")
    assert hit[0].text == "disgraceful decision"
    assert hit[0].note.startswith('"disgraceful"')


def test_intensifier_before_a_strong_emotion_word():
    assert texts("The scenes outside the court were so disgusting.") == ["so disgusting"]


def test_headline_is_read_even_when_set_aside_as_metadata():
    text = "Corrupt officials slammed over pension fiasco\n\nThe ministry published its annual report on Monday."
    head = text.index("\n")
    lines = [LineLabel(0, head, True, "title", kind="title"), LineLabel(head + 1, head + 1, False, kind="blank"),
             LineLabel(head + 2, len(text), False)]
    view = make_view(Document(id="t", text=text), segment(text), lines)
    found = " | ".join(s.text for s in find_loaded(view, []))
    assert "slammed" in found and "fiasco" in found


def test_text_with_no_article_sentence_is_still_read():
    text = "Thugs Storm The Capital In Shameful Power Grab"
    lines = [LineLabel(0, len(text), True, "header text before the article", kind="boilerplate")]
    view = make_view(Document(id="t", text=text), segment(text), lines)
    assert not view.sentences
    assert find_loaded(view, [])


def test_hyphenated_attitude_labels():
    hit = spans("The science-averse council ignored the warnings again.")
    assert [(s.text, s.category) for s in hit] == [("science-averse", "name_calling")]


def test_a_term_at_the_very_start_of_the_text():
    assert texts("Disgraceful decisions were made by the board.") == ["Disgraceful decisions"]


def test_an_adverb_grading_the_hit_joins_it_but_not_an_adjective_in_ly():
    assert texts("The ruling was strikingly stupid, critics said.") == ["strikingly stupid"]
    assert texts("The monthly fiasco continued in the council.") == ["fiasco"]


def test_a_loaded_noun_takes_its_adjective_a_verb_does_not():
    assert texts("It was a bureaucratic charade from start to finish.") == ["bureaucratic charade"]
    assert texts("The president slams the budget plan.") == ["slams"]


def test_an_intensifier_before_an_emotive_word_outside_the_lexicon():
    hit = spans("The puppies were so adorable in the photos.")
    assert [s.text for s in hit] == ["so adorable"] and hit[0].source.startswith("VADER")
    assert texts("The meeting was so long that nobody stayed.") == []


def test_a_hyperbole_reaches_the_noun_through_an_adjective():
    assert texts("The navy began an unprecedented naval deployment in the gulf.") == [
        "unprecedented naval deployment"]


def test_capitals_that_label_a_line_are_not_shouting():
    assert texts("WASHINGTON -- The agency said the files VANISHED from its servers last week.") == ["VANISHED"]
    assert texts("The clip was posted online.\nJUST WATCHED Officials describe the storm damage.") == []
    assert texts("The host asked about the memo.\nGREENING: We reviewed it and nothing was missing.") == []
    assert texts("The protesters carried banners reading STOP THE KILLING NOW outside the hall.") == []


def test_claiming_is_mild_and_its_literal_uses_are_blocked():
    assert texts("The spokesman spoke for an hour, claiming the plan was legal.") == []
    assert "claiming" in texts("The disgraced spokesman spoke for an hour, claiming the plan was legal.")
    assert texts("A shameless gang of militants ended up claiming responsibility for the blast.") == [
        "shameless gang"]


def test_a_term_is_highlighted_without_the_word_linking_it_to_its_object():
    assert texts("The bill is an assault on working families, its critics wrote in a letter.") == ["assault"]
    assert texts("Landlords preyed on tenants who could not read the contract.") == ["preyed"]
    # A phrasal verb keeps its particle, and a quantity image keeps its "of".
    assert texts("The mayor glossed over the deficit in his speech.") == ["glossed over"]
    assert texts("The campaign faced a tsunami of complaints from voters.") == ["tsunami of"]


def test_a_reporting_hedge_counts_only_beside_loaded_language():
    # "purported", "supposedly", "ostensibly" also hedge claims a careful reporter cannot check.
    assert texts("The purported leader of the group was arrested on Monday, police said.") == []
    assert texts("The fund was supposedly temporary.") == []
    assert texts("The minister purportedly signed the order on Tuesday, officials said.") == []  # as "purported"
    assert texts("The ostensibly independent panel issued a disgraceful whitewash.") == [
        "ostensibly independent", "disgraceful whitewash"]


def test_lower_keeps_offsets_and_lowers_every_ascii_letter():
    from reporter.signals.loaded import _lower

    text = "The \u00c9LITE \u201cSLAMMED\u201d the regime\u2019s THUGS"
    low = _lower(text)
    assert len(low) == len(text) and low == "the \u00c9lite \u201cslammed\u201d the regime's thugs"
    kelvin = "\u212aILLED \u00c9LITE"  # the one non-ASCII letter whose lower case is ASCII takes str.lower
    assert _lower(kelvin) == kelvin.lower()
    assert _lower("Plain ASCII Text") == "plain ascii text"


def test_sentences_of_mild_words_alone_are_not_built():
    from reporter.signals.loaded import MILD, _can_clear
    from reporter.signals.loaded_lexicon import lexicon, vader_backoff

    entries, backoff = lexicon(), vader_backoff()
    mild = next(k for k, e in entries.items() if e.weight <= MILD and e.category != "neutral")
    neutral = next(k for k, e in entries.items() if e.category == "neutral")
    clear = next(k for k, e in entries.items() if e.weight > MILD and e.category != "neutral")
    assert not _can_clear([(0, 1, mild, False), (2, 3, neutral, False), (4, 5, "zzz", False)], entries, backoff)
    assert _can_clear([(0, 1, mild, False), (2, 3, clear, False)], entries, backoff)
    assert _can_clear([(0, 1, "disgusting", True)], entries, backoff)  # an intensifier before an emotive word
    assert _can_clear([(0, 1, next(iter(backoff - entries.keys())), False)], entries, backoff)


@pytest.mark.parametrize("text", [
    "NATO and the FBI'S chief SLAMMED it. ABCDE-FGHI, X-RAYS, DON’T GO, U.S.A. STOP?! ÉLAN ÉTAT A-BOMB",
    "Tail: WORD", "ABCD", "ABC", "lower UPPERCASE mixedCASE caseUPPER__UNDER 1ABCD AB'CD AB’’CD A---B \u212aELVIN",
    "ÅBCD ABCÅDEF ABCD\u2019S \u00e9ABCD", "",
])
def test_capitals_scan_equals_the_pattern(text):
    """The capitals are tried only where the byte classes show four of them; the matches are the pattern's own."""
    from reporter.signals.loaded import _CAPS, _caps

    for lo, hi in ((0, len(text)), (1, len(text) - 1), (3, len(text))):
        if lo <= hi:
            got = [(m.span(), m.group()) for m in _caps(text, lo, hi)]
            assert got == [(m.span(), m.group()) for m in _CAPS.finditer(text, lo, hi)]


def test_capitals_scan_equals_the_pattern_on_generated_text():
    import random

    from reporter.signals.loaded import _CAPS, _caps

    rnd = random.Random(3)
    alphabet = "ABCDEZ abc'-’?.é\u00c9\n1_"
    for _ in range(2000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        got = [(m.span(), m.group()) for m in _caps(text, 0, len(text))]
        assert got == [(m.span(), m.group()) for m in _CAPS.finditer(text, 0, len(text))], text


def test_sentences_with_only_long_quotations_are_skipped_but_scare_quotes_found():
    text = ('The minister said "we will build the bridge next year" on Monday. '
            'Their "experts" disagree. He called it \'reform\' again. The "Reform Act" passed.')
    got = spans(text)
    assert [s.text for s in got] == ["experts"]
    assert got[0].category == "scare_quotes"


def test_four_words_test_equals_counting_the_words():
    """The one-match test for a quotation of four words or more counts the detector's word tokens."""
    import random

    from reporter.signals.loaded import _FOUR_WORDS, _WORD

    rnd = random.Random(11)
    pieces = ["a", "bb", "don't", "x-ray", "’", "'", "-", " ", "  ", ",", "é", "1", "_", "--", "''", "\n",
              "rock'n'roll"]
    for _ in range(5000):
        s = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        a = rnd.randint(0, len(s))
        assert bool(_FOUR_WORDS.match(s, a, len(s))) == (len(_WORD.findall(s, a, len(s))) >= 4), (s, a)
