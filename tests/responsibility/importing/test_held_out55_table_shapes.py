"""The table shapes the fifty-fifth held-out set (d463, d464) showed the importer did not follow, in made-up
words, one section per cause: a header of two rows whose group merged across stands over the task's name and
its text (工作事项 over 事项 | 具体内容), the name merged down over its tasks, and dates written as a month and
day slashed (6/30) under a header named for dates; a bar chart's month columns under a group merged across
(计划进度 over 1月 … 12月), the months a task runs marked ■."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import branches, leaves, table_readers

YEAR = 2025
FORMS = table_readers(YEAR)


# --- a group over the task's name and its text ------------------------------------------------------------


def grouped(names: list[str], group: str = "工作事项", dates: str = "时间节点") -> list[list[str]]:
    """A task list whose header's group stands over 事项 | 具体内容; ``names`` the 事项 cells, row by row
    ("" where the name above is merged down)."""
    tasks = ["排查矛盾纠纷每月一次。", "建成调解室6个。", "落实重点人员一人一档。"]
    return [
        ["某街道2025年平安建设任务清单", "", "", "", "", ""],
        ["序号", group, "", "责任分工", "", dates],
        ["", "事项", "具体内容", "牵头科室", "配合科室", ""],
        *[
            [str(number), name, task, "综治中心", "各社区", due]
            for number, (name, task, due) in enumerate(zip(names, tasks, ["6/30", "9/30", "12/31"], strict=True), 1)
        ],
    ]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_name_merged_down_under_the_group_heads_the_tasks_its_text_gives(form):
    plan = FORMS[form](grouped(["矛盾纠纷化解", "", "重点人群管理"]))
    assert [heading.title for heading in branches(plan)] == ["矛盾纠纷化解", "重点人群管理"]
    items = leaves(plan)
    assert [(item.number, item.title) for item in items] == [
        ("1", "排查矛盾纠纷每月一次"),
        ("2", "建成调解室6个"),
        ("3", "落实重点人员一人一档"),
    ]
    assert items[1].fields.lead_units == ["综治中心"] and items[1].fields.cooperating_units == ["各社区"]


def test_a_name_on_each_row_under_the_group_stays_the_task():
    # The opposite fact: no name spans rows, so each row's 事项 is its task and 具体内容 says what it is.
    plan = FORMS["xlsx"](grouped(["矛盾纠纷化解", "调解阵地建设", "重点人群管理"]))
    assert branches(plan) == []
    first = leaves(plan)[0]
    assert first.title == "矛盾纠纷化解"
    assert first.content == ["排查矛盾纠纷每月一次。"]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_slashed_month_and_day_under_a_date_header_is_a_date_of_the_plans_year(form):
    plan = FORMS[form](grouped(["矛盾纠纷化解", "", "重点人群管理"]))
    assert [item.fields.deadline for item in leaves(plan)] == [
        datetime.date(2025, 6, 30),
        datetime.date(2025, 9, 30),
        datetime.date(2025, 12, 31),
    ]
    plan = FORMS[form](grouped(["矛盾纠纷化解", "", "重点人群管理"], dates="完成时限"))
    assert leaves(plan)[0].fields.deadline == datetime.date(2025, 6, 30)


def test_a_slashed_fraction_under_a_progress_header_is_no_date():
    # The opposite fact: "6/30" under 进度 may be six done of thirty.
    plan = FORMS["xlsx"](grouped(["矛盾纠纷化解", "", "重点人群管理"], dates="进度"))
    first = leaves(plan)[0]
    assert first.fields.deadline is None
    assert "进度：6/30" in first.content


@pytest.mark.parametrize("header", ["进度", "完成进度", "进展情况", "计划"])
def test_slashed_cells_under_a_header_that_names_no_dates_give_no_deadline(header):
    # A slashed month and day is a date only under a label or header of dates (``fields.slashed_date``): under a
    # word naming progress, or none that names dates, the cells may be fractions and vote nothing.
    plan = FORMS["xlsx"](grouped(["矛盾纠纷化解", "", "重点人群管理"], dates=header))
    assert [item.fields.deadline for item in leaves(plan)] == [None, None, None]


def test_a_ratio_column_of_slashed_figures_gives_no_deadline():
    # "1/2", "1/3" under 县级配套比例 are shares of the cost, not January the 2nd.
    rows = [
        ["某县2026年重点项目配套资金表", "", "", ""],
        ["序号", "项目名称", "责任单位", "县级配套比例"],
        ["1", "实施农村供水保障工程，新建管网80公里。", "县水利局", "1/2"],
        ["2", "实施高标准农田建设，新建农田2万亩。", "县农业农村局", "1/3"],
        ["3", "实施农村公路提档升级，改造公路50公里。", "县交通运输局", "1/4"],
        ["4", "实施城区老旧小区改造，改造小区12个。", "县住建局", "2/3"],
    ]
    plan = table_readers(2026)["xlsx"](rows)
    assert [item.fields.deadline for item in leaves(plan)] == [None, None, None, None]


# --- month columns under a group, the months a task runs marked ----------------------------------------------


def gantt(cells: list[list[str]], group: str = "计划进度（■为实施月份）") -> list[list[str]]:
    """A 推进计划表 of two tasks, its twelve month columns under ``group``; ``cells`` each task's months."""
    tasks = [["1", "修订防汛预案。", "防御股"], ["2", "新建供水管网120公里。", "农水股"]]
    return [
        ["某县水利局2025年重点工作推进计划表", *[""] * 14],
        ["序号", "工作内容", "责任股室", group, *[""] * 11],
        ["", "", "", *[f"{month}月" for month in range(1, 13)]],
        *[[*task, *months] for task, months in zip(tasks, cells, strict=True)],
    ]


def marked(first: int, last: int, mark: str = "■") -> list[str]:
    return [mark if first <= month <= last else "" for month in range(1, 13)]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_the_last_marked_month_under_a_group_of_months_gives_the_deadline(form):
    plan = FORMS[form](gantt([marked(2, 4), marked(3, 10, "●")]))
    items = leaves(plan)
    assert [item.title for item in items] == ["修订防汛预案", "新建供水管网120公里"]
    assert [item.fields.deadline for item in items] == [datetime.date(2025, 4, 30), datetime.date(2025, 10, 31)]
    assert items[0].fields.responsible_units == ["防御股"]


def test_months_holding_figures_or_no_mark_give_no_deadline():
    # The opposite fact: a month's figure ("10") is a monthly target, no mark; an unmarked row has no month.
    figures = [str(10 * month) for month in range(1, 13)]
    plan = FORMS["xlsx"](gantt([figures, [""] * 12], group="月度目标"))
    items = leaves(plan)
    assert [item.title for item in items] == ["修订防汛预案", "新建供水管网120公里"]
    assert [item.fields.deadline for item in items] == [None, None]
