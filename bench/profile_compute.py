#!/usr/bin/env python
"""Where the year-end computation spends its time, statement by statement (untimed by the benchmark).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench \\
        .venv/bin/python bench/profile_compute.py --items 100000 --units 2000 --reports 1200000

On the year ``bench/scoring.py`` builds (the same sizes), runs ``compute`` once inside a transaction
that is rolled back: every statement timed; each INSERT … SELECT and UPDATE … FROM run as
``EXPLAIN (ANALYZE, BUFFERS)`` (which executes it) so its plan is printed with its time; each other
statement over ``--slow`` seconds explained afterwards, on the state it ran on; then the deferred
foreign-key checks (what the commit does) forced with ``SET CONSTRAINTS ALL IMMEDIATE`` and timed.
Prints to stdout.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lifecycle import configure
from bench.scoring import YEAR, build, set_new_methods, set_rules


class Rollback(Exception):
    pass


def drop_result_fks() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'assessment_itemresult'::regclass AND contype = 'f'"
            " AND conname NOT LIKE '%%assessment_id%%'"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'ALTER TABLE assessment_itemresult DROP CONSTRAINT "{name}"')
            print(f"dropped {name}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--reports", type=int, default=1_200_000)
    parser.add_argument("--cooperation-points", type=Decimal, default=Decimal("0.5"))
    parser.add_argument("--slow", type=float, default=0.05)
    parser.add_argument(
        "--without-result-fks",
        action="store_true",
        help="an experiment: drop the item results' foreign keys but the version's (rolled back with the rest)",
    )
    parser.add_argument("--new-methods", action=argparse.BooleanOptionalAction, default=True, help="as scoring.py's")
    args = parser.parse_args()
    configure()
    from django.db import connection, transaction

    from assessment.compute import compute
    from assessment.models import Assessment

    scheme = build(args.items, args.units, args.reports)
    set_rules(scheme, args.cooperation_points)
    Assessment.objects.filter(scheme=scheme).delete()
    set_new_methods(scheme, args.new_methods)
    statements, slow_selects = [], []

    def wrapper(execute, sql, params, many, context):
        upper = sql.lstrip().upper()
        # Statements whose row count nobody reads: INSERT … SELECT, UPDATE … FROM (a save's UPDATE is checked).
        explain = "RETURNING" not in upper and (
            (upper.startswith("INSERT") and " SELECT " in upper)
            or (upper.startswith(("UPDATE", "WITH")) and " FROM " in upper and "UPDATE" in upper[:200])
        )
        started = time.perf_counter()
        if explain and not many:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            result = None
        else:
            result = execute(sql, params, many, context)
            plan = None
        seconds = time.perf_counter() - started
        statements.append((seconds, sql, plan))
        if plan is None and seconds > args.slow and sql.lstrip().upper().startswith(("SELECT", "WITH")):
            slow_selects.append((seconds, sql, params))
        return result

    try:
        with transaction.atomic():
            if args.without_result_fks:
                drop_result_fks()
            started = time.perf_counter()
            with connection.execute_wrapper(wrapper):
                assessment = compute(scheme, as_of=datetime.date(YEAR, 12, 31))
            print(f"compute (explained, no commit): {time.perf_counter() - started:.3f} s; steps {assessment.timings}")
            with connection.cursor() as cursor:
                checks = time.perf_counter()
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                print(f"deferred foreign-key checks (the commit's): {time.perf_counter() - checks:.3f} s")
                for seconds, sql, params in slow_selects:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                    statements.append((seconds, sql, plan))
            raise Rollback
    except Rollback:
        pass
    print(f"{len(statements)} statements, in order (seconds, SQL):")
    for seconds, sql, _plan in statements:
        if not sql.startswith("EXPLAIN"):
            print(f"  {seconds:7.3f}  {' '.join(sql.split())[:160]}")
    for seconds, sql, plan in sorted(statements, key=lambda s: -s[0])[:12]:
        print(f"\n=== {seconds:.3f} s: {sql[:600]}")
        if plan:
            print(plan)


if __name__ == "__main__":
    main()
