import pytest

import reporter
from reporter.scoring import credibility

WIRE = """Ukraine and Poland agree on grain transit deal

By Maria Kowalski and Daniel Hart
Published: March 14, 2024

WARSAW (Reuters) - Poland and Ukraine agreed on Tuesday to route grain exports through Polish ports under customs \
seals, Polish Agriculture Minister Tomasz Nowak said after talks in Warsaw.

"The arrangement protects our farmers and keeps Ukrainian grain moving," Nowak told reporters.

Ukrainian Deputy Economy Minister Olha Stefanyshyna said the deal could lift transit volumes by about a fifth, \
though the exact figure would depend on rail capacity.

Farmers' groups, who blockaded border crossings last month, were divided. Piotr Zielinski, who leads a union of \
grain growers in the east, said the checks might not be enough. The European Commission did not immediately \
respond to a request for comment.
"""

RANT = """YOU WON'T BELIEVE What The Globalists Just Did!!!

The truth is that everyone knows the elites are lying to you. They ALWAYS lie! I have said it for years and \
clearly nobody in the media will admit it. Sources say the whole thing was planned. Wake up!

Make no mistake: this is the END of freedom as you know it. Share this before they delete it!
"""


def _checks(text):
    a = reporter.analyze(text)
    return a, {c["check"]: c for c in a.scores["credibility"].details["checklist"]}


def test_careful_report_outscores_rant():
    wire, _ = _checks(WIRE)
    rant, _ = _checks(RANT)
    assert wire.scores["credibility"].value > rant.scores["credibility"].value + 25


def test_checklist_statuses_follow_the_text():
    _, w = _checks(WIRE)
    _, r = _checks(RANT)
    assert w["named_author"]["status"] == "pass" and r["named_author"]["status"] == "fail"
    assert w["date"]["status"] == "pass" and r["date"]["status"] == "fail"
    assert w["headline"]["status"] == "pass" and r["headline"]["status"] == "fail"
    assert w["shouting"]["status"] == "pass" and r["shouting"]["status"] == "fail"
    assert r["opinion_voice"]["status"] != "pass"
    assert w["one_sidedness"]["status"] == "pass" and r["one_sidedness"]["status"] == "fail"
    assert w["named_sources"]["value"] > r["named_sources"]["value"]
    assert w["certainty"]["value"] > r["certainty"]["value"]
    assert r["vague_sourcing"]["value"] < 100


def test_checklist_shape_and_evidence_offsets():
    a, checks = _checks(RANT)
    text = a.document.text
    assert set(checks) == set(credibility.load_config()["checks"])
    for c in checks.values():
        assert set(c) >= {"check", "weight", "status", "value", "evidence", "reason"}
        assert c["status"] in {"pass", "partial", "fail"}
        assert 0 <= c["value"] <= 100
        for ev in c["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]
    assert any(ev["text"] == "ALWAYS" for ev in checks["shouting"]["evidence"])


def test_agency_byline_is_partial():
    _, c = _checks("Talks resume in Geneva\n\nBy Staff\n\nDelegates met again on Monday, officials said.\n")
    assert c["named_author"]["status"] == "partial"


def test_weights_from_user_file(tmp_path, monkeypatch):
    conf = tmp_path / "mine.toml"
    names = list(credibility.load_config()["checks"])
    conf.write_text("\n".join(f"[checks.{n}]\nweight = {1 if n == 'shouting' else 0}\n" for n in names),
                    encoding="utf-8")
    a, checks = _checks(RANT)
    shouting = checks["shouting"]["value"]
    assert credibility.score(a, conf).value == pytest.approx(shouting, abs=0.1)
    monkeypatch.setenv(credibility.ENV_VAR, str(conf))
    assert credibility.score(a).value == pytest.approx(shouting, abs=0.1)
    assert credibility.score(a).details["weights_file"] == str(conf)


def test_unknown_check_in_user_file_is_an_error(tmp_path):
    conf = tmp_path / "bad.toml"
    conf.write_text("[checks.astrology]\nweight = 3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="astrology"):
        credibility.load_config(conf)


def test_default_weights_are_documented():
    for name, c in credibility.load_config()["checks"].items():
        assert c["label"] and c["why"], name
        assert float(c["weight"]) == int(c["weight"]) >= 1, name


def test_seeds_score_in_range(seed_paths):
    for p in seed_paths:
        v = reporter.analyze(p).scores["credibility"].value
        assert 0 <= v <= 100


def test_missing_or_broken_user_file_says_which(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.toml"):
        credibility.load_config(tmp_path / "nowhere.toml")
    bad = tmp_path / "broken.toml"
    bad.write_text("[checks.shouting\nweight = 2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.toml"):
        credibility.load_config(bad)


def test_reasons_put_a_count_of_one_in_the_singular():
    from reporter import analyze

    a = analyze("Officials said on Monday that the bridge will reopen in May.\n\n"
                "The repairs were SHODDY, one resident wrote in a letter to the council.\n")
    reasons = {c["check"]: c["reason"] for c in a.scores["credibility"].details["checklist"]}
    assert reasons["time_anchoring"].startswith("1 date, weekday or time reference")
    assert reasons["shouting"].startswith("1 word in capitals") and "0 exclamation marks" in reasons["shouting"]


@pytest.mark.parametrize("value", [0.0, -0.0, 35.0, 50.0, 100.0, 0.5, 2.5, 49.95, 57.25, 69.99999, 99.96])
def test_shown_value_is_round_and_format(value):
    """The checklist's whole-number shortcut gives what round() and the .0f format give."""
    shown = round(value, 1)
    assert credibility._shown(value) == (shown, f"{shown:.0f}")


@pytest.mark.parametrize("text", [WIRE, RANT])
def test_checklist_index_summary_and_evidence_agree(text):
    a = reporter.analyze(text)
    cred = a.scores["credibility"]
    rows = cred.details["checklist"]
    passed = sum(r["status"] == "pass" for r in rows)
    assert cred.reason.startswith(f"{passed} of {len(rows)} checks pass")
    assert [e.reason for e in cred.evidence] == [f"{r['label']}: {r['status']} ({r['value']:.0f}/100): {r['reason']}"
                                                 for r in rows]
    fails = [r["label"].lower() for r in rows if r["status"] == "fail" and r["weight"] > 0]
    assert cred.reason.endswith("; fails: " + ", ".join(fails)) if fails else "fails" not in cred.reason
