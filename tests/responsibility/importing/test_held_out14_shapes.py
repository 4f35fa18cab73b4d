"""The shapes the fourteenth held-out set (d131–d138) showed the importer did not follow, in made-up
words, one section per cause: items numbered by one character for a bracketed digit ("⑴", "⑵"); task
codes, a capital letter and a digit ("A1.", "B2.") under Chinese ordinal headings; a Markdown table's
alignment row written with fewer than three hyphens (":-:")."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.numbering import match
from tests.responsibility.importing.made import readers

from .test_held_out_shapes import tree

YEAR = 2024
as_txt, as_paste, as_docx = readers(YEAR)
ALL_FORMS = [as_txt, as_paste, as_docx]


def _items(plan):
    return [found for found, _depth in plan.walk() if not found.children]


# --- one character for a bracketed digit numbers items ------------------------------------------------

PARENTHESISED = "\n".join(
    [
        "某镇2024年河道管护任务",
        "",
        "一、关于河道清淤",
        "⑴清理镇区主河道淤泥。清淤长度不少于6公里。责任单位：镇水利站；完成时限：2024年5月31日前。",
        "⑵整治沿河排污口。责任单位：镇环保办；配合单位：各村；完成时限：长期坚持。",
        "二、关于堤防加固",
        "⑴加固北岸堤防。责任单位：镇水利站；完成时限：2024年汛期前（6月15日前）。",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_one_character_for_a_bracketed_digit_numbers_items(read):
    plan = read(PARENTHESISED)
    assert tree(plan) == [
        "一、|关于河道清淤",
        "  ⑴|清理镇区主河道淤泥",
        "  ⑵|整治沿河排污口",
        "二、|关于堤防加固",
        "  ⑴|加固北岸堤防",
    ]
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["镇水利站"]
    assert first.fields.deadline == datetime.date(2024, 5, 31)
    assert [(found.value, found.unit) for found in first.indicators] == [(6, "公里")]
    assert second.fields.cooperating_units == ["各村"] and second.fields.ongoing
    assert third.fields.deadline == datetime.date(2024, 6, 15)


def test_a_bracketed_digit_character_reads_as_its_value():
    found = match("⑿开展巡河")
    assert (found.style, found.value, found.number, found.rest) == ("parenthesised", 12, "⑿", "开展巡河")


# --- task codes, a letter and a digit, under Chinese ordinal headings ----------------------------------

CODES = "\n".join(
    [
        "某园区2024年重点任务清单",
        "",
        "一、招商引资",
        "A1. 引进制造业项目。全年签约项目10个。",
        "主责单位：招商局；协同单位：经发局；时间节点：2024年11月底前",
        "A2. 举办推介会。",
        "主责单位：招商局；时间节点：持续推进",
        "",
        "二、营商服务",
        "B1. 推行帮办代办。",
        "主责单位：企业服务中心；时间节点：2024年9月30日前",
    ]
)


@pytest.mark.parametrize("read", ALL_FORMS)
def test_a_letter_and_a_digit_number_items_under_chinese_ordinals(read):
    plan = read(CODES)
    assert tree(plan) == [
        "一、|招商引资",
        "  A1.|引进制造业项目",
        "  A2.|举办推介会",
        "二、|营商服务",
        "  B1.|推行帮办代办",
    ]
    first, second, third = _items(plan)
    assert first.fields.responsible_units == ["招商局"] and first.fields.cooperating_units == ["经发局"]
    assert first.fields.deadline == datetime.date(2024, 11, 30)
    assert second.fields.ongoing
    assert third.fields.deadline == datetime.date(2024, 9, 30)


@pytest.mark.parametrize("line", ["G20峰会筹备工作", "A4纸打印", "B2B平台建设", "A1.5万元"])
def test_a_letter_and_digits_without_a_dot_before_words_number_nothing(line):
    assert match(line) is None


# --- a unit's name cut by a hard line break before the next label ---------------------------------------

WRAPPED = "\n".join(
    [
        "某镇2024年河道管护任务",
        "",
        "一、关于河道清淤",
        "⑴清理镇区主河道淤泥。责任单位：镇",
        "水利站；配合单位：各村；完成时限：2024年5月31日前。",
        "⑵整治沿河排污口。责任单位：镇环保办；配合单位：镇",
        "农业服务中心；完成时限：长期坚持。",
    ]
)


@pytest.mark.parametrize("read", [as_txt, as_paste])
def test_a_units_name_cut_by_a_line_break_goes_on_before_the_next_label(read):
    first, second = _items(read(WRAPPED))
    assert first.fields.responsible_units == ["镇水利站"] and first.fields.cooperating_units == ["各村"]
    assert second.fields.cooperating_units == ["镇农业服务中心"] and second.fields.ongoing


def test_a_finished_name_before_a_line_of_its_own_stays_apart():
    text = "\n".join(["某镇2024年任务", "", "一、关于清淤", "⑴清理河道。责任单位：镇水利站", "加强巡查；每周一次。"])
    (item,) = _items(as_txt(text))
    assert item.fields.responsible_units == ["镇水利站"]
    assert "加强巡查；每周一次。" in item.content
