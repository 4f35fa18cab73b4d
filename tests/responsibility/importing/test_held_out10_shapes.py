"""The shapes the tenth held-out set (d99–d106) showed the importer did not follow, in made-up words,
one section per cause: a 重点项目 workbook whose category rows carry a count in brackets ("（2个）"),
whose year's 计划投资 is the target (its unit in a "单位：万元" line above the header) beside 总投资 and a
建设内容 column of sizes; units separated by "/" in a cell or a label; a closing part of one paragraph
telling every unit what it must do, named as a task is; a count of things that are to reach a grade
("9条溪流水质稳定达到Ⅲ类")."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from docx import Document

from responsibility.importing.fields import extract, find_indicators
from responsibility.importing.parse import parse
from responsibility.importing.readers import read, read_pasted
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import node, pipe_table, tab_table, tree

YEAR = 2023
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


def _targets(found) -> list[tuple[Decimal, str]]:
    return [(indicator.value, indicator.unit) for indicator in found.indicators]


# --- a 重点项目 workbook: counted categories, the year's investment, a unit line ---------------------

TITLE = "某镇2023年重点建设项目计划表"
NOTE = "单位：万元"
HEADER = ["序号", "项目名称", "建设内容及规模", "总投资", "2023年计划投资", "分管领导", "责任单位", "进度安排"]
ROWS = [
    ["一、交通项目（2个）", "", "", "", "", "", "", ""],
    ["1", "东环路拓宽工程", "拓宽道路3.5公里，新建桥梁2座", "12000", "4000", "甲某", "交通办/住建办", "10月底前完工"],
    ["2", "客运站改造", "改造候车厅1600平方米", "900", "900", "甲某", "交通办", "年内完工"],
    ["二、水利项目（1个）", "", "", "", "", "", "", ""],
    ["3", "南河堤防加固", "加固堤防4.2公里", "6800", "2600", "乙某", "水利站", "汛期前完工"],
]


def _workbook(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    for index, row in enumerate(rows, 1):
        if not any(row[1:]):
            sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=len(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _word(lines: list[str], table: list[list[str]]) -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    word_table = document.add_table(rows=len(table), cols=len(table[0]))
    for cells, row in zip(word_table.rows, table, strict=True):
        for cell, text in zip(cells.cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _sheet_rows(header: list[str] = HEADER, note: str = NOTE) -> list[list[str]]:
    width = len(header)
    return [[TITLE, *[""] * (width - 1)], *([[note, *[""] * (width - 1)]] if note else []), header, *ROWS]


PROJECT_FORMS = {
    "xlsx": lambda rows: parse(read("项目.xlsx", _workbook(rows)), YEAR),
    "paste": lambda rows: parse(read_pasted(tab_table(rows)), YEAR),
    "docx": lambda rows: parse(
        read("项目.docx", _word([row[0] for row in rows[: -len(ROWS) - 1]], rows[-len(ROWS) - 1 :])), YEAR
    ),
}


@pytest.mark.parametrize("form", PROJECT_FORMS.values(), ids=PROJECT_FORMS.keys())
def test_a_projects_table_counts_its_categories_and_tracks_the_years_investment(form):
    plan = form(_sheet_rows())
    assert tree(plan) == [
        "一、|交通项目",
        "  1|东环路拓宽工程",
        "  2|客运站改造",
        "二、|水利项目",
        "  3|南河堤防加固",
    ]
    assert [_targets(item) for item in _items(plan)] == [
        [(Decimal(4000), "万元")],
        [(Decimal(900), "万元")],
        [(Decimal(2600), "万元")],
    ]
    assert node(plan, "1").fields.responsible_units == ["交通办", "住建办"]
    assert not node(plan, "一、").indicators


def test_the_years_investment_may_name_its_unit_in_its_header():
    header = [*HEADER[:4], "2023年计划投资（亿元）", *HEADER[5:]]
    plan = PROJECT_FORMS["xlsx"](_sheet_rows(header, note=""))
    assert _targets(node(plan, "3")) == [(Decimal(2600), "亿元")]


def test_without_a_unit_line_a_bare_investment_is_no_indicator():
    plan = PROJECT_FORMS["paste"](_sheet_rows(note=""))
    assert [_targets(item) for item in _items(plan)] == [[], [], []]


def test_a_column_named_for_targets_stays_the_target_beside_the_investment():
    header = [*HEADER[:2], "年度目标", *HEADER[3:]]
    rows = [[*row[:2], "建成通车" if row[1] else "", *row[3:]] for row in ROWS]
    rows = [[TITLE, *[""] * 7], [NOTE, *[""] * 7], header, *rows]
    plan = PROJECT_FORMS["paste"](rows)
    assert node(plan, "1").fields.target == "建成通车"
    assert [_targets(item) for item in _items(plan)] == [[], [], []]


# --- counts after headings ---------------------------------------------------------------------------


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_count_after_a_heading_is_no_word_of_its_name_but_an_items_count_is_its_target(form):
    plan = form(
        "\n".join(
            [
                "某村2023年为民办实事计划",
                "",
                "一、便民设施（2个）",
                "1.建设口袋公园（3个）。（责任单位：村委会；完成时限：2023年9月底前）",
                "2.修缮村级活动室。（责任单位：村委会；完成时限：2023年6月底前）",
            ]
        )
    )
    assert tree(plan)[0] == "一、|便民设施"
    assert _targets(_items(plan)[0]) == [(Decimal(3), "个")]


# --- "/" between units ---------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ALL_FORMS)
def test_units_separated_by_a_slash_are_two_units(form):
    plan = form(
        "某镇2023年林业工作要点\n\n一、护林防火\n1.开展林区巡护。（责任单位：林业站/农办；配合单位：各村；完成时限：2023年6月底前）"
    )
    (item,) = _items(plan)
    assert item.fields.responsible_units == ["林业站", "农办"]


def test_a_pipe_table_cell_with_a_slash_lists_two_units():
    table = pipe_table(
        [
            ["序号", "重点任务", "责任单位", "配合单位", "完成时限"],
            ["1", "开展林区巡护", "林业站", "农办/各村", "6月底前"],
            ["2", "清理林下可燃物", "林业站", "/", "三季度"],
        ]
    )
    plan = parse(read("要点.md", f"# 某镇2023年林业工作要点\n\n{table}\n".encode()), YEAR)
    assert [item.fields.cooperating_units for item in _items(plan)] == [["农办", "各村"], []]


def test_a_slash_between_a_leaders_posts_is_one_name():
    assert extract("牵头领导：镇长/副书记", YEAR).fields.lead_leaders == ["镇长/副书记"]


# --- a closing exhortation named as a task is ---------------------------------------------------------

CLOSING = "\n".join(
    [
        "某乡2023年宣传思想工作要点",
        "",
        "一、加强理论武装",
        "◆开展理论宣讲。全年宣讲不少于10场。（责任领导：丙某；责任单位：宣传办）",
        "二、做好网络宣传",
        "◆办好乡政务公众号。全年发布信息不少于200条。（责任领导：丙某；责任单位：宣传办；完成时限：12月底前）",
        "三、加强督促检查",
        "各村（社区）要明确专人抓好宣传思想工作，乡党委将落实情况纳入年度考核。",
    ]
)


@pytest.mark.parametrize("form", ALL_FORMS)
def test_a_closing_paragraph_telling_every_unit_what_to_do_is_guidance_whatever_its_name(form):
    plan = form(CLOSING)
    assert [item.title for item in _items(plan)] == ["开展理论宣讲", "办好乡政务公众号"]
    assert [section.node.title for section in plan.guidance] == ["加强督促检查"]


def test_a_closing_part_that_names_its_own_unit_stays_work():
    plan = as_txt(CLOSING.replace("纳入年度考核。", "纳入年度考核。（责任单位：乡党政办）"))
    assert not plan.guidance
    assert [item.title for item in _items(plan)][-1] == "加强督促检查"


# --- things counted that are to reach a grade --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("全县9条溪流水质稳定达到Ⅲ类以上", [(Decimal(9), "条")]),
        ("全县9条溪流水质稳定达到III类以上", [(Decimal(9), "条")]),
        ("全镇6个村饮用水水质全部达标", [(Decimal(6), "个")]),
        ("安排3名干部驻村指导", []),
    ],
)
def test_a_count_of_things_to_reach_a_standard_is_a_target(text, found):
    assert [(indicator.value, indicator.unit) for indicator in find_indicators(text, default_name="X")] == found
