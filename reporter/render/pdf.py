"""HTML (jinja2) to PDF (weasyprint) for dossiers and briefings.

Article text is untrusted: templates autoescape everything, and weasyprint's
URL fetcher only serves files shipped in ``reporter.templates``, so a document
can never make rendering touch the network or the file system.
"""
from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from reporter.fileio import write_atomic

TEMPLATES = resources.files("reporter.templates")


class FetchRefused(ValueError):
    """A URL outside the package's templates was asked for while rendering."""


def safe_fetcher(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """Serve only files inside the shipped templates folder; refuse everything else."""
    root = Path(str(TEMPLATES)).resolve()
    if url.startswith("file://"):
        path = Path(url[len("file://"):]).resolve()
        if path.is_file() and root in path.parents:
            return {"string": path.read_bytes(), "mime_type": _mime(path)}
    raise FetchRefused(f"refused to fetch {url[:80]!r} while rendering")


def _mime(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".ttf": "font/ttf",
            ".otf": "font/otf", ".woff2": "font/woff2"}.get(path.suffix.lower(), "application/octet-stream")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def render_html(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@cache
def _fonts_and_css() -> tuple[Any, Any]:
    """One FontConfiguration and stylesheet for the whole run (weasyprint needs both on write_pdf)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fc = FontConfiguration()
    css = CSS(string=(TEMPLATES / "style.css").read_text(encoding="utf-8"), font_config=fc,
              base_url=str(TEMPLATES) + "/", url_fetcher=safe_fetcher)
    return fc, css


def html_to_pdf(html: str, lang: str = "en") -> bytes:
    from weasyprint import HTML

    fc, css = _fonts_and_css()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    doc = HTML(string=html, base_url=str(TEMPLATES) + "/", url_fetcher=safe_fetcher)
    return doc.write_pdf(stylesheets=[css], font_config=fc)


def write_pdf(path: str | os.PathLike[str], template: str, **context: Any) -> Path:
    return write_atomic(path, html_to_pdf(render_html(template, **context)))
