"""PDFs with a text layer, made by LibreOffice from Word documents the tests build: paragraphs as
Word had them, across pages; page headers, footers and numbers gone; ruled tables as tables."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from responsibility.importing.document import ImportRejected, Line, Table
from responsibility.importing.parse import parse
from responsibility.importing.readers import check, read

from .made import convert, official_docx, official_pdf

HEADER = "某区人民政府办公室"
LONG = "围绕中心服务大局，依法履职尽责，加强统筹协调，细化工作措施，压实工作责任，" * 3
PLAN = [
    "<center>某区2024年法治政府建设工作要点",
    "各街道、各部门：",
    "一、总体要求",
    "坚持以人民为中心，推进严格规范公正文明执法，" + "不断提升法治政府建设水平，" * 4 + "为高质量发展提供法治保障。",
    "二、重点任务",
    *[
        text
        for number in range(1, 8)
        for text in (
            f"{number}.推进第{number}项重点工作。" + LONG[: 30 * number] + "确保任务落实。",
            "牵头单位：区司法局" if number % 2 else "责任单位：区政务服务中心、各街道",
        )
    ],
    "三、保障措施",
    "加强组织领导，各单位要把法治政府建设摆在突出位置。",
    "区人民政府办公室",
    "2024年3月1日",
]


def lines(source) -> list[str]:
    return [block.text for block in source.blocks if isinstance(block, Line)]


@pytest.fixture(scope="module")
def plan_pdf() -> bytes:
    return official_pdf(PLAN, header=HEADER)


@pytest.fixture(scope="module")
def plan(plan_pdf):
    return read("要点.pdf", plan_pdf)


def test_the_pdf_has_several_pages_with_a_header_and_numbers(plan_pdf):
    with pdfplumber.open(io.BytesIO(plan_pdf)) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    assert len(texts) >= 2
    assert all(HEADER in text and f"- {number} -" in text for number, text in enumerate(texts, 1))


def test_each_paragraph_comes_out_whole_as_word_had_it(plan):
    expected = [text.removeprefix("<center>") for text in PLAN]
    assert lines(plan) == expected
    assert plan.kind == "pdf"


def test_page_headers_and_numbers_are_dropped(plan):
    text = plan.text
    assert HEADER not in text.replace("区人民政府办公室\n2024", "")  # the 落款 is the body's
    assert "- 1 -" not in text and "- 2 -" not in text


def test_a_paragraph_cut_by_a_page_break_is_one_line(plan_pdf, plan):
    with pdfplumber.open(io.BytesIO(plan_pdf)) as pdf:
        first_page = pdf.pages[0].extract_text_lines()
        second_page = pdf.pages[1].extract_text_lines()
    last_body, next_body = first_page[-2]["text"], second_page[1]["text"]  # inside the header and footer
    cut = next(text for text in lines(plan) if last_body.replace(" ", "") in text)
    assert next_body.replace(" ", "") in cut, "the test document must have a paragraph running over the break"


def test_line_numbers_are_paragraphs_for_the_review_page(plan):
    numbered = [(block.line, block.text) for block in plan.blocks]
    assert [number for number, _ in numbered] == list(range(1, len(PLAN) + 1))
    assert plan.text.split("\n")[2] == "一、总体要求"


def test_the_pdf_parses_into_the_plans_items(plan):
    items = [node for node in parse(plan, 2024).leaves() if node.number[0].isdigit()]
    assert [node.title for node in items] == [f"推进第{number}项重点工作" for number in range(1, 8)]
    assert items[0].fields.lead_units == ["区司法局"]
    assert items[1].fields.responsible_units == ["区政务服务中心", "各街道"]


# --- tables ---------------------------------------------------------------------------------------

ROWS = [["序号", "工作任务", "牵头单位", "完成时限"]] + [
    [str(number), f"落实第{number}项任务，" + "细化工作措施，" * (number % 3 + 1), "区司法局", "2024年12月底前"]
    for number in range(1, 31)
]


@pytest.fixture(scope="module")
def table_source():
    return read("分解表.pdf", official_pdf(["某区重点任务分解表", "<table>", "区司法局", "2024年3月1日"], table=ROWS))


def test_a_ruled_table_is_a_table_of_its_cells(table_source):
    tables = [block for block in table_source.blocks if isinstance(block, Table)]
    assert len(tables) == 1 and tables[0].rows[:2] == ROWS[:2]


def test_a_table_running_over_pages_is_one_table_with_every_row_once(table_source):
    (table,) = [block for block in table_source.blocks if isinstance(block, Table)]
    assert table.rows == ROWS


def test_each_table_row_is_a_line_of_the_review_text(table_source):
    text_lines = table_source.text.split("\n")
    assert text_lines[0] == "某区重点任务分解表"
    assert text_lines[1] == "\t".join(ROWS[0]) and text_lines[2] == "\t".join(ROWS[1])
    assert text_lines[len(ROWS) + 1] == "区司法局"


def test_a_pdf_table_becomes_the_plans_items(table_source):
    parsed = parse(table_source, 2024)
    assert len(parsed.leaves()) == 30
    assert parsed.leaves()[4].fields.lead_units == ["区司法局"]
    assert parsed.leaves()[4].title.startswith("落实第5项任务")


def test_a_framed_note_of_one_column_is_text_not_a_table():
    note = [["注："], ["请各单位于每月5日前报送进展。"]]
    source = read("通知.pdf", official_pdf(["一、工作要求", "<table>", "二、保障措施"], table=note))
    assert lines(source) == ["一、工作要求", "注：", "请各单位于每月5日前报送进展。", "二、保障措施"]


# --- refusals -------------------------------------------------------------------------------------


def refusal(name: str, data: bytes, reader=read) -> str:
    with pytest.raises(ImportRejected) as caught:
        reader(name, data)
    return caught.value.message


def test_a_pdf_with_an_opening_password_is_refused_saying_so():
    options = '{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"x"}}'
    data = convert(official_docx(["一、总体要求"]), ".docx", f"pdf:writer_pdf_Export:{options}")
    for reader in (check, read):
        assert refusal("加密.pdf", data, reader) == "文件“加密.pdf”设置了打开密码，无法读取。请去掉密码后再导入。"


def test_a_pdf_over_the_page_limit_is_refused_on_the_form(settings, plan_pdf):
    settings.IMPORT_MAX_PAGES = 1
    message = refusal("要点.pdf", plan_pdf, check)
    assert "超过导入上限 1 页" in message and "要点.pdf" in message


def test_reading_stops_at_the_time_limit(settings, plan_pdf):
    settings.IMPORT_TIME_LIMIT = 0
    assert "超过时间上限（0 秒）" in refusal("要点.pdf", plan_pdf)


def test_a_truncated_pdf_is_refused_as_damaged(plan_pdf):
    assert "不是有效的 PDF 文件" in refusal("要点.pdf", plan_pdf[: len(plan_pdf) // 3])


def test_a_pdf_named_docx_is_read_as_a_pdf(plan_pdf):
    assert lines(read("要点.docx", plan_pdf))[0] == "某区2024年法治政府建设工作要点"


# --- a table row the page break cuts --------------------------------------------------------------


def _over_pages(*tables: list[list[str]]) -> list[list[str]]:
    """The rows of ``tables`` drawn one per page, each page's table starting at its top."""
    from responsibility.importing.layout import Page, TableBox
    from responsibility.importing.pdf import _join_tables

    pages = [
        Page(number=number, width=595, height=842, items=[TableBox(rows=rows, top=72, bottom=770, x0=85, x1=510)])
        for number, rows in enumerate(tables, start=1)
    ]
    _join_tables(pages)
    return pages[0].items[0].rows


SYSTEM_HEADER = ["一级指标", "二级指标", "考核内容", "分值"]


def test_a_row_cut_inside_a_bracketed_heading_is_joined_and_its_group_keeps_the_whole_heading():
    rows = _over_pages(
        [SYSTEM_HEADER, ["组织保障（20", "队伍", "配齐专职人员", "1"]],
        [SYSTEM_HEADER, ["分）", "建设", "2名以上", "0"], ["分）", "经费保障", "列入年度预算", "10"]],
    )
    assert rows[1:] == [
        ["组织保障（20分）", "队伍建设", "配齐专职人员2名以上", "10"],
        ["组织保障（20分）", "经费保障", "列入年度预算", "10"],
    ]


def test_a_heading_merged_on_over_the_page_does_not_glue_the_next_row_to_the_last():
    rows = _over_pages(
        [
            SYSTEM_HEADER,
            ["平安建设（15分）", "矛盾调解", "调解成功率达到95%", "8"],
            ["平安建设（15分）", "禁毒", "无新增吸毒人员", "7"],
        ],
        [SYSTEM_HEADER, ["", "消防安全", "不发生较大火灾", "5"]],
    )
    assert [row[1] for row in rows[1:]] == ["矛盾调解", "禁毒", "消防安全"]


def test_a_numbered_row_cut_by_the_page_is_still_joined():
    header = ["序号", "工作任务", "责任单位"]
    rows = _over_pages(
        [header, ["1", "推进老旧小区", "住建局"]], [header, ["", "改造", ""], ["2", "建设停车场", "城管局"]]
    )
    assert rows[1:] == [["1", "推进老旧小区改造", "住建局"], ["2", "建设停车场", "城管局"]]


def test_a_heading_row_wrapped_over_the_page_is_one_heading():
    header = ["序号", "问题清单", "整改措施", "责任科室"]
    rows = _over_pages(
        [header, ["1", "台账不全", "补齐台账", "办公室"], ["二、落实安全生产", "", "", ""]],
        [header, ["监管责任方面", "", "", ""], ["2", "巡查不到位", "每周巡查", "安监股"]],
    )
    assert rows[1:] == [
        ["1", "台账不全", "补齐台账", "办公室"],
        ["二、落实安全生产监管责任方面", "", "", ""],
        ["2", "巡查不到位", "每周巡查", "安监股"],
    ]


def test_only_the_rest_of_a_heading_goes_on_from_a_heading_cut_by_the_page():
    header = ["序号", "问题清单", "责任科室"]
    # a heading of its own on the new page (its number says so); a row after a heading that ended
    # its sentence
    for above, first in (
        (["三、履行监管职责", "", ""], ["四、其他方面", "", ""]),
        (["一、见附表。", "", ""], ["注意事项", "", ""]),
    ):
        rows = _over_pages([header, list(above)], [header, list(first)])
        assert rows[1:] == [above, first]


def test_a_category_row_with_its_points_cut_by_the_page_after_its_number_is_one_heading():
    header = ["序号", "考核内容", "分值", "评分标准"]
    rows = _over_pages(
        [header, ["1", "落实领导责任制", "10", "每少1次扣2分。"], ["（二）", "", "30", ""]],
        [header, ["矛盾纠纷化解", "", "", ""], ["2", "做好信访工作", "15", "每起扣5分。"]],
    )
    assert rows[1:] == [
        ["1", "落实领导责任制", "10", "每少1次扣2分。"],
        ["（二）矛盾纠纷化解", "", "30", ""],
        ["2", "做好信访工作", "15", "每起扣5分。"],
    ]


def test_a_row_of_words_beside_its_points_is_no_heading_the_page_cut():
    header = ["序号", "考核内容", "分值", "评分标准"]
    # a row with a sentence beside its points (a rule, not a category's name), and an item's own number
    for above in (["（二）", "加强宣传", "30", ""], ["2", "", "30", ""]):
        rows = _over_pages([header, list(above)], [header, ["矛盾纠纷化解", "", "", ""]])
        assert rows[1:] == [above, ["矛盾纠纷化解", "", "", ""]]


def test_a_category_blank_below_its_first_row_does_not_make_the_next_pages_first_row_a_cut_one():
    header = ["类别", "序号", "工作任务", "牵头单位"]
    rows = _over_pages(
        [
            header,
            ["产业", "1", "建设冷链仓库", "商务局"],
            ["", "2", "培育龙头企业", "农业局"],
            ["生态", "3", "造林2千亩", "林业局"],
        ],
        [header, ["", "4", "治理河道", "水利局"], ["", "5", "清理垃圾", "城管局"]],
    )
    assert [row[1] for row in rows[1:]] == ["1", "2", "3", "4", "5"]
    assert rows[3:] == [
        ["生态", "3", "造林2千亩", "林业局"],
        ["", "4", "治理河道", "水利局"],
        ["", "5", "清理垃圾", "城管局"],
    ]


# --- a header repeated one line high over a narrow column, a merged cell cut by a rule --------------


def _drawn(texts: list[str], top: float, x0: float = 200.0, pitch: float = 28.0) -> list:
    """A cell's lines as a PDF draws them: 16 points high, one under the other at ``pitch``."""
    from responsibility.importing.layout import TextLine

    return [
        TextLine(text, x0, x0 + 16 * len(text), top + pitch * n, top + pitch * n + 16) for n, text in enumerate(texts)
    ]


CATEGORY_HEADER = ["序号", "工作类别", "具体任务", "责任单位"]


def _spilled_page(category_lines: list[str]) -> tuple[list[list[str]], list]:
    """The next page's header cut to one line ("工" of 工作类别) and a row whose category cell has the
    header's other characters drawn over the start of its lines."""
    from responsibility.importing.layout import join

    cell = _drawn(category_lines, 107)
    rows = [["序号", "工", "具体任务", "责任单位"], ["3", join(cell), "修建村道", "交通局"]]
    return rows, [[[], [], [], []], [[], cell, [], []]]


def test_a_cut_headers_words_spilled_one_a_line_over_a_cell_are_taken_off_each_line():
    from responsibility.importing.layout import TableBox
    from responsibility.importing.pdf import _append_rows

    table = TableBox(rows=[CATEGORY_HEADER, ["1", "生态保护", "植树造林", "林业局"]], top=0, bottom=0)
    rows, lines = _spilled_page(["作乡", "类村", "别振", "兴"])
    _append_rows(table, rows, lines)
    assert table.rows[2:] == [["3", "乡村振兴", "修建村道", "交通局"]]


@pytest.mark.parametrize(
    "category_lines",
    [
        ["类型", "多样"],  # starts like the spilled words, but its lines do not take them all
        ["乡村", "振兴"],  # no spilled word on its lines
        ["作乡村振兴"],  # one line: the spill would be at its start, read whole by the older rule
    ],
)
def test_a_cell_whose_lines_do_not_carry_the_spilled_words_keeps_its_text(category_lines):
    from responsibility.importing.layout import TableBox, join
    from responsibility.importing.pdf import _append_rows

    table = TableBox(rows=[CATEGORY_HEADER, ["1", "生态保护", "植树造林", "林业局"]], top=0, bottom=0)
    rows, lines = _spilled_page(category_lines)
    _append_rows(table, rows, lines)
    whole = join(_drawn(category_lines, 107))
    assert table.rows[2][1] == (whole[len("作类别") :] if whole.startswith("作类别") else whole)


def _cut_table(upper: list[str], lower: list[str], *, merged_below: bool = True, lower_box_end: float = 382.0):
    """Two rows of a table, the category column's cells 101–241 and 241–382, its texts run on from the
    top of each; a third row whose category is merged down over a fourth (so the column is one of merged
    cells) unless ``merged_below`` is false."""
    boxes = [[(85, 101, 198, 241), (198, 101, 233, 241)], [(85, 241, 198, 382), (198, 241, 233, lower_box_end)]]
    lines = [[_drawn(["3"], 107.5, 90), _drawn(upper, 107.5)], [_drawn(["4"], 247.5, 90), _drawn(lower, 247.5)]]
    boxes += [[(85, 382, 198, 494), (198, 382, 233, 523) if merged_below else (198, 382, 233, 494)]]
    boxes += [[(85, 494, 198, 523), None if merged_below else (198, 494, 233, 523)]]
    lines += [[_drawn(["5"], 388.5, 90), _drawn(["教", "育"], 388.5)], [_drawn(["6"], 500.5, 90), []]]
    return boxes, lines


def _join_cut(boxes, lines) -> list[str]:
    from types import SimpleNamespace

    from responsibility.importing.layout import join
    from responsibility.importing.pdf import _join_cut_merges, _merged_down_columns

    rows = [[join(cell) for cell in row] for row in lines]
    table = SimpleNamespace(
        rows=[
            SimpleNamespace(cells=row, bbox=(85, next(c for c in row if c)[1], 233, next(c for c in row if c)[3]))
            for row in boxes
        ]
    )
    _join_cut_merges(rows, lines, boxes, _merged_down_columns(table))
    return [row[1] for row in rows[:2]]


def test_a_merged_cell_the_pdf_cuts_with_a_rule_between_its_rows_is_joined_back_into_both():
    boxes, lines = _cut_table(["生", "态", "环", "境", "保"], ["护"])
    assert _join_cut(boxes, lines) == ["生态环境保护", "生态环境保护"]


@pytest.mark.parametrize(
    ("upper", "lower", "options"),
    [
        (["生", "态", "环", "境", "保"], ["护"], {"merged_below": False}),  # a column of no merged cells
        (["生", "态", "环", "境"], ["护"], {}),  # the text stops before the rule
        (["生", "态", "环", "境", "。"], ["护"], {}),  # the text ended its sentence
        (["生", "态", "环", "境", "保"], ["2"], {}),  # a number of its own
        (["生", "态", "环", "境", "保"], ["护", "林"], {}),  # two lines: a text of its own
    ],
)
def test_a_cell_under_a_long_one_is_its_own_where_it_is_no_cut_merged_cell(upper, lower, options):
    boxes, lines = _cut_table(upper, lower, **options)
    assert _join_cut(boxes, lines) == ["".join(upper), "".join(lower)]
