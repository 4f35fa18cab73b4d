"""Last readings, for shapes no rule of the importer knows, before it would refuse a document or lose a
table: each says on the review page what it decided, so that the office can check it.

* A table whose header names no task column or no 序号 the table parser knows (``table_columns``): its
  columns are chosen by their header's words where they say enough (a unit's ending or role, a word of
  time, of target, of number), and otherwise by what the cells below hold: the task is the column of
  the longest sentences, units the column of unit names, the deadline the column of dates. The same
  typing reads the columns a known header leaves unread, for ``column_votes`` (``unread_columns``,
  ``dated_milestones``).
* Every line, blank ones too, opening with a number counting up from 1, the text after it opening with
  a list's own number on some lines (``line_numbers``): an editor's line numbers, copied with the text
  ("1 关于…的通知", "5 一、总体要求"), where no blank line shows them for what they are.
* A number in a shape no fixed style of ``numbering`` knows ("〔1〕", "1>", "❶", "A、", "一："), opening
  several lines counting up (``inferred_styles``): the document's own list, one level of its own, nested
  where the document first uses it as any style is; and a punctuation mark ("·", "§") before three lines
  or more, a bullet as a symbol before two is.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

# ``tables`` calls this module for headers it does not know, and this module knows columns by ``tables``'
# words: ``tables`` is imported as a module (its names looked up when called), so either may come first.
from . import fields as phrases
from . import tables
from .document import Problem, Source
from .editor_numbers import block_unnumbered, leading_numbers, numbered_lines
from .numbering import Numbering, classify, match

# --- tables ------------------------------------------------------------------------------------------

HEADER_ROWS = 10
MIN_BODY_ROWS = 2
MOST = 0.6  # the share of a column's filled cells that must be units, or dates, for it to be read so
# A header cell: a short name, no sentence, no date.
HEADER_CELL_RE = re.compile(r"^[^。；;，,！!？?]{1,16}$")
# A task's cell: a sentence of words, long enough to say what is to be done.
MIN_TASK_LENGTH = 8
MIN_NAME = 4  # a task's name in a column of its own: "招商引资"
NUMBER_WORDS = ("编号", "序号", "代码", "编码", "号")
DEADLINE_WORDS = ("时限", "时间", "日期", "节点", "期限")
TARGET_WORDS = ("目标", "指标")
UNIT_ENDS = ("单位", "部门", "科室")
# A unit's role as ``fields.py`` reads it in a label's words: "主抓" leads, "协同" cooperates, "主责" answers for
# the work (a clerk's 主责单位 is the 责任单位). The first family named in a header wins ("责任牵头": leads).
UNIT_ROLES = (
    ("lead_units", phrases.LEAD_ROLES),
    ("cooperating_units", phrases.COOPERATING_ROLES),
    ("responsible_units", phrases.RESPONSIBLE_ROLES),
)
# Of those, the words that name nothing but a unit's role, so that a header holding one anywhere ("牵头处",
# "配合方") names a unit column whatever the cells below. The others name work or people as well
# ("落实事项", "实施步骤", "班子成员"); ``tables.column_key`` reads them as roles before a unit word ("落实单位").
ROLE_ONLY = ("牵头", "主办", "配合", "协办", "负责", "责任")
ROLE_WORDS = tuple((key, tuple(word for word in roles if word in ROLE_ONLY)) for key, roles in UNIT_ROLES)
_SPLIT_NAMES = re.compile(r"[、，,；;/／\s]+")


@dataclass
class Guess:
    index: int  # the header row
    columns: dict[str, int]  # column key → column, as ``tables.find_header`` gives them
    reasons: dict[int, str]  # column → "header" or "content": what chose it
    upper: int | None = None  # the upper row of a header of two rows
    header: list[str] = dataclasses.field(default_factory=list)  # the header's names, both rows in one

    def warning(self, line: int | None) -> Problem:
        header = self.header

        taken = [
            _("“%(header)s”列作为“%(key)s”（按%(how)s）")
            % {
                "header": header[column].strip() or _("第 %(n)s 列") % {"n": column + 1},
                "key": tables.column_name(key.split("+")[0]),  # "responsible_units+shares": its units
                "how": _("表头用词") if self.reasons[column] == "header" else _("列中内容"),
            }
            for key, column in sorted(self.columns.items(), key=lambda pair: pair[1])
        ]
        message = _("表头中没有可识别的“序号”“工作任务”等列名，已推断各列：%(columns)s。请核对各事项的字段。") % {
            "columns": "；".join(taken)
        }
        return Problem(line, "、".join(cell.strip() for cell in header if cell.strip()), message)


def table_columns(rows: list[list[str]], header_first: bool = False) -> Guess | None:
    """The columns of a table of tasks whose header the table parser does not know, or None when no row
    near the top is a header over rows of tasks (a table of something else). ``header_first``: the
    header is the first row (lines of text that may begin a table)."""
    for index, row in enumerate(rows[: 1 if header_first else HEADER_ROWS]):
        if not _header_like(row):
            continue
        upper = None
        if index + 1 < len(rows) and _lower_header(row, rows[index + 1]):
            # "责任分工" over 牵头领导 | 主办科室: a header of two rows, the lower naming what the upper groups.
            upper, index, row = index, index + 1, tables.header_texts(row, rows[index + 1])
        body = [cells for cells in rows[index + 1 :] if sum(1 for cell in cells if cell.strip()) >= 2]
        width = len(row)
        if len(body) < MIN_BODY_ROWS or _share(body, lambda cells, width=width: len(cells) == width) < MOST:
            # Rows of as many cells as the header: a table, not the broken lines of a PDF's.
            return None
        if any(_two_names(cell) for cell in row):
            return None  # a PDF's header that lost the gap between two columns: its rows are no better
        guess = _guess(index, row, body)
        if guess:
            guess.upper, guess.header = upper, row
        return guess
    return None


def _header_like(row: list[str]) -> bool:
    """Short names, no sentence, no number; dates only beside two names at least (a schedule's months
    "1月" … "12月" right of "建设事项 | 落实单位")."""
    filled = [cell.strip() for cell in row if cell.strip()]
    names = [cell for cell in filled if not _is_date(cell)]
    return (
        len(names) >= 2
        and all(HEADER_CELL_RE.match(cell) for cell in filled)
        and not any(NUMBER_CELL_RE.fullmatch(cell) for cell in filled)
    )


def _two_names(cell: str) -> bool:
    """Two column names the table parser knows run together ("配合单位完成时限", "序号工作任务")."""
    text = tables.normalise_header(cell)
    if tables.column_key(text) is not None:
        return False
    return any(tables.column_key(text[:cut]) and tables.column_key(text[cut:]) for cut in range(2, len(text) - 1))


def _lower_header(upper: list[str], lower: list[str]) -> bool:
    """``lower`` names the columns a group of ``upper`` merged across spans, and leaves blank those
    ``upper`` names alone, merged down."""
    pairs = list(zip(upper, lower, strict=False))
    return (
        _header_like(lower)
        and any(not up.strip() and low.strip() for up, low in pairs)
        and any(up.strip() and not low.strip() for up, low in pairs)
    )


NUMBER_CELL_RE = re.compile(r"[\d.,，、()（）]+")


def _guess(index: int, header: list[str], body: list[list[str]]) -> Guess | None:
    width = len(header)
    columns: dict[str, int] = {}
    reasons: dict[int, str] = {}
    roleless: list[int] = []
    named_tasks: list[int] = []
    for column, cell in enumerate(header):
        cells = [row[column].strip() for row in body if column < len(row) and row[column].strip()]
        key, how = _by_header(cell), "header"
        if key is None and cells:
            key, how = _by_content(cells, column), "content"
        if key == "units":
            roleless.append(column)
        elif key == TASK_WORD:
            named_tasks.append(column)
        elif key and key not in columns:
            columns[key] = column
            reasons[column] = how
    _place_roleless(columns, reasons, roleless, header)
    assigning = min((index for key, index in columns.items() if key in tables.ASSIGNMENT_KEYS), default=width)
    task = named_tasks[0] if named_tasks else task_column(header, body, set(columns.values()), assigning)
    columns = dated_milestones(body, columns)
    if task is None or not set(columns) & {*phrases.UNIT_ATTRIBUTES, "deadline"}:
        return None
    if columns.get("content") == task:
        del columns["content"]
    columns["title"] = task
    reasons[task] = "header" if named_tasks or tables.names_a_problem(header[task]) else "content"
    if "number" in columns and not _numbers(body, columns["number"]):
        del columns["number"]
    return Guess(index, columns, reasons)


TASK_WORD = "task"


def _by_header(cell: str) -> str | None:
    known = tables.column_key(cell)
    if known in (tables.TASK, tables.MAYBE_TASK):
        return TASK_WORD
    if known == tables.MAYBE_CONTENT:
        return "content"
    if known and known.startswith((tables.LEVEL, tables.HEADING)):
        return None
    if known:
        return known
    text = tables.normalise_header(cell)
    if not text:
        return None
    for key, words in ROLE_WORDS:
        if any(word in text for word in words):
            return key
    if text.endswith(UNIT_ENDS):
        return "units"
    if text.endswith(NUMBER_WORDS):
        return "number"
    if any(word in text for word in DEADLINE_WORDS):
        return "deadline"
    if any(word in text for word in TARGET_WORDS):
        return "target"
    return None


def _by_content(cells: list[str], column: int) -> str | None:
    if _share(cells, _names_units) >= MOST:
        return "units"
    if _share(cells, _is_date) >= MOST:
        return "deadline"
    if column == 0 and _share(cells, lambda cell: classify(cell) is not None) >= MOST:
        return "number"
    return None


def _place_roleless(columns: dict[str, int], reasons: dict[int, str], roleless: list[int], header) -> None:
    """Unit columns the header gives no role: one alone is the responsible units; of two or more, the
    first leads and the others cooperate, unless the header named those roles already."""
    keys = ["responsible_units"] if len(roleless) == 1 else ["lead_units", *["cooperating_units"] * len(roleless)]
    for column, key in zip(roleless, keys, strict=False):
        if key not in columns:
            columns[key] = column
            reasons[column] = "header" if _header_says_units(header[column]) else "content"


def _header_says_units(cell: str) -> bool:
    return tables.normalise_header(cell).endswith(UNIT_ENDS)


# A column of dates for when something began or came in ("受理日期", "开工时间", "来电时间"): no deadline.
PAST_TIME_RE = re.compile(
    r"开始|起始|开工|启动|出生|受理|登记|来电|来信|交办|发现|排查|签约|成文|发布|立案|接报|反映|提出|发文|录入"
)


def unread_columns(header: list[str], body: list[list[str]], columns: dict[str, int]) -> list[tuple[int, str, str]]:
    """The columns of a table read by its header that the header's words left unread, read by their
    cells (``cell_kind``): units (their role from the header's words, else the role still free) and the
    deadline. Each as (column, its cells' kind, its key), left to right. Not a column under a word that
    names a unit's role no field keeps ("验收单位", "督办部门") or a place: the header's word holds."""
    read: list[tuple[int, str, str]] = []
    taken = set(columns.values())
    for column, name in enumerate(header):
        said = (
            tables.column_key(name) is not None
            or tables.normalise_header(name).endswith(UNIT_ENDS)
            or tables.names_places(name)
        )
        if column in taken or said:
            continue
        cells = [row[column].strip() for row in body if column < len(row) and row[column].strip()]
        kind = cell_kind(cells, len(body))
        key = None
        if kind == UNITS:
            key = _units_key(name, columns)
        elif kind == DATES:
            key = _deadline_key(name, columns)
        if key:
            columns = {**columns, key: column}
            read.append((column, kind, key))
    return read


def _units_key(name: str, columns: dict[str, int]) -> str | None:
    """The role a role word in the header gives the units below it (any of ``UNIT_ROLES``, as the cells
    already show units); else the responsible units where no unit column is read yet, the cooperating ones
    beside a lead column."""
    key = next((role_key for role_key, roles in UNIT_ROLES if any(role in name for role in roles)), None)
    if key is None:
        read = set(columns) & set(phrases.UNIT_ATTRIBUTES)
        key = "cooperating_units" if "lead_units" in read else None if read else "responsible_units"
    return key if key and key not in columns else None


def _deadline_key(name: str, columns: dict[str, int]) -> str | None:
    if "deadline" in columns or "milestones" in columns or PAST_TIME_RE.search(name):
        return None
    return "deadline"


def dated_milestones(body: list[list[str]], columns: dict[str, int]) -> dict[str, int]:
    """``columns`` with a column named for the schedule's nodes ("办结节点", "完成节点") read as the deadline
    where it holds one date a row and no column is named for the deadline: each row's date is when it
    is due."""
    column = columns.get("milestones")
    if column is None or "deadline" in columns or not dates(body, column):
        return columns
    return {**{key: index for key, index in columns.items() if key != "milestones"}, "deadline": column}


def task_column(header: list[str], body: list[list[str]], taken: set[int], assigning: int) -> int | None:
    """The column of the task among those no other key took: the first of text under a header of words
    the parser does not know (a task's name comes before what it says of it), else the column of the
    longest sentences (what is to be done, "具体措施", where no column names the task). A 整改 list's problem
    ("存在问题") left of the columns of who answers for it is the task, whatever stands before it (the
    standard's wording beside a clause code), as in a table the parser reads (``tables.names_a_problem``)."""
    texts = []
    for column in range(len(header)):
        cells = [row[column].strip() for row in body if column < len(row) and row[column].strip()]
        if column in taken and tables.column_key(header[column]) not in ("content",):
            continue
        # A task merged down over the rows of its measures is filled in once for several rows.
        if len(cells) < max(MIN_BODY_ROWS, len(body) // 4) or _share(cells, _sentence_like) < MOST:
            continue
        texts.append((column, sum(len(cell) for cell in cells) / len(cells)))
    unnamed = [column for column, length in texts if tables.column_key(header[column]) is None and length >= MIN_NAME]
    problems = [column for column in unnamed if column < assigning and tables.names_a_problem(header[column])]
    if unnamed:
        return (problems or unnamed)[0]
    longest = max(texts, key=lambda pair: pair[1], default=None)
    return longest[0] if longest and longest[1] >= MIN_TASK_LENGTH else None


def _sentence_like(cell: str) -> bool:
    han = sum(1 for char in cell if "\u4e00" <= char <= "\u9fff")
    return (
        han >= 2 and han * 2 >= len(cell) and not _names_units(cell) and not _is_date(cell) and not _names_persons(cell)
    )


# People named one after another ("李娟、张涛"): a roster's, not a task.
_PERSONS_RE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:[、，,/／\s]+[\u4e00-\u9fff]{2,3})+")


def _names_persons(cell: str) -> bool:
    return bool(_PERSONS_RE.fullmatch(cell))


def _names_units(cell: str) -> bool:
    names = [name for name in _SPLIT_NAMES.split(cell) if name]
    return bool(names) and all(len(name) <= 16 and phrases.is_unit_name(name) for name in names)


ONGOING_LENGTH = 8  # "长期坚持", "常态化推进", "持续推进至年底"


def _is_date(cell: str) -> bool:
    schedule = phrases.schedule_in_any_year(tables.excel_date(cell.strip()))
    # "长期坚持" is a date's cell; "建立重点人员常态化走访制度", ongoing too, is a task's sentence.
    return len(cell) <= 24 and bool(schedule.deadline or schedule.ongoing and len(cell) <= ONGOING_LENGTH)


def dates(body: list[list[str]], column: int) -> bool:
    cells = [row[column].strip() for row in body if column < len(row) and row[column].strip()]
    return _share(cells, _is_date) >= MOST


def _numbers(body: list[list[str]], column: int) -> bool:
    cells = [row[column].strip() for row in body if column < len(row) and row[column].strip()]
    return bool(cells) and _share(cells, lambda cell: classify(cell) is not None or len(cell) <= 12) >= MOST


COUNTING = 0.8  # the share of steps between a column's numbers that go up by one


def counting_column(header: list[str], body: list[list[str]], taken: set[int], title: int) -> int | None:
    """The column, left of the task's ``title`` and under a header the table parser does not know ("项次",
    "条目"), whose numbers count up by one row after row: the rows' 序号, whatever its header calls it.
    A column of scores or amounts ("10", "5", "20") does not count up."""
    for column in range(min(title, len(header))):
        if column in taken or tables.column_key(header[column]) is not None:
            continue
        cells = [row[column].strip() for row in body if column < len(row) and row[column].strip()]
        values = [int(cell) for cell in cells if cell.isdigit() and len(cell) <= 3]
        steps = list(zip(values, values[1:], strict=False))
        if len(steps) >= 2 and _share(steps, lambda pair: pair[1] == pair[0] + 1) >= COUNTING:
            if _share(cells, lambda cell: classify(cell) is not None) >= MOST:
                return column
    return None


# What a column's cells are, whatever its header says: the kinds no task is written as.
UNITS, DATES, CODES, PERSONS, CATEGORY, MERGED = "units", "dates", "codes", "persons", "category", "merged"
NUMBERS = "numbers"
# A code ("BL2023-017", "3.2.1", "A-07"): no Chinese in it, a digit.
_CODE_RE = re.compile(r"[A-Za-z0-9\-－_/.#\s]*\d[A-Za-z0-9\-－_/.#\s]*")
# One person's name, masked perhaps ("王某某", "李娟"), or several ("李娟、张涛"), a count after them.
_PERSON_RE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:等\s*\d+\s*人)?")
CATEGORY_LENGTH = 6  # a category's name: "党建", "安全生产", "营商环境"
REPEATED = 0.8  # under this share of different values, a column of short names repeats itself


def cell_kind(cells: list[str], rows: int) -> str | None:
    """What the filled ``cells`` of a column over ``rows`` rows hold, when it is something no task is
    written as: units, dates, codes, persons, a category (short names repeated row after row) or a
    group merged down (filled on few rows). None for anything else, a task's sentences among them."""
    if not cells:
        return None
    if len(cells) < MOST * rows:
        return MERGED
    if _share(cells, NUMBER_CELL_RE.fullmatch) >= MOST:
        return NUMBERS  # amounts, counts, a year's values: "12.5" is no date there
    for kind, test in ((UNITS, _unit_names), (DATES, _is_date), (CODES, _CODE_RE.fullmatch)):
        if _share(cells, test) >= MOST:
            return kind
    if _share(cells, lambda cell: _names_persons(cell) or _PERSON_RE.fullmatch(cell) and "某" in cell) >= MOST:
        return PERSONS
    short = sum(len(cell) for cell in cells) / len(cells) <= CATEGORY_LENGTH
    return CATEGORY if short and len(set(cells)) < REPEATED * len(cells) else None


def _unit_names(cell: str) -> bool:
    """Unit names and nothing else: no label before them ("牵头：综治中心" is a field's line)."""
    return _names_units(cell) and not re.search(r"[:：]", cell)


def _share(cells: list, test) -> float:
    return sum(1 for cell in cells if test(cell)) / len(cells) if cells else 0.0


# --- an editor's line numbers, no blank line among them ---------------------------------------------

MIN_NUMBERED = 6
MIN_LIST_NUMBERS = 2  # lines whose text after the line number opens with a list's number


def line_numbers(source: Source) -> tuple[Source, Problem | None]:
    """``source`` without the line numbers before each of its lines, and the warning that says so; the
    source itself and None when its lines do not all count up from 1 (or from 1 again: a new page), or
    when too few of them hold a list's number after theirs to tell a margin's count from a list's."""
    for rows in (True, False):
        lines = [line for line in numbered_lines(source.blocks, rows) if line.text.strip()]
        numbers = leading_numbers(lines)
        if numbers is not None:
            break
    if len(lines) < MIN_NUMBERED or numbers is None:
        return source, None
    listed = sum(1 for line, number in zip(lines, numbers, strict=True) if _lists_after(line.text, number))
    if listed < MIN_LIST_NUMBERS:
        return source, None
    given = iter(numbers)
    blocks = [block_unnumbered(block, given, skip_blank=True, rows=rows) for block in source.blocks]
    message = _("每一行开头都有逐行递增的数字（1、2、3……），已作为编辑器的行号去掉，不是事项的编号。请核对。")
    return dataclasses.replace(source, blocks=blocks), Problem(lines[0].line, lines[0].text.strip()[:40], message)


def _lists_after(text: str, number: int) -> bool:
    """The text after the line number opens with a list's number, or is one (a table's 序号, its cells
    copied a line each)."""
    rest = text[len(str(number)) :].lstrip(" \t\u3000")
    found = match(rest)
    return bool(found and found.certain) or bool(re.fullmatch(r"\d{1,3}", rest))


# --- unknown list marks -----------------------------------------------------------------------------

# Symbols a line may open with that are no mark: ASCII (Markdown's "*", "+", ">"…), arithmetic signs
# written before a figure, a note's "※", full-width signs a table or a range is written with ("｜", "～").
NOT_MARKS = "×÷±※～＋＜＞＝｜∶"
# Pictographs and dingbats (So) the parser knows itself.
MARK_CATEGORIES = ("Sm", "Sk", "Pf")


def is_unknown_mark(char: str) -> bool:
    """A symbol outside ASCII that an editor or a 公众号 may put before each line of a list ("→", "»",
    "⇒"), besides the bullets and pictographs the parser knows."""
    return ord(char) > 127 and char not in NOT_MARKS and unicodedata.category(char) in MARK_CATEGORIES


def mark_warning(marks: set[str], line: int | None) -> Problem:
    shown = "、".join(f"“{mark}”" for mark in sorted(marks))
    message = _("多行以同一符号 %(marks)s 开头，已把该符号当作列表标记读取：其后的每一行是同一级的一个事项。请核对。")
    return Problem(line, shown, message % {"marks": shown})


# --- list numbers known by their repetition ---------------------------------------------------------

# A number's marks the fixed styles of ``numbering`` do not know, around or after it: "〔1〕", "<1>", "1>",
# "一：", "A、", "1/". Brackets that enclose, then one mark that ends it.
_OPENING = "（(［[【〔〖「『<＜〈《{｛"
_CLOSING = "）)］]】〕〗」』>＞〉》}｝"
# Not "#": "1#楼" is a building's number, not a list's.
_ENDING = "、，,．.:：/／_＿-－"
NOT_LIST_NUMBERS = ("SUPERSCRIPT", "SUBSCRIPT", "VULGAR FRACTION")
_CN_NUMERALS = "[〇零一二三四五六七八九十百两]{1,4}"
CN_NUMERAL_RE = re.compile(_CN_NUMERALS)
_CORE = rf"\d{{1,3}}|{_CN_NUMERALS}|[A-Z]|[^\x00-\x7f]"
INFERRED_RE = re.compile(
    rf"^(?P<number>(?P<open>[{re.escape(_OPENING)}]?)(?P<core>{_CORE})(?P<close>[{re.escape(_CLOSING)}]?)"
    rf"(?P<end>[{re.escape(_ENDING)}]?))[\s\u3000]*(?P<next>\S)"
)
# What a list's entry opens with after its number: a word, a quote, a bracket, an @mention, a date's digits.
ENTRY_OPENING_RE = re.compile(r"[\u4e00-\u9fff“《（(【〔\[@\d]")
INFERRED = "inferred"
INFERRED_RANK = 6
MIN_INFERRED = 2  # lines of one shape counting up, to read it as a list's numbers
MIN_MARKED = 3  # lines opening with one punctuation mark, to read it as a list's bullet
COUNTING_UP = 0.7  # the share of steps from one line of a shape to the next that go up by one, or back to 1
_NUMBER_WORDS = {
    "DIGIT", "NUMBER", "ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN",
    "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN", "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN", "TWENTY",
}  # fmt: skip


def _shape(text: str) -> tuple[str, int, str] | None:
    """The shape of the number a line opens with, its value and the number as written, where the fixed
    styles know no number there: "〔1〕" → ("〔9〕", 1), "❷" → ("DINGBAT NEGATIVE CIRCLED", 2)."""
    text = text.lstrip(" \u3000\t")
    found = INFERRED_RE.match(text)
    shape = _written(found) if found else None
    # The fixed styles last: most lines open with no number at all, and these are quickly told.
    return shape if shape and match(text) is None else None


def _written(found: re.Match) -> tuple[str, int, str] | None:
    core, marks = found.group("core"), found.group("open") + found.group("close") + found.group("end")
    if not (core.isascii() or CN_NUMERAL_RE.fullmatch(core)):
        return _enclosed(core, marks, found.group("number"))
    if not ENTRY_OPENING_RE.match(found.group("next")):
        return None
    if found.group("next").isdigit() and not (found.group("close") and not found.group("end")):
        return None  # "1/3", "2-5", "1:30": a figure; after a closing bracket ("1>3月底前") a date may open the item
    if not marks:
        return None  # "2024年", "一起": a number needs a mark to be one
    known = classify(core)
    if known is None and not (core.isascii() and core.isalpha()):
        return None
    value = known.value if known else ord(core) - ord("A") + 1
    kind = "A" if core.isalpha() and core.isascii() else ("9" if core.isdigit() else "N")
    return found.group("open") + kind + found.group("close") + found.group("end"), value, found.group("number")


def _enclosed(char: str, marks: str, number: str) -> tuple[str, int, str] | None:
    """One character that is a number by itself ("❶", "⒈", "㊀", "Ⓐ"), as a symbol table gives them."""
    name = unicodedata.name(char, "")
    if any(word in name for word in NOT_LIST_NUMBERS):
        return None  # a footnote's "¹", a formula's "₂", a fraction's "½"
    if unicodedata.category(char) == "No":
        value = unicodedata.numeric(char, None)
    elif " LATIN CAPITAL LETTER " in name:
        value = ord(name[-1]) - ord("A") + 1
    else:
        return None
    if value is None or value != int(value) or value < 1:
        return None
    words = name.split()[:-1] if " LATIN CAPITAL LETTER " in name else name.split()
    words = [word for word in words if word not in _NUMBER_WORDS]
    return " ".join(words) + marks, int(value), number


def inferred_styles(texts: list[str]) -> set[str]:
    """The shapes of number that open at least ``MIN_INFERRED`` of ``texts`` counting up (1, 2, 3; back to 1
    under the next heading), none of which the fixed styles know: a document's own way of numbering."""
    values: dict[str, list[int]] = {}
    for text in texts:
        shape = _shape(text)
        if shape:
            values.setdefault(shape[0], []).append(shape[1])
    return {shape for shape, counted in values.items() if _counts_up(counted)}


def _counts_up(values: list[int]) -> bool:
    steps = list(zip(values, values[1:], strict=False))
    ups = sum(1 for before, after in steps if after == before + 1)
    restarts = sum(1 for before, after in steps if after == 1 and before != 0)
    return len(values) >= MIN_INFERRED and values[0] == 1 and ups >= 1 and ups + restarts >= COUNTING_UP * len(steps)


def inferred_number(text: str, styles: set[str]) -> Numbering | None:
    """The number ``text`` opens with in one of the document's own ``styles``, one level of its own."""
    shape = _shape(text)
    if not shape or shape[0] not in styles:
        return None
    rest = text.lstrip(" \u3000\t")[len(shape[2]) :].strip()
    return Numbering(f"{INFERRED}:{shape[0]}", INFERRED_RANK, shape[1], shape[2], rest, True)


def is_punctuation_mark(char: str) -> bool:
    """A punctuation mark outside ASCII and outside a Chinese sentence's own ("·", "‣", "§") that may stand
    before each line of a list; seen before ``MIN_MARKED`` lines at least, as one such mark is a word."""
    return (
        ord(char) > 127
        and unicodedata.category(char) == "Po"
        and char not in NOT_MARKS + SENTENCE_MARKS
        and unicodedata.east_asian_width(char) not in "FW"
    )


# A Chinese sentence's own punctuation, and a ditto mark ("〃", same as above in a table's column).
SENTENCE_MARKS = "、。，；：？！…‥〃“”‘’"


def inferred_warning(numbers: list[str], line: int | None) -> Problem:
    shown = "、".join(f"“{number}”" for number in numbers)
    message = _(
        "多行以导入规则未列出的编号样式（如 %(numbers)s）开头并依次递增，"
        "已把它们当作列表的编号读取：每个编号后是一个事项。请核对。"
    )
    return Problem(line, shown, message % {"numbers": shown})
