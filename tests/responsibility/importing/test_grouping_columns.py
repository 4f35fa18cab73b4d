"""A column left of the task that groups its rows (类别, 分类, or a header we do not know) merged down
or repeated: each group is a heading over its rows, in a workbook, a Word table, pasted Excel rows
and tab text; a column that describes each row stays the row's category."""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document

from responsibility.importing.document import Table
from responsibility.importing.parse import parse
from responsibility.importing.readers import read, read_pasted
from responsibility.importing.tables import parse_table


def outline(roots) -> list[str]:
    out = []

    def walk(nodes, depth):
        for node in nodes:
            out.append("  " * depth + f"{node.number}|{node.title}")
            walk(node.children, depth + 1)

    walk(roots, 0)
    return out


def rows_of(header: list[str], body: list[list[str]]) -> list[list[str]]:
    return [header, *body]


# Made-up shapes: a 分类 merged over its projects, 序号 running on across the groups.
HEADER = ["编号", "分类", "实事名称", "主责部门", "完成日期"]
MERGED = [
    ["1", "交通出行", "新辟公交线路", "县交运局", "6月底前"],
    ["2", "", "改造过街天桥", "县住建局", "9月底前"],
    ["3", "文体服务", "建设全民健身步道", "县文体局", "10月底前"],
    ["4", "", "送戏下乡演出", "县文化馆", "年底前"],
    ["5", "", "开放学校运动场", "县教体局", "8月底前"],
    ["6", "食品安全", "建设农贸市场快检室", "县市场监管局", "11月底前"],
]
OUTLINE = [
    "|交通出行",
    "  1|新辟公交线路",
    "  2|改造过街天桥",
    "|文体服务",
    "  3|建设全民健身步道",
    "  4|送戏下乡演出",
    "  5|开放学校运动场",
    "|食品安全",
    "  6|建设农贸市场快检室",
]


def _filled_down() -> list[list[str]]:
    filled, above = [], ""
    for row in MERGED:
        above = row[1] or above
        filled.append([row[0], above, *row[2:]])
    return filled


@pytest.mark.parametrize("body", [MERGED, _filled_down()], ids=["blank-under-merge", "repeated"])
def test_a_category_column_after_the_number_heads_the_rows_it_spans(body):
    roots, not_understood, _warnings, _titles = parse_table(Table(rows=rows_of(HEADER, body), line=1), 2024)
    assert outline(roots) == OUTLINE
    assert not_understood == []
    assert roots[1].children[2].fields.responsible_units == ["县教体局"]  # 主责部门: the responsible unit
    assert roots[1].children[0].category == ""


@pytest.mark.parametrize("word", ["类别", "分类", "项目类型", "领域方向"])
def test_the_grouping_column_may_be_worded_as_the_office_likes(word):
    header = ["序号", word, "工作任务", "责任单位"]
    body = [["1", "甲类", "任务一", "办公室"], ["2", "", "任务二", "办公室"], ["3", "乙类", "任务三", "财务科"]]
    roots = parse_table(Table(rows=rows_of(header, body), line=1), 2024)[0]
    assert outline(roots) == ["|甲类", "  1|任务一", "  2|任务二", "|乙类", "  3|任务三"]


def test_a_category_that_changes_on_every_row_describes_the_row():
    header = ["序号", "类别", "工作任务", "责任单位"]
    body = [["1", "约束性", "任务一", "办公室"], ["2", "预期性", "任务二", "财务科"]]
    roots = parse_table(Table(rows=rows_of(header, body), line=1), 2024)[0]
    assert outline(roots) == ["1|任务一", "2|任务二"]
    assert [root.category for root in roots] == ["约束性", "预期性"]


def test_a_category_that_comes_back_after_another_is_no_group():
    header = ["序号", "类别", "工作任务", "责任单位"]
    body = [
        ["1", "约束性", "任务一", "办公室"],
        ["2", "约束性", "任务二", "办公室"],
        ["3", "预期性", "任务三", "财务科"],
        ["4", "约束性", "任务四", "财务科"],
    ]
    roots = parse_table(Table(rows=rows_of(header, body), line=1), 2024)[0]
    assert outline(roots) == ["1|任务一", "2|任务二", "3|任务三", "4|任务四"]
    assert roots[3].category == "约束性"


def test_a_category_right_of_the_task_stays_the_rows_category_as_our_export_writes_it():
    header = ["序号", "工作任务", "责任单位", "类别"]
    body = [["1", "任务一", "办公室", "综合"], ["2", "任务二", "办公室", "综合"], ["3", "任务三", "财务科", "财务"]]
    roots = parse_table(Table(rows=rows_of(header, body), line=1), 2024)[0]
    assert outline(roots) == ["1|任务一", "2|任务二", "3|任务三"]
    assert [root.category for root in roots] == ["综合", "综合", "财务"]


def test_a_unit_column_left_of_the_task_repeated_down_its_rows_is_no_heading():
    header = ["序号", "牵头单位", "工作任务", "完成时限"]
    body = [
        ["1", "办公室", "任务一", "3月底前"],
        ["2", "办公室", "任务二", "6月底前"],
        ["3", "财务科", "任务三", "年底前"],
    ]
    roots = parse_table(Table(rows=rows_of(header, body), line=1), 2024)[0]
    assert outline(roots) == ["1|任务一", "2|任务二", "3|任务三"]
    assert roots[0].fields.lead_units == ["办公室"]


# --- through the readers: a workbook with merged cells, a Word table, Excel's clipboard, tab text ---


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某县2024年为民办实事项目表", "", "", "", ""])
    sheet.append(HEADER)
    for row in MERGED:
        sheet.append([cell or None for cell in row])
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("B3:B4")
    sheet.merge_cells("B5:B7")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _word() -> bytes:
    document = Document()
    document.add_paragraph("某县2024年为民办实事项目表")
    table = document.add_table(rows=len(MERGED) + 1, cols=len(HEADER))
    for cells, row in zip([HEADER, *MERGED], table.rows, strict=True):
        for text, cell in zip(cells, row.cells, strict=True):
            cell.text = text
    table.cell(1, 1).merge(table.cell(2, 1))
    table.cell(3, 1).merge(table.cell(5, 1))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _tabs() -> str:
    return "某县2024年为民办实事项目表\n" + "\n".join("\t".join(row) for row in [HEADER, *MERGED]) + "\n"


FORMS = {
    "xlsx": lambda: read("实事.xlsx", _workbook()),
    "docx": lambda: read("实事.docx", _word()),
    "paste": lambda: read_pasted(_tabs()),
    "txt": lambda: read("实事.txt", _tabs().encode("utf-8")),
}


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_merged_category_column_heads_its_rows_in_every_form(form):
    plan = parse(FORMS[form](), 2024)
    assert outline(plan.roots) == OUTLINE
    assert plan.title == "某县2024年为民办实事项目表"
    assert plan.roots[2].children[0].fields.deadline.isoformat() == "2024-11-30"


# --- targets stated in the columns that say what is to be done --------------------------------------


@pytest.mark.parametrize("column", ["具体措施", "具体要求", "工作要求", "考核内容"])
def test_a_table_without_a_target_column_takes_its_targets_from_the_work_described(column):
    header = ["序号", "工作任务", column, "责任单位"]
    body = [
        ["1", "推进河湖长制", "县级河长每月巡河不少于1次，水质达标率达到90%", "县水利局"],
        ["2", "建设美丽庭院", "完成12个示范村庭院整治提升", "县妇联"],
        ["3", "加强宣传", "做好政策宣传解读", "县委宣传部"],
    ]
    roots = parse_table(Table(rows=rows_of(header, body), line=1), 2024)[0]
    figures = [[(i.value, i.unit) for i in root.indicators] for root in roots]
    assert figures == [[(1, "次"), (90, "%")], [(12, "个")], []]
    assert any("完成12个示范村庭院整治提升" in paragraph for paragraph in roots[1].content)


def test_a_target_column_is_still_the_only_place_the_targets_are_read_from():
    header = ["序号", "工作任务", "具体措施", "目标值", "责任单位"]
    body = [["1", "推进河湖长制", "组织3次联合执法", "水质达标率≥90%", "县水利局"]]
    [root] = parse_table(Table(rows=rows_of(header, body), line=1), 2024)[0]
    assert [(i.value, i.unit) for i in root.indicators] == [(90, "%")]
