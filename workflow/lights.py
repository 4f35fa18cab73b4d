"""The daily history of the lights (督办灯): how many open items showed red, yellow and green each day.

An item keeps only today's light; the sweep, once it has set them, counts them into ``LightCount``
per plan, category and lead unit, in one INSERT … SELECT … GROUP BY. The day's rows are deleted and
written again in the sweep's transaction, so a second sweep on the same day (a retry, a second beat)
replaces them and never adds to them. The quarterly summary reads its trend from here, and so can
any page that charts a plan over time: ``series`` for every recorded day, ``at`` for chosen days.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from responsibility.models import Category, ItemStatus, Rag, ResponsibilityItem, Unit, WorkPlan
from responsibility.models.plan import LIT_STATUSES
from responsibility.supervision import Plans

from .models import LightCount

LIGHTS = {"red": Rag.RED, "yellow": Rag.YELLOW, "green": Rag.GREEN}


def light_counts() -> dict[str, Count]:
    """``red``, ``yellow`` and ``green``: how many items show each light, as annotations of a grouped
    query. One definition for the board, the workspace, the summary and the history. Counted
    without DISTINCT (which sorts every row, spilling to disk at a district's size): group rows that
    are each one item, or one item and one unit."""
    return {name: Count("pk", filter=Q(rag=rag)) for name, rag in LIGHTS.items()}


def tally(items, *more) -> dict:
    """How many of ``items`` (open items, a row each) show each light, and the rest by status (one query):
    ``red``, ``yellow``, ``green``, ``unlit`` as [(status label, n)] and ``unlit_total``, and
    ``total``. Only work owed by a date is lit (``LIT_STATUSES``): an item waiting for the office
    (待部署) or the inspector (待核验) has no light, and a count of lights must say so, or red, yellow
    and green do not add up to the items. ``more``: querysets of other items, none of them in
    ``items`` or in each other, counted in the same query (each part grouped on its own index)."""
    grouped = [part.order_by().values_list("rag", "status").annotate(n=Count("id")) for part in (items, *more)]
    return tally_of(grouped[0].union(*grouped[1:], all=True) if more else grouped[0])


def tally_of(rows: Iterable[tuple[str, str, int]]) -> dict:
    """``tally`` from rows already counted: (light, status, how many), a light and status in as many
    rows as may come (the quarterly summary counts them with the rest of its figures)."""
    found: dict[str, int] = {}
    unlit: dict[str, int] = {}
    for rag, status, n in rows:
        if rag in LIGHTS.values():
            found[rag] = found.get(rag, 0) + n
        else:
            unlit[status] = unlit.get(status, 0) + n
    counted = {name: found.get(rag, 0) for name, rag in LIGHTS.items()}
    by_status = [(str(ItemStatus(s).label), unlit[s]) for s in ItemStatus.values if unlit.get(s)]
    unlit_total = sum(unlit.values())
    return {**counted, "unlit": by_status, "unlit_total": unlit_total, "total": sum(counted.values()) + unlit_total}


@dataclass(frozen=True)
class LightPoint:
    day: datetime.date
    red: int
    yellow: int
    green: int

    @property
    def total(self) -> int:
        return self.red + self.yellow + self.green


def record(today: datetime.date, plans: Plans = None) -> int:
    """Count today's lights of every published plan (of ``plans`` only, if given: one organisation's
    sweep replaces its own rows, not another's) into ``LightCount``; returns the rows written.

    A plan with nothing lit gets one row of zeros, so that a day without a row means that no sweep
    ran that day, not that all was quiet.
    """
    published = WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED)
    recorded = LightCount.objects.filter(day=today)
    if plans is not None:
        published, recorded = published.filter(pk__in=plans), recorded.filter(plan__in=plans)
    recorded.delete()
    lit = ResponsibilityItem.objects.filter(
        plan__in=published, is_heading=False, status__in=LIT_STATUSES, rag__in=LIGHTS.values()
    )
    counted = (
        lit.order_by()
        .values(counted_plan=F("plan_id"), counted_category=F("category_id"), counted_unit=F("lead_unit_id"))
        .annotate(**light_counts())
    )
    quiet = published.exclude(Exists(lit.filter(plan=OuterRef("pk")))).order_by().values(quiet_plan=F("pk"))
    written = _insert(today, counted, "counted_plan, counted_category, counted_unit, red, yellow, green")
    return written + _insert(today, quiet, "quiet_plan, NULL, NULL, 0, 0, 0")


def _insert(today: datetime.date, rows, columns: str) -> int:
    table = LightCount._meta.db_table
    select, params = rows.query.sql_with_params()
    sql = (
        f'INSERT INTO "{table}" ("day", "plan_id", "category_id", "unit_id", "red", "yellow", "green")'
        f" SELECT %s, {columns} FROM ({select}) counted"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [connection.ops.adapt_datefield_value(today), *params])
        return cursor.rowcount


def series(
    plan: WorkPlan,
    start: datetime.date,
    end: datetime.date,
    *,
    category: Category | None = None,
    unit: Unit | None = None,
) -> list[LightPoint]:
    """The plan's counts on every recorded day from ``start`` to ``end`` (one query), of one category
    or one lead unit if given: a recorded day on which they had nothing lit counts zeros."""
    only = Q()
    if category is not None:
        only &= Q(category=category)
    if unit is not None:
        only &= Q(unit=unit)
    rows = (
        LightCount.objects.filter(plan=plan, day__gte=start, day__lte=end)
        .order_by("day")
        .values("day")
        .annotate(**{name: Coalesce(Sum(name, filter=only), 0) for name in LIGHTS})
    )
    return [LightPoint(**row) for row in rows]


def at(plan: WorkPlan, start: datetime.date, days: Iterable[datetime.date], **only) -> list[LightPoint]:
    """The counts as they stood on each of ``days`` (ascending, from ``start`` on): the last day
    recorded on or before it and after the one before it, so that a day beat missed takes the last
    day swept. A day with nothing recorded in its span (the future, or before the plan was
    published) is left out."""
    days = sorted(days)
    if not days:
        return []
    recorded = series(plan, start, days[-1], **only)
    points, previous = [], start - datetime.timedelta(days=1)
    for day in days:
        span = [point for point in recorded if previous < point.day <= day]
        if span:
            points.append(span[-1])
        previous = day
    return points


def month_ends(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The last day of every month from ``start`` to ``end``, ``end`` included as the last."""
    ends, day = [], start
    while day <= end:
        following = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        ends.append(min(following - datetime.timedelta(days=1), end))
        day = following
    return ends
