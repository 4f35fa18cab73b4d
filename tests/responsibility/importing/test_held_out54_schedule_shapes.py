"""The shapes the fifty-fourth held-out set's d455 showed the importer did not follow, in made-up words: a
month schedule under a heading ("三、月份工作安排" over "1月：召开…；开展…。"), each task due by its month's end,
and a count of lessons ("评选优秀课例50节") as a target. (d454's category row cut by a PDF's page is tested
in test_pdf.py, beside the other rows a page cuts.)"""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.fields import find_indicators
from responsibility.importing.parse import MD_BULLET_RE
from tests.responsibility.importing.made import md_reader, readers

YEAR = 2027
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx, as_md]


def part(plan, title: str):
    """The entry of the plan's top level named ``title``, or None."""
    return next((root for root in plan.roots if root.title == title), None)


def guidance_titles(plan) -> list[str]:
    return [section.node.title for section in plan.guidance]


# --- a month schedule under a heading --------------------------------------------------------------

SCHEDULED = [
    "青山区教育局2027年工作计划",
    "一、重点工作",
    "1.加快学校建设。新增学位3600个。（责任科室：规划建设科；完成时间：2027年8月底前）",
    "二、月份工作安排",
    "- 1月：召开全区教育工作会议，部署全年重点工作；开展春季开学安全大检查。",
    "- 3月上旬：组织教师招聘笔试。",
    "- 7—8月：做好秋季开学准备（责任科室：基础教育科；配合科室：督导室）。",
    "- 12月：开展年度目标考核。",
    "青山区教育局",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_month_schedule_under_a_heading_is_its_tasks_each_due_by_its_months_end(form):
    plan = form("\n".join(SCHEDULED))
    schedule = part(plan, "月份工作安排")
    assert schedule is not None
    assert [(child.title, child.fields.deadline) for child in schedule.children] == [
        ("召开全区教育工作会议，部署全年重点工作", D(YEAR, 1, 31)),
        ("开展春季开学安全大检查", D(YEAR, 1, 31)),
        ("组织教师招聘笔试", D(YEAR, 3, 10)),
        ("做好秋季开学准备", D(YEAR, 8, 31)),
        ("开展年度目标考核", D(YEAR, 12, 31)),
    ]
    # A line whose bracket names its units stays one task: the units are all of its clauses'.
    assert schedule.children[3].fields.responsible_units == ["基础教育科"]


def test_a_month_schedules_dashes_a_pdf_ran_into_their_months_are_list_marks():
    # A PDF's text drops the space after Markdown's dash: "-1月：…" is "- 1月：…".
    lines = [line.replace("- ", "-") for line in SCHEDULED]
    schedule = part(as_paste("\n".join(lines)), "月份工作安排")
    assert [child.fields.deadline for child in schedule.children] == [
        D(YEAR, 1, 31),
        D(YEAR, 1, 31),
        D(YEAR, 3, 10),
        D(YEAR, 8, 31),
        D(YEAR, 12, 31),
    ]


def test_a_dash_before_a_number_that_is_no_month_is_no_list_mark():
    for text in ("-3%以内", "-2.5", "-10个百分点", "-3"):
        assert MD_BULLET_RE.match(text) is None
    for text in ("-3月：开展…", "-12月：开展…", "-开展…"):
        assert MD_BULLET_RE.match(text) is not None


RECORDED = [
    "青山区教育局2026年工作总结",
    "一、主要工作",
    "1.加快学校建设。新增学位3600个。",
    "二、全年大事记",
    "1月：召开了全区教育工作会议，部署全年重点工作。",
    "3月：已完成春季开学安全大检查。",
    "三、下步打算",
    "1.推进学前教育普惠发展。",
    "3月：召开全区教育工作会议，部署重点工作。",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_months_of_work_done_or_a_month_inside_an_items_text_are_no_tasks(form):
    plan = form("\n".join(RECORDED))
    # A 大事记 tells what each month saw done: a part of prose, no tasks.
    assert part(plan, "全年大事记") is None
    assert "全年大事记" in guidance_titles(plan)
    # A month's line after an item's own sentence is that item's text.
    plans = part(plan, "下步打算")
    assert [child.title for child in plans.children] == ["推进学前教育普惠发展"]
    assert plans.children[0].content == ["3月：召开全区教育工作会议，部署重点工作。"]
    assert plans.children[0].fields.deadline is None


# --- lessons counted -------------------------------------------------------------------------------


def test_lessons_counted_after_a_target_verb_are_a_target():
    found = [(str(found.value), found.unit) for found in find_indicators("开展教学视导不少于2轮，评选优秀课例50节。")]
    assert found == [("2", "轮"), ("50", "节")]


def test_a_festival_or_a_lesson_named_without_a_count_is_no_target():
    assert find_indicators("春节期间开展慰问，节约用电，组织第3节公开课。") == []
