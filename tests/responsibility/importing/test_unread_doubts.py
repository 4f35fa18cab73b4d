"""An item whose text still states an assignment its fields lack is put to the office: a label left in
the text, a date to finish by, a unit and its role, or nobody named where most items name someone.
Each doubt says what the text holds, and changes no reading. Each case beside its opposite."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from responsibility.importing.document import Fields, Node
from responsibility.importing.fields import unread
from tests.browser import plain_text
from tests.responsibility.importing.made import readers
from tests.responsibility.importing.test_review_page import imported

as_txt, as_paste, as_docx = readers(2025)


def item(title: str, content: tuple[str, ...] = (), line: int = 1, **fields) -> Node:
    return Node("1", 3, title, line, content=list(content), fields=Fields(**fields))


def messages(nodes: list[Node]) -> list[tuple[int, str]]:
    return [(problem.line, problem.message) for problem in unread(nodes)]


# --- a label left in the text ----------------------------------------------------------------------


def test_a_label_left_in_the_text_with_its_field_empty_is_a_doubt():
    node = item("开展消防安全检查", ("县级包保领导：王明",), line=4, lead_units=["县应急局"])
    assert messages([node]) == [(4, "“县级包保领导：”仍在事项正文中，没有读作责任人或牵头领导，请核对。")]


def test_a_label_left_in_the_text_whose_field_was_read_elsewhere_is_no_doubt():
    node = item("开展消防安全检查", ("备注：牵头：综治中心",), lead_units=["综治中心"])
    assert messages([node]) == []


def test_a_label_whose_field_is_no_assignment_is_no_doubt():
    # 工作目标 is the item's target, 督办单位 the office that follows the work up: neither is an assignment.
    node = item("开展消防安全检查", ("工作目标：检查全覆盖", "督办单位：县政府督查室"), lead_units=["县应急局"])
    assert messages([node]) == []


def test_a_deadline_label_left_with_no_deadline_names_the_deadline():
    node = item("完成设计招标", ("完成时间：待定",), responsible_units=["区住建局"])
    assert messages([node]) == [(1, "“完成时间：”仍在事项正文中，没有读作完成时限，请核对。")]


def test_a_deadline_label_left_beside_a_read_deadline_is_no_doubt():
    node = item(
        "完成设计招标", ("完成时间：2025.4.30",), responsible_units=["区住建局"], deadline=datetime.date(2025, 11, 30)
    )
    assert messages([node]) == []


# --- a unit and its role, a date ---------------------------------------------------------------------


def test_a_unit_and_its_role_in_the_text_of_an_item_naming_nobody_is_a_doubt():
    node = item("开展河道清淤", ("区水务局牵头，各街道配合，汛期前完成。",), line=7)
    assert messages([node]) == [(7, "事项正文写有“区水务局牵头”，但没有读出任何责任单位，请核对。")]


def test_a_role_in_the_text_of_an_item_that_names_a_unit_is_no_doubt():
    node = item("开展河道清淤", ("区水务局牵头，各街道配合。",), lead_units=["区水务局"])
    assert messages([node]) == []


def test_a_person_in_charge_is_no_unit_and_its_role():
    node = item("开展河道清淤", ("社区负责人要每周巡查一次。",), persons=["张明"])
    assert messages([node]) == []


def test_a_date_to_finish_by_with_no_deadline_read_is_a_doubt():
    node = item("开展全民健身活动", ("8月8日前后集中开展、8月31日前完成。",), responsible_units=["区文旅局"])
    assert messages([node]) == [(1, "事项正文写有“8月8日前”，但没有读出完成时限，请核对。")]


@pytest.mark.parametrize(
    "fields",
    [{"deadline": datetime.date(2025, 8, 31)}, {"ongoing": True}, {"milestones": [(datetime.date(2025, 8, 31), "")]}],
)
def test_a_date_with_a_schedule_read_is_no_doubt(fields):
    node = item("开展全民健身活动", ("8月31日前完成。",), responsible_units=["区文旅局"], **fields)
    assert messages([node]) == []


def test_a_monthly_report_day_is_no_date_to_finish_by():
    node = item("开展全民健身活动", ("每月25日前报送进展。",), responsible_units=["区文旅局"])
    assert messages([node]) == []


# --- nobody named where most items name someone ----------------------------------------------------------


def test_an_item_naming_nobody_among_items_naming_units_is_a_doubt():
    nodes = [item(f"任务{n}", line=n, responsible_units=["司法所"]) for n in range(1, 4)] + [item("任务4", line=4)]
    assert messages(nodes) == [(4, "“任务4”没有读出责任单位或责任人，而本计划多数事项写有，请核对。")]


def test_items_naming_nobody_in_a_plan_where_most_name_nobody_are_no_doubt():
    nodes = [item("任务1", responsible_units=["司法所"]), item("任务2"), item("任务3"), item("任务4")]
    assert messages(nodes) == []


def test_a_plan_of_two_items_is_too_small_to_say_what_most_do():
    assert messages([item("任务1", responsible_units=["司法所"]), item("任务2")]) == []


def test_a_heading_is_never_put_to_the_office_for_its_fields():
    heading = item("一、重点工作", ("区水务局牵头",))
    heading.children = [item("任务1", lead_units=["区水务局"])]
    assert messages([heading, *heading.children]) == []


# --- through the importer and the review page --------------------------------------------------------------

PLAN = """某街道2025年工作要点
一、重点工作
1.开展矛盾纠纷排查。
责任单位：综治中心
2.开展防诈骗宣传。
责任单位：派出所
3.建设视频监控点40个。
责任单位：平安办
4.开展河道清淤。"""
NOBODY = "“开展河道清淤”没有读出责任单位或责任人，而本计划多数事项写有，请核对。"


@pytest.mark.parametrize("read", [as_txt, as_paste, as_docx])
def test_the_importer_puts_an_item_naming_nobody_to_the_office(read):
    plan = read(PLAN)
    assert [(problem.line, problem.message) for problem in plan.warnings] == [(9, NOBODY)]


@pytest.mark.parametrize("read", [as_txt, as_paste, as_docx])
def test_a_plan_whose_items_all_name_units_has_no_doubt(read):
    plan = read(PLAN + "\n责任单位：城管办")
    assert plan.warnings == []
    assert plan.leaves()[-1].fields.responsible_units == ["城管办"]


def test_the_review_page_shows_the_doubt(cast, django_capture_on_commit_callbacks):
    browser, job = imported(cast, django_capture_on_commit_callbacks, PLAN)
    page = plain_text(browser.get(reverse("plans:review", args=[job.plan_id])))
    assert NOBODY in page


# --- what an item takes from the entries above it --------------------------------------------------------


def test_units_and_a_deadline_given_by_a_heading_hold_for_its_items():
    heading = item("一、优化营商环境", lead_units=["区发改局"], deadline=datetime.date(2025, 12, 31))
    heading.children = [
        item("推进政务服务一网通办", ("区政务服务中心配合，6月底前上线。",), line=2),
        item("开展涉企收费清理", line=3),
    ]
    named = [item(f"任务{n}", line=n + 3, responsible_units=["司法所"]) for n in range(1, 4)]
    assert messages([heading, *heading.children, *named]) == []


def test_a_report_day_every_year_is_no_date_to_finish_by():
    node = item("报送年度总结", ("每年6月底前报送上年度总结。",), responsible_units=["区统计局"])
    assert messages([node]) == []
