"""Shapes of the sixty-eighth held-out set (d564, d567, d568) the importer did not follow, in made-up words: a
sub-heading closed by a sentence that assigns the items above it by their numbers (以上第1—2项由X牵头，Y负责，…;
其中第4项由…); 由X会同Y before a verb that holds an event (举办, 举行, 召开); and a mark after a unit's name (★, ▲…)
that a legend line says marks the lead, the rest cooperating. Beside each, the near-miss that keeps its reading."""

from __future__ import annotations

import datetime

import pytest

from tests.responsibility.importing.made import leaves, readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


# --- a closing sentence that assigns the items above by their numbers -------------------------------------------


def grouped_plan(first_closing: str, second_closing: str) -> str:
    return "\n".join(
        [
            "某市2026年口袋公园建设实施方案",
            "一、建设任务",
            "（一）新建一批口袋公园",
            "1.利用边角地新建口袋公园20个。",
            "2.改造提升老旧游园12处。",
            first_closing,
            "（二）完善园内配套设施",
            "3.增设休憩座椅不少于300组。",
            "4.建设无障碍通道15条。",
            "5.增设智慧照明设施。（市城管局负责，长期坚持）",
            second_closing,
            "二、工作要求",
            "各单位要加强协作，按时报送进展情况。",
        ]
    )


@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_closing_sentence_gives_the_items_it_names_by_number_their_fields(read):
    plan = read(
        grouped_plan(
            "以上第1—2项由市园林局牵头，各区人民政府负责，2026年9月底前完成。",
            "其中第3、4项由市住建局负责，市残联配合，2026年11月底前完成。",
        )
    )
    items = leaves(plan)
    assert [item.number for item in items] == ["1.", "2.", "3.", "4.", "5."]
    assert [item.fields.lead_units for item in items] == [["市园林局"], ["市园林局"], [], [], []]
    assert [item.fields.responsible_units for item in items] == [
        ["各区人民政府"],
        ["各区人民政府"],
        ["市住建局"],
        ["市住建局"],
        ["市城管局"],
    ]
    assert [item.fields.cooperating_units for item in items] == [[], [], ["市残联"], ["市残联"], []]
    assert [item.fields.deadline for item in items[:4]] == [D(2026, 9, 30)] * 2 + [D(2026, 11, 30)] * 2
    # No "2项由…" unit, and the sentence is no item's words.
    assert all("项由" not in unit for item in items for unit in item.fields.lead_units)
    assert "以上第1—2项" not in "".join(items[1].content)


def test_a_closing_sentence_naming_no_units_stays_the_item_text():
    # The opposite: "以上第1—2项已列入…" names no unit in a role: the item above keeps it as its words, no fields.
    plan = as_txt(grouped_plan("以上第1—2项已列入市级民生实事项目。", "其中第3、4项列入年度考核。"))
    items = leaves(plan)
    assert [item.fields.lead_units for item in items[:4]] == [[], [], [], []]
    assert [item.fields.responsible_units for item in items[:4]] == [[], [], [], []]
    assert "以上第1—2项已列入市级民生实事项目" in "".join(items[1].content)


def test_a_closing_sentence_naming_a_number_no_item_has_gives_nothing():
    # The opposite: 第8项 is no item above: the sentence assigns nothing by number.
    plan = as_txt(grouped_plan("以上第1—2项由市园林局牵头，2026年9月底前完成。", "其中第8项由市住建局负责。"))
    items = leaves(plan)
    assert [item.fields.responsible_units for item in items[2:4]] == [[], []]
    assert [item.fields.lead_units for item in items[:2]] == [["市园林局"], ["市园林局"]]


# --- 由X会同Y before a verb that holds an event -------------------------------------------------------------------


def together_plan(sentence: str) -> str:
    return "\n".join(
        [
            "某区2026年全民健身推进方案",
            "一、丰富赛事活动",
            f"（一）办好群众赛事。{sentence}",
            "（二）建设健身步道。区体育局负责，区城管局配合，新建健身步道5公里，2026年10月底前完成。",
        ]
    )


@pytest.mark.parametrize("verb", ["举办", "举行", "召开"])
@pytest.mark.parametrize("read", TEXT_FORMS)
def test_you_x_huitong_y_before_an_event_verb_gives_the_lead_and_the_cooperating(read, verb):
    plan = read(together_plan(f"由区体育局会同各镇人民政府{verb}社区运动会不少于6场，长期坚持。"))
    item = leaves(plan)[0]
    assert item.fields.lead_units == ["区体育局"]
    assert item.fields.cooperating_units == ["各镇人民政府"]


def test_a_unit_opening_a_sentence_with_an_event_verb_and_no_huitong_keeps_its_old_reading():
    # The opposite: with no 会同 the event verb opens no unit's role ("区体育中心举办…" tells what is held there).
    plan = as_txt(together_plan("区体育中心举办社区运动会不少于6场，长期坚持。"))
    item = leaves(plan)[0]
    assert item.fields.lead_units == []
    assert item.fields.cooperating_units == []


# --- a mark after a unit's name that a legend defines ---------------------------------------------------------


def marked_plan(legend: str, mark: str) -> str:
    return "\n".join(
        [
            "某市2026年数字政府建设重点任务清单",
            *([legend] if legend else []),
            "一、夯实数字底座",
            f"1.建设市级政务云平台，上云率达到90%。责任单位：市数据局{mark}、市财政局、市网信办。完成时限：2026年9月底前。",
            f"2.推进公共数据归集共享。责任单位：市政务服务中心{mark}、各县区人民政府。完成时限：2026年12月底前。",
        ]
    )


@pytest.mark.parametrize("mark", ["★", "▲", "※"])
@pytest.mark.parametrize("read", TEXT_FORMS)
def test_a_legend_makes_the_marked_unit_the_lead_and_the_rest_cooperating(read, mark):
    plan = read(marked_plan(f"（责任单位中标注{mark}的为牵头单位，其余为配合单位）", mark))
    items = leaves(plan)
    assert [item.fields.lead_units for item in items] == [["市数据局"], ["市政务服务中心"]]
    assert [item.fields.responsible_units for item in items] == [[], []]
    assert [item.fields.cooperating_units for item in items] == [["市财政局", "市网信办"], ["各县区人民政府"]]


def test_a_legend_that_names_no_role_for_the_rest_leaves_them_responsible():
    plan = as_txt(marked_plan("注：带▲的为牵头单位。", "▲"))
    items = leaves(plan)
    assert [item.fields.lead_units for item in items] == [["市数据局"], ["市政务服务中心"]]
    assert [item.fields.responsible_units for item in items] == [["市财政局", "市网信办"], ["各县区人民政府"]]


def test_a_unit_list_with_no_mark_keeps_its_reading_under_a_legend():
    # The opposite: the legend is there but no unit carries the mark: every unit stays responsible.
    plan = as_txt(marked_plan("（责任单位中标注★的为牵头单位，其余为配合单位）", ""))
    items = leaves(plan)
    assert [item.fields.lead_units for item in items] == [[], []]
    assert [item.fields.responsible_units for item in items] == [
        ["市数据局", "市财政局", "市网信办"],
        ["市政务服务中心", "各县区人民政府"],
    ]
