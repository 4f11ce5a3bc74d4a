"""Corpus stage: a pandas table of all documents and their percentiles."""
from reporter.corpus.table import SCORE_COLUMNS, frame, percentiles, row

__all__ = ["SCORE_COLUMNS", "frame", "percentiles", "row"]
