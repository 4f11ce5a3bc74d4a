"""Line features: shapes, rule hits, script and neighbour windows."""
from __future__ import annotations

import numpy as np

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
    from reporter.signals.boilerplate_features import _rules

    assert any(pre is not None for pre, _, _, _ in _rules())  # some rule is prefiltered
    assert rule_hit("Share this story and leave a comment")[0] == "comment prompt"  # earlier rule wins
    lines = ["Photo: Getty Images", "Read more about the harbour plan", "5 min read", "Contact us",
             "Sign up for our weekly briefing", "The council voted to widen the road.", "  Share on WhatsApp ",
             "Téléchargez l'application", "Fotos: Agencia local", "Credit: the author", "ADVERTISEMENT", "© 2025",
             "Share this story and leave a comment", "Menu", "By Dana Whitlock, 4 min read"]
    for ln in lines:
        assert rule_hit.__wrapped__(ln) == _plain_rule_hit(ln), ln


def test_character_counts_match_str_methods() -> None:
    from reporter.signals.boilerplate_features import _counts

    for s in ["Plain ASCII line 42", "Café “quoted” ÉTÉ ² Ⅻ", "東京で会議 2025", "", "Ελλάδα και 3 Ⓐ"]:
        assert _counts(s) == (sum(map(str.isalpha, s)), sum(map(str.isupper, s)), sum(map(str.isdigit, s))), s


def test_nearest_flag_distance_is_capped() -> None:
    from reporter.signals.boilerplate_features import _nearest

    flags = np.array([0.0, 1.0, 0.0, 0.0] + [0.0] * 60)
    up = _nearest(flags, False)
    assert up[:4].tolist() == [50.0, 0.0, 1.0, 2.0] and up[-1] == 50.0
    down = _nearest(flags, True)
    assert down[:3].tolist() == [1.0, 0.0, 50.0]
