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

Indicator systems (一级指标 | 二级指标 | 序号 | 三级指标 | 分值 | 评分标准 …) add heading columns: each
级 left of the item's column opens a heading where its text changes (blank or the same text, as a merged
cell filled down, keeps the heading above), and the rows nest under the deepest one. A row with a
heading and no item gives the heading its cells; a 序号 merged over a group (考核项目 | 考核内容) numbers
the heading, not its first item.

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
import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from . import column_votes, fallback, table_doubts
from . import fields as fields_module
from .document import ImportRejected, Line, Node, ParsedIndicator, Problem, Table
from .numbering import Numbering, classify, match, without_count
from .titles import split_title
from .tree import TreeBuilder

# column key → the name the export writes. The keys that are also ``Fields`` attributes go through
# ``fields.apply`` unchanged.
COLUMNS: dict[str, str] = {
    "number": "序号",
    "title": "工作任务",
    "target": "工作目标/指标",
    "lead_leaders": "牵头领导",
    "lead_units": "牵头单位",
    "responsible_units": "责任单位",
    "cooperating_units": "配合单位",
    "persons": "责任人",
    "deadline": "完成时限",
    "milestones": "时间节点",
    "cadence": "汇报频次",
    "points": "分值",
    "status": "当前状态",
    "category": "类别",
    "target_kind": "目标类型",
    "content": "具体内容",
    "scoring": "评分标准",
    "measure": "计量单位",
}

# How offices word each column, as patterns over the header with spaces, line breaks, slashes and a
# bracketed note taken off ("完成\n时限（年月日）" → 完成时限). Tried in order, so that "考核内容及评分标准"
# is scoring text, "具体指标" a task and "指标要求" a target. Besides the keys above: TASK and
# MAYBE_TASK name the item's own column (工作任务 rather than 考核内容, when a table has both), and
# "一级指标", "二级指标" … (LEVEL) group the items under headings, as an indicator system does.
TASK, MAYBE_TASK, LEVEL, HEADING, MAYBE_CONTENT = "task", "task?", "level", "heading", "content?"
INVESTMENT = "investment"
# The roles and kinds of unit are ``fields.py``'s families, so that a column is known by the words a
# label in running text is known by; a header may also name a role alone ("牵头 | 配合").
_UNIT = rf"(?:{'|'.join((*fields_module.UNIT_WORDS, '主体', '单位部门'))})"
_LEVEL_WORDS = "|".join(level for level in fields_module.LEADER_LEVELS if level)
_LEADER = rf"(?:{'|'.join(fields_module.LEADER_ROLES)})(?:{_LEVEL_WORDS})?领导"
PERSONS_SUFFIX = "+persons"
# "责任单位及分解目标": the units and each one's share of the task, a line "单位：目标" per unit (分办).
UNIT_SHARES = "responsible_units+shares"
UNITS_AND_DEADLINE = "responsible_units+deadline"
_LEAD_ROLE = "|".join(fields_module.LEAD_ROLES)
_COOPERATING_ROLE = "|".join((*fields_module.COOPERATING_ROLES, "协调"))
_RESPONSIBLE_ROLE = "|".join(fields_module.RESPONSIBLE_ROLES)
_DEADLINE_ACT = "|".join(sorted(fields_module.DEADLINE_ACTS, key=len, reverse=True))
_ACT = rf"(?:{'|'.join(fields_module.UNIT_ACTS)})?"
# What names the task: its column's header, or its label on an item's line ("1.【交办事项】…", ``parse``).
TASK_NAMES = (
    r"(?:重点|主要|具体|年度|核心|专项|督办|交办|督查|建设|整改)?(?:工作)?(?:任务|事项)(?:名称|内容|清单|要点|事项)?"
    r"|(?:重点|主要|具体|年度)工作(?:内容|事项)?|工作(?:内容|要点)|具体指标|指标名称|指标内容|项目名称"
    # What a deputy or a member proposed, handed out to be handled: 建议题目, 提案标题.
    r"|(?:建议|提案|议案)(?:题目|标题|名称)"
    # A 办理单's 事由: the matter the form hands over.
    r"|(?:办理|交办|督办|转办)?事由"
)
HEADER_PATTERNS: list[tuple[str, str]] = [
    # "建议编号", "案件编号", "任务编码", "任务序号", "事项序号": a numbering column named for what it numbers;
    # a 编码 only where it numbers the work (邮政编码, 统一编码 are a unit's codes).
    ("number", r"序号?|[\u4e00-\u9fff]{0,4}(?:编号|序号)|(?:任务|项目|事项|指标|工作)?编码|序列|顺序号|no\.?"),
    (LEVEL, r"[一二三四五六七八九1-9]级(?:指标|任务|目标|分类|类别|项目|目录|工作)?(?:名称|内容)?"),
    (LEVEL, r"(?:考核|评价|考评|指标|任务|项目)(?:类别|维度|领域|板块|类型)|考核项目|评价项目|领域|板块"),
    (TASK, TASK_NAMES),
    ("scoring", r".{0,8}(?:考核|评分|计分|评价|扣分|考评|赋分|评定|得分)(?:标准|细则|办法|方法|说明|依据|规则)"),
    # What a citizen asked for, in a 12345 热线 or 信访 ledger ("诉求内容", "来信事项"): the work the row hands over.
    (
        MAYBE_TASK,
        r"(?:考核|评价|考评|评估|检查|督查)(?:内容|要点|事项|指标)|内容|(?:诉求|投诉|举报|来电|来信|信访)(?:内容|事项)",
    ),
    ("milestones", r".*(?:节点|进度安排|进度计划|推进计划|时序安排|季度安排|阶段安排).*"),
    # "责任单位及完成时限": who and by when in one cell ("X牵头，Y配合；2024年6月30日前").
    (
        UNITS_AND_DEADLINE,
        rf"(?:{_RESPONSIBLE_ROLE}|{_LEAD_ROLE}){_UNIT}[及和与、]?(?:{_DEADLINE_ACT})?(?:时限|期限|时间)",
    ),
    ("cadence", r"(?:汇报|报送|上报|调度|报告)(?:频次|频率|时间|周期|要求|时限|期限|日期)|督办(?:频次|频率|周期)"),
    # By when: 时限 or 期限 after any act or noun ("整改时限", "任务完成期限"), 时间 or 日期 after an act that
    # ends the work ("完成时间", "整改完成日期"; not "开始时间", "发布日期"); the week it is due in, counted from
    # the plan's first ("完成周次").
    (
        "deadline",
        rf"(?:{_DEADLINE_ACT})?(?:时限|期限|时间|日期)(?:要求|安排)?|(?:{_DEADLINE_ACT})周次"
        r"|[\u4e00-\u9fff]{1,6}(?:时限|期限)(?:要求|安排)?"
        rf"|[\u4e00-\u9fff]{{0,4}}(?:{_DEADLINE_ACT})(?:时间|日期)(?:要求|安排)?",
    ),
    ("lead_leaders", rf"(?:{_LEADER})+"),
    # "责任单位及责任人": the units and the people of one column, told apart by how names end.
    *(
        (f"{key}{PERSONS_SUFFIX}", rf"(?:{roles}){_UNIT}[及和与、/／](?:具体)?(?:责任人|负责人)")
        for key, roles in (
            ("lead_units", _LEAD_ROLE),
            ("cooperating_units", _COOPERATING_ROLE),
            ("responsible_units", _RESPONSIBLE_ROLE),
        )
    ),
    (UNIT_SHARES, rf"(?:{_RESPONSIBLE_ROLE}|{_LEAD_ROLE}){_UNIT}[及和与、/／](?:分解|具体|工作)?(?:任务|目标)"),
    ("lead_units", rf"{_ACT}(?:{_LEAD_ROLE}){_UNIT}|牵头|主办"),
    ("cooperating_units", rf"{_ACT}(?:{_COOPERATING_ROLE}){_UNIT}|配合|协办|协助"),
    # "党组织", "党支部名称": the party organisation a 书记项目 row is that organisation's own task.
    (
        "responsible_units",
        rf"{_ACT}(?:{_RESPONSIBLE_ROLE}){_UNIT}|(?:责任|实施|承办)主体|负责|承办|主责|(?:基层)?党(?:组织|支部|委)(?:名称)?"
        # "责任分工": who does what, often labelled lines in one cell ("牵头单位：…<br>配合单位：…").
        r"|(?:责任|任务)分工",
    ),
    ("persons", r"(?:具体|直接)?(?:责任人|负责人|经办人|联系人|承办人)"),
    ("points", r"(?:分值|分数|权重|标准分|基础分|赋分|满分|指标分值)+分?"),
    ("target_kind", r"目标(?:类型|类别)"),
    (
        "target",
        r"(?:工作|年度|预期|具体|考核|绩效)?(?:目标|指标)(?:[及和与]?(?:目标|指标))?(?:要求|值|任务|数值)?"
        r"|(?:任务)?目标值",
    ),
    # A project's money for the plan's year ("2024年计划投资", "年度计划投资", "计划完成投资"): its target,
    # where no column is named for one; the project's 总投资 is no target of the year.
    (
        INVESTMENT,
        r"(?:\d{4}年度?|年度|本年度?|当年|今年)(?:计划|预计)?(?:完成)?投资(?:计划|额|金额)?"
        r"|(?:计划|预计)(?:完成)?投资(?:额|金额)?",
    ),
    ("status", r"(?:当前|办理|完成)?状态"),
    ("category", r"(?:工作|事项|实事)?(?:类别|分类|类型)"),
    ("measure", r"(?:计量|指标)?单位"),
    # What is to be done, however qualified: "具体措施", "整改措施", "工作举措".
    # "建设内容及规模", "工作内容和要求": two of them joined are still what is to be done.
    (
        "content",
        r"(?:具体|主要|推进|工作|落实|保障|具体工作|建设|实施|办理|履职|履责|职责|任务)(?:内容|措施|举措|规模|要求)"
        r"(?:[及和与](?:内容|措施|举措|规模|要求|标准))?|措施|举措"
        # A 批示件办理单's instruction and the office's proposal: what the task is to reach.
        r"|(?:批示|批办|拟办)(?:内容|意见)",
    ),
    # What is to be done, however qualified ("整改措施", "改革举措"): the content, unless it is the first
    # column after the 序号 of a table that names no task column (then it is the task).
    (MAYBE_CONTENT, r"[\u4e00-\u9fff]{1,4}(?:措施|举措)"),
    # How many people an event or a service is to reach ("预计参与人次", "计划服务人数"): its figure is a target.
    ("target", r"(?:预计|预期|计划)(?:参与|参加|服务|受益|覆盖|惠及)(?:人次|人数|户数)"),
    # Whatever else names a goal or a measure ("建设内容及目标", "目标及要求", "绩效指标值") holds the
    # targets: the numbers in it become indicators.
    ("target", r".{0,8}(?:目标|指标).{0,6}"),
]
_COMPILED = [(key, re.compile(pattern, re.IGNORECASE)) for key, pattern in HEADER_PATTERNS]
_LEVEL_DEPTH = re.compile(r"^([一二三四五六七八九1-9])级")
REQUIRED = ("number", "title")
# Without a 序号, a table is still a plan when its items sit under 一级/二级指标 or carry points or
# scoring rules: a two-column "工作任务 | 牵头单位" table may be anything.
NUMBER_STANDS_IN = ("points", "scoring")
# In a document that numbers nothing, a task column beside the units that answer for it is a list.
UNITS_STAND_IN = ("lead_units", "responsible_units")
HEADER_SEARCH_ROWS = 10
MIN_HEADER_COLUMNS = 2
# Names, schedules and cadences: ``fields.apply`` knows them by the Fields attribute of the same name.
APPLIED = ("lead_leaders", "lead_units", "responsible_units", "cooperating_units", "persons", "milestones")
# Cells that only place a row: a row with nothing else is a heading.
HEADING_KEYS = {"number", "title", "category", "status"}
# Cells kept in the item's content under their header, as written.
LABELLED_TEXT = ("scoring",)
NOTE_RE = re.compile(r"^(?:注|备注|说明|附注|填表说明)\s*\d*\s*[：:]")
NOTE_LABEL_RE = re.compile(r"^(?:注|备\s*注|说\s*明|附\s*注|填表说明)\s*\d*\s*[：:]?$")
# The foot or the end of a group: "合计", "总 计", "小计：", "合计（100分）", or with how many rows it sums
# ("合计（9个）", "小计(共3项)") – its other cells are sums.
SUMMARY_RE = re.compile(
    r"^(?:合\s*计|总\s*计|小\s*计|共\s*计|累\s*计|总\s*分|满\s*分)\s*[：:]?\s*"
    r"(?:[（(]?\s*共?\s*\d+(?:\.\d+)?\s*(?:分|[个项条件类](?:项目|任务|事项)?)?\s*[）)]?)?$"
)
# What a cell holds to say it holds nothing ("/", "—", "无", "暂无"): no unit, no deadline, no target. A
# lone "一" is the dash as a scan's OCR reads it (no unit, leader or date is named 一).
NOTHING_RE = re.compile(r"[\s/／\\\-—–－_~～.。·…]+|一{1,2}|[（(]?(?:无|暂无|空|不涉及|没有|无需|／)[）)]?")
# "（20分）" after a heading.
POINTS_NOTE_RE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]\s*$")


def _take_points_note(node: Node, title: str) -> None:
    """ "依法全面履行政府职能（20分）": a category's points, no word of its name."""
    points = POINTS_NOTE_RE.search(title)
    if points and points.start() > 0:
        node.title, node.fields.points = title[: points.start()].strip(), Decimal(points.group(1))
        node.assignment_text.append(points.group(0).strip())


# Spaces and line breaks inside a header ("完成\n时限", "序 号"), slashes and brackets of either width.
_HEADER_NOISE = re.compile(r"[\s\u3000/／\\()（）\[\]【】〔〕<>《》:：]+")
# A system's field code beside the column's Chinese name, as an export writes it ("TASK_NAME 任务名称",
# "任务名称 TASK_NAME"; a PDF's text may drop the space after a code in capitals ("LEAD_DEPT牵头科室").
_FIELD_CODE = re.compile(
    r"^(?:[A-Za-z][A-Za-z0-9_]*[ \u3000]+|[A-Z][A-Z0-9_]+)(?=[\u4e00-\u9fff])"
    r"|(?<=[\u4e00-\u9fff])[ \u3000]+[A-Za-z][A-Za-z0-9_]*$"
)


def normalise_header(text: str) -> str:
    return _HEADER_NOISE.sub("", text)


def column_key(header: str) -> str | None:
    """What a header cell names: a column key, TASK or MAYBE_TASK, or "level:<depth>" (0 for a group
    such as 考核项目, 1 for 一级指标 …); a bracketed note ("分值（分）", "完成时限（年月日）") may follow, an
    export's field code stand before or after the name ("LEAD_DEPT 牵头科室"), a tier of government
    before a unit or a leader column ("区级牵头单位", "市级牵头部门", "县级牵头领导")."""
    for candidate in (header, fields_module.BRACKETED_RE.sub("", header), _FIELD_CODE.sub("", header.strip())):
        text = normalise_header(candidate)
        for key, pattern in _COMPILED if text else []:
            if pattern.fullmatch(text):
                return _level_key(text) if key == LEVEL else key
    tier = _UNIT_TIER_RE.match(normalise_header(fields_module.BRACKETED_RE.sub("", header)))
    if tier and tier.end() < len(tier.string):
        key = column_key(tier.string[tier.end() :])
        # A leader's column too: "县级牵头领导" in a 县's own list is its 牵头领导.
        if key in _TIERED_KEYS or key == "lead_leaders":
            return key
    return None


# A tier of government before a unit column: "市级牵头部门 | 区级牵头单位 | 区级配合单位" in a 区's breakdown of
# the 市's tasks. Ranked from the widest to the most local.
_UNIT_TIERS = {"省": 0, "自治区": 0, "市": 1, "州": 1, "盟": 1, "县": 2, "区": 2, "旗": 2, "镇": 3, "乡": 3, "街道": 3}
_UNIT_TIER_RE = re.compile(rf"^({'|'.join(sorted(_UNIT_TIERS, key=len, reverse=True))})级?")
_TIERED_KEYS = {
    "lead_units",
    "cooperating_units",
    "responsible_units",
    *(f"{key}{PERSONS_SUFFIX}" for key in ("lead_units", "cooperating_units", "responsible_units")),
}


def _unit_tier(header: str) -> int | None:
    tier = _UNIT_TIER_RE.match(normalise_header(header))
    return _UNIT_TIERS[tier.group(1)] if tier else None


def _other_tiers(row: list[str], kinds: list[tuple[int, str | None]]) -> set[int]:
    """Unit columns of a wider tier than the plan's own: where the header names units at two tiers
    ("市级牵头部门" beside "区级牵头单位"), the most local tier's units are the ones the plan assigns; the
    wider tier's department is whom they answer to above, no role in this plan."""
    tiers = {index: _unit_tier(row[index]) for index, key in kinds if key in _TIERED_KEYS}
    named = [tier for tier in tiers.values() if tier is not None]
    if len(set(named)) < 2:
        return set()
    local = max(named)
    return {index for index, tier in tiers.items() if tier is not None and tier < local}


def _level_key(text: str) -> str:
    depth = _LEVEL_DEPTH.match(text)
    return f"{LEVEL}:{fields_module.chinese_number(depth.group(1)) if depth else 0}"


def is_level(key: str | None) -> bool:
    return bool(key) and key.startswith(LEVEL + ":")


def column_name(key: str) -> str:
    return COLUMNS[key]


# --- the header ------------------------------------------------------------------------------------


def _row_columns(row: list[str], body: list[list[str]] | None = None) -> dict[str, int]:
    """The known columns a row names, each at its first cell: a repeated header is an extra column.

    The item's own column ("title") is the first task column (工作任务, 重点任务 …); without one, the
    deepest 级 column of an indicator system (三级指标); without that, a column that may hold the task
    (考核内容). The 级 and group columns left of it become the levels of headings above the items,
    in order of depth, as "heading1", "heading2" …; a task-like column not chosen is kept as text.
    """
    kinds = [(index, None if is_dated_stage(cell) else column_key(cell)) for index, cell in enumerate(row)]
    # A post's column ("分管领导") may be named as a column of names: ticked, it is the matrix's.
    ticked = ticked_columns(row, body or [], {index for index, key in kinds if key and key not in _PEOPLE_KEYS})
    kinds = [(index, TICKED if index in ticked else key) for index, key in kinds]
    kinds = _node_and_its_time(row, kinds)
    wider = _other_tiers(row, kinds)
    kinds = [(index, None if index in wider else key) for index, key in kinds]
    title = _title_column(kinds)
    if title is None:
        title = _unnamed_task_column(row, kinds, body or [])
    if title is None:
        title = _tasks_beside_values(row, kinds)
    headings = _heading_columns(kinds, title)
    columns: dict[str, int] = {}
    for index, key in kinds:
        if index == title:
            key = "title"
        elif index in headings:
            key = headings[index]
        elif key in (TASK, MAYBE_TASK, TICKED) or is_level(key):
            continue
        if key == MAYBE_CONTENT:
            key = "content"
        if key and key not in columns:
            columns[key] = index
    time = _time_column(row, kinds, columns)
    if time is not None:
        columns["deadline"] = time
    investment = columns.pop(INVESTMENT, None)
    if (
        investment is not None
        and "target" not in columns
        and not _sizes_outweigh_cost(row, columns, investment)
        and not _titles_count_their_work(body or [], columns.get("title"))
    ):
        columns["target"] = investment
    if "target" not in columns:
        counts = (
            index for index, key in kinds if key in (None, "content") and _counts_in(row[index], body or [], index)
        )
        counted = next(counts, None)
        if counted is not None:
            columns["target"] = counted
            if columns.get("content") == counted:
                del columns["content"]
    return columns


# A stage's target dated by its header's note ("阶段目标（6月底前）"): where the item is to stand by then, part of
# the way, the same date for every row; neither its target nor its deadline. Undated, a 阶段目标 column beside
# the deadline's is the stage each row ends by its own date, the last the item's target.
STAGE_HEADER_RE = re.compile(r"阶段性?(?:目标|任务)")


def is_dated_stage(header: str) -> bool:
    notes = fields_module.BRACKETED_RE.findall(header)
    return bool(
        notes
        and STAGE_HEADER_RE.fullmatch(normalise_header(fields_module.BRACKETED_RE.sub("", header)))
        and any(fields_module.names_date(note) for note in notes)
    )


# A column that counts what each row does, its measure in brackets ("改造户数（户）", "建设数量（个）",
# "改造面积（平方米）", "建设规模（公里）"), bare numbers under it: the item's target, where no column is
# named for one. A size column of words ("建设规模": "新建道路3.2公里") stays what is to be done.
COUNT_HEADER_RE = re.compile(r"[\u4e00-\u9fff]{0,6}(?:数|数量|面积|长度|里程|规模)")


def _counts_in(header: str, body: list[list[str]], index: int) -> bool:
    notes = fields_module.BRACKETED_RE.findall(header)
    name = normalise_header(fields_module.BRACKETED_RE.sub("", header))
    return (
        len(notes) == 1
        and bool(re.fullmatch(fields_module.MEASURE, notes[0][1:-1].strip()))
        and bool(COUNT_HEADER_RE.fullmatch(name))
        and _numbers_only(body, index)
    )


# A column named for when something unnamed happens ("活动时间", "排查时间", "签约日期"); not for when it begins.
TIME_HEADER_RE = re.compile(r"(?![\u4e00-\u9fff]{0,2}(?:开始|起始|开工|启动|出生))[\u4e00-\u9fff]{1,4}(?:时间|日期)")


def _names_a_time(header: str) -> bool:
    return bool(TIME_HEADER_RE.fullmatch(normalise_header(header)))


def _time_column(row: list[str], kinds: list[tuple[int, str | None]], columns: dict[str, int]) -> int | None:
    """ "序号 | 活动名称 | 活动时间 | 承办单位": where a numbered table of work and its units names no deadline
    column, the column named for when the row's work happens is when it is done, its deadline. Beside a
    deadline column ("排查时间" left of "化解时限") such a column dates something past, when the matter was
    found or signed: no deadline."""
    if "deadline" in columns or "milestones" in columns or "title" not in columns:
        return None
    if "number" not in columns or not any(key in columns for key in fields_module.UNIT_ATTRIBUTES):
        return None  # "工作任务 | 成文日期": no list of work handed to units
    taken = set(columns.values())
    return next(
        (index for index, key in kinds if key is None and index not in taken and _names_a_time(row[index])), None
    )


# What a year's money is named by ("2024年计划投资", "年度计划投资"): the year's target.
_YEAR_OF_MONEY_RE = re.compile(r"\d{4}年|年度|本年|当年|今年")


# A date cell of a workbook that lost its date format shows Excel's serial number: days since 1899-12-30.
# Those of the years 2000–2099 only: a smaller number in a deadline cell is no date.
EXCEL_SERIAL_RE = re.compile(r"(3[6-9]\d{3}|[4-6]\d{4}|7[0-2]\d{3})(?:\.0+)?")
EXCEL_EPOCH = datetime.date(1899, 12, 30)


# A month and day, dotted, with no year ("8.20", "12.5"): in a column of dates it is a date of the plan's year.
DOTTED_MONTH_DAY_RE = re.compile(r"(1[0-2]|0?[1-9])\s*[.．]\s*(3[01]|[12]\d|0?[1-9])")


def excel_date(text: str) -> str:
    """A deadline cell's text, its date written out when it is Excel's serial number ("45838" → 2025-06-30)
    or a dotted month and day ("8.20" → 8月20日)."""
    serial = EXCEL_SERIAL_RE.fullmatch(text)
    if serial:
        return (EXCEL_EPOCH + datetime.timedelta(days=int(serial.group(1)))).isoformat()
    dotted = DOTTED_MONTH_DAY_RE.fullmatch(text)
    return fields_module.month_day(dotted) if dotted else text


def date_cell(text: str) -> str:
    """The text of a cell under a header named for dates (完成时限, 时间节点), its date written out as
    ``excel_date`` writes it, and a slashed month and day too (``fields.slashed_date``: "6/30" → 6月30日)."""
    return excel_date(fields_module.slashed_date(text))


# A deadline column that dates the project's completion ("竣工时间", "建成时间"): the item runs to the end
# of the whole project, whatever year that falls in.
COMPLETION_HEADER_RE = re.compile(r"竣工|建成|完工")


def _sizes_outweigh_cost(row: list[str], columns: dict[str, int], investment: int) -> bool:
    """A column that says what is built and how much ("建设内容及规模") holds the project's targets; a
    "计划投资" beside it, named for no year, is what the project costs, no target. A year's money
    ("2024年计划投资") is that year's target still, unless the item is due at the project's completion
    ("竣工时间" its deadline column): then it is the whole project, and its sizes are what is tracked."""
    content, deadline = columns.get("content"), columns.get("deadline")
    if content is None or "规模" not in row[content]:
        return False
    return not _YEAR_OF_MONEY_RE.search(row[investment]) or (
        deadline is not None and bool(COMPLETION_HEADER_RE.search(row[deadline]))
    )


def _titles_count_their_work(body: list[list[str]], title: int | None) -> bool:
    """Most items of the table count the work they are ("改造老旧小区12个", "新建口袋公园5处"): those figures are
    the year's targets, and a year's money beside them ("年度投资") is what the work costs. A list of projects
    named only ("冷链物流仓储中心") tracks the year's money instead."""
    titles = [row[title] for row in body if title is not None and title < len(row) and row[title].strip()]
    counted = [text for text in titles if fields_module.find_indicators(text)]
    return len(counted) * 2 > len(titles)


# A column named for when a node falls ("节点时间", "计划节点日期"), not for the node itself.
_NODE_TIME_RE = re.compile(r".*节点.*(?:时间|日期|时限)")


def _node_and_its_time(row: list[str], kinds: list[tuple[int, str | None]]) -> list[tuple[int, str | None]]:
    """ "下步推进节点 | 节点时间": the node to reach next beside the date it is due, both named for a node.
    The date is the item's deadline (where no column is named for one) and the node is the work to do
    next, read as content (its numbers are targets, "引进企业30家"). A lone 节点 column stays the
    schedule ("3月底前…；6月底前…")."""
    nodes = [index for index, key in kinds if key == "milestones"]
    times = [index for index in nodes if _NODE_TIME_RE.fullmatch(normalise_header(row[index]))]
    if len(nodes) < 2 or not times or len(times) == len(nodes):
        return kinds
    taken = {key for _index, key in kinds}
    time_key = "milestones" if "deadline" in taken else "deadline"
    node_key = "content" if "content" not in taken else None
    return [
        (index, time_key if index == times[0] else node_key if key == "milestones" and index not in times else key)
        for index, key in kinds
    ]


def _title_column(kinds: list[tuple[int, str | None]]) -> int | None:
    levels = sorted(((_level_depth(key), index) for index, key in kinds if is_level(key)), reverse=True)
    candidates = [
        [index for index, key in kinds if key == TASK],
        [index for depth, index in levels if depth > 0][:1],
        [index for index, key in kinds if key == MAYBE_TASK],
        [index for _depth, index in levels],
    ]
    return next((found[0] for found in candidates if found), None)


# The columns that say what a task's stage does ("阶段目标", "具体措施"), beside who does it and by when.
STAGE_KEYS = ("target", "content", UNIT_SHARES)
# Columns that say who does the item and by when: with a 序号, two of them make a header; a 整改 list's
# problem stands left of them (here, in ``fallback`` and in ``column_votes``).
ASSIGNING_COLUMNS = ("lead_leaders", *fields_module.UNIT_ATTRIBUTES, "persons", "deadline")
# Those columns as a header may key them: a unit column with its persons, with its shares, with its deadline.
ASSIGNMENT_KEYS = {*ASSIGNING_COLUMNS, *(key + PERSONS_SUFFIX for key in fields_module.UNIT_ATTRIBUTES)}
ASSIGNMENT_KEYS |= {UNIT_SHARES, UNITS_AND_DEADLINE}


# A column that holds the task where no column is named for it: one named for nothing we know, or
# one of what is to be done ("具体措施", "主要内容" are the items themselves when nothing else is).
UNNAMED_TASK_KEYS = (None, MAYBE_CONTENT, "content")


def _unnamed_task_column(row: list[str], kinds: list[tuple[int, str | None]], body: list[list[str]]) -> int | None:
    """ "序号 | 民生实事 | 牵头单位 | 配合单位 | 完成时限": a header that numbers its rows and says who
    does them by when holds the item in the first column it does not name after the 序号, however
    the office words it (民生实事, 改革举措, 攻坚项目 …). Not a column whose cells below are codes or
    persons ("案件编号" BL2023-017, "信访人" 王某某), nor one of places ("学校", "实施地点"): the task is
    the first column of words after them."""
    keys = [key for _index, key in kinds]
    if "number" not in keys or len((ASSIGNMENT_KEYS | {TICKED}).intersection(keys)) < 2:
        return None
    number = keys.index("number")
    unnamed = [index for index, key in kinds if index > number and key in UNNAMED_TASK_KEYS and row[index].strip()]
    tasks = (
        index
        for index in unnamed
        if not _codes_or_persons(body, index, row[index])
        and not names_places(row[index])
        and not _names_a_time(row[index])
        and not KIND_HEADER_RE.fullmatch(normalise_header(row[index]))
    )
    # A 整改 list's problem ("问题表现", "存在问题") before the columns of who answers for it is the task,
    # whatever column of labels stands before it (问题来源: 检视剖析, 调研发现). After them ("… | 完成时限 |
    # 存在问题") it is what held the task back.
    assigning = min((index for index, key in kinds if key in ASSIGNMENT_KEYS), default=len(row))
    problems = (index for index in unnamed if index < assigning and names_a_problem(row[index]))
    return next(problems, None) or next(tasks, unnamed[0] if unnamed else None)


# The problem a 整改 list rectifies: "问题", "问题表现", "存在问题", "反馈问题"; not 问题来源, 问题类别.
_PROBLEM_HEADER_RE = re.compile(r"[\u4e00-\u9fff]{0,2}问题(?:表现|描述|内容|详情|事项)?")


def names_a_problem(header: str) -> bool:
    """The column of a 整改 list's problems: what the list tracks until each is put right."""
    return bool(_PROBLEM_HEADER_RE.fullmatch(normalise_header(header)))


# A column named for the kind of each row ("纠纷类型", "问题类别"): what sort the row is, not its work.
KIND_HEADER_RE = re.compile(r"[\u4e00-\u9fff]{1,4}(?:类型|类别|分类)")


# A code ("BL2023-017", as a PDF wraps it "BL2023- 017"): no Chinese in it, a digit. A person
# ("王某某", "李某某等12人", "张伟"): two to four characters, a count of people after them perhaps.
_CODE_CELL_RE = re.compile(r"[A-Za-z0-9\-－_/.#\s]*\d[A-Za-z0-9\-－_/.#\s]*")
# A column named for a register's number ("提案号", "建议编号", "项目代码"): its cells are codes, digits alone too.
_CODE_HEADER_RE = re.compile(r"[\u4e00-\u9fff]{1,6}(?:编号|号|代码|编码)")
_PERSON_CELL_RE = re.compile(r"[\u4e00-\u9fff]{2,4}(?:等\s*\d+\s*人)?")


_NUMBER_CELL_RE = re.compile(r"[-+]?\d[\d,，]*(?:\.\d+)?")


def _numbers_only(body: list[list[str]], index: int) -> bool:
    """Every filled cell of the column is a number (a budget "48", a count): no task is written so."""
    cells = [row[index].strip() for row in body if index < len(row) and row[index].strip()]
    return bool(cells) and all(_NUMBER_CELL_RE.fullmatch(cell) for cell in cells)


def _codes_or_persons(body: list[list[str]], index: int, header: str) -> bool:
    """Every filled cell of the column in the first rows under the header is a code, with at least one
    letter or dash among them or the header naming a number ("提案号" 3001), or every one a person's
    name, with at least one masked name (某) among them. A row merged across (a town's name over its
    cases) is none of the column's."""
    rows = [row for row in body[:HEADER_SEARCH_ROWS] if len({cell.strip() for cell in row if cell.strip()}) > 1]
    cells = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
    if len(cells) < 2:
        return False
    if all(_CODE_CELL_RE.fullmatch(cell) for cell in cells) and (
        any(re.search(r"[A-Za-z-－]", cell) for cell in cells) or _CODE_HEADER_RE.fullmatch(normalise_header(header))
    ):
        return True
    return all(_PERSON_CELL_RE.fullmatch(cell) for cell in cells) and any("某" in cell for cell in cells)


def _tasks_beside_values(row: list[str], kinds: list[tuple[int, str | None]]) -> int | None:
    """ "序号 | 目标任务 | 目标值 | 责任单位 | 完成时限": where two columns name targets and none the task,
    the one named for tasks (目标任务, 指标任务) holds the items and the other their values. Beside a task
    column ("重点任务 | 目标任务") a 目标任务 stays the target."""
    keys = [key for _index, key in kinds]
    targets = [index for index, key in kinds if key == "target"]
    if "number" not in keys or len(ASSIGNMENT_KEYS.intersection(keys)) < 2 or len(targets) < 2:
        return None
    return next((index for index in targets if normalise_header(row[index]).endswith("任务")), None)


def _heading_columns(kinds: list[tuple[int, str | None]], title: int | None) -> dict[int, str]:
    """index → "heading1", "heading2" …: the 级 columns left of the title, shallowest first, one per depth."""
    by_depth: dict[int, int] = {}
    for depth, index in sorted((_level_depth(key), index) for index, key in kinds if is_level(key)):
        if title is not None and index < title:
            by_depth.setdefault(depth, index)
    return {index: f"{HEADING}{rank}" for rank, index in enumerate(by_depth.values(), 1)}


def _level_depth(key: str) -> int:
    return int(key.split(":")[1])


# The header of a duty roster or a contact list ("日期 | 带班领导 | 值班人员 | 值班电话", "姓名 | 职务 | 联系电话"):
# each column a day or shift, a person or post, or a phone number; no task column. Its rows say who
# answers when, and how to reach them: no task to track.
_ROSTER_WHEN = r"(?:值班|值守)?(?:日期|时间|时段|星期|班次)"
_ROSTER_WHO = r"(?:带班|值班|值守|跟班)(?:领导|人员|干部|人)|姓名|职务|联系人|科室|单位|部门|岗位"
_ROSTER_PHONE = r"(?:值班|联系|办公|带班)?(?:电话|手机|号码)|联系方式|手机号码?"
_ROSTER_COLUMN_RE = re.compile(rf"(?:序号|{_ROSTER_WHEN}|{_ROSTER_WHO}|{_ROSTER_PHONE})")


def is_roster_header(cells: list[str]) -> bool:
    """Whether ``cells`` head a duty roster or a contact list (see ``_ROSTER_COLUMN_RE``): three columns or
    more, every one a day, a person or a phone, a person's column among them and a day's or a phone's."""
    names = [normalise_header(fields_module.BRACKETED_RE.sub("", cell)).strip() for cell in cells]
    if len(names) < 3 or not all(name and _ROSTER_COLUMN_RE.fullmatch(name) for name in names):
        return False
    who = any(re.fullmatch(_ROSTER_WHO, name) for name in names)
    return who and any(re.fullmatch(f"{_ROSTER_WHEN}|{_ROSTER_PHONE}", name) for name in names)


def find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    """The first of the first ten rows that names at least two known columns, and those columns.

    None when no row does. A second header row under it that only adds columns (the lower half of
    "责任分工 / 牵头领导 | 牵头单位") is folded in; the returned index is then that lower row.
    """
    found = _find_header(rows)
    return (found[0], found[1]) if found else None


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int], int | None] | None:
    """As ``find_header``, plus the index of the upper header row when the header takes two rows."""
    found = _found_header(tuple(tuple(row) for row in rows))
    return (found[0], dict(found[1]), found[2]) if found else None


# A table's header is asked for about six times as the table is read (is it a plan's table, an assignment
# list, stacked tables, its columns): it is searched once for the rows as they stand (the counting column
# among its columns), then looked up.
@functools.lru_cache(maxsize=16)
def _found_header(cells: tuple[tuple[str, ...], ...]) -> tuple[int, dict[str, int], int | None] | None:
    rows = [list(row) for row in cells]
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _row_columns(row, rows[index + 1 :])
        if len(columns) >= MIN_HEADER_COLUMNS:
            both = _two_row_header(rows, index, columns)
            if both:
                return index + 1, _counted(header_texts(row, rows[index + 1]), rows[index + 2 :], both), index
            return index, _counted(row, rows[index + 1 :], columns), None
    return None


def _counted(headers: list[str], body: list[list[str]], columns: dict[str, int]) -> dict[str, int]:
    """``columns`` with the 序号 its cells show where no header word names one: a column left of the task
    whose numbers count up row after row ("项次", "条目", "编码" over 1, 2, 3 …)."""
    if "number" in columns or "title" not in columns:
        return columns
    number = fallback.counting_column(headers, body, set(columns.values()), columns["title"])
    return columns if number is None else {**columns, "number": number}


# --- tables stacked in one -----------------------------------------------------------------------


def unstacked(blocks: list) -> list:
    """``blocks`` with each table that stacks a second table under the first (an indicator table, an
    empty row, "二、重点任务", then a task table with its own header of other columns) cut into its
    tables, each read by its own header; the one-cell rows between and above them (the sheet's title,
    "一、主要指标") become lines, as they are in a Word document. The same header again after such a break
    (a workbook's sheets copied one below another, each with its title and "类别：…" row) starts a table too."""
    out = []
    for block in blocks:
        out.extend(_unstacked(block) if isinstance(block, Table) else [block])
    return out


def rejoined(blocks: list) -> list:
    """``blocks`` with a table of its header alone, then the groups of its rows each under a heading line
    ("一、就业创业") and in a table of the header's width with no header of its own, made one table again,
    each heading line the row of a group, as a table copied as text keeps it (``text_tables``): a Word
    document that sets the group headings between the tables, or a PDF made from one."""
    out: list = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        end = _header_alone_groups(blocks, index) if isinstance(block, Table) else index + 1
        out.append(_joined_groups(blocks[index:end]) if end > index + 1 else block)
        index = max(end, index + 1)
    return out


def _header_alone_groups(blocks: list, start: int) -> int:
    """Where the groups that go on the header-only table at ``start`` end; ``start + 1`` if none do."""
    found = find_header(blocks[start].rows)
    if not found or found[0] != len(blocks[start].rows) - 1:
        return start + 1
    width, end, index = len(blocks[start].rows[-1]), start + 1, start + 1
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, Table):
            if any(len(row) != width for row in block.rows) or find_header(block.rows):
                break
            end = index + 1
        elif block.text.strip() and not _group_heading(block.text.strip()):
            break
        index += 1
    return end


def _group_heading(text: str) -> bool:
    """ "一、就业创业": a certainly numbered short name, no sentence."""
    found = match(text)
    return (
        bool(found and found.certain and found.rest)
        and len(text) <= GROUP_ROW_LONGEST
        and not fields_module.SENTENCE_END_RE.search(text)
    )


def _joined_groups(blocks: list) -> Table:
    header, width = blocks[0], len(blocks[0].rows[-1])
    rows: list[list[str]] = []
    lines: list[int] = []
    for block in blocks:
        if isinstance(block, Table):
            rows.extend(block.rows)
            lines.extend(block.row_lines or [block.line] * len(block.rows))
        elif block.text.strip():
            rows.append([block.text.strip(), *[""] * (width - 1)])
            lines.append(block.line)
    return Table(rows=rows, line=header.line, sheet=header.sheet, row_lines=lines, merges_filled=header.merges_filled)


def _unstacked(table: Table) -> list:
    rows = table.rows
    found = _find_header(rows)
    if not found:
        return [table]
    first = found[2] if found[2] is not None else found[0]
    starts = [first]  # where each stacked table's header starts
    keys = set(found[1])
    for index in range(found[0] + 1, len(rows)):
        if _filled_count(rows[index - 1]) > 1:
            continue  # a new table's header comes after a break: an empty row or a caption of one cell
        columns = _row_columns(rows[index])
        again = _same_cells(rows[index], rows[first])
        if len(columns) >= MIN_HEADER_COLUMNS and "title" in columns and (set(columns) != keys or again):
            starts.append(index)
            keys = set(columns)
    if len(starts) == 1 or any(_filled_count(row) > 1 for row in rows[:first]):
        return [table]
    out: list = []
    for start, end in zip(starts, [*starts[1:], len(rows)], strict=True):
        # The piece's rows of one cell or none at its foot, until the next header: lines between the tables.
        last = end
        while start < last - 1 and end < len(rows) and _filled_count(rows[last - 1]) <= 1:
            last -= 1
        out.append(_piece(table, start, last))
        out.extend(_row_line(table, index) for index in range(last, end))
    before = [_row_line(table, index) for index in range(first)]
    return [*before, *out]


def _same_cells(row: list[str], other: list[str]) -> bool:
    return [cell.strip() for cell in row] == [cell.strip() for cell in other]


def _filled_count(row: list[str]) -> int:
    return len({cell.strip() for cell in row if cell.strip()})


def _row_place(table: Table, index: int) -> int:
    return table.row_lines[index] if table.row_lines else table.line + index


def _row_line(table: Table, index: int) -> Line:
    return Line(next((cell.strip() for cell in table.rows[index] if cell.strip()), ""), _row_place(table, index))


def _piece(table: Table, start: int, end: int) -> Table:
    return Table(
        rows=table.rows[start:end],
        line=_row_place(table, start),
        sheet=table.sheet,
        row_lines=table.row_lines[start:end] if table.row_lines else [],
        merges_filled=table.merges_filled,
    )


def _two_row_header(rows: list[list[str]], index: int, columns: dict[str, int]) -> dict[str, int]:
    """The columns of the header when the row under it names columns too, and nothing but columns:
    "责任分工" over 牵头领导 | 牵头单位, or "考核指标" over 一级指标 | 二级指标 | 三级指标. Where the lower row
    names a column, its name holds; elsewhere the upper row's ("序号" merged down). Empty if the row
    under is no header."""
    if index + 1 >= len(rows):
        return {}
    lower = rows[index + 1]
    # A cell merged down over both rows ("存在问题") and filled in says the upper row's name again.
    upper = rows[index] + [""] * max(0, len(lower) - len(rows[index]))
    # The parts of a split date (月 | 日 under 计划完成时间) are one column, named above.
    parts = {index for run in split_date_columns(upper, lower) for index in run}
    filled = [
        (cell, above)
        for index, (cell, above) in enumerate(zip(lower, upper, strict=False))
        if cell.strip() and cell.strip() != above.strip() and index not in parts
    ]
    named = [cell for cell, _above in filled if column_key(cell) or _names_a_period(cell)]
    # Under a group merged across ("时间安排" over 启动时间 | 完成时间) a column may be one we keep no field
    # for: the row is still a header when most of its cells name columns (or periods of a schedule) and
    # the rest are bare names, or notes on the name above them ("阶段目标" over "（6月底前）").
    if (
        not (named or parts)
        or filled
        and len(named) * 2 <= len(filled)
        or not all(cell in named or _bare_name(cell) or _qualifies(cell, above) for cell, above in filled)
    ):
        return {}
    both = _row_columns(header_texts(rows[index], lower))
    # The quarters or months of a schedule under "2026年形象进度" name no column of their own, and are the
    # header's; so are the parts of a split date.
    return both if both != columns or parts or any(_names_a_period(cell) for cell, _above in filled) else {}


# A column's bare name: a few Chinese characters, no number, date or punctuation ("启动时间", "备注").
_BARE_NAME_RE = re.compile(r"[\u4e00-\u9fff]{2,6}")


def _bare_name(cell: str) -> bool:
    return bool(_BARE_NAME_RE.fullmatch(normalise_header(cell)))


def looks_like_responsibility_table(table: Table, unnumbered: bool = False) -> bool:
    """A table whose header, near its top, names 序号, 工作任务 and nothing else it needs: one that
    ``parse_table`` reads without refusing. ``unnumbered``: see ``missing_columns``."""
    found = find_header(table.rows)
    return bool(found and not missing_columns(found[1], unnumbered))


def missing_columns(columns: dict[str, int], unnumbered: bool = False) -> list[str]:
    """The keys of REQUIRED a header lacks. ``unnumbered``: the document numbers nothing, neither in
    its text nor in a table, so a table of tasks and the units that answer for them ("事项 | 责任单位")
    is its list of tasks without a 序号 (rather than a table beside numbered tasks, which may be anything)."""
    numbered = "number" in columns or any(key.startswith(HEADING) or key in NUMBER_STANDS_IN for key in columns)
    numbered = numbered or unnumbered and any(key in UNITS_STAND_IN for key in columns)
    return [key for key in REQUIRED if key not in columns and not (key == "number" and numbered)]


def _reject_header(rows: list[list[str]], found: tuple[int, dict[str, int]] | None, line_of) -> ImportRejected:
    index, columns = found if found else (_first_filled(rows), {})
    missing = [column_name(key) for key in (missing_columns(columns) if columns else REQUIRED)]
    header = "、".join(cell.strip() for cell in rows[index] if cell.strip()) if rows else ""
    expected = "、".join(COLUMNS.values())
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


# A row of a 任务分工表 that names the items it assigns by their numbers: "第1-3项", "第6项", "1、2", "4—5".
ITEM_NUMBERS_RE = re.compile(r"^第?\s*(\d{1,3}(?:\s*(?:[-－—–~～至到、，,]|和)\s*\d{1,3})*)\s*项?$")
ITEM_NUMBER_RANGE_RE = re.compile(r"(\d{1,3})(?:\s*[-－—–~～至到]\s*(\d{1,3}))?")
# One item's own mark, as the items above wrote it: "（一）", "(2)", "三、".
ITEM_MARK_CELL_RE = re.compile(r"^[（(]?\s*([一二三四五六七八九十]{1,3})\s*[)）、]?$")


def rows_by_item_numbers(table: Table) -> list[tuple[list[int], dict[str, str]]]:
    """A closing 任务分工表 that assigns the numbered items above it by their numbers, with no task of its
    own ("任务序号 | 牵头单位 | 配合单位 | 完成时限" over "第1-3项 | 区X局 | … | 6月底前"), or only the task's name
    again beside its number ("（二） | 规范… | 区X局 | …", its "title" cell, checked by the caller): each row's
    item numbers and the cells of its fields. Empty for any other table, a table of tasks above all."""
    found = find_header(table.rows)
    if not found:
        return []
    index, columns = found[0], {key: column for key, column in found[1].items() if key != "number"}
    if any(key not in (*ASSIGNING_COLUMNS, "milestones", "title") for key in columns) or 0 in columns.values():
        return []
    assigned = []
    for row in table.rows[index + 1 :]:
        if not any(cell.strip() for cell in row):
            continue
        numbers = _row_item_numbers(row[0].strip())
        if not numbers:
            return []
        cells = {key: row[column].strip() for key, column in columns.items() if column < len(row)}
        assigned.append((numbers, cells))
    return assigned


def _row_item_numbers(cell: str) -> list[int]:
    """The numbers of the items a 任务分工表's row names: "第1-3项", "4、6", or one item's own mark
    ("（二）"); empty for any other cell."""
    numbers = ITEM_NUMBERS_RE.match(cell)
    if numbers:
        return _item_numbers(numbers.group(1))
    mark = ITEM_MARK_CELL_RE.match(cell)
    value = fields_module.chinese_number(mark.group(1)) if mark else None
    return [value] if value else []


def _item_numbers(text: str) -> list[int]:
    numbers = []
    for found in ITEM_NUMBER_RANGE_RE.finditer(text):
        low, high = int(found.group(1)), int(found.group(2) or found.group(1))
        numbers.extend(range(low, high + 1) if low <= high else [low])
    return numbers


# A column of role words beside the one unit column ("承担主体 | 主体类型" over 政务服务科 | 牵头): a list
# that gives a task one row per unit (an OA system's export) says each unit's role there.
ROLE_CELLS = {word: key for key, words in fallback.ROLE_WORDS for word in words}


def role_column(headers: list[str], body: list[list[str]], columns: dict[str, int]) -> tuple[int, int] | None:
    """The column of role words (牵头, 责任, 配合 …, two of them at least) that no header word named, and
    the table's one unit column whose units they place; None unless the table has both."""
    units = [index for key, index in columns.items() if key in fields_module.UNIT_ATTRIBUTES]
    if len(units) != 1:
        return None
    for column in range(len(headers)):
        cells = [row[column].strip() for row in body if column < len(row) and row[column].strip()]
        if column not in columns.values() and len(set(cells)) >= 2 and all(cell in ROLE_CELLS for cell in cells):
            return column, units[0]
    return None


def is_assignment_list(table: Table) -> bool:
    found = find_header(table.rows)
    return bool(found) and ASSIGNMENT_LIST_MARK in {normalise_header(cell) for cell in table.rows[found[0]]}


def check_header(table: Table, line_of: Callable[[int], int] | None = None) -> None:
    """Refuse, naming the missing columns, a table ``parse_table`` cannot read: for a workbook whose
    sheets hold no decomposition table, this says why better than "no items found"."""
    _usable_header(table, line_of or (lambda index: table.line + index))


def _usable_header(
    table: Table, line_of: Callable[[int], int], unnumbered: bool = False
) -> tuple[int, dict[str, int], int | None, Problem | None]:
    """The header row, its columns, the upper header row if any, and the warning that says the columns
    were guessed (``fallback.table_columns``) when the header names none the parser needs."""
    found = _find_header(table.rows)
    if not found or missing_columns(found[1], unnumbered):
        guess = fallback.table_columns(table.rows)
        if guess is None:
            raise _reject_header(table.rows, (found[0], found[1]) if found else None, line_of)
        columns = _with_category(table.rows[guess.index + 1 :], guess.header, guess.columns)
        return guess.index, columns, guess.upper, guess.warning(line_of(guess.index))
    index, columns, upper = found
    headers = header_texts(table.rows[upper], table.rows[index]) if upper is not None else table.rows[index]
    beside = _under_one_group(table.rows[upper], table.rows[index], columns["title"]) if upper is not None else ()
    columns, vote = column_votes.voted(
        headers, table.rows[index + 1 :], _with_category(table.rows[index + 1 :], headers, columns, beside)
    )
    return index, columns, upper, vote.warning(line_of(index)) if vote else None


def _under_one_group(upper: list[str], lower: list[str], column: int) -> tuple[int, ...]:
    """The columns right of ``column`` under the same cell of a header's upper row, merged across them:
    "工作事项" over 事项 | 具体内容 (its text in the first cell, the others blank above a name of their own)."""
    if column >= min(len(upper), len(lower)) or upper[column].strip() in ("", lower[column].strip()):
        return ()  # no group over the column, or a name merged down over both rows
    beside = []
    for index in range(column + 1, min(len(upper), len(lower))):
        if upper[index].strip() or not lower[index].strip():
            break
        beside.append(index)
    return tuple(beside)


def _with_category(
    body: list[list[str]], headers: list[str], columns: dict[str, int], beside: tuple[int, ...] = ()
) -> dict[str, int]:
    """Two task columns, the left merged down over several rows of the right ("重点工作" over its
    "具体任务"): the left one names the category, a heading above the rows it spans, and the right one
    is the item. Whether a column groups the rows shows in its cells (blank under a merge, or the same
    text filled down), not in its header, which offices word as they like. ``beside``: the columns under
    the task's group in a header of two rows ("工作事项" over 事项 | 具体内容), whatever they are named:
    the right one is the item where the task spans its rows."""
    title = columns.get("title")
    # "具体任务及目标": the tasks and their targets in one column, its first sentence the task.
    taken = {index for key, index in columns.items() if not (key == "target" and _task_and_target(headers, index))}
    # A task column the header does not name ("序号 | 行业 | 实事名称 | 牵头单位") was taken as the first
    # unnamed one: an unnamed column right of it may be the item, if the first groups it.
    unnamed = title is not None and title < len(headers) and column_key(headers[title]) in (None, MAYBE_CONTENT)
    other = next(
        (
            index
            for index, cell in enumerate(headers)
            if title is not None
            and index > title
            and (
                index in beside
                or index not in taken
                and (
                    column_key(cell) == TASK
                    or _task_and_target(headers, index)
                    or (unnamed and cell.strip() and column_key(cell) is None and not _numbers_only(body, index))
                )
            )
        ),
        None,
    )
    if other is not None and _groups(body, title, other):
        depth = sum(1 for key in columns if key.startswith(HEADING)) + 1
        columns = {key: index for key, index in columns.items() if key != "title" and index != other}
        columns[f"{HEADING}{depth}"], columns["title"] = title, other
    return _with_grouping_columns(body, headers, columns)


TASK_AND_TARGET_RE = re.compile(r"(?:重点|主要|具体|年度)?(?:工作)?任务[及和与](?:工作)?(?:目标|指标)(?:要求)?")


def _task_and_target(headers: list[str], index: int) -> bool:
    return index < len(headers) and bool(TASK_AND_TARGET_RE.fullmatch(normalise_header(headers[index])))


# What a column left of the task may be and still group its rows: a 类别/分类 column, one whose header
# names nothing we know (行业, 方向 …), or a second task-like column (考核内容 left of 工作任务).
_GROUPING_KEYS = (None, "category", TASK, MAYBE_TASK)
# Where the work is done ("学校" merged down over its projects, "实施地点"): a fact of each row, as its
# 序号 running on across the places shows, not a heading of the plan.
PLACE_HEADER_RE = re.compile(
    r"(?:所在|所属|实施|建设|项目)?(?:学校|校名|乡镇|镇街|街道|村|社区|地点|点位|位置|所在地)(?:街道|社区)?(?:名称)?"
    # A site named for what stands there ("文物点名称", "景点名称", "站点"): a place too.
    r"|(?:景点|站点|网点|文物点)(?:名称)?|[\u4e00-\u9fff]{1,3}[点站]名称"
)


def names_places(header: str) -> bool:
    return bool(PLACE_HEADER_RE.fullmatch(normalise_header(header)))


def _with_grouping_columns(body: list[list[str]], headers: list[str], columns: dict[str, int]) -> dict[str, int]:
    """ "序号 | 类别 | 项目名称 | …" with 类别 merged down (or repeated) over the projects of each kind:
    the column left of the task that groups its rows, each group in one run, opens a heading per
    group, as a 一级指标 does. A 类别 whose values change row by row, or come back after another
    (约束性, 预期性, 约束性), describes each row and stays the row's category."""
    title = columns.get("title")
    if title is None:
        return columns
    taken = {index: key for key, index in columns.items()}
    places = [index for index in range(min(title, len(headers))) if names_places(headers[index])]
    found = [
        index
        for index in range(title)
        if taken.get(index) in (None, "category")
        and index < len(headers)
        and headers[index].strip()
        and column_key(headers[index]) in _GROUPING_KEYS
        and not names_places(headers[index])
        # "文物点名称 | 保护级别" both merged down over a site's rows: the level describes the place, a fact of
        # each row as the place is.
        and not any(_same_runs(body, place, index) for place in places)
        and _groups(body, index, title)
        and _in_runs(body, index)
    ]
    if not found:
        return columns
    headings = sorted([index for key, index in columns.items() if key.startswith(HEADING)] + found)
    regrouped = {key: index for key, index in columns.items() if not key.startswith(HEADING) and index not in found}
    regrouped.update({f"{HEADING}{rank}": index for rank, index in enumerate(headings, 1)})
    return regrouped


def _same_runs(body: list[list[str]], left: int, right: int) -> bool:
    """Each new text of the right column starts on a row where the left column starts one: the right
    column's cells are merged down (or repeated) over the same rows as the left one's."""
    starts = 0
    for row in body:
        left_text, right_text = (row[index].strip() if index < len(row) else "" for index in (left, right))
        if bool(left_text) != bool(right_text):
            return False
        starts += bool(left_text)
    return starts > 0


def _in_runs(body: list[list[str]], column: int) -> bool:
    """Each text of the column stands in one run of rows (blank cells inside a run): no text comes
    back after another."""
    seen: list[str] = []
    for row in body:
        text = row[column].strip() if column < len(row) else ""
        if text and (not seen or seen[-1] != text):
            if text in seen:
                return False
            seen.append(text)
    return True


def _groups(body: list[list[str]], left: int, right: int) -> bool:
    """The left column spans rows of the right one: some row has a new text on the right under a
    blank or repeated cell on the left."""
    spanned, previous_left, previous_right = False, "", ""
    for row in body:
        left_text, right_text = (row[index].strip() if index < len(row) else "" for index in (left, right))
        if previous_left and right_text and right_text != previous_right and left_text in ("", previous_left):
            spanned = True
        previous_left, previous_right = left_text or previous_left, right_text or previous_right
    return spanned


# What the column right of a second numbering column may be to hold the measures it numbers: a task,
# what is to be done (工作举措, 具体措施), or a column named for nothing we know.
_INNER_TITLE_KEYS = (None, TASK, MAYBE_TASK, "content", MAYBE_CONTENT)


def inner_numbering(
    body: list[list[str]], headers: list[str], columns: dict[str, int]
) -> tuple[tuple[int, int], dict[str, int]] | None:
    """ "序号 | 重点任务 | 编号 | 工作举措 | 牵头单位 …": a second numbering column right of the task, its
    codes ("1-1", "1-2", "2-1") numbering the measures of the column after it, the task merged down over
    its measures. Then each task is a heading numbered by the 序号 and each measure an item numbered by
    its code: ((the task's number column, the task's column), the columns with the measure's number and
    title as the row's). None for a table with one numbering column, or whose second one numbers no
    measures (a file code beside each task), or whose tasks are one row each."""
    outer, title = columns.get("number"), columns.get("title")
    if outer is None or title is None or outer > title:
        return None
    second = next(
        (index for index in range(title + 1, len(headers)) if column_key(headers[index]) == "number"),
        None,
    )
    if second is None or second + 1 >= len(headers) or column_key(headers[second + 1]) not in _INNER_TITLE_KEYS:
        return None
    measures = second + 1
    codes = [row[second].strip() for row in body if second < len(row) and row[second].strip()]
    if len(codes) < 2 or not all(classify(code) for code in codes) or not _groups(body, title, measures):
        return None
    inner = {key: index for key, index in columns.items() if index not in (outer, title, measures)}
    inner.update(number=second, title=measures)
    return (outer, title), inner


def _unfolded(body: list[list[str]], outer: tuple[int, int], columns: dict[str, int]) -> list[tuple[int, list[str]]]:
    """The task's rows as a heading row (its number and name where the measures' stand) over the rows of
    its measures, the task's cells taken out of them, each with the index of the row it comes from. A row
    without a measure (a note across the foot) stays as it is."""
    number, title = outer
    inner_number, inner_title = columns["number"], columns["title"]
    rows: list[tuple[int, list[str]]] = []
    current = ("", "")
    for origin, row in enumerate(body):
        cells = [text.strip() for text in row] + [""] * max(0, inner_title + 1 - len(row), inner_number + 1 - len(row))
        if not cells[inner_number] and not cells[inner_title]:
            rows.append((origin, row))
            continue
        task = (cells[number] or current[0], cells[title] or current[1])
        if (cells[number] or cells[title]) and task != current:
            heading = [""] * len(cells)
            heading[inner_number], heading[inner_title] = task
            rows.append((origin, heading))
            current = task
        rows.append((origin, [("" if index in outer else text) for index, text in enumerate(row)]))
    return rows


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


GROUP_ROW = "group-row"  # the style of a table's unnumbered group rows (a meeting over the matters it agreed)
GROUP_ROW_LONGEST = 40  # the longest a heading row of a table's group of rows is (a text table's too)


# A schedule's month columns ("1月" … "12月", "一月") and the marks that tick them.
MONTH_HEADER_RE = re.compile(r"^(1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?$")
# A "V" alone is the tick typed without a symbol font, and √ as a scan's OCR reads it.
TICK_RE = re.compile(r"[√✓✔☑●■▲★Vv]")
MIN_MONTH_COLUMNS = 3
# A month's node written in its cell ("出台方案", "动态清零"): words, not a monthly figure ("20") nor a mark.
NODE_TEXT_RE = re.compile(r"[\u4e00-\u9fff]{2}")


def _month_columns(headers: list[str], keys: dict[int, str]) -> dict[int, int]:
    """column → month, where at least three columns of the header are months and nothing else."""
    months = {index: _month_of(header) for index, header in enumerate(headers) if index not in keys}
    months = {index: month for index, month in months.items() if month}
    return months if len(months) >= MIN_MONTH_COLUMNS else {}


def _month_of(header: str) -> int | None:
    """The month a header names alone ("3月", "十二月份"), or None."""
    found = MONTH_HEADER_RE.match(normalise_header(header))
    if not found:
        return None
    text = found.group(1)
    return int(text) if text.isdigit() else fields_module.chinese_number(text)


# A schedule's column for a quarter or a half of the year ("一季度", "第二季度", "Q3", "下半年"): the month it ends.
QUARTER_HEADER_RE = re.compile(r"^(?:第?([一二三四1-4])季度|Q([1-4]))$", re.IGNORECASE)
HALF_HEADER_RE = re.compile(r"^([上下])半年$")
MIN_PERIOD_COLUMNS = 2


def _period_of(header: str) -> int | None:
    """The month a header's quarter or half-year ends with, or None."""
    text = normalise_header(header)
    quarter = QUARTER_HEADER_RE.match(text)
    if quarter:
        number = quarter.group(1) or quarter.group(2)
        return 3 * (int(number) if number.isdigit() else fields_module.chinese_number(number))
    half = HALF_HEADER_RE.match(text)
    return (6 if half.group(1) == "上" else 12) if half else None


def _names_a_period(header: str) -> bool:
    """A header of a schedule's column: a month, a quarter or a half of the year."""
    return bool(_month_of(header) or _period_of(header))


# A matrix of posts or units ticked where they answer for a row ("镇党委 | 党委书记 | 班子成员", √ or blank):
# at least two such columns beside each other's, each named by a bare name that is no period of a schedule.
TICKED = "ticked"
_PEOPLE_KEYS = ASSIGNMENT_KEYS - {"deadline"}
MIN_TICKED_COLUMNS = 2
_TICKED_NAME_RE = re.compile(r"(?!是否)[\u4e00-\u9fff]{2,10}")


# A note row under a unit matrix that says what each mark means ("注：★为牵头单位，●为责任单位，○为配合单位",
# "说明：● 牵头，○ 配合"): a mark so explained counts as a tick, and makes its column's unit answer in that role.
_MARK = r"[★☆●○◎◆◇■□▲△√✓]"
_ROLE = "|".join(sorted(fields_module.SHORT_LABELS, key=len, reverse=True))
MARK_LEGEND_RE = re.compile(
    rf"({_MARK})[\s\u3000]*(?:为|表示|代表|指|是|[=＝：:])?[\s\u3000]*({_ROLE})(?:单位|部门)?(?![\u4e00-\u9fff])"
)


def mark_legend(body: list[list[str]]) -> dict[str, str]:
    """mark → the field its unit fills ("lead_units" …), from a row of one cell under the table that
    explains at least two marks; {} when no row does."""
    for row in body:
        filled = {cell.strip() for cell in row if cell.strip()}
        if len(filled) != 1:
            continue
        found = {
            mark: fields_module.SHORT_LABELS[role]
            for mark, role in MARK_LEGEND_RE.findall(next(iter(filled)))
            if fields_module.SHORT_LABELS[role] in fields_module.UNIT_ATTRIBUTES
        }
        if len(found) >= MIN_TICKED_COLUMNS:
            return found
    return {}


def is_tick(cell: str, marks: dict[str, str]) -> bool:
    return bool(TICK_RE.fullmatch(cell)) or cell in marks


def ticked_columns(headers: list[str], body: list[list[str]], known: set[int]) -> dict[int, str]:
    """column → the post or unit its header names, for the columns of a tick matrix: every filled
    cell under the header a tick (or a mark the table's legend explains), at least one ticked. Not
    months or quarters (a schedule's ticks say when), nor one column alone (a 已完成 ticked says whether)."""
    marks = mark_legend(body)
    rows = [row for row in body if len({cell.strip() for cell in row if cell.strip()}) > 1]
    found = {}
    for index, header in enumerate(headers):
        name = normalise_header(header)
        if index in known or not _TICKED_NAME_RE.fullmatch(name) or MONTH_HEADER_RE.match(name) or _period_of(name):
            continue
        cells = [row[index].strip() for row in rows if index < len(row) and row[index].strip()]
        if cells and all(is_tick(cell, marks) for cell in cells):
            found[index] = name
    return found if len(found) >= MIN_TICKED_COLUMNS else {}


def _period_columns(headers: list[str], keys: dict[int, str]) -> dict[int, int]:
    """column → the month its period ends, where at least two columns of the header are quarters or halves."""
    periods = {index: _period_of(header) for index, header in enumerate(headers) if index not in keys}
    periods = {index: month for index, month in periods.items() if month}
    return periods if len(periods) >= MIN_PERIOD_COLUMNS else {}


def _is_summary(row: _Row) -> bool:
    """A 合计 / 小计 row: its first cell says so, whichever column (序号, 一级指标, 任务) holds it."""
    filled = [row.cell(index) for index in range(len(row.cells)) if row.cell(index)]
    # Markdown's bold, kept as written where the table was copied as text: "**小计**".
    return bool(filled) and bool(SUMMARY_RE.match(filled[0].strip("*_ ")))


class _TableReader:
    """Reads the rows under a header into nodes; one instance per table."""

    def __init__(
        self, columns: dict[str, int], headers: list[str], year: int | None, running_on: dict[str, int] | None
    ) -> None:
        self.columns = columns
        self.headers = headers
        self.year = year
        self.builder = TreeBuilder(running_on)
        self.not_understood: list[Problem] = []
        self.warnings: list[Problem] = []
        self._path: list[Node] = []  # the numbered entries open above the next row, top first
        self._last_is_heading = False
        self._previous: tuple[_Row, Node] | None = None
        self._keys = {index: key for key, index in columns.items()}
        self._headings = sorted((key for key in columns if key.startswith(HEADING)), key=_depth)
        self._open: dict[str, tuple[str, Node]] = {}  # heading column → the heading it has open, and its text
        self._numbered_headings = False  # the 序号 column numbers the headings, not the items
        self._category: Node | None = None  # the last category row ("一、做强实体经济" merged across)
        self.target_measure = ""  # what the target column's bare numbers count: see ``_target_measure``
        self._months = _month_columns(headers, self._keys)  # column → month of a 1月–12月 schedule
        self._periods = _period_columns(headers, self._keys)  # column → last month of a quarter's column
        self.ticked: dict[int, str] = {}  # column → the post a √ in it makes answer for the row
        self.marks: dict[str, str] = {}  # a matrix's mark → the field it puts its column's unit in
        self.roles: tuple[int, int] | None = None  # the role column and the unit column whose units it places
        # A schedule of stages, each a pair 工作内容 | 完成时间 under 节点一, 节点二 …: the last stage
        # filled in is when the item is done, the others its steps.
        due = [index for index, header in enumerate(headers) if column_key(header) == "deadline"]
        self._deadline_columns = due if len(due) > 1 and columns.get("deadline") in due else []
        # Targets of several kinds, each in its own column ("质量目标 | 满意度目标"): all are the item's.
        self._more_targets = [
            index
            for index, header in enumerate(headers)
            if column_key(header) == "target" and index not in self._keys and "target" in columns
        ]
        # Columns of content or of the work to assess that are not the item's own (``_described_work``),
        # and columns named for the task that are not the item's own (``_second_task_cells``).
        self._described_columns = [
            index
            for index, header in enumerate(headers)
            if self._keys.get(index) == "content"
            or self._keys.get(index) is None
            and column_key(header) in (TASK, MAYBE_TASK, "content")
        ]
        self._second_task_columns = [
            index
            for index, header in enumerate(headers)
            if self._keys.get(index) is None and column_key(header) == TASK
        ]

    def read(self, row: _Row, following: _Row | None = None) -> None:
        if not row.text:
            return
        if self._is_note(row):
            message = _("第 %(line)s 行是表格的说明，不是事项。") % {"line": row.line}
            self.not_understood.append(Problem(row.line, row.text, message))
            return
        if _is_summary(row):
            message = _("第 %(line)s 行是表格的合计行，不是事项。") % {"line": row.line}
            self.not_understood.append(Problem(row.line, row.text, message))
            return
        if self._is_group_row(row, following):
            self._group(row)
            return
        row = self._category_row(row)
        opened = self._open_headings(row)
        if opened:
            self._previous = None
        number, title = row.cell(self.columns.get("number")), row.cell(self.columns.get("title"))
        number = without_key_mark(number)
        if self._headings and self._numbers_the_heading(number, title, opened):
            number = ""
        if self._previous and (number or title) and self._continues(row, number, title):
            self._add_stage(row)
            return
        if self._previous and not (number or title or opened) and self._states_a_stage(row):
            # "　|　| 通水试运行 | 县水务局、县供水公司 | 10月底前": 序号 and the task merged down over two rows,
            # their text in the first row only (a workbook copied as text): the task's next stage.
            self._add_stage(row)
            return
        numbering, title = self._numbering(row, number, title)
        if not title:
            self._untitled(row, number, opened)
            return
        node = self._node(row, numbering, number, title)
        self._place(row, numbering, node)
        self._previous = (row, node)

    def _category_row(self, row: _Row) -> _Row:
        """ "一、扩大有效投资" merged across the row lands in the first column, whatever that column is
        (a 牵头县领导, a 责任单位): a row with that one numbered cell is a heading, read as if its number
        column held it. Only a certainly numbered text counts: a leader's name alone stays his."""
        filled = [index for index in range(len(row.cells)) if row.cell(index)]
        number_column = self.columns.get("number")
        if len(filled) != 1 or number_column is None or filled[0] in (number_column, self.columns.get("title")):
            return row
        key = self._keys.get(filled[0]) or ""
        if key in HEADING_KEYS or key.startswith(HEADING):
            return row  # a heading column (一级指标, 类别) reads its own headings, points and all
        text = row.cell(filled[0])
        found = match(text.partition("\n")[0])
        if not found or not found.certain or not found.rest or classify(found.number) is None:
            return row
        if found.style not in ("cn", "cn_paren", "part"):
            return row
        cells = [""] * len(row.cells)
        cells[number_column] = text
        return _Row(cells, row.line)

    def _is_group_row(self, row: _Row, following: _Row | None) -> bool:
        """ "区政府第5次常务会议（2018年1月12日）" merged across the table above the numbered rows it
        groups: a heading without a number. Only a one-text row starting in the first column that is not
        a sentence, with a numbered row right under it, counts; a lone line at the foot stays a problem."""
        number_column = self.columns.get("number")
        if following is None or number_column is None or number_column == self.columns.get("title"):
            return False
        filled = [index for index in range(len(row.cells)) if row.cell(index)]
        if not filled or filled[0] != 0 or len({row.cell(index) for index in filled}) != 1:
            return False
        if self._keys.get(0) not in (None, "number"):
            return False  # a heading column (一级指标, 类别) reads its own headings; a leader's name stays his
        text = row.cell(0)
        if "\n" in text or match(text) or fields_module.SENTENCE_END_RE.search(text) or len(text) > GROUP_ROW_LONGEST:
            return False
        return classify(following.cell(number_column)) is not None and bool(following.cell(self.columns.get("title")))

    def _group(self, row: _Row) -> None:
        """The group row heads the rows under it until the next one: it ends everything open."""
        node = Node(number="", level=1, title=row.cell(0), line=row.line)
        self.builder.end_below(None)
        self.builder.add(Numbering(GROUP_ROW, 1, self.builder.due(GROUP_ROW), "", node.title, True), node)
        self._path = [node]
        self._last_is_heading = True
        self._previous = None
        self._category = None

    def _numbers_the_heading(self, number: str, title: str, opened: list[Node]) -> bool:
        """ "一" merged over the rows of 考核项目 "组织领导", beside different 考核内容: the number is the
        heading's. The second row of a group shows it, and the item that took the number gives it up;
        from then on each heading a row opens takes the row's number."""
        if not number and title and not opened and self._merged_number_above():
            return False
        if not number or not title:
            return False
        if opened and self._numbered_headings:
            opened[-1].number = opened[-1].number or number
            return True
        if opened or not self._previous:
            return False
        previous_row, previous = self._previous
        if previous_row.cell(self.columns.get("number")) != number or previous.title == title:
            return False
        parent = self._path[-2] if len(self._path) > 1 and self._path[-1] is previous else None
        if parent is not None and previous.number == number and parent.number == "":
            parent.number, previous.number = number, ""
            self._numbered_headings = True
        return previous.number == ""

    def _merged_number_above(self) -> bool:
        """The group's first row took the number and the next row of the group has none: the number was
        merged down over the group (a table read from text keeps it in the first row only), the
        heading's. It moves to the heading; the first row becomes an item without a number as its
        siblings are."""
        if not self._previous or self._numbered_headings:
            return False
        previous = self._previous[1]
        heading = self._path[-2] if len(self._path) > 1 and self._path[-1] is previous else None
        if heading is None or heading.number or not previous.number or heading.children != [previous]:
            return False
        heading.number, previous.number = previous.number, ""
        self._numbered_headings = True
        return True

    def _untitled(self, row: _Row, number: str, opened: list[Node]) -> None:
        """A row with no task: the heading it opens takes its other cells (分值, 评分标准 of a 二级指标);
        a row with only the headings above repeated (a merged cell filled down) says nothing new."""
        if opened:
            heading = opened[-1]
            heading.number = heading.number or number
            self._add_cells(heading, row)
            return
        if all(self._keys.get(index, "").startswith(HEADING) for index in range(len(row.cells)) if row.cell(index)):
            return
        message = _("第 %(line)s 行没有工作任务。") % {"line": row.line}
        self.not_understood.append(Problem(row.line, row.text, message))

    def _is_note(self, row: _Row) -> bool:
        """ "注：本表由党政办负责解释", merged across the foot of the table, whatever column holds it."""
        filled = [row.cell(index) for index in range(len(row.cells)) if row.cell(index)]
        if len(filled) == 2 and NOTE_LABEL_RE.match(filled[0]):
            return True  # "备注" in its own cell, the note beside it
        return len(filled) == 1 and bool(NOTE_RE.match(filled[0])) and row.cell(self.columns.get("title")) == ""

    # --- headings from 一级指标, 二级指标 … --------------------------------------------------------

    def _open_headings(self, row: _Row) -> list[Node]:
        """The headings this row opens. A level's cell that is blank, or says what the open heading
        says (a merged cell, filled down), keeps that heading open; a new text opens a heading there
        and ends those below it. Under a new heading a blank deeper cell opens nothing: the items go
        straight under the heading above."""
        opened: list[Node] = []
        for key in self._headings:
            text = row.cell(self.columns[key])
            if opened and not text:
                self._open.pop(key, None)
            if not text or (not opened and key in self._open and self._open[key][0] == text):
                continue
            node = self._heading(key, text, row)
            self._open[key] = (text, node)
            opened.append(node)
        return opened

    def _heading(self, key: str, text: str, row: _Row) -> Node:
        first, _newline, more = text.partition("\n")
        found = match(first)
        number, title = (found.number, found.rest) if found and found.certain else ("", first.strip())
        node = Node(number=number, level=_depth(key), title=title, line=row.line)
        node.content = [more.strip()] if more.strip() else []
        title, count = without_count(title, heading=True)
        if count:
            # "一、产业项目（3个）": how many rows the category holds.
            node.title = title
            node.assignment_text.append(count)
        _take_points_note(node, title)
        # A style of its own per level column: the item numbers under it (1, 2 … or running on) nest below.
        above = [heading for other, (_text, heading) in self._open.items() if _depth(other) < node.level]
        # A heading column's groups stand under the category row above them ("一、" merged across the table).
        self.builder.end_below(max(above, key=lambda heading: heading.level) if above else self._category)
        self.builder.add(Numbering(key, node.level, self.builder.due(key), number, title, True), node)
        self._path = _path_after_add(self._path, node)
        self._last_is_heading = True
        return node

    def _states_a_stage(self, row: _Row) -> bool:
        """The row says what is done (a 阶段目标, 工作目标 or 具体措施 cell), not only who and by when: a row
        of units and a date alone under a task is no stage of it, and stays a row not understood."""
        return any(row.cell(index) for index, key in self._keys.items() if key in STAGE_KEYS)

    def _add_stage(self, row: _Row) -> None:
        """A row that goes on with the item above, a stage of it or one unit's share: its cells add to the
        item, and its date moves the item's only later, as the item is done when its last share is."""
        previous_row, node = self._previous
        held = node.fields.deadline, node.fields.ongoing, node.fields.deadline_text
        self._add_cells(node, row, skip_same_as=previous_row)
        if held[0] and node.fields.deadline and node.fields.deadline < held[0]:
            node.fields.deadline, node.fields.ongoing, node.fields.deadline_text = held

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
        title, described = split_title(extracted.rest or first.strip(), at_colon=False)
        # A row of a category alone ("一、产业项目（3个）"): how many rows it holds is no word of its name.
        title, count = without_count(title, heading=self._is_heading_row(row))
        node = Node(
            number=numbering.number if numbering else number,
            level=numbering.rank if numbering else 0,
            title=title,
            line=row.line,
            # A long task cell: the first line (its first sentence) names the task, the rest describes it.
            content=[text for text in (described, more.strip()) if text],
            fields=extracted.fields,
            assignment_text=[*extracted.phrases, *([count] if count else [])],
        )
        if self._is_heading_row(row):
            # "一、经济发展（30分）" merged across: the category's points, as a heading column's.
            _take_points_note(node, title)
        self._add_cells(node, row)
        self._deadline_from_ticks(node, row)
        for index, name in self.ticked.items():
            cell = row.cell(index)
            if not is_tick(cell, self.marks):
                continue
            units = getattr(node.fields, self.marks.get(cell, "responsible_units"))
            if name not in units:
                units.append(name)
        if not row.cell(self.columns.get("target")):
            # No target cell: the task itself may name the number ("规范性文件备案率达到100%"), and so
            # may the cells that say what is to be done (具体措施, 具体要求, 考核内容).
            # Its lines after the first too: "推进加装电梯。" over "全年加装不少于60部。" in one cell.
            task = (node.title, described, more.strip())
            found = fields_module.find_indicators("。".join(filter(None, task)), node.title)
            for text in self._described_work(row):
                found += fields_module.find_indicators(text, default_name=node.title)
            node.indicators[:0] = _new_indicators(found, node.indicators)
        else:
            # A target cell beside a task cell whose second sentence names a number of its own ("抓好招商。
            # 全年开展驻点招商不少于20次。" beside "引进项目15个。"), or beside a second column named for the
            # task ("项目名称 | 建设任务 | 质量目标": "新增学位900个"): both are the item's targets.
            found = fields_module.find_indicators(described, node.title) if described else []
            for text in self._second_task_cells(row):
                found += fields_module.find_indicators(text, default_name=node.title)
            node.indicators[:0] = _new_indicators(found, node.indicators)
        return node

    def _deadline_from_ticks(self, node: Node, row: _Row) -> None:
        """A 推进计划表 ticks ("√") the months an item is worked on, one column a month: with no deadline
        written, the last month ticked is when it is to be done, at that month's end. A 挂图作战 table
        writes each month's node in its cell instead ("出台方案" under 3月): the last month holding one; a
        monthly figure ("20") is no node."""
        if node.fields.deadline or node.fields.ongoing:
            return
        ticked = [month for index, month in self._months.items() if TICK_RE.fullmatch(row.cell(index))]
        if ticked:
            fields_module.apply(node.fields, "deadline", f"{max(ticked)}月底前", self.year)
            return
        nodes = [month for index, month in self._months.items() if NODE_TEXT_RE.search(row.cell(index))]
        if nodes:
            fields_module.apply(node.fields, "deadline", f"{max(nodes)}月底前", self.year)
            return
        # A quarter's cell that says what is to stand by its end ("主体完工"); "—" in a quarter with none.
        last = self._last_filled(row, list(self._periods))
        if last is not None:
            fields_module.apply(node.fields, "deadline", f"{self._periods[last]}月底前", self.year)

    @staticmethod
    def _last_filled(row: _Row, columns: list[int]) -> int | None:
        """The rightmost of ``columns`` whose cell says something ("/" and "—" say nothing)."""
        filled = [index for index in columns if row.cell(index) and not NOTHING_RE.fullmatch(row.cell(index))]
        return max(filled) if filled else None

    def _described_work(self, row: _Row) -> list[str]:
        """The row's cells under a column of content (具体措施, 具体要求) or of the work to assess
        (考核内容) that is not the item's own: where a table without a target column states its targets. A
        second column of content (a 办理单's 拟办意见 beside its 批示内容) states them as well."""
        return [row.cell(index) for index in self._described_columns if row.cell(index)]

    def _second_task_cells(self, row: _Row) -> list[str]:
        """The row's cells under a column named for the task that is not the item's own ("项目名称 | 建设任务":
        the project, then what it is to build, in numbers)."""
        return [row.cell(index) for index in self._second_task_columns if row.cell(index)]

    def _place(self, row: _Row, numbering: Numbering | None, node: Node) -> None:
        if numbering:
            self.builder.add(numbering, node)
            self._path = _path_after_add(self._path, node)
            self._last_is_heading = self._is_heading_row(row)
            if self._last_is_heading and self._headings and not self._open_in(row):
                self._category = node
            return
        parent = self._unnumbered_parent()
        (parent.children if parent else self.builder.roots).append(node)

    def _open_in(self, row: _Row) -> bool:
        return any(row.cell(self.columns[key]) for key in self._headings)

    def _unnumbered_parent(self) -> Node | None:
        """Under the last numbered row if it is a heading, beside it otherwise."""
        if not self._path:
            return None
        if self._last_is_heading:
            return self._path[-1]
        return self._path[-2] if len(self._path) > 1 else None

    def _is_heading_row(self, row: _Row) -> bool:
        keys = [self._keys.get(index) or "" for index in range(len(row.cells)) if row.cell(index)]
        return all(key in HEADING_KEYS or key.startswith(HEADING) for key in keys)

    # --- cells ---------------------------------------------------------------------------------------

    def _add_cells(self, node: Node, row: _Row, skip_same_as: _Row | None = None) -> None:
        last_due = self._last_filled(row, self._deadline_columns)
        for index, text in enumerate(row.cells):
            text = text.strip()
            if not text or (skip_same_as and skip_same_as.cell(index) == text):
                continue
            key = self._keys.get(index)
            if index in self._deadline_columns:
                key = "deadline" if index == last_due else None
            elif index in self._more_targets:
                key = "target"
            if key in ("number", "title") or (key or "").startswith(HEADING):
                continue
            label = self.headers[index].strip() if index < len(self.headers) else ""
            if self.roles and index == self.roles[0]:
                node.assignment_text.append(f"{label}：{text}")
                continue
            if self.roles and index == self.roles[1]:
                key = ROLE_CELLS.get(row.cell(self.roles[0]), key)
            if key in (None, "content", *LABELLED_TEXT):
                # One cell, one paragraph of the content, line breaks as written; a column we have no field
                # for (备注, 进展情况) goes there too, under its header, and so do the scoring rules
                # (评分标准) an indicator system writes for each item.
                node.content.append(text if key == "content" else f"{label}：{text}" if label else text)
                if key is None:
                    self._apply_labelled_note(node, text)
                if key == "scoring" and "target" not in self.columns:
                    # An indicator system states its targets in the scoring rules ("不少于12次，每少1次扣0.5分").
                    node.indicators.extend(_scored_targets(text, node.title))
                continue
            node.assignment_text.append(f"{label}：{text}")
            if not NOTHING_RE.fullmatch(text):
                self._apply(node, key, text, row)

    def _apply_labelled_note(self, node: Node, text: str) -> None:
        """A column with a name we have no field for (备注) whose cell is a run of labels alone ("牵头：综治中心；
        配合：司法所") names the units of a table that has no unit column of its own, and in one that has some
        the roles it has no column for ("配合：司法所" beside a 责任科室 column). A note without a label stays a
        note."""
        if not fields_module.is_assignment_line(text):
            return
        if not any(key in self.columns for key in fields_module.UNIT_ATTRIBUTES):
            fields_module.extract(text, self.year, into=node.fields)
            return
        noted = fields_module.extract(text, self.year).fields
        for key in fields_module.UNIT_ATTRIBUTES:
            if key not in self.columns and getattr(noted, key) and not getattr(node.fields, key):
                setattr(node.fields, key, getattr(noted, key))

    def _apply(self, node: Node, key: str, text: str, row: _Row) -> None:
        handler: Callable[[Node, str, _Row], None] | None = getattr(self, f"_apply_{key}", None)
        if key == UNIT_SHARES:
            self._apply_shares(node, text, row)
        elif key in fields_module.UNIT_ATTRIBUTES and fields_module.is_assignment_line(text):
            # A unit column whose cell labels its own lines ("责任分工" holding "牵头单位：X<br>配合单位：Y"):
            # each label says the role of the units after it.
            fields_module.extract(text, self.year, into=node.fields)
        elif key.endswith(PERSONS_SUFFIX):
            fields_module.apply_units_and_persons(node.fields, key.removesuffix(PERSONS_SUFFIX), text, self.year)
        elif key == UNITS_AND_DEADLINE:
            fields_module.apply_units_and_dates(text, self.year, node.fields)
        elif handler:
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
                rest.append(date_cell(line.strip()))
        if rest:
            fields_module.apply(node.fields, "deadline", "；".join(rest), self.year)

    def _apply_milestones(self, node: Node, text: str, row: _Row) -> None:
        """A schedule's cell ("3月底前完成方案；6月底前…"), or a date alone: "6/30" under "时间节点"."""
        fields_module.apply(node.fields, "milestones", date_cell(text.strip()), self.year)

    def _apply_shares(self, node: Node, text: str, row: _Row) -> None:
        """ "区住建局：完成管网改造18公里" a line: the unit before the colon is responsible, the rest is its
        share of the target, its numbers read alone. A line without a unit before a colon is a target."""
        for line in text.split("\n"):
            unit, colon, share = line.partition("：") if "：" in line else line.partition(":")
            if colon and fields_module.names_units(unit.strip()):
                fields_module.apply(node.fields, "responsible_units", unit.strip(), self.year)
                line = share
            if line.strip():
                self._apply_target(node, line.strip(), row)

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
        searched = _with_measure(target, row.cell(self.columns.get("measure")) or self.target_measure)
        found = explicit if explicit or told else fields_module.find_indicators(searched, default_name=node.title)
        node.indicators.extend(found)

    def _warn(self, row: _Row, text: str, message: str) -> None:
        self.warnings.append(Problem(row.line, text, message))


# The part of a scoring rule that deducts or adds points: "每少1次扣0.5分", "未完成的不得分".
# From a clause's start only (``(?<![^…])``: after a stop or at the text's start), so a long clause with no
# score is crossed once; a later start matches only where the clause's own start does.
_DEDUCTION = re.compile(
    r"(?<![^，,。；;])[^，,。；;]*(?:扣|加|得|不得|减)\s*[\d.一二三四五六七八九十]*\s*分[^，,。；;]*"
)


def _new_indicators(found: list[ParsedIndicator], known: list[ParsedIndicator]) -> list[ParsedIndicator]:
    """``found`` without the figures already known (the same value and measure, read from another cell)."""
    kept: list[ParsedIndicator] = []
    for indicator in found:
        if all((other.value, other.unit) != (indicator.value, indicator.unit) for other in [*known, *kept]):
            kept.append(indicator)
    return kept


def _scored_targets(text: str, title: str) -> list[ParsedIndicator]:
    """The targets a scoring rule states, its deductions ("每少1次扣0.5分") left out."""
    return fields_module.find_indicators(_DEDUCTION.sub("", text), default_name=title)


def _with_measure(target: str, measure: str) -> str:
    """ "≥95" in 目标值 with "%" in 计量单位 → "≥95%"; a number that has its measure stays as it is."""
    numbers = list(re.finditer(r"\d+(?:\.\d+)?", target))
    if not measure or not numbers or fields_module.find_indicators(target, default_name="-"):
        return target
    end = numbers[-1].end()
    return target[:end] + measure + target[end:]


def _depth(heading_key: str) -> int:
    return int(heading_key.removeprefix(HEADING))


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
    table: Table,
    year: int | None,
    line_of: Callable[[int], int] | None = None,
    running_on: dict[str, int] | None = None,
    unnumbered: bool = False,
    above: str = "",
) -> tuple[list[Node], list[Problem], list[Problem], list[str]]:
    """The table's rows as nodes: (roots, not understood, warnings, the title lines above the header).

    ``line_of`` turns a 0-based row index into the line a user sees; by default ``table.line + index``,
    which is the row number Excel shows for a sheet read by ``xlsx.read_workbook`` (``line`` 1).
    ``running_on`` holds the last number of each style the document's tables so far gave their rows,
    and is updated: a table whose 序号 runs on from the one before is in sequence. ``above`` is the line
    of text just before the table, which may say what its money is counted in ("单位：万元").
    """
    line_of = line_of or (lambda index: table.line + index)
    header_index, columns, upper, guessed = _usable_header(table, line_of, unnumbered)
    header_lines = [_joined(row) for row in table.rows[: upper if upper is not None else header_index]]
    headers = list(table.rows[header_index])
    if upper is not None:
        # The upper row names some columns ("序号" merged down) and groups others ("责任分工", "考核指标"):
        # the group labels name no column of their own, so they are kept with the title lines.
        lower = table.rows[header_index]
        headers = header_texts(table.rows[upper], lower)
        groups = [
            up.strip()
            for up, low in zip(table.rows[upper], lower + [""] * len(table.rows[upper]), strict=False)
            if up.strip()
            and (not column_key(up) or low.strip() and low.strip() != up.strip())
            and not _qualifies(low, up)
        ]
        header_lines.append(" ".join(groups))
    inner = inner_numbering(table.rows[header_index + 1 :], headers, columns)
    if inner:
        columns = inner[1]
    reader = _TableReader(columns, headers, year, running_on)
    reader.target_measure = _target_measure(headers, columns, [*header_lines, above])
    reader.ticked = ticked_columns(headers, table.rows[header_index + 1 :], set(columns.values()))
    reader.marks = mark_legend(table.rows[header_index + 1 :]) if reader.ticked else {}
    reader.roles = role_column(headers, table.rows[header_index + 1 :], columns)
    rows = _without_column_ordinals(table.rows, header_index)
    rows = _with_dates_joined(rows, header_index, upper)
    carried: list[Problem] = []
    if not table.merges_filled:
        rows, carried = _carry_merged_names(rows, header_index, columns, headers, line_of)
    rows = _without_dittos(rows, header_index)
    rows = _with_codes_named(rows, header_index, columns)
    if unnumbered:
        rows = _join_wrapped_rows(rows, header_index, columns.get("title"))
    origins = list(range(len(rows)))  # the row of the table each row read stands on
    if inner:
        unfolded = _unfolded(rows[header_index + 1 :], inner[0], columns)
        rows = rows[: header_index + 1] + [row for _origin, row in unfolded]
        origins = origins[: header_index + 1] + [header_index + 1 + origin for origin, _row in unfolded]
    for index in range(header_index + 1, len(rows)):
        following = next((rows[after] for after in range(index + 1, len(rows)) if any(rows[after])), None)
        reader.read(_Row(rows[index], line_of(origins[index])), _Row(following, 0) if following else None)
    _counts_off_headings(reader.builder.roots)
    doubts = table_doubts.doubts(
        headers, rows[header_index + 1 :], columns, reader.builder.roots, reader.not_understood, line_of(header_index)
    )
    warnings = [*([guessed] if guessed else []), *carried, *reader.builder.warnings, *reader.warnings, *doubts]
    return reader.builder.roots, reader.not_understood, warnings, [line for line in header_lines if line]


def _counts_off_headings(nodes: list[Node]) -> None:
    """A row read as an item that rows numbered under it made a heading ("一 | 产业发展类（3个） | | 21800", a
    category's row holding its subtotals, merged across nothing): how many rows it holds is no word of its
    name, as for a category row alone (``_node``). An item keeps its own ("建设口袋公园（3个）", its target)."""
    for node in nodes:
        if node.children:
            title, count = without_count(node.title, heading=True)
            if count:
                node.title = title
                node.assignment_text.append(count)
            _counts_off_headings(node.children)


# "单位：万元" alone on a line above a table's header, or just before the table: the measure its money
# columns are written in.
UNIT_NOTE_RE = re.compile(r"^[（(]?\s*(?:金额|资金|投资|计量)?单位\s*[：:]\s*((?:万|亿|千|百万)?元)\s*[）)]?$")
MONEY_HEADER_RE = re.compile(r"投资|资金|金额|产值|收入|税收")


def _target_measure(headers: list[str], columns: dict[str, int], notes: list[str]) -> str:
    """The measure of the bare numbers in the target column ("9000" → 9000万元): the one its header names
    in brackets ("目标值（%）", "2024年计划投资（万元）"), else, for a column of money, the table's unit
    note ("单位：万元"). Empty when neither says."""
    index = columns.get("target")
    header = headers[index] if index is not None and index < len(headers) else ""
    for note in fields_module.BRACKETED_RE.findall(header):
        if re.fullmatch(fields_module.MEASURE, note[1:-1].strip()):
            return note[1:-1].strip()
    # "预计参与人次", "计划服务户数": a count of people or households, its measure the header's last word.
    counted = re.search(r"(人次|人|户)数?$", normalise_header(header))
    if counted:
        return counted.group(1)
    if not MONEY_HEADER_RE.search(header):
        return ""
    found = next((UNIT_NOTE_RE.match(note.strip()) for note in notes if UNIT_NOTE_RE.match(note.strip())), None)
    return found.group(1) if found else ""


# A line of a task cell that runs on into the next, its sentence not ended.
_WRAPPED_LINE_RE = re.compile(rf"(?<=[^{fields_module.SENTENCE_END}\s])\n(?=\S)")


# Unit cells written as circled codes ("①", "③⑤"), which a row under the table names once, merged across:
# "单位代码：①区教育局 ②区卫健局 ③区财政局".
# A mark beside a row's number that singles out a key task ("2▲", "★5"), which a note under the table
# explains ("标▲的为重点督办事项"): the number is the digits, the mark no word of the task.
KEY_MARKED_NUMBER_RE = re.compile(r"^[▲△★☆◆※]+\s*(?=\d{1,3}$)|(?<=\d)\s*[▲△★☆◆※]+$")


def without_key_mark(number: str) -> str:
    """``number`` without the mark beside it, when the rest is a number ("2▲" → "2"); otherwise as it is."""
    return KEY_MARKED_NUMBER_RE.sub("", number) if re.fullmatch(r"[▲△★☆◆※]*\s*\d{1,3}\s*[▲△★☆◆※]*", number) else number


CIRCLED_CODES = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_CODE_NAME = rf"[{CIRCLED_CODES}]\s*[^{CIRCLED_CODES}\s，,；;、。]+"
CODE_LEGEND_RE = re.compile(rf"^(?:[^{CIRCLED_CODES}：:]{{1,10}}[：:])?\s*(?:{_CODE_NAME}[\s，,；;、。]*){{2,}}$")
CODE_ENTRY_RE = re.compile(rf"([{CIRCLED_CODES}])\s*([^{CIRCLED_CODES}\s，,；;、。]+)")
CODES_ONLY_RE = re.compile(rf"^[{CIRCLED_CODES}\s、，,]+$")
CODED_KEYS = ("lead_units", "responsible_units", "cooperating_units")


def _with_codes_named(rows: list[list[str]], header_index: int, columns: dict[str, int]) -> list[list[str]]:
    """``rows`` with each unit cell of circled codes written as the units a legend row names for them
    ("③⑤" → "区财政局、区住建局"); as they are when no row of the table is such a legend of unit names,
    or a cell holds a code it does not name."""
    names = _code_legend(rows[header_index + 1 :])
    indexes = [columns[key] for key in CODED_KEYS if key in columns]
    if not names or not indexes:
        return rows
    named = [list(row) for row in rows]
    for row in named[header_index + 1 :]:
        for index in indexes:
            codes = [code for code in row[index] if code in CIRCLED_CODES] if index < len(row) else []
            if CODES_ONLY_RE.match(row[index] if codes else "") and all(code in names for code in codes):
                row[index] = "、".join(names[code] for code in codes)
    return named


def _code_legend(rows: list[list[str]]) -> dict[str, str]:
    """The units a legend row names for each circled code ("①区教育局 ②区卫健局" → {"①": "区教育局", …});
    {} when no row is one, or one of its names is no unit's."""
    for row in rows:
        text = " ".join(dict.fromkeys(cell.strip() for cell in row if cell.strip()))
        if CODE_LEGEND_RE.match(text):
            names = dict(CODE_ENTRY_RE.findall(text))
            if all(fields_module.is_unit_name(name) for name in names.values()):
                return names
    return {}


# The row of column ordinals (栏次) a statistical form sets under its header: 甲, 乙 … over the columns of
# words, then 1, 2, 3 … over those of figures ("甲 | 乙 | 1 | 2 | 3 | 4"), or the numbers alone.
COLUMN_STEMS = "甲乙丙丁戊己庚辛壬癸"


def is_column_ordinals(row: list[str]) -> bool:
    cells = [cell.strip() for cell in row if cell.strip()]
    stems = "".join(itertools.takewhile(lambda cell: cell in COLUMN_STEMS, cells))
    numbers = cells[len(stems) :]
    return (
        len(cells) >= 3
        and COLUMN_STEMS.startswith(stems)
        and numbers == [str(number) for number in range(1, len(numbers) + 1)]
    )


def _without_column_ordinals(rows: list[list[str]], header_index: int) -> list[list[str]]:
    """``rows`` with the row of column ordinals under the header emptied: it names the columns, no work."""
    below = header_index + 1
    if below >= len(rows) or not is_column_ordinals(rows[below]):
        return rows
    return [*rows[:below], [""] * len(rows[below]), *rows[below + 1 :]]


def _without_dittos(rows: list[list[str]], header_index: int) -> list[list[str]]:
    """A cell that holds only a ditto mark ("〃", "同上") says what the cell above it says: the leader,
    the unit or the date of the row above, written once."""
    if not any(fields_module.DITTO_RE.match(cell.strip()) for row in rows[header_index + 2 :] for cell in row):
        return rows
    filled = [list(row) for row in rows]
    for index in range(header_index + 2, len(filled)):
        above = filled[index - 1]
        for column, cell in enumerate(filled[index]):
            if fields_module.DITTO_RE.match(cell.strip()) and column < len(above):
                filled[index][column] = above[column]
    return filled


def _join_wrapped_rows(rows: list[list[str]], header_index: int, title: int | None) -> list[list[str]]:
    """A table without a 序号 read from a PDF, its cells wrapped over two lines, comes as two rows
    ("开展心理健康筛查，" / "建立重点学生档案。"): no number tells a new row from the rest of one. Where
    the task cells end their sentence (at least two in three do), a task cell that stops mid-sentence
    goes on in the row under it, and the two rows are one, cell by cell. Left as they are otherwise
    (a list of short names ends no sentence)."""
    if title is None:
        return rows
    tasks = [row[title].strip() for row in rows[header_index + 1 :] if title < len(row) and row[title].strip()]
    ended = [task for task in tasks if task[-1] in fields_module.SENTENCE_END]
    if len(tasks) < 3 or len(ended) * 3 < len(tasks) * 2:
        return rows
    joined = [list(row) for row in rows[: header_index + 1]]
    open_row: list[str] | None = None
    for row in rows[header_index + 1 :]:
        if open_row is not None:
            width = max(len(open_row), len(row))
            open_row[:] = [
                (open_row[i] if i < len(open_row) else "") + (row[i] if i < len(row) else "") for i in range(width)
            ]
        else:
            open_row = list(row)
            joined.append(open_row)
        task = open_row[title].strip() if title < len(open_row) else ""
        open_row = open_row if task and task[-1] not in fields_module.SENTENCE_END else None
    for row in joined[header_index + 1 :]:
        if title < len(row):
            # Wrapped inside its cell ("…办结率不低于" / "95%。"): one sentence.
            row[title] = _WRAPPED_LINE_RE.sub("", row[title])
    return joined


# Name columns whose cell an office merges down over the rows of the items one unit does.
MERGED_NAME_KEYS = ("lead_leaders", "lead_units", "responsible_units")
UNIT_KEYS_AFTER = ("lead_units", "responsible_units")
GROUP_MERGED_KEYS = ("lead_leaders", "lead_units", "deadline")


def _carry_merged_names(
    rows: list[list[str]], header_index: int, columns: dict[str, int], headers: list[str], line_of
) -> tuple[list[list[str]], list[Problem]]:
    """A unit merged down over two items' rows ("区政务服务中心" beside tasks 1 and 2), copied from a
    table as text, stands in the first row only. Where that is what the table shows, the blank is
    the cell above: the units are written before the task (the column groups the rows that follow,
    as a 类别 does), nearly every item names one (at least two in three), and each blank one sits
    in a row as full as the item row just above it, which names a unit. A blank anywhere else means
    no unit, and stays blank. Each carried cell is a warning for the office to check."""
    title = columns.get("title")
    if title is None:
        return rows, []
    cooperating = columns.get("cooperating_units")
    chosen = [columns[key] for key in MERGED_NAME_KEYS if key in columns and columns[key] < title]
    # Right of the task a blank unit is no merge, unless the row names who helps (配合单位) and so
    # must have had someone to help: a 责任单位 merged down beside its own 配合单位 on each row.
    helped = [columns[key] for key in UNIT_KEYS_AFTER if key in columns and columns[key] > title]
    chosen += helped if cooperating is not None else []
    # Right of the task, inside a group whose 类别 is merged down (blank under its first row, as Excel
    # copies it), a leader, lead unit or deadline merged over several of the group's items is blank
    # below the first too; a 责任单位 or 配合单位 blank there still means none.
    groups = sorted(index for key, index in columns.items() if key.startswith(HEADING) and index < title)
    grouped = [columns[key] for key in GROUP_MERGED_KEYS if key in columns and columns[key] > title] if groups else []
    chosen += [column for column in grouped if column not in chosen]
    if not chosen:
        return rows, []
    body = range(header_index + 1, len(rows))

    def cell(index: int, column: int) -> str:
        row = rows[index]
        return row[column].strip() if column < len(row) else ""

    items = [index for index in body if cell(index, title)]
    # The row's units as the table gave them, before any blank of theirs is carried.
    given = {index: [cell(index, column) for column in helped] for index in items}
    rows = [list(row) for row in rows]

    def merged_beside_help(index: int, column: int) -> bool:
        """The row names a 配合单位 but, this cell blank, no unit it helps: the cell was merged down. Where the
        row's other unit column names one ("牵头单位" blank beside a 责任单位), the blank is no unit."""
        if cooperating is None or column not in helped or not cell(index, cooperating):
            return False
        return not any(given[index])

    warnings: list[Problem] = []
    for column in chosen:
        blanks = [index for index in items if not cell(index, column)]
        # A unit's column first, left of the 序号 ("责任部门 | 序号 | 职责事项"), lays the table out by unit:
        # filled on the first item's row, its blanks are its merges however few rows name one.
        leading = column < columns.get("number", title) and bool(items) and bool(cell(items[0], column))
        if not blanks or not leading and len(items) - len(blanks) < 2 * len(blanks):
            continue
        # Another name column merged down over the same rows (a 牵头领导 beside the unit) is blank too.
        known = [other for key, other in columns.items() if other not in chosen and not key.startswith(HEADING)]
        for index in blanks:
            above = index - 1
            if above not in items or not cell(above, column):
                continue
            # A row that opens a new 类别 takes nothing from the group above it.
            new_group = any(cell(index, group) not in ("", cell(above, group)) for group in groups)
            in_group = column in grouped and not new_group
            if column > title and (new_group or not (in_group or merged_beside_help(index, column))):
                continue
            # Inside a group a blank 配合单位 is none, not a row written short; nor is a blank 序号, merged
            # down over the group as the group's name is ("1 | 推进制造业…" over its tasks).
            short = [
                other
                for other in known
                if other not in grouped and not (in_group and other in (cooperating, columns.get("number")))
            ]
            if any(cell(above, other) and not cell(index, other) for other in short):
                continue  # the row lacks more than this cell: not a merge, a row written short
            value = cell(above, column)
            while len(rows[index]) <= column:
                rows[index].append("")
            rows[index][column] = value
            label = headers[column].strip() if column < len(headers) else column_name("responsible_units")
            message = _("第 %(line)s 行的“%(column)s”为空，按上一行（合并单元格）填为“%(value)s”，请核对。") % {
                "line": line_of(index),
                "column": label,
                "value": value,
            }
            warnings.append(Problem(line_of(index), value, message))
    return rows, warnings


def _joined(row: list[str]) -> str:
    return " ".join(cell.strip() for cell in row if cell.strip())


def header_texts(upper: list[str], lower: list[str]) -> list[str]:
    """The names of a header of two rows, one a column: the lower row's where it has one, else the upper's
    ("序号" merged down). A note in brackets under a name qualifies it ("阶段目标" over "（6月底前）"); a date
    split into its parts under a date's name ("计划完成时间" over 月 | 日) is one column, named at its first
    part (``_with_dates_joined`` joins the parts' cells there)."""
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    texts = [low if low.strip() else up for up, low in zip(upper, lower, strict=True)]
    for index, (up, low) in enumerate(zip(upper, lower, strict=True)):
        if _qualifies(low, up):
            texts[index] = up.strip() + low.strip()
    for run in split_date_columns(upper, lower):
        texts[run[0]] = upper[run[0]]
        for index in run[1:]:
            texts[index] = ""
    return texts


def _qualifies(lower: str, upper: str) -> bool:
    """A cell of a header's lower row that is only a note in brackets on the name above it: "（6月底前）"."""
    return bool(upper.strip() and fields_module.BRACKETED_RE.fullmatch(lower.strip()))


DATE_PARTS = "年月日"


def split_date_columns(upper: list[str], lower: list[str]) -> list[list[int]]:
    """The columns of each date a header of two rows splits into its parts, in order ("计划完成时间" merged
    across over 月 | 日, or over 年 | 月 | 日): two parts or more, under a name of a deadline or a time."""
    runs: list[list[int]] = []
    for index, cell in enumerate(lower):
        part = DATE_PARTS.find(normalise_header(cell)) if normalise_header(cell) else -1
        run = runs[-1] if runs else []
        if part < 0:
            continue
        if run and run[-1] == index - 1 and DATE_PARTS.index(normalise_header(lower[run[-1]])) < part:
            run.append(index)
        else:
            runs.append([index])
    return [
        run
        for run in runs
        if len(run) >= 2
        and run[0] < len(upper)
        and (column_key(upper[run[0]]) == "deadline" or _names_a_time(upper[run[0]]))
    ]


def _with_dates_joined(rows: list[list[str]], header_index: int, upper: int | None) -> list[list[str]]:
    """``rows`` with the parts of each date the two-row header splits (月 | 日 under 计划完成时间) joined in the
    first part's cell ("10" | "31" → "10月31日"), the others emptied: the date of the plan's year it says."""
    if upper is None:
        return rows
    runs = split_date_columns(rows[upper], rows[header_index])
    if not runs:
        return rows
    joined = [list(row) for row in rows]
    for row in joined[header_index + 1 :]:
        for run in runs:
            parts = [
                (row[index].strip(), DATE_PARTS[DATE_PARTS.index(normalise_header(rows[header_index][index]))])
                for index in run
                if index < len(row)
            ]
            if len(parts) == len(run) and all(_DATE_PART_VALUE_RE.fullmatch(value) for value, _part in parts):
                row[run[0]] = "".join(f"{int(float(value))}{part}" for value, part in parts)
                for index in run[1:]:
                    row[index] = ""
    return joined


_DATE_PART_VALUE_RE = re.compile(r"\d{1,4}(?:\.0+)?")
