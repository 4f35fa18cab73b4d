"""What the last review of the merge left (issue 14): one helper for "this text says when, in any year"; the
reading as written in a module of its own; a PDF's table cleaning its own empty cells; a month's line of
spaces read in linear time; and English glued to Chinese in a plan whose translations stand after a space is
no translation."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing import fields as phrases
from responsibility.importing import pdf
from responsibility.importing.document import Line, Source
from responsibility.importing.parse import DATED_LEAD_RE
from responsibility.importing.tables import find_header
from responsibility.importing.written import without_translations
from tests.responsibility.importing.made import md_reader

from .test_held_out55_text_shapes import BILINGUAL, source_of

YEAR = 2026
D = datetime.date
as_md = md_reader(YEAR)


# --- when, in any year ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2025年12月底前", "9月底前", "三季度", "长期坚持", "每季度公开一次", "2月29日前"])
def test_a_phrase_of_when_names_a_schedule_in_any_year(text):
    assert phrases.names_schedule(text)


def test_a_leap_day_is_a_date_in_any_year_though_not_in_this_one():
    assert phrases.parse_schedule("2月29日前", 2025).deadline is None
    assert phrases.schedule_in_any_year("2月29日前").deadline == D(phrases.ANY_LEAP_YEAR, 2, 29)


@pytest.mark.parametrize("text", ["县水利局负责", "完成农村公路改造120公里", "各乡镇"])
def test_who_or_what_names_no_schedule(text):
    assert not phrases.names_schedule(text)


def test_going_on_is_a_schedule_without_a_deadline():
    schedule = phrases.schedule_in_any_year("长期坚持")
    assert schedule.ongoing and schedule.deadline is None


def test_a_compact_assignments_part_names_a_day_to_finish_by_in_the_plans_year():
    # The festival table holds the plan's year, not the any-year reading's 2000.
    assert phrases._names_deadline("春节前，每月一次", 2026)
    assert phrases._names_deadline("9月底前", None)
    assert not phrases._names_deadline("长期坚持", 2026)


# --- a PDF's table cleans its own cells -------------------------------------------------------------------


class _Table:
    def __init__(self, rows):
        self.rows = rows

    def extract(self):
        return self.rows


def test_a_pdf_box_under_a_merged_cell_is_a_blank_cell():
    # pdfplumber gives None for the cells under a merged one; the header is found as with "".
    table = _Table(
        [["回兴街道工作要点责任分解表", None, None], ["序号", "工作任务", "牵头单位"], ["1", None, "司法所"]]
    )
    assert pdf._cell_texts(table)[0] == ["回兴街道工作要点责任分解表", "", ""]
    assert find_header(pdf._cell_texts(table)) == (1, {"number": 0, "title": 1, "lead_units": 2})


def test_a_row_of_blanks_and_one_column_is_still_no_header():
    assert find_header(pdf._cell_texts(_Table([["工作任务", None], [None, "普法"]]))) is None


# --- a month's line of spaces -----------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["1月" + " " * 5000 + "召开会议", "6月" + " " * 5000, "3月底" + "\u3000" * 3000 + "x"])
def test_a_month_and_a_run_of_spaces_with_no_colon_is_no_dated_lead(line):
    assert DATED_LEAD_RE.match(line) is None


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("1月  ：召开会议", "1月  "),
        ("3月上旬 ：开展检查", "3月上旬"),
        ("6月底前　：完成验收", "6月底前"),
        ("7—8月：巡查", "7—8月"),
    ],
)
def test_a_month_spaces_and_a_colon_still_lead_the_task(line, when):
    assert DATED_LEAD_RE.match(line).group("when") == when


# --- English glued to Chinese in a plan that sets its translations apart ---------------------------------

# The plan's translations stand after a space; its third item names an English corner, no translation.
GLUED = [
    *BILINGUAL[:16],
    "3. 在社区启动English Corner",
    "   Launch an English corner in the community.",
    *BILINGUAL[15:],
]


def test_english_glued_to_chinese_in_a_plan_that_spaces_its_translations_is_kept():
    titles = [leaf.title for leaf in as_md("\n".join(GLUED)).leaves()]
    assert titles == ["培育跨境电商企业20家", "建成5G智慧港口APP，推进PPP项目落地", "在社区启动English Corner"]
    lines = without_translations(source_of(GLUED)).blocks
    assert lines[16].text == "3. 在社区启动English Corner"
    assert lines[7].text == "   - 牵头单位：商务局"


def test_a_spaced_translation_in_the_same_plan_is_still_left_out():
    lines = [*GLUED[:16], "3. 在社区启动外语角 Launch an English corner", *GLUED[17:]]
    assert without_translations(source_of(lines)).blocks[16].text == "3. 在社区启动外语角"


def test_a_pdfs_text_that_lost_every_space_before_its_translations_is_still_read_in_chinese():
    # A PDF's text layer runs every translation on to the Chinese; the plan is read as its lines say.
    lines = [
        "一、提升外贸发展质量I.Improving Foreign Trade",
        "1.培育跨境电商企业20家。",
        "-牵头单位Lead unit：商务局Commerce Bureau",
        "-配合单位Cooperating units：海关办事处Customs",
        "Office；税务分局Tax Branch",
        "-完成时限Deadline：2026年9月30日September 30, 2026",
    ]
    source = Source(name="计划.pdf", kind="pdf", blocks=[Line(text, n) for n, text in enumerate(lines, 1)])
    texts = [block.text for block in without_translations(source).blocks]
    assert texts[:4] == [
        "一、提升外贸发展质量",
        "1.培育跨境电商企业20家。",
        "-牵头单位：商务局",
        "-配合单位：海关办事处；税务分局",
    ]
