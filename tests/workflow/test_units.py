"""One item, several units (分办): each named unit runs its own branch of the flow on its own clock."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils.datastructures import MultiValueDict

from responsibility.models import Assignment, ItemStatus, Post, ResponsibilityItem, Unit
from tests.assessment.scenario import scheme_for
from tests.browser import Browser, plain_text, url
from tests.cast import person
from tests.workflow.drive import deploy_data, do, item_at
from workflow import services

Role = Assignment.Role


def unit_tasks(item, name: str) -> dict[str, object]:
    """The open ``name`` tasks of the item, by the unit whose branch they are on."""
    found = {}
    for task in services.active_task_for_item(item):
        if task.flow_task.name == name:
            unit = Assignment.objects.get(pk=task.data["assignment"]).unit.name
            found[unit] = task
    return found


def do_unit(user, item, name: str, unit: str, **data):
    form = services.complete(user, unit_tasks(item, name)[unit].pk, data, MultiValueDict())
    assert form.is_valid(), form.errors
    item.refresh_from_db()
    return form


def two_unit_item(cast, **deploy_extra):
    """An item led by 司法所 (official) with 兴科社区 (official2) responsible, deployed."""
    item = item_at(cast, "deploy")
    do(cast.office, item, "deploy", **deploy_data(cast, item, responsible_units=[cast.community.pk], **deploy_extra))
    return item


def claim(user, item, unit: str, period: str = "2030-06"):
    do_unit(user, item, "work", unit, action="claim", period=period, percent_done="100", narrative="已完成")


def finish(cast, item, unit: str, user) -> None:
    claim(user, item, unit)
    do_unit(cast.inspector, item, "verify", unit, decision="pass", comments="材料齐全")
    do_unit(cast.assessor, item, "assess", unit, quality="8", comment="较好")


def test_deploying_hands_each_named_unit_its_own_part(cast):
    item = two_unit_item(cast)

    assignments = list(item.assignments.order_by("order"))
    assert [(a.unit, a.role, a.post) for a in assignments] == [
        (cast.justice, Role.LEAD, cast.posts["official"]),
        (cast.community, Role.RESPONSIBLE, cast.posts["official2"]),
    ]
    assert all(a.status == ItemStatus.ACCEPTING and a.deadline == item.deadline for a in assignments)
    tasks = unit_tasks(item, "accept")
    assert {unit: task.owner for unit, task in tasks.items()} == {"司法所": cast.official, "兴科社区": cast.official2}
    assert item.status == ItemStatus.ACCEPTING and item.branch_count == 2


def test_a_unit_may_not_take_another_units_step(cast):
    item = two_unit_item(cast)
    community_task = unit_tasks(item, "accept")["兴科社区"]

    with pytest.raises(services.TaskUnavailable):  # 兴科社区's official holds it
        services.complete(cast.official, community_task.pk, {"decision": "accept"}, MultiValueDict())
    community_task.owner = None
    community_task.save()  # even free, it is not the other unit's to take
    with pytest.raises(PermissionDenied):
        services.complete(cast.official, community_task.pk, {"decision": "accept"}, MultiValueDict())
    assert Browser(cast.official).get(url("task", community_task.pk)).status_code == 403
    assert Browser(cast.outsider).get(url("task", community_task.pk)).status_code == 404
    assert Browser(cast.official2).get(url("item", item.pk)).status_code == 200  # sees the item and every unit


def test_the_item_stands_where_its_least_advanced_unit_stands(cast):
    item = two_unit_item(cast)

    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    assert item.status == ItemStatus.ACCEPTING  # 兴科社区 has not accepted yet

    do_unit(cast.official2, item, "accept", "兴科社区", decision="accept")
    assert item.status == ItemStatus.IN_PROGRESS

    report = {"action": "report", "period": "2030-03", "percent_done": "80", "narrative": "过半"}
    do_unit(cast.official, item, "work", "司法所", **report)
    assert item.percent_done == 40  # the units' mean: 80 and 0
    assert item.assignments.get(unit=cast.justice).percent_done == 80


def test_units_finish_on_their_own_clock_and_the_item_closes_with_the_last(cast):
    item = two_unit_item(cast)
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    do_unit(cast.official2, item, "accept", "兴科社区", decision="accept")

    finish(cast, item, "司法所", cast.official)
    assert item.assignments.get(unit=cast.justice).status == ItemStatus.CLOSED
    assert item.status == ItemStatus.IN_PROGRESS and item.closed_at is None
    assert set(unit_tasks(item, "work")) == {"兴科社区"}

    finish(cast, item, "兴科社区", cast.official2)
    assert item.status == ItemStatus.CLOSED and item.closed_at is not None
    assert not list(services.active_task_for_item(item))
    assert item.scores.count() == 2


def test_a_late_unit_scores_less_than_a_punctual_one(cast):
    scheme_for(cast)  # 0.5 per started week late
    item = two_unit_item(cast, deadline="2030-06-30")
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    do_unit(cast.official2, item, "accept", "兴科社区", decision="accept")
    with time_machine.travel("2030-06-20 10:00 +0800", tick=False):
        finish(cast, item, "司法所", cast.official)
    with time_machine.travel("2030-07-20 10:00 +0800", tick=False):
        finish(cast, item, "兴科社区", cast.official2)

    punctual = item.scores.get(assignment__unit=cast.justice)
    late = item.scores.get(assignment__unit=cast.community)
    assert (punctual.late_deduction, late.late_deduction) == (0, Decimal("1.5"))  # 20 days: three weeks
    assert late.total == punctual.total - Decimal("1.5")
    assert any("（兴科社区）逾期20天（每周扣0.5分）" in line["text"] for line in late.lines)
    assert not any("逾期" in line["text"] for line in punctual.lines)


def test_one_unit_sent_back_waits_for_the_office_while_the_other_works(cast):
    item = two_unit_item(cast)
    do_unit(cast.official2, item, "accept", "兴科社区", decision="send_back", reason="应由司法所独立承办")
    do_unit(cast.official, item, "accept", "司法所", decision="accept")

    assert item.status == ItemStatus.SENT_BACK
    redeploy = unit_tasks(item, "redeploy")["兴科社区"]
    assert "应由司法所独立承办" in Browser(cast.office).get(url("task", redeploy.pk)).content.decode()
    do_unit(cast.office, item, "redeploy", "兴科社区", post=cast.posts["official2"].pk, note="请按职责承办")
    assert set(unit_tasks(item, "accept")) == {"兴科社区"} and set(unit_tasks(item, "work")) == {"司法所"}


def test_a_unit_without_a_responsible_official_stops_the_deploy_and_nothing_is_handed_over(cast):
    item = item_at(cast, "deploy")
    empty = Unit.objects.create(name="城管中队", parent=cast.street)

    data = deploy_data(cast, item, responsible_units=[cast.community.pk, empty.pk])
    form = services.complete(cast.office, _deploy_task(item), data, {})

    errors = " ".join(form.errors["unit_posts"])
    assert "城管中队" in errors and "没有在岗的责任人" in errors
    item.refresh_from_db()
    assert item.status == ItemStatus.DEPLOYING and not item.assignments.exists()


def test_the_office_names_the_post_of_a_unit_that_has_several(cast):
    item = item_at(cast, "deploy")
    deputy = Post.objects.create(
        unit=cast.community, title="社区副主任", role=Post.Role.OFFICIAL, holder=person("deputy", "孔副主任")
    )
    data = deploy_data(cast, item, responsible_units=[cast.community.pk], unit_posts=[deputy.pk])
    do(cast.office, item, "deploy", **data)
    assert item.assignments.get(unit=cast.community).post == deputy
    assert unit_tasks(item, "accept")["兴科社区"].owner.username == "deputy"


def _deploy_task(item) -> int:
    return next(t.pk for t in services.active_task_for_item(item) if t.flow_task.name == "deploy")


def test_an_extension_moves_only_the_units_own_deadline(cast):
    item = two_unit_item(cast, deadline="2030-06-30")
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    do_unit(cast.official2, item, "accept", "兴科社区", decision="accept")
    do_unit(
        cast.official2,
        item,
        "work",
        "兴科社区",
        action="extension",
        period="2030-05",
        percent_done="50",
        narrative="需延期",
        new_deadline="2030-09-30",
    )
    do_unit(cast.office, item, "decide_extension", "兴科社区", decision="approve", comment="同意")

    deadlines = dict(item.assignments.values_list("unit__name", "deadline"))
    assert deadlines == {"司法所": datetime.date(2030, 6, 30), "兴科社区": datetime.date(2030, 9, 30)}
    assert item.deadline == datetime.date(2030, 6, 30)  # the nearest deadline still owed


def test_an_urge_reaches_each_unit_still_at_work(cast):
    item = two_unit_item(cast)
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    do_unit(cast.official2, item, "accept", "兴科社区", decision="accept")
    finish(cast, item, "司法所", cast.official)

    told = services.urge(item, cast.inspector, "请尽快办结")

    assert [notice.recipient for notice in told] == [cast.official2]  # 司法所 is done


def test_each_unit_is_lit_and_told_on_its_own_schedule(cast):
    from workflow.models import Notification
    from workflow.supervision import sweep

    item = two_unit_item(cast, deadline="2030-06-30", report_cadence="monthly", report_day="25")
    with time_machine.travel("2030-01-05 10:00 +0800", tick=False):
        do_unit(cast.official, item, "accept", "司法所", decision="accept")
        do_unit(cast.official2, item, "accept", "兴科社区", decision="accept")
    with time_machine.travel("2030-01-20 10:00 +0800", tick=False):
        report = {"action": "report", "period": "2030-01", "percent_done": "20", "narrative": "按计划推进"}
        do_unit(cast.official, item, "work", "司法所", **report)

    with time_machine.travel("2030-01-26 06:30 +0800", tick=False):
        sweep(datetime.date(2030, 1, 26))

    units = {a.unit.name: a for a in item.assignments.select_related("unit")}
    assert (units["司法所"].reports_missed, units["兴科社区"].reports_missed) == (0, 1)
    assert (units["司法所"].rag, units["兴科社区"].rag) == ("green", "yellow")
    missed = Notification.objects.filter(kind="report_missed")
    assert [(n.recipient, n.title) for n in missed] == [
        (cast.official2, "漏报提醒：“1.完善内部制度建设（兴科社区）”未在2030年1月25日前报送进度")
    ]
    item.refresh_from_db()
    assert (item.rag, item.reports_missed) == ("yellow", 1)  # the item is as red as its reddest unit


def test_the_board_shows_each_unit_under_its_item_and_counts_units_by_their_own_light(cast):
    from tests.browser import plain_text
    from workflow.board import counts_per_unit

    item = two_unit_item(cast)
    Assignment.objects.filter(item=item, unit=cast.community).update(rag="red", rag_reason="overdue")
    Assignment.objects.filter(item=item, unit=cast.justice).update(rag="green", rag_reason="on_track")

    page = plain_text(Browser(cast.office).get(url("board")))
    assert "司法所 · 待签收" in page and "兴科社区 · 待签收" in page
    counts = {c.unit: (c.red, c.green) for c in counts_per_unit(ResponsibilityItem.objects.filter(pk=item.pk))}
    assert counts == {"兴科社区": (1, 0), "司法所": (0, 1)}
    only_community = plain_text(Browser(cast.office).get(url("board"), data={"unit": cast.community.pk}))
    assert item.title in only_community


def test_my_items_include_the_items_whose_part_my_unit_was_handed(cast):
    item = two_unit_item(cast)  # 司法所 leads; 兴科社区's official is not the item's responsible official

    page = Browser(cast.official2).get(url("items"), data={"mine": "responsible"})

    assert [row.pk for row in page.context["items"]] == [item.pk]


def test_my_tasks_show_my_units_own_deadline(cast):
    from tests.browser import plain_text

    item = two_unit_item(cast, deadline="2030-06-30")
    Assignment.objects.filter(item=item, unit=cast.community).update(deadline=datetime.date(2030, 9, 30))

    mine = plain_text(Browser(cast.official2).get(url("my_tasks")))

    assert "2030年9月30日" in mine and "2030年6月30日" not in mine


def test_the_item_list_filters_by_unit_and_by_the_items_i_cooperate_on(cast):
    shared = two_unit_item(cast)
    own = item_at(cast, "work")  # 司法所 alone
    cooperated = item_at(cast, "deploy")
    do(cast.office, cooperated, "deploy", **deploy_data(cast, cooperated, cooperating_units=[cast.community.pk]))
    draft = cast.item("尚未交办")  # names 司法所 as its responsible unit, not yet handed out

    def listed(user, **query):
        return {row.pk for row in Browser(user).get(url("items"), data=query).context["items"]}

    assert listed(cast.office, unit=cast.community.pk) == {shared.pk, cooperated.pk}
    assert listed(cast.office, unit=cast.justice.pk) == {shared.pk, own.pk, cooperated.pk, draft.pk}
    assert listed(cast.official2, mine="cooperating") == {cooperated.pk}
    assert listed(cast.official2, mine="responsible") == {shared.pk}
    form = Browser(cast.official2).get(url("items")).context["form"]
    assert set(form.fields["unit"].queryset) == {cast.justice, cast.community}  # units of items he sees


def test_the_item_list_shows_each_unit_under_an_item_of_several(cast):
    item = two_unit_item(cast)
    do_unit(cast.official, item, "accept", "司法所", decision="accept")

    page = plain_text(Browser(cast.office).get(url("items")))

    assert "司法所 · 办理中" in page and "兴科社区 · 待签收" in page
