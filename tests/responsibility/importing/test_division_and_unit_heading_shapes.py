"""Two findings of the review of the fifth session's merge (points 3 and 4), in made-up words, each beside the
near-miss that keeps its reading: a 任务分工 paragraph naming the top-level headings by number ("第一项由X牵头，…；
第二项由Y牵头，…", each heading over its own tasks) gives each heading, and so its tasks, its units, and "第N项由X" is
never a unit's name; a unit's line names tasks only, never a heading over them, and is read with no colon
("X牵头第1、3项；负责第2项") or with the numbers first ("第1、2项：X牵头"); headings that are organs' names and no
place's ("一、区交通运输局", "二、区城市管理局") give their tasks their units though the plan's title does not say it
lists duties by unit."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fields
from responsibility.importing.document import Fields
from tests.responsibility.importing.made import leaves, readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
FORMS = [as_txt, as_paste, as_docx]


def inherited(plan) -> list[Fields]:
    """Each task's fields as the list is built: what its headings give where it names none (``build``)."""
    found = []

    def walk(nodes, above: Fields) -> None:
        for node in nodes:
            below = node.fields.below(above)
            if node.children:
                walk(node.children, below)
            else:
                found.append(below)

    walk(plan.roots, Fields())
    return found


def all_units(plan) -> list[str]:
    names = []
    for node, _depth in plan.walk():
        for name in fields.UNIT_ATTRIBUTES:
            names.extend(getattr(node.fields, name))
    return names


# --- a division paragraph naming top-level headings by number ----------------------------------------------

HEADED = [
    "柳岸区2026年园林绿化提升实施方案",
    "为提升城区绿化水平，制定本方案。",
    "一、公园建设",
    "（一）新建口袋公园8个。",
    "（二）改造滨河绿道6公里。",
    "二、道路绿化",
    "（一）补植行道树1200株。",
    "（二）整治中央隔离带15处。",
    "三、任务分工",
]


def headed_plan(division: str) -> str:
    return "\n".join([*HEADED, division])


@pytest.mark.parametrize("form", FORMS)
def test_a_division_paragraph_naming_headings_gives_each_heading_and_its_tasks_their_units(form):
    plan = form(
        headed_plan(
            "第一项由区园林局牵头，区财政局配合，2026年10月底前完成；第二项由区交通运输局牵头，区园林局配合，"
            "2026年11月底前完成。"
        )
    )
    tasks = inherited(plan)
    assert len(tasks) == 4
    assert [task.lead_units for task in tasks] == [["区园林局"]] * 2 + [["区交通运输局"]] * 2
    assert [task.cooperating_units for task in tasks] == [["区财政局"]] * 2 + [["区园林局"]] * 2
    assert [task.deadline for task in tasks] == [D(2026, 10, 31)] * 2 + [D(2026, 11, 30)] * 2
    assert "任务分工" not in [node.title for node, _depth in plan.walk()]  # its caption is no part of the plan


@pytest.mark.parametrize("form", [as_txt, as_docx])
def test_numbers_first_before_a_colon_are_the_paragraph_s_shape(form):
    plan = form(headed_plan("第一项：区园林局牵头，区财政局配合；第二项：区交通运输局负责。"))
    tasks = inherited(plan)
    assert [task.lead_units for task in tasks] == [["区园林局"]] * 2 + [[], []]
    assert [task.responsible_units for task in tasks] == [[], [], ["区交通运输局"], ["区交通运输局"]]


@pytest.mark.parametrize("form", [as_txt, as_docx])
def test_opposite_a_unit_line_naming_a_heading_over_tasks_gives_nothing(form):
    # The opposite (f63a's): a unit's line names tasks by their numbers; 一、 and 二、 head tasks, no 项 of it.
    plan = form(headed_plan("区园林局：牵头第1项；配合第2项。"))
    tasks = inherited(plan)  # the four tasks, then 三、任务分工 with the line as its text
    assert [task.lead_units for task in tasks] == [[]] * len(tasks)
    assert [task.cooperating_units for task in tasks] == [[]] * len(tasks)


@pytest.mark.parametrize("form", FORMS)
def test_a_division_paragraph_naming_no_entry_gives_no_unit_named_by_the_item(form):
    # 第五项 is no entry's: the paragraph is the caption's text, and "第一项由区园林局" is no unit.
    plan = form(headed_plan("第一项由区园林局牵头，区财政局配合；第五项由区交通运输局牵头，区园林局配合。"))
    assert not [name for name in all_units(plan) if name.startswith("第")]
    assert [task.lead_units for task in inherited(plan)[:4]] == [[]] * 4


def test_an_item_named_by_number_is_no_unit_name():
    assert not fields.is_unit_name("第一项由区园林局")
    assert not fields.is_unit_name("第1、2项由区园林局")
    assert fields.is_unit_name("区园林局")  # the opposite: the unit itself
    assert fields.is_unit_name("第三网格工作站")  # an ordinal without 项 still opens a unit's name


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_a_task_s_own_sentence_of_units_still_gives_them(form):
    text = headed_plan("各单位要加强协作，按时报送进展。").replace(
        "（一）新建口袋公园8个。", "（一）新建口袋公园8个。由区园林局牵头，区财政局配合，2026年9月底前完成。"
    )
    first = leaves(form(text))[0]
    assert first.fields.lead_units == ["区园林局"]
    assert first.fields.cooperating_units == ["区财政局"]


# --- a unit's line with no colon -----------------------------------------------------------------------------

NUMBERED = [
    "柳岸区2026年背街小巷整治重点任务",
    "一、重点任务",
    "1.修复破损路面。修复路面2万平方米，2026年8月底前完成。",
    "2.规范架空线缆。整治线缆120处，2026年9月底前完成。",
    "3.增设路灯。增设路灯300盏，2026年10月底前完成。",
    "二、责任分工",
]


def numbered_plan(*division: str) -> str:
    return "\n".join([*NUMBERED, *division, "三、工作要求", "各单位要强化督导，确保按期完成。"])


@pytest.mark.parametrize("form", FORMS)
def test_a_unit_line_with_no_colon_gives_its_items_their_units(form):
    plan = form(numbered_plan("区市政公用局牵头第1、3项；配合第2项。", "区通信发展办公室牵头第2项。"))
    items = leaves(plan)[:3]
    assert [item.fields.lead_units for item in items] == [["区市政公用局"], ["区通信发展办公室"], ["区市政公用局"]]
    assert [item.fields.cooperating_units for item in items] == [[], ["区市政公用局"], []]
    assert "责任分工" not in [node.title for node, _depth in plan.walk()]


@pytest.mark.parametrize("form", [as_txt, as_docx])
def test_numbers_first_lines_give_their_items_their_units(form):
    plan = form(numbered_plan("第1、3项：区市政公用局牵头，区财政局配合。", "第2项：区通信发展办公室负责。"))
    items = leaves(plan)[:3]
    assert [item.fields.lead_units for item in items] == [["区市政公用局"], [], ["区市政公用局"]]
    assert [item.fields.responsible_units for item in items] == [[], ["区通信发展办公室"], []]
    assert [item.fields.cooperating_units for item in items] == [["区财政局"], [], ["区财政局"]]


def test_opposite_lines_of_duties_in_words_or_with_more_than_a_role_give_nothing():
    for line in ("区市政公用局牵头负责全区道路养护工作。", "各街道要认真落实第1项。", "第1项：修复路面2万平方米。"):
        items = leaves(as_txt(numbered_plan(line)))[:3]
        assert [item.fields.lead_units for item in items] == [[], [], []], line
        assert [item.fields.responsible_units for item in items] == [[], [], []], line


def test_the_unit_line_reader_reads_both_shapes():
    assert fields.unit_by_number("区市政公用局、区财政局牵头第1—3项，配合第4项") == [
        ([1, 2, 3], "区市政公用局、区财政局牵头"),
        ([4], "区市政公用局、区财政局配合"),
    ]
    assert fields.unit_by_number("区市政公用局：牵头第1项") == [([1], "区市政公用局牵头")]
    assert fields.unit_by_number("区市政公用局负责第1项的督导") == []  # the opposite: no line of numbers


# --- unit headings with no word of a list by unit in the title -----------------------------------------------

ORGAN_TASKS = [
    [
        "1.新辟公交线路3条。（2026年9月底前）",
        "2.更新新能源公交车50辆。（2026年12月底前）",
    ],
    [
        "1.整治占道经营点位40处。（2026年6月底前）",
        "2.完成垃圾分类示范小区20个。（2026年11月底前）",
    ],
]


def organ_plan(headings: list[str], title: str = "柳岸区2026年重点工作任务") -> str:
    lines = [title, "现将各单位2026年重点工作任务明确如下："]
    for number, heading, tasks in zip("一二", headings, ORGAN_TASKS, strict=True):
        lines += [f"{number}、{heading}", *tasks]
    return "\n".join(lines)


@pytest.mark.parametrize("form", FORMS)
def test_organs_as_headings_give_their_tasks_their_units_though_the_title_says_no_list(form):
    units = ["区交通运输局", "区城市管理局"]
    plan = form(organ_plan(units))
    assert [item.fields.responsible_units for item in leaves(plan)] == [[units[0]]] * 2 + [[units[1]]] * 2


@pytest.mark.parametrize("form", [as_txt, as_docx])
def test_an_office_and_a_court_are_organs_not_places(form):
    units = ["区委办公室", "区人民法院"]
    plan = form(organ_plan(units))
    assert [item.fields.responsible_units for item in leaves(plan)] == [[units[0]]] * 2 + [[units[1]]] * 2


@pytest.mark.parametrize("form", FORMS)
def test_opposite_places_as_headings_still_give_no_unit_where_the_plan_does_not_list_by_unit(form):
    # frev's worry: a heading ending as a place's name ("…卫生院", "…服务站") may be where the work is done.
    plan = form(organ_plan(["柳岸街道社区卫生院", "柳岸街道养老服务站"], title="柳岸区2026年基层服务提升方案"))
    assert [item.fields.responsible_units for item in leaves(plan)] == [[]] * 4


@pytest.mark.parametrize("form", [as_txt, as_paste])
def test_opposite_one_place_among_organs_keeps_the_gate(form):
    plan = form(organ_plan(["区交通运输局", "区政务服务中心"]))
    assert [item.fields.responsible_units for item in leaves(plan)] == [[]] * 4
