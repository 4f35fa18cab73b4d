"""Benchmarks. Run them as scripts (``python bench/lifecycle.py``); README.md says what each measures."""
