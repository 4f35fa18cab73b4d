"""Ninety days of the demo plan under the daily sweep: every notice and every ladder step follows
the rules, once. Nobody reports in these days, so the schedule alone decides.

The demo is loaded on a fixed day: its open items are dated from the day of loading, and which
reporting deadlines fall in the ninety days depends on it."""

import datetime
from collections import Counter

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from responsibility.models import Assignment, ItemEvent
from responsibility.models.plan import LIT_STATUSES
from responsibility.supervision import next_due
from workflow import demo
from workflow.models import Notification
from workflow.supervision import notice_key, sweep

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DAYS = 90
LOADED = datetime.date(2025, 1, 6)


@pytest.fixture
def simulated(db):
    with override_settings(PASSWORD_HASHERS=FAST_HASHER), demo.clock(LOADED):
        call_command("load_demo", "--force", stdout=open("/dev/null", "w"))
    plan = demo.demo_plans().get()
    first = LOADED + datetime.timedelta(days=1)
    before = {item.pk: (item.next_report_due, item.due_by) for item in plan.items.filter(status__in=LIT_STATUSES)}
    units = lit_units(plan)
    before_units = {unit.pk: unit.next_report_due for unit in units}
    start = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
    for offset in range(DAYS):
        day = first + datetime.timedelta(days=offset)
        with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 6, 30), tick=False):
            sweep(day)
    last = first + datetime.timedelta(days=DAYS - 1)
    return plan, before, Notification.objects.filter(id__gt=start), first, last, before_units


def lit_units(plan):
    """The units at work on the plan's items (each on its own schedule and ladder)."""
    return list(
        Assignment.objects.filter(item__plan=plan, status__in=LIT_STATUSES)
        .exclude(role=Assignment.Role.COOPERATING)
        .select_related("item", "unit", "post")
    )


def test_each_missed_report_is_noticed_once_on_the_day_after_its_deadline(simulated):
    plan, _before, notices, first, last, before_units = simulated
    assert notices.filter(kind="report_missed").count() >= 3  # the demo's open items do miss reports
    for unit in lit_units(plan):
        due, item, expected = before_units[unit.pk], unit.item, []
        while due is not None and due < last:
            if due >= first - datetime.timedelta(days=1):
                expected.append(notice_key("report_missed", unit, due))
            due = next_due(item.report_cadence, item.report_day, due)
        mine = notices.filter(item=item, kind="report_missed", recipient=unit.post.holder_id)
        assert sorted(mine.values_list("key", flat=True)) == sorted(expected), unit


def test_overdue_and_due_soon_once_per_item_and_deadline(simulated):
    plan, before, notices, first, last, _units = simulated
    keys = list(notices.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    for pk, (_due, due_by) in before.items():
        # Counted over all time: an item already late when the demo was loaded was told then.
        overdue = Notification.objects.filter(item_id=pk, kind="overdue").count()
        assert overdue == (1 if due_by is not None and due_by < last else 0), pk


def test_the_ladder_only_climbs_and_each_step_is_on_the_timeline_once(simulated):
    plan, _before, notices, _first, _last, _units = simulated
    assert plan.items.filter(escalation_level__gte=2).exists()  # the late ones have climbed
    for unit in lit_units(plan):
        levels = list(
            unit.item.events.filter(kind=ItemEvent.Kind.ESCALATED, assignment=unit)
            .order_by("id")
            .values_list("data__level", flat=True)
        )
        assert levels == sorted(levels) and len(levels) == len(set(levels)) == unit.escalation_level, unit
        told = Counter(
            notices.filter(item=unit.item, kind="escalation", recipient=unit.post.holder_id).values_list(
                "title", flat=True
            )
        )
        assert all(count == 1 for count in told.values())
    for item in plan.items.filter(status__in=LIT_STATUSES):  # an item stands at its highest unit's step
        units = item.assignments.exclude(role=Assignment.Role.COOPERATING)
        assert item.escalation_level == max(units.values_list("escalation_level", flat=True)), item
