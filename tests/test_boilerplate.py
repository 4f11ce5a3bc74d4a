"""Boilerplate lines: one label per line, chrome flagged with a reason, metadata kinds kept."""
from __future__ import annotations

from reporter.model import Document
from reporter.signals.boilerplate import label_lines
from reporter.text.segment import segment

ARTICLE = [
    "The harbour authority said on Tuesday that the new breakwater would be finished two months ahead of "
    "schedule, after engineers found the seabed firmer than the first surveys had suggested.",
    "Work began last spring, and the contractor has kept two barges on site through the winter, according to "
    "the authority's monthly reports, which are published on its website.",
    "Fishermen who use the eastern quay welcomed the news, although several said the noise from the pile "
    "drivers had kept them awake for weeks and that nobody had asked them about the working hours.",
    "The project cost is expected to stay within the budget approved by the regional council in 2022, a "
    "spokeswoman said, because the steel was bought before prices rose sharply later that year.",
    "A second phase, which would extend the breakwater by another three hundred metres, is still waiting for "
    "an environmental assessment that the council expects to receive before the end of the year.",
]

PAGE = "\n".join([
    "Skip to content",
    "Home",
    "News",
    "Sport",
    "Weather",
    "Sign in",
    "Home » News » Local",
    "Harbour breakwater to open two months early",
    "By Maria Olsen",
    "Published March 4, 2025",
    *ARTICLE,
    "Share this article",
    "Leave a comment",
    "You may also like",
    "Council approves new cycle lanes for the old town...",
    "Ferry timetable changes from next month...",
    "Privacy Policy",
    "Contact us",
    "© 2025 Coastal Gazette. All rights reserved.",
])


def _labels(text: str):
    doc = Document(id="t", text=text)
    return doc, label_lines(doc, segment(text))


def test_one_label_per_line_with_matching_offsets() -> None:
    doc, labels = _labels(PAGE)
    parts = PAGE.split("\n")
    assert len(labels) == len(parts)
    for lab, part in zip(labels, parts, strict=True):
        assert PAGE[lab.start:lab.end] == part
        assert 0.0 <= lab.confidence <= 1.0


def test_article_paragraphs_are_content() -> None:
    _, labels = _labels(PAGE)
    parts = PAGE.split("\n")
    for lab, part in zip(labels, parts, strict=True):
        if part in ARTICLE:
            assert not lab.boilerplate, part


def test_chrome_is_flagged_with_reasons() -> None:
    _, labels = _labels(PAGE)
    by_text = {PAGE[lab.start:lab.end]: lab for lab in labels}
    for chrome in ("Skip to content", "Sign in", "Home » News » Local", "Leave a comment", "Privacy Policy",
                   "© 2025 Coastal Gazette. All rights reserved.", "You may also like"):
        assert by_text[chrome].boilerplate, chrome
        assert by_text[chrome].reason, chrome
    assert by_text["Leave a comment"].reason == "comment prompt"
    assert by_text["© 2025 Coastal Gazette. All rights reserved."].reason == "copyright line"


def test_title_byline_and_date_are_metadata_not_article() -> None:
    _, labels = _labels(PAGE)
    kinds = {PAGE[lab.start:lab.end]: lab for lab in labels}
    assert kinds["Harbour breakwater to open two months early"].kind == "title"
    assert kinds["By Maria Olsen"].kind == "byline"
    assert kinds["Published March 4, 2025"].kind == "date"
    for k in ("Harbour breakwater to open two months early", "By Maria Olsen", "Published March 4, 2025"):
        assert kinds[k].boilerplate


def test_blank_lines_and_edge_cases() -> None:
    for text in ("", "\n", "\n\n\n", "One line only without a newline", "  \n\t\n"):
        doc, labels = _labels(text)
        assert len(labels) == len(text.split("\n"))
    _, labels = _labels("\n" + PAGE + "\n\n")
    assert labels[0].kind == "blank" and not labels[0].boilerplate
    assert labels[-1].kind == "blank"


def test_line_in_another_script_is_flagged() -> None:
    text = "\n".join([*ARTICLE, "Подпишитесь на наш канал и читайте новости первыми", *ARTICLE[:2]])
    _, labels = _labels(text)
    assert labels[len(ARTICLE)].boilerplate


def test_plain_article_is_mostly_content() -> None:
    text = "\n".join(ARTICLE)
    _, labels = _labels(text)
    assert sum(not lab.boilerplate for lab in labels) >= len(ARTICLE) - 1


def test_rules_alone_when_no_model_ships(monkeypatch) -> None:
    import reporter.signals.boilerplate as bp

    monkeypatch.setattr(bp, "load_model", lambda: None)
    _, labels = _labels(PAGE)
    by_text = {PAGE[lab.start:lab.end]: lab for lab in labels}
    assert len(labels) == len(PAGE.split("\n"))
    assert by_text["Leave a comment"].boilerplate
    assert not by_text[ARTICLE[0]].boilerplate


def test_tiny_text_keeps_its_sentences() -> None:
    text = "Opinion\n\nThe bridge should have been repaired years ago, and everyone knew it.\n"
    _, labels = _labels(text)
    assert not labels[2].boilerplate
    assert labels[0].boilerplate


def test_crumb_trail_ending_in_the_headline_is_not_the_title() -> None:
    text = "\n".join(["Home News Local Harbour breakwater to open early", "Harbour breakwater to open early",
                  *ARTICLE])
    _, labels = _labels(text)
    titles = [text[lab.start:lab.end] for lab in labels if lab.kind == "title"]
    assert titles == ["Harbour breakwater to open early"]


def test_a_phrase_repeated_along_one_line_is_a_banner():
    banner = " ".join(["Report a fake story here, click now!"] * 6)
    body = [
        "The city council voted on Tuesday to close two public libraries, citing a budget gap of 4 million euros.",
        "Residents who spoke at the meeting said the branches were the only quiet places to study in the district.",
        "The mayor said the decision would be reviewed next year if tax income recovers as forecast.",
        "Opposition members called for a referendum and said they would collect signatures this month.",
    ]
    text = "\n".join([banner, "", *body])
    lines = label_lines(Document(id="b", text=text), segment(text))
    assert lines[0].boilerplate and lines[0].reason == "repeated banner"
    assert not any(ln.boilerplate for ln in lines[2:])


def _meta(text: str) -> dict[str, str]:
    from reporter.signals.boilerplate import metadata_values

    doc, labels = _labels(text)
    return metadata_values(text, labels)


def test_question_title_and_bare_name_byline_after_a_section_tag() -> None:
    text = "\n".join(["#Opinion / Tomasz Wierzbicki", "", "Will the harbour ever pay for itself?", "", *ARTICLE])
    meta = _meta(text)
    assert meta["title"] == "Will the harbour ever pay for itself?"
    assert meta["byline"] == "Tomasz Wierzbicki"
    _, labels = _labels(text)
    assert labels[0].kind == "byline" and labels[0].boilerplate
    assert not any(lab.boilerplate for lab in labels[4:])


def test_name_line_under_the_headline_is_the_byline() -> None:
    text = "\n".join(["Harbour breakwater to open two months early", "Ana María de la Fuente", *ARTICLE])
    meta = _meta(text)
    assert meta == {"title": "Harbour breakwater to open two months early", "byline": "Ana María de la Fuente"}


def test_headline_repeated_with_its_author_is_header_not_article() -> None:
    head = "Harbour breakwater to open two months early"
    text = "\n".join(["Home » " + head, "", head, "", head + " Ana Lindqvist", "", *ARTICLE])
    meta = _meta(text)
    assert meta == {"title": head, "byline": "Ana Lindqvist"}
    _, labels = _labels(text)
    assert labels[4].kind == "title" and labels[4].boilerplate
    # the same headline with another dash is the same headline, and gives no byline
    text = "\n".join([head + " – Gazette", "", ARTICLE[0], "", head + " - Gazette", *ARTICLE[1:]])
    _, labels = _labels(text)
    assert labels[4].kind == "title" and "byline" not in _meta(text)
    # a line that starts with the headline and goes on as a sentence is article text
    text = "\n".join([head, "", head + " and the port says the work came in under budget this spring.", *ARTICLE])
    _, labels = _labels(text)
    assert labels[2].kind != "title"


def test_datelines_in_several_formats() -> None:
    for line, value in [
        ("Posted on March 4, 2025", "March 4, 2025"),
        ("Updated: 04/03/2025 14:20", "04/03/2025"),
        ("Last updated 2025-03-04T09:15", "2025-03-04T09:15"),
        ("Tuesday 4th March 2025", "4th March 2025"),
        ("3 hours ago", "3 hours ago"),
        ("By Maria Olsen | Published 4 March 2025", "4 March 2025"),
    ]:
        text = "\n".join(["Harbour breakwater to open two months early", line, *ARTICLE])
        meta = _meta(text)
        assert meta.get("date", "").startswith(value), (line, meta)
        assert meta["title"] == "Harbour breakwater to open two months early", line


def test_byline_and_date_on_one_line_are_split() -> None:
    text = "\n".join(["Harbour breakwater to open two months early",
                      "By Maria Olsen · Harbour reporter · Updated March 4, 2025", *ARTICLE])
    meta = _meta(text)
    assert meta["byline"] == "Maria Olsen"
    assert meta["date"] == "March 4, 2025"


def test_a_sentence_with_a_date_or_a_name_is_not_metadata() -> None:
    text = "\n".join(["Harbour breakwater to open two months early",
                      "The harbour authority said on March 4, 2025 that the work was finished early.", *ARTICLE])
    meta = _meta(text)
    assert "date" not in meta and "byline" not in meta
    # a page of running text only: no title is invented from a sentence
    assert _meta("\n".join(ARTICLE)) == {}


def test_pipeline_copies_clean_metadata_but_keeps_given_fields() -> None:
    from reporter.pipeline import analyze_document

    text = "\n".join(["Harbour breakwater to open two months early", "By Maria Olsen", "Published March 4, 2025",
                      *ARTICLE])
    a = analyze_document(Document(id="m", text=text))
    assert (a.document.title, a.document.byline, a.document.date) == (
        "Harbour breakwater to open two months early", "Maria Olsen", "March 4, 2025")
    b = analyze_document(Document(id="n", text=text, byline="Desk"))
    assert b.document.byline == "Desk"


def test_confidence_rounding_is_numpys() -> None:
    """Line confidences are rounded one float at a time, exactly as np.round(x, 3) would (half to even)."""
    import numpy as np

    from reporter.signals.boilerplate import _round3

    xs = np.concatenate((np.random.default_rng(2).random(5000), [0.0, 1.0, 0.0005, 0.0015, 0.0025, 0.9995, 0.4125]))
    assert [_round3(x) for x in xs.tolist()] == np.round(xs, 3).tolist()


def test_an_outlet_name_after_the_headline_moves_to_source():
    from reporter.signals.boilerplate import _outlet_suffix

    body = ("\n\nCity council raises water rates for the third time this year\n\nThe council voted 7-2 on Tuesday "
            "to raise rates, Coast Gazette reporters learned.\n")
    title = "City council raises water rates for the third time this year – Coast Gazette"
    assert _outlet_suffix(title, title + body) == (title[:-len(" – Coast Gazette")], "Coast Gazette")
    # not named again in the text: a headline's own ending, kept
    assert _outlet_suffix("Talks stall over the budget - Again", "Talks stall over the budget - Again\n\nNo deal.\n") \
        == ("Talks stall over the budget - Again", None)
    # a place is a topic, not an outlet, even when the text names it
    ukraine = "Live updates on the talks – Ukraine"
    assert _outlet_suffix(ukraine, ukraine + "\n\nUkraine said on Monday it would attend.\n")[1] is None
    # a lower-case ending is no name
    story = "Rates rise again - here is why"
    assert _outlet_suffix(story, story + "\n\nhere is why rates rise.\n")[1] is None


def test_lines_kept_by_segment_give_the_same_labels() -> None:
    """label_lines reads the lines segment kept (``Segmented.line_texts``) when the Segmented is of this very text,
    and cuts the text itself otherwise: the labels are the same."""
    from reporter.text.segment import Segmented

    seg = segment(PAGE)
    assert seg.line_texts is not None
    plain = Segmented(text=PAGE, lines=seg.lines, paragraphs=seg.paragraphs, sentences=seg.sentences)
    doc = Document(id="p", text=PAGE)
    assert label_lines(doc, seg) == label_lines(doc, plain)
