"""Evaluation against the shared benchmark data: each module scores one extractor."""
