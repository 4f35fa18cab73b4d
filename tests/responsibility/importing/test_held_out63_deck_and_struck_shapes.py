"""The shapes of the sixty-third held-out set's d524 and d525 the importer did not follow, in made-up words.

A slide deck exported as text (d524): each slide opens with a marker line "幻灯片 N", the layout of the deck, no
words of it; a 目录 slide lists the parts without pages, the parts coming again below; a part running on to the
next slide is repeated there marked （续）, the same heading going on, not a new one; a 工作回顾 of last year's
results is guidance, no items. A task list exported from an online document as Markdown with its revisions in
strikethrough (d525): struck text (~~…~~) is deleted text, in a .md file and in its text saved as .txt, pasted
or put in Word, and so is a Word run set in strikethrough; a task struck whole is no task. Beside each, the
near-miss left alone: one marker line, a 目录 over a list said once, a heading of other words marked （续）, a
工作目标 whose bullets name units and dates, a tilde that gives a range (3~5天), a run whose strike is off."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document

from responsibility.importing.parse import parse
from responsibility.importing.readers import read
from tests.responsibility.importing.made import md_reader, readers

from .test_held_out_shapes import tree

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
FORMS = [as_txt, as_paste, as_docx]


# --- a slide deck exported as text ------------------------------------------------------------------

DECK = [
    "幻灯片 1",
    "某市2026年城乡公交发展重点工作安排",
    "某市交通运输局",
    "2026年2月",
    "",
    "幻灯片 2",
    "目  录",
    "一、2025年工作回顾",
    "二、2026年重点任务",
    "三、保障措施",
    "",
    "幻灯片 3",
    "一、2025年工作回顾",
    "● 新开通城乡公交线路12条",
    "● 更新新能源公交车86辆，完成年度任务的108%",
    "",
    "幻灯片 4",
    "二、2026年重点任务",
    "（一）线网优化",
    "1. 新开通镇村公交线路8条",
    "◆ 责任单位：各区县交通运输局",
    "◆ 完成时限：2026年10月底前",
    "",
    "幻灯片 5",
    "二、2026年重点任务（续）",
    "（一）线网优化（续）",
    "2. 优化调整公交站点40个",
    "◆ 牵头单位：市公交集团",
    "◆ 完成时限：2026年9月底前",
    "（二）服务提升",
    "3. 推广公交电子支付",
    "◆ 牵头单位：市公交集团",
    "◆ 完成时限：2026年6月底前",
    "",
    "幻灯片 6",
    "三、保障措施",
    "● 加强组织领导：各地要把城乡公交纳入重要议事日程",
]


def deck(lines: list[str] = DECK) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize("form", FORMS)
def test_a_decks_slide_markers_are_no_words_of_it(form):
    plan = form(deck())
    assert plan.headers["title"] == "某市2026年城乡公交发展重点工作安排"
    assert not any("幻灯片" in text for node, _depth in plan.walk() for text in [node.title, *node.content])


@pytest.mark.parametrize("form", FORMS)
def test_one_line_naming_a_slide_in_a_plan_is_words_of_it(form):
    plan = form(
        "\n".join(
            [
                "某局2026年培训工作安排",
                "一、重点任务",
                "1.制作安全培训课件。",
                "幻灯片 12",
                "责任单位：局办公室；完成时限：2026年5月底前",
            ]
        )
    )
    assert plan.leaves()[0].content == ["幻灯片 12"]


@pytest.mark.parametrize("form", FORMS)
def test_a_contents_slide_without_pages_lists_no_entries_and_a_heading_marked_continued_goes_on(form):
    plan = form(deck())
    assert tree(plan) == [
        "二、|2026年重点任务",
        "  （一）|线网优化",
        "    1.|新开通镇村公交线路8条",
        "    2.|优化调整公交站点40个",
        "  （二）|服务提升",
        "    3.|推广公交电子支付",
    ]
    assert [section.node.title for section in plan.guidance] == ["2025年工作回顾", "保障措施"]
    assert [item.fields.deadline for item in plan.leaves()] == [D(2026, 10, 31), D(2026, 9, 30), D(2026, 6, 30)]


@pytest.mark.parametrize("form", FORMS)
def test_a_list_under_a_line_named_contents_said_once_is_read(form):
    plan = form(
        "\n".join(
            [
                "某街道2026年便民服务事项清单",
                "一、服务事项",
                "目录",
                "1.办理居住证明。",
                "2.办理低保申请。",
                "责任单位：街道社会事务办；完成时限：长期坚持",
            ]
        )
    )
    assert [item.number for item in plan.leaves()] == ["1.", "2."]


@pytest.mark.parametrize("form", FORMS)
def test_a_heading_of_other_words_marked_continued_is_a_heading_as_written(form):
    lines = [
        "某市2026年城乡公交发展重点工作安排",
        "一、重点任务",
        "（一）线网优化",
        "1.新开通镇村公交线路8条。",
        "责任单位：各区县交通运输局",
        "（二）服务提升（续）",
        "2.推广公交电子支付。",
        "牵头单位：市公交集团",
    ]
    assert tree(form("\n".join(lines))) == [
        "一、|重点任务",
        "  （一）|线网优化",
        "    1.|新开通镇村公交线路8条",
        "  （二）|服务提升（续）",
        "    2.|推广公交电子支付",
    ]


@pytest.mark.parametrize("form", FORMS)
def test_a_review_of_last_years_results_is_guidance(form):
    lines = [
        "某市2026年城乡公交发展重点工作安排",
        "一、2025年工作回顾",
        "● 新开通城乡公交线路12条",
        "● 更新新能源公交车86辆，完成年度任务的108%",
        "二、2026年重点任务",
        "1.新开通镇村公交线路8条。",
        "责任单位：各区县交通运输局；完成时限：2026年10月底前",
    ]
    plan = form("\n".join(lines))
    assert [section.node.title for section in plan.guidance] == ["2025年工作回顾"]
    assert [item.title for item in plan.leaves()] == ["新开通镇村公交线路8条"]


@pytest.mark.parametrize("form", FORMS)
def test_this_years_aims_that_name_units_and_dates_are_work(form):
    lines = [
        "某市2026年城乡公交发展重点工作安排",
        "一、2026年工作目标",
        "● 新开通城乡公交线路12条（市公交集团负责，2026年10月底前）",
        "● 更新新能源公交车86辆（各区县交通运输局负责，2026年12月底前）",
        "二、2026年重点任务",
        "1.新开通镇村公交线路8条。",
        "责任单位：各区县交通运输局；完成时限：2026年10月底前",
    ]
    plan = form("\n".join(lines))
    assert plan.guidance == []
    assert len(plan.leaves()) == 3


# --- revisions in strikethrough ----------------------------------------------------------------------

STRUCK = [
    "# 某街道2026年便民生活圈建设任务清单",
    "",
    "## 一、补齐基本业态",
    "",
    "1. 新建便民服务中心2个。牵头：街道经济办；配合：~~街道城管办~~ 街道市场所；时限：~~2026年6月底前~~ 2026年9月底前",
    "2. ~~**新增社区食堂3家。** 牵头：街道事务办；时限：2026年10月底前~~",
    "3. 布设智能快递柜。全街道新增智能快递柜~~30组~~ 40组。牵头：~~街道事务办~~ 街道经济办；时限：2026年11月底前",
]


def struck_fields(plan) -> list[tuple]:
    return [
        (item.number, item.title, item.fields.lead_units, item.fields.cooperating_units, item.fields.deadline)
        for item in plan.leaves()
    ]


@pytest.mark.parametrize("form", [as_md, *FORMS])
def test_struck_text_is_deleted_and_a_task_struck_whole_is_none(form):
    plan = form("\n".join(STRUCK))
    assert struck_fields(plan) == [
        ("1.", "新建便民服务中心2个", ["街道经济办"], ["街道市场所"], D(2026, 9, 30)),
        ("3.", "布设智能快递柜", ["街道经济办"], [], D(2026, 11, 30)),
    ]
    assert [(found.value, found.unit) for found in plan.leaves()[1].indicators] == [(40, "组")]


@pytest.mark.parametrize("form", [as_md, *FORMS])
def test_a_struck_sentence_wrapped_over_two_lines_is_deleted_with_its_number(form):
    lines = [
        "一、补齐基本业态",
        "1.新建便民服务中心2个。牵头：街道经济办；时限：2026年9月底前",
        "2.~~新增社区食堂3家。依托养老服务站新增食堂。牵头：街道事务办；",
        "时限：2026年10月底前~~",
        "3.布设智能快递柜。牵头：街道经济办；时限：2026年11月底前",
    ]
    plan = form("\n".join(["某街道2026年便民生活圈建设任务清单", *lines]))
    assert [item.number for item in plan.leaves()] == ["1.", "3."]


@pytest.mark.parametrize("form", [as_md, *FORMS])
def test_a_tilde_that_gives_a_range_is_no_strikethrough(form):
    lines = [
        "某街道2026年便民生活圈建设任务清单",
        "一、补齐基本业态",
        "1.开展商户走访，每户用时3~5天，~重点商户~优先。牵头：街道经济办；配合：街道城管办；时限：2026年1~2月",
    ]
    item = form("\n".join(lines)).leaves()[0]
    assert "3~5天" in item.title + "".join(item.content)
    assert "~重点商户~" in item.title + "".join(item.content)
    assert item.fields.cooperating_units == ["街道城管办"]


def word_with_strike(strike: bool) -> bytes:
    document = Document()
    document.add_paragraph("某街道2026年便民生活圈建设任务清单")
    document.add_paragraph("一、补齐基本业态")
    paragraph = document.add_paragraph("1.新建便民服务中心2个。牵头：街道经济办；配合：")
    run = paragraph.add_run("街道城管办")
    run.font.strike = strike
    paragraph.add_run("街道市场所；时限：2026年9月底前")
    struck = document.add_paragraph()
    struck.add_run("2.新增社区食堂3家。牵头：街道事务办；时限：2026年10月底前").font.strike = strike
    document.add_paragraph("3.布设智能快递柜。牵头：街道经济办；时限：2026年11月底前")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_run_set_in_strikethrough_is_deleted_text():
    plan = parse(read("清单.docx", word_with_strike(True)), YEAR)
    assert [item.number for item in plan.leaves()] == ["1.", "3."]
    assert plan.leaves()[0].fields.cooperating_units == ["街道市场所"]


def test_a_word_run_whose_strike_is_off_is_text():
    plan = parse(read("清单.docx", word_with_strike(False)), YEAR)
    assert [item.number for item in plan.leaves()] == ["1.", "2.", "3."]
    assert "街道城管办" in "".join(plan.leaves()[0].fields.cooperating_units)


@pytest.mark.parametrize("form", FORMS)
def test_a_struck_unit_in_a_table_cell_is_deleted(form):
    rows = [
        ["序号", "工作任务", "责任单位", "完成时限"],
        ["1", "新建便民服务中心2个", "~~街道城管办~~ 街道经济办", "~~2026年6月底前~~ 2026年9月底前"],
        ["2", "布设智能快递柜40组", "街道经济办", "2026年11月底前"],
    ]
    plan = form("\n".join(["某街道2026年便民生活圈建设任务清单", *("\t".join(row) for row in rows)]))
    item = plan.leaves()[0]
    assert (item.fields.responsible_units, item.fields.deadline) == (["街道经济办"], D(2026, 9, 30))
