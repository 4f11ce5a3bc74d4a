"""scores.attribution: coverage, named share, distinct sources and chain depth (reporter.scoring.attribution)."""
from reporter.model import Analysis, Claim, Document, Quote, Span, Speaker
from reporter.scoring.attribution import score


def q(name: str | None, kind: str, chain: list[str] | None = None, start: int = 0) -> Quote:
    sp = Speaker(start, start + len(name), name, kind, name) if name else None
    return Quote(Span(start + 20, start + 40, "x" * 20), Span(start + 10, start + 14, "said"), sp, "reported",
                 chain or [])


def analysis(quotes: list[Quote], claims: int = 0) -> Analysis:
    cl = [Claim(i * 50, i * 50 + 30, "Prices rose 12 percent last year.", "states a figure with no source")
          for i in range(claims)]
    return Analysis(document=Document(id="t", text="x" * 2000), quotes=quotes, unattributed=cl)


def test_nothing_to_weigh_is_neutral():
    s = score(analysis([]))
    assert s.value == 50.0 and s.details["quotes"] == 0


def test_named_sources_beat_vague_ones():
    named = score(analysis([q("Anna Kovacs", "named_person"), q("Interior Ministry", "named_org", start=100)]))
    vague = score(analysis([q("experts", "vague"), q("a source", "anonymous", start=100)]))
    assert named.value > vague.value + 25
    assert vague.details["vague"] == 2 and named.details["named"] == 2


def test_unattributed_claims_lower_the_score():
    base = [q("Anna Kovacs", "named_person")]
    assert score(analysis(base, claims=0)).value > score(analysis(base, claims=4)).value
    s = score(analysis(base, claims=4))
    assert s.details["unattributed"] == 4
    assert any(e.reason.startswith("unattributed") and e.start is not None for e in s.evidence)


def test_distinct_sources_counted_by_last_name():
    s = score(analysis([q("Anna Kovacs", "named_person"), q("Kovacs", "named_person", start=100),
                        q("Tomas Varga", "named_person", start=200)]))
    assert s.details["sources"] == 2


def test_deep_chains_cost_directness():
    flat = score(analysis([q("Radio Nord", "named_org")]))
    deep = score(analysis([q("Radio Nord", "named_org", chain=["Wire", "Radio Nord", "Ministry", "Insider"])]))
    assert deep.details["chain_depth"] == 4
    assert deep.value < flat.value
    assert any("chain" in e.reason for e in deep.evidence)


def test_value_in_range_and_reason_mentions_counts():
    s = score(analysis([q("experts", "vague")], claims=10))
    assert 0 <= s.value <= 100
    assert "1 attributed" in s.reason and "10 factual claims" in s.reason


def test_places_count_as_named_sources():
    """"China said": a state's government is identifiable, unlike "experts"."""
    placed = score(analysis([q("China", "named_place"), q("Russia", "named_place", start=100)]))
    vague = score(analysis([q("experts", "vague"), q("observers", "vague", start=100)]))
    assert placed.details["named"] == 2 and placed.details["sources"] == 2
    assert placed.value > vague.value + 25


def test_outlet_counts_as_named_but_is_no_distinct_source():
    """The outlet's own statements are named (it stands behind them) but name no outside source; a possessive or
    lower-case name ("the publication") identifies nobody."""
    s = score(analysis([q("Daily Post", "outlet"), q("Anna Kovacs's", "named_person", start=100),
                        q("Kovacs", "named_person", start=200), q("the publication", "named_org", start=300)]))
    assert s.details["named"] == 4 and s.details["sources"] == 1
    assert any(e.reason == "1 distinct named sources: kovacs" for e in s.evidence)
