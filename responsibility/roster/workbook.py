"""The roster (人员名册) as an .xlsx workbook: its columns, the template, and reading it into rows.

One sheet, 人员名册, one row per post: 单位 | 上级单位 | 岗位 | 角色 | 姓名 | 手机 | 邮箱. A row with only
单位 (and 上级单位) names a unit without posts; a row with 姓名 and 手机 left empty, a vacant post.
A blank 单位 continues the unit of the row above, as a merged cell does. The layout is a file format,
so its sheet and column names are Chinese whatever language the pages speak.

Reading checks each row on its own (a known role, a mobile number, an e-mail address, lengths); what
the rows say together and against the database is ``check.py``'s.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import openpyxl
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..accounts import normal_phone
from ..importing.document import ImportRejected, Table
from ..importing.readers import read
from ..importing.xlsx import BORDER, FONT, HEADER_FILL, put
from ..models import Post, Unit
from ..organisation import Tree

SHEET, HELP = "人员名册", "填写说明"
UNIT, PARENT, POST, ROLE, NAME, PHONE, EMAIL = "单位", "上级单位", "岗位", "角色", "姓名", "手机", "邮箱"
COLUMNS = [UNIT, PARENT, POST, ROLE, NAME, PHONE, EMAIL]
REQUIRED = [UNIT, POST]
WIDTHS = {UNIT: 22, PARENT: 22, POST: 22, ROLE: 16, NAME: 12, PHONE: 16, EMAIL: 28}
# Other names offices give the same columns.
ALIASES = {
    "单位名称": UNIT,
    "部门": UNIT,
    "所在单位": UNIT,
    "上级": PARENT,
    "上级部门": PARENT,
    "所属单位": PARENT,
    "岗位名称": POST,
    "职务": POST,
    "手机号": PHONE,
    "手机号码": PHONE,
    "移动电话": PHONE,
    "联系电话": PHONE,
    "电子邮箱": EMAIL,
    "电子邮件": EMAIL,
    "email": EMAIL,
    "e-mail": EMAIL,
}
IGNORED = {"序号", "备注", "说明"}
HEADER_SEARCH_ROWS = 5
MAX_ROWS = 5000
LIMITS = {UNIT: 100, PARENT: 100, POST: 100, NAME: 60, EMAIL: 254}
# Other words for the roles, as offices write them.
ROLE_ALIASES = {
    "党工委": Post.Role.COMMITTEE,
    "委员": Post.Role.COMMITTEE,
    "分管领导": Post.Role.LEADER,
    "领导": Post.Role.LEADER,
    "党政办": Post.Role.OFFICE,
    "法治办": Post.Role.OFFICE,
    "负责人": Post.Role.UNIT_HEAD,
    "督查": Post.Role.INSPECTOR,
    "考核": Post.Role.ASSESSOR,
    "管理员": Post.Role.ADMIN,
}

HELP_ROWS = [
    (UNIT, gettext_lazy("单位名称，在本组织内不重名。填组织本身的名称表示组织本身的岗位。留空表示与上一行同一单位。")),
    (PARENT, gettext_lazy("上级单位的名称：本组织已有的单位，或本表“单位”列中的单位。留空表示直属本组织。")),
    (POST, gettext_lazy("岗位名称，如“所长”“法治办干事”。只建单位不设岗位时留空。同一单位的同一岗位只能出现一次。")),
    (ROLE, gettext_lazy("岗位的角色，从下拉列表中选择：%(roles)s。")),
    (NAME, gettext_lazy("在岗人员姓名。与手机一同留空表示岗位空缺。")),
    (
        PHONE,
        gettext_lazy(
            "11 位手机号码，一人一号，用作新账号的登录名。一人兼任几个岗位时，每行填同一手机号。"
            "岗位现任人员本人可不填。"
        ),
    ),
    (EMAIL, gettext_lazy("电子邮箱，可不填；留空不会清除已有的邮箱。")),
    ("", gettext_lazy("整张表检查无误后才会保存；同一张表导入两次不会重复创建。表中没有的单位、岗位和人员保持不变。")),
    ("", gettext_lazy("新人员的初始密码只显示一次，本人首次登录时须修改密码。")),
]


@dataclass
class Problem:
    row: int | None
    message: str

    def __str__(self) -> str:
        if self.row:
            return _("第 %(row)s 行：%(message)s") % {"row": self.row, "message": self.message}
        return self.message


class RosterRejected(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


@dataclass
class Row:
    """One row of the roster as written, each cell checked on its own; ``role`` is a ``Post.Role``."""

    line: int
    unit: str
    parent: str = ""
    post: str = ""
    role: str = ""
    name: str = ""
    phone: str = ""
    email: str = ""
    bad: bool = False  # a cell of its own is wrong (reported): its post and person are not checked further

    @property
    def has_person(self) -> bool:
        return bool(self.name or self.phone)


def role_labels() -> dict[str, str]:
    """value -> the Chinese label the workbook writes."""
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in Post.Role.choices}


def role_of(text: str) -> str | None:
    text = _heading(text)
    for value, label in role_labels().items():
        if text in (label, value):
            return value
    return ROLE_ALIASES.get(text)


# --- writing ------------------------------------------------------------------------------------------


def roster_workbook(organisation: Unit) -> bytes:
    """The organisation's roster as it stands, in the import layout: the template to fill in, and a
    file that, imported again unchanged, changes nothing."""
    book = openpyxl.Workbook()
    sheet = book.active
    _write(sheet, SHEET, COLUMNS, roster_rows(organisation))
    labels = list(role_labels().values())
    roles = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=True)
    roles.error, roles.errorTitle = "请从列表中选择角色", "角色"
    sheet.add_data_validation(roles)
    roles.add(f"D2:D{MAX_ROWS + 1}")
    sheet.column_dimensions["F"].number_format = "@"  # 13800138000 stays text, not 1.38E+10
    with translation.override("zh-hans"):
        rows = [[column, str(text) % {"roles": "、".join(labels)}] for column, text in HELP_ROWS]
    _write(book.create_sheet(), HELP, ["列", "说明"], rows)
    book[HELP].column_dimensions["B"].width = 90
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def roster_rows(organisation: Unit) -> list[list[str]]:
    tree = Tree(organisation)
    posts: dict[int, list[Post]] = {}
    for post in Post.objects.filter(unit_id__in=tree.unit_ids).select_related("holder").order_by("id"):
        posts.setdefault(post.unit_id, []).append(post)
    labels = role_labels()
    rows = []
    for unit in tree.units:
        parent = "" if unit.parent_id in (None, organisation.pk) else tree.by_id[unit.parent_id].name
        if not posts.get(unit.pk) and unit.pk != organisation.pk:
            rows.append([unit.name, parent, "", "", "", "", ""])
        for post in posts.get(unit.pk, []):
            holder = post.holder
            person = [str(holder), holder.phone, holder.email] if holder else ["", "", ""]
            rows.append([unit.name, parent, post.title, labels.get(post.role, post.role), *person])
    return rows


def _write(sheet, title: str, header: list[str], rows: list[list[str]]) -> None:
    sheet.title = title
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(1, column, name)
        cell.font, cell.fill, cell.border = Font(name=FONT, bold=True), HEADER_FILL, BORDER
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(name, 14)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row_number, column)
            put(cell, value)
            cell.border, cell.font = BORDER, Font(name=FONT, size=10)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if header[column - 1] == PHONE:
                cell.number_format = "@"
    sheet.freeze_panes = "A2"


# --- reading ------------------------------------------------------------------------------------------


def read_roster(name: str, data: bytes) -> tuple[list[Row], list[Problem]]:
    """The roster's rows, each checked on its own, and the problems found in them (a row with a bad
    cell is kept, marked ``bad``, so that the rest of the roster is still checked around it);
    ``RosterRejected`` when there is no roster to check at all."""
    try:
        source = read(name, data)
    except ImportRejected as refusal:
        raise RosterRejected([Problem(None, refusal.message)]) from refusal
    if source.kind != "xlsx":
        raise RosterRejected([Problem(None, _("请上传 Excel 工作簿（.xlsx），按名册模板的格式填写。"))])
    tables = [block for block in source.blocks if isinstance(block, Table)]
    reader = RowReader()
    rows = reader.read(tables)
    if not rows:
        raise RosterRejected(reader.problems)
    return rows, reader.problems


class RowReader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, row: int | None, message: str) -> None:
        self.problems.append(Problem(row, message))

    def read(self, tables: list[Table]) -> list[Row]:
        found = self._table(tables)
        if found is None:
            wanted = "、".join(f"“{column}”" for column in REQUIRED)
            self.problem(
                None, _("找不到名册的表头：须有 %(columns)s 列（可下载名册模板参照填写）。") % {"columns": wanted}
            )
            return []
        table, header_index, columns = found
        rows: list[Row] = []
        for index in range(header_index + 1, len(table.rows)):
            cells = table.rows[index]
            values = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
            if any(values.values()):
                row = self._row(table.line + index, values, rows[-1] if rows else None)
                if row is not None:
                    rows.append(row)
        if not rows and not self.problems:
            self.problem(None, _("名册中没有任何一行内容。"))
        if len(rows) > MAX_ROWS:
            self.problem(None, _("名册超过 %(max)s 行，请分几次导入。") % {"max": MAX_ROWS})
            return []
        return rows

    def _table(self, tables: list[Table]) -> tuple[Table, int, dict[str, int]] | None:
        """The 人员名册 sheet, else the first sheet whose header has the roster's columns."""
        ordered = sorted(tables, key=lambda table: table.sheet.strip() != SHEET)
        for table in ordered:
            for index, cells in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
                names = [ALIASES.get(_heading(cell).lower(), _heading(cell)) for cell in cells]
                if all(name in names for name in REQUIRED):
                    return table, index, self._columns(table.line + index, cells, names)
        return None

    def _columns(self, line: int, cells: list[str], names: list[str]) -> dict[str, int]:
        columns: dict[str, int] = {}
        for i, name in enumerate(names):
            if name in COLUMNS and name not in columns:
                columns[name] = i
            elif name and name not in IGNORED:
                self.problem(
                    line,
                    _("无法识别的列“%(name)s”（名册的列：%(columns)s）。")
                    % {
                        "name": cells[i],
                        "columns": "、".join(COLUMNS),
                    },
                )
        return columns

    def _row(self, line: int, values: dict[str, str], above: Row | None) -> Row | None:
        before = len(self.problems)
        for column, limit in LIMITS.items():
            if len(values.get(column, "")) > limit:
                self.problem(line, _("“%(column)s”超过 %(limit)s 个字。") % {"column": column, "limit": limit})
        unit, parent = values.get(UNIT, ""), values.get(PARENT, "")
        if not unit:
            if above is None:
                self.problem(line, _("“单位”不能为空。"))
                return None
            if parent and parent != above.parent:
                self.problem(line, _("“单位”留空表示与上一行同一单位，“上级单位”也应留空。"))
            unit, parent = above.unit, above.parent
        row = Row(line, unit, parent, values.get(POST, ""), "", values.get(NAME, ""), "", values.get(EMAIL, ""))
        self._post_and_role(row, values.get(ROLE, ""))
        self._person(row, values.get(PHONE, ""))
        row.bad = len(self.problems) > before
        return row

    def _post_and_role(self, row: Row, role: str) -> None:
        if not row.post:
            if role or row.has_person or row.email:
                self.problem(row.line, _("填写了角色或人员，但没有填写“岗位”。"))
            return
        if not role:
            self.problem(
                row.line, _("请填写岗位“%(post)s”的角色（可选：%(roles)s）。") % {"post": row.post, "roles": _roles()}
            )
            return
        row.role = role_of(role) or ""
        if not row.role:
            self.problem(row.line, _("角色“%(role)s”无法识别（可选：%(roles)s）。") % {"role": role, "roles": _roles()})

    def _person(self, row: Row, phone: str) -> None:
        if phone:
            try:
                row.phone = normal_phone(phone)
            except ValidationError as error:
                self.problem(row.line, error.messages[0])
            if not row.name:
                self.problem(row.line, _("填写了手机号，但没有填写“姓名”。"))
        if row.email:
            if not row.name:
                self.problem(row.line, _("填写了邮箱，但没有填写“姓名”。"))
            try:
                validate_email(row.email)
            except ValidationError:
                self.problem(row.line, _("邮箱“%(email)s”格式不正确。") % {"email": row.email})


def _roles() -> str:
    return "、".join(role_labels().values())


def _heading(text: str) -> str:
    """A header or a role as written: spaces, a required-marker "*" and full-width brackets aside."""
    return "".join(text.split()).strip("*＊").replace("(", "（").replace(")", "）")
