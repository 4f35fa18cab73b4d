#!/usr/bin/env python
"""Where a page's database time goes: PostgreSQL's planning against its execution, query by query.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_pages .venv/bin/python bench/plan_time.py item office

On ``bench/pages.py``'s database, asks the page (of its cast) once to warm and once with its queries
captured, then runs each SELECT five times under ``EXPLAIN (ANALYZE, SUMMARY)`` and prints the
median planning and execution times of the slowest twelve and the page's sums. Statements prepared
by ``config/rows.py`` (no SQL text) are left out. A query that joins many tables (``select_related``
of a dozen relations) can take PostgreSQL longer to plan than to run: the sums say so.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import page_ab


def main() -> None:
    page, user = sys.argv[1], sys.argv[2]
    page_ab.setup(Path(__file__).resolve().parent.parent)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.pages import cast as cast_of

    cast = cast_of()
    made = page_ab.clients([user], cast)
    path = cast["pages"][page]
    page_ab.get(made[user], path)
    with CaptureQueriesContext(connection) as captured:
        page_ab.get(made[user], path)
    rows = []
    for query in captured.captured_queries:
        sql = query["sql"] or ""
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            rows.append((*timed(connection, sql), sql))
    for planning, execution, sql in sorted(rows, key=lambda row: -(row[0] + row[1]))[:12]:
        print(f"{planning:7.2f} ms planning {execution:7.2f} ms execution  {sql[:110]}")
    planned, executed = sum(row[0] for row in rows), sum(row[1] for row in rows)
    print(f"{len(captured)} queries; planning {planned:.1f} ms, execution {executed:.1f} ms")


def timed(connection, sql: str, runs: int = 5) -> tuple[float, float]:
    """The median planning and execution times of ``sql``, in ms."""
    planning, execution = [], []
    with connection.cursor() as cursor:
        for _ in range(runs):
            cursor.execute("EXPLAIN (ANALYZE, SUMMARY) " + sql)
            lines = [line for (line,) in cursor.fetchall()]
            planning.append(_ms(lines, "Planning Time"))
            execution.append(_ms(lines, "Execution Time"))
    return statistics.median(planning), statistics.median(execution)


def _ms(lines: list[str], label: str) -> float:
    return float(next(line for line in lines if line.startswith(label)).split()[2])


if __name__ == "__main__":
    main()
