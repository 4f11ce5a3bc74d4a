"""Render stage: dossiers, briefings and handouts as tagged PDF."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from reporter.fileio import write_atomic
from reporter.model import Analysis
from reporter.render.pdf import PAGE_SIZES, html_to_pdf, render_html, write_pdf


def dossier_html(a: Analysis, percentiles: Mapping[str, float] | None = None,
                 corpus: pd.DataFrame | None = None) -> str:
    from reporter.render.dossier import dossier_context

    return render_html("dossier.html", **dossier_context(a, percentiles, corpus))


def render_dossier(a: Analysis, path: str | os.PathLike[str], percentiles: Mapping[str, float] | None = None,
                   corpus: pd.DataFrame | None = None, page_size: str = "A4") -> Path:
    """One document's dossier PDF; ``corpus`` (the run's table) adds the comparison chart."""
    return write_atomic(path, html_to_pdf(dossier_html(a, percentiles, corpus), page_size))


def briefing_html(df: pd.DataFrame, analyses: Mapping[str, Analysis]) -> str:
    from reporter.render.briefing import briefing_context

    return render_html("briefing.html", **briefing_context(df, analyses))


def render_briefing(df: pd.DataFrame, analyses: Mapping[str, Any], path: str | os.PathLike[str],
                    page_size: str = "A4") -> Path:
    """The corpus briefing PDF comparing documents."""
    return write_atomic(path, html_to_pdf(briefing_html(df, analyses), page_size))


def handout_html(a: Analysis, teacher: bool) -> str:
    from reporter.render.handout import handout_context

    return render_html("handout.html", **handout_context(a, teacher))


def render_handouts(a: Analysis, folder: str | os.PathLike[str], page_size: str = "A4") -> list[Path]:
    """Student and teacher handouts for one document: <id>-student.pdf and <id>-teacher.pdf."""
    out = []
    for who, teacher in (("student", False), ("teacher", True)):
        path = Path(folder) / f"{a.document.id}-{who}.pdf"
        out.append(write_atomic(path, html_to_pdf(handout_html(a, teacher), page_size)))
    return out


__all__ = ["PAGE_SIZES", "briefing_html", "dossier_html", "handout_html", "render_briefing", "render_dossier",
           "render_handouts", "render_html", "write_pdf"]
