import json

import pytest

import reporter
from reporter import serialize
from reporter.model import Claim, Evidence, LineLabel, LoadedSpan, Quote, Span, Speaker

ARTICLE = """Port strike enters its third day

By Lena Berg
Published: 4 May 2023

ROTTERDAM (AP) - Dock workers kept the container terminals closed on Thursday, the union said, after talks \
with the port authority broke down over night-shift pay.

"We will not go back for less than we were promised," said Joost de Vries, a union spokesman. The port \
authority did not immediately respond to a request for comment.

Shipping analysts said the backlog could cost the economy about 40 million euros a day. Officials, who asked \
not to be named, said the army might be called in. The union called the outrageous offer a disgraceful insult.
"""


def _reference(a):
    """What ``reporter analyze`` wrote before orjson: the contract's bytes."""
    return json.dumps(serialize.to_dict(a), ensure_ascii=False, separators=(",", ":"))


def test_fast_encoding_is_byte_identical_to_json():
    a = reporter.analyze(ARTICLE)
    assert a.quotes and a.loaded and a.lines and a.scores
    assert serialize.to_json(a) == _reference(a)
    assert serialize.to_bytes(a) == _reference(a).encode("utf-8")


def test_record_conversion_matches_to_dict_on_real_analyses(seed_paths):
    assert serialize.native_ok()
    for p in seed_paths:
        a = reporter.analyze(p)
        ref = serialize.to_dict(a)
        assert serialize._tree(a) == ref
        # the reference is the records' own to_dict, record by record
        assert ref["explanations"] == {k: v.to_dict() for k, v in a.scores.items()}
        assert ref["attribution"]["quotes"] == [q.to_dict() for q in a.quotes]
        assert ref["boilerplate"]["lines"] == [ln.to_dict() for ln in a.lines]
        assert serialize.to_bytes(a) == _reference(a).encode("utf-8")


def test_every_record_field_reaches_the_json():
    # A record whose to_dict were not all its fields in order would make the fast path wrong: it is checked.
    span = Span(1, 2, "x")
    speaker = Speaker(3, 4, "Ana Costa", "named_person", "she", {"start": 0, "end": 3, "text": "Ana", "how": "surname"})
    for rec in (LineLabel(0, 5, True, "menu", "boilerplate", 0.25), LoadedSpan(1, 2, "x", "c", 2.0, "n", "y", "quoted"),
                Claim(1, 2, "x", "r"), Evidence("why", 1, 2, "x"), speaker):
        assert serialize.converters()[type(rec)]([rec]) == [rec.to_dict()]
    quote = Quote(span, Span(5, 9, "said"), speaker, "direct", ["Reuters"])
    assert json.dumps(serialize._quote(quote)) == json.dumps(quote.to_dict())


@pytest.mark.parametrize("value", [1e-05, -6.1e-05, 1e-07, 2.5e-300])
def test_small_floats_keep_json_spelling(value):
    a = reporter.analyze(ARTICLE)
    a.readability["tiny"] = value  # orjson would write 0.00001 / 1e-7 where json writes 1e-05 / 1e-07
    assert serialize.to_json(a) == _reference(a)


def test_what_orjson_refuses_goes_through_json():
    a = reporter.analyze(ARTICLE)
    a.readability[3] = "an int key"  # json makes it "3"; orjson refuses
    a.readability["big"] = 2 ** 70
    assert serialize.to_json(a) == _reference(a)
    b = reporter.analyze("Bad byte \udcff in the text, the mayor said.\n")
    assert "\udcff" in serialize.to_json(b)  # a lone surrogate: json writes it as before
    with pytest.raises(UnicodeEncodeError):
        serialize.to_bytes(b)


def test_nan_is_the_documented_difference():
    a = reporter.analyze(ARTICLE)
    a.readability["undefined"] = float("nan")
    assert '"undefined":null' in serialize.to_json(a)
    assert '"undefined":NaN' in _reference(a)
