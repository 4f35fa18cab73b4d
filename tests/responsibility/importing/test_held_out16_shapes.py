"""The shapes the sixteenth held-out set (d147–d154) showed the importer did not follow, in made-up
words, one section per cause: a header of two rows whose group merged across covers a column we keep
no field for (时间安排 over 开始时间 | 完成时间), and a target in the task cell's second sentence beside a
target column."""

from __future__ import annotations

import datetime

from responsibility.importing.document import Table
from responsibility.importing.tables import parse_table
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tab_table

YEAR = 2026
as_txt, as_paste, as_docx = readers(YEAR)


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


# --- a header of two rows: groups merged across, one column under them we keep no field for -------------------

TWO_ROW_HEADER = [
    ["序号", "工作事项", "工作目标", "任务分解", "", "", "进度安排", ""],
    ["", "", "", "分管领导", "主办单位", "协办单位", "开始时间", "办结时间"],
    [
        "1",
        "建设社区养老服务站。全年新增助餐点不少于12个。",
        "覆盖老年人3000人。",
        "张华（副区长）",
        "区民政局",
        "区卫健委、各街道",
        "2026年2月",
        "2026年10月底",
    ],
    [
        "2",
        "推进背街小巷改造。",
        "改造小巷25条。",
        "李强（副区长）",
        "区城管局",
        "区住建局",
        "2026年3月",
        "2026年11月30日",
    ],
]


def _two_row_roots(rows, merges_filled):
    roots, _, _, _ = parse_table(Table(rows=rows, line=1, merges_filled=merges_filled), YEAR)
    return roots


def test_a_two_row_header_with_a_start_column_under_its_group_is_one_header():
    for merges_filled in (True, False):
        rows = [list(row) for row in TWO_ROW_HEADER]
        if merges_filled:  # a workbook fills a cell merged down (序号 over both rows) into the lower row
            rows[1][:3] = rows[0][:3]
        first, second = _two_row_roots(rows, merges_filled)
        assert (first.number, first.title) == ("1", "建设社区养老服务站")
        assert first.fields.lead_units == ["区民政局"]
        assert first.fields.cooperating_units == ["区卫健委", "各街道"]
        # The deadline is the finish under 进度安排, never the start beside it.
        assert first.fields.deadline == datetime.date(2026, 10, 31)
        assert second.fields.deadline == datetime.date(2026, 11, 30)


def test_a_two_row_header_read_from_pasted_text():
    plan = as_paste("某区2026年民生实事任务分解表\n\n" + tab_table(TWO_ROW_HEADER))
    first, second = _items(plan)
    assert first.fields.lead_units == ["区民政局"]
    assert first.fields.deadline == datetime.date(2026, 10, 31)
    assert second.fields.cooperating_units == ["区住建局"]


def test_a_first_row_of_short_words_under_the_header_is_no_second_header():
    """The opposite: rows under a header whose cells are short words but name no columns (a unit, a
    month) are items, not a lower header row."""
    rows = [
        ["序号", "工作事项", "主办单位", "备注"],
        ["1", "清理河道", "区水务局", "汛期前"],
        ["2", "修缮校舍", "区教育局", "暑期"],
    ]
    roots = _two_row_roots(rows, True)
    assert [(root.number, root.title) for root in roots] == [("1", "清理河道"), ("2", "修缮校舍")]
    assert roots[0].fields.lead_units == ["区水务局"]


def test_a_second_sentence_of_the_task_cell_names_a_target_beside_the_target_column():
    first, second = _two_row_roots([list(row) for row in TWO_ROW_HEADER], False)
    assert [(found.value, found.unit) for found in first.indicators] == [(12, "个"), (3000, "人")]
    # The opposite: a task of one sentence gives only the target column's numbers.
    assert [(found.value, found.unit) for found in second.indicators] == [(25, "条")]
