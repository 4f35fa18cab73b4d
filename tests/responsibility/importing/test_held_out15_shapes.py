"""The shapes the fifteenth held-out set (d139–d146) showed the importer did not follow, in made-up
words, one section per cause: a table drawn with box-drawing rules (┌─┬─┐ │ ├─┼─┤ └─┴─┘) whose
cells wrap their text over the lines of a row."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tree

YEAR = 2024
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


# --- a box-drawn table whose cells wrap over the lines of a row -----------------------------------------

BOXED = "\n".join(
    [
        "某县2024年校园周边安全整治交办单",
        "",
        "现将整治事项交办如下：",
        "┌──┬──────────────┬──────────┬────────┐",
        "│编号│整治事项                    │责任单位            │完成时限        │",
        "├──┼──────────────┼──────────┼────────┤",
        "│1 │清理校园周边流动摊点。全县共│县市场监管局（牵头）│2024年9月1日前  │",
        "│  │涉及学校38所。              │县城管局            │                │",
        "├──┼──────────────┼──────────┼────────┤",
        "│2 │在校门口设置交通隔离护栏，新│县公安局            │开学前          │",
        "│  │装护栏不少于900米。         │                    │（2024年8月25日 │",
        "│  │                            │                    │前）            │",
        "└──┴──────────────┴──────────┴────────┘",
        "",
        "请各单位按时报送整治情况。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_box_drawn_table_joins_each_cell_over_its_lines(read):
    plan = read(BOXED)
    assert tree(plan) == ["1|清理校园周边流动摊点", "2|在校门口设置交通隔离护栏，新装护栏不少于900米。"]
    first, second = _items(plan)
    # A line the cell's text ends short of its width ended there: one unit per line.
    assert first.fields.lead_units == ["县市场监管局"]
    assert first.fields.responsible_units == ["县城管局"]
    assert first.fields.deadline == datetime.date(2024, 9, 1)
    assert second.fields.responsible_units == ["县公安局"]
    assert second.fields.deadline == datetime.date(2024, 8, 25)
    assert [(found.value, found.unit) for found in second.indicators] == [(900, "米")]


RULED_UNDER_HEADER = "\n".join(
    [
        "某街道2024年为民办实事项目",
        "",
        "┌──┬──────────────┬──────────┐",
        "│序号│项目名称                    │责任科室            │",
        "├──┼──────────────┼──────────┤",
        "│1 │改造老旧小区供水管网，惠及居│城建科              │",
        "│  │民1200户。                  │                    │",
        "│2 │新建社区食堂2处。           │民政科              │",
        "└──┴──────────────┴──────────┘",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_box_drawn_table_ruled_under_its_header_only_starts_a_row_at_a_number(read):
    plan = read(RULED_UNDER_HEADER)
    assert tree(plan) == ["1|改造老旧小区供水管网，惠及居民1200户。", "2|新建社区食堂2处。"]
    first, second = _items(plan)
    assert first.fields.responsible_units == ["城建科"]
    assert second.fields.responsible_units == ["民政科"]


FRAMED_NOTE = "\n".join(
    [
        "某乡2024年森林防火工作要点",
        "",
        "┌────────────────────┐",
        "│温馨提示：进山入林，严禁携带火种。      │",
        "└────────────────────┘",
        "",
        "一、加强火源管控",
        "1.在进山路口设立检查站12个。责任单位：乡林业站；完成时限：2024年3月31日前。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_framed_note_that_names_no_columns_stays_text(read):
    """The opposite: a box around a sentence is no table; the items after it are read as before."""
    plan = read(FRAMED_NOTE)
    assert tree(plan) == ["一、|加强火源管控", "  1.|在进山路口设立检查站12个"]
    assert _items(plan)[0].fields.responsible_units == ["乡林业站"]
