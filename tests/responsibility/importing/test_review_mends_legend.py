"""The wrong readings a review of the session's merged importer found, in made-up words, one section per
finding, each beside the shape its rule was made for, still read."""

from __future__ import annotations

import datetime

from tests.responsibility.importing.made import readers
from tests.responsibility.importing.test_held_out50_shapes import held

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)


# --- a tail that a legend names, its gaps lost on a numbered line -----------------------------------

SPRING = ["2025年春耕工作安排", "每项任务后依次列出责任部门和完成时间。"]


def test_a_numbered_line_with_its_tail_run_into_the_task_keeps_its_item():
    lines = [
        *SPRING,
        "1.开展春耕备耕督导检查县农业农村局3月20日前",
        "2.加强河道巡查  县水利局  6月15日",
        "3.组织农机具检修县农机中心4月10日前",
    ]
    plan = as_paste("\n".join(lines))
    assert [item.number for item in plan.leaves()] == ["1.", "2.", "3."]
    given = held(plan)
    assert [given[n].responsible_units for n in ("1.", "2.", "3.")] == [[], ["县水利局"], []]
    assert [given[n].deadline for n in ("1.", "2.", "3.")] == [D(2025, 3, 20), D(2025, 6, 15), D(2025, 4, 10)]
    assert plan.leaves()[2].title == "组织农机具检修县农机中心4月10日前"


def test_a_tail_after_the_sentence_or_on_the_line_under_it_is_still_read_with_its_gaps_lost():
    # The opposite fact: where a sentence's end or a line of its own sets the tail apart, it is the two parts.
    lines = [*SPRING, "1.开展春耕备耕督导检查。县农业农村局3月20日前", "2.组织农机具检修。", "县农机中心4月10日前"]
    given = held(as_txt("\n".join(lines)))
    assert [given[n].responsible_units for n in ("1.", "2.")] == [["县农业农村局"], ["县农机中心"]]
    assert [given[n].deadline for n in ("1.", "2.")] == [D(2025, 3, 20), D(2025, 4, 10)]


# --- a capital numeral that opens no run at 壹 -------------------------------------------------------

WRAPPED = [
    "关于2025年重点工作的通知",
    "一、加强干部队伍建设",
    "1.县委组织部牵头，加强干部队伍建设，优化领导班子结构，配强乡镇干部队",
    "伍、人才队伍建设不断加强，6月底前完成。",
    "2.县人社局负责，开展技能培训，9月底前完成。",
]


def test_a_line_wrapped_inside_duiwu_with_a_dun_comma_is_no_heading():
    plan = as_txt("\n".join(WRAPPED))
    assert [(root.number, [child.number for child in root.children]) for root in plan.roots] == [
        ("一、", ["1.", "2."]),
    ]  # fmt: skip
    assert "人才队伍建设不断加强" in plan.leaves()[0].title
    assert held(plan)["1."].deadline == D(2025, 6, 30)


def test_a_list_of_armed_services_is_no_sixth_part():
    lines = ["青溪区2025年国防教育工作要点", "一、重点工作", "1.组织国防知识宣讲。", "陆、海、空联合演练观摩活动。"]
    plan = as_txt("\n".join(lines))
    assert [item.number for item in plan.leaves()] == ["1."]
    assert plan.leaves()[0].content == ["陆、海、空联合演练观摩活动。"]


def test_parts_in_capital_numerals_from_yi_are_still_headings():
    # The opposite fact: a run that starts at 壹 numbers the parts, and 伍 goes on from 肆.
    parts = ["壹、总体目标", "贰、重点任务", "叁、保障措施", "肆、督查考核", "伍、工作要求"]
    lines = ["工作方案"]
    for number, part in enumerate(parts, start=1):
        lines += [part, f"一、县发改局牵头，推进第{number}项工作，12月底前完成。"]
    plan = as_txt("\n".join(lines))
    assert [root.number for root in plan.roots] == ["壹、", "贰、", "叁、", "肆、", "伍、"]
