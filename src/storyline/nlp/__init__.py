"""Per-article analysis: one spaCy pipeline plus our extractor functions ``(doc, article) -> records``."""
