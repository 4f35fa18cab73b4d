"""The shapes the thirty-third held-out set (d283–d290) showed the importer did not follow, in made-up
words, one section per cause: one level numbered in mixed styles by a hurried writer ("一、" then "2、"
then "（三）"); a semicolon typed for a label's colon; a half-width full stop ending an item's title; a
list sent as an attachment whose first row holds its marker beside its title ("附件3  X任务清单"); a
notice whose one paragraph runs its tasks in by circled numbers, each naming its units in a clause;
Markdown's quote marks before an item's field lines in text that is not a .md file."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import Line
from responsibility.importing.fields import extract
from responsibility.importing.headers import attachment_line
from responsibility.importing.parse import _circled_run_goes_on, _without_quote_marks, circled_tasks
from tests.responsibility.importing.made import leaves, readers, table_readers

YEAR = 2025
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]
TABLE_FORMS = table_readers(YEAR)


# --- one level numbered in mixed styles --------------------------------------------------------------

MIXED = [
    "城东镇2025年农村供水保障工作方案",
    "",
    "一、总体目标",
    "到2025年底，全镇农村自来水普及率稳定在98%以上。",
    "2、重点工作",
    "(1)改造老旧供水管网。更换老旧管网12公里。",
    "牵头单位：镇水务站  完成时限：2025年9月30日前",
    "(2)建设水质检测室。配齐常规检测设备。",
    "牵头单位：镇水务站  完成时限：2025年10月31日前",
    "（三）组织保障",
    "各村要明确一名管水员，每月向镇水务站报告供水情况。",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_level_numbered_in_mixed_styles_stays_one_level(read):
    plan = read("\n".join(MIXED))
    assert [root.number for root in plan.roots if root.children] == ["2、"]
    assert [item.title for item in leaves(plan)] == ["改造老旧供水管网", "建设水质检测室"]
    assert [section.node.title for section in plan.guidance] == ["总体目标", "组织保障"]


def test_a_new_style_that_starts_at_one_still_opens_a_level():
    # The opposite fact: "1、" under "一、" is its first point, not the next of the top level.
    plan = as_txt(
        "\n".join(
            ["一、重点工作", "1、改造老旧供水管网（牵头单位：镇水务站）", "2、建设水质检测室（牵头单位：镇水务站）"]
        )
    )
    assert [root.number for root in plan.roots] == ["一、"]
    assert [child.number for child in plan.roots[0].children] == ["1、", "2、"]


def test_numbers_that_run_on_across_parts_still_nest():
    # The opposite fact: "3." under "二、" runs on from "2." under "一、", as many plans number 1–40.
    plan = as_txt(
        "\n".join(
            [
                "一、管网建设",
                "1.改造老旧管网（牵头单位：镇水务站）",
                "2.新建加压泵站（牵头单位：镇水务站）",
                "二、水质管理",
                "3.建设水质检测室（牵头单位：镇卫生院）",
            ]
        )
    )
    assert [root.number for root in plan.roots] == ["一、", "二、"]
    assert [child.number for child in plan.roots[1].children] == ["3."]


# --- a semicolon typed for a label's colon -----------------------------------------------------------


def test_a_semicolon_after_a_label_before_a_unit_is_its_colon():
    found = extract("牵头单位；镇水务站  责任单位 ：各村委会  完成时限：2025年9月30日前", YEAR)
    assert found.fields.lead_units == ["镇水务站"]
    assert found.fields.responsible_units == ["各村委会"]
    assert found.fields.deadline == datetime.date(2025, 9, 30)


def test_a_semicolon_after_a_label_glued_to_the_next_label_is_its_colon():
    found = extract("牵头单位；镇水务站责任单位：各村委会", YEAR)
    assert found.fields.lead_units == ["镇水务站"] and found.fields.responsible_units == ["各村委会"]


def test_a_label_word_ending_a_clause_is_no_label():
    # The opposite fact: "…明确责任单位；各村要…" ends a clause; what follows is no unit.
    found = extract("要明确责任单位；各村要加强巡查。", YEAR)
    assert found.fields.responsible_units == [] and found.rest == "要明确责任单位；各村要加强巡查。"


# --- a half-width full stop ending an item's title ---------------------------------------------------


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_half_width_stop_between_chinese_characters_ends_the_title(read):
    plan = read("一、重点工作\n（一）改造老旧供水管网.更换老旧管网12公里。（牵头单位：镇水务站）")
    assert [item.title for item in leaves(plan)] == ["改造老旧供水管网"]


def test_a_decimal_point_is_no_stop():
    # The opposite fact: "1.5" is a number, the title goes on.
    plan = as_txt("一、重点工作\n（一）投入资金1.5万元更换水表（牵头单位：镇水务站）")
    assert [item.title for item in leaves(plan)] == ["投入资金1.5万元更换水表"]


# --- an attachment's marker beside its list's title ---------------------------------------------------

MARKED_ROWS = [
    ["附件3  城东镇2025年农村供水保障任务清单", "", "", ""],
    ["序号", "完成时间", "落实主体", "具体事项"],
    ["1", "2025年9月底前", "镇水务站", "改造老旧供水管网"],
    ["2", "2025年10月底前", "镇卫生院", "建设水质检测室"],
]


@pytest.mark.parametrize("form", sorted(TABLE_FORMS))
def test_a_marker_beside_the_first_rows_title_leaves_the_title(form):
    plan = TABLE_FORMS[form](MARKED_ROWS)
    assert plan.headers.get("title") == "城东镇2025年农村供水保障任务清单"
    assert plan.headers.get("attachment") == "附件3"


def test_a_marker_glued_to_the_title_by_a_pdf_is_read_after_a_digit():
    assert attachment_line("附件3城东镇2025年农村供水保障任务清单") == ("3", "城东镇2025年农村供水保障任务清单", False)


def test_a_word_beginning_with_attachment_is_no_marker():
    # The opposite fact: after 一、二 the number cannot be told from the title's words.
    assert attachment_line("附件一览表") is None


def test_a_marker_with_a_colon_is_still_a_line_of_the_attachment_list():
    # The opposite fact: "附件3：X" is how a notice lists what it sends, not the list's own first row.
    rows = [["附件3：城东镇2025年农村供水保障任务清单", "", "", ""], *MARKED_ROWS[1:]]
    plan = TABLE_FORMS["paste"](rows)
    assert "title" not in plan.headers
    assert plan.headers["attachment"] == "附件3：城东镇2025年农村供水保障任务清单"


# --- circled tasks run into a notice's one paragraph -------------------------------------------------

RUN_IN = (
    "为做好今年农村供水保障工作，现就有关事项通知如下：①改造老旧供水管网，由镇水务站牵头，各村委会负责，"
    "9月30日前完成；②建设水质检测室，由镇卫生院负责，镇水务站配合，10月31日前完成；③开展水源地巡查，"
    "由各村委会负责，长期坚持。各单位要高度重视，及时报告工作进展。"
)
NOTICE = [
    "城东镇人民政府关于做好2025年农村供水保障工作的通知",
    "",
    "各村委会：",
    RUN_IN,
    "",
    "城东镇人民政府",
    "2025年3月1日",
]


@pytest.mark.parametrize("read", ALL_FORMS)
def test_circled_tasks_run_into_a_notices_paragraph_are_its_items(read):
    items = leaves(read("\n".join(NOTICE)))
    assert [item.title for item in items] == ["改造老旧供水管网", "建设水质检测室", "开展水源地巡查"]
    assert items[0].fields.lead_units == ["镇水务站"] and items[0].fields.responsible_units == ["各村委会"]
    assert items[0].fields.deadline == datetime.date(2025, 9, 30)
    assert items[1].fields.cooperating_units == ["镇水务站"]
    assert items[2].fields.ongoing


def test_circled_points_that_name_nobody_are_no_tasks():
    # The opposite fact: "…：①人员不足；②经费短缺。" lists problems; no unit does them.
    assert circled_tasks("存在的主要问题如下：①管水人员不足；②维修经费短缺。") is None


def test_a_pdf_line_that_begins_with_the_next_circled_number_goes_on_the_paragraph():
    first, second = RUN_IN.split("②")
    previous = Line(first, 4, wraps=(first[:20], first[20:]))
    assert _circled_run_goes_on(previous, Line("②" + second, 5))


def test_a_line_of_its_own_is_not_joined():
    # The opposite fact: a text file's own lines, not wrapped by a layout, stay apart.
    first, second = RUN_IN.split("②")
    assert not _circled_run_goes_on(Line(first, 4), Line("②" + second, 5))


# --- Markdown's quote marks before field lines ---------------------------------------------------------


@pytest.mark.parametrize("read", ALL_FORMS)
def test_quote_marks_before_field_lines_are_markup(read):
    plan = read(
        "\n".join(
            [
                "一、重点工作",
                "1.改造老旧供水管网。更换老旧管网12公里。",
                ">牵头单位：镇水务站责任单位：各村委会完成时限：2025年9月30日",
                "2.建设水质检测室。配齐常规检测设备。",
                ">牵头单位：镇卫生院配合单位：镇水务站完成时限：2025年10月31日",
            ]
        )
    )
    items = leaves(plan)
    assert items[0].fields.lead_units == ["镇水务站"] and items[0].fields.responsible_units == ["各村委会"]
    assert items[1].fields.cooperating_units == ["镇水务站"]


def test_a_greater_than_sign_before_a_number_is_no_quote_mark():
    # The opposite fact: ">90%" says more than; the sign stays.
    lines = [Line(">90%的村通自来水", 1), Line(">95%的水样达标", 2)]
    assert [line.text for line in _without_quote_marks(lines)] == [">90%的村通自来水", ">95%的水样达标"]
