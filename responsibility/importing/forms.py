"""交办单: a batch of forms, each a small table of keys and values, one item each.

A 督查室 hands out its 督办事项 as forms rather than as a list: "编号 | QSDB-01 | 交办日期 | 3月8日" /
"督办事项 | 加快… " / "承办单位 | 县住建局 | 协办单位 | 县水务局" / "办结时限 | 11月30日前 | 联系人 | 周敏",
one form after another. Each form is the row of a list whose header is its keys: so read, the forms
go through ``tables.parse_table`` as any list does, every key known by the header it would be. A PDF
may split a form over two tables or run two forms into one: a key already read starts the next form.
A batch typed as text sets each form one key and its value a line ("事由：…" / "办理单位：…"), the forms
apart by rule lines ("────"): read as the tables of keys and values they stand for (``as_tables``).
"""

from __future__ import annotations

import re

from . import fields, tables
from .document import Line, Table
from .numbering import CN

# A key: a short name, Chinese characters only ("督办事项", "承办单位", "交办日期"), or with one of them
# read off a scan as a mark ("交办=期").
KEY_RE = re.compile(r"^(?=.{2,6}$)[\u4e00-\u9fff]+(?:[^\w\s][\u4e00-\u9fff]+)?$")
MIN_KEYS = 4
# A number a list's 序号 column holds ("3", "12", or a label over the form: "任务三"): any other serial is
# a note of the form.
SERIAL_RE = re.compile(rf"\d{{1,3}}|[\u4e00-\u9fff]{{2}}(?:[{CN}]{{1,3}}|\d{{1,2}})")
# A form's label alone on the line over it, bold or not ("任务一", "**事项2**"): a word of two characters
# and its ordinal, as numbering.ORDINAL_RE reads one before a colon.
FORM_LABEL_RE = re.compile(
    rf"[ \t\u3000]*(?:[*_]{{1,2}}[ \u3000]*)?((?:(?![{CN}第之其])[\u4e00-\u9fff]){{2}}(?:[{CN}]{{1,3}}|\d{{1,2}}))"
    r"(?:[ \u3000]*[*_]{1,2})?[ \t\u3000]*"
)
LABEL_KEY = "序号"
NOTES = "备注"


# A line that only draws a rule ("──────", "——————", "------", "======"): where a typed form begins.
RULE_LINE_RE = re.compile(r"^[ \t\u3000]*(?:[─━═—－\-=_][ \t\u3000]*){3,}$")
# One key and its value, a line of a form set as text ("事由：加快推进…").
KEY_LINE_RE = re.compile(r"^[ \t\u3000]*(?P<key>[\u4e00-\u9fff]{2,6})[ \t\u3000]*[：:][ \t\u3000]*(?P<value>.*?)\s*$")


def as_tables(blocks: list) -> list:
    """``blocks`` with each batch of forms set as lines (a rule line, then a form's key lines, then the
    next rule line …) as one table of keys and values a form; the lines as they were where the forms are
    fewer than two or are no batch of tasks (``is_form``): a plan's own labelled lines stay lines."""
    result: list = []
    keys: set[str] = set()  # the keys of the batches read so far
    index = 0
    while index < len(blocks):
        forms, after = _lined_forms_at(blocks, index)
        rows = [row for form in forms for row in form.rows]
        if (len(forms) >= 2 or forms and {key for key, _value in rows} <= keys) and is_form(rows):
            # One form alone is a batch's where its keys are a batch's read above: a group of one task.
            keys.update(key for key, _value in rows)
            result.extend(forms)
            index = after
        else:
            result.append(blocks[index])
            index += 1
    return result


def _lined_forms_at(blocks: list, index: int) -> tuple[list[Table], int]:
    """The forms set as lines from ``index`` on, each a rule line over its key lines (blank lines between
    pass), and where the block after the last of them stands."""
    forms: list[Table] = []
    position = index
    while position < len(blocks) and _is_rule_line(blocks[position]):
        rows, after = _key_lines(blocks, position + 1)
        if len(rows) < MIN_KEYS:
            break
        forms.append(Table(rows=rows, line=blocks[position].line))
        position = after
    return forms, position


def _is_rule_line(block) -> bool:
    return isinstance(block, Line) and bool(RULE_LINE_RE.match(block.text))


def _key_lines(blocks: list, position: int) -> tuple[list[list[str]], int]:
    """The [key, value] rows of the key lines from ``position`` on, and where the block after them (and
    the blank lines after them) stands."""
    rows: list[list[str]] = []
    while position < len(blocks) and isinstance(blocks[position], Line):
        text = blocks[position].text
        found = KEY_LINE_RE.match(text)
        if found:
            rows.append([found.group("key"), found.group("value")])
        elif text.strip():
            break
        position += 1
    return rows, position


def as_lists(blocks: list) -> list:
    """``blocks`` with each run of forms (tables with only blank lines between) made one list; a label
    alone on the line over a form ("任务一", "**事项2**") numbers it, as its 序号."""
    result: list = []
    index = 0
    while index < len(blocks):
        upright = by_columns(blocks[index]) if isinstance(blocks[index], Table) else None
        if upright:
            result.extend(upright)
            index += 1
            continue
        run, labels, after = _run_at(blocks, index)
        listed = _as_list(run, labels) if run else None
        if listed is None:
            result.append(blocks[index])
            index += 1
        else:
            result.extend(_front_lines(run, listed))
            result.append(listed)
            index = after
    return result


def _run_at(blocks: list, index: int) -> tuple[list[Table], list[str], int]:
    """The forms from ``index`` on, the label over each ("" for none), and where the block after the
    last of them stands."""
    run: list[Table] = []
    labels: list[str] = []
    label = ""
    after = index
    for position in range(index, len(blocks)):
        block = blocks[position]
        if isinstance(block, Table) and _pairs(block.rows) is not None:
            run.append(block)
            labels.append(label)
            label, after = "", position + 1
        elif isinstance(block, Line) and not label and FORM_LABEL_RE.fullmatch(block.text):
            label = FORM_LABEL_RE.fullmatch(block.text).group(1)
        elif not ((run or label) and isinstance(block, Line) and not block.text.strip()):
            break
    return run, labels, after


def _as_list(run: list[Table], labels: list[str] | None = None) -> Table | None:
    labels = labels or [""] * len(run)
    forms = _forms(
        _rejoined(
            [
                pair
                for table, label in zip(_without_repeated_rows(run), labels, strict=True)
                for pair in ([(LABEL_KEY, label)] if label else []) + (_pairs(table.rows) or [])
            ]
        )
    )
    forms = _misread_keys(forms)
    if not _is_batch(forms):
        return None
    forms = [_noted(form, _counts(forms)) for form in forms]
    header = list(dict.fromkeys(key for form in forms for key in form))
    rows = [header, *([form.get(key, "") for key in header] for form in forms)]
    return Table(rows=rows, line=run[0].line, sheet=run[0].sheet)


def by_columns(table: Table) -> list | None:
    """A table set on its side, as offices compare a handful of projects on one page: each row a key and
    its value for each record ("序号 | 1 | 2 | 3", "项目名称 | … | … | …"), each column after the first a
    form of a batch. The list it stands for, between the lines of its name merged across its first row
    and of the notes merged across its last rows; None when the first column holds no keys (each a key
    once), the rows go key, value, key, value as a form's do (``_pairs``), or the columns are no batch of
    tasks (``_is_batch``)."""
    if _pairs(table.rows) is not None:
        return None
    rows = [row for row in table.rows if _filled(row)]
    name = _name_of(rows)
    rows = rows[1:] if name else rows
    notes: list[str] = []
    while rows and len(set(_filled(rows[-1]))) == 1 and not KEY_RE.match(rows[-1][0].strip()):
        notes.insert(0, _filled(rows.pop())[0])
    width = max((len(row) for row in rows), default=0)
    keys = [row[0].strip() for row in rows]
    if width < MIN_SIDE_COLUMNS or not all(_side_key(key) for key in keys) or len(set(keys)) < len(keys):
        return None
    forms = [
        {key: row[column].strip() if column < len(row) else "" for key, row in zip(keys, rows, strict=True)}
        for column in range(1, width)
    ]
    forms = [form for form in forms if any(form.values())]
    if len(forms) < 2 or not _is_batch(forms):
        return None
    listed = Table(rows=[keys, *([form[key] for key in keys] for form in forms)], line=table.line, sheet=table.sheet)
    return [*([Line(name, table.line)] if name else []), listed, *(Line(note, table.line) for note in notes)]


def _side_key(cell: str) -> bool:
    """A key of a table on its side: a form's short key, or a longer one a list's header names ("建设内容及目标")."""
    return bool(KEY_RE.match(cell) or tables.column_key(cell))


MIN_SIDE_COLUMNS = 3  # a key and two records: a key and one value is a form of its own (``_pairs``)


def _front_lines(run: list[Table], listed: Table) -> list[Line]:
    """What a single form says of the paper itself, as the lines a document opens with: its name merged
    across its first row ("…督查室督办单"), and its 编号 when that is a 文号 ("东督办〔2026〕12号")."""
    from .headers import is_doc_number

    lines = []
    name = _name_of(run[0].rows)
    if name:
        lines.append(Line(name, run[0].line))
    if len(listed.rows) == 2:  # one form: its serial numbers the paper, not an entry
        for note in listed.rows[1][listed.rows[0].index(NOTES)].split("；") if NOTES in listed.rows[0] else []:
            value = note.partition("：")[2]
            if is_doc_number(value):
                lines.append(Line(value, run[0].line))
    return lines


def _name_of(rows: list[list[str]]) -> str:
    """The form's name in its first row, merged across it: one text, no key."""
    filled = set(_filled(rows[0])) if rows else set()
    if len(filled) != 1:
        return ""
    (name,) = filled
    return "" if KEY_RE.match(name) else name


def _without_repeated_rows(run: list[Table]) -> list[Table]:
    """A form set over pages repeats its first row at the top of each (Word's 标题行重复): it is read once."""
    first = _filled(run[0].rows[0])
    return [
        run[0],
        *(Table(table.rows[1:], table.line) if _repeats(_filled(table.rows[0]), first) else table for table in run[1:]),
    ]


def _repeats(row: list[str], first: list[str]) -> bool:
    """The same values under the same keys, a key read off a scan with a character or two misread as
    long as the one it repeats ("交办日其" for 交办日期): the next form's first row differs in its 编号."""
    if row == first:
        return True
    pairs, firsts = _pairs([row]), _pairs([first])
    if pairs is None or firsts is None or len(pairs) != len(firsts):
        return False
    return all(value == other and len(key) == len(of) for (key, value), (of, other) in zip(pairs, firsts, strict=True))


def _filled(row: list[str]) -> list[str]:
    return [cell.strip() for cell in row if cell.strip()]


def _rejoined(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A key cut by a page break ("督办" at a page's foot, "事项" at the next one's head) is one key again."""
    joined: list[tuple[str, str]] = []
    for key, value in pairs:
        if joined and not value and tables.column_key(joined[-1][0]) is None:
            whole = joined[-1][0] + key
            if tables.column_key(whole) is not None:
                joined[-1] = (whole, joined[-1][1])
                continue
        joined.append((key, value))
    return joined


def _misread_keys(forms: list[dict[str, str]]) -> list[dict[str, str]]:
    """A key no column knows that is one character off exactly one known key the batch's other forms
    have and this form lacks is that key, misread off a scan: the forms of a batch have the same keys
    ("办办单位" beside 承办单位 is 协办单位, which the other forms give)."""
    known = list(dict.fromkeys(key for form in forms for key in form if tables.column_key(key) is not None))
    mended = []
    for form in forms:
        renamed = {}
        for key, value in form.items():
            if tables.column_key(key) is None:
                near = [other for other in known if other not in form and _one_off(key, other)]
                key = near[0] if len(near) == 1 else key
            renamed.setdefault(key, value)
        mended.append(renamed)
    return mended


def _one_off(key: str, other: str) -> bool:
    return len(key) == len(other) and sum(1 for a, b in zip(key, other, strict=True) if a != b) == 1


def _counts(forms: list[dict[str, str]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for form in forms:
        for key in form:
            counts[key] = counts.get(key, 0) + 1
    return counts


def _noted(form: dict[str, str], counts: dict[str, int]) -> dict[str, str]:
    """The form with what no column of a list holds (交办日期, a serial such as "QSDB2023-01" that numbers
    no entry of the plan) kept as a note, "交办日期：2023年3月8日", in its own column; so is a key that
    names the same column as another key of the form that more of the batch's forms give (the date a
    scan's "交付日期" names beside 办结时限, the deadline every form has)."""
    kept, notes = {}, []
    for key, value in form.items():
        kind = tables.column_key(key)
        if kind is None or (kind == "number" and not SERIAL_RE.fullmatch(value)) or _outnumbered(key, form, counts):
            notes.append(f"{key}：{value}" if value else key)
        else:
            kept[key] = value
    if notes:
        kept[NOTES] = "；".join(notes)
    return kept


def _outnumbered(key: str, form: dict[str, str], counts: dict[str, int]) -> bool:

    kind = tables.column_key(key)
    return any(tables.column_key(other) == kind and counts[other] > counts[key] for other in form if other != key)


# The header row a two-column table of keys and values may carry ("项目 | 内容", "要素 | 说明"): no key of it.
CARD_HEADER = (("项目", "事项", "要素", "字段", "名称", "类别"), ("内容", "说明", "情况", "值", "具体内容"))


def _is_card_header(row: list[str]) -> bool:
    filled = _filled(row)
    return len(filled) == 2 and filled[0] in CARD_HEADER[0] and filled[1] in CARD_HEADER[1]


def card(rows: list[list[str]]) -> dict[str, str] | None:
    """A task card: a table of two columns, each row a key a list's header would name and its value
    ("牵头单位 | 县林业局", "完成时间 | 2026年4月30日"), under an optional "项目 | 内容" header row; or set on
    its side, a header row of such keys over ONE row of their values (``_card_across``). {column key:
    value}, or None if any row is no such pair or a key comes twice."""
    filled = [_filled(row) for row in rows if _filled(row)]
    if filled and _is_card_header(filled[0]):
        filled = filled[1:]
    cells: dict[str, str] = {}
    for row in filled:
        kind = tables.column_key(row[0]) if len(row) <= 2 and KEY_RE.match(row[0]) else None
        if kind is None or kind in cells:
            return _card_across(rows)
        cells[kind] = row[1] if len(row) == 2 else ""
    return cells or None


def _card_across(rows: list[list[str]]) -> dict[str, str] | None:
    """A card set across: "牵头单位 | 责任单位 | 完成时限" over "镇农业站 | 各村 | 2023年4月30日", each header
    cell a key a list's header would name, none twice, and one row of values under them, a cell that says
    nothing ("/", "—", ``tables.NOTHING_RE``) no value. None for any other table: one of two rows of values
    or more is a list (of tasks, or of anything), not one item's card."""
    filled = [row for row in rows if _filled(row)]
    if len(filled) != 2 or len(filled[1]) > len(filled[0]):
        return None
    header, values = filled
    cells: dict[str, str] = {}
    for column, name in enumerate(cell.strip() for cell in header):
        value = values[column].strip() if column < len(values) else ""
        kind = tables.column_key(name) if KEY_RE.match(name) else None
        if not name and not value:
            continue
        if kind is None or kind in cells:
            return None
        cells[kind] = "" if tables.NOTHING_RE.fullmatch(value) else value
    return cells if len(cells) >= 2 and any(cells.values()) else None


def is_form(rows: list[list[str]]) -> bool:
    """Whether ``rows`` are one form or more, whole, or forms set side by side (``by_columns``)."""
    pairs = _pairs(rows)
    return pairs is not None and _is_batch(_forms(pairs)) or by_columns(Table(rows=rows, line=0)) is not None


def _forms(pairs: list[tuple[str, str]]) -> list[dict[str, str]]:
    forms: list[dict[str, str]] = [{}]
    for key, value in pairs:
        if key in forms[-1]:
            forms.append({})
        forms[-1][key] = value
    return forms


def _is_batch(forms: list[dict[str, str]]) -> bool:
    """Forms of tasks: each names what is to be done and who does it, under keys a list's header has."""
    for form in forms:
        kinds = {tables.column_key(key) for key in form}
        known = [key for key in form if tables.column_key(key) is not None]
        if tables.TASK not in kinds or not kinds & set(fields.UNIT_ATTRIBUTES):
            return False
        if len(known) < MIN_KEYS and "deadline" not in kinds:
            return False  # a task, who does it and by when: a form, however few its keys
    return True


def _pairs(rows: list[list[str]]) -> list[tuple[str, str]] | None:
    """The (key, value) pairs of a table whose rows go key, value, key, value; None if it is not one."""
    pairs: list[tuple[str, str]] = []
    if _name_of(rows):
        rows = rows[1:]  # the form's name, merged across its first row
    if rows and _is_card_header(rows[0]):
        rows = rows[1:]
    for row in rows:
        key = None
        for cell in (cell.strip() for cell in row):
            if not cell:
                continue
            if key is None or (tables.column_key(cell) is not None and KEY_RE.match(cell)):
                if key is not None:
                    pairs.append((key, ""))
                if not KEY_RE.match(cell):
                    return None
                key = cell
            else:
                pairs.append((key, cell))
                key = None
        if key is not None:
            pairs.append((key, ""))
    keys = [key for key, _value in pairs]
    if len(keys) < 2 or not any(tables.column_key(key) is not None for key in keys):
        return None
    return pairs
