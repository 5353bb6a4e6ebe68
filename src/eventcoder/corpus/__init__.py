"""Corpus runs: reading inputs, the DuckDB store, exports, deduplication and distributed coding."""
