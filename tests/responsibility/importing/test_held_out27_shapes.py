"""The shapes the twenty-seventh held-out set (d235–d242) showed the importer did not follow, in made-up
words, one section per cause: energy counted in 吨标准煤; a 督查's problem list whose items open with the
label 【问题】; a units cell whose second line says "配合：…"; month headings whose items are due by the
month's end; a closing 任务分工表 that assigns the items by their numbers ("第1-3项"); a project list due
at each project's completion (竣工时间); a count whose noun a second verb joined by 并 ends."""

from __future__ import annotations

import pytest

from responsibility.importing.fields import find_indicators
from tests.responsibility.importing.made import leaves, md_reader, readers, table_readers

YEAR = 2025
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


as_md = md_reader(YEAR)
TABLE_FORMS = table_readers(YEAR)


def _targets(text: str) -> list[tuple[str, str, str]]:
    return [(str(found.value), found.unit, found.comparator) for found in find_indicators(text)]


# --- energy in 吨标准煤 ---------------------------------------------------------------------------


def test_energy_in_tonnes_of_standard_coal_keeps_its_measure():
    assert _targets("年度新增用能总量控制在6.5万吨标准煤以内") == [("6.5", "万吨标准煤", "lte")]
    assert _targets("节约能源不少于300吨标煤") == [("300", "吨标煤", "gte")]


def test_tonnes_of_anything_else_stay_tonnes():
    # The opposite fact: a tonne of waste is a tonne.
    assert _targets("清运陈年垃圾不少于450吨") == [("450", "吨", "gte")]


# --- a 督查's problem list: 【问题】 opens each item ---------------------------------------------

PROBLEMS = [
    "关于第三季度督查发现问题的整改通知",
    "",
    "一、县交通局",
    "1.【问题】乡村公路养护不到位。部分路段坑槽未修补。",
    "【整改要求】组织力量全面修补。",
    "【责任单位】县交通局",
    "【整改时限】2025年10月31日前",
    "2.【问题】客运站安检流于形式。",
    "【整改要求】严格落实三品检查制度。",
    "【责任单位】县交通局",
    "【整改时限】长期坚持",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_the_problem_label_is_no_word_of_the_items_title(read):
    items = leaves(read("\n".join(PROBLEMS)))
    assert [item.title for item in items] == ["乡村公路养护不到位", "客运站安检流于形式"]
    assert items[0].fields.responsible_units == ["县交通局"]
    assert items[0].fields.deadline.isoformat() == "2025-10-31"
    assert items[1].fields.ongoing


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_bracketed_word_that_is_no_label_stays_in_the_title(read):
    # The opposite fact: 【重点】 marks the task, it does not label its name.
    lines = ["镇2025年工作要点", "", "一、民生", "1.【重点】新建村级养老服务站3个。（镇民政办，9月底前）"]
    items = leaves(read("\n".join(lines)))
    assert items[0].title.startswith("【重点】")


# --- a units cell whose second line says "配合：…" --------------------------------------------------

UNITS_CELL = [
    ["序号", "工作任务", "责任科室", "完成时间"],
    ["1", "整治背街小巷环境卫生", "城管科\n配合：各社区、环卫所", "2025.8.31"],
    ["2", "开展防溺水宣传", "教育科\n协办单位：团委", "2025.6.30"],
]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_role_and_its_colon_on_a_cells_second_line_give_that_role(form):
    items = leaves(TABLE_FORMS[form](UNITS_CELL))
    assert items[0].fields.responsible_units == ["城管科"]
    assert items[0].fields.cooperating_units == ["各社区", "环卫所"]
    assert items[1].fields.responsible_units == ["教育科"]
    assert items[1].fields.cooperating_units == ["团委"]


def test_units_one_a_line_without_a_role_stay_responsible():
    # The opposite fact: a second line that names a unit alone is one more unit of the same role.
    rows = [["序号", "工作任务", "责任科室", "完成时间"], ["1", "整治背街小巷环境卫生", "城管科\n环卫所", "2025.8.31"]]
    items = leaves(TABLE_FORMS["xlsx"](rows))
    assert items[0].fields.responsible_units == ["城管科", "环卫所"]
    assert items[0].fields.cooperating_units == []


# --- month headings: each item due by its month's end -----------------------------------------------

MONTHS = [
    "青山乡2025年农房整治月度安排",
    "",
    "除注明时间外，各项工作均在当月底前完成。",
    "",
    "六月份",
    "1.完成危房鉴定。（乡建设办）",
    "2.启动农房外立面改造。（乡建设办，5月20日前完成设计）",
    "3.召开现场推进会，20日前印发会议纪要。（乡党政办）",
    "4.完成首批改造验收。（乡建设办，6月18日前）",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_date_before_the_month_began_is_a_step_not_the_deadline(read):
    items = leaves(read("\n".join(MONTHS)))
    assert items[1].fields.deadline is None  # due by its heading's end: 六月份
    assert [due.isoformat() for due, _text in items[1].fields.milestones] == ["2025-05-20"]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_day_named_alone_is_that_day_of_the_headings_month(read):
    items = leaves(read("\n".join(MONTHS)))
    assert items[2].fields.deadline.isoformat() == "2025-06-20"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_date_within_the_month_stays_the_items_deadline(read):
    # The opposite fact: a date inside the heading's month is the item's own.
    items = leaves(read("\n".join(MONTHS)))
    assert items[3].fields.deadline.isoformat() == "2025-06-18"


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_day_alone_under_two_months_is_not_guessed(read):
    # The opposite fact: under "7—8月份" the day could be of either month; the item keeps no such date.
    lines = ["青山乡2025年农房整治安排", "", "7—8月份", "1.召开现场推进会，20日前印发会议纪要。（乡党政办）"]
    items = leaves(read("\n".join(lines)))
    assert items[0].fields.deadline is None


# --- a closing 任务分工表 that assigns the items by their numbers -----------------------------------

NUMBERED_THROUGH = """# 某县2025年数字乡村行动方案

## 一、夯实基础

1. 推进千兆光网进村。行政村千兆光网覆盖率达到90%。
2. 建设益农信息社。

## 二、拓展应用

3. 推广智慧农业。
4. 发展农村电商。

## 任务分工表

| 序号 | 牵头单位 | 配合单位 | 完成时限 |
| --- | --- | --- | --- |
| 第1-2项 | 县经信局 | 县通信发展办 | 2025年9月底前 |
| 第3、4项 | 县农业农村局 | 县商务局 | 长期坚持 |
"""


def test_a_closing_table_gives_the_items_it_numbers_their_fields():
    items = leaves(as_md(NUMBERED_THROUGH))
    assert [item.fields.lead_units for item in items] == [["县经信局"]] * 2 + [["县农业农村局"]] * 2
    assert items[1].fields.cooperating_units == ["县通信发展办"]
    assert items[1].fields.deadline.isoformat() == "2025-09-30"
    assert items[2].fields.ongoing and items[3].fields.ongoing


def test_a_closing_table_over_numbers_that_restart_assigns_nothing():
    # The opposite fact: numbered again under each heading, "第1-2项" could be either part's.
    text = NUMBERED_THROUGH.replace("3. 推广", "1. 推广").replace("4. 发展", "2. 发展")
    items = leaves(as_md(text))
    assert all(item.fields.lead_units == [] for item in items)


# --- a project list due at each project's completion ----------------------------------------------

PROJECTS = [
    ["序号", "项目名称", "建设内容及规模", "2025年计划投资（万元）", "竣工时间", "责任单位"],
    ["1", "城西污水处理厂扩建", "新增处理能力3万吨/日，配套管网9公里", "5000", "2026.10", "县水务局"],
]


def test_a_project_due_at_its_completion_tracks_its_sizes_not_the_years_money():
    items = leaves(TABLE_FORMS["xlsx"](PROJECTS))
    assert ("9", "公里") in [(str(found.value), found.unit) for found in items[0].indicators]
    assert all(found.unit != "万元" for found in items[0].indicators)


def test_a_project_due_within_the_year_tracks_the_years_money():
    # The opposite fact: due by a date of the year (完成时限), the item is the year's work, its money the target.
    rows = [[*PROJECTS[0][:4], "完成时限", "责任单位"], [*PROJECTS[1][:4], "2025.12", "县水务局"]]
    items = leaves(TABLE_FORMS["xlsx"](rows))
    assert [(str(found.value), found.unit) for found in items[0].indicators] == [("5000", "万元")]


# --- a count whose noun a second verb joined by 并 ends --------------------------------------------


def test_a_second_verb_joined_by_and_ends_the_counted_noun():
    assert _targets("完成8个社区网格划分并报区民政局备案") == [("8", "个", "gte")]


def test_a_long_counted_description_stays_no_target():
    # The opposite fact: a count that runs on into a long description, nothing ending it, is no target.
    assert _targets("组织12名专家学者对全区重点项目开展联合评审论证") == []
