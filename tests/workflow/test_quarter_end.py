"""A past quarter's record: each item's standing at its end, read back once and kept.

The record must say what reading back says (``standing.standings``, the rules on every step), when
it is kept and after the timeline has grown; it is kept once, by beat or by the first reader, and
two readers at once keep one record."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from responsibility import standing
from responsibility.models import Assignment, ItemEvent, ItemStatus, ResponsibilityItem, WorkPlan
from tests.responsibility.test_standing_steps import PART_STATUSES, random_work
from tests.threads import at_once
from workflow import quarter_end, summary
from workflow.models import QuarterRecord, QuarterStanding
from workflow.tasks import quarterly_summary

D = datetime.date
Kind = ItemEvent.Kind
# The second quarter of 2021 ended at midnight in Beijing; the random timelines are about 1 July UTC.
MOMENT, AS_OF = quarter_end.end_of(2021, 2)
HOUR = datetime.timedelta(hours=1)
IN_QUARTER = datetime.datetime(2021, 6, 20, 10, tzinfo=datetime.UTC)


def _plan_with_timelines(cast, rng: random.Random) -> list[ResponsibilityItem]:
    """Items of no, one and several units, with steps either side of the quarter's end, some
    closed in the quarter, some still drafts (not counted), a heading (not counted)."""
    units = [cast.justice, cast.community, cast.inspection]
    roles = [Assignment.Role.LEAD, Assignment.Role.RESPONSIBLE, Assignment.Role.COOPERATING]
    items = []
    for n in range(18):
        closed_at = rng.choice([None, IN_QUARTER, MOMENT + datetime.timedelta(days=3)])
        items.append(random_work(cast, rng, f"事项{n}", units, roles, closed_at=closed_at))
    cast.item("标题", is_heading=True, status=ItemStatus.IN_PROGRESS, deadline=D(2021, 5, 1))
    return items


def _read_back(plan: WorkPlan) -> dict[int, tuple]:
    """The definition: each counted item as its row says when nothing happened to it since the
    quarter's end, else read back from every step (``standing.standings``); those not yet in the
    plan's life then left out."""
    items = list(quarter_end.counted(plan))
    then = standing.standings(items, MOMENT, AS_OF)
    since, until = quarter_end.moments(*summary.bounds(2021, 2))
    found = {}
    for item in items:
        if item.events.filter(created_at__gte=MOMENT).exists():
            status, due = then[item.pk].status, then[item.pk].due
        else:
            status, due = item.status, item.effective_deadline() if item.is_open else None
        if status not in quarter_end.NOT_YET:
            found[item.pk] = (item.category_id, status, due, bool(item.closed_at and since <= item.closed_at < until))
    return found


def _kept(record: QuarterRecord) -> dict[int, tuple]:
    rows = record.standings.values_list("item_id", "category_id", "status", "due", "closed_in_quarter")
    return {pk: (category, status, due, closed) for pk, category, status, due, closed in rows}


def _grow(rng: random.Random, items: list) -> None:
    """Steps after the record was kept, as the product adds them: each status change leaves the
    status stored then and stores the one it reaches; an extension names the date it replaces. Only
    on work whose row said then what its timeline says (an item of units changes through them)."""
    later = datetime.datetime(2021, 9, 1, tzinfo=datetime.UTC)
    reachable = [status for status in PART_STATUSES if status != ItemStatus.DRAFT]  # never back to a draft
    for n, item in enumerate(items):
        item.refresh_from_db()
        if item.status == ItemStatus.DRAFT:
            continue  # not in the plan's life: its first step would be its deployment
        at = later + datetime.timedelta(hours=n)
        since = item.events.filter(created_at__gte=MOMENT)
        # A unit's part stands by its own steps: one with none since stood as its random row says.
        parts = list(item.assignments.exclude(role=Assignment.Role.COOPERATING).filter(events__in=since).distinct())
        if item.branch_count and parts:
            part = rng.choice(parts)
            reached = rng.choice(reachable)
            ItemEvent.objects.create(
                item=item,
                assignment=part,
                kind=Kind.REPORTED,
                from_status=part.status,
                to_status=reached,
                created_at=at,
            )
            Assignment.objects.filter(pk=part.pk).update(status=reached)
        elif not item.branch_count:
            # Without branches it stands by its own steps (its parts' are not read).
            own = item.events.filter(assignment=None)
            if not own.filter(created_at__gte=MOMENT).exists() and (
                item.rectification_due is not None or own.filter(kind=Kind.RETURNED, created_at__lte=MOMENT).exists()
            ):
                continue  # its 整改时限 then is its last return's: this random row may say otherwise
            reached = rng.choice(reachable)
            ItemEvent.objects.create(
                item=item, kind=Kind.REPORTED, from_status=item.status, to_status=reached, created_at=at
            )
            if not item.events.filter(kind=Kind.EXTENSION_APPROVED, created_at__gt=MOMENT).exists():
                old = item.deadline.isoformat() if item.deadline else ""
                for kind, data in [(Kind.EXTENSION_REQUESTED, {"old_deadline": old}), (Kind.EXTENSION_APPROVED, {})]:
                    at += datetime.timedelta(minutes=1)
                    ItemEvent.objects.create(
                        item=item, kind=kind, from_status=reached, to_status=reached, data=data, created_at=at
                    )
                item.deadline = D(2022, 3, 31)
            item.status = reached
            item.save()


@pytest.mark.parametrize("seed", range(6))
def test_the_record_says_what_reading_back_says_when_kept_and_after_the_timeline_grew(cast, seed):
    rng = random.Random(seed)
    items = _plan_with_timelines(cast, rng)
    expected = _read_back(cast.plan)
    record = quarter_end.kept(cast.plan, 2021, 2)
    assert _kept(record) == expected
    # Each rule chose something: counted and not, overdue and not, closed in the quarter and not.
    assert 0 < len(expected) < len(items)
    assert {due is not None and due < AS_OF for _k, _s, due, _c in expected.values()} == {True, False}
    assert {closed for _k, _s, _d, closed in expected.values()} == {True, False}
    _grow(rng, items)
    assert _read_back(cast.plan) == expected  # the steps since change nothing that stood then
    assert quarter_end.kept(cast.plan, 2021, 2) == record  # read, not kept again
    assert _kept(record) == expected


def test_a_past_quarter_is_kept_by_its_first_reader_and_read_by_the_next(cast):
    item = cast.item("逾期事项", deadline=D(2021, 5, 31), status=ItemStatus.IN_PROGRESS)
    first = summary.summarise(cast.plan, 2021, 2)
    assert QuarterRecord.objects.filter(plan=cast.plan, year=2021, quarter=2).count() == 1
    assert [line.title for line in first.overdue_items] == ["逾期事项"]
    # Closed since with its step: the record still says it was overdue then, and no item is read back.
    ItemEvent.objects.create(
        item=item, kind=Kind.ASSESSED, from_status=item.status, to_status=ItemStatus.CLOSED, created_at=MOMENT + HOUR
    )
    ResponsibilityItem.objects.filter(pk=item.pk).update(status=ItemStatus.CLOSED)
    with CaptureQueriesContext(connection) as queries:
        again = summary.summarise(cast.plan, 2021, 2)
    assert [line.title for line in again.overdue_items] == ["逾期事项"]
    assert (again.items, again.closed) == (1, 0)
    assert not [q for q in queries if "quarterstanding" in q["sql"] and q["sql"].startswith("INSERT")]
    # A running quarter keeps nothing: its figures are today's.
    year, quarter = summary.quarter_of(datetime.date.today())
    summary.summarise(cast.plan, year, quarter)
    assert not QuarterRecord.objects.filter(year=year, quarter=quarter).exists()


def test_the_record_keeps_each_item_s_category_then_and_forgets_what_is_deleted(cast):
    """An item moved to another category since counts in the one it stood in; a category deleted
    since leaves its items 未分类 (as the items themselves are); an item deleted since is not counted."""
    from decimal import Decimal

    from responsibility.models import Category

    moved = cast.item("移走的事项", deadline=D(2021, 5, 31), status=ItemStatus.IN_PROGRESS)
    gone = cast.item("删除的事项", deadline=D(2021, 5, 31), status=ItemStatus.IN_PROGRESS)
    old = Category.objects.create(plan=cast.plan, name="撤销的类别", order=3, points=Decimal(5))
    unsorted = cast.item("类别撤销的事项", deadline=D(2021, 12, 31), status=ItemStatus.IN_PROGRESS)
    ResponsibilityItem.objects.filter(pk=unsorted.pk).update(category=old)
    summary.summarise(cast.plan, 2021, 2)
    gone.delete()
    other = Category.objects.create(plan=cast.plan, name="新的类别", order=2, points=Decimal(5))
    ResponsibilityItem.objects.filter(pk=moved.pk).update(category=other)
    old.delete()
    report = summary.summarise(cast.plan, 2021, 2)
    assert report.items == 2
    assert [(line.name, line.items, line.overdue) for line in report.categories] == [
        (cast.category.name, 1, 1),
        ("未分类", 1, 0),
    ]
    assert ResponsibilityItem.objects.get(pk=unsorted.pk).category is None


def test_beat_keeps_the_quarter_just_ended_of_each_published_plan_once(cast):
    cast.item("事项", deadline=D(2021, 5, 31), status=ItemStatus.IN_PROGRESS)
    draft = WorkPlan.objects.create(title="草稿要点", year=2021, organisation=cast.plan.organisation)
    assert quarter_end.keep_last_quarter(D(2021, 7, 1)) == 1
    assert quarter_end.keep_last_quarter(D(2021, 7, 15)) == 0  # kept already
    record = QuarterRecord.objects.get()
    assert (record.plan, record.year, record.quarter) == (cast.plan, 2021, 2)
    assert not QuarterRecord.objects.filter(plan=draft).exists()
    assert record.standings.count() == 1


def test_the_quarterly_task_keeps_the_records_before_telling_the_committee(cast, time_machine):
    time_machine.move_to(datetime.datetime(2021, 10, 1, 8, tzinfo=datetime.UTC))
    cast.item("事项", deadline=D(2021, 5, 31), status=ItemStatus.IN_PROGRESS)
    quarterly_summary()
    assert QuarterRecord.objects.filter(plan=cast.plan, year=2021, quarter=3).exists()


@pytest.mark.django_db(transaction=True)
def test_two_readers_at_once_keep_one_record(cast_committed):
    cast = cast_committed
    for n in range(5):
        cast.item(f"事项{n}", deadline=D(2021, 5, 31), status=ItemStatus.IN_PROGRESS)
    found = []
    errors = at_once(*[lambda: found.append(quarter_end.kept(cast.plan, 2021, 2).pk) for _ in range(3)])
    assert errors == []
    assert len(set(found)) == 1 and len(found) == 3
    assert QuarterRecord.objects.count() == 1
    assert QuarterStanding.objects.count() == 5


def test_reading_a_record_takes_the_same_queries_with_nothing_counted_and_with_items_counted(cast):
    def read() -> int:
        QuarterRecord.objects.filter(plan=cast.plan).delete()
        summary.summarise(cast.plan, 2021, 2)  # kept
        with CaptureQueriesContext(connection) as queries:
            summary.summarise(cast.plan, 2021, 2)
        return len(queries)

    """The categories' names are asked whether or not anything was counted (a quarter before the
    plan's items has nothing); the overdue list, which has its own test, is empty in both."""
    assert not quarter_end.counted(cast.plan).exists()
    nothing = read()
    for n in range(3):
        cast.item(f"在办事项{n}", deadline=D(2021, 12, 31), status=ItemStatus.IN_PROGRESS)
    cast.item("已办结事项", deadline=D(2021, 5, 31), status=ItemStatus.CLOSED, closed_at=IN_QUARTER)
    assert read() == nothing
    report = summary.summarise(cast.plan, 2021, 2)
    assert (report.items, report.closed_in_quarter, report.overdue_items) == (4, 1, [])
