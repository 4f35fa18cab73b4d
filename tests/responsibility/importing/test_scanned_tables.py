"""Tables on scanned pages: a ruled table (its grid found in the picture) and one set out with tab
stops (its columns found in the gaps), read as rows and columns and imported as items with units.

OCR may misread a character, so the checks are on the table's shape, the numbers and the units."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse

from responsibility.importing.document import Line, Table
from responsibility.importing.parse import parse
from responsibility.importing.readers import read

from .made import columns_image, need_ocr, official_pdf, scan_of
from .test_format_doors import imported

HEADER = ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]
RULED = [
    HEADER,
    ["1", "组织党工委理论学习中心组专题学法，全年不少于四次。", "党政办", "司法所", "2024年6月底"],
    ["2", "开展宪法宣传周系列活动，组织宪法进社区、进学校。", "司法所", "兴科社区", "2024年12月底"],
    ["3", "落实国家工作人员年度学法考试制度。", "党政办", "", "2024年11月底"],
]
TITLE = "回兴街道2024年普法依法治理任务分解表"


@pytest.fixture(scope="module")
def ruled_scan() -> bytes:
    need_ocr()
    return scan_of(official_pdf([f"<center>{TITLE}", "<table>", "回兴街道办事处"], table=RULED, page_numbers=False))


@pytest.fixture(scope="module")
def ruled(ruled_scan):
    return read("分解表扫描件.pdf", ruled_scan)


def tables(source) -> list[Table]:
    return [block for block in source.blocks if isinstance(block, Table)]


def test_a_scanned_ruled_table_is_read_as_its_rows_and_columns(ruled):
    (table,) = tables(ruled)
    assert len(table.rows) == 4 and {len(row) for row in table.rows} == {5}
    assert table.rows[0] == HEADER
    assert [row[0] for row in table.rows[1:]] == ["1", "2", "3"]
    assert [row[2:4] for row in table.rows[1:]] == [["党政办", "司法所"], ["司法所", "兴科社区"], ["党政办", ""]]


def test_a_cell_wrapped_over_lines_is_one_text(ruled):
    (table,) = tables(ruled)
    task = table.rows[1][1]
    assert "\n" not in task and task.startswith("组织党工委") and task.endswith("四次。")


def test_the_scanned_table_imports_as_items_with_their_units(ruled):
    parsed = parse(ruled, 2024)
    items = parsed.leaves()
    assert [node.number for node in items] == ["1", "2", "3"]
    assert [node.fields.lead_units for node in items] == [["党政办"], ["司法所"], ["党政办"]]
    assert [node.fields.cooperating_units for node in items] == [["司法所"], ["兴科社区"], []]
    assert "OCR" in parsed.warnings[0].message


def test_an_uploaded_scan_of_a_table_becomes_a_draft_marked_for_checking(
    cast, django_capture_on_commit_callbacks, ruled_scan
):
    browser, plan = imported(cast, django_capture_on_commit_callbacks, "分解表扫描件.pdf", ruled_scan)
    items = list(plan.items.filter(is_heading=False).order_by("order", "id"))
    assert [item.number for item in items] == ["1", "2", "3"]
    assert [item.lead_unit for item in items] == [cast.office_unit, cast.justice, cast.office_unit]
    assert set(items[1].cooperating_units.all()) == {cast.community}
    html = browser.get(reverse("plans:review", args=[plan.pk])).content.decode()
    problems = re.search(r'<section class="card" id="problems">.*?</section>', html, re.S).group(0)
    assert "第 1 页是扫描件，文字由 OCR 自动识别" in problems


# --- a table set out with tab stops, no rules -------------------------------------------------------

STOPS = [160, 340, 1000, 1300]
TABBED = [
    "回兴街道2024年普法重点任务",
    ["序号", "工作任务", "牵头单位", "完成时限"],
    ["1", "组织领导干部专题学法", "党政办", "6月底"],
    ["2", "开展宪法宣传周活动", "司法所", "12月底"],
    ["3", "组织年度学法考试", "兴科社区", "11月底"],
]


@pytest.fixture(scope="module")
def tabbed():
    need_ocr()
    out = io.BytesIO()
    columns_image(TABBED, STOPS).save(out, "PNG")
    return read("任务表.png", out.getvalue())


def test_a_scanned_table_set_out_with_tabs_is_read_as_its_rows_and_columns(tabbed):
    rows = [block.text.split("\t") for block in tabbed.blocks if isinstance(block, Line) and "\t" in block.text]
    assert rows[0] == ["序号", "工作任务", "牵头单位", "完成时限"]
    assert [row[0] for row in rows[1:]] == ["1", "2", "3"]
    assert [row[2] for row in rows[1:]] == ["党政办", "司法所", "兴科社区"]


def test_the_tabbed_scan_imports_as_items_with_their_units(tabbed):
    items = parse(tabbed, 2024).leaves()
    assert [node.number for node in items] == ["1", "2", "3"]
    assert [node.fields.lead_units for node in items] == [["党政办"], ["司法所"], ["兴科社区"]]


# --- the grid, found in the pixels (no OCR) ------------------------------------------------------------


def grid_image(merged_down: bool = False):
    """A 3 × 3 grid of 1-pixel rules at 200 dpi, its first column merged over the two lower rows if
    ``merged_down``, and a character's long stroke (一) inside the middle cell."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (1000, 700), 255)
    draw = ImageDraw.Draw(image)
    xs, ys = [100, 300, 600, 900], [100, 250, 400, 550]
    for y in ys:
        start = xs[1] if merged_down and y == ys[2] else xs[0]
        draw.line((start, y, xs[-1], y), fill=40)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=40)
    draw.rectangle((380, 320, 520, 326), fill=0)  # 一, 140 pixels long: not a rule
    return image


def test_the_grid_of_a_ruled_table_is_found_in_the_pixels():
    from responsibility.importing import scanned_tables

    (table,), rules = scanned_tables.find(grid_image(), 200 / 72)
    assert len(table.rows) == 3 and len(table.columns) == 3
    assert not any(rule.horizontal and rule.start >= 370 and rule.end <= 530 for rule in rules)
    erased = scanned_tables.erased(grid_image(), rules)
    assert erased.getpixel((200, 100)) == 255 and erased.getpixel((450, 323)) == 0  # the stroke stays


def test_a_cell_merged_down_gives_its_text_to_each_row_it_spans():
    from responsibility.importing import layout, scanned_tables

    (table,), _rules = scanned_tables.find(grid_image(merged_down=True), 200 / 72)
    rows = layout.table_rows(table, lambda cell: f"{int(cell[0])},{int(cell[1])}")
    assert [row[0] for row in rows] == ["100,100", "100,250", "100,250"]


def test_a_wide_gap_on_an_ocr_line_is_a_tab_but_a_letter_spaced_label_stays_one_word():
    from responsibility.importing.ocr import Word, _line

    def words(*placed):
        return [Word(text, left, 100, 40 * len(text), 40, line=()) for text, left in placed]

    assert _line(words(("1", 160), ("组织学法", 340), ("党政办", 1000)), 1.0).text == "1\t组织学法\t党政办"
    assert _line(words(("文", 160), ("号：", 300), ("某政发〔2020〕9号", 420)), 1.0).text == "文号：某政发〔2020〕9号"


# --- a column too narrow for more than a character or two a line -------------------------------------

# (width in pixels, the cell's lines) per column: 牵头领导 stands one character a line, as a clerk's
# narrow column wraps it, and so does each leader's name under it.
NARROW = [
    (120, [["序号"], ["1"], ["2"]]),
    (520, [["工作任务"], ["推进政务系统上云"], ["完成固定资产投资"]]),
    (70, [["牵", "头", "领", "导"], ["李", "明", "华"], ["王", "刚"]]),
    (130, [["责任", "单位"], ["经济", "发展", "办"], ["财政", "所"]]),
    (300, [["完成时限"], ["6月底前"], ["12月底前"]]),
]


def narrow_table_image(size: int = 44):
    """A white A4 page at 200 dpi with a ruled table of ``NARROW``'s columns, each cell's lines set
    one under the other at its top left, 16 pt as Word sets it, the edges soft as a scanner's."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    from .made import FONT, need_font

    need_font()
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size)
    pitch, pad = int(size * 1.4), 12
    heights = [max(len(cells[row]) for _width, cells in NARROW) * pitch + 2 * pad for row in range(3)]
    xs = [160]
    for width, _cells in NARROW:
        xs.append(xs[-1] + width)
    ys = [300]
    for height in heights:
        ys.append(ys[-1] + height)
    for y in ys:
        draw.line((xs[0], y, xs[-1], y), fill=0, width=2)
    for x in xs:
        draw.line((x, ys[0], x, ys[-1]), fill=0, width=2)
    for column, (_width, cells) in enumerate(NARROW):
        for row, lines in enumerate(cells):
            for index, text in enumerate(lines):
                draw.text((xs[column] + pad, ys[row] + pad + index * pitch), text, fill=0, font=font)
    return image.filter(ImageFilter.GaussianBlur(0.8))


@pytest.fixture(scope="module")
def narrow():
    need_ocr()
    out = io.BytesIO()
    narrow_table_image().save(out, "PNG")
    return read("目标任务表.png", out.getvalue())


def test_a_header_set_one_character_a_line_in_a_narrow_column_is_read_as_its_name(narrow):
    (table,) = tables(narrow)
    assert table.rows[0] == ["序号", "工作任务", "牵头领导", "责任单位", "完成时限"]


def test_the_narrow_columns_scan_imports_its_leaders_and_units(narrow):
    items = parse(narrow, 2024).leaves()
    assert [node.number for node in items] == ["1", "2"]
    assert [node.fields.lead_leaders for node in items] == [["李明华"], ["王刚"]]
    assert [node.fields.responsible_units for node in items] == [["经济发展办"], ["财政所"]]


def test_a_heading_between_two_tables_on_a_page_of_nothing_else_is_read():
    """With the tables blanked, the page holds one line (and no page number): Tesseract's reading
    of the page finds no text in it ("Empty page!!"; "（二）加强隐患排查" it reads, this line not)."""
    need_ocr()
    pdf = official_pdf(["<table>", "（三）公共安全监管", "<table>"], table=RULED[:2], page_numbers=False)
    source = read("两表.pdf", scan_of(pdf))
    assert [type(block).__name__ for block in source.blocks] == ["Table", "Line", "Table"]
    assert source.blocks[1].text.endswith("公共安全监管")


def _cell(*bars: tuple[int, int, int, int]):
    from PIL import Image, ImageDraw

    image = Image.new("L", (200, 200), 255)
    draw = ImageDraw.Draw(image)
    for bar in bars:
        draw.rectangle(bar, fill=0)
    return image


def test_two_or_three_bars_alone_in_a_cell_are_counted_as_er_and_san():
    from responsibility.importing import scanned_tables

    er = _cell((60, 80, 120, 84), (50, 112, 130, 116))  # 二: a shorter bar over a longer one
    san = _cell((60, 70, 120, 74), (65, 98, 115, 102), (50, 126, 130, 130))
    assert scanned_tables.bars(er, (0, 0, 200, 200), 200 / 72) == 2
    assert scanned_tables.bars(san, (0, 0, 200, 200), 200 / 72) == 3


def test_dashes_on_lines_of_their_own_a_line_of_text_and_one_bar_are_no_numeral():
    from responsibility.importing import scanned_tables

    dashes = _cell((80, 20, 110, 23), (80, 90, 110, 93))  # a line's pitch apart, more than a dash is wide
    text = _cell((40, 80, 160, 110))  # a band a line of print high
    one = _cell((60, 80, 120, 84))
    for image in (dashes, text, one):
        assert scanned_tables.bars(image, (0, 0, 200, 200), 200 / 72) is None
