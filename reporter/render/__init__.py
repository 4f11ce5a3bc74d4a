"""Render stage: dossiers, briefings and handouts as PDF."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from reporter.model import Analysis
from reporter.render.pdf import render_html, write_pdf


def render_dossier(a: Analysis, path: str | os.PathLike[str], percentiles: dict[str, float] | None = None) -> Path:
    """One document's dossier PDF."""
    return write_pdf(path, "dossier.html", a=a, pct=percentiles or {})


def render_briefing(df: pd.DataFrame, analyses: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    """The corpus briefing PDF comparing documents."""
    return write_pdf(path, "briefing.html", df=df, analyses=analyses)


__all__ = ["render_briefing", "render_dossier", "render_html", "write_pdf"]
