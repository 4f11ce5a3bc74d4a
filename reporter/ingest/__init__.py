"""Ingest stage: files, folders, globs and record files into Documents."""
from reporter.ingest.readers import IngestError, decode, expand, iter_documents, read_path

__all__ = ["IngestError", "decode", "expand", "iter_documents", "read_path"]
