"""The analysis pipeline: ingest -> text -> signals -> scoring, for one document."""
from __future__ import annotations

import os
from pathlib import Path

from reporter.ingest import IngestError, read_path
from reporter.model import Analysis, Document, LineLabel
from reporter.scoring import score_all
from reporter.signals import attribution, boilerplate, framing, loaded, readability
from reporter.signals.view import ArticleView, make_view
from reporter.text import segment


def analyze_document(doc: Document, site_chrome: dict[str, int] | None = None) -> Analysis:
    """Run every signal over one document and score it.

    ``site_chrome`` (else ``doc.site_chrome``): lines the document's site repeats on other pages, as found by
    ``reporter.corpus.chrome``; they are marked as boilerplate.
    """
    seg = segment(doc.text)
    lines = boilerplate.label_lines(doc, seg)
    chrome = site_chrome if site_chrome is not None else doc.site_chrome
    if chrome:
        from reporter.corpus.chrome import mark_site_chrome  # imported here: reporter.corpus pulls in pandas

        lines = mark_site_chrome(doc, lines, chrome)
    _fill_metadata(doc, lines)
    view = make_view(doc, seg, lines)
    quotes, claims = attribution.find_quotes(view)
    spans = loaded.find_loaded(view, quotes)
    article = view.content_text()
    article_words, other_words = _word_counts(view)
    a = Analysis(
        document=doc, lines=lines, loaded=spans, quotes=quotes, unattributed=claims,
        readability=readability.measure(article), framing=framing.find_frames(view),
        stats={"words": article_words + other_words, "article_words": article_words,
               "sentences": len(view.sentences), "lines": len(lines)},
    )
    score_all(a)
    return a


def _word_counts(view: ArticleView) -> tuple[int, int]:
    """``word_count`` of the article text and of the rest of the text (``ArticleView.word_counts``: the whole
    text's words counted once, less those starting in the sentences the view dropped)."""
    return view.word_counts()


def _fill_metadata(doc: Document, lines: list[LineLabel]) -> None:
    """Title, byline and dateline lines found by the boilerplate stage become metadata ("By" and "Updated" cut)."""
    for kind, value in boilerplate.metadata_values(doc.text, lines).items():
        if getattr(doc, kind) is None:
            setattr(doc, kind, value)


def analyze(text_or_path: str | os.PathLike[str] | Document, doc_id: str | None = None) -> Analysis:
    """Analyse a text, a path to a file, or a Document; the public one-call API.

    A string that names an existing file is read as that file; any other
    string is taken as the article text itself.
    """
    if isinstance(text_or_path, Document):
        return analyze_document(text_or_path)
    if isinstance(text_or_path, os.PathLike) or (
        isinstance(text_or_path, str) and "\n" not in text_or_path and len(text_or_path) < 4096
        and _is_file(text_or_path)
    ):
        for item in read_path(text_or_path):
            if isinstance(item, IngestError):
                raise item
            return analyze_document(item)
        raise IngestError(text_or_path, "no document in file")
    return analyze_document(Document(id=doc_id or "text", text=str(text_or_path)))


def _is_file(s: str) -> bool:
    """Whether a short string names a file; text that is no valid path (too long, NUL) is just text."""
    try:
        return Path(s).is_file()
    except (OSError, ValueError):
        return False
