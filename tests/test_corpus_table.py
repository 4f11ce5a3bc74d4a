import reporter
from reporter.corpus import SCORE_COLUMNS, frame, percentiles, row


def test_frame_has_one_row_per_document_and_percentiles(seed_paths):
    analyses = [reporter.analyze(p) for p in seed_paths[:3]]
    df = frame(row(a) for a in analyses)
    assert len(df) == 3
    for k in SCORE_COLUMNS:
        assert df[f"{k}_pct"].between(0, 100).all()
    pct = percentiles(df, analyses[0].document.id)
    assert set(pct) == set(SCORE_COLUMNS)
    top = df.loc[df["credibility"].idxmax(), "id"]
    assert percentiles(df, top)["credibility"] == 100


def test_empty_frame():
    df = frame([])
    assert df.empty and "credibility" in df.columns
