#!/usr/bin/env python
"""How long the supervision sweep takes over a large list, next to the floor of one bare UPDATE.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench .venv/bin/python bench/sweep.py --items 100000

Creates ``--items`` items in progress (untimed, once; reused by later runs of the same size): a
spread of deadlines over the year, monthly and quarterly reporting on different days, some
milestones, progress from 0 to 100, each with a responsible official. Then, on a copy of that
state each time (the sweep moves schedules forward):

* ``sweep``: one full ``workflow.supervision.sweep`` on a day in the middle of the year: report
  schedules, the light of every item, the due-soon / missed-report / overdue notices, and the
  escalation ladder (steps, timeline events, their notices);
* ``bare``: one ``UPDATE … SET rag = 'green'`` of the same rows, the floor for touching them;
* ``concurrent``: two sweeps started at the same moment in two processes, on the next day; then
  the duplicate notices (same item, kind and deadline twice: must be 0) and the notices missing
  against one sweep run alone.

Delivery is not timed: the sweep only queues it (``deliver_pending``), and here nothing runs it.
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import datetime
import json
import multiprocessing
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lifecycle import configure, vacuum

TAG = "bench-sweep"
DAY = datetime.date(2021, 6, 29)  # the day after a reporting deadline (the 28th) of a quarter of the items


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="sweeps timed (each on a fresh copy of the state)")
    return parser.parse_args()


# --- the list (untimed) ----------------------------------------------------------------------------


def build(n: int):
    from responsibility.models import ItemStatus, Milestone, Person, Post, ResponsibilityItem, Unit, WorkPlan

    street, _ = Unit.objects.get_or_create(parent=None, name=f"{TAG}街道", defaults={"kind": Unit.Kind.ORGANISATION})
    plan, _ = WorkPlan.objects.get_or_create(
        organisation=street, year=2021, title=f"{TAG}工作要点", defaults={"status": WorkPlan.Status.PUBLISHED}
    )
    if plan.items.count() == n:
        return plan
    plan.items.all().delete()
    posts = []
    for index in range(50):
        unit, _ = Unit.objects.get_or_create(parent=street, name=f"科室{index}")
        person, _ = Person.objects.get_or_create(username=f"{TAG}-{index}", defaults={"full_name": f"责任人{index}"})
        post, _ = Post.objects.get_or_create(unit=unit, title="责任人", role=Post.Role.OFFICIAL, holder=person)
        posts.append(post)
    rows = [_item(plan, posts, index, ItemStatus.IN_PROGRESS) for index in range(n)]
    ResponsibilityItem.objects.bulk_create(rows, batch_size=5000)
    ids = list(plan.items.order_by("id").values_list("id", flat=True))
    milestones = [
        Milestone(item_id=pk, due=datetime.date(2021, 3 + index % 7, 15), title="阶段目标", expected_percent=40)
        for index, pk in enumerate(ids)
        if index % 5 == 0
    ]
    Milestone.objects.bulk_create(milestones, batch_size=5000)
    return plan


def _item(plan, posts, index: int, status: str):
    from responsibility.models import ResponsibilityItem

    cadence = "monthly" if index % 3 else "quarterly"
    return ResponsibilityItem(
        plan=plan,
        order=index,
        number=f"{index + 1}.",
        title=f"第{index + 1}项工作",
        status=status,
        responsible_post=posts[index % len(posts)],
        deadline=datetime.date(2021, 1, 1) + datetime.timedelta(days=30 + index % 360),
        ongoing=index % 17 == 0,
        report_cadence=cadence,
        report_day=(25, 28, 30, None)[index % 4],
        started_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=index % 60),
        percent_done=index * 7 % 101,
    )


def prime(plan) -> None:
    """The state a daily sweep finds: everything up to yesterday already swept (untimed)."""
    from responsibility.models import ResponsibilityItem
    from workflow.models import Notification
    from workflow.supervision import sweep

    Notification.objects.filter(item__plan=plan).delete()
    ResponsibilityItem.objects.filter(plan=plan).update(next_report_due=None, reports_missed=0, rag="", rag_reason="")
    sweep(DAY - datetime.timedelta(days=1))


_state = {"last_notice": 0}


def snapshot(plan) -> None:
    """Keep the state to start every run from (the sweep changes it)."""
    from django.db import connection
    from django.db.models import Max

    from workflow.models import Notification

    _state["last_notice"] = Notification.objects.aggregate(m=Max("id"))["m"] or 0
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_sweep_state")
        cursor.execute(
            "CREATE TABLE bench_sweep_state AS SELECT id, next_report_due, reports_missed, rag, rag_reason,"
            " expected_percent FROM responsibility_responsibilityitem WHERE plan_id = %s",
            [plan.pk],
        )


def restore(plan) -> None:
    from django.db import connection

    from workflow.models import Notification

    Notification.objects.filter(item__plan=plan, pk__gt=_state["last_notice"]).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE responsibility_responsibilityitem i SET next_report_due = s.next_report_due,"
            " reports_missed = s.reports_missed, rag = s.rag, rag_reason = s.rag_reason,"
            " expected_percent = s.expected_percent FROM bench_sweep_state s WHERE s.id = i.id"
        )
    vacuum()


# --- the measurements ------------------------------------------------------------------------------


def time_sweep(day: datetime.date) -> tuple[float, dict]:
    from workflow.supervision import sweep

    started = time.perf_counter()
    result = sweep(day)
    return time.perf_counter() - started, result.as_dict()


def time_bare(plan) -> float:
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE responsibility_responsibilityitem SET rag = 'green' WHERE plan_id = %s AND status = ANY(%s)",
            [plan.pk, ["accepting", "in_progress", "extension_requested", "rectifying"]],
        )
    return time.perf_counter() - started


def concurrent(day: datetime.date) -> float:
    from django.db import connections

    connections.close_all()
    barrier = multiprocessing.Barrier(2)
    started = time.perf_counter()
    workers = [multiprocessing.Process(target=_sweep_at_barrier, args=(barrier, day)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if any(worker.exitcode for worker in workers):
        raise SystemExit("a concurrent sweep failed")
    return time.perf_counter() - started


def _sweep_at_barrier(barrier, day: datetime.date) -> None:
    from django.db import connections

    from workflow.supervision import sweep

    connections.close_all()
    barrier.wait()
    sweep(day)
    connections.close_all()


def notice_keys(plan) -> list[str]:
    from workflow.models import Notification

    return list(Notification.objects.filter(item__plan=plan).values_list("key", flat=True))


def duplicates(plan) -> int:
    from django.db.models import Count

    from workflow.models import Notification

    rows = Notification.objects.filter(item__plan=plan).values("item", "kind", "title").annotate(n=Count("id"))
    return sum(row["n"] - 1 for row in rows if row["n"] > 1)


def main() -> None:
    args = parse_args()
    configure()
    import workflow.notifications

    # Delivery is not the sweep's time (and with no REDIS_URL it would run here, eagerly).
    workflow.notifications.send_pending_after_commit = lambda: None
    plan = build(args.items)
    prime(plan)
    snapshot(plan)
    sweeps, bares, results = [], [], []
    for _ in range(args.runs):
        restore(plan)
        seconds, result = time_sweep(DAY)
        sweeps.append(seconds)
        results.append(result)
        restore(plan)
        bares.append(time_bare(plan))
    # Two sweeps at once against one alone, from the same state and on the same day.
    restore(plan)
    time_sweep(DAY)
    alone_day = DAY + datetime.timedelta(days=1)
    time_sweep(alone_day)
    alone = set(notice_keys(plan))
    restore(plan)
    time_sweep(DAY)
    concurrent_seconds = concurrent(alone_day)
    together = notice_keys(plan)
    sweep_median, bare_median = statistics.median(sweeps), statistics.median(bares)
    print(
        json.dumps(
            {
                "benchmark": "sweep",
                "items": args.items,
                "day": DAY.isoformat(),
                "sweep_seconds": round(sweep_median, 3),
                "bare_update_seconds": round(bare_median, 3),
                "ratio": round(sweep_median / bare_median, 2),
                "bar": 10,
                "goal": 3,
                "all_sweep_seconds": [round(s, 3) for s in sweeps],
                "all_bare_seconds": [round(s, 3) for s in bares],
                "notices": results[0]["notices"],
                "escalation_steps": results[0]["escalations"],
                "concurrent_seconds": round(concurrent_seconds, 3),
                "duplicate_notices": len(together) - len(set(together)) + duplicates(plan),
                "missing_notices": len(alone - set(together)),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
