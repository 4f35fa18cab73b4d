"""Doubts about how a table was read, put to the office beside the review page's other warnings.

A table read by the wrong column fails whole and says nothing: a 考核类别 merged down beside the
考核内容及目标, taken for each row's task, makes an item of each category's name and none of the tasks'
sentences beside it. Two signs of such a reading are said, at most one a table, and neither changes what
was read:

- the column read as the task repeats a few values down many rows, each row its own item or none, while
  another column holds a different sentence on most of them (``repeated_task``); a task merged down over
  the rows of its units' shares or stages, read as one item, repeats rightly;
- most of the table's rows gave nothing, left out as having no task (``rows_without_items``); rows read
  as a heading, or as a stage or a unit's share of the item above them, gave something.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

# ``tables`` imports this module, and ``fallback`` imports ``tables``: each is imported as a module, its names
# looked up when called, as ``column_votes`` does.
from . import fallback, tables
from .document import Node, Problem

REPEATED_MIN_ROWS = 6  # fewer rows may be a short list whose task truly repeats
REPEATED_SHARE = 0.5  # the task column's different texts at most this share of the rows,
REPEATS_SHARE = 0.4  # or the rows saying the task of the row above at least this share
ALONE_SHARE = 0.6  # the share of the rows that gave an item of their own or nothing, not a part of the item above
SENTENCES_SHARE = 0.6  # the other column: a text of its own, of a sentence's length, on this share of the rows
SENTENCE_LENGTH = fallback.MIN_TASK_LENGTH
UNREAD_MIN_ROWS = 5
UNREAD_SHARE = 0.6  # the share of a table's rows that gave no item for the table to be doubted


def doubts(
    headers: list[str],
    body: list[list[str]],
    columns: dict[str, int],
    roots: list[Node],
    left_out: list[Problem],
    line: int,
) -> list[Problem]:
    """The doubt a table's reading raises, if any: ``body`` its rows under the header as they were read,
    ``columns`` the key of each column read, ``roots`` the entries read from them, ``left_out`` what the
    reading left out of them (rows of no task, notes, sums), ``line`` the header's line."""
    rows = _rows(body)
    items = sum(1 for root in roots for node, _depth in root.walk() if not node.children)
    # A 合计 row is left out too, and is none of the rows counted.
    left = max(0, len(left_out) - sum(1 for row in body if _sums(row)))
    doubt = repeated_task(headers, rows, columns, items + left, line)
    doubt = doubt or rows_without_items(headers, rows, left, line)
    return [doubt] if doubt else []


def _rows(body: list[list[str]]) -> list[list[str]]:
    """The rows that hold more than one text and no sum: a category merged across, a blank row, a note or a
    合计 row is none."""
    return [row for row in body if len({cell.strip() for cell in row if cell.strip()}) >= 2 and not _sums(row)]


def _sums(row: list[str]) -> bool:
    first = next((cell.strip() for cell in row if cell.strip()), "")
    return bool(first) and bool(tables.SUMMARY_RE.match(first.strip("*_ ")))


def _cell(row: list[str], column: int) -> str:
    return row[column].strip() if column < len(row) else ""


def _header(headers: list[str], column: int) -> str:
    text = headers[column].strip() if column < len(headers) else ""
    return text or _("第 %(n)s 列") % {"n": column + 1}


def _problem(headers: list[str], line: int, message: str) -> Problem:
    return Problem(line, "、".join(cell.strip() for cell in headers if cell.strip()), message)


def repeated_task(
    headers: list[str], rows: list[list[str]], columns: dict[str, int], alone: int, line: int
) -> Problem | None:
    """The task column repeats a few texts (a category, filled in down its merged cells or written once
    over them) over many rows, beside a column of a different sentence a row: its sentences may be the tasks.
    ``alone`` counts the rows that gave an item of their own or none (not a stage or a share of the one above)."""
    title = columns.get("title")
    if title is None or len(rows) < REPEATED_MIN_ROWS or alone < ALONE_SHARE * len(rows):
        return None
    tasks = {_cell(row, title) for row in rows} - {""}
    if len(tasks) > REPEATED_SHARE * len(rows) and _repeats(rows, title) < REPEATS_SHARE * len(rows):
        return None
    other = sentences_column(rows, title)
    if other is None:
        return None
    message = _(
        "“%(task)s”列被读作工作任务，但它在 %(rows)s 行中只有 %(texts)s 种内容；“%(other)s”列各行内容不同，"
        "工作任务可能在该列。请核对各事项。"
    ) % {"task": _header(headers, title), "rows": len(rows), "texts": len(tasks), "other": _header(headers, other)}
    return _problem(headers, line, message)


def _repeats(rows: list[list[str]], title: int) -> int:
    """The rows whose task is the row above's: filled in down a merged cell, or left empty under it."""
    count, above = 0, ""
    for row in rows:
        task = _cell(row, title)
        count += bool(above) and task in (above, "")
        above = task or above
    return count


def sentences_column(rows: list[list[str]], title: int) -> int | None:
    """The first column but ``title`` holding a different text of a sentence's length on most rows, and
    no units, dates, persons, codes or numbers (``fallback.cell_kind``)."""
    width = max(len(row) for row in rows)
    for column in range(width):
        cells = [_cell(row, column) for row in rows if _cell(row, column)]
        sentences = {cell for cell in cells if len(cell) >= SENTENCE_LENGTH}
        if column == title or len(sentences) < SENTENCES_SHARE * len(rows):
            continue
        if fallback.cell_kind(cells, len(rows)) is None:
            return column
    return None


def rows_without_items(headers: list[str], rows: list[list[str]], left: int, line: int) -> Problem | None:
    """Most of the table's rows (``left`` of them) were left out: its task may have been read from the wrong
    column."""
    left = min(left, len(rows))
    if len(rows) < UNREAD_MIN_ROWS or left < UNREAD_SHARE * len(rows):
        return None
    message = _("表格的 %(rows)s 行中有 %(left)s 行没有读出事项，工作任务列可能没有读对，请核对表格的各列。") % {
        "rows": len(rows),
        "left": left,
    }
    return _problem(headers, line, message)
