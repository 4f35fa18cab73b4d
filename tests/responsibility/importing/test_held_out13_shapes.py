"""The shapes the thirteenth held-out set (d123–d130) showed the importer did not follow, in made-up
words, one section per cause: a plan spanning two years ("2024—2025年"); a checklist whose entries
stand behind boxes to tick (drawn "□", "☑", or typed as Markdown's task list "- [ ]"), under headings
marked with a bullet ("▲ 名称"); labels parted by a vertical bar ("牵头：X｜时限：Y") after a dash;
a quarter written "Q3" and channels counted in 路; headings and items numbered by a word and its
ordinal ("专项一：", "任务三："); a plan's 总体目标 that dates its aims."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.parse import parse
from responsibility.importing.readers import read, read_pasted
from tests.responsibility.importing.made import readers

YEAR = 2024
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def as_md(text: str):
    return parse(read("清单.md", text.encode("utf-8")), YEAR)


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


def _unyeared(text: str):
    """``text`` parsed with no year chosen: the importer takes the title's."""
    return parse(read_pasted(text), None)


# --- a plan spanning two years is the plan of its first ----------------------------------------------

SPAN = "某镇{span}人居环境整治实施方案\n\n1．清理沟渠。责任单位：水利站；完成时限：6月底前。"


@pytest.mark.parametrize("span", ["2024—2025年", "2024-2025年", "2024～25年", "（2024—2025年）", "2024年至2025年"])
def test_a_plan_spanning_two_years_is_the_plan_of_its_first(span):
    plan = _unyeared(SPAN.format(span=span))
    (item,) = _items(plan)
    assert item.fields.deadline == datetime.date(2024, 6, 30)


def test_a_plan_of_one_year_keeps_that_year():
    plan = _unyeared(SPAN.format(span="2025年"))
    assert _items(plan)[0].fields.deadline == datetime.date(2025, 6, 30)


def test_a_plan_chosen_for_another_year_than_its_first_says_so():
    plan = parse(read_pasted(SPAN.format(span="2024—2025年")), 2025)
    assert any("标题写的是 2024 年" in warning.message for warning in plan.warnings)


# --- labels after a dash, parted by a bar; a quarter written Q3; channels counted in 路 ---------------


@pytest.mark.parametrize("dash", ["—— ", "——"])
def test_labels_after_a_dash_parted_by_bars_assign_the_item(dash):
    labels = "牵头：综治员｜配合：各组｜时限：2024年6月底前"
    plan = as_txt(f"某村2024年工作安排\n\n1．安装监控。新增探头不少于8路。{dash}{labels}")
    (item,) = _items(plan)
    assert item.fields.lead_units == ["综治员"] and item.fields.cooperating_units == ["各组"]
    assert item.fields.deadline == datetime.date(2024, 6, 30)
    assert item.content == ["新增探头不少于8路。"]
    assert [(found.value, found.unit, found.comparator) for found in item.indicators] == [(8, "路", "gte")]


def test_a_quarter_written_q_and_its_number_is_due_at_its_end():
    plan = as_txt("某村2024年工作安排\n\n1．修缮礼堂。完成时限：2024年Q2\n2．硬化道路。完成时限：Q4")
    assert [item.fields.deadline for item in _items(plan)] == [datetime.date(2024, 6, 30), datetime.date(2024, 12, 31)]


def test_a_q_inside_a_word_is_no_quarter():
    plan = as_txt("某村2024年工作安排\n\n1．升级QQ3群管理。责任单位：党群办")
    assert _items(plan)[0].fields.deadline is None
