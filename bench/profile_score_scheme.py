#!/usr/bin/env python
"""Where ``assessment.tasks.score_scheme`` spends its time: the Celery task of one organisation's year,
run in this process as a worker runs it, on the year ``bench/scoring.py`` builds (the same sizes).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench \\
        .venv/bin/python bench/profile_score_scheme.py --items 100000 --units 2000 --reports 1200000

``bench/scoring.py`` times ``compute`` on a scheme without results (it deletes them before each run):
the task's first run of a year. Run again – the next night, a retry, a redelivery after a lost worker,
the 计算 button – the task recomputes the draft it made, which first clears that draft's rows. Here
both, ``--runs`` times each (the first from no results, then ``--again`` recomputations of its draft),
each after a ``VACUUM`` and committed as the task commits it: its seconds, the slowest statements
(every statement timed), and a cProfile of the Python (``--profile``). Prints to stdout.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lifecycle import configure, vacuum
from bench.scoring import YEAR, the_year, year_options


def main() -> None:
    parser = argparse.ArgumentParser()
    year_options(parser)
    parser.add_argument("--runs", type=int, default=1, help="first runs (from no results)")
    parser.add_argument("--again", type=int, default=2, help="recomputations of the draft after each first run")
    parser.add_argument("--profile", action="store_true", help="a cProfile of each run's Python")
    args = parser.parse_args()
    configure()
    from django.db import connection

    from assessment.models import Assessment
    from assessment.tasks import score_scheme

    scheme = the_year(args)
    times: dict[str, list[float]] = defaultdict(list)

    def run(label: str) -> None:
        statements = []

        def wrapper(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                statements.append((time.perf_counter() - started, " ".join(sql.split())))

        profiler = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        with connection.execute_wrapper(wrapper):
            if profiler:
                profiler.enable()
            result = score_scheme.apply(args=(scheme.pk, f"{YEAR}-12-31")).get()
            if profiler:
                profiler.disable()
        seconds = time.perf_counter() - started
        times[label].append(seconds)
        in_sql = sum(s for s, _sql in statements)
        print(f"\n### {label}: {seconds:.3f} s ({len(statements)} statements, {in_sql:.3f} s in them); {result}")
        for spent, sql in sorted(statements, key=lambda s: -s[0])[:10]:
            print(f"  {spent:7.3f}  {sql[:220]}")
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
            print(out.getvalue())

    for _ in range(args.runs):
        Assessment.objects.filter(scheme=scheme).delete()
        vacuum()
        run("first")
        for _ in range(args.again):
            vacuum()  # what autovacuum would have done since: only this run's own deletions are left
            run("again")
    print()
    for label, seconds in times.items():
        print(f"{label}: median {statistics.median(seconds):.3f} s of {[round(s, 3) for s in seconds]}")


if __name__ == "__main__":
    main()
