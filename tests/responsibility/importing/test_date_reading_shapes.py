"""The day a stage begins is read as a deadline's date is (``fields.DATE_RE``), Chinese numerals too: a stage
dated by its start alone in words ("（十月一日起）") ends the day before the next dated stage begins, as one in
figures does. In made-up words; each beside the near-miss it must leave alone: a start in a month alone is the
month's first day, where a deadline in a month alone is its last."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fields
from tests.responsibility.importing.made import readers
from tests.responsibility.importing.test_review5_shapes import deadlines

YEAR = 2027
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
FORMS = [as_txt, as_paste, as_docx]

TASKS = [
    "二、主要任务",
    "（一）摸清河道底数。对全乡沟渠逐条登记造册。",
    "责任单位：乡水利站；完成时限：调查登记阶段",
    "（二）清理河道淤积。组织机械清淤，拆除违建设施。",
    "责任单位：乡水利站；完成时限：清淤疏浚阶段",
    "（三）落实日常管护。聘请保洁员开展巡河保洁。",
    "责任单位：乡水利站；完成时限：常态管护阶段",
]


def ditch_plan(steps: list[str]) -> str:
    lines = ["某乡2027年沟渠清淤整治行动方案", "一、工作目标", "年内完成全乡沟渠清淤整治。"]
    return "\n".join([*lines, *TASKS, "三、实施步骤", *steps, "某乡人民政府", "2027年1月15日"])


WORDED = [
    "（一）调查登记阶段（二月一日至三月三十一日）。逐条摸排。",
    "（二）清淤疏浚阶段（四月起）。分片组织清淤。",
    "（三）常态管护阶段（十一月一日起）。建立巡河制度。",
]


@pytest.mark.parametrize("form", FORMS)
def test_a_stage_dated_by_its_start_in_chinese_numerals_runs_to_the_day_before_the_next_begins(form):
    assert deadlines(form(ditch_plan(WORDED))) == [D(YEAR, 3, 31), D(YEAR, 10, 31), None]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_start_in_chinese_numerals_before_one_in_figures_and_the_reverse(form):
    steps = [WORDED[0], "（二）清淤疏浚阶段（2027年4月起）。分片组织清淤。", WORDED[2]]
    assert deadlines(form(ditch_plan(steps))) == [D(YEAR, 3, 31), D(YEAR, 10, 31), None]
    steps = [WORDED[0], WORDED[1], "（三）常态管护阶段（2027年11月1日起）。建立巡河制度。"]
    assert deadlines(form(ditch_plan(steps))) == [D(YEAR, 3, 31), D(YEAR, 10, 31), None]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_start_in_a_worded_month_alone_is_its_first_day_not_its_last(form):
    # "十一月起" begins on 11月1日: the stage before ends on 10月31日, not on the day before 11月30日.
    steps = [*WORDED[:2], "（三）常态管护阶段（十一月起）。建立巡河制度。"]
    assert deadlines(form(ditch_plan(steps))) == [D(YEAR, 3, 31), D(YEAR, 10, 31), None]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_a_start_in_figures_keeps_its_reading_a_month_alone_its_first_day(form):
    steps = [
        "（一）调查登记阶段（2月1日至3月31日）。逐条摸排。",
        "（二）清淤疏浚阶段（4月起）。分片组织清淤。",
        "（三）常态管护阶段（11月起）。建立巡河制度。",
    ]
    assert deadlines(form(ditch_plan(steps))) == [D(YEAR, 3, 31), D(YEAR, 10, 31), None]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_a_worded_start_before_an_undated_stage_has_no_end(form):
    steps = [*WORDED[:2], "（三）常态管护阶段。建立巡河制度。"]
    assert deadlines(form(ditch_plan(steps))) == [D(YEAR, 3, 31), None, None]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_a_worded_month_as_a_deadline_is_its_last_day(form):
    steps = [
        *WORDED[:1],
        "（二）清淤疏浚阶段（四月至十月）。分片组织清淤。",
        "（三）常态管护阶段（十二月底前）。巡河。",
    ]
    assert deadlines(form(ditch_plan(steps))) == [D(YEAR, 3, 31), D(YEAR, 10, 31), D(YEAR, 12, 31)]


def test_a_year_label_is_read_alike_by_the_parser_and_by_find_dates():
    # A guard of the refactor, passing before it too: "2028年：" opens a year's stage line for the parser and is
    # a date for find_dates (one pattern, ``fields.YEAR_LABEL``); a year inside a sentence is neither.
    from responsibility.importing import parse

    assert parse.DATED_LEAD_RE.match("2028年：建成运行").group("whole_year")
    assert fields.find_dates("2028年：建成运行", YEAR) == [D(2028, 12, 31)]
    assert not parse.DATED_LEAD_RE.match("较2026年增长3%")
    assert fields.find_dates("较2026年：增长3%", YEAR) == []
