"""Decomposition tables (任务分解表 / 责任清单): one row per item, one column per attribute.

Offices draw these tables in Excel or Word with headers of their own wording ("工作任务" or
"重点任务", "完成时限" or "时限要求", "工作目标/指标要求" split over two lines …), often under a
title row ("回兴街道2021年工作要点责任分解表") and sometimes with a two-row header whose upper row
only groups columns ("责任分工" over 牵头领导 and 牵头单位). This module finds the header, reads each
row into a ``Node`` and nests the rows by their 序号, the same way the text parser nests paragraphs.

Rows, as they come in real tables:

* an entirely empty row is a spacer and is skipped;
* a row with a 序号 is an entry; the tree builder nests it by the style of the number;
* a heading row merged across the whole table has its text in the 序号 column ("一、依法全面履行政府职能");
  the number is split off and the rest is the title;
* a row without a 序号 but with a 工作任务 is an item too: under the row above if that row is a
  heading (it says nothing but its number, title and category), beside it otherwise. Numbers written in the 工作任务
  cell ("（一）加强组织领导") count as the row's number;
* a row whose 序号 and 工作任务 repeat the row above continues that item: that is what a vertical merge
  over both cells looks like once ``xlsx.read_workbook`` has filled merged ranges down; the cells that
  differ from the row above are added to the item;
* a row with text but no 工作任务 is reported as not understood, with its row number.

Every non-empty cell ends up somewhere: the number, title and 具体内容 (and any column we have no field
for, under its header) in the node's text; every other cell both in its field and, as "表头：内容", in
``Node.assignment_text``, so the review page shows what each field was read from; title rows in the
header lines; rows we cannot place in ``not_understood``. 当前状态, which our own export writes for the
reader, is kept as text only: an imported plan starts as a draft whatever the file says.

The export (``xlsx.export_plan``) writes milestones and indicators as lines of a fixed form inside the
完成时限 and 工作目标/指标 cells; ``parse_milestone_line`` and ``parse_indicator_line`` read them back
exactly, so a plan survives export and import unchanged.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from . import fields as fields_module
from .document import ImportRejected, Node, ParsedIndicator, Problem, Table
from .numbering import Numbering, classify, match
from .tree import TreeBuilder

# column key → (the name the export writes, the header wordings accepted). The keys that are also
# ``Fields`` attributes go through ``fields.apply`` unchanged.
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "number": ("序号", ("序号", "编号", "序", "序列")),
    "title": (
        "工作任务",
        ("工作任务", "任务名称", "重点任务", "工作内容", "主要任务", "任务", "工作事项", "重点工作", "任务内容"),
    ),
    "target": (
        "工作目标/指标",
        (
            "工作目标/指标",
            "工作目标",
            "指标要求",
            "目标要求",
            "工作目标/指标要求",
            "工作目标及指标",
            "目标任务",
            "工作指标",
        ),
    ),
    "lead_leaders": ("牵头领导", ("牵头领导", "分管领导", "责任领导", "联系领导", "牵头领导/分管领导")),
    "lead_units": ("牵头单位", ("牵头单位", "牵头部门", "主责单位", "牵头科室")),
    "responsible_units": ("责任单位", ("责任单位", "责任部门", "责任科室", "实施单位", "承办单位")),
    "cooperating_units": ("配合单位", ("配合单位", "协办单位", "配合部门", "协助单位", "参与单位", "配合科室")),
    "persons": ("责任人", ("责任人", "具体责任人", "经办人")),
    "deadline": ("完成时限", ("完成时限", "完成时间", "时限要求", "办结时限", "完成期限", "时限")),
    "milestones": ("时间节点", ("时间节点", "进度安排", "节点安排")),
    "cadence": ("汇报频次", ("汇报频次", "报送频次", "报送时间", "汇报时间", "汇报频率")),
    "points": ("分值", ("分值", "分数", "权重", "分值(分)")),
    "status": ("当前状态", ("当前状态", "状态", "办理状态")),
    "target_kind": ("目标类型", ("目标类型", "目标类别")),
    "category": ("类别", ("类别",)),
    "content": ("具体内容", ("具体内容", "工作措施", "具体措施", "主要措施")),
}
REQUIRED = ("number", "title")
HEADER_SEARCH_ROWS = 10
MIN_HEADER_COLUMNS = 2
# Names, schedules and cadences: ``fields.apply`` knows them by the Fields attribute of the same name.
APPLIED = ("lead_leaders", "lead_units", "responsible_units", "cooperating_units", "persons", "milestones")
# Cells that only place a row: a row with nothing else is a heading.
HEADING_KEYS = {"number", "title", "category", "status"}

# Spaces and line breaks inside a header ("完成\n时限", "序 号"), slashes and brackets of either width.
_HEADER_NOISE = re.compile(r"[\s\u3000/／\\()（）\[\]【】〔〕<>《》]+")
_BRACKETED_NOTE = re.compile(r"[（(][^（）()]*[）)]")


def normalise_header(text: str) -> str:
    return _HEADER_NOISE.sub("", text)


_SYNONYMS: dict[str, str] = {
    normalise_header(synonym): key for key, (_name, synonyms) in COLUMNS.items() for synonym in synonyms
}


def column_key(header: str) -> str | None:
    """The column a header cell names; a bracketed note ("分值（分）", "完成时限（年月日）") may follow."""
    for candidate in (header, _BRACKETED_NOTE.sub("", header)):
        key = _SYNONYMS.get(normalise_header(candidate))
        if key:
            return key
    return None


def column_name(key: str) -> str:
    return COLUMNS[key][0]


# --- the header ------------------------------------------------------------------------------------


def _row_columns(row: list[str]) -> dict[str, int]:
    """The known columns a row names, each at its first cell: a repeated header is an extra column."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(row):
        key = column_key(cell)
        if key and key not in columns:
            columns[key] = index
    return columns


def find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """The first of the first ten rows that names at least two known columns, and those columns.

    None when no row does. A second header row under it that only adds columns (the lower half of
    "责任分工 / 牵头领导 | 牵头单位") is folded in; the returned index is then that lower row.
    """
    found = _find_header(rows)
    return (found[0], found[1]) if found else None


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int], int | None] | None:
    """As ``find_header``, plus the index of the upper header row when the header takes two rows."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _row_columns(row)
        if len(columns) >= MIN_HEADER_COLUMNS:
            lower = _lower_header(rows, index, columns)
            if lower:
                return index + 1, {**columns, **lower}, index
            return index, columns, None
    return None


def _lower_header(rows: list[list[str]], index: int, columns: dict[str, int]) -> dict[str, int]:
    """The columns a row under the header adds, if every filled cell of it is a new column name."""
    if index + 1 >= len(rows):
        return {}
    lower = rows[index + 1]
    filled = [cell for cell in lower if cell.strip()]
    lower_columns = _row_columns(lower)
    if filled and len(lower_columns) == len(filled) and not set(lower_columns) & set(columns):
        return lower_columns
    return {}


def looks_like_responsibility_table(table: Table) -> bool:
    """A table whose header, near its top, names 序号, 工作任务 and nothing else it needs: one that
    ``parse_table`` reads without refusing."""
    found = find_header(table.rows)
    return bool(found and all(key in found[1] for key in REQUIRED))


def _reject_header(rows: list[list[str]], found: tuple[int, dict[str, int]] | None, line_of) -> ImportRejected:
    index, columns = found if found else (_first_filled(rows), {})
    missing = [column_name(key) for key in REQUIRED if key not in columns]
    header = "、".join(cell.strip() for cell in rows[index] if cell.strip()) if rows else ""
    expected = "、".join(name for name, _synonyms in COLUMNS.values())
    message = _("表格缺少%(missing)s列。第 %(line)s 行表头为：%(header)s；应包括：%(expected)s。") % {
        "missing": "、".join(f"“{name}”" for name in missing),
        "line": line_of(index),
        "header": header or _("（空）"),
        "expected": expected,
    }
    return ImportRejected(message, line_of(index))


# The column that tells the 分办表 (one row per unit doing an item, our export's second sheet) from
# a responsibility list: it has 序号 and 工作任务 too, but its rows repeat each item once per unit.
ASSIGNMENT_LIST_MARK = "承办角色"


def is_assignment_list(table: Table) -> bool:
    found = find_header(table.rows)
    return bool(found) and ASSIGNMENT_LIST_MARK in {normalise_header(cell) for cell in table.rows[found[0]]}


def check_header(table: Table, line_of: Callable[[int], int] | None = None) -> None:
    """Refuse, naming the missing columns, a table ``parse_table`` cannot read: for a workbook whose
    sheets hold no decomposition table, this says why better than "no items found"."""
    _usable_header(table, line_of or (lambda index: table.line + index))


def _usable_header(table: Table, line_of: Callable[[int], int]) -> tuple[int, dict[str, int], int | None]:
    found = _find_header(table.rows)
    if not found or any(key not in found[1] for key in REQUIRED):
        raise _reject_header(table.rows, (found[0], found[1]) if found else None, line_of)
    return found


def _first_filled(rows: list[list[str]]) -> int:
    return next((index for index, row in enumerate(rows) if any(cell.strip() for cell in row)), 0)


# --- the export's own lines: milestones and indicators ---------------------------------------------

MILESTONE_PREFIX = "节点："
INDICATOR_PREFIX = "指标："
NO_INDICATORS = "指标：无"
COMPARATOR_SIGNS = {"gte": "≥", "lte": "≤"}
_DATE = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
MILESTONE_RE = re.compile(rf"^节点[：:]\s*{_DATE}\s*(?P<title>.*?)\s*(?:[（(](?P<percent>\d{{1,3}})%[）)])?$")
INDICATOR_RE = re.compile(
    r"^指标[：:]\s*(?P<name>.+?)\s+(?P<cmp>≥|≤|>=|<=)\s*(?P<value>-?\d+(?:\.\d+)?)\s*(?P<unit>.*?)\s*$"
)
_CMP = {"≥": "gte", ">=": "gte", "≤": "lte", "<=": "lte"}


def format_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def format_decimal(value: Decimal) -> str:
    """30.00 → "30", 2.50 → "2.5": as an office writes a number, never "3E+1"."""
    return f"{value.normalize():f}"


def format_milestone(due: datetime.date, title: str, percent: int | None) -> str:
    """ "节点：2020年6月30日 完成初稿（50%）". The percent is left out when it is 0, unless the title itself
    ends in a bracketed percent that would otherwise be read as one."""
    title = " ".join(title.split())
    line = f"{MILESTONE_PREFIX}{format_date(due)} {title}".rstrip()
    if percent or re.search(r"[（(]\d{1,3}%[）)]$", title):
        line += f"（{percent or 0}%）"
    return line


def parse_milestone_line(text: str) -> tuple[datetime.date, str, int | None] | None:
    found = MILESTONE_RE.match(text.strip())
    if not found:
        return None
    due = fields_module._safe_date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    if due is None:
        return None
    percent = found.group("percent")
    return due, found.group("title"), int(percent) if percent is not None else None


def format_indicator(name: str, comparator: str, value: Decimal, unit: str) -> str:
    """ "指标：普法活动 ≥ 30场次"."""
    sign = COMPARATOR_SIGNS.get(comparator, "≥")
    return f"{INDICATOR_PREFIX}{' '.join(name.split())} {sign} {format_decimal(value)}{unit}"


def parse_indicator_line(text: str) -> ParsedIndicator | None:
    found = INDICATOR_RE.match(text.strip())
    if not found:
        return None
    try:
        value = Decimal(found.group("value"))
    except InvalidOperation:
        return None
    return ParsedIndicator(
        name=found.group("name").strip(),
        value=value,
        unit=found.group("unit"),
        comparator=_CMP[found.group("cmp")],
        text=text.strip(),
    )


# --- rows --------------------------------------------------------------------------------------------


@dataclass
class _Row:
    cells: list[str]
    line: int

    def cell(self, index: int | None) -> str:
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    @property
    def text(self) -> str:
        return " | ".join(cell.strip() for cell in self.cells if cell.strip())


class _TableReader:
    """Reads the rows under a header into nodes; one instance per table."""

    def __init__(self, columns: dict[str, int], headers: list[str], year: int | None) -> None:
        self.columns = columns
        self.headers = headers
        self.year = year
        self.builder = TreeBuilder()
        self.not_understood: list[Problem] = []
        self.warnings: list[Problem] = []
        self._path: list[Node] = []  # the numbered entries open above the next row, top first
        self._last_is_heading = False
        self._previous: tuple[_Row, Node] | None = None
        self._keys = {index: key for key, index in columns.items()}

    def read(self, row: _Row) -> None:
        if not row.text:
            return
        number, title = row.cell(self.columns.get("number")), row.cell(self.columns.get("title"))
        if self._previous and (number or title) and self._continues(row, number, title):
            self._add_cells(self._previous[1], row, skip_same_as=self._previous[0])
            return
        numbering, title = self._numbering(row, number, title)
        if not title:
            message = _("第 %(line)s 行没有工作任务。") % {"line": row.line}
            self.not_understood.append(Problem(row.line, row.text, message))
            return
        node = self._node(row, numbering, number, title)
        self._place(row, numbering, node)
        self._previous = (row, node)

    def _continues(self, row: _Row, number: str, title: str) -> bool:
        previous = self._previous[0]
        return (number, title) == (previous.cell(self.columns.get("number")), previous.cell(self.columns.get("title")))

    def _numbering(self, row: _Row, number: str, title: str) -> tuple[Numbering | None, str]:
        """The row's number, and its title once a number written into the title has been taken off."""
        if number:
            numbering = classify(number)
            if numbering:
                return numbering, title
            # A heading merged across the row keeps its whole text in the first cell: "一、依法全面履行政府职能".
            found = match(number)
            if found and not title and found.certain:
                return found, found.rest
            if not title:
                # A note merged across the foot of the table ("注：本表由党政办负责解释") is no item.
                return None, ""
            message = _("第 %(line)s 行的序号“%(number)s”无法识别，按无序号处理。") % {
                "line": row.line,
                "number": number,
            }
            self.warnings.append(Problem(row.line, number, message))
            return None, title
        found = match(title)
        if found and (found.certain or self.builder.accepts(found)):
            return found, found.rest
        return None, title

    def _node(self, row: _Row, numbering: Numbering | None, number: str, title: str) -> Node:
        first, _newline, more = title.partition("\n")
        extracted = fields_module.extract(first.strip(), self.year)
        node = Node(
            number=numbering.number if numbering else number,
            level=numbering.rank if numbering else 0,
            title=extracted.rest or first.strip(),
            line=row.line,
            # A long task cell: the first line names the task, the rest describes it.
            content=[more.strip()] if more.strip() else [],
            fields=extracted.fields,
            assignment_text=list(extracted.phrases),
        )
        self._add_cells(node, row)
        return node

    def _place(self, row: _Row, numbering: Numbering | None, node: Node) -> None:
        if numbering:
            self.builder.add(numbering, node)
            self._path = _path_after_add(self._path, node)
            self._last_is_heading = self._is_heading_row(row)
            return
        parent = self._unnumbered_parent()
        (parent.children if parent else self.builder.roots).append(node)

    def _unnumbered_parent(self) -> Node | None:
        """Under the last numbered row if it is a heading, beside it otherwise."""
        if not self._path:
            return None
        if self._last_is_heading:
            return self._path[-1]
        return self._path[-2] if len(self._path) > 1 else None

    def _is_heading_row(self, row: _Row) -> bool:
        return all(self._keys.get(index) in HEADING_KEYS for index in range(len(row.cells)) if row.cell(index))

    # --- cells ---------------------------------------------------------------------------------------

    def _add_cells(self, node: Node, row: _Row, skip_same_as: _Row | None = None) -> None:
        for index, text in enumerate(row.cells):
            text = text.strip()
            if not text or (skip_same_as and skip_same_as.cell(index) == text):
                continue
            key = self._keys.get(index)
            if key in ("number", "title"):
                continue
            label = self.headers[index].strip() if index < len(self.headers) else ""
            if key is None or key == "content":
                # One cell, one paragraph of the content, line breaks as written; a column we have no field
                # for (备注, 进展情况) goes there too, under its header.
                node.content.append(text if key else f"{label}：{text}" if label else text)
                continue
            node.assignment_text.append(f"{label}：{text}")
            self._apply(node, key, text, row)

    def _apply(self, node: Node, key: str, text: str, row: _Row) -> None:
        handler: Callable[[Node, str, _Row], None] | None = getattr(self, f"_apply_{key}", None)
        if handler:
            handler(node, text, row)
        elif key in APPLIED:
            fields_module.apply(node.fields, key, text, self.year)

    def _apply_status(self, node: Node, text: str, row: _Row) -> None:
        """Our export writes where each item stood; an imported plan starts again as a draft."""

    def _apply_category(self, node: Node, text: str, row: _Row) -> None:
        node.category = text

    def _apply_target_kind(self, node: Node, text: str, row: _Row) -> None:
        node.fields.target_kind = text

    def _apply_points(self, node: Node, text: str, row: _Row) -> None:
        points = fields_module.parse_points(text)
        if points is None:
            self._warn(row, text, _("分值“%(text)s”不是数字，未计入分值。") % {"text": text})
        else:
            node.fields.points = points

    def _apply_cadence(self, node: Node, text: str, row: _Row) -> None:
        cadence, day = fields_module.parse_cadence(text)
        if not cadence:
            self._warn(row, text, _("汇报频次“%(text)s”无法识别，按默认频次处理。") % {"text": text})
            return
        node.fields.cadence, node.fields.report_day = cadence, day

    def _apply_deadline(self, node: Node, text: str, row: _Row) -> None:
        """The first lines say when; our export adds one "节点：…" line per milestone below them."""
        rest = []
        for line in text.split("\n"):
            milestone = parse_milestone_line(line)
            if milestone:
                _add_milestone(node, *milestone)
            elif line.strip():
                rest.append(line.strip())
        if rest:
            fields_module.apply(node.fields, "deadline", "；".join(rest), self.year)

    def _apply_target(self, node: Node, text: str, row: _Row) -> None:
        """Free text is the target; "指标：…" lines are the indicators, exactly. Without such lines the
        indicators are looked for in the text ("普法活动不少于30场次")."""
        free, explicit, told = [], [], False
        for line in text.split("\n"):
            if line.strip() == NO_INDICATORS:
                told = True
                continue
            indicator = parse_indicator_line(line)
            if indicator:
                explicit.append(indicator)
            else:
                free.append(line)
        target = "\n".join(free).strip("\n")
        fields_module.apply(node.fields, "target", target, self.year)
        node.indicators.extend(explicit if explicit or told else fields_module.find_indicators(target))

    def _warn(self, row: _Row, text: str, message: str) -> None:
        self.warnings.append(Problem(row.line, text, message))


def _add_milestone(node: Node, due: datetime.date, title: str, percent: int | None) -> None:
    node.fields.milestones.append((due, title))
    if percent is not None:
        node.milestone_percents[(due, title)] = percent


def _path_after_add(path: list[Node], node: Node) -> list[Node]:
    """The open entries once ``node`` is added: its parent is the deepest open entry it now ends."""
    for depth in range(len(path) - 1, -1, -1):
        if path[depth].children and path[depth].children[-1] is node:
            return [*path[: depth + 1], node]
    return [node]


def parse_table(
    table: Table, year: int | None, line_of: Callable[[int], int] | None = None
) -> tuple[list[Node], list[Problem], list[Problem], list[str]]:
    """The table's rows as nodes: (roots, not understood, warnings, the title lines above the header).

    ``line_of`` turns a 0-based row index into the line a user sees; by default ``table.line + index``,
    which is the row number Excel shows for a sheet read by ``xlsx.read_workbook`` (``line`` 1).
    """
    line_of = line_of or (lambda index: table.line + index)
    header_index, columns, upper = _usable_header(table, line_of)
    header_lines = [_joined(row) for row in table.rows[: upper if upper is not None else header_index]]
    headers = list(table.rows[header_index])
    if upper is not None:
        # The upper row names some columns ("序号" merged down) and groups others ("责任分工"): the group
        # labels are no column's name, so they are kept with the title lines.
        headers = _header_texts(table.rows[upper], headers)
        groups = [cell.strip() for cell in table.rows[upper] if cell.strip() and not column_key(cell)]
        header_lines.append(" ".join(groups))
    reader = _TableReader(columns, headers, year)
    for index in range(header_index + 1, len(table.rows)):
        reader.read(_Row(table.rows[index], line_of(index)))
    warnings = [*reader.builder.warnings, *reader.warnings]
    return reader.builder.roots, reader.not_understood, warnings, [line for line in header_lines if line]


def _joined(row: list[str]) -> str:
    return " ".join(cell.strip() for cell in row if cell.strip())


def _header_texts(upper: list[str], lower: list[str]) -> list[str]:
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    return [low if low.strip() else up for up, low in zip(upper, lower, strict=True)]
