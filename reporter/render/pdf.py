"""HTML (jinja2) to PDF (weasyprint) for dossiers, briefings and handouts.

Article text is untrusted: templates autoescape everything, and weasyprint's
URL fetcher only serves files shipped in ``reporter.templates``, so a document
can never make rendering touch the network or the file system.

Every PDF is tagged (PDF/UA-1), carries its language and title, embeds the
fonts shipped in ``templates/fonts`` and is byte-for-byte reproducible: the
only date written is the one ``SOURCE_DATE_EPOCH`` gives.
"""
from __future__ import annotations

import atexit
import base64
import datetime as dt
import math
import os
from functools import cache, partial
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jinja2

from reporter.fileio import write_atomic

TEMPLATES = resources.files("reporter.templates")
PAGE_SIZES = {"A4": "A4", "Letter": "letter"}
PDF_VARIANT = "pdf/ua-1"


class FetchRefused(ValueError):
    """A URL outside the package's templates was asked for while rendering."""


def safe_fetcher(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """Serve only files inside the shipped templates folder; refuse everything else."""
    root = Path(str(TEMPLATES)).resolve()
    if url.startswith("file://"):
        path = Path(unquote(url[len("file://"):].split("?")[0])).resolve()
        if path.is_file() and root in path.parents:
            return {"string": path.read_bytes(), "mime_type": _mime(path)}
    raise FetchRefused(f"refused to fetch {url[:80]!r} while rendering")


@cache
def fetcher() -> Any:
    """weasyprint (>= 68) wants a URLFetcher object; this one only wraps ``safe_fetcher``."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:image/svg+xml;base64,"):  # our own charts: no I/O at all
                return URLFetcherResponse(url, base64.b64decode(url.split(",", 1)[1]),
                                          {"Content-Type": "image/svg+xml"})
            got = safe_fetcher(url)
            return URLFetcherResponse(url, got["string"], {"Content-Type": got["mime_type"]})

    return SafeFetcher(allowed_protocols={"file", "data"})


def _mime(path: Path) -> str:
    return {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".ttf": "font/ttf",
            ".otf": "font/otf", ".woff2": "font/woff2"}.get(path.suffix.lower(), "application/octet-stream")


def source_date() -> str | None:
    """The ISO date SOURCE_DATE_EPOCH names, or None: reproducible builds never write the clock."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(raw), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["n0"] = partial(_number, digits=0)
    env.filters["n1"] = partial(_number, digits=1)
    env.filters["sq"] = _squash
    env.filters["sup"] = _superscript
    env.globals["source_date"] = source_date
    return env


def _number(x: Any, digits: int) -> str:
    """A number with ``digits`` decimals, or a dash when missing (never 'nan').

    Whole numbers are rounded from the one-decimal value the JSON and the scores table store, half up: a
    raw 57.46 is 57.5 there, so it must read 58 in the dossier as in the briefing, not 57 in one and 58
    in the other (and Python's half-to-even would print 56.5 as 56).
    """
    try:
        v = float(x)
    except (TypeError, ValueError):
        return "–"
    if v != v:
        return "–"
    if digits == 0:
        return str(math.floor(round(v, 1) + 0.5))
    return f"{v:.{digits}f}"


def whole(x: Any) -> str:
    """``x`` as the PDFs print a whole number (see ``_number``)."""
    return _number(x, 0)


def _squash(x: Any) -> str:
    """Whitespace runs to one space: list rows keep spaces as typed (white-space: pre-wrap, for the tab stop)."""
    return " ".join(str(x).split())


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _superscript(n: Any) -> str:
    """A note number as superscript digits (both shipped fonts have them): plain text, not a <sup> box."""
    return str(n).translate(_SUPERSCRIPT)


def render_html(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@cache
def _font_config() -> Any:
    from weasyprint.text.fonts import FontConfiguration

    atexit.register(_release)  # free it while modules still exist, not during interpreter teardown
    return FontConfiguration()


def _release() -> None:
    stylesheets.cache_clear()
    _font_config.cache_clear()


@cache
def stylesheets(page_size: str = "A4") -> tuple[Any, ...]:
    """The shared stylesheet plus the page size, parsed once per run (fonts load once)."""
    from weasyprint import CSS

    size = {k.lower(): v for k, v in PAGE_SIZES.items()}.get(str(page_size).lower())
    if size is None:
        raise ValueError(f"page size must be one of {', '.join(PAGE_SIZES)}, not {page_size!r}")
    fc = _font_config()
    base = str(TEMPLATES) + "/"
    css = CSS(string=(TEMPLATES / "style.css").read_text(encoding="utf-8"), font_config=fc,
              base_url=base, url_fetcher=fetcher())
    page = CSS(string=f"@page {{ size: {size}; }}", font_config=fc, base_url=base, url_fetcher=fetcher())
    return css, page


def _fonts_and_css() -> tuple[Any, Any]:
    """Kept for callers of the first version: (FontConfiguration, stylesheet)."""
    return _font_config(), stylesheets("A4")[0]


def html_to_pdf(html: str, page_size: str = "A4") -> bytes:
    """Tagged, reproducible PDF bytes for one HTML string."""
    from weasyprint import HTML

    doc = HTML(string=html, base_url=str(TEMPLATES) + "/", url_fetcher=fetcher())
    return doc.write_pdf(stylesheets=list(stylesheets(page_size)), font_config=_font_config(),
                         pdf_variant=PDF_VARIANT)


def write_pdf(path: str | os.PathLike[str], template: str, page_size: str = "A4", **context: Any) -> Path:
    return write_atomic(path, html_to_pdf(render_html(template, **context), page_size))
