"""Wrong readings of ordinary text a review of the third session's merge found (bench/README.md, "Not mended"),
each beside its opposite: a 落款 on one line after the last item, its date in words ("二〇二六年三月十五日") or its
month only ("2026年3月"), is the paper's signature, no unit and deadline of that item, while a 清单's spaced line
of units and a date under an item keeps its reading; a sentence of units and a date with work after it
("各村（社区）2026年底前全覆盖。") is no such line; a clause that opens with the plan's own year says when, not that
the work is done ("2026年镇文化站牵头，…" in a 2026 plan), one that opens with an earlier year stays past; a cadence
counted from a day ("自2026年5月1日起按周调度") names no first week, a count of weeks ("自…起按周计") does; and
"春节前" is a when as "6月底前" is, beside units on a 清单's line or in a bracket."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fields, headers
from tests.responsibility.importing.made import leaves, readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]
FORM_IDS = ["txt", "paste", "docx"]


# --- a 落款 on one line after the last item --------------------------------------------------------------

PLAN = """某县2026年重点工作安排
一、重点任务
1.推进产业园建设，完成基础设施配套。
2.推进农村污水治理，完成管网建设20公里。"""


@pytest.mark.parametrize("signature", ["县发展和改革局　　二〇二六年三月十五日", "县发展和改革局　　2026年3月"])
@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_a_signature_on_one_line_after_the_last_item_is_no_assignment(read, signature):
    plan = read(f"{PLAN}\n{signature}")
    last = leaves(plan)[-1]
    assert last.fields.responsible_units == [] and last.fields.deadline is None
    assert plan.headers["signatory"] == "县发展和改革局"
    assert plan.headers["date"] == signature.split("　　")[1]


@pytest.mark.parametrize("signature", ["县发展和改革局　　二〇二六年三月十五日", "县发展和改革局　　2026年3月"])
def test_a_signature_line_is_a_dated_organ_wherever_it_stands(signature):
    assert headers.is_dated_organ(signature)
    # Whether it signs is the closing lines' to say (``parse._split_trailing``): in the body, under an item, an
    # organ and a month are a 清单's units and when (a review of the fourth session's merge); a whole day is not.
    assert fields.units_then_when(signature) == ("" if "日" in signature else signature.replace("　　", "，"))


PROBLEMS = """某区2026年城市管理问题整改清单
一、问题清单
1.部分路段雨后积水严重。
疏通排水管网，增设雨水口。
区住建局、区城管局　　2026年6月底前
2.背街小巷照明缺失。
增设路灯120盏。
区城管局　　2026年9月底前"""


@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_opposite_a_lists_spaced_line_of_units_and_a_date_keeps_its_reading(read):
    items = leaves(read(PROBLEMS))
    assert [item.fields.responsible_units for item in items] == [["区住建局", "区城管局"], ["区城管局"]]
    assert [item.fields.deadline for item in items] == [D(YEAR, 6, 30), D(YEAR, 9, 30)]


@pytest.mark.parametrize("line", ["区住建局、区城管局　　2026年6月底前", "区城管局　　2026年9月底前"])
def test_opposite_units_and_a_date_to_finish_by_are_no_signature(line):
    assert not headers.is_dated_organ(line)
    assert fields.units_then_when(line)


# --- a sentence of units and a date with work after it -------------------------------------------------------


@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_a_sentence_of_units_and_a_date_then_work_is_no_line_of_units(read):
    plan = read(f"{PLAN}\n各村（社区）2026年底前全覆盖。")
    last = leaves(plan)[-1]
    assert last.fields.responsible_units == []
    assert last.fields.deadline == D(YEAR, 12, 31)


def test_a_sentence_of_units_and_a_date_then_work_gives_no_units_and_when():
    assert fields.units_then_when("各村（社区）2026年底前全覆盖。") == ""


@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_opposite_a_spaced_line_of_units_and_a_year_end_keeps_its_units(read):
    plan = read(f"{PLAN}\n各村（社区）　　2026年底前")
    last = leaves(plan)[-1]
    assert last.fields.responsible_units == ["各村（社区）"]
    assert last.fields.deadline == D(YEAR, 12, 31)


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("区住建局、区城管局2026年6月底前", "区住建局、区城管局，2026年6月底前"),
        ("各村（社区）2026年底前", "各村（社区），2026年底前"),
        ("各村（社区）2026年底前完成", "各村（社区），2026年底前完成"),
    ],
)
def test_opposite_units_run_together_with_a_date_as_a_pdf_has_them_keep_their_reading(line, read):
    assert fields.units_then_when(line) == read


# --- a clause that opens with the plan's own year ---------------------------------------------------------


@pytest.mark.parametrize(
    "item",
    ["2026年镇文化站牵头，各村配合，开展送戏下乡活动。", "开展送戏下乡活动。2026年镇文化站牵头，各村配合，全年开展。"],
)
@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_a_clause_opening_with_the_plans_own_year_names_its_units(read, item):
    last = leaves(read(f"{PLAN}\n3.{item}"))[-1]
    assert last.fields.lead_units == ["镇文化站"]
    assert last.fields.cooperating_units == ["各村"]


@pytest.mark.parametrize(
    "item",
    ["2025年镇文化站牵头，各村配合，开展送戏下乡活动。", "开展送戏下乡活动。2025年镇文化站牵头，各村配合，已完成。"],
)
@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_opposite_a_clause_opening_with_an_earlier_year_stays_past(read, item):
    last = leaves(read(f"{PLAN}\n3.{item}"))[-1]
    assert last.fields.lead_units == [] and last.fields.cooperating_units == []


def test_the_plans_year_decides_whether_an_opening_year_is_past():
    assert fields.opening_in_the_past("2026年镇文化站牵头", 2026) == (False, "镇文化站牵头")
    assert fields.opening_in_the_past("2025年已完成送戏下乡", 2026)[0]
    assert fields.opening_in_the_past("去年镇文化站牵头", 2026)[0]
    assert fields.opening_in_the_past("2026年镇文化站牵头", None)[0]  # no plan's year: as before, past
    assert fields.opening_in_the_past("2026年6月底前完成", 2025) == (False, "2026年6月底前完成")


# --- a cadence is no count of weeks ---------------------------------------------------------------------------


def weekly(opening: str) -> str:
    return "\n".join(
        [
            "某县2026年防汛隐患排查整治方案",
            opening,
            "一、重点任务",
            "1.第3周前完成河道隐患排查，县水利局负责。",
        ]
    )


@pytest.mark.parametrize("read", [as_txt, as_paste], ids=["txt", "paste"])
def test_a_cadence_from_a_day_sets_no_first_week(read):
    (item,) = leaves(read(weekly("自2026年5月1日起按周调度，每周一报送进展。")))
    assert item.fields.deadline is None


@pytest.mark.parametrize("opening", ["自2026年3月2日起按周计，为期八周。", "自2026年3月2日起计算周次。"])
@pytest.mark.parametrize("read", [as_txt, as_paste], ids=["txt", "paste"])
def test_opposite_a_count_of_weeks_from_a_day_sets_the_first_week(read, opening):
    (item,) = leaves(read(weekly(opening)))
    assert item.fields.deadline == D(YEAR, 3, 22)


# --- 春节前 beside units ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_units_and_spring_festival_on_a_lists_line(read):
    plan = read("某县2026年安全隐患整改清单\n一、问题清单\n1.部分场所消防通道堵塞。\n县应急局、各乡镇　　春节前")
    (item,) = leaves(plan)
    assert item.fields.responsible_units == ["县应急局", "各乡镇"]
    assert item.fields.deadline == D(YEAR, 2, 16)


@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_spring_festival_after_a_labels_units_is_when(read):
    last = leaves(read(f"{PLAN}\n3.开展节前安全检查（责任单位：县应急局，春节前）"))[-1]
    assert last.fields.responsible_units == ["县应急局"]
    assert last.fields.deadline == D(YEAR, 2, 16)


@pytest.mark.parametrize("read", TEXT_FORMS, ids=FORM_IDS)
def test_opposite_units_after_a_label_and_a_month_end(read):
    last = leaves(read(f"{PLAN}\n3.开展节前安全检查（责任单位：县应急局，6月底前）"))[-1]
    assert last.fields.responsible_units == ["县应急局"]
    assert last.fields.deadline == D(YEAR, 6, 30)


def test_spring_festival_names_a_date_in_any_year():
    assert fields.names_date("春节前") and fields.names_date("2月29日前")
    assert not fields.names_date("开展春节慰问")
