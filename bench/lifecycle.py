#!/usr/bin/env python
"""How fast items go through their whole life, next to viewflow's own floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench .venv/bin/python bench/lifecycle.py --items 2000

Ours: each item of one unit, and each of three units (分办), is launched and deployed, then each unit's
branch is taken through accept → work (report) → work (claim) → verify (pass) → assess, every step by
``workflow.services.complete``, the door the task pages use. Bare: as many processes of
``bench/bareflow`` with as many human tasks and a split of the same width (deploy, viewflow's Split,
five plain View steps a branch, its Join), each task assigned and executed the way viewflow's own
views do it. Procs (issue 12's other design): the same human tasks in bare viewflow with one process
per unit (``BareUnitsFlow`` starts a ``BareUnitFlow`` per unit and ends when the last one ends).
All run in one process, then split over ``--workers`` processes. Prints one JSON line on stdout;
bench/README.md explains the figures.
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
# A unit's part of the item, step by step; bare's branch has a plain View step for each.
UNIT_STEPS = ["accept", "work:report", "work:claim", "verify", "assess"]
JOINED = "assess:join"  # the branch's last step that closes the item: it also runs the join and the end
BRANCHES = "abc"  # bare's branches: nodes a1…a5, b1…b5, c1…c5
STRAIGHT_STEPS = ["step1", "step2", "step3", "step4", "step5", "step6"]
UNIT_NODES = ["accept", "report", "claim", "verify", "assess"]  # a BareUnitFlow's steps


def human_steps(width: int) -> int:
    """Human task completions in one life: deploy, and each unit's five."""
    return 1 + len(UNIT_STEPS) * width


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=2000, help="items (and bare processes) per width and measurement")
    parser.add_argument("--widths", default="1,3", help="units an item is deployed to (bare: its split's width)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel measurement")
    parser.add_argument("--skip-parallel", action="store_true", help="measure in one process only")
    parser.add_argument("--rounds", type=int, default=8, help="parallel: alternate ours and bare this many times")
    parser.add_argument("--sample", type=int, default=20, help="items whose queries are counted (not timed)")
    parser.add_argument("--vacuum-every", type=int, default=250, help="VACUUM ANALYZE after this many lives")
    parser.add_argument("--profile", action="store_true", help="print SQL per step and a cProfile to stderr")
    parser.add_argument("--skip-procs", action="store_true", help="leave out bare with one process per unit")
    parser.add_argument("--race", type=int, default=0, help="items whose last two units finish at once (bare, procs)")
    args = parser.parse_args()
    args.widths = [int(w) for w in args.widths.split(",")]
    if not set(args.widths) <= set(SPLIT_WIDTHS):
        parser.error(f"--widths: each of {sorted(SPLIT_WIDTHS)}")
    return args


SPLIT_WIDTHS = {1, 3}  # bench/bareflow has a split flow of each


# --- Django --------------------------------------------------------------------------------------


def configure() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not re.match(r"^(postgres|postgresql|pgsql)://", url):
        sys.exit("bench/lifecycle.py needs DATABASE_URL=postgres://… (a database it may fill and empty)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    # As in production, a step only queues its notices' delivery (to an in-memory broker here, no
    # worker): sending them is the worker's, not the request's.
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "false")
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
    inspector: object
    assessor: object
    posts: dict
    units: list  # the lead unit (司法所), then two more units of the street, each with its official
    officials: list  # the holder of each unit's 责任人 post, in the same order
    plan: object

    @property
    def justice(self):
        return self.units[0]


def clean() -> None:
    """Delete every row an earlier run of this script left behind, and nothing else."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from guardian.models import GroupObjectPermission
    from viewflow.workflow.models import Process

    from bench.bareflow.flows import SPLIT_FLOWS, BareFlow, BareUnitFlow, BareUnitsFlow
    from responsibility.models import Person, Post, ResponsibilityItem, Unit, WorkPlan
    from workflow.flows import ItemFlow

    roots = list(Unit.objects.filter(parent=None, name__startswith=TAG))
    items = ResponsibilityItem.objects.filter(plan__organisation__in=roots)
    ids = list(items.values_list("pk", flat=True))
    Process.objects.filter(flow_class__in=[BareFlow, BareUnitsFlow, BareUnitFlow, *SPLIT_FLOWS.values()]).delete()
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

    committee, office_unit = unit("党工委"), unit("党政办")
    inspection, assessment = unit("督查室"), unit("考核组")
    units = [unit("司法所"), unit("东湖社区"), unit("西山社区")]
    office, leader = person("office"), person("leader")
    inspector, assessor = person("inspector"), person("assessor")
    officials = [person(f"official{n}") for n in range(len(units))]
    posts = {
        "office": post(office_unit, "法治办干事", Post.Role.OFFICE, office),
        "leader": post(committee, "分管副主任", Post.Role.LEADER, leader),
        "inspector": post(inspection, "督查员", Post.Role.INSPECTOR, inspector),
        "assessor": post(assessment, "考核员", Post.Role.ASSESSOR, assessor),
    }
    for n, (unit_, official) in enumerate(zip(units, officials, strict=True)):
        posts[f"official{n}"] = post(unit_, f"{unit_.name}负责人", Post.Role.OFFICIAL, official)
    posts["official"] = posts["official0"]
    # The steps' cost without file storage: the claims state every indicator but bring no files.
    plan = WorkPlan.objects.create(
        organisation=root, year=2030, title=f"{TAG} {run}", status="published", claim_needs_evidence=False
    )
    return Cast(office, inspector, assessor, posts, units, officials, plan)


def make_items(cast: Cast, n: int, width: int = 1) -> list[tuple[object, int]]:
    """``n`` fresh items, each with one indicator, like a real line of the list, led by 司法所 and
    naming ``width`` units in all as responsible: (item, indicator pk)."""
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
    through.objects.bulk_create(
        through(responsibilityitem=item, unit=unit) for item in items for unit in cast.units[:width]
    )
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


def open_tasks(process_pk: int) -> list[tuple[int, str, dict]]:
    """The process's open human tasks: (id, node name, data). One query, the same for ours and bare
    (a page gets the task's id from the URL instead)."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    active = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]
    tasks = Task.objects.filter(process_id=process_pk, status__in=active, flow_task_type="HUMAN")
    return [(pk, node.name, data) for pk, node, data in tasks.values_list("pk", "flow_task", "data")]


def ours_task(process_pk: int, name: str, units: list[int], unit: int | None) -> int:
    """The open ``name`` task of the ``unit``-th unit of the item (in the order of deploy). ``units``
    (the units' assignments, in that order) is filled by the first lookup after deploy, when every
    unit has its accept task open."""
    found = {data.get("assignment"): pk for pk, node, data in open_tasks(process_pk) if node == name}
    if unit is None:
        return found[None]  # deploy: the item's own step
    if not units:
        units.extend(sorted(found))
    return found[units[unit]]


def bare_task(process_pk: int, name: str) -> int:
    return next(pk for pk, node, _data in open_tasks(process_pk) if node == name)


def procs_task(process_pk: int, name: str, units: list[int], unit: int | None) -> int:
    """The open ``name`` task of the item's process (deploy) or of its ``unit``-th unit's process,
    by ``open_tasks`` of that process, as bare's. ``units`` (the units' processes, in the order
    they were started) is filled by the first lookup after deploy, in the same one query."""
    from viewflow.workflow.models import Task
    from viewflow.workflow.status import STATUS

    if unit is None:
        return bare_task(process_pk, name)
    if units:
        return bare_task(units[unit], name)
    active = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]
    tasks = Task.objects.filter(process__parent_task__process_id=process_pk, status__in=active, flow_task_type="HUMAN")
    found = {data["unit"]: (pk, child) for pk, child, data in tasks.values_list("pk", "process_id", "process__data")}
    units.extend(found[n][1] for n in sorted(found))
    return found[unit][0]


def labels(width: int) -> list[str]:
    """Each human step of a life, in order: deploy, then each step by every unit in turn."""
    steps = [step for step in UNIT_STEPS for _unit in range(width)]
    return ["deploy", *steps[:-1], JOINED]


def ours_path(cast: Cast, indicator_pk: int, width: int = 1) -> list[tuple[str, str, int | None, object, dict]]:
    """(label, node, unit, user, form data) of each step, units taking each step in turn."""
    posts = cast.posts
    indicator = f"indicator_{indicator_pk}"
    deploy = {
        "target": "全年法律咨询不少于200起",
        "lead_leader_post": posts["leader"].pk,
        "lead_unit": cast.justice.pk,
        "responsible_units": [unit.pk for unit in cast.units[:width]],
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
    unit_steps = {
        "accept": lambda n: (cast.officials[n], {"decision": "accept"}),
        "work:report": lambda n: (cast.officials[n], {**report, indicator: "80"}),
        "work:claim": lambda n: (cast.officials[n], {**claim, indicator: "213"}),
        "verify": lambda n: (cast.inspector, {"decision": "pass", "comments": "材料齐全"}),
        "assess": lambda n: (cast.assessor, {"quality": "8", "comment": "较好"}),
    }
    path = [("deploy", "deploy", None, cast.office, deploy)]
    for label in UNIT_STEPS:
        path += [(label, label.split(":")[0], n, *unit_steps[label](n)) for n in range(width)]
    return [(label, *step[1:]) for label, step in zip(labels(width), path, strict=True)]


def bare_path(cast: Cast, width: int = 1) -> list[tuple[str, str, object]]:
    """(label, node, user) of each step of a bare life, in the order of ours."""
    users = {"accept": "official", "work:report": "official", "work:claim": "official"}
    users |= {"verify": "inspector", "assess": "assessor"}
    path = [("deploy", "deploy", cast.office)]
    for k, label in enumerate(UNIT_STEPS, start=1):
        for n, branch in enumerate(BRANCHES[:width]):
            who = cast.officials[n] if users[label] == "official" else getattr(cast, users[label])
            path.append((label, f"{branch}{k}", who))
    return [(label, *step[1:]) for label, step in zip(labels(width), path, strict=True)]


def procs_path(cast: Cast, width: int = 1) -> list[tuple[str, str, int | None, object]]:
    """(label, node, unit, user) of each step of a life of one process per unit, in the order of
    bare's: the item's deploy, then each step by each unit's process in turn."""
    nodes = [("deploy", None), *[(node, n) for node in UNIT_NODES for n in range(width)]]
    steps = zip(bare_path(cast, width), nodes, strict=True)
    return [(label, node, unit, user) for (label, _bare, user), (node, unit) in steps]


def live_ours(cast: Cast, item, indicator_pk: int, width: int = 1, mark: Callable[[str], None] = _nomark) -> None:
    from workflow import services

    mark("launch")
    process = services.launch(item, fresh(cast.office))
    units: list[int] = []
    for label, node, unit, user, data in ours_path(cast, indicator_pk, width):
        mark(label)
        form = services.complete(fresh(user), ours_task(process.pk, node, units, unit), data, {})
        if not form.is_valid():
            raise RuntimeError(f"{label}: {form.errors.as_json()}")
    mark("")


def live_bare(cast: Cast, width: int = 1, mark: Callable[[str], None] = _nomark) -> None:
    from bench.bareflow import flows

    mark("launch")
    process = flows.SPLIT_FLOWS[width].start.run()
    for label, node, user in bare_path(cast, width):
        mark(label)
        flows.complete(fresh(user), bare_task(process.pk, node))
    mark("")


def live_procs(cast: Cast, width: int = 1, mark: Callable[[str], None] = _nomark) -> None:
    from bench.bareflow import flows

    mark("launch")
    process = flows.BareUnitsFlow.start.run(_process_data={"units": width})
    units: list[int] = []
    for label, node, unit, user in procs_path(cast, width):
        mark(label)
        flows.complete(fresh(user), procs_task(process.pk, node, units, unit))
    mark("")


def live_straight(cast: Cast) -> None:
    """viewflow's floor of old: an item's six steps in a row, no split and no join."""
    from bench.bareflow import flows

    users = [cast.office, *[cast.officials[0]] * 3, cast.inspector, cast.assessor]
    process = flows.BareFlow.start.run()
    for node, user in zip(STRAIGHT_STEPS, users, strict=True):
        flows.complete(fresh(user), bare_task(process.pk, node))


def run_ours(cast: Cast, items: list[tuple[object, int]], width: int = 1) -> None:
    for item, indicator_pk in items:
        live_ours(cast, item, indicator_pk, width)


def run_bare(cast: Cast, n: int, width: int = 1) -> None:
    for _ in range(n):
        live_bare(cast, width)


def run_procs(cast: Cast, n: int, width: int = 1) -> None:
    for _ in range(n):
        live_procs(cast, width)


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


WARM_UP = 3  # lives of each kind and width before its sample: statements prepared, caches filled


def sample(cast: Cast, n: int, widths: list[int], keep_sql: bool, kinds: list[str]) -> dict:
    """Queries and milliseconds over ``n`` lives of each kind and width (after a few to warm up),
    per task completion and per step: a step the units each take is given per unit (its mean)."""
    from django.db import connection

    result = {}
    for width in widths:
        per_life = Counter(["launch", *labels(width)])
        run_ours(cast, make_items(cast, WARM_UP, width), width)
        run_bare(cast, WARM_UP, width)
        if "procs" in kinds:
            run_procs(cast, WARM_UP, width)
        for kind in kinds:
            meter = StepMeter(keep_sql and kind == "ours")
            items = make_items(cast, n, width) if kind == "ours" else []
            with connection.execute_wrapper(meter):
                for i in range(n):
                    if kind == "ours":
                        live_ours(cast, *items[i], width, mark=meter.mark)
                    elif kind == "bare":
                        live_bare(cast, width, mark=meter.mark)
                    else:
                        live_procs(cast, width, mark=meter.mark)
            total = sum(meter.queries.values())
            result[f"{kind}_{width}"] = {
                "queries_per_task": round(total / (n * human_steps(width)), 2),
                "queries_per_step": {k: round(v / n / per_life[k], 2) for k, v in meter.queries.items()},
                "ms_per_step": {k: round(1000 * v / n / per_life[k], 2) for k, v in meter.seconds.items()},
            }
            if keep_sql and kind == "ours":
                print(f"\n==== SQL of ours, {width} unit(s), per life", file=sys.stderr)
                _print_sql(meter, n)
    return result


def _print_sql(meter: StepMeter, n: int) -> None:
    for label, statements in meter.sql.items():
        print(f"\n== {label}: {len(statements) / n:.1f} queries", file=sys.stderr)
        shapes = Counter(re.sub(r"\s+", " ", s)[:160] for s in statements)
        for shape, count in shapes.most_common():
            print(f"  {count / n:4.1f}  {shape}", file=sys.stderr)


def profile(cast: Cast, n: int, widths: list[int], kinds: list[str]) -> None:
    for width in widths:
        for kind in kinds:
            items = make_items(cast, n, width) if kind == "ours" else []
            profiler = cProfile.Profile()
            profiler.enable()
            if kind == "ours":
                run_ours(cast, items, width)
            elif kind == "bare":
                run_bare(cast, n, width)
            else:
                run_procs(cast, n, width)
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(45)
            print(f"\n==== cProfile {kind}, {width} unit(s), {n} lives\n{out.getvalue()}", file=sys.stderr)


def serial(cast: Cast, n: int, widths: list[int], vacuum_every: int, procs: bool) -> dict:
    """For each width, one ours life, then one bare life (then one procs life), and so on: drift on
    a shared machine hits all alike. With width 1, viewflow's straight six steps (no split) are
    timed too."""
    seconds: dict[str, float] = defaultdict(float)
    items = {width: make_items(cast, n, width) for width in widths}
    for i in range(n):
        if i % vacuum_every == 0:
            vacuum()
        for width in widths:
            seconds[f"ours_{width}"] += _timed(live_ours, cast, *items[width][i], width)
            seconds[f"bare_{width}"] += _timed(live_bare, cast, width)
            if procs:
                seconds[f"procs_{width}"] += _timed(live_procs, cast, width)
            if width == 1:
                seconds["straight"] += _timed(live_straight, cast)
    result = {str(width): _rates(n * human_steps(width), seconds, width) for width in widths}
    if 1 in widths:
        straight = n * human_steps(1) / seconds["straight"]
        result["1"]["straight_tasks_per_s"] = round(straight, 1)
        result["1"]["ratio_to_straight"] = round(result["1"]["ours_tasks_per_s"] / straight, 3)
    return result


def _timed(func: Callable, *args) -> float:
    started = time.monotonic()
    func(*args)
    return time.monotonic() - started


def parallel(cast: Cast, n: int, widths: list[int], rounds: int, workers: int, procs: bool) -> dict:
    """For each width, ours and bare (and procs) alternate in ``rounds`` chunks, each chunk split
    over ``workers`` processes."""
    result = {"workers": workers, "rounds": rounds}
    for width in widths:
        seconds = {f"{kind}_{width}": 0.0 for kind in ("ours", "bare", *(["procs"] if procs else []))}
        for chunk in _chunks(n, rounds):
            items = make_items(cast, chunk, width)
            vacuum()
            seconds[f"ours_{width}"] += _fork([(run_ours, (cast, part, width)) for part in _split(items, workers)])
            vacuum()
            parts = _split(range(chunk), workers)
            seconds[f"bare_{width}"] += _fork([(run_bare, (cast, len(part), width)) for part in parts])
            if procs:
                vacuum()
                jobs = [(run_procs, (cast, len(part), width)) for part in parts]
                seconds[f"procs_{width}"] += _fork(jobs)
        result[str(width)] = _rates(n * human_steps(width), seconds, width)
    return result


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


def _rates(tasks: int, seconds: dict[str, float], width: int) -> dict:
    ours, bare = tasks / seconds[f"ours_{width}"], tasks / seconds[f"bare_{width}"]
    rates = {
        "ours_tasks_per_s": round(ours, 1),
        "bare_tasks_per_s": round(bare, 1),
        "ratio": round(ours / bare, 3),
        "ours_seconds": round(seconds[f"ours_{width}"], 2),
        "bare_seconds": round(seconds[f"bare_{width}"], 2),
    }
    if f"procs_{width}" in seconds:
        procs = tasks / seconds[f"procs_{width}"]
        rates["procs_tasks_per_s"] = round(procs, 1)
        rates["procs_to_bare"] = round(procs / bare, 3)
        rates["procs_seconds"] = round(seconds[f"procs_{width}"], 2)
    return rates


# --- Two units finishing at once (not timed) -----------------------------------------------------


def race(cast: Cast, n: int) -> dict:
    """``n`` items of three units, bare and procs, each taken up to its last two units' last steps,
    then those two completed at the same moment by two processes (a barrier before each item).
    Counted afterwards in the database: items ended, ended twice, and left open."""
    from bench.bareflow import flows

    width = 3
    starts = {"bare": _bare_steps, "procs": _procs_steps}
    ends = {"bare": flows.SPLIT_FLOWS[width].end, "procs": flows.BareUnitsFlow.end}
    result = {}
    for kind, start in starts.items():
        lives = [_up_to_last_two(cast, width, start) for _ in range(n)]
        together = multiprocessing.get_context("fork").Barrier(2, timeout=300)
        sides = [[(user, tasks[side]) for _pk, tasks, user in lives] for side in (0, 1)]
        _fork([(_race_side, (side, together)) for side in sides])
        result[kind] = _ended([pk for pk, _tasks, _user in lives], ends[kind])
    return result


Steps = list[tuple[object, Callable[[], int]]]  # each step's user, and how to find its task


def _bare_steps(cast: Cast, width: int) -> tuple[int, Steps]:
    from bench.bareflow import flows

    pk = flows.SPLIT_FLOWS[width].start.run().pk
    return pk, [(user, lambda node=node: bare_task(pk, node)) for _label, node, user in bare_path(cast, width)]


def _procs_steps(cast: Cast, width: int) -> tuple[int, Steps]:
    from bench.bareflow import flows

    pk = flows.BareUnitsFlow.start.run(_process_data={"units": width}).pk
    units: list[int] = []
    steps = procs_path(cast, width)
    return pk, [(user, lambda n=node, u=unit: procs_task(pk, n, units, u)) for _l, node, unit, user in steps]


def _up_to_last_two(cast: Cast, width: int, start: Callable) -> tuple[int, list[int], object]:
    """(process, the last two tasks, their user): every step but the last two done."""
    from bench.bareflow import flows

    process_pk, steps = start(cast, width)
    for user, find in steps[:-2]:
        flows.complete(fresh(user), find())
    (user, first), (_same, second) = steps[-2:]
    return process_pk, [first(), second()], user


def _race_side(steps: list[tuple[object, int]], together) -> None:
    from bench.bareflow import flows

    for user, task_pk in steps:
        together.wait()
        try:
            flows.complete(fresh(user), task_pk)
        except Exception as exc:  # counted below from the database: the item is left open
            print(f"race: task {task_pk}: {type(exc).__name__}: {exc}", file=sys.stderr)


def _ended(process_pks: list[int], end) -> dict:
    from django.db.models import Count
    from viewflow.workflow.models import Process, Task
    from viewflow.workflow.status import PROCESS

    ends = Task.objects.filter(process_id__in=process_pks, flow_task=end).values("process_id").order_by()
    twice = sum(1 for row in ends.annotate(n=Count("pk")) if row["n"] > 1)
    done = Process.objects.filter(pk__in=process_pks, status=PROCESS.DONE).count()
    return {"items": len(process_pks), "done": done, "ended_twice": twice, "left_open": len(process_pks) - done}


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
    procs = not args.skip_procs
    kinds = ["ours", "bare", *(["procs"] if procs else [])]
    counts = sample(cast, max(1, args.sample), args.widths, args.profile, kinds)
    if args.profile:
        profile(cast, max(1, args.sample), args.widths, kinds)
    one = serial(cast, args.items, args.widths, max(1, args.vacuum_every), procs)
    result = {
        "bench": "lifecycle",
        "items": args.items,
        "human_steps_per_item": {str(width): human_steps(width) for width in args.widths},
        "ratios": {str(width): one[str(width)]["ratio"] for width in args.widths},
        **({"procs_to_bare": {str(w): one[str(w)]["procs_to_bare"] for w in args.widths}} if procs else {}),
        "one_process": one,
        "queries_per_task": {kind: counts[kind]["queries_per_task"] for kind in counts},
    }
    if not args.skip_parallel:
        result["parallel"] = parallel(cast, args.items, args.widths, args.rounds, args.workers, procs)
        result["ratios_parallel"] = {str(width): result["parallel"][str(width)]["ratio"] for width in args.widths}
        if procs:
            result["procs_to_bare_parallel"] = {
                str(width): result["parallel"][str(width)]["procs_to_bare"] for width in args.widths
            }
    if args.race:
        result["race"] = race(cast, args.race)
    result["per_step"] = counts
    result["machine"] = {"nproc": os.cpu_count(), "postgresql": server_version()}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
