"""Streaming readers: JSONL, CSV and Parquet record by record, errors as values, ids unique."""
import json
import os

import pandas as pd
import pytest

from reporter.ingest.readers import IngestError
from reporter.ingest.stream import (
    count_documents,
    expand_corpus,
    read_any,
    read_csv,
    read_jsonl,
    read_parquet,
    stream_documents,
)
from reporter.model import Document

ARTICLE = ("The city council approved the new bus routes on Wednesday.\n\n"
           "\u201cThis will cut commutes for thousands,\u201d said transport chief Dana Reyes.\n")


def _write_jsonl(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_records_errors_and_default_ids(tmp_path):
    p = tmp_path / "wire.jsonl"
    p.write_text(json.dumps({"id": "a1", "text": ARTICLE, "title": "Bus routes"}) + "\n"
                 "\n"
                 "{not json\n"
                 + json.dumps({"text": "Second story about the harbour.\u2028Still one line."}) + "\n"
                 + json.dumps({"id": "no-text", "title": "x"}) + "\n", encoding="utf-8")
    items = list(read_jsonl(p))
    assert [type(i).__name__ for i in items] == ["Document", "IngestError", "Document", "IngestError"]
    assert items[0].id == "a1" and items[0].text == ARTICLE and items[0].title == "Bus routes"
    assert items[1].path.endswith("wire.jsonl:3")
    assert items[2].id == "wire-00004"  # numbered by line, like readers.read_path
    assert "\u2028" in items[2].text  # a JSON string may hold U+2028: lines split on \n only
    assert 'no "text"' in items[3].reason


def test_csv_long_fields_and_bom(tmp_path):
    long_text = "A long investigative piece about the port. " * 5000  # > csv's 128 kB default limit
    df = pd.DataFrame({"id": ["c1", "c2"], "text": [long_text, ARTICLE], "source": ["Harbour Times", None]})
    p = tmp_path / "corpus.csv"
    p.write_bytes(b"\xef\xbb\xbf" + df.to_csv(index=False).encode("utf-8"))
    docs = list(read_csv(p))
    assert [d.id for d in docs] == ["c1", "c2"]
    assert docs[0].text == long_text and docs[0].source == "Harbour Times"
    assert docs[1].text == ARTICLE


def test_csv_not_utf8_is_an_error(tmp_path):
    p = tmp_path / "latin.csv"
    p.write_bytes("id,text\nx,Caf\xe9 owners protest the new tax.\n".encode("latin-1"))
    items = list(read_csv(p))
    assert isinstance(items[-1], IngestError) and "UTF-8" in items[-1].reason


def test_parquet_in_batches_with_text_field(tmp_path):
    n = 700
    df = pd.DataFrame({"doc": [f"p{i}" for i in range(n)], "body": [f"Story number {i} about the election." for i in
                                                                    range(n)], "extra": range(n)})
    p = tmp_path / "big.parquet"
    df.to_parquet(p, index=False)
    docs = list(read_parquet(p, text_field="body", id_field="doc", batch_rows=64))
    assert len(docs) == n and docs[0].id == "p0" and docs[-1].text.startswith("Story number 699")
    assert count_documents([p]) == n
    missing = list(read_parquet(p))  # no "text" column
    assert len(missing) == 1 and isinstance(missing[0], IngestError) and '"text"' in missing[0].reason


def test_read_any_streams_by_suffix(tmp_path):
    txt = tmp_path / "note.txt"
    txt.write_text(ARTICLE, encoding="utf-8")
    [doc] = list(read_any(txt))
    assert isinstance(doc, Document) and doc.id == "note" and doc.text == ARTICLE


def test_stream_documents_ids_unique_and_folders_include_parquet(tmp_path):
    _write_jsonl(tmp_path / "a.jsonl", [{"id": "same id", "text": ARTICLE}, {"id": "same id", "text": ARTICLE}])
    pd.DataFrame({"id": ["same id"], "text": [ARTICLE]}).to_parquet(tmp_path / "b.parquet", index=False)
    (tmp_path / ".hidden.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    assert [p.name for p in expand_corpus([tmp_path])] == ["a.jsonl", "b.parquet"]
    ids = [d.id for d in stream_documents([tmp_path])]
    assert ids == ["same_id", "same_id-2", "same_id-3"]


def test_stream_is_lazy(tmp_path):
    """Reading the first document must not read the whole corpus."""
    p = _write_jsonl(tmp_path / "c.jsonl", [{"text": ARTICLE}] * 3)
    with p.open("a", encoding="utf-8") as f:
        f.write("{broken\n")
    it = stream_documents([p])
    assert isinstance(next(it), Document)
    rest = list(it)
    assert isinstance(rest[-1], IngestError)


@pytest.mark.parametrize("name", ["x.jsonl", "x.csv"])
def test_missing_file_is_an_error(tmp_path, name):
    items = list(read_any(tmp_path / name))
    assert len(items) == 1 and isinstance(items[0], IngestError)


@pytest.mark.parametrize("name", ["x.jsonl", "x.csv", "x.parquet"])
def test_a_named_pipe_is_refused_not_read(tmp_path, name):
    """A FIFO named like a corpus file would block the run forever: one error naming it instead."""
    fifo = tmp_path / name
    os.mkfifo(fifo)
    items = list(read_any(fifo))
    assert len(items) == 1 and isinstance(items[0], IngestError)
    assert items[0].path.endswith(name) and "not a regular file" in items[0].reason
    assert count_documents([fifo]) == 1  # counted as one failing input, not read


def test_jsonl_byte_range_numbers_lines_like_a_whole_read(tmp_path):
    recs = [{"text": f"Report {i} on the harbour dredging plan."} for i in range(6)]
    p = _write_jsonl(tmp_path / "w.jsonl", recs[:3])
    with p.open("a", encoding="utf-8") as f:
        f.write("\n")
        f.write("".join(json.dumps(r) + "\n" for r in recs[3:]))
    whole = [d.id for d in read_jsonl(p)]
    raw = p.read_bytes()
    cut = raw.index(b"\n", len(raw) // 2) + 1  # a line start near the middle
    first_line = raw[:cut].count(b"\n")
    parts = [d.id for d in read_jsonl(p, end=cut)] + [d.id for d in read_jsonl(p, start=cut, first_line=first_line)]
    assert parts == whole == ["w-00001", "w-00002", "w-00003", "w-00005", "w-00006", "w-00007"]


def test_parquet_row_groups_keep_file_row_numbers(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    p = tmp_path / "g.parquet"
    pq.write_table(pa.table({"text": [f"Item {i} about the water board." for i in range(10)]}), p, row_group_size=4)
    assert [d.id for d in read_parquet(p, row_groups=[1], first_row=4)] == [f"g-{i:05d}" for i in range(5, 9)]


def test_csv_cut_into_record_ranges_reads_like_the_whole_file(tmp_path):
    """Quoted fields hold newlines, so cuts come from parsing; each range reads exactly its records."""
    from reporter.ingest.stream import csv_cuts

    rows = [{"text": f"Paragraph one of story {k}.\n\nParagraph two, with a comma, of story {k}.", "title": f"S{k}"}
            for k in range(12)]
    p = tmp_path / "multi.csv"
    body = pd.DataFrame(rows).to_csv(index=False, lineterminator="\r\n")
    lines = body.split("\r\n")
    lines.insert(5, "")  # a blank row, which csv.DictReader skips
    p.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    whole = [(d.id, d.text, d.title) for d in read_csv(p)]
    cuts = csv_cuts(p, block=150)
    assert len(cuts) >= 4 and cuts[0][1] == 0
    ends = [c[0] for c in cuts[1:]] + [None]
    parts = [(d.id, d.text, d.title) for (start, first), end in zip(cuts, ends, strict=True)
             for d in read_csv(p, start=start, end=end, first=first)]
    assert parts == whole and len(whole) == 12 and whole[0][0] == "multi-00001" and "\n\n" in whole[0][1]
