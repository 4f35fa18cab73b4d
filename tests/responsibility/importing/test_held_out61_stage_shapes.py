"""The shape of the sixty-first held-out set (d513) the importer did not follow, in made-up words: a plan that
dates the named stages of its work (阶段 or 环节, in its 实施步骤 or 时间安排: a heading "（二）集中整治阶段
（2026年4月1日至8月31日）", a line "集中整治阶段：2026年4月1日至8月31日", or months alone, "（2026年10月—11月）")
gives the items that name one as their deadline ("完成时限：集中整治阶段", "动员部署阶段结束前", or a sentence
"…，集中整治阶段结束前完成整改") that stage's last day, whether the stages are dated after the items or before
them. A stage the plan never dates names no day; a stage named as the time the work is set in ("在集中整治阶段，
要…") is no deadline, and an item's own date wins over it."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import readers, table_readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
FORMS = table_readers(YEAR)

TASKS = [
    "二、重点任务",
    "（一）开展隐患排查。对辖区32家企业开展全覆盖排查，建立隐患台账。",
    "责任单位：镇安监办；完成时限：摸底排查阶段",
    "（二）推进隐患整改。督促企业落实整改措施，做到闭环管理。",
    "牵头单位：镇安监办；配合单位：镇市场监管所；完成时限：集中攻坚阶段",
    "（三）建立长效机制。修订完善企业安全检查制度。",
    "责任单位：镇安监办；完成时限：总结提升阶段结束前",
]
STEPS_IN_BRACKETS = [
    "三、实施步骤",
    "（一）摸底排查阶段（2026年5月1日至5月31日）。各村制定工作方案，开展自查。",
    "（二）集中攻坚阶段（2026年6月1日至9月30日）。集中力量推进整改。",
    "（三）总结提升阶段（2026年10月—11月）。开展“回头看”，总结经验做法。",
]
STEPS_ON_LINES = [
    "二、时间安排",
    "摸底排查阶段：2026年5月1日—31日。",
    "集中攻坚阶段：2026年6月1日至9月30日。",
    "总结提升阶段：2026年10月至11月。",
]
DUE = [D(2026, 5, 31), D(2026, 9, 30), D(2026, 11, 30)]


def plan(*parts: list[str]) -> str:
    return "\n".join(
        ["某镇2026年安全生产隐患排查整治专项行动方案", "一、工作目标", "全面排查整治各类安全隐患。"]
        + [line for part in parts for line in part]
        + ["某镇人民政府", "2026年4月20日"]
    )


def deadlines(plan) -> list[datetime.date | None]:
    return [item.fields.deadline for item in plan.leaves()]


@pytest.mark.parametrize("form", [as_txt, as_paste, as_docx])
def test_a_stage_named_as_the_deadline_is_due_at_the_end_the_later_steps_give_it(form):
    assert deadlines(form(plan(TASKS, STEPS_IN_BRACKETS))) == DUE


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_stage_named_as_the_deadline_is_due_at_the_end_the_earlier_lines_give_it(form):
    steps = [line.replace("二、", "三、") for line in STEPS_ON_LINES]
    tasks = [line.replace("二、", "四、") for line in TASKS]
    assert deadlines(form(plan(steps, tasks))) == DUE


@pytest.mark.parametrize("mark", ["➤", "〔1〕", "1>"])
def test_a_stage_after_a_mark_of_no_fixed_style_is_dated_too(mark):
    steps = [STEPS_IN_BRACKETS[0], *(mark + line.split("）", 1)[1] for line in STEPS_IN_BRACKETS[1:])]
    assert deadlines(as_txt(plan(TASKS, steps))) == DUE


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_stage_the_plan_never_dates_names_no_day(form):
    # The opposite: 实施步骤 names its stages without their dates, so no stage ends on a known day.
    steps = [STEPS_IN_BRACKETS[0], "（一）摸底排查阶段。各村开展自查。", "（二）集中攻坚阶段。集中力量推进整改。"]
    assert deadlines(form(plan(TASKS, steps))) == [None, None, None]


def sentence_tasks(second: str) -> list[str]:
    return [
        "二、重点任务",
        "1.推进隐患整改。督促企业落实整改措施，集中攻坚阶段结束前完成全部整改，责任单位：镇安监办。",
        f"2.{second}责任单位：镇市场监管所。",
    ]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_sentence_that_finishes_the_work_by_a_stages_end_is_due_then(form):
    tasks = sentence_tasks("开展食品安全检查。于摸底排查阶段完成辖区餐饮单位检查。")
    assert deadlines(form(plan(tasks, STEPS_IN_BRACKETS))) == [D(2026, 9, 30), D(2026, 5, 31)]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_stage_the_work_is_set_in_is_no_deadline_and_an_own_date_wins(form):
    # The opposites: "在集中攻坚阶段，要…" says when the work is done, not by when; "…阶段前" is before the stage
    # begins; an item's own "7月底前" is its deadline whatever stage its prose names.
    second = "开展燃气安全检查。在集中攻坚阶段，要组织专班逐户检查，7月底前完成。"
    items = form(plan(sentence_tasks(second), STEPS_IN_BRACKETS)).leaves()
    assert [item.fields.deadline for item in items] == [D(2026, 9, 30), D(2026, 7, 31)]
    prose = ["二、重点任务", "1.开展燃气安全检查。在集中攻坚阶段，要组织专班逐户检查，责任单位：镇安监办。"]
    before = ["2.完成排查方案。集中攻坚阶段前制定排查方案，责任单位：镇安监办。"]
    items = form(plan(prose + before, STEPS_IN_BRACKETS)).leaves()
    assert [item.fields.deadline for item in items] == [None, None]


def test_a_table_whose_due_column_names_a_stage_is_due_at_its_end():
    rows = [
        ["某镇2026年安全生产隐患排查整治专项行动任务表", "", ""],
        ["注：摸底排查阶段（2026年5月1日至5月31日），集中攻坚阶段（2026年6月1日至9月30日）。", "", ""],
        ["工作任务", "责任单位", "完成时限"],
        ["开展隐患排查，建立隐患台账。", "镇安监办", "摸底排查阶段"],
        ["推进隐患整改，做到闭环管理。", "镇市场监管所", "集中攻坚阶段"],
        ["开展专项督查。", "镇纪委", "验收阶段"],
    ]
    items = FORMS["xlsx"](rows).leaves()
    assert [item.fields.deadline for item in items] == [D(2026, 5, 31), D(2026, 9, 30), None]
