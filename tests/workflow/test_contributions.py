"""会办 and 牵头单位汇总办结: cooperating units contribute to the lead unit by a date; on an item the
lead closes for all, the other units report their part to the lead, which claims for the whole item."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils.datastructures import MultiValueDict

from responsibility import contributions
from responsibility.models import Assignment, Closing, ItemEvent, ItemStatus, Post, Unit
from tests.assessment.scenario import scheme_for
from tests.browser import Browser, plain_text, url
from tests.cast import person
from tests.workflow.drive import deploy_data, do, item_at
from tests.workflow.test_units import claim, do_unit, finish, unit_tasks
from workflow import services

Role = Assignment.Role
D = datetime.date
Kind = ItemEvent.Kind


def cooperated_item(cast, **extra):
    """An item of 司法所 (official) with 兴科社区 (official2) cooperating, 会办 due 2030-06-30."""
    item = item_at(cast, "deploy")
    data = deploy_data(cast, item, cooperating_units=[cast.community.pk], contribution_due="2030-06-30", **extra)
    with time_machine.travel("2030-03-01 10:00 +0800", tick=False):
        do(cast.office, item, "deploy", **data)
    return item


def contribution_of(item):
    return contributions.of([item.assignments.select_related("item").get(role=Role.COOPERATING)])[0]


def test_a_cooperating_unit_gets_a_contribution_task_due_by_its_date(cast):
    item = cooperated_item(cast)

    cooperating = item.assignments.get(role=Role.COOPERATING)
    assert cooperating.deadline == datetime.date(2030, 6, 30) and cooperating.status == ItemStatus.IN_PROGRESS
    task = unit_tasks(item, "contribute")["兴科社区"]
    assert task.owner == cast.official2
    assert item.branch_count == 1  # the cooperating unit runs no branch of the work itself
    page = Browser(cast.official2).get(url("task", task.pk)).content.decode()
    assert "提交给司法所，2030年6月30日前" in page


def test_the_lead_sees_the_contribution_when_it_reports(cast):
    item = cooperated_item(cast)
    with time_machine.travel("2030-06-20 10:00 +0800", tick=False):
        do_unit(cast.official2, item, "contribute", "兴科社区", narrative="社区已排查矛盾纠纷12起")
    do_unit(cast.official, item, "accept", "司法所", decision="accept")

    cooperating = item.assignments.get(role=Role.COOPERATING)
    assert cooperating.status == ItemStatus.CLOSED
    assert cooperating.reports.get().kind == "contribution"
    assert contribution_of(item).describe() == "已会办（2030年6月20日）"
    page = Browser(cast.official).get(url("task", unit_tasks(item, "work")["司法所"].pk)).content.decode()
    assert "配合单位会办意见" in page and "社区已排查矛盾纠纷12起" in page
    item_page = Browser(cast.office).get(url("item", item.pk)).content.decode()
    assert "已会办（2030年6月20日）" in item_page


def test_a_contribution_after_its_date_is_a_missed_会办(cast):
    item = cooperated_item(cast)
    contribution = contribution_of(item)
    assert not contribution.missed(datetime.date(2030, 6, 29))
    assert contribution.missed(datetime.date(2030, 6, 30))  # nothing given by the end of its date
    assert contribution.describe(datetime.date(2030, 7, 6)) == "会办逾期6天（时限2030年6月30日）"

    with time_machine.travel("2030-07-05 10:00 +0800", tick=False):
        do_unit(cast.official2, item, "contribute", "兴科社区", narrative="补报")
    late = contribution_of(item)
    assert late.missed(datetime.date(2030, 12, 31)) and late.late_days(datetime.date(2030, 12, 31)) == 5
    assert late.describe() == "逾期会办：2030年7月5日提交，时限2030年6月30日"


def test_the_item_closing_closes_an_open_contribution_and_the_flow_ends(cast):
    item = cooperated_item(cast)
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    with time_machine.travel("2030-05-10 10:00 +0800", tick=False):
        finish(cast, item, "司法所", cast.official)

    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED
    assert not list(services.active_task_for_item(item))
    process = services.ItemProcess.objects.get(artifact_object_id=item.pk)
    assert process.finished is not None  # the join found every branch done
    cooperating = item.assignments.get(role=Role.COOPERATING)
    assert cooperating.status == ItemStatus.CLOSED and cooperating.events.filter(kind=Kind.CONTRIBUTION_CLOSED).exists()
    closed = contribution_of(item)
    assert not closed.missed(datetime.date(2030, 12, 31))  # closed before its date: nobody waited for it
    assert closed.describe() == "未会办（事项已于会办时限前办结）"


def test_an_item_closed_after_a_missed_date_keeps_the_miss(cast):
    item = cooperated_item(cast)
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    with time_machine.travel("2030-07-10 10:00 +0800", tick=False):
        finish(cast, item, "司法所", cast.official)
    closed = contribution_of(item)
    assert closed.missed(datetime.date(2030, 12, 31))
    assert closed.describe() == "未会办（时限2030年6月30日，事项已办结）"


def test_only_the_cooperating_units_people_may_contribute(cast):
    item = cooperated_item(cast)
    task = unit_tasks(item, "contribute")["兴科社区"]
    with pytest.raises(services.TaskUnavailable):
        services.complete(cast.official, task.pk, {"narrative": "x"}, MultiValueDict())
    assert Browser(cast.official).get(url("task", task.pk)).status_code == 403
    assert Browser(cast.outsider).get(url("task", task.pk)).status_code == 404


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"contribution_due": "2031-01-10"}, "contribution_due", "会办时限不能晚于完成时限"),
        ({"cooperating_units": [], "contribution_due": "2030-06-30"}, "contribution_due", "没有配合单位"),
        ({"closing": Closing.LEAD, "lead_unit": ""}, "closing", "须指定牵头单位"),
    ],
)
def test_deploy_refuses_a_contribution_date_or_closing_that_cannot_work(cast, extra, field, message):
    item = item_at(cast, "deploy")
    data = deploy_data(cast, item, **{"cooperating_units": [cast.community.pk], **extra})
    task = services.task_of(cast.office, item, "deploy")
    with time_machine.travel("2030-03-01 10:00 +0800", tick=False):
        form = services.complete(cast.office, task.pk, data, MultiValueDict())
    assert message in " ".join(form.errors.get(field, [])), form.errors
    assert not item.assignments.exists()


# --- 牵头单位汇总办结 -------------------------------------------------------------------------------


def lead_closed_item(cast):
    item = item_at(cast, "deploy")
    data = deploy_data(cast, item, responsible_units=[cast.community.pk], closing=Closing.LEAD, deadline="2030-06-30")
    do(cast.office, item, "deploy", **data)
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    do_unit(cast.official2, item, "accept", "兴科社区", decision="accept")
    return item


def test_the_lead_may_not_claim_before_the_other_units_report_their_part(cast):
    item = lead_closed_item(cast)
    data = {"action": "claim", "period": "2030-06", "percent_done": "100", "narrative": "已完成"}
    form = services.complete(cast.official, unit_tasks(item, "work")["司法所"].pk, data, MultiValueDict())
    assert "以下单位尚未报送完成情况：兴科社区" in " ".join(form.errors["action"])


def test_the_lead_claims_for_the_whole_item_and_its_assessment_scores_every_unit(cast):
    scheme_for(cast)  # 0.5 per started week late
    item = lead_closed_item(cast)
    page = Browser(cast.official2).get(url("task", unit_tasks(item, "work")["兴科社区"].pk)).content.decode()
    assert "完成本单位任务，报牵头单位" in page

    with time_machine.travel("2030-06-10 10:00 +0800", tick=False):
        claim(cast.official2, item, "兴科社区")
    community = item.assignments.get(unit=cast.community)
    assert community.status == ItemStatus.HANDED_IN
    assert not unit_tasks(item, "verify")  # its part went to the lead, not to the inspector
    assert item.status == ItemStatus.IN_PROGRESS
    page = Browser(cast.official).get(url("task", unit_tasks(item, "work")["司法所"].pk)).content.decode()
    assert "各单位报送与会办意见" in page and "已报牵头单位" in page

    with time_machine.travel("2030-07-10 10:00 +0800", tick=False):
        finish(cast, item, "司法所", cast.official)
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED
    process = services.ItemProcess.objects.get(artifact_object_id=item.pk)
    assert process.finished is not None
    community.refresh_from_db()
    assert community.status == ItemStatus.CLOSED
    assert community.events.filter(kind=Kind.VERIFIED).exists()  # the lead's verification stands for it
    scores = {s.assignment.unit.name: s for s in item.scores.select_related("assignment__unit")}
    assert set(scores) == {"司法所", "兴科社区"}
    # Each on its own dates: 兴科社区 reported its part on time, the lead claimed 10 days late (two weeks).
    assert (scores["兴科社区"].late_deduction, scores["司法所"].late_deduction) == (0, 1)
    assert scores["兴科社区"].total > scores["司法所"].total


def test_an_extension_of_the_lead_moves_a_会办_date_left_at_the_deadline_but_not_one_set_earlier(cast):
    item = item_at(cast, "deploy")
    third = Unit.objects.create(name="综治办", parent=cast.street)
    Post.objects.create(unit=third, title="综治办主任", role=Post.Role.OFFICIAL, holder=person("official3", "冯主任"))
    data = deploy_data(cast, item, cooperating_units=[cast.community.pk, third.pk], deadline="2030-06-30")
    with time_machine.travel("2030-03-01 10:00 +0800", tick=False):
        do(cast.office, item, "deploy", **data)
    item.assignments.filter(unit=third).update(deadline=datetime.date(2030, 5, 31))  # chosen earlier
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    with time_machine.travel("2030-06-10 10:00 +0800", tick=False):
        extension = {"action": "extension", "period": "2030-06", "percent_done": "60", "narrative": "需延期"}
        do_unit(cast.official, item, "work", "司法所", new_deadline="2030-09-30", **extension)
        do_unit(cast.office, item, "decide_extension", "司法所", decision="approve", comment="同意")

    dates = {a.unit.name: a.deadline for a in item.assignments.select_related("unit")}
    assert dates == {"司法所": D(2030, 9, 30), "兴科社区": D(2030, 9, 30), "综治办": D(2030, 5, 31)}
    moved = item.events.get(kind=Kind.CONTRIBUTION_DUE_MOVED)
    assert moved.assignment.unit == cast.community and moved.note == "会办时限随牵头单位延期调整至2030年9月30日"


def test_the_cooperating_officials_workspace_and_tasks_show_the_会办_by_its_own_date(cast):
    item = item_at(cast, "deploy")
    data = deploy_data(cast, item, cooperating_units=[cast.community.pk], deadline="", ongoing="on")
    data["contribution_due"] = "2030-06-30"
    with time_machine.travel("2030-03-01 10:00 +0800", tick=False):
        do(cast.office, item, "deploy", **data)
        home = plain_text(Browser(cast.official2).get(url("home")))
        tasks = plain_text(Browser(cast.official2).get(url("my_tasks")))
    for page in (home, tasks):
        assert "会办" in page and item.title in page and "2030年6月30日" in page, page
    cooperating = item.assignments.get(role=Role.COOPERATING)
    assert cooperating.due_by == D(2030, 6, 30)  # an ongoing item's 会办 still has its date
