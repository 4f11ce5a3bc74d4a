"""Atomic file writes: a temporary file in the same folder, flushed to disk, then renamed.

An interrupted run (Ctrl-C, a crash, a full disk) never leaves a half-written
JSON or PDF behind: readers see either the old file or the complete new one.
The temporary name starts with a dot, so folder inputs never pick it up.
"""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_MODE = 0o666 & ~_umask()  # what open() would give a new file; mkstemp's 0600 would hide outputs from others
_pending: set[str] = set()  # temporaries being written now, for remove_pending()


def remove_pending() -> None:
    """Delete the temporaries of writes in progress: for a worker process told to stop (SIGTERM) mid-write."""
    for tmp in list(_pending):
        try:
            os.unlink(tmp)
        except OSError:
            pass
    _pending.clear()


def write_atomic(path: str | os.PathLike[str], data: bytes | str, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` all or nothing; ``durable`` also survives a power cut (fsync before rename)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(path, durable) as f:
        f.write(raw)
    return Path(path)


def _create_temp(folder: Path, prefix: str) -> tuple[int, str]:
    """A new ``.part`` file in ``folder``, opened for writing as mkstemp opens one (O_EXCL, mode 0600).

    Its name is in ``_pending`` *before* the file exists: a worker stopped by SIGTERM between creating
    the file and recording it (mkstemp, then add) would leave the temporary behind.
    """
    for _ in range(100):
        tmp = os.path.join(folder, f"{prefix}{secrets.token_hex(4)}.part")
        _pending.add(tmp)
        try:
            return os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600), tmp
        except FileExistsError:
            _pending.discard(tmp)
        except BaseException:
            _pending.discard(tmp)
            raise
    raise FileExistsError(f"no free temporary name in {folder}")


@contextmanager
def atomic_writer(path: str | os.PathLike[str], durable: bool = True) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` when the block ends without an exception (for output written
    piece by piece, like a rewritten JSONL file); on an exception the old file stays and no temporary is left."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    stem = p.name.encode("utf-8", "surrogateescape")[:120].decode("utf-8", "ignore")  # room for the suffixes
    fd, tmp = _create_temp(p.parent, f".{stem}.")
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), _MODE)
            yield f
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    finally:
        _pending.discard(tmp)
