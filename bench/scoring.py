#!/usr/bin/env python
"""How long the year-end computation takes over a large year, next to the floor of one SQL query.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/luoshi_bench \\
        .venv/bin/python bench/scoring.py --items 100000 --units 2000 --reports 1200000

Builds once (untimed; reused by later runs of the same sizes) a published plan of ``--items`` items
in eight categories, each led by one of ``--units`` units and its official and by one of twenty
leaders, and handed out as deploy does it (分办): one item in four to two responsible units more, each
with its own deadline, facts and (on half of those items, for one unit) its own points; one item in
five to a cooperating unit (配合单位, 会办) due a fortnight before the deadline, which gave its
contribution on time, late, never, or saw the item close before or after the date (five in eight
of them missed by the year's end). ``--reports`` progress reports spread over the units' parts and
the months; claims, returns for rectification and verifications on the timeline (two thirds done,
some late, some returned), each its unit's; one indicator on every fifth item with values in its
reports; a scheme with late, return and indicator rules, capped bonus and deduction rules, vetoes,
a quota and ``--cooperation-points`` a missed 会办 (0.5; 0 turns the rule off); a few thousand
events. With ``--new-methods`` (the default; set up again on every start, untimed) issue 13's methods
as well: in the first category a 考核组评定 indicator scored for every unit, a ratio of a number every
unit entered (评分单位填报), a per-count indicator of the unit's late items and a ratio of its
completion rate (counted from the version's rows); 工作质量占比 10 % with the assessor's rating on a
third of the units' parts; two 考核分组 by unit kind (every fifth unit a 社区) with their own quotas;
and a 黄牌 rule with its events.

Then, ``--runs`` times:

* ``ours``: ``assessment.compute.compute``: item facts and points, category, unit and person
  results, events with caps, each cooperating unit's 会办 kept and a missed one deducted, grades with
  the quota, ranks – all stored;
* ``floor``: one hand-written SQL query that computes the same unit totals (each unit's facts on its
  part, points, category shares, rescaling, capped bonuses and deductions, the missed 会办; and with
  the new methods each unit's per-unit indicators, entered or counted, the category's share for items
  left by them, and the quality rating in the item's points) and stores nothing.

Prints one JSON line: medians, ratio, ours by step, and whether the floor's totals (and, under a
rule above 0, its count of missed 会办 per unit) equal ours for every unit.
"""

from __future__ import annotations

import argparse
import datetime
import json
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.lifecycle import configure, vacuum

TAG = "bench-scoring"
YEAR = 2021
CATEGORY_POINTS = [12, 16, 12, 12, 12, 12, 12, 12]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    year_options(parser)
    parser.add_argument("--runs", type=int, default=3)
    return parser.parse_args()


def year_options(parser: argparse.ArgumentParser) -> None:
    """The year's sizes and rules (also those of the profiles of the same year)."""
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--reports", type=int, default=1_200_000)
    parser.add_argument(
        "--cooperation-points",
        type=Decimal,
        default=Decimal("0.5"),
        help="the scheme's 每次会办逾期扣分 (0: the rule off, as a new scheme has it)",
    )
    parser.add_argument(
        "--new-methods",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="issue 13's methods in use: 考核组评定, ratio and per-count indicators (entered and counted),"
        " 工作质量占比 with ratings, 考核分组 and 黄牌 (--no-new-methods: the year as scored before them)",
    )


def the_year(args: argparse.Namespace):
    """The year of ``year_options`` built (once) and its scheme set up, without results."""
    from assessment.models import Assessment

    scheme = build(args.items, args.units, args.reports)
    set_rules(scheme, args.cooperation_points)
    Assessment.objects.filter(scheme=scheme).delete()  # its versions keep the indicators set_new_methods replaces
    set_new_methods(scheme, args.new_methods)
    return scheme


# --- the year (untimed) ----------------------------------------------------------------------------


def build(items: int, units: int, reports: int):
    from django.db import connection, transaction

    from assessment.models import Assessment, EventRule, GradeBand, RewardRule, Scheme, SchemeCategory, ScoreEvent
    from responsibility.models import Assignment, Category, ItemStatus, Person, Post, ResponsibilityItem, Unit, WorkPlan

    # A year built before its items had several units and 会办 is built again.
    title = f"{TAG} {items}/{units}/{reports} 分办会办"
    street, _ = Unit.objects.get_or_create(parent=None, name=f"{TAG}街道", defaults={"kind": Unit.Kind.ORGANISATION})
    plan = WorkPlan.objects.filter(organisation=street, year=YEAR, title=title).first()
    if plan is not None:
        return Scheme.objects.get(organisation=street, year=YEAR)
    print("building the year (once) …", file=sys.stderr)
    # Results, then events, then the scheme: each protects what the one before it points at.
    Assessment.objects.filter(scheme__organisation=street).delete()
    ScoreEvent.objects.filter(scheme__organisation=street).delete()
    Scheme.objects.filter(organisation=street).delete()
    for old in WorkPlan.objects.filter(organisation=street):
        with connection.cursor() as cursor:  # the timeline is append-only: its rows go with the table's trigger off
            cursor.execute("ALTER TABLE responsibility_itemevent DISABLE TRIGGER USER")
            cursor.execute(
                "DELETE FROM responsibility_itemevent e USING responsibility_responsibilityitem i"
                " WHERE e.item_id = i.id AND i.plan_id = %s",
                [old.pk],
            )
            cursor.execute("ALTER TABLE responsibility_itemevent ENABLE TRIGGER USER")
        old.delete()
    with transaction.atomic():
        plan = WorkPlan.objects.create(organisation=street, year=YEAR, title=title, status=WorkPlan.Status.PUBLISHED)
        categories = [
            Category.objects.create(plan=plan, name=f"第{n + 1}类工作", order=n, points=p)
            for n, p in enumerate(CATEGORY_POINTS)
        ]
        existing = {u.name: u for u in Unit.objects.filter(parent=street)}
        Unit.objects.bulk_create(
            [Unit(parent=street, name=f"单位{n}", order=n) for n in range(units) if f"单位{n}" not in existing],
            batch_size=5000,
        )
        unit_list = list(Unit.objects.filter(parent=street, name__startswith="单位").order_by("order")[:units])
        leaders_unit, _ = Unit.objects.get_or_create(parent=street, name="领导班子", defaults={"order": units + 1})
        people = {p.username: p for p in Person.objects.filter(username__startswith=TAG)}
        new_people = [
            Person(username=f"{TAG}-{n}", full_name=f"责任人{n}", password="!")
            for n in range(units + 20)
            if f"{TAG}-{n}" not in people
        ]
        Person.objects.bulk_create(new_people, batch_size=5000)
        people = {p.username: p for p in Person.objects.filter(username__startswith=TAG)}
        Post.objects.filter(unit__in=[*unit_list, leaders_unit]).delete()
        Post.objects.bulk_create(
            [
                Post(unit=unit, title="负责人", role=Post.Role.OFFICIAL, holder=people[f"{TAG}-{n}"])
                for n, unit in enumerate(unit_list)
            ]
            + [
                Post(unit=leaders_unit, title=f"副主任{n}", role=Post.Role.LEADER, holder=people[f"{TAG}-{units + n}"])
                for n in range(20)
            ],
            batch_size=5000,
        )
        officials = list(Post.objects.filter(unit__in=unit_list).order_by("unit__order"))
        leaders = list(Post.objects.filter(unit=leaders_unit).order_by("id"))
        rows = []
        for n in range(items):
            deadline = datetime.date(YEAR, 3, 1) + datetime.timedelta(days=n % 270)
            rows.append(
                ResponsibilityItem(
                    plan=plan,
                    order=n,
                    number=f"{n + 1}.",
                    title=f"第{n + 1}项工作",
                    category=categories[n % len(categories)],
                    points=Decimal(n % 3 * 2),  # a third without points: they share their category
                    status=ItemStatus.CLOSED if n % 3 else ItemStatus.IN_PROGRESS,
                    responsible_post=officials[n % units],
                    lead_unit=unit_list[n % units],
                    lead_leader_post=leaders[n % 20],
                    deadline=deadline,
                    ongoing=n % 23 == 0,
                )
            )
        ResponsibilityItem.objects.bulk_create(rows, batch_size=5000)
        Assignment.objects.bulk_create(
            [
                assignment
                for item in ResponsibilityItem.objects.filter(plan=plan).only(
                    "pk", "order", "lead_unit_id", "responsible_post_id", "deadline", "ongoing", "status"
                )
                for assignment in assignments_of(item, unit_list, officials)
            ],
            batch_size=5000,
        )
        author = people[f"{TAG}-0"].pk
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE responsibility_responsibilityitem i SET branch_count = (SELECT COUNT(*)"
                " FROM responsibility_assignment a WHERE a.item_id = i.id AND a.role <> 'cooperating')"
                " WHERE i.plan_id = %s",
                [plan.pk],
            )
            for role, table in (("<> 'cooperating'", "responsible_units"), ("= 'cooperating'", "cooperating_units")):
                cursor.execute(
                    f"INSERT INTO responsibility_responsibilityitem_{table} (responsibilityitem_id, unit_id)"
                    " SELECT a.item_id, a.unit_id FROM responsibility_assignment a"
                    " JOIN responsibility_responsibilityitem i ON i.id = a.item_id"
                    f" WHERE i.plan_id = %s AND a.role {role}",
                    [plan.pk],
                )
            branches = (
                " FROM responsibility_responsibilityitem i JOIN responsibility_assignment a ON a.item_id = i.id"
                " AND a.role <> 'cooperating'"
            )
            branch_count = Assignment.objects.filter(item__plan=plan).exclude(role=Assignment.Role.COOPERATING).count()
            # Reports: spread evenly over the units' parts, one a fortnight from January, progress rising.
            cursor.execute(
                "INSERT INTO responsibility_progressreport (item_id, plan_id, assignment_id, kind, period,"
                " percent_done, narrative, author_id, created_at)"
                " SELECT i.id, i.plan_id, a.id, 'progress', 'p', LEAST(100, k * 9 + a.id %% 13), '进展', %s,"
                " TIMESTAMPTZ '2021-01-05 10:00+08' + (k * 14 || ' days')::interval"
                f"{branches} CROSS JOIN generate_series(0, %s - 1) k WHERE i.plan_id = %s",
                [author, max(1, reports // branch_count), plan.pk],
            )
            # Claims: two thirds of the units' parts, from 20 days early to 40 days late (by the unit's
            # deadline); every seventh returned once (every 21st twice); verified after.
            claim = "(COALESCE(a.deadline, i.deadline) + ((a.id %% 61) - 20)::int) + TIME '10:00'"
            for kind, offset, where in (
                ("claimed", "0", "a.id %% 3 <> 0"),
                ("returned", "1", "a.id %% 3 <> 0 AND a.id %% 7 = 0"),
                ("returned", "2", "a.id %% 3 <> 0 AND a.id %% 21 = 0"),
                ("verified", "3", "a.id %% 3 <> 0"),
            ):
                cursor.execute(
                    "INSERT INTO responsibility_itemevent (item_id, assignment_id, kind, from_status, to_status, note,"
                    f" data, created_at) SELECT i.id, a.id, %s, '', '', '', '{{}}',"
                    f" ({claim} + INTERVAL '{offset} days') AT TIME ZONE 'Asia/Shanghai'"
                    f"{branches} WHERE i.plan_id = %s AND {where}",
                    [kind, plan.pk],
                )
            contribute(cursor, plan.pk, author)
            cursor.execute(
                "INSERT INTO responsibility_indicator (item_id, name, unit, comparator, target_value)"
                " SELECT id, '开展活动', '场次', 'gte', 30 FROM responsibility_responsibilityitem"
                " WHERE plan_id = %s AND id %% 5 = 0",
                [plan.pk],
            )
            cursor.execute(
                "INSERT INTO responsibility_indicatorvalue (report_id, indicator_id, value)"
                " SELECT r.id, ind.id, (r.percent_done * 35 / 100)"
                " FROM responsibility_indicator ind JOIN responsibility_progressreport r ON r.item_id = ind.item_id"
                " AND r.kind = 'progress'"
                " JOIN responsibility_responsibilityitem i ON i.id = ind.item_id WHERE i.plan_id = %s",
                [plan.pk],
            )
        scheme = Scheme.objects.create(
            organisation=street,
            year=YEAR,
            title=f"{TAG}考核细则",
            plan=plan,
            late_cap=Decimal(3),
            return_cap=Decimal(4),
        )
        set_rules(scheme, Decimal(0))
        scheme_categories = [
            SchemeCategory.objects.create(scheme=scheme, name=c.name, points=c.points, order=c.order, plan_category=c)
            for c in categories
        ]
        for name, low in (("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)):
            GradeBand.objects.create(scheme=scheme, name=name, min_score=low)
        rules = [
            EventRule.objects.create(scheme=scheme, kind="bonus", name="通报表扬", level="city", points=1, cap=2),
            EventRule.objects.create(scheme=scheme, kind="bonus", name="通报表扬", level="national", points=3),
            EventRule.objects.create(
                scheme=scheme, kind="deduction", name="通报批评", points=2, category=scheme_categories[0]
            ),
            EventRule.objects.create(scheme=scheme, kind="deduction", name="约谈", points=1, cap=3),
        ]
        fail = EventRule.objects.create(scheme=scheme, kind="veto", name="重大事故", veto="fail")
        RewardRule.objects.create(scheme=scheme, grade="优秀", action="commendation")
        recorder = people[f"{TAG}-0"]
        events = [
            ScoreEvent(
                scheme=scheme,
                rule=rules[n % len(rules)],
                unit=unit_list[n * 7 % units],
                occurred_on=datetime.date(YEAR, 1 + n % 12, 1 + n % 28),
                description="事由",
                recorded_by=recorder,
            )
            for n in range(units * 2)
        ] + [
            ScoreEvent(
                scheme=scheme,
                rule=fail,
                unit=unit_list[n],
                occurred_on=datetime.date(YEAR, 5, 1),
                description="事故",
                recorded_by=recorder,
            )
            for n in range(0, units, max(1, units // 5))
        ]
        ScoreEvent.objects.bulk_create(events, batch_size=5000)
    vacuum()
    return scheme


# The item rules the year is scored by, written out: a new scheme has every rule off (0, no cap, no
# quota), and a benchmark of rules that do nothing would flatter ours and the floor alike.
RULES = {
    "late_points": Decimal("0.5"),
    "return_points": Decimal(1),
    "indicator_share": 20,
    "bonus_cap": Decimal(5),
    "excellent_quota": 20,
}


def set_rules(scheme, cooperation_points: Decimal, quality_share: int = 0) -> None:
    rules = {**RULES, "cooperation_points": cooperation_points, "quality_share": quality_share}
    for name, value in rules.items():
        setattr(scheme, name, value)
    scheme.save(update_fields=list(rules))


# Issue 13's methods, in the first category (12 points): what they take of it, the category's items share
# what is left (4 points). All apply to every unit.
PER_UNIT_INDICATORS = [
    # name, method, source, points, target, step, floor
    ("工作质量（考核组评定）", "assessed", "", Decimal(2), None, Decimal(0), Decimal(0)),
    ("信息报送（单位填报，应报10次）", "ratio", "entered", Decimal(2), Decimal(10), Decimal(0), Decimal(0)),
    ("按时办结（逾期一项扣0.02分，最低0.5）", "count", "late_items", Decimal(2), None, Decimal("0.02"), Decimal("0.5")),
    ("事项完成率", "ratio", "done_percent", Decimal(2), None, Decimal(0), Decimal(0)),
]  # fmt: skip
QUALITY_SHARE = 10


def set_new_methods(scheme, on: bool) -> None:
    """Put issue 13's methods in the scheme (or take them out, ``on`` False), untimed, in bulk SQL: the
    per-unit indicators of ``PER_UNIT_INDICATORS`` with a score (考核组评定) and a number (填报) entered
    for every unit (a unit in seven with its own target); the assessor's quality rating (考核评分,
    0–10) on a third of the units' parts, counting for 工作质量占比 10 %; every fifth unit a 社区, ranked
    in a group of its own (quota 30 %, its own bands: 优秀 from 50) apart from the others (科室, quota 20 %); and a
    黄牌 (0.5 off and not 优秀) on one unit in ten. The scheme's versions must be gone (they keep the
    indicators)."""
    from django.db import connection

    from assessment.models import EventRule, GradeBand, ItemScore, SchemeGroup, SchemeIndicator, ScoreEvent
    from responsibility.models import Person, Unit

    street, plan = scheme.organisation_id, scheme.plan_id
    ScoreEvent.objects.filter(scheme=scheme, rule__veto="no_top").delete()
    EventRule.objects.filter(scheme=scheme, veto="no_top").delete()
    GradeBand.objects.filter(scheme=scheme, group__isnull=False).delete()
    SchemeGroup.objects.filter(scheme=scheme).delete()
    SchemeIndicator.objects.filter(category__scheme=scheme).exclude(method="items").delete()  # scores go with them
    ItemScore.objects.filter(item__plan=plan).delete()
    Unit.objects.filter(parent=street, name__startswith="单位").update(kind=Unit.Kind.DEPARTMENT)
    set_rules(scheme, scheme.cooperation_points, QUALITY_SHARE if on else 0)
    if not on:
        return
    first = scheme.categories.order_by("order").first()
    scorer = Person.objects.get(username=f"{TAG}-0")
    for order, (name, method, source, points, target, step, floor) in enumerate(PER_UNIT_INDICATORS):
        SchemeIndicator.objects.create(
            category=first, name=name, method=method, source=source, points=points, target=target, step=step,
            floor=floor, order=order,
        )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE responsibility_unit SET kind = 'community' WHERE parent_id = %s AND name LIKE '单位%%'"
            ' AND "order" %% 5 = 0',
            [street],
        )
        # 考核组评定: 0 to 2 points by quarters; 填报: 0 to 12 reports of 10 (8 for a unit in seven).
        for method, columns, values in (
            ("assessed", "points", '(u."order" %% 9) * 0.25'),
            ("ratio", "value, target", 'u."order" %% 13, CASE WHEN u."order" %% 7 = 3 THEN 8 END'),
        ):
            cursor.execute(
                f"INSERT INTO assessment_indicatorscore (indicator_id, unit_id, {columns}, reason, scored_by_id,"
                f" scored_at) SELECT ind.id, u.id, {values}, '评定理由', %s, NOW()"
                " FROM responsibility_unit u, assessment_schemeindicator ind"
                " WHERE u.parent_id = %s AND u.name LIKE '单位%%' AND ind.category_id = %s AND ind.method = %s"
                " AND ind.source IN ('', 'entered')",
                [scorer.pk, street, first.pk, method],
            )
        # 考核评分: the assessor's rating of a third of the units' parts, in November.
        cursor.execute(
            "INSERT INTO assessment_itemscore (item_id, assignment_id, scheme_id, quality, total, max_total, reasons,"
            " comment, assessor_id, assessed_at) SELECT a.item_id, a.id, %s, a.id %% 11, 0, 100, '[]', '', %s,"
            " TIMESTAMPTZ '2021-11-30 10:00+08' FROM responsibility_assignment a"
            " JOIN responsibility_responsibilityitem i ON i.id = a.item_id"
            " WHERE i.plan_id = %s AND a.role <> 'cooperating' AND a.id %% 3 = 1",
            [scheme.pk, scorer.pk, plan],
        )
    communities = SchemeGroup.objects.create(
        scheme=scheme, name="社区", applies_to="kind", unit_kind=Unit.Kind.COMMUNITY, excellent_quota=30, order=0
    )
    SchemeGroup.objects.create(
        scheme=scheme, name="科室", applies_to="kind", unit_kind=Unit.Kind.DEPARTMENT, excellent_quota=20, order=1
    )
    for name, low in (("优秀", 50), ("合格", 30), ("不合格", 0)):
        GradeBand.objects.create(scheme=scheme, group=communities, name=name, min_score=low)
    card = EventRule.objects.create(
        scheme=scheme, kind="deduction", name="黄牌警告", points=Decimal("0.5"), veto=EventRule.Veto.NO_TOP
    )
    unit_ids = list(
        Unit.objects.filter(parent=street, name__startswith="单位").order_by("order").values_list("pk", flat=True)
    )
    ScoreEvent.objects.bulk_create(
        ScoreEvent(
            scheme=scheme, rule=card, unit_id=unit_id, occurred_on=datetime.date(YEAR, 9, 1), description="黄牌",
            recorded_by=scorer,
        )
        for unit_id in unit_ids[3::10]
    )  # fmt: skip


def assignments_of(item, unit_list: list, officials: list) -> list:
    """An item's units as deploy hands them out: its lead unit; on one item in four two responsible
    units more (分办, each with a deadline of its own; on half of those items one unit weighed by the
    office at 3 points); on every fifth a cooperating unit (配合单位) whose 会办 date is a fortnight
    before the deadline."""
    from responsibility.models import Assignment, ItemStatus

    units = len(unit_list)
    n = item.order
    others = [(n + 1) % units, (n + 2) % units] if n // 8 % 4 == 1 else []  # in every category alike
    cooperating = (n + 3) % units if n % 5 == 2 else None
    deadline = None if item.ongoing else item.deadline
    rows = [
        Assignment(
            item=item,
            item_plan_id=item.plan_id,
            unit_id=item.lead_unit_id,
            role=Assignment.Role.LEAD,
            post_id=item.responsible_post_id,
            deadline=deadline,
            original_deadline=deadline,
            status=item.status,
        )
    ]
    for order, index in enumerate(others, start=1):
        own = deadline and deadline + datetime.timedelta(days=7 * (order * 2 - 3))  # a week before, a week after
        rows.append(
            Assignment(
                item=item,
                item_plan_id=item.plan_id,
                unit=unit_list[index],
                role=Assignment.Role.RESPONSIBLE,
                post=officials[index],
                order=order,
                deadline=own,
                original_deadline=own,
                status=item.status,
                points=Decimal(3) if order == 2 and n % 2 else None,
            )
        )
    if cooperating is not None:
        due = item.deadline - datetime.timedelta(days=15)
        rows.append(
            Assignment(
                item=item,
                item_plan_id=item.plan_id,
                unit=unit_list[cooperating],
                role=Assignment.Role.COOPERATING,
                post=officials[cooperating],
                order=len(rows),
                deadline=due,
                original_deadline=due,
                status=ItemStatus.IN_PROGRESS,
            )
        )
    return rows


# What each cooperating unit did with its 会办 (by its item's place: the order / 5, modulo 8; one item in
# five has a cooperating unit), at Shanghai's hours:
# (event, days after the 会办 date, time of day) or nothing. Given at 00:30 the day after is late in
# Shanghai though it is still the date in UTC; an item closed before the date was not waited for.
CONTRIBUTIONS = {
    0: ("contributed", -3, "10:00"),
    1: ("contributed", 1, "00:30"),  # missed (late by Shanghai's day)
    2: ("contribution_closed", -2, "10:00"),  # not missed: the item closed before the date
    3: None,  # missed: nothing given
    4: ("contributed", 0, "23:30"),  # on the day: not missed
    5: ("contributed", 5, "10:00"),  # missed (given late)
    6: ("contribution_closed", 4, "10:00"),  # missed: closed after the date, nothing given
    7: None,
}


def contribute(cursor, plan_id: int, author: int) -> None:
    """The cooperating units' contributions on the timeline, a report with each one given, and the
    assignment closed once given or closed, as ``workflow.steps`` does it."""
    for remainder, done in CONTRIBUTIONS.items():
        if done is None:
            continue
        kind, days, at = done
        moment = f"((a.deadline + {days}) + TIME '{at}') AT TIME ZONE 'Asia/Shanghai'"
        where = (
            " FROM responsibility_assignment a JOIN responsibility_responsibilityitem i ON i.id = a.item_id"
            f" WHERE i.plan_id = %s AND a.role = 'cooperating' AND (i.\"order\" / 5) %% 8 = {remainder}"
        )
        cursor.execute(
            "INSERT INTO responsibility_itemevent (item_id, assignment_id, kind, from_status, to_status, note,"
            f" data, created_at) SELECT a.item_id, a.id, %s, '', '', '', '{{}}', {moment}{where}",
            [kind, plan_id],
        )
        if kind == "contributed":
            cursor.execute(
                "INSERT INTO responsibility_progressreport (item_id, plan_id, assignment_id, kind, period,"
                " percent_done, narrative, author_id, created_at)"
                f" SELECT a.item_id, i.plan_id, a.id, 'contribution', '', 0, '会办意见', %s, {moment}{where}",
                [author, plan_id],
            )
        cursor.execute(
            f"UPDATE responsibility_assignment SET status = 'closed' WHERE id IN (SELECT a.id{where})", [plan_id]
        )


# --- the measurements ------------------------------------------------------------------------------


def time_ours(scheme) -> tuple[float, dict[str, float]]:
    from assessment.compute import compute

    started = time.perf_counter()
    assessment = compute(scheme, as_of=datetime.date(YEAR, 12, 31))
    return time.perf_counter() - started, assessment.timings


FLOOR = """
WITH indicators AS (
    -- The indicators scored per unit (考核组评定, 按完成比例得分, 按次扣分), with their category's points.
    SELECT ind.*, c.points AS category_points FROM assessment_schemeindicator ind
    JOIN assessment_schemecategory c ON c.id = ind.category_id
    WHERE c.scheme_id = %(scheme)s AND ind.method <> 'items' AND ind.points > 0
), shares AS (
    -- An item without points of its own shares what its category's per-unit indicators leave of its
    -- points with the category's other such items.
    SELECT c.id AS category_id,
        CASE WHEN c.points - MIN(COALESCE(pu.points, 0)) > 0
            THEN ROUND((c.points - MIN(COALESCE(pu.points, 0))) / COUNT(*), 2) END AS share
    FROM responsibility_responsibilityitem i
    JOIN assessment_schemecategory c ON c.scheme_id = %(scheme)s AND c.plan_category_id = i.category_id
    LEFT JOIN (SELECT category_id, SUM(points) AS points FROM indicators GROUP BY category_id) pu
        ON pu.category_id = c.id
    WHERE i.plan_id = %(plan)s AND NOT i.is_heading AND i.status <> 'draft' AND i.points = 0
    GROUP BY c.id, c.points
), facts AS (
    SELECT i.id, a.unit_id, c.id AS category_id, c.points AS category_points,
        CASE WHEN COALESCE(a.points, i.points) > 0 THEN COALESCE(a.points, i.points)
            ELSE COALESCE(s.share, 0) END AS weight,
        v.done,
        CASE WHEN v.done THEN 100 ELSE COALESCE(
            (SELECT r.percent_done FROM responsibility_progressreport r
             WHERE r.item_id = i.id AND r.assignment_id = a.id AND r.created_at < %(end)s
             ORDER BY r.created_at DESC, r.id DESC LIMIT 1), 0) END AS percent,
        CASE WHEN v.done AND NOT i.ongoing AND a.deadline IS NOT NULL AND cl.day > a.deadline
            THEN cl.day - a.deadline
            WHEN NOT v.done AND NOT i.ongoing AND a.deadline < %(as_of)s THEN %(as_of)s - a.deadline
            ELSE 0 END AS days_late,
        (SELECT COUNT(*) FROM responsibility_itemevent e WHERE e.item_id = i.id AND e.assignment_id = a.id
            AND e.kind = 'returned' AND e.created_at < %(end)s) AS returns,
        (SELECT COUNT(*) FROM responsibility_indicator ind WHERE ind.item_id = i.id) AS ind_total,
        (SELECT COUNT(*) FROM responsibility_indicator ind WHERE ind.item_id = i.id AND
            (SELECT iv.value FROM responsibility_indicatorvalue iv JOIN responsibility_progressreport r
             ON r.id = iv.report_id WHERE iv.indicator_id = ind.id AND r.assignment_id = a.id
             AND r.created_at < %(end)s
             ORDER BY r.created_at DESC, r.id DESC LIMIT 1) >= ind.target_value) AS ind_reached,
        -- 考核评分: the assessor's last rating of the unit's part (0–10), if any.
        (SELECT sc.quality FROM assessment_itemscore sc WHERE sc.item_id = i.id AND sc.assignment_id = a.id
            AND sc.assessed_at < %(end)s ORDER BY sc.assessed_at DESC, sc.id DESC LIMIT 1) AS quality
    FROM responsibility_responsibilityitem i
    JOIN responsibility_assignment a ON a.item_id = i.id AND a.role <> 'cooperating'
    JOIN assessment_schemecategory c ON c.scheme_id = %(scheme)s AND c.plan_category_id = i.category_id
    LEFT JOIN shares s ON s.category_id = c.id
    CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM responsibility_itemevent e WHERE e.item_id = i.id
        AND e.assignment_id = a.id AND e.kind = 'verified' AND e.created_at < %(end)s) AS done) v
    LEFT JOIN LATERAL (SELECT (e.created_at AT TIME ZONE 'Asia/Shanghai')::date AS day
        FROM responsibility_itemevent e WHERE e.item_id = i.id AND e.assignment_id = a.id AND e.kind = 'claimed'
        AND e.created_at < %(end)s
        ORDER BY e.created_at, e.id LIMIT 1) cl ON TRUE
    WHERE i.plan_id = %(plan)s AND NOT i.is_heading AND i.status <> 'draft'
), points AS (
    SELECT unit_id, category_id, category_points, weight,
        GREATEST(LEAST(
            ROUND(weight * (1 - share - %(quality_share)s) * CASE WHEN done THEN 1 ELSE percent * 0.01 END, 2)
            + CASE WHEN ind_total > 0 THEN ROUND(weight * share * ind_reached / ind_total, 2) ELSE 0 END
            + CASE WHEN quality IS NOT NULL THEN ROUND(weight * %(quality_share)s * quality / 10, 2) ELSE 0 END,
            weight)
            - LEAST(%(late_points)s * ((days_late + 6) / 7), %(late_cap)s, weight)
            - LEAST(%(return_points)s * returns, %(return_cap)s, weight), 0) AS earned
    FROM (SELECT *, CASE WHEN ind_total > 0 THEN %(share)s ELSE 0 END AS share FROM facts) f
), contributions AS (
    -- 会办: the first contribution given and the first closing of each cooperating unit's, in Shanghai's days.
    SELECT a.unit_id, a.deadline AS due,
        (MIN(e.created_at) FILTER (WHERE e.kind = 'contributed') AT TIME ZONE 'Asia/Shanghai')::date AS given,
        (MIN(e.created_at) FILTER (WHERE e.kind = 'contribution_closed') AT TIME ZONE 'Asia/Shanghai')::date
            AS closed
    FROM responsibility_responsibilityitem i
    JOIN responsibility_assignment a ON a.item_id = i.id AND a.role = 'cooperating'
    JOIN assessment_schemecategory c ON c.scheme_id = %(scheme)s AND c.plan_category_id = i.category_id
    LEFT JOIN responsibility_itemevent e ON e.assignment_id = a.id AND e.created_at < %(end)s
        AND e.kind IN ('contributed', 'contribution_closed')
    WHERE i.plan_id = %(plan)s AND NOT i.is_heading AND i.status <> 'draft'
    GROUP BY a.id, a.unit_id, a.deadline
), missed AS (
    SELECT unit_id, COUNT(*) AS n FROM contributions
    WHERE due <= %(as_of)s AND NOT COALESCE(given <= LEAST(due, %(as_of)s), FALSE)
        AND NOT (given IS NULL AND COALESCE(closed <= due, FALSE))
    GROUP BY unit_id
), tallies AS (
    -- Each unit's counts over its parts, for the indicators whose number the system counts. (A unit that
    -- only cooperates would have a tally of its 会办 alone; every unit of this year leads items.)
    SELECT f.unit_id, COUNT(*) AS n, COUNT(*) FILTER (WHERE f.done) AS done,
        COUNT(*) FILTER (WHERE f.days_late > 0) AS late, SUM(f.returns) AS returns, MIN(COALESCE(m.n, 0)) AS missed
    FROM facts f LEFT JOIN missed m ON m.unit_id = f.unit_id GROUP BY f.unit_id
), numbers AS (
    -- 评分单位填报: the number entered and the unit's own target, else the indicator's.
    SELECT sc.unit_id, ind.id AS indicator_id, sc.value, COALESCE(sc.target, ind.target) AS target
    FROM indicators ind JOIN assessment_indicatorscore sc ON sc.indicator_id = ind.id
    WHERE ind.method IN ('ratio', 'count') AND ind.source = 'entered'
    UNION ALL
    -- Counted: a completion rate (of none: no number) out of 100 unless the indicator says otherwise.
    SELECT t.unit_id, ind.id, CASE ind.source
            WHEN 'done_percent' THEN CASE WHEN t.n > 0 THEN ROUND(100.0 * t.done / t.n, 2) END
            WHEN 'undone_items' THEN t.n - t.done WHEN 'late_items' THEN t.late WHEN 'returns' THEN t.returns
            WHEN 'missed_contributions' THEN t.missed END,
        COALESCE(ind.target, CASE WHEN ind.source = 'done_percent' THEN 100 END)
    FROM tallies t CROSS JOIN indicators ind WHERE ind.method IN ('ratio', 'count') AND ind.source <> 'entered'
), assessed AS (
    -- Each unit's points on the per-unit indicators, out of the indicator's points, in its category.
    SELECT sc.unit_id, ind.category_id, ind.category_points, ind.points AS weight,
        LEAST(sc.points, ind.points) AS earned
    FROM indicators ind JOIN assessment_indicatorscore sc ON sc.indicator_id = ind.id
    WHERE ind.method = 'assessed' AND sc.points IS NOT NULL
    UNION ALL
    SELECT n.unit_id, ind.category_id, ind.category_points, ind.points, CASE
        WHEN ind.method = 'ratio' AND n.target = 0 THEN ind.points
        WHEN ind.method = 'ratio' THEN {ratio}
        ELSE {per_count} END
    FROM numbers n JOIN indicators ind ON ind.id = n.indicator_id
    WHERE n.value IS NOT NULL AND NOT (ind.method = 'ratio' AND n.target IS NULL)
), categories AS (
    SELECT unit_id, MIN(category_points) AS category_points,
        ROUND(MIN(category_points) * 1.0 * SUM(earned) / NULLIF(SUM(weight), 0), 2) AS points
    FROM (SELECT unit_id, category_id, category_points, weight, earned FROM points
        UNION ALL SELECT unit_id, category_id, category_points, weight, earned FROM assessed) p
    GROUP BY unit_id, category_id
), bases AS (
    SELECT unit_id, ROUND(SUM(COALESCE(points, 0)) * 1.0 * %(full)s / SUM(category_points), 2) AS base
    FROM categories GROUP BY unit_id
), by_rule AS (
    SELECT ev.unit_id, r.kind, r.category_id,
        CASE WHEN r.cap > 0 THEN LEAST(r.cap, SUM(r.points)) ELSE SUM(r.points) END AS points
    FROM assessment_scoreevent ev JOIN assessment_eventrule r ON r.id = ev.rule_id
    WHERE ev.scheme_id = %(scheme)s AND ev.occurred_on <= %(as_of)s AND r.kind <> 'veto' AND ev.unit_id IS NOT NULL
    GROUP BY ev.unit_id, r.id, r.kind, r.category_id, r.cap
), by_category AS (
    SELECT b.unit_id, b.kind, CASE WHEN b.kind = 'deduction' AND b.category_id IS NOT NULL
        THEN LEAST(MIN(c.points), SUM(b.points)) ELSE SUM(b.points) END AS points
    FROM by_rule b LEFT JOIN assessment_schemecategory c ON c.id = b.category_id
    GROUP BY b.unit_id, b.kind, b.category_id
), events AS (
    SELECT unit_id, LEAST(%(bonus_cap)s, COALESCE(SUM(points) FILTER (WHERE kind = 'bonus'), 0)) AS bonus,
        COALESCE(SUM(points) FILTER (WHERE kind = 'deduction'), 0) AS deduction
    FROM by_category GROUP BY unit_id
)
-- A unit with no scored item of its own is not ranked: its events and missed 会办 change no total.
SELECT b.unit_id, COALESCE(m.n, 0),
    GREATEST(b.base + COALESCE(e.bonus, 0) - COALESCE(e.deduction, 0) - %(cooperation)s * COALESCE(m.n, 0), 0)
FROM bases b LEFT JOIN events e ON e.unit_id = b.unit_id LEFT JOIN missed m ON m.unit_id = b.unit_id
"""


def cents(x: str) -> str:
    """SQL for ``x`` to the cent, a half up: as ``SchemeIndicator.points_for`` and the rest of the computation."""
    return f"ROUND(({x}), 2)"


FLOOR = FLOOR.replace("{ratio}", cents("LEAST(ind.points, ind.points * n.value / n.target)")).replace(
    "{per_count}", cents("GREATEST(ind.points - ind.step * n.value, LEAST(ind.floor, ind.points))")
)


def time_floor(scheme) -> tuple[float, dict[int, Decimal], dict[int, int]]:
    from django.db import connection, transaction
    from django.utils import timezone

    end = timezone.make_aware(datetime.datetime(YEAR + 1, 1, 1))
    params = {
        "end": end,
        "scheme": scheme.pk,
        "plan": scheme.plan_id,
        "as_of": datetime.date(YEAR, 12, 31),
        "late_points": scheme.late_points,
        "late_cap": scheme.late_cap if scheme.late_cap > 0 else Decimal(10**6),
        "return_points": scheme.return_points,
        "return_cap": scheme.return_cap if scheme.return_cap > 0 else Decimal(10**6),
        "share": Decimal(scheme.indicator_share) / 100,
        "quality_share": Decimal(scheme.quality_share) / 100,
        "full": scheme.full_score,
        "bonus_cap": scheme.bonus_cap if scheme.bonus_cap > 0 else Decimal(10**6),
        "cooperation": scheme.cooperation_points,
    }
    assert scheme.late_period == "week" and scheme.not_done == "progress" and scheme.method == "additive"
    # Per-unit indicators for every unit, as the builder sets them; no item tied to an indicator.
    assert not scheme.categories.filter(indicators__applies_to__in=["kind", "named"]).exists()
    assert not scheme.categories.filter(indicators__method="items").exists()
    # The floor runs as ours does, without JIT (compiling the query costs more than it saves): a floor
    # left with JIT on would be slower, and flatter our ratio.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        started = time.perf_counter()
        cursor.execute(FLOOR, params)
        rows = cursor.fetchall()
        seconds = time.perf_counter() - started
    totals = {unit: round(Decimal(total), 2) for unit, _missed, total in rows}
    return seconds, totals, {unit: missed for unit, missed, _total in rows if missed}


def shape(scheme) -> dict:
    """What the year holds: the units' parts by role, and the items by how many units carry them."""
    from django.db import connection
    from django.db.models import Count

    from responsibility.models import Assignment

    assignments = Assignment.objects.filter(item__plan=scheme.plan_id)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n, COUNT(*) FROM (SELECT a.item_id, COUNT(*) AS n FROM responsibility_assignment a"
            " JOIN responsibility_responsibilityitem i ON i.id = a.item_id"
            " WHERE i.plan_id = %s AND a.role <> 'cooperating' GROUP BY a.item_id) w GROUP BY n ORDER BY n",
            [scheme.plan_id],
        )
        widths = dict(cursor.fetchall())
    return {
        "assignments": dict(assignments.order_by().values_list("role").annotate(n=Count("*"))),
        "items_by_units": widths,
    }


def ours_missed(scheme) -> dict[int, int]:
    """Ours: each ranked unit's 会办 missed, as the stored version keeps them (``ContributionResult``)."""
    from django.db.models import Count

    from assessment.models import ContributionResult, UnitResult

    ranked = UnitResult.objects.filter(assessment__scheme=scheme).values("unit_id")
    missed = ContributionResult.objects.filter(assessment__scheme=scheme, deduction__gt=0, unit_id__in=ranked)
    return dict(missed.order_by().values_list("unit_id").annotate(n=Count("*")))


def main() -> None:
    args = parse_args()
    configure()
    from assessment.models import Assessment, ContributionResult, UnitResult

    scheme = the_year(args)
    ours, floor, steps, equal, missed_equal = [], [], [], True, True
    for _ in range(args.runs):
        Assessment.objects.filter(scheme=scheme).delete()
        vacuum()
        seconds, timings = time_ours(scheme)
        ours.append(seconds)
        steps.append(timings)
        seconds, totals, floor_missed = time_floor(scheme)
        floor.append(seconds)
        stored = dict(UnitResult.objects.filter(assessment__scheme=scheme).values_list("unit_id", "total"))
        equal = equal and stored == totals
        if stored != totals:
            differing = [u for u in stored.keys() | totals.keys() if stored.get(u) != totals.get(u)]
            print(f"totals differ for {len(differing)} units, e.g. {differing[:3]}", file=sys.stderr)
        if scheme.cooperation_points > 0:  # under a rule of 0 ours keeps no deduction to count by
            missed_equal = missed_equal and ours_missed(scheme) == floor_missed
    result = {
        "items": args.items,
        "units": args.units,
        "reports": args.reports,
        "runs": args.runs,
        "cooperation_points": str(scheme.cooperation_points),
        "new_methods": args.new_methods,
        **shape(scheme),
        "ours_s": round(statistics.median(ours), 3),
        "floor_s": round(statistics.median(floor), 3),
        "ratio": round(statistics.median(ours) / statistics.median(floor), 2),
        "ours_runs": [round(s, 3) for s in ours],
        "floor_runs": [round(s, 3) for s in floor],
        "ours_steps_s": {k: round(statistics.median(t[k] for t in steps), 3) for k in steps[0]},
        "contributions": ContributionResult.objects.filter(assessment__scheme=scheme).count(),
        "contributions_missed": sum(floor_missed.values()),
        "totals_equal": equal,
        "missed_equal": missed_equal if scheme.cooperation_points > 0 else None,
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
