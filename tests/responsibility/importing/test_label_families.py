"""Assignment labels in the words of each office, through the parser: short labels (牵头：、配合：、负责：、
时间：) in brackets, after the task and on lines of their own, in text, pasted text and Word; and the
same families naming the columns of a table."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import Table
from responsibility.importing.parse import parse
from responsibility.importing.readers import read, read_pasted
from responsibility.importing.tables import column_key, parse_table
from tests.responsibility.importing.made import docx_of

D = datetime.date


FORMS = {
    "txt": lambda text: read("计划.txt", text.encode("gb18030")),
    "paste": read_pasted,
    "docx": lambda text: read("计划.docx", docx_of(text)),
}


def _fields(plan) -> dict[str, tuple]:
    return {
        node.number: (
            node.fields.lead_units,
            node.fields.responsible_units,
            node.fields.cooperating_units,
            node.fields.deadline,
        )
        for node, _depth in plan.walk()
    }


SHORT_LABELS = """某社区2023年重点工作安排
一、环境整治
1.清理楼道堆物，打通消防通道。（牵头：物业办；配合：各网格）
2.更换老化路灯。时间：4月；负责：物业办。
3.修补破损路面。
负责：城建组、物业办
时间：9月底前
二、文明创建
4.开展文明家庭评选。（主办：妇联；协办：团支部；时间：10月）"""


@pytest.mark.parametrize("form", sorted(FORMS))
def test_short_labels_give_units_and_deadlines_wherever_long_labels_do(form):
    plan = parse(FORMS[form](SHORT_LABELS), 2023)
    found = _fields(plan)
    assert found["1."] == (["物业办"], [], ["各网格"], None)
    assert found["2."] == ([], ["物业办"], [], D(2023, 4, 30))
    assert found["3."] == ([], ["城建组", "物业办"], [], D(2023, 9, 30))
    assert found["4."] == (["妇联"], [], ["团支部"], D(2023, 10, 31))
    titles = [node.title for node, _depth in plan.walk()]
    assert titles == [
        "环境整治",
        "清理楼道堆物，打通消防通道",
        "更换老化路灯",
        "修补破损路面",
        "文明创建",
        "开展文明家庭评选",
    ]


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("牵头", "lead_units"),
        ("主办科室", "lead_units"),
        ("主责科室", "responsible_units"),
        ("配合", "cooperating_units"),
        ("协作部门", "cooperating_units"),
        ("负责", "responsible_units"),
        ("负责单位", "responsible_units"),
        ("责任股室", "responsible_units"),
        ("督导领导", "lead_leaders"),
        ("挂钩县领导", "lead_leaders"),
        ("直接责任人", "persons"),
        ("时间", "deadline"),
        ("办结期限", "deadline"),
    ],
)
def test_a_tables_column_is_known_by_the_same_families(header, key):
    assert column_key(header) == key


@pytest.mark.parametrize(
    ("header", "role"), [("责任单位及责任人", "responsible_units"), ("牵头部门及负责人", "lead_units")]
)
def test_a_column_of_units_and_people_gives_each_its_field(header, role):
    rows = [["序号", "工作任务", header, "时间安排"], ["1", "修缮村道", "镇交通站、周平", "6月底前"]]
    [node] = parse_table(Table(rows=rows, line=1), 2023)[0]
    assert getattr(node.fields, role) == ["镇交通站"] and node.fields.persons == ["周平"]
    assert node.fields.deadline == D(2023, 6, 30)


@pytest.mark.parametrize("header", ["包联领导", "协管领导"])
def test_more_leader_roles_name_the_lead_leader_column(header):
    assert column_key(header) == "lead_leaders"
