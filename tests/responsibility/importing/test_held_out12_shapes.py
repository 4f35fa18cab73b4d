"""The shapes the twelfth held-out set (d115–d122) showed the importer did not follow, in made-up
words, one section per cause: a list of agreed matters whose numbered rows are grouped under rows of
one cell naming the meeting that agreed them; items numbered in square brackets ("【1】") with label lines."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tab_table, tree

YEAR = 2023
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


# --- one-cell group rows (a meeting) over the numbered rows they group -------------------------------

GROUPED = "\n".join(
    [
        "某镇2023年镇务会议议定事项督办清单",
        "",
        tab_table(
            [
                ["序号", "议定事项", "责任人", "承办单位", "办理时限"],
                ["镇务会第3次会议（2023年2月6日）", "", "", "", ""],
                ["1", "研究春季植树安排", "甲某", "林业站", "2023年3月底前"],
                ["2", "部署河塘清淤", "乙某", "水利站", "2023年4月底前"],
                ["镇务会第4次会议（2023年3月8日）", "", "", "", ""],
                ["3", "研究集市改造", "丙某", "城建办", "2023年6月底前"],
            ]
        ),
        "",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_one_cell_group_rows_head_the_numbered_rows_under_them(read):
    plan = read(GROUPED)
    assert tree(plan) == [
        "|镇务会第3次会议（2023年2月6日）",
        "  1|研究春季植树安排",
        "  2|部署河塘清淤",
        "|镇务会第4次会议（2023年3月8日）",
        "  3|研究集市改造",
    ]
    assert [item.fields.deadline.month for item in _items(plan)] == [3, 4, 6]
    assert not plan.warnings


FOOT_LINE = "\n".join(
    [
        "某镇2023年镇务会议议定事项督办清单",
        "",
        tab_table(
            [
                ["序号", "议定事项", "责任人", "承办单位", "办理时限"],
                ["1", "研究春季植树安排", "甲某", "林业站", "2023年3月底前"],
                ["2", "部署河塘清淤", "乙某", "水利站", "2023年4月底前"],
                ["镇党政办汇总", "", "", "", ""],
            ]
        ),
        "",
    ]
)


def test_a_lone_one_cell_row_under_the_last_item_heads_nothing():
    plan = as_txt(FOOT_LINE)
    assert tree(plan) == ["1|研究春季植树安排", "2|部署河塘清淤"]


# --- items numbered in square brackets, label lines under each -------------------------------------

SQUARE = "\n".join(
    [
        "某村2023年为民办实事项目",
        "",
        "经村民代表会议票决，确定实事项目3件。",
        "",
        "【1】修缮村文化礼堂。举办乡村音乐节1届。",
        "责任单位：村委会",
        "完成时间：2023年6月底前",
        "",
        "【2】硬化机耕道路。硬化道路3公里。",
        "责任单位：村委会",
        "协办单位：农机合作社",
        "完成时间：2023年10月",
        "",
        "［3］更换路灯。更换路灯40盏。",
        "责任单位：村电工组",
        "完成时间：年内",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_numbers_in_square_brackets_number_items(read):
    plan = read(SQUARE)
    assert tree(plan) == ["【1】|修缮村文化礼堂", "【2】|硬化机耕道路", "［3］|更换路灯"]
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["村委会"]
    assert second.fields.cooperating_units == ["农机合作社"]
    assert [item.fields.deadline.month for item in (first, second, third)] == [6, 10, 12]
    assert [(found.value, found.unit) for found in first.indicators] == [(1, "届")]


def test_a_document_number_in_square_brackets_numbers_nothing():
    plan = as_txt("某村2023年工作安排\n\n【2023】12号文件要求：\n1. 修缮村文化礼堂。\n2. 硬化机耕道路。")
    assert [found.number for found, _depth in plan.walk()] == ["1.", "2."]
