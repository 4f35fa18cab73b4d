#!/usr/bin/env python
"""Where the supervision sweep spends its time, step by step and statement by statement.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench_sweep \\
        .venv/bin/python bench/profile_sweep.py --items 100000

On the list ``bench/sweep.py`` builds (the same ``--items`` and ``--without-units``), primed as it
primes it: one sweep of the same day in a transaction that is rolled back, every statement timed
and counted for the step it ran in (SQL against Python per step), the slowest printed, and the
slowest SELECTs explained (``EXPLAIN (ANALYZE, BUFFERS)``) on the state they ran on.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lifecycle import configure

STEPS = (
    ("workflow.supervision", "advance_schedules"),
    ("workflow.supervision", "light_rows"),
    ("responsibility.contributions", "record_missed"),
    ("workflow.supervision", "store_notices"),
    ("workflow.supervision", "apply_rules"),
    ("workflow.supervision", "derive_supervision"),
    ("workflow.lights", "record"),
)


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--without-units", action="store_true")
    args = parser.parse_args()
    configure()
    import importlib

    from django.db import connection, transaction

    import bench.sweep as bench
    import workflow.notifications
    import workflow.supervision

    workflow.notifications.send_pending_after_commit = lambda: None
    plan = bench.build(args.items, with_units=not args.without_units)
    bench.prime(plan)
    bench.snapshot(plan)
    bench.restore(plan)  # vacuums: the planner works from statistics, as in the benchmark
    current = {"step": "other"}
    sql_time = collections.defaultdict(lambda: [0.0, 0])
    step_time = collections.defaultdict(float)
    statements = []

    def timed(name, function):
        def wrapper(*a, **k):
            before, current["step"] = current["step"], name
            started = time.perf_counter()
            try:
                return function(*a, **k)
            finally:
                step_time[name] += time.perf_counter() - started
                current["step"] = before

        return wrapper

    for module_name, name in STEPS:
        module = importlib.import_module(module_name)
        setattr(module, name, timed(name, getattr(module, name)))

    def wrapper(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            seconds = time.perf_counter() - started
            totals = sql_time[current["step"]]
            totals[0] += seconds
            totals[1] += 1
            statements.append((seconds, current["step"], sql, params))

    try:
        with transaction.atomic():
            started = time.perf_counter()
            with connection.execute_wrapper(wrapper):
                workflow.supervision.sweep(bench.DAY)
            print(f"sweep {time.perf_counter() - started:.3f} s (not committed)")
            for name, seconds in step_time.items():
                sql, count = sql_time[name]
                print(
                    f"  {name:20s} {seconds:6.3f} s: SQL {sql:6.3f} s in {count} statements,"
                    f" Python {seconds - sql:6.3f} s"
                )
            top = sorted(statements, key=lambda s: -s[0])[:14]
            for seconds, step, sql, _params in top:
                print(f"\n=== {seconds:.3f} s [{step}] {' '.join(sql.split())[:700]}")
            with connection.cursor() as cursor:
                for seconds, step, sql, params in top[:6]:
                    if sql.lstrip().upper().startswith("SELECT"):
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                        print(f"\n--- plan of the {seconds:.3f} s SELECT [{step}]")
                        print("\n".join(row[0] for row in cursor.fetchall()))
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
