"""Benchmark of the pipeline against bare DuckDB and a pandas script (`python -m bench.run`)."""
