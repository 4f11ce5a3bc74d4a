import reporter
from reporter.corpus.terms import compare, concept_table, contested, frame_table, term_usage
from reporter.serialize import to_dict

A = "Envoys meet\n\nThe envoy arrived in Kyiv on Monday for talks on the war in Ukraine.\n"
B = ("Envoys meet\n\nThe envoy arrived in Kiev on Monday. \"Kiev must negotiate,\" he said of the special "
     "military operation.\n")


def _docs():
    return [reporter.analyze(A, doc_id="a"), reporter.analyze(B, doc_id="b")]


def test_term_usage_counts_voices():
    df = term_usage(_docs())
    kiev = df[(df["id"] == "b") & (df["term"] == "Kiev")].iloc[0]
    assert kiev["uses"] == 2 and kiev["outlet"] == 1 and kiev["quoted"] == 1
    assert set(df[df["id"] == "a"]["term"]) >= {"Kyiv", "war in Ukraine"}


def test_side_by_side_and_contested():
    docs = _docs()
    table = concept_table(docs)
    assert table.loc["Capital of Ukraine", "a"].startswith("Kyiv*")
    assert table.loc["Capital of Ukraine", "b"].startswith("Kiev*")
    con = contested(docs)
    row = con[con["concept"] == "Capital of Ukraine"].iloc[0]
    assert row["terms"] == ["Kiev", "Kyiv"] and row["documents"] == 2


def test_frames_and_json_input():
    docs = _docs()
    ft = frame_table([to_dict(d) for d in docs])
    assert list(ft["id"]) == ["a", "b"]
    assert "security_and_defense" in ft.columns and "other" not in ft.columns
    out = compare(docs)
    assert set(out) == {"terms", "concepts", "contested", "frames"}


def test_empty_corpus():
    assert term_usage([]).empty and concept_table([]).empty and frame_table([]).empty
