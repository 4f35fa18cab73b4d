"""The table shapes the fiftieth held-out set (d419–d426) showed the importer did not follow, in made-up
words, one section per cause: a header stacked over two rows whose lower row holds, beside the roles a group
spans (责任单位 over 牵头 | 配合), a note in brackets on the name above it ("阶段目标" over "（6月底前）") or the
parts of a split date (计划完成时间 over 月 | 日); a stage's target dated by its header's note, which is
neither the item's target nor its deadline. (The set's text shapes are in test_held_out50_shapes.py.)"""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import ImportRejected
from tests.responsibility.importing.made import leaves, md_reader, readers, table_readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
TABLE_FORMS = ["xlsx", "paste"]


# --- a stacked header, its lower row written as the table's first body row ------------------------

STACKED_MD = [
    "# 南湖区2026年创建卫生城区重点任务分工",
    "",
    "| 序号 | 工作任务 | 责任单位 | | 完成时限 |",
    "|---|---|---|---|---|",
    "| | | 牵头 | 配合 | |",
    "| 1 | 整治城中村环境卫生，完成整治12个 | 区城管局 | 各街道 | 2026年10月31日 |",
    "| 2 | 开展病媒生物防制，设置监测点30处 | 区卫生健康局 | 区城管局、各街道 | 2026年9月30日 |",
]


@pytest.mark.parametrize("read", [as_md, as_txt])
def test_roles_under_a_group_in_the_row_under_the_header_split_its_units(read):
    # Read so before the set: its lower row names nothing but roles. d420's adds a note (below) and d426's the
    # parts of a date, each of which made the lower row no header, and a false item.
    items = leaves(read("\n".join(STACKED_MD)))
    assert [item.title for item in items] == ["整治城中村环境卫生，完成整治12个", "开展病媒生物防制，设置监测点30处"]
    assert [item.fields.lead_units for item in items] == [["区城管局"], ["区卫生健康局"]]
    assert [item.fields.cooperating_units for item in items] == [["各街道"], ["区城管局", "各街道"]]
    assert [item.fields.responsible_units for item in items] == [[], []]


# --- a stage's target dated by its header -----------------------------------------------------------

STAGED_MD = [
    "# 南湖区2026年创建卫生城区重点任务分工",
    "",
    "| 序号 | 工作任务 | 责任单位 | | 阶段目标 | 完成时限 |",
    "|---|---|---|---|---|---|",
    "| | | 牵头 | 配合 | （6月底前） | |",
    "| 1 | 整治城中村环境卫生，完成整治12个 | 区城管局 | 各街道 | 完成6个 | 2026年10月31日 |",
    "| 2 | 开展病媒生物防制，设置监测点30处 | 区卫生健康局 | 各街道 | 设置15处 | 2026年9月30日 |",
]


@pytest.mark.parametrize("read", [as_md, as_txt])
def test_a_stage_dated_by_its_header_is_no_target_and_no_deadline(read):
    items = leaves(read("\n".join(STAGED_MD)))
    assert [item.title for item in items] == ["整治城中村环境卫生，完成整治12个", "开展病媒生物防制，设置监测点30处"]
    assert [item.fields.lead_units for item in items] == [["区城管局"], ["区卫生健康局"]]
    assert [[(i.value, i.unit) for i in item.indicators] for item in items] == [[(12, "个")], [(30, "处")]]
    assert [item.fields.deadline for item in items] == [D(2026, 10, 31), D(2026, 9, 30)]
    assert items[0].content == ["阶段目标（6月底前）：完成6个"]


def test_the_note_names_the_column_not_a_group_over_it():
    # The stage's name and its note are one column's header, no line of the plan's title.
    plan = as_md("\n".join(STAGED_MD))
    assert plan.title == "南湖区2026年创建卫生城区重点任务分工"


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_an_undated_stage_column_beside_the_deadline_stays_the_target(read):
    # The opposite fact: a 阶段目标 whose header dates nothing is the stage each row ends by its own date.
    rows = [
        "序号\t工作任务\t阶段目标\t责任单位\t完成时限",
        "1\t建设污水管网\t完成铺设8公里\t镇规划建设办\t2026年10月底前",
    ]
    items = leaves(read("\n".join(rows)))
    assert [(i.value, i.unit) for i in items[0].indicators] == [(8, "公里")]
    assert items[0].fields.deadline == D(2026, 10, 31)


# --- a completion date split into 月 and 日 columns ---------------------------------------------------

SPLIT_DATE = [
    ["序号", "工作任务", "责任单位", "", "计划完成时间", "", "分管领导"],
    ["", "", "牵头", "配合", "月", "日", ""],
    ["1", "推进标准厂房建设", "镇经发办", "镇规建办", "10", "31", "赵文斌"],
    ["2", "做好年度征兵工作", "镇武装部", "镇派出所、各村", "9", "15", "周建国"],
]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_month_and_day_columns_under_a_completion_date_make_its_deadline(form):
    plan = table_readers(YEAR)[form](SPLIT_DATE)
    items = leaves(plan)
    assert [item.title for item in items] == ["推进标准厂房建设", "做好年度征兵工作"]
    assert [item.fields.deadline for item in items] == [D(2026, 10, 31), D(2026, 9, 15)]
    assert [item.fields.lead_units for item in items] == [["镇经发办"], ["镇武装部"]]
    assert items[1].fields.cooperating_units == ["镇派出所", "各村"]
    assert all(not item.content for item in items)


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_year_month_and_day_columns_make_a_date_of_their_own_year(form):
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时间", "", ""],
        ["", "", "", "年", "月", "日"],
        ["1", "推进标准厂房建设", "镇经发办", "2027", "3", "31"],
        ["2", "做好年度征兵工作", "镇武装部", "2026", "9", "15"],
    ]
    items = leaves(table_readers(YEAR)[form](rows))
    assert [item.fields.deadline for item in items] == [D(2027, 3, 31), D(2026, 9, 15)]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_part_that_is_no_number_leaves_the_cells_as_written(form):
    # The opposite fact: "长期" in the month's column is no part of a date; the row's cells stay apart.
    rows = [*SPLIT_DATE[:2], ["1", "推进标准厂房建设", "镇经发办", "镇规建办", "长期", "", "赵文斌"]]
    items = leaves(table_readers(YEAR)[form](rows))
    assert items[0].fields.deadline is None
    assert items[0].fields.lead_units == ["镇经发办"]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_month_and_day_under_a_column_of_no_date_are_no_date(form):
    # The opposite fact: 月 | 日 under a heading that names no time ("备注") join nothing; the deadline column
    # beside them stays the deadline.
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时限", "备注", ""],
        ["", "", "", "", "月", "日"],
        ["1", "推进标准厂房建设", "镇经发办", "2026年6月30日", "5", "20"],
        ["2", "做好年度征兵工作", "镇武装部", "2026年9月30日", "8", "15"],
    ]
    items = leaves(table_readers(YEAR)[form](rows))
    assert [item.fields.deadline for item in items] == [D(2026, 6, 30), D(2026, 9, 30)]


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_note_beside_one_name_leaves_the_row_no_header(read):
    # The opposite fact: a note and one name under a header of four ("（第一个为牵头单位）" under 序号, 完成时限
    # under 工作任务: a wrapped header fallen out of place) are not most of them names; the task column stays.
    rows = [
        "序号\t工作任务\t具体措施\t责任单位\t",
        "（第一个为牵头单位）\t完成时限\t\t\t",
        "1\t完成病险水库除险加固\t完成加固3座\t区水利局\t",
        "2\t修订防汛应急预案\t修订区级预案\t区应急管理局\t",
    ]
    items = leaves(read("\n".join(rows)))
    assert [item.title for item in items] == ["完成病险水库除险加固", "修订防汛应急预案"]
    assert items[0].content == ["完成加固3座"]


# --- a workbook set on its side: one row a field, one column a project -------------------------------

SIDEWAYS = [
    ["南湖区2026年重点民生项目推进表", "", "", ""],
    ["序号", "1", "2", "3"],
    ["项目名称", "建设区第二人民医院", "增加公共停车泊位", "建设社区托育点"],
    ["建设内容及目标", "新增床位300张", "新增泊位2000个", "建成托育点6个"],
    ["牵头单位", "区卫生健康委", "区住房城乡建设局", "区卫生健康委"],
    ["配合单位", "区发展改革委", "公安南湖分局、区城管局", "区妇联"],
    ["计划完成时间", "2026年12月31日", "2026年11月30日", "2026年10月31日"],
    ["注：各项目每月5日前报送进展。", "", "", ""],
]


@pytest.mark.parametrize("form", TABLE_FORMS)
def test_a_table_on_its_side_is_read_one_column_a_project(form):
    plan = table_readers(YEAR)[form](SIDEWAYS)
    items = leaves(plan)
    assert [item.title for item in items] == ["建设区第二人民医院", "增加公共停车泊位", "建设社区托育点"]
    assert [item.fields.lead_units for item in items] == [["区卫生健康委"], ["区住房城乡建设局"], ["区卫生健康委"]]
    assert items[1].fields.cooperating_units == ["公安南湖分局", "区城管局"]
    assert [item.fields.deadline for item in items] == [D(2026, 12, 31), D(2026, 11, 30), D(2026, 10, 31)]
    assert [(i.value, i.unit) for i in items[1].indicators] == [(2000, "个")]
    assert plan.title == "南湖区2026年重点民生项目推进表"


def test_a_table_of_figures_on_its_side_is_no_list_of_tasks():
    # The opposite fact: keys down the first column and a column a year, but no task and no unit in any
    # column: figures to compare, not projects; the workbook is refused as before.
    rows = [
        ["南湖区2026年主要经济指标", "", ""],
        ["指标名称", "2025年", "2026年"],
        ["地区生产总值", "5%", "6%"],
        ["固定资产投资", "8%", "9%"],
    ]
    with pytest.raises(ImportRejected):
        table_readers(YEAR)["xlsx"](rows)


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_forms_of_two_pairs_a_row_stay_forms(read):
    # The opposite fact: a batch of 交办单, each row key | value | key | value, has keys down its first column
    # too; its second key column ("协办单位") is no project, and each form is one task.
    lines = ["南湖区2026年第一批督办事项交办单", ""]
    for number, task, unit, helper in (
        ("01", "加快雨污分流改造", "区住建局", "区水务局"),
        ("02", "推进医院新院区建设", "区卫健委", "区财政局"),
    ):
        lines += [
            f"编号\tNHDB2026-{number}\t交办日期\t2026年3月8日",
            f"督办事项\t{task}。\t\t",
            f"承办单位\t{unit}\t协办单位\t{helper}",
            "办结时限\t2026年11月30日前\t联系人\t周敏",
            "",
        ]
    items = leaves(read("\n".join(lines)))
    assert [item.title for item in items] == ["加快雨污分流改造", "推进医院新院区建设"]
    assert [item.fields.cooperating_units for item in items] == [["区水务局"], ["区财政局"]]
