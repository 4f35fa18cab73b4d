"""Writing workbooks: text that stays text, the house looks, and write-only sheets.

A write-only sheet goes row by row to a temporary file, so an export of 100,000 rows takes the
memory of one row, not of 1.4 million cell objects (openpyxl's normal mode). It takes its column
widths, frozen panes and print setup before its first row, its merged title and filter range any
time before the book is saved; cells are styled one by one.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import openpyxl
from django.db.models import Choices
from django.utils.translation import get_language
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

# A cell starting with one of these is a formula to a spreadsheet once someone edits it, and "=" is
# one to openpyxl at once: such text is stored as a string with Excel's quote prefix ('=…).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
FONT = "宋体"
TITLE_FONT = Font(name=FONT, size=14, bold=True)
HEADER_FONT = Font(name=FONT, bold=True)
BODY_FONT = Font(name=FONT, size=10)
BODY_ALIGNMENT = Alignment(vertical="top", wrap_text=True)
SHEET_NAME_FORBIDDEN = str.maketrans("", "", "[]:*?/\\")


def put(cell, value) -> None:
    """Write a value; text is always text, whatever it starts with."""
    if not isinstance(value, str):
        cell.value = value
        return
    # Excel keeps line breaks as "\n"; control characters are not allowed in the file at all.
    text = ILLEGAL_CHARACTERS_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    cell.value = text or None
    if text.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def label(choices: type[Choices], value: str) -> str:
    """``get_FOO_display`` for rows by the thousand: that rebuilds and hashes its table of lazy
    labels on every call (a fifth of a big export's time, measured: bench/exports.py)."""
    return _labels(choices, get_language()).get(value, value)


@functools.cache
def _labels(choices: type[Choices], language: str | None) -> dict[str, str]:
    return {value: str(text) for value, text in choices.choices}


def write_only_book() -> Workbook:
    return openpyxl.Workbook(write_only=True)


def sheet_name(text: str) -> str:
    return text[:31].translate(SHEET_NAME_FORBIDDEN) or "Sheet1"


class CellStyles:
    """Cells of a write-only sheet, each combination of looks worked out once. openpyxl hashes a
    font or border object every time one is assigned to a cell (most of an export's time, measured:
    bench/exports.py); a cell made with the stored style array of an earlier one costs nothing."""

    def __init__(self, sheet) -> None:
        self.sheet = sheet
        self.known: dict[tuple, object] = {}

    def cell(self, value, font: Font, alignment: Alignment | None = None, fill: PatternFill | None = None) -> Cell:
        # Keyed by identity: the looks are module constants (or cached), alive as long as the process.
        key = (id(font), id(alignment), id(fill))
        if key not in self.known:
            model = WriteOnlyCell(self.sheet)
            model.font, model.border = font, BORDER
            if alignment is not None:
                model.alignment = alignment
            if fill is not None:
                model.fill = fill
            self.known[key] = model._style
        cell = Cell(self.sheet, row=1, column=1, style_array=self.known[key])
        put(cell, value)
        return cell


class StreamedTable:
    """One printable list (a title, a header, rows) on a write-only sheet of ``book``, with the looks
    of ``xlsx.tables_workbook``'s sheets."""

    def __init__(self, book: Workbook, title: str, columns: list[tuple[str, int]], name: str = "") -> None:
        self.sheet = book.create_sheet(sheet_name(name or title))
        self.styles = CellStyles(self.sheet)
        self.width = len(columns)
        self.rows = 0
        for column, (_header, width) in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(column)].width = width
        self.sheet.freeze_panes = "A3"
        self.sheet.print_title_rows = "2:2"
        self.sheet.page_setup.orientation = "landscape"
        self.sheet.merged_cells.add(f"A1:{get_column_letter(self.width)}1")
        title_cell = WriteOnlyCell(self.sheet)
        put(title_cell, title)
        title_cell.font = TITLE_FONT
        self.sheet.append([title_cell])
        self.sheet.append([self.styles.cell(str(header), HEADER_FONT, fill=HEADER_FILL) for header, _width in columns])

    def append(self, values: Iterable) -> None:
        cell = self.styles.cell
        self.sheet.append([cell(value, BODY_FONT, BODY_ALIGNMENT) for value in values])
        self.rows += 1

    def close(self) -> None:
        """Once the rows are written: the filter covers them all."""
        self.sheet.auto_filter.ref = f"A2:{get_column_letter(self.width)}{self.rows + 2}"
