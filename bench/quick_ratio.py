#!/usr/bin/env python
"""A quick ours/bare ratio for comparing two trees, with lifecycle.py's own lives.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench \
        .venv/bin/python bench/quick_ratio.py --lives 100 --units 3

Times ``--lives`` lives of ours and of bare (items of ``--units`` units, 1 or 3, and bare's split of
that width), alternating in blocks of ``--block`` (so that drift on
a shared machine falls on both alike), after a warm-up of 10 each, in one process. Prints one line:
milliseconds per life of each and their ratio (bare / ours, the same as lifecycle.py's tasks/s
ratio). ``--profile`` then prints a cProfile of ``--lives`` more lives of ours, by own time.
lifecycle.py is the benchmark of record; this is for trying a change in a minute.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lifecycle  # bench/lifecycle.py, as a module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lives", type=int, default=100)
    parser.add_argument("--block", type=int, default=5)
    parser.add_argument("--units", type=int, default=1, choices=sorted(lifecycle.SPLIT_WIDTHS))
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    width = args.units

    lifecycle.configure()
    lifecycle.clean()
    lifecycle.vacuum(full=True)
    cast = lifecycle.build_cast()
    warm = 10
    items = lifecycle.make_items(cast, warm + args.lives * (2 if args.profile else 1), width)
    lifecycle.run_ours(cast, items[:warm], width)
    lifecycle.run_bare(cast, warm, width)

    ours = bare = 0.0
    for start in range(warm, warm + args.lives, args.block):
        chunk = items[start : min(start + args.block, warm + args.lives)]
        began = time.perf_counter()
        lifecycle.run_ours(cast, chunk, width)
        ours += time.perf_counter() - began
        began = time.perf_counter()
        lifecycle.run_bare(cast, len(chunk), width)
        bare += time.perf_counter() - began
    n = args.lives
    lives = f"ours {ours / n * 1000:.1f} ms/life  bare {bare / n * 1000:.1f} ms/life"
    print(f"{width} unit(s): {lives}  ratio {bare / ours:.3f}")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        lifecycle.run_ours(cast, items[warm + n :], width)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(40)


if __name__ == "__main__":
    main()
