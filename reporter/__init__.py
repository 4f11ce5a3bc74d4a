"""reporter: source-credibility and framing reports with the evidence behind every score."""
__version__ = "0.1.0"

from reporter.model import Analysis, Document, Span  # noqa: E402
from reporter.pipeline import analyze, analyze_document  # noqa: E402

__all__ = ["Analysis", "Document", "Span", "analyze", "analyze_document", "__version__"]
