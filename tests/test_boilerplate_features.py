"""Line features: shapes, rule hits, script and neighbour windows."""
from __future__ import annotations

import numpy as np
import pytest

from reporter.signals.boilerplate_features import (
    _window_mean,
    categories,
    feature_names,
    page_features,
    rule_hit,
    stage2_features,
    stage2_names,
)


def test_matrix_covers_non_blank_lines_only() -> None:
    lines = ["Menu", "", "The committee met on Monday and agreed to postpone the vote until spring.", "  "]
    X, keep = page_features(lines)
    assert keep == [0, 2]
    assert X.shape == (2, len(feature_names()))
    assert np.isfinite(X).all()


def test_empty_page() -> None:
    X, keep = page_features(["", " "])
    assert keep == [] and X.shape == (0, len(feature_names()))


def test_rules_name_their_category() -> None:
    assert rule_hit("Leave a Reply")[0] == "comment prompt"
    assert rule_hit("Copyright 2024 Example Media Group")[0] == "copyright line"
    assert rule_hit("Subscribe to our newsletter")[0] == "subscription"
    assert rule_hit("The minister said the plan would be ready in May.") is None
    assert "related links" in categories()


def test_prose_and_other_script_columns() -> None:
    names = {n: i for i, n in enumerate(feature_names())}
    lines = ["The committee met on Monday and agreed to postpone the final vote until the spring session.",
             "Главные новости дня"]
    X, _ = page_features(lines)
    assert X[0, names["prose"]] == 1.0 and X[1, names["prose"]] == 0.0
    assert X[1, names["other_script"]] == 1.0 and X[0, names["other_script"]] == 0.0


def test_repeated_line_counts() -> None:
    names = {n: i for i, n in enumerate(feature_names())}
    X, _ = page_features(["Click here now", "Some other words here", "click here  now"])
    assert X[0, names["dup_count"]] > 0 and X[1, names["dup_count"]] == 0


def test_window_mean_is_clipped_at_edges() -> None:
    got = _window_mean(np.array([1.0, 0.0, 0.0, 1.0]), 1)
    assert np.allclose(got, [0.5, 1 / 3, 1 / 3, 0.5])


def test_stage_two_adds_neighbour_probabilities() -> None:
    X, _ = page_features(["a b c", "The committee met on Monday and agreed to postpone the vote.", "d e f"])
    S = stage2_features(X, np.array([0.1, 0.9, 0.2]))
    assert S.shape == (3, len(stage2_names()))


def _plain_rule_hit(line: str) -> tuple[str, str] | None:
    from reporter.signals.boilerplate_features import patterns

    low = line.lower()
    return next(((cat, note) for rx, cat, note in patterns() if rx.search(low)), None)


def test_prefiltered_rules_agree_with_a_plain_scan() -> None:
    from reporter.signals import boilerplate_features as bf
    from reporter.signals.boilerplate_features import _rules

    assert any(pre is not None for pre, _, _, _ in _rules())  # some rule is prefiltered
    assert rule_hit("Share this story and leave a comment")[0] == "comment prompt"  # earlier rule wins
    lines = ["Photo: Getty Images", "Read more about the harbour plan", "5 min read", "Contact us",
             "Sign up for our weekly briefing", "The council voted to widen the road.", "  Share on WhatsApp ",
             "Téléchargez l'application", "Fotos: Agencia local", "Credit: the author", "ADVERTISEMENT", "© 2025",
             "Share this story and leave a comment", "Menu", "By Dana Whitlock, 4 min read"]
    for ln in lines:
        assert bf._rule_hit(ln) == _plain_rule_hit(ln), ln


def test_character_counts_match_str_methods() -> None:
    from reporter.signals.boilerplate_features import _counts

    for s in ["Plain ASCII line 42", "Café “quoted” ÉTÉ ² Ⅻ", "東京で会議 2025", "", "Ελλάδα και 3 Ⓐ"]:
        assert _counts(s) == (sum(map(str.isalpha, s)), sum(map(str.isupper, s)), sum(map(str.isdigit, s))), s


def _nearest(flags: np.ndarray, reverse: bool) -> np.ndarray:
    """Lines to the nearest flagged line above (or below), capped at 50: the definition page_features follows."""
    f = flags[::-1] if reverse else flags
    idx = np.arange(len(f), dtype=float)
    last = np.maximum.accumulate(np.where(f != 0, idx, -1e9))  # index of the latest flagged line so far
    out = np.minimum(idx - last, 50.0)
    return out[::-1] if reverse else out


def test_nearest_flag_distance_is_capped() -> None:
    flags = np.array([0.0, 1.0, 0.0, 0.0] + [0.0] * 60)
    up = _nearest(flags, False)
    assert up[:4].tolist() == [50.0, 0.0, 1.0, 2.0] and up[-1] == 50.0
    down = _nearest(flags, True)
    assert down[:3].tolist() == [1.0, 0.0, 50.0]


def _kadane(score: np.ndarray) -> tuple[int, int]:
    """The textbook loop, to check the prefix-sum version against."""
    best, best_lo, best_hi, cur, lo = -np.inf, 0, 0, 0.0, 0
    for i, v in enumerate(score.tolist()):
        if cur <= 0:
            cur, lo = v, i
        else:
            cur += v
        if cur > best:
            best, best_lo, best_hi = cur, lo, i + 1
    return best_lo, best_hi


def test_body_block_from_prefix_sums_matches_kadane() -> None:
    from reporter.signals.boilerplate_features import _block_positions, _max_block

    rng = np.random.default_rng(3)
    for _ in range(300):
        n = int(rng.integers(1, 30))
        prose = (rng.random(n) < 0.4).astype(float)
        words = rng.integers(1, 60, n).astype(float)
        inside, dist = _block_positions(prose, words)
        for k, pen in enumerate((3.0, 1.0, 10.0)):
            score = np.where(prose > 0, words, -pen)
            lo, hi = _max_block(score)
            assert (lo, hi) == _kadane(score)
            assert np.array_equal(np.flatnonzero(inside[k]), np.arange(lo, hi))
            assert (dist[k][:lo] < 0).all() and (dist[k][hi:] > 0).all() and (dist[k][lo:hi] == 0).all()


def test_block_scan_equals_the_prefix_sum_version(monkeypatch: pytest.MonkeyPatch) -> None:
    """Short pages take a Python scan, long ones numpy: the same blocks and the same floats."""
    from reporter.signals import boilerplate_features as bf

    rng = np.random.default_rng(4)
    cases = []
    for k in range(400):
        n = int(rng.integers(1, bf._SCAN_MAX + 1))
        prose = (rng.random(n) < rng.random()).astype(float)
        cases.append((prose, rng.integers(1, 80, n).astype(float) / (2.5 if k % 3 == 0 else 1.0)))
    scans = [bf._block_positions(p, w) for p, w in cases]
    monkeypatch.setattr(bf, "_SCAN_MAX", 0)
    for (p, w), (inside, dist) in zip(cases, scans, strict=True):
        ref_inside, ref_dist = bf._block_positions(p, w)
        assert np.ascontiguousarray(ref_inside).tobytes() == np.ascontiguousarray(inside).tobytes()
        assert np.ascontiguousarray(ref_dist).tobytes() == np.ascontiguousarray(dist).tobytes()


def test_len_vs_local_max_reads_five_lines_each_side_clipped_at_edges() -> None:
    from reporter.signals.boilerplate_features import feature_names, page_features

    lines = ["x" * k for k in (50, 3, 8, 1, 2, 9, 4, 70, 6, 5, 2, 1, 30)]
    X, keep = page_features(lines)
    got = X[:, feature_names().index("len_vs_local_max")].tolist()
    n = np.expm1(X[:, feature_names().index("log_chars")]).tolist()  # the lengths as the page reads them
    assert got == [n[i] / max(max(n[max(0, i - 5):i + 6]), 1.0) for i in range(len(n))]
    assert got[7] == 1.0 and got[1] == n[1] / n[0]  # the longest within five; the first line's 50 reaches line 1


def test_vocabulary_overlap_with_the_article() -> None:
    names = {n: i for i, n in enumerate(feature_names())}
    lines = [
        "Weather Sport Traffic Horoscopes",
        "Harbour breakwater nears completion",
        "The harbour authority said the breakwater would be finished two months early, after engineers found "
        "the seabed firmer than expected.",
        "Fishermen welcomed the breakwater news, although the pile drivers at the harbour kept them awake at night.",
    ]
    X, _ = page_features(lines)
    col = names["vocab_overlap"]
    assert X[0, col] == 0.0  # a menu shares no words with the article
    assert X[1, col] >= 0.5  # a subheading does
    assert 0 < X[2, col] < 1  # a prose line: words the other prose line also uses


def test_caption_credit_at_the_end_of_a_long_line() -> None:
    names = {n: i for i, n in enumerate(feature_names())}
    lines = ["Residents queue for water at a distribution point in the old town on Friday. JANE DOE/AFP via Getty "
             "Images", "The water company said supplies would return to normal by Sunday evening at the latest."]
    X, _ = page_features(lines)
    assert X[0, names["credit_tail"]] == 1.0 and X[1, names["credit_tail"]] == 0.0


def test_overlap_bit_sets_equal_the_set_version() -> None:
    """Lines met twice get cached bit sets; a page of such lines takes the bit path, with the same floats."""
    from reporter.signals import boilerplate_features as bf

    rng = np.random.default_rng(5)
    words = [f"word{k}" for k in range(60)] + ["the", "and", "of"]
    lines = [" ".join(rng.choice(words, int(rng.integers(0, 12)))) + "." for _ in range(40)]
    for _ in range(3):  # first pages: sets (lines noted as met), then bit sets
        for _ in range(20):
            texts = [lines[int(k)] for k in rng.integers(0, len(lines), int(rng.integers(1, 15)))]
            flags = (rng.random(len(texts)) < 0.5).astype(float).tolist()
            assert bf._overlap(texts, flags) == bf._overlap_sets(texts, flags)
    assert all(t in bf._MASKS for t in lines[:5])


def test_nearest_log_is_log1p_of_nearest() -> None:
    from reporter.signals.boilerplate_features import _PC, _POS_NAMES, _geometry, _nearest_log_into

    rng = np.random.default_rng(6)
    for n in (1, 2, 5, 30, 70, 200):
        prose = (rng.random(n) < 0.2).astype(float)
        P = np.zeros((len(_POS_NAMES), n))
        _nearest_log_into(P, prose, _geometry(n))
        got = P[_PC["dist_prose_up"]:_PC["dist_prose_down"] + 1]
        assert got.tobytes() == np.vstack([np.log1p(_nearest(prose, False)), np.log1p(_nearest(prose, True))]).tobytes()


def test_features_do_not_depend_on_what_was_cached() -> None:
    """The same page gives the same bytes the first time (sets) and the third time (cached bit sets)."""
    lines = ["Home | News | Sport", "", "Harbour breakwater nears completion",
             "The harbour authority said the breakwater would be finished two months early, after engineers found "
             "the seabed firmer than expected.", "Fishermen welcomed the breakwater news, although the pile drivers "
             "at the harbour kept them awake at night.", "Share this story"]
    first = np.ascontiguousarray(page_features(lines)[0]).tobytes()
    for _ in range(2):
        assert np.ascontiguousarray(page_features(lines)[0]).tobytes() == first


def test_line_words_is_the_split_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """Noted by the features or counted afresh, ``line_words`` is ``len(line.split())``."""
    from reporter.signals import boilerplate_features as bf

    lines = ["  Leave a  comment\t", "The council met on Monday.", "\u00a0Share\u2003this ", "   ", "one"]
    page_features(lines)
    assert all(bf._LINE_WORDS.get(ln) == len(ln.split()) for ln in lines if ln.strip())
    assert [bf.line_words(ln) for ln in lines + ["never seen  here"]] == [len(ln.split()) for ln in lines] + [3]
    monkeypatch.setattr(bf, "_LINE_WORDS_MAX", 2)
    bf._base.cache_clear()
    page_features(["a b", "c d e", "f"])  # the notes start afresh past the bound
    assert len(bf._LINE_WORDS) <= 2 and bf.line_words("a b") == 2 and bf.line_words("c d e") == 3


def test_time_and_credit_tests_equal_their_plain_patterns():
    """The fast forms (a pattern opening with a digit class, a substring test before the credit search) find
    exactly what the plain patterns find."""
    import random
    import re

    from reporter.signals import boilerplate_features as bf

    plain_time = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)")
    lines = ["updated 10:45 gmt", "the 3pm meeting", "at 9 a.m. on monday", "a2:30 is not a time", "x10am",
             "polls close at 8 pm", "room 12:3", "٣:٤٥ local time", "1999 was 123:45", "photo: jane doe/afp",
             "she said the photo was fake.", "picture by getty images", "courtesy of the family", "an epa photo"]
    rng = random.Random(5)
    lines += ["".join(rng.choice("0123456789 :.apm/afpgettyphoto()x_") for _ in range(rng.randint(1, 30)))
              for _ in range(20_000)]
    for low in lines:
        assert (bf._TIME.search(low) is not None) == (plain_time.search(low) is not None), low
        assert bf._credit_tail(low) == (bf._CREDIT_TAIL.search(low) is not None), low
    assert bf._TIME.search("updated 10:45 gmt") and not bf._TIME.search("a2:30 is not a time")
    assert bf._credit_tail("photo: jane doe/afp") and not bf._credit_tail("she said the photo was fake.")


_PAGE_LINES = [
    "Home | News | Sport", "Home » World » Europe", "Skip to content", "MENU", "Sign in", "  Share on WhatsApp ",
    "Harbour breakwater nears completion", "By Dana Whitlock | Updated 10:45 GMT, March 4, 2025",
    "Photo: Getty Images", "The harbour authority said on 4 March the breakwater would be finished two months "
    "early, after engineers found the seabed firmer than expected.", "“It is a relief,” said one fisherman, who "
    "asked not to be named; the pile drivers had kept them awake at night...", "Read more: www.example.com/story",
    "Subscribe to our newsletter", "Leave a comment", "© 2025 Coast Gazette. All rights reserved.",
    "#harbour #news #coast", "Главные новости дня", "東京で会議 2025", "Ελλάδα και 3 Ⓐ", "ADVERTISEMENT",
    "5 min read", "Prices rose to $12 on 12/03/2025 at 3pm.", "A caption of a scene on the quay in the early "
    "morning light, March 21. JANE DOE/AFP via Getty Images", "Contact us", "click here  now", "Click here now",
    "İstanbul’da toplantı", "x" * 350 + " tail. Reuters/Jane", "Tags: harbour, coast",
]


def test_the_page_at_once_equals_the_line_by_line_reference() -> None:
    """``page_features`` reads the page at once (rules tried only when the page holds one of their strings,
    repeated lines folded only among lines of equal length in words, scripts only when a letter past Latin is on
    the page); a page whose lines hold a newline takes the line-by-line ``_line`` path, the reference. Both give
    the same bytes, on pages with and without non-Latin letters, repeats and rule hits."""
    import random

    from reporter.signals import boilerplate_features as bf

    rng = random.Random(7)
    for trial in range(60):
        lines = [rng.choice(_PAGE_LINES) for _ in range(rng.randint(1, 40))]
        if trial % 3 == 0:
            lines = [ln for ln in lines if ln.isascii()] or ["Menu"]
        lines = [ln if rng.random() < 0.8 else "" for ln in lines]
        fast = np.ascontiguousarray(page_features(lines)[0]).tobytes()
        bf._HITS.clear()
        assert np.ascontiguousarray(page_features(lines, at_once=False)[0]).tobytes() == fast
    assert page_features(["a\nb", "c"])[0].tobytes() == page_features(["a\nb", "c"], at_once=False)[0].tobytes()


def test_page_rules_equal_rule_hit() -> None:
    """The page's rule categories (rules pre-screened by their required strings) equal ``_rule_hit`` per line."""
    from reporter.signals import boilerplate_features as bf

    texts = [ln for ln in _PAGE_LINES + ["Follow us on Instagram", "Related articles", "Accept all cookies"]]
    cats = bf._page_rules(texts, [t.lower() for t in texts])
    for t, c in zip(texts, cats, strict=True):
        hit = bf._rule_hit(t) if len(t) < bf._RULE_MAX else None
        assert c == (bf._cat_index()[hit[0]] if hit else -1), t
        assert bf.rule_hit(t) == bf._rule_hit(t)
    # every rule of the plan has required strings, none holding another of its set
    lits = bf._rule_literals()
    assert len(lits) == len(bf._rule_plan()[1]) and all(lits)
    assert all(not any(a != b and a in b for a in ls for b in ls) for ls in lits if ls)
