"""Rules a document states once for all its items, in its preface or its requirements, as an office
means them:

* "各项任务的责任单位中，排在第一位的为牵头单位，其余为配合单位": every item's units listed under one
  label (责任单位：A、B、C) are its lead A and its cooperating B and C; a unit alone is the lead. An item
  that names its lead or its cooperating units itself keeps them. "责任单位中“/”前为牵头单位" says the same
  of units parted by a slash (责任单位：A / B). A rule stated for lists of several ("责任单位有两个及以上的，
  排在第一位的为牵头单位") leaves a unit alone what its label says: responsible.
* "未标注完成时限的任务，均须于2025年12月底前完成": every item that names no deadline of its own (nor says
  it goes on: 长期坚持) is due on that date.
* A part named for the time limits ("一、办理时限") whose sentences each give one by-date: "各承办单位须于6月
  30日前办结全部提案；列为重点提案的，须于5月31日前办结". An item that names no deadline and whose row carries
  the word of one sentence ("备注：重点提案") is due by that sentence's date; every other one by the date of
  the one sentence that marks no item.
* A plan for one quarter, its title saying so ("2025年第二季度工作计划", "三季度重点工作安排"): every item
  that names no deadline of its own is due at the quarter's end, as the office that keeps it reads it.
  Under any title naming one quarter (a 督办清单 handed down for it), an item due "本季度内" is due then.
"""

from __future__ import annotations

import re

from . import fields as fields_module
from .document import Line, Node, ParsedPlan, Table
from .guidance import TIME_LIMITS_HEADING_RE

_FIRST = r"(?:第一(?:位|个|家)?|首位|首个|最前(?:面|位)?)"
# "排在第一位的为牵头单位", "排名第一的单位为牵头单位", "第一个单位为牵头单位", "列首位的是牵头部门";
# "牵头单位排在第一位", "排在首位的单位牵头"; units parted by a slash, "“/”前为牵头单位", "斜杠前的单位牵头".
_BEFORE_SLASH = r"(?:[“\"'‘]?[/／][”\"'’]?|斜杠|斜线)(?:之)?(?:前|左)(?:面|侧|边)?"
FIRST_LEADS_RE = re.compile(
    rf"(?:(?:排|列|位列|排名|排序)?在?{_FIRST}|{_BEFORE_SLASH})的?(?:单位|部门)?(?:为|是|系|作为)?牵头(?:单位|部门)?"
    rf"|牵头(?:单位|部门)(?:均|一律)?(?:排|列)在?{_FIRST}"
)
# A unit named first is in front of the others only where the sentence speaks of a list of units.
_OF_UNITS_RE = re.compile(r"单位|部门|排|列")
# The rule said of lists of several only, just before it: "有两个及以上的", "涉及多个单位的", "2家以上的".
# The condition is its own clause, ending in 的 ("…有两个及以上的，"), not a sentence before the rule
# ("本方案涉及多个部门，").
_OF_SEVERAL_RE = re.compile(
    r"(?:(?:两|二|2|多)\s*(?:个|家)?(?:及|或)?以上|多个[^，,。；;]{0,6}|多家[^，,。；;]{0,6})的[，,]?$"
)
# "未标注完成时限的任务，均须于2025年12月底前完成", "未明确时限的，年底前完成", "未注明完成时间的事项须在10月底前办结".
DEFAULT_DEADLINE_RE = re.compile(
    r"未(?:标注|注明|标明|明确|列明|写明|规定|标出|标记)(?:具体)?(?:完成|办结)?(?:时限|时间|期限|日期)的"
    r"[^，,。；;]{0,12}[，,]?\s*(?:均|一律|原则上|统一)?(?:须|需|应|要|必须)?(?:在|于)?"
    r"(?P<date>[^，,。；;]{2,16}?前?)(?:完成|办结|落实到位|完成任务)"
)

# The title of a plan for one quarter: the quarter, then what the plan is, at the title's end.
QUARTER_PLAN_TITLE_RE = re.compile(
    r"(?P<quarter>第?\s*[一二三四1-4]\s*季度)\s*(?:重点)?(?:工作)?(?:计划|安排|要点|任务清单)$"
)
# Any title that names one quarter ("关于下达2026年第三季度重点督办事项清单的通知"): an item due "本季度内" is due
# at that quarter's end, whatever the paper is.
QUARTER_IN_TITLE_RE = re.compile(r"(?<![一二三四1-4])第?\s*[一二三四1-4]\s*季度")
THIS_QUARTER_RE = re.compile(r"本季度?|当季度?")


def apply(plan: ParsedPlan, year: int | None, title: str = "") -> None:
    """Apply the rules the document's lines (and its ``title``) state to its items."""
    texts = [block.text for block in plan.source.blocks if isinstance(block, Line)]
    # A table's header may state the rule under its column's name ("责任单位（第一个为牵头单位）").
    texts += [
        cell for block in plan.source.blocks if isinstance(block, Table) for row in block.rows[:10] for cell in row
    ]
    stated = [said for text in texts if (said := _states_first_leads(text))]
    first_leads, lone_leads = bool(stated), "all" in stated
    deadline = next((found.group("date") for text in texts for found in DEFAULT_DEADLINE_RE.finditer(text)), "")
    quarter = QUARTER_PLAN_TITLE_RE.search(title.strip())
    deadline = deadline or (quarter.group("quarter") if quarter else "")
    named = QUARTER_IN_TITLE_RE.findall(title)
    this_quarter = named[0] if len(set(named)) == 1 else ""
    for node in plan.nodes():
        if first_leads:
            _first_leads(node.fields, lone_leads)
        if this_quarter and not node.children and THIS_QUARTER_RE.search(node.fields.deadline_text):
            _default_deadline(node.fields, this_quarter, year)
        if deadline and not node.children:
            _default_deadline(node.fields, deadline, year)
    _stated_time_limits(plan, year)


def _states_first_leads(text: str) -> str:
    """ "all" where the text states that the first unit named leads, "several" where it says so of lists
    of several units only, "" where it does not state it."""
    for found in FIRST_LEADS_RE.finditer(text):
        if _OF_UNITS_RE.search(text[max(0, found.start() - 12) : found.end()]):
            return "several" if _OF_SEVERAL_RE.search(text[max(0, found.start() - 16) : found.start()]) else "all"
    return ""


def _first_leads(fields, lone_leads: bool) -> None:
    if fields.lead_units or fields.cooperating_units or not fields.responsible_units:
        return
    if len(fields.responsible_units) == 1 and not lone_leads:
        return
    first, *rest = fields.responsible_units
    fields.lead_units, fields.cooperating_units, fields.responsible_units = [first], rest, []


def _default_deadline(fields, text: str, year: int | None) -> None:
    if fields.deadline or fields.ongoing:
        return
    fields_module.apply(fields, "deadline", text, year)


def _stated_time_limits(plan: ParsedPlan, year: int | None) -> None:
    """The deadlines a time limits part set apart as guidance states once, given to the items that name
    none (see the module's docstring); a sentence with two dates (stages) gives none."""
    dated = [
        (sentence, dates[0])
        for section in plan.guidance
        if TIME_LIMITS_HEADING_RE.match(section.node.title.strip().rstrip("。.：:"))
        for paragraph in section.node.content
        for sentence in fields_module.SENTENCE_END_RE.split(paragraph)
        if len(dates := fields_module.YEAR_BY_DATE_RE.findall(sentence)) == 1
    ]
    items = [node for node in plan.leaves() if not (node.fields.deadline or node.fields.ongoing)]
    if not dated or not items:
        return
    marked = {id(item): [date for sentence, date in dated if _carries_mark(item, sentence)] for item in items}
    unmarked = [date for sentence, date in dated if not any(_carries_mark(item, sentence) for item in items)]
    for item in items:
        dates = marked[id(item)] or unmarked
        if len(dates) == 1:
            fields_module.apply(item.fields, "deadline", dates[0], year)


# A word a row carries, as a cell writes it after its column's name ("备注：重点提案").
_CELL_VALUE_RE = re.compile(r"^[^：:]{1,8}[：:]\s*(?P<value>[^：:]{2,12})$")


def _carries_mark(item: Node, sentence: str) -> bool:
    """The item's row has a cell whose word the sentence names ("重点提案" in "列为重点提案的，须于…")."""
    values = (found.group("value").strip("*") for found in map(_CELL_VALUE_RE.match, item.content) if found)
    return any(value and value in sentence for value in values)
