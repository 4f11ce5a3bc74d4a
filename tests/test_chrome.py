"""Site chrome: lines repeated across pages of one source."""
from __future__ import annotations

from reporter.corpus.chrome import REASON, find_site_chrome, mark_site_chrome, normalise
from reporter.model import Document, LineLabel


def _doc(i: int, body: str, source: str = "gazette") -> Document:
    text = f"Weather and traffic for the valley\n{body}\n© 202{i} Valley Gazette"
    return Document(id=f"d{i}", text=text, source=source)


def test_repeated_lines_are_found_per_source() -> None:
    bodies = ["The new bridge opened on Friday.", "Engineers inspected the bridge again.",
              "Traffic on the bridge doubled in a week.", "The bridge will close for repairs in May."]
    docs = [_doc(i, body) for i, body in enumerate(bodies)]
    docs.append(_doc(9, "Weather and traffic for the valley", source="other"))
    chrome = find_site_chrome(docs)
    assert normalise("Weather and traffic for the valley") in chrome["gazette"]
    assert normalise("© 2021 Valley Gazette") in chrome["gazette"]  # years are folded
    assert not any("bridge" in ln for ln in chrome["gazette"])
    assert "other" not in chrome  # one page cannot show a pattern


def test_mark_site_chrome_keeps_metadata() -> None:
    doc = _doc(1, "The bridge opened on Friday after two years of work.")
    parts = doc.text.split("\n")
    labels, pos = [], 0
    for k, p in enumerate(parts):
        labels.append(LineLabel(pos, pos + len(p), False, None, "title" if k == 0 else "content"))
        pos += len(p) + 1
    chrome = frozenset({normalise(parts[0]), normalise(parts[2])})
    out = mark_site_chrome(doc, labels, chrome)
    assert out[0].kind == "title" and not out[0].boilerplate
    assert not out[1].boilerplate
    assert out[2].boilerplate and out[2].reason == REASON
    assert mark_site_chrome(doc, labels, None) is labels
