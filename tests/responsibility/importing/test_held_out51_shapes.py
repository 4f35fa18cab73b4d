"""The shapes the fifty-first held-out set (d427–d434) showed the importer did not follow, in made-up
words, one section per cause: a task table typed with full-width bars ｜ and none at the line's ends; the
units in 【】 before the task with their roles ("【X牵头，Y配合】…"); a 纪要's topic that holds no task beside
topics over their agreed items; a workbook whose sheets each stand under their own numbered category row."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from responsibility.importing.parse import parse
from responsibility.importing.readers import read
from responsibility.importing.shape import check
from tests.responsibility.importing.made import branches, leaves, md_reader, readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- a table typed with full-width bars --------------------------------------------------------------

FULL_WIDTH_TABLE = [
    "北湖区水务局关于做好2026年河道保洁工作的通知",
    "",
    "各街道水务站：",
    "　　为做好今年河道保洁工作，现将任务分工如下：",
    "",
    "片区｜序号｜工作任务｜责任单位｜完成时限",
    "东片｜1｜清理东干渠漂浮物｜东湖街道水务站｜2026年5月31日",
    "｜2｜疏浚支渠淤泥不少于3公里｜区河道所｜2026年6月30日",
    "西片｜3｜修复西岸护栏200米｜西湖街道水务站｜2026年9月30日",
    "",
    "北湖区水务局",
    "2026年3月2日",
]


@pytest.mark.parametrize("read", [*TEXT_FORMS, as_md])
def test_a_table_typed_with_full_width_bars_is_read_as_a_table(read):
    plan = read("\n".join(FULL_WIDTH_TABLE))
    items = leaves(plan)
    assert [item.title for item in items] == ["清理东干渠漂浮物", "疏浚支渠淤泥不少于3公里", "修复西岸护栏200米"]
    assert [item.fields.responsible_units for item in items] == [["东湖街道水务站"], ["区河道所"], ["西湖街道水务站"]]
    assert [item.fields.deadline for item in items] == [D(2026, 5, 31), D(2026, 6, 30), D(2026, 9, 30)]
    # The 片区 cell written on a group's first row only: the row opening with ｜ stays in its group.
    assert [(heading.title, len(heading.children)) for heading in branches(plan)] == [("东片", 2), ("西片", 1)]


FULL_WIDTH_IN_PROSE = [
    "北湖区水务局2026年河道保洁工作要点",
    "",
    "主题：清洁河道｜美丽家园",
    "口号：人人参与｜共护水清",
    "一、清理东干渠漂浮物。责任单位：东湖街道水务站；完成时限：2026年5月31日。",
    "二、修复西岸护栏200米。责任单位：西湖街道水务站；完成时限：2026年9月30日。",
]


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_full_width_bars_in_lines_that_name_no_columns_stay_text(read):
    items = leaves(read("\n".join(FULL_WIDTH_IN_PROSE)))
    assert [item.title for item in items] == ["清理东干渠漂浮物", "修复西岸护栏200米"]
    assert [item.fields.responsible_units for item in items] == [["东湖街道水务站"], ["西湖街道水务站"]]


# --- units in 【】 before the task, with their roles ------------------------------------------------

BRACKETED_ROLES = [
    "石门县2026年优化营商环境工作要点",
    "",
    "一、提升服务效能",
    "1.【县审批局牵头，县数据局、农商银行石门支行配合】推行开办“一网通办”。全年办结率达到98%，2026年6月底前完成。",
    "2.【县市场监管局牵头】开展涉企收费清理。2026年8月底前完成。",
    "3.【县财政局】落实惠企资金直达。2026年9月底前完成。",
    "4.县税务局牵头，县财政局配合，推行非税收入电子缴款。2026年10月底前完成。",
]


@pytest.mark.parametrize("read", [*TEXT_FORMS, as_md])
def test_units_in_brackets_before_the_task_are_read_whole_with_their_roles(read):
    first, *_rest = leaves(read("\n".join(BRACKETED_ROLES)))
    assert first.title == "推行开办“一网通办”"
    assert first.fields.lead_units == ["县审批局"]
    assert first.fields.cooperating_units == ["县数据局", "农商银行石门支行"]
    assert first.fields.deadline == D(2026, 6, 30)


@pytest.mark.parametrize("read", [*TEXT_FORMS, as_md])
def test_a_lead_alone_in_brackets_and_a_role_clause_without_them_read_as_before(read):
    _first, lead_only, responsible, clause = leaves(read("\n".join(BRACKETED_ROLES)))
    assert (lead_only.title, lead_only.fields.lead_units) == ("开展涉企收费清理", ["县市场监管局"])
    assert (responsible.title, responsible.fields.responsible_units) == ("落实惠企资金直达", ["县财政局"])
    assert clause.fields.lead_units == ["县税务局"] and clause.fields.cooperating_units == ["县财政局"]
    assert clause.title.startswith("推行非税收入电子缴款")


# --- a 纪要's topic that holds no task --------------------------------------------------------------

MINUTES = [
    "青山镇党委会议纪要",
    "",
    "青山镇党委2026年第3次会议纪要",
    "",
    "2026年3月6日，镇党委书记主持召开党委会议，研究以下事项。现将会议议定事项纪要如下：",
    "",
    "一、关于春季造林工作",
    "会议议定：",
    "1．完成荒山造林800亩。责任单位：镇林业站；完成时限：2026年4月30日。",
    "2．开展林区防火巡查。责任单位：镇应急办，各村配合；完成时限：长期坚持。",
    "",
    "二、关于干部调整事项",
    "会议研究了镇机关部分干部岗位调整事项，同意王明同志任镇党政办副主任。",
    "",
    "三、关于道路维修工作",
    "会议议定：",
    "3．维修村道12公里。责任单位：镇交通站；完成时限：2026年8月31日。",
    "4．整治道路两侧垃圾堆放点。责任单位：镇环卫所；完成时限：2026年5月31日。",
    "",
    "出席：张华、李强",
]


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_minutes_topic_with_no_task_is_no_item_and_the_minutes_that_assign_tasks_are_a_plan(read):
    plan = read("\n".join(MINUTES))
    assert [item.title for item in leaves(plan)] == [
        "完成荒山造林800亩",
        "开展林区防火巡查",
        "维修村道12公里",
        "整治道路两侧垃圾堆放点",
    ]
    assert [section.node.title for section in plan.guidance] == ["关于干部调整事项"]
    assert check(plan).looks_like_plan


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_part_named_for_its_matters_with_prose_only_stays_an_item(read):
    text = "\n".join(MINUTES).replace("二、关于干部调整事项", "二、干部调整事项")
    assert "干部调整事项" in [item.title for item in leaves(read(text))]


# --- a workbook whose sheets each stand under their own category row -------------------------------


def _workbook(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TASK_SHEET = [
    ["白沙镇2026年重点工作清单", "", "", ""],
    ["一、重点工作", "", "", ""],
    ["序号", "工作任务", "责任单位", "完成时限"],
    [1, "完成高标准农田建设2000亩", "镇农业站", "2026年10月底前"],
    [2, "引进亿元以上项目2个", "镇经发办", "2026年12月底前"],
]
PROJECT_SHEET = [
    ["二、民生实事", "", "", "", ""],
    ["序号", "项目名称", "责任单位", "配合单位", "完成时间"],
    [1, "新建村级幸福食堂3个", "镇民政办", "各村", "2026年9月"],
]


def test_each_sheets_numbered_category_row_is_the_heading_over_its_rows():
    plan = parse(read("清单.xlsx", _workbook({"重点工作": TASK_SHEET, "民生实事": PROJECT_SHEET})), YEAR)
    assert [(heading.number, heading.title, len(heading.children)) for heading in branches(plan)] == [
        ("一、", "重点工作", 2),
        ("二、", "民生实事", 1),
    ]
    assert plan.title == "白沙镇2026年重点工作清单"


def test_a_sheet_with_only_its_title_above_the_header_keeps_its_rows_at_the_top():
    plan = parse(read("清单.xlsx", _workbook({"重点工作": [TASK_SHEET[0], *TASK_SHEET[2:]]})), YEAR)
    assert branches(plan) == []
    assert [item.title for item in leaves(plan)] == ["完成高标准农田建设2000亩", "引进亿元以上项目2个"]
    assert plan.title == "白沙镇2026年重点工作清单"
