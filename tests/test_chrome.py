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
        labels.append(LineLabel(pos, pos + len(p), False, None, "byline" if k == 0 else "content"))
        pos += len(p) + 1
    chrome = frozenset({normalise(parts[0]), normalise(parts[2])})
    out = mark_site_chrome(doc, labels, chrome)
    assert out[0].kind == "byline" and not out[0].boilerplate  # one writer signs many pages
    labels[0] = LineLabel(labels[0].start, labels[0].end, True, "title", "title")
    assert mark_site_chrome(doc, labels, chrome)[0].reason == REASON  # a "title" on every page is the site's name
    assert not out[1].boilerplate
    assert out[2].boilerplate and out[2].reason == REASON
    assert mark_site_chrome(doc, labels, None) is labels


def _site_page(i: int, site: str = "valley") -> Document:
    topics = ["bridge", "library", "ferry", "school", "harbour", "market", "station", "museum", "park", "road"]
    a, b = topics[i % 10], topics[(i // 10 + i + 3) % 10]
    body = [f"Story: the council met and discussed the {a} and the {b} of the old town at length ({i}).",
            f"Residents asked about the {b} near the {a}, and the answer took {i + 3} minutes to give."]
    text = "\n".join(["Valley Gazette", "Weather · Traffic · Sport", *body, "Subscribe to the Valley Gazette",
                      "The Valley Gazette has reported on the towns of the valley since 1921, and it still does.",
                      "© 2025 Valley Gazette"])
    return Document(id=f"{site}{i}", text=text, url=f"https://www.{site}.example/news/{i}")


def test_stream_learns_from_the_first_pages_and_keeps_order_within_a_source() -> None:
    from reporter.corpus.chrome import with_site_chrome

    docs = [_site_page(i) for i in range(30)]
    loose = Document(id="x", text="A page with no source at all.")
    out = list(with_site_chrome([*docs[:5], loose, "an ingest error", *docs[5:]], learn=10, hold=50))
    assert len(out) == 32 and "an ingest error" in out and loose in out
    pages = [d for d in out if isinstance(d, Document) and d.id.startswith("valley")]
    assert [d.id for d in pages] == [d.id for d in docs]
    assert loose.site_chrome is None
    for d in pages:
        assert d.site_chrome is not None
        assert d.site_chrome[normalise("Subscribe to the Valley Gazette")] == 10  # counted on the first ten
        assert not any("council" in ln or "residents" in ln for ln in d.site_chrome)


def test_stream_holds_at_most_hold_documents() -> None:
    from reporter.corpus.chrome import with_site_chrome

    read: list[str] = []

    def source():
        for i in range(40):
            read.append(f"s{i}")
            yield _site_page(i, site=f"s{i % 2}")

    for item in with_site_chrome(source(), learn=100, hold=5):
        # each document leaves the buffer at most hold + 1 documents after it was read
        assert len(read) - read.index(f"s{int(item.id[2:])}") <= 6
    assert len(read) == 40


def test_pipeline_marks_site_chrome_with_the_page_count() -> None:
    from reporter.pipeline import analyze_document

    doc = _site_page(3)
    chrome = find_site_chrome([_site_page(i) for i in range(6)])["valley.example"]
    a = analyze_document(doc, site_chrome=chrome)
    by_text = {doc.text[ln.start:ln.end]: ln for ln in a.lines}
    assert by_text["Subscribe to the Valley Gazette"].boilerplate
    assert by_text["Weather · Traffic · Sport"].boilerplate
    motto = "The Valley Gazette has reported on the towns of the valley since 1921, and it still does."
    assert by_text[motto].reason == "repeated across 6 pages of this site"
    assert not any(ln.boilerplate for t, ln in by_text.items() if t.startswith(("Story", "Residents")))


def test_copies_of_one_article_are_not_chrome() -> None:
    same = [Document(id=f"c{i}", text="One article\nThe same text syndicated three times over.", source="wire")
            for i in range(4)]
    assert find_site_chrome(same) == {}
    doc = same[0]
    labels = [LineLabel(0, 11, False), LineLabel(12, len(doc.text), False)]
    chrome = {normalise("One article"): 4, normalise("The same text syndicated three times over."): 4}
    assert mark_site_chrome(doc, labels, chrome) is labels  # all of it would be chrome: a copy, left alone


def test_corpus_run_marks_site_chrome_end_to_end(tmp_path) -> None:
    import json

    from reporter.batch import run_corpus

    corpus = tmp_path / "pages.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(5):
            d = _site_page(i)
            f.write(json.dumps({"id": d.id, "text": d.text, "url": d.url}) + "\n")
        f.write(json.dumps({"id": "lone", "text": _site_page(9).text}) + "\n")  # no url, no source: not compared
    out = tmp_path / "json"
    run = run_corpus([corpus], json_dir=out, progress=False)
    assert run.ok == 6 and not run.failed
    reasons = [ln.get("reason") for ln in json.loads((out / "valley2.json").read_text())["boilerplate"]["lines"]]
    assert "repeated across 5 pages of this site" in reasons
    lone = [ln.get("reason") for ln in json.loads((out / "lone.json").read_text())["boilerplate"]["lines"]]
    assert not any(r and r.startswith("repeated across") for r in lone)
