#!/usr/bin/env python
"""An md5 of every result table's rows of the year ``bench/scoring.py`` builds, computed once: to show
that a change to the computation stores the same results.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench \\
        .venv/bin/python bench/result_digest.py --items 100000 --units 2000 --reports 1200000

Computes the year (``compute``, as of 31 December, committed: the scheme's draft is replaced), then
prints one JSON line: per table its row count and the md5 of its rows in a fixed order. Keys that a
run makes anew (the rows' own ids, the version's) are left out; a row that points at a person's
result names it by its role and post instead, a per-unit indicator by its category and name and an
event by its rule's name and its own fields (the bench sets issue 13's indicators, and the 黄牌
events, up again on every start, under new ids), which are the same in every run.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lifecycle import configure
from bench.scoring import YEAR, the_year, year_options

# Each table's rows without the run's own keys, in an order that every run gives alike.
TABLES = {
    "item results": (
        "SELECT ir.item_id, ir.unit_id, ir.assignment_id, ir.post_id, ir.category_id, si.name, ir.weight, ir.done,"
        " ir.percent_done, ir.deadline, ir.finished_on, ir.days_late, ir.returns, ir.indicators_total,"
        " ir.indicators_reached, ir.completion_points, ir.indicator_points, ir.quality, ir.quality_points,"
        " ir.late_deduction, ir.return_deduction, ir.earned"
        " FROM assessment_itemresult ir LEFT JOIN assessment_schemeindicator si ON si.id = ir.indicator_id"
        " WHERE ir.assessment_id = %s"
    ),
    "category results": (
        "SELECT cr.unit_id, pr.role, pr.post_id, cr.category_id, cr.items, cr.possible, cr.earned, cr.points"
        " FROM assessment_categoryresult cr LEFT JOIN assessment_personresult pr ON pr.id = cr.person_result_id"
        " WHERE cr.assessment_id = %s"
    ),
    "unit results": (
        'SELECT unit_id, items, base, bonus, deduction, total, grade, rank, veto, "group", floored, quota_limited,'
        ' "order" FROM assessment_unitresult WHERE assessment_id = %s'
    ),
    "person results": (
        'SELECT role, post_id, person_id, items, base, bonus, deduction, total, grade, rank, veto, "group",'
        ' floored, quota_limited, "order" FROM assessment_personresult WHERE assessment_id = %s'
    ),
    "event results": (
        "SELECT rule.name, ev.occurred_on, ev.item_id, ev.unit_id, ev.person_id, ev.description, ev.quantity,"
        " ev.amount, er.unit_id, pr.role, pr.post_id, er.points, er.applied, er.limited_by"
        " FROM assessment_eventresult er LEFT JOIN assessment_personresult pr ON pr.id = er.person_result_id"
        " JOIN assessment_scoreevent ev ON ev.id = er.event_id JOIN assessment_eventrule rule ON rule.id = ev.rule_id"
        " WHERE er.assessment_id = %s"
    ),
    "contribution results": (
        "SELECT item_id, assignment_id, unit_id, due, given_on, closed_on, deduction"
        " FROM assessment_contributionresult WHERE assessment_id = %s"
    ),
    "assessed results": (
        "SELECT si.name, ar.category_id, ar.unit_id, ar.possible, ar.earned, ar.value, ar.target, ar.reason"
        " FROM assessment_assessedresult ar JOIN assessment_schemeindicator si ON si.id = ar.indicator_id"
        " WHERE ar.assessment_id = %s"
    ),
}


def digest(assessment_id: int) -> dict[str, dict]:
    """Per table: its rows of the version and their md5."""
    from django.db import connection

    found = {}
    with connection.cursor() as cursor:
        for name, select in TABLES.items():
            cursor.execute(
                f"SELECT COUNT(*), md5(COALESCE(string_agg(r::text, E'\\n' ORDER BY r::text), '')) FROM ({select}) r",
                [assessment_id],
            )
            rows, md5 = cursor.fetchone()
            found[name] = {"rows": rows, "md5": md5}
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    year_options(parser)
    args = parser.parse_args()
    configure()
    from assessment.compute import compute

    scheme = the_year(args)
    assessment = compute(scheme, as_of=datetime.date(YEAR, 12, 31))
    print(json.dumps({"timings": assessment.timings, "tables": digest(assessment.pk)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
