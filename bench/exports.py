#!/usr/bin/env python
"""How long a big export takes and how much memory it needs (issue 18's exports).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench .venv/bin/python bench/exports.py --items 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench .venv/bin/python bench/exports.py --results

Builds once (untimed; reused while ``--items`` stays the same, otherwise this script's rows are
deleted and built again) one organisation with ``--units`` units, an office clerk, and a published
plan of ``--items`` items under 10 headings of 10 sub-headings each: every item led by a unit, done
by it and one more (two assignments with the unit's 责任人), with an indicator and a milestone, in
progress and lit (10% red, 20% yellow, 70% green), as the responsibility list and the board show
them at district scale.

Then each export runs as a worker runs it (``responsibility.exports.run`` on a queued job), each in a
fresh Python process so that its peak memory is its own: the board's export of every open item, of
the red ones only (a tenth: memory should not follow the rows), and the plan's whole list with its
分办表. For each: seconds, rows, file size, the process's peak RSS (``ru_maxrss``) and that peak
minus the RSS before the export started (Django loaded, connected).

With ``--results`` nothing is built: on ``bench/pages.py``'s database it runs 考核结果's export
(every ranking and breakdown line of its first organisation's assessment) as the office clerk and
as a unit's official would get it.

Prints one JSON line.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TAG = "bench-exports"
HEADINGS, SUBHEADINGS = 10, 10
BATCH = 5000


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    # The job is run here, as the worker would run it: nothing is queued.
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "false")
    import django

    django.setup()


def rss_mb() -> float:
    """This process's resident memory now, from /proc (Linux)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


# --- the data set (untimed) -----------------------------------------------------------------------------


def built(items: int):
    from responsibility.models import WorkPlan

    plan = WorkPlan.objects.filter(title__startswith=TAG).first()
    if plan is not None and plan.items.filter(is_heading=False).count() == items:
        return plan
    if plan is not None:
        wipe(plan)
    return build(items)


def wipe(plan) -> None:
    from responsibility.models import Assignment, ExportJob, Post, ResponsibilityItem, Unit

    ExportJob.objects.filter(owner__username__startswith=TAG).delete()
    Assignment.objects.filter(item__plan=plan).delete()
    ResponsibilityItem.objects.filter(plan=plan).delete()
    organisation = plan.organisation
    plan.delete()
    Post.objects.filter(unit__in=[organisation, *organisation.children.all()]).delete()
    Unit.objects.filter(parent=organisation).delete()
    organisation.delete()


def build(items: int):
    from django.contrib.auth.models import Group

    from responsibility.models import Person, Post, Unit, WorkPlan
    from responsibility.permissions import ensure_role_groups

    ensure_role_groups()
    organisation = Unit.objects.create(name=TAG, kind=Unit.Kind.ORGANISATION)
    clerk, _new = Person.objects.get_or_create(username=f"{TAG}-office", defaults={"full_name": "法治办干事"})
    clerk.groups.add(Group.objects.get(name="office"))
    leader, _new = Person.objects.get_or_create(username=f"{TAG}-leader", defaults={"full_name": "王书记"})
    units = [Unit.objects.create(name=f"单位{n:03d}", parent=organisation) for n in range(args.units)]
    officials = [Post.objects.create(unit=unit, title="责任人", role=Post.Role.OFFICIAL, holder=None) for unit in units]
    leader_post = Post.objects.create(unit=organisation, title="牵头领导", role=Post.Role.LEADER, holder=leader)
    plan = WorkPlan.objects.create(
        organisation=organisation, year=2026, title=f"{TAG} 2026年法治建设工作要点", status=WorkPlan.Status.PUBLISHED
    )
    _items(plan, items, units, officials, leader_post)
    return plan


def _items(plan, count, units, officials, leader_post) -> None:
    from responsibility.models import Assignment, Indicator, ItemStatus, Milestone, Rag, RagReason, ResponsibilityItem

    Item = ResponsibilityItem
    parents = []
    for h in range(HEADINGS):
        top = Item.objects.create(plan=plan, is_heading=True, number=f"{h + 1}、", title=f"第{h + 1}部分", order=h)
        for s in range(SUBHEADINGS):
            sub = Item.objects.create(
                plan=plan, is_heading=True, parent=top, number=f"（{s + 1}）", title=f"第{h + 1}.{s + 1}项工作", order=s
            )
            parents.append(sub)
    due = datetime.date(2026, 12, 31)
    for start in range(0, count, BATCH):
        rows = []
        for n in range(start, min(start + BATCH, count)):
            rag = Rag.RED if n % 10 == 0 else Rag.YELLOW if n % 10 < 3 else Rag.GREEN
            rows.append(
                Item(
                    plan=plan,
                    parent=parents[n % len(parents)],
                    order=n,
                    number=f"{n // len(parents) + 1}.",
                    title=f"推进第{n}项法治建设任务，按季度汇报进展",
                    target="全年开展普法活动不少于30场次",
                    deadline=due,
                    due_by=due,
                    lead_unit=units[n % len(units)],
                    lead_leader_post=leader_post,
                    responsible_post=officials[n % len(units)],
                    status=ItemStatus.IN_PROGRESS,
                    rag=rag,
                    rag_reason=RagReason.BEHIND if rag != Rag.GREEN else RagReason.ON_TRACK,
                    percent_done=n % 100,
                    expected_percent=50,
                    points=Decimal(2),
                    branch_count=2,
                )
            )
        made = Item.objects.bulk_create(rows)
        through = Item.responsible_units.through
        through.objects.bulk_create(through(responsibilityitem_id=item.pk, unit_id=item.lead_unit_id) for item in made)
        Indicator.objects.bulk_create(
            Indicator(item=item, name="普法活动", unit="场次", target_value=Decimal(30)) for item in made
        )
        Milestone.objects.bulk_create(
            Milestone(item=item, due=datetime.date(2026, 6, 30), title="完成半年任务", expected_percent=50)
            for item in made
        )
        Assignment.objects.bulk_create(
            Assignment(
                item=item,
                item_plan_id=item.plan_id,
                unit=units[(item.order + offset) % len(units)],
                role=role,
                post=officials[(item.order + offset) % len(units)],
                deadline=due,
                order=offset,
                status=ItemStatus.IN_PROGRESS,
                percent_done=item.percent_done,
            )
            for item in made
            for offset, role in ((0, Assignment.Role.LEAD), (1, Assignment.Role.RESPONSIBLE))
        )
        print(f"built {start + len(made)} items", file=sys.stderr, flush=True)


# --- one export, in a process of its own -------------------------------------------------------------------


def run_one(kind: str, params: dict) -> dict:
    from responsibility import exports
    from responsibility.models import ExportJob, Person

    owner = params.pop("owner", None)
    clerk = Person.objects.get(pk=owner) if owner else Person.objects.get(username=f"{TAG}-office")
    job = ExportJob.objects.create(owner=clerk, kind=kind, params=params, title=kind, file_name=f"{kind}.xlsx")
    before = rss_mb()
    started = time.perf_counter()
    status = exports.run(job.pk)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    assert status == "done", job.error
    result = {
        "kind": kind,
        "params": params,
        "owner": clerk.username,
        "rows": job.rows_done,
        "seconds": round(seconds, 1),
        "file_mb": round(job.file.size / 2**20, 1),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(peak_mb(), 1),
        "peak_over_before_mb": round(peak_mb() - before, 1),
    }
    job.file.delete(save=False)
    job.delete()
    return result


def in_subprocess(kind: str, params: dict) -> dict:
    command = [sys.executable, __file__, "--one", kind, "--params", json.dumps(params)]
    output = subprocess.run(command, check=True, capture_output=True, text=True, env=os.environ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    setup_django()
    if args.one:
        print(json.dumps(run_one(args.one, json.loads(args.params))))
        return
    from django.core.management import call_command
    from django.db import connection

    if args.results:
        print(json.dumps({"runs": results_runs()}))
        return
    call_command("migrate", interactive=False, verbosity=0)
    plan = built(args.items)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    runs = [
        in_subprocess("board", {"rag": "red", "plan": str(plan.pk)}),
        in_subprocess("board", {"plan": str(plan.pk)}),
        in_subprocess("plan", {"plan": plan.pk}),
    ]
    print(json.dumps({"items": args.items, "units": args.units, "cpus": os.cpu_count(), "runs": runs}))


def results_runs() -> list[dict]:
    """考核结果's export of bench/pages.py's first organisation (its database: an assessment of a
    district's year), for the office clerk and for a unit's official, each as a worker runs it."""
    from assessment.models import Assessment
    from bench.pages import TAG as PAGES_TAG
    from bench.pages import cast

    users = cast()["users"]
    assessment = Assessment.objects.filter(scheme__organisation__name=f"{PAGES_TAG}街道0").latest("version")
    return [in_subprocess("results", {"assessment": assessment.pk, "owner": users[who]}) for who in args.results_as]


parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--items", type=int, default=100_000)
parser.add_argument("--units", type=int, default=400)
parser.add_argument("--results", action="store_true", help="time 考核结果's export on bench/pages.py's database")
parser.add_argument("--results-as", type=lambda s: s.split(","), default=["office", "official"])
parser.add_argument("--one", help=argparse.SUPPRESS)
parser.add_argument("--params", default="{}", help=argparse.SUPPRESS)
args = parser.parse_args()

if __name__ == "__main__":
    main()
