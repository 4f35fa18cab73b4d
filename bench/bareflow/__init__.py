"""A flow with the item flow's number of human steps and no domain work: viewflow's own floor.

Installed only by the benchmark (``bench/lifecycle.py`` adds it to INSTALLED_APPS); it has no
models and uses viewflow's default Process and Task tables.
"""
