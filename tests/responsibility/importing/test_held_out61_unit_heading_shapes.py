"""The shape of the sixty-first held-out set (d508) the importer did not follow, in made-up words: a 责任清单 laid
out units first, each numbered heading a unit's name ("一、镇应急管理办公室", "三、各村（社区）") over a line of its
分管领导 and 责任人 (persons) and the unit's tasks, which name only who helps and when. The heading's unit is
responsible for each task under it that names no responsible or lead unit of its own. Topics as headings
("一、安全生产", "二、社会治理中心建设", "老旧小区"), a unit's heading among topics, tasks that name their own units
and headings that name persons give none."""

from __future__ import annotations

import pytest

from tests.responsibility.importing.made import readers

YEAR = 2025
as_txt, as_paste, as_docx = readers(YEAR)
FORMS = [as_txt, as_paste, as_docx]

TASKS = [
    [
        "1.开展汛前隐患排查。对辖区山塘水库开展全覆盖检查。（配合单位：镇水利站；完成时限：2025年5月底前）",
        "2.组织应急演练。全年开展综合应急演练不少于2次。（完成时限：2025年11月底前）",
    ],
    [
        "1.整治占道经营。集镇主干道占道经营问题动态清零。（完成时限：长期坚持）",
        "2.清理违规广告牌。拆除违规户外广告牌30块。（配合单位：镇规划建设办；完成时限：2025年8月底前）",
    ],
    [
        "1.落实网格巡查。每月巡查不少于4次。（完成时限：长期坚持）",
        "2.建立隐患台账。做到一户一档。（完成时限：2025年6月底前）",
    ],
]


def plan(headings: list[str], tasks: list[list[str]] = TASKS, leader_lines: bool = True) -> str:
    lines = ["青石镇2025年安全生产工作责任清单", "为压实安全生产责任，现将各项任务分解到各责任单位，形成本清单。"]
    for number, heading, under in zip("一二三", headings, tasks, strict=True):
        lines.append(f"{number}、{heading}")
        if leader_lines:
            lines.append("分管领导：周平　责任人：钱一鸣")
        lines.extend(under)
    return "\n".join(lines)


def responsible(parsed) -> list[list[str]]:
    return [item.fields.responsible_units for item in parsed.leaves()]


UNITS = ["镇应急管理办公室", "镇综合执法队", "各村（社区）"]


@pytest.mark.parametrize("form", FORMS)
def test_a_units_name_as_heading_is_responsible_for_its_tasks(form):
    parsed = form(plan(UNITS))
    assert responsible(parsed) == [[UNITS[0]]] * 2 + [[UNITS[1]]] * 2 + [[UNITS[2]]] * 2
    # The 分管领导 / 责任人 line names persons: no unit of the tasks.
    assert parsed.leaves()[0].fields.cooperating_units == ["镇水利站"]
    assert all("周平" not in units and "钱一鸣" not in units for units in responsible(parsed))


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_units_name_as_heading_without_a_leaders_line_is_responsible_too(form):
    assert responsible(form(plan(UNITS, leader_lines=False)))[::2] == [[name] for name in UNITS]


@pytest.mark.parametrize("form", FORMS)
def test_topics_as_headings_give_their_tasks_no_unit(form):
    # The opposite: a topic, though one ends as a unit's name does (…中心建设, 老旧小区 ends in 区).
    for headings in (["安全生产", "社会治理中心建设", "老旧小区"], ["美丽乡村", "基层党组织", "第一网格（桂园小区）"]):
        assert responsible(form(plan(headings))) == [[]] * 6


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_units_name_among_topics_gives_no_unit(form):
    # The opposite: one heading a unit's name beside topics is a part on that unit's work, not a list by unit.
    assert responsible(form(plan(["综治中心", "安全生产", "中心工作"]))) == [[]] * 6


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_a_task_that_names_its_own_units_keeps_them_under_a_units_heading(form):
    # The opposite: under a unit's heading a task names who answers for it; it keeps that, a lead alone too.
    tasks = [list(under) for under in TASKS]
    tasks[0][0] = "1.开展汛前隐患排查。（责任单位：镇水利站；完成时限：2025年5月底前）"
    tasks[1][1] = "2.清理违规广告牌。（牵头单位：镇规划建设办；完成时限：2025年8月底前）"
    items = form(plan(UNITS, tasks)).leaves()
    assert [item.fields.responsible_units for item in items] == [
        ["镇水利站"],
        [UNITS[0]],
        [UNITS[1]],
        [],
        [UNITS[2]],
        [UNITS[2]],
    ]
    assert items[3].fields.lead_units == ["镇规划建设办"]


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_headings_that_name_persons_give_no_unit(form):
    # The opposite: a list by leader, each heading a post and a person: no unit answers for the tasks.
    parsed = form(plan(["副镇长周平", "副镇长钱一鸣", "副镇长孙立"], leader_lines=False))
    assert responsible(parsed) == [[]] * 6


@pytest.mark.parametrize("form", FORMS)
def test_units_stated_above_the_body_answer_before_the_headings(form):
    # The opposite: a plan that states its unit above its body ("牵头单位：镇应急管理办公室") names who answers; its
    # headings (here the places or bodies the work is done at) give no unit over it (a review of the fourth
    # session's merge: the headings' rule ran first and took the stated lead away).
    text = plan(UNITS).replace("形成本清单。", "形成本清单。\n牵头单位：镇应急管理办公室", 1)
    parsed = form(text)
    assert responsible(parsed) == [[]] * 6
    leads = [item.fields.lead_units for item in parsed.leaves()]
    assert leads == [[], ["镇应急管理办公室"], ["镇应急管理办公室"], [], ["镇应急管理办公室"], ["镇应急管理办公室"]]
