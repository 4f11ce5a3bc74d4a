"""Text stage: segmentation with offsets into the original text."""
from reporter.text.segment import Seg, Segmented, segment, split_lines, word_count, words_in

__all__ = ["Seg", "Segmented", "segment", "split_lines", "word_count", "words_in"]
