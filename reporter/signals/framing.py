"""Framing: which of the Media Frames Corpus dimensions a story leans on.

First version: empty. Issue 7 builds it.
"""
from __future__ import annotations

from typing import Any

from reporter.signals.view import ArticleView


def find_frames(view: ArticleView) -> dict[str, Any]:
    return {"frames": [], "dominant": [], "terms": []}
