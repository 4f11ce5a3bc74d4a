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
