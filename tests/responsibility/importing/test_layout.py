"""Putting paragraphs back from lines placed on pages, and taking the page headers and footers off:
the rules on hand-placed lines, whatever program drew them (a PDF's text layer, OCR)."""

from __future__ import annotations

import pytest

from responsibility.importing.document import Line, Table
from responsibility.importing.layout import (
    Frame,
    Page,
    TableBox,
    TextLine,
    blocks,
    drop_running_lines,
    join_cell_pieces,
    paragraphs,
)

SIZE = 16  # points: 三号, the body size of official documents
PITCH = 28  # a fixed 28 pt line
LEFT, RIGHT = 90.0, 506.0
WIDTH, HEIGHT = 595.0, 842.0


def line(text: str, row: int, *, indent: int = 0, full: bool = False, top: float | None = None) -> TextLine:
    """A line on the body's grid: ``indent`` characters in, ending at the right margin when ``full``
    (one character a 16 pt square otherwise)."""
    x0 = LEFT + indent * SIZE
    x1 = RIGHT if full else min(RIGHT, x0 + len(text) * SIZE)
    y = 100 + row * PITCH if top is None else top
    return TextLine(text, x0, x1, y, y + SIZE)


def page(number: int, *items, header: str = "", footer: str = "") -> Page:
    found = Page(number=number, width=WIDTH, height=HEIGHT, items=list(items))
    if header:
        found.items.insert(0, TextLine(header, 230, 370, 40, 40 + 10.5))
    if footer:
        found.items.append(TextLine(footer, 280, 320, 790, 790 + 14))
    return found


def texts(pages: list[Page]) -> list[str]:
    drop_running_lines(pages)
    found, _starts = blocks(pages)
    return [block.text if isinstance(block, Line) else block.rows for block in found]


# --- paragraphs -----------------------------------------------------------------------------------


def test_a_line_that_runs_to_the_margin_goes_on_in_the_next():
    found = texts([page(1, line("加强队伍建设，提升履职能", 0, indent=2, full=True), line("力和服务水平。", 1))])
    assert found == ["加强队伍建设，提升履职能力和服务水平。"]


def test_a_short_line_ends_its_paragraph():
    found = texts([page(1, line("各社区、各科室：", 0), line("现将有关事项通知如下。", 1))])
    assert found == ["各社区、各科室：", "现将有关事项通知如下。"]


def test_an_indented_line_starts_a_paragraph_after_a_full_one():
    first = line("深化改革举措，全面落实各项制度。", 0, full=True)
    found = texts([page(1, first, line("同时要加强督促检查。", 1, indent=2))])
    assert found == ["深化改革举措，全面落实各项制度。", "同时要加强督促检查。"]


def test_a_one_line_paragraph_filling_its_line_is_followed_by_the_next_paragraph():
    rows = [
        line("全面落实行政执法责任制，", 0, indent=2, full=True),
        line("加强执法监督，规范执法行为。", 1, indent=2),
        line("完善执法程序，细化裁量基准，", 2, indent=2, full=True),
        line("推行执法全过程记录。", 3),
    ]
    assert texts([page(1, *rows)]) == [
        "全面落实行政执法责任制，",
        "加强执法监督，规范执法行为。",
        "完善执法程序，细化裁量基准，推行执法全过程记录。",
    ]


def test_numbered_lines_always_start_a_paragraph():
    rows = [
        line("做好以下工作，推动各项任务", 0, full=True),
        line("一、强化组织领导", 1),
        line("要求各单位落实主体责任，对", 2, full=True),
        line("（一）健全工作机制", 3),
        line("推进依法决策，规范决策流程，", 4, full=True),
        line("3.完善合法性审查", 5),
    ]
    found = texts([page(1, *rows)])
    assert found == [
        "做好以下工作，推动各项任务",
        "一、强化组织领导",
        "要求各单位落实主体责任，对",
        "（一）健全工作机制",
        "推进依法决策，规范决策流程，",
        "3.完善合法性审查",
    ]


def test_an_assignment_label_after_a_full_stop_starts_a_paragraph():
    found = texts([page(1, line("开展普法宣传活动不少于十场。", 0, full=True), line("责任单位：司法所", 1))])
    assert found == ["开展普法宣传活动不少于十场。", "责任单位：司法所"]


def test_a_line_standing_clearly_lower_starts_a_paragraph():
    rows = [
        line("落实行政执法三项制度，规范", 0, full=True),
        line("执法程序，提升执法质量和效", 1, full=True),
        line("另起一段的文字从页边开始", 0, top=100 + 2 * PITCH + 24),
    ]
    found = texts([page(1, *rows)])
    assert found == ["落实行政执法三项制度，规范执法程序，提升执法质量和效", "另起一段的文字从页边开始"]


def test_latin_words_wrapped_over_a_line_keep_a_space():
    found = texts([page(1, line("系统支持 Word", 0, full=True), line("Excel 两种格式。", 1))])
    assert found == ["系统支持 Word Excel 两种格式。"]


def test_a_paragraph_cut_by_a_page_break_is_joined():
    cut = line("坚持问题导向，聚焦群众反映", 24, indent=2, full=True)
    pages = [
        page(1, line("一、总体要求", 0, indent=2), cut, footer="- 1 -"),
        page(2, line("强烈的突出问题，精准施策。", 0), line("二、重点任务", 1, indent=2), footer="- 2 -"),
    ]
    assert texts(pages) == ["一、总体要求", "坚持问题导向，聚焦群众反映强烈的突出问题，精准施策。", "二、重点任务"]


def test_each_paragraph_and_each_table_row_is_a_line_of_its_own():
    table = TableBox(rows=[["序号", "工作任务"], ["1", "开展培训"]], top=200, bottom=260, x0=LEFT, x1=RIGHT)
    pages = [page(1, line("一、重点工作", 0), table, line("二、保障措施", 7))]
    drop_running_lines(pages)
    found, starts = blocks(pages)
    assert [(type(block), block.line) for block in found] == [(Line, 1), (Table, 2), (Line, 4)]
    assert starts == {1: 1}


# --- headers and footers --------------------------------------------------------------------------


def body(number: int, *lines: TextLine, **margins) -> Page:
    return page(number, *lines, **margins)


def test_page_numbers_of_every_usual_kind_are_dropped():
    for footer in ("- 3 -", "— 3 —", "－3－", "第3页", "第 3 页 共 9 页", "共9页 第3页", "3/9", "Page 3 of 9"):
        found = texts([body(3, line("一、工作目标", 0), footer=footer)])
        assert found == ["一、工作目标"], footer


def test_a_header_repeated_on_every_page_is_dropped():
    pages = [body(n, line(f"{n}.第{n}项工作", 0), header="某某区人民政府办公室文件") for n in (1, 2, 3)]
    assert texts(pages) == ["1.第1项工作", "2.第2项工作", "3.第3项工作"]


def test_a_header_carrying_the_page_number_is_dropped_too():
    pages = [body(n, line(f"{n}.第{n}项工作", 0), header=f"2024年工作要点（第{n}页）") for n in (1, 2, 3)]
    assert texts(pages) == ["1.第1项工作", "2.第2项工作", "3.第3项工作"]


def test_a_header_on_one_page_only_is_kept():
    pages = [body(1, line("1.第1项工作", 0), header="某某街道办事处文件"), body(2, line("2.第2项工作", 0))]
    pages.append(body(3, line("3.第3项工作", 0)))
    assert texts(pages)[0] == "某某街道办事处文件"


def test_a_body_line_that_repeats_at_the_foot_of_pages_is_kept():
    pages = [body(n, line(f"{n}.第{n}项工作", 0), line("责任单位：党政办", 1)) for n in (1, 2, 3)]
    assert texts(pages).count("责任单位：党政办") == 3


def test_bare_page_numbers_counting_on_are_dropped():
    pages = [body(n, line(f"第{n}部分", 0), footer=str(n + 1)) for n in (1, 2, 3)]
    assert texts(pages) == ["第1部分", "第2部分", "第3部分"]


def test_a_lone_item_number_at_the_foot_of_a_page_is_text():
    """A flattened table puts the item's number on a line of its own: it is not a page number."""
    pages = [body(1, line("1.压减审批时限", 0), line("1", 1)), body(2, line("审批时限压缩一半。", 0), footer="- 2 -")]
    assert texts(pages) == ["1.压减审批时限", "1", "审批时限压缩一半。"]


# A paragraph whose first line runs to the right margin: the page's frame.
MARGIN = [line("深化改革举措，全面落实各项制度，", 0, full=True), line("确保取得实效。", 1)]


def test_a_line_ending_short_because_a_closing_mark_may_not_start_the_next_goes_on():
    # "…议事" / "会，全年…": the comma took "会" down with it, so the line above stops a character short.
    short = line("每个社区建立居民议事", 2, indent=2)
    short = TextLine(short.text, short.x0, RIGHT - 1.8 * SIZE, short.top, short.bottom)
    found = texts([page(1, *MARGIN, short, line("会，全年议事不少于6次。", 3))])
    assert found[1:] == ["每个社区建立居民议事会，全年议事不少于6次。"]


def test_a_line_ending_short_before_an_opening_mark_goes_on():
    short = line("大力推进", 2, indent=2)
    short = TextLine(short.text, short.x0, RIGHT - 2.5 * SIZE, short.top, short.bottom)
    found = texts([page(1, *MARGIN, short, line("“放管服”改革。", 3))])
    assert found[1:] == ["大力推进“放管服”改革。"]


def test_a_line_ending_short_before_a_character_an_opening_quote_holds_goes_on():
    # "…开展安全巡" / "查“三合一”场所": no break between "查" and "“", so both went down together.
    short = line("组织开展安全巡", 2, indent=2)
    short = TextLine(short.text, short.x0, RIGHT - 2.6 * SIZE, short.top, short.bottom)
    found = texts([page(1, *MARGIN, short, line("查“三合一”场所。", 3))])
    assert found[1:] == ["组织开展安全巡查“三合一”场所。"]


def test_a_sentence_ending_short_before_a_quoted_word_still_ends_its_paragraph():
    short = line("组织开展安全巡查。", 2, indent=2)
    short = TextLine(short.text, short.x0, RIGHT - 2.6 * SIZE, short.top, short.bottom)
    found = texts([page(1, *MARGIN, short, line("对“三合一”场所逐一登记。", 3))])
    assert found[1:] == ["组织开展安全巡查。", "对“三合一”场所逐一登记。"]


def test_a_short_line_followed_by_an_ordinary_line_still_ends_its_paragraph():
    short = line("各社区、各科室要高度重视", 2, indent=2)
    short = TextLine(short.text, short.x0, RIGHT - 1.8 * SIZE, short.top, short.bottom)
    found = texts([page(1, *MARGIN, short, line("现将有关事项通知如下。", 3))])
    assert found[1:] == ["各社区、各科室要高度重视", "现将有关事项通知如下。"]


def test_a_line_ending_short_before_a_unit_with_a_slash_goes_on():
    # "…不超过45微" / "克/升": no break before "/", so "克" went down with it.
    short = line("饮用水铅含量不超过45微", 2, indent=2)
    short = TextLine(short.text, short.x0, RIGHT - 2.2 * SIZE, short.top, short.bottom)
    found = texts([page(1, *MARGIN, short, line("克/升，每季度检测一次。", 3))])
    assert found[1:] == ["饮用水铅含量不超过45微克/升，每季度检测一次。"]


def test_a_sentence_ending_short_before_a_slashed_word_still_ends_its_paragraph():
    short = line("每季度检测一次水质。", 2, indent=2)
    short = TextLine(short.text, short.x0, RIGHT - 2.2 * SIZE, short.top, short.bottom)
    found = texts([page(1, *MARGIN, short, line("A/B类监测点每月抽检。", 3))])
    assert found[1:] == ["每季度检测一次水质。", "A/B类监测点每月抽检。"]


def test_a_line_ending_far_from_the_margin_does_not_go_on_even_before_a_comma():
    found = texts([page(1, *MARGIN, line("一是", 2, indent=2), line("要，加强领导。", 3))])
    assert found[1:] == ["一是", "要，加强领导。"]


@pytest.mark.parametrize("note", ["（满分100分）", "（总分：100分）", "(满分 120 分)"])
def test_a_points_note_under_a_title_is_not_the_titles_end(note):
    title = line("某镇2025年度村级组织目标管理考核细则", 0, full=True)
    assert texts([page(1, title, line(note, 1))]) == ["某镇2025年度村级组织目标管理考核细则", note]


def test_a_title_wrapped_before_its_bracketed_years_is_one_title():
    title = line("某县乡村振兴发展规划", 0, full=True)
    assert texts([page(1, title, line("（2025—2027年）", 1))]) == ["某县乡村振兴发展规划（2025—2027年）"]


# --- a flattened table's cell that ran to the margin ----------------------------------------------
# One cell a line: the layout cannot tell a cell that filled the width by chance from a wrapped one,
# so it joins the next cell on; the flattened table, one cell short in that row, takes it back.

FLAT_HEADER = ["序号", "项目名称", "建设内容", "牵头单位", "责任单位", "完成时限"]


def flat_table(second_row: list[TextLine]) -> list:
    rows = [line(word, index) for index, word in enumerate(FLAT_HEADER)]
    first = ["1", "老旧小区改造", "改造小区3个", "城建办", "枣园社区", "11月底前"]
    rows += [line(text, 6 + index) for index, text in enumerate(first)]
    rows += [line("2", 12), line("社区食堂建设", 13), *second_row]
    rows += [line("3", 20), line("路灯亮化", 21), line("新增路灯120盏", 22), line("城管办", 23), line("执法中队", 24)]
    rows.append(line("6月底前", 25))
    return rows


def flat_rows(second_row: list[TextLine]) -> tuple[list[list[str]], list]:
    from responsibility.importing import flattened

    warnings: list = []
    found, _starts = blocks([page(1, *flat_table(second_row))])
    [table] = [block for block in flattened.rebuild(found, warnings) if isinstance(block, Table)]
    return table.rows, warnings


def test_a_flattened_cell_that_filled_the_width_gives_back_the_next_cell():
    second = [line("新建老年食堂2个，日均服务老人150人次", 14, full=True), line("社事办", 15), line("民政科", 16)]
    second.append(line("9月底前", 17))
    assert blocks([page(1, *second)])[0][0].wraps == ("新建老年食堂2个，日均服务老人150人次", "社事办")
    rows, warnings = flat_rows(second)
    assert rows[2] == ["2", "社区食堂建设", "新建老年食堂2个，日均服务老人150人次", "社事办", "民政科", "9月底前"]
    assert not warnings


def test_a_flattened_cell_really_wrapped_keeps_its_end_when_a_unit_cell_was_empty():
    # The 建设内容 wraps; the row's 责任单位 is empty, so it is one cell short: the wrapped end is no unit.
    second = [line("新建老年食堂2个，日均服务老人不少于", 14, full=True), line("150人次。", 15)]
    second += [line("社事办", 16), line("9月底前", 17)]
    rows, warnings = flat_rows(second)
    assert rows[2] == ["2", "社区食堂建设", "新建老年食堂2个，日均服务老人不少于150人次。", "社事办", "", "9月底前"]
    assert [warning.line for warning in warnings] == [13]


def test_a_line_the_layout_never_joined_is_not_split():
    assert blocks([page(1, line("社区食堂建设", 0), line("社事办", 1))])[0][0].wraps == ()


# --- a table cell's lines -------------------------------------------------------------------------

CELL = Frame(300.0, 364.0)  # a narrow 配合单位 cell: four characters a line


def cell_line(text: str, row: int) -> TextLine:
    x0 = CELL.left
    return TextLine(text, x0, x0 + len(text) * SIZE, 100 + row * PITCH, 100 + row * PITCH + SIZE)


@pytest.mark.parametrize(
    "drawn, names",
    [
        (["县民政局", "县财政局"], ["县民政局", "县财政局"]),
        (["各村民委", "会", "各村股份", "经济合作", "社"], ["各村民委会", "各村股份经济合作社"]),
        (["镇农业办", "镇规划所", "镇财政所"], ["镇农业办", "镇规划所", "镇财政所"]),
    ],
)
def test_unit_names_one_under_another_in_a_narrow_cell_stay_apart(drawn, names):
    # Each line fills the cell, as a wrapped name's would; each begins again as the first did.
    assert paragraphs([cell_line(text, row) for row, text in enumerate(drawn)], CELL) == names


@pytest.mark.parametrize(
    "drawn, text",
    [
        (["县住房和", "城乡建设", "局"], "县住房和城乡建设局"),  # one name wrapped inside
        (["县财政局", "县级配套", "资金按时", "拨付"], "县财政局县级配套资金按时拨付"),  # a sentence with a unit first
        (["市场监管", "局市场所"], "市场监管局市场所"),  # no level begins it
    ],
)
def test_a_name_or_sentence_wrapped_in_a_narrow_cell_stays_one_text(drawn, text):
    assert paragraphs([cell_line(text_, row) for row, text_ in enumerate(drawn)], CELL) == [text]


def test_a_cell_that_a_page_cut_between_two_names_keeps_them_apart():
    assert join_cell_pieces("各村民委会", "各村股份经济合作社") == "各村民委会\n各村股份经济合作社"
    assert join_cell_pieces("县财政局负责", "县级配套资金") == "县财政局负责县级配套资金"
    assert join_cell_pieces("县住房和城乡", "建设局") == "县住房和城乡建设局"
