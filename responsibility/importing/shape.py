"""Whether an imported document reads like a work plan at all, and if not, why.

Offices sometimes import the wrong file: a scoring notice, a meeting notice, a list. It still imports
(nothing is refused for its content), but the review page says that it does not look like a plan and
which of a plan's usual marks it lacks. The marks are the general form of a 工作要点 or 任务分解表:
several numbered tasks, units or people made responsible for them, deadlines, and the year the plan
is for in its title.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from . import headers as headers_module
from .document import Node, ParsedPlan

MIN_TASKS = 5
MIN_RECORD_TASKS = 3
# A meeting notice has three or four numbered parts and no one answerable for them. A community's grid
# (网格化管理) answers by persons: its 网格长 and 网格员, named over each grid's tasks.
RESPONSIBILITY_RE = re.compile(r"牵头|主责|责任(?:单位|部门|科室|领导|人)|配合单位|协办单位|网格长|网格员")
# Whom a notice is for ("一、学习对象", "参加人员", "培训范围"): the units its section names attend, learn or apply;
# they answer for nothing, whatever units the section's sentence opens with ("全区各类企事业单位…的人员").
AUDIENCE_RE = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,4}对象|(?:参加|参会|参训|参学|参赛|报名|培训|学习)(?:人员|范围))(?:和范围|及范围)?$"
)
_MONTH = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
DEADLINE_RE = re.compile(
    rf"{_MONTH}\s*(?:底|末|中旬|上旬|下旬|\d{{1,2}}\s*日)?\s*前|年底前|年内|长期坚持|常态化|持续推进|"
    r"(?:上|下)半年|第?[一二三四1-4]\s*季度"
)
YEAR_RE = re.compile(r"20\d{2}\s*年")
# What a title says when it is, or sends, a plan to track.
# A notice of an event: "关于召开…部署会的通知", "关于举办…运动会的通知".
EVENT_RE = re.compile(r"关于(?:召开|举办|举行|参加|组织参加)")
# A 督办函 or 交办单 hands a unit the matters it must finish, each to track.
PLAN_KIND_RE = re.compile(
    r"要点|方案|计划|规划|清单|分解|任务|台账|责任|目标|措施|安排|部署|意见|细则|办法|指标|考核|督办|交办"
)
# What a document tells of work done or decided, whatever the work was ("关于…考核结果的通报", "关于表彰…
# 的决定", "…情况的报告"): such a paper reports, it sets no task to track.
REPORTING_RE = re.compile(r"(?:通报|决定|批复|请示|报告|纪要|总结)$")
# A summary of the year's work ("…2025年平安建设工作总结"): what was done, its 下步打算 ideas named for nobody;
# as its own title, not as the subject of a notice ("关于做好…工作总结的通知"), it is no plan.
SUMMING_UP_RE = re.compile(r"总结$")
# A reply to a request ("关于同意《…实施方案》的批复"): it approves the plan it names, it does not send it;
# the plan itself, following under its own title, would be the plan to track.
REPLY_RE = re.compile(r"批复$")
# What explains another paper ("《…任务清单》政策解读", "…的起草说明", "…答记者问"): it tells of a plan,
# whatever its words, and sets no task to track itself.
INTERPRETING_RE = re.compile(r"(?:解读|起草说明|编制说明|答记者问|问答)$")
# What was said at a meeting ("在全县…工作会议上的讲话", "…的致辞", "…讲话提纲"): it asks units for work
# in its sentences ("…要…，3月底前完成…"), and sets no task to track; what was agreed there (a 纪要's
# 议定事项, each given its units and its date) is.
SPEAKING_RE = re.compile(r"(?:讲话|致辞|发言|讲话稿|讲话提纲|发言稿|发言提纲|主持词|讲稿)$")
# An outline of what to look into or talk over ("…情况的专题调研提纲", "座谈提纲"): its numbered parts are
# questions, its dates the visit's, no task to track (a speech's outline is SPEAKING_RE's).
OUTLINE_RE = re.compile(r"提纲$")
# What announces to the public or to bidders ("…公开招标公告", "…竞争性磋商公告", "…中标结果公示"): its
# numbered parts (项目基本情况, 资格要求, 获取招标文件) and dates are the procedure's, no task to track. A 通告
# is the public's by its kind ("关于…征兵工作的通告", "关于…实行交通管制的通告"): who may apply and how, when to
# register, what each step's office does, whom to call; its dates and bodies are the procedure's too, unless
# most of its entries give units their dates as a plan's items do (``_tasks_assigned``).
ANNOUNCING_RE = re.compile(r"(?:公告|公示|通告|邀请函|邀请书)$")
# A blank form handed out to be filled in ("…群众满意度测评表", "…调查问卷", "…报名表"): its rows are whom or
# what to tick, its dates when to hand it back, no task to track.
FILLING_RE = re.compile(r"(?:测评表|评议表|测评票|评议票|调查问卷|问卷|调查表|报名表|申请表|回执)$")
# A letter to families or residents ("致全校学生家长的一封信", "…暑假安全告知书", "…公开信"): it tells them what
# to mind and by when, and sets no task to track.
LETTER_RE = re.compile(r"^致[^，,。]{1,24}(?:的一封信|的信)|(?:一封信|公开信|告知书|告家长书)$")
# What a service window hands an applicant ("食品经营许可（新办）一次性告知单", "…办事指南", "…申报须知"): the
# materials to bring, where to go, how many working days the licence takes, a line to sign; no task to track.
APPLYING_RE = re.compile(r"(?:告知单|办事指南|服务指南|(?:办事|办理|申报|申请)须知)$")
# A department's standing powers and duties ("…局权责清单（2025年版）", "…权力清单", "…职权事项清单"): each row a
# power the law gives it (许可, 处罚, 检查 …), its 设定依据 and 追责情形, held year after year; no task to track,
# unless its rows are given units and dates as a plan's items are. A 责任清单 of tasks is a plan's kind, and so is a
# 权责清单 of a duty the title names before it ("…落实全面从严治党主体责任权责清单", "…安全生产监管责任权责清单"): its
# rows are the tasks that duty asks of each, not powers the law gives.
STANDING_POWERS_RE = re.compile(r"^(?!.*责任.*权责).*(?:权责|权力|职权)(?:事项)?清单(?:[（(][^（）()]{1,16}[）)])?$")

# A notice publishing a list of what was decided ("关于公布第三批市级示范村名单的通知", "关于命名…传承基地名录的
# 通知"): its numbered entries are the names chosen (each with its unit, a 保护单位, a 申报单位), no task to track.
# Not a 清单 of tasks, which is a plan's kind.
PUBLISHING_LIST_RE = re.compile(r"关于(?:公布|命名|认定|确定)[^。；;]{2,60}?(?:名录|名单|名册)的通知$")


@dataclass
class Shape:
    """The marks of a plan that were found and those that were not, as sentences for the page."""

    looks_like_plan: bool
    missing: list[str] = field(default_factory=list)
    found: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def check(parsed: ParsedPlan) -> Shape:
    nodes = parsed.nodes()
    tasks = [node for node in parsed.leaves() if len(re.sub(r"\W", "", node.title)) >= 2]
    marks = {
        "tasks": (len(tasks) >= MIN_TASKS, _tasks_text(len(tasks))),
        "responsibility": (any(_names_someone(node) for node in nodes), _("写明了责任单位、牵头单位或责任人")),
        "deadlines": (any(_has_deadline(node) for node in nodes), _("写明了完成时限")),
        "year": (_titled_with_year(parsed), _("标题写明了年度")),
        "kind": (titled_as_plan(parsed), _("标题是工作要点、方案、清单等，或印发它们的通知")),
    }
    lacking = {
        "tasks": _("编号的任务只有 %(count)s 项（工作要点通常有 %(min)s 项以上）")
        % {"count": len(tasks), "min": MIN_TASKS},
        "responsibility": _("没有写明责任单位、牵头单位或责任人"),
        "deadlines": _("没有写明完成时限"),
        "year": _("标题没有写明年度"),
        "kind": _kind_text(parsed.headers.get("title", "")),
    }
    missing = [key for key, (present, _text) in marks.items() if not present]
    # A notice of its own (a meeting, an event) has numbered parts and dates too; what it lacks is
    # anyone made answerable for them. A record of what was done or decided (a 会议纪要, a 通报) may
    # name units and dates in its demands, and still is not a plan: its title says what it is.
    looks = not (
        {"tasks", "responsibility"} <= set(missing)
        or {"kind", "responsibility"} <= set(missing)
        or len(set(missing) - {"kind"}) >= 3
        or ("kind" in missing and _titled_as_record(parsed) and not _tasks_assigned(tasks))
    )
    return Shape(
        looks_like_plan=looks,
        missing=[lacking[key] for key in missing],
        found=[text for present, text in marks.values() if present],
    )


def _kind_text(title: str) -> str:
    if ANNOUNCING_RE.search(title):
        message = _("标题“%(title)s”是公告、公示等，是向外告知事项，不是工作要点、方案，也不是印发它们的通知")
    elif SPEAKING_RE.search(title):
        message = _("标题“%(title)s”是讲话、致辞等，讲的是会上的要求，不是工作要点、方案，也不是印发它们的通知")
    elif FILLING_RE.search(title):
        message = _("标题“%(title)s”是测评表、问卷等，是待填写的表格，不是工作要点、方案，也不是印发它们的通知")
    elif APPLYING_RE.search(title):
        message = _("标题“%(title)s”是告知单、办事指南等，讲办事材料和时限，不是工作要点、方案，也不是印发它们的通知")
    elif LETTER_RE.search(title):
        message = _("标题“%(title)s”是致家长、居民等的一封信或告知书，不是工作要点、方案，也不是印发它们的通知")
    elif STANDING_POWERS_RE.search(title):
        message = _(
            "标题“%(title)s”是权责清单、权力清单等，列的是部门的法定职权，不是工作要点、方案，也不是印发它们的通知"
        )
    elif OUTLINE_RE.search(title):
        message = _("标题“%(title)s”是一份提纲（调研、座谈、宣讲、汇报等），不是工作要点、方案，也不是印发它们的通知")
    elif INTERPRETING_RE.search(title):
        message = _("标题“%(title)s”是政策解读、起草说明等，讲的是另一份文件，不是工作要点、方案，也不是印发它们的通知")
    elif REPORTING_RE.search(title):
        message = _("标题“%(title)s”是通报、决定、报告等，讲的是已办的事，不是工作要点、方案，也不是印发它们的通知")
    else:
        message = _("标题“%(title)s”是一份通知（如会议通知），不是工作要点、方案，也不是印发它们的通知")
    return message % {"title": title}


def _tasks_text(count: int) -> str:
    return _("有 %(count)s 项编号的任务") % {"count": count}


def _names_someone(node: Node) -> bool:
    fields = node.fields
    if AUDIENCE_RE.match(re.sub(r"\s", "", node.title)):
        return bool(RESPONSIBILITY_RE.search(_text(node)))  # whom it is for: only a label makes them answer
    named = fields.lead_leaders or fields.lead_units or fields.responsible_units or fields.cooperating_units
    return bool(named or fields.persons or RESPONSIBILITY_RE.search(_text(node)))


def _has_deadline(node: Node) -> bool:
    fields = node.fields
    dated = fields.deadline or fields.ongoing or fields.milestones or fields.deadline_text
    return bool(dated or DEADLINE_RE.search(_text(node)))


def _titled_with_year(parsed: ParsedPlan) -> bool:
    titles = [parsed.title, parsed.headers.get("title", ""), parsed.headers.get("plan_title", "")]
    return any(YEAR_RE.search(title) for title in titles)


def titled_as_plan(parsed: ParsedPlan) -> bool:
    """A plan's title names its kind (要点, 方案, 清单, 分解 …); a notice's names the plan it sends.
    A notice that sends nothing ("关于召开…会议的通知") is about something else, and so is a report of
    results (通报, 决定, 报告 …) even when its words are a plan's ("考核结果的通报"), and a 批复 that
    approves the plan it names."""
    headers = parsed.headers
    title = headers.get("title", "")
    if (
        INTERPRETING_RE.search(title)
        or SPEAKING_RE.search(title)
        or OUTLINE_RE.search(title)
        or SUMMING_UP_RE.search(title)
        or FILLING_RE.search(title)
        or LETTER_RE.search(title)
        or APPLYING_RE.search(title)
        or STANDING_POWERS_RE.search(title)
        or PUBLISHING_LIST_RE.search(title)
    ):
        return False
    if ANNOUNCING_RE.search(title) and not headers_module.sent_name(title):
        return False
    if not title or not headers_module.is_addressed(title) or "plan_title" in headers:
        return True
    if REPLY_RE.search(title):
        return False
    named = headers_module.sent_name(title) or headers_module.named_in_sentence(headers.get("preamble", ""))
    if named:
        return True
    return not EVENT_RE.search(title) and not REPORTING_RE.search(title) and bool(PLAN_KIND_RE.search(title))


def _titled_as_record(parsed: ParsedPlan) -> bool:
    """The title is a record's ("…常务会议纪要", "关于…考核结果的通报"), an explanation's ("…政策解读") or a
    speech's ("…会议上的讲话") or an outline's ("…调研提纲") or an announcement's ("…招标公告") or a blank
    form's ("…测评表") or a letter's ("致…家长的一封信") or an applicant's sheet ("…一次性告知单") or a
    department's standing powers ("…权责清单"), not a notice's about an event."""
    title = parsed.headers.get("title", "")
    if ANNOUNCING_RE.search(title) and not headers_module.sent_name(title):
        return True
    recorded = REPORTING_RE.search(title) or INTERPRETING_RE.search(title) or SPEAKING_RE.search(title)
    handed_out = FILLING_RE.search(title) or LETTER_RE.search(title) or APPLYING_RE.search(title)
    listed = STANDING_POWERS_RE.search(title) or PUBLISHING_LIST_RE.search(title)
    return bool(recorded or OUTLINE_RE.search(title) or handed_out or listed)


def _tasks_assigned(tasks: list[Node]) -> bool:
    """Most numbered entries of the record, three at least, give their units and their deadline as a plan's
    items do ("会议议定以下事项：一、…（责任单位：…；完成时限：…）", "会议要求，由X牵头，Y配合，…12月底前完成"):
    matters agreed to be tracked (督办), a list of tasks under a 纪要's title, one of them perhaps only a call
    to hurry ("各责任单位要倒排工期"). A record whose demands name no unit with a date is a record."""
    assigned = [node for node in tasks if _assigned(node)]
    return len(assigned) >= MIN_RECORD_TASKS and len(assigned) * 2 > len(tasks)


def _assigned(node: Node) -> bool:
    fields = node.fields
    return bool((fields.lead_units or fields.responsible_units) and (fields.deadline or fields.ongoing))


def _text(node: Node) -> str:
    return "\n".join([node.title, *node.content, *node.assignment_text])
