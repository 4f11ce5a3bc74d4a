"""HTML input: what trafilatura leaves out of the article is kept, listed once, and counted as chrome with reasons."""
from __future__ import annotations

from pathlib import Path

import reporter

PAGE = """<html><head><title>Ferry service to resume in April</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<div class="banner">We use cookies to improve your experience. Accept all</div>
<article><h1>Ferry service to resume in April</h1>
<p>The island ferry will run again from the first week of April, the operator said on Monday, after the repairs
to its car deck took three months longer than planned because a spare part had to be made abroad.</p>
<p>Islanders have relied on a smaller passenger boat since December, and shop owners said deliveries of fresh food
had become irregular, with some shelves empty for days at a time during the January storms.</p>
<p>The operator said the timetable would be the same as last year and that tickets bought for the cancelled
sailings would be honoured until the end of the summer season.</p>
</article>
<aside><h3>You may also like</h3><ul><li><a href="/a">New cycle lanes approved</a></li></ul></aside>
<footer><p>&copy; 2025 Island Courier. All rights reserved.</p><a href="/privacy">Privacy Policy</a></footer>
</body></html>"""


def test_dropped_html_blocks_are_chrome_with_reasons(tmp_path: Path) -> None:
    p = tmp_path / "ferry.html"
    p.write_text(PAGE, encoding="utf-8")
    a = reporter.analyze(p)
    removed = a.document.removed
    assert "Home News Sport" in removed and "Home" not in removed  # the menu once, not its links again
    assert any(r.startswith("© 2025 Island Courier") for r in removed)
    assert not any("ferry will run again" in r for r in removed)
    s = a.scores["boilerplate"]
    reasons = s.details["html_removed_reasons"]
    assert len(reasons) == len(removed)
    assert "removed from the HTML page: cookie or legal" in reasons
    assert "removed from the HTML page: related links" in reasons
    assert 5 < s.value < 60 and "removed from the HTML" in s.reason
    assert not any(ln.boilerplate and ln.kind == "boilerplate" for ln in a.lines)  # the article text is clean
