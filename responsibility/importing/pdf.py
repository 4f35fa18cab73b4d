"""PDF: the text layer through pdfplumber, page by page; a page without one (a scan) through OCR.

pdfplumber gives each line of text with its place on the page and finds ruled tables; ``layout``
then drops the page headers and footers and joins the lines back into paragraphs across pages. A
page whose text layer is empty, or holds only glyph numbers with no characters behind them
("(cid:123)", a font without a ToUnicode map), is rendered with pypdfium2 (which pdfplumber brings)
and read by Tesseract (``ocr``); those pages are marked for checking. A table that runs on over a
page break is one table: the header row a long table repeats is dropped, and a row Word split
across the break is put back together.
"""

from __future__ import annotations

import io
import logging
import math
import os
import re

import pdfplumber
import pypdfium2
from django.utils.translation import gettext as _
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from . import layout, ocr, safety
from .document import ImportRejected, Source
from .fields import SENTENCE_END
from .layout import Frame, Page, TableBox, TextLine
from .numbering import lone, match
from .safety import Deadline
from .tables import column_key, find_header

logger = logging.getLogger(__name__)

MIN_TEXT = 5  # characters on a page below which it is a picture of text
MAX_RENDER_PIXELS = 12_000_000  # an A4 page at 300 dpi is 8.7 million
CELL_PADDING = 6.0  # points between a table's rule and the text a cell wraps at
COLUMN_GAP = 2.0  # a gap wider than two characters on a line separates columns
WRAPPED_HEADING = 40  # characters a heading row wrapped over two of a PDF's rows may have in all
CATEGORY_NAME = 16  # characters a category merged down over its group may have
# How a cell's text ends when no rule or page cut it: a sentence's end, a colon, or a closing bracket or quote.
FINISHED_CELL_END = SENTENCE_END + "：:）)》”"


def check(name: str, data: bytes) -> None:
    """What the upload form can know at once: the file opens, its page count, OCR installed if needed."""
    document = _open_pdfium(name, data)
    try:
        safety.check_pages(name, len(document))
        if any(_needs_ocr_quick(document[index]) for index in range(len(document))):
            ocr.check_available()
    finally:
        document.close()


def read_pdf(name: str, data: bytes, deadline: Deadline) -> Source:
    """The PDF as paragraphs and tables, the pages read by OCR named in the source's warnings."""
    pages = _pages(name, data, deadline)
    ocr.mend_numbers(pages)
    ocr.mend_wrapped_labels(pages)
    layout.drop_running_lines(pages)
    _join_tables(pages)
    blocks, starts = layout.blocks(pages)
    blocks = ocr.mend_paragraphs(blocks, pages, starts)
    if not blocks and any(page.ocr for page in pages):
        raise ocr.nothing_recognised(name)
    return Source(name=name, kind="pdf", blocks=blocks, warnings=ocr.page_warnings(pages, starts))


def _pages(name: str, data: bytes, deadline: Deadline) -> list[Page]:
    pdfium = _open_pdfium(name, data)
    try:
        safety.check_pages(name, len(pdfium))
        with _open_plumber(name, data) as pdf:
            return [_page(page, pdfium, deadline) for page in pdf.pages]
    except (PdfminerException, ValueError, KeyError, TypeError, AssertionError) as exc:
        # pdfminer trips over broken objects anywhere in a page, not only when the file is opened.
        logger.warning("Unreadable PDF %r", name, exc_info=True)
        raise ImportRejected(corrupt_message(name)) from exc
    finally:
        pdfium.close()


def _page(page: pdfplumber.page.Page, pdfium: pypdfium2.PdfDocument, deadline: Deadline) -> Page:
    deadline.remaining()
    found = Page(number=page.page_number, width=float(page.width), height=float(page.height))
    if _needs_ocr(page):
        found.ocr = True
        found.items = _ocr_items(pdfium[page.page_number - 1], deadline)
    else:
        found.items = _text_items(page)
    page.close()  # pdfplumber keeps every parsed object of a page until told
    return found


def _open_pdfium(name: str, data: bytes) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ImportRejected(password_message(name)) from exc
        raise ImportRejected(corrupt_message(name)) from exc


def _open_plumber(name: str, data: bytes) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect as exc:
        raise ImportRejected(password_message(name)) from exc
    except PdfminerException as exc:
        if isinstance(exc.args[0] if exc.args else None, PDFPasswordIncorrect):
            raise ImportRejected(password_message(name)) from exc
        raise ImportRejected(corrupt_message(name)) from exc


def corrupt_message(name: str) -> str:
    return _("文件“%(name)s”已损坏，无法读取（不是有效的 PDF 文件）。") % {"name": name}


def password_message(name: str) -> str:
    return _("文件“%(name)s”设置了打开密码，无法读取。请去掉密码后再导入。") % {"name": name}


# --- which pages are pictures ---------------------------------------------------------------------


def _needs_ocr_quick(page: pypdfium2.PdfPage) -> bool:
    text = page.get_textpage().get_text_bounded()
    if len("".join(text.split())) >= MIN_TEXT:
        return False
    images = page.get_objects(filter=(pypdfium2.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2)
    return next(iter(images), None) is not None


def _needs_ocr(page: pdfplumber.page.Page) -> bool:
    chars = [char for char in page.chars if char["text"].strip()]
    if len(chars) < MIN_TEXT:
        return bool(page.images) or not chars and _has_marks(page)
    unmapped = sum(1 for char in chars if char["text"].startswith("(cid:"))
    return unmapped * 2 > len(chars)


def _has_marks(page: pdfplumber.page.Page) -> bool:
    """Text drawn as outlines (curves) is a picture of text too."""
    return len(page.curves) > 50


def _ocr_items(page: pypdfium2.PdfPage, deadline: Deadline) -> list[layout.Item]:
    width, height = page.get_size()
    scale = min(_scan_scale(page), math.sqrt(MAX_RENDER_PIXELS / max(width * height, 1)))
    image = page.render(scale=scale, grayscale=True).to_pil()
    return ocr.read_items(image, deadline, scale)


def _scan_scale(page: pypdfium2.PdfPage) -> float:
    """The scale that renders the page's largest picture pixel for pixel: resampling a scan blurs the
    strokes Tesseract tells characters apart by. Between 200 and 400 dpi."""
    best, scale = 0.0, ocr.DPI / 72
    for image in page.get_objects(filter=(pypdfium2.raw.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, _bottom, right, _top = image.get_bounds()
        pixels, _height = image.get_px_size()
        if right - left > best and pixels:
            best, scale = right - left, pixels / (right - left)
    return min(max(scale, 200 / 72), 400 / 72)


# --- text and tables ------------------------------------------------------------------------------


def _text_items(page: pdfplumber.page.Page) -> list[layout.Item]:
    # A ruled box of one row or one column (a page border, a framed note) is text in a frame; one row that
    # names a table's columns is a header whose rows follow in tables of their own (``tables.rejoined``).
    tables = [
        table
        for table in page.find_tables()
        if len(table.columns) > 1 and (len(table.rows) > 1 or find_header(_cell_texts(table)))
    ]
    boxes = [_table_box(page, table) for table in tables]
    outside = page.filter(lambda obj: not _in_any(obj, tables)) if tables else page
    lines = [_text_line(line) for line in outside.extract_text_lines() if line["text"].strip()]
    return sorted([*lines, *boxes], key=lambda item: item.top)


def _cell_texts(table) -> list[list[str]]:
    """The table's cells as pdfplumber reads their text, a box under a merged cell (None there) blank."""
    return [[cell or "" for cell in row] for row in table.extract()]


def _text_line(found: dict) -> TextLine:
    return TextLine(line_text(found["chars"]), found["x0"], found["x1"], found["top"], found["bottom"])


def line_text(chars: list[dict]) -> str:
    """A line's characters as the author typed them: a space where the PDF draws one (or between
    two Latin words set apart without one), a tab where a wide gap stands for a column (a table
    without rules), and nothing for the gaps of justified or auto-spaced Chinese text."""
    parts: list[str] = []
    last, spaced = None, False
    for char in chars:
        text = char["text"]
        if not text.strip():
            spaced = True
            continue
        if last is not None:
            gap, size = char["x0"] - last["x1"], max(char["size"], 1.0)
            if gap > COLUMN_GAP * size:
                parts.append("\t")
            elif spaced or (gap > 0.15 * size and last["text"][-1].isalnum() and _latin(last["text"][-1] + text[0])):
                parts.append(" ")
        parts.append(text)
        last, spaced = char, False
    return "".join(parts)


def _latin(text: str) -> bool:
    return text.isascii() and text.isalnum()


def _in_any(obj: dict, tables) -> bool:
    if obj.get("object_type") != "char":
        return False
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in (table.bbox for table in tables))


def _table_box(page: pdfplumber.page.Page, table) -> TableBox:
    found: dict[tuple, list[TextLine]] = {}

    def text_of(cell: tuple) -> str:
        found[cell] = _cell_lines(page, cell)
        return "\n".join(layout.paragraphs(found[cell], Frame(cell[0], cell[2] - CELL_PADDING)))

    rows = layout.table_rows(table, text_of)
    lines = [[found.get(cell, []) if cell else [] for cell in row.cells] for row in table.rows]
    boxes = [list(row.cells) for row in table.rows]
    _join_cut_merges(rows, lines, boxes, _merged_down_columns(table))
    x0, top, x1, bottom = table.bbox
    return TableBox(rows=rows, top=top, bottom=bottom, x0=x0, x1=x1, lines=lines)


def _merged_down_columns(table) -> set[int]:
    """The columns where a cell spans down over the row under it."""
    found: set[int] = set()
    above: dict[int, tuple] = {}
    for row in table.rows:
        for column, cell in enumerate(row.cells):
            if cell is not None:
                above[column] = cell
            elif column in above and above[column][3] >= row.bbox[3] - 1:
                found.add(column)
    return found


def _join_cut_merges(
    rows: list[list[str]], lines: list[list[list[TextLine]]], boxes: list[list], grouping: set[int]
) -> None:
    """A cell merged down over two rows that the PDF draws cut by the rule between them ("全面从严治" /
    "党"): its text runs to the rule and goes on in the row under it as one line at its own line
    pitch, where that row's cell is nothing of its own (no number, merged down no further). Both
    rows take the whole text, as the rows of a merged cell do (``layout.table_rows``). Only in a column
    that has cells merged down (a 类别 over its rows): a long cell beside a short one in the row under
    it draws the same way. Not where the row under it is filled to its own rule: its text may go on
    (over a page break, "危" / "旧房屋"), a cell of its own, no fragment."""
    for index in range(len(rows) - 1):
        for column, (upper, lower) in enumerate(zip(boxes[index], boxes[index + 1], strict=False)):
            if column not in grouping or "\n" in rows[index][column] or _merged_further(boxes, index + 1, column):
                continue
            if upper and lower and _cut_merge(lines[index][column], lines[index + 1][column], upper, lower):
                joined = [*lines[index][column], *lines[index + 1][column]]
                text = layout.join(joined)
                rows[index][column] = rows[index + 1][column] = text
                lines[index][column] = lines[index + 1][column] = joined


def _merged_further(boxes: list[list], index: int, column: int) -> bool:
    """The cell goes on merged down over the row under it: a cell of its own, not a fragment."""
    return index + 1 < len(boxes) and column < len(boxes[index + 1]) and boxes[index + 1][column] is None


def _cut_merge(upper: list[TextLine], lower: list[TextLine], upper_box: tuple, lower_box: tuple) -> bool:
    if len(upper) < 2 or len(lower) != 1:
        return False
    last, rest = upper[-1], lower[0].text.strip()
    pitch = last.top - upper[-2].top
    text = layout.join(upper)
    return (
        upper_box[3] - last.bottom <= CELL_PADDING + 1  # the text runs to the rule
        and lower_box[3] - lower[0].bottom > CELL_PADDING + 1  # and stops before the next one
        and abs(lower[0].top - last.top - pitch) <= 1  # and on under it at its own pitch
        and lower[0].x1 - lower[0].x0 <= max(line.x1 - line.x0 for line in upper) + 1
        and text[-1:] not in FINISHED_CELL_END
        and match(rest) is None
        and not rest[:1].isdigit()
    )


def _cell_lines(page: pdfplumber.page.Page, cell: tuple) -> list[TextLine]:
    """The lines of a cell: the characters whose middle lies in it. A narrow column's header ("序号"
    merged down, wrapped a character a line) overflows into the cell beside it, and is not its text."""
    x0, top, x1, bottom = cell
    inside = page.filter(lambda obj: obj.get("object_type") != "char" or x0 <= (obj["x0"] + obj["x1"]) / 2 <= x1)
    found = inside.crop((x0, top, x1, bottom), strict=False).extract_text_lines()
    return [_text_line(line) for line in found if line["text"].strip()]


def _heading_goes_on(above: list[str], row: list[str]) -> bool:
    """A heading row of one cell ("三、履行行业监管职责方面" in the 序号 column, the others blank, or only its
    points beside it: "（二）矛盾纠纷化解 | | 30") that a page break cuts where the text wrapped ("三、履行行" /
    "业监管职责方面"): the first row on the new page has nothing but the rest of the words in the same cell,
    no number of its own, and the row it goes on from no sentence's end."""
    column = _heading_cell(above)
    if column is None or _only_filled(row) != column:
        return False
    first, rest = above[column].strip(), row[column].strip()
    heading = match(first) or lone(first)  # "（二）" alone, the page cut before its name
    return (
        heading is not None
        and heading.certain
        and match(rest) is None
        and first[-1] not in SENTENCE_END + "：:"
        and "\n" not in first + rest
        and len(first) + len(rest) <= WRAPPED_HEADING
    )


def _heading_cell(row: list[str]) -> int | None:
    """The one cell of a row with words in it, the others blank or amounts (a category's points or sum)."""
    worded = [column for column, cell in enumerate(row) if cell.strip() and not AMOUNT_RE.fullmatch(cell.strip())]
    return worded[0] if len(worded) == 1 else None


def _only_filled(row: list[str]) -> int | None:
    filled = [column for column, cell in enumerate(row) if cell.strip()]
    return filled[0] if len(filled) == 1 else None


def _join_tables(pages: list[Page]) -> None:
    """A table that goes on at the top of the next page continues the one the page ended with
    (headers and footers already gone)."""
    previous: TableBox | None = None
    for page in pages:
        first = page.items[0] if page.items else None
        if previous and isinstance(first, TableBox) and _same_columns(previous, first):
            _append_rows(previous, first.rows, first.lines)
            page.items.pop(0)
            if not page.items:
                continue  # the whole page was the table's: it may go on over the next
        last = page.items[-1] if page.items else None
        previous = last if isinstance(last, TableBox) else None


def _same_columns(first: TableBox, second: TableBox) -> bool:
    width = lambda table: len(table.rows[0]) if table.rows else 0  # noqa: E731
    return width(first) == width(second) and abs(first.x0 - second.x0) < 6 and abs(first.x1 - second.x1) < 6


def _append_rows(table: TableBox, rows: list[list[str]], lines: list[list[list[TextLine]]] | None = None) -> None:
    rows = _without_repeated_header(table.rows, rows, lines or [])
    _category_goes_on(table, rows)
    if rows and table.rows and _heading_goes_on(table.rows[-1], rows[0]):
        table.rows[-1][_only_filled(rows[0])] += rows[0][_only_filled(rows[0])].strip()
        rows = rows[1:]
    elif rows and table.rows and _broken_row(table.rows, rows[0]):
        broken, joined = rows[0], [layout.join_cell_pieces(a, b) for a, b in zip(table.rows[-1], rows[0], strict=False)]
        table.rows[-1] = joined
        rows = rows[1:]
        _carry_merged(rows, broken, joined)
    elif rows and table.rows and _group_goes_on(table.rows, rows[0]):
        merged = _merged_flags(table.rows)
        if _fills_each_own_cell(table.rows[-1], rows[0], merged):
            start = next(column for column, cell in enumerate(rows[0]) if cell.strip())
            carried = [
                text if flag or column < start else ""
                for column, (text, flag) in enumerate(zip(table.rows[-1], merged, strict=False))
            ]
            _carry_group(carried, rows)
    table.rows.extend(rows)


def _category_goes_on(table: TableBox, rows: list[list[str]]) -> None:
    """A category merged down over its group left of the 序号 ("公共卫生"), its group begun on the page's last
    row, cut by the page: its first characters run to the foot of the table ("公共卫", a character a line in a
    narrow column), the rest stand in the new page's first row ("生"), which has a number of its own. One
    name: the rows on both sides take it whole, as the rows of a merged cell do. A category that stops short
    of the table's foot, or ends a sentence, is whole, and the new page's is another group's."""
    number = _number_column(table.rows[0]) if table.rows else None
    if number is None or not rows or len(table.rows) < 2 or len(table.lines) != len(table.rows):
        return
    last, first, drawn = table.rows[-1], rows[0], table.lines[-1]
    if number >= len(first) or not (first[number].strip() and last[number].strip()):
        return
    for column in range(number):
        upper, rest = last[column].strip(), first[column].strip()
        cut = drawn[column] if column < len(drawn) else []
        if (
            not upper
            or not rest
            or "\n" in upper + rest
            or upper == table.rows[-2][column].strip()  # the group began above: no cut of the page's making
            or len(cut) < 2
            or table.bottom - cut[-1].bottom > CELL_PADDING + 1  # its text runs to the foot of the table
            or upper[-1] in FINISHED_CELL_END
            or match(rest) is not None
            or rest[:1].isdigit()
            or len(upper) + len(rest) > CATEGORY_NAME
        ):
            continue
        whole = layout.join_texts(upper, rest)
        last[column] = whole
        for row in rows:
            if column >= len(row) or row[column].strip() != rest:
                break
            row[column] = whole


def _without_repeated_header(
    table: list[list[str]], rows: list[list[str]], lines: list[list[list[TextLine]]]
) -> list[list[str]]:
    """The rows of a page without the header the table repeats at its top: one row or both of a
    two-row header ("责任主体" over 牵头单位 | 配合单位), or the upper row alone drawn one line high, its
    cells cut to their first line ("完成时" for 完成时间) and the rest of their words ("间", "区领导")
    spilled over the rows under it, where they are no text of those rows."""
    header = table[:2]
    for repeated in (header, header[:1]):
        if repeated and rows[: len(repeated)] == repeated:
            return rows[len(repeated) :]
    if not (rows and header and _cut_header(header[0], rows[0])):
        return rows
    cut, rest = rows[0], [list(row) for row in rows[1:]]
    for column, whole in enumerate(header[0]):
        spilled = whole.strip()[len(cut[column].strip()) :]
        if not _drop_spilled_by_line(rest, lines[1:], column, spilled):
            _drop_spilled(rest, column, spilled)
    return rest


def _drop_spilled_by_line(rows: list[list[str]], lines: list[list[list[TextLine]]], column: int, spilled: str) -> bool:
    """A cut header cell's words spilled one to a line over a cell under it that has text of its own
    on those lines: a narrow column's header wraps a word or a character a line ("问题类别" as
    问 / 题 / 类 / 别), drawn over the first characters of the cell's lines ("题全" / "类面" / "别从").
    Each line gives up what it starts with of the words left; the cell is changed only when the lines
    took every word, a line at least each, and the cell's text is one paragraph. The rows under it
    with the same text (the cell merged down) take the new text too."""
    if not spilled:
        return False
    for index, row in enumerate(rows):
        cell = row[column] if column < len(row) else ""
        drawn = lines[index][column] if index < len(lines) and column < len(lines[index]) else []
        if not cell.strip() or not drawn:
            continue
        kept = _lines_without(drawn, spilled)
        if kept is None or "\n" in cell:
            return False
        text = layout.join(kept)
        for below in rows[index:]:
            if below[column] != cell:
                break
            below[column] = text
        return True
    return False


def _lines_without(drawn: list[TextLine], spilled: str) -> list[TextLine] | None:
    kept: list[TextLine] = []
    for count, line in enumerate(drawn):
        if not spilled:
            return [*kept, *drawn[count:]]
        text = line.text.strip()
        taken = len(os.path.commonprefix([text, spilled]))
        if not taken or taken == len(text):
            return None
        kept.append(TextLine(text[taken:], line.x0, line.x1, line.top, line.bottom))
        spilled = spilled[taken:]
    return None if spilled or len(drawn) < 2 else kept


def _drop_spilled(rows: list[list[str]], column: int, spilled: str) -> None:
    """Take the words a cut header cell spilled from the top of the cells under it in its column,
    or from the end of a row merged across (where the gap before them made a tab)."""
    for row in rows:
        if not spilled:
            return
        cell = row[column].strip() if column < len(row) else ""
        if cell.startswith(spilled):
            row[column] = cell[len(spilled) :]
            return
        if cell and spilled.startswith(cell):
            row[column], spilled = "", spilled[len(cell) :]
            continue  # the whole cell was spilled words: the rest lie in the row under it
        merged = _only_filled(row)
        if merged is not None and row[merged].rstrip().endswith("\t" + spilled):
            row[merged] = row[merged].rstrip()[: -len(spilled) - 1].rstrip()
        return


def _cut_header(header: list[str], first: list[str]) -> bool:
    """ "序号 | 重点任务 | 完成时 | 责任" under a header 序号 | 重点任务 | 完成时间 | 责任区领导: every cell the
    header's or the start of it, at least two whole and one cut."""
    if len(first) != len(header):
        return False
    pairs = [(whole.strip(), cut.strip()) for whole, cut in zip(header, first, strict=True)]
    if not all(whole.startswith(cut) for whole, cut in pairs):
        return False
    return sum(1 for whole, cut in pairs if cut and cut == whole) >= 2 and any(cut != whole for whole, cut in pairs)


def _broken_row(above: list[list[str]], first: list[str]) -> bool:
    """The page cut the last row in two: the column that tells rows apart (the 序号, or the first one
    not merged down over the rows above) is blank on the new page, or a cell the page cut inside its
    brackets ("经济发展（25" / "分）") goes on."""
    last = above[-1]
    if any(_closes_bracket(a, b) for a, b in zip(last, first, strict=False)) or _cut_repeat(above, first):
        return True
    number = _number_column(above[0])
    if number is not None and number < len(first) and _cut_number(last[number], first[number]):
        return True
    if _is_category_row(first):
        return False
    merged = _merged_flags(above)
    column = _number_column(above[0])
    if column is None:
        # Not one merged down, nor one blank above (a 一级指标 written on its group's first row only).
        column = next((column for column, flag in enumerate(merged) if not flag and last[column].strip()), 0)
    elif _fills_each_own_cell(last, first, merged):
        return False  # the 序号 merged down over a group goes on blank: a new row of the group
    return column < len(first) and not first[column].strip() and last[column].strip() != ""


def _cut_repeat(above: list[list[str]], first: list[str]) -> bool:
    """A task repeated on each of its rows (one row per unit): the page cut the last row inside a cell
    ("RW00" at the foot, "2" at the top), and the two pieces joined say what the row above says ("RW002").
    Not a number: a count or score "1" over the next page's "2" joins up to the "12" above by chance."""
    if len(above) < 2:
        return False
    return any(
        a.strip()
        and b.strip()
        and a.strip() != c.strip()
        and not AMOUNT_RE.fullmatch(c.strip())
        and layout.join_cell_pieces(a, b).strip() == c.strip()
        for a, b, c in zip(above[-1], first, above[-2], strict=False)
    )


AMOUNT_RE = re.compile(r"[\d.,，%％]+")


# A number the page cut after its separator ("3-" at the foot, "1" at the top of the next page): its
# narrow 序号 cell wrapped it over two lines, and the page fell between them.
# Hyphens only: "1." at a page's foot over "2" may be two rows numbered in two ways.
CUT_NUMBER_RE = re.compile(r"^\d{1,3}(?:[-－–]\d{1,3})*[-－–]$")


def _cut_number(before: str, after: str) -> bool:
    return bool(CUT_NUMBER_RE.match(before.strip()) and re.fullmatch(r"\d{1,3}", after.strip()))


def _group_goes_on(above: list[list[str]], first: list[str]) -> bool:
    """The new page's first row has no 序号 where the rows above have one: merged down over a group."""
    column = _number_column(above[0])
    return column is not None and column < len(first) and not first[column].strip() and bool(above[-1][column].strip())


def _merged_flags(above: list[list[str]]) -> list[bool]:
    """Per column, whether the last row's cell repeats the one above it (a cell merged down, filled)."""
    last = above[-1]
    return [len(above) > 1 and cell.strip() != "" and cell == above[-2][column] for column, cell in enumerate(last)]


def _fills_each_own_cell(last: list[str], first: list[str], merged: list[bool]) -> bool:
    """The new page's first row is blank only on the left (the 序号 and the 重点工作 merged down over a
    group, which go on blank over the page), has a text in every other column where the row above
    has its own (one not merged down from the rows above it), and the row above ended its longest
    cell with its sentence: a whole row of the group, not the words a page break cut off."""
    start = next((column for column, cell in enumerate(first) if cell.strip()), len(first))
    own = [column for column in range(start, len(last)) if not merged[column] and last[column].strip()]
    if start == 0 or len(own) < 3 or not all(column < len(first) and first[column].strip() for column in own):
        return False
    # A page that cuts a row cuts its longest cell inside a sentence ("平安建" / "设").
    longest = max((last[column].strip() for column in own), key=len)
    return longest.endswith(tuple(SENTENCE_END))


def _carry_group(last: list[str], rows: list[list[str]]) -> None:
    """The cells merged down over a group that goes on over the page are blank on the new page: the rows
    of the group there (blank on the left, as ``_fills_each_own_cell`` tells) take them from above, as
    the rows of a merged cell on one page do (``layout.table_rows``)."""
    for row in rows:
        if not row or row[0].strip():
            return
        for column, text in enumerate(last):
            if column < len(row) and not row[column].strip():
                row[column] = text


def _is_category_row(row: list[str]) -> bool:
    """ "二、促进消费回暖" alone in a row merged across, at the top of the page: a row of its own."""
    column = _only_filled(row)
    if column is None:
        return False
    found = match(row[column].strip())
    return found is not None and found.certain and found.style in ("cn", "part") and bool(found.rest)


def _number_column(header: list[str]) -> int | None:
    """The 序号 column, by the table's header: a 类别 left of it, written on its group's first row
    only, is blank on rows that are whole."""
    return next((column for column, cell in enumerate(header) if column_key(cell) == "number"), None)


def _closes_bracket(before: str, after: str) -> bool:
    opened = before.count("（") + before.count("(") - before.count("）") - before.count(")")
    return opened > 0 and bool(re.match(r"^[^（(]*[）)]", after.strip()))


def _carry_merged(rows: list[list[str]], broken: list[str], joined: list[str]) -> None:
    """A cell merged down from the broken row gives the rows under it its first half on the new page
    ("分）"): they take the whole text."""
    for column, text in enumerate(broken):
        for row in rows:
            if not text.strip() or column >= len(row) or row[column] != text:
                break
            row[column] = joined[column]
