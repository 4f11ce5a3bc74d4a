"""Fuzz ingest and the whole analyzer for a fixed time; print how many inputs were tried.

    python scripts/fuzz.py --seconds 120            # atheris (coverage-guided, libFuzzer) when installed
    python scripts/fuzz.py --seconds 60 --random    # the fallback: random mutations of seed texts
    python scripts/fuzz.py --scale                  # seconds per MB of analysis on a few text shapes

atheris is a development tool (``pip install atheris``), never a runtime dependency.
Each input goes through one of: bytes -> decode -> analyze -> JSON; bytes as a
JSONL/JSON/CSV record file; bytes as an HTML page (trafilatura); a Unicode
string -> analyze. Anything other than an ``IngestError`` is a crash, and so is a
span that does not point at its words. On a crash the input is saved under
``fuzz-crashes/`` and the traceback printed.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    "Bridge reopens after repairs\nBy Lina Ortiz\n12 May 2024\n\nThe bridge reopened on Friday, officials said.\n"
    "\u201cIt is safe now,\u201d said engineer Paul Ng. Critics called the delay a disgrace.\n"
    "Share on Facebook | Subscribe\n",
    '"Unclosed quote, he said.\r\nAccording to a report, prices rose.\rThey said: \u00abnon\u00bb.\n',
    "\u05e9\u05dc\u05d5\u05dd \U0001F600 \u202e \x00 \ufeff \u2028 end",
    '{"id": "a", "text": "The mayor said yes."}\n{"id": "a", "text": "Duplicate id."}\n{broken\n',
    "id,text\n1,\"The council said, \"\"no\"\".\"\n2,plain\n",
    "<html><head><script>x()</script><style>@import url(http://e/x.css);</style></head><body><article>"
    "<p>The port said exports rose.</p><img src='file:///etc/passwd'></article></body></html>",
]
TRICKY = list("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\n\r\t\x00\x1b\u2028\u200b\u202e\ufeff.!?:;,-\u2014<>&")


class SpanError(AssertionError):
    pass


def check(text: str, a) -> None:
    """The analyzer's offset contract (the same checks as tests/test_properties.py)."""
    from reporter.serialize import to_json

    def span(s, e, got, what):
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
            raise SpanError(f"{what}: bad offsets {s}..{e} in a text of {len(text)}")
        if got and got != text[s:e]:
            raise SpanError(f"{what}: {got!r} != text[{s}:{e}] {text[s:e]!r}")

    if a.document.text != text:
        raise SpanError("document text changed")
    parts = text.split("\n")
    if len(a.lines) != len(parts):
        raise SpanError(f"{len(a.lines)} line entries for {len(parts)} lines")
    pos = 0
    for ln, part in zip(a.lines, parts, strict=True):
        if (ln.start, ln.end) != (pos, pos + len(part)):
            raise SpanError(f"line entry {ln.start}..{ln.end} should be {pos}..{pos + len(part)}")
        pos += len(part) + 1
    for s in a.loaded:
        span(s.start, s.end, s.text, "loaded")
    for q in a.quotes:
        span(q.content.start, q.content.end, q.content.text, "quote")
        if q.cue:
            span(q.cue.start, q.cue.end, q.cue.text, "cue")
        if q.speaker and q.speaker.start is not None:
            span(q.speaker.start, q.speaker.end, q.speaker.text, "speaker")
    for c in a.unattributed:
        span(c.start, c.end, c.text, "claim")
    for name, sc in a.scores.items():
        for e in sc.evidence:
            if e.start is not None:
                span(e.start, e.end, e.text, f"evidence {name}")
    to_json(a).encode("utf-8", "surrogatepass")


def one_input(data: bytes) -> None:
    """Run one fuzz input through the path its first byte picks."""
    import reporter
    from reporter.ingest.readers import IngestError, _from_html, _records, decode
    from reporter.model import Document

    if not data:
        return
    mode, body = data[0] % 4, data[1:]
    try:
        if mode == 0:
            text, _ = decode(body)
            check(text, reporter.analyze(Document(id="f", text=text)))
        elif mode == 1:
            text, _ = decode(body)
            for ext in (".jsonl", ".json", ".csv"):
                try:
                    for _i, rec in _records(text, ext, "f"):
                        if isinstance(rec, dict) and isinstance(rec.get("text"), str):
                            rec["text"].encode("utf-8", "surrogatepass")
                except IngestError:
                    pass
        elif mode == 2:
            text, _ = decode(body)
            doc = _from_html(text, "f", "f.html")
            check(doc.text, reporter.analyze(doc))
        else:
            even = body[:len(body) // 2 * 2]  # UTF-16 lets lone surrogates through: the API must cope with them too
            text = body.decode("utf-8", "replace") if body[:1] < b"\x80" else even.decode("utf-16-le", "surrogatepass")
            check(text, reporter.analyze(Document(id="f", text=text)))
    except IngestError:
        pass


def save_crash(data: bytes) -> Path:
    out = ROOT / "output" / "fuzz-crashes"
    out.mkdir(exist_ok=True)
    p = out / f"crash-{abs(hash(data)) & 0xFFFFFFFF:08x}.bin"
    p.write_bytes(data)
    return p


def run_atheris(seconds: float) -> int:
    import atheris

    with atheris.instrument_imports(include=["reporter"]):
        import reporter  # noqa: F401
        import reporter.ingest.readers  # noqa: F401
    reporter.analyze("Warm up, he said.")
    corpus = ROOT / "output" / "fuzz-corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for i, s in enumerate(SEEDS):
        for mode in range(4):
            (corpus / f"seed-{i}-{mode}").write_bytes(bytes([mode]) + s.encode("utf-8"))
    for i, p in enumerate(sorted((ROOT / "seeds").glob("*.txt"))[:5]):
        (corpus / f"file-{i}").write_bytes(b"\x00" + p.read_bytes()[:4000])
    state = {"n": 0, "t0": time.monotonic()}

    def test_one(data: bytes) -> None:
        state["n"] += 1
        if time.monotonic() - state["t0"] > seconds:
            print(f"fuzz: atheris, {state['n'] - 1} inputs in {seconds:.0f} s, no crash", flush=True)
            os._exit(0)
        try:
            one_input(data)
        except Exception:
            print(f"fuzz: CRASH after {state['n']} inputs; input saved to {save_crash(data)}", flush=True)
            raise

    atheris.Setup([sys.argv[0], "-max_len=8192", "-rss_limit_mb=4096", str(corpus)], test_one)
    atheris.Fuzz()
    return 0


def mutate(rng: random.Random, s: str) -> bytes:
    """A random structural mutation of a seed: cuts, duplications, tricky characters, byte flips."""
    for _ in range(rng.randint(1, 8)):
        i = rng.randint(0, len(s))
        j = min(len(s), i + rng.randint(0, 60))
        op = rng.randrange(4)
        if op == 0:
            s = s[:i] + s[j:]
        elif op == 1:
            s = s[:j] + s[i:j] * rng.randint(1, 5) + s[j:]
        elif op == 2:
            s = s[:i] + "".join(rng.choice(TRICKY) for _ in range(rng.randint(1, 6))) + s[i:]
        else:
            cp = rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0x2FFF), rng.randint(0x1F300, 0x1FAFF)])
            s = s[:i] + chr(cp) + s[j:]
    data = bytes([rng.randrange(4)]) + s.encode("utf-8", "surrogatepass")
    if rng.random() < 0.2 and len(data) > 2:
        k = rng.randrange(1, len(data))
        data = data[:k] + bytes([rng.randrange(256)]) + data[k + 1:]
    return data


def run_random(seconds: float, seed: int = 0) -> int:
    import reporter

    reporter.analyze("Warm up, he said.")
    files = sorted((ROOT / "seeds").glob("*.txt"))
    bases = SEEDS + [p.read_text(encoding="utf-8", errors="replace")[:4000] for p in files]
    rng = random.Random(seed)
    n, t0 = 0, time.monotonic()
    while time.monotonic() - t0 < seconds:
        data = mutate(rng, rng.choice(bases))
        n += 1
        try:
            one_input(data)
        except Exception:
            traceback.print_exc()
            print(f"fuzz: CRASH after {n} inputs; input saved to {save_crash(data)}")
            return 1
    print(f"fuzz: random mutation, {n} inputs in {seconds:.0f} s, no crash")
    return 0


def run_scale() -> int:
    """Seconds per MB of analysis for text shapes that stress different stages (linear time is the goal)."""
    import reporter

    reporter.analyze("Warm up, he said.")
    shapes = {
        "prose, one paragraph per line": "The council met on Tuesday and agreed the budget after a long debate.\n",
        "one long line": "The council met on Tuesday and agreed the budget after a long debate. ",
        "many quotes": "\u201cWe agreed,\u201d said councillor Ann Lee. ",
        "many said-sentences, one line": "The ferry said fares rise. ",
        "no sentence ends": "word ",
    }
    for name, unit in shapes.items():
        row = []
        for kb in (128, 256, 512):
            text = (unit * (kb * 1024 // len(unit) + 1))[:kb * 1024]
            t = time.perf_counter()
            reporter.analyze(text)
            row.append(f"{kb} KB {time.perf_counter() - t:6.2f} s")
        print(f"{name:34s} " + " | ".join(row), flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--random", action="store_true", help="random mutation loop instead of atheris")
    ap.add_argument("--scale", action="store_true", help="time the analysis on growing texts")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.scale:
        return run_scale()
    if not args.random:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("fuzz: atheris is not installed (pip install atheris); using the random mutation loop")
            args.random = True
    return run_random(args.seconds) if args.random else run_atheris(args.seconds)


if __name__ == "__main__":
    sys.exit(main())
