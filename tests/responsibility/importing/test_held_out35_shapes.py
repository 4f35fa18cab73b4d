"""The shapes the thirty-fifth held-out set (d299–d306) showed the importer did not follow, in made-up
words, one section per cause: unnumbered items under a heading that each open with their deadline and
a colon ("9月底前：完成…"), their units in brackets at the end; a table with targets of several kinds
each in its own column, beside a second column named for the task (项目名称 | 建设任务)."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import leaves, readers, table_readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


# --- unnumbered items that open with their deadline and a colon --------------------------------------

DATED_LEADS = [
    "东湖街道2025年背街小巷整治工作安排",
    "",
    "各社区、街道各科室：",
    "现将背街小巷整治工作安排如下：",
    "",
    "一、摸底排查",
    "4月15日前：逐条登记辖区背街小巷，建立台账不少于30条。（城管科、各社区）",
    "二、集中整治",
    "6月底前：清理乱堆乱放和违章搭建。（城管科，配合：执法中队）",
    "9月30日前：完成路面修补和照明安装。（建设科）",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_lines_that_open_with_their_deadline_under_a_heading_are_items(read):
    plan = read("\n".join(DATED_LEADS))
    items = leaves(plan)
    assert [item.title for item in items] == [
        "逐条登记辖区背街小巷，建立台账不少于30条",
        "清理乱堆乱放和违章搭建",
        "完成路面修补和照明安装",
    ]
    assert [item.fields.deadline for item in items] == [D(2025, 4, 15), D(2025, 6, 30), D(2025, 9, 30)]
    assert items[0].fields.responsible_units == ["城管科", "各社区"]
    assert items[1].fields.cooperating_units == ["执法中队"]


def test_a_dated_stage_under_an_item_stays_its_text():
    # The opposite fact: "6月底前：…" after an item's own sentence is a stage of that item, no item.
    plan = as_txt(
        "\n".join(
            [
                "一、重点工作",
                "1.推进背街小巷整治。（牵头单位：城管科）",
                "分两步实施。",
                "6月底前：完成摸底。",
                "9月底前：完成整治。",
            ]
        )
    )
    assert [item.title for item in leaves(plan)] == ["推进背街小巷整治"]


# --- a closing 任务分工表 that names each item by its bracketed mark and its task's name -----------------

MARKED_TABLE = [
    "南湖区2025年农贸市场提升行动方案",
    "",
    "一、提升任务",
    "（一）改造排水管网。对市场内排水沟渠全面清淤改造。",
    "（二）规范摊位经营。划定经营区域，统一摊位标识。",
    "二、任务分工",
    "序号\t任务\t牵头单位\t配合单位\t完成时限",
    "（一）\t改造排水管网\t区住建局\t各街道\t2025年6月30日",
    "（二）\t规范摊位经营\t区市场监管局\t区城管局\t2025年9月30日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_closing_table_by_bracketed_marks_gives_the_items_their_fields(read):
    plan = read("\n".join(MARKED_TABLE))
    assert [root.number for root in plan.roots] == ["一、"]
    items = leaves(plan)
    assert [item.title for item in items] == ["改造排水管网", "规范摊位经营"]
    assert [item.fields.lead_units for item in items] == [["区住建局"], ["区市场监管局"]]
    assert [item.fields.cooperating_units for item in items] == [["各街道"], ["区城管局"]]
    assert [item.fields.deadline for item in items] == [D(2025, 6, 30), D(2025, 9, 30)]


def test_a_table_whose_tasks_are_not_the_items_above_stays_a_table_of_its_own():
    # The opposite fact: rows named "（一）", "（二）" whose tasks are new ones are items of their own.
    lines = [*MARKED_TABLE[:6], MARKED_TABLE[6], "（一）\t新建公厕\t区城管局\t各街道\t2025年6月30日"]
    lines.append("（二）\t增设停车位\t区交通局\t各街道\t2025年9月30日")
    plan = as_txt("\n".join(lines))
    titles = [item.title for item in leaves(plan)]
    assert "新建公厕" in titles and "增设停车位" in titles
    assert not leaves(plan)[0].fields.lead_units


# --- a plan for one quarter: items that name no date are due at its end ------------------------------

QUARTER_PLAN = [
    "西园社区2025年第二季度工作计划",
    "",
    "（1）开展消防安全宣传进楼栋活动，覆盖居民楼40栋。",
    "——责任单位：综治办",
    "（2）完成老年食堂提质改造，5月20日前投入使用。",
    "——责任单位：民政专干",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_items_of_a_quarters_plan_without_a_date_are_due_at_its_end(read):
    plan = read("\n".join(QUARTER_PLAN))
    assert [item.fields.deadline for item in leaves(plan)] == [D(2025, 6, 30), D(2025, 5, 20)]


def test_a_quarters_report_or_list_gives_no_deadline():
    # The opposite fact: a 督查通报 or 督办清单 about a quarter sets its items no date by its title.
    lines = ["关于2025年第二季度重点工作督查情况的通报", "", *QUARTER_PLAN[2:]]
    assert leaves(as_txt("\n".join(lines)))[0].fields.deadline is None


# --- targets of several kinds, and a second column named for the task ---------------------------------

SEVERAL_TARGETS = [
    ["序号", "项目名称", "建设任务", "质量目标", "满意度目标", "责任单位", "计划完成时间"],
    ["1", "乡镇卫生院提档", "改造卫生院8所", "验收合格率100%", "患者满意度≥92%", "县卫健局", "9月"],
    ["2", "农村供水保障", "新建供水管网35公里", "水质达标率98%", "群众满意度≥90%", "县水利局", "11月"],
]


def _figures(item) -> set[tuple]:
    return {(indicator.value, indicator.unit) for indicator in item.indicators}


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_every_target_column_and_a_second_task_column_give_the_items_targets(form):
    items = leaves(table_readers(YEAR)[form](SEVERAL_TARGETS))
    assert [item.title for item in items] == ["乡镇卫生院提档", "农村供水保障"]
    assert _figures(items[0]) == {(8, "所"), (100, "%"), (92, "%")}
    assert _figures(items[1]) == {(35, "公里"), (98, "%"), (90, "%")}
    assert "患者满意度≥92%" in items[0].fields.target
    assert items[0].fields.deadline == D(YEAR, 9, 30)


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_column_of_measures_beside_a_target_column_gives_no_targets(form):
    # The opposite fact: a column of how the work is done (具体措施), beside the target column, names
    # figures that are means, not targets; and one target column is read as it was.
    rows = [
        ["序号", "工作任务", "具体措施", "工作目标", "责任单位", "完成时限"],
        ["1", "乡镇卫生院提档", "每月督导2次", "验收合格率100%", "县卫健局", "9月"],
    ]
    items = leaves(table_readers(YEAR)[form](rows))
    assert _figures(items[0]) == {(100, "%")}
    assert "每月督导2次" in items[0].content
