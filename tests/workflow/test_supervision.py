"""The supervision sweep: lights and notices for the items in someone's hands, each notice once."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from responsibility.models import Assignment, ItemStatus, Rag, ReportCadence, ResponsibilityItem
from tests.threads import at_once
from workflow.models import Notification
from workflow.supervision import sweep

D = datetime.date


def working(cast, **fields):
    """An item accepted on 1 January 2021, due 30 June, reporting monthly by the 25th."""
    cast.plan.year = 2021
    cast.plan.save()
    defaults = {"deadline": D(2021, 6, 30), "report_cadence": ReportCadence.MONTHLY, "report_day": 25}
    item = cast.item(**{**defaults, **fields})
    item.status = ItemStatus.IN_PROGRESS
    item.started_on = D(2021, 1, 1)
    item.save()
    return item


def notices(recipient=None, *, ladder=False):
    """The sweep's notices stored, oldest first: the schedule's, or (``ladder``) the escalations'
    (not what the steps that set the scene told: 交办, 退回整改 …)."""
    rows = Notification.objects.order_by("created_at", "id")
    rows = rows.filter(kind="escalation") if ladder else rows.filter(kind__in=["due_soon", "overdue", "report_missed"])
    if recipient is not None:
        rows = rows.filter(recipient=recipient)
    return [(row.kind, row.title) for row in rows]


def test_a_sweep_lights_the_item_and_notifies_the_official(cast):
    item = working(cast)
    result = sweep(D(2021, 1, 26))
    item.refresh_from_db()
    assert (item.rag, item.reports_missed) == (Rag.YELLOW, 1)
    assert result.notices["report_missed"] == 1
    assert notices(cast.official) == [("report_missed", "漏报提醒：“1.完善内部制度建设”未在2021年1月25日前报送进度")]


def test_running_the_sweep_again_sends_nothing_new(cast):
    working(cast)
    sweep(D(2021, 1, 26))
    sweep(D(2021, 1, 26))
    call_command("supervise", "--day", "2021-01-26", stdout=open("/dev/null", "w"))
    assert len(notices()) == 1


def test_due_soon_then_overdue_each_once(cast):
    item = working(cast, report_cadence=ReportCadence.NONE)
    for day in range(20, 31):
        sweep(D(2021, 6, day))
    sweep(D(2021, 7, 1))
    sweep(D(2021, 7, 2))
    assert notices(cast.official) == [
        ("due_soon", "临期提醒：“1.完善内部制度建设”将于2021年6月30日到期"),
        ("overdue", "逾期提醒：“1.完善内部制度建设”已超过完成时限2021年6月30日"),
    ]
    item.refresh_from_db()
    assert item.rag == Rag.RED


def test_a_vacant_post_gets_no_notice_and_breaks_nothing(cast):
    item = working(cast)
    cast.posts["official"].hand_over(None)
    sweep(D(2021, 1, 26))
    item.refresh_from_db()
    assert item.rag == Rag.YELLOW and notices() == []


def test_drafts_and_closed_items_are_left_alone(cast):
    draft = cast.item("草稿事项", deadline=D(2021, 1, 1))
    closed = working(cast, deadline=D(2021, 1, 1))
    closed.status = ItemStatus.CLOSED
    closed.save()
    sweep(D(2021, 3, 1))
    draft.refresh_from_db()
    closed.refresh_from_db()
    assert (draft.rag, closed.rag, notices()) == ("", "", [])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_store_each_notice_once(cast_committed):
    items = [working(cast_committed, title=f"事项{n}", number=f"{n}.") for n in range(1, 21)]
    errors = at_once(lambda: sweep(D(2021, 2, 26)), lambda: sweep(D(2021, 2, 26)))
    assert errors == []
    keys = list(Notification.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    missed = Notification.objects.filter(kind="report_missed")
    assert missed.count() == 2 * len(items)  # January's and February's missed report


def test_a_year_day_by_day(cast):
    """One monthly item, never reported on: exactly one notice per missed month, one due-soon, one overdue."""
    item = working(cast, deadline=D(2021, 12, 31))
    day = D(2021, 1, 1)
    while day <= D(2022, 1, 10):
        with time_machine.travel(datetime.datetime(day.year, day.month, day.day, 6, 30), tick=False):
            sweep(day)
        day += datetime.timedelta(days=1)
    kinds = [kind for kind, _title in notices(cast.official)]
    assert kinds == ["report_missed"] * 11 + ["due_soon", "report_missed", "overdue"]
    item.refresh_from_db()
    assert (item.rag, item.reports_missed) == (Rag.RED, 12)
    # The ladder, by missed reports (1, 2, 3), each step once: the lead leader hears from 督办通知单 on.
    assert [title for _kind, title in notices(cast.official, ladder=True)] == [
        "提醒：“1.完善内部制度建设”",
        "催办：“1.完善内部制度建设”",
        "督办通知单：“1.完善内部制度建设”",
    ]
    assert notices(cast.leader, ladder=True) == [("escalation", "督办通知单：“1.完善内部制度建设”")]
    assert item.escalation_level == 3
    assert list(item.events.filter(kind="escalated").values_list("data__level", flat=True)) == [1, 2, 3]


def test_accepting_starts_the_clock_and_a_report_settles_the_period(cast):
    from tests.workflow.drive import do, item_at

    item = item_at(cast, "work")
    assert item.started_on == timezone.localdate()
    ResponsibilityItem.objects.filter(pk=item.pk).update(
        reports_missed=2, rag=Rag.RED, next_report_due=timezone.localdate() - datetime.timedelta(days=3)
    )
    item.refresh_from_db()
    do(cast.official, item, "work", action="report", period="2030-01", percent_done="40", narrative="按计划推进")
    assert (item.reports_missed, item.rag) == (0, Rag.GREEN)
    assert item.next_report_due > timezone.localdate()


def test_a_claim_puts_the_light_out_until_the_item_is_back_with_the_official(cast):
    from tests.workflow.drive import do, item_at

    item = item_at(cast, "work")
    ResponsibilityItem.objects.filter(pk=item.pk).update(rag=Rag.YELLOW)
    item.refresh_from_db()
    do(cast.official, item, "work", action="claim", period="2030-01", percent_done="100", narrative="已完成")
    assert (item.status, item.rag) == (ItemStatus.CLAIMED, "")


def test_notices_already_sent_are_not_built_again(cast):
    working(cast, report_cadence=ReportCadence.NONE)
    sweep(D(2021, 7, 1))
    again = sweep(D(2021, 7, 2))
    assert again.notices == {"already_stored": 0} and len(notices()) == 1


def test_while_rectifying_the_rectification_deadline_counts(cast):
    from tests.workflow.drive import do, item_at

    item = item_at(cast, "verify")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    do(
        cast.inspector,
        item,
        "verify",
        decision="return",
        comments="材料不全",
        rectification_points="补充台账",
        rectification_deadline=(timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
    )
    assert item.status == ItemStatus.RECTIFYING and item.due_by == item.rectification_due
    assert item.deadline > item.due_by  # the item's own deadline is further off
    # The unit's rectification deadline passed (and so the item's, derived from it).
    Assignment.objects.filter(item=item).update(rectification_due=yesterday, due_by=yesterday)
    ResponsibilityItem.objects.filter(pk=item.pk).update(rectification_due=yesterday, due_by=yesterday)
    item.refresh_from_db()
    assert item.is_overdue() and item.days_overdue() == 1
    sweep(timezone.localdate())
    item.refresh_from_db()
    assert item.rag == Rag.RED
    assert [kind for kind, _title in notices(cast.official)] == ["overdue"]
