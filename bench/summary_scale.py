"""How long the quarterly summary takes to draw up for a plan of many items, in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_summary .venv/bin/python bench/summary_scale.py --items 4000

Builds (untimed, with ``bulk_create``; a database of its own, reused) one organisation's published
plan of ``--items`` items over eight categories, in a fixed mix of statuses, a third of the open ones
overdue, the closed ones closed in the second quarter of 2021; ``--changed`` of them (every n-th
item) have a timeline step after that quarter's end (closed in July, from 办理中). Then it times
``workflow.summary.summarise`` for that past quarter (2021 Q2) and for the running one, ``--runs``
times each, and prints one JSON line with the medians (seconds) and the queries of one call.
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.lifecycle import configure, vacuum  # noqa: E402

TAG = "bench-summary-units"
MIX = ["in_progress"] * 6 + ["accepting", "rectifying", "extension_requested", "claimed", "closed", "closed"]


def build(items: int, changed: int) -> int:
    from django.db import transaction
    from django.utils import timezone

    from responsibility.models import Assignment, Category, ItemEvent, ResponsibilityItem, Unit, WorkPlan

    title = f"{TAG} {items}/{changed}"
    found = WorkPlan.objects.filter(title=title).first()
    if found is not None:
        return found.pk
    with transaction.atomic():
        org = Unit.objects.create(name=f"{TAG} {items}", kind=Unit.Kind.ORGANISATION)
        plan = WorkPlan.objects.create(organisation=org, year=2021, title=title, status=WorkPlan.Status.PUBLISHED)
        categories = Category.objects.bulk_create(
            Category(plan=plan, name=f"类别{n}", order=n, points=10) for n in range(1, 9)
        )
        closed_at = timezone.make_aware(datetime.datetime(2021, 6, 10, 10))
        rows = []
        for n in range(items):
            status = MIX[n % len(MIX)]
            deadline = datetime.date(2021, 5, 31) if n % 3 == 0 else datetime.date(2021, 12, 31)
            rectifying = status == "rectifying"
            rows.append(
                ResponsibilityItem(
                    plan=plan,
                    category=categories[n % len(categories)],
                    number=f"{n + 1}.",
                    title=f"事项{n + 1}",
                    order=n,
                    status=status,
                    deadline=deadline,
                    rectification_due=datetime.date(2021, 6, 15) if rectifying else None,
                    due_by=None if status == "closed" else (datetime.date(2021, 6, 15) if rectifying else deadline),
                    closed_at=closed_at if status == "closed" else None,
                    rag="" if status in ("claimed", "closed") else "green",
                    branch_count=1,
                )
            )
        made = ResponsibilityItem.objects.bulk_create(rows, batch_size=2000)
        unit = Unit.objects.create(name="司法所", parent=org)
        fields = ["status", "deadline", "rectification_due", "due_by", "closed_at"]
        Assignment.objects.bulk_create(
            (
                Assignment(
                    item=item, item_plan_id=item.plan_id, unit=unit, **{name: getattr(item, name) for name in fields}
                )
                for item in made
            ),
            batch_size=2000,
        )
        step = max(1, items // changed) if changed else 0
        moved = [item for item in made[::step] if item.status == "in_progress"][:changed] if step else []
        at = timezone.make_aware(datetime.datetime(2021, 7, 5, 10))
        for model, field in ((ResponsibilityItem, "pk"), (Assignment, "item")):
            model.objects.filter(**{f"{field}__in": [item.pk for item in moved]}).update(
                status="closed", closed_at=at, due_by=None
            )
        ItemEvent.objects.bulk_create(
            ItemEvent(
                item=item, kind=ItemEvent.Kind.ASSESSED, from_status="in_progress", to_status="closed", created_at=at
            )
            for item in moved
        )
    vacuum()
    return plan.pk


def timed(plan, year: int, quarter: int, runs: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from workflow.summary import summarise

    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        summarise(plan, year, quarter)
        seconds.append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        report = summarise(plan, year, quarter)
    return {
        "median_s": round(statistics.median(seconds), 3),
        "runs_s": [round(s, 3) for s in seconds],
        "queries": len(queries),
        "items": report.items,
        "overdue": sum(line.overdue for line in report.categories),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=4000)
    parser.add_argument("--changed", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    configure()
    from django.utils import timezone

    from responsibility.models import WorkPlan
    from workflow.summary import quarter_of

    plan = WorkPlan.objects.get(pk=build(args.items, args.changed))
    year, quarter = quarter_of(timezone.localdate())
    result = {
        "items": args.items,
        "changed": args.changed,
        "past_2021Q2": timed(plan, 2021, 2, args.runs),
        "running": timed(plan, year, quarter, args.runs),
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
