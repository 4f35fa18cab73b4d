"""Facts for scoring tests, written directly: items, timeline events, reports and a scheme."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from assessment.models import EventRule, GradeBand, Scheme, SchemeCategory, ScoreEvent
from responsibility.models import (
    Assignment,
    Category,
    IndicatorValue,
    ItemEvent,
    ItemStatus,
    Post,
    ProgressReport,
    ResponsibilityItem,
    Unit,
)

D = Decimal


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    """A moment on ``day`` in Asia/Shanghai."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def scheme_for(cast, **kwargs) -> Scheme:
    """A scheme over the cast's plan: its category (12 points) and one other (88), four grades."""
    values = {
        "late_points": D("0.5"),
        "late_period": Scheme.LatePeriod.WEEK,
        "return_points": D(1),
        # The rules these tests were written under (a new scheme sets none of them).
        "indicator_share": 20,
        "bonus_cap": D(5),
        "excellent_quota": 20,
    }
    values.update(kwargs)
    scheme = Scheme.objects.create(organisation=cast.street, year=2020, title="2020年度法治建设考核细则", **values)
    SchemeCategory.objects.create(scheme=scheme, name=cast.category.name, points=D(12), order=1)
    other = Category.objects.create(plan=cast.plan, name="其他工作", order=2)
    SchemeCategory.objects.create(scheme=scheme, name=other.name, points=D(88), order=2)
    for name, low in (("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)):
        GradeBand.objects.create(scheme=scheme, name=name, min_score=D(low))
    return scheme


def unit_with_official(cast, name: str, order: int) -> tuple[Unit, Post]:
    from tests.cast import person

    unit = Unit.objects.create(name=name, parent=cast.street, order=order)
    holder = person(f"u{order}", f"{name}负责人")
    post = Post.objects.create(unit=unit, title="负责人", role=Post.Role.OFFICIAL, holder=holder)
    return unit, post


def item_for(cast, unit: Unit | None = None, post: Post | None = None, *, deadline=datetime.date(2020, 6, 30), **kw):
    item = cast.item(
        kw.pop("title", "完善内部制度建设"),
        deadline=deadline,
        with_indicator=kw.pop("with_indicator", False),
        status=kw.pop("status", ItemStatus.IN_PROGRESS),
        **kw,
    )
    if unit is not None:
        item.responsible_units.set([unit])
    if post is not None:
        ResponsibilityItem.objects.filter(pk=item.pk).update(responsible_post=post)
    return item


def fact(item, kind: str, day: datetime.date, *, assignment: Assignment | None = None, **data) -> ItemEvent:
    return ItemEvent.objects.create(item=item, assignment=assignment, kind=kind, created_at=at(day), data=data)


def finish(
    item,
    claimed: datetime.date,
    verified: datetime.date | None = None,
    returns: int = 0,
    *,
    assignment: Assignment | None = None,
) -> None:
    """The item (or, with ``assignment``, one unit's part of it) claimed, returned and verified."""
    fact(item, ItemEvent.Kind.CLAIMED, claimed, assignment=assignment)
    for n in range(returns):
        fact(item, ItemEvent.Kind.RETURNED, claimed + datetime.timedelta(days=n + 1), assignment=assignment)
    fact(
        item, ItemEvent.Kind.VERIFIED, verified or claimed + datetime.timedelta(days=returns + 2), assignment=assignment
    )
    done = {"status": ItemStatus.CLOSED, "percent_done": 100}
    if assignment is None:
        ResponsibilityItem.objects.filter(pk=item.pk).update(**done)
    else:
        Assignment.objects.filter(pk=assignment.pk).update(**done)


def split(item, *parts: tuple, deadline: datetime.date | None = None) -> list[Assignment]:
    """Hand ``item`` to units as deploy does: ``parts`` are (unit, post, role) or (unit, post, role,
    points), in order; each unit due on the item's deadline (or ``deadline``), at work."""
    assignments = []
    for order, (unit, post, role, *points) in enumerate(parts):
        assignments.append(
            Assignment.objects.create(
                item=item,
                unit=unit,
                post=post,
                role=role,
                order=order,
                points=points[0] if points else None,
                deadline=deadline or item.deadline,
                original_deadline=deadline or item.deadline,
                status=ItemStatus.IN_PROGRESS,
            )
        )
    branches = sum(1 for a in assignments if a.runs_branch)
    ResponsibilityItem.objects.filter(pk=item.pk).update(branch_count=branches)
    item.branch_count = branches
    return assignments


def report(
    item, percent: int, day: datetime.date, author, values: dict | None = None, *, assignment: Assignment | None = None
) -> ProgressReport:
    report = ProgressReport.objects.create(
        item=item,
        plan_id=item.plan_id,
        assignment=assignment,
        period=f"{day:%Y-%m}",
        percent_done=percent,
        narrative="进展",
        author=author,
    )
    ProgressReport.objects.filter(pk=report.pk).update(created_at=at(day))
    for indicator, value in (values or {}).items():
        IndicatorValue.objects.create(report=report, indicator=indicator, value=D(value))
    return report


def rule(scheme, kind, name, points=0, **kw) -> EventRule:
    return EventRule.objects.create(scheme=scheme, kind=kind, name=name, points=D(points), **kw)


def event(scheme, rule, day, user, unit=None, person=None, text="事由") -> ScoreEvent:
    return ScoreEvent.objects.create(
        scheme=scheme, rule=rule, unit=unit, person=person, occurred_on=day, description=text, recorded_by=user
    )
