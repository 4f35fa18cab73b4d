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
import io
import re
from collections.abc import Iterator
from decimal import Decimal

import openpyxl
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..models import Assignment
from ..models.plan import ReportCadence, ResponsibilityItem, WorkPlan, outline
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

# Merged ranges are only known to openpyxl's full (not read-only) mode, which holds every cell in
# memory. A real responsibility table is a few hundred KB; above this the sheet is streamed and merged
# cells keep their value in the top cell only.
FULL_LOAD_LIMIT = 2 * 1024 * 1024

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
# A cell starting with one of these is a formula to a spreadsheet once someone edits it, and "=" is
# one to openpyxl at once: such text is stored as a string with Excel's quote prefix ('=…).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TITLE_ROW, HEADER_ROW = 1, 2

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
HEADING_FILL = PatternFill("solid", fgColor="F2F2F2")
FONT = "宋体"


def export_plan(plan: WorkPlan) -> bytes:
    """The plan's responsibility list as an .xlsx: a title row, the header, one row per item in tree
    order; then the 分办表, one row per unit doing an item."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = str(_("责任清单"))
    workbook.properties.title = plan.title
    _write_title(sheet, plan.title)
    _write_header(sheet)
    row = HEADER_ROW
    tree = _tree(plan)
    for row, (item, depth) in enumerate(tree, start=HEADER_ROW + 1):
        _write_item(sheet, row, item, depth, plan.year)
    _lay_out(sheet, row)
    parts = [cells for item, _depth in tree if not item.is_heading for cells in assignment_rows(item, plan.year)]
    title = _("%(plan)s分办表") % {"plan": plan.title}
    _table_sheet(workbook.create_sheet(), title, ASSIGNMENT_COLUMNS, parts, name=str(_("分办表")))
    _guidance_sheet(workbook, plan)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _guidance_sheet(workbook, plan: WorkPlan) -> None:
    """The plan's guidance text (总体要求, 保障措施 …), one row per numbered part; the import reads
    it back as guidance (``guidance.read_sheet``). Its names are the document's, not the page's."""
    rows = [[line.number, line.title, line.content] for section in plan.guidance.all() for line in section.lines()]
    if rows:
        columns = list(zip(guidance.COLUMNS, (10, 30, 90), strict=True))
        title = f"{plan.title}{guidance.SHEET}"
        _table_sheet(workbook.create_sheet(), title, columns, rows, name=guidance.SHEET)


def _tree(plan: WorkPlan) -> list[tuple[ResponsibilityItem, int]]:
    """Every item of the plan with its depth, in tree order, with all it shows in a fixed number of queries."""
    assignments = Assignment.objects.select_related("unit", "post__holder").order_by("order", "id")
    items = list(
        plan.items.select_related("category", "lead_leader_post__holder", "lead_unit", "responsible_post__holder")
        .prefetch_related(
            "responsible_units", "cooperating_units", "indicators", "milestones", Prefetch("assignments", assignments)
        )
        .order_by("order", "id")
    )
    # outline() may hand back its own, lighter copies of the headings; the rows use the loaded ones.
    loaded = {item.pk: item for item in items}
    return [(loaded.get(row.item.pk, row.item), row.depth) for row in outline(items)]


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
        "status": "" if heading else item.get_status_display(),
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
            str(Assignment.Role(role).label),
            _post_person(official) if unit is not None and official and official.unit_id == unit.pk else "",
            deadline_line(item, year),
            item.get_status_display(),
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
        assignment.get_role_display(),
        _post_person(assignment.post),
        deadline,
        assignment.get_status_display(),
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


def _write_title(sheet: Worksheet, title: str) -> None:
    put(sheet.cell(TITLE_ROW, 1), title)
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(EXPORT_COLUMNS))
    cell = sheet.cell(TITLE_ROW, 1)
    cell.font = Font(name=FONT, size=16, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[TITLE_ROW].height = 36


def _write_header(sheet: Worksheet) -> None:
    for column, key in enumerate(EXPORT_COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, column, column_name(key))
        cell.font = Font(name=FONT, size=11, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[HEADER_ROW].height = 30


def _write_item(sheet: Worksheet, row: int, item: ResponsibilityItem, depth: int, year: int | None) -> None:
    heading = item.is_heading
    for column, (key, value) in enumerate(item_cells(item, year).items(), start=1):
        cell = sheet.cell(row, column)
        put(cell, value)
        cell.border = BORDER
        cell.font = Font(name=FONT, size=10, bold=heading)
        if heading:
            cell.fill = HEADING_FILL
        centred = key in ("number", "lead_leaders", "persons", "points", "status", "cadence")
        cell.alignment = Alignment(
            horizontal="center" if centred else "left",
            vertical="center" if centred else "top",
            wrap_text=True,
            indent=depth if key == "title" else 0,
        )


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


def _lay_out(sheet: Worksheet, last_row: int) -> None:
    """What an office prints: fitted to the page width, landscape, the header on every page."""
    for column, key in enumerate(EXPORT_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS[key]
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 3)
    last_column = get_column_letter(len(EXPORT_COLUMNS))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{max(last_row, HEADER_ROW)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = str(_("第 &P 页，共 &N 页"))


def table_workbook(title: str, columns: list[tuple[str, int]], rows: list[list]) -> bytes:
    """A plain printable list (a title, a header, rows) with the export's safeguards and looks:
    for lists other than the responsibility list, such as the supervision board's."""
    return tables_workbook([(title, columns, rows)])


def tables_workbook(sheets: list[tuple[str, list[tuple[str, int]], list[list]]]) -> bytes:
    """Several such lists in one workbook, one sheet each: (title, columns, rows)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, columns, rows in sheets:
        _table_sheet(book.create_sheet(), title, columns, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table_sheet(
    sheet: Worksheet, title: str, columns: list[tuple[str, int]], rows: list[list], name: str = ""
) -> None:
    sheet.title = (name or title)[:31].translate(str.maketrans("", "", "[]:*?/\\")) or "Sheet1"
    put(sheet.cell(1, 1), title)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet.cell(1, 1).font = Font(name=FONT, size=14, bold=True)
    for column, (header, width) in enumerate(columns, start=1):
        cell = sheet.cell(2, column, str(header))
        cell.font, cell.fill, cell.border = Font(name=FONT, bold=True), HEADER_FILL, BORDER
        sheet.column_dimensions[get_column_letter(column)].width = width
    for row_number, row in enumerate(rows, start=3):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row_number, column)
            put(cell, value)
            cell.border = BORDER
            cell.font = Font(name=FONT, size=10)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{max(len(rows) + 2, 2)}"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "landscape"
