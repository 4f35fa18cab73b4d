"""The shapes the forty-first held-out set (d347–d354) showed the importer did not follow, in made-up
words, one section per cause: one compact 责任 line after each item (the leader, the units in their roles
and the deadline apart by semicolons, no labels of their own); a grade tag before each matter of a
quarter's 督办 list, handed down by a notice; the points of a table's category rows; a blank form to fill
in; a second target in one cell; the households a matter is done for."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from responsibility.importing.fields import find_indicators
from responsibility.importing.shape import check
from tests.responsibility.importing.made import branches, leaves, readers, table_readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- one compact 责任 line: the leader, the units in their roles, the deadline -------------------------

COMPACT = [
    "南湾镇2025年工作要点",
    "",
    "一、抓好产业发展",
    "1.扶持特色种植。新建育苗大棚8座。",
    "责任：分管领导 钱小川；农业办牵头，财政所、各村配合；4—10月",
    "2.办好农产品展销会。组织展销会2场。",
    "责任：分管领导 孙晓；经发办；9月底前",
    "二、抓好社会事业",
    "3.改造村卫生室。完成改造6所。",
    "责任：分管领导 钱小川；卫生院牵头，各村落实；2—6月",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_compact_duty_line_gives_the_leader_the_units_and_the_deadline(read):
    items = leaves(read("\n".join(COMPACT)))
    assert [item.title for item in items] == ["扶持特色种植", "办好农产品展销会", "改造村卫生室"]
    assert [item.fields.deadline for item in items] == [D(2025, 10, 31), D(2025, 9, 30), D(2025, 6, 30)]
    assert [item.fields.lead_units for item in items] == [["农业办"], [], ["卫生院"]]
    assert [item.fields.responsible_units for item in items] == [[], ["经发办"], ["各村"]]
    assert items[0].fields.cooperating_units == ["财政所", "各村"]
    assert [item.fields.lead_leaders for item in items] == [["钱小川"], ["孙晓"], ["钱小川"]]


def test_units_apart_by_a_semicolon_stay_units():
    # The opposite fact: a unit label over names apart by a semicolon names units only, no leader, no date.
    items = leaves(
        as_txt("\n".join(["一、重点工作", "1.修缮文化站。", "责任单位：文化站；城建办", "完成时限：8月底前"]))
    )
    assert items[0].fields.responsible_units == ["文化站", "城建办"]
    assert items[0].fields.lead_leaders == []
    assert items[0].fields.deadline == D(2025, 8, 31)


# --- a quarter's 督办 list: grade tags, 本季度内, the notice's own title ------------------------------

QUARTER_LIST = [
    "西岭区委督查室",
    "关于下达2025年第二季度重点督办事项清单的通知",
    "",
    "各镇、街道，区直各部门：",
    "现将第二季度重点督办事项清单下达给你们，请抓好落实。",
    "",
    "一、常委会议定事项",
    "1.【A类】推进老街立面改造。完成改造沿街店面40户。",
    "  主责单位：区住建局　　协同单位：老街街道",
    "  办结时限：6月15日前",
    "2.【B类】清理河道漂浮物。全面清理到位。",
    "  主责单位：区水利局　　协同单位：各镇（街道）",
    "  办结时限：本季度内",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_grade_tag_is_no_word_of_the_title_and_the_quarter_ends_the_list(read):
    plan = read("\n".join(QUARTER_LIST))
    items = leaves(plan)
    assert [item.title for item in items] == ["推进老街立面改造", "清理河道漂浮物"]
    assert [item.fields.responsible_units for item in items] == [["区住建局"], ["区水利局"]]
    assert [item.fields.deadline for item in items] == [D(2025, 6, 15), D(2025, 6, 30)]
    assert plan.title == "关于下达2025年第二季度重点督办事项清单的通知"


def test_a_list_handed_down_for_no_quarter_gives_no_deadline_and_other_brackets_stay():
    # The opposite facts: a list for the year gives 本季度内 no date; a bracket that is no grade ("【试点】")
    # stays a word of the title; a notice that sends a named plan (印发) is titled by the plan.
    lines = [line.replace("第二季度", "") for line in QUARTER_LIST]
    lines[10] = "2.【试点】清理河道漂浮物。全面清理到位。"
    plan = as_txt("\n".join(lines))
    items = leaves(plan)
    assert items[1].title == "【试点】清理河道漂浮物"
    assert items[1].fields.deadline is None
    assert plan.title == "关于下达2025年重点督办事项清单的通知"
    lines[1] = "关于印发2025年第二季度重点工作计划的通知"
    assert as_txt("\n".join(lines)).title == "2025年第二季度重点工作计划"


def test_a_matter_of_a_quarters_list_that_names_no_deadline_gets_none():
    # The opposite fact: a 督办清单 handed down for a quarter is no plan for the quarter; a matter that
    # names no time limit at all is not given the quarter's end.
    lines = [line for line in QUARTER_LIST if "办结时限：6月15日前" not in line]
    items = leaves(as_txt("\n".join(lines)))
    assert [item.fields.deadline for item in items] == [None, D(2025, 6, 30)]


# --- a table's category rows with their points ------------------------------------------------------

POINTS_TABLE = [
    ["序号", "重点工作", "分值", "牵头科室", "一季度", "二季度", "三季度", "四季度"],
    ["一、城市管理（40分）", "", "", "", "", "", "", ""],
    ["1", "整治占道经营", "20", "执法队", "排查", "整治", "", ""],
    ["2", "提升绿化水平", "20", "城建办", "", "", "", "补植完成"],
    ["二、园区建设（二期）", "", "", "", "", "", "", ""],
    ["3", "建成标准厂房", "10", "经发办", "", "开工", "主体完工", ""],
]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_category_rows_points_are_no_word_of_its_name(form):
    plan = table_readers(YEAR)[form](POINTS_TABLE)
    headings = branches(plan)
    # The opposite fact: a bracket that is no points ("（二期）") stays in the name.
    assert [heading.title for heading in headings] == ["城市管理", "园区建设（二期）"]
    assert headings[0].fields.points == Decimal(40)
    assert [item.fields.deadline for item in leaves(plan)] == [D(2025, 6, 30), D(2025, 12, 31), D(2025, 9, 30)]


# --- a blank form to fill in ------------------------------------------------------------------------

FORM = [
    "东坡社区2025年度服务质量居民评议表",
    "",
    "填表说明：",
    "1.请在相应栏内打“√”。",
    "2.请于2025年11月30日前交社区居委会。",
    "",
    "序号\t评议对象\t满意\t基本满意\t不满意",
    "1\t社区党委",
    "2\t社区居委会",
    "3\t网格服务站",
    "4\t物业服务中心",
    "5\t卫生服务站",
]


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_blank_form_to_fill_in_is_not_a_plan(read):
    shape = check(read("\n".join(FORM)))
    assert not shape.looks_like_plan
    assert any("待填写的表格" in text for text in shape.missing)


def test_a_task_table_under_a_plans_title_is_a_plan():
    # The opposite fact: the same rows as tasks with their units and dates, under a plan's title.
    rows = [
        "东坡社区2025年度重点工作任务表",
        "",
        "序号\t工作任务\t责任单位\t完成时限",
        *(
            f"{n}\t{task}\t社区居委会\t{n + 5}月底前"
            for n, task in enumerate(["整治楼道", "修缮路灯", "清理广告", "更新座椅", "补种绿植"], 1)
        ),
    ]
    assert check(as_txt("\n".join(rows))).looks_like_plan


# --- a second target in one cell --------------------------------------------------------------------


def test_things_counted_to_be_finished_are_a_second_target():
    rows = [
        ["序号", "项目名称", "年度目标", "责任单位"],
        ["1", "推进物流园建设", "完成投资6亿元，2个项目竣工投产", "区发改局"],
        ["2", "推进研发中心建设", "完成投资1亿元，3个项目负责人到岗", "区科技局"],
    ]
    items = leaves(table_readers(YEAR)["xlsx"](rows))
    assert [(found.value, found.unit) for found in items[0].indicators] == [(Decimal(6), "亿元"), (Decimal(2), "个")]
    # The opposite fact: who arrives is no work to be finished.
    assert [(found.value, found.unit) for found in items[1].indicators] == [(Decimal(1), "亿元")]


def test_the_households_work_is_done_for_are_its_target():
    found = find_indicators("为860户居民更换老旧燃气管道。")
    assert [(item.value, item.unit) for item in found] == [(Decimal(860), "户")]
    # The opposite fact: what a place is to become is no count of work ("成为3个…示范社区").
    assert find_indicators("努力成为3个全市领先的示范社区。") == []


# --- a requirements part whose only date is one to report by ------------------------------------------

REQUIREMENTS = [
    "东城街道关于办理区人大代表建议的工作方案",
    "",
    "一、办理任务",
    "1.完善背街小巷路灯。责任单位：城管科；完成时限：2025年9月底前。",
    "2.增设社区健身器材。责任单位：文体站；完成时限：2025年10月底前。",
    "二、工作要求",
    "（一）压实责任。街道主任为第一责任人，分管副主任为直接责任人。",
    "（二）注重实效。对承诺事项持续跟踪，年底前向代表通报办理情况。",
]


@pytest.mark.parametrize("read", [as_txt, as_paste, as_docx])
def test_a_requirements_part_with_a_date_to_report_by_is_guidance(read):
    plan = read("\n".join(REQUIREMENTS))
    assert [f"{section.node.number}{section.node.title}" for section in plan.guidance] == ["二、工作要求"]
    assert [item.title for item in leaves(plan)] == ["完善背街小巷路灯", "增设社区健身器材"]


def test_a_requirements_part_that_names_a_unit_to_do_it_stays_work():
    # The opposite fact: "（党政办牵头）" names a unit to track: the part holds a task, dated or not.
    plan = as_txt("\n".join([*REQUIREMENTS[:7], "（二）注重实效。年底前向代表通报办理情况。（党政办牵头）"]))
    assert plan.guidance == []
    assert "注重实效" in [item.title for item in leaves(plan)]


def test_a_requirements_part_whose_sentence_opens_with_units_and_a_date_stays_work():
    # The opposite fact: "各社区于6月底前报送…" names the units who do it by a date: a task.
    plan = as_txt("\n".join([*REQUIREMENTS[:7], "（二）按时报送。各社区于6月底前报送办理情况。"]))
    assert plan.guidance == []
    assert "按时报送" in [item.title for item in leaves(plan)]
