"""Shapes of the sixty-eighth held-out set (d564's PDF, d565, d566) the importer did not follow, in made-up words,
one section per cause: a field line whose fields stand apart by full-width spaces and whose time is a span under
起止时间 ("起止时间：2026年4月—2026年9月": its end is the deadline, and the label no cooperating unit's name); a quarter
heading without a number, its months in brackets after it ("第二季度（4—6月）", a Markdown "## " before it or not),
over numbered items: a heading whose items are due at the quarter's end; and a PDF line that ends short because
the Latin code opening the next line ("K027线") could not be broken: one paragraph."""

from __future__ import annotations

import datetime

import pytest

from responsibility.importing.document import Line
from responsibility.importing.layout import Page, TextLine, blocks, drop_running_lines
from tests.responsibility.importing.made import md_reader, readers

YEAR = 2026
D = datetime.date
as_txt, as_paste, as_docx = readers(YEAR)
as_md = md_reader(YEAR)
TEXT_FORMS = [as_txt, as_paste, as_docx]


def effective_deadline(plan, item):
    """The item's deadline, or the nearest heading's above it that gives one (as ``build`` inherits it)."""
    chain = []
    for found, _depth in plan.walk():
        chain = [*chain[:_depth], found]
        if found is item:
            break
    return next((node.fields.deadline for node in reversed(chain) if node.fields.deadline), None)


# --- three fields apart by full-width spaces, the time a span -------------------------------------------------


def spaced_plan(time_line: str) -> str:
    return "\n".join(
        [
            "桐岭乡2026年河道保洁行动方案",
            "为改善河道环境，制定本方案。",
            "一、重点任务",
            "（一）清理河道漂浮物。清理河道12公里。",
            f"主办单位：乡水利站　协办单位：乡财政所、各行政村　{time_line}",
            "（二）整治沿河堆放。拆除违规堆放点30处。",
            "主办单位：乡建设办　协办单位：各行政村　起止时间：2026年5月1日—2026年10月15日",
        ]
    )


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_span_under_its_label_after_full_width_spaces_ends_on_the_deadline(form):
    items = form(spaced_plan("起止时间：2026年4月—2026年9月")).leaves()
    assert [item.fields.deadline for item in items] == [D(2026, 9, 30), D(2026, 10, 15)]
    # The label and its span are no cooperating unit's name.
    assert [item.fields.cooperating_units for item in items] == [["乡财政所", "各行政村"], ["各行政村"]]


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_span_with_only_its_start_under_the_label_is_no_deadline(form):
    # The opposite: "2026年4月起，长期坚持" names when the work begins and that it goes on, never a day it is due by.
    items = form(spaced_plan("起止时间：2026年4月起，长期坚持")).leaves()
    assert items[0].fields.deadline is None
    assert items[0].fields.ongoing
    assert items[0].fields.cooperating_units == ["乡财政所", "各行政村"]


# --- a quarter heading with its months in brackets ------------------------------------------------------------


QUARTERS = """石桥社区2026年志愿服务工作计划

为做好全年志愿服务工作，现按季度安排如下。

{mark}第一季度（1—3月）

1. 组建楼栋志愿服务小队，新增志愿者40名。——社区居委会负责
2. 开展邻里互助结对活动。——社区居委会负责，各网格配合

{mark}第二季度（4—6月）

3. 举办志愿者技能培训3期。——社区党委负责
4. 完成志愿服务积分兑换点建设。——社区居委会负责

{mark}第三季度（7—9月）

5. 开展暑期青少年托管服务。——社区党委负责
"""


@pytest.mark.parametrize("form, mark", [(as_md, "## "), (as_txt, "## "), (as_txt, ""), (as_paste, ""), (as_docx, "")])
def test_a_quarter_heading_with_its_months_in_brackets_gives_its_items_the_quarters_end(form, mark):
    plan = form(QUARTERS.format(mark=mark))
    assert [node.title for node in plan.roots] == ["第一季度（1—3月）", "第二季度（4—6月）", "第三季度（7—9月）"]
    items = plan.leaves()
    assert [item.number for item in items] == ["1.", "2.", "3.", "4.", "5."]
    assert [effective_deadline(plan, item) for item in items] == [
        D(2026, 3, 31),
        D(2026, 3, 31),
        D(2026, 6, 30),
        D(2026, 6, 30),
        D(2026, 9, 30),
    ]
    assert "第二季度" not in items[1].content  # the next quarter's line is no part of the item above it


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_quarter_stage_with_its_months_under_an_item_stays_a_stage(form):
    # The opposite: "第二季度（4—6月）：完成…" under an item's text says what is done then, a stage of that item,
    # no heading over the items after it.
    plan = form(
        "\n".join(
            [
                "石桥社区2026年重点工作",
                "一、重点任务",
                "1.建设社区食堂。",
                "第一季度（1—3月）：完成选址。",
                "第二季度（4—6月）：建成运营。",
                "牵头单位：社区居委会",
                "2.开展适老化改造20户。",
                "牵头单位：社区党委",
            ]
        )
    )
    assert [node.title for node in plan.roots] == ["重点任务"]
    assert [item.number for item in plan.leaves()] == ["1.", "2."]


# --- a Latin code the line could not break ---------------------------------------------------------------------

SIZE = 16
LEFT, RIGHT = 90.0, 506.0


def line(text: str, row: int, *, indent: int = 0, right: float | None = None) -> TextLine:
    x0 = LEFT + indent * SIZE
    y = 100 + row * 28
    return TextLine(text, x0, right if right is not None else min(RIGHT, x0 + len(text) * SIZE), y, y + SIZE)


def texts(*lines: TextLine) -> list[str]:
    pages = [Page(number=1, width=595.0, height=842.0, items=list(lines))]
    drop_running_lines(pages)
    found, _starts = blocks(pages)
    return [block.text for block in found if isinstance(block, Line)]


MARGIN = [line("深化改革举措，全面落实各项制度，", 0, right=RIGHT), line("确保取得实效。", 1)]


def test_a_line_ending_short_before_a_latin_code_goes_on():
    # "…改造省道S215线、县道" / "K027线…": the code "K027" is one word, so it went down whole.
    short = line("完成省道S215线、县道", 2, indent=2, right=RIGHT - 1.6 * SIZE)
    found = texts(*MARGIN, short, line("K027线等路段改造30公里。", 3))
    assert found[1:] == ["完成省道S215线、县道K027线等路段改造30公里。"]


def test_a_sentence_ending_short_before_a_latin_code_still_ends_its_paragraph():
    # The opposite: a sentence that ended is no line a code took the end of.
    short = line("完成县道路面改造。", 2, indent=2, right=RIGHT - 1.6 * SIZE)
    found = texts(*MARGIN, short, line("K027线等路段同步实施。", 3))
    assert found[1:] == ["完成县道路面改造。", "K027线等路段同步实施。"]
