"""The phrases a plan writes beside an item: who leads, who does it, by when, how often, how much.

"牵头单位：区司法局", "（牵头领导：张三；责任单位：司法所；完成时限：2020年12月底前）",
"责任单位：各街道、区直各部门", "每季度", "≥30场次". Names stay text here; ``resolve.py`` matches
them to units and people.
"""

from __future__ import annotations

import calendar
import datetime
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .document import Fields, Node, ParsedIndicator, Problem
from .festivals import spring_festival_eve

# The label a document writes, and the Fields attribute it fills: the same few roles in the words
# of each office, built as families – a role (牵头/主办/责任/主责 …) with a kind of unit after it
# (单位/部门/科室/股室 …), a leader's role with 领导 (and the level: 分管区领导), an act with the time
# it is given (完成时限, 办结期限, 截止日期 …) – so that a wording no document of ours used is known
# with its family. Matched longest first, so that "具体责任人" is not read as "责任人" with a stray
# "具体" in front. ``tables.py`` names its columns from the same families.
# A bureau's sections are its 股 (责任股, 牵头股室), a mass body's its 部室 (责任部室：宣传部).
UNIT_WORDS = ("单位", "部门", "科室", "处室", "股室", "部室", "股", "机构", "站所")
LEAD_ROLES = ("牵头", "主办", "主管", "主抓", "责任牵头")
# 主责 is the unit that bears the main responsibility: a clerk lists 主责单位 as the 责任单位 (beside
# its 配合单位), not as a 牵头单位 over other responsible units.
# 帮扶 is the unit paired with a village or a household to help it: in a 帮扶清单 the one that does the work.
# 揭榜 is the unit that took up a task a 揭榜挂帅 榜单 offered: it carries the task out (its 挂帅领导 a person).
RESPONSIBLE_ROLES = (
    "责任", "主责", "实施", "承办", "落实", "负责", "具体负责", "执行", "承担", "主体责任", "帮扶", "办理", "揭榜",
)  # fmt: skip
# A task force's 成员单位 work under its 牵头单位: a clerk lists them as the units that cooperate.
# 会办 is the unit that handles a proposal jointly with its 主办 (the words of 建议提案 handling); 会同 the
# one the work is done together with ("会同单位", as "X会同Y" in prose).
COOPERATING_ROLES = ("配合", "协办", "协助", "参与", "协同", "协作", "成员", "会办", "会同")
# The act a unit answers for, written before its role in a 整改 or 办理 list: "整改责任单位", "落实牵头单位".
UNIT_ACTS = ("整改", "落实", "办理")
LEADER_ROLES = (
    "牵头", "分管", "责任", "联系", "包抓", "挂帅", "主管", "包保", "包联", "领衔", "挂钩", "督导", "督办", "协管",
    "包案",  # a 信访 case's leader ("包案领导")
)  # fmt: skip
LEADER_LEVELS = ("", "市", "区", "县", "街道", "镇", "乡")
# Not 联系人: under a notice it is whom to call about the notice, not who answers for a task.
PERSON_LABELS = ("责任人", "具体责任人", "直接责任人", "经办人", "负责人", "具体负责人", "承办人")
DEADLINE_ACTS = (
    "完成", "办结", "截止", "落实", "整改", "推进", "实施", "办理", "执行", "计划完成", "预计完成", "销号", "完工",
    "竣工", "交付", "结束", "整改完成",
)  # fmt: skip
DEADLINE_WHENS = ("时限", "时间", "期限", "日期")
REQUIREMENT = "requirement"
SUPERVISING_ROLES = ("督导", "督查", "督办", "监督", "指导")
SUPERVISING = "supervising"
# The short forms of a list written in brackets or after the task ("（牵头：区发改委；配合：区财政局）",
# "时间：3月；负责：村委会。"). Words as short as these are also parts of longer words ("工作时间：",
# "不负责："), so they count only where no Chinese character stands just before them.
SHORT_LABELS: dict[str, str] = {
    **dict.fromkeys(("牵头", "主办"), "lead_units"),
    **dict.fromkeys(("负责", "承办", "责任", "主责"), "responsible_units"),
    **dict.fromkeys(("配合", "协办", "协助", "参与", "协同"), "cooperating_units"),
    **dict.fromkeys(("分工", "责任分工", "任务分工", "职责分工"), "responsible_units"),
    # "截止：1月31日" after the units of a task line ("负责：X；截止：…", "@X 截止：…"), or behind a bar
    # ("｜截止：2026-03-20") as an online document's task list names its due date.
    **dict.fromkeys(("时间", "截止"), "deadline"),
    # "承办：X　协办：Y　督办：区政府督查室" in a 会议纪要's agreed items: the office that follows the work up,
    # no role in it (as "督办单位" is not).
    **dict.fromkeys(("督办", "督导", "督查"), SUPERVISING),
}
# The labels of a span the work runs over, its start and end ("起止时间：2026年4月—2026年9月"): a deadline only
# where the span has two ends (``_names_start_only``).
SPAN_LABELS = ("起止时间", "起止日期", "起讫时间", "起讫日期")
LABELS: dict[str, str] = {
    **{f"{role}{level}领导": "lead_leaders" for role in LEADER_ROLES for level in LEADER_LEVELS},
    # The level written first: "县级牵头领导：吴志明".
    **{f"{level}级{role}领导": "lead_leaders" for role in LEADER_ROLES for level in LEADER_LEVELS if level},
    **{act + role + word: "lead_units" for act in ("", *UNIT_ACTS) for role in LEAD_ROLES for word in UNIT_WORDS},
    **{
        act + role + word: "responsible_units"
        for act in ("", *UNIT_ACTS)
        for role in RESPONSIBLE_ROLES
        for word in UNIT_WORDS
    },
    **dict.fromkeys(("责任主体", "实施主体", "承办主体"), "responsible_units"),
    # A 责任清单 by post gives each leader's post the units in its charge ("分管单位：街道城建办、…"):
    # they carry out the post's duties listed under it.
    **{"分管" + word: "responsible_units" for word in UNIT_WORDS},
    # Whom a 交办单 hands the matter to: the units that answer for it ("（牵头）" after one marks the lead).
    **dict.fromkeys(("交办对象", "督办对象", "责任对象"), "responsible_units"),
    # What the handling must achieve, in prose: its finish date is the deadline, "会同X、Y" the cooperating.
    **dict.fromkeys(("办理要求", "落实要求"), REQUIREMENT),
    **{
        act + role + word: "cooperating_units"
        for act in ("", *UNIT_ACTS)
        for role in COOPERATING_ROLES
        for word in UNIT_WORDS
    },
    **dict.fromkeys(PERSON_LABELS, "persons"),
    # The unit that oversees the work ("督导单位：区创建办" beside 责任单位 and 配合单位): named, answerable for
    # none of it (as GUIDING units in prose are). Its label ends the value before it.
    **{role + word: SUPERVISING for role in SUPERVISING_ROLES for word in UNIT_WORDS},
    # By when: an act (完成, 办结 …) and the time it is given (时限, 时间 …), or the time and how it
    # is put (时间安排, 时限要求 …). "时间" alone is a short label: "发布时间：" is the portal's.
    **{act + when: "deadline" for act in DEADLINE_ACTS for when in DEADLINE_WHENS},
    **{act + when + how: "deadline" for act in DEADLINE_ACTS for when in DEADLINE_WHENS for how in ("要求", "安排")},
    **{when + how: "deadline" for when in DEADLINE_WHENS for how in ("要求", "安排")},
    **dict.fromkeys(("时限", "期限"), "deadline"),
    # A span the work runs over, its start and end ("起止时间：2025年3月—2025年10月"): the end is by when. A label
    # of a field line only: a table's 起止时间 column is no deadline column (``tables.column_key``).
    **dict.fromkeys(SPAN_LABELS, "deadline"),
    # The week it is due in, counted from the one the plan names as its first ("完成周次：第6周").
    **{act + "周次": "deadline" for act in DEADLINE_ACTS},
    # Steps with their dates, the last one the deadline.
    **dict.fromkeys(
        (
            "时间节点",
            "完成节点",
            "完成时间节点",
            "推进节点",
            "进度安排",
            "节点安排",
            "进度计划",
            "时间进度",
            "进度节点",
            "阶段安排",
            "进度要求",
            "推进计划",
            "时序安排",
            "阶段目标",
            "阶段任务",
            # Quarter by quarter ("一季度完成选址；…；四季度全部建成"): the last quarter is the deadline.
            "季度安排",
            "分季度安排",
            "季度推进计划",
        ),
        "milestones",
    ),  # fmt: skip
    # When to report back (反馈时间 of a 交办单): reporting, not the finish date.
    **dict.fromkeys(("汇报频次", "报送频次", "报送时间", "汇报时间", "报送要求", "反馈时间", "反馈时限"), "cadence"),
    **dict.fromkeys(("分值", "权重"), "points"),
    **dict.fromkeys(("工作目标", "目标要求", "指标要求", "目标值", "预期目标", "年度目标", "工作指标"), "target"),
    **SHORT_LABELS,
}
_SORTED_LONG = sorted((label for label in LABELS if label not in SHORT_LABELS), key=len, reverse=True)
_SHORT_LABELS = "|".join(sorted(SHORT_LABELS, key=len, reverse=True))
# A short label also counts right after a unit's name, where a list run together on one line (the
# spaces of "主办：县人社局　协办：县财政局" lost, as a PDF loses them) puts it: the name ends in 局, 办 ….
UNIT_NAME_ENDS = "局办委会府所站心院队部处室科厅司"
# Two-character ends of a unit's name that a single character would overreach with ("南湾街道协办：", not 渠道).
UNIT_NAME_END_WORDS = ("街道", "社区")
# 时限 or 期限 after any act of two characters is by when, as a table's column is (``tables.py``): "化解时限",
# "整治期限" beside the acts above. Only where the act opens a word – after a space, a stop or a unit's name
# (a PDF runs "…县税务局化解时限：" together) – so that "县财政局时限：" keeps its unit's name whole; and not
# ending as a unit's name does, so that "县委编办时限：" keeps 编办.
_ANY_ACT_DEADLINE = (
    r"(?:(?<![\u4e00-\u9fff])|(?<=["
    + UNIT_NAME_ENDS
    + r"])"
    + "".join(f"|(?<={word})" for word in UNIT_NAME_END_WORDS)
    + r")[\u4e00-\u9fff](?!["
    + UNIT_NAME_ENDS
    + r"])[\u4e00-\u9fff](?:时限|期限)"
)
ANY_ACT_DEADLINE_RE = re.compile(r"[\u4e00-\u9fff]{2}(?:时限|期限)")


def label_field(label: str) -> str | None:
    """The Fields attribute (or kind) a label names: its family's in ``LABELS``, or by when for 时限 or
    期限 after any act; None for no label."""
    if label in LABELS:
        return LABELS[label]
    return "deadline" if ANY_ACT_DEADLINE_RE.fullmatch(label) else None


# A note in brackets may stand between a label and its colon: "责任单位（部门）：", "完成时限（年月）：".
_LABEL_NOTE = r"(?:[（(][^（）()：:]{1,6}[）)])?"


def _label_patterns(long_labels: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a label and its colon, where a bracket of labels opens), over the given long labels."""
    after_unit = "".join(f"|(?<={word})" for word in UNIT_NAME_END_WORDS)
    alternation = (
        rf"{long_labels}|{_ANY_ACT_DEADLINE}"
        rf"|(?:(?<![\u4e00-\u9fff])|(?<=[{UNIT_NAME_ENDS}]){after_unit})(?:{_SHORT_LABELS})"
    )
    # Two labels over one value: "责任单位及责任人：党政办、王明", "牵头单位/责任人：…".
    joined = rf"(?:[及和与、/／](?P<second>{long_labels}))?"
    # A semicolon typed for the colon ("牵头单位；区建设局  责任单位：…") counts only before a unit's
    # name that ends where the line or the next label does: "…明确责任单位；各社区要…" is a clause.
    unit_after = rf"[^\s，,。；;：:、]{{2,16}}?[{UNIT_NAME_ENDS}](?=\s|$|[，,、]|(?:{long_labels}))"
    return (
        re.compile(rf"({alternation}){joined}{_LABEL_NOTE}\s*(?:[：:]|[；;](?=\s*{unit_after}))\s*"),
        # "（牵头领导：张三；责任单位：司法所）" inside an item's text: where such a bracket opens.
        re.compile(rf"[（(]\s*(?=(?:{alternation})(?:[及和与、/／](?:{long_labels}))?{_LABEL_NOTE}\s*[：:])"),
    )


_LONG_LABELS = "|".join(_SORTED_LONG)
_PLAIN = _label_patterns(_LONG_LABELS)
# A long label may be typed with a space inside it, as a clerk lines labels up ("完成 时限：",
# "责任　单位："): one space between any two of its characters. ``label_of`` reads it back. Tried
# only on a text with a space between two Chinese characters: the pattern is slower.
_SPACED = _label_patterns("|".join("[ \u3000]?".join(label) for label in _SORTED_LONG))
_SPACE_INSIDE = re.compile(r"[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff]")


class _Labels:
    """One of the label patterns above (``which``: 0 the label, 1 the bracket), chosen per text."""

    def __init__(self, which: int) -> None:
        self.which = which

    def _for(self, text: str) -> re.Pattern[str]:
        return (_SPACED if _SPACE_INSIDE.search(text) else _PLAIN)[self.which]

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._for(text).match(text, pos)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._for(text).search(text, pos)

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        return self._for(text).finditer(text, pos)


LABEL_RE = _Labels(0)
# What ends the sentence that labels written after a task's text follow; a bar too, as an online
# document's task list parts its fields from the task ("…实施方案 ｜负责：区城投集团｜截止：2026-03-31").
TAIL_OPENERS = "。！？!?；; \u3000｜|"
BRACKET_OPEN_RE = _Labels(1)
OPENING_BRACKET_RE = re.compile(r"[（(]")

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; arabic digits pass through; None if neither."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + CN_DIGITS[ch] if current else CN_DIGITS[ch]
    return total + current


# --- names ---------------------------------------------------------------------------------------

NAME_SEPARATORS = re.compile(r"[、，,；;\s\u3000]+")
# Units are also listed with "/" ("司法所/派出所", as a cell of a table often writes them). Where "党政办/
# 法治办" is one office with two names, ``resolve.py`` joins the parts again: the organisation knows the
# name whole. Not for people: "书记/主任" is one post.
UNIT_SEPARATORS = re.compile(r"[、，,；;/／\s\u3000]+")
CLAUSE_SEPARATORS = re.compile(r"[；;，,。\n]+")
# A vertical bar parts labelled phrases as a semicolon does ("牵头：城管办｜配合：平安办").
_TRAILING = "；;，,。.、 \u3000｜|"

UNIT_ATTRIBUTES = ("lead_units", "responsible_units", "cooperating_units")
NAME_ATTRIBUTES = ("lead_leaders", *UNIT_ATTRIBUTES, "persons")

# What a list of units says about how they share the work, after the last name ("各社区按职责分工分别
# 负责", "综治办配合") or before the first ("由党政办牵头"). The verb names a role when it differs from
# the label's: under 责任单位, "X牵头" leads and "Y配合" cooperates.
# "各镇（街道）按属地负责": each for the ground it holds, a share of the work as 按职责 is.
_DUTY = (
    r"(?:按照?|根据|依据|结合)(?:各自|各|本)?(?:部门|单位)?的?(?:工作)?"
    r"(?:(?:职责|职能)+(?:分工)?|属地(?:管理)?(?:原则|职责)?)"
)
# The modal that opens the predicate after the names ("各部门要全力配合", "各乡镇需…负责"): no word of a name.
_MODAL = r"(?:要|需要|需|应当|应(?!急)|必须|须)"
_MODIFIER = r"(?:分别|共同|具体|各自|自行|积极|主动|全力|切实|抓好|做好|认真|统筹|协调|督促|指导|抓总|推动|跟踪)"
ROLE_VERBS = {
    "牵头": "lead_units",
    "配合": "cooperating_units",
    "协助": "cooperating_units",
    "协办": "cooperating_units",
    "参与": "cooperating_units",
    "协同": "cooperating_units",
    "负责": "",
    "落实": "",
    "实施": "",
    "组织实施": "",
    "承办": "",
    "办理": "",
    "推进": "",
    "执行": "",
}
_VERB = "|".join(sorted(ROLE_VERBS, key=len, reverse=True))
_WORK = r"(?:相关|有关)?(?:工作|任务)"
QUALIFIER_RE = re.compile(rf"(?:{_MODAL}?(?:{_DUTY}|{_MODIFIER}|{_VERB}|{_WORK}|为(?:牵头|责任|配合)单位))+$")
_HAS_ROLE = re.compile(rf"{_DUTY}|{_VERB}|为(?:牵头|责任|配合)单位")
# "由X牵头", "此项工作由X负责": the sentence may first name the work it hands out, and a group line
# under a heading the items below it ("以下各项由X牵头，Y落实").
_WORK_NOUN = r"(?:工作|任务|事项)"
# How many of the items a line speaks for ("以上各项", "上述三项工作", "以下所有"): one quantifier for
# the sentence that hands them out (``LEADING_RE``) and for the labels after them (``FOR_ALL_ABOVE_RE``).
ITEMS_QUANTIFIER = r"(?:各项|所有|全部|几项|[一二三四五六七八九十两\d]+项)"
LEADING_RE = re.compile(
    rf"^(?:(?:此|该|本)项?{_WORK_NOUN}|(?:上述|以上|以下|下列)(?:{ITEMS_QUANTIFIER}{_WORK_NOUN}?|{_WORK_NOUN}))?"
    r"(?:主要|均|统一)?由"
)
# "以上各项，牵头单位：…；完成时限：…" after the items of a section: labels that hold for every item above the
# line, as the section heading's would, not for the last item alone.
FOR_ALL_ABOVE_RE = re.compile(rf"^(?:以上|上述){ITEMS_QUANTIFIER}?{_WORK_NOUN}?[ \u3000]*[，,：:][ \u3000]*")
# Units that guide or oversee the work ("由各乡镇负责，县应急管理局、县水利局指导"): named, but neither
# doing the work nor cooperating in it, so answerable for none of it.
GUIDING_RE = re.compile(r"(?:业务)?(?:指导|督导|监督|督促|督办)$")
GUIDING = "guiding"
# "（牵头）" written after one name of a list; "（领衔）" as a 揭榜挂帅 榜单 marks the unit that leads the others.
ROLE_MARK_RE = re.compile(r"[（(]\s*(牵头|主办|领衔|配合|协办|责任)(?:单位|部门)?\s*[）)]$")
ROLE_MARKS = {
    "牵头": "lead_units", "主办": "lead_units", "领衔": "lead_units", "配合": "cooperating_units",
    "协办": "cooperating_units", "责任": "",
}  # fmt: skip
# "宣传办等相关单位": the list is not complete, the office should know.
ETC_RE = re.compile(
    r"等(?:[\d一二三四五六七八九十两]+个)?(?:相关|有关|其他|其它|各|成员)?"
    r"(?:成员单位|单位|部门|科室|处室|机构|社区|村|村社区|村（社区）)?$"
)
AND_OTHERS_RE = re.compile(r"(?<=.)(?:以及|及|和|与)((?:其他|其它)?(?:相关|有关)(?:部门|单位))$")
CONJUNCTIONS = re.compile(r"以及|及|和|与|并")
# Who held the task before a revision, or the unit's former name, in brackets after the unit that holds it
# now ("信息中心（原为规划科）", "区数据局（原区大数据中心）"): no part of the unit's name, no unit of the item.
FORMER_HOLDER_RE = re.compile(r"[（(]原(?:为|是|系)?[^（）()]{2,20}[）)]")
# Where an office sits, in brackets after it ("县创文办（设在县委宣传部）", "（挂靠区民政局）"): the office is
# the unit, its host no part of its name.
SEAT_NOTE_RE = re.compile(r"[（(](?:办公室)?(?:设在|设于|挂靠在?|依托)[^（）()]{2,20}[）)]")
# Whom to call about a unit's part, in brackets after it ("区水务局（联系人：孙某 13300000000）",
# "（联系电话：66001122）"): no part of the unit's name.
CONTACT_NOTE_RE = re.compile(r"[（(][ \u3000]*(?:联系人|联系电话|联系方式|电话|手机)[^（）()]*[）)]")
# A person's name alone in brackets after a unit ("财务股（孙某）"): that unit's person, not its name. Not a
# word that narrows or renames the unit ("（含社区）", "（试行）", "（牵头）") nor a unit's other name.
BRACKETED_NAME_RE = re.compile(r"(?<=[\u4e00-\u9fff])[（(]([\u4e00-\u9fff]{2,4})[）)]")
_NOT_IN_A_PERSON = re.compile(r"[含除原等及试暂筹称同见各全]|牵头|主办|领衔|配合|协办|责任|负责|单位|部门")
# A leader's post and name ("主管副主任孙某"): a person, never a unit, though written in a unit's column.
_POSTS = "局长|主任|书记|科长|股长|部长|区长|县长|镇长|乡长|市长|处长|院长|所长|站长|队长|主席|组长|调研员"
POST_AND_NAME_RE = re.compile(rf"(?:分管|主管|常务)?副?(?:{_POSTS})[\u4e00-\u9fff]{{2,3}}$")
# The ends of unit names, to tell "党政办和综治办" (two units) from "人力资源和社会保障局" (one).
UNIT_ENDINGS = (
    "办", "所", "局", "委", "会", "联", "部", "科", "室", "处", "站", "队", "院", "庭", "中心", "区", "村",
    "组", "馆", "街道", "镇", "乡", "公司", "集团", "部门", "单位", "支部", "厅", "署", "校", "园", "团",
    "办事处", "网格", "片区", "企业", "机构", "协会", "镇街", "政府", "社", "党组织", "股", "银行", "支行", "分行",
    "）",
)  # fmt: skip


@dataclass
class Names:
    """The names of one labelled value, each in the role it is written in, and the phrases that
    say "等" (more units than those listed may be meant)."""

    by_role: dict[str, list[str]] = field(default_factory=dict)
    open_ended: list[str] = field(default_factory=list)

    def add(self, attribute: str, name: str) -> None:
        names = self.by_role.setdefault(attribute, [])
        if name and name not in names:
            names.append(name)


def read_names(text: str, attribute: str) -> Names:
    """ "党政办、综治办，各社区按职责分工分别负责" under 责任单位 → 党政办, 综治办, 各社区;
    "司法所牵头，综治办配合" → 司法所 leads, 综治办 cooperates; "宣传办等相关单位" → 宣传办, open-ended.
    Roles move only between unit columns: a leader or a person stays where the label put them."""
    names = Names()
    if attribute in UNIT_ATTRIBUTES:
        text = FORMER_HOLDER_RE.sub("", SEAT_NOTE_RE.sub("", _mend_cut_names(text)))
        text = MENTION_MARK_RE.sub("", CONTACT_NOTE_RE.sub("", text))
        text = _take_bracketed_persons(text, names)
    clauses = split_outside_brackets(CLAUSE_SEPARATORS, text)
    for clause in clauses:
        clause, verb_role = _clause_role(clause.strip(_TRAILING), attribute)
        for name, mark_role in _marked_names(_clause_names(clause, attribute), len(clauses) > 1):
            name, etc = _without_etc(name)
            if etc:
                names.open_ended.append(text.strip(_TRAILING))
            role = mark_role or verb_role
            if role == GUIDING:
                continue
            if attribute in UNIT_ATTRIBUTES and is_post_and_name(name):
                names.add("persons", name)
                continue
            names.add(role if role and attribute in UNIT_ATTRIBUTES else attribute, name)
    names.open_ended = list(dict.fromkeys(names.open_ended))
    return names


def _take_bracketed_persons(text: str, names: Names) -> str:
    """ "财务股（孙某）、综合股（钱某某）" in a unit's column → 财务股, 综合股; 孙某 and 钱某某 are persons."""

    def take(found: re.Match) -> str:
        word = found.group(1)
        if is_unit_name(word) or _NOT_IN_A_PERSON.search(word) or not is_unit_name(text[: found.start()]):
            return found.group(0)
        names.add("persons", word)
        return ""

    return BRACKETED_NAME_RE.sub(take, text)


def is_post_and_name(name: str) -> bool:
    """ "主管副主任孙某": a post and a person's name, not a unit ("主任办公室" ends as a unit does)."""
    return bool(POST_AND_NAME_RE.search(name)) and not name.endswith(UNIT_ENDINGS)


def _marked_names(names: list[str], among_clauses: bool) -> list[tuple[str, str]]:
    """The names of a clause without their role marks, each with the role its mark gives. Where the list
    is cut into clauses, each closed by a mark ("区住建局（牵头），区市场监管局、各街道（配合）"), the mark
    after the last name of a clause is the whole clause's; alone it is that one name's."""
    marked = [_without_role_mark(name) for name in names]
    with_mark = [name != bare for name, (bare, _role) in zip(names, marked, strict=True)]
    if among_clauses and len(names) > 1 and with_mark[-1] and not any(with_mark[:-1]):
        return [(bare, marked[-1][1]) for bare, _role in marked]
    return marked


LINE_PIECE_RE = re.compile(r"([^、，,；;\n]*)\n([^、，,；;\n]*)")


def _mend_cut_names(text: str) -> str:
    """A unit's name a line break cut inside ("区住建" / "局", as a PDF's line wraps a cell of a
    comma-separated export): the piece before the break has not yet ended a unit's name anywhere, and
    the two together name one. Names one a line ("区发改局" / "区财政局"), a name over a qualifier
    ("各社区" / "按职责分工负责") and a name with its role ("区发改局牵头" / "区财政局") keep their break."""

    def mend(found: re.Match) -> str:
        before, after = found.group(1).strip(), found.group(2).strip()
        cut = before and after and not any(char in UNIT_NAME_ENDS for char in before) and not is_unit_name(before)
        return found.group(1) + found.group(2) if cut and is_unit_name(before + after) else found.group(0)

    return LINE_PIECE_RE.sub(mend, text)


def split_outside_brackets(separators: re.Pattern, text: str) -> list[str]:
    """``separators.split(text)``, except inside brackets: "各县（市、区）政府" is one name, the list
    in its brackets part of it. So inside quotation marks: "做到“进村入户；全面覆盖”" is one task."""
    parts, start, depth = [], 0, 0
    position = 0
    while position < len(text):
        char = text[position]
        if char in "（(“「『":
            depth += 1
        elif char in "）)”」』":
            depth = max(depth - 1, 0)
        elif depth == 0:
            found = separators.match(text, position)
            if found:
                parts.append(text[start:position])
                start = position = found.end()
                continue
        position += 1
    if depth:
        return separators.split(text)  # a bracket left open: no telling where it closes
    parts.append(text[start:])
    return parts


def split_names(text: str) -> list[str]:
    """ "各街道、区直各部门；司法所" → ["各街道", "区直各部门", "司法所"], order kept, repeats dropped,
    whatever role a qualifier gives them."""
    names: list[str] = []
    for role_names in read_names(text, "responsible_units").by_role.values():
        names.extend(name for name in role_names if name not in names)
    return names


def _clause_role(clause: str, attribute: str) -> tuple[str, str]:
    """The clause without its qualifiers, and the role its verb gives ("" for the label's own)."""
    labelled = _unit_role_label(clause)
    if labelled:
        return clause[labelled[0] :], labelled[1]
    clause = LEADING_RE.sub("", clause)
    found = QUALIFIER_RE.search(clause)
    if found and GUIDING_RE.search(found.group(0)) and not _HAS_ROLE.search(found.group(0)):
        return clause[: found.start()].strip(_TRAILING), GUIDING
    if not found or not _HAS_ROLE.search(found.group(0)):
        return clause, ""
    tail = found.group(0)
    verbs = [ROLE_VERBS[verb] for verb in re.findall(_VERB, tail)]
    if "为牵头单位" in tail:
        verbs.append("lead_units")
    elif "为配合单位" in tail:
        verbs.append("cooperating_units")
    role = next((verb for verb in verbs if verb), "")
    return clause[: found.start()].strip(_TRAILING), role


def _unit_role_label(clause: str) -> tuple[int, str] | None:
    """A role's label and its colon before the names of a clause, inside one value ("镇城建办" over "协办：镇财政
    所、各村" in one 责任科室 cell, its second line; "主办：…", "配合科室：…"): where the names begin, and the role
    the label gives them. None for a clause without one, or with a label of no unit's role ("时限：…")."""
    found = LABEL_RE.match(clause)
    role = label_field(label_of(found.group(1))) if found else None
    return (found.end(), role) if role in UNIT_ATTRIBUTES else None


def _clause_names(clause: str, attribute: str) -> list[str]:
    names = []
    separators = UNIT_SEPARATORS if attribute in UNIT_ATTRIBUTES else NAME_SEPARATORS
    for part in split_outside_brackets(separators, re.sub(r"\s+(?=[（(])", "", clause)):
        part = _balanced(part.strip(_TRAILING))
        # "区大数据中心及相关部门" says what "区大数据中心等相关部门" says: one unit, the list open.
        part = AND_OTHERS_RE.sub(r"等\1", part)
        names.extend(_split_conjunction(part, attribute) if part else [])
    return names


def _split_conjunction(name: str, attribute: str) -> list[str]:
    """ "党政办和综治办" is two units, "住房和城乡建设委员会及各社区" two; "人力资源和社会保障局" and
    "王和平" are one name each: a name is cut at a conjunction only where both sides are whole names,
    never inside a bracket ("李某（区住房和城乡建设局）")."""
    names, start = [], 0
    for conjunction in CONJUNCTIONS.finditer(name):
        left, rest = name[start : conjunction.start()], name[conjunction.end() :]
        if left.count("（") + left.count("(") > left.count("）") + left.count(")"):
            continue
        if _whole_name(left, attribute) and _whole_name(rest, attribute):
            names.append(left)
            start = conjunction.end()
    return [*names, name[start:]]


def _whole_name(name: str, attribute: str) -> bool:
    if attribute in UNIT_ATTRIBUTES:
        return len(name) >= 2 and (name.startswith("各") or name.endswith(UNIT_ENDINGS))
    return len(name) >= 2


def _balanced(name: str) -> str:
    """Drop a bracket left over from splitting ("（司法所" or "综治办）"), keep "司法所（法律服务所）"."""
    while name and name[0] in "（(" and name.count(name[0]) > name.count("）" if name[0] == "（" else ")"):
        name = name[1:]
    while name and name[-1] in "）)" and name.count(name[-1]) > name.count("（" if name[-1] == "）" else "("):
        name = name[:-1]
    return name.strip()


def _without_etc(name: str) -> tuple[str, bool]:
    found = ETC_RE.search(name)
    if not found or found.start() == 0:
        return name, False
    return name[: found.start()].strip(), True


def _without_role_mark(name: str) -> tuple[str, str]:
    found = ROLE_MARK_RE.search(name)
    if not found or found.start() == 0:
        return name, ""
    return name[: found.start()].strip(), ROLE_MARKS[found.group(1)]


@dataclass
class Assignment:
    """What ``extract`` took out of a text: the fields, the raw phrases, and the text left over."""

    fields: Fields = field(default_factory=Fields)
    phrases: list[str] = field(default_factory=list)
    rest: str = ""


def extract(text: str, year: int | None, into: Fields | None = None) -> Assignment:
    """Take labelled phrases out of ``text``: bracketed ones anywhere, and a run of labels that
    starts the text ("牵头单位：区司法局；责任单位：各社区"). What is left stays in ``rest``.
    """
    result = Assignment(fields=into if into is not None else Fields())
    text = _spaced_mentions(text)
    text = _take_units_first(text, result)
    text = _take_own_date(text, year, result)
    text = _take_closing_squares(text, year, result)
    rest = text
    for phrase, inner, labelled in _bracketed(text):
        result.phrases.append(phrase)
        if labelled:
            _apply_segments(inner, year, result.fields)
        else:
            apply_units_and_dates(inner, year, result.fields)
        rest = rest.replace(phrase, "", 1)
    stripped = rest.strip()
    dash = _dashed_units(stripped)
    if dash is not None:
        result.phrases.append(stripped[dash:])
        apply_units_and_dates(DASH_RE.sub("", stripped[dash:], count=1).strip(_TRAILING), year, result.fields)
        stripped = stripped[:dash].rstrip()
        # Its date is in its sentence ("9月底前完成全镇14个行政村村庄规划编制。——镇国土所"): one by-date.
        by_dates = BY_DATE_RE.findall(stripped)
        if result.fields.deadline is None and not result.fields.ongoing and len(by_dates) == 1:
            apply_schedule(result.fields, by_dates[0], year)
    prose = _prose_assignment(stripped)
    if prose is not None:
        result.phrases.append(stripped[prose:])
        said = stripped[prose:].strip(_TRAILING)
        apply_units_and_dates(units_then_when(said) or said, year, result.fields)
        stripped = rest = stripped[:prose].rstrip().rstrip("，,")
    _read_dated_role_sentence(stripped, year, result)
    square = SQUARE_LABEL_RE.search(stripped)
    if square is not None and (square.start() == 0 or stripped[square.start() - 1] in TAIL_OPENERS):
        # "【牵头单位】区大数据中心【配合单位】各街道【完成时限】6月底前": labels in square brackets, no colons.
        result.phrases.append(stripped[square.start() :])
        _apply_segments(_colon_labels(stripped[square.start() :]), year, result.fields)
        stripped = rest = stripped[: square.start()].rstrip()
    start = 0 if LABEL_RE.match(stripped) else _trailing_labels(stripped)
    if start is not None:
        result.phrases.append(stripped[start:])
        _apply_segments(stripped[start:], year, result.fields)
        # "…500路。—— 牵头：城管办", "…实施方案 ｜负责：…": the dash or bar only leads to the labels.
        rest = LEADING_DASH_RE.sub("", stripped[:start])
    rest = _take_trailing_mentions(rest, result)
    result.rest = rest.strip()
    return result


# An online document's task list names whom a task is for by @mentioning them after it ("…不少于260块
# @县林业局 @各乡镇人民政府"); a unit's name in a value may keep its @ ("协同：@县林业局").
MENTION_MARK_RE = re.compile(r"@(?=[\u4e00-\u9fff])")
TRAILING_MENTIONS_RE = re.compile(r"(?:[ \u3000]+@[^\s@，,。；;：:]+)+[ \u3000]*$")


# Where a PDF's text lost the spaces around the mentions ("…260块@县林业局@各乡镇人民政府截止：3月31日"): an @
# after a character, and a label run into the unit's name before it.
GLUED_MENTION_RE = re.compile(r"(?<=[^\s@])@(?=[\u4e00-\u9fff])")
MENTION_THEN_LABEL_RE = re.compile(
    rf"(@[\u4e00-\u9fff]+?[{UNIT_NAME_ENDS}])(?=(?:{_LONG_LABELS}|{_SHORT_LABELS})\s*[：:])"
)


def _spaced_mentions(text: str) -> str:
    """ "…260块@县林业局截止：3月31日" → "…260块 @县林业局 截止：3月31日", as the document wrote it."""
    if "@" not in text:
        return text
    return MENTION_THEN_LABEL_RE.sub(r"\1 ", GLUED_MENTION_RE.sub(" @", text))


def _take_trailing_mentions(text: str, result: Assignment) -> str:
    """ "…不少于260块 @县林业局 @各乡镇人民政府": the units mentioned after the task are responsible for it,
    where the task names no responsible unit otherwise. Mentions of persons ("@张科") stay its text."""
    found = TRAILING_MENTIONS_RE.search(text.rstrip())
    if found is None or result.fields.responsible_units or found.start() == 0:
        return text
    names = MENTION_MARK_RE.sub("", found.group(0)).split()
    if not all(is_unit_name(name) for name in names):
        return text
    result.phrases.append(found.group(0).strip())
    apply(result.fields, "responsible_units", "、".join(names), None)
    return text[: found.start()]


# Words that say the work goes on with no end ("全年持续推进", "长期坚持"), as a schedule's last stage. Not 不间断,
# which says so only of 全年 ("全年不间断值守", ``YEAR_AS_SPAN_RE``): "6月底前完成改造，确保不间断供电" is due in June.
GOING_ON_WORDS = ("持续推进", "持续开展", "长期坚持", "常态化")


# What ends a sentence, Chinese or ASCII: a full stop, a question or exclamation mark, or a semicolon
# (a plan ends each clause that stands alone with one).
SENTENCE_END = "。！？；!?;"
SENTENCE_END_RE = re.compile(f"[{SENTENCE_END}]")
# The sentences of a text, each with its stop.
SENTENCE_RE = re.compile(f"[^{SENTENCE_END}]+[{SENTENCE_END}]?")


def _read_dated_role_sentence(text: str, year: int | None, result: Assignment) -> None:
    """A sentence of the item that opens with when, then who, then what ("1月10日—1月20日，由区消防大队牵头，
    区商务局配合，对商场开展检查。"), as a notice words each task: the units in their roles and the date
    (a range's end) as the deadline; the words stay the item's text. Only for an item no other phrase
    gave units, and only where a 由 clause follows the date."""
    fields = result.fields
    if any(getattr(fields, attribute) for attribute in UNIT_ATTRIBUTES):
        return
    for sentence in SENTENCE_RE.findall(text):
        clauses = _clauses(sentence)
        if len(clauses) < 3 or not _is_schedule(clauses[0]) or not LEADING_RE.match(clauses[1]):
            continue
        roles = list(itertools.takewhile(_names_units_in_roles, clauses[1:]))
        if not roles or len(roles) == len(clauses) - 1:
            continue  # no 由 clause of units, or no task after it (``_prose_assignment`` reads that)
        result.phrases.append("，".join([clauses[0], *roles]))
        apply_units_and_dates("，".join([clauses[0], *roles]), year, fields)
        return


# A paragraph after the items that assigns them by their numbers, each clause the items it names and their
# units and date: "任务分工：第一项、第三项由X牵头，Y配合，6月底前完成；第二项由Z负责，9月底前完成。" Items run
# from one number to another too: "第1—3项", "第1至3项", "第一项至第三项".
DIVISION_LABEL_RE = re.compile(r"^(?:(?:任务|责任|职责|工作)?分工(?:安排)?|任务分解)[：:][\s\u3000]*")
_ORDINAL = r"[一二三四五六七八九十\d]+"
_THROUGH = r"[-－—–~～至到]{1,2}"
_ITEM_NUMBERS = rf"{_ORDINAL}(?:项?(?:[、和及与]|{_THROUGH})第?{_ORDINAL})*"
# The numbers may stand before a colon too, as a label of the units after them: "第1、2项：县水利局牵头，…".
BY_NUMBER_RE = re.compile(rf"^第(?P<numbers>{_ITEM_NUMBERS})项(?:[ \u3000]*[：:][ \u3000]*)?(?P<rest>[^：:].*)$")
DIVISION_CLAUSE_END_RE = re.compile(r"[；;。]")
# The same written per unit, a unit's line naming the items it holds in each role by number: "县水利局：牵头第1、2、
# 7项；负责第5项。", "县财政局：配合第1—3项" – the role's verb before the numbers ("牵头", "负责", "配合", "协助"…),
# any verb a unit's role is written with (``_names_units_in_roles``); or with no colon, the units and the verb
# of the first clause before its numbers ("县水利局牵头第1、3项；负责第5项"), the later clauses theirs.
UNIT_LINE_RE = re.compile(r"^(?P<units>[^：:，,。；;]{2,60}?)[ \u3000]*[：:][ \u3000]*(?P<roles>\S.*)$")
_ITEMS_BY_NUMBER = rf"第(?P<numbers>{_ITEM_NUMBERS})项(?:任务|工作|事项|内容)?$"
ROLE_BY_NUMBER_RE = re.compile(rf"^(?P<role>[\u4e00-\u9fff]{{2,4}}?){_ITEMS_BY_NUMBER}")
UNITS_ROLE_BY_NUMBER_RE = re.compile(rf"^(?P<given>[^：:第]{{4,64}}?){_ITEMS_BY_NUMBER}")
DIVISION_ROLE_CLAUSE_END_RE = re.compile(r"[；;。，,]")


def assignments_by_number(text: str) -> list[tuple[list[int], str]]:
    """The clauses of a paragraph that assigns items by number, as (the item numbers, the units in their
    roles and the date); [] unless every clause names items and units in their roles (a sentence "第一项由
    群众自愿参与" names no unit: it is text). A unit's line of a division written per unit gives the same
    (``unit_by_number``), read apart: it names tasks, never a heading over them."""
    found = []
    for clause in DIVISION_CLAUSE_END_RE.split(DIVISION_LABEL_RE.sub("", text.strip(), count=1)):
        clause = clause.strip(_TRAILING)
        if not clause:
            continue
        by_number = BY_NUMBER_RE.match(clause)
        if by_number is None or not _names_units_in_roles(by_number.group("rest")):
            return []
        found.append((_ordinals(by_number["numbers"]), by_number["rest"]))
    return found


# A sub-heading's closing sentence that assigns the items above it by their numbers, as a 任务分工 clause does:
# "以上第1—3项由X牵头，Y负责，10月底前完成。", "以上第4、5项由X负责，Y配合…", "其中第8项由X牵头…" (the items it
# names among those above, the others keeping theirs).
GROUP_BY_NUMBER_RE = re.compile(r"^(?:以上|上述|前述|其中)(?=第)")


def group_by_number(text: str) -> list[tuple[list[int], str]]:
    """The items a closing sentence "以上第1—3项由X牵头，…" names by number and what it gives them, as
    ``assignments_by_number`` reads a 任务分工 clause; [] for any other line (its one sentence must name units in
    their roles: "以上第1—3项已完成" gives nothing)."""
    found = GROUP_BY_NUMBER_RE.match(text.strip())
    if found is None:
        return []
    # A dash between two figures that a scan read as 一 ("第1一3项"): the run it is.
    sentence = re.sub(r"(?<=\d)一(?=\d)", "—", text.strip()[found.end() :].strip(_TRAILING))
    if DIVISION_CLAUSE_END_RE.search(sentence):
        return []
    by_number = BY_NUMBER_RE.match(sentence)
    if by_number is None or not _names_units_in_roles(by_number["rest"]):
        return []
    return [(_ordinals(by_number["numbers"]), by_number["rest"])]


def unit_by_number(text: str) -> list[tuple[list[int], str]]:
    """ "县水利局：牵头第1、2项；负责第5项。" as [([1, 2], "县水利局牵头"), ([5], "县水利局负责")]: a unit's line
    (or several units', "县财政局、县水利局：配合第3项") whose every clause is a role's verb and the numbers of
    the items it holds so; [] for any other line ("县水利局：负责供水工程建设。", a clause of no numbers). With
    no colon the first clause names the units before their verb ("县水利局牵头第1、2项；负责第5项")."""
    text = text.strip()
    line = UNIT_LINE_RE.match(text)
    units, roles = (line["units"].strip(), line["roles"]) if line else ("", text)
    found = []
    for clause in DIVISION_ROLE_CLAUSE_END_RE.split(roles):
        clause = clause.strip(_TRAILING)
        if not clause:
            continue
        by_number = ROLE_BY_NUMBER_RE.match(clause) if units else UNITS_ROLE_BY_NUMBER_RE.match(clause)
        given = "" if by_number is None else f"{units}{by_number['role']}" if units else by_number["given"]
        if not given or not _names_units_in_roles(given):
            return []
        if not units:
            units = _clause_role(LEADING_RE.sub("", given), "responsible_units")[0]
            if not 2 <= len(LEADING_RE.sub("", given)) - len(units) <= 4:
                return []  # the verb of a role, as after a colon ("各地要认真落实第3项" says more)
        found.append((_ordinals(by_number["numbers"]), given))
    return found


# A schedule's line that says by when the items it names by number are done: "（一）2023年6月30日前：完成第1、2、4项
# 任务", its own mark before it.
SCHEDULED_NUMBERS_RE = re.compile(
    rf"^(?:[（(][一二三四五六七八九十\d]{{1,3}}[)）]|\d{{1,2}}[.．、]|[一二三四五六七八九十]{{1,3}}、)?[\s\u3000]*"
    rf"(?P<when>[^：:]{{2,24}})[：:][\s\u3000]*(?:完成|推进|实施)?第(?P<numbers>{_ITEM_NUMBERS})项"
    r"(?:任务|工作|事项)?$"
)


def schedule_by_number(text: str) -> list[tuple[list[int], str]]:
    """The items a schedule's line names by number and by when they are done, as ``assignments_by_number``
    gives them: "2023年6月30日前：完成第1、2、4项任务", or "第6项…长期坚持" ([6], the whole clause, which
    says no more than that it goes on). [] for any other line, and for one that names units too."""
    text = text.strip().strip(_TRAILING)
    scheduled = SCHEDULED_NUMBERS_RE.match(text)
    if scheduled and _is_schedule(scheduled["when"]):
        return [(_ordinals(scheduled["numbers"]), scheduled["when"])]
    by_number = BY_NUMBER_RE.match(text)
    if by_number and not CLAUSE_SEPARATORS.search(text) and _is_schedule(by_number["rest"]):
        return [(_ordinals(by_number["numbers"]), by_number["rest"])]
    return []


# A line that assigns the tasks it names by their titles in quotes: "“开展背街小巷环境整治”：由区城管局牵头，…",
# "“推进人行道破损修复”“开展窨井盖专项治理”两项：由…".
BY_TITLE_RE = re.compile(
    r"^(?P<titles>(?:“[^“”]{2,40}”[、和及与，,]?)+)(?:等?[两二三四五六七八九十\d]项)?(?:工作|任务)?[：:](?P<rest>.+)$"
)
QUOTED_RE = re.compile(r"“([^“”]+)”")


def assignments_by_title(text: str) -> list[tuple[list[str], str]]:
    """A line that assigns the tasks it quotes by title, as (the titles, the units in their roles and the date);
    [] unless it names units in their roles."""
    by_title = BY_TITLE_RE.match(text.strip())
    rest = by_title["rest"].strip(_TRAILING) if by_title else ""
    if not rest or not _names_units_in_roles(rest):
        return []
    return [(QUOTED_RE.findall(by_title["titles"]), rest)]


def _ordinals(numbers: str) -> list[int]:
    """ "1、2、5" → [1, 2, 5]; a run from one number to another ("1—3", "一至三", "1项至第3") each between."""
    found: list[int] = []
    for low, through, high in re.findall(rf"({_ORDINAL})(?:项?({_THROUGH})第?({_ORDINAL}))?", numbers):
        first, last = chinese_number(low), chinese_number(high) if through else None
        found.extend(range(first, last + 1) if last and first < last else [first])
    return found


def assignment_cells(text: str) -> list[tuple[str, str]]:
    """ "由X牵头，Y配合，6月底前完成" given to an item from elsewhere, as the fields it names: its units in their
    roles, then each clause of its date ((field, value) pairs, as a table's cells). A line of labels
    ("牵头单位：X；完成时限：6月底前") gives each label's value but the office that oversees the work's."""
    text = text.strip().strip(_TRAILING)
    if not LABEL_RE.match(text):
        return _unlabelled_cells(text)
    cells = [(label_field(label_of(match.group(1))), value) for match, value in _segments(text)]
    return [(key, value) for key, value in cells if key != SUPERVISING]


# The units who do it, in lenticular brackets before the task ("1.【社区党委】召开…", "【甲站、乙公司】…").
UNITS_FIRST_RE = re.compile(r"^[【〖]([^【】〖〗]{2,40})[】〗][\s\u3000]*(?=\S)")
# The task's own date in a bracket after its last sentence ("…。（3月31日前完成）", "（4月10日前报街道）"):
# by when. A bracket inside a label's value ("完成时限：汛期前（6月15日前）") is that value's.
# Or that it goes on with no date: "…。（长期坚持）".
OWN_DATE_RE = re.compile(
    r"(?<=[。！？!?；;])[\s\u3000]*[（(]\s*((?:\d{4}\s*年\s*)?(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月\s*(?:\d{1,2}\s*日|底|末)?\s*(?:以|之)?前"
    rf"(?:完成|办结|报送|上报|报[\u4e00-\u9fff]{{1,6}})?|{'|'.join(GOING_ON_WORDS)})\s*[）)][\s\u3000。.]*$"
)


def _take_units_first(text: str, result: Assignment) -> str:
    """ "【社区党委】召开…": the bracket before the task names only units, who are responsible for it; a
    bracket of a label ("【牵头单位】…") or of words ("【重点】…") is not this."""
    found = UNITS_FIRST_RE.match(text)
    if not found or SQUARE_LABEL_RE.match(text) or not _names_units_only(found.group(1)):
        return text
    result.phrases.append(found.group(0).strip())
    apply(result.fields, "responsible_units", found.group(1), None)
    return text[found.end() :]


def _take_own_date(text: str, year: int | None, result: Assignment) -> str:
    found = OWN_DATE_RE.search(text)
    if not found:
        return text
    result.phrases.append(found.group(0).strip())
    apply_schedule(result.fields, found.group(1), year)
    return text[: found.start()].rstrip()


# Lenticular brackets after the task's last sentence, unlabelled ("…。【教务处、团委】【2024年4月底】"):
# one names who, one when.
CLOSING_SQUARES_RE = re.compile(
    r"(?<=[。！？!?；;])[\s\u3000]*((?:[【〖][^【】〖〗]{1,40}[】〗][\s\u3000]*){1,3})[。.]?$"
)
SQUARE_INNER_RE = re.compile(r"[【〖]([^【】〖〗]+)[】〗]")


def _take_closing_squares(text: str, year: int | None, result: Assignment) -> str:
    """ "…。【党政办、财政所】【9月底前】": the brackets that close an item, each only units (responsible)
    or only when it is due. A bracket of other words ("【重点】", "【新增】") leaves them all unread."""
    found = CLOSING_SQUARES_RE.search(text)
    if not found or SQUARE_LABEL_RE.search(found.group(1)):
        return text
    inners = [inner.strip() for inner in SQUARE_INNER_RE.findall(found.group(1))]
    if not all(_is_schedule(inner) or _names_units_only(inner) for inner in inners):
        return text
    result.phrases.append(found.group(0).strip())
    for inner in inners:
        if _is_schedule(inner):
            apply_schedule(result.fields, inner, year)
        else:
            apply(result.fields, "responsible_units", inner, year)
    return text[: found.start()].rstrip()


# A label in square brackets instead of before a colon ("【牵头单位】", "［完成时限］").
SQUARE_LABEL_RE = re.compile(rf"[【\[［〖]\s*({_LONG_LABELS}|{_SHORT_LABELS})\s*[】\]］〗]\s*")


def _colon_labels(text: str) -> str:
    """ "【牵头单位】X【完成时限】Y" as the labels are usually written: "牵头单位：X；完成时限：Y"."""
    return SQUARE_LABEL_RE.sub(lambda found: f"；{found.group(1)}：", text).lstrip("；")


# Where a text's last sentence begins: after its last stop but one at the end.
LAST_SENTENCE_RE = re.compile(r"[。；;！？!?](?=[^。；;！？!?]+[。；;！？!?]*$)")


def _prose_assignment(text: str) -> int | None:
    """Where the sentence that assigns the task begins, when it is the text's last and starts with 由
    ("…清理12条河道。由镇水利站牵头，镇环保办、各村配合，5月15日前完成。"), or where its last clauses do,
    after a comma ("建立议事清单，由街道纪工委牵头，各社区负责，4月底前完成"): units in their roles and
    when, as the bracketed "（由X负责，Y配合，6月底前完成）" are; or a line of its own of units only, then spaces
    and when, no 由 ("X处、各县（区）局　　8月31日前", "X处牵头，Y局配合　　长期坚持"), a 清单's line under its
    problem and measure (a tail after the task's sentence on its line is read only where a legend names it,
    ``legend``); or None."""
    stop = LAST_SENTENCE_RE.search(text)
    last = stop.end() if stop else 0
    starts = ([last] if stop else []) + [found.end() for found in ASSIGNING_CLAUSE_RE.finditer(text, last)]
    for start in starts:
        sentence = text[start:].strip()
        if LEADING_RE.match(sentence) and _names_units_in_roles(sentence.strip(_TRAILING)):
            return start + len(text[start:]) - len(text[start:].lstrip())
    if not stop and units_then_when(text):
        return len(text) - len(text.lstrip())
    return None


# Units, a run of spaces, then when: "X处、Y局　　2023年8月31日前", the line a 清单 gives each problem's units on;
# as a PDF loses the spaces, a when that opens with its year ("…处2023年8月31日前") or is a word of going on right after
# the units (not after a comma: "举办运动会，区文旅体局负责，10月31日前完成" is a task's sentence; nor a month of work,
# "研究部署5月份护林工作"; nor a date with work after it, "各村（社区）2026年底前全覆盖", a sentence).
_WHEN = r"[^。！？!?：:，,；;\s]+"  # one clause, a date or words of going on
_GOING_ON = "|".join(GOING_ON_WORDS)
SPACED_WHEN_RE = re.compile(
    r"^(?P<units>[^。！？!?：:“”《》\s]+?)"
    rf"(?:[\t \u3000]{{2,}}(?P<when>{_WHEN})"
    rf"|(?<![，,、；;])[\t \u3000]?(?P<glued>\d{{4}}\s*年(?:{_WHEN})?|{_GOING_ON}))$"
)
# A name that ends in a figure and one word is a count ("抽查电梯200部"), no unit though 部 ends units' names.
COUNTED_NAME_RE = re.compile(r"\d[\u4e00-\u9fff](?=$|[、，,])")


def units_then_when(text: str) -> str:
    """``text`` as units (in their roles or not) and when they are due, apart by a comma ("X处、Y局，8月31日前"),
    where it is only those apart by spaces (``SPACED_WHEN_RE``); "" for any other text, a 落款 among them: one
    organ and the whole day it signed on ("县发展和改革局　　二〇二六年三月十五日", ``headers.dated_organ``), or any
    units beside the day a paper was sent out ("…办公室 / 2024年2月26日印发"), no deadline. Several units beside
    a whole day ("区住建局、区城管局　　二〇二六年六月三十日") are a 清单's line (a 落款 names one organ a line); one
    organ and a month ("X局　　2026年3月") is a 清单's line or a 落款 by where it stands, the closing lines' to say
    (``parse._signs``)."""
    from .headers import dated_organ, is_date_only, is_signing_day  # headers reads numbers with this module's help

    line = text.strip().rstrip("。；;")
    found = SPACED_WHEN_RE.match(line)
    when = found and (found["when"] or found["glued"])
    if not when or not _is_schedule(when):
        return ""
    if is_signing_day(when) and (dated_organ(line) or not is_date_only(when)):
        return ""  # one organ and the day it signed on, or units beside the day the paper was sent out ("…印发")
    if found["glued"] and _work_after_date(when):
        return ""  # "各村（社区）2026年底前全覆盖": a sentence, work after its date, no 清单's line of fields
    if COUNTED_NAME_RE.search(found["units"]) or not names_units(found["units"]):
        return ""
    return f"{found['units']}，{when}"


# A clause after a comma that opens with 由: where the units of a one-sentence task may begin.
ASSIGNING_CLAUSE_RE = re.compile(r"[，,](?=[\s\u3000]*(?:主要|均|统一)?由)")


LEADING_DASH_RE = re.compile(r"[\s\u3000]*(?:——|—|--|－－|[｜|])[\s\u3000]*$")
# "——": what follows the last dash of an item, when it is only units ("…480户。——镇村镇建设办、各村").
DASH_RE = re.compile(r"(?:——|—|--|－－)[\s\u3000]*")

# The spaces after 月 are taken whole (``*+``): two runs side by side would share out a long run of spaces
# between them every way there is before giving up, in time by the square of its length.
BY_DATE_RE = re.compile(
    r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月\s*+(?:\d{1,2}\s*日|底|末|上旬|中旬|下旬)?\s*+(?:以|之)?前"
)


def _dashed_units(text: str) -> int | None:
    """Where units written after a dash at the end of the text begin ("——镇环卫所、各村", "——镇环卫所牵头，
    镇国土所、相关村配合"), or None: a dash that goes on with words of the task ("清洁行动——清理…") is
    not one."""
    found = ([None, *DASH_RE.finditer(text)])[-1]
    if found is None or found.start() == 0:
        return None
    tail = text[found.end() :].strip(_TRAILING)
    if not tail or OPENING_BRACKET_RE.search(tail) or LABEL_RE.match(tail):
        return None  # "——责任单位：X；配合单位：Y": labels after the dash, read as labels are
    if _names_units_only(tail) or _names_units_in_roles(tail):
        return found.start()
    return None


def _bracketed(text: str) -> Iterable[tuple[str, str, bool]]:
    """The bracketed assignments of a text: (the bracket as written, what is inside, whether it is
    labelled). "（牵头单位：交管站；配合单位：派出所、各村（社区））" – a unit's own bracket inside –
    and "（区委宣传部牵头，区司法局、各街道按职责分工负责）", units with the roles their verbs give."""
    position = 0
    while opened := OPENING_BRACKET_RE.search(text, position):
        end = _closing_bracket(text, opened.start())
        if end is None:
            return
        phrase, inner = text[opened.start() : end + 1], text[opened.start() + 1 : end].strip()
        labelled = bool(BRACKET_OPEN_RE.match(text, opened.start()))
        if labelled or _names_units_in_roles(inner) or _lists_units_at_end(text, opened.start(), end):
            yield phrase, inner, labelled
            position = end + 1
        else:
            position = opened.start() + 1


def _closing_bracket(text: str, start: int) -> int | None:
    depth = 0
    for index in range(start, len(text)):
        if text[index] in "（(":
            depth += 1
        elif text[index] in "）)":
            depth -= 1
            if depth == 0:
                return index
    return None


def _names_units_in_roles(text: str) -> bool:
    """ "区委宣传部牵头，区司法局、各街道按职责分工负责", "县水利局负责", "司法所牵头，各社区配合，
    2025年6月底前": every clause is units and the verb of their role, or when they are due. "（含社区）",
    "（2024年修订）", "（各地结合实际推进）" – a verb after words that are no unit's name – are not."""
    clauses = _clauses(text)
    named = [clause for clause in clauses if not _is_schedule(clause)]
    if not named:
        return False
    for clause in named:
        names, _role = _clause_role(clause, "responsible_units")
        if names == clause:
            return False  # no verb of a role after the names
        units = _clause_names(names, "responsible_units")
        if not units or not all(is_unit_name(_without_etc(unit)[0]) for unit in units):
            return False
    return True


# "（含社区）", "（除各村外）": a bracket that narrows the task, not a list of who does it.
NARROWING_RE = re.compile(r"^(?:含|包含|包括|不含|除|如|即|另|其中|重点|特别|尤其)")


# A person's name after a label of people, just before a bracket: "牵头领导：李某（区住建局）" – the bracket
# says where the person works, no unit of the item.
_PEOPLE_LABEL = "|".join(
    sorted((label for label, name in LABELS.items() if name in ("lead_leaders", "persons")), key=len, reverse=True)
)
PERSON_BEFORE_RE = re.compile(rf"(?:{_PEOPLE_LABEL})[ \u3000]*[：:][ \u3000]*[\u4e00-\u9fff]{{2,4}}$")


def _lists_units_at_end(text: str, start: int, end: int) -> bool:
    """The bracket at ``start``–``end`` ends ``text`` and lists only units, and is no part of a name
    before it ("各镇（街道）", "区级各部门、各镇（街道）" name units with their brackets) nor a person's
    post ("牵头领导：李某（区住建局）")."""
    before = text[:start].rstrip()
    if text[end + 1 :].strip(_TRAILING) or not before or before.endswith(UNIT_ENDINGS):
        return False
    if PERSON_BEFORE_RE.search(before):
        return False
    return _names_units_only(text[start + 1 : end])


def names_units(text: str) -> bool:
    """Whether ``text`` is only units, or units with the verbs of their roles ("镇环卫所牵头，镇国土所配合")."""
    return _names_units_only(text) or _names_units_in_roles(text)


def _names_units_only(text: str) -> bool:
    """ "宣传办、文明办及各社区党委" in a bracket that ends an item: a list of units, which a clerk reads
    as the units responsible (with their dates, if any), save those a verb gives a role ("X牵头，Y、Z")."""
    named = [_clause_role(clause, "responsible_units")[0] for clause in _clauses(text) if not _is_schedule(clause)]
    units = [unit for clause in named for unit in _clause_names(clause, "responsible_units")]
    return bool(units) and all(is_unit_name(_without_etc(unit)[0]) and not NARROWING_RE.match(unit) for unit in units)


def apply_units_and_dates(text: str, year: int | None, fields: Fields) -> None:
    """ "（区发改局牵头，区住建局配合，2025年12月底前）": the units in their roles, the date as the deadline.
    A table's "责任单位及完成时限" cell reads as such a bracket does."""
    for attribute, value in _unlabelled_cells(text):
        apply(fields, attribute, value, year)


def _unlabelled_cells(text: str) -> list[tuple[str, str]]:
    clauses = _clauses(text)
    names = "，".join(clause for clause in clauses if not _is_schedule(clause))
    return [("responsible_units", names), *(("deadline", clause) for clause in clauses if _is_schedule(clause))]


def _clauses(text: str) -> list[str]:
    return [clause.strip(_TRAILING) for clause in CLAUSE_SEPARATORS.split(text) if clause.strip(_TRAILING)]


def _is_schedule(clause: str) -> bool:
    """ "2025年12月底前", "长期坚持", "按季度推进", "每季度公开一次": when, not who ("县水利局负责" is who)."""
    if not names_schedule(clause):
        return False
    names, _role = _clause_role(clause, "responsible_units")
    return not any(is_unit_name(name) for name in _clause_names(names, "responsible_units"))


# "各1份", "各两张": how many of each, as a list of papers to hand in counts them ("（各1份）"), no "各" of units.
EACH_COUNT_RE = re.compile(r"^各[\d一二两三四五六七八九十]")


# Items named by their numbers opening a clause: "第一项由县住建局牵头", "第1、2项由…" – no unit's name begins so.
ITEMS_NAMED_RE = re.compile(rf"^第{_ITEM_NUMBERS}项")


def is_unit_name(name: str) -> bool:
    """Whether an unlabelled bracket's word names a unit: it ends as units do ("县水利局", "相关镇街"),
    or is a short "各" of them ("各地"). "各社区自行" and "各地结合实际" are a unit and a verb phrase; "第一项由
    县住建局" names an item by its number before its unit (``ITEMS_NAMED_RE``), no unit."""
    if len(name) < 2 or ITEMS_NAMED_RE.match(name):
        return False
    return name.endswith(UNIT_ENDINGS) or name.startswith("各") and len(name) <= 4 and not EACH_COUNT_RE.match(name)


def is_organ_title(text: str) -> bool:
    """A title that is only the names of units, each ending as an organ's name does ("综治中心", "派出所",
    "应急管理办公室", "各社区居委会", "各村（社区）", the bracket another name it goes by): narrower than
    ``is_unit_name``, no place or body a topic names ("老旧小区", "美丽乡村", "基层党组织", "第一网格（…）")."""
    names = split_names(text)
    return bool(names) and all(_organ_name(BRACKETED_RE.sub("", name)) for name in names)


def _organ_name(name: str) -> bool:
    ends_as_organ = name[-1:] in UNIT_NAME_ENDS or name.endswith(UNIT_NAME_END_WORDS) or name.startswith("各")
    return ends_as_organ and is_unit_name(name)


def _trailing_labels(text: str) -> int | None:
    """Where labels written after the task's sentences begin ("…每季度召开一次。牵头单位：综治中心；
    完成时限：4月底前。"): a label just after a sentence's end, from which every sentence to the end of
    the text starts with a label. None if the text has no such tail."""
    for found in LABEL_RE.finditer(text):
        start = found.start()
        # After a dash too ("…500路。——牵头：城管办", as a PDF keeps it without the space).
        if start == 0 or text[start - 1] not in TAIL_OPENERS + "—－-":
            continue
        sentences = [part for part in re.split(r"[。！？!?]+", text[start:]) if part.strip()]
        if all(LABEL_RE.match(part.strip()) for part in sentences):
            return start
    return None


def open_assignment(text: str, following: str) -> bool:
    """Whether ``text`` stops inside its assignment phrase, which the line ``following`` finishes: a
    bracket opened on a label and not closed ("…。（牵头单位：区司法局；", even "…。（责任单"), or labels
    after the task cut after a label or a separator ("…；完成时限：", "责任单位：司法所、") or inside a
    label ("…；完成时" / "限：4月底前。"), or inside or after a label in square brackets ("…各街道【办结时" /
    "限】6月底前", "…【办结时限】" / "6月底前"). A line cut where a PDF or a manual line break wrapped it."""
    text, following = text.rstrip(), following.strip()
    if any(found.start() < len(text) <= found.end() for found in SQUARE_LABEL_RE.finditer(text + following)):
        return True
    opened = max(text.rfind("（"), text.rfind("("))
    inside = text[opened + 1 :].strip()
    if opened > max(text.rfind("）"), text.rfind(")")) and inside:
        # The label itself may be cut: "（责任单" / "位：消防站）".
        if LABEL_RE.match(inside) or any(label.startswith(inside) for label in LABELS):
            return True
        # "（区环境分局牵头，相关镇" / "街配合，10月底前）": units in their roles, closed on the next line.
        closed = _closing_bracket("（" + following, 0)
        if closed is not None and _names_units_in_roles(inside + following[: closed - 1]):
            return True
    if not text or (0 if LABEL_RE.match(text) else _trailing_labels(text)) is None:
        return False
    if text[-1] in "：:、，,；;" or _name_cut_before_labels(text, following):
        return True
    joined = text + following
    return any(found.start() < len(text) < found.end() for found in LABEL_RE.finditer(joined))


# The rest of a name the wrap cut and its separator, then the next label: "应急管理局；配合单位：…".
NAME_REST_RE = re.compile(r"^[^。！？!?；;：:，,、\s]{1,12}[；;]")


def _name_cut_before_labels(text: str, following: str) -> bool:
    """ "…责任单位：县" / "应急管理局；配合单位：各乡镇；…": the last label's value runs to the end of the
    line with no separator after it, and the next line finishes a name before its own label."""
    last = next(reversed(list(LABEL_RE.finditer(text))), None)
    if last is None or re.search(r"[。！？!?；;]", text[last.end() :]):
        return False
    rest = NAME_REST_RE.match(following)
    return bool(rest and LABEL_RE.match(following[rest.end() :].strip()))


def label_of(matched: str) -> str:
    """The label a match of ``LABEL_RE`` found, without the spaces it may be typed with."""
    return re.sub(r"[ \u3000]", "", matched)


def spaced_labels(text: str) -> str:
    """A line of labels and values lined up by runs of spaces, no colons ("牵头领导  刘建国      责任单位  区住建局
    完成时限  2026年11月30日"), written as labels are ("牵头领导：刘建国；责任单位：区住建局；…"); "" for any other
    line: at least two labels, each before one value, and no value a label or with a colon of its own."""
    tokens = re.split(r"[\s\u3000]+", text.strip())
    if len(tokens) == 1:
        tokens = _run_together_labels(text.strip())
    if len(tokens) < 4 or len(tokens) % 2:
        return ""
    labels, values = tokens[0::2], tokens[1::2]
    if not all(label in LABELS for label in labels) or any(
        value in LABELS or re.search("[：:]", value) for value in values
    ):
        return ""
    return "；".join(f"{label}：{value}" for label, value in zip(labels, values, strict=True))


RUN_TOGETHER_LABEL_RE = re.compile(_LONG_LABELS)
# A short label and its colon run on after the value before it ("…民政专干时间：9/30"), as a PDF loses the spaces
# of a line of short labels.
RUN_ON_SHORT_LABEL_RE = re.compile(rf"(?<=[\u4e00-\u9fff])(?=(?:{_SHORT_LABELS})[：:])")


def parted_short_labels(text: str) -> str:
    """A line that opens with a short label ("负责：社区卫生服务站配合：民政专干时间：9/30") with its later short
    labels set apart by a space, as it was written before a PDF ran them on; any other line as it is."""
    found = LABEL_RE.match(text)
    if not found or label_of(found.group(1)) not in SHORT_LABELS:
        return text
    return RUN_ON_SHORT_LABEL_RE.sub("\u3000", text)


def _run_together_labels(text: str) -> list[str]:
    """The labels and values of such a line whose spaces a PDF lost ("牵头领导刘建国责任单位区住建局完成时限
    2026年11月30日"): long labels only, the first opening the line, each value short and no clause of a
    sentence ("工作目标明确责任单位落实到位，…" is one)."""
    starts = [found.start() for found in RUN_TOGETHER_LABEL_RE.finditer(text)]
    if not starts or starts[0] != 0:
        return []
    tokens = []
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        found = RUN_TOGETHER_LABEL_RE.match(text, start)
        value = text[found.end() : end]
        if not value or len(value) > 30 or re.search("[，,。；;！？]", value):
            return []
        tokens += [found.group(0), value]
    return tokens


def is_assignment_line(text: str) -> bool:
    """A line of labels ("责任单位：林业站"), or one bracket of them alone ("（责任单位：林业站）")."""
    text = text.strip()
    if LABEL_RE.match(text) or SQUARE_LABEL_RE.match(text):
        return True
    found = next(iter(_bracketed(text)), None)
    return bool(found) and found[0] == text.rstrip("。；;")


def for_all_above(text: str) -> str:
    """What a line gives every item above it: its labels ("以上各项，牵头单位：…；完成时限：…"), or the
    line itself when it is one sentence that hands them out ("以上各项由X牵头，6月底前完成。"); or ""."""
    text = text.strip()
    found = FOR_ALL_ABOVE_RE.match(text)
    if found and is_assignment_line(text[found.end() :]):
        return text[found.end() :]
    return text if _assigns_above(text) else ""


def _assigns_above(text: str) -> bool:
    """ "以上各项由X牵头，Y配合，6月底前完成。": one sentence, units in their roles, for the items above."""
    sentence = text.strip(_TRAILING)
    return (
        sentence.startswith(("以上", "上述"))
        and LEADING_RE.match(sentence) is not None
        and not re.search(r"[。；;！？!?]", sentence)
        and _names_units_in_roles(sentence)
    )


def read_above(text: str, year: int | None, into: Fields | None = None) -> Assignment:
    """The fields of what ``for_all_above`` returned: its labels, or its sentence."""
    if not _assigns_above(text):
        return extract(text, year, into=into)
    result = Assignment(fields=into if into is not None else Fields(), phrases=[text.strip()])
    apply_units_and_dates(text.strip().strip(_TRAILING), year, result.fields)
    return result


def _segments(text: str) -> list[tuple[re.Match, str]]:
    """Each label of a line of labels and the value after it, up to the next label."""
    matches = list(LABEL_RE.finditer(text))
    ends = [match.start() for match in matches[1:]] + [len(text)]
    return [(match, text[match.end() : end].strip().strip(_TRAILING)) for match, end in zip(matches, ends, strict=True)]


def _apply_segments(text: str, year: int | None, fields: Fields) -> None:
    for match, value in _segments(text):
        first, second = label_field(label_of(match.group(1))), label_field(label_of(match.group("second") or ""))
        if first in UNIT_ATTRIBUTES and second == "persons":
            apply_units_and_persons(fields, first, value, year)
        else:
            apply(fields, first, value, year)
        if label_of(match.group(1)) in SPAN_LABELS and _names_start_only(value, year):
            fields.deadline = None


# A date that says when work begins by its verb ("2026年3月开工", "5月启动"), as 起 does by its mark.
STARTED_BY_RE = re.compile(r"(?:开工|动工|开建|启动|实施)\s*$")


def _names_start_only(value: str, year: int | None) -> bool:
    """Whether a span label's value ("起止时间：2026年3月开工", "起止日期：2026年5月1日起", "自2026年4月起，长期
    坚持") names only when the work begins: one dated clause, one date in it, a start (``START_ONLY_RE``) or a
    start's verb after it (``STARTED_BY_RE``). A span with two ends ("2026年4月—2026年9月", "2026年3月开工，10月
    完工") ends on its deadline."""
    dated = [clause.strip() for clause in re.split(r"[，,；;。]", value) if find_dates(clause, year)]
    return (
        len(dated) == 1
        and len(find_dates(dated[0], year)) == 1
        and bool(START_ONLY_RE.search(dated[0]) or STARTED_BY_RE.search(dated[0]))
    )


# A clerk's ditto mark for "the same as above": 〃 (or the quotes typed for it), 同上, in a table's cell or
# as a field's value.
DITTO_RE = re.compile(r"^(?:〃+|同上|″|”|\"|'')$")


def resolve_dittos(items: Iterable[Node]) -> None:
    """ "责任科室：同上　完成时限：同上": a field line whose names or date say "同上" gives the item the names
    or the date of the item above it, as a ditto mark in a table's cell says what the cell above it says."""
    above = Fields()
    for item in items:
        fields = item.fields
        for attribute in NAME_ATTRIBUTES:
            names = getattr(fields, attribute)
            if any(DITTO_RE.match(name) for name in names):
                setattr(fields, attribute, _said_again(names, getattr(above, attribute)))
        if DITTO_RE.match(fields.deadline_text.strip()) and not (fields.deadline or fields.ongoing):
            fields.deadline, fields.ongoing, fields.deadline_text = above.deadline, above.ongoing, above.deadline_text
            fields.milestones = fields.milestones or list(above.milestones)
        above = fields


def _said_again(names: list[str], above: list[str]) -> list[str]:
    """``names`` with each ditto mark among them written out as the names ``above``."""
    return list(dict.fromkeys(said for name in names for said in (above if DITTO_RE.match(name) else [name])))


def apply_units_and_persons(fields: Fields, attribute: str, value: str, year: int | None) -> None:
    """ "责任单位及责任人：党政办、王明": the names that end as units do are the units, the others people."""
    units, people = [], []
    for name in split_outside_brackets(UNIT_SEPARATORS, value):
        name = name.strip(_TRAILING)
        if name:
            (units if is_unit_name(name) or name.startswith("各") else people).append(name)
    apply(fields, attribute, "、".join(units), year)
    apply(fields, "persons", "、".join(people), year)


def apply(fields: Fields, attribute: str, value: str, year: int | None) -> None:
    """Put one labelled value into ``fields``; lists grow, a second deadline is kept as a milestone."""
    if not value:
        return
    if attribute in UNIT_ATTRIBUTES:
        value = _take_units_when(fields, _take_compact_parts(fields, value, year), year)
    if attribute in NAME_ATTRIBUTES:
        found = read_names(value, attribute)
        for role, names in found.by_role.items():
            known = getattr(fields, role)
            known.extend(name for name in names if name not in known)
        fields.open_ended.extend(phrase for phrase in found.open_ended if phrase not in fields.open_ended)
    elif attribute == "deadline":
        if fields.deadline_text and LENGTH_OF_TIME_RE.match(value.strip()):
            return  # "完成时限：6月底前；服务期限：3年": how long it runs, no second by-when
        apply_schedule(fields, slashed_date(value), year)
    elif attribute == "milestones":
        fields.milestones.extend(find_milestones(value, year))
        if not fields.deadline_text:
            apply_schedule(fields, value, year)
            last = [stage for stage in re.split(r"[；;。\n]+", value) if stage.strip()][-1:]
            if last and _goes_on(last[0], year):
                fields.deadline, fields.ongoing = None, True
    elif attribute == REQUIREMENT:
        _apply_requirement(fields, value, year)
    elif attribute == "cadence":
        fields.cadence, fields.report_day = parse_cadence(value)
    elif attribute == "points":
        fields.points = parse_points(value)
    elif attribute == "target":
        fields.target = f"{fields.target}\n{value}".strip()


# A length of time alone ("3年", "两年", "6个月", "30天", "15个工作日"), as a label of a period gives it
# ("服务期限：3年", "建设周期：6个月"): how long the work runs, no day to finish by. Not "3月" (March) nor "30日".
LENGTH_OF_TIME_RE = re.compile(
    r"^(?:\d+(?:\.\d+)?|[一二两三四五六七八九十半]{1,3})\s*(?:年|个月|周|天|个?工作日|小时)(?:以内|之内|内)?[。.；;]?$"
)


# A leader's label and the leader, no colon between, as one clause of a unit's value: "分管领导 周明".
LEADER_CLAUSE_RE = re.compile(
    r"^(?:{})[ \u3000]*[：:]?[ \u3000]*(?P<name>[\u4e00-\u9fff·]{{2,4}}(?:[、，,][\u4e00-\u9fff·]{{2,4}})*)$".format(
        "|".join(sorted((label for label, name in LABELS.items() if name == "lead_leaders"), key=len, reverse=True))
    )
)


def _take_compact_parts(fields: Fields, value: str, year: int | None) -> str:
    """ "责任：分管领导 周明；党建办牵头，各社区党委落实；3—12月": one label over the whole assignment, its
    parts apart by semicolons without labels of their own. A part that is a leader's label and name gives
    the leader; a part that is only when gives the deadline (unless one is known). The rest are units."""
    parts = split_outside_brackets(re.compile(r"[；;]"), value)
    if len(parts) < 2:
        return value
    kept = []
    for part in parts:
        part = part.strip().strip(_TRAILING)
        leader = LEADER_CLAUSE_RE.match(part)
        if leader and not _HAS_ROLE.search(leader.group("name")):
            apply(fields, "lead_leaders", leader.group("name"), year)
        elif part and _is_schedule(part) and _names_deadline(part, year):
            if not fields.deadline_text:
                apply_schedule(fields, part, year)
        else:
            kept.append(part)
    return "；".join(kept)


def _names_deadline(text: str, year: int | None) -> bool:
    """Whether ``text`` names a day to finish by in the plan's year ("春节前" has one in the years the
    festival table holds), or in any year when the plan's is unknown."""
    return bool((parse_schedule(text, year) if year else schedule_in_any_year(text)).deadline)


# "县交通局，9月底前", "县公路中心、各乡镇 2026年6月底前", "县交通局（长期坚持）": after a unit label's units, with
# no label of its own, when the work is due, as the value's last clause or its closing bracket.
UNITS_THEN_WHEN_RE = re.compile(r"^(?P<units>.*?[^、，,\s\u3000])[、，,\s\u3000]+(?P<when>[^、，,；;\s\u3000]+)$")
CLOSING_WHEN_RE = re.compile(r"^(?P<units>.+?)[（(](?P<when>[^（）()]+)[）)]$")
# The holidays a plan names its work to be done before ("春节前", "国庆节前"), the days of which the calendar knows.
HOLIDAYS = r"(?:春节|元旦|国庆节?|五一|劳动节|七一|建党节)"
# How such a "when" opens: a date in figures or words, a quarter ("一季度", "第二季度", "三季度末"), a word of
# when ("长期坚持", "每季度", "按月", "年底前"), or a holiday ("春节前"), never a unit's name ("各社区按季度推进" is the
# units' own clause).
WHEN_OPENING_RE = re.compile(
    r"^(?:\d|[〇零一二三四五六七八九十]{1,4}[年月]|第?[一二三四]\s*季度|每|按|长期|持续|常态|全年|年[底内末]|上半年|下半年|即日"
    rf"|{HOLIDAYS}\s*(?:假期\s*)?(?:以|之)?前(?!后))"
)


def _take_units_when(fields: Fields, value: str, year: int | None) -> str:
    """The units of ``value`` without a closing "when" ("县交通局，9月底前" → 县交通局), which gives the deadline
    unless one is known. A closing clause that names a unit ("各乡镇按季度推进") stays the units'."""
    for pattern in (CLOSING_WHEN_RE, UNITS_THEN_WHEN_RE):
        found = pattern.match(value.strip().strip(_TRAILING))
        if found and WHEN_OPENING_RE.match(found.group("when")) and _is_schedule(found.group("when")):
            if not fields.deadline_text:
                apply_schedule(fields, found.group("when"), year)
            return found.group("units")
    return value


# "会同县财政局、县审计局研究…": the units the work is done together with, each name up to the end a
# unit's name has, before another name or the verb of what they do together.
_TOGETHER_VERBS = "研究|制定|开展|做好|推进|抓好|完成|共同|联合|组织|落实|加强|建立|提出|编制|实施|对|做|抓"
_UNIT_END = "|".join(sorted(UNIT_ENDINGS, key=len, reverse=True))
TOGETHER_WITH_RE = re.compile(
    rf"会同((?:[\u4e00-\u9fff]{{1,20}}?(?:{_UNIT_END})(?=[、，,和及与]|{_TOGETHER_VERBS})[、和及与]?)+)"
)


def _apply_requirement(fields: Fields, text: str, year: int | None) -> None:
    """ "办理要求：会同县财政局研究提出方案，7月底前完成设计，9月底前开工": what the handling must
    achieve, in prose. The last date it names to finish by is the deadline, unless a label gave one;
    the units it is done together with ("会同X、Y") cooperate; its targets are the item's."""
    fields.requirement = f"{fields.requirement}\n{text}".strip()
    if not fields.deadline_text:
        schedule = parse_schedule(text, year)
        if schedule.deadline or schedule.ongoing:
            fields.deadline_text = text
            fields.deadline, fields.ongoing = schedule.deadline, schedule.ongoing
    for found in TOGETHER_WITH_RE.finditer(text):
        apply(fields, "cooperating_units", found.group(1).strip("、和及与"), year)


def _goes_on(stage: str, year: int | None) -> bool:
    """The last stage is work at a cadence through the year ("全年按月探访", "每月开展一次"), no date to
    finish by: the item goes on."""
    return bool(parse_cadence(stage)[0]) and not find_dates(stage.replace("全年", ""), year)


def apply_schedule(fields: Fields, text: str, year: int | None) -> None:
    fields.deadline_text = text
    schedule = parse_schedule(text, year)
    fields.deadline = schedule.deadline
    fields.ongoing = schedule.ongoing
    if schedule.cadence and not fields.cadence:
        fields.cadence, fields.report_day = schedule.cadence, schedule.report_day


# --- dates -------------------------------------------------------------------------------------

# "重要节假日前", "节假日期间": before or during every holiday, again each time.
# A school's "全学年" and "每学期" go on through the school year as "全年" through the year.
ONGOING_WORDS = (
    "长期坚持", "长期", "持续推进", "持续开展", "持续抓好", "常态化", "全年", "贯穿全年", "节假日", "全学年", "每学期",
)  # fmt: skip
# A year in figures or words, or the year after the plan's ("次年1月底前", "翌年3月"); not "明年", which counts from
# the day the plan was written, often the year before its own.
# With no year, a match never starts inside a run of spaces (``(?!(?<=\s)\s)``): it starts where the run does, as
# the leftmost match would, and a long run is crossed once, not once from each of its spaces (quadratic).
_YEAR = r"(?:(\d{4}|[〇零一二三四五六七八九]{4}|次|翌)\s*年|(?!(?<=\s)\s))"
_MONTH = r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
# A day is written 日, or 号 in a plainer hand ("10月15号前"): 号 only before what follows a day (前, 起, 完成, a
# time of day, a stop, a bracket, the end), not a numbered thing after a month ("6月完成3号楼", "9月3号路通车",
# "12月1号、2号楼交付").
_DAY_MARK = r"(?:日|号(?=$|[前止起至到—\-~～，。；;,\s（(）)]|之前|以前|以内|开始|完成|截止|上午|下午|中午|晚|时))"
_DAY = rf"\s*+(?:(\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*{_DAY_MARK}|(底|末|中旬|上旬|下旬|初))?"
DATE_RE = re.compile(_YEAR + r"\s*" + _MONTH + _DAY)
ISO_RE = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
# "2022.10", "2022/10", "2022-10": a month, due at its end. Not a decimal inside a longer number
# ("12022.10"), nor the start of a full date (taken first by ISO_RE).
YEAR_MONTH_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})\s*[-/.]\s*(1[0-2]|0?[1-9])(?![\d.%％])")
# "6.30前", "9/15以前": a month and day in figures with no year, a date only before 前 (not "6.30万元").
# A node the year is driven to is written with a middle dot and quoted: 确保“6·30”前完成.
MONTH_DAY_BY_RE = re.compile(
    r"(?<![\d./·-])(1[0-2]|0?[1-9])\s*[./·・]\s*(3[01]|[12]\d|0?[1-9])\s*[”\"’']?\s*(?:以|之)?前"
)
# A month and day, slashed, with no year ("6/30", "9/30"): a date of the plan's year only where a label or a
# header says the value is one (完成时间：9/30, a 完成时限 column); elsewhere it may be a fraction (a 进度 of "6/30",
# six done of thirty; a 配套比例 of "1/2"), so ``find_dates`` does not take it.
SLASHED_MONTH_DAY_RE = re.compile(r"(1[0-2]|0?[1-9])\s*[/／]\s*(3[01]|[12]\d|0?[1-9])")


def month_day(found: re.Match) -> str:
    """A month and day matched in figures, written as a date is ("6/30" → 6月30日)."""
    return f"{int(found.group(1))}月{int(found.group(2))}日"


def slashed_date(text: str) -> str:
    """A value under a label or header of dates: a slashed month and day written out ("9/30" → 9月30日);
    any other value as it is."""
    found = SLASHED_MONTH_DAY_RE.fullmatch(text.strip())
    return month_day(found) if found else text


# Before a holiday of a fixed day ("国庆节前", "五一前"): its eve. Not 春节 (its day moves with the lunar
# calendar: SPRING_FESTIVAL_EVE_RE) or 中秋, nor 元旦 (NEW_YEAR_EVE_RE). Nor "国庆节前后", "春节前后" (here and in
# the other eve patterns): around the holiday, on no day to finish by.
HOLIDAY_EVE_RE = re.compile(_YEAR + r"\s*(国庆节?|五一|劳动节|七一|建党节)\s*(?:假期\s*)?(?:以|之)?前(?!后)")
HOLIDAY_EVES = {
    "国庆": (9, 30),
    "国庆节": (9, 30),
    "五一": (4, 30),
    "劳动节": (4, 30),
    "七一": (6, 30),
    "建党节": (6, 30),
}
# Before New Year's Day ("元旦前"): the coming one, whose eve is the last day of the plan's year; "2026年元旦前"
# names the 元旦 of 2026, whose eve is in 2025.
NEW_YEAR_EVE_RE = re.compile(_YEAR + r"\s*元旦\s*(?:假期\s*)?(?:以|之)?前(?!后)")
# Before the Spring Festival ("春节前"): the day before it, from the table of its days.
SPRING_FESTIVAL_EVE_RE = re.compile(_YEAR + r"\s*春节\s*(?:假期\s*)?(?:以|之)?前(?!后)")
YEAR_END_RE = re.compile(_YEAR + r"\s*(年底|年末|年内|年终|全年|年度内)")
# A year that labels a stage, at the start of it ("2024年：开工建设；2025年：建成通水"): the stage is due by the
# year's end. Not a year inside a sentence ("2023年以来", "较2022年：" after words). ``YEAR_LABEL`` is the year
# before the colon, as the parser's lead of a year's line reads it too (``parse.DATED_LEAD_RE``).
YEAR_LABEL = r"(?P<whole_year>\d{4})\s*年"
YEAR_LABEL_RE = re.compile(rf"(?:^|(?<=[；;。\n]))[ \u3000]*{YEAR_LABEL}[ \u3000]*[：:]")
# "上半年", "年中" (not "一年中"), and as a ledger writes it, "H1" or "2025 H2".
HALF_RE = re.compile(_YEAR + r"\s*(上半年|下半年|(?<![一全每])年中|(?<![A-Za-z])[Hh][12](?![\dA-Za-z]))")
FIRST_HALF = ("上半年", "年中", "H1", "h1")
# The end of a school term ("第一学期末"): a school year begins in September of the plan's year, so its
# first (autumn) term ends in January and its second (spring) term in July of the year after.
TERM_END_RE = re.compile(r"(第一|第二|上|下)学期(?:末|结束前?)")
TERM_END_MONTHS = {"第一": 1, "上": 1, "第二": 7, "下": 7}
# "第三季度", "三季度末", and as a ledger writes it, "2029年Q3" or "2029 Q3".
QUARTER_RE = re.compile(
    _YEAR + r"\s*(?:(?:第\s*)?([一二三四1-4])\s*季度(?:末|底)?|(?<![A-Za-z])[Qq]([1-4])(?![\dA-Za-z]))"
)

# A start and how long the work takes from it ("自4月1日起，用两个月时间完成", "5月10日起30天内"): due on the
# span's last day, not on its first.
SPAN_FROM_RE = re.compile(
    rf"(?P<start>{DATE_RE.pattern})\s*(?:起|开始)[，,]?\s*(?:用|利用|花|历时)?\s*"
    r"(?P<count>\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?P<unit>个\s*月|个?星期|周|天|日)"
)
# A start and how often the work is done from it ("自6月1日起，3天一次开展巡查", "自9月1日起，每周一次调度",
# "自6月1日起，每日开展巡查"): a task that recurs, due neither on its start nor on its first round's end.
# "每" says it recurs alone; a bare count needs its 次 ("3天一次"), else it is a span (``SPAN_FROM_RE``).
_ROUND = r"(?:个\s*月|个?星期|周|天|日|月|季度?|年)"
RECURRING_FROM_RE = re.compile(
    rf"{DATE_RE.pattern}\s*(?:起|开始)[，,]?\s*"
    rf"(?:每\s*(?:\d{{1,3}}|[一二三四五六七八九十两]{{1,3}})?\s*{_ROUND}(?:\s*(?:[一二两三1-3]\s*)?[次回轮])?"
    rf"|(?:\d{{1,3}}|[一二三四五六七八九十两]{{1,3}})\s*{_ROUND}\s*(?:[一二两三1-3]\s*)?[次回轮])"
)


@dataclass
class Schedule:
    deadline: datetime.date | None = None
    ongoing: bool = False
    cadence: str = ""
    report_day: int | None = None


def parse_schedule(text: str, year: int | None) -> Schedule:
    """ "2020年12月底前" → 2020-12-31; "6月底前" → the plan's year; "长期坚持" → ongoing;
    "每季度" → ongoing, reported quarterly. The last date named is the deadline."""
    cadence, day = parse_cadence(text)
    dates = find_dates(text, year)
    if dates and _ends_going_on(text, year):
        return Schedule(ongoing=True, cadence=cadence, report_day=day)
    if dates:
        return Schedule(deadline=max(dates), cadence=cadence, report_day=day)
    # "每周六上午" as a time or a deadline: a fixed day of every week, the work goes on (``WEEKDAY_CADENCE_RE``).
    ongoing = bool(cadence) or any(word in text for word in ONGOING_WORDS) or bool(WEEKDAY_CADENCE_RE.search(text))
    return Schedule(ongoing=ongoing, cadence=cadence, report_day=day)


def _ends_going_on(text: str, year: int | None) -> bool:
    """ "春节前完成节前大检查，全年持续推进": a first stage by a date, the last going on all year with no
    date of its own ("全年" is its span, no end to meet): the item goes on. "6月底前完成，持续推进" and
    "全年持续推进" alone too; "持续推进，6月底前完成" ends on its date."""
    stages = [stage for stage in re.split(r"[，,；;。]+", text) if stage.strip()]
    last = stages[-1] if stages else ""
    return any(word in last for word in GOING_ON_WORDS) and not find_dates(last.replace("全年", ""), year)


def find_dates(text: str, year: int | None) -> list[datetime.date]:
    """Every date a phrase names, each at the end of the period it names (月底 → last day)."""
    found: list[tuple[int, datetime.date]] = []
    taken: list[range] = []

    def add(match: re.Match, day: datetime.date | None) -> None:
        span = range(*match.span())
        if day and not any(set(span) & set(other) for other in taken):
            taken.append(span)
            found.append((match.start(), day))

    for match in RECURRING_FROM_RE.finditer(text) if "起" in text or "开始" in text else ():
        taken.append(range(*match.span()))
    for match in SPAN_FROM_RE.finditer(text) if "起" in text or "开始" in text else ():
        add(match, _span_end(match, year))
    for match in ISO_RE.finditer(text):
        add(match, _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3))))
    for match in YEAR_MONTH_RE.finditer(text):
        add(match, _month_end(int(match.group(1)), int(match.group(2))))
    for match in MONTH_DAY_BY_RE.finditer(text):
        add(match, _safe_date(year, int(match.group(1)), int(match.group(2))) if year else None)
    for match in DATE_RE.finditer(text):
        add(match, _month_date(match, year))
    for match in HOLIDAY_EVE_RE.finditer(text):
        the_year = _year(match.group(1), year)
        add(match, datetime.date(the_year, *HOLIDAY_EVES[match.group(2)]) if the_year else None)
    for match in NEW_YEAR_EVE_RE.finditer(text):
        the_year = _year(match.group(1), year + 1 if year else None)
        add(match, datetime.date(the_year - 1, 12, 31) if the_year else None)
    for match in SPRING_FESTIVAL_EVE_RE.finditer(text):
        the_year = _year(match.group(1), year)
        add(match, spring_festival_eve(the_year) if the_year else None)
    for match in YEAR_END_RE.finditer(text):
        the_year = _year(match.group(1), year)
        add(match, datetime.date(the_year, 12, 31) if the_year else None)
    for match in YEAR_LABEL_RE.finditer(text):
        if year and int(match.group("whole_year")) < year:
            continue  # "2022年：清理垃圾800吨" in a plan of 2024: how things were, no stage of the work
        add(match, datetime.date(int(match.group("whole_year")), 12, 31))
    for match in HALF_RE.finditer(text):
        the_year = _year(match.group(1), year)
        month = 6 if match.group(2) in FIRST_HALF else 12
        add(match, _month_end(the_year, month) if the_year else None)
    for match in QUARTER_RE.finditer(text):
        the_year = _year(match.group(1), year)
        quarter = chinese_number(match.group(2) or match.group(3)) or 0
        add(match, _month_end(the_year, quarter * 3) if the_year and 1 <= quarter <= 4 else None)
    for match in TERM_END_RE.finditer(text):
        add(match, _month_end(year + 1, TERM_END_MONTHS[match.group(1)]) if year else None)
    return [day for _, day in sorted(found)]


def names_date(text: str) -> bool:
    """Whether a phrase names a date ("6月底前", "三季度", "2月29日前", "春节前"), in whatever year it falls: read
    as in a leap year, where every day of the calendar is a date (``ANY_LEAP_YEAR``)."""
    return bool(find_dates(text, ANY_LEAP_YEAR))


def names_schedule(text: str) -> bool:
    """Whether a phrase says when ("2025年12月底前", "9月底前", "2月29日前", "长期坚持", "每季度公开一次"),
    a date to meet or work that goes on, in whatever year it falls."""
    schedule = schedule_in_any_year(text)
    return bool(schedule.deadline or schedule.ongoing)


def schedule_in_any_year(text: str) -> Schedule:
    """What a phrase says of when, read as in a leap year (see ``names_date``): for a caller that asks which
    kind of when it is; the deadline's day itself is the plan's year's (``parse_schedule``)."""
    return parse_schedule(text, ANY_LEAP_YEAR)


# A leap year the table of moving festivals holds (``festivals.SPRING_FESTIVAL``), so that "春节前" names a date in it
# as "2月29日前" does.
ANY_LEAP_YEAR = 2024


def find_milestones(text: str, year: int | None) -> list[tuple[datetime.date, str]]:
    """ "3月底前完成方案，6月底前全面推开" → [(03-31, "3月底前完成方案"), (06-30, "6月底前全面推开")]."""
    milestones = []
    for part in re.split(r"[；;，,。\n]+", text):
        part = part.strip()
        dates = find_dates(part, year)
        if part and dates:
            milestones.append((dates[0], part))
    return milestones


def _span_end(match: re.Match, year: int | None) -> datetime.date | None:
    """The last day of a span counted from its first ("自4月1日起，用两个月时间" → 5月31日); a start
    without its day ("自3月起") counts from the month's first."""
    start = DATE_RE.match(match.group("start"))
    first = _month_date(start, year)
    if first is not None and not start.group(3) and not start.group(4):
        first = first.replace(day=1)
    count = chinese_number(match.group("count"))
    if first is None or not count:
        return None
    unit = match.group("unit")
    if unit.endswith("月"):
        months = first.month - 1 + count
        the_year, month = first.year + months // 12, months % 12 + 1
        after = _safe_date(the_year, month, first.day) or _month_end(the_year, month) + datetime.timedelta(days=1)
    else:
        after = first + datetime.timedelta(days=count * (1 if unit in "天日" else 7))
    return after - datetime.timedelta(days=1)


def _month_date(match: re.Match, year: int | None, first: bool = False) -> datetime.date | None:
    """The day a ``DATE_RE`` match names: its day if written, else the end of its month or of the part of the
    month it names ("6月底" 6月30日, "6月中旬" 6月20日); with ``first``, when a span begins, its month's first day."""
    the_year = _year(match.group(1), year)
    month = chinese_number(match.group(2))
    if not the_year or not month or not 1 <= month <= 12:
        return None
    if match.group(3):
        day = chinese_number(match.group(3))
        return _safe_date(the_year, month, day or 0)
    if first:
        return datetime.date(the_year, month, 1)
    period = match.group(4) or ""
    if period in ("中旬",):
        return datetime.date(the_year, month, 20)
    if period in ("上旬", "初"):
        return datetime.date(the_year, month, 10)
    return _month_end(the_year, month)


def _year(text: str | None, default: int | None) -> int | None:
    if not text:
        return default
    if text in NEXT_YEAR:
        return default + 1 if default else None
    if text.isdigit():
        return int(text)
    return int("".join(str(CN_DIGITS[ch]) for ch in text))


NEXT_YEAR = ("次", "翌")


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


# --- cadence, points, indicators ------------------------------------------------------------------

CADENCE_RE = re.compile(r"(每月|按月|每季度?|按季度?|(?<!部)分季度|每半年|每年|按阶段|按节点|不定期)")
# A table's 汇报频次 cell may say just "月度" or "季度"; in running text those words name a period.
CELL_CADENCES = {"月": "monthly", "月度": "monthly", "季": "quarterly", "季度": "quarterly", "半年": "per_stage"}
REPORT_DAY_RE = re.compile(r"(\d{1,2})\s*日")


def parse_cadence(text: str) -> tuple[str, int | None]:
    """ "每月25日前" → ("monthly", 25); "每季度" → ("quarterly", None); anything else → ("", None)."""
    if text.strip() in CELL_CADENCES:
        return CELL_CADENCES[text.strip()], None
    match = CADENCE_RE.search(text)
    if not match:
        return "", None
    word = match.group(1)
    if "月" in word:
        cadence = "monthly"
    elif "季" in word:
        cadence = "quarterly"
    elif word == "不定期":
        cadence = "none"
    else:
        cadence = "per_stage"
    day_match = REPORT_DAY_RE.search(text, match.end())
    day = int(day_match.group(1)) if day_match and 1 <= int(day_match.group(1)) <= 31 else None
    return cadence, day


def parse_points(text: str) -> Decimal | None:
    match = re.search(r"\d+(?:\.\d+)?", text)
    if not match:
        return None
    try:
        return Decimal(match.group(0))
    except InvalidOperation:
        return None


# Measure words, longest first where one starts another; a magnitude (万, 亿) may come before and
# 次 after ("万人次", "家次"), so "户次" needs no entry of its own.
_BASE_MEASURES = (
    "个百分点", "个工作日", "工作日", "平方公里", "平方米", "立方米", "微克/立方米", "公里", "千米", "公顷",
    "小时", "分钟", "课时", "学时", "节", "%", "％", "‰", "人", "名", "位", "户", "家", "个", "件", "起", "宗",
    "场", "次", "份", "篇", "期", "条", "项", "所", "批", "处", "套", "册", "本", "元", "天", "吨标准煤", "吨标煤",
    "吨", "亩",
    "台", "辆", "座", "栋", "幢", "间", "张", "支", "门", "块", "片", "株", "米", "岁", "倍", "轮", "车", "趟",
    "部", "卷", "盏", "棵", "只", "幅", "首", "头", "羽", "艘", "架", "棚", "口", "眼", "类", "种", "款", "例", "届",
    "路", "美元", "欧元", "港元", "袋", "箱", "桶", "千瓦时", "千瓦", "兆瓦",
    # Pages scanned or digitised ("扫描120万页"): a measure only after a target verb or a comparator (``_indicator``),
    # else a document's own pages ("共3页").
    "页",
    # Days as 天 are ("征求意见不少于30日"): a measure only after a comparator (``_indicator``), else a date's day.
    "日",
)  # fmt: skip
# Computing power in floating-point operations a second, as plans write it: "算力规模达到2000P", "5EFLOPS";
# a capital alone only where no letter follows ("2000P", not "3PPP项目").
_COMPUTING_MEASURES = r"[PE](?:FLOPS|Flops|flops)?(?![A-Za-z])"
# Storage and bandwidth as plans write them in Latin letters ("上线数字资源不少于10TB", "宽带速率达到1000Mbps"):
# only where no further letter follows ("5GB" counts, "3TBC" names something).
_DATA_MEASURES = r"(?:[KMGTPE]B|[KMGT]bps)(?![A-Za-z])"
# A processor's cores, as a cloud's capacity is counted ("新增计算资源2000核"): only where nothing but a
# bound ("2000核以上") or a stop goes on from 核; "3核心区", "5核实" count no cores, "8核16G云主机" describes.
_CORE_MEASURE = r"核(?=$|\W|及?以[上下内]|之内|左右)"
# Sets of a thing ("智能快递柜40组", "健身器材10组"): not a word 组 opens ("3组织", "2组建", "5组长").
_SET_MEASURE = r"组(?![织建成团合员长])"
# What splits people or work into groups before a count of 组 ("分3组", "分成4组", "编为2组").
GROUPED_INTO = ("分", "分成", "分为", "分作", "编成", "编为")
MEASURE = (
    rf"(?:万|亿|千)?(?:{'|'.join(re.escape(m) for m in _BASE_MEASURES)}|{_COMPUTING_MEASURES}|{_DATA_MEASURES}"
    rf"|{_CORE_MEASURE}|{_SET_MEASURE})次?"
)
COMPARATOR_WORDS = {
    **dict.fromkeys(
        ("≥", ">=", "＞＝", "不少于", "不低于", "不小于", "不下于", "至少", "最少", "达到", "达", "超过",
         "高于", "大于", "多于", "突破", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增至",
         "增长到", "增长至", "保持在", "稳定在"),
        "gte",
    ),
    **dict.fromkeys(
        ("≤", "<=", "＜＝", "不超过", "不高于", "不大于", "不多于", "至多", "最多", "控制在", "控制到", "低于",
         "少于", "小于", "降至", "降到", "降低到", "降低至", "下降到", "下降至", "减少到", "减少至", "压缩到",
         "压缩至", "压减到", "压减至", "缩短到", "缩短至", "缩减至", "减至",
         # "由20个工作日压缩为5个工作日": made as few as the figure, as "压缩至" says.
         "压缩为", "压减为", "缩短为", "缩减为", "减少为", "降低为", "下降为", "降为", "减为"),
        "lte",
    ),
}  # fmt: skip
TAIL_COMPARATORS = {"以上": "gte", "及以上": "gte", "以下": "lte", "及以下": "lte", "以内": "lte", "之内": "lte"}
_TAIL = "及以上|及以下|以上|以下|以内|之内|左右|上下"
_COMPARATOR = "|".join(sorted((re.escape(word) for word in COMPARATOR_WORDS), key=len, reverse=True))
_NUMBER = r"\d+(?:\.\d+)?"
_RANGE_DASH = r"(?:-|－|—|–|~|～|〜|至|到)"
# Words that make a counted noun after the number a target ("完成改造15个小区") rather than a
# description ("安排331名企业复工复产指导员").
TARGET_VERBS = re.compile(
    r"完成|新增|新建|建成|建设|改造|创建|培育|打造|实现|引进|招引|培训|开展|举办|组织|发展|提供|帮扶|"
    r"安置|招募|发放|覆盖|走访|排查|检查|检测|整治|化解|调解|推出|签约|开工|投用|建立|设立|培养|吸纳|带动|净增|累计|"
    r"力争|确保|服务|救助|慰问|回访|接待|受理|办结|培树|评选|推荐|征集|更新|维修|安装|种植|治理|清理|"
    r"划分|设置|配备|配齐|组建|成立|选派|修复|修建|整修|提升|推动|实施|推行|选取|遴选|编制|巡查|探访|竣工|投产|"
    # "14条河道水质稳定达到Ⅳ类以上", "12个村污水处理达标": the things counted are to reach a standard.
    r"达到|达标"
)
# A lower bound before the verb ("每季度至少主持召开1次专题会议"): the count is a minimum to meet, a target,
# whatever the verb; "每月召开1次例会" without one is a working routine.
BOUND_BEFORE_VERB_RE = re.compile(r"(?:至少|不少于|最少)[\u4e00-\u9fff]{1,4}$")
# How long the counted thing after a count may be ("8个老旧小区综合改造", "2项重大行政决策开展后评估"):
# longer than SHORT_NOUN it counts only when it names the work itself or follows a target verb or a
# comparator, and as people only where a comparator bounds the size of what is formed ("不少于20人的…队伍"):
# "3名律师开展咨询" counts who does the work, not what is done.
SHORT_NOUN = 5
MAX_NOUN = 16
PEOPLE_MEASURES = ("名", "人", "位")
# A verb that gives a unit its people ("每所学校至少配备1名专职心理健康教育教师", "招聘3名社区专职工作者"): the
# people counted after it are what the work is to achieve, however long their name, unless work of theirs
# follows ("配备2名网格员开展巡查": who does the work). Not 选派 ("选派4名律师开展法律咨询服务").
STAFFING_VERB_RE = re.compile(r"(?:配备|配齐|配强|配足|选聘|招聘|招录)$")
PEOPLES_WORK_RE = re.compile(r"开展|从事|进行|参与|承担|负责")
# A magnitude with no measure after it ("参与人次达到5万以上"): the measure is the name's own last word (人次), read
# in ``_implied_measure``; only where a bound or the clause's end follows. And 单位 after 万 as a count of units
# ("献血总量达到2.5万单位以上", blood as it is counted), never an organ: only where a bound or the clause's end follows.
_CLAUSE_END = r"(?=及?以[上下内]|之内|左右|[，,。；;）)]|$)"
_BARE_MAGNITUDE = rf"(?:万|亿)(?:单位)?{_CLAUSE_END}"
# What opens an adverbial after a sentence's object (where or how it is done), ending the object's noun.
_ADVERBIAL_OPENS = r"在|向|于|按照?|通过"
# A measure a name ends with that a bare magnitude after it takes ("参与人次", "服务户数").
IMPLIED_MEASURE_RE = re.compile(r"(人次|户次|家次|人|户|家|件|次)数?$")
# The figure: a comparator, a number (or a range) with its measure, what follows it. Tried only where
# a comparator's first character or a digit stands, which keeps long prose cheap to search.
_FIRSTS = "".join(sorted({word[0] for word in COMPARATOR_WORDS}))
FIGURE_RE = re.compile(
    # A figure starts where its number starts, never inside it: trying every digit of a long run made the pattern
    # quadratic on it, and a later start matches only where the run's own start does.
    rf"(?:(?<!\d)(?=\d)|(?=[{re.escape(_FIRSTS)}]))(?P<cmp>{_COMPARATOR})?\s*"
    rf"(?:(?P<low>{_NUMBER})\s*(?:{MEASURE}|万|亿|千)?\s*{_RANGE_DASH}\s*)?"
    # "1000余人" is at least 1000; "两次" counts only after a comparator ("不少于两次"), "一次" being
    # as often an article as a number.
    rf"(?P<value>{_NUMBER}|[一二两三四五六七八九十]{{1,3}})(?:余|多)?\s*(?P<unit>{MEASURE}|{_BARE_MAGNITUDE})\s*"
    # "30%以上的行政村", "10%以上的得满分": the bound closes the figure, whatever follows.
    rf"(?:(?P<tail>{_TAIL})|"
    # Two figures joined by 和/及/与 ("分别增长7%和8.5%") are two targets.
    # A noun after the measure ("15个小区") counts only after a target verb; one that runs on
    # ("331 名企业复工复产指导员") describes, it does not target.
    # A grade in Roman numerals ends the noun too ("14条河道水质达到Ⅳ类以上", typed "IV类").
    rf"(?:(?P<noun>[\u4e00-\u9fff]{{1,{MAX_NOUN}}}?)(?P<tail2>{_TAIL})?)?"
    # A Latin word or a code ends it as well ("在3个党群服务中心实现WiFi覆盖", "新建3个5G基站").
    # A second verb joined by 并 ends it too ("完成5个村庄规划编制并报县局审查"), and 为 before the figure the
    # things counted are made into ("将28条河道划分为45个段", ``_made_into_next``).
    rf"(?=$|[，,。；;、）)\s（(/／“‘《\u2160-\u217fA-Za-z]|\d+[A-Za-z]|(?<=为)\d|[和及与](?=\d)|并(?=[报送交提]))|"
    # Things counted that then do work of their own ("选取2家区直单位开展电子文件单套制归档试点"): where the
    # clause runs on past a noun's length, the noun ends before their work (``PEOPLES_WORK_RE``).
    rf"(?=[\u4e00-\u9fff]{{{MAX_NOUN + 1}}})(?P<working>[\u4e00-\u9fff]{{1,{MAX_NOUN}}}?)(?={PEOPLES_WORK_RE.pattern})|"
    # The bounded count is the sentence's object, its clause running on past a noun's length to where and how it is
    # done ("推动不少于8家商场停车位在夜间向居民开放"): after a comparator, the noun ends before that adverbial.
    rf"(?(cmp)(?=[\u4e00-\u9fff]{{{MAX_NOUN + 1}}})"
    rf"(?P<object>[\u4e00-\u9fff]{{2,{MAX_NOUN}}}?)(?={_ADVERBIAL_OPENS})|(?!)))"
)
# What ends the name before a figure, going back from it: punctuation, a digit, another comparator sign.
NAME_STOPS = frozenset("，,。；;：:、（）()[]【】≥≤<>=%％‰-－—–~～〜 \t\n\r\u3000") | frozenset("0123456789")
MAX_NAME = 20
STRETCH = "力争"
JOINERS = ("和", "及", "与")
NAME_PREFIXES = ("其中", "力争", "确保", "全年", "共", "并", "要", "年内")
MADE_INTO_COMPARATORS = tuple(word for word in COMPARATOR_WORDS if word.endswith("为"))
# The state a change starts from, before its figure ("由原来的3个片区划分为5个网格", "由20个工作日压缩为5个
# 工作日"): when the clause goes on to the figure it is changed into (为, 至, 到, 成 before a digit), the first
# figure is how things were, no target.
FROM_STATE_RE = re.compile(r"(?:由|从)(?:原来的?|原有的?|原先的?|现有的?|目前的?|原)?$")
CHANGED_INTO_RE = re.compile(r"[^，,。；;]*?(?:为|至|到|成)\s*\d")
# A bound on a share of a whole, the whole named between the comparator and its figure ("时长不超过教学总时长的
# 30%", "支出不低于年度预算的10%"): the comparator is the figure's, as if it stood next to it. Only a share is
# a part of a whole; a count after 的 picks out the things below or above a line ("对排名低于全县平均水平的5个乡镇
# 开展约谈"), a count of work to do, no bound.
BOUND_OF_A_WHOLE_RE = re.compile(rf"({_COMPARATOR})[\u4e00-\u9fff]{{1,12}}的$")
SHARE_UNITS = ("%", "％", "‰", "成", "个百分点")
# What stands before a figure that states how things are (a 问题 found by a 督查), not a target.
FINDING_WORDS = ("仅为", "仅有", "仅占", "仅达", "尚有", "尚余", "还有", "只有", "现有", "目前为", "现为")


def find_indicators(text: str, default_name: str = "") -> list[ParsedIndicator]:
    """Numbers with a measure in a target text: "开展普法活动不少于30场次" → 开展普法活动 ≥ 30 场次;
    "城镇登记失业率控制在4.5%以内" → ≤ 4.5%; "增长6%左右" → ≥ 6%; a range "5%-6%" → ≥ 5% (≤ its upper
    bound after 控制在, 以内…); "完成改造15个小区" → 完成改造小区 ≥ 15 个. A number that names nothing
    before it ("达到95%" in a 目标值 cell) takes the clause before it, else ``default_name``; a
    "力争" figure after another of the same target is its stretch goal, not a second indicator.

    Years, dates and ordinals are not indicators: a measure word must follow the number, and "第" must
    not come before it. Words without a number ("上级下达指标") give none; the text keeps them.
    """
    indicators: list[ParsedIndicator] = []
    matches = list(FIGURE_RE.finditer(text))
    for index, match in enumerate(matches):
        if _qualifies_next(match, matches[index + 1 :], text):
            continue
        found = _indicator(match, text, default_name, indicators)
        if found and all((other.name, other.value) != (found.name, found.value) for other in indicators):
            indicators.append(found)
    return indicators


def _indicator(match: re.Match, text: str, default_name: str, before: list[ParsedIndicator]) -> ParsedIndicator | None:
    value_start = match.start("low") if match.group("low") else match.start("value")
    if text[:value_start].rstrip().endswith("第"):
        return None
    name_start = _counted_names_start(text, _name_start(text, match.start()), match)
    raw_name = text[name_start : match.start()].strip()
    noun = match.group("noun") or match.group("working") or match.group("object") or ""
    # "由20个工作日压缩为5个工作日": the figure before took 压缩为 as its noun's end (``_made_into_next``).
    before_value = next((word for word in MADE_INTO_COMPARATORS if raw_name.endswith(word)), "")
    comparator = COMPARATOR_WORDS.get(match.group("cmp") or before_value, "gte")
    if not (match.group("cmp") or before_value) and match.group("unit") in SHARE_UNITS:
        bound = BOUND_OF_A_WHOLE_RE.search(raw_name)
        comparator = COMPARATOR_WORDS[bound.group(1)] if bound else comparator
    comparator = TAIL_COMPARATORS.get(match.group("tail") or match.group("tail2") or "", comparator)
    quoted = _past_quote(text, match)
    checked = noun + _unquoted_words(quoted) + _past_aside(text, match) + _their_work(text, match)
    if checked and not _counts_work(match, raw_name, checked):
        return None
    verb_before = bool(match.group("cmp") or TARGET_VERBS.search(raw_name))
    if match.group("working") and not verb_before:
        return None  # "由2家单位联合开展…": who does the work, no target verb before them
    if match.group("unit").endswith("页") and not verb_before:
        return None  # "共3页", "附件2页": a document's own pages, not pages to be scanned
    if FROM_STATE_RE.search(raw_name) and not match.group("cmp") and CHANGED_INTO_RE.match(text, match.start("unit")):
        return None  # "由原来的3个片区划分为5个网格": how things were, the next figure the target
    if raw_name.endswith(FINDING_WORDS) and not match.group("cmp"):
        return None  # "尚有37户未签约", "办结率仅为89%": what a check found, not what is aimed at
    if _told_as_fact(raw_name) and not match.group("cmp"):
        return None  # "去年争取资金800万元全部到位", "全县共有自然村126个": what was done, or how things are
    if match.group("unit") == "组" and raw_name.endswith(GROUPED_INTO):
        return None  # "分3组开展督导检查", "抽调人员分成3组": how the work is shared out, not sets of a thing
    if match.group("unit") == "岁" and re.match(r"[\u4e00-\u9fff]", text[match.end() :]):
        return None  # "60岁以上老人", "65岁以上的老年人": whom the work is for, not a target
    if match.group("unit") == "日" and not (match.group("cmp") and not noun):
        return None  # "6月30日", "超过30日未办结": a date's day, a case's age; "不少于30日" bounds a period
    name = _indicator_name(raw_name)
    if raw_name in JOINERS and before:
        name = before[-1].name  # "分别增长7%和8.5%": the second figure of the same target
    if not name:
        if raw_name.strip().endswith(STRETCH) and before:
            return None
        name = _indicator_name(_clause_before(text, name_start)) or default_name.strip()[:100]
    if not name:
        return None
    low, high = match.group("low"), match.group("value")
    if not high[0].isdigit():
        if not match.group("cmp"):
            return None
        high = str(chinese_number(high) or 0)
    value = Decimal(low if low and comparator == "gte" else high)
    unit = match.group("unit").replace("％", "%")
    if unit in ("万", "亿"):
        implied = IMPLIED_MEASURE_RE.search(raw_name)
        if not implied:
            return None  # "交易额达到5万以上": no measure to read the figure in
        unit += implied.group(1)
    return ParsedIndicator(
        name=(name + noun + quoted)[:100],
        value=value,
        unit=unit,
        comparator=comparator,
        text=text[name_start : match.end()].strip(),
        range_text=text[value_start : match.end("unit")].strip() if low else "",
    )


# A clause that tells what was done before the plan's time ("去年争取资金800万元全部到位", "上年完成造林5000亩",
# "其中已整改100处"), opening with the time it was done in or 已; not a base the target is measured against
# ("比上年增长8%" opens with 比), nor what is carried over from it ("上年结转资金…"), nor what is done already as
# the thing counted ("已建成的5个站全部投入使用", as ``DONE_WORK_RE`` reads 已 before 的).
DONE_BEFORE_RE = re.compile(r"(?:(?:去年|前年|上一?年度?)(?!结转|结余)|已经?|业已)(?![^，,。；;]*的)")
# A clause that tells how many there are (a state: "全县共有自然村126个", "现辖行政村28个"), its verb 有 or 辖 with
# no verb of work before the count ("力争全县共有5个村获评…" aims at it); not a measure named by it ("现有量", as
# "有效发明专利拥有量同比增长15%" names one).
STATE_VERB_RE = re.compile(r"(?:共有|现有|辖有|现辖|下辖|共辖)(?![量率数])")
# The verbs of work that may govern a figure after the noun a 已 or 去年 clause picks out ("已开工项目完成投资20亿元",
# "已脱贫劳动力转移就业1.5万人"): the target verbs, and the work of finding people jobs.
LATER_WORK_RE = re.compile(rf"{TARGET_VERBS.pattern}|就业|转移")


def _told_as_fact(raw_name: str) -> bool:
    """Whether the words before a figure tell a past fact or a state, not an aim (see ``DONE_BEFORE_RE``,
    ``STATE_VERB_RE``). 已 or 去年 tells a fact when the verbs right after it govern the figure ("已累计完成投资20亿元",
    "去年争取资金800万元"); when a verb of work comes later, after the noun they pick out ("已登记失业人员实现再就业
    800人", "去年签约项目开工建设15个"), they only describe that noun and the figure is an aim."""
    name = _indicator_name(raw_name)
    done = DONE_BEFORE_RE.match(name)
    if done:
        rest = name[done.end() :]
        position = 0
        for verb in LATER_WORK_RE.finditer(rest):
            if verb.start() > position:
                return False
            position = verb.end()
        return True
    return bool(STATE_VERB_RE.search(raw_name)) and not TARGET_VERBS.search(raw_name)


def _qualifies_next(match: re.Match, following: list[re.Match], text: str) -> bool:
    """ "收入10万元以上的村占比不低于60%": a bound followed by "的" picks out what the next figure of the
    same clause counts; that figure is the target."""
    if not match.group("tail") or not text.startswith("的", match.end()) or not following:
        return False
    return not re.search(r"[，,。；;]", text[match.end() : following[0].start()])


# The state the things counted are to be in, after their count ("劝导站12个规范运行", "充电桩30个投入使用"),
# or all of them to be dealt with ("非税收入1260万元全部缴库", "欠款300万元足额清收"): the count is the target,
# as "建成劝导站12个" is. Not what is done already ("1260万元已全部缴库": a finding).
RUNNING_STATE_RE = re.compile(
    r"(?:规范|正常|稳定|有序|高效|有效)(?:运行|运转|运营)|(?:全部)?投入使用|(?:全部)?投用"
    r"|(?:全部|全额|足额)[\u4e00-\u9fff]{2}"
)


def _counts_work(match: re.Match, raw_name: str, noun: str) -> bool:
    """Whether the thing counted after a figure is work to be done: "完成改造15个小区" after a target verb
    or a comparator; "8个老旧小区综合改造" naming the work itself. "3个月内" is a time span."""
    unit = match.group("unit")
    if unit == "个" and noun.startswith("月"):
        return False
    targeted = bool(match.group("cmp") or TARGET_VERBS.search(raw_name) or BOUND_BEFORE_VERB_RE.search(raw_name))
    if _made_into_next(match):
        return targeted or bool(TARGET_VERBS.search(noun))
    if len(noun) <= SHORT_NOUN:
        return targeted or bool(RUNNING_STATE_RE.fullmatch(noun))
    if unit in PEOPLE_MEASURES:
        # "组建不少于20人的综合应急救援队伍": a bound on the size of what is formed, which is the target; "配备1名
        # 专职心理健康教育教师": the people a unit is given.
        staffed = bool(STAFFING_VERB_RE.search(raw_name)) and not PEOPLES_WORK_RE.search(noun)
        return (bool(match.group("cmp")) and noun.startswith("的")) or staffed
    return targeted or bool(TARGET_VERBS.search(noun)) or _work_done_on(raw_name, noun)


def _their_work(text: str, match: re.Match) -> str:
    """The work the things counted do, where their noun ends before it ("working"): up to the clause's end, for
    ``_counts_work`` to judge the count as it judges a noun that runs on ("3名律师开展咨询" counts who works)."""
    if not match.group("working"):
        return ""
    return re.split(r"[，,。；;）)]", text[match.end() :], maxsplit=1)[0]


# A quoted name the counted noun runs into ("开展3次“送法下乡”活动", "全县共有3个“全国文明村”"): the noun stops at
# the opening quote (``FIGURE_RE``), and goes on past the name and what follows it, to the clause's end.
QUOTED_ON_RE = re.compile(r"[“‘《][^，,。；;：:（）()\s]*")
QUOTE_MARKS = "“”‘’《》"


def _past_quote(text: str, match: re.Match) -> str:
    """What the counted noun goes on to say from an opening quote it stopped at to the clause's end: "开展3次
    “送法下乡”活动" counts the 送法下乡 activities, "全县共有3个“全国文明村”" villages that are (a state, no
    target); either is judged as the noun "送法下乡活动", "全国文明村" would be."""
    quoted = QUOTED_ON_RE.match(text, match.end()) if not match.group("tail2") else None
    return quoted.group(0) if quoted else ""


def _unquoted_words(words: str) -> str:
    return "".join(char for char in words if char not in QUOTE_MARKS)


def _made_into_next(match: re.Match) -> bool:
    """ "将全区28条河道划分为45个保洁责任段": the things counted are made into those the next figure counts, by
    the verb before 为; what is done to them (划分) is the work, however short their name."""
    return (match.group("noun") or "").endswith("为") and match.string[match.end() : match.end() + 1].isdigit()


# A word or two in brackets after the thing counted, naming it again or what it takes in ("186所学校（幼儿园）
# 食堂", "182个村（社区）服务站"); not a bracket of fields ("（牵头单位：…）"), which has a colon.
ASIDE_RE = re.compile(rf"[（(][\u4e00-\u9fff、]{{1,8}}[）)](?P<after>[\u4e00-\u9fff]{{1,{MAX_NOUN}}})")


def _past_aside(text: str, match: re.Match) -> str:
    """What the counted noun goes on to say past an aside in brackets, which does not end it: "对全县186所
    学校（幼儿园）食堂开展检查" counts schools whose canteens are checked, as "186所学校食堂开展检查" would."""
    aside = None if match.group("tail2") else ASIDE_RE.match(text, match.end())
    return aside.group("after") if aside else ""


def _work_done_on(raw_name: str, noun: str) -> bool:
    """ "对全镇23口病险山塘进行清淤": the things counted after 对 are what the work (进行…) is done on;
    "为1286户业主办理不动产权证书": those counted after 为 are whom it is done for."""
    if re.search(r"(?<![成作认称视])为$", raw_name):
        return True
    return bool(re.match(r"对(?!照|标|接|应|比)", raw_name)) and "进行" in noun


def _name_start(text: str, end: int) -> int:
    """Where the name of the figure at ``end`` starts: the phrase just before it, up to 20 characters,
    back to punctuation or another number ("城镇登记失业率控制在4.5%" → 城镇登记失业率)."""
    while end > 0 and text[end - 1] in " \t\u3000":
        end -= 1
    start = end
    while start > 0 and end - start < MAX_NAME and (text[start - 1] not in NAME_STOPS or _names_with(text, start - 1)):
        start -= 1
    return start


def _counted_names_start(text: str, start: int, match: re.Match) -> int:
    """ "建成甲路、乙路2处停车场": a count right after names listed with "、" counts those names, and the
    target's name runs back over them to the verb before the first ("建成甲路、乙路停车场", not "乙路").
    The names are counted only when there are as many as the count says, the last one possibly two
    joined by 和/及/与, or fewer after "等" ("甲、乙等5个村"); else ``start`` stays ("宣传、培训3次"), as it
    does after a list of figures ("家庭农场3家、合作社2家")."""
    value, last = match.group("value"), text[start : match.start()].strip()
    if not (start and text[start - 1] == "、" and last and value.isdigit()) or match.group("cmp") or match.group("low"):
        return start
    starts = [start]
    while starts[-1] > 1 and text[starts[-1] - 1] == "、":
        before = _name_start(text, starts[-1] - 1)
        if before == starts[-1] - 1 or (before and (text[before - 1].isdigit() or text[before - 1] in "%％‰")):
            return start  # no name between two marks, or one that ends a figure of its own
        starts.append(before)
    listed = {len(starts), len(starts) + 1} if re.search(r"(?<=.)[和及与](?=.)", last) else {len(starts)}
    count = int(value)
    if count in listed or (last.endswith("等") and count > min(listed)):
        return starts[-1]
    return start


def _names_with(text: str, index: int) -> bool:
    """A digit that is part of a name ("5G基站", "4K超高清") does not end it."""
    following = text[index + 1 : index + 2]
    return text[index].isdigit() and following.isascii() and following.isalpha()


def _clause_before(text: str, end: int) -> str:
    """ "开展宣传活动，不少于30场次": the thing counted is the clause before a bare comparator."""
    clauses = [part for part in re.split(r"[，,。；;：:、\s]+", text[:end]) if part]
    return clauses[-1] if clauses else ""


def _indicator_name(raw: str) -> str:
    # The phrase before a number often starts with a verb of the sentence around it ("全年接收各类法律咨询");
    # keep it whole: the office reads and edits the name on the review page.
    name = raw.strip()
    changed = True
    while changed:
        changed = False
        for prefix in NAME_PREFIXES:
            if name.startswith(prefix):
                name, changed = name[len(prefix) :].strip(), True
    if name in COMPARATOR_WORDS:
        return ""
    return name[:100]


# --- doubts ----------------------------------------------------------------------------------------


def doubts(nodes: Iterable[Node]) -> list[Problem]:
    """What the office should check before publishing: lists of units written with "等" (more may be
    meant than those listed), ranges of which one bound became the indicator's target, and items whose
    text still holds what looks like an assignment that was not read (``unread``)."""
    nodes = list(nodes)
    problems = []
    for node in nodes:
        for phrase in node.fields.open_ended:
            message = _("“%(text)s”写有“等”，可能还有未列出的单位；已按列出的单位导入，请核对。") % {"text": phrase}
            problems.append(Problem(node.line, phrase, message))
        for indicator in [] if node.children else node.indicators:
            if indicator.range_text:
                problems.append(Problem(node.line, indicator.text, _range_message(indicator)))
    problems.extend(unread(nodes))
    return problems


# --- what an item's text holds that its fields do not ------------------------------------------------
# A shape the importer does not know leaves its assignment in the item's text: a label it does not
# read there ("县级牵头领导：吴志明"), a date to finish by, a unit and its role ("区城管局牵头"). Each is
# said as it stands, with the field left empty, for the office to check; none changes the reading.

# The field a label fills, as the office knows it, and whether the item has any of it.
_UNREAD_FIELDS: dict[str, tuple[Promise, Callable[[Fields], bool]]] = {
    **dict.fromkeys(
        ("lead_units", "responsible_units"),
        (
            pgettext_lazy("the field an item lacks", "牵头或责任单位"),
            lambda f: bool(f.lead_units or f.responsible_units),
        ),
    ),
    "cooperating_units": (pgettext_lazy("the field an item lacks", "配合单位"), lambda f: bool(f.cooperating_units)),
    **dict.fromkeys(
        ("lead_leaders", "persons"),
        (pgettext_lazy("the field an item lacks", "责任人或牵头领导"), lambda f: bool(f.lead_leaders or f.persons)),
    ),
    **dict.fromkeys(
        ("deadline", "milestones"),
        (pgettext_lazy("the field an item lacks", "完成时限"), lambda f: bool(f.deadline or f.ongoing or f.milestones)),
    ),
}
# A date to finish by: "6月底前", "9月30日前", "年底前" (not "每年6月底前", a report's day).
UNREAD_DATE_RE = re.compile(
    r"(?<!每年)(?<!每)(?<!\d)\d{1,2}\s*月(?:底|末|上旬|中旬|下旬|\s*\d{1,2}\s*日)?(?:之)?前|年底前|年内完成"
)
# A unit's name and its role, run into the text: "区城管局牵头", "各社区负责" (not "社区负责人").
UNREAD_ROLE_RE = re.compile(
    rf"[\u4e00-\u9fff]{{1,12}}(?:[{UNIT_NAME_ENDS}]|街道|社区|镇|乡)(?:牵头|配合|协办|负责(?!人))"
)
# Most of a plan's items name who answers for them: one that names nobody is worth a look.
UNREAD_MOST = 0.6
UNREAD_MIN_ITEMS = 3


def unread(nodes: list[Node]) -> list[Problem]:
    """Items whose text names an assignment the fields lack (a label, a date, a unit's role), and items
    naming nobody where most of the plan's items name someone: one doubt an item, saying what is there."""
    given = _with_those_above(nodes)
    items = [node for node in nodes if not node.children]
    named = [node for node in items if _names_anyone(given[id(node)])]
    most_named = len(items) >= UNREAD_MIN_ITEMS and len(named) >= UNREAD_MOST * len(items)
    problems = []
    for node in items:
        text = "\n".join([node.title, *node.content])
        found = _unread_in(text, given[id(node)])
        if found:
            problems.append(Problem(node.line, *found))
        elif most_named and not _names_anyone(given[id(node)]):
            message = _("“%(item)s”没有读出责任单位或责任人，而本计划多数事项写有，请核对。") % {"item": node.title}
            problems.append(Problem(node.line, node.title, message))
    return problems


def _with_those_above(nodes: list[Node]) -> dict[int, Fields]:
    """Each entry's fields (by ``id``) with what the entries above it give, as the item will hold them."""
    given: dict[int, Fields] = {}
    below = {id(child) for node in nodes for child in node.children}
    stack = [(node, Fields()) for node in nodes if id(node) not in below]
    while stack:
        node, above = stack.pop()
        given[id(node)] = node.fields.below(above)
        stack.extend((child, given[id(node)]) for child in node.children)
    return given


def _names_anyone(fields: Fields) -> bool:
    return bool(
        fields.lead_units
        or fields.responsible_units
        or fields.cooperating_units
        or fields.lead_leaders
        or fields.persons
    )


def _unread_in(text: str, fields: Fields) -> tuple[str, str] | None:
    """(the words, what to check) for the first assignment the text states that the fields lack."""
    for found in LABEL_RE.finditer(text):
        kind = label_field(label_of(found.group(1)))
        if kind in _UNREAD_FIELDS and not _UNREAD_FIELDS[kind][1](fields):
            words = found.group(0).strip()
            message = _("“%(label)s”仍在事项正文中，没有读作%(field)s，请核对。") % {
                "label": words,
                "field": _UNREAD_FIELDS[kind][0],
            }
            return words, message
    role = UNREAD_ROLE_RE.search(text)
    if role and not _names_anyone(fields):
        message = _("事项正文写有“%(words)s”，但没有读出任何责任单位，请核对。") % {"words": role.group(0)}
        return role.group(0), message
    date = UNREAD_DATE_RE.search(text)
    if date and not _UNREAD_FIELDS["deadline"][1](fields):
        message = _("事项正文写有“%(words)s”，但没有读出完成时限，请核对。") % {"words": date.group(0)}
        return date.group(0), message
    return None


def _range_message(indicator: ParsedIndicator) -> str:
    values = {"range": indicator.range_text, "value": f"{indicator.value.normalize():f}{indicator.unit}"}
    if indicator.comparator == "lte":
        return _("目标“%(range)s”是一个范围，已按上限 %(value)s 计为“不超过”，请核对。") % values
    return _("目标“%(range)s”是一个范围，已按下限 %(value)s 计为“不低于”，请核对。") % values


# A unit that starts a sentence and its verb: "县商务局会同县市场监管局于5月底前完成…", "县财政局于4月底前制定…",
# "各街道办事处负责组织…", "县市场监管局加强…". The name is the shortest that a verb or a date follows.
# No name runs over 会同 ("X会同区应急管理局": not a unit "X会同区"); 应急 is a name's word, not the verb 应.
_SUBJECT_UNIT = (
    rf"(?:各)?(?:(?!会同)[\u4e00-\u9fff（）()]){{1,14}}?(?:{'|'.join(sorted(UNIT_ENDINGS, key=len, reverse=True))})"
)
_SUBJECT_VERB = r"(?=负责|牵头|于\s*\d|要|应(?!急)|将|加强|做好|组织|指导|统筹|建立|建成|完成|开展|制定|落实|推进|强化)"
# A verb that sets others to work, opening a sentence ("督促企业建立…", "引导各村开展…"): its object is no
# subject, though it ends as a unit's name does.
_DIRECTING_VERB = r"(?:督促|督导|引导|鼓励|支持|帮助|推动|动员|指导|要求|约谈|协助)"
# After "X会同Y" the work's verb: any a subject's is, those "会同" is written before (``_TOGETHER_VERBS``), or one
# that holds an event ("由X会同Y举办…", "…举行…", "…召开…"): 会同 has said already that X and Y share the work.
_TOGETHER_VERB = rf"(?:{_SUBJECT_VERB}|(?={_TOGETHER_VERBS}|举办|举行|召开))"
# "X会同Y，对…开展…": the units the work is done with may end their clause before the verb.
SUBJECT_RE = re.compile(
    rf"^(?!{_DIRECTING_VERB})(?P<units>{_SUBJECT_UNIT}(?:、{_SUBJECT_UNIT})*?)"
    rf"(?:会同(?P<with>{_SUBJECT_UNIT}(?:、{_SUBJECT_UNIT})*?)(?=[，,])|会同(?P<with_verb>{_SUBJECT_UNIT}"
    rf"(?:、{_SUBJECT_UNIT})*?){_TOGETHER_VERB}|{_SUBJECT_VERB})"
)
# A later clause that opens with units and their role's verb before its work ("…完成；区城管局配合做好积水监测"):
# those units cooperate.
COOPERATING_SUBJECT_RE = re.compile(
    rf"^(?P<units>{_SUBJECT_UNIT}(?:、{_SUBJECT_UNIT})*?)(?:{'|'.join(COOPERATING_ROLES[:5])})(?=[\u4e00-\u9fff])"
)


# A clause that opens with a year or a time up to now ("2025年县发改局牵头", "去年…", "今年以来…"), not with a date
# ("2026年6月底前…"): it tells of work done, whose units answer for no task; a year before the plan's, that is
# (``opening_in_the_past``): the plan's own year or a later one opens the year's work ("2026年镇文化站牵头，…" in a
# 2026 plan).
PAST_OPENING_RE = re.compile(
    r"^[\s\u3000]*(?:(?P<year>\d{4}|[〇零一二三四五六七八九]{4})\s*年"
    r"(?![\s\d〇零一二三四五六七八九十]*月|[底末内中初前]|[上下]半年)[，,\s\u3000]*"
    r"|去年|上年|前年|今年以来|近年来|近几年|多年来)"
)


def opening_in_the_past(sentence: str, year: int | None) -> tuple[bool, str]:
    """Whether ``sentence`` opens in the past (``PAST_OPENING_RE``: "去年…", a year before ``year``, or any year
    when the plan's is not known), and the sentence after an opening year that is the plan's own or later
    ("2026年镇文化站牵头，…" → "镇文化站牵头，…" in a 2026 plan), which says when the work is done, not who does it."""
    found = PAST_OPENING_RE.match(sentence)
    if not found:
        return False, sentence
    if found["year"] and year and _year(found["year"], year) >= year:
        return False, sentence[found.end() :]
    return True, sentence


def subject_assignment(sentence: str, year: int | None = None) -> str:
    """The units a sentence opens with, written as a bracket after a task writes them: "X牵头，Y、Z配合"
    ("X会同Y于…完成", "X牵头，Y、Z配合，建立…"), "X负责" ("X负责组织…", "X于…前制定…", "X加强…"); "" when the
    sentence does not open with units ("本办法由X负责解释" opens with 本办法)."""
    return split_subject(sentence, year)[0]


def split_subject(sentence: str, year: int | None = None) -> tuple[str, str]:
    """``subject_assignment``'s units, and the sentence after them: its work, from its verb on
    ("X会同Y完成…" → "完成…", "X牵头，Y配合，完成…" → "完成…"); ("", sentence) when it opens with no units, or
    in the past ("去年X负责…", a year before the plan's ``year``: ``opening_in_the_past``)."""
    past, sentence = opening_in_the_past(sentence, year)
    if past:
        return "", sentence
    units, work = _role_clauses(sentence, year)
    if units:
        return units, work
    found = SUBJECT_RE.match(sentence)
    if not found or not all(is_unit_name(unit) for unit in found.group("units").split("、")):
        return "", sentence
    work = sentence[found.end() :].lstrip("，,")
    together = found.group("with") or found.group("with_verb")
    if together:
        return f"{found.group('units')}牵头，{together}配合", work
    return f"{found.group('units')}负责", work


def _role_clauses(sentence: str, year: int | None = None) -> tuple[str, str]:
    """The clauses a sentence opens with that are units and the verbs of their roles ("由X牵头，Y、Z配合"),
    and the sentence after them; ("", sentence) when its first clause is no such clause."""
    leading = list(itertools.takewhile(lambda clause: _opens_in_role(clause, year), _clauses(sentence)))
    if not leading:
        return "", sentence
    return "，".join(leading), CLAUSE_SEPARATORS.split(sentence.strip(), maxsplit=len(leading))[-1]


def _opens_in_role(clause: str, year: int | None) -> bool:
    return not opening_in_the_past(clause, year)[0] and not _is_schedule(clause) and _names_units_in_roles(clause)


# The meeting's voice before the units a 纪要 gives its work to ("会议要求，由X牵头，Y配合，…", "会议明确：X负责，…"):
# no part of the units.
DEMAND_LEAD_RE = re.compile(r"^[\s\u3000]*(?:会议|会上)?(?:要求|明确|决定|议定|强调|责成|商定)[，,：:][\s\u3000]*")
# Words that tell of work done ("X牵头，Y配合，完成了…", "…已建成…", "3月：召开了…"): a sentence or a month's line of a
# 总结 or a 大事记, whose units acted in the past and answer for no task. Not 了 of 了解 or 了结, nor 已 before what is
# done already as the work's object ("对已建成设施开展检查", "做好已落实资金的拨付工作"), nor 了 in a clause that picks
# out things counted ("完成了规划编制的12个村年内开工建设": the villages are the work's, the work to come).
DONE_WORK_RE = re.compile(
    r"(?<![为除])了(?![解结然])(?![^，,。；;]*的[\d一二两三四五六七八九十几])"
    r"|(?<![对将把为向])已(?:经)?(?![^，,。；;]*的)[\u4e00-\u9fff]"
)
# A quotation or a title quoted ("“X牵头、Y配合”的机制", "《…》"): its words are not the sentence's own.
QUOTE_MARK_RE = re.compile(r"[《》“”「」『』\"]")


def _assigning_sentence(text: str, year: int | None) -> tuple[str, str]:
    """The units of the first sentence of ``text`` that gives them the work in the verbs of their roles, and
    its work: a later sentence of an item's body or a 纪要's demand after the meeting's voice ("会议听取了…汇报。
    会议要求，X、Y负责，Z配合，6月15日前完成…"). Not units in a quotation, nor units that did the work ("…完成了…"),
    nor a sentence of units and when alone ("由X负责，长期坚持。"), which ``_prose_assignment`` reads where it ends the
    text; ("", "") when no sentence gives any."""
    for sentence in FIRST_SENTENCE_RE.findall(text):
        units, work = _role_clauses(DEMAND_LEAD_RE.sub("", sentence, count=1), year)
        if units and _names_work(work) and not QUOTE_MARK_RE.search(units) and not DONE_WORK_RE.search(work):
            return units, work
    return "", ""


def _names_work(text: str) -> bool:
    """Whether ``text`` says what is to be done, not only when ("完善方案，12月底前完成", "6月底前完成排查" do;
    "长期坚持", "5月底前完成" do not)."""
    return any(not _is_schedule(clause) or _work_after_date(clause) for clause in _clauses(text))


def _work_after_date(clause: str) -> bool:
    left = re.sub(rf"{TEXT_DEADLINE_RE.pattern}|{DONE}|{'|'.join(GOING_ON_WORDS)}", "", clause)
    return len(re.findall(r"[\u4e00-\u9fff]", left)) >= 2


YEAR_BY_DATE_RE = re.compile(rf"(?:\d{{4}}\s*年\s*)?{BY_DATE_RE.pattern}")


def apply_sentence_schedule(fields: Fields, text: str, year: int | None) -> None:
    """When a task is due, read from the sentences that set it as they are read: their one by-date
    (``apply_text_deadline``, before the plan's calendar is known), or, where they name no date, their last
    clause when that goes on ("…，长期坚持。", "本办法实施期间持续开展"). Only here: an item's whole text, read
    once the plan is read, ends with its last paragraph, not with the sentence that sets the task."""
    apply_text_deadline(fields, text, year)
    last = _clauses(text)[-1:]
    if not TEXT_DEADLINE_RE.search(text) and last and parse_schedule(last[0], year).ongoing:
        fields.ongoing = True


# A period in words by which the work is done, inside an item's own sentences: "上半年完成调整",
# "三季度末前建成投用", "年中前全部投入运营", "年底前完成", "H1完成" — a period followed by 前 or by the
# work's verb. Not a period compared with ("比上半年下降10%") nor a span ("全年新建6个").
_WORD_PERIOD = (
    r"(?:上半年|下半年|(?<![一全每])年中|年底|年末|第?[一二三四1-4]\s*季度末?|(?<![A-Za-z])[QqHh][1-4](?![\dA-Za-z]))"
)
DONE = r"完成|建成|实现|通过|出台|印发|投入|办结|落实|到位|全面|全部|基本"
# Also before a holiday ("春节前全面完工", "国庆节前建成"; not one right after the verb whose object the work is,
# "组织春节前安全隐患排查", which says which check, as "开展春节慰问" says which visits: no day to finish by),
# in a month opening its clause ("五月份组织验收": by its end; not "5月份以来", nor the month's work of
# "部署3月份重点工作"), and during a farming season that ends on a known month ("“三夏”期间统筹调度": 三夏, the
# summer harvest, sowing and field work, is over with June).
_OCCASION_VERBS = ("组织", "开展", "做好", "抓好", "部署", "启动", "举办", "进行")
_NOT_AN_OCCASION = "".join(f"(?<!{verb})" for verb in _OCCASION_VERBS)
_HOLIDAY_EVE = _NOT_AN_OCCASION + HOLIDAYS + r"\s*(?:假期\s*)?(?:以|之)?前(?!后)"
_IN_MONTH = r"(?<![^，,。；;：:\s于在])(?:\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月份(?!以来|起|开始|以后|之后)"
SEASON_ENDS = {"三夏": "6月底前"}
_SEASON = rf"[“\"]?(?:{'|'.join(SEASON_ENDS)})[”\"]?\s*(?:期间|结束前|前)"
# A week of a month ("3月第二周前", "4月第一周内", "3月第三周开展…"): done by the Sunday that ends it.
_MONTH_WEEK = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月\s*第\s*([一二三四五1-5])\s*周(?:内|以前|之前|前)?"
MONTH_WEEK_RE = re.compile(_MONTH_WEEK)
TEXT_DEADLINE_RE = re.compile(
    rf"(?:\d{{4}}\s*年\s*)?(?:{BY_DATE_RE.pattern}|{_WORD_PERIOD}\s*(?:以前|之前|前|(?={DONE}))"
    rf"|{_HOLIDAY_EVE}|{_IN_MONTH}|{_MONTH_WEEK})|{_SEASON}"
)
# An item's own sentence that closes on a clause saying the work goes on, alone ("…，冲洗到位，长期坚持。"),
# or said of the task itself, as a clause or a sentence ("…，此项工作长期坚持。", "…。该项任务常态化开展。"),
# and names no date to finish by: it goes on. Not a clause that goes on with its object ("持续推进垃圾分类").
GOING_ON_CLOSE_RE = re.compile(
    r"(?:[，,；;]|[，,；;。.]?(?:此|该|本|这)项(?:工作|任务|措施))"
    rf"(?:全年|长期)?(?:{'|'.join(GOING_ON_WORDS)})(?:推进|开展|落实|抓好)?[。.；;！!]?[\s\u3000]*$"
)
# An item whose sentence opens with the year as its span ("年内建成收集亭30座", "全年辖区分出量不低于12吨") and
# names no date: its target is the year's, due at the year's end. Not "全年常态化…", "全年不间断…" (``going``):
# a duty kept all year, that goes on with no end to meet. Where the span opens a later clause ("开展宣传。全年开展
# 宣传活动不少于4场", "…，全年不发生较大事故") the corpus reads no deadline in a plan of tasks (d06, d41, d63, d77,
# d223, d435), the year's end in a 目标责任书 (d376, d472, d488): its 乙方 pledges each target for the year the
# book runs, to be assessed at its end.
YEAR_AS_SPAN_RE = re.compile(
    rf"(?:^|(?<=[，,。；;：:\n]))[\s\u3000]*(年内|全年)(?:(?P<going>{_GOING_ON}|不间断)|(?![，,]))"
)
# Work on a fixed day of every week ("每周一召开例会", "每周五下午开展…"), no day to finish by: it goes on. Not
# "每周一次", how often.
WEEKDAY_CADENCE_RE = re.compile(r"每(?:周|星期)[一二三四五六日天](?![次回])")
# A week counted from the one the plan names as its first, as a school counts its term ("第10周完成阅卷", "第15周
# 前"), or a run of them, due by the last ("第3—6周", "第3周至第6周"); not one in brackets after a date, which only
# restates that date ("4月底前（第11周）").
_WEEK_NUMBER = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
COUNTED_WEEK_RE = re.compile(
    rf"(?<![月（(])第\s*(?:{_WEEK_NUMBER}\s*周?\s*[—–\-－~～至到]+\s*(?:第\s*)?)?({_WEEK_NUMBER})\s*周(?:内|以前|之前|前)?"
)
# The plan names the day its first week holds: "自2025年2月17日（星期一，第1周）开学", "2025年9月1日为第一周",
# "第1周为3月3日至3月9日", "第一周自3月3日起", "自2025年3月3日起按周计" (counts its weeks; not "自…起按周调度", how
# often the work is reviewed).
# A whole day in figures, its month and day written ("2025年3月3日", "3月3日"): not ``_DAY``, the day part of
# ``DATE_RE``, which may be missing.
_WHOLE_DAY = r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日"
FIRST_WEEK_RE = re.compile(
    rf"({_WHOLE_DAY})[^。；;\n]{{0,12}}?第\s*[1一]\s*周|第\s*[1一]\s*周\s*(?:为|是|自|从|即)\s*({_WHOLE_DAY})"
    rf"|自\s*({_WHOLE_DAY})[^。；;\n]{{0,12}}?起\s*(?:(?:按|逐)周(?:计|次|编号|排序)|计(?:算)?周次)"
)
_WEEK = datetime.timedelta(weeks=1)
_MONDAY_TO_THURSDAY, _MONDAY_TO_SUNDAY = datetime.timedelta(days=3), datetime.timedelta(days=6)
# "汛期前完成", "入汛前": before the flood season, whose first day only the plan itself can give.
BEFORE_FLOOD_SEASON_RE = re.compile(r"(?:主?汛期|入汛|(?<![防抗])汛)\s*(?:以|之)?前(?!期)")
# "汛期结束前", "汛后": by the flood season's last day, which only the plan itself can give.
FLOOD_SEASON_END_RE = re.compile(r"(?:主?汛期\s*结束|汛后)\s*(?:以|之)?前?")
# "我省每年4月15日入汛", "入汛时间为5月1日".
FLOOD_SEASON_START_RE = re.compile(
    r"(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:起|开始)?\s*(?:正式)?入汛"
    r"|入汛(?:时间|日期)?\s*(?:为|是)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
# The plan defines its words: "所称“汛期”为6月1日至9月30日", "“主汛期”指7月1日—8月31日".
_DEFINED = r"[“\"‘']?\s*(?:指|为|是|即)\s*"
FLOOD_SEASON_SPAN_RE = re.compile(
    rf"主?汛期[”\"’']?{_DEFINED}(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日\s*(?:至|到|—|－|-|~|～)+\s*"
    r"(\d{1,2})\s*月\s*(\d{1,2})\s*日"
)
# The plan dates the stages of its work ("（一）动员部署阶段（2026年3月1日至3月31日）", "集中整治阶段：4月1日至
# 8月31日", "第一阶段：摸底排查（3月底前）", in its 实施步骤 or 时间安排), which its items then name as their
# deadline ("完成时限：集中整治阶段"): each stage's name, after its line's mark or a clause's stop (whatever the
# mark: "（一）", "➤", "〔1〕"), and the dates it runs.
_STAGE_NAME = r"[\u4e00-\u9fff]{2,10}?(?:阶段|环节)"
_STAGE_DATES = r"(?=\d|自|从|[一二三四五六七八九十]{1,2}\s*月)"
STAGE_SPAN_RE = re.compile(
    rf"(?<![\u4e00-\u9fff])(?P<name>{_STAGE_NAME})"
    rf"(?:\s*[：:—－]\s*(?P<alias>[\u4e00-\u9fff]{{2,12}}?))?\s*"
    rf"(?:[（(]\s*{_STAGE_DATES}(?P<bracket>[^（）()]{{2,40}})[）)]|[：:]\s*{_STAGE_DATES}(?P<after>[^，,。；;\n]{{2,40}}))",
    re.M,
)
# By its end ("集中整治阶段结束前", "…阶段内", "…阶段末"); not "…阶段前", before it begins.
_STAGE_DUE = r"(?:结束\s*(?:(?:以|之)?前|时)?|内|末)"
# A day counted back or on from the plan's D日, as an event's plan counts its work ("D-45前", "D-1", "D日", "D+3前",
# "D+7日前"): by the day so many days before or after it. Not a grade or a class ("D级", "D类"), nor a model's
# name ("D-100型", "AED设备"), nor a building's or a plot's ("D-3栋", "D-2号楼", "D-5地块": a measure of a place
# after the number names it).
COUNTDOWN_RE = re.compile(
    r"(?<![A-Za-z0-9])D\s*(?:(?P<sign>[-−－—–一+＋])\s*(?P<days>\d{1,3})\s*[日天]?|[日天]|当天|当日)"
    r"\s*(?:以前|之前|前)?(?![A-Za-z0-9型号级类栋幢座楼层区地块标段单元#＃])"
)
# The plan names its D日: "比赛日（D日）为2025年10月19日", "D日：10月19日", "D日（10月19日）", "以2025年10月19日为
# D日", or the day it is ("以比赛日为D日") in a paragraph that dates one day alone ("赛事定于2025年10月19日举行……").
_D_DAY = r"[“\"‘']?\s*D\s*日\s*[”\"’']?"
DAY_D_RE = re.compile(
    rf"(?<![A-Za-z0-9]){_D_DAY}\s*[）)]?\s*(?:为|是|即|定为|定于|：|:|[（(])\s*(?P<after>{_WHOLE_DAY})"
    rf"|(?P<before>{_WHOLE_DAY})\s*(?:[（(]|为|是|即|定为)\s*{_D_DAY}"
)
DAY_D_NAMED_RE = re.compile(rf"以\s*[\u4e00-\u9fff]{{1,8}}?\s*为\s*{_D_DAY}")
# A plan for the months across the new year: "2025—2026年冬春…", "2025-2026年度".
YEAR_SPAN_RE = re.compile(r"(\d{4})\s*[—–\-－~～至到]+\s*(\d{4})\s*年")
WRITTEN_YEAR_RE = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年|明年|次年|下一年")
# A date written with its own year ("2024年6月底前", "2024-06-30"), not one read in the plan's year ("6月底前"):
# a change of the plan's year leaves it be, and with no year in the title it tells which year the plan is of.
DATE_WITH_YEAR_RE = re.compile(r"\d{4}\s*(?:年|[-/.])|[〇零一二三四五六七八九]{4}\s*年")


@dataclass(frozen=True)
class PlanCalendar:
    """What a plan says of its own days: when its flood season begins ("我省每年4月15日入汛"), and, for a
    plan across the new year ("2025—2026年冬春…方案" signed in October 2025), the day it was signed: a
    day named without a year that falls before it is one of the next year."""

    flood_start: tuple[int, int] | None = None
    flood_end: tuple[int, int] | None = None  # its last day, as the plan defines it ("汛期为6月1日至9月30日")
    signed: datetime.date | None = None
    issued: datetime.date | None = None  # the date it is signed, from which "印发之日起30日内" counts
    first_week: datetime.date | None = None  # the Monday of the week it counts as 第1周
    stages: tuple[tuple[str, datetime.date], ...] = ()  # each stage it dates, by name, and its last day
    day_d: datetime.date | None = None  # the D日 its countdown codes count from ("D-30前", "D+3前")


def plan_calendar(text: str, title: str, date: str, year: int | None) -> PlanCalendar:
    """The calendar of a plan from its whole ``text``, its ``title`` and the ``date`` it was signed."""
    flood = FLOOD_SEASON_START_RE.search(text)
    flood_start = tuple(int(part) for part in flood.groups() if part) if flood else None
    season = FLOOD_SEASON_SPAN_RE.search(text)
    if season:
        flood_start = flood_start or (int(season.group(1)), int(season.group(2)))
    flood_end = (int(season.group(3)), int(season.group(4))) if season else None
    span = YEAR_SPAN_RE.search(title)
    across = bool(span and year and int(span.group(1)) == year and int(span.group(2)) == year + 1)
    dated = find_dates(date, year) if date else []
    signed = dated if across else []
    return PlanCalendar(
        flood_start=flood_start,
        flood_end=flood_end,
        signed=signed[0] if signed else None,
        issued=dated[0] if dated else None,
        first_week=_first_week(text, year),
        stages=_stage_ends(text, year, signed[0] if signed else None),
        day_d=_day_d(text, year),
    )


def _day_d(text: str, year: int | None) -> datetime.date | None:
    """The D日 a plan names, with its date ("比赛日（D日）为2025年10月19日") or as the day its paragraph dates
    alone ("赛事定于2025年10月19日……以比赛日为D日"); None where it names none, or two days."""
    named = DAY_D_RE.search(text)
    if named:
        days = find_dates(named.group("after") or named.group("before"), year)
        return days[0] if days else None
    for paragraph in text.split("\n"):
        if DAY_D_NAMED_RE.search(paragraph):
            days = {day for found in re.finditer(_WHOLE_DAY, paragraph) for day in find_dates(found.group(0), year)}
            return days.pop() if len(days) == 1 else None
    return None


def _stage_ends(text: str, year: int | None, signed: datetime.date | None) -> tuple[tuple[str, datetime.date], ...]:
    """Each stage the plan dates, by its name (and the name after its number, "第一阶段：摸底排查"), with the
    last day it runs; a day before the plan is signed, in a plan across the new year, is one of the next.
    A name dated twice apart (the stages of each task, "第一阶段（3月）") names no one day. A stage dated by its
    start alone ("集中整治阶段（2026年4月起）") runs to the day before the next stage the plan dates begins
    ("长效管理阶段（2026年10月1日起）": 9月30日), and the last such, to no day the plan names: none."""
    ends: dict[str, set[datetime.date]] = {}
    spans = list(STAGE_SPAN_RE.finditer(text))
    for found, following in itertools.zip_longest(spans, spans[1:]):
        span = found.group("bracket") or found.group("after")
        end = _span_last_day(span, year)
        if not end and following and _starts_only(span, year):
            begins = _span_first_day(following.group("bracket") or following.group("after"), year)
            starts = _span_first_day(span, year)
            end = begins - datetime.timedelta(days=1) if begins and starts and begins > starts else None
        if not end:
            continue
        if signed and end < signed and not WRITTEN_YEAR_RE.search(span):
            end = _safe_date(end.year + 1, end.month, end.day) or end
        for name in filter(None, (found.group("name"), found.group("alias"))):
            ends.setdefault(_unquoted(name), set()).add(end)
    return tuple((name, days.pop()) for name, days in ends.items() if len(days) == 1)


# A span's last day written alone, its month carried from the first ("3月1日—31日").
LAST_DAY_ALONE_RE = re.compile(rf"{_RANGE_DASH}\s*(3[01]|[12]\d|0?[1-9])\s*[日号]\s*$")
# A span that names only the day or month a stage begins: one date, then 起 (开始, 以后, an open dash:
# "2026年4月起", "10月1日开始", "2026年4月—"), or after 自 or 从 alone ("自2026年10月1日").
START_ONLY_RE = re.compile(r"(?:起|开始|以后|之后|[—－\-~～]+)\s*$|^\s*(?:自|从)")


def _starts_only(span: str, year: int | None) -> bool:
    """Whether ``span`` names one date, the day or month its stage begins (``START_ONLY_RE``)."""
    return bool(START_ONLY_RE.search(span.strip())) and len(find_dates(span, year)) == 1


def _span_first_day(span: str, year: int | None) -> datetime.date | None:
    """The day a span begins ("2026年10月1日起" 10月1日, "2026年4月起" 4月1日, "十月一日起"), in its own year or
    the plan's: its first date as ``find_dates`` reads one (``DATE_RE``), but a month alone is its first day,
    where a deadline is its last."""
    found = DATE_RE.search(span)
    return _month_date(found, year, first=True) if found else None


def _span_last_day(span: str, year: int | None) -> datetime.date | None:
    """The last day of a span of dates ("2026年4月1日至8月31日", "2026年10月—11月", "3月1日—31日"), in the year
    it opens with, else the plan's; a last day before the first is in the next year ("12月—2月"). None for a
    span that names only when its stage begins ("2026年4月起", ``START_ONLY_RE``): its start is no end."""
    if _starts_only(span, year):
        return None
    written = re.match(r"\s*(?:自|从)?\s*(\d{4})\s*年", span)
    dates = find_dates(span, int(written.group(1)) if written else year)
    if not dates:
        return None
    end = dates[-1]
    alone = LAST_DAY_ALONE_RE.search(span.strip())
    end = (_safe_date(end.year, end.month, int(alone.group(1))) if alone else None) or end
    return end if end >= dates[0] else _safe_date(end.year + 1, end.month, end.day)


def _unquoted(text: str) -> str:
    return QUOTE_MARK_RE.sub("", text)


def _stage_phrase(days: PlanCalendar, due: bool) -> re.Pattern[str] | None:
    """A phrase naming one of the plan's stages as when work is done: a label, the name alone or with its
    end ("集中整治阶段", "动员部署阶段结束前"); in a sentence (``due``) only with its end or the work's verb
    ("集中整治阶段结束前完成", "于巩固提升阶段完成"), not the stage the work is set in ("在集中整治阶段，要…")."""
    if not days.stages:
        return None
    names = "|".join(re.escape(name) for name, _end in sorted(days.stages, key=lambda stage: -len(stage[0])))
    tail = rf"(?:{_STAGE_DUE}|(?=完成|建成|办结))" if due else rf"(?:{_STAGE_DUE}|期间)?"
    return re.compile(rf"(?:在|于)?(?P<stage>{names}){tail}")


def _first_week(text: str, year: int | None) -> datetime.date | None:
    """The Monday of the week a plan names as its first ("2025年2月17日（星期一，第1周）"), or None."""
    found = FIRST_WEEK_RE.search(text)
    days = find_dates(next(day for day in found.groups() if day), year) if found else []
    return days[0] - datetime.timedelta(days=days[0].weekday()) if days else None


def month_week_end(year: int, month: int, week: int) -> datetime.date:
    """The Sunday that ends a month's week ``week``, weeks running Monday to Sunday. The first is the one
    whose Thursday is in the month, most of its days (as ISO 8601 gives a week to a year): March 2025 begins
    on a Saturday, so its first week is 3–9 March; April 2027 on a Thursday, so 29 March–4 April."""
    first = datetime.date(year, month, 1)
    monday = first - datetime.timedelta(days=first.weekday())
    if (monday + _MONDAY_TO_THURSDAY).month != month:
        monday += _WEEK
    return monday + _WEEK * (week - 1) + _MONDAY_TO_SUNDAY


# Days counted from the document itself: "自本通知印发之日起30日内", "收到本通知后10日内", "自方案下发之日起十五天内".
# A clerk counts them from the date it is signed, the earliest it can have been received. Not days after
# other work ("整改完成后20日内"), nor working days, which only a calendar of holidays can count.
DAYS_FROM_ISSUE_RE = re.compile(
    r"(?:印发|下发|发布|收到|接到)(?:本|此|该)?(?:通知|方案|文件|意见)?(?:之日)?(?:起|后)\s*"
    r"(?P<days>\d{1,3}|[一二三四五六七八九十]{1,3})\s*(?:日|天)(?:内|之内)"
)


def apply_text_deadline(
    fields: Fields, text: str, year: int | None, days: PlanCalendar | None = None, pledged: bool = False
) -> None:
    """An item that names no deadline nor says it goes on is due by the one by-date its own sentences
    name ("…，二季度末前完成首轮核对。", "年中前全部投入运营", "汛期前完成" where the plan says when the
    flood season begins); with two or more, it names stages, not one deadline, and none is taken. Work on a
    fixed day of every week ("每周一召开例会") goes on. Else the year its text opens with as its span, or, for
    a target ``pledged`` for the year in a 目标责任书, that opens any of its clauses (``YEAR_AS_SPAN_RE``)."""
    days = days or PlanCalendar()
    apply_calendar_label(fields, year, days)
    if fields.deadline or fields.ongoing:
        return
    found = {match.group(0) for match in TEXT_DEADLINE_RE.finditer(text)}
    if days.flood_start:
        found |= {match.group(0) for match in BEFORE_FLOOD_SEASON_RE.finditer(text)}
    if days.flood_end:
        found |= {match.group(0) for match in FLOOD_SEASON_END_RE.finditer(text)}
    if days.first_week:
        found |= {match.group(0) for match in COUNTED_WEEK_RE.finditer(text)}
    if days.day_d:
        found |= {match.group(0) for match in COUNTDOWN_RE.finditer(text)}
    stage = _stage_phrase(days, due=True)
    if stage:
        found |= {match.group(0) for match in stage.finditer(_unquoted(text))}
    if not found and days.issued:
        _apply_days_from_issue(fields, text, days.issued)
    if not found and (WEEKDAY_CADENCE_RE.search(text) or GOING_ON_CLOSE_RE.search(text.split("\n", 1)[0])):
        fields.ongoing = True
    span = YEAR_AS_SPAN_RE.search(text) if pledged else YEAR_AS_SPAN_RE.match(text)
    if not found and not fields.ongoing and span and span.group("going"):
        fields.ongoing = True
    elif not found and not fields.ongoing and span:
        found = {span.group(1)}
    if len(found) != 1:
        return
    phrase = found.pop()
    apply_schedule(fields, _as_day(phrase, year, days), year)
    undated = not WRITTEN_YEAR_RE.search(phrase)
    if year and days.signed and fields.deadline and fields.deadline < days.signed and undated:
        apply_schedule(fields, _as_day(phrase, year + 1, days), year + 1)
    fields.deadline_text = phrase


def apply_calendar_label(fields: Fields, year: int | None, days: PlanCalendar) -> None:
    """A deadline's label only the plan's own calendar gives ("完成时限：汛前", "汛期结束", a 完成周次 "第6周"),
    once the plan says when the flood season begins or ends, or which day its first week holds: the day it
    names, the label's words kept."""
    label = (fields.deadline_text or "").strip(_TRAILING)
    if fields.deadline or fields.ongoing or not label or not year:
        return
    flood_phrase = BEFORE_FLOOD_SEASON_RE.fullmatch(label) or FLOOD_SEASON_END_RE.fullmatch(label)
    counted_week = days.first_week and COUNTED_WEEK_RE.fullmatch(label)
    countdown = days.day_d and COUNTDOWN_RE.fullmatch(label)
    stage = _stage_phrase(days, due=False)
    named_stage = stage and stage.fullmatch(_unquoted(label))
    day = _as_day(label, year, days) if flood_phrase or counted_week or countdown or named_stage else label
    if day != label:
        apply_schedule(fields, day, year)
        fields.deadline_text = label


def _apply_days_from_issue(fields: Fields, text: str, issued: datetime.date) -> None:
    """The one count of days from the document its sentences name ("自本通知印发之日起30日内完成"), as the
    day it ends: that many days after ``issued``."""
    found = list(DAYS_FROM_ISSUE_RE.finditer(text))
    days = chinese_number(found[0].group("days")) if len(found) == 1 else None
    if days:
        fields.deadline = issued + datetime.timedelta(days=days)
        fields.deadline_text = found[0].group(0)


def _as_day(phrase: str, year: int | None, days: PlanCalendar) -> str:
    """A season's phrase as the day it ends by ("汛期前" → "4月14日前", "“三夏”期间" → "6月底前"); any
    other phrase as it is."""
    if days.flood_start and year and BEFORE_FLOOD_SEASON_RE.fullmatch(phrase):
        eve = datetime.date(year, *days.flood_start) - datetime.timedelta(days=1)
        return f"{eve.month}月{eve.day}日前"
    if days.flood_end and FLOOD_SEASON_END_RE.fullmatch(phrase):
        return f"{days.flood_end[0]}月{days.flood_end[1]}日前"
    day = _week_end(phrase, year, days) or _stage_end(phrase, days) or _countdown_day(phrase, days)
    if day:
        return f"{day.year}年{day.month}月{day.day}日前"
    season = next((word for word in SEASON_ENDS if word in phrase), None)
    return SEASON_ENDS[season] if season and re.fullmatch(_SEASON, phrase) else phrase


def _week_end(phrase: str, year: int | None, days: PlanCalendar) -> datetime.date | None:
    """The Sunday that ends the week a phrase names: a month's ("3月第二周前"), or one counted from the plan's
    first week ("第10周"); None for any other phrase."""
    month_week = MONTH_WEEK_RE.search(phrase)
    written = re.match(r"(\d{4})\s*年", phrase)
    year = int(written.group(1)) if written else year
    if month_week and year:
        month, week = chinese_number(month_week.group(1)), chinese_number(month_week.group(2))
        return month_week_end(year, month, week) if month and week and 1 <= month <= 12 else None
    counted = COUNTED_WEEK_RE.fullmatch(phrase)
    week = chinese_number(counted.group(1)) if counted and days.first_week else None
    return days.first_week + _WEEK * (week - 1) + _MONDAY_TO_SUNDAY if week else None


def _countdown_day(phrase: str, days: PlanCalendar) -> datetime.date | None:
    """The day a countdown code names from the plan's D日 ("D-30前" 30 days before it, "D日", "D+3前" 3 days
    after); None for any other phrase, or where the plan names no D日."""
    code = COUNTDOWN_RE.fullmatch(phrase.strip())
    if not code or not days.day_d:
        return None
    count = int(code.group("days") or 0)
    return days.day_d + datetime.timedelta(days=count if code.group("sign") in ("+", "＋") else -count)


def _stage_end(phrase: str, days: PlanCalendar) -> datetime.date | None:
    """The last day of the plan's stage a phrase names ("集中整治阶段结束前"); None for any other phrase."""
    stage = _stage_phrase(days, due=False)
    named = stage.fullmatch(_unquoted(phrase)) if stage else None
    return dict(days.stages)[named.group("stage")] if named else None


# An item that opens with its unit and a colon, then the verb of its role: "区发改局：牵头推进…，区商务局配合，
# 6月30日前完成", a 责任清单's "镇村建办：负责…". A unit's name may keep a bracket of its own ("各村（社区）：负责…").
_UNIT_COLON_CHAR = r"[^：:，,。；;（）()\s]"
UNIT_COLON_RE = re.compile(
    rf"^(?P<units>(?:{_UNIT_COLON_CHAR}|[（(]{_UNIT_COLON_CHAR}{{1,8}}[）)]){{2,30}})[：:][\s\u3000]*"
    r"(?P<role>牵头|负责)(?P<task>\S.*)$",
    re.S,
)
# A bracket of either width with no bracket inside: a unit's other name ("各村（社区）"), a header's note
# ("分值（分）").
BRACKETED_RE = re.compile(r"[（(][^（）()]*[）)]")


def take_unit_colon(text: str, year: int | None, fields: Fields) -> tuple[str, bool]:
    """The units before the colon as the item's lead (牵头) or responsible units (负责, the duty's own
    verb, which stays), and the text after them; with whether a lead was taken, whose other clauses
    ``lead_clauses`` reads once the item's lines are joined. ``text`` unchanged when the words before
    the colon are no units ("工作要求：牵头单位要…")."""
    found = UNIT_COLON_RE.match(text)
    units = found.group("units") if found else ""
    if not found or not all(_unit_before_colon(unit) for unit in units.split("、")):
        return text, False
    if found.group("role") == "负责":
        apply(fields, "responsible_units", units, year)
        return "负责" + found.group("task"), False
    apply(fields, "responsible_units", f"{units}牵头", year)
    return found.group("task"), True


def _unit_before_colon(unit: str) -> bool:
    """ "镇水利站" and "各村（社区）" name units, the bracket another name the unit goes by; "防火期（3—5月）"
    does not: a bracket after words that name no unit is a note of them."""
    return is_unit_name(BRACKETED_RE.sub("", unit))


# An item that opens with the clause giving units their role, the task after it: "请区住建局牵头，对…整治，
# 区城管局配合，3月31日前完成", "由各街道负责，组织…", as a notice or a chat message words a task. Not a
# clause inside the brackets before the task ("【X牵头，Y配合】…"): the bracket is read whole
# (``_take_units_first``).
ROLE_CLAUSE_RE = re.compile(
    r"^(?:请|由)?(?P<clause>[^，,。；;：:（）()【】〖〗]{2,40}?(?:牵头|负责))[，,][\s\u3000]*(?P<task>\S.*)$", re.S
)


def take_role_clause(text: str, year: int | None, fields: Fields) -> tuple[str, bool]:
    """The units of an opening clause of roles as the item's lead or responsible units, and the text
    after it, with True: its other clauses are for ``lead_clauses`` once the item's lines are joined.
    ``text`` unchanged, with False, when the clause names no unit ("加强领导，…", "主要领导负责，…") or opens in
    the past ("2025年X牵头，…" in a 2026 plan: ``opening_in_the_past``); the plan's own year before it says when."""
    past, opened = opening_in_the_past(text, year)
    found = None if past else ROLE_CLAUSE_RE.match(opened)
    if not found or not _names_units_in_roles(found.group("clause")):
        return text, False
    apply(fields, "responsible_units", found.group("clause"), year)
    return found.group("task"), True


# How many times the work is done: "至少开展2次", "召开一次".
# From the start of a count only (as ``FIGURE_RE``): linear on a long run of digits.
TIMES_RE = re.compile(r"(?:(?<!\d)\d+|(?<![一二两三四五六七八九十])[一二两三四五六七八九十]+)\s*次")


def _ongoing_clause(clause: str, year: int | None) -> bool:
    """A clause that says the work goes on ("长期坚持", "每季度"); not one that counts how often it is
    done ("每月至少开展2次"): that is part of the task, as its target."""
    return parse_schedule(clause, year).ongoing and not TIMES_RE.search(clause)


# An item that opens with its deadline, then its unit as the sentence's subject, as a schedule written
# backwards from its dates puts it: "5月20日前，X完成…", "年内，X建成…", "9月底前，X会同Y完成…".
DATED_OPENING_RE = re.compile(rf"^(?P<when>{YEAR_BY_DATE_RE.pattern}|(?:\d{{4}}\s*年)?(?:年内|年底前|年末前))[，,]\s*")


def take_sentence_units(text: str, year: int | None, fields: Fields) -> None:
    """The units the first sentence of an item's text opens with, after its title ("排查隐患。X牵头，Y配合，
    对…开展排查，…完成。", "X负责，…", "X要…"), as the item's units, with the roles its later clauses give
    others and when it is due (its one by-date, or a last clause that goes on); nothing when the sentence
    opens with no units ("全县上下要高度重视…", "逐户开展检查"), nor when it tells of work they did ("X牵头完成了…",
    "2026年X牵头，完成了…": ``DONE_WORK_RE``, as a later sentence is read)."""
    units, work = split_subject(FIRST_SENTENCE_RE.match(text).group(0), year)
    if units and DONE_WORK_RE.search(work):
        units, work = "", ""
    if not units:
        units, work = _assigning_sentence(text, year)
    if units:
        apply(fields, "responsible_units", units, year)
        lead_clauses(work, year, fields)


FIRST_SENTENCE_RE = re.compile(r"[^。！？!?]*")


def take_dated_subject(text: str, year: int | None, fields: Fields) -> str:
    """The work of an item that opens with its deadline and its units ("6月底前，X牵头，Y配合，完成…"), its
    date the deadline and its units theirs; ``text`` unchanged when no units follow the date ("6月底前，
    完成…" keeps its date in its sentence)."""
    found = DATED_OPENING_RE.match(text)
    if not found:
        return text
    units, work = split_subject(text[found.end() :], year)
    if not units:
        return text
    apply(fields, "responsible_units", units, year)
    apply_schedule(fields, found.group("when"), year)
    return work


def lead_clauses(task: str, year: int | None, fields: Fields) -> str:
    """A task after its lead ("推进…储备，全年新谋划储备项目50个，区商务局、区财政局配合，6月30日前完成"): the
    clauses that give others their roles are its cooperating units, its one by-date its deadline, and the
    clauses before the first of them name the task ("全年新增50个" is part of it: a span, no date)."""
    apply_sentence_schedule(fields, task, year)
    named, after = [], []
    for clause in _clauses(task):
        if _names_units_in_roles(clause):
            apply(fields, "responsible_units", clause, year)
            continue
        cooperating = COOPERATING_SUBJECT_RE.match(clause)
        if cooperating and all(is_unit_name(unit) for unit in cooperating.group("units").split("、")):
            apply(fields, "cooperating_units", cooperating.group("units"), year)
        if after or TEXT_DEADLINE_RE.search(clause) or _ongoing_clause(clause, year):
            after.append(clause)
        else:
            named.append(clause)
    return "，".join(named) + ("。" + "，".join(after) + "。" if after else "")
