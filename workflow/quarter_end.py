"""Each item's standing at a past quarter's end, read back from its timeline once and kept.

A past quarter's summary says where each item stood at the quarter's end. The timeline is
append-only, so once the quarter is over that no longer changes; reading it back (``standing``)
each time the summary is opened costs a query per item's facts over thousands of items. It is read
back once instead, into a ``QuarterRecord`` of ``QuarterStanding`` rows: at the next quarter's start
by beat (``keep_last_quarter``), or by the first reader of a quarter that has none. The summary
counts those rows (``tally``) and lists the longest overdue of them (``longest_overdue``).

What a row says is the definition's (``standing.standings``, asked in SQL by
``standing.standings_asked``): an item without a step since the moment stands as its row says; one
with a step since is read back; one still a draft then (deployed since) is not counted.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, connection, transaction
from django.db.models import BooleanField, Case, Count, DateField, F, Q, QuerySet, Value, When
from django.utils import timezone

from responsibility import standing
from responsibility.id_lists import any_of
from responsibility.models import ItemStatus, ResponsibilityItem, WorkPlan
from responsibility.models.plan import OPEN_STATUSES

from .models import QuarterRecord, QuarterStanding

# The statuses of an item not yet in the plan's life (it stood as a draft then): not counted.
NOT_YET = ("", ItemStatus.DRAFT)

# What the counts are kept by: (category id, status) -> [items, overdue, closed within the quarter].
Tally = dict[tuple[int | None, str], list[int]]


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * quarter - 2, 1)
    following = datetime.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return start, following - datetime.timedelta(days=1)


def moments(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of ``start`` and of the day after ``end``, in the site's time zone: a range of
    stored times an index answers (``created_at__date`` casts every row and is read by a full scan)."""
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time.min, zone)
    return first, datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, zone)


def end_of(year: int, quarter: int) -> tuple[datetime.datetime, datetime.date]:
    """The moment a quarter ended (the first moment of the next day) and the day its overdue work
    is counted on (that day: due on the quarter's last day at the latest)."""
    _start, end = bounds(year, quarter)
    after = end + datetime.timedelta(days=1)
    return moments(after, after)[0], after


def counted(plan: WorkPlan) -> QuerySet:
    """The plan's items a summary counts: its tasks (no headings) in the plan's life now (no drafts;
    whether they were then is each one's standing)."""
    return ResponsibilityItem.objects.filter(plan=plan, is_heading=False).exclude(status=ItemStatus.DRAFT)


def flag(condition: Q) -> Case:
    """Whether a row meets ``condition``, as a value (and as grouped counts' ``filter=`` takes it)."""
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def kept(plan: WorkPlan, year: int, quarter: int) -> QuarterRecord:
    """The plan's record of a quarter that is over, kept now if it has none. Two readers at once
    both read back; the first to commit keeps its record and the other reads that one."""
    found = QuarterRecord.objects.filter(plan=plan, year=year, quarter=quarter).first()
    if found is not None:
        return found
    moment, _as_of = end_of(year, quarter)
    assert moment <= timezone.now(), "only a quarter that is over is kept"
    try:
        with transaction.atomic():
            # The unique (plan, year, quarter) waits here for another keeper's commit, then fails.
            record = QuarterRecord.objects.create(plan=plan, year=year, quarter=quarter)
            _keep(record)
    except IntegrityError:
        return QuarterRecord.objects.get(plan=plan, year=year, quarter=quarter)
    return record


def keep_last_quarter(today: datetime.date | None = None) -> int:
    """At a quarter's start (beat): keep the quarter just ended of every published plan, so that no
    reader waits for its read-back. Returns how many records were kept now."""
    today = today or timezone.localdate()
    year, quarter = quarter_of(today - datetime.timedelta(days=today.day))
    done = set(QuarterRecord.objects.filter(year=year, quarter=quarter).values_list("plan_id", flat=True))
    plans = WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED).exclude(pk__in=done).order_by("pk")
    for plan in plans:
        kept(plan, year, quarter)
    return len(plans)


def _keep(record: QuarterRecord) -> None:
    """Write each counted item's standing at the record's quarter end: those without a step since
    as their rows say, in one INSERT … SELECT; those with one read back (``_read_back``)."""
    moment, as_of = end_of(record.year, record.quarter)
    start, end = bounds(record.year, record.quarter)
    since, until = moments(start, end)
    items = counted(record.plan)
    stepped = standing.stepped_since(moment)
    in_quarter = flag(Q(closed_at__gte=since, closed_at__lt=until))
    unchanged = (
        items.filter(~stepped)
        .order_by()
        .annotate(
            kept_record=Value(record.pk),
            kept_due=Case(When(status__in=OPEN_STATUSES, then=F("due_by")), default=None, output_field=DateField()),
            kept_closed=in_quarter,
        )
        .values_list("kept_record", "pk", "category", "status", "kept_due", "kept_closed")
    )
    _insert_from(unchanged, ["record_id", "item_id", "category_id", "status", "due", "closed_in_quarter"])
    changed = items.filter(stepped).order_by().annotate(left=standing.status_left_since(moment), closed=in_quarter)
    rest = {
        pk: (category, closed)
        for pk, category, left, closed in changed.values_list("pk", "category", "left", "closed")
        if left not in NOT_YET
    }
    if not rest:
        return
    _without_jit()
    then = standing.standings_asked(items.filter(pk__in=any_of(list(rest))), moment, as_of)
    rows = [
        QuarterStanding(
            record=record,
            item_id=pk,
            category_id=category,
            status=then[pk].status,
            due=then[pk].due,
            closed_in_quarter=closed,
        )
        for pk, (category, closed) in rest.items()
        if then[pk].status not in NOT_YET  # where its units stood: not yet in the plan's life then
    ]
    QuarterStanding.objects.bulk_create(rows, batch_size=2000)


def _insert_from(rows: QuerySet, columns: list[str]) -> None:
    """INSERT the rows of a query (its selected values, in ``columns``' order) as QuarterStandings,
    without bringing them to Python: a plan's items are tens of thousands."""
    sql, params = rows.query.sql_with_params()
    table = connection.ops.quote_name(QuarterStanding._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) {sql}", params)


def _without_jit() -> None:
    """Within the keeping's transaction, no JIT: the read-back's query is planned at a cost of
    millions (a subquery per item), and PostgreSQL compiled it for seconds to run it in a fraction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def tally(record: QuarterRecord, as_of: datetime.date) -> Tally:
    """The record's items by their category and status then: how many, how many overdue on
    ``as_of``, how many closed in the quarter."""
    rows = (
        record.standings.order_by()
        .values_list("category", "status")
        .annotate(
            n=Count("id"),
            overdue=Count("id", filter=Q(due__lt=as_of)),
            closed=Count("id", filter=Q(closed_in_quarter=True)),
        )
    )
    return {(category, status): [n, overdue, closed] for category, status, n, overdue, closed in rows}


def longest_overdue(record: QuarterRecord, as_of: datetime.date, limit: int) -> list[int]:
    """The ids of the record's ``limit`` items longest overdue on ``as_of`` (then in the plan's order)."""
    overdue = record.standings.filter(due__lt=as_of).order_by("due", "item__order", "item_id")
    return list(overdue.values_list("item_id", flat=True)[:limit])
