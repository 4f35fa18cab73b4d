"""A table that lost its rows: one line per cell, as a table copied out of a PDF or a web page arrives.

Two shapes, each told by header words on lines of their own (序号, 工作任务, 牵头单位 … as the
table parser knows them):

* the header's cells one per line, then every row's cells one per line, each row starting with its
  序号 (``序号 / 任务 / 牵头单位 / 时限 / 1 / 审批提速 / 政务中心 / 6月底前 / 2 / …``); a header repeated
  on the next page is passed over; a 类别 column left of the 序号, merged down over a group of rows
  in the web page the table was copied from, gives its cell in the group's first row only;
* every cell under its header word, row after row (``序号 / 1 / 任务 / 审批提速 / 牵头单位 / …``).

``rebuild`` gives such a run of lines back as one ``Table``, each row at the line of its first cell,
so that the table parser reads it as it reads a Word table. An empty cell leaves no line at all, so
a row with fewer lines than the header has columns is laid out by what its cells say (a date phrase
is the 完成时限), with a warning; a row with more lines has a task written over several lines.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .document import Block, Line, Problem, Table
from .fields import SENTENCE_END, names_schedule, names_units
from .layout import PAGE_NUMBER
from .numbering import classify, match
from .tables import column_key, find_header

# Columns whose cells are numbers too: such a cell is never taken for the next row's 序号.
NUMERIC_COLUMNS = {"points"}
DEADLINE_COLUMN = "deadline"
UNIT_COLUMNS = {"lead_units", "responsible_units", "cooperating_units"}
MAX_HEADER_WORD = 24
# A header word is a name, never a sentence or a labelled value ("牵头单位：党政办"): such lines are
# passed over before the (costly) header patterns are tried.
NOT_A_HEADER = re.compile(r"[：:，,。；;、！？!?]")


def rebuild(blocks: list[Block], warnings: list[Problem]) -> list[Block]:
    """``blocks`` with every run of one-cell lines that forms a table replaced by that table."""
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        table, end = _table_at(blocks, index, warnings)
        if table:
            out.append(table)
            index = end
        else:
            out.append(blocks[index])
            index += 1
    return out


def _table_at(blocks: list[Block], index: int, warnings: list[Problem]) -> tuple[Table | None, int]:
    if not _is_header_word(blocks[index]):
        return None, index
    lines = _text_lines(blocks, index)
    if not lines:
        return None, index
    wraps = {line: blocks[position].wraps for position, _text, line in lines if blocks[position].wraps}
    for reader in (_HeaderFirst, _CellUnderHeader):
        table, used = reader(lines, warnings, wraps).read()
        if table:
            return table, index + used
    return None, index


def _is_header_word(block: Block) -> bool:
    # Header words are short: a long line is never one, and most lines are long (a 10 MB text has
    # a hundred thousand of them).
    if not isinstance(block, Line) or len(block.text) > MAX_HEADER_WORD or NOT_A_HEADER.search(block.text):
        return False
    text = block.text.strip()
    return column_key(text) is not None and not _ends_table(text)


def _text_lines(blocks: list[Block], start: int) -> list[tuple[int, str, int]]:
    """(position in ``blocks``, text, line) of the lines from ``start`` up to the next table or
    numbered heading, where a table ends anyway; blank lines are left out (a cell per line often
    comes with a blank line between cells)."""
    found = []
    for position in range(start, len(blocks)):
        block = blocks[position]
        if not isinstance(block, Line) or _ends_table(block.text.strip()):
            break
        if block.text.strip() and not PAGE_NUMBER.match(block.text.strip()):
            # A page's number ("— 2 —") between the rows of a table copied out of a PDF is no cell.
            found.append((position, block.text.strip(), block.line))
    return found


class _Reader:
    def __init__(self, lines: list[tuple[int, str, int]], warnings: list[Problem], wraps: dict[int, tuple]) -> None:
        self.lines = lines
        self.warnings = warnings
        self.wraps = wraps  # line → the lines a PDF's layout joined into it (``Line.wraps``)
        self.columns: list[str] = []

    def header(self, words: list[str]) -> list[str | None] | None:
        """Each word's column, where the words name a table with a 序号 and a task as the table
        parser reads a header; None otherwise."""
        found = find_header([words])
        if not found or not {"number", "title"} <= set(found[1]):
            return None
        keys: list[str | None] = [None] * len(words)
        for key, index in found[1].items():
            keys[index] = key
        return keys

    def table(self, header_line: int, header: list[str], rows: list[tuple[int, list[str]]], used: int):
        if not rows:
            return None, 0
        table = Table(
            rows=[header, *(cells for _line, cells in rows)],
            line=header_line,
            row_lines=[header_line, *(line for line, _cells in rows)],
        )
        return table, used


class _HeaderFirst(_Reader):
    """序号 / 任务 / 牵头单位 / …, then the rows' cells in the same order."""

    def read(self) -> tuple[Table | None, int]:
        words = self._header_words(0)
        self.columns = self.header(words) or []
        if len(self.columns) < 2:
            return None, 0
        rows: list[tuple[int, list[str]]] = []
        index, expected = len(words), {}
        while index < len(self.lines):
            if self._repeats_header(index, words, expected):  # the header again, at the top of the next page
                index += len(words)
                continue
            start = self._row_start(index, expected)
            if start is None:
                break
            cells, index = self._row(*start, expected)
            rows.append((cells[self._lead][1], self._laid_out(cells)))
        used = self.lines[index - 1][0] + 1 - self.lines[0][0] if rows else 0
        return self.table(self.lines[0][2], words, rows, used)

    @property
    def _lead(self) -> int:
        """How many columns stand left of the 序号: a 类别 column whose cell (merged down over a group
        of rows) a copied web table gives in the group's first row only."""
        return self.columns.index("number") if "number" in self.columns else 0

    def _row_start(self, index: int, expected: dict[str, int]) -> tuple[list[tuple[str, int]], int] | None:
        """The cells a row starts with and the index of its 序号's line, if a row starts at ``index``."""
        text, line = self.lines[index][1], self.lines[index][2]
        if self._lead == 0:
            return ([], index) if self._starts_row(text, expected, []) else None
        if self._lead != 1:
            return None
        if self._starts_row(text, expected, []):
            return [("", line)], index  # the group cell only in the group's first row: this row is in it
        if self._group_cell(index, expected):
            return [(text, line)], index + 1
        return None

    def _group_cell(self, index: int, expected: dict[str, int]) -> bool:
        """A group's name on the line before a row's expected 序号."""
        text = self.lines[index][1]
        return (
            index + 1 < len(self.lines)
            and len(text) <= MAX_HEADER_WORD
            and not NOT_A_HEADER.search(text)
            and classify(text) is None
            and not names_schedule(text)
            and self._starts_row(self.lines[index + 1][1], expected, [])
        )

    def _header_words(self, index: int) -> list[str]:
        words = []
        while index < len(self.lines) and column_key(self.lines[index][1]) and self.lines[index][1] not in words:
            words.append(self.lines[index][1])
            index += 1
        return words

    def _repeats_header(self, index: int, words: list[str], expected: dict[str, int]) -> bool:
        after = index + len(words)
        return (
            self._header_words(index) == words
            and after < len(self.lines)
            and self._starts_row(self.lines[after][1], expected, [])
        )

    def _row(
        self, cells: list[tuple[str, int]], index: int, expected: dict[str, int]
    ) -> tuple[list[tuple[str, int]], int]:
        cells = [*cells, (self.lines[index][1], self.lines[index][2])]
        _note_number(self.lines[index][1], expected)
        index += 1
        while index < len(self.lines) and not self._complete(cells):
            text = self.lines[index][1]
            if self._starts_row(text, expected, cells) or _ends_table(text) or column_key(text):
                break
            if self._lead and self._next_group(cells, index, expected):
                break
            cells.append((text, self.lines[index][2]))
            index += 1
        return cells, index

    def _next_group(self, cells: list[tuple[str, int]], index: int, expected: dict[str, int]) -> bool:
        """The next group's name starting the next row, not a cell of this one: this row has its task
        and either all its columns or the line cannot be the time its next column wants."""
        if len(cells) - self._lead < 2 or not self._group_cell(index, expected):
            return False
        filling = self.columns[len(cells)] if len(cells) < len(self.columns) else None
        return filling is None or (filling == DEADLINE_COLUMN and not names_schedule(self.lines[index][1]))

    def _complete(self, cells: list[tuple[str, int]]) -> bool:
        """A row whose last column, a 完成时限, has just been filled with a time (a row with one empty
        cell has one line less): the lines after it are the next row or no more of the table (a
        page's footer, a note)."""
        last = cells[-1][0]
        return (
            len(cells) >= len(self.columns) - 1
            and self.columns[-1] == DEADLINE_COLUMN
            and len(last) <= MAX_HEADER_WORD
            and not NOT_A_HEADER.search(last)
            and names_schedule(last)
        )

    def _starts_row(self, text: str, expected: dict[str, int], cells: list) -> bool:
        numbering = classify(text)
        if numbering is None or numbering.value != expected.get(numbering.style, 1):
            return False
        if not cells:
            return True
        # A row needs its task; a number in a column of numbers (分值) is that column's cell.
        filling = self.columns[len(cells)] if len(cells) < len(self.columns) else None
        return len(cells) - self._lead >= 2 and filling not in NUMERIC_COLUMNS

    def _laid_out(self, found: list[tuple[str, int]]) -> list[str]:
        cells, line = [text for text, _line in found], found[0][1]
        width = len(self.columns)
        if len(cells) == width - 1:
            cells = self._unwrapped(found) or cells
        if len(cells) == width:
            return cells
        title = self.columns.index("title")
        if len(cells) > width:
            # A task written over several lines: the columns after it take the last lines.
            after = width - title - 1
            middle = cells[title : len(cells) - after]
            return [*cells[:title], _wrapped(middle), *cells[len(cells) - after :]]
        message = _("第 %(line)s 行起的一行只有 %(count)s 格，表头有 %(width)s 列，已按内容对应各列，请核对。")
        self.warnings.append(
            Problem(line, " / ".join(cells), message % {"line": line, "count": len(cells), "width": width})
        )
        return _by_content(cells, self.columns, title)

    def _unwrapped(self, found: list[tuple[str, int]]) -> list[str] | None:
        """A row one cell short whose cells fill the columns when one line a PDF's layout joined to
        the line above it is a cell of its own: a cell that ran to the margin by chance took the next
        cell for its wrapped end ("…不少于150人次" / "社事办"). Only when exactly one such split puts
        units in a unit column or a date phrase in the 完成时限 column; None otherwise."""
        cells = [text for text, _line in found]
        splits = []
        for index, (text, line) in enumerate(found):
            pieces = self.wraps.get(line, ())
            if "".join(pieces) != text:
                continue
            for cut in range(1, len(pieces)):
                head, tail = "".join(pieces[:cut]), "".join(pieces[cut:])
                if self._fits(index + 1, tail):
                    splits.append([*cells[:index], head, tail, *cells[index + 1 :]])
        return splits[0] if len(splits) == 1 else None

    def _fits(self, column: int, text: str) -> bool:
        key = self.columns[column] if column < len(self.columns) else None
        if key in UNIT_COLUMNS:
            return names_units(text)
        return key == DEADLINE_COLUMN and names_schedule(text)


def _wrapped(lines: list[str]) -> str:
    """A cell's lines as one text: a line cut mid-sentence runs on, a finished sentence ends a paragraph."""
    text = lines[0]
    for line in lines[1:]:
        text += ("\n" if text[-1] in SENTENCE_END else "") + line
    return text


def _by_content(cells: list[str], columns: list[str], title: int) -> list[str]:
    """A row some of whose cells were empty: the cells up to the task keep their places; of the
    others, a date phrase goes to the 完成时限 column and the rest fill the other columns in order."""
    row = [*cells[: title + 1], *[""] * (len(columns) - title - 1)]
    free = [index for index in range(title + 1, len(columns)) if columns[index] != DEADLINE_COLUMN]
    deadline = columns.index(DEADLINE_COLUMN) if DEADLINE_COLUMN in columns else None
    for cell in cells[title + 1 :]:
        if deadline is not None and not row[deadline] and names_schedule(cell):
            row[deadline] = cell
        elif free:
            row[free.pop(0)] = cell
        elif deadline is not None and not row[deadline]:
            row[deadline] = cell
        else:
            row[title] += f"\n{cell}"
    return row


class _CellUnderHeader(_Reader):
    """序号 / 1 / 任务 / … / 牵头单位 / … , then 序号 / 2 / … again."""

    def read(self) -> tuple[Table | None, int]:
        if column_key(self.lines[0][1]) != "number":
            return None, 0
        records: list[tuple[int, dict[str, str]]] = []
        words: list[str] = []
        index = 0
        while index + 1 < len(self.lines) and column_key(self.lines[index][1]):
            word, key = self.lines[index][1], column_key(self.lines[index][1])
            if key == "number":
                if classify(self.lines[index + 1][1]) is None:
                    break
                records.append((self.lines[index][2], {}))
            elif key in {column_key(known) for known in records[-1][1]}:
                break  # a header word twice in one record: no longer this table
            if word not in words:
                words.append(word)
            values, index = self._value(index + 1)
            records[-1][1][word] = "\n".join(values)
        self.columns = self.header(words) or []
        if not self.columns or len(records) < 1 or any(len(record) < 2 for _line, record in records):
            return None, 0
        rows = [(line, [record.get(word, "") for word in words]) for line, record in records]
        used = self.lines[index - 1][0] + 1 - self.lines[0][0]
        return self.table(self.lines[0][2], words, rows, used)

    def _value(self, index: int) -> tuple[list[str], int]:
        values = [self.lines[index][1]]
        index += 1
        while (
            index < len(self.lines) and not column_key(self.lines[index][1]) and not _ends_table(self.lines[index][1])
        ):
            values.append(self.lines[index][1])
            index += 1
        return values, index


def _note_number(text: str, expected: dict[str, int]) -> None:
    numbering = classify(text)
    if numbering:
        expected[numbering.style] = numbering.value + 1


def _ends_table(text: str) -> bool:
    """A numbered line of the plan itself ("二、保障措施") closes the table."""
    found = match(text)
    return found is not None and found.certain and found.style in ("part", "cn", "cn_paren")
