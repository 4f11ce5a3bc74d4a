"""A plain guess at whether a text is English, for the dossier header when the input did not say.

The lexicons, rules and readability formulas are English; a reader should see whether the text is.
A language-identification model would be a dependency and a download for one header line, so this
counts the share of words that are the commonest English function words: running English prose has
40-50%, other languages written in Latin script (which share a few, like "a" or "in") under 15%.
"""
from __future__ import annotations

from reporter.text.segment import WORD_RE

# The commonest English function words (closed-class: articles, pronouns, prepositions, auxiliaries).
_FUNCTION = frozenset("""
the of and to a in is it that was for on are as with he she they be at by this had not but from or have an
which were you his her their its been has we will would there can all one what so if who them than said
into could our more also about when no out up do may
""".split())

ENGLISH_SHARE = 0.25  # at or above: English
MIN_WORDS = 20  # fewer words say too little


def english_share(text: str) -> tuple[float, int]:
    """Share of the words of ``text`` that are common English function words, and the word count."""
    words = [m.group().lower() for m in WORD_RE.finditer(text)]
    if not words:
        return 0.0, 0
    return sum(w in _FUNCTION for w in words) / len(words), len(words)


def guess_language(text: str) -> tuple[str | None, str]:
    """``("en", why)`` when the text reads as English, else ``(None, why)``; ``why`` is one plain sentence."""
    share, n = english_share(text)
    if n < MIN_WORDS:
        return None, f"not detected: only {n} words"
    if share >= ENGLISH_SHARE:
        return "en", f"guessed: {share:.0%} of the words are common English words like 'the' and 'of'"
    return None, f"not English by our count ({share:.0%} common English words); scores assume English"
