#!/usr/bin/env python
"""How fast items go through their whole life, next to viewflow's own floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench .venv/bin/python bench/lifecycle.py --items 2000

Ours: each item is launched and taken through deploy → accept → work (report) → work (claim) →
verify (pass) → assess by ``workflow.services.complete``, the door the task pages use. Bare: as many
processes of ``bench/bareflow``, six plain View steps, each task assigned and executed the way
viewflow's own views do it. Both run in one process, then split over ``--workers`` processes.
Prints one JSON line on stdout; bench/README.md explains the figures.
"""

from __future__ import annotations

import argparse
import copy
import cProfile
import datetime
import io
import json
import multiprocessing
import os
import pstats
import re
import sys
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAG = "bench-lifecycle"  # prefix of every row this script creates, so it can clean up after itself
OURS_STEPS = ["deploy", "accept", "work:report", "work:claim", "verify", "assess"]
BARE_STEPS = ["step1", "step2", "step3", "step4", "step5", "step6"]
HUMAN_STEPS = len(OURS_STEPS)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=2000, help="items (and bare processes) per measurement")
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel measurement")
    parser.add_argument("--skip-parallel", action="store_true", help="measure in one process only")
    parser.add_argument("--rounds", type=int, default=8, help="parallel: alternate ours and bare this many times")
    parser.add_argument("--sample", type=int, default=20, help="items whose queries are counted (not timed)")
    parser.add_argument("--vacuum-every", type=int, default=250, help="VACUUM ANALYZE after this many lives")
    parser.add_argument("--profile", action="store_true", help="print SQL per step and a cProfile to stderr")
    return parser.parse_args()


# --- Django --------------------------------------------------------------------------------------


def configure() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not re.match(r"^(postgres|postgresql|pgsql)://", url):
        sys.exit("bench/lifecycle.py needs DATABASE_URL=postgres://… (a database it may fill and empty)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DEBUG", "false")
    sys.path.insert(0, str(ROOT))
    _create_database(url)

    import django
    from django.conf import settings

    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "bench.bareflow"]
    django.setup()

    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _create_database(url: str) -> None:
    import dj_database_url
    import psycopg

    db = dj_database_url.parse(url)
    params = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None}
    if db["PASSWORD"]:
        params["password"] = db["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]]).fetchone():
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')


# --- The cast and the items (not timed) ----------------------------------------------------------


@dataclass
class Cast:
    office: object
    official: object
    inspector: object
    assessor: object
    posts: dict
    justice: object
    plan: object


def clean() -> None:
    """Delete every row an earlier run of this script left behind, and nothing else."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from guardian.models import GroupObjectPermission
    from viewflow.workflow.models import Process

    from bench.bareflow.flows import BareFlow
    from responsibility.models import Person, Post, ResponsibilityItem, Unit, WorkPlan
    from workflow.flows import ItemFlow

    roots = list(Unit.objects.filter(parent=None, name__startswith=TAG))
    items = ResponsibilityItem.objects.filter(plan__organisation__in=roots)
    ids = list(items.values_list("pk", flat=True))
    Process.objects.filter(flow_class=BareFlow).delete()
    Process.objects.filter(flow_class=ItemFlow, artifact_object_id__in=ids).delete()
    ct = ContentType.objects.get_for_model(ResponsibilityItem)
    GroupObjectPermission.objects.filter(content_type=ct, object_pk__in=[str(pk) for pk in ids]).delete()
    items.delete()
    WorkPlan.objects.filter(organisation__in=roots).delete()
    units = Unit.objects.filter(Q(pk__in=[r.pk for r in roots]) | Q(parent__in=roots))
    posts = Post.objects.filter(unit__in=units)
    groups = [*posts.values_list("group_id", flat=True), *units.values_list("group_id", flat=True)]
    posts.delete()
    Unit.objects.filter(parent__in=roots).delete()
    Unit.objects.filter(pk__in=[r.pk for r in roots]).delete()
    Group.objects.filter(pk__in=[g for g in groups if g]).delete()
    Person.objects.filter(username__startswith=TAG).delete()


def vacuum(full: bool = False) -> None:
    """Stand in for autovacuum, off on some CI servers (untimed): without it dead rows pile up
    between and within runs and the planner works from no statistics at all."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM (FULL, ANALYZE)" if full else "VACUUM (ANALYZE)")


def build_cast() -> Cast:
    from responsibility.models import Person, Post, Unit, WorkPlan

    run = uuid.uuid4().hex[:8]
    root = Unit.objects.create(name=f"{TAG} {run}", kind=Unit.Kind.ORGANISATION)

    def unit(name: str) -> Unit:
        return Unit.objects.create(name=name, parent=root)

    def person(role: str):
        user = Person(username=f"{TAG}-{run}-{role}", full_name=role)
        user.set_unusable_password()
        user.save()
        return user

    def post(unit_, title: str, role: str, holder) -> Post:
        return Post.objects.create(unit=unit_, title=title, role=role, holder=holder)

    committee, office_unit, justice = unit("党工委"), unit("党政办"), unit("司法所")
    inspection, assessment = unit("督查室"), unit("考核组")
    office, leader, official = person("office"), person("leader"), person("official")
    inspector, assessor = person("inspector"), person("assessor")
    posts = {
        "office": post(office_unit, "法治办干事", Post.Role.OFFICE, office),
        "leader": post(committee, "分管副主任", Post.Role.LEADER, leader),
        "official": post(justice, "司法所所长", Post.Role.OFFICIAL, official),
        "inspector": post(inspection, "督查员", Post.Role.INSPECTOR, inspector),
        "assessor": post(assessment, "考核员", Post.Role.ASSESSOR, assessor),
    }
    plan = WorkPlan.objects.create(organisation=root, year=2030, title=f"{TAG} {run}", status="published")
    return Cast(office, official, inspector, assessor, posts, justice, plan)


def make_items(cast: Cast, n: int) -> list[tuple[object, int]]:
    """``n`` fresh items, each with one indicator, like a real line of the list: (item, indicator pk)."""
    from responsibility.models import Indicator, ResponsibilityItem

    start = ResponsibilityItem.objects.filter(plan=cast.plan).count()
    items = ResponsibilityItem.objects.bulk_create(
        ResponsibilityItem(
            plan=cast.plan,
            order=start + i,
            number=f"{start + i + 1}.",
            title=f"基准事项 {start + i + 1}",
            deadline=datetime.date(2030, 12, 31),
            lead_leader_post=cast.posts["leader"],
            lead_unit=cast.justice,
            responsible_post=cast.posts["official"],
            inspector_post=cast.posts["inspector"],
            assessor_post=cast.posts["assessor"],
            points=Decimal(10),
        )
        for i in range(n)
    )
    through = ResponsibilityItem.responsible_units.through
    through.objects.bulk_create(through(responsibilityitem=item, unit=cast.justice) for item in items)
    indicators = Indicator.objects.bulk_create(
        Indicator(item=item, name="法律咨询", unit="起", target_value=Decimal(200)) for item in items
    )
    fresh = ResponsibilityItem.objects.in_bulk([item.pk for item in items])
    return [(fresh[item.pk], indicator.pk) for item, indicator in zip(items, indicators, strict=True)]


# --- One life each (timed) -----------------------------------------------------------------------


def _nomark(_label: str) -> None:
    pass


def fresh(user):
    """A user as a page request sees it: loaded anew, no permission cache from the last request."""
    return copy.copy(user)


def next_task(process_pk: int) -> int:
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    active = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]
    tasks = Task.objects.filter(process_id=process_pk, status__in=active, flow_task_type="HUMAN")
    return tasks.values_list("pk", flat=True).get()


def ours_path(cast: Cast, indicator_pk: int) -> list[tuple[str, object, dict]]:
    posts = cast.posts
    indicator = f"indicator_{indicator_pk}"
    deploy = {
        "target": "全年法律咨询不少于200起",
        "lead_leader_post": posts["leader"].pk,
        "lead_unit": cast.justice.pk,
        "responsible_units": [cast.justice.pk],
        "responsible_post": posts["official"].pk,
        "inspector_post": posts["inspector"].pk,
        "assessor_post": posts["assessor"].pk,
        "deadline": "2030-12-31",
        "report_cadence": "quarterly",
        "points": "10",
        # The page posts the item's indicator and milestone tables back with the deployment, unchanged.
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "1",
        "indicators-0-id": str(indicator_pk),
        "indicators-0-name": "法律咨询",
        "indicators-0-unit": "起",
        "indicators-0-comparator": "gte",
        "indicators-0-target_value": "200.00",
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
    }
    report = {"action": "report", "period": "2030-03", "percent_done": "40", "narrative": "已接待咨询 80 起"}
    claim = {"action": "claim", "period": "2030-12", "percent_done": "100", "narrative": "全年完成"}
    return [
        ("deploy", cast.office, deploy),
        ("accept", cast.official, {"decision": "accept"}),
        ("work:report", cast.official, {**report, indicator: "80"}),
        ("work:claim", cast.official, {**claim, indicator: "213"}),
        ("verify", cast.inspector, {"decision": "pass", "comments": "材料齐全"}),
        ("assess", cast.assessor, {"quality": "8", "comment": "较好"}),
    ]


def live_ours(cast: Cast, item, indicator_pk: int, mark: Callable[[str], None] = _nomark) -> None:
    from workflow import services

    mark("launch")
    process = services.launch(item, fresh(cast.office))
    for label, user, data in ours_path(cast, indicator_pk):
        mark(label)
        form = services.complete(fresh(user), next_task(process.pk), data, {})
        if not form.is_valid():
            raise RuntimeError(f"{label}: {form.errors.as_json()}")
    mark("")


def live_bare(cast: Cast, mark: Callable[[str], None] = _nomark) -> None:
    from bench.bareflow import flows

    users = [cast.office, cast.official, cast.official, cast.official, cast.inspector, cast.assessor]
    mark("start")
    process = flows.BareFlow.start.run()
    for label, user in zip(BARE_STEPS, users, strict=True):
        mark(label)
        flows.complete(fresh(user), next_task(process.pk))
    mark("")


def run_ours(cast: Cast, items: list[tuple[object, int]]) -> None:
    for item, indicator_pk in items:
        live_ours(cast, item, indicator_pk)


def run_bare(cast: Cast, n: int) -> None:
    for _ in range(n):
        live_bare(cast)


# --- Measuring -----------------------------------------------------------------------------------


class StepMeter:
    """Counts queries and wall time per step label; optionally keeps the SQL."""

    def __init__(self, keep_sql: bool = False):
        self.queries: Counter[str] = Counter()
        self.seconds: Counter[str] = Counter()
        self.sql: dict[str, list[str]] = defaultdict(list)
        self.keep_sql = keep_sql
        self.label = ""
        self.since = time.perf_counter()

    def mark(self, label: str) -> None:
        now = time.perf_counter()
        if self.label:
            self.seconds[self.label] += now - self.since
        self.label, self.since = label, now

    def __call__(self, execute, sql, params, many, context):
        self.queries[self.label] += 1
        if self.keep_sql:
            self.sql[self.label].append(sql)
        return execute(sql, params, many, context)


def sample(cast: Cast, n: int, keep_sql: bool) -> dict:
    """Queries and milliseconds per step over ``n`` lives of each kind (also the warm-up)."""
    from django.db import connection

    result = {}
    for kind in ("ours", "bare"):
        meter = StepMeter(keep_sql and kind == "ours")
        items = make_items(cast, n) if kind == "ours" else []
        with connection.execute_wrapper(meter):
            for i in range(n):
                if kind == "ours":
                    live_ours(cast, *items[i], mark=meter.mark)
                else:
                    live_bare(cast, mark=meter.mark)
        total = sum(meter.queries.values())
        result[kind] = {
            "queries_per_task": round(total / (n * HUMAN_STEPS), 2),
            "queries_per_step": {k: round(v / n, 2) for k, v in meter.queries.items()},
            "ms_per_step": {k: round(1000 * v / n, 2) for k, v in meter.seconds.items()},
        }
        if keep_sql and kind == "ours":
            _print_sql(meter, n)
    return result


def _print_sql(meter: StepMeter, n: int) -> None:
    for label, statements in meter.sql.items():
        print(f"\n== {label}: {len(statements) / n:.1f} queries", file=sys.stderr)
        shapes = Counter(re.sub(r"\s+", " ", s)[:160] for s in statements)
        for shape, count in shapes.most_common():
            print(f"  {count / n:4.1f}  {shape}", file=sys.stderr)


def profile(cast: Cast, n: int) -> None:
    for kind in ("ours", "bare"):
        items = make_items(cast, n) if kind == "ours" else []
        profiler = cProfile.Profile()
        profiler.enable()
        if kind == "ours":
            run_ours(cast, items)
        else:
            run_bare(cast, n)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
        print(f"\n==== cProfile {kind}, {n} lives\n{out.getvalue()}", file=sys.stderr)


def serial(cast: Cast, n: int, vacuum_every: int) -> dict:
    """One ours life, then one bare life, and so on: drift on a shared machine hits both alike."""
    seconds = {"ours": 0.0, "bare": 0.0}
    for i, (item, indicator_pk) in enumerate(make_items(cast, n)):
        if i % vacuum_every == 0:
            vacuum()
        started = time.monotonic()
        live_ours(cast, item, indicator_pk)
        middle = time.monotonic()
        live_bare(cast)
        seconds["ours"] += middle - started
        seconds["bare"] += time.monotonic() - middle
    return _rates(n, seconds)


def parallel(cast: Cast, n: int, rounds: int, workers: int) -> dict:
    """Ours and bare alternate in ``rounds`` chunks, each chunk split over ``workers`` processes."""
    seconds = {"ours": 0.0, "bare": 0.0}
    for chunk in _chunks(n, rounds):
        items = make_items(cast, chunk)
        vacuum()
        seconds["ours"] += _fork([(run_ours, (cast, part)) for part in _split(items, workers)])
        vacuum()
        seconds["bare"] += _fork([(run_bare, (cast, len(part))) for part in _split(range(chunk), workers)])
    return {"workers": workers, "rounds": rounds, **_rates(n, seconds)}


def _fork(jobs: list[tuple[Callable, tuple]]) -> float:
    """Run each job in its own forked process, started together; wall seconds until the last ends."""
    from django.db import connections

    connections.close_all()  # a forked child must never share the parent's socket
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(len(jobs), timeout=300), ctx.Queue()
    children = [ctx.Process(target=_child, args=(func, args, barrier, results)) for func, args in jobs]
    for child in children:
        child.start()
    outcomes = [results.get(timeout=3600) for _ in children]
    for child in children:
        child.join()
    errors = [error for _start, _end, error in outcomes if error]
    if errors:
        raise RuntimeError("; ".join(errors))
    return max(end for _s, end, _e in outcomes) - min(start for start, _e, _x in outcomes)


def _child(func: Callable, args: tuple, barrier, results) -> None:
    from django.db import connection

    try:
        connection.ensure_connection()
        barrier.wait()
        started = time.monotonic()
        func(*args)
        results.put((started, time.monotonic(), None))
    except Exception as exc:
        barrier.abort()
        results.put((0.0, 0.0, f"{type(exc).__name__}: {exc}"))
    finally:
        connection.close()


def _chunks(n: int, rounds: int) -> list[int]:
    rounds = max(1, min(rounds, n))
    return [n // rounds + (1 if i < n % rounds else 0) for i in range(rounds)]


def _split(seq, parts: int) -> list[list]:
    seq = list(seq)
    return [seq[i::parts] for i in range(parts)]


def _rates(n: int, seconds: dict[str, float]) -> dict:
    tasks = n * HUMAN_STEPS
    ours, bare = tasks / seconds["ours"], tasks / seconds["bare"]
    return {
        "ours_tasks_per_s": round(ours, 1),
        "bare_tasks_per_s": round(bare, 1),
        "ratio": round(ours / bare, 3),
        "ours_seconds": round(seconds["ours"], 2),
        "bare_seconds": round(seconds["bare"], 2),
    }


def server_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0].split()[0]


def main() -> None:
    args = parse_args()
    configure()
    clean()
    vacuum(full=True)
    cast = build_cast()
    counts = sample(cast, max(1, args.sample), keep_sql=args.profile)
    if args.profile:
        profile(cast, max(1, args.sample))
    result = {
        "bench": "lifecycle",
        "items": args.items,
        "human_steps_per_item": HUMAN_STEPS,
        "one_process": serial(cast, args.items, max(1, args.vacuum_every)),
        "queries_per_task": {"ours": counts["ours"]["queries_per_task"], "bare": counts["bare"]["queries_per_task"]},
    }
    if not args.skip_parallel:
        result["parallel"] = parallel(cast, args.items, args.rounds, args.workers)
    result["per_step"] = counts
    result["machine"] = {"nproc": os.cpu_count(), "postgresql": server_version()}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
