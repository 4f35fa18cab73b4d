"""The sweep supervises 会办: each cooperating unit's contribution is lit by its date alone, a missed
one goes on the timeline once, and its people are told once – never touching the item's own light."""

from __future__ import annotations

import contextlib
import datetime

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from responsibility.models import Assignment, ItemEvent, ItemStatus, Post, Rag, RagReason, Unit
from tests.cast import person
from tests.threads import at_once
from tests.workflow.drive import deploy_data, do, item_at
from tests.workflow.test_units import do_unit, finish
from workflow.models import Notification
from workflow.supervision import sweep

D = datetime.date
Role = Assignment.Role
Kind = ItemEvent.Kind
CONTRIBUTION_NOTICES = [Notification.Kind.CONTRIBUTION_DUE, Notification.Kind.CONTRIBUTION_MISSED]


def third_unit(cast) -> Unit:
    """城建办, whose 责任人 is 郑主任 (``cast.builder``)."""
    unit = Unit.objects.create(name="城建办", parent=cast.street)
    cast.builder = person("builder", "郑主任")
    Post.objects.create(unit=unit, title="城建办主任", role=Post.Role.OFFICIAL, holder=cast.builder)
    return unit


def three_unit_item(cast, **extra):
    """An item led by 司法所 (official) with 兴科社区 (official2, 会办 by 30 June) and 城建办
    (builder, 会办 by 15 June) cooperating; reported on only when its lead chooses."""
    builders = third_unit(cast)
    item = item_at(cast, "deploy")
    data = deploy_data(
        cast,
        item,
        cooperating_units=[cast.community.pk, builders.pk],
        contribution_due="2030-06-30",
        report_cadence="none",
        **extra,
    )
    with time_machine.travel("2030-03-01 10:00 +0800", tick=False):
        do(cast.office, item, "deploy", **data)
        do_unit(cast.official, item, "accept", "司法所", decision="accept")
    earlier = item.assignments.get(unit=builders)
    earlier.deadline = D(2030, 6, 15)  # the office gave 城建办 an earlier date
    earlier.save()
    return item


def contribute(user, item, unit: str, day: str) -> None:
    with time_machine.travel(f"{day} 10:00 +0800", tick=False):
        do_unit(user, item, "contribute", unit, narrative="会办意见")


def lights(item) -> dict[str, tuple[str, str]]:
    rows = item.assignments.filter(role=Role.COOPERATING).values_list("unit__name", "rag", "rag_reason")
    return {unit: (rag, reason) for unit, rag, reason in rows}


def changes(days: list[tuple[datetime.date, str]]) -> list[tuple[datetime.date, str]]:
    """The days a value changed, with the new value."""
    return [(day, value) for n, (day, value) in enumerate(days) if n == 0 or days[n - 1][1] != value]


def contribution_notices():
    rows = Notification.objects.filter(kind__in=CONTRIBUTION_NOTICES).order_by("created_at", "id")
    return [(row.created_at.date(), row.recipient.username, row.title) for row in rows.select_related("recipient")]


@pytest.fixture
def simulated(cast):
    """June and the first days of July under the daily sweep (and a retry of it every day): the lead
    reported on 31 May, ahead of schedule; 城建办 gives its 会办 on 10 June, in time; 兴科社区 misses
    30 June and gives it late, on 3 July."""
    item = three_unit_item(cast)
    with time_machine.travel("2030-05-31 10:00 +0800", tick=False):
        report = {"action": "report", "period": "2030-05", "percent_done": "60", "narrative": "进展顺利"}
        do_unit(cast.official, item, "work", "司法所", **report)
    actions = {
        D(2030, 6, 10): lambda: do_unit(cast.builder, item, "contribute", "城建办", narrative="已提供规划意见"),
        D(2030, 7, 3): lambda: do_unit(cast.official2, item, "contribute", "兴科社区", narrative="补报"),
    }
    days, retries, results = [], [], {}
    day = D(2030, 6, 1)
    while day <= D(2030, 7, 6):
        with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 6, 30), tick=False):
            results[day] = sweep(day)
            retries.append(sweep(day))
        item.refresh_from_db()
        days.append((day, lights(item), (item.rag, item.rag_reason), item.assignments.get(role=Role.LEAD).rag))
        if day in actions:
            with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 10, 0), tick=False):
                actions[day]()
        day += datetime.timedelta(days=1)
    return item, days, retries, results


def test_each_units_light_moves_by_its_own_date_and_clears_once_given(simulated):
    _item, days, _retries, _results = simulated
    assert changes([(day, lit["城建办"]) for day, lit, _item_light, _lead in days]) == [
        (D(2030, 6, 1), (Rag.GREEN, RagReason.ON_TRACK)),
        (D(2030, 6, 8), (Rag.YELLOW, RagReason.DUE_SOON)),  # seven days before 15 June
        (D(2030, 6, 11), ("", "")),  # given on 10 June
    ]
    assert changes([(day, lit["兴科社区"]) for day, lit, _item_light, _lead in days]) == [
        (D(2030, 6, 1), (Rag.GREEN, RagReason.ON_TRACK)),
        (D(2030, 6, 23), (Rag.YELLOW, RagReason.DUE_SOON)),
        (D(2030, 7, 1), (Rag.RED, RagReason.OVERDUE)),
        (D(2030, 7, 4), ("", "")),  # given late, on 3 July
    ]


def test_the_items_light_is_its_lead_units_whatever_the_cooperating_units_show(simulated):
    _item, days, _retries, _results = simulated
    assert {(item_light, lead) for _day, _lit, item_light, lead in days} == {
        ((Rag.GREEN, RagReason.ON_TRACK), Rag.GREEN)
    }
    assert any(lit["兴科社区"][0] == Rag.RED for _day, lit, _item_light, _lead in days)


def test_each_contribution_notice_reaches_the_right_person_once(simulated):
    item, _days, _retries, results = simulated
    subject = "“1.完善内部制度建设”"
    assert contribution_notices() == [
        (D(2030, 6, 8), "builder", f"会办提醒：{subject}的会办意见请于2030年6月15日前提交牵头单位（司法所）"),
        (D(2030, 6, 23), "official2", f"会办提醒：{subject}的会办意见请于2030年6月30日前提交牵头单位（司法所）"),
        (D(2030, 7, 1), "official2", f"会办逾期：{subject}的会办意见已超过时限2030年6月30日"),
        (D(2030, 7, 1), "official", f"会办逾期：兴科社区未在2030年6月30日前提交{subject}的会办意见"),
    ]
    assert results[D(2030, 7, 1)].notices == {"already_stored": 0, "contribution_missed": 2}
    community = item.assignments.get(unit__name="兴科社区")
    assert set(Notification.objects.filter(kind__in=CONTRIBUTION_NOTICES).values_list("key", flat=True)) == {
        f"contribution_due:{item.pk}:2030-06-15:u{item.assignments.get(unit__name='城建办').unit_id}",
        f"contribution_due:{item.pk}:2030-06-30:u{community.unit_id}",
        f"contribution_missed:{item.pk}:2030-06-30:u{community.unit_id}",
        f"contribution_missed:{item.pk}:2030-06-30:u{community.unit_id}:lead",
    }


def test_the_missed_会办_is_on_the_timeline_once_and_only_for_the_unit_that_missed_it(simulated):
    item, _days, _retries, results = simulated
    missed = list(item.events.filter(kind=Kind.CONTRIBUTION_MISSED).select_related("assignment__unit"))
    assert [(e.assignment.unit.name, e.created_at.date(), e.note) for e in missed] == [
        ("兴科社区", D(2030, 7, 1), "会办时限2030年6月30日已过，未提交会办意见")
    ]
    assert [day for day, result in results.items() if result.contributions_missed] == [D(2030, 7, 1)]
    assert item.events.filter(kind=Kind.CONTRIBUTED).count() == 2


def test_a_retry_of_the_days_sweep_finds_nothing_left_to_do(simulated):
    _item, _days, retries, _results = simulated
    assert {(retry.contributions_missed, tuple(retry.notices.items())) for retry in retries} == {
        (0, (("already_stored", 0),))
    }


def test_a_contribution_given_puts_its_light_out_at_once(cast):
    item = three_unit_item(cast)
    with time_machine.travel("2030-06-09 06:30 +0800", tick=False):
        sweep(D(2030, 6, 9))
    assert lights(item)["城建办"] == (Rag.YELLOW, RagReason.DUE_SOON)
    contribute(cast.builder, item, "城建办", "2030-06-09")
    builders = item.assignments.get(unit__name="城建办")
    assert (builders.status, builders.rag, builders.rag_reason) == (ItemStatus.CLOSED, "", "")


def test_a_contribution_without_a_date_has_no_light_and_no_notice(cast):
    item = three_unit_item(cast)
    item.assignments.filter(role=Role.COOPERATING).update(deadline=None, due_by=None)
    for day in (D(2030, 6, 30), D(2030, 12, 31), D(2031, 1, 5)):
        sweep(day)
    assert set(lights(item).values()) == {("", "")}
    assert contribution_notices() == []
    assert not item.events.filter(kind=Kind.CONTRIBUTION_MISSED).exists()


def test_an_item_without_a_lead_unit_reminds_without_naming_one_and_tells_no_lead(cast):
    item = three_unit_item(cast, lead_unit="")
    assert not item.assignments.filter(role=Role.LEAD).exists()
    sweep(D(2030, 6, 8))
    sweep(D(2030, 6, 16))
    assert [(who, title) for _day, who, title in contribution_notices()] == [
        ("builder", "会办提醒：“1.完善内部制度建设”的会办意见请于2030年6月15日前提交牵头单位"),
        ("builder", "会办逾期：“1.完善内部制度建设”的会办意见已超过时限2030年6月15日"),
    ]


def test_a_contribution_closed_with_its_item_before_its_date_is_not_missed(cast):
    item = three_unit_item(cast)
    with time_machine.travel("2030-06-01 10:00 +0800", tick=False):
        finish(cast, item, "司法所", cast.official)
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED
    sweep(D(2030, 7, 10))
    assert not item.events.filter(kind=Kind.CONTRIBUTION_MISSED).exists()
    assert contribution_notices() == [] and set(lights(item).values()) == {("", "")}


# --- cost and concurrency ----------------------------------------------------------------------------


class _Rollback(Exception):
    pass


def _coop_items(cast, unit: Unit, count: int, day: datetime.date) -> None:
    """``count`` items each led by 司法所, with 兴科社区 whose 会办 date passed yesterday and ``unit``
    whose date is in three days."""
    for n in range(count):
        item = cast.item(f"事项{n}", number=f"{n}.", with_indicator=False)
        item.status, item.branch_count = ItemStatus.IN_PROGRESS, 1
        item.save()
        parts = [
            (cast.justice, Role.LEAD, cast.posts["official"], item.deadline),
            (cast.community, Role.COOPERATING, cast.posts["official2"], day - datetime.timedelta(days=1)),
            (unit, Role.COOPERATING, unit.posts.get(), day + datetime.timedelta(days=3)),
        ]
        for order, (part_unit, role, post, deadline) in enumerate(parts):
            Assignment.objects.create(
                item=item,
                unit=part_unit,
                role=role,
                post=post,
                deadline=deadline,
                status=ItemStatus.IN_PROGRESS,
                order=order,
                started_on=D(2030, 3, 1),
            )


def _sweep_queries(cast, unit: Unit, count: int, day: datetime.date) -> int:
    """The statements of one sweep over ``count`` such items (rolled back after)."""
    with contextlib.suppress(_Rollback), transaction.atomic():
        _coop_items(cast, unit, count, day)
        with CaptureQueriesContext(connection) as captured:
            result = sweep(day)
        assert result.contributions_missed == count
        assert result.notices[Notification.Kind.CONTRIBUTION_DUE] == count
        assert result.notices[Notification.Kind.CONTRIBUTION_MISSED] == 2 * count
        raise _Rollback
    return len(captured)


def test_the_sweeps_statements_do_not_grow_with_the_cooperating_units(cast):
    builders = third_unit(cast)
    day = D(2030, 6, 20)
    assert _sweep_queries(cast, builders, 1, day) == _sweep_queries(cast, builders, 5, day)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_record_each_missed_会办_once(cast_committed):
    builders = third_unit(cast_committed)
    day = D(2030, 6, 20)
    _coop_items(cast_committed, builders, 10, day)
    errors = at_once(lambda: sweep(day), lambda: sweep(day))
    assert errors == []
    assert ItemEvent.objects.filter(kind=Kind.CONTRIBUTION_MISSED).count() == 10
    keys = list(Notification.objects.filter(kind__in=CONTRIBUTION_NOTICES).values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == 30
