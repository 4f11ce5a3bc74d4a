"""scores.boilerplate: the share of words that are chrome, reasons counted, metadata apart."""
from __future__ import annotations

from reporter.model import Analysis, Document, LineLabel
from reporter.scoring.boilerplate import score


def _analysis(rows: list[tuple[str, bool, str | None, str]]) -> Analysis:
    text = "\n".join(r[0] for r in rows)
    lines = []
    pos = 0
    for t, bp, reason, kind in rows:
        lines.append(LineLabel(pos, pos + len(t), bp, reason, kind))
        pos += len(t) + 1
    return Analysis(document=Document(id="s", text=text), lines=lines)


def test_share_is_weighted_by_words_and_reasons_are_counted() -> None:
    a = _analysis([
        ("Menu", True, "menu", "boilerplate"),
        ("Sign in", True, "account", "boilerplate"),
        ("The mayor opened the new library on Saturday morning with a short speech.", False, None, "content"),
        ("© 2025 Town Paper", True, "copyright line", "boilerplate"),
    ])
    s = score(a)
    total = 1 + 2 + 13 + 4
    assert abs(s.value - 100 * 7 / total) < 1e-6
    assert s.details["reasons"] == {"menu": 1, "account": 1, "copyright line": 1}
    assert len(s.evidence) == 3
    assert "copyright line" in s.reason or "menu" in s.reason


def test_metadata_lines_are_not_chrome() -> None:
    a = _analysis([
        ("Library opens after two years of work", True, "title", "title"),
        ("By Ana Reyes", True, "byline", "byline"),
        ("The mayor opened the new library on Saturday morning with a short speech.", False, None, "content"),
    ])
    s = score(a)
    assert s.value == 0.0
    assert s.details["metadata"]["byline"] == "By Ana Reyes"


def test_empty_page_scores_zero() -> None:
    s = score(_analysis([("", False, None, "blank")]))
    assert s.value == 0.0 and s.evidence == []


def test_evidence_is_capped_to_the_largest_lines() -> None:
    from reporter.scoring.boilerplate import MAX_EVIDENCE

    rows = [("The council met on Monday to discuss the harbour and the new ferry timetable for winter.",
             False, None, "content")]
    rows += [(f"Menu item {'word ' * (k % 7)}", True, "menu", "boilerplate") for k in range(MAX_EVIDENCE + 20)]
    s = score(_analysis(rows))
    assert len(s.evidence) == MAX_EVIDENCE
    assert s.details["lines"] == MAX_EVIDENCE + 20
    assert [e.start for e in s.evidence] == sorted(e.start for e in s.evidence)


def test_blocks_removed_from_html_count_as_chrome_with_reasons() -> None:
    a = _analysis([
        ("Library opens after two years of work", True, "title", "title"),
        ("The mayor opened the new library on Saturday morning with a short speech.", False, None, "content"),
    ])
    a.document.removed = ["We use cookies to improve your experience on this site", "Weather Sport Traffic"]
    s = score(a)
    assert s.details["lines"] == 0 and s.details["html_removed_words"] == 10 + 3
    assert s.details["html_removed_reasons"] == ["removed from the HTML page: cookie or legal",
                                                 "removed from the HTML page: not the main content"]
    total = 7 + 13 + 13
    assert abs(s.value - 100 * 13 / total) < 1e-6
    assert "2 blocks removed from the HTML" in s.reason
    assert {e.text for e in s.evidence} == set(a.document.removed) and all(e.start is None for e in s.evidence)
