"""The shapes the fifty-third held-out set (d443–d450) and the fifty-first's d432 showed the importer did not
follow, in made-up words: fields given elsewhere, to items a later line names, by their titles in quotes
("“清理河道垃圾”：由X牵头，Y配合，6月底前完成", one line for two tasks) or by their numbers in a schedule
("（一）2025年6月30日前：完成第1、3项任务")."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import readers

YEAR = 2025
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


def tasks(plan) -> dict[str, object]:
    """Each item with no entries under it, by its title."""
    found = {}
    stack = list(plan.roots)
    while stack:
        node = stack.pop()
        if not node.children:
            found[node.title] = node
        stack.extend(node.children)
    return found


# --- a 责任分工 section keyed by the tasks' titles in quotes ---------------------------------------------

TITLED = [
    "青溪区2025年河道管护提升方案",
    "一、总体要求",
    "坚持问题导向，全面提升河道管护水平。",
    "二、主要任务",
    "（一）河道清理",
    "1.清理河道垃圾。对全区12条河道开展集中清理。",
    "2.拆除沿河违建。全面排查沿河违法建筑。",
    "（二）长效管护",
    "3.建立巡查台账。每周巡查一次。",
    "三、责任分工",
    "“建立巡查台账”：由区河长办负责，长期坚持。",
    "“清理河道垃圾”“拆除沿河违建”两项：由区水务局牵头，各街道负责，区城管局配合，2025年6月底前完成。",
    "四、保障措施",
    "各单位要加强组织领导。",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_section_naming_tasks_by_their_quoted_titles_gives_them_their_fields(form):
    plan = form("\n".join(TITLED))
    given = tasks(plan)
    assert sorted(given) == ["建立巡查台账", "拆除沿河违建", "清理河道垃圾"]
    for title in ("清理河道垃圾", "拆除沿河违建"):
        fields = given[title].fields
        assert (fields.lead_units, fields.responsible_units, fields.cooperating_units) == (
            ["区水务局"], ["各街道"], ["区城管局"],
        )  # fmt: skip
        assert fields.deadline == D(2025, 6, 30)
    assert given["建立巡查台账"].fields.responsible_units == ["区河长办"]
    assert given["建立巡查台账"].fields.ongoing
    assert [section.node.title for section in plan.guidance] == ["总体要求", "保障措施"]


def test_a_quoted_title_that_is_no_tasks_changes_nothing():
    # The opposite fact: "“清洁家园”" opens no task's text, so no task takes the line's fields and the line
    # stays the 责任分工 section's own, as before.
    lines = [*TITLED[:10], "“清洁家园”：由区水务局牵头，各街道负责，2025年6月底前完成。", *TITLED[12:]]
    given = tasks(as_txt("\n".join(lines)))
    assert sorted(given) == ["建立巡查台账", "拆除沿河违建", "清理河道垃圾", "责任分工"]
    assert all(not given[title].fields.lead_units for title in ("清理河道垃圾", "拆除沿河违建", "建立巡查台账"))


def test_a_division_section_that_names_no_task_is_read_as_before():
    # The opposite fact: 责任分工 prose that names no task stays guidance, as it was.
    lines = [*TITLED[:10], "各街道对辖区河道管护负总责，区水务局负责统筹协调。", *TITLED[12:]]
    plan = as_txt("\n".join(lines))
    assert [section.node.title for section in plan.guidance] == ["总体要求", "责任分工", "保障措施"]
    given = tasks(plan)
    assert all(not given[title].fields.responsible_units for title in ("清理河道垃圾", "拆除沿河违建"))


# --- a schedule that names the items by number --------------------------------------------------------

SCHEDULED = [
    "青溪镇2025年人居环境整治方案",
    "一、主要任务",
    "（一）厕所革命",
    "1.完成户厕改造。改造户厕200户。责任单位：镇农业服务中心。",
    "2.加强公厕管护。责任单位：镇村建办。",
    "（二）垃圾治理",
    "3.完善收运体系。责任单位：镇环卫所。",
    "4.开展清洁行动。责任单位：各村。",
    "二、进度安排",
    "（一）2025年6月30日前：完成第1、3项任务。",
    "（二）2025年10月31日前：完成第2项任务。",
    "第4项清洁行动作为常态化工作长期坚持。",
    "三、保障措施",
    "各村要加强组织领导。",
]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_schedules_lines_give_the_items_they_name_by_number_their_deadlines(form):
    plan = form("\n".join(SCHEDULED))
    given = tasks(plan)
    assert [given[title].fields.deadline for title in ("完成户厕改造", "加强公厕管护", "完善收运体系")] == [
        D(2025, 6, 30), D(2025, 10, 31), D(2025, 6, 30),
    ]  # fmt: skip
    assert given["开展清洁行动"].fields.ongoing
    assert given["完成户厕改造"].fields.responsible_units == ["镇农业服务中心"]
    # The schedule stays where it stands, to be read as guidance.
    assert [section.node.title for section in plan.guidance] == ["进度安排", "保障措施"]


def test_a_schedule_line_naming_a_number_no_item_has_gives_nothing():
    # The opposite fact: "第9项" is no item's number, so the line gives no deadline, as before.
    lines = [*SCHEDULED[:9], "（一）2025年6月30日前：完成第1、9项任务。", *SCHEDULED[12:]]
    given = tasks(as_txt("\n".join(lines)))
    assert given["完成户厕改造"].fields.deadline is None
