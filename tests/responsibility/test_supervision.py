"""Report schedules and the red/yellow/green light, computed set-based for a plan."""

import datetime

import pytest

from responsibility.models import ItemStatus, Milestone, Rag, RagReason, ReportCadence, WorkPlan
from responsibility.supervision import ITEMS, advance_schedules, light_of, next_due, update_lights

D = datetime.date


@pytest.mark.parametrize(
    ("cadence", "day", "after", "due"),
    [
        ("monthly", 25, D(2021, 1, 10), D(2021, 1, 25)),
        ("monthly", 25, D(2021, 1, 25), D(2021, 2, 25)),
        ("monthly", 31, D(2021, 2, 1), D(2021, 2, 28)),
        ("monthly", None, D(2021, 4, 30), D(2021, 5, 31)),
        ("quarterly", 30, D(2021, 1, 10), D(2021, 3, 30)),
        ("quarterly", 30, D(2021, 12, 30), D(2022, 3, 30)),
        ("none", None, D(2021, 1, 10), None),
    ],
)
def test_next_reporting_deadline(cadence, day, after, due):
    assert next_due(cadence, day, after) == due


@pytest.fixture
def working(cast):
    """An item in progress since 1 January, due at the end of the year, reporting monthly by the 25th."""
    item = cast.item(deadline=D(2021, 12, 31), report_cadence=ReportCadence.MONTHLY, report_day=25)
    cast.plan.year = 2021
    cast.plan.save()
    item.status = ItemStatus.IN_PROGRESS
    item.started_on = D(2021, 1, 1)
    item.save()
    return item


def light(item, today):
    update_lights(item.plan, today)
    item.refresh_from_db()
    return item.rag, item.rag_reason, item.expected_percent


def test_on_track_is_green(working):
    working.percent_done = 50
    working.save()
    assert light(working, D(2021, 6, 1)) == (Rag.GREEN, RagReason.ON_TRACK, 41)


def test_ten_points_behind_is_yellow_thirty_is_red(working):
    working.percent_done = 30
    working.save()
    assert light(working, D(2021, 6, 1))[:2] == (Rag.YELLOW, RagReason.BEHIND)
    working.percent_done = 10
    working.save()
    assert light(working, D(2021, 6, 1))[:2] == (Rag.RED, RagReason.BEHIND)


def test_the_last_week_is_yellow_and_after_the_deadline_red(working):
    working.percent_done = 100
    working.save()
    assert light(working, D(2021, 12, 24))[:2] == (Rag.YELLOW, RagReason.DUE_SOON)
    assert light(working, D(2022, 1, 1))[:2] == (Rag.RED, RagReason.OVERDUE)


def test_milestones_set_the_progress_expected(working):
    Milestone.objects.create(item=working, due=D(2021, 3, 31), title="完成方案", expected_percent=20)
    Milestone.objects.create(item=working, due=D(2021, 9, 30), title="完成评估", expected_percent=80)
    assert light(working, D(2021, 6, 1))[2] == 20
    assert light(working, D(2021, 10, 1))[2] == 80


def test_ongoing_items_are_never_overdue_nor_behind(working):
    working.ongoing, working.deadline = True, None
    working.save()
    assert light(working, D(2023, 1, 1)) == (Rag.GREEN, RagReason.ON_TRACK, 0)


def test_missed_reports_turn_yellow_then_red(working):
    working.percent_done = 100
    working.save()
    missed = advance_schedules(D(2021, 1, 20), ITEMS)
    working.refresh_from_db()
    assert missed == [] and working.next_report_due == D(2021, 1, 25)
    advance_schedules(D(2021, 1, 26), ITEMS)
    assert light(working, D(2021, 1, 26))[:2] == (Rag.YELLOW, RagReason.REPORTS_MISSED)
    missed = advance_schedules(D(2021, 2, 26), ITEMS)
    assert missed == [(working.pk, D(2021, 2, 25))]
    assert advance_schedules(D(2021, 2, 26), ITEMS) == []
    working.refresh_from_db()
    assert (working.reports_missed, working.next_report_due) == (2, D(2021, 3, 25))
    assert light(working, D(2021, 2, 26))[:2] == (Rag.RED, RagReason.REPORTS_MISSED)


def test_a_sweep_after_a_long_pause_counts_every_deadline_once(working):
    advance_schedules(D(2021, 1, 20), ITEMS)
    advance_schedules(D(2021, 5, 1), ITEMS)
    advance_schedules(D(2021, 5, 1), ITEMS)
    working.refresh_from_db()
    assert (working.reports_missed, working.next_report_due) == (4, D(2021, 5, 25))


def test_closed_items_have_no_light(working):
    update_lights(working.plan, D(2021, 6, 1))
    working.status = ItemStatus.CLOSED
    working.save()
    assert light(working, D(2021, 6, 2))[:2] == ("", "")


@pytest.mark.parametrize("today", [D(2021, 6, 1), D(2021, 12, 24), D(2022, 1, 2)])
@pytest.mark.parametrize("done", [0, 35, 45, 100])
def test_one_item_in_python_agrees_with_the_sweep(working, today, done):
    working.percent_done = done
    working.save()
    rag, reason, _expected = light(working, today)
    assert light_of(working, working.plan, today) == (rag, reason)


def test_a_late_sweep_reports_each_deadline_it_finds_passed(working):
    advance_schedules(D(2021, 1, 20), ITEMS)
    assert advance_schedules(D(2021, 3, 26), ITEMS) == [
        (working.pk, D(2021, 1, 25)),
        (working.pk, D(2021, 2, 25)),
        (working.pk, D(2021, 3, 25)),
    ]


def test_schedules_move_in_one_update_per_shared_deadline(cast, django_assert_max_num_queries):
    for n in range(30):
        item = cast.item(f"事项{n}", deadline=D(2021, 12, 31), report_cadence=ReportCadence.MONTHLY, report_day=25)
        item.status, item.started_on = ItemStatus.IN_PROGRESS, D(2021, 1, 1)
        item.save()
    advance_schedules(D(2021, 1, 20), ITEMS)
    # One group (the 25th): read the groups, then per group its ids and one UPDATE; then the
    # staged items' three statements, whatever their number; and one INSERT of the 30 missed
    # deadlines (MissedReport), which made it 8.
    with django_assert_max_num_queries(8):
        missed = advance_schedules(D(2021, 1, 26), ITEMS)
    assert len(missed) == 30


def test_an_item_not_yet_accepted_is_expected_nothing(working):
    working.status, working.started_on = ItemStatus.ACCEPTING, None
    working.save()
    assert light(working, D(2021, 6, 1)) == (Rag.GREEN, RagReason.ON_TRACK, 0)


def test_reporting_by_stage_follows_the_milestones(working):
    working.report_cadence = ReportCadence.PER_STAGE
    working.save()
    Milestone.objects.create(item=working, due=D(2021, 3, 31), title="完成方案", expected_percent=20)
    Milestone.objects.create(item=working, due=D(2021, 6, 30), title="完成评估", expected_percent=60)
    assert advance_schedules(D(2021, 3, 1), ITEMS) == []
    working.refresh_from_db()
    assert working.next_report_due == D(2021, 3, 31)
    assert advance_schedules(D(2021, 7, 1), ITEMS) == [(working.pk, D(2021, 3, 31)), (working.pk, D(2021, 6, 30))]
    working.refresh_from_db()
    assert (working.reports_missed, working.next_report_due) == (2, None)
    assert advance_schedules(D(2021, 7, 2), ITEMS) == []


@pytest.mark.parametrize(
    ("reported", "next_report_due"),
    [
        (D(2021, 1, 10), D(2021, 2, 25)),  # January's report, filed before the 25th: February's is next
        (D(2021, 1, 25), D(2021, 2, 25)),  # on the day
        (D(2021, 1, 26), D(2021, 3, 25)),  # late for January (counted missed): it is February's report
    ],
)
def test_a_report_meets_the_deadline_of_the_period_it_falls_in(working, reported, next_report_due):
    from responsibility.supervision import after_report

    working.reports_missed = 1
    after_report(working, reported)
    assert (working.reports_missed, working.next_report_due) == (0, next_report_due)
    working.save()
    assert advance_schedules(next_report_due - datetime.timedelta(days=1), ITEMS) == []


def test_a_report_by_stage_meets_the_next_milestone(working):
    from responsibility.supervision import after_report

    working.report_cadence = ReportCadence.PER_STAGE
    for due in (D(2021, 3, 31), D(2021, 6, 30), D(2021, 9, 30)):
        Milestone.objects.create(item=working, due=due, title=f"{due.month}月底节点", expected_percent=due.month * 8)
    after_report(working, D(2021, 3, 20))
    assert working.next_report_due == D(2021, 6, 30)
    after_report(working, D(2021, 9, 1))
    assert working.next_report_due == D(2021, 9, 30)  # the last stage: its report is the claim


@pytest.mark.parametrize("status", [WorkPlan.Status.DRAFT, WorkPlan.Status.CLOSED])
def test_work_of_a_plan_not_published_owes_no_reports(working, status):
    WorkPlan.objects.filter(pk=working.plan_id).update(status=status)
    assert advance_schedules(D(2021, 3, 26), ITEMS) == []  # no count, no 漏报提醒 for a draft or closed plan
    working.refresh_from_db()
    assert (working.reports_missed, working.next_report_due) == (0, None)
    WorkPlan.objects.filter(pk=working.plan_id).update(status=WorkPlan.Status.PUBLISHED)  # the opposite fact
    assert advance_schedules(D(2021, 3, 26), ITEMS) != []
