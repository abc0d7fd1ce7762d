"""Corpus steps: pure functions over the records of many articles."""
