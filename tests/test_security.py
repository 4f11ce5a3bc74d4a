"""Hostile documents cannot reach outside the run, change the dossier, or make output non-reproducible.

A Python audit hook records every file opened and every socket used while an
article is ingested or rendered; a canary file referenced by the payloads must
never be opened and no connection may ever be attempted.
"""
from __future__ import annotations

import base64
import re
import sys
from pathlib import Path

import lxml.html
import pytest

import reporter
from reporter.ingest import read_path
from reporter.model import Document
from reporter.render import pdf as pdfmod

TEMPLATES = Path(str(pdfmod.TEMPLATES)).resolve()

_events: list[tuple[str, str]] | None = None


def _hook(event: str, args: tuple) -> None:
    if _events is None:
        return
    if event == "open" and args and isinstance(args[0], (str, bytes)):
        p = args[0].decode("utf-8", "replace") if isinstance(args[0], bytes) else args[0]
        _events.append(("open", p))
    elif event.startswith(("socket.", "urllib.")) or event in ("http.client.connect",):
        _events.append((event, repr(args)[:200]))


sys.addaudithook(_hook)  # audit hooks cannot be removed; this one is idle unless a test is recording


# Reaching out: a connection, a name lookup or a URL request (a local bind to probe IPv6 support is not one).
NET_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto", "socket.sendmsg",
              "urllib.Request", "http.client.connect"}


class Recorder:
    def __enter__(self) -> list[tuple[str, str]]:
        global _events
        _events = []
        return _events

    def __exit__(self, *exc: object) -> None:
        global _events
        _events = None


@pytest.fixture()
def canary(tmp_path) -> Path:
    p = tmp_path / "canary-secret.css"
    p.write_text("body { background: red } /* CANARY-7f3a */")
    return p


def payloads(canary: Path) -> list[str]:
    c = canary.as_uri()
    return [
        "<script>document.title='pwned'</script>",
        f'<iframe src="{c}"></iframe>',
        '<img src="http://127.0.0.1:9/track.png">',
        "<img src='file:///etc/passwd'>",
        f'<link rel="stylesheet" href="{c}">',
        f'<style>@import url("{c}"); body {{ display: none }}</style>',
        "</style><h1>INJECTED HEADING</h1><style>",
        "</p></td></tr></table><div class=\"injected\">breakout</div>",
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{c}"/></svg>',
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "{c}">]><svg>&xxe;</svg>',
        "{{ 7*7 }} {% raw %}jinja{% endraw %} ${7*7}",
        "javascript:alert(1) data:text/html;base64,PHNjcmlwdD4=",
    ]


def hostile_document(canary: Path) -> Document:
    evil = payloads(canary)
    lines = ["City hall <b>budget</b> vote delayed"]
    for i in range(0, len(evil), 4):  # three paragraphs: each payload in a quote and in the outlet's own voice
        chunk = " ".join(evil[i:i + 4])
        lines.append(f"\u201cWe will look into {chunk} tomorrow,\u201d said councillor Ann Brook. "
                     f"The regime slammed {chunk}.")
    text = "\n\n".join(lines) + "\n"
    return Document(id="hostile", text=text, title=evil[0] + evil[6], byline=evil[1], source=evil[4], url=evil[3],
                    date=evil[5], removed=evil[:4])


def benign_document() -> Document:
    text = ("City hall budget vote delayed\n\n"
            "\u201cWe will look into it tomorrow,\u201d said councillor Ann Brook. The regime slammed the plan.\n")
    return Document(id="benign", text=text, title="City hall budget vote delayed", byline="Staff", source="Paper")


INJECTABLE = ("script", "iframe", "link", "style", "object", "embed", "h1", "image", "form", "meta", "base")
CHART_SRC = "data:image/svg+xml;base64,"  # the render stage's own charts


def _structure(html: str) -> tuple[dict[str, int], list[str]]:
    """How many of each injectable element a rendered page has, and every URL-bearing attribute value.

    ``<img>`` elements may only be the render stage's own charts; their SVG is decoded and its URLs checked too.
    """
    tree = lxml.html.document_fromstring(html)
    counts = {t: sum(1 for el in tree.iter() if isinstance(el.tag, str) and el.tag.split("}")[-1] == t)
              for t in INJECTABLE}
    urls: list[str] = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for k, v in el.attrib.items():
            if k.split("}")[-1] not in ("src", "href", "data", "srcset", "action", "style"):
                continue
            if v.startswith(CHART_SRC):
                svg = base64.b64decode(v[len(CHART_SRC):]).decode("utf-8")
                assert "<!DOCTYPE" not in svg and "<!ENTITY" not in svg and "<image" not in svg, svg[:200]
                urls.extend(re.findall(r'(?:href|src)="([^"]*)"', svg))
            else:
                urls.append(v)
    counts["img (not a chart)"] = sum(1 for el in tree.iter("img") if not el.get("src", "").startswith(CHART_SRC))
    counts["class=injected"] = len(tree.find_class("injected"))
    return counts, urls


def _render(a) -> str:
    from reporter.render import dossier_html

    return dossier_html(a, {}, None)


def test_article_text_is_escaped_and_cannot_change_the_dossier(canary):
    hostile = reporter.analyze(hostile_document(canary))
    html = _render(hostile)
    base_counts, _ = _structure(_render(reporter.analyze(benign_document())))
    counts, urls = _structure(html)
    assert counts == base_counts
    assert not [u for u in urls if any(bad in u for bad in ("canary", "http:", "passwd", "javascript:", "data:"))]
    assert "&lt;script&gt;" in html  # shown as text
    assert "INJECTED HEADING" not in {el.text_content() for el in lxml.html.fromstring(html).iter("h1")}
    assert "<style>@import" not in html and "</style><h1>" not in html
    assert "49" not in html.split("{{ 7*7 }}")[0][-5:]  # jinja syntax in text is text, never evaluated
    assert "{{ 7*7 }}" in html


def test_rendering_a_hostile_article_fetches_nothing(canary, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = reporter.analyze(hostile_document(canary))
    html = _render(a)
    with Recorder() as events:
        data = pdfmod.html_to_pdf(html)
    assert data.startswith(b"%PDF")
    _assert_contained(events, canary)
    assert b"CANARY-7f3a" not in data


def test_fetcher_refuses_everything_outside_the_templates_even_in_raw_html(canary, tmp_path):
    """Defence in depth: should a template ever let markup through, weasyprint still cannot fetch it."""
    asked: list[tuple[str, bool]] = []
    real = pdfmod.safe_fetcher

    def spy(url, *args, **kw):
        try:
            got = real(url, *args, **kw)
        except pdfmod.FetchRefused:
            asked.append((url, False))
            raise
        asked.append((url, True))
        return got

    raw = "<html><body><p>Plain words.</p>" + "".join(payloads(canary)) + (
        f'<img src="{TEMPLATES.as_uri()}/../../../../etc/passwd">'
        f'<img src="file://{TEMPLATES}/%2e%2e/%2e%2e/etc/hostname">'
        f'<object data="{canary.as_uri()}"></object>'
        '<div style="background: url(http://127.0.0.1:9/bg.png)">x</div>'
        f'<img src="{CHART_SRC}{_evil_svg(canary)}">'
        "</body></html>")
    mp = pytest.MonkeyPatch()
    mp.setattr(pdfmod, "safe_fetcher", spy)
    try:
        with Recorder() as events:
            data = pdfmod.html_to_pdf(raw)
    finally:
        mp.undo()
    assert data.startswith(b"%PDF")
    _assert_contained(events, canary)
    assert b"CANARY-7f3a" not in data and b"root:x:0" not in data
    assert any("canary" in u and not ok for u, ok in asked), asked  # weasyprint did ask, and was refused
    for url, ok in asked:
        assert not ok or url.startswith("file://") and TEMPLATES.as_uri() in url and ".." not in url, url


def _evil_svg(canary: Path) -> str:
    """An SVG (as a chart-like data: URL) with an external entity, an <image> and a <use> pointing outside."""
    c = canary.as_uri()
    svg = (f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "{c}">]>'
           '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="10">'
           f'<text y="8">&xxe;</text><image href="{c}" width="10" height="10"/>'
           '<use xlink:href="http://127.0.0.1:9/sprite.svg#x"/></svg>')
    return base64.b64encode(svg.encode()).decode()


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x.png", "https://example.com/a.css", "ftp://example.com/f", "data:text/css,body{}",
    "file:///etc/passwd", "file://localhost/etc/passwd", "file:///etc/../etc/passwd",
])
def test_safe_fetcher_refuses_outside_urls(url):
    with pytest.raises(pdfmod.FetchRefused):
        pdfmod.safe_fetcher(url)


def test_safe_fetcher_refuses_traversal_and_symlinks_out_of_templates(tmp_path):
    with pytest.raises(pdfmod.FetchRefused):
        pdfmod.safe_fetcher(f"file://{TEMPLATES}/../setup.cfg")
    with pytest.raises(pdfmod.FetchRefused):
        pdfmod.safe_fetcher(f"file://{TEMPLATES}/%2e%2e/setup.cfg")
    assert pdfmod.safe_fetcher((TEMPLATES / "style.css").as_uri())["mime_type"] == "text/css"


def _assert_contained(events: list[tuple[str, str]], canary: Path) -> None:
    net = [e for e in events if e[0] in NET_EVENTS]
    assert not net, net
    opened = {Path(p).resolve() for kind, p in events if kind == "open" and p and not p.startswith("<")}
    assert canary.resolve() not in opened
    assert Path("/etc/passwd") not in opened and Path("/etc/hostname") not in opened


def test_input_html_is_parsed_never_rendered(tmp_path, canary):
    page = tmp_path / "page.html"
    c = canary.as_uri()
    page.write_text(
        f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{c}">]><html><head><title>Port deal signed</title>'
        f'<link rel="stylesheet" href="{c}"><style>@import url("{c}");</style>'
        "<script>document.write('SCRIPT-RAN')</script></head><body><article><h1>Port deal signed</h1>"
        + "<p>The harbour authority signed the lease on Friday, officials said. &xxe;</p>" * 4
        + f'<iframe src="{c}"></iframe><img src="http://127.0.0.1:9/pixel.gif">'
        f'<svg><image href="{c}"/></svg><p>\u201cIt is a good day,\u201d the director said.</p>'
        "</article></body></html>", encoding="utf-8")
    with Recorder() as events:
        (doc,) = read_path(page)
    opened = {Path(p).resolve() for kind, p in events if kind == "open" and p and not p.startswith("<")}
    assert canary.resolve() not in opened and not [e for e in events if e[0] in NET_EVENTS]
    assert "harbour authority signed" in doc.text
    assert "CANARY" not in doc.text and "SCRIPT-RAN" not in doc.text and "document.write" not in doc.text


def test_same_input_gives_the_same_json_and_pdf_bytes(monkeypatch, tmp_path):
    from reporter.render import render_dossier
    from reporter.serialize import to_json

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    doc = benign_document()
    a1, a2 = reporter.analyze(Document(**_fields(doc))), reporter.analyze(Document(**_fields(doc)))
    assert to_json(a1) == to_json(a2)
    p1 = render_dossier(a1, tmp_path / "one.pdf")
    p2 = render_dossier(a2, tmp_path / "two.pdf")
    assert p1.read_bytes() == p2.read_bytes()


def _fields(d: Document) -> dict:
    return {k: getattr(d, k) for k in Document.__slots__ if k != "removed"} | {"removed": list(d.removed)}


def test_entity_expansion_bombs_in_input_html_are_not_expanded(tmp_path):
    ents = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    page = tmp_path / "bomb.xhtml"
    page.write_text('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY l0 "lol">' + ents + "]><html><body><article>"
                    "<p>The mayor said the plan was sound, according to the council. &l9;</p>"
                    "<p>Officials confirmed the figures on Monday, the spokesman said.</p></article></body></html>",
                    encoding="utf-8")
    (doc,) = read_path(page)
    assert "mayor said the plan" in doc.text and "lollol" not in doc.text and len(doc.text) < 1000



def test_briefing_escapes_hostile_titles_too(canary):
    from reporter.corpus import frame, row
    from reporter.render import briefing_html

    hostile, benign = reporter.analyze(hostile_document(canary)), reporter.analyze(benign_document())
    html = briefing_html(frame([row(hostile), row(benign)]), {"hostile": hostile, "benign": benign})
    base, _ = _structure(briefing_html(frame([row(benign)]), {"benign": benign}))
    counts, urls = _structure(html)
    assert counts == base
    assert not [u for u in urls if any(bad in u for bad in ("canary", "http:", "passwd", "javascript:", "data:"))]
    assert "&lt;script&gt;" in html
