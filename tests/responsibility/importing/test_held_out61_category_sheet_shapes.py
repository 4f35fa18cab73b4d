"""The shape of the sixty-first held-out set (d509) the importer did not follow, in made-up words: a workbook of
one worksheet per category, each sheet repeating the plan's title, a row "类别：…" and the same header, its tasks
numbered from 1. The sheet's 类别 row heads the sheet's rows, and the title again on each sheet is the plan's;
as text (the sheets copied one below another, or a Word table made of them) the title and header rows repeated
inside the one table are no items and each 类别 line heads the rows under it. And the review's leftover: a
"类别：X" line under a heading that says X already adds no level."""

from __future__ import annotations

import io

import pytest

from tests.responsibility.importing.made import branches, leaves, readers

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)

TITLE = "某县2026年重点攻坚任务清单"
HEADER = ["序号", "重点任务", "牵头单位", "完成时限"]
SHEETS = {
    "项目攻坚": [
        ["1", "推进产业园标准厂房建设。", "县工信局", "2026年10月底前"],
        ["2", "加快乡村物流站点布局。", "县商务局", "2026年8月底前"],
    ],
    "民生攻坚": [
        ["1", "新建社区食堂4个。", "县民政局", "2026年9月底前"],
        ["2", "改造农村公路12公里。", "县交通运输局", "2026年11月底前"],
    ],
}


def sheet_rows(category: str | None, rows: list[list[str]], title: str = TITLE) -> list[list[str]]:
    label = [[f"类别：{category}行动", "", "", ""]] if category else []
    return [[title, "", "", ""], *label, HEADER, *rows]


def workbook(sheets: list[list[list[str]]], names: list[str]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = names[0]
    for index, rows in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet(names[index])
        for row in rows:
            sheet.append([cell or None for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def as_xlsx(data: bytes):
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read

    return parse(read("清单.xlsx", data), YEAR)


def copied(sheets: list[list[list[str]]]) -> str:
    """The sheets as a clerk pastes them, one below another, a blank row between."""
    blocks = ["\n".join("\t".join(row) for row in rows) for rows in sheets]
    return "\n\t\t\t\n".join(blocks)


def outline(plan) -> list[tuple[str, list[str]]]:
    return [(node.title, [child.title for child in node.children]) for node in plan.roots]


EXPECTED = [
    ("项目攻坚行动", ["推进产业园标准厂房建设", "加快乡村物流站点布局"]),
    ("民生攻坚行动", ["新建社区食堂4个", "改造农村公路12公里"]),
]


# --- a workbook of one sheet per category ------------------------------------------------------------------


def test_each_sheets_category_row_heads_its_rows_and_the_title_again_is_the_plans():
    sheets = [sheet_rows(name, rows) for name, rows in SHEETS.items()]
    plan = as_xlsx(workbook(sheets, list(SHEETS)))
    assert outline(plan) == EXPECTED
    assert plan.title == TITLE and TITLE not in plan.headers.get("preamble", "")
    assert plan.roots[1].children[1].fields.lead_units == ["县交通运输局"]


def test_a_category_row_on_one_sheet_alone_heads_nothing():
    # The opposite: a workbook of one sheet whose 类别 row stands over the header, no other sheet opening with it.
    plan = as_xlsx(workbook([sheet_rows("项目攻坚", SHEETS["项目攻坚"])], ["清单"]))
    assert [node.title for node in plan.roots] == ["推进产业园标准厂房建设", "加快乡村物流站点布局"]
    assert branches(plan) == []


def test_sheets_of_their_own_tables_without_category_rows_stay_as_they_were():
    # The opposite: two sheets, each its own header and title, no 类别 row: their tasks, no headings.
    other = [["年度目标表", "", ""], ["序号", "指标名称", "目标值"], ["1", "地区生产总值增长", "6%"]]
    plan = as_xlsx(workbook([sheet_rows(None, SHEETS["项目攻坚"]), other], ["任务", "指标"]))
    assert branches(plan) == []
    assert [leaf.title for leaf in leaves(plan)][:2] == ["推进产业园标准厂房建设", "加快乡村物流站点布局"]


def test_a_category_column_still_heads_its_rows():
    # The opposite: the category in a column of one table, not a row over each sheet: read as before.
    rows = [
        [TITLE, "", "", "", ""],
        ["类别", "序号", "重点任务", "牵头单位", "完成时限"],
        ["项目攻坚行动", "1", "推进产业园标准厂房建设。", "县工信局", "2026年10月底前"],
        ["", "2", "加快乡村物流站点布局。", "县商务局", "2026年8月底前"],
        ["民生攻坚行动", "1", "新建社区食堂4个。", "县民政局", "2026年9月底前"],
        ["", "2", "改造农村公路12公里。", "县交通运输局", "2026年11月底前"],
    ]
    plan = as_xlsx(workbook([rows], ["清单"]))
    assert outline(plan) == EXPECTED


# --- the same sheets as text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("form", [as_paste, as_docx])
def test_sheets_copied_one_below_another_each_head_their_rows_under_their_category(form):
    plan = form(copied([sheet_rows(name, rows) for name, rows in SHEETS.items()]))
    assert outline(plan) == EXPECTED
    assert all(not node.content for node in plan.roots)  # the title again is no heading's text
    assert plan.title == TITLE


@pytest.mark.parametrize("form", [as_paste, as_docx])
def test_a_table_whose_header_comes_again_without_a_break_is_one_table(form):
    # The opposite: the header repeated straight under a row (a page's top, no blank row or caption between)
    # does not cut the table; with no category line, no heading.
    rows = [[TITLE, "", "", ""], HEADER, *SHEETS["项目攻坚"], *SHEETS["民生攻坚"]]
    plan = form("\n".join("\t".join(row) for row in rows))
    assert branches(plan) == []
    assert len(leaves(plan)) == 4


# --- a 类别 line that says again what its heading says -----------------------------------------------------


def restating(under: list[str]) -> str:
    return "\n".join(
        [
            "某县2026年重点攻坚行动方案",
            f"一、{under[0]}",
            "类别：项目攻坚行动",
            "1.推进产业园标准厂房建设。牵头单位：县工信局。",
            "2.加快乡村物流站点布局。牵头单位：县商务局。",
            f"二、{under[1]}",
            "类别：民生攻坚行动",
            "1.新建社区食堂4个。牵头单位：县民政局。",
        ]
    )


@pytest.mark.parametrize("form", [as_txt, as_paste, as_docx])
def test_a_category_line_naming_the_heading_it_sits_under_adds_no_level(form):
    plan = form(restating(["项目攻坚行动", "民生攻坚行动"]))
    assert outline(plan) == [
        ("项目攻坚行动", ["推进产业园标准厂房建设", "加快乡村物流站点布局"]),
        ("民生攻坚行动", ["新建社区食堂4个"]),
    ]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_category_line_naming_another_group_under_a_heading_still_heads_its_items(form):
    # The opposite: under "一、重点任务" the 类别 lines name groups of their own, a level below it.
    text = restating(["重点任务", "重点保障"])
    plan = form(text)
    assert [node.title for node in plan.roots] == ["重点任务", "重点保障"]
    assert [child.title for child in plan.roots[0].children] == ["项目攻坚行动"]
    group = plan.roots[0].children[0]
    assert [leaf.title for leaf in group.children] == ["推进产业园标准厂房建设", "加快乡村物流站点布局"]
