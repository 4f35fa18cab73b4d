"""The shapes the twenty-second held-out set (d195–d202) showed the importer did not follow, in made-up
words, one section per cause: a schedule written backwards from its dates, each item opening with its
month and day and then its unit as the sentence's subject ("1.5月20日前，X会同Y完成…"); a task force's
成员单位 over its tasks, and a task's "（长期坚持）" after its sentence; a register's number column
("提案号", "建议编号") of digits beside the 序号, and 会办单位; a part named for the time limits that
gives the rows of a list their deadlines once, the rows it marks an earlier one."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.parse import parse
from responsibility.importing.readers import read, read_pasted
from tests.responsibility.importing.made import branches, leaves, readers

from .test_held_out11_shapes import _work_book
from .test_held_out_shapes import pipe_table, tab_table

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- items that open with their month and day, then their unit as the subject ---------------------

BACKWARDS = [
    "北岭镇2026年集镇建设推进计划",
    "",
    "一、前期工作",
    "1.5月20日前，镇规划所完成集镇详细规划编制。",
    "2.6月底前，镇建设办会同镇财政所完成道路改造项目立项。",
    "二、工程建设",
    "3.10月底前，镇水务站、镇建设办完成排水管网铺设，新建管网2.5公里。",
    "4.11月15日前，镇环卫所牵头，各村委会配合，完成垃圾中转站建设。",
    "5.年内，镇建设办建成集镇停车场。",
    "",
    "北岭镇人民政府",
    "2026年2月3日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_item_opening_with_its_date_and_unit_takes_them_as_its_fields(read):
    plan = read("\n".join(BACKWARDS))
    assert [heading.title for heading in branches(plan)] == ["前期工作", "工程建设"]
    items = leaves(plan)
    assert [item.title for item in items] == [
        "完成集镇详细规划编制",
        "完成道路改造项目立项",
        "完成排水管网铺设，新建管网2.5公里",
        "完成垃圾中转站建设",
        "建成集镇停车场",
    ]
    assert items[0].fields.responsible_units == ["镇规划所"]
    assert items[0].fields.deadline == datetime.date(2026, 5, 20)
    assert items[1].fields.lead_units == ["镇建设办"] and items[1].fields.cooperating_units == ["镇财政所"]
    assert items[2].fields.responsible_units == ["镇水务站", "镇建设办"]
    assert items[2].fields.deadline == datetime.date(2026, 10, 31)
    assert items[3].fields.lead_units == ["镇环卫所"] and items[3].fields.cooperating_units == ["各村委会"]
    assert items[4].fields.responsible_units == ["镇建设办"]
    assert items[4].fields.deadline == datetime.date(2026, 12, 31)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_an_item_opening_with_its_date_but_no_unit_keeps_its_sentence(read):
    text = "\n".join(["北岭镇2026年集镇建设推进计划", "", "一、前期工作", "1.5月20日前，完成集镇详细规划编制。"])
    (item,) = leaves(read(text))
    assert item.title.startswith("5月20日前，完成集镇详细规划编制")
    assert item.fields.responsible_units == [] and item.fields.deadline == datetime.date(2026, 5, 20)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_decimal_figure_after_an_items_number_is_no_date(read):
    text = "\n".join(["北岭镇2026年集镇建设推进计划", "", "一、前期工作", "1.3万元用于规划编制，镇财政所负责。"])
    (item,) = leaves(read(text))
    assert item.number == "一、" and item.fields.deadline is None


# --- a task force's 成员单位 over its tasks; "（长期坚持）" after a task's sentence --------------------

TASK_FORCES = [
    "南湖区2026年老旧街区更新工作专班方案",
    "",
    "一、规划专班",
    "专班长：副区长 某某",
    "牵头单位：区规划分局",
    "成员单位：区住建局、南湖街道办事处",
    "主要任务：",
    "1.编制街区更新实施方案。（2026年4月底前）",
    "2.建立专班例会制度。（长期坚持）",
    "3.梳理街区历史建筑名录。（重点推进）",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_task_forces_member_units_cooperate_on_its_tasks(read):
    items = leaves(read("\n".join(TASK_FORCES)))
    assert [item.title for item in items[:2]] == ["编制街区更新实施方案", "建立专班例会制度"]
    heading = branches(read("\n".join(TASK_FORCES)))[0]
    assert heading.fields.lead_units == ["区规划分局"]
    assert heading.fields.cooperating_units == ["区住建局", "南湖街道办事处"]
    assert items[0].fields.deadline == datetime.date(2026, 4, 30)
    assert items[1].fields.ongoing and items[1].fields.deadline is None


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_bracket_of_other_words_after_a_task_says_no_time(read):
    item = leaves(read("\n".join(TASK_FORCES)))[2]
    assert not item.fields.ongoing and item.fields.deadline is None


# --- a register's number column beside the 序号; 会办单位 ------------------------------------------

REGISTER = [
    ["某区2026年代表建议交办表", "", "", "", "", ""],
    ["序号", "建议编号", "建议标题", "领衔代表", "主办单位", "会办单位"],
    ["1", "26010003", "关于增设社区便民服务点的建议", "甲某某", "区商务局", "各街道办事处"],
    ["2", "26010011", "关于改善背街道路照明的建议", "乙某某", "区城管局", "区供电公司"],
]
REGISTER_FORMS = {
    "xlsx": lambda rows: parse(read("交办表.xlsx", _work_book(rows, ["A1:F1"])), YEAR),
    "paste": lambda rows: parse(read_pasted(tab_table(rows)), YEAR),
}


@pytest.mark.parametrize("form", REGISTER_FORMS.values(), ids=REGISTER_FORMS.keys())
def test_a_register_number_column_of_digits_is_no_task(form):
    items = leaves(form(REGISTER))
    assert [(item.number, item.title) for item in items] == [
        ("1", "关于增设社区便民服务点的建议"),
        ("2", "关于改善背街道路照明的建议"),
    ]
    assert items[0].fields.lead_units == ["区商务局"] and items[0].fields.cooperating_units == ["各街道办事处"]


@pytest.mark.parametrize("form", REGISTER_FORMS.values(), ids=REGISTER_FORMS.keys())
def test_a_column_of_words_before_a_register_number_stays_the_task(form):
    rows = [[row[0], row[2], row[1], *row[3:]] for row in REGISTER]
    items = leaves(form(rows))
    assert [item.title for item in items] == ["关于增设社区便民服务点的建议", "关于改善背街道路照明的建议"]


# --- a part of time limits that gives the rows of a list their deadlines ---------------------------

LIST_HEADER = ["序号", "案号", "案由", "主办单位", "会办单位", "备注"]
LIST_ROWS = [
    ["1", "101", "关于建设城西农贸市场的提案", "区商务局", "区市场监管局", "重点提案"],
    ["2", "102", "关于增加公交线路的提案", "区交通运输局", "", ""],
]


def _notice(limits: str, rows: list[list[str]]) -> str:
    return "\n".join(
        [
            "某区人民政府办公室关于做好2026年政协提案办理工作的通知",
            "",
            "一、办理时限",
            "",
            limits,
            "",
            "二、交办清单",
            "",
            pipe_table([LIST_HEADER, *rows]),
            "",
        ]
    )


LIMITS = "各承办单位须于2026年7月31日前办结全部提案；列为重点提案的，须于2026年6月15日前办结。"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_time_limits_part_gives_the_rows_their_deadlines_the_marked_ones_earlier(read):
    plan = read(_notice(LIMITS, LIST_ROWS))
    assert [section.node.title for section in plan.guidance] == ["办理时限"]
    items = leaves(plan)
    assert [item.title for item in items] == ["关于建设城西农贸市场的提案", "关于增加公交线路的提案"]
    assert items[0].fields.deadline == datetime.date(2026, 6, 15)
    assert items[1].fields.deadline == datetime.date(2026, 7, 31)
    assert items[0].fields.cooperating_units == ["区市场监管局"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_sentence_of_two_dates_in_the_time_limits_part_gives_no_row_a_deadline(read):
    limits = "各承办单位须于2026年6月15日前提出办理意见、2026年7月31日前办结全部提案。"
    items = leaves(read(_notice(limits, LIST_ROWS)))
    assert [item.fields.deadline for item in items] == [None, None]
