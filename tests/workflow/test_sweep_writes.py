"""What a day's sweep writes, to the letter: each notice (who, about what, its key, its text) and each
step of the ladder on the timeline (its facts, whom it was sent to, its 督办通知单 number). The sweep
builds them from rows read as values, in bulk: these tests hold it to what it wrote when it built
them from model instances one by one."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from responsibility.models import Assignment, ItemEvent, ItemStatus, Post, ReportCadence, Unit
from tests.cast import person
from tests.workflow.drive import deploy_data, do, item_at
from tests.workflow.test_units import do_unit
from workflow.models import Notification
from workflow.supervision import sweep

D = datetime.date
MISSED_REPORT, CONTRIBUTION_DUE, DUE = D(2030, 1, 26), D(2030, 1, 27), D(2030, 1, 28)


@pytest.fixture
def scene(cast):
    """On 26 January 2030: an item of two units (司法所 led by 陈科长; 兴科社区, 刘主任; 城建办, 郑主任,
    cooperating by 27 January) that missed the 25th's report, and an item without units ("2 依法
    决策") 16 days overdue; 司法所 has a head (钱所长)."""
    builders = Unit.objects.create(name="城建办", parent=cast.street)
    cast.builder = person("builder", "郑主任")
    Post.objects.create(unit=builders, title="城建办主任", role=Post.Role.OFFICIAL, holder=cast.builder)
    cast.head = person("head", "钱所长")
    Post.objects.create(unit=cast.justice, title="所长", role=Post.Role.UNIT_HEAD, holder=cast.head)
    cast.plan.year = 2030
    cast.plan.save()
    two = item_at(cast, "deploy")
    data = deploy_data(
        cast,
        two,
        responsible_units=[cast.community.pk],
        cooperating_units=[builders.pk],
        contribution_due="2030-01-27",
        deadline="2030-06-30",
        report_cadence="monthly",
        report_day="25",
    )
    with time_machine.travel("2030-01-05 10:00 +0800", tick=False):
        do(cast.office, two, "deploy", **data)
        do_unit(cast.official, two, "accept", "司法所", decision="accept")
        do_unit(cast.official2, two, "accept", "兴科社区", decision="accept")
    alone = cast.item("依法决策", number="2", deadline=D(2030, 1, 10), report_cadence=ReportCadence.NONE)
    alone.status, alone.started_on = ItemStatus.IN_PROGRESS, D(2030, 1, 1)
    alone.save()
    units = {a.unit.name: a for a in two.assignments.select_related("unit")}
    return cast, two, alone, units


def written(since_notice: int = 0, since_event: int = 0):
    """The sweep's notices and timeline events, in the order stored."""
    notices = Notification.objects.filter(pk__gt=since_notice).exclude(kind__in=["deployed", "task"]).order_by("id")
    events = ItemEvent.objects.filter(pk__gt=since_event, kind__in=["escalated", "contribution_missed"])
    return (
        list(notices.values_list("recipient__username", "item_id", "kind", "key", "title", "body")),
        list(
            events.order_by("id").values_list(
                "item_id", "assignment_id", "kind", "actor_id", "from_status", "to_status", "note", "data"
            )
        ),
        list(events.order_by("id").values_list("escalation_notice__number", flat=True)),
    )


def step(level: int, to: list, due: str, days: int, missed: int, as_of: str = "2030-01-26") -> dict:
    answer = (D.fromisoformat(as_of) + datetime.timedelta(days=5)).isoformat()
    facts = {"as_of": as_of, "due_by": due, "days_overdue": days, "reports_missed": missed, "answer_by": answer}
    return {"level": level, "to": to, **facts}


def test_the_days_notices_and_ladder_steps_to_the_letter(scene):
    cast, two, alone, units = scene
    justice, community, builders = units["司法所"], units["兴科社区"], units["城建办"]
    with time_machine.travel("2030-01-26 06:30 +0800", tick=False):
        sweep(MISSED_REPORT)
    with time_machine.travel("2030-01-28 06:30 +0800", tick=False):
        sweep(DUE)
    notices, events, numbers = written()
    ids = {user.username: user.pk for user in (cast.official, cast.official2, cast.head, cast.leader)}
    j, c, b = justice.unit_id, community.unit_id, builders.unit_id
    a, t = alone.pk, two.pk
    assert notices == [
        ("official", a, "overdue", f"overdue:{a}:2030-01-10", "逾期提醒：“2 依法决策”已超过完成时限2030年1月10日", ""),
        (
            "builder",
            t,
            "contribution_due",
            f"contribution_due:{t}:2030-01-27:u{b}",
            "会办提醒：“1.完善内部制度建设”的会办意见请于2030年1月27日前提交牵头单位（司法所）",
            "",
        ),
        (
            "official",
            t,
            "report_missed",
            f"report_missed:{t}:2030-01-25:u{j}",
            "漏报提醒：“1.完善内部制度建设（司法所）”未在2030年1月25日前报送进度",
            "",
        ),
        (
            "official2",
            t,
            "report_missed",
            f"report_missed:{t}:2030-01-25:u{c}",
            "漏报提醒：“1.完善内部制度建设（兴科社区）”未在2030年1月25日前报送进度",
            "",
        ),
        (
            "official",
            t,
            "escalation",
            f"escalation:{t}:2030-06-30:1:{ids['official']}:u{j}",
            "提醒：“1.完善内部制度建设（司法所）”",
            "",
        ),
        (
            "official2",
            t,
            "escalation",
            f"escalation:{t}:2030-06-30:1:{ids['official2']}:u{c}",
            "提醒：“1.完善内部制度建设（兴科社区）”",
            "",
        ),
        ("official", a, "escalation", f"escalation:{a}:2030-01-10:1:{ids['official']}", "提醒：“2 依法决策”", ""),
        ("official", a, "escalation", f"escalation:{a}:2030-01-10:2:{ids['official']}", "催办：“2 依法决策”", ""),
        ("head", a, "escalation", f"escalation:{a}:2030-01-10:2:{ids['head']}", "催办：“2 依法决策”", ""),
        ("official", a, "escalation", f"escalation:{a}:2030-01-10:3:{ids['official']}", "督办通知单：“2 依法决策”", ""),
        ("head", a, "escalation", f"escalation:{a}:2030-01-10:3:{ids['head']}", "督办通知单：“2 依法决策”", ""),
        ("leader", a, "escalation", f"escalation:{a}:2030-01-10:3:{ids['leader']}", "督办通知单：“2 依法决策”", ""),
        (
            "builder",
            t,
            "contribution_missed",
            f"contribution_missed:{t}:2030-01-27:u{b}",
            "会办逾期：“1.完善内部制度建设”的会办意见已超过时限2030年1月27日",
            "",
        ),
        (
            "official",
            t,
            "contribution_missed",
            f"contribution_missed:{t}:2030-01-27:u{b}:lead",
            "会办逾期：城建办未在2030年1月27日前提交“1.完善内部制度建设”的会办意见",
            "",
        ),
    ]
    automatic = "按督办规则自动升级为“%s”。"
    working = ItemStatus.IN_PROGRESS
    assert events == [
        (
            t,
            justice.pk,
            "escalated",
            None,
            working,
            working,
            automatic % "提醒",
            step(1, [ids["official"]], "2030-06-30", 0, 1),
        ),
        (
            t,
            community.pk,
            "escalated",
            None,
            working,
            working,
            automatic % "提醒",
            step(1, [ids["official2"]], "2030-06-30", 0, 1),
        ),
        (
            a,
            None,
            "escalated",
            None,
            working,
            working,
            automatic % "提醒",
            step(1, [ids["official"]], "2030-01-10", 16, 0),
        ),
        (
            a,
            None,
            "escalated",
            None,
            working,
            working,
            automatic % "催办",
            step(2, [ids["official"], ids["head"]], "2030-01-10", 16, 0),
        ),
        (
            a,
            None,
            "escalated",
            None,
            working,
            working,
            automatic % "督办通知单",
            step(3, [ids["official"], ids["head"], ids["leader"]], "2030-01-10", 16, 0),
        ),
        (
            t,
            builders.pk,
            "contribution_missed",
            None,
            working,
            working,
            "会办时限2030年1月27日已过，未提交会办意见",
            {"due": "2030-01-27"},
        ),
    ]
    assert numbers == [1, 2, 3, 4, 5, None]


def test_a_second_sweep_of_the_same_day_writes_nothing(scene):
    with time_machine.travel("2030-01-26 06:30 +0800", tick=False):
        first = sweep(MISSED_REPORT)
        stored = written()
        again = sweep(MISSED_REPORT)
    assert written() == stored
    assert first.notices["report_missed"] == 2 and first.escalations == 5
    assert (again.notices, again.escalations) == ({"already_stored": 0}, 0)


def test_the_notices_are_counted_by_the_insert_without_reading_their_keys_back(scene):
    """The INSERT says which rows it stored (RETURNING): no second read of tens of thousands of keys."""
    with time_machine.travel("2030-01-26 06:30 +0800", tick=False), CaptureQueriesContext(connection) as queries:
        sweep(MISSED_REPORT)
    notices = [q["sql"] for q in queries if '"workflow_notification"' in q["sql"] and "ON CONFLICT" not in q["sql"]]
    inserts = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "workflow_notification"')]
    assert len(inserts) == 3  # the schedules' notices; the ladder's, of units and of items without units
    assert not [sql for sql in notices if '"workflow_notification"."key" IN' in sql]


def test_a_unit_without_a_holder_is_stepped_up_but_nobody_is_told(scene):
    cast, two, _alone, units = scene
    cast.posts["official2"].hand_over(None)
    with time_machine.travel("2030-01-26 06:30 +0800", tick=False):
        sweep(MISSED_REPORT)
    community = units["兴科社区"]
    community.refresh_from_db()
    assert community.escalation_level == 1
    event = ItemEvent.objects.get(assignment=community, kind="escalated")
    assert event.data["to"] == []
    assert not Notification.objects.filter(
        key__endswith=f":u{community.unit_id}", kind__in=["report_missed", "escalation"]
    )
    assert Assignment.objects.filter(item=two, escalation_level=1).count() == 2
