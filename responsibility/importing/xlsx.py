"""Excel (.xlsx): a workbook's sheets as tables to import, and a plan's responsibility list as a workbook.

Reading turns every cell into the text Excel shows for it (a date cell as "2020年12月31日", 30.0 as
"30", 0.95 in a percent format as "95%"), so the table parser sees one kind of input whatever program
drew the table. Writing lays the list out in the standard columns of a decomposition table, with two
extra columns at the end (类别, 具体内容) so that a plan exported and imported again comes back whole,
and adds a second sheet, 分办表, with one row per unit doing an item (its assignment). The import
sets that sheet aside (``tables.is_assignment_list``): the first sheet already names every unit in
its role, and the second would only repeat the items.

Call ``read_workbook`` through ``readers.read``: it looks inside the package for zip bombs first.
"""

from __future__ import annotations

import datetime
import functools
import gc
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import IO

import openpyxl
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..models import Assignment
from ..models.plan import ItemStatus, ReportCadence, ResponsibilityItem, WorkPlan
from . import guidance
from .document import ImportRejected, Source, Table
from .fields import find_dates, find_indicators, parse_schedule
from .tables import (
    NO_INDICATORS,
    column_name,
    format_date,
    format_decimal,
    format_indicator,
    format_milestone,
    parse_milestone_line,
)
from .writing import BORDER, FONT, HEADER_FILL, CellStyles, StreamedTable, label, put, write_only_book

# Merged ranges are only known to openpyxl's full (not read-only) mode, which holds every cell in
# memory. A real responsibility table is a few hundred KB; above this the sheet is streamed and merged
# cells keep their value in the top cell only.
FULL_LOAD_LIMIT = 2 * 1024 * 1024
# Items read per query when a list is written: memory per chunk, queries per list grow by one chunk's.
EXPORT_CHUNK_SIZE = 2000

# --- reading ---------------------------------------------------------------------------------------


def read_workbook(name: str, data: bytes) -> Source:
    """One ``Table`` per visible sheet that has any text, rows numbered as Excel numbers them."""
    workbook = _open(name, data)
    try:
        blocks = [table for sheet in workbook.worksheets if (table := _sheet_table(sheet)) is not None]
    except ImportRejected:
        raise
    except Exception as exc:  # a sheet's XML can be broken in ways only reading it shows
        raise ImportRejected(_corrupt(name)) from exc
    finally:
        workbook.close()
    return Source(name=name, kind="xlsx", blocks=blocks)


def _open(name: str, data: bytes):
    streamed = len(data) > FULL_LOAD_LIMIT
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=streamed, data_only=True)
    except Exception as exc:  # openpyxl raises BadZipFile, KeyError, ValueError, lxml errors … for a bad package
        raise ImportRejected(_corrupt(name)) from exc


def _corrupt(name: str) -> str:
    return _("文件“%(name)s”已损坏，无法读取（不是有效的 Excel 工作簿）。") % {"name": name}


def _sheet_table(sheet) -> Table | None:
    # A hidden sheet holds the lists behind drop-downs or a clerk's workings, not the plan.
    if getattr(sheet, "sheet_state", "visible") != "visible":
        return None
    rows = [[cell_text(cell.value, cell.number_format) for cell in row] for row in _rows(sheet)]
    rows = _rectangular(rows)
    filled = isinstance(sheet, Worksheet)
    if filled:
        _fill_merged_down(sheet, rows)
    if not rows:
        return None
    return Table(rows=rows, line=1, sheet=sheet.title, merges_filled=filled)


def _rows(sheet) -> Iterator[tuple]:
    if not isinstance(sheet, Worksheet):
        # Some generators write a wrong <dimension> ("A1"), and a streamed sheet would stop there.
        sheet.reset_dimensions()
    # From A1, so that a row's index is its Excel number less one.
    return sheet.iter_rows(min_row=1, min_col=1)


def _rectangular(rows: list[list[str]]) -> list[list[str]]:
    """Rows cut after the last one with text and padded to the widest: a table's shape, not Excel's."""
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, cell in enumerate(row) if cell), default=0) for row in rows), default=0)
    return [(row + [""] * width)[:width] for row in rows]


def _fill_merged_down(sheet: Worksheet, rows: list[list[str]]) -> None:
    """A vertical merge (one 牵头单位 for three items) holds for every row it spans; a horizontal one
    (a title or a heading across the table) is text once, in its first column."""
    for merged in sheet.merged_cells.ranges:
        top, column = merged.min_row - 1, merged.min_col - 1
        if top >= len(rows) or column >= len(rows[top]):
            continue
        value = rows[top][column]
        for index in range(top + 1, min(merged.max_row, len(rows))):
            if not rows[index][column]:
                rows[index][column] = value


def cell_text(value, number_format: str = "General") -> str:
    """The text Excel shows for a cell's value, as an office would write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime | datetime.date):
        shown = _date_parts(number_format or "")
        if shown and not shown & set("dhs"):  # a month typed alone ("2025年9月"), that Excel keeps as its first day
            return f"{value.year}年{value.month}月" if "m" in shown else f"{value.year}年"
    if isinstance(value, datetime.datetime):
        time = value.time()
        return format_date(value.date()) + (f" {_time_text(time)}" if time != datetime.time() else "")
    if isinstance(value, datetime.date):
        return format_date(value)
    if isinstance(value, datetime.time):
        return _time_text(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        return _number_text(value, number_format or "")
    return str(value)


# What a number format writes that is no part of a date: its quoted words ("年"), a locale or colour in
# brackets ([$-804], [Red]), a character escaped (\\-) or kept as padding (_), a fill (*).
_FORMAT_LITERAL_RE = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def _date_parts(number_format: str) -> set[str]:
    """The parts of a date a cell's number format shows: {"y", "m"} for yyyy"年"m"月", mmm-yy or yyyy-mm (a
    month, no day), {"y", "m", "d"} for yyyy/m/d; empty for "General", which shows the whole date."""
    if number_format.lower() == "general":
        return set()
    return set(_FORMAT_LITERAL_RE.sub("", number_format).lower()) & set("ymdhs")


def _time_text(time: datetime.time) -> str:
    return time.strftime("%H:%M:%S" if time.second else "%H:%M")


def _number_text(value: float | Decimal, number_format: str) -> str:
    # Excel keeps 15 significant digits: 0.1 + 0.2 is stored as 0.30000000000000004 and shown as 0.3.
    percent = "%" in re.sub(r'"[^"]*"', "", number_format)
    number = Decimal(format(value * 100 if percent else value, ".15g"))
    return format_decimal(number) + ("%" if percent else "")


# --- writing ---------------------------------------------------------------------------------------

EXPORT_COLUMNS = [
    "number",
    "title",
    "target",
    "lead_leaders",
    "lead_units",
    "responsible_units",
    "cooperating_units",
    "persons",
    "deadline",
    "cadence",
    "points",
    "status",
    "category",
    "content",
]
WIDTHS = {
    "number": 8,
    "title": 34,
    "target": 34,
    "lead_leaders": 10,
    "lead_units": 14,
    "responsible_units": 18,
    "cooperating_units": 16,
    "persons": 10,
    "deadline": 24,
    "cadence": 13,
    "points": 7,
    "status": 11,
    "category": 16,
    "content": 48,
}
CADENCE_TEXTS = {
    ReportCadence.MONTHLY: ("每月", "每月{day}日前"),
    ReportCadence.QUARTERLY: ("每季度", "每季度末月{day}日前"),
    ReportCadence.PER_STAGE: ("按阶段", "按阶段，每阶段末{day}日前"),
    ReportCadence.NONE: ("不定期", "不定期"),
}
ONGOING = "长期坚持"
UNIT_SEPARATOR = "、"
TITLE_ROW, HEADER_ROW = 1, 2
HEADING_FILL = PatternFill("solid", fgColor="F2F2F2")


def export_plan(plan: WorkPlan, items: QuerySet[ResponsibilityItem] | None = None) -> bytes:
    """The plan's responsibility list as an .xlsx in memory (``write_plan``): the download of a small list."""
    out = io.BytesIO()
    write_plan(plan, out, items)
    return out.getvalue()


def write_plan(
    plan: WorkPlan,
    out: IO[bytes],
    items: QuerySet[ResponsibilityItem] | None = None,
    progress: Callable[[int], None] | None = None,
    chunk_size: int = EXPORT_CHUNK_SIZE,
) -> int:
    """Write the plan's responsibility list to ``out``: a title row, the header, one row per item in
    tree order; then the 分办表, one row per unit doing an item; then the guidance. Write-only sheets,
    so memory does not grow with the rows. ``items`` (all the plan's by default) cuts the list down
    to what a user may see; ``progress`` hears the rows written after each chunk. Returns that number."""
    book = write_only_book()
    book.properties.title = plan.title
    sheet = book.create_sheet(str(_("责任清单")))
    _lay_out(sheet)
    _write_title(sheet, plan.title)
    _write_header(sheet)
    styles = CellStyles(sheet)
    title = _("%(plan)s分办表") % {"plan": plan.title}
    parts = StreamedTable(book, title, [(str(name), width) for name, width in ASSIGNMENT_COLUMNS], str(_("分办表")))
    _guidance_sheet(book, plan)
    written = 0
    for chunk in tree_chunks(plan, plan.items.all() if items is None else items, chunk_size):
        for item, depth in chunk:
            _write_item(styles, item, depth, plan.year)
            for cells in [] if item.is_heading else assignment_rows(item, plan.year):
                parts.append(cells)
        written += len(chunk)
        if progress is not None:
            progress(written)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(EXPORT_COLUMNS))}{HEADER_ROW + written}"
    parts.close()
    book.save(out)
    return written


def _guidance_sheet(book, plan: WorkPlan) -> None:
    """The plan's guidance text (总体要求, 保障措施 …), one row per numbered part; the import reads
    it back as guidance (``guidance.read_sheet``). Its names are the document's, not the page's."""
    rows = [[line.number, line.title, line.content] for section in plan.guidance.all() for line in section.lines()]
    if rows:
        columns = list(zip(guidance.COLUMNS, (10, 30, 90), strict=True))
        table = StreamedTable(book, f"{plan.title}{guidance.SHEET}", columns, name=guidance.SHEET)
        for row in rows:
            table.append(row)
        table.close()


def tree_chunks(
    plan: WorkPlan, items: QuerySet[ResponsibilityItem], chunk_size: int = EXPORT_CHUNK_SIZE
) -> Iterator[list[tuple[ResponsibilityItem, int]]]:
    """The rows of ``outline(items)`` (items under their headings, each with its depth) in chunks of
    items loaded with all a row shows. The order is worked out from ids, parents and orders alone
    (a few MB at 100,000 items); each chunk then costs a fixed number of queries, whatever its size."""
    headings = plan.items.filter(is_heading=True).only("plan", "parent", "order", "number", "title", "is_heading")
    headings = headings.in_bulk()
    ids = outline_ids(items.filter(plan=plan).order_by().values_list("pk", "parent_id", "order"), headings)
    assignments = Assignment.objects.select_related("unit", "post__holder").order_by("order", "id")
    full = plan.items.select_related(
        "category", "lead_leader_post__holder", "lead_unit", "responsible_post__holder"
    ).prefetch_related(
        "responsible_units", "cooperating_units", "indicators", "milestones", Prefetch("assignments", assignments)
    )
    chains = HeadingChains(headings)
    for start in range(0, len(ids), chunk_size):
        rows = ids[start : start + chunk_size]
        loaded = full.in_bulk([pk for pk, _depth in rows])
        chunk = []
        for pk, depth in rows:
            if pk in loaded:  # deleted since the order was read: left out, not a failure
                loaded[pk]._ancestors = chains.above(loaded[pk].parent_id)
                chunk.append((loaded[pk], depth))
        yield chunk
        # A prefetched item and its rows point at each other: without a collection here the
        # chunks already written pile up until Python's rare full collection (measured: +45 MB a chunk).
        del chunk, loaded
        gc.collect()


class HeadingChains:
    """The headings above a parent, outermost first, as ``attach_ancestors`` gives them, worked out
    once per parent from headings already loaded."""

    def __init__(self, headings: dict[int, ResponsibilityItem]) -> None:
        self.headings = headings
        self.known: dict[int | None, list[ResponsibilityItem]] = {None: []}

    def above(self, parent_id: int | None) -> list[ResponsibilityItem]:
        if parent_id not in self.known:
            chain, node = [], parent_id
            while node in self.headings and self.headings[node] not in chain:
                chain.insert(0, self.headings[node])
                node = self.headings[node].parent_id
            self.known[parent_id] = chain
        return self.known[parent_id]


def outline_ids(rows: Iterable[tuple[int, int | None, int]], headings: dict) -> list[tuple[int, int]]:
    """``outline`` on (id, parent id, order) rows of one plan: (id, depth) in tree order, each heading
    above the rows once; siblings by order, then id."""
    chains = HeadingChains(headings)
    children: dict[int | None, dict[int, int]] = defaultdict(dict)
    for pk, parent_id, order in rows:
        parent = None
        for node_pk, node_order in [*((h.pk, h.order) for h in chains.above(parent_id)), (pk, order)]:
            children[parent].setdefault(node_pk, node_order)
            parent = node_pk

    def ordered(parent: int | None) -> list[int]:
        return sorted(children.get(parent, {}), key=lambda pk: (children[parent][pk], pk), reverse=True)

    found: list[tuple[int, int]] = []
    stack = [(pk, 0) for pk in ordered(None)]
    while stack:
        pk, depth = stack.pop()
        found.append((pk, depth))
        stack.extend((child, depth + 1) for child in ordered(pk))
    return found


def item_cells(item: ResponsibilityItem, year: int | None) -> dict[str, str | int | float | None]:
    """What one row of the export says about ``item``, by column key."""
    heading = item.is_heading
    return {
        "number": item.number,
        "title": item.title,
        "target": target_cell(item),
        "lead_leaders": _written(item, "lead_leaders", [_post_person(item.lead_leader_post)]),
        **{field: _written(item, field, names) for field, names in units_by_role(item).items()},
        "persons": _written(item, "persons", [_post_person(item.responsible_post)]),
        "deadline": deadline_cell(item, year),
        "cadence": "" if heading else cadence_cell(item.report_cadence, item.report_day),
        "points": _number(item.points),
        "status": "" if heading else label(ItemStatus, item.status),
        "category": item.category.name if item.category else "",
        "content": item.content,
    }


ROLE_FIELDS = {
    Assignment.Role.LEAD: "lead_units",
    Assignment.Role.RESPONSIBLE: "responsible_units",
    Assignment.Role.COOPERATING: "cooperating_units",
}


def units_by_role(item: ResponsibilityItem) -> dict[str, list[str]]:
    """The names of the units doing the item, by column: once deployed, the units it was handed to
    in their roles (the assignments); before, the units it names and its group words as written."""
    assignments = list(item.assignments.all())
    if assignments:
        return {field: [a.unit.name for a in assignments if a.role == role] for role, field in ROLE_FIELDS.items()}
    return {
        "lead_units": [item.lead_unit.name] if item.lead_unit else [],
        "responsible_units": [u.name for u in item.responsible_units.all()] + item.group_words("responsible_units"),
        "cooperating_units": [u.name for u in item.cooperating_units.all()] + item.group_words("cooperating_units"),
    }


# The 分办表: one row per assignment.
ASSIGNMENT_COLUMNS = [
    (gettext_lazy("序号"), 10),
    (gettext_lazy("工作任务"), 34),
    (gettext_lazy("承办单位"), 16),
    (gettext_lazy("承办角色"), 9),
    (gettext_lazy("责任人"), 10),
    (gettext_lazy("完成时限"), 16),
    (gettext_lazy("状态"), 12),
    (gettext_lazy("完成进度"), 9),
    (gettext_lazy("逾期天数"), 9),
]


def assignment_rows(item: ResponsibilityItem, year: int | None) -> list[list]:
    """The item's rows of the 分办表: one per assignment; for an item not yet deployed, one per unit
    (or group word, or name still to match) it names, in its role, with the item's status."""
    assignments = list(item.assignments.all())
    if assignments:
        return [_assignment_row(item, a) for a in assignments]
    official = item.responsible_post
    return [
        [
            item.full_number,
            item.title,
            name,
            label(Assignment.Role, role),
            _post_person(official) if unit is not None and official and official.unit_id == unit.pk else "",
            deadline_line(item, year),
            label(ItemStatus, item.status),
            None,
            None,
        ]
        for name, role, unit in _named_parts(item)
    ]


def _named_parts(item: ResponsibilityItem) -> list[tuple[str, str, object]]:
    """(name, role, unit or None) for each unit, group word and name still to match that a draft
    item names, role by role."""
    units = {
        Assignment.Role.LEAD: [item.lead_unit] if item.lead_unit else [],
        Assignment.Role.RESPONSIBLE: list(item.responsible_units.all()),
        Assignment.Role.COOPERATING: list(item.cooperating_units.all()),
    }
    parts = []
    for role, field in ROLE_FIELDS.items():
        parts += [(unit.name, role, unit) for unit in units[role]]
        written = [*item.group_words(field), *item.unmatched_names(field)]
        parts += [(name, role, None) for name in dict.fromkeys(written) if name not in {u.name for u in units[role]}]
    return parts


def _assignment_row(item: ResponsibilityItem, assignment: Assignment) -> list:
    deadline = ONGOING if item.ongoing else format_date(assignment.deadline) if assignment.deadline else ""
    overdue = assignment.days_overdue()
    return [
        item.full_number,
        item.title,
        assignment.unit.name,
        label(Assignment.Role, assignment.role),
        _post_person(assignment.post),
        deadline,
        label(ItemStatus, assignment.status),
        f"{assignment.percent_done}%",
        overdue or None,
    ]


def _post_person(post) -> str:
    if post is None:
        return ""
    return str(post.holder) if post.holder else post.title


def _written(item: ResponsibilityItem, field: str, matched: list[str]) -> str:
    """The matched names, then those that match nothing here (yet, or by the office's choice):
    the list says what the document said, and importing it again asks about them again."""
    names = [name for name in matched if name]
    names += [name for name in item.unmatched_names(field) if name not in names]
    return UNIT_SEPARATOR.join(names)


def _number(value: Decimal | None) -> int | float | None:
    if not value:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def target_cell(item: ResponsibilityItem) -> str:
    """The target text, then one "指标：普法活动 ≥ 30场次" line per indicator.

    "指标：无" says that an item whose target (or, without one, title) names numbers has no
    indicators: without it the import would find them in the text again.
    """
    indicators = list(item.indicators.all())
    lines = [item.target] if item.target else []
    lines += [format_indicator(i.name, i.comparator, i.target_value, i.unit) for i in indicators]
    if not indicators and not item.is_heading and find_indicators(item.target or item.title, item.title):
        lines.append(NO_INDICATORS)
    return "\n".join(lines)


def deadline_cell(item: ResponsibilityItem, year: int | None) -> str:
    """When, then one "节点：2020年6月30日 完成初稿（50%）" line per milestone."""
    lines = [deadline_line(item, year)]
    lines += [format_milestone(m.due, m.title, m.expected_percent) for m in item.milestones.all()]
    return "\n".join(lines).strip("\n")


def deadline_line(item: ResponsibilityItem, year: int | None) -> str:
    """The plan's own words ("2020年12月底前") where they say exactly what the item says; else
    "长期坚持" or the date."""
    text = item.deadline_text.strip()
    if text and _says(text, item, year):
        return text
    if item.ongoing:
        return ONGOING
    if item.deadline:
        return format_date(item.deadline)
    return ""


def _says(text: str, item: ResponsibilityItem, year: int | None) -> bool:
    if "\n" in text or parse_milestone_line(text) or len(find_dates(text, year)) > 1:
        return False
    schedule = parse_schedule(text, year)
    return (schedule.deadline, schedule.ongoing) == (item.deadline, item.ongoing)


def cadence_cell(cadence: str, day: int | None) -> str:
    """ "每月25日前", "每季度", "按阶段", "不定期": what ``fields.parse_cadence`` reads back."""
    plain, with_day = CADENCE_TEXTS.get(cadence, ("", ""))
    return with_day.format(day=day) if day else plain


def _write_title(sheet, title: str) -> None:
    cell = WriteOnlyCell(sheet)
    put(cell, title)
    cell.font = Font(name=FONT, size=16, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.merged_cells.add(f"A{TITLE_ROW}:{get_column_letter(len(EXPORT_COLUMNS))}{TITLE_ROW}")
    sheet.row_dimensions[TITLE_ROW].height = 36
    sheet.append([cell])


def _write_header(sheet) -> None:
    cells = []
    for key in EXPORT_COLUMNS:
        cell = WriteOnlyCell(sheet, column_name(key))
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(cell)
    sheet.row_dimensions[HEADER_ROW].height = 30
    sheet.append(cells)


ITEM_FONTS = {False: Font(name=FONT, size=10), True: Font(name=FONT, size=10, bold=True)}
CENTRED = frozenset({"number", "lead_leaders", "persons", "points", "status", "cadence"})


@functools.cache
def _alignment(centred: bool, indent: int) -> Alignment:
    return Alignment(
        horizontal="center" if centred else "left",
        vertical="center" if centred else "top",
        wrap_text=True,
        indent=indent,
    )


def _write_item(styles: CellStyles, item: ResponsibilityItem, depth: int, year: int | None) -> None:
    heading = item.is_heading
    font, fill = ITEM_FONTS[heading], HEADING_FILL if heading else None
    styles.sheet.append(
        [
            styles.cell(value, font, _alignment(key in CENTRED, depth if key == "title" else 0), fill)
            for key, value in item_cells(item, year).items()
        ]
    )


def _lay_out(sheet) -> None:
    """What an office prints: fitted to the page width, landscape, the header on every page. A
    write-only sheet takes all this before its first row."""
    for column, key in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[key]
    sheet.freeze_panes = f"C{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = str(_("第 &P 页，共 &N 页"))


def tables_workbook(sheets: list[tuple[str, list[tuple[str, int]], list[list]]]) -> bytes:
    """Plain printable lists (a title, a header, rows), one sheet each: (title, columns, rows), with
    the export's safeguards and looks, on write-only sheets (``writing.StreamedTable``)."""
    book = write_only_book()
    for title, columns, rows in sheets:
        table = StreamedTable(book, str(title), [(str(name), width) for name, width in columns])
        for row in rows:
            table.append(row)
        table.close()
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
