#!/usr/bin/env python
"""How long the supervision sweep takes over a large list, next to the floor of one bare UPDATE.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench .venv/bin/python bench/sweep.py --items 100000

Creates ``--items`` items in progress (untimed, once; reused by later runs of the same size): a
spread of deadlines over the year, monthly and quarterly reporting on different days, some
milestones, progress from 0 to 100. Each item is deployed to its units as deploy and acceptance
leave them (分办): one item in four to three units (a lead and two responsible units, each with its
own deadline, progress, schedule, light and ladder step), the others to one; one item in five has
a cooperating unit (会办) whose date falls between April and August, half of them given, half still
owed. ``--without-units`` builds the list as it was before items had units. Then, on a copy of
that state each time (the sweep moves schedules forward, raises the ladder and writes the timeline;
all of it is put back before each run):

* ``sweep``: one full ``workflow.supervision.sweep`` on a day in the middle of the year: report
  schedules, the light of every unit and item, the owed contributions' lights and the missed ones
  on the timeline, the due-soon / missed-report / overdue / 会办 notices, the escalation ladder
  (steps, timeline events, their notices), the items' supervision derived from their units, and
  the day's light history; each step's seconds too (``sweep_steps_seconds``);
* ``bare``: ``UPDATE … SET rag = 'green'`` of the same rows, the floor for touching them: the lit
  items and the lit assignments of their units (one UPDATE each, in one transaction;
  ``bare_items_only_seconds`` is the items' share, the floor before items had units);
* ``concurrent``: two sweeps started at the same moment in two processes, on the next day; then
  the duplicate notices (same person, item, kind and title twice, or a key twice: must be 0), the
  notices missing against one sweep run alone, and the same for the timeline's ladder steps and
  missed 会办.

The sweep covers every published plan of the database: give the benchmark a database of its own.
Delivery is not timed: the sweep only queues it (``deliver_pending``), and here nothing runs it.
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import datetime
import json
import multiprocessing
import os
import statistics
import subprocess
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
    parser.add_argument(
        "--without-units", action="store_true", help="items without units, as the benchmark built them before 分办"
    )
    parser.add_argument(
        "--organisations", type=int, default=1, help="split the items over this many organisations, a plan each"
    )
    parser.add_argument(
        "--reuse-primed",
        action="store_true",
        help="start from the primed state an earlier run of the same list kept (skips the untimed priming sweep,"
        " which at 100,000 items in several organisations takes most of an hour)",
    )
    parser.add_argument(
        "--workers",
        default="",
        help="e.g. 1,2: instead of the in-process measurements, the fan-out (one task per organisation) run by a"
        " real Celery worker of each of these concurrencies, on Redis (REDIS_URL, default redis://127.0.0.1:6379/14)",
    )
    return parser.parse_args()


# --- the list (untimed) ----------------------------------------------------------------------------


def build(n: int, with_units: bool = True, organisations: int = 1) -> list:
    """The list split over ``organisations`` (一个街道 each, with its own plan, units and people): the
    first keeps the name, units and people it had when the bench built one organisation only."""
    plans = [
        _build_one(n // organisations + (1 if k < n % organisations else 0), with_units, k)
        for k in range(organisations)
    ]
    from responsibility.models import WorkPlan

    # The sweep's only plans: an earlier split of the same database is set aside.
    WorkPlan.objects.filter(title__startswith=TAG).exclude(pk__in=[plan.pk for plan in plans]).update(
        status=WorkPlan.Status.DRAFT
    )
    return plans


def _build_one(n: int, with_units: bool, k: int):
    from responsibility.models import Milestone, Person, Post, ResponsibilityItem, Unit, WorkPlan

    name, people = (f"{TAG}街道", TAG) if k == 0 else (f"{TAG}街道{k + 1}", f"{TAG}{k + 1}")
    street, _ = Unit.objects.get_or_create(parent=None, name=name, defaults={"kind": Unit.Kind.ORGANISATION})
    # Items deployed to units (分办, 会办) and items without units are two lists: each run finds its own.
    title = f"{TAG}工作要点" + ("（分办会办）" if with_units else "")
    plan, _ = WorkPlan.objects.get_or_create(
        organisation=street, year=2021, title=title, defaults={"status": WorkPlan.Status.PUBLISHED}
    )
    WorkPlan.objects.filter(organisation=street).exclude(pk=plan.pk).update(status=WorkPlan.Status.DRAFT)
    WorkPlan.objects.filter(pk=plan.pk).update(status=WorkPlan.Status.PUBLISHED)
    if plan.items.count() == n:
        return plan
    from responsibility.timeline import purge

    with purge():  # the timeline of the items built before goes with them
        plan.items.all().delete()
    posts = []
    for index in range(50):
        unit, _ = Unit.objects.get_or_create(parent=street, name=f"科室{index}")
        person, _ = Person.objects.get_or_create(username=f"{people}-{index}", defaults={"full_name": f"责任人{index}"})
        post, _ = Post.objects.get_or_create(unit=unit, title="责任人", role=Post.Role.OFFICIAL, holder=person)
        posts.append(post)
    rows = [_item(plan, posts, index, with_units) for index in range(n)]
    ResponsibilityItem.objects.bulk_create(rows, batch_size=5000)
    items = list(plan.items.order_by("id"))
    milestones = [
        Milestone(item_id=item.pk, due=datetime.date(2021, 3 + index % 7, 15), title="阶段目标", expected_percent=40)
        for index, item in enumerate(items)
        if index % 5 == 0
    ]
    Milestone.objects.bulk_create(milestones, batch_size=5000)
    if with_units:
        _hand_out(items, posts)
    return plan


def _item(plan, posts, index: int, with_units: bool):
    from responsibility.models import ItemStatus, ResponsibilityItem

    cadence = "monthly" if index % 3 else "quarterly"
    units = (3 if index // 4 % 4 == 1 else 1) if with_units else 0  # on every report day alike
    deadline = datetime.date(2021, 1, 1) + datetime.timedelta(days=30 + index % 360)
    ongoing = index % 17 == 0
    return ResponsibilityItem(
        plan=plan,
        order=index,
        number=f"{index + 1}.",
        title=f"第{index + 1}项工作",
        status=ItemStatus.IN_PROGRESS,
        responsible_post=posts[index % len(posts)],
        lead_unit=posts[index % len(posts)].unit if with_units else None,
        deadline=deadline,
        ongoing=ongoing,
        due_by=None if ongoing else deadline,  # as save() sets it; bulk_create does not call save()
        report_cadence=cadence,
        report_day=(25, 28, 30, None)[index % 4],
        started_on=datetime.date(2021, 1, 1) + datetime.timedelta(days=index % 60),
        percent_done=index * 7 % 101,
        branch_count=units,
        contribution_count=1 if with_units and index % 5 == 2 else 0,
    )


# The 会办 dates: spread over 150 days from 1 April, so that each day of the summer some fall due.
CONTRIBUTIONS_FROM = datetime.date(2021, 4, 1)


def _hand_out(items: list, posts: list) -> None:
    """Each item's units as deploy and acceptance leave them: the lead unit (the item's official's);
    on one item in four two responsible units more, due a week and two weeks after the lead (the
    item is due by its nearest), each at its own progress; on every fifth a cooperating unit whose
    会办 date falls between April and August, given (on time) by half of them, still owed by the
    other half (the sweep lights those by date and, the day after, records them missed)."""
    from django.db import connection

    from responsibility.models import Assignment, ItemStatus

    rows = []
    for index, item in enumerate(items):
        for order in range(item.branch_count):
            post = posts[(index + order) % len(posts)]
            deadline = item.deadline + datetime.timedelta(days=7 * order)
            rows.append(
                Assignment(
                    item=item,
                    item_plan_id=item.plan_id,
                    unit_id=post.unit_id,
                    role=Assignment.Role.RESPONSIBLE if order else Assignment.Role.LEAD,
                    post=post,
                    order=order,
                    deadline=None if item.ongoing else deadline,
                    original_deadline=None if item.ongoing else deadline,
                    due_by=None if item.ongoing else deadline,
                    status=ItemStatus.IN_PROGRESS,
                    started_on=item.started_on,
                    percent_done=(item.percent_done + 30 * order) % 101,
                )
            )
        if item.contribution_count:
            post = posts[(index + 3) % len(posts)]
            due = CONTRIBUTIONS_FROM + datetime.timedelta(days=index // 5 % 150)
            given = index // 5 // 150 % 2 == 0  # half of the units due on each date
            rows.append(
                Assignment(
                    item=item,
                    item_plan_id=item.plan_id,
                    unit_id=post.unit_id,
                    role=Assignment.Role.COOPERATING,
                    post=post,
                    order=3,
                    deadline=due,
                    original_deadline=due,
                    due_by=due,
                    status=ItemStatus.CLOSED if given else ItemStatus.IN_PROGRESS,
                    started_on=item.started_on,
                )
            )
    Assignment.objects.bulk_create(rows, batch_size=5000)
    ids = [item.pk for item in items]
    with connection.cursor() as cursor:
        # The item shows its units together, as ``assignments.derive`` leaves it: their mean progress.
        cursor.execute(
            "UPDATE responsibility_responsibilityitem i SET percent_done = s.mean FROM (SELECT item_id,"
            " FLOOR(AVG(percent_done)) AS mean FROM responsibility_assignment WHERE role <> 'cooperating'"
            " AND item_id = ANY(%s) GROUP BY item_id HAVING COUNT(*) > 1) s WHERE s.item_id = i.id",
            [ids],
        )
        # A contribution given: its event on the timeline, three days before its date.
        cursor.execute(
            "INSERT INTO responsibility_itemevent (item_id, assignment_id, kind, from_status, to_status, note, data,"
            " created_at) SELECT a.item_id, a.id, 'contributed', 'in_progress', 'closed', '', '{}',"
            " ((a.deadline - 3) + TIME '10:00') AT TIME ZONE 'Asia/Shanghai' FROM responsibility_assignment a"
            " WHERE a.role = 'cooperating' AND a.status = 'closed' AND a.item_id = ANY(%s)",
            [ids],
        )


STATE = "next_report_due, reports_missed, rag, rag_reason, expected_percent, escalation_level"
LIT = ["accepting", "in_progress", "extension_requested", "rectifying"]


def _ids(plans) -> list[int]:
    return [plan.pk for plan in plans]


def prime(plans) -> None:
    """The state a daily sweep finds: everything up to yesterday already swept (untimed)."""
    from django.db import connection

    from responsibility.timeline import purge
    from workflow.models import Notification
    from workflow.supervision import sweep

    Notification.objects.filter(item__plan__in=plans).delete()
    # The timeline is append-only but for its owner's deliberate purge (as the demo's removal).
    with purge(), connection.cursor() as cursor:
        # What an earlier run's sweeps put on the timeline goes: the ladder and the missed 会办 start again.
        _forget_events(cursor, plans, "e.kind IN ('escalated', 'contribution_missed')", [])
        # And the deadlines they recorded missed: the schedules start again, and record them again.
        cursor.execute(
            "DELETE FROM responsibility_missedreport m USING responsibility_responsibilityitem i"
            " WHERE m.item_id = i.id AND i.plan_id = ANY(%s)",
            [_ids(plans)],
        )
        for table, of_plan in _tables():
            cursor.execute(
                f"UPDATE {table} SET next_report_due = NULL, reports_missed = 0, rag = '', rag_reason = '',"
                f" escalation_level = 0 WHERE {of_plan}",
                [_ids(plans)],
            )
    # Statistics first: autovacuum may be off (it is on this machine), and on a freshly built list
    # the planner's empty tables made the first sweep's DISTINCT of the deadlines a nested loop over
    # every item that ran for most of an hour.
    vacuum()
    sweep(DAY - datetime.timedelta(days=1))


def _forget_events(cursor, plans, which: str, params: list) -> None:
    """Delete the plans' timeline events ``which`` says, and the 督办通知单 numbers of the steps among
    them (inside ``purge()``: the timeline is append-only but for its owner's deliberate purge)."""
    events = (
        "SELECT e.id FROM responsibility_itemevent e JOIN responsibility_responsibilityitem i ON i.id = e.item_id"
        f" WHERE i.plan_id = ANY(%s) AND {which}"
    )
    cursor.execute(f"DELETE FROM workflow_escalationnotice WHERE event_id IN ({events})", [_ids(plans), *params])
    cursor.execute(f"DELETE FROM responsibility_itemevent WHERE id IN ({events})", [_ids(plans), *params])


def _tables() -> list[tuple[str, str]]:
    """The rows the sweep keeps: the plans' items, and their units' assignments."""
    return [
        ("responsibility_responsibilityitem", "plan_id = ANY(%s)"),
        (
            "responsibility_assignment",
            "item_id IN (SELECT id FROM responsibility_responsibilityitem WHERE plan_id = ANY(%s))",
        ),
    ]


_state = {"last_notice": 0, "last_event": 0, "last_missed": 0}


def snapshot(plans) -> None:
    """Keep the state to start every run from (the sweep changes it)."""
    from django.db import connection
    from django.db.models import Max

    from responsibility.models import ItemEvent, MissedReport
    from workflow.models import Notification

    _state["last_notice"] = Notification.objects.aggregate(m=Max("id"))["m"] or 0
    _state["last_event"] = ItemEvent.objects.aggregate(m=Max("id"))["m"] or 0
    _state["last_missed"] = MissedReport.objects.aggregate(m=Max("id"))["m"] or 0
    with connection.cursor() as cursor:
        for table, of_plan in _tables():
            cursor.execute(f"DROP TABLE IF EXISTS bench_state_{table}")
            cursor.execute(
                f"CREATE TABLE bench_state_{table} AS SELECT id, {STATE} FROM {table} WHERE {of_plan}", [_ids(plans)]
            )
        cursor.execute("DROP TABLE IF EXISTS bench_state_meta")
        cursor.execute("CREATE TABLE bench_state_meta (plans integer[], state jsonb)")
        cursor.execute("INSERT INTO bench_state_meta VALUES (%s, %s)", [sorted(_ids(plans)), json.dumps(_state)])


def primed(plans) -> bool:
    """Whether an earlier run kept the primed state of these very plans (then it is loaded)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_state_meta') IS NOT NULL")
        if not cursor.fetchone()[0]:
            return False
        cursor.execute("SELECT state FROM bench_state_meta WHERE plans = %s::integer[]", [sorted(_ids(plans))])
        row = cursor.fetchone()
    if row is None:
        return False
    _state.update(row[0] if isinstance(row[0], dict) else json.loads(row[0]))
    return True


def restore(plans) -> None:
    """Back to the snapshot: the rows' supervision, and no notice, timeline event or missed deadline
    of a later sweep (the ladder's steps, the missed 会办 and 漏报 are taken again, as the first run took them)."""
    from django.db import connection

    from responsibility.timeline import purge
    from workflow.models import Notification

    Notification.objects.filter(item__plan__in=plans, pk__gt=_state["last_notice"]).delete()
    with purge(), connection.cursor() as cursor:
        _forget_events(cursor, plans, "e.id > %s", [_state["last_event"]])
        cursor.execute(
            "DELETE FROM responsibility_missedreport m USING responsibility_responsibilityitem i"
            " WHERE m.item_id = i.id AND i.plan_id = ANY(%s) AND m.id > %s",
            [_ids(plans), _state["last_missed"]],
        )
        for table, _of_plan in _tables():
            sets = ", ".join(f"{column} = s.{column}" for column in STATE.split(", "))
            cursor.execute(f"UPDATE {table} t SET {sets} FROM bench_state_{table} s WHERE s.id = t.id")
    vacuum()


# --- the measurements ------------------------------------------------------------------------------


def time_sweep(day: datetime.date) -> tuple[float, dict]:
    from workflow.supervision import sweep

    started = time.perf_counter()
    result = sweep(day)
    return time.perf_counter() - started, result.as_dict()


def time_bare(plans) -> tuple[float, float]:
    """The floor: every lit row the sweep supervises set green, the items and their units' assignments
    (cooperating ones included), in one transaction. Returns the whole time and the items' share."""
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE responsibility_responsibilityitem SET rag = 'green' WHERE plan_id = ANY(%s) AND status = ANY(%s)",
            [_ids(plans), LIT],
        )
        items = time.perf_counter() - started
        cursor.execute(
            "UPDATE responsibility_assignment SET rag = 'green' WHERE status = ANY(%s)"
            " AND item_id IN (SELECT id FROM responsibility_responsibilityitem WHERE plan_id = ANY(%s))",
            [LIT, _ids(plans)],
        )
    return time.perf_counter() - started, items


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


RESULT_KEYS = ("relit", "notices", "escalations", "contributions_missed", "missed_reports_recorded")


def missed_recorded() -> int:
    """The missed reporting deadlines (漏报) the sweep just recorded."""
    from responsibility.models import MissedReport

    return MissedReport.objects.filter(pk__gt=_state["last_missed"]).count()


def notice_keys(plans) -> list[str]:
    from workflow.models import Notification

    return list(Notification.objects.filter(item__plan__in=plans).values_list("key", flat=True))


def duplicates(plans) -> int:
    """Notices stored twice for one person: the same item, kind and title."""
    from django.db.models import Count

    from workflow.models import Notification

    rows = (
        Notification.objects.filter(item__plan__in=plans)
        .values("recipient", "item", "kind", "title")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    return sum(row["n"] - 1 for row in rows)


def timeline(plans) -> list[tuple]:
    """What the sweeps put on the timeline: the ladder's steps and the missed 会办, each (item, unit's
    assignment, kind, data)."""
    from responsibility.models import ItemEvent

    events = ItemEvent.objects.filter(item__plan__in=plans, kind__in=["escalated", "contribution_missed"])
    return [
        (item, assignment, kind, str(data))
        for item, assignment, kind, data in events.values_list("item", "assignment", "kind", "data")
    ]


def shape(plans) -> dict:
    from django.db.models import Count

    from responsibility.models import Assignment, ResponsibilityItem

    widths = (
        ResponsibilityItem.objects.filter(plan__in=plans).order_by().values_list("branch_count").annotate(n=Count("*"))
    )
    roles = Assignment.objects.filter(item__plan__in=plans).order_by().values_list("role").annotate(n=Count("*"))
    return {"items_by_units": dict(widths), "assignments": dict(roles)}


_steps: dict[str, float] = {}


def time_steps() -> None:
    """Time the sweep's steps (seconds summed per step over one sweep, in ``_steps``) by wrapping the
    functions it calls where it looks them up: the product is measured as it is, not changed."""
    import responsibility.contributions
    import workflow.lights
    import workflow.supervision

    def timed(name, function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                _steps[name] = _steps.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    for module, name in (
        (workflow.supervision, "advance_schedules"),
        (workflow.supervision, "light_rows"),
        (responsibility.contributions, "record_missed"),
        (workflow.supervision, "store_notices"),
        (workflow.supervision, "apply_rules"),
        (workflow.supervision, "derive_supervision"),
        (workflow.lights, "record"),
    ):
        setattr(module, name, timed(name, getattr(module, name)))


# --- the fan-out: one task per organisation, run by real workers ----------------------------------

ROOT = Path(__file__).resolve().parent.parent


def start_worker(concurrency: int) -> subprocess.Popen:
    """A Celery worker on the sweeps queue with ``concurrency`` processes, on the bench's database
    and Redis; returns once it answers a ping."""
    from config import celery_app

    env = {**os.environ, "CELERY_TASK_ALWAYS_EAGER": "false", "LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", "sweeps", "-c", str(concurrency)]
    log = open(f"/tmp/bench-sweep-worker-{os.getpid()}.log", "a")
    worker = subprocess.Popen(
        [*command, "--loglevel=WARNING", "-n", f"bench{concurrency}@%h"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while not celery_app.control.ping(timeout=1.0):
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start (see {log.name})")
    return worker


def stop_worker(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=60)
    except subprocess.TimeoutExpired:
        worker.kill()


def time_fan_out(day: datetime.date) -> tuple[float, dict]:
    """From queueing the organisations' sweeps to their summary done (the chord's last task)."""
    from workflow.supervision import organisations_to_sweep
    from workflow.tasks import sweep_all

    started = time.perf_counter()
    summary = sweep_all(day.isoformat(), organisations_to_sweep()).get(timeout=3600)
    return time.perf_counter() - started, summary


def with_workers(plans, concurrencies: list[int], runs: int) -> dict:
    """The sweep of every organisation as one transaction in this process (``manage.py supervise``),
    then the fan-out run by a worker of each concurrency; each run from the same state."""
    from workflow.supervision import sweep

    single, single_result, steps = [], None, []
    for _ in range(runs):
        restore(plans)
        _steps.clear()
        started = time.perf_counter()
        single_result = sweep(DAY).as_dict()
        single.append(time.perf_counter() - started)
        steps.append(dict(_steps))
    measured = {
        "single_sweep_in_process": {
            **_times(single),
            "steps_seconds": {k: round(statistics.median(t.get(k, 0) for t in steps), 3) for k in steps[0]},
            "result": single_result,
        }
    }
    for concurrency in concurrencies:
        worker = start_worker(concurrency)
        try:
            times, summaries = [], []
            for _ in range(runs):
                restore(plans)
                seconds, summary = time_fan_out(DAY)
                times.append(seconds)
                summaries.append(summary)
        finally:
            stop_worker(worker)
        measured[f"fan_out_{concurrency}_worker_processes"] = {
            **_times(times),
            "same_as_single_sweep": all(_same(summary, single_result) for summary in summaries),
            "failed": sorted({o for summary in summaries for o in summary["failed"]}),
        }
    return measured


def _times(seconds: list[float]) -> dict:
    return {"median_seconds": round(statistics.median(seconds), 3), "all_seconds": [round(s, 3) for s in seconds]}


def _same(summary: dict, single: dict) -> bool:
    """The organisations' sweeps added up say what one sweep of everything said (``already_stored``
    aside: each organisation counts its own)."""
    names = ("relit", "escalations", "counted", "contributions_missed")
    notices = {k: v for k, v in summary["notices"].items() if k != "already_stored"}
    expected = {k: v for k, v in single["notices"].items() if k != "already_stored"}
    return all(summary[name] == single[name] for name in names) and notices == expected


def main() -> None:
    args = parse_args()
    if args.workers:
        os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")  # broker and results, before settings
    configure()
    import workflow.notifications

    # Delivery is not the sweep's time (and with no REDIS_URL it would run here, eagerly).
    workflow.notifications.send_pending_after_commit = lambda: None
    time_steps()
    plans = build(args.items, with_units=not args.without_units, organisations=args.organisations)
    if not (args.reuse_primed and primed(plans)):
        prime(plans)
        snapshot(plans)
    if args.workers:
        import redis

        redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()  # nothing left of an earlier run
        measured = with_workers(plans, [int(n) for n in args.workers.split(",")], args.runs)
        print(
            json.dumps(
                {
                    "benchmark": "sweep-workers",
                    "items": args.items,
                    "organisations": len(plans),
                    **shape(plans),
                    "day": DAY.isoformat(),
                    **measured,
                },
                ensure_ascii=False,
            )
        )
        return
    sweeps, bares, bare_items, results, steps = [], [], [], [], []
    for _ in range(args.runs):
        restore(plans)
        _steps.clear()
        seconds, result = time_sweep(DAY)
        sweeps.append(seconds)
        results.append({**result, "missed_reports_recorded": missed_recorded()})
        steps.append(dict(_steps))
        restore(plans)
        whole, items = time_bare(plans)
        bares.append(whole)
        bare_items.append(items)
    # Two sweeps at once against one alone, from the same state and on the same day.
    restore(plans)
    time_sweep(DAY)
    alone_day = DAY + datetime.timedelta(days=1)
    time_sweep(alone_day)
    alone, alone_events = set(notice_keys(plans)), set(timeline(plans))
    restore(plans)
    time_sweep(DAY)
    concurrent_seconds = concurrent(alone_day)
    together, together_events = notice_keys(plans), timeline(plans)
    sweep_median, bare_median = statistics.median(sweeps), statistics.median(bares)
    print(
        json.dumps(
            {
                "benchmark": "sweep",
                "items": args.items,
                **shape(plans),
                "day": DAY.isoformat(),
                "sweep_seconds": round(sweep_median, 3),
                "bare_update_seconds": round(bare_median, 3),
                "ratio": round(sweep_median / bare_median, 2),
                "bar": 10,
                "goal": 3,
                "all_sweep_seconds": [round(s, 3) for s in sweeps],
                "all_bare_seconds": [round(s, 3) for s in bares],
                "bare_items_only_seconds": round(statistics.median(bare_items), 3),
                "sweep_steps_seconds": {k: round(statistics.median(t.get(k, 0) for t in steps), 3) for k in steps[0]},
                "results": [{k: r[k] for k in RESULT_KEYS} for r in results],
                "concurrent_seconds": round(concurrent_seconds, 3),
                "duplicate_notices": len(together) - len(set(together)) + duplicates(plans),
                "missing_notices": len(alone - set(together)),
                "duplicate_events": len(together_events) - len(set(together_events)),
                "missing_events": len(alone_events - set(together_events)),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
