from reporter.text.segment import paragraphs, segment, sentences_in, split_lines, word_count


def test_lines_follow_split_on_newline_exactly():
    text = "Headline here\r\n\nFirst paragraph.\nSecond one\n"
    lines = split_lines(text)
    assert [text[s.start:s.end] for s in lines] == text.split("\n")


def test_sentences_respect_abbreviations_and_initialisms():
    text = "Dr. Anna Lee met U.S. officials on Monday. They talked for 3.5 hours! Was it enough? Nobody knows."
    sents = [text[s.start:s.end] for s in sentences_in(text, 0, len(text))]
    assert sents == [
        "Dr. Anna Lee met U.S. officials on Monday.",
        "They talked for 3.5 hours!",
        "Was it enough?",
        "Nobody knows.",
    ]


def test_sentence_ends_after_closing_quote():
    text = "\u201cWe will not back down.\u201d The minister left the room."
    sents = [text[s.start:s.end] for s in sentences_in(text, 0, len(text))]
    assert sents[0].endswith("\u201d") and sents[1] == "The minister left the room."


def test_paragraphs_one_per_line_and_wrapped_lines_joined():
    text = "The council met on Tuesday and\nvoted to close the library.\n\nA second paragraph."
    paras = [text[p.start:p.end] for p in paragraphs(text)]
    assert paras == ["The council met on Tuesday and\nvoted to close the library.", "A second paragraph."]


def test_segment_offsets_point_into_text():
    text = "  Prices rose 4% in May.  Analysts were surprised.\n\nThe central bank\u2019s chief said little."
    seg = segment(text)
    for s in seg.sentences + seg.words + seg.paragraphs:
        assert 0 <= s.start < s.end <= len(text)
    assert text[seg.sentences[0].start:seg.sentences[0].end] == "Prices rose 4% in May."
    assert "bank\u2019s" in [text[w.start:w.end] for w in seg.words]
    assert word_count(text) == len(seg.words)


def test_lines_paragraphs_and_sentences_of_scraped_page_text():
    text = ("  Home | World \r\nSIGN IN\n\n   \nMinisters met in Geneva on Friday. Talks ended late.\t\n"
            "\u00a0The deal was not\nsigned after all, officials said.\n\nWhat next?! Nobody knows...\n")
    seg = segment(text)
    assert [text[s.start:s.end] for s in seg.lines] == text.split("\n")
    assert [text[p.start:p.end] for p in seg.paragraphs] == [
        "Home | World", "SIGN IN", "Ministers met in Geneva on Friday. Talks ended late.",
        "The deal was not\nsigned after all, officials said.", "What next?! Nobody knows...",
    ]
    assert [text[s.start:s.end] for s in seg.sentences] == [
        "Home | World", "SIGN IN", "Ministers met in Geneva on Friday.", "Talks ended late.",
        "The deal was not\nsigned after all, officials said.", "What next?!", "Nobody knows...",
    ]
    assert seg.sentences[0] == (2, 14) and seg.sentences[0].end == 14  # a Seg is a named tuple of offsets


def test_empty_text_is_one_empty_line():
    seg = segment("")
    assert [(s.start, s.end) for s in seg.lines] == [(0, 0)]
    assert seg.paragraphs == [] and seg.sentences == []


def test_word_starts_agree_with_the_word_regex() -> None:
    """The vectorised word count is the regex's, on joiners, underscores, digits and non-Latin letters."""
    import numpy as np

    from reporter.text.segment import count_words, word_start_mask

    for text in ["", "-", "a", "well-known co-op's rock'n'roll", "a--b c'-d e’f ’g h- -i", "snake_case 3.5 x²",
                 "naïve café in Zürich", "東京で 会議", "tab\tand\u00a0nbsp", "ends with joiner-", "\ud800 lone",
                 "naïve “café” — ’tis", "½ ª º µ ß ÿ \xad \xb7 ¼-x", "a-b-c-d x'y'z"]:
        assert np.count_nonzero(word_start_mask(text)) == word_count(text) == count_words(text), text


def test_word_starts_in_each_sentence_are_its_word_count() -> None:
    """Every word starts in exactly one sentence (what ``ArticleView.word_counts`` relies on)."""
    import numpy as np

    from reporter.text.segment import word_start_mask

    text = ("Home | News\n\nThe mayor’s well-known plan passed. “It’s overdue,” said Ann Lee.\n\n"
            "Drivers' groups were not asked... Work starts in May.")
    seg = segment(text)
    counts = [int(np.count_nonzero(word_start_mask(text)[s.start:s.end])) for s in seg.sentences]
    assert counts == [word_count(text[s.start:s.end]) for s in seg.sentences]
    assert sum(counts) == word_count(text)


def test_typographic_characters_stand_in_for_their_class() -> None:
    """word_start_mask replaces common typographic characters by ASCII ones of the same class (offsets kept)."""
    import numpy as np

    from reporter.text.segment import _CLASS_BYTES, _SAME_CLASS, _char_class, word_start_mask

    for wide, same in _SAME_CLASS:
        assert len(same) == 1 and _char_class(ord(wide)) == _CLASS_BYTES[ord(same)], wide
    for text in ["It’s “over” — she said… ‘no’ – twice\u00a0now", "’tis rock’n’roll’s", "naïve “café” — 東京’s",
                 "Москва — «столица» " * 10 + "’end’"]:
        assert np.count_nonzero(word_start_mask(text)) == word_count(text), text


def test_wrapped_lines_chain_into_one_paragraph_and_sentences_need_no_strip() -> None:
    text = ("The council met on Tuesday and\nvoted to close\nthe library. Dr. Lee objected.\n\nA second one\n\n"
            "and a lower-case line after a blank one.\n  \u201cQuoted.\u201d Then more.  \n")
    seg = segment(text)
    assert [text[p.start:p.end] for p in seg.paragraphs] == [
        "The council met on Tuesday and\nvoted to close\nthe library. Dr. Lee objected.", "A second one",
        "and a lower-case line after a blank one.", "\u201cQuoted.\u201d Then more."]
    assert [text[s.start:s.end] for s in seg.sentences] == [
        "The council met on Tuesday and\nvoted to close\nthe library.", "Dr. Lee objected.", "A second one",
        "and a lower-case line after a blank one.", "\u201cQuoted.\u201d", "Then more."]
    assert all(text[s.start:s.end] == text[s.start:s.end].strip() for s in seg.sentences)


def test_dotted_boundary_scan_matches_the_original_pattern() -> None:
    """The literal-prefix scan over the dotted text finds exactly the original pattern's boundaries."""
    from reporter.text.segment import _BOUNDARY, _BOUNDARY_DOTS, _dotted

    for text in ["Wait! Really? Yes… No. “Go!” she said. (Fine.) [Done.] 'Ok.' Next",
                 "U.S. officials met. Dr. Li!! Then?!",
                 "a…\u00a0B ?. C! ” D... É. Ж. – end. — end. • item", "no marks at all", "", "?!…. "]:
        dotted = _dotted(text)
        assert len(dotted) == len(text)
        assert [m.regs for m in _BOUNDARY_DOTS.finditer(dotted)] == [m.regs for m in _BOUNDARY.finditer(text)]


def test_word_start_mask_counts_words_and_slices() -> None:
    import numpy as np

    from reporter.text.segment import word_start_mask

    text = "The mayor’s well-known plan passed. “It’s overdue,” said Ann Lee. 東京 café x² a--b"
    mask = word_start_mask(text)
    assert len(mask) == len(text) and np.count_nonzero(mask) == word_count(text)
    seg = segment(text)
    assert [np.count_nonzero(mask[s.start:s.end]) for s in seg.sentences] == [
        word_count(text[s.start:s.end]) for s in seg.sentences]


def test_token_before_shortcut_agrees_with_the_walk() -> None:
    """The token before a full stop found via the last space is the backwards walk's, on random text."""
    import random

    from reporter.text.segment import _token_before

    def walk(chunk: str, lo: int, hi: int) -> str:
        i = hi
        while i > lo and (chunk[i - 1].isalnum() or chunk[i - 1] in "._"):
            i -= 1
        return chunk[i:hi].lower()

    rnd = random.Random(5)
    alphabet = "ab Z9_.\n\t'-é東²"
    for _ in range(5000):
        chunk = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        hi = rnd.randint(0, len(chunk))
        lo = rnd.randint(0, hi)
        assert _token_before(chunk, lo, hi) == walk(chunk, lo, hi), (chunk, lo, hi)


def test_segment_keeps_the_line_texts_it_cut() -> None:
    for text in ["", "one", "a\n\nb \n c\n", "x\r\ny\u2028z\n"]:
        seg = segment(text)
        assert seg.line_texts == text.split("\n")
        assert [text[s.start:s.end] for s in seg.lines] == seg.line_texts


def test_word_counts_agree_with_the_regex_on_random_text() -> None:
    """ASCII, Latin-1 and wider characters, joiners and typographic stand-ins: every counting path agrees."""
    import random

    from reporter.text.segment import count_words, word_start_mask

    rnd = random.Random(9)
    alphabet = "ab Z9_-'’\n\u00a0é½·“—…東\u0301x"
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        assert count_words(text) == int(word_start_mask(text).sum()) == word_count(text), repr(text)


def test_nonblank_lines_from_the_cut_lines_are_the_regex_spans() -> None:
    """segment's stripped lines (str.strip) are _NONBLANK_LINE's spans, on every kind of white space."""
    import random

    from reporter.text.segment import _NONBLANK_LINE, _nonblank

    rnd = random.Random(3)
    alphabet = ["a", "b", " ", "\t", "\xa0", "\r", "\x1c", "\x85", "\u2028", "\u3000", "\n", "\n", ".", "é"]
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        want = [m.span() for m in _NONBLANK_LINE.finditer(text)]
        parts = text.split("\n")
        assert [tuple(s) for s in _nonblank(parts, split_lines(text))] == want, repr(text)
        assert segment(text).paragraphs == paragraphs(text), repr(text)
