"""reporter.text.scan: a regex tried only where the byte classes allow gives finditer's own matches."""
from __future__ import annotations

import random
import re

from reporter.text.scan import matches_where

# "Four capitals in a row" as the start test, for a word of four capitals or more (not inside a longer run).
_RX = re.compile(r"[A-Z](?<![A-Z][A-Z])[A-Z]{3,}\b")
_TABLE = bytes(65 if 65 <= c <= 90 else 32 for c in range(256))
_START = re.compile(rb"A(?=AAA)")


def test_matches_are_finditers_on_real_and_edge_cases() -> None:
    for text in ["NATO and the FBI met; the UNHCR said SO. EUROPEAN UNION", "ÉNATO NATOé ÅBCD ABCÅDEF",
                 "AAAAAAAAA b", "", "ABC", "\ud800ABCD \U0001F600WXYZ", "tail: WORD"]:
        for lo, hi in ((0, len(text)), (1, len(text)), (2, max(2, len(text) - 3))):
            want = [m.span() for m in _RX.finditer(text, lo, hi)]
            assert [m.span() for m in matches_where(_RX, text, lo, hi, _TABLE, _START)] == want, (text, lo, hi)


def test_matches_are_finditers_on_random_text() -> None:
    rnd = random.Random(4)
    alphabet = "ABCDXYZ" * 3 + "ab1_ .,'-\u00c9\u00e9\u0416\u4142\U0001F600\u2019"
    found = 0
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        want = [m.span() for m in _RX.finditer(text)]
        found += len(want)
        assert [m.span() for m in matches_where(_RX, text, 0, len(text), _TABLE, _START)] == want, text
    assert found > 100  # the texts do hold matches
