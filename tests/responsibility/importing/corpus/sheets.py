"""What the spreadsheet-born documents of the corpus are made of: rows of cells and merged ranges,
written as an .xlsx the way offices lay them out (a title merged across the top, a bold header,
categories merged down a column), and as the text Excel puts on the clipboard."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import range_boundaries

Cell = str | int | float | None


def workbook(rows: list[list[Cell]], merges: list[str], sheet: str = "Sheet1", header_row: int = 1) -> bytes:
    """An .xlsx of ``rows`` with ``merges`` (Excel ranges such as "A1:G1"); only the first cell of a
    merged range holds its text, as in a real workbook."""
    book = Workbook()
    book.active.title = sheet
    fill(book.active, rows, merges, header_row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fill(ws, rows: list[list[Cell]], merges: list[str], header_row: int = 1) -> None:
    """Write ``rows`` into the worksheet ``ws`` as ``workbook`` does (a workbook of several sheets
    fills each)."""
    for row in rows:
        ws.append([None if cell == "" else cell for cell in row])
    for merged in merges:
        ws.merge_cells(merged)
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")


def covered(merges: list[str]) -> set[tuple[int, int]]:
    """The (row, column) positions, 1-based, that a merge hides behind its first cell."""
    hidden = set()
    for merged in merges:
        min_col, min_row, max_col, max_row = range_boundaries(merged)
        for row in range(min_row, max_row + 1):
            for column in range(min_col, max_col + 1):
                if (row, column) != (min_row, min_col):
                    hidden.add((row, column))
    return hidden


def clipboard(rows: list[list[Cell]], merges: list[str]) -> str:
    """The rows as Excel copies them: tab-separated, a merged range's text in its first cell only."""
    hidden = covered(merges)
    lines = []
    for r, row in enumerate(rows, 1):
        cells = ["" if (r, c) in hidden or cell is None else str(cell) for c, cell in enumerate(row, 1)]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"
