"""The shapes of the fifty-ninth held-out set (d491, d496) the importer did not follow, in made-up words, one
section per cause: a task label at the start of an item's line (“1.【交办事项】…【承办单位】…【办结时限】…”,
“2.工作任务：…”), which names what follows and is no word of its title; a label in square brackets cut by a
line break (“…各街道【办结时” / “限】…”), one line still; a period in days written 日 after a comparator
(“征求意见不少于30日”), a target as one in 天 is; a cloud's capacity counted in cores (“新增计算资源2000核”)."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.fields import find_indicators, open_assignment
from tests.responsibility.importing.made import readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


def figures(text: str) -> list[tuple]:
    return [(indicator.comparator, indicator.value, indicator.unit) for indicator in find_indicators(text, "任务")]


# --- a task label at the start of an item's line ---------------------------------------------------------

BRACKETED = [
    "青山县人民政府第7次常务会议交办事项清单",
    "一、关于研究全县冬季供暖保障的议题",
    "1.【交办事项】制定供暖应急预案，组织一次应急演练。【承办单位】县住建局（牵头），县应急局【办结时限】2025年10月31日前",
    "2.【督办事项】排查老旧供热管网，完成改造12公里。【承办单位】县热力公司【办结时限】2025年11月15日前",
    "3.【工作任务】做好困难群众取暖补贴发放。【承办单位】县民政局【办结时限】2025年12月20日前",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_task_label_in_square_brackets_opening_an_item_is_no_word_of_its_title(form):
    leaves = form("\n".join(BRACKETED)).leaves()
    assert [leaf.title for leaf in leaves] == [
        "制定供暖应急预案，组织一次应急演练",
        "排查老旧供热管网，完成改造12公里",
        "做好困难群众取暖补贴发放",
    ]
    assert leaves[0].fields.lead_units == ["县住建局"] and leaves[0].fields.responsible_units == ["县应急局"]
    assert [leaf.fields.deadline for leaf in leaves] == [D(2025, 10, 31), D(2025, 11, 15), D(2025, 12, 20)]
    assert [(i.value, i.unit) for i in leaves[1].indicators] == [(12, "公里")]


def test_words_in_square_brackets_that_name_no_task_stay_in_the_title():
    # The opposite: a 专项 named in brackets is the task's own words, not its label.
    text = "\n".join(
        [
            "青山县冬季供暖保障任务清单",
            "一、管网改造",
            "1.【暖冬行动】排查老旧供热管网。【承办单位】县热力公司【办结时限】2025年11月15日前",
        ]
    )
    assert [leaf.title for leaf in as_paste(text).leaves()] == ["【暖冬行动】排查老旧供热管网"]


COLONED = [
    "青山县冬季供暖保障任务清单",
    "一、管网改造",
    "1.工作任务：排查老旧供热管网，完成改造12公里。责任单位：县热力公司；完成时限：2025年11月15日前",
    "2.交办事项：制定供暖应急预案。责任单位：县住建局；完成时限：2025年10月31日前",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_task_label_before_a_colon_opening_an_item_is_no_word_of_its_title(form):
    leaves = form("\n".join(COLONED)).leaves()
    assert [leaf.title for leaf in leaves] == ["排查老旧供热管网，完成改造12公里", "制定供暖应急预案"]
    assert [leaf.fields.responsible_units for leaf in leaves] == [["县热力公司"], ["县住建局"]]


def test_a_heading_named_by_a_task_label_and_a_colon_keeps_its_whole_name():
    # The opposite: "（一）重点任务：…" over items names its part; the label is its words.
    text = "\n".join(
        [
            "青山县冬季供暖保障工作方案",
            "一、重点任务：聚焦管网和热源",
            "1.排查老旧供热管网。责任单位：县热力公司；完成时限：2025年11月15日前",
        ]
    )
    plan = as_paste(text)
    assert [root.title for root in plan.roots] == ["重点任务：聚焦管网和热源"]
    assert [leaf.title for leaf in plan.leaves()] == ["排查老旧供热管网"]


def test_a_colon_after_other_words_at_the_start_of_an_item_stays_in_its_title():
    # The opposite: "目标：" is no task's label; the item says it in its own words.
    text = "\n".join(["青山县冬季供暖保障任务清单", "一、管网改造", "1.目标：完成改造12公里。责任单位：县热力公司"])
    assert as_paste(text).leaves()[0].title.startswith("目标：")


# --- a label in square brackets cut by a line break ------------------------------------------------------


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_square_label_cut_by_a_line_break_is_read_whole_and_gives_nothing_to_the_units(form):
    text = "\n".join(
        [
            "青山县人民政府第7次常务会议交办事项清单",
            "一、关于研究全县冬季供暖保障的议题",
            "1.【交办事项】制定供暖应急预案。【承办单位】县住建局（牵头），县应急局、各乡镇【办结时",
            "限】2025年10月31日前",
            "2.【交办事项】排查老旧供热管网。【承办单位】县热力公司【办结时限】",
            "2025年11月15日前",
        ]
    )
    leaves = form(text).leaves()
    assert leaves[0].fields.responsible_units == ["县应急局", "各乡镇"]
    assert [leaf.fields.deadline for leaf in leaves] == [D(2025, 10, 31), D(2025, 11, 15)]
    assert [leaf.content for leaf in leaves] == [[], []]


def test_a_line_that_ends_its_last_label_s_value_does_not_take_the_next_line():
    assert open_assignment("1.制定预案。【承办单位】县住建局【办结时", "限】2025年10月31日前")
    assert open_assignment("1.制定预案。【承办单位】县住建局【办结时限】", "2025年10月31日前")
    # The opposites: the value is written out; brackets that hold no label are the task's words.
    assert not open_assignment("1.制定预案。【承办单位】县住建局【办结时限】2025年10月31日前", "【备注】按月报送进展")
    assert not open_assignment("1.开展【暖冬", "行动】排查老旧供热管网。")


# --- days written 日 after a comparator ------------------------------------------------------------------


def test_a_period_in_days_written_ri_after_a_comparator_is_a_target():
    assert figures("向社会公开征求意见不少于30日") == [("gte", 30, "日")]
    assert figures("企业开办时间压缩至2日") == [("lte", 2, "日")]


def test_a_date_s_day_or_a_case_s_age_in_ri_is_no_target():
    # The opposites: a date ("11月30日"), a day of each month, what is counted after the days.
    assert figures("2025年11月30日前完成") == []
    assert figures("每月5日前报送进展") == []
    assert figures("清理超过30日未办结的事项") == []
    assert figures("2025年6月30日，完成改造15个小区") == [("gte", 15, "个")]


# --- a cloud's capacity in cores ------------------------------------------------------------------------


def test_cores_counted_with_he_are_a_target():
    assert figures("新增计算资源2000核") == [("gte", 2000, "核")]
    assert figures("政务云算力达到5000核以上，") == [("gte", 5000, "核")]


def test_words_that_begin_with_he_after_a_number_count_no_cores():
    # The opposites: 核心, 核查, 核实 after a number; cores that describe a server counted in 台.
    assert figures("建设3核心区") == []
    assert figures("完成5核实工作") == []
    assert figures("开展2次核查") == [("gte", 2, "次")]
    assert [unit for _cmp, _value, unit in figures("新增8核16G云主机20台")] == ["台"]
