"""Readings a review of the session's importer found wrong, in made-up words, one section per finding,
each beside the shape its rule was made for, which is still read."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import table_readers

from .test_pdf import _over_pages

YEAR = 2025
TABLE_FORMS = table_readers(YEAR)


# --- a PDF page cut inside a repeated cell: a code, never a number ----------------------------------

COUNT_HEADER = ["序号", "任务", "单位", "完成数"]


def test_a_count_that_joins_the_one_above_by_chance_does_not_merge_the_new_page_into_the_row_above():
    # "1" at the foot and "2" at the top join up to the "12" above: two rows' counts, not one cut cell.
    rows = _over_pages(
        [COUNT_HEADER, ["1", "任务甲", "县发改局", "12"], ["2", "任务乙", "县财政局", "1"]],
        [COUNT_HEADER, ["3", "任务丙", "县人社局", "2"]],
    )
    assert [row[0] for row in rows[1:]] == ["1", "2", "3"]
    assert rows[-1] == ["3", "任务丙", "县人社局", "2"]


CODE_HEADER = ["任务编码", "任务名称", "承担主体", "主体类型"]


def test_a_task_code_the_page_cut_inside_its_cell_is_still_joined():
    rows = _over_pages(
        [
            CODE_HEADER,
            ["RW002", "建设数据资源目录", "区数据局", "牵头"],
            ["RW00", "建设数据资源目录", "区财政局", "配合"],
        ],
        [CODE_HEADER, ["2", "", "", ""], ["RW003", "提升热线工单质效", "区热线中心", "牵头"]],
    )
    assert [row[0] for row in rows[1:]] == ["RW002", "RW002", "RW003"]


# --- a 编码 column numbers the rows only where it names the work it numbers ----------------------------

POSTCODE_ROWS = [
    ["牵头单位", "工作任务", "完成时限", "邮政编码"],
    ["县发改局", "推进项目建设", "2025年12月底前", "314000"],
    ["县人社局", "开展技能培训", "2025年9月底前", "314001"],
]


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_a_postcode_column_does_not_number_the_tasks(form):
    plan = form(POSTCODE_ROWS)
    assert [(item.number, item.title) for item in plan.leaves()] == [("", "推进项目建设"), ("", "开展技能培训")]


@pytest.mark.parametrize("form", TABLE_FORMS.values(), ids=TABLE_FORMS.keys())
def test_a_task_code_column_still_numbers_the_tasks(form):
    plan = form(
        [["任务编码", *POSTCODE_ROWS[0][:3]], ["RW001", *POSTCODE_ROWS[1][:3]], ["RW002", *POSTCODE_ROWS[2][:3]]]
    )
    assert [(item.number, item.title) for item in plan.leaves()] == [
        ("RW001", "推进项目建设"),
        ("RW002", "开展技能培训"),
    ]


# --- a numbered title over a sheet's header is the title, a numbered category its heading -----------

SHEET = [
    ["序号", "工作任务", "牵头单位", "完成时限"],
    ["1", "推进项目建设", "县发改局", "12月底前"],
    ["2", "开展技能培训", "县人社局", "9月底前"],
]


def test_a_numbered_list_title_over_a_sheet_stays_its_title_and_opens_no_heading():
    plan = TABLE_FORMS["xlsx"]([["1.2025年度重点工作任务清单", "", "", ""], *SHEET])
    assert [(node.number, node.title) for node, _depth in plan.walk()] == [("1", "推进项目建设"), ("2", "开展技能培训")]
    assert "2025年度重点工作任务清单" in "".join(plan.headers.values())


def test_a_numbered_category_over_a_sheet_still_opens_its_heading():
    plan = TABLE_FORMS["xlsx"]([["一、重点工作任务", "", "", ""], *SHEET])
    assert [(node.number, node.title, depth) for node, depth in plan.walk()] == [
        ("一、", "重点工作任务", 0),
        ("1", "推进项目建设", 1),
        ("2", "开展技能培训", 1),
    ]
