"""The shapes the fifty-eighth held-out set (d484, d486, d488) showed the importer did not follow, in made-up
words, one section per cause: a count of what the work is done on, after 对, whose noun runs on past an aside
in brackets ("对全区64所学校（幼儿园）食堂开展检查") or into a work verb the importer did not know (检测);
the year as a span opening a later clause of a target in a 目标责任书 ("…，全年开展宣传活动不少于6次"),
which its 乙方 pledges for the book's year, where a plan of tasks reads no deadline from it."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from responsibility.importing.fields import find_indicators
from tests.responsibility.importing.made import leaves, readers

YEAR = 2026
TEXT_FORMS = readers(YEAR)


def counts(text: str) -> list[tuple[Decimal, str]]:
    return [(found.value, found.unit) for found in find_indicators(text, default_name="任务")]


# --- a count of what the work is done on --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("对全区64所学校（幼儿园）食堂开展食品安全检查。", Decimal(64), "所"),
        ("对全镇35个村（居）卫生室开展规范化建设。", Decimal(35), "个"),
        ("对辖区27座桥梁（涵洞）进行安全评估。", Decimal(27), "座"),
    ],
)
def test_an_aside_in_brackets_does_not_end_the_noun_of_the_things_worked_on(text, value, unit):
    assert counts(text) == [(value, unit)]


@pytest.mark.parametrize(
    "text",
    [
        "对全区64所学校（幼儿园）加强日常管理。",  # no work the importer knows follows the aside
        "全区64所学校（幼儿园）的负责人参加会议。",
        "安排12名律师（法律顾问）开展咨询。",  # who does the work, with or without the aside
    ],
)
def test_past_an_aside_a_count_that_names_no_work_stays_no_indicator(text):
    assert counts(text) == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("对全市38栋超高层建筑消防设施逐栋检测。", Decimal(38), "栋"),
        ("对全区120部电梯逐台检测，发现问题限期整改。", Decimal(120), "部"),
    ],
)
def test_testing_is_work_done_on_the_things_counted(text, value, unit):
    assert counts(text) == [(value, unit)]


@pytest.mark.parametrize(
    "text",
    [
        "对全区47处滑坡隐患点逐一落实监测责任人。",  # who watches them is named, nothing is done to them
        "对28项证明事项实行告知承诺。",
    ],
)
def test_a_count_after_dui_before_no_work_verb_stays_no_indicator(text):
    assert counts(text) == []


# --- the year as a span in a 目标责任书 ------------------------------------------------------------------

PLEDGE = """青河街道2026年度禁毒工作目标责任书

甲方：青河街道办事处
乙方：柳岸社区居民委员会

为做好禁毒工作，经甲乙双方协商，签订本责任书。

一、责任目标
1.辖区吸毒人员管控率达到100%，全年新增吸毒人员数量同比下降。
2.年内创建无毒社区。

二、工作任务
1.开展禁毒宣传。利用宣传栏开展宣传，全年开展宣传活动不少于6次。
2.落实社区戒毒。建立帮扶小组，年内帮扶对象全覆盖。
3.开展排查。每月开展一次排查，9月底前完成重点场所全覆盖检查。

三、考核奖惩
甲方于年底对乙方进行考核。
"""


@pytest.mark.parametrize("read", TEXT_FORMS, ids=["txt", "paste", "docx"])
def test_a_pledged_targets_year_in_a_later_clause_is_due_at_the_years_end(read):
    items = leaves(read(PLEDGE))
    assert [item.fields.responsible_units for item in items] == [["柳岸社区居民委员会"]] * 5
    year_end, september = datetime.date(2026, 12, 31), datetime.date(2026, 9, 30)
    assert [item.fields.deadline for item in items] == [year_end, year_end, year_end, year_end, september]


def test_the_same_year_in_a_later_clause_of_a_plans_task_gives_no_deadline():
    # The opposite fact: in a plan of tasks (no 乙方 pledges them) 全年 or 年内 after a task's title or a comma
    # is the span the work is counted over: d06, d41, d63, d77, d223 and d435 expect no deadline. (Its
    # 责任目标 is the plan's guidance there.)
    plan = PLEDGE.replace("禁毒工作目标责任书", "禁毒工作要点").replace("乙方：柳岸社区居民委员会\n", "")
    items = leaves(TEXT_FORMS[0](plan))
    assert [item.title for item in items] == ["开展禁毒宣传", "落实社区戒毒", "开展排查"]
    assert [item.fields.deadline for item in items] == [None, None, datetime.date(2026, 9, 30)]


def test_a_pledged_target_that_says_it_goes_on_all_year_is_not_due_at_its_end():
    # "全年持续…" goes on, pledged or not; a 全年 that is the clause's subject alone ("全年，") names no span.
    text = PLEDGE.replace("利用宣传栏开展宣传，全年开展宣传活动不少于6次", "利用宣传栏开展宣传，全年持续开展宣传")
    items = leaves(TEXT_FORMS[0](text))
    assert items[2].fields.deadline is None
