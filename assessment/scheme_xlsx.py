"""考核细则 as an .xlsx workbook: the template, the export of a scheme, and its import.

The layout is a file format, so its sheet and column names are the same whatever language the pages
speak (an office fills it in Chinese):

- 基本设置: two columns 项目 | 内容, one row per setting (名称, 工作要点, 计分截止日期 as a date cell, 满分,
  逾期扣分 …);
- 考核细则: 类别 | 类别分值 | 考核指标 | 指标分值 | 评分标准 | 对应事项编号 | 对应清单类别, one row per
  indicator (a category without indicators takes one row with 考核指标 empty); a blank 类别 continues
  the category above, as a merged cell does;
- 考核分组: 分组 | 单位类型 | 指定单位 | 优秀比例上限（%）, one row per group in order (a kind of unit, or
  named units; a blank quota is the scheme's);
- 等次: 等次 | 最低分 | 分组 (blank: the common bands; a group's name: that group's own);
- 加减分: 类型 | 名称 | 级别 | 每次分值 | 累计上限 | 所属类别 | 否决效果 | 折算比例（%） | 取最高分组;
- 奖惩: 对象 | 等次 | 加减分规则 | 奖惩措施 | 奖金系数.

Importing replaces what each sheet describes: rows are matched to the scheme's rows by name (a
category by its name, an indicator by category and name, a rule by type, name and level), so the
events and results that point at them keep pointing at them. A sheet that is absent leaves its part
unchanged. Every bad cell is reported with its sheet and row, and nothing is written until the whole
workbook is clean. Exporting and importing again changes nothing.
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

import openpyxl
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError
from django.forms.models import model_to_dict
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from responsibility.importing.document import ImportRejected, Table
from responsibility.importing.readers import read
from responsibility.importing.resolve import tree_units
from responsibility.importing.xlsx import BORDER, FONT, HEADER_FILL, put
from responsibility.models import Category, ResponsibilityItem, Unit, WorkPlan

from .forms import SUGGESTED_GRADES, SchemeForm
from .models import EventRule, GradeBand, RewardRule, Scheme, SchemeCategory, SchemeGroup, SchemeIndicator
from .plan_items import PlanItems, normal

SETTINGS, RULES, GRADES, EVENTS, REWARDS, HELP = "基本设置", "考核细则", "等次", "加减分", "奖惩", "填写说明"
CATEGORY, CATEGORY_POINTS, INDICATOR, INDICATOR_POINTS = "类别", "类别分值", "考核指标", "指标分值"
CRITERIA, ITEMS, PLAN_CATEGORY, METHOD = "评分标准", "对应事项编号", "对应清单类别", "评分方式"
APPLIES = "适用单位"
SOURCE, TARGET, STEP, FLOOR, SCORER = "数据来源", "目标值", "每次扣分", "最低得分", "评分责任单位"
# The columns of a ratio or per-count indicator's rule, each optional (a workbook made before them imports).
COUNT_COLUMNS = [SOURCE, TARGET, STEP, FLOOR, SCORER]
CLOSING_DAY = "计分截止日期"
RATIO = "折算比例（%）"
TIER = "取最高分组"
INDICATOR_OF = "所属指标"
GROUPS, GROUP, GROUP_KIND, GROUP_UNITS, GROUP_QUOTA = "考核分组", "分组", "单位类型", "指定单位", "优秀比例上限（%）"
COLUMNS = {
    SETTINGS: ["项目", "内容"],
    RULES: [
        CATEGORY,
        CATEGORY_POINTS,
        INDICATOR,
        INDICATOR_POINTS,
        CRITERIA,
        ITEMS,
        PLAN_CATEGORY,
        METHOD,
        APPLIES,
        *COUNT_COLUMNS,
    ],
    GROUPS: [GROUP, GROUP_KIND, GROUP_UNITS, GROUP_QUOTA],
    GRADES: ["等次", "最低分", GROUP],
    EVENTS: ["类型", "名称", "级别", "每次分值", "累计上限", "所属类别", "否决效果", RATIO, TIER, INDICATOR_OF],
    REWARDS: ["对象", "等次", "加减分规则", "奖惩措施", "奖金系数"],
}
REQUIRED = {
    SETTINGS: ["项目", "内容"],
    RULES: [CATEGORY, CATEGORY_POINTS],
    GROUPS: [GROUP],
    GRADES: ["等次", "最低分"],
    EVENTS: ["类型", "名称", "每次分值"],
    REWARDS: ["奖惩措施"],
}
WIDTHS = {
    CATEGORY: 24,
    INDICATOR: 28,
    CRITERIA: 40,
    ITEMS: 24,
    PLAN_CATEGORY: 20,
    "内容": 40,
    "名称": 20,
    GROUP_UNITS: 40,
    GROUP_QUOTA: 16,
}
# Other names offices give the same columns.
ALIASES = {
    "考核类别": CATEGORY,
    "考核项目": CATEGORY,
    "指标": INDICATOR,
    "考核内容": INDICATOR,
    "考核标准": CRITERIA,
    "评分细则": CRITERIA,
    "对应事项": ITEMS,
    "事项编号": ITEMS,
}
IGNORED = {"序号", "备注"}
HEADER_SEARCH_ROWS = 5
ITEM_SEPARATORS = ("；", ";")
SETTING_ROWS = [
    ("名称", "title"),
    ("工作要点", "plan"),
    (CLOSING_DAY, "closes_on"),
    ("满分", "full_score"),
    ("计分方式", "method"),
    ("最低分", "floor"),
    ("未完成事项", "not_done"),
    ("逾期扣分", "late_points"),
    ("逾期计扣单位", "late_period"),
    ("逾期扣分上限", "late_cap"),
    ("每次退回整改扣分", "return_points"),
    ("退回整改扣分上限", "return_cap"),
    ("每次会办逾期扣分", "cooperation_points"),
    ("指标达成占比（%）", "indicator_share"),
    ("工作质量占比（%）", "quality_share"),
    ("核验宽限天数", "verification_grace_days"),
    ("加分上限", "bonus_cap"),
    ("扣分上限", "deduction_cap"),
    ("优秀比例上限（%）", "excellent_quota"),
    ("同分排序", "tie_break"),
]
# The closing day as an office writes it: 2020-12-31, 2020/12/31, 2020.12.31, 2020年12月31日 (a date cell reads
# as the last).
DATE_FORMS = (re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"), re.compile(r"(\d{4})(年)(\d{1,2})月(\d{1,2})日?"))
DATE_FORMAT = "yyyy-mm-dd"
CLOSING_DAY_HINT = "填日期，如 2020-12-31、2020年12月31日 或 2020/12/31；只计此日及以前的事实；留空则为当年12月31日。"
SETTING_CHOICES = {
    "method": Scheme.Method,
    "not_done": Scheme.NotDone,
    "late_period": Scheme.LatePeriod,
    "tie_break": Scheme.TieBreak,
}
POINTS = forms.DecimalField(max_digits=7, decimal_places=2, min_value=0)
TARGET_NUMBER = forms.DecimalField(max_digits=9, decimal_places=2, min_value=0)
FACTOR = forms.DecimalField(max_digits=4, decimal_places=2)


def labels(choices) -> dict[str, str]:
    """value -> the Chinese label the workbook writes."""
    with translation.override("zh-hans"):
        return {value: str(label) for value, label in choices.choices}


# --- problems ------------------------------------------------------------------------------------------


@dataclass
class Problem:
    sheet: str
    row: int | None
    message: str

    def __str__(self) -> str:
        if self.sheet and self.row:
            return _("“%(sheet)s”表第 %(row)s 行：%(message)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "message": self.message,
            }
        if self.sheet:
            return _("“%(sheet)s”表：%(message)s") % {"sheet": self.sheet, "message": self.message}
        return self.message


class BookRejected(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


# --- export ----------------------------------------------------------------------------------------------


def export_scheme(scheme: Scheme) -> bytes:
    """The scheme in the import layout, so that importing it again changes nothing."""
    items = PlanItems(scheme.scored_plan())
    categories = list(
        scheme.categories.select_related("plan_category")
        .prefetch_related("indicators__items", "indicators__scorer")
        .order_by("order", "id")
    )
    rules = list(scheme.event_rules.select_related("category").order_by("kind", "order", "id"))
    rewards = list(scheme.reward_rules.select_related("event_rule").order_by("id"))
    book = openpyxl.Workbook()
    book.properties.title = scheme.title
    _settings_sheet(book.active, scheme)
    _sheet(book.create_sheet(), RULES, _rule_rows(categories, items))
    _sheet(book.create_sheet(), GROUPS, [_group_row(group) for group in scheme.groups.prefetch_related("units")])
    _sheet(book.create_sheet(), GRADES, _grade_rows(scheme))
    _sheet(book.create_sheet(), EVENTS, [_event_row(rule) for rule in rules])
    keys = RuleKeys(rules)
    _sheet(book.create_sheet(), REWARDS, [_reward_row(reward, keys) for reward in rewards])
    _help_sheet(book.create_sheet())
    return _bytes(book)


def template_workbook() -> bytes:
    """An empty scheme with the default settings and the usual four grades, and the instructions."""
    book = openpyxl.Workbook()
    defaults = Scheme(title="")
    _settings_sheet(book.active, defaults)
    _sheet(book.create_sheet(), RULES, [])
    _sheet(book.create_sheet(), GROUPS, [])
    _sheet(book.create_sheet(), GRADES, [[name, low] for name, low in SUGGESTED_GRADES])
    _sheet(book.create_sheet(), EVENTS, [])
    _sheet(book.create_sheet(), REWARDS, [])
    _help_sheet(book.create_sheet())
    book.active = 1
    return _bytes(book)


def _settings_sheet(sheet, scheme: Scheme) -> None:
    _sheet(sheet, SETTINGS, _setting_rows(scheme))
    row = 2 + [label for label, _name in SETTING_ROWS].index(CLOSING_DAY)
    cell = sheet.cell(row, 2)
    cell.number_format = DATE_FORMAT  # a date typed into the empty cell of the template shows as one too
    cell.comment = Comment(CLOSING_DAY_HINT, "", width=260, height=70)


def _setting_rows(scheme: Scheme) -> list[list]:
    rows = []
    for label, name in SETTING_ROWS:
        value = getattr(scheme, name if name != "plan" else "plan_id")
        if name == "plan":
            value = scheme.plan.title if scheme.plan_id else ""
        elif name in SETTING_CHOICES:
            value = labels(SETTING_CHOICES[name]).get(value, value)
        elif isinstance(value, Decimal):
            value = _number(value)
        rows.append([label, value])
    return rows


def _rule_rows(categories: list[SchemeCategory], items: PlanItems) -> list[list]:
    rows = []
    for category in categories:
        head = [category.name, _number(category.points)]
        plan_category = category.plan_category.name if category.plan_category_id else ""
        indicators = sorted(category.indicators.all(), key=lambda i: (i.order, i.pk))
        if not indicators:
            rows.append([*head, "", "", "", "", plan_category, "", "", *[""] * len(COUNT_COLUMNS)])
        for indicator in indicators:
            linked = sorted(indicator.items.all(), key=lambda item: (item.order, item.pk))
            names = "\n".join(items.name_of(items.by_pk.get(item.pk, item)) for item in linked)
            method = labels(SchemeIndicator.Method)[indicator.method]
            row = [indicator.name, _number(indicator.points), indicator.criteria, names, plan_category, method]
            row.append(_applies_text(indicator))
            row.extend(_count_cells(indicator))
            rows.append([*head, *row])
    return rows


def _event_row(rule: EventRule) -> list:
    return [
        labels(EventRule.Kind)[rule.kind],
        rule.name,
        labels(EventRule.Level)[rule.level] if rule.level else "",
        _number(rule.points),
        _number(rule.cap),
        rule.category.name if rule.category_id else "",
        labels(EventRule.Veto)[rule.veto] if rule.veto else "",
        rule.ratio,
        rule.tier,
        rule.indicator.name if rule.indicator_id else "",
    ]


def _reward_row(reward: RewardRule, keys: RuleKeys) -> list:
    return [
        labels(RewardRule.Subject)[reward.subject],
        reward.grade,
        keys.name_of(reward.event_rule) if reward.event_rule_id else "",
        labels(RewardRule.Action)[reward.action],
        _number(reward.factor) if reward.factor is not None else "",
    ]


def _indicator_help(field: str):
    """The editor's help for an indicator's field: one text for the page and the workbook."""
    return SchemeIndicator._meta.get_field(field).help_text


HELP_ROWS = [
    (
        SETTINGS,
        "项目 | 内容",
        "每行一项设置；缺少的行保持原设置。工作要点写标题（须是本单位本年度的），留空则取已发布的工作要点。",
    ),
    (SETTINGS, CLOSING_DAY, CLOSING_DAY_HINT),
    (SETTINGS, "计分方式", format_lazy("加分制 或 扣分制。{}", Scheme._meta.get_field("method").help_text)),
    (SETTINGS, "最低分", format_lazy("{}；加分制下不适用（总分不低于 0 分）。", Scheme.floor.field.help_text)),
    (SETTINGS, "每次会办逾期扣分", Scheme._meta.get_field("cooperation_points").help_text),
    (SETTINGS, "加分上限", Scheme._meta.get_field("bonus_cap").help_text),
    (SETTINGS, "扣分上限", Scheme._meta.get_field("deduction_cap").help_text),
    (SETTINGS, "核验宽限天数", Scheme._meta.get_field("verification_grace_days").help_text),
    (RULES, CATEGORY, "考核类别名称；留空表示与上一行同一类别（合并单元格亦可）。"),
    (RULES, CATEGORY_POINTS, "类别分值；同一类别各行须一致，可只在第一行填写。各类别合计一般等于满分。"),
    (RULES, INDICATOR, "类别下的考核指标；类别没有指标时留空。"),
    (RULES, INDICATOR_POINTS, "指标分值，留空为 0。"),
    (RULES, CRITERIA, "评分标准，可多行。"),
    (RULES, ITEMS, "对应的责任清单事项：写完整编号（如 一、（一）1.）或事项标题，多项换行或用分号分隔。"),
    (RULES, PLAN_CATEGORY, "该类别计分的责任清单类别名称；留空则按类别名称对应。"),
    (RULES, METHOD, format_lazy("{}。留空即按事项计分；后三种不对应事项。", _indicator_help("method"))),
    (
        RULES,
        APPLIES,
        format_lazy(
            "{}。留空为全部单位；写单位类型（如 社区、内设机构）为该类全部单位；或写单位名称，多个用顿号分隔。",
            _indicator_help("applies_to"),
        ),
    ),
    (RULES, SOURCE, format_lazy("{}。", _indicator_help("source"))),
    (RULES, TARGET, format_lazy("{}。", _indicator_help("target"))),
    (RULES, STEP, format_lazy("{}。", _indicator_help("step"))),
    (RULES, FLOOR, format_lazy("{}。", _indicator_help("floor"))),
    (RULES, SCORER, format_lazy("{}。写单位名称（须是本单位的单位）。", _indicator_help("scorer"))),
    (GROUPS, GROUP, "分组名称，如 社区、科室：各组单位分开排名，优秀比例按本组单位数计；不设分组则全部单位一起排名。"),
    (
        GROUPS,
        f"{GROUP_KIND} | {GROUP_UNITS}",
        "填且只填一项：单位类型（如 社区、内设机构）为该类全部单位；或写单位名称，多个用顿号分隔。"
        "单位属于排在前面、能包含它的第一个分组；不属于任何分组的单位一起排名，按基本设置的优秀比例和通用等次。",
    ),
    (GROUPS, GROUP_QUOTA, "本组最高等次的单位数不超过本组单位数的该比例（向下取整）；留空则按基本设置的优秀比例上限。"),
    (GRADES, "等次 | 最低分", "如 优秀 90、良好 80、合格 60、不合格 0。"),
    (
        GRADES,
        GROUP,
        "留空为各组通用的等次；填“考核分组”表中的分组名称，为该组自己的等次（设了自己等次的分组只按自己的等次评定）。"
        "没有本列的表格只更新通用等次。",
    ),
    (EVENTS, "类型", "加分、扣分 或 一票否决。"),
    (EVENTS, "级别", "国家级、省级、市级、区级、县级、乡镇级、街道级，或留空（不分级别）。"),
    (EVENTS, "每次分值 | 累计上限", "累计上限填 0 表示不设上限。"),
    (EVENTS, RATIO, "事项的分值按此比例计入（如上级考核扣分按50%折算填 50）；留空或 100 表示按原分值。"),
    (
        EVENTS,
        TIER,
        "同一分组名称的规则对同一单位只计最高的一次（如国家级、省级、市级表彰都填“表彰”）；留空表示各自累计。",
    ),
    (EVENTS, "所属类别", "扣分项累计不超过该类别分值；须是“考核细则”表中的类别，可留空。"),
    (EVENTS, INDICATOR_OF, "扣分项：同一指标下各规则累计扣分不超过该指标分值（本项扣完为止）；须同时填所属类别。"),
    (
        EVENTS,
        "否决效果",
        "一票否决项必填：定为最低等次 或 不得评为最高等次。扣分项可填（黄牌：既扣分，又按否决效果评定等次）；"
        "加分项不能填。",
    ),
    (
        REWARDS,
        "等次 | 加减分规则",
        "二者填且只填一项：评为该等次，或有该类事项时提出建议。规则写名称，有级别的写“名称（级别）”。",
    ),
    (REWARDS, "奖惩措施", "通报表扬、绩效奖金系数、通报批评、约谈 或 问责建议；绩效奖金系数须填奖金系数。"),
    ("", "", "导入时整份表格一并检查，有错误的行会列出工作表和行号，全部改正前不保存任何内容。"),
    ("", "", "缺少的工作表保持原有内容不变；只有表头的工作表表示该部分为空。"),
]


def _help_sheet(sheet) -> None:
    with translation.override("zh-hans"):
        rows = [[str(cell) for cell in row] for row in HELP_ROWS]
    _sheet(sheet, HELP, rows, header=["工作表", "列", "说明"])
    sheet.column_dimensions["C"].width = 80


def _sheet(sheet, title: str, rows: list[list], header: list[str] | None = None) -> None:
    sheet.title = title
    header = header or COLUMNS[title]
    for column, name in enumerate(header, start=1):
        cell = sheet.cell(1, column, name)
        cell.font, cell.fill, cell.border = Font(name=FONT, bold=True), HEADER_FILL, BORDER
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(name, 12)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row_number, column)
            put(cell, value)
            cell.border = BORDER
            cell.font = Font(name=FONT, size=10)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class RuleKeys:
    """How the 奖惩 sheet names an event rule: "通报表扬（市级）", with its type ("加分：…") only
    where two types share a name and level."""

    def __init__(self, rules) -> None:
        self.rules = list(rules)

    @staticmethod
    def short(kind: str, name: str, level: str) -> str:
        return f"{name}（{labels(EventRule.Level)[level]}）" if level else name

    def long(self, kind: str, name: str, level: str) -> str:
        return f"{labels(EventRule.Kind)[kind]}：{self.short(kind, name, level)}"

    def key(self, rule) -> tuple[str, str, str]:
        return (rule.kind, rule.name, rule.level)

    def name_of(self, rule) -> str:
        short = self.short(*self.key(rule))
        if len(self.find(short)) == 1:
            return short
        return self.long(*self.key(rule))

    def find(self, text: str) -> list:
        wanted = normal(text)
        return [
            rule
            for rule in self.rules
            if wanted in (normal(self.short(*self.key(rule))), normal(self.long(*self.key(rule))))
        ]


# --- import ------------------------------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    name: str
    points: Decimal
    criteria: str
    items: list[ResponsibilityItem]
    row: int
    method: str = SchemeIndicator.Method.ITEMS
    applies_to: str = SchemeIndicator.AppliesTo.ALL
    unit_kind: str = ""
    units: list = field(default_factory=list)
    rule: dict = field(default_factory=dict)  # source, target, step, floor, scorer: a ratio or per-count rule


@dataclass
class CategoryRow:
    name: str
    row: int
    points: Decimal | None = None
    points_row: int = 0
    points_written: bool = False
    plan_category: Category | None = None
    plan_category_text: str | None = None
    indicators: list[IndicatorRow] = field(default_factory=list)


@dataclass
class RuleRow:
    kind: str
    name: str
    level: str
    points: Decimal
    cap: Decimal
    category: str
    veto: str
    row: int
    ratio: int = 100
    tier: str = ""
    indicator: str = ""


@dataclass
class RewardRow:
    subject: str
    grade: str
    rule: tuple[str, str, str] | None
    action: str
    factor: Decimal | None
    row: int


@dataclass
class Book:
    """What a clean workbook says, checked against the scheme and its plan; ``None`` for an absent sheet."""

    settings: SchemeForm | None
    categories: list[CategoryRow]
    grades: list[GradeRow] | None
    rules: list[RuleRow] | None
    rewards: list[RewardRow] | None
    groups: list[GroupRow] | None = None
    # The 等次 sheet has a 分组 column: it describes every band; without it (an older workbook), the common ones.
    grade_groups: bool = False


def read_book(scheme: Scheme, name: str, data: bytes) -> Book:
    """The workbook checked whole; ``BookRejected`` with every problem found."""
    try:
        source = read(name, data)
    except ImportRejected as refusal:
        raise BookRejected([Problem("", None, refusal.message)]) from refusal
    if source.kind != "xlsx":
        raise BookRejected([Problem("", None, _("请上传 Excel 工作簿（.xlsx），按模板的格式填写。"))])
    tables = {block.sheet.strip(): block for block in source.blocks if isinstance(block, Table)}
    reader = BookReader(scheme, tables)
    book = reader.read()
    if reader.problems:
        raise BookRejected(reader.problems)
    return book


class BookReader:
    def __init__(self, scheme: Scheme, tables: dict[str, Table]) -> None:
        self.scheme, self.tables = scheme, tables
        self.problems: list[Problem] = []
        self.headers: dict[str, dict[str, int]] = {}  # each sheet's columns as found

    def problem(self, sheet: str, row: int | None, message: str) -> None:
        self.problems.append(Problem(sheet, row, message))

    def read(self) -> Book:
        if RULES not in self.tables:
            self.problem(RULES, None, _("缺少“%(sheet)s”工作表（可下载模板参照填写）。") % {"sheet": RULES})
        settings = self.read_settings()
        plan_id = settings.cleaned_data.get("plan") if settings is not None and settings.is_valid() else None
        scored = copy.copy(self.scheme)
        if settings is not None:
            scored.plan = plan_id
        items = PlanItems(scored.scored_plan())
        categories = self.read_categories(items)
        groups = self.read_groups()
        grades = self.read_grades(groups)
        known = {c.name: {i.name for i in c.indicators} for c in categories} if RULES in self.tables else None
        rules = self.read_rules(known)
        rewards = self.read_rewards(grades, rules)
        grade_groups = GROUP in self.headers.get(GRADES, {})
        return Book(settings, categories, grades, rules, rewards, groups, grade_groups)

    # the sheets' rows --------------------------------------------------------------------------------

    def rows(self, sheet: str) -> Iterator[tuple[int, dict[str, str]]]:
        """(Excel row number, {column: text}) for each non-blank row under the header."""
        table = self.tables.get(sheet)
        if table is None:
            return
        found = self._header(table, sheet)
        if found is None:
            return
        header_index, columns = found
        for index in range(header_index + 1, len(table.rows)):
            cells = table.rows[index]
            values = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
            if any(values.values()):
                yield table.line + index, values

    def _header(self, table: Table, sheet: str) -> tuple[int, dict[str, int]] | None:
        for index, cells in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
            names = [ALIASES.get(_heading(cell), _heading(cell)) for cell in cells]
            if all(name in names for name in REQUIRED[sheet]):
                columns: dict[str, int] = {}
                for i, name in enumerate(names):
                    if name in COLUMNS[sheet] and name not in columns:
                        columns[name] = i
                    elif name and name not in IGNORED:
                        self.problem(sheet, table.line + index, _("无法识别的列“%(name)s”。") % {"name": cells[i]})
                self.headers[sheet] = columns
                return index, columns
        wanted = "、".join(f"“{name}”" for name in REQUIRED[sheet])
        self.problem(sheet, None, _("找不到表头：须有 %(columns)s 列。") % {"columns": wanted})
        return None

    def number(self, sheet: str, row: int, column: str, text: str, kind=POINTS, required=False) -> Decimal | None:
        text = text.removesuffix("分").strip()
        if not text:
            if required:
                self.problem(sheet, row, _("“%(column)s”不能为空。") % {"column": column})
            return None
        try:
            return kind.clean(text)
        except ValidationError as error:
            message = _("“%(column)s”填写有误（%(value)s）：%(error)s")
            self.problem(sheet, row, message % {"column": column, "value": text, "error": " ".join(error.messages)})
            return None

    def choice(self, sheet: str, row: int, column: str, text: str, choices, blank_ok=False) -> str | None:
        if not text and blank_ok:
            return ""
        by_text = {normal(label): value for value, label in labels(choices).items()}
        # A label that explains itself after a colon (加分制：按各类别得分累加) is also known by its name.
        by_text.update({normal(label).split("：")[0]: value for value, label in labels(choices).items() if value})
        by_text.update({value: value for value in choices.values if value})
        value = by_text.get(normal(text))
        if value is None:
            allowed = "、".join(label for value, label in labels(choices).items() if value)
            message = _("“%(column)s”应为 %(allowed)s 之一，而不是“%(value)s”。")
            self.problem(sheet, row, message % {"column": column, "allowed": allowed, "value": text})
        return value

    # 基本设置 ------------------------------------------------------------------------------------------------

    def read_settings(self) -> SchemeForm | None:
        if SETTINGS not in self.tables:
            return None
        data = {key: value for key, value in model_to_dict(self.scheme).items() if value is not None}
        by_label = dict(SETTING_ROWS)
        where: dict[str, int] = {}
        for row, values in self.rows(SETTINGS):
            label, text = values["项目"], values["内容"]
            name = by_label.get(label)
            if name is None:
                self.problem(SETTINGS, row, _("无法识别的设置项“%(label)s”。") % {"label": label})
                continue
            if name == "title" and not text:
                continue  # the template leaves the name to the scheme it is imported into
            where[name] = row
            data[name] = self._setting(name, row, label, text)
        form = SchemeForm(data, instance=copy.copy(self.scheme))
        if not form.is_valid():
            for name, errors in form.errors.items():
                label = next((label for label, key in SETTING_ROWS if key == name), name)
                for error in errors:
                    self.problem(SETTINGS, where.get(name), f"{label}：{error}")
        return form

    def _setting(self, name: str, row: int, label: str, text: str):
        if name in SETTING_CHOICES:
            return self.choice(SETTINGS, row, label, text, SETTING_CHOICES[name]) or ""
        if name == "plan":
            return self._plan(row, text)
        if name == "closes_on":
            return self._day(row, label, text)
        if name in ("indicator_share", "quality_share", "excellent_quota"):
            return text.removesuffix("%").strip()
        return text.removesuffix("分").strip() if name != "title" else text

    def _day(self, row: int, label: str, text: str) -> datetime.date | None:
        """The closing day: empty clears it (the year's 12-31), as on the scheme page; a bad one is reported and
        the scheme's own kept meanwhile, so that the form adds no second message for it."""
        if not text:
            return None
        compact = "".join(unicodedata.normalize("NFKC", text).split())
        match = next(filter(None, (form.fullmatch(compact) for form in DATE_FORMS)), None)
        error = _("请写成日期，如 2020-12-31、2020年12月31日 或 2020/12/31。")
        if match is not None:
            try:
                return datetime.date(int(match[1]), int(match[3]), int(match[4]))
            except ValueError:
                error = _("不是有效的日期。")
        message = _("“%(column)s”填写有误（%(value)s）：%(error)s")
        self.problem(SETTINGS, row, message % {"column": label, "value": text, "error": error})
        return self.scheme.closes_on

    def _plan(self, row: int, title: str) -> int | None:
        if not title:
            return None
        plans = list(
            WorkPlan.objects.filter(organisation=self.scheme.organisation_id, year=self.scheme.year, title=title)[:2]
        )
        if len(plans) != 1:
            message = (
                _("本单位 %(year)s 年度没有标题为“%(title)s”的工作要点。")
                if not plans
                else _("本单位 %(year)s 年度有多份标题为“%(title)s”的工作要点，请在页面上选择。")
            )
            self.problem(SETTINGS, row, message % {"year": self.scheme.year, "title": title})
            return None
        return plans[0].pk

    # 考核细则 ----------------------------------------------------------------------------------------------

    def read_categories(self, items: PlanItems) -> list[CategoryRow]:
        categories: dict[str, CategoryRow] = {}
        current: CategoryRow | None = None
        for row, values in self.rows(RULES):
            name = values.get(CATEGORY, "")
            if name:
                current = categories.setdefault(name, CategoryRow(name, row))
            elif current is None:
                self.problem(RULES, row, _("“类别”不能为空。"))
                continue
            self._category_cells(current, row, values, items)
            self._indicator(current, row, values, items)
        for category in categories.values():
            if category.points is None and not category.points_written:
                self.problem(RULES, category.row, _("类别“%(name)s”没有填写类别分值。") % {"name": category.name})
        if RULES in self.tables and not categories and not self.problems:
            self.problem(RULES, None, _("没有任何类别。"))
        return list(categories.values())

    def _category_cells(self, category: CategoryRow, row: int, values: dict, items: PlanItems) -> None:
        text = values.get(CATEGORY_POINTS, "")
        category.points_written = category.points_written or bool(text)
        points = self.number(RULES, row, CATEGORY_POINTS, text)
        if points is not None:
            if category.points is not None and points != category.points:
                message = _("类别“%(name)s”的分值与第 %(row)s 行不一致。")
                self.problem(RULES, row, message % {"name": category.name, "row": category.points_row})
            elif category.points is None:
                category.points, category.points_row = points, row
        text = values.get(PLAN_CATEGORY, "")
        if not text:
            return
        if category.plan_category_text is not None and text != category.plan_category_text:
            self.problem(RULES, row, _("类别“%(name)s”的对应清单类别前后不一致。") % {"name": category.name})
            return
        category.plan_category_text = text
        found = next((c for c in items.categories if c.name == text), None)
        if found is None:
            self.problem(RULES, row, _("计分的工作要点中没有类别“%(name)s”。") % {"name": text})
        category.plan_category = found

    def _indicator(self, category: CategoryRow, row: int, values: dict, items: PlanItems) -> None:
        name = values.get(INDICATOR, "")
        rest = [values.get(column, "") for column in (INDICATOR_POINTS, CRITERIA, ITEMS)]
        if not name:
            if any(rest) or any(values.get(column, "") for column in COUNT_COLUMNS):
                self.problem(RULES, row, _("填写了指标分值、评分标准、对应事项或计分规则，但没有填写考核指标。"))
            return
        if any(indicator.name == name for indicator in category.indicators):
            message = _("类别“%(category)s”中考核指标“%(name)s”重复。")
            self.problem(RULES, row, message % {"category": category.name, "name": name})
            return
        before = len(self.problems)
        points = self.number(RULES, row, INDICATOR_POINTS, rest[0]) or Decimal(0)
        method = SchemeIndicator.Method.ITEMS
        if values.get(METHOD, ""):
            method = self.choice(RULES, row, METHOD, values[METHOD], SchemeIndicator.Method) or method
        # The rule is checked against the points and method only when both read: a bad cell is one problem.
        read = len(self.problems) == before
        linked = self._items(category, row, rest[2], items)
        if method != SchemeIndicator.Method.ITEMS and linked:
            message = _("%(method)s的指标不对应事项：请清空对应事项，或改为按事项计分。")
            self.problem(RULES, row, message % {"method": labels(SchemeIndicator.Method)[method]})
        applies = self._applies(row, values.get(APPLIES, ""))
        rule = self._count_rule(row, values, method if read else None, points)
        found = IndicatorRow(name, points, values.get(CRITERIA, ""), linked, row, method, *applies, rule=rule)
        category.indicators.append(found)

    def _count_rule(self, row: int, values: dict, method: str | None, points: Decimal) -> dict:
        """数据来源, 目标值, 每次扣分, 最低得分, 评分责任单位: read, then checked by the rule the scheme page
        uses (``SchemeIndicator.clean``) once every cell of them, the method and the points read
        (``method`` None: they did not)."""
        before = len(self.problems)
        rule = {
            "source": self.choice(RULES, row, SOURCE, values.get(SOURCE, ""), SchemeIndicator.Source, blank_ok=True),
            "target": self.number(RULES, row, TARGET, values.get(TARGET, "").removesuffix("%"), kind=TARGET_NUMBER),
            "step": self.number(RULES, row, STEP, values.get(STEP, "")) or Decimal(0),
            "floor": self.number(RULES, row, FLOOR, values.get(FLOOR, "")) or Decimal(0),
            "scorer": self._scorer(row, values.get(SCORER, "")),
        }
        if method is not None and len(self.problems) == before:
            fields = {name: value for name, value in rule.items() if name != "scorer"}
            try:
                SchemeIndicator(method=method, points=points, **fields).clean()
            except ValidationError as error:
                for message in error.messages:
                    self.problem(RULES, row, message)
        return rule

    def _scorer(self, row: int, name: str) -> Unit | None:
        """评分责任单位: a unit of the organisation, by its name (one only)."""
        if not name:
            return None
        found = [unit for unit in self.own_units if unit.name == name]
        if len(found) != 1:
            message = (
                _("“评分责任单位”中的“%(name)s”不是本单位的单位。")
                if not found
                else _("“评分责任单位”：本单位有多个名为“%(name)s”的单位，请在页面上选择。")
            )
            self.problem(RULES, row, message % {"name": name})
            return None
        return found[0]

    @cached_property
    def own_units(self) -> list[Unit]:
        return tree_units(self.scheme.organisation)

    def _applies(self, row: int, text: str) -> tuple[str, str, list]:
        """适用单位: blank or 全部单位 for all; a kind of unit (社区) for all of that kind; else unit names."""
        Applies = SchemeIndicator.AppliesTo
        text = text.strip()
        if text in ("", "全部", labels(Applies)[Applies.ALL]):
            return Applies.ALL, "", []
        kinds = {label: value for value, label in labels(Unit.Kind).items()}
        if text in kinds:
            return Applies.KIND, kinds[text], []
        own = {unit.name: unit for unit in self.own_units}
        names = [name.strip() for name in re.split(r"[、，,；;\n]", text) if name.strip()]
        missing = [name for name in names if name not in own]
        if missing:
            message = _("“适用单位”中的“%(names)s”不是本单位的单位或单位类型。")
            self.problem(RULES, row, message % {"names": "、".join(missing)})
        return Applies.NAMED, "", [own[name] for name in names if name in own]

    def _items(self, category: CategoryRow, row: int, text: str, items: PlanItems) -> list[ResponsibilityItem]:
        if not text:
            return []
        if items.plan is None:
            self.problem(RULES, row, _("考核细则还没有计分的工作要点，无法对应事项。"))
            return []
        for separator in ITEM_SEPARATORS:
            text = text.replace(separator, "\n")
        plan_category = category.plan_category or items.plan_category(category.name)
        found: list[ResponsibilityItem] = []
        for token in filter(None, (part.strip() for part in text.split("\n"))):
            matches = items.find(token)
            if not matches:
                self.problem(RULES, row, _("工作要点中找不到事项“%(item)s”。") % {"item": token})
            elif len(matches) > 1:
                message = _("“%(item)s”对应 %(count)s 个事项，请写完整编号（如 一、（一）1.）或事项标题。")
                self.problem(RULES, row, message % {"item": token, "count": len(matches)})
            elif plan_category is None or matches[0].category_id != plan_category.pk:
                message = _("事项“%(item)s”不属于类别“%(category)s”对应的清单类别。")
                self.problem(RULES, row, message % {"item": token, "category": category.name})
            elif matches[0] not in found:
                found.append(matches[0])
        return found

    # 等次 -----------------------------------------------------------------------------------------------------

    def read_groups(self) -> list[GroupRow] | None:
        return _read_groups(self)

    def read_grades(self, groups: list[GroupRow] | None) -> list[GradeRow] | None:
        if GRADES not in self.tables:
            return None
        known = {g.name for g in groups} if groups is not None else {g.name for g in self.scheme.groups.all()}
        grades: dict[tuple[str, str], GradeRow] = {}
        for row, values in self.rows(GRADES):
            name, group = values["等次"], values.get(GROUP, "")
            score = self.number(GRADES, row, "最低分", values["最低分"], required=True)
            if not name:
                self.problem(GRADES, row, _("“等次”不能为空。"))
            elif (group, name) in grades:
                self.problem(GRADES, row, _grade_repeated(group, name))
            elif group and group not in known:
                self.problem(GRADES, row, _("“考核分组”表中没有分组“%(name)s”。") % {"name": group})
            elif score is not None:
                grades[(group, name)] = GradeRow(name, score, group)
        return list(grades.values())

    # 加减分 ---------------------------------------------------------------------------------------------------

    def read_rules(self, category_names: dict[str, set[str]] | None) -> list[RuleRow] | None:
        """``category_names``: each category's indicator names, by category (the workbook's, else the
        scheme's own)."""
        if EVENTS not in self.tables:
            return None
        if category_names is None:
            category_names = {c.name: {i.name for i in c.indicators.all()} for c in self.scheme.categories.all()}
        rules: list[RuleRow] = []
        for row, values in self.rows(EVENTS):
            rule = self._rule(row, values, category_names)
            if rule is None:
                continue
            if any((r.kind, r.name, r.level) == (rule.kind, rule.name, rule.level) for r in rules):
                self.problem(EVENTS, row, _("与前面的规则重复（类型、名称、级别相同）。"))
                continue
            rules.append(rule)
        return rules

    def _rule(self, row: int, values: dict, category_names: dict[str, set[str]]) -> RuleRow | None:
        kind = self.choice(EVENTS, row, "类型", values["类型"], EventRule.Kind)
        level_text = values.get("级别", "")
        level = self.choice(EVENTS, row, "级别", level_text, EventRule.Level, blank_ok=True)
        veto = self.choice(EVENTS, row, "否决效果", values.get("否决效果", ""), EventRule.Veto, blank_ok=True)
        points = self.number(EVENTS, row, "每次分值", values["每次分值"], required=kind != EventRule.Kind.VETO)
        cap = self.number(EVENTS, row, "累计上限", values.get("累计上限", ""))
        ratio = self.number(EVENTS, row, RATIO, values.get(RATIO, "").removesuffix("%").strip())
        if ratio is not None and (ratio != int(ratio) or not 0 <= ratio <= 1000):
            self.problem(EVENTS, row, _("“折算比例”应为 0 至 1000 之间的整数（如 50 表示按50%折算）。"))
            ratio = None
        category = values.get("所属类别", "")
        name = values["名称"]
        if not name:
            self.problem(EVENTS, row, _("“名称”不能为空。"))
        if category and category not in category_names:
            self.problem(EVENTS, row, _("“考核细则”表中没有类别“%(name)s”。") % {"name": category})
        indicator = values.get(INDICATOR_OF, "")
        if indicator and kind != EventRule.Kind.DEDUCTION:
            self.problem(EVENTS, row, _("只有扣分项可以归入指标（本项扣完为止）。"))
        elif indicator and indicator not in category_names.get(category, set()):
            message = _("“所属指标”须是所属类别“%(category)s”下的考核指标，没有“%(name)s”。")
            self.problem(EVENTS, row, message % {"category": category, "name": indicator})
        if kind is not None and veto is not None:
            try:
                EventRule(kind=kind, veto=veto).clean()
            except ValidationError as error:
                self.problem(EVENTS, row, " ".join(error.messages))
                return None
        if None in (kind, level, veto) or not name:
            return None
        ratio = 100 if ratio is None else int(ratio)
        tier = values.get(TIER, "")[:50]
        found = RuleRow(kind, name, level, points or Decimal(0), cap or Decimal(0), category, veto, row, ratio, tier)
        found.indicator = indicator
        return found

    # 奖惩 -----------------------------------------------------------------------------------------------------

    def read_rewards(self, grades, rules) -> list[RewardRow] | None:
        if REWARDS not in self.tables:
            return None
        grade_names = _grade_names(self, grades)
        if rules is None:
            rules = list(self.scheme.event_rules.all())
        keys = RuleKeys(rules)
        found = []
        for row, values in self.rows(REWARDS):
            subject = self.choice(REWARDS, row, "对象", values.get("对象", "") or "单位", RewardRule.Subject)
            action = self.choice(REWARDS, row, "奖惩措施", values["奖惩措施"], RewardRule.Action)
            factor = self.number(REWARDS, row, "奖金系数", values.get("奖金系数", ""), kind=FACTOR)
            grade, rule_text = values.get("等次", ""), values.get("加减分规则", "")
            rule = self._reward_rule(row, rule_text, keys)
            if bool(grade) == bool(rule_text):
                self.problem(REWARDS, row, _("“等次”和“加减分规则”须填且只填一项。"))
            elif grade and grade not in grade_names:
                self.problem(REWARDS, row, _("没有等次“%(name)s”。") % {"name": grade})
            if action == RewardRule.Action.BONUS_FACTOR and factor is None:
                self.problem(REWARDS, row, _("绩效奖金系数须填写奖金系数。"))
            if subject and action:
                found.append(RewardRow(subject, grade, rule, action, factor, row))
        return found

    def _reward_rule(self, row: int, text: str, keys: RuleKeys) -> tuple[str, str, str] | None:
        if not text:
            return None
        matches = keys.find(text)
        if len(matches) == 1:
            return keys.key(matches[0])
        if matches:
            message = _("加减分规则“%(name)s”不唯一，请写成“类型：名称（级别）”。")
        else:
            message = _("没有加减分规则“%(name)s”。")
        self.problem(REWARDS, row, message % {"name": text})
        return None


def _heading(text: str) -> str:
    return "".join(text.split()).strip("*＊")


# --- writing what was read ------------------------------------------------------------------------------


@dataclass
class Counts:
    categories: int = 0
    indicators: int = 0
    grades: int | None = None
    rules: int | None = None
    rewards: int | None = None
    groups: int | None = None


@transaction.atomic
def apply_book(scheme: Scheme, book: Book) -> Counts:
    """Bring the scheme in line with the workbook; ``BookRejected`` (and nothing written) when a row
    to be removed is still referenced by events or results."""
    if book.settings is not None:
        saved = book.settings.save()
        scheme.refresh_from_db()
        scheme.plan = saved.plan
    counts = Counts()
    categories = _sync_categories(scheme, book.categories, counts)
    groups = _sync_groups(scheme, book.groups) if book.groups is not None else None
    if groups is not None:
        counts.groups = len(groups)
    if book.grades is not None:
        if groups is None:
            groups = {group.name: group for group in scheme.groups.all()}
        counts.grades = _sync_grades(scheme, book.grades, groups, book.grade_groups)
    rules = None
    if book.rules is not None:
        rules = _sync_rules(scheme, book.rules, categories)
        counts.rules = len(rules)
    if book.rewards is not None:
        if rules is None:
            rules = {(r.kind, r.name, r.level): r for r in scheme.event_rules.all()}
        counts.rewards = _sync_rewards(scheme, book.rewards, rules)
    return counts


def _delete(obj, sheet: str) -> None:
    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError as exc:
        message = _("表格中没有“%(name)s”，但它已被登记的加减分事项或考核结果引用，不能删除；请在表格中保留该行。")
        raise BookRejected([Problem(sheet, None, message % {"name": obj})]) from exc


def _sync_categories(scheme: Scheme, rows: list[CategoryRow], counts: Counts) -> dict[str, SchemeCategory]:
    existing = {category.name: category for category in scheme.categories.prefetch_related("indicators")}
    kept: dict[str, SchemeCategory] = {}
    for order, row in enumerate(rows, start=1):
        category = existing.pop(row.name, None) or SchemeCategory(scheme=scheme, name=row.name)
        category.points, category.order, category.plan_category = row.points, order, row.plan_category
        category.save()
        kept[row.name] = category
        counts.indicators += _sync_indicators(category, row.indicators)
    for category in existing.values():
        _delete(category, RULES)
    counts.categories = len(kept)
    return kept


def _sync_indicators(category: SchemeCategory, rows: list[IndicatorRow]) -> int:
    existing: dict[str, list[SchemeIndicator]] = {}
    for indicator in category.indicators.all() if category.pk else []:
        existing.setdefault(indicator.name, []).append(indicator)
    for order, row in enumerate(rows, start=1):
        same = existing.get(row.name)
        indicator = same.pop(0) if same else SchemeIndicator(category=category, name=row.name)
        indicator.points, indicator.criteria, indicator.order = row.points, row.criteria, order
        indicator.method = row.method
        indicator.applies_to, indicator.unit_kind = row.applies_to, row.unit_kind
        for name, value in row.rule.items():
            setattr(indicator, name, value)
        indicator.save()
        indicator.items.set(row.items)
        indicator.units.set(row.units)
    for leftovers in existing.values():
        for indicator in leftovers:
            _delete(indicator, RULES)
    return len(rows)


def _sync_grades(scheme: Scheme, rows: list[GradeRow], groups: dict[str, SchemeGroup], every: bool) -> int:
    """The bands as the sheet has them, matched by group and name; ``every``: the sheet has the 分组
    column, so a group's band it leaves out goes (without the column, the groups' bands stay)."""
    bands = scheme.grade_bands.select_related("group")
    if not every:
        bands = bands.filter(group__isnull=True)
    existing = {(band.group.name if band.group_id else "", band.name): band for band in bands}
    for row in rows:
        group = groups[row.group] if row.group else None
        band = existing.pop((row.group, row.name), None) or GradeBand(scheme=scheme, name=row.name, group=group)
        band.min_score = row.score
        band.save()
    for band in existing.values():
        _delete(band, GRADES)
    return len(rows)


def _sync_rules(scheme: Scheme, rows: list[RuleRow], categories: dict[str, SchemeCategory]) -> dict:
    existing = {(rule.kind, rule.name, rule.level): rule for rule in scheme.event_rules.all()}
    indicators = {}  # (category, name) -> the first indicator of that name, as the rows name them
    for indicator in SchemeIndicator.objects.filter(category__in=list(categories.values())).order_by("order", "pk"):
        indicators.setdefault((indicator.category_id, indicator.name), indicator)
    kept = {}
    for order, row in enumerate(rows, start=1):
        key = (row.kind, row.name, row.level)
        rule = existing.pop(key, None) or EventRule(scheme=scheme, kind=row.kind, name=row.name, level=row.level)
        rule.points, rule.cap, rule.veto, rule.order = row.points, row.cap, row.veto, order
        rule.ratio, rule.tier = row.ratio, row.tier
        rule.category = categories.get(row.category) if row.category else None
        rule.indicator = indicators.get((rule.category.pk, row.indicator)) if rule.category and row.indicator else None
        rule.save()
        kept[key] = rule
    for rule in existing.values():
        _delete(rule, EVENTS)
    return kept


def _sync_rewards(scheme: Scheme, rows: list[RewardRow], rules: dict) -> int:
    existing = list(scheme.reward_rules.all())
    for row in rows:
        rule = rules.get(row.rule) if row.rule else None
        key = (row.subject, row.grade, rule.pk if rule else None, row.action)
        reward = next((r for r in existing if (r.subject, r.grade, r.event_rule_id, r.action) == key), None)
        if reward is None:
            reward = RewardRule(scheme=scheme, subject=row.subject, grade=row.grade, event_rule=rule, action=row.action)
        else:
            existing.remove(reward)
        reward.factor = row.factor
        reward.save()
    for reward in existing:
        _delete(reward, REWARDS)
    return len(rows)


def _applies_text(indicator: SchemeIndicator) -> str:
    """适用单位 as the workbook writes it (blank: all units)."""
    if indicator.applies_to == SchemeIndicator.AppliesTo.KIND:
        return labels(Unit.Kind).get(indicator.unit_kind, "")
    if indicator.applies_to == SchemeIndicator.AppliesTo.NAMED:
        return "、".join(unit.name for unit in indicator.units.all())
    return ""


def _count_cells(indicator: SchemeIndicator) -> list:
    """数据来源, 目标值, 每次扣分, 最低得分, 评分责任单位 as the workbook writes them: blank where the
    indicator's method does not use them (0 and blank read back the same)."""
    counts = indicator.counts
    return [
        labels(SchemeIndicator.Source)[indicator.source] if indicator.source else "",
        _number(indicator.target) if indicator.target is not None else "",
        _number(indicator.step) if counts else "",
        _number(indicator.floor) if counts else "",
        indicator.scorer.name if indicator.scorer_id else "",
    ]


# --- 考核分组 ---------------------------------------------------------------------------------------------------


@dataclass
class GroupRow:
    name: str
    unit_kind: str
    units: list[Unit]
    excellent_quota: int | None
    row: int


@dataclass
class GradeRow:
    name: str
    score: Decimal
    group: str = ""  # "": a common band


def _group_row(group: SchemeGroup) -> list:
    """分组 | 单位类型 | 指定单位 | 优秀比例上限（%） (blank: the scheme's)."""
    by_kind = group.applies_to == SchemeGroup.AppliesTo.KIND
    kind = labels(Unit.Kind).get(group.unit_kind, "") if by_kind else ""
    units = "" if by_kind else "、".join(unit.name for unit in group.units.all())
    return [group.name, kind, units, group.excellent_quota if group.excellent_quota is not None else ""]


def _grade_rows(scheme: Scheme) -> list[list]:
    """The common bands, then each group's, each from the top."""
    bands = scheme.grade_bands.select_related("group").order_by(
        F("group__order").asc(nulls_first=True), "group_id", "-min_score", "id"
    )
    return [[band.name, _number(band.min_score), band.group.name if band.group_id else ""] for band in bands]


def _grade_repeated(group: str, name: str) -> str:
    if group:
        return _("分组“%(group)s”的等次“%(name)s”重复。") % {"group": group, "name": name}
    return _("等次“%(name)s”重复。") % {"name": name}


def _grade_names(reader: BookReader, grades: list[GradeRow] | None) -> set[str]:
    """The grades a reward rule may name: the workbook's bands, with the groups' own where its 等次 sheet
    has no 分组 column (they stay); the scheme's when it has no 等次 sheet."""
    bands = reader.scheme.grade_bands
    if grades is None:
        return set(bands.values_list("name", flat=True))
    names = {grade.name for grade in grades}
    if GROUP not in reader.headers.get(GRADES, {}):
        names |= set(bands.filter(group__isnull=False).values_list("name", flat=True))
    return names


def _read_groups(reader: BookReader) -> list[GroupRow] | None:
    if GROUPS not in reader.tables:
        return None
    own = {unit.name: unit for unit in tree_units(reader.scheme.organisation) if unit.kind != Unit.Kind.ORGANISATION}
    groups: list[GroupRow] = []
    for row, values in reader.rows(GROUPS):
        group = _read_group(reader, row, values, own)
        if group is None:
            continue
        if any(g.name == group.name for g in groups):
            reader.problem(GROUPS, row, _("分组“%(name)s”重复。") % {"name": group.name})
            continue
        groups.append(group)
    return groups


def _read_group(reader: BookReader, row: int, values: dict, own: dict[str, Unit]) -> GroupRow | None:
    name, kind_text, units_text = values[GROUP], values.get(GROUP_KIND, ""), values.get(GROUP_UNITS, "")
    quota = _read_quota(reader, row, values.get(GROUP_QUOTA, ""))
    if not name:
        reader.problem(GROUPS, row, _("“分组”不能为空。"))
    elif len(name) > SchemeGroup._meta.get_field("name").max_length:
        reader.problem(GROUPS, row, _("“分组”最多 50 个字。"))
    if bool(kind_text) == bool(units_text):
        reader.problem(GROUPS, row, _("“单位类型”和“指定单位”须填且只填一项。"))
        return None
    kind = reader.choice(GROUPS, row, GROUP_KIND, kind_text, Unit.Kind) if kind_text else ""
    names = [part.strip() for part in re.split(r"[、，,；;\n]", units_text) if part.strip()]
    missing = [part for part in names if part not in own]
    if missing:
        message = _("“指定单位”中的“%(names)s”不是本单位的单位。")
        reader.problem(GROUPS, row, message % {"names": "、".join(missing)})
    if not name or kind is None or missing or quota is False:
        return None
    return GroupRow(name, kind, [own[part] for part in dict.fromkeys(names)], quota, row)


def _read_quota(reader: BookReader, row: int, text: str) -> int | None | bool:
    """An integer from 0 to 100, or None (blank: the scheme's); False, reported, when it is neither."""
    text = text.removesuffix("%").strip()
    if not text:
        return None
    try:
        quota = Decimal(text)
    except ArithmeticError:
        quota = None
    if quota is None or quota != quota.to_integral_value() or not 0 <= quota <= 100:
        message = _("“%(column)s”应为 0 至 100 之间的整数，而不是“%(value)s”；留空则按细则的优秀比例上限。")
        reader.problem(GROUPS, row, message % {"column": GROUP_QUOTA, "value": text})
        return False
    return int(quota)


def _sync_groups(scheme: Scheme, rows: list[GroupRow]) -> dict[str, SchemeGroup]:
    """The groups as the sheet has them, in its order, matched by name; a group it leaves out goes, with
    its bands (results keep the group's name as computed)."""
    existing = {group.name: group for group in scheme.groups.all()}
    kept: dict[str, SchemeGroup] = {}
    for order, row in enumerate(rows, start=1):
        group = existing.pop(row.name, None) or SchemeGroup(scheme=scheme, name=row.name)
        group.applies_to = SchemeGroup.AppliesTo.KIND if row.unit_kind else SchemeGroup.AppliesTo.NAMED
        group.unit_kind, group.excellent_quota, group.order = row.unit_kind, row.excellent_quota, order
        group.save()
        group.units.set(row.units)
        kept[row.name] = group
    for group in existing.values():
        _delete(group, GROUPS)
    return kept
