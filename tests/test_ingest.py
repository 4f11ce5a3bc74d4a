"""Ingest on hostile and broken input: every bad file is one clear IngestError, every good one reads exactly."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reporter.ingest import IngestError, decode, expand, iter_documents, read_path, readers
from reporter.ingest.readers import UniqueIds, display_path, safe_id

ARTICLE = ("The council voted on Tuesday to close the riverside library.\n\n"
           "\u201cWe had no choice,\u201d said the treasurer, Maria Lindqvist.\n")


def read_one(path: Path) -> readers.Document | IngestError:
    items = list(read_path(path))
    assert len(items) == 1, items
    return items[0]


def error_of(path: Path) -> str:
    item = read_one(path)
    assert isinstance(item, IngestError), item
    assert str(path.name) in str(item) and "\n" not in str(item)
    return item.reason


# --- empty, binary, NUL -------------------------------------------------------------------------------------


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\t\r\n  ", "empty file (whitespace only)"),
    ("\ufeff \u00a0\n".encode("utf-16"), "empty file (whitespace only)"),
])
def test_empty_and_whitespace_files(tmp_path, data, reason):
    p = tmp_path / "blank.txt"
    p.write_bytes(data)
    assert error_of(p) == reason


@pytest.mark.parametrize("name, data", [
    ("report.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"),
    ("archive.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256))),
    ("blob.txt", os.urandom(0) + bytes((i * 37) % 256 for i in range(4000))),
])
def test_binary_files_are_refused(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data)
    assert "binary" in error_of(p)


def test_a_stray_nul_is_kept_exactly_but_nul_heavy_data_is_binary(tmp_path):
    stray = tmp_path / "stray.txt"
    stray.write_bytes(ARTICLE.encode() + b"\x00" + ARTICLE.encode())
    doc = read_one(stray)
    assert doc.text == ARTICLE + "\x00" + ARTICLE
    heavy = tmp_path / "heavy.txt"
    heavy.write_bytes(b"word\x00\x00\x01" * 500)
    assert "binary" in error_of(heavy)


def test_control_characters_beyond_whitespace_mean_binary(tmp_path):
    p = tmp_path / "ctl.txt"
    p.write_bytes(bytes([1, 2, 3, 4, 5, 6, 0x0E, 0x10, 0x7F]) * 300 + b" some words")
    assert "binary" in error_of(p)


# --- encodings ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, codec", [
    ("Мэр города заявил, что мост откроют в мае. «Мы справимся», — сказал он журналистам.\n", "cp1251"),
    ("Le maire a d\u00e9clar\u00e9 que le pont fran\u00e7ais rouvrira en mai, \u00e0 la surprise g\u00e9n\u00e9rale. "
     "\u00ab Nous y arriverons \u00bb, a-t-il ajout\u00e9.\n", "latin-1"),
])
def test_legacy_encodings_decode_to_the_original_text(tmp_path, text, codec):
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode(codec))
    assert read_one(p).text == text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, codec):
    p = tmp_path / "wide.txt"
    bom = {"utf-16-be": b"\xfe\xff"}.get(codec, b"")
    p.write_bytes(bom + ARTICLE.encode(codec))
    assert read_one(p).text == ARTICLE


def test_utf16_without_bom_is_recognised(tmp_path):
    p = tmp_path / "nobom.txt"
    p.write_bytes(ARTICLE.replace("\u201c", '"').replace("\u201d", '"').encode("utf-16-le"))
    assert read_one(p).text.startswith("The council voted")


def test_utf8_bom_stays_in_the_text_so_offsets_match_the_file(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    assert read_one(p).text == "\ufeff" + ARTICLE


def test_utf8_with_a_stray_windows_byte_keeps_its_utf8(tmp_path):
    body = "Caf\u00e9 owners in Z\u00fcrich said the na\u00efve plan would fail. " * 10
    p = tmp_path / "stray.txt"
    p.write_bytes(body.encode() + b"The mayor\x92s office disagreed.\n")
    doc = read_one(p)
    assert doc.text == body + "The mayor\u2019s office disagreed.\n"
    assert doc.encoding.startswith("utf-8")


def test_mixed_newlines_are_kept_exactly(tmp_path):
    raw = "Headline\r\nFirst paragraph.\rSecond paragraph.\nThird.\r\n\r\nEnd"
    p = tmp_path / "newlines.txt"
    p.write_bytes(raw.encode())
    assert read_one(p).text == raw


def test_rtl_emoji_and_controls_survive(tmp_path):
    raw = ("\u05d4\u05e9\u05e8 \u05d0\u05de\u05e8 \u05db\u05d9 \u05d4\u05ea\u05e7\u05e6\u05d9\u05d1 \u05d9\u05d0\u05d5"
           "\u05e9\u05e8. \u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064a\u0631 \U0001F4F0\U0001F1EB\U0001F1F7 "
           "\u202eevil\u202c zero\u200bwidth \x07bell \x1b[31mred\n")
    p = tmp_path / "rtl.txt"
    p.write_text(raw, encoding="utf-8")
    assert read_one(p).text == raw


# --- size limits ------------------------------------------------------------------------------------------------


def test_a_50_mb_file_fails_fast_without_being_read(tmp_path):
    assert readers.MAX_DOC_BYTES < 50 * 10**6, "REPORTER_MAX_BYTES is set above 50 MB in this environment"
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:  # a sparse 50 MB file: created instantly, never read
        f.truncate(50 * 10**6)
    t = time.perf_counter()
    reason = error_of(p)
    assert "too large" in reason and "REPORTER_MAX_BYTES" in reason
    assert time.perf_counter() - t < 1


def test_default_limit_admits_long_articles():
    assert readers.MAX_DOC_BYTES >= 8 * 2**20


def test_a_single_one_megabyte_line_reads_fast(tmp_path):
    line = ("The committee said the audit found no wrongdoing " * 21000)[:2**20]
    p = tmp_path / "oneline.txt"
    p.write_text(line, encoding="utf-8")
    t = time.perf_counter()
    assert read_one(p).text == line
    assert time.perf_counter() - t < 2


def test_legacy_encoding_detection_is_bounded_on_large_files(tmp_path):
    text = ("Le ministre a d\u00e9clar\u00e9 que la r\u00e9forme \u00e9tait n\u00e9cessaire.\n" * 60000)
    data = text.encode("latin-1")
    assert len(data) > 3 * 2**20
    t = time.perf_counter()
    out, _ = decode(data)
    assert out == text
    assert time.perf_counter() - t < 10


def test_special_files_are_refused_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading a FIFO would block the batch forever
    assert "not a regular file" in error_of(fifo)
    assert "is a directory" in list(read_path(tmp_path))[0].reason


# --- records ------------------------------------------------------------------------------------------------


def test_malformed_jsonl_lines_fail_alone_with_their_line_number(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "The port reopened on Monday."}),
        "{broken json",
        json.dumps([1, 2, 3]),
        json.dumps({"id": "a2", "title": "No text here"}),
        '{"id": "big", "text": "x", "n": ' + "9" * 5000 + "}",
        "[" * 50000 + "]" * 50000,
        json.dumps({"id": "a3", "text": "Line with a \u2028 separator inside, said the clerk."}, ensure_ascii=False),
        "",
        json.dumps({"id": "a4", "text": "Lone \ud800 surrogate escape.", "title": "T\udfff"}),
    ]
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    items = list(read_path(p))
    errors = {e.path.rsplit(":", 1)[1]: e.reason for e in items if isinstance(e, IngestError)}
    docs = {d.id: d for d in items if not isinstance(d, IngestError)}
    assert set(errors) == {"2", "3", "4", "5", "6"}
    assert "invalid JSON line" in errors["2"] and "not an object" in errors["3"] and '"text"' in errors["4"]
    assert errors["5"].endswith("too many digits") and errors["6"].endswith("nested too deeply")
    assert set(docs) == {"a1", "a3", "a4"}
    assert docs["a3"].text == "Line with a \u2028 separator inside, said the clerk."
    assert docs["a4"].text == "Lone \ufffd surrogate escape." and docs["a4"].title == "T\ufffd"
    json.dumps(docs["a4"].text, ensure_ascii=False).encode("utf-8")


def test_json_array_csv_and_bad_json(tmp_path):
    arr = tmp_path / "arr.json"
    arr.write_text(json.dumps([{"text": "First story, said Ann."}, {"text": "Second story."}]), encoding="utf-8")
    assert [d.id for d in read_path(arr)] == ["arr-00001", "arr-00002"]
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100000 + "]" * 100000)
    assert "invalid JSON" in error_of(deep)
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "unterminated')
    assert "invalid JSON" in error_of(bad)
    big = tmp_path / "big.csv"  # a field over csv's default 128 kB limit
    body = "The inquiry heard evidence for six weeks. " * 5000
    big.write_text('id,text,title\nlong1,"' + body + '",Inquiry\n', encoding="utf-8")
    (doc,) = read_path(big)
    assert doc.text == body and doc.title == "Inquiry"


def test_reporter_outputs_are_not_read_back_as_articles(tmp_path):
    p = tmp_path / "old.json"
    p.write_text(json.dumps({"id": "x", "text": "t", "reporter_version": "0.1.0", "scores": {}}))
    assert "reporter output" in error_of(p)


# --- ids and paths ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, expected", [
    ("../../etc/passwd", "_.._etc_passwd"),
    ("/abs/path", "_abs_path"),
    (".hidden", "hidden"),
    ("..", "doc"),
    ("", "doc"),
    ("CON", "_CON"),
    ("caf\u00e9 story #3", "caf\u00e9_story_3"),
    ("a\x00b\nc", "a_b_c"),
])
def test_safe_id_never_leaves_the_output_folder(raw, expected):
    assert safe_id(raw) == expected


def test_long_ids_are_cut_with_a_digest_and_stay_distinct():
    a, b = safe_id("\u00e9" * 400 + "a"), safe_id("\u00e9" * 400 + "b")
    assert a != b and len(a.encode()) <= readers.MAX_ID_BYTES and safe_id(a) == a


def test_duplicate_ids_never_collide_even_case_insensitively():
    unique = UniqueIds()
    got = [unique(x) for x in ["story", "story", "Story", "story-2", "story", "STORY-3"]]
    assert len({g.lower() for g in got}) == len(got)
    assert got[:2] == ["story", "story-2"]


def test_iter_documents_gives_unique_ids_across_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "story.txt").write_text(ARTICLE)
    (tmp_path / "b" / "story.txt").write_text(ARTICLE)
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "story", "text": ARTICLE}) + "\n")
    ids = [d.id for d in iter_documents([tmp_path])]
    assert sorted(ids) == ["story", "story-2", "story-3"]


def test_paths_with_spaces_and_non_ascii(tmp_path):
    folder = tmp_path / "r\u00e9sum\u00e9s du jour"
    folder.mkdir()
    p = folder / "l'\u00e9t\u00e9 \u05e9\u05dc\u05d5\u05dd \U0001F4F0.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    (doc,) = iter_documents([folder])
    assert doc.text == ARTICLE and doc.path == str(p)
    assert "/" not in doc.id and " " not in doc.id


def test_undecodable_file_names_become_printable(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9 new\nline.txt"
    with open(raw, "wb") as f:
        f.write(ARTICLE.encode())
    (doc,) = iter_documents([tmp_path])
    assert "\n" not in doc.path and "\ufffd" in doc.path
    doc.path.encode("utf-8")
    assert display_path("a\tb\x1b") == "a\\tb\\x1b"


def test_folders_skip_hidden_files_and_symlinks_that_leave_them(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ok.txt").write_text(ARTICLE)
    (inbox / ".partial.txt").write_text(ARTICLE)
    (inbox / "leak.txt").symlink_to(outside)
    (inbox / "inside.txt").symlink_to(inbox / "ok.txt")
    (inbox / "loop").symlink_to(inbox)
    os.mkfifo(inbox / "pipe.jsonl")
    assert [p.name for p in expand([inbox])] == ["inside.txt", "ok.txt"]


def test_missing_and_weird_arguments_become_errors_not_exceptions(tmp_path):
    missing = tmp_path / "nope.txt"
    items = list(iter_documents([missing, "x" * 5000]))
    assert all(isinstance(e, IngestError) for e in items) and len(items) == 2
    assert "no such file" in items[0].reason


def test_html_with_no_article_and_broken_markup(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_text("<html><head><script>alert(1)</script></head><body><img src='x.png'></body></html>")
    assert "no readable article" in error_of(empty)
    nul = tmp_path / "nul.html"
    nul.write_bytes(b"<html><body><article><p>" + ARTICLE.encode() * 3 + b"\x00</p><p>" + ARTICLE.encode() * 3
                    + b"</p></article></body></html>")
    doc = read_one(nul)
    assert not isinstance(doc, IngestError) and "\x00" not in doc.text
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 20000 + "The minister said the plan was fair. " * 20
                    + "</div>" * 20000 + "</body></html>")
    item = read_one(deep)  # read or refused, but never an exception
    assert isinstance(item, (IngestError, readers.Document))


# --- properties -------------------------------------------------------------------------------------------------

QUICK = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(st.binary(max_size=3000))
def test_decode_never_raises_anything_but_ingest_error(data):
    try:
        text, enc = decode(data)
    except IngestError as err:
        assert err.reason and "\n" not in str(err)
        return
    assert isinstance(text, str) and enc
    text.encode("utf-8")  # always writable as UTF-8


@QUICK
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\r\t"), min_size=1))
def test_utf8_text_decodes_to_itself_exactly(text):
    data = text.encode("utf-8")
    assume(not data.startswith(readers._BINARY_MAGIC) and data[4:8] != b"ftyp")
    assume(readers._INVISIBLE.sub("", text))
    assert decode(data)[0] == text


@QUICK
@given(st.lists(st.one_of(st.text(max_size=40), st.binary(max_size=40).map(lambda b: b.decode("latin-1"))),
                max_size=8))
def test_record_files_never_raise(lines):
    data = "\n".join(lines)
    for ext in (".jsonl", ".json", ".csv"):
        try:
            for _i, rec in readers._records(data, ext, "feed"):
                if isinstance(rec, dict):
                    readers._record_doc(rec, 0, Path("feed.jsonl"), "feed.jsonl")
        except IngestError:
            pass
