"""The shapes the fifty-third held-out set (d443–d450) showed the importer did not follow, in made-up words,
one section per cause: a list of one row per task and unit whose role column (牵头/责任/配合) says each unit's
role, its tasks numbered by a 编码 column; a pasted header over rows as wide as it whose cell reads as a
column's name ("牵头"); a Word table of its header alone, the groups of its rows each under a heading line
and in a table of their own, and the PDF made of it."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from responsibility.importing.parse import parse
from responsibility.importing.readers import read, read_pasted
from tests.responsibility.importing.made import branches, convert, leaves, table_readers

YEAR = 2025
FORMS = table_readers(YEAR)


# --- one row per task and unit, a column of roles -----------------------------------------------------

TASK_A = ["GZ01", "推进窗口综合受理", "综合窗口覆盖率达到90%。"]
TASK_B = ["GZ02", "建设电子证照库", "归集证照200类。"]


def per_unit(role_header: str, roles: list[str], code_header: str = "工作编码") -> list[list[str]]:
    units = ["服务科", "各镇便民中心", "县信息中心", "数据科", "县直各部门"]
    tasks = [TASK_A, TASK_A, TASK_A, TASK_B, TASK_B]
    return [
        ["某县政务服务局2025年工作分解明细", "", "", "", "", ""],
        [code_header, "任务名称", "任务要求", "承担主体", role_header, "截止日期"],
        *[[*task, unit, role, "2025-10-31"] for task, unit, role in zip(tasks, units, roles, strict=True)],
    ]


@pytest.mark.parametrize("form", ["xlsx", "paste"])
def test_a_role_column_places_each_rows_unit_in_its_role(form):
    plan = FORMS[form](per_unit("主体类型", ["牵头", "责任", "配合", "责任", "配合"]))
    first, second = leaves(plan)
    assert (first.number, first.title, second.number, second.title) == (
        "GZ01",
        "推进窗口综合受理",
        "GZ02",
        "建设电子证照库",
    )
    fields = first.fields
    assert (fields.lead_units, fields.responsible_units, fields.cooperating_units) == (
        ["服务科"],
        ["各镇便民中心"],
        ["县信息中心"],
    )
    assert (second.fields.lead_units, second.fields.responsible_units) == ([], ["数据科"])
    assert second.fields.cooperating_units == ["县直各部门"]


def test_a_column_of_other_words_beside_the_units_places_none():
    # The opposite fact: a column of levels ("省级", "县级") says no role: every unit stays responsible.
    plan = FORMS["xlsx"](per_unit("层级", ["省级", "县级", "县级", "省级", "县级"]))
    first = leaves(plan)[0]
    assert first.fields.responsible_units == ["服务科", "各镇便民中心", "县信息中心"]
    assert first.fields.lead_units == [] and first.fields.cooperating_units == []


def test_a_code_column_beside_a_serial_leaves_the_serial_the_number():
    # The opposite fact: with a 序号 of its own the table's 项目编码 is a note of the row, not its number.
    rows = per_unit("主体类型", ["牵头", "责任", "配合", "责任", "配合"], code_header="项目编码")
    rows = [rows[0], ["序号", *rows[1]], *[[str(index), *row] for index, row in enumerate(rows[2:], 1)]]
    rows = [row for row in rows if row[1] != "GZ01" or row[0] == "1"]
    numbers = [item.number for item in leaves(FORMS["xlsx"](rows))]
    assert numbers[0] == "1"


# --- a pasted header over rows as wide as it ------------------------------------------------------------


def test_a_pasted_header_is_not_joined_with_a_row_as_wide_as_it():
    rows = per_unit("主体类型", ["牵头", "责任", "配合", "责任", "配合"])[1:]
    plan = parse(read_pasted("\n".join("\t".join(row) for row in rows)), YEAR)
    assert [item.number for item in leaves(plan)] == ["GZ01", "GZ02"]
    assert leaves(plan)[0].fields.lead_units == ["服务科"]


def test_a_pasted_header_cut_inside_a_cell_is_still_joined():
    # The opposite fact: a header cell cut by a line break goes on in a line narrower than the rows below.
    text = "\n".join(
        [
            "序号\t工作任务\t责任单位",
            "（第一个为牵头单位）\t完成时限",
            "1\t推进窗口综合受理\t服务科、县信息中心\t2025年6月底前",
            "2\t建设电子证照库\t数据科\t2025年9月底前",
        ]
    )
    plan = parse(read_pasted(text), YEAR)
    assert [item.title for item in leaves(plan)] == ["推进窗口综合受理", "建设电子证照库"]
    assert leaves(plan)[0].fields.deadline is not None


# --- a Word table of its header alone, each group under a heading line in a table of its own -------------

HEADER = ["序号", "指标名称", "单位", "年度目标", "一季度", "二季度", "责任股室"]
GROUPS = [
    (
        "一、就业创业",
        [
            ["1", "城镇新增就业", "人", "3200", "800", "1600", "就业股"],
            ["2", "失业人员再就业", "人", "900", "200", "450", "就业股"],
        ],
    ),
    (
        "二、技能提升",
        [
            ["3", "开展技能培训", "人次", "4500", "900", "2000", "培训股"],
            ["4", "新增技能人才", "人", "1200", "200", "500", "培训股"],
        ],
    ),
]
TITLES = ["城镇新增就业", "失业人员再就业", "开展技能培训", "新增技能人才"]


def grouped_docx(header_rows: list[list[str]]) -> bytes:
    document = Document()
    # Set as offices set it (16 pt on a 28 pt line), as ``made.official_docx`` does.
    style = document.styles["Normal"]
    style.font.size, style.font.name = Pt(16), "WenQuanYi Micro Hei"
    style.element.rPr.get_or_add_rFonts().set(qn("w:eastAsia"), "WenQuanYi Micro Hei")
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = Pt(28)
    document.add_paragraph("某县人社局2025年度重点指标季度目标表")
    for blocks in ([header_rows], *([heading, rows] for heading, rows in GROUPS)):
        for block in blocks:
            if isinstance(block, str):
                document.add_paragraph(block)
                continue
            table = document.add_table(rows=len(block), cols=len(block[0]))
            table.style = "Table Grid"
            for cells, row in zip(block, table.rows, strict=True):
                for text, cell in zip(cells, row.cells, strict=True):
                    cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_header_alone_and_its_groups_in_tables_of_their_own_are_one_table():
    plan = parse(read("目标表.docx", grouped_docx([HEADER])), YEAR)
    assert [heading.title for heading in branches(plan)] == ["就业创业", "技能提升"]
    assert [(item.number, item.fields.responsible_units) for item in leaves(plan)] == [
        ("1", ["就业股"]),
        ("2", ["就业股"]),
        ("3", ["培训股"]),
        ("4", ["培训股"]),
    ]


def test_the_pdf_of_a_word_header_alone_keeps_the_header_row():
    plan = parse(read("目标表.pdf", convert(grouped_docx([HEADER]), ".docx", "pdf")), YEAR)
    assert [item.title for item in leaves(plan)] == TITLES


def test_a_table_with_rows_of_its_own_is_not_joined_with_the_tables_after_it():
    # The opposite fact: a header over a row of its own is a table already; the tables under the heading
    # lines that follow, with no header, are not its rows.
    first = [HEADER, ["0", "城镇登记失业人员", "人", "500", "100", "200", "就业股"]]
    plan = parse(read("目标表.docx", grouped_docx(first)), YEAR)
    titles = [item.title for item in leaves(plan)]
    assert titles[0] == "城镇登记失业人员" and not set(TITLES) & set(titles)
