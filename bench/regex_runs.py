#!/usr/bin/env python
"""Which of the importer's regular expressions slow down more than linearly on long runs of one character.

    .venv/bin/python bench/regex_runs.py [--short 400] [--long 800] [--min-ms 5]

Searches every compiled pattern of `responsibility/importing/` in texts made of a long run (ASCII spaces,
ideographic spaces, spaces after a year or a month, Chinese characters, digits, full-width commas, dots) of
`--short` and then `--long` characters, and prints each pattern whose search on the long text takes at least
`--min-ms` milliseconds and at least three times as long as on the short one (twice the length: a linear
pattern takes about twice as long, a quadratic one four times, a cubic one eight). A pattern is searched as
written, whatever way the importer calls it (`fullmatch` on a line may be cheaper than `search` here).
No database is needed.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def probes(length: int) -> dict[str, str]:
    return {
        "spaces": "甲" + " " * length + "乙",
        "ideographic spaces": "甲" + "\u3000" * length + "乙",
        "spaces after a year": "2026年" + " " * length + "乙",
        "spaces after a month": "6月" + " " * length + "乙",
        "Chinese": "加强" * (length // 2),
        "digits": "1" * length,
        "commas": "，" * length,
        "dots": "." * length,
    }


def timed(pattern: re.Pattern, text: str, repeat: int = 3) -> float:
    """The quickest of ``repeat`` searches: a shared machine only ever makes one slower."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        pattern.search(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--short", type=int, default=400)
    parser.add_argument("--long", type=int, default=800)
    parser.add_argument("--min-ms", type=float, default=5.0)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    import django

    django.setup()
    import responsibility.importing as package

    short, long = probes(args.short), probes(args.long)
    seen: set[int] = set()
    rows = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, value in vars(module).items():
            if not isinstance(value, re.Pattern) or id(value) in seen:
                continue
            seen.add(id(value))
            for probe, text in long.items():
                slow = timed(value, text)
                if slow * 1000 < args.min_ms:
                    continue
                quick = max(timed(value, short[probe]), 1e-6)
                if slow / quick >= 3:
                    rows.append((slow, f"{info.name}.{name}", probe, slow / quick))
    print(f"{len(seen)} patterns; runs of {args.short} and {args.long} characters")
    print(f"{'pattern':45} {'text':22} {'long (ms)':>10} {'ratio':>6}")
    for slow, name, probe, ratio in sorted(rows, reverse=True):
        print(f"{name:45} {probe:22} {slow * 1000:10.1f} {ratio:6.1f}")


if __name__ == "__main__":
    main()
