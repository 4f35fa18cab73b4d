"""Tables written as lines of text: drawn with pipes, or copied out of Excel or Word.

Offices paste a decomposition table into a text file, the import page or a Word paragraph. It comes
drawn with pipes – with or without Markdown's |---| line, with or without the outer pipes
(``| 序号 | 任务 | 牵头单位 |``, ``序号|任务|牵头单位``) – or as Excel and Word copy a table: a tab
between cells (``序号\\t任务名称\\t牵头部门``), or as a system exports it, a comma between cells
(CSV, a cell holding a comma quoted), or drawn with box-drawing rules (┌─┬─┐ │ ├─┼─┤
└─┴─┘) as a word processor's "save as text" or a fixed-width print gives it, or with ASCII rules as pandoc
writes a grid table in Markdown (+---+---+, +===+ under the header, | between cells), a cell's text wrapped
over as many lines as its row takes, or a fixed-width print with no rules at all, its columns set
apart by runs of spaces (``_spaced_table``), or as a web editor keeps it in Markdown, raw HTML
(``<table><tr><td>…</td></tr></table>``). Any pipe table with a |---| line is a table; otherwise
a table starts at a row that names columns of a decomposition table (``tables.find_header``), so a
stray "|" or a tab-indented paragraph stays text. Each row keeps the line it stands on.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import html
import re
import unicodedata
from collections.abc import Callable

from . import fields, forms, tables
from .document import Block, Line, Table

TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
# The bar between cells: ASCII, or full-width (U+FF5C) as a Chinese input method types it ("类别｜序号｜工作任务").
BAR = re.compile(r"[|｜]")
BARS = "|｜"
CELL_SPLIT = re.compile(r"(?<!\\)[|｜]")
# Padding around cells is ASCII; a full-width space (U+3000) inside a cell is the author's and stays.
ASCII_SPACE = " \t"
CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# A box-drawn table: its rules (┌─┬─┐, ├─┼─┤, └─┴─┘, light or heavy or double) and the bar between cells.
BOX_RULE = re.compile(r"^[ \t]*[┌├└┏┣┗╔╠╚╒╞╘╓╟╙][─━═┬┼┴┳╋┻╦╬╩╤╪╧╥╫╨ \t]*[┐┤┘┓┫┛╗╣╝╕╡╛╖╢╜][ \t]*$")
BOX_BAR = re.compile(r"[│┃║]")
BOX_ROW = re.compile(r"^[ \t]*[│┃║].*[│┃║][ \t]*$")
# A pandoc grid table: the same drawn in ASCII, its rules +---+---+ (+===+ under the header, colons for alignment).
GRID_RULE = re.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
GRID_BAR = re.compile(r"\|")
GRID_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")


@dataclasses.dataclass(frozen=True)
class Drawing:
    """How a drawn table is drawn: its rules, its rows, and the bar between cells."""

    rule: re.Pattern[str]
    row: re.Pattern[str]
    bar: re.Pattern[str]


BOX = Drawing(BOX_RULE, BOX_ROW, BOX_BAR)
GRID = Drawing(GRID_RULE, GRID_ROW, GRID_BAR)
# A fixed-width print's gap between two columns: two spaces or more (one space is a word's).
SPACED_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
# A table kept as raw HTML: its rows and cells, an end tag that a PDF wrapped ("…</" / "td>") or spaced
# ("</ td>") still an end; a cell whose end tag is left out ends where the next one opens.
HTML_TABLE_START = re.compile(r"^[ \t]*<\s*table\b[^>]*>", re.IGNORECASE)
HTML_TABLE_END = re.compile(r"<\s*/\s*table\s*>", re.IGNORECASE)
HTML_ROW = re.compile(r"<\s*tr\b[^>]*>(?P<cells>.*?)(?=<\s*/?\s*tr\b|$)", re.IGNORECASE | re.DOTALL)
HTML_CELL = re.compile(
    r"<\s*t[hd]\b(?P<attributes>[^>]*)>(?P<text>.*?)(?:<\s*/\s*t[hd]\s*>|(?=<\s*t[hd]\b)|$)",
    re.IGNORECASE | re.DOTALL,
)
HTML_SPAN = re.compile(r"(?P<kind>col|row)span\s*=\s*[\"']?(?P<count>\d{1,2})", re.IGNORECASE)
HTML_TAG = re.compile(r"<[^>]*>")


def tables_among(blocks: list[Block]) -> list[Block]:
    """``blocks`` (from any reader) with each run of lines that is a table made a ``Table``."""
    out: list[Block] = []
    run: list[Line] = []
    for block in [*blocks, None]:
        if isinstance(block, Line):
            run.append(block)
            continue
        if any(_may_hold_table(line.text) for line in run):
            out += with_tables([line.text for line in run], [line.line for line in run])
        else:
            out += run
        run = []
        if block is not None:
            out.append(block)
    return out


def with_tables(texts: list[str], numbers: list[int], as_text: Callable[[str], str] = str) -> list[Block]:
    """The lines ``texts`` (line ``numbers[i]`` each) as blocks: tables, and the other lines as
    ``as_text`` gives them."""
    lines = _Lines(texts, numbers)
    blocks: list[Block] = []
    index = 0
    while index < len(texts):
        table, end = lines.table_at(index)
        if table:
            blocks.append(table)
            index = end
        else:
            blocks.append(Line(as_text(texts[index]), numbers[index]))
            index += 1
    return blocks


def _may_hold_table(text: str) -> bool:
    return (
        bool(BAR.search(text))
        or "\t" in text
        or "," in text
        or bool(BOX_BAR.search(text) or SPACED_GAP.search(text) or HTML_TABLE_START.match(text))
    )


class _Lines:
    def __init__(self, texts: list[str], numbers: list[int]) -> None:
        self.texts = texts
        self.numbers = numbers

    def table_at(self, index: int) -> tuple[Table | None, int]:
        texts = self.texts
        line = texts[index]
        if HTML_TABLE_START.match(line):
            table, end = self._html_table(index)
            if table:
                return table, end
        if BOX_RULE.match(texts[index]) or BOX_ROW.match(texts[index]):
            table, end = self._box_table(index, BOX)
            if table:
                return table, end
        if GRID_RULE.match(texts[index]):  # a grid table opens with a rule; a row of bars alone is a pipe table's
            table, end = self._box_table(index, GRID)
            if table:
                return table, end
        if "," in line and _names_columns(_csv_cells(line)):
            table, end = self._csv_table(index)
            if table:
                return table, end
        if _starts_markdown_table(texts, index):
            return self._pipe_table(index)
        line = texts[index]
        if "\t" in line.strip() and _names_columns(_tab_cells(line)):
            return self._tab_table(index)
        if "\t" in line.strip():
            table, end = self._form(index)
            if table is None and (
                self._guessed(index, lambda text: "\t" in text.strip(), _tab_cells)
                or tables.is_roster_header(_tab_cells(line))
            ):
                return self._tab_table(index)
            return table, end
        if BAR.search(line) and index + 1 < len(texts) and BAR.search(texts[index + 1]):
            if _names_columns(_cells(line)) or self._guessed(index, BAR.search, _cells):
                return self._pipe_table(index)
        if SPACED_GAP.search(line) and (
            _names_columns(_spaced_cells(line)) or self._guessed(index, SPACED_GAP.search, _spaced_cells)
        ):
            table, end = self._spaced_table(index)
            if table:
                return table, end
        return None, index

    def _guessed(self, start: int, is_row: Callable[[str], object], cells: Callable[[str], list[str]]) -> bool:
        """The lines from ``start`` on that ``is_row`` takes are a table of tasks under a header of words
        the table parser does not know (``fallback.table_columns``): read only the first few."""
        from .fallback import HEADER_ROWS, table_columns

        rows = []
        for text in self.texts[start : start + HEADER_ROWS]:
            if not is_row(text):
                break
            rows.append(cells(text))
        return len(rows) > 2 and table_columns(rows, header_first=True) is not None

    def _table(self, rows: list[list[str]], starts: list[int]) -> Table:
        lines = [self.numbers[index] for index in starts]
        return Table(rows=rows, line=lines[0], row_lines=lines)

    def _pipe_table(self, start: int) -> tuple[Table, int]:
        texts = self.texts
        # Without a bar at the header's ends, a row's first or last bar follows or precedes an empty cell
        # ("｜2｜清疏…": the group's cell, written on its first row only).
        edged = texts[start].strip(ASCII_SPACE)[:1] in BARS
        rows, starts = [_cells(texts[start])], [start]
        index = start + 1
        while index < len(texts) and texts[index].strip() and BAR.search(texts[index]):
            if not TABLE_SEPARATOR.match(texts[index]):
                rows.append(_cells(texts[index], edged))
                starts.append(index)
            index += 1
        return self._table(rows, starts), index

    def _html_table(self, start: int) -> tuple[Table | None, int]:
        """The lines from ``<table>`` to ``</table>`` as the table they mark up, each row on the line its
        ``<tr>`` opens on. The lines join without a break: a PDF wraps a long row anywhere, a tag too."""
        end = next((index for index in range(start, len(self.texts)) if HTML_TABLE_END.search(self.texts[index])), None)
        if end is None:
            return None, start
        parts = [text.strip() for text in self.texts[start : end + 1]]
        offsets = [0]
        for part in parts:
            offsets.append(offsets[-1] + len(part))
        markup = "".join(parts)
        markup = markup[: HTML_TABLE_END.search(markup).start()]
        rows: list[list[str]] = []
        starts: list[int] = []
        spanned: dict[int, tuple[int, str]] = {}
        for found in HTML_ROW.finditer(markup):
            rows.append(_html_cells(found.group("cells"), spanned))
            starts.append(start + bisect.bisect_right(offsets, found.start()) - 1)
        if len(rows) < 2:
            return None, start
        return dataclasses.replace(self._table(rows, starts), merges_filled=True), end + 1

    def _box_table(self, start: int, drawing: Drawing) -> tuple[Table | None, int]:
        """The lines from ``start`` on while they are a box-drawn table's rules and rows. A row spans
        the lines between two rules; where no rule parts the rows, a line whose first cell is empty
        goes on the row above. Each cell joins its lines: a line its text fills was wrapped by the
        cell's width and goes on without a break (新│…│增 is 新增), one that ends short, or ends a sentence or a
        bracket, ended there (one unit per line) and keeps its line break."""
        texts = self.texts
        groups: list[list[int]] = []
        group: list[int] = []
        index = start
        while index < len(texts) and (drawing.rule.match(texts[index]) or drawing.row.match(texts[index])):
            if drawing.rule.match(texts[index]):
                groups.append(group)
                group = []
            else:
                group.append(index)
            index += 1
        groups.append(group)
        rows: list[list[str]] = []
        starts: list[int] = []
        for group in groups:
            for part in _box_rows(group, texts, drawing.bar):
                rows.append(_box_cells([texts[line] for line in part], drawing.bar))
                starts.append(part[0])
        if len(rows) < 2 or not _names_columns(rows[0]):
            return None, start
        return self._table(rows, starts), index

    def _spaced_table(self, start: int) -> tuple[Table | None, int]:
        """Rows from the header on as a fixed-width print sets them, columns apart by runs of spaces
        and no rules, up to an empty line. A cell too long for its column wraps onto a line of its
        own holding that column's text alone, which goes on the cell above without a break
        (``_wrapped_column``)."""
        texts = self.texts
        header = _spaced_cells(texts[start])
        starts_at = _column_starts(texts[start])
        rows: list[list[str]] = [header]
        starts: list[int] = [start]
        index = start + 1
        while index < len(texts) and texts[index].strip():
            cells = _spaced_cells(texts[index])
            if len(cells) > 1:
                rows.append(_placed(texts[index], cells, starts_at))
                starts.append(index)
            else:
                column = _wrapped_column(texts[index], rows[-1], starts_at, header) if len(rows) > 1 else None
                if column is None:
                    break
                rows[-1][column] += cells[0]
            index += 1
        if len(rows) < 2:
            return None, start
        return self._table(rows, starts), index

    def _csv_table(self, start: int) -> tuple[Table | None, int]:
        """Rows from the header on as a system exports them comma-separated (CSV): a cell holding a
        comma or a line break comes quoted ("综合科,信息科"). The table ends at a line of one cell
        ("共6条记录") or an empty line."""
        texts = self.texts
        rows: list[list[str]] = []
        starts: list[int] = []
        index = start
        while index < len(texts) and texts[index].strip():
            first = index
            record = texts[index]
            index += 1
            while record.count('"') % 2 and index < len(texts):  # a quoted cell goes on over the line
                record += "\n" + texts[index]
                index += 1
            # A header cut by a line break inside a name (a PDF's line): the next line names columns too.
            while not rows and index < len(texts) and "," in texts[index] and _names_columns(_csv_cells(texts[index])):
                record += texts[index]
                index += 1
            cells = _csv_cells(record)
            if len(cells) < 2:
                index = first
                break
            rows.append(cells)
            starts.append(first)
        if len(rows) < 2:
            return None, start
        return self._table(rows, starts), index

    def _tab_table(self, start: int) -> tuple[Table | None, int]:
        """Rows from the header on while lines hold tabs. A line break inside a cell cuts a row in two
        (Word), or comes quoted (Excel: "甲\\n乙"): a row with fewer cells than the header takes the
        next line in, its first cell joining the cell it broke off from, while that still fits."""
        texts = self.texts
        width = self._tab_header_width(start)
        rows: list[list[str]] = []
        starts: list[int] = []
        index = start
        while index < len(texts) and (texts[index].strip() or self._spacer(index, width)):
            if not texts[index].strip():
                index += 1  # an empty row between groups (a workbook's spacer, its tabs kept): no row
                continue
            if _is_page_number(texts[index]):
                if not self._goes_on(index + 1):
                    break
                index += 1  # the table goes on over the page: its number is no row
                continue
            first, cells = index, _tab_cells(texts[index])
            index += 1
            while len(cells) < width and index < len(texts) and texts[index].strip():
                following = _tab_cells(texts[index])
                if (
                    len(cells) + len(following) - 1 > width
                    or _starts_row(following, cells)
                    or _is_page_number(texts[index])
                    or (len(following) > 1 and _names_columns(following))
                    or (len(following) == 1 and self._group_row(index, width))
                ):
                    break
                cells = [*cells[:-1], f"{cells[-1]}\n{following[0]}", *following[1:]]
                index += 1
            if len(cells) == 1 and self._group_row(first, width):
                cells = [*cells, *[""] * (width - 1)]
            elif len(cells) == 1:
                index = first  # a paragraph after the table, not a row of it
                break
            rows.append([_unquoted(cell) for cell in cells])
            starts.append(first)
        if len(rows) < 2:
            return None, start
        return self._table(rows, starts), index

    def _tab_header_width(self, start: int) -> int:
        """How many cells the header at ``start`` has: a line break inside a header cell, unquoted
        ("责任单位" / "（第一个为牵头单位）⇥完成时限"), cuts it in two, and the next line goes on with it
        while joining it names more columns the table parser knows."""
        from .tables import column_key

        def known(cells: list[str]) -> int:
            return sum(1 for cell in cells if column_key(cell) is not None)

        header = _tab_cells(self.texts[start])
        index = start + 1
        while index < len(self.texts) and "\t" in self.texts[index].strip():
            following = _tab_cells(self.texts[index])
            joined = [*header[:-1], f"{header[-1]}\n{following[0]}", *following[1:]]
            if not (header[-1].strip() and following[0].strip()):
                break  # a cell cut in two has words on both lines: an empty one is a two-row header's
            if _starts_row(following, header) or known(joined) <= known(header) or self._rows_as_wide(index, header):
                break
            header, index = joined, index + 1
        return len(header)

    def _rows_as_wide(self, index: int, header: list[str]) -> bool:
        """The line at ``index`` and the one after it have as many cells as ``header``: rows of the table,
        not the rest of a header cell cut in two, even where a cell reads as a column's name ("牵头")."""
        lines = [text for text in self.texts[index : index + 2] if "\t" in text.strip()]
        return bool(lines) and all(len(_tab_cells(text)) == len(header) for text in lines)

    def _form(self, start: int) -> tuple[Table | None, int]:
        """A 交办单's rows of keys and values (``forms``): no row names columns, the keys are in the rows."""
        end = start
        while end < len(self.texts) and "\t" in self.texts[end].strip():
            end += 1
        rows = [_tab_cells(text) for text in self.texts[start:end]]
        if len(rows) < 2 or not forms.is_form(rows):
            return None, start
        return self._table(rows, list(range(start, end))), end

    def _spacer(self, index: int, width: int) -> bool:
        """An empty row copied from a workbook, its cells' tabs alone on the line, that a row of the
        same table follows: a spacer between groups, and the table goes on after it."""
        line = self.texts[index]
        return (
            "\t" in line
            and not line.strip()
            and self._goes_on(index + 1)
            and (len(_tab_cells(self.texts[index + 1])) == width)
        )

    def _group_row(self, index: int, width: int) -> bool:
        """A line of one cell between the table's rows that names a group of them ("二、城市建设"): the
        row of a heading merged across the table, its empty cells' tabs trimmed off by the editor."""
        from .numbering import match

        text = self.texts[index].strip()
        found = match(text)
        return (
            bool(found and found.certain and found.rest)
            and len(text) <= tables.GROUP_ROW_LONGEST
            and not re.search("[。；;]", text)
            and self._goes_on(index + 1)
            and len(_tab_cells(self.texts[index + 1])) <= width
        )

    def _goes_on(self, index: int) -> bool:
        """The line after a page's number is a row of the same table, not a part's title or the
        header of the next table."""
        if index >= len(self.texts):
            return False
        cells = _tab_cells(self.texts[index])
        return len(cells) > 1 and not _names_columns(cells)


def _is_page_number(line: str) -> bool:
    from .layout import PAGE_NUMBER

    return bool(PAGE_NUMBER.match(line.strip()))


def _html_cells(markup: str, spanned: dict[int, tuple[int, str]]) -> list[str]:
    """A ``<tr>``'s cells as text. A cell merged across (colspan) is followed by empty ones; one merged down
    (rowspan) says its text again in the rows below (``spanned``: column → rows left, text)."""
    cells: list[str] = []

    def spanned_from_above() -> None:
        while spanned.get(len(cells), (0, ""))[0]:
            left, text = spanned[len(cells)]
            spanned[len(cells)] = (left - 1, text)
            cells.append(text)

    for found in HTML_CELL.finditer(markup):
        spanned_from_above()
        spans = {span["kind"].lower(): int(span["count"]) for span in HTML_SPAN.finditer(found["attributes"])}
        text = html.unescape(HTML_TAG.sub("", CELL_BREAK.sub("\n", found["text"]))).strip(ASCII_SPACE)
        if spans.get("row", 1) > 1:
            spanned[len(cells)] = (spans["row"] - 1, text)
        cells += [text, *[""] * (spans.get("col", 1) - 1)]
    spanned_from_above()
    return cells


def _names_columns(cells: list[str]) -> bool:
    """A header row: it names at least two columns the table parser knows."""
    from .tables import find_header

    return len(cells) >= 2 and find_header([cells]) is not None


def _starts_markdown_table(texts: list[str], index: int) -> bool:
    return (
        index + 1 < len(texts)
        and "|" in texts[index]
        and "|" in texts[index + 1]
        and bool(TABLE_SEPARATOR.match(texts[index + 1]))
    )


def _cells(line: str, edged: bool = True) -> list[str]:
    line = line.strip(ASCII_SPACE)
    if edged and line[:1] in BARS:
        line = line[1:]
    if edged and line[-1:] in BARS and not line.endswith("\\|"):
        line = line[:-1]
    return [_cell_text(cell) for cell in CELL_SPLIT.split(line)]


def _cell_text(cell: str) -> str:
    cell = CELL_BREAK.sub("\n", cell.strip(ASCII_SPACE).replace("\\|", "|"))
    return EMPHASIS.sub(r"\2", cell)


def _starts_row(following: list[str], cells: list[str]) -> bool:
    """A line starting with a number is the next row (one whose empty cells at the end were not
    copied), unless a quoted cell is still open."""
    from .numbering import classify

    open_quote = cells[-1].startswith('"') and cells[-1].count('"') % 2 == 1
    return not open_quote and len(following) > 1 and classify(following[0]) is not None


def _spaced_cells(line: str) -> list[str]:
    return SPACED_GAP.split(line.strip(ASCII_SPACE))


def _width(text: str) -> int:
    """How many columns of a fixed-width print ``text`` takes: a Chinese character two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _column_starts(line: str) -> list[int]:
    """Where each of a fixed-width line's cells begins, in columns of print."""
    return [_width(line[: found.start()]) for found in re.finditer(r"\S+(?: \S+)*", line)]


def _column_at(position: int, starts_at: list[int]) -> int:
    """The column a cell beginning at ``position`` stands in: the last whose header begins at or
    before it (a cell may begin a column of print early)."""
    return max([0] + [column for column, begins in enumerate(starts_at) if begins <= position + 1])


def _placed(line: str, cells: list[str], starts_at: list[int]) -> list[str]:
    """A row's cells under their columns: as written when it fills every column, else each under the
    header its place in the line puts it (a cell left empty)."""
    if len(cells) == len(starts_at):
        return cells
    row = [""] * len(starts_at)
    for cell, begins in zip(cells, _column_starts(line), strict=False):
        column = _column_at(begins, starts_at)
        row[column] += cell
    return row


def _wrapped_column(line: str, above: list[str], starts_at: list[int], header: list[str]) -> int | None:
    """The column whose cell of the row ``above`` the lone text ``line`` finishes, or None where it
    is no part of the table. Indented, it stands under its column; its indent lost (a Word paragraph
    starts at the margin), it finishes a unit's name cut in a units column ("各街道办事处、区" /
    "市场监管局"), or else, naming no unit, the task cut in its sentence."""
    text = line.strip(ASCII_SPACE)
    if line.startswith(" "):
        column = _column_at(_width(line) - _width(line.lstrip(" ")), starts_at)
        return column or None
    columns = tables.find_header([header])[1]
    for key in fields.UNIT_ATTRIBUTES:
        column = columns.get(key)
        piece = re.split(r"[、，,；;]", above[column])[-1] if column is not None else ""
        if piece and not fields.is_unit_name(piece) and fields.is_unit_name(piece + text):
            return column
    title = columns.get("title")
    if title is None or fields.names_units(text) or above[title].endswith(_ENDS_LINE) or text.endswith(_LABEL_ENDS):
        return None  # a label waiting for its value ("承诺人签字：") is the form's, under the table
    return title


_LABEL_ENDS = ("：", ":")


def _box_rows(group: list[int], texts: list[str], bar: re.Pattern[str]) -> list[list[int]]:
    """The lines ``group`` (between two rules) cut into rows: one row, unless more than one of its
    lines has a first cell, when each of those starts a row (a table ruled under its header only)."""
    firsts = [line for line in group if _box_split(texts[line], bar)[0].strip()]
    if len(firsts) < 2:
        return [group] if group else []
    rows: list[list[int]] = []
    for line in group:
        if line in firsts or not rows:
            rows.append([line])
        else:
            rows[-1].append(line)
    return rows


def _box_split(line: str, bar: re.Pattern[str]) -> list[str]:
    """A box-drawn row's cells as written, padding kept."""
    return bar.split(line.strip(ASCII_SPACE))[1:-1]


def _box_cells(lines: list[str], bar: re.Pattern[str]) -> list[str]:
    cells: list[str] = []
    for line in lines:
        for column, written in enumerate(_box_split(line, bar)):
            if column == len(cells):
                cells.append("")
            text = written.strip(ASCII_SPACE)
            if not text:
                continue
            if cells[column]:
                cells[column] += "" if cells[column].endswith(_FILLED) else "\n"
            # The cell's text filled its width when at most one column of padding is left after it
            # (a full-width character does not fit in that one); a line that ends a sentence or a
            # bracket (区住建局（牵头）) ended there, whether or not it fills the cell.
            filled = len(written) - len(written.rstrip(ASCII_SPACE)) <= 1 and not text.endswith(_ENDS_LINE)
            cells[column] += text + (_FILLED if filled else "")
    return [cell.replace(_FILLED, "") for cell in cells]


_ENDS_LINE = ("。", "；", ";", "）", ")", "】", "〕")
# Marks, while a box-drawn cell is joined, a line its text filled (removed once it is joined).
_FILLED = "\x00"


def _csv_cells(record: str) -> list[str]:
    """A record's cells. A line break the record holds outside a quoted cell (a quote that opens in the
    middle of a cell, as when a comma before it was lost: 推进代办"区自然资源局,区住 / 建局") stays in
    its cell as written, instead of stopping the reader."""
    try:
        cells = next(csv.reader([record]), [])
    except csv.Error:
        cells = [cell.replace(_LINE_BREAK, "\n") for cell in next(csv.reader([record.replace("\n", _LINE_BREAK)]), [])]
    return [cell.strip(ASCII_SPACE) for cell in cells]


_LINE_BREAK = "\x01"  # stands for a line break while the csv reader, which refuses one there, reads the record


def _tab_cells(line: str) -> list[str]:
    return [cell.strip(ASCII_SPACE) for cell in line.split("\t")]


def _unquoted(cell: str) -> str:
    """Excel quotes a cell holding a line break and doubles the quotes inside it."""
    if len(cell) >= 2 and cell[0] == cell[-1] == '"' and "\n" in cell:
        return cell[1:-1].replace('""', '"')
    return cell
