"""The cells' vote on a table's columns, after the header's words have had theirs.

The header's words choose each column's role first (``tables.column_key``), and offices word their headers
as they like: a header may name the task over a column of dates, codes, persons or a category merged down,
and a column of units or dates may stand under a word no pattern knows. What the cells below hold, typed
as ``fallback`` types them where a header says nothing, then decides; the review page says which column
the cells decided (``Vote.warning``), so that the office can check it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# ``fallback`` and ``tables`` import each other; this module is imported by ``tables``: each is imported as a
# module, its names looked up when called, so that any of the three may be imported first.
from . import fallback, tables
from .document import Problem

# A table whose items come from its header's levels or points (an indicator system, a scoring table):
# its short names are the items, and the header's words alone read it.
SCORED_KEYS = ("points", "scoring")


# The key a column the header made the task becomes when its cells show it is none.
def _demoted(kind: str) -> str:
    return {fallback.DATES: "deadline", fallback.CODES: "number", fallback.PERSONS: "persons"}.get(kind, "")


@dataclass
class Vote:
    header: list[str]
    changes: list[tuple[int, str, str]] = field(default_factory=list)  # column, its cells' kind, key or ""

    def warning(self, line: int | None) -> Problem:
        said = [
            (_("“%(header)s”列（%(kind)s）读作“%(key)s”") if key else _("“%(header)s”列（%(kind)s）不作为工作任务"))
            % {"header": self._name(column), "kind": _kind_name(kind), "key": _key_name(key)}
            for column, kind, key in self.changes
        ]
        message = _("以下各列按列中内容读取（表头用词未说明，或与内容不符）：%(columns)s。请核对各事项的字段。") % {
            "columns": "；".join(said)
        }
        return Problem(line, "、".join(cell.strip() for cell in self.header if cell.strip()), message)

    def _name(self, column: int) -> str:
        text = self.header[column].strip() if column < len(self.header) else ""
        return text or _("第 %(n)s 列") % {"n": column + 1}


def _key_name(key: str) -> str:

    if not key:
        return ""
    return _("分组标题") if key.startswith(tables.HEADING) else tables.column_name(key)


def _kind_name(kind: str) -> str:
    return {
        fallback.UNITS: _("单位名称"),
        fallback.DATES: _("日期"),
        fallback.CODES: _("编码"),
        fallback.PERSONS: _("人名"),
        fallback.CATEGORY: _("重复的类别"),
        fallback.MERGED: _("合并的分组"),
        fallback.NUMBERS: _("数字"),
    }[kind]


def voted(header: list[str], rows: list[list[str]], columns: dict[str, int]) -> tuple[dict[str, int], Vote | None]:
    """``columns`` as the header's words chose them, changed where the cells under them disagree: a task
    column whose cells are no task gives way to the column of the tasks' sentences, and a column the
    header left unread that holds units or dates is read as such. The vote, None when nothing changed."""
    body = [row for row in rows if len({cell.strip() for cell in row if cell.strip()}) >= 2]
    if len(body) < fallback.MIN_BODY_ROWS or "title" not in columns:
        return columns, None
    if any(key in columns for key in SCORED_KEYS) and not _group_for_task(header, columns):
        return columns, None  # the group's points are no item's: "考核类别" merged down beside its 分值
    vote = Vote(header)
    if not tables.inner_numbering(rows, header, columns):
        # "序号 | 重点任务 | 编号 | 工作举措": the task merged down heads the measures its codes number.
        columns = _task_by_cells(header, body, columns, vote)
    columns = _unread_by_cells(header, body, columns, vote)
    columns = _one_date_a_row(body, columns, vote)
    return columns, vote if vote.changes else None


def _group_for_task(header: list[str], columns: dict[str, int]) -> bool:
    """The header names no task, and its group's column ("考核类别", "考核项目", "领域") was taken for one."""
    title = columns["title"]
    return title < len(header) and tables.column_key(header[title]) == f"{tables.LEVEL}:0"


def _cells(body: list[list[str]], column: int) -> list[str]:
    return [row[column].strip() for row in body if column < len(row) and row[column].strip()]


def _task_by_cells(header: list[str], body: list[list[str]], columns: dict[str, int], vote: Vote) -> dict[str, int]:
    title = columns["title"]
    if any(key.startswith(tables.HEADING) for key in columns):
        return columns  # the header's levels group the items: an indicator system's short names
    kind = fallback.cell_kind(_cells(body, title), len(body))
    f = fallback
    if kind not in (f.DATES, f.CODES, f.NUMBERS, f.PERSONS, f.CATEGORY, f.MERGED):
        return columns
    # Under a group taken for the task, the tasks' sentences may stand under a target's header ("考核内容及目标").
    open_keys = ("title", "target") if _group_for_task(header, columns) else ("title",)
    taken = {index for key, index in columns.items() if key not in open_keys}
    assigning = min((index for key, index in columns.items() if key in tables.ASSIGNMENT_KEYS), default=len(header))
    task = fallback.task_column(header, body, taken, assigning)
    if task is None or task == title:
        return columns
    columns = {key: index for key, index in columns.items() if index != task}
    demoted = _demoted(kind) or (f"{tables.HEADING}1" if kind in (fallback.CATEGORY, fallback.MERGED) else "")
    if demoted in columns:
        demoted = ""
    columns = {key: index for key, index in columns.items() if key != "title"}
    if demoted:
        columns[demoted] = title
    columns["title"] = task
    vote.changes.append((title, kind, demoted))
    return columns


def _unread_by_cells(header: list[str], body: list[list[str]], columns: dict[str, int], vote: Vote) -> dict[str, int]:
    read = fallback.unread_columns(header, body, columns)
    vote.changes.extend(read)
    return {**columns, **{key: column for column, _kind, key in read}}


def _one_date_a_row(body: list[list[str]], columns: dict[str, int], vote: Vote) -> dict[str, int]:
    due = fallback.dated_milestones(body, columns)
    if due is not columns:
        vote.changes.append((columns["milestones"], fallback.DATES, "deadline"))
    return due
