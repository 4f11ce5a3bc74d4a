import csv
import re
from importlib import resources

import reporter
from reporter.signals.framing import FRAMES
from reporter.signals.style import first_keys

WAR = """Shelling resumes near the front line

Russian troops launched a new offensive near Kharkiv on Friday, firing missiles and artillery at Ukrainian \
positions, the army's general staff said. Ukrainian forces said they had repelled the attack with drones.

Air defence units shot down eleven missiles over the city overnight, the regional military administration said.

In Moscow, officials described the fighting as part of the "special military operation", while the Kyiv \
government called it a new phase of the invasion of Ukraine.
"""

BUDGET = """Parliament passes leaner budget

The finance ministry expects the economy to grow by 2 percent next year as inflation eases and tax revenues \
recover, according to the budget approved on Wednesday.

Spending on pensions rises, while the deficit falls to 3 percent of output. Economists said prices for energy \
remained the biggest risk for businesses and investors.
"""


def _frames(text):
    return reporter.analyze(text).framing


def test_dominant_frame_follows_the_story():
    assert _frames(WAR)["dominant"][0] == "security_and_defense"
    assert _frames(BUDGET)["dominant"][0] == "economic"


def test_frame_evidence_points_into_text():
    fr = _frames(WAR)
    text = reporter.analyze(WAR).document.text
    assert fr["frames"], "no frames found"
    for f in fr["frames"]:
        assert f["name"] in FRAMES
        assert 0 < f["score"] <= 1
        for ev in f["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]


def test_no_cues_means_other():
    fr = _frames("The cat slept on the warm windowsill all afternoon.\n")
    assert fr["dominant"] == ["other"]


def test_contested_terms_with_alternatives_and_voice():
    terms = _frames(WAR)["terms"]
    by_term = {t["term"].lower(): t for t in terms}
    assert "kharkiv" in by_term and "Kharkov" in by_term["kharkiv"]["alternatives"]
    smo = by_term["special military operation"]
    assert smo["voice"] == "quoted" and "invasion" in smo["alternatives"]
    assert "Russian" in smo["used_by"]
    assert by_term["invasion of ukraine"]["voice"] == "outlet"
    for t in terms:
        assert set(t) >= {"term", "start", "end", "concept", "alternatives", "note", "voice"}


def test_kiev_vs_kyiv_and_false_friends():
    terms = _frames("The chef served chicken Kiev. Later the envoy flew to Kiev and then to Kyiv.\n")["terms"]
    assert [t["term"] for t in terms] == ["Kiev", "Kyiv"]
    terms = _frames("Aid for the Ukraine war was debated. The sanctions regime was tightened.\n")["terms"]
    assert terms == []
    terms = _frames("She moved to the Ukraine in 1991.\n")["terms"]
    assert [t["canonical"] for t in terms] == ["the Ukraine"]


def test_reported_term_is_attributed():
    terms = _frames("Russian forces liberated the village, the defence ministry said.\n")["terms"]
    assert terms[0]["term"] == "liberated" and terms[0]["voice"] == "attributed"


def _rows(name):
    with resources.files("reporter.data").joinpath(name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_frame_lexicon_covers_the_codebook():
    rows = _rows("frames.csv")
    cats = {r["category"] for r in rows}
    assert cats == set(FRAMES) - {"other"}
    for r in rows:
        assert r["note"] and r["source"]
        re.compile(r["pattern"])
        assert first_keys(r["pattern"]), r["pattern"]


def test_terms_lexicon_is_complete():
    rows = _rows("terms.csv")
    concepts = {}
    for r in rows:
        assert r["note"] and r["source"] and r["used_by"] and r["alternatives"], r["term"]
        re.compile(r["pattern"])
        assert first_keys(r["pattern"]), r["pattern"]
        concepts.setdefault(r["concept"], []).append(r["term"])
    assert len(concepts["Capital of Ukraine"]) == 2
    assert {"special military operation", "invasion of Ukraine"} <= set(concepts["Russia's war in Ukraine since 2022"])


def test_territory_words_need_a_place():
    assert _frames("The women felt liberated by the vote. The seat was occupied. Police seized documents. "
                   "The accession of Finland to NATO was quick.\n")["terms"] == []
    terms = _frames("Russian troops occupied Kherson in March and later captured the town of Izium.\n")["terms"]
    assert [t["term"] for t in terms] == ["occupied", "captured"]


def test_single_cue_is_not_a_frame():
    fr = _frames("The council will vote on the budget tomorrow.\n")
    assert fr["frames"] == [] and fr["dominant"] == ["other"]
