#!/usr/bin/env python
"""How fast the pages answer on a district-sized database, next to a trivial page of the same server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_pages .venv/bin/python bench/pages.py --items 100000

Builds once (untimed; reused while ``--items/--units/--people/--orgs`` stay the same, otherwise the
database is dropped and built again: give it a database of its own) ``--orgs`` organisations (街道),
each with its committee (党工委委员, 牵头领导), office (法治办干事), inspector and assessor, its share of
``--units`` units (a 责任人 post each, and staff posts for the rest of ``--people``) and a published plan
of the year. Items go through the real flow first: in each unit one template item per state, launched
by publishing the plan and taken by ``workflow.services.complete`` (the door the task pages use) to
待部署, 待签收, 办理中 (accepted, a progress report), 待核验 (claimed), 整改 (returned) or 办结 (verified,
assessed). Then every template is copied with SQL (``clone``) – item, units, indicators, reports,
events, notices, viewflow's process, tasks and their links, guardian's grants, with new ids – until
the plans hold ``--items`` items in the mix of ``STATES``; the copies' reports, events and notices
are spread back over the year; the last steps of the items at work at the last quarter's end are
then moved to after it (``steps_since.move``: in real use almost every such item has a step since, and
a past quarter's 季度汇报 must read them back). Then one supervision sweep (lights, reminders), one assessment per
organisation (``assessment.compute``), VACUUM ANALYZE.

Then the database is served by gunicorn (``--workers`` 3, DEBUG off, static files collected into a
temporary directory) and every page of issue 18's table is asked by ``--clients`` concurrent clients
(threads with keep-alive connections, logged in as the office clerk, a committee member and an
official of the first organisation; the API with a token) for ``--requests`` requests a page and user,
next to ``/favicon.ico`` (a redirect that reads nothing: the server's own floor); and once by a single
client (``--single`` requests each). Query counts per page and user are taken with the Django test
client (``CaptureQueriesContext``) in a subprocess against this database and, with ``--compare-db``,
against another database built by this script at another size.

Prints one JSON line: per page and user p50/p95 (concurrent), the single client's p50 and the queries;
the trivial page's p50/p95; the load average before and after; the machine's speed (`reference_ms`).
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import json
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import steps_since  # noqa: E402
from bench.lifecycle import configure, fresh, ours_task, vacuum  # noqa: E402

TAG = "bench-pages-2"  # 2: the items at work at the last quarter's end have steps since (steps_since)
PASSWORD = "bench-pages-password"
# The states an item is in, as the pages show them, with their share of the items (a year in mid-course).
STATES = {
    "deploying": 0.04,  # 待部署: launched, waiting for the office (its task in the office's pool)
    "accepting": 0.06,  # 待签收: deployed, waiting for the unit's official
    "in_progress": 0.55,  # 办理中: accepted, one progress report
    "rectifying": 0.05,  # 整改: claimed, returned by the inspector
    "verifying": 0.08,  # 待核验: claimed
    "closed": 0.22,  # 办结: verified and assessed
}
STEPS = {  # the steps (labels of ``path``) that take a launched item to each state
    "deploying": [],
    "accepting": ["deploy"],
    "in_progress": ["deploy", "accept", "report"],
    "verifying": ["deploy", "accept", "report", "claim"],
    "rectifying": ["deploy", "accept", "report", "claim", "return"],
    "closed": ["deploy", "accept", "report", "claim", "pass", "assess"],
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=400)
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--orgs", type=int, default=4, help="organisations (街道), each with its own plan")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=40, help="requests per page and user, concurrent")
    parser.add_argument("--seconds", type=float, default=30, help="at most this long a page and user (after a round)")
    parser.add_argument("--single", type=int, default=5, help="requests per page and user, one client")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=0, help="gunicorn's port (0: a free one)")
    parser.add_argument("--compare-db", default="", help="another database of this script: its queries too")
    parser.add_argument("--build-only", action="store_true", help="build (or check) the data and stop")
    parser.add_argument("--queries-only", action="store_true", help="print the queries per page and stop")
    return parser.parse_args(argv)


def marker(args) -> str:
    return f"{TAG} {args.items}/{args.units}/{args.people}/{args.orgs}"


# --- the database (untimed) ------------------------------------------------------------------------


def _admin_connect():
    import dj_database_url
    import psycopg

    db = dj_database_url.parse(os.environ["DATABASE_URL"])
    params = {"host": db["HOST"] or None, "port": db["PORT"] or None, "user": db["USER"] or None}
    if db["PASSWORD"]:
        params["password"] = db["PASSWORD"]
    return db["NAME"], params, psycopg


def stored_marker() -> str | None:
    """The sizes the database was built for, or None (no database, or not one of this script's)."""
    name, params, psycopg = _admin_connect()
    try:
        with psycopg.connect(dbname=name, **params) as conn:
            row = conn.execute("SELECT to_regclass('bench_pages_marker')").fetchone()
            if row[0] is None:
                return None
            found = conn.execute("SELECT marker FROM bench_pages_marker").fetchone()
            return found[0] if found else None
    except psycopg.OperationalError:
        return None


def drop_database() -> None:
    name, params, psycopg = _admin_connect()
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(args) -> bool:
    """Set Django up on the benchmark's database; True if it already holds the data of these sizes."""
    found = stored_marker()
    if found is not None and found != marker(args):
        print(f"the database holds {found!r}: dropping it to build {marker(args)!r}", file=sys.stderr)
        drop_database()
    elif found is None and _tables() == "ours":
        print("the database holds a build of this script that did not finish: dropping it", file=sys.stderr)
        drop_database()
    elif found is None and _tables() == "other":
        sys.exit("bench/pages.py: the database has tables but no data of this script; give it a database of its own")
    configure()
    return found == marker(args)


def _tables() -> str:
    """ "none" (no database or no tables), "ours" (this script's rows, of a build cut short) or "other"."""
    name, params, psycopg = _admin_connect()
    try:
        with psycopg.connect(dbname=name, **params) as conn:
            if conn.execute("SELECT to_regclass('responsibility_unit')").fetchone()[0] is None:
                return "none"
            ours = conn.execute("SELECT 1 FROM responsibility_unit WHERE name = %s", [f"{TAG}街道0"]).fetchone()
            return "ours" if ours else "other"
    except psycopg.OperationalError:
        return "none"


class Org:
    """One organisation's cast: posts by role, its work units with their officials, its plan."""

    def __init__(self, root, posts: dict, units: list, officials: list, unit_posts: list, plan, categories: list):
        self.root, self.posts, self.units = root, posts, units
        self.officials, self.unit_posts, self.plan, self.categories = officials, unit_posts, plan, categories

    @property
    def office(self):
        return self.posts["office"].holder


def build(args) -> None:
    from django.contrib.auth.hashers import make_password
    from django.db import connection

    started = time.perf_counter()
    password = make_password(PASSWORD)
    per_org_units = _split_evenly(args.units, args.orgs)
    per_org_people = _split_evenly(args.people, args.orgs)
    orgs = [build_org(n, per_org_units[n], per_org_people[n], password) for n in range(args.orgs)]
    print(f"organisations built ({time.perf_counter() - started:.0f} s); templates …", file=sys.stderr)
    templates = []  # (item pk, copies)
    per_unit = args.items / args.units
    copies = {state: max(0, round(per_unit * share) - 1) for state, share in STATES.items()}
    for org in orgs:
        templates += build_templates(org, copies)
    print(f"templates built ({time.perf_counter() - started:.0f} s); copying …", file=sys.stderr)
    short = args.items - sum(1 + c for _pk, c in templates)
    if short > 0:  # the rounding's remainder: more copies of the items in progress, one unit after another
        busy = [n for n, (_pk, _c) in enumerate(templates) if n % len(STATES) == list(STATES).index("in_progress")]
        for k in range(short):
            pk, c = templates[busy[k % len(busy)]]
            templates[busy[k % len(busy)]] = (pk, c + 1)
    clone(templates)
    steps_since.move()
    print(f"copied ({time.perf_counter() - started:.0f} s); sweep, assessment …", file=sys.stderr)
    finish(orgs)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_pages_marker (marker text)")
        cursor.execute("DELETE FROM bench_pages_marker")
        cursor.execute("INSERT INTO bench_pages_marker VALUES (%s)", [marker(args)])
    print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _split_evenly(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if n < total % parts else 0) for n in range(parts)]


def build_org(n: int, units: int, people: int, password: str) -> Org:
    from responsibility.models import Category, Person, Post, Unit, WorkPlan

    root = Unit.objects.create(name=f"{TAG}街道{n}", kind=Unit.Kind.ORGANISATION, order=n)
    made: list[Person] = []

    def person(name: str) -> Person:
        user = Person(username=f"{TAG}-{n}-{len(made)}", full_name=name, organisation=root, password=password)
        made.append(user)
        return user

    def unit(name: str, kind: str = Unit.Kind.DEPARTMENT, order: int = 0) -> Unit:
        return Unit.objects.create(parent=root, name=name, kind=kind, order=order)

    roles = {
        "committee": ("党工委", Unit.Kind.COMMITTEE, "党工委委员", Post.Role.COMMITTEE),
        "leader": ("党工委", Unit.Kind.COMMITTEE, "分管副主任", Post.Role.LEADER),
        "office": ("党政办", Unit.Kind.DEPARTMENT, "法治办干事", Post.Role.OFFICE),
        "inspector": ("督查室", Unit.Kind.DEPARTMENT, "督查员", Post.Role.INSPECTOR),
        "assessor": ("考核组", Unit.Kind.DEPARTMENT, "考核员", Post.Role.ASSESSOR),
    }
    holders = {role: person(title) for role, (_u, _k, title, _r) in roles.items()}
    work_units = [unit(f"单位{n}-{k}", Unit.Kind.COMMUNITY if k % 3 else Unit.Kind.DEPARTMENT, k) for k in range(units)]
    officials = [person(f"责任人{n}-{k}") for k in range(units)]
    staff = [person(f"科员{n}-{k}") for k in range(max(0, people - len(made)))]
    Person.objects.bulk_create(made, batch_size=2000)
    saved = {p.username: p for p in Person.objects.filter(username__startswith=f"{TAG}-{n}-")}
    holders = {role: saved[p.username] for role, p in holders.items()}
    officials = [saved[p.username] for p in officials]
    role_units = {}
    posts = {}
    for role, (unit_name, kind, title, post_role) in roles.items():
        if unit_name not in role_units:
            role_units[unit_name] = unit(unit_name, kind, 1000 + len(role_units))
        posts[role] = Post.objects.create(unit=role_units[unit_name], title=title, role=post_role, holder=holders[role])
    unit_posts = [
        Post.objects.create(unit=u, title="负责人", role=Post.Role.OFFICIAL, holder=official)
        for u, official in zip(work_units, officials, strict=True)
    ]
    for k, p in enumerate(staff):  # staff of the units: each a post of their own, no items of their own
        Post.objects.create(
            unit=work_units[k % units], title=f"科员{k}", role=Post.Role.OFFICIAL, holder=saved[p.username]
        )
    year = datetime.date.today().year
    # The bench measures pages, not file storage: its claims state every indicator but bring no files.
    plan = WorkPlan.objects.create(
        organisation=root, year=year, title=f"{TAG} {n} {year}年工作要点", claim_needs_evidence=False
    )
    categories = [Category.objects.create(plan=plan, name=f"第{k + 1}类工作", order=k, points=25) for k in range(4)]
    return Org(root, posts, work_units, officials, unit_posts, plan, categories)


def build_templates(org: Org, copies: dict[str, int]) -> list[tuple[int, int]]:
    """One item per unit and state, through the real flow; returns (item pk, copies wanted)."""
    from django.db import transaction

    from responsibility.models import Indicator, ResponsibilityItem
    from workflow import services
    from workflow.models import ItemProcess

    today = datetime.date.today()
    rows, states = [], []
    for k, unit in enumerate(org.units):
        for s, state in enumerate(STATES):
            n = len(rows)
            rows.append(
                ResponsibilityItem(
                    plan=org.plan,
                    order=n,
                    number=f"{n + 1}.",
                    title=f"{unit.name}第{s + 1}项工作：组织开展法治宣传和矛盾纠纷排查化解",
                    category=org.categories[n % len(org.categories)],
                    lead_leader_post=org.posts["leader"],
                    lead_unit=unit,
                    responsible_post=org.unit_posts[k],
                    inspector_post=org.posts["inspector"],
                    assessor_post=org.posts["assessor"],
                    deadline=today + datetime.timedelta(days=20 + n * 7 % 300),
                    points=Decimal(2),
                )
            )
            states.append((k, state))
    items = ResponsibilityItem.objects.bulk_create(rows)
    through = ResponsibilityItem.responsible_units.through
    through.objects.bulk_create(
        through(responsibilityitem=i, unit=org.units[k]) for i, (k, _s) in zip(items, states, strict=True)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(item=i, name="开展活动", unit="场次", target_value=Decimal(30)) for i in items
    )
    services.publish(org.plan, fresh(org.office))
    processes = dict(
        ItemProcess.objects.filter(artifact_object_id__in=[i.pk for i in items]).values_list("artifact_object_id", "pk")
    )
    for item, indicator, (k, state) in zip(items, indicators, states, strict=True):
        item.refresh_from_db()
        with transaction.atomic():
            drive(org, k, item, indicator.pk, processes[item.pk], STEPS[state])
    return [(item.pk, copies[state]) for item, (_k, state) in zip(items, states, strict=True)]


def drive(org: Org, k: int, item, indicator_pk: int, process_pk: int, steps: list[str]) -> None:
    from workflow import services

    today = datetime.date.today()
    official = org.officials[k]
    indicator = f"indicator_{indicator_pk}"
    deploy = {
        "target": "全年开展法治宣传活动不少于30场次",
        "lead_leader_post": org.posts["leader"].pk,
        "lead_unit": org.units[k].pk,
        "responsible_units": [org.units[k].pk],
        "responsible_post": org.unit_posts[k].pk,
        "inspector_post": org.posts["inspector"].pk,
        "assessor_post": org.posts["assessor"].pk,
        "deadline": item.deadline.isoformat(),
        "report_cadence": "monthly",
        "points": "2",
        "indicators-TOTAL_FORMS": "1",
        "indicators-INITIAL_FORMS": "1",
        "indicators-0-id": str(indicator_pk),
        "indicators-0-name": "开展活动",
        "indicators-0-unit": "场次",
        "indicators-0-comparator": "gte",
        "indicators-0-target_value": "30.00",
        "milestones-TOTAL_FORMS": "0",
        "milestones-INITIAL_FORMS": "0",
    }
    period = f"{today.year}-{today.month:02d}"
    path = {
        "deploy": ("deploy", None, org.office, deploy),
        "accept": ("accept", 0, official, {"decision": "accept"}),
        "report": (
            "work",
            0,
            official,
            {
                "action": "report",
                "period": period,
                "percent_done": "40",
                "narrative": "已开展活动12场次",
                indicator: "12",
            },
        ),
        "claim": (
            "work",
            0,
            official,
            {"action": "claim", "period": period, "percent_done": "100", "narrative": "全年完成", indicator: "31"},
        ),
        "return": (
            "verify",
            0,
            org.posts["inspector"].holder,
            {
                "decision": "return",
                "comments": "材料不全",
                "rectification_points": "补充活动照片",
                "rectification_deadline": (today + datetime.timedelta(days=15)).isoformat(),
            },
        ),
        "pass": ("verify", 0, org.posts["inspector"].holder, {"decision": "pass", "comments": "材料齐全"}),
        "assess": ("assess", 0, org.posts["assessor"].holder, {"quality": "8", "comment": "较好"}),
    }
    units: list[int] = []
    for label in steps:
        node, unit, user, data = path[label]
        form = services.complete(fresh(user), ours_task(process_pk, node, units, unit), data, {})
        if not form.is_valid():
            raise RuntimeError(f"{label}: {form.errors.as_json()}")


def cloned_models() -> list:
    """What a template item's copy is made of, parents before children."""
    from guardian.models import GroupObjectPermission
    from viewflow.workflow.models import Process, Task

    from assessment.models import ItemScore, Verification
    from responsibility.models import (
        Assignment,
        Evidence,
        Indicator,
        IndicatorValue,
        ItemEvent,
        Milestone,
        MissedReport,
        ProgressReport,
        ResponsibilityItem,
    )
    from workflow.models import Notification

    item = ResponsibilityItem
    return [
        item,
        item.responsible_units.through,
        item.cooperating_units.through,
        Assignment,
        Indicator,
        Milestone,
        ProgressReport,
        IndicatorValue,
        Evidence,
        ItemEvent,
        MissedReport,
        Verification,
        ItemScore,
        Notification,
        Process,
        Task,
        Task.previous.through,
        GroupObjectPermission,
    ]


def clone(templates: list[tuple[int, int]]) -> None:
    """Copy each template item ``copies`` times with all its rows: one INSERT … SELECT a table.

    The k-th copy of a row gets the id ``id + k × span`` (``span``: one more than the table's largest
    id), and so does every reference to a copied row, the generic ones (process → item, guardian's
    object_pk, a task's owner-permission object and its branch's assignment in ``data``) included.
    The copies' timeline, reports and notices move back over the year, a few days a copy."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from responsibility.models import ResponsibilityItem

    models = cloned_models()
    item_ct = ContentType.objects.get_for_model(ResponsibilityItem).pk
    with connection.cursor() as cursor:
        span = {}
        for model in models:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
            span[model] = cursor.fetchone()[0]
        cursor.execute("DROP TABLE IF EXISTS bench_pages_templates")
        cursor.execute("CREATE TABLE bench_pages_templates (item_id int PRIMARY KEY, copies int)")
        cursor.executemany("INSERT INTO bench_pages_templates VALUES (%s, %s)", templates)
        with transaction.atomic():
            for model in models:
                columns = [f'"{f.column}"' for f in model._meta.concrete_fields]
                values = [_copied(model, f, span, item_ct) for f in model._meta.concrete_fields]
                cursor.execute(
                    f"INSERT INTO {model._meta.db_table} ({', '.join(columns)})"
                    f" SELECT {', '.join(values)} FROM {model._meta.db_table} t"
                    f" JOIN bench_pages_templates tpl ON tpl.item_id = {_item_of(model, item_ct)}"
                    " CROSS JOIN generate_series(1, tpl.copies) k"
                )
        for model in models:
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")


def _item_of(model, item_ct: int) -> str:
    """SQL: the template item a row of ``model`` (alias ``t``) belongs to."""
    from guardian.models import GroupObjectPermission
    from viewflow.workflow.models import Process, Task

    from responsibility.models import Evidence, IndicatorValue, ResponsibilityItem

    if model is ResponsibilityItem:
        return "t.id"
    if model is GroupObjectPermission:
        return f"(CASE WHEN t.content_type_id = {item_ct} THEN t.object_pk::int END)"
    if model is Process:
        return f"(CASE WHEN t.artifact_content_type_id = {item_ct} THEN t.artifact_object_id END)"
    if model is Task:
        return "(SELECT p.artifact_object_id FROM viewflow_process p WHERE p.id = t.process_id)"
    if model is Task.previous.through:
        return (
            "(SELECT p.artifact_object_id FROM viewflow_task x JOIN viewflow_process p ON p.id = x.process_id"
            " WHERE x.id = t.from_task_id)"
        )
    if model in (IndicatorValue, Evidence):
        return "(SELECT r.item_id FROM responsibility_progressreport r WHERE r.id = t.report_id)"
    if model is ResponsibilityItem.responsible_units.through or model is ResponsibilityItem.cooperating_units.through:
        return "t.responsibilityitem_id"
    return "t.item_id"


SHIFTED = {"created_at"}  # a copy's reports, events and notices: back in the year by a few days a copy


def _copied(model, field, span: dict, item_ct: int) -> str:
    """SQL: the copy's value of ``field`` (alias ``t``, copy number ``k``)."""
    from responsibility.models import ResponsibilityItem

    column = f't."{field.column}"'
    item_span = span[ResponsibilityItem]
    if field.primary_key:
        return f"{column} + k * {span[model]}"
    if field.is_relation and field.related_model in span:
        return f"{column} + k * {span[field.related_model]}"
    name = field.name
    if model is ResponsibilityItem and name == "order":
        return f"{column} + k * {item_span}"
    if name == "object_pk" or name == "owner_permission_obj_pk":
        ct = "content_type_id" if name == "object_pk" else "owner_permission_content_type_id"
        return f"CASE WHEN t.{ct} = {item_ct} THEN ({column}::int + k * {item_span})::text ELSE {column} END"
    if name in ("artifact_object_id", "seed_object_id"):
        ct = name.replace("object_id", "content_type_id")
        return f"CASE WHEN t.{ct} = {item_ct} THEN {column} + k * {item_span} ELSE {column} END"
    if name == "data" and model._meta.db_table == "viewflow_task":
        assignment = span[model._meta.apps.get_model("responsibility", "Assignment")]
        return (
            f"CASE WHEN {column} ? 'assignment' AND jsonb_typeof({column} -> 'assignment') = 'number'"
            f" THEN jsonb_set({column}, '{{assignment}}',"
            f" to_jsonb(({column} ->> 'assignment')::int + k * {assignment}))"
            f" ELSE {column} END"
        )
    if name == "key" and model._meta.db_table == "workflow_notification":
        return f"{column} || '#' || (t.id + k * {span[model]})"  # the copy's own key, unique as the row's id
    if name in SHIFTED and model is not ResponsibilityItem:
        return f"{column} - make_interval(days => (k * 3) % 330)"
    return column


def finish(orgs: list[Org]) -> None:
    """What a running installation has besides the items: a sweep's lights and reminders, and each
    organisation's assessment computed."""
    import workflow.notifications
    from assessment.compute import compute
    from assessment.models import GradeBand, Scheme, SchemeCategory
    from workflow.supervision import sweep

    send = workflow.notifications.send_pending_after_commit
    workflow.notifications.send_pending_after_commit = lambda: None  # no worker here: nothing is sent
    try:
        vacuum()
        sweep(datetime.date.today())
    finally:
        workflow.notifications.send_pending_after_commit = send
    for org in orgs:
        scheme = Scheme.objects.create(
            organisation=org.root, year=org.plan.year, title=f"{org.root.name}考核细则", plan=org.plan
        )
        for category in org.categories:
            SchemeCategory.objects.create(
                scheme=scheme, name=category.name, points=category.points, order=category.order, plan_category=category
            )
        for name, low in (("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)):
            GradeBand.objects.create(scheme=scheme, name=name, min_score=low)
        compute(scheme)
    vacuum()


# --- the pages -------------------------------------------------------------------------------------

USERS = ("office", "committee", "official")
TRIVIAL = "/favicon.ico"  # a redirect to the icon: no session, no query, the server's own floor


def cast() -> dict:
    """The three people of the first organisation and the pages' addresses (issue 18's table)."""
    from assessment.models import Assessment
    from responsibility.models import Post, ResponsibilityItem, Unit, WorkPlan

    root = Unit.objects.get(parent=None, name=f"{TAG}街道0")
    posts = Post.objects.filter(unit__parent=root)
    unit = Unit.objects.get(parent=root, name="单位0-0")
    users = {
        "office": posts.get(role=Post.Role.OFFICE).holder_id,
        "committee": posts.get(role=Post.Role.COMMITTEE).holder_id,
        "official": posts.get(unit=unit, title="负责人").holder_id,
    }
    item = ResponsibilityItem.objects.filter(plan__organisation=root, lead_unit=unit, status="in_progress").latest("id")
    plan = WorkPlan.objects.get(organisation=root)
    assessment = Assessment.objects.filter(scheme__organisation=root).latest("version")
    today = datetime.date.today()
    # The quarter just ended, read back from the timeline: the one the committee's notice links to.
    last = today.replace(day=1) - datetime.timedelta(days=(today.month - 1) % 3 * 31 + 1)
    pages = {
        "workspace": "/",
        "tasks": "/tasks/",
        "items": "/items/",
        "item": f"/items/{item.pk}/",
        "board": "/board/",
        "quarter": f"/plans/{plan.pk}/quarters/{today.year}/{(today.month - 1) // 3 + 1}/",
        "past_quarter": f"/plans/{plan.pk}/quarters/{last.year}/{(last.month - 1) // 3 + 1}/",
        "results": f"/assessment/results/{assessment.pk}/",
        "api_items": "/api/items/",
        "api_tasks": "/api/tasks/",
        "notifications": "/notifications/",
    }
    return {"users": users, "pages": pages}


def is_api(path: str) -> bool:
    return path.startswith("/api/")


def credentials(users: dict) -> dict:
    """Each user's session cookie (a login, as the login page makes it) and API token."""
    from django.test import Client

    from api.auth import issue
    from responsibility.models import Person

    found = {}
    for name, pk in users.items():
        person = Person.objects.get(pk=pk)
        client = Client()
        client.force_login(person)
        found[name] = {
            "cookie": f"sessionid={client.cookies['sessionid'].value}",
            "token": issue(person)[1],  # a knox token, as POST /api/token/ gives
        }
    return found


def headers_for(path: str, credential: dict | None) -> dict:
    # Behind the TLS proxy, as in production (DEBUG off redirects plain http).
    headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
    if credential is None:
        return headers
    if is_api(path):
        headers["Authorization"] = f"Token {credential['token']}"
    else:
        headers["Cookie"] = credential["cookie"]
    return headers


def count_queries(cast_: dict) -> dict:
    """Queries of each page and user (the second request: the first fills the process's caches)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from api.auth import issue
    from responsibility.models import Person

    counts: dict = {}
    for user, pk in cast_["users"].items():
        person = Person.objects.get(pk=pk)
        client = Client()
        client.force_login(person)
        token = issue(person)[1]
        for page, path in cast_["pages"].items():
            extra = {"HTTP_AUTHORIZATION": f"Token {token}"} if is_api(path) else {}
            get = Client(**extra).get if is_api(path) else client.get
            get(path, secure=True)
            with CaptureQueriesContext(connection) as queries:
                response = get(path, secure=True)
            counts.setdefault(page, {})[user] = {"queries": len(queries), "status": response.status_code}
    return counts


def queries_of(database_url: str) -> dict:
    """``count_queries`` in a fresh process against ``database_url`` (a database built by this script)."""
    env = {**os.environ, "DATABASE_URL": database_url, "STATIC_MANIFEST": "false", "ALLOWED_HOSTS": "testserver"}
    done = subprocess.run(
        [sys.executable, __file__, "--queries-only"], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"counting queries on {database_url} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


class Server:
    """gunicorn serving the benchmark's database, as production runs it (DEBUG off, sync workers)."""

    def __init__(self, workers: int, port: int):
        self.port = port or _free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="bench-pages-gunicorn-", suffix=".log", delete=False)
        env = {
            **os.environ,
            "DEBUG": "false",
            "STATIC_MANIFEST": "false",  # no collectstatic needed; WhiteNoise serves static/ as it is
            "ALLOWED_HOSTS": "127.0.0.1",
            "CELERY_TASK_ALWAYS_EAGER": "false",
        }
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)]
        command += ["--timeout", "120"]  # a page of many seconds is measured, not killed
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=self.log)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped: see {self.log.name}")
            try:
                status, _size = request(self.port, TRIVIAL, headers_for(TRIVIAL, None))
                if status == 301:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within a minute: see {self.log.name}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_connections = threading.local()


def request(port: int, path: str, headers: dict) -> tuple[int, int]:
    """One GET on this thread's connection (opened again when the server closed it): (status, bytes)."""
    connection = getattr(_connections, "c", None)
    if connection is None or connection.port != port:
        connection = _connections.c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
    except (http.client.HTTPException, OSError):
        connection.close()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
    body = response.read()
    if response.getheader("Connection", "").lower() == "close":
        connection.close()
    return response.status, len(body)


def load(port: int, path: str, headers: dict, clients: int, requests: int, seconds: float) -> dict:
    """``requests`` GETs of ``path`` by ``clients`` threads at once (fewer if ``seconds`` pass first):
    their latencies' p50 and p95 in ms, statuses and mean size."""
    lock, issued, started = threading.Lock(), [0], time.monotonic()
    times: list[float] = []
    statuses: dict[int, int] = {}
    sizes: list[int] = []

    def client() -> None:
        while True:
            with lock:
                if issued[0] >= requests or (issued[0] >= clients and time.monotonic() - started > seconds):
                    return
                issued[0] += 1
            begun = time.perf_counter()
            status, size = request(port, path, headers)
            elapsed = time.perf_counter() - begun
            with lock:
                times.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
                sizes.append(size)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {**percentiles(times), "n": len(times), "status": statuses, "kb": round(statistics.mean(sizes) / 1024, 1)}


def percentiles(seconds: list[float]) -> dict:
    ordered = sorted(seconds)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)] * 1000, 1)

    return {"p50": at(0.5), "p95": at(0.95)}


def measure(args, cast_: dict, creds: dict) -> dict:
    server = Server(args.workers, args.port)
    try:
        port = server.port
        trivial_headers = headers_for(TRIVIAL, None)
        for _ in range(args.workers * 3):  # every worker up and warm
            request(port, TRIVIAL, trivial_headers)
        single = [_timed(port, TRIVIAL, trivial_headers) for _ in range(20)]
        trivial = [load(port, TRIVIAL, trivial_headers, args.clients, max(args.requests, 200), args.seconds)]
        trivial[0]["single_p50"] = percentiles(single)["p50"]
        pages: dict = {}
        for page, path in cast_["pages"].items():
            for user in USERS:
                headers = headers_for(path, creds[user])
                single = [_timed(port, path, headers) for _ in range(args.single + 1)][1:]  # the first warms
                result = load(port, path, headers, args.clients, args.requests, args.seconds)
                result["single_p50"] = percentiles(single)["p50"]
                pages.setdefault(page, {})[user] = result
                print(f"{page:14} {user:10} {result}", file=sys.stderr)
        trivial.append(load(port, TRIVIAL, trivial_headers, args.clients, max(args.requests, 200), args.seconds))
        return {"trivial": trivial, "pages": pages, "reference_ms": reference_ms()}
    finally:
        server.stop()


def reference_ms() -> float:
    """The machine's speed, to compare runs made on different machines: the median of 5 timings of
    a fixed pure-Python workload. Machines differ: the same code served its pages about 1.7 times
    slower on 2026-12-06's machine than on 2026-12-05's (bench/README.md), both idle."""
    timings = []
    for _ in range(5):
        begun = time.perf_counter()
        sum(i * i for i in range(1_000_000))
        timings.append((time.perf_counter() - begun) * 1000)
    return round(statistics.median(timings), 1)


def _timed(port: int, path: str, headers: dict) -> float:
    begun = time.perf_counter()
    request(port, path, headers)
    return time.perf_counter() - begun


def report(args, cast_: dict, measured: dict, queries: dict, compare: dict | None, load_before, load_after) -> dict:
    trivial_p95 = max(t["p95"] for t in measured["trivial"])
    pages = {}
    over = []
    for page, users in measured["pages"].items():
        for user, m in users.items():
            row = {
                "p50": m["p50"],
                "p95": m["p95"],
                "single_p50": m["single_p50"],
                "n": m["n"],
                "status": m["status"],
                "kb": m["kb"],
                "queries": queries[page][user]["queries"],
            }
            if compare is not None:
                row["queries_compare"] = compare[page][user]["queries"]
            pages.setdefault(page, {})[user] = row
            if list(m["status"]) == [200] and (m["p95"] > 3 * trivial_p95 or m["single_p50"] > 100):
                over.append(f"{page}/{user}")
    return {
        "benchmark": "pages",
        "data": marker(args),
        "clients": args.clients,
        "workers": args.workers,
        "requests": args.requests,
        "loadavg_before": load_before,
        "loadavg_after": load_after,
        "reference_ms": measured["reference_ms"],
        "trivial": {
            "single_p50": measured["trivial"][0]["single_p50"],
            "p50": measured["trivial"][0]["p50"],
            "p95": trivial_p95,
            "p95_runs": [t["p95"] for t in measured["trivial"]],
        },
        "pages": pages,
        "goal": {"p95_over_trivial": 3, "single_ms": 100},
        "over_goal": over,
        "queries_differ": None
        if compare is None
        else sorted(
            f"{p}/{u}" for p, us in pages.items() for u, r in us.items() if r["queries"] != r["queries_compare"]
        ),
    }


def main() -> None:
    args = parse_args()
    if args.queries_only:
        if stored_marker() is None:
            sys.exit("bench/pages.py --queries-only: no data of this script in the database")
        # The test client asks as "testserver": run alone, this process must let it in as its parent does.
        os.environ.setdefault("ALLOWED_HOSTS", "testserver")
        os.environ.setdefault("STATIC_MANIFEST", "false")
        configure()
        print(json.dumps(count_queries(cast())))
        return
    if not prepare(args):
        build(args)
    if args.build_only:
        return
    cast_ = cast()
    creds = credentials(cast_["users"])
    from django.db import connections

    connections.close_all()
    queries = queries_of(os.environ["DATABASE_URL"])
    compare = queries_of(args.compare_db) if args.compare_db else None
    load_before = [round(x, 2) for x in os.getloadavg()]
    measured = measure(args, cast_, creds)
    load_after = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report(args, cast_, measured, queries, compare, load_before, load_after), ensure_ascii=False))


if __name__ == "__main__":
    main()
