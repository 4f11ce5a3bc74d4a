"""Atomic writes: all or nothing, no temporary file left behind, normal permissions."""
from __future__ import annotations

import os
import stat

import pytest

from reporter import fileio
from reporter.fileio import atomic_writer, write_atomic


def test_write_creates_folders_and_replaces_whole_file(tmp_path):
    target = tmp_path / "a" / "b" / "doc.json"
    write_atomic(target, "first version, long enough to notice " * 10)
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert os.listdir(target.parent) == ["doc.json"]


def test_new_files_get_normal_permissions_not_mkstemp_0600(tmp_path):
    target = write_atomic(tmp_path / "x.pdf", b"%PDF-1.7")
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode == fileio._MODE and mode & 0o044  # readable by the group and others under a usual umask


class Boom(Exception):
    pass


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "doc.json"
    target.write_text("old and complete")

    def broken_replace(src, dst):
        raise Boom("disk full")

    monkeypatch.setattr(fileio.os, "replace", broken_replace)
    with pytest.raises(Boom):
        write_atomic(target, "new")
    assert target.read_text() == "old and complete"
    assert os.listdir(tmp_path) == ["doc.json"]


def test_interrupt_during_write_leaves_nothing_half_written(tmp_path, monkeypatch):
    target = tmp_path / "doc.pdf"

    def ctrl_c(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(fileio.os, "fsync", ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"%PDF-1.7 half")
    assert os.listdir(tmp_path) == []


def test_text_that_cannot_be_utf8_fails_before_any_file_exists(tmp_path):
    with pytest.raises(UnicodeEncodeError):
        write_atomic(tmp_path / "bad.json", "lone \ud800 surrogate")
    assert os.listdir(tmp_path) == []


def test_unwritable_destination_raises_oserror(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder")  # root ignores chmod, but not a file in the way
    with pytest.raises(OSError):
        write_atomic(blocker / "sub" / "doc.json", "{}")
    assert blocker.read_text() == "a file, not a folder"


def test_long_and_non_ascii_names(tmp_path):
    name = "\u00e9t\u00e9 " + "\u00e9" * 120 + ".json"  # 250 bytes: the temporary name must stay under 255
    target = write_atomic(tmp_path / name, "{}")
    assert target.read_text() == "{}" and os.listdir(tmp_path) == [name]


def test_atomic_writer_replaces_only_on_success(tmp_path):
    p = tmp_path / "lines.jsonl"
    p.write_bytes(b"old\n")
    with pytest.raises(RuntimeError), atomic_writer(p) as f:
        f.write(b"half a new file")
        raise RuntimeError("disk pulled")
    assert p.read_bytes() == b"old\n" and not list(tmp_path.glob(".*.part"))
    with atomic_writer(p) as f:
        f.write(b"one\n")
        f.write(b"two\n")
    assert p.read_bytes() == b"one\ntwo\n" and not list(tmp_path.glob(".*.part"))


def test_a_temporary_is_pending_before_it_exists(tmp_path, monkeypatch):
    # a worker stopped by SIGTERM right after the file is created must still find it in the pending set
    real_open = os.open
    seen: list[bool] = []

    def spy(path, flags, mode=0o777):
        seen.append(str(path) in fileio._pending and not os.path.exists(path))
        return real_open(path, flags, mode)

    monkeypatch.setattr(fileio.os, "open", spy)
    fileio.write_atomic(tmp_path / "a.json", "{}")
    assert seen == [True]
    assert not fileio._pending and (tmp_path / "a.json").read_text() == "{}"
    assert not list(tmp_path.glob("*.part"))
