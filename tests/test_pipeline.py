import json

import reporter
from reporter.serialize import to_dict


def test_analyze_text_returns_spans_inside_text():
    text = ("The regime slammed its critics on Tuesday.\n\n"
            "\u201cWe will not back down,\u201d said Interior Minister Anna Kovacs.\n")
    a = reporter.analyze(text)
    assert a.document.text == text
    for s in a.loaded:
        assert text[s.start:s.end] == s.text
    assert {s.text.lower() for s in a.loaded} >= {"regime", "slammed"}
    assert len(a.lines) == len(text.split("\n"))


def test_contract_fields(seed_paths):
    d = to_dict(reporter.analyze(seed_paths[0]))
    json.dumps(d)
    assert d["text"] == seed_paths[0].read_text(encoding="utf-8")
    assert len(d["boilerplate"]["lines"]) == len(d["text"].split("\n"))
    for k in ("loaded_language", "credibility", "attribution", "boilerplate"):
        assert 0 <= d["scores"][k] <= 100
    for q in d["attribution"]["quotes"]:
        assert q["content"]["start"] < q["content"]["end"]


def test_word_counts_match_a_plain_tokenisation():
    """The whole-text count is built from the article's and the other sentences'; it must equal a direct count."""
    from reporter.text import word_count

    text = ("Home | News | Sport\n\nCouncil backs new bus lanes\n\nBy Jane Ortiz\n\n"
            "The council voted on Tuesday to add bus lanes on the ring road. “It’s overdue,” said Ann Lee.\n\n"
            "Work starts in May... Drivers' groups were not asked.\n\nSubscribe to our newsletter! © 2024 Daily Post")
    a = reporter.analyze(text)
    assert a.stats["words"] == word_count(text)
    assert 0 < a.stats["article_words"] < a.stats["words"]
