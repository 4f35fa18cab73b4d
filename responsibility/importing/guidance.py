"""Which numbered parts of a plan are its guidance (总体要求, 保障措施 …), not work to track.

A plan opens with 总体要求 (指导思想, 基本原则, 工作目标) and closes with 保障措施 or 工作要求: prose
that tells every unit how to go about the work, naming nobody to do it and no date to do it by.
Such a part is set apart as the plan's guidance text (``models.PlanGuidance``): shown and exported
with the plan, never an item. Both must hold: its heading is one of the names such parts go by, and
nothing in it, sub-parts included, assigns the work – no 牵头单位/责任单位/完成时限 phrase, no
"（党政办牵头）", no "6月底前". A 保障措施 that says "责任单位：党政办；完成时限：6月底前" is work, and
stays an item. The office can turn either way on the review page.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection

from django.utils.translation import gettext as _

from . import fields as phrases
from .document import GuidanceSection, Node, ParsedPlan, Problem, Table
from .numbering import ARTICLE, classify, match
from .tree import TreeBuilder

# "一是", "四是": the number of a part named by its first sentence.
SENTENCE_NUMBER_RE = re.compile(r"[一二三四五六七八九十]{1,2}是")

# The names guidance parts go by, found in a short heading ("三、强化保障措施", "四、有关工作要求").
HEADING_WORDS = (
    "总体要求",
    "总体思路",
    "工作思路",
    "指导思想",
    "基本原则",
    "工作原则",
    "总体目标",
    "工作目标",
    "主要目标",
    "目标要求",
    "目标任务",
    "重要意义",
    # What was done last year, reported before this year's work ("一、2024年工作回顾" over its results): its
    # figures are results, no targets; a part that names units or dates to work by stays work.
    "工作回顾",
    "保障措施",
    "保障机制",
    "工作保障",
    "组织保障",
    "组织实施",
    "实施步骤",
    "工作步骤",
    "方法步骤",
    "进度安排",
    "时间安排",
    "工作要求",
    "有关要求",
    "相关要求",
    "其他要求",
    # A 责任书's or a 考核办法's own: what is aimed at, how it is judged, how the paper itself holds.
    "责任目标",
    "考核奖惩",
    "奖惩措施",
    "奖惩办法",
    "考核办法",
    "考核方式",
    "考核评价",
    "责任追究",
    # How a 考核办法's score is made beside its items: points added or taken off, a veto ("三、加分项目",
    # "扣分事项", "四、一票否决").
    "加分",
    "扣分",
    "减分",
    "否决",
    "其他事项",
    "附则",
    # An 应急预案's frame around its preparation tasks: how it holds, how a response runs and ends.
    "总则",
    "应急响应",
    "后期处置",
)
SHORT_HEADING = 12
# A closing part named only "其他", of prose ("四、其他": who interprets the paper, when it takes effect):
# as a word of a longer name ("完成上级交办的其他工作"), or over numbered entries, it is work.
OTHER_HEADINGS = ("其他", "其它")
# A part that says what the plan covers or whom it judges, named by two characters and 范围/对象/依据
# ("适用范围", "实施范围", "考核对象", "编制依据"), or what it is about, its 主题 ("活动主题" over a slogan):
# guidance whatever verb names it, when it names nobody; its dates say what it covers ("2000年底前建成的
# 小区"), no task's deadline.
SCOPE_HEADING_RE = re.compile(r"^[\u4e00-\u9fa5]{2}(?:范围|对象|依据|主题)$")
# A part that says how the work is to be gone about, named by two characters and 要求 ("办理要求",
# "落实要求", "整改要求"): guidance when it assigns nothing, like 工作要求.
REQUIREMENTS_HEADING_RE = re.compile(r"^[\u4e00-\u9fa5]{2}要求$")
# A part named by two characters and 目标 ("整治目标", "建设目标") over a paragraph, no entries: what the plan
# aims at. Over numbered entries ("一、年度目标" / "1.完成…") it is work.
AIMS_HEADING_RE = re.compile(r"^[\u4e00-\u9fa5]{2}目标$")
# A part's name, not a sentence: "考核奖惩", "安全生产责任目标及要求".
PROSE_HEADING = 16
TITLE_END_RE = re.compile(r"[。！？；!?;，,]")
PROSE_BODY = 20  # characters: a paragraph, not a date or a place ("6月15日至16日。", "各社区文化广场。")
# A part named for the work it holds ("一、工作任务"), or named as a task is, by what to do ("二、推动
# 经济发展"), is work whatever its text; a part of the paper itself has a noun for a name (责任目标,
# 考核奖惩, 附则).
WORK_NAME_RE = re.compile(
    r"任务|事项|项目|实事|工作内容|重点工作|措施|举措"
    r"|^(?:推动|推进|加强|加快|加大|完善|开展|做好|抓好|办好|提升|提高|深化|强化|落实|实施|建设|建立|健全|优化|"
    r"促进|巩固|扩大|打造|创建|培育|发展|保障|改善|推行|全面|持续|着力|大力|聚焦|坚持|统筹|筑牢|守牢|防范|化解|"
    r"整治|治理|规范|严格|创新|激发|壮大|夯实|构建|稳定|确保|坚决|扎实|积极|切实|全力|深入|认真|进一步)"
)
# A meeting's topic (议题) in its 纪要, named by what it was about ("三、关于人事事项"): the matter talked over,
# not work named; under it the agreed items are the work, and a topic with none records a decision.
TOPIC_NAME_RE = re.compile(r"^关于")
# Who does it, without a label: "（党政办牵头，各社区配合）", "由司法所牵头". Not 负责同志 or 负责人, who
# they are ("成立由街道主要负责同志任组长的工作专班": a leading group, no unit answering for work).
RESPONSIBILITY_RE = re.compile(
    r"[（(][^（）()]*(?:牵头|负责(?!同志|人)|配合|责任)[^（）()]*[）)]|由[^，。；,;]{1,20}(?:牵头|负责(?!同志|人))"
)
# Who interprets the paper ("本细则由街道党政办负责解释"): its closing words, no work to track.
INTERPRETS_RE = re.compile(r"由[^，。；,;]{1,20}负责解释")
# A mark spoken of in quotes, as a note explains it ("注：标注“（牵头）”的为牵头单位"): it names the mark, no unit.
QUOTED_MARK_RE = re.compile(r"[“\"‘'「][（(][^（）()“”\"]{1,6}[）)][”\"’'」]")
# By when, without a label: "6月底前", "9月30日以前", "年底前", "第三季度末前".
DEADLINE_RE = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}\s*日|底|末|中旬|上旬|下旬|初)?\s*(?:以|之)?前"
    r"|(?:年底|年末|季度末?|半年|年内)\s*(?:以|之)?前"
)

# What a part weighs in the score, as its heading says it ("（30分）").
POINTS_NOTE_RE = re.compile(r"[（(]\s*(?:满分|分值|计|共)?\s*[：:]?\s*\d+(?:\.\d+)?\s*分\s*[）)]")

# A part that says who commands and what each agency's standing duties are ("二、组织机构及职责" over
# "1.县应急管理局：承担指挥部办公室日常工作…"): roles held, no task given by a date, however many units
# it names. Named as a task is ("健全社区组织体系"), or giving a date, it is work.
ORGANISATION_HEADING_RE = re.compile(r"^(?:应急)?(?:组织机构|组织体系|组织指挥体系|机构设置)(?:及|和|与)?(?:其?职责)?$")

# A part that sets out the stages of the work ("三、实施步骤" over "（一）启动实施阶段（3月底前）"): its
# dates are the stages', no task's deadline.
STAGES_HEADING_RE = re.compile(r"步骤|阶段|进度安排|时间安排")
# A part named for when the work is due ("一、办理时限", "三、完成期限"), in prose that names nobody: the
# deadlines of the items listed elsewhere, stated once (see ``rules``), no task of its own.
TIME_LIMITS_HEADING_RE = re.compile(r"^[\u4e00-\u9fa5]{2}(?:时限|期限)$")
# A part that sets out what the plan aims at ("一、总体目标": "到2017年底，全县完成…3200户"): its dates are
# the aims' horizon, no task's deadline. Not 目标任务, a name for the tasks themselves.
GOALS_HEADING_RE = re.compile(r"目标(?:要求)?$")
# Prose that sends the reader to an attachment for the list ("项目名称…详见附件1", "具体任务见附件").
TO_ATTACHMENT_RE = re.compile(r"(?:详见|参见|见)\s*附(?:件|表)\s*\d*")

# Whom a paragraph addresses when it speaks to every unit: groups, each with 各 ("各乡镇（街道）",
# "区直各部门", "各有关单位"), then what they must do ("要", "务必", "必须", "应").
_GROUP = r"[^，。；、,;：:]{0,6}各[^，。；、,;：:]{1,10}?"
ADDRESSED_TO_ALL_RE = re.compile(rf"^{_GROUP}(?:[、和及与]{_GROUP})*(?:要|务必|必须|应当?)")
# One such group alone: "各科室", "局机关各股室".
GROUP_RE = re.compile(_GROUP)

# The units a plan has given its items, spoken of again as a group ("各责任单位要…", "责任单位要在5个工作日内
# 报告…", "各牵头单位"): no unit of their own, those who do the work listed.
ROLE_GROUP_RE = re.compile(r"^各?(?:责任|牵头|配合|承办|协办|主办)单位$")
# The verb ``fields.split_subject`` writes after the units it found ("各责任单位负责", "X牵头，Y配合").
ROLE_VERB_RE = re.compile(r"(?:牵头|负责|配合)$")
# A body of the sender's own organ, named from within it: "委机关纪委", "局机关党委", "本局办公室".
# One body of it that follows work up, not its sections as a group ("局机关各股室要于6月底前完成…" is work).
OWN_ORGAN_RE = re.compile(r"^(?:本(委|局|办|厅|院)|(委|局|厅|院)机关)(?:纪委|纪检组|党委|办公室|督查室)$")
# Who sends the paper, as its title ("X关于…的通知") or its signature names it.
ISSUER_RE = re.compile(r"^(.{4,30}?)关于")


def set_apart(plan: ParsedPlan, headed: Collection[Node] = (), listed_apart: bool = False) -> None:
    """Move the guidance parts among the plan's top entries (and among those of each attachment the
    plan is sent in) from the tree to ``guidance``. Entries that would all be guidance are all kept:
    whatever such a document is, its parts are what there is to review (the office can still turn
    any of them into guidance).

    ``headed`` are the entries whose numbered line was a heading alone ("三、考核奖惩"), their text in
    paragraphs under it: beside parts that hold numbered tasks, such a part with prose only is
    guidance whatever its name (see ``is_prose_section``). ``listed_apart``: the plan's task list came
    as an attachment of its own, its rows now among the top entries (``Frame.lists_the_plans_tasks``)."""
    headed_ids = {id(node) for node in headed}
    issuers = _issuers(plan.headers)
    for parent, siblings in _sibling_lists(plan):
        # The numbering styles whose parts hold numbered tasks here ("二、考核内容" over its 1. 2. 3.).
        structured = {node.level for node in siblings if node.children and node.level > 0}
        listed = parent is None and (listed_apart or _tasks_in_attachment(plan))
        found = [
            GuidanceSection(node, index, parent)
            for index, node in enumerate(siblings)
            if is_guidance(node, issuers)
            or (node.level in structured and id(node) in headed_ids and _closing_prose(node))
            or (listed and _points_to_attachment(node))
            or is_closing_sentence(node, siblings)
        ]
        if not found or len(found) == len(siblings):
            continue
        siblings[:] = [node for node in siblings if all(node is not section.node for section in found)]
        plan.guidance.extend(
            GuidanceSection(section.node, section.position - before, parent) for before, section in enumerate(found)
        )
    if plan.guidance:
        names = "”“".join(f"{section.node.number}{section.node.title}" for section in plan.guidance)
        message = _(
            "“%(names)s”是指导性内容（总体要求、工作要求等，不是要跟踪的事项），未列为事项，已作为工作要点的正文保留；"
            "需要跟踪时可在核对页面“转为事项”。"
        )
        plan.warnings.append(Problem(plan.guidance[0].node.line, names, message % {"names": names}))


def is_closing_sentence(node: Node, siblings: list[Node]) -> bool:
    """The last of parts named by their first sentence ("四是强化工作保障。区财政…；区应急管理局牵头…"),
    a paragraph with no items under it where every part before it holds numbered tasks: how the work
    is backed, said in closing, whatever units it names."""
    named = [sibling for sibling in siblings if SENTENCE_NUMBER_RE.fullmatch(sibling.number)]
    return (
        len(named) >= 2
        and node is siblings[-1]
        and node is named[-1]
        and not node.children
        and all(sibling.children for sibling in named[:-1])
    )


def _sibling_lists(plan: ParsedPlan) -> list[tuple[Node | None, list[Node]]]:
    """The plan's top entries, and the entries of each attachment (附件1, 附件2) it is sent in."""
    parts = [root for root in plan.roots if root.level == 0 and root.number.startswith(("附件", "附表"))]
    return [(None, plan.roots), *((part, part.children) for part in parts)]


def _tasks_in_attachment(plan: ParsedPlan) -> bool:
    return any(root.level == 0 and root.number.startswith(("附件", "附表")) and root.children for root in plan.roots)


def _points_to_attachment(node: Node) -> bool:
    """A part of prose that says the tasks are listed in an attachment ("二、项目安排" / "…详见附件1。各牵头
    单位要…于3月15日前报备"), the plan holding that list: it points to the work, it is none. A date to
    report by does not make it a task; a label or a "（X牵头）" does."""
    text = "\n".join(node.content)
    return (
        not node.children
        and bool(TO_ATTACHMENT_RE.search(text))
        and not node.assignment_text
        and node.fields.is_empty()
        and not RESPONSIBILITY_RE.search(text)
    )


def is_guidance(node: Node, issuers: Collection[str] = ()) -> bool:
    """``issuers``: the names of who sends the paper (``_issuers``), whom its requirements may name."""
    if not _guidance_heading(node.title) and not (_names_aims(node.title) and not node.children):
        return False
    if node.children and node.title.strip().rstrip("。.：:") in OTHER_HEADINGS:
        return False  # "二、其他" over "（一）…": other tasks, numbered
    name = node.title.strip().rstrip("。.：:")
    if ORGANISATION_HEADING_RE.match(name):
        return all(_dates_nothing(part) for part, _depth in node.walk())
    if (
        STAGES_HEADING_RE.search(node.title)
        or GOALS_HEADING_RE.search(name)
        or SCOPE_HEADING_RE.match(name)
        or TIME_LIMITS_HEADING_RE.match(name)
    ):
        return all(_names_nobody(part) for part, _depth in node.walk())
    # "三、工作要求" over "（二）注重实效。…年底前向代表通报落实情况。": how the work is to be gone about; a
    # date to report by is no task where nobody is named to do one ("各社区于6月底前报送…" names them).
    if REQUIREMENTS_HEADING_RE.match(name) and all(
        (_names_nobody(part) and not _units_act(part)) or _asks_of_own_units(part, issuers) or _tells_every_unit(part)
        for part, _depth in node.walk()
    ):
        return True
    return all(_is_prose(part) for part, _depth in node.walk()) or is_exhortation(node) or _titled_measures(node)


def _titled_measures(node: Node) -> bool:
    """Measures, each a short name and its paragraph ("三、保障措施" over "（一）加强组织领导。医院成立…" "（三）做好
    总结评估。各牵头部门…12月20日前将全年工作总结报质控办。"), under a guidance name: how the work is backed, even
    where one of them names units or a date to report by. Called only under a guidance name. They are plainly
    tasks, and stay work, when any has a label, a "（X牵头）" or entries of its own, names a unit, a day and a figure
    together (``_pledges_work``), or when half of them or more say who or by when ("四、工作要求" over "1.各社区于
    6月底前报送…" alone)."""
    parts = node.children
    if len(parts) < 2 or not _is_prose(node) or any(part.children for part in parts):
        return False
    for part in parts:
        title = part.title.strip().rstrip("。.：:")
        if not (0 < len(title) <= PROSE_HEADING and part.content and not TITLE_END_RE.search(title)):
            return False
        kept = dataclasses.replace(
            part.fields, responsible_units=[], deadline=None, deadline_text="", ongoing=False, points=None
        )
        if part.assignment_text or not kept.is_empty() or RESPONSIBILITY_RE.search(_said_of_itself(part)):
            return False
        if _pledges_work(part):
            return False
    tasks = [part for part in parts if not _is_prose(part) or _units_act(part)]
    return 2 * len(tasks) < len(parts)


def _pledges_work(part: Node) -> bool:
    """A measure that names a unit, a day and a figure together ("（二）加大经费投入。县财政局于2026年4月底前拨付
    专项资金3000万元。"): a unit bound to deliver an amount by a date, a task however the section is named; a unit
    and a date to report by alone ("各牵头部门…11月25日前将年度总结报办公室") stay how the work is backed. The
    three in one sentence: its subject (``split_subject``), a day it is due by (``DEADLINE_RE``) and an indicator."""
    sentences = [sentence for text in part.content for sentence in re.split(r"(?<=[。；;！!])", text)]
    return any(
        DEADLINE_RE.search(sentence) and phrases.split_subject(sentence)[0] and phrases.find_indicators(sentence)
        for sentence in sentences
    )


def is_exhortation(node: Node) -> bool:
    """One paragraph that tells every unit what it must do ("各乡镇（街道）、区直各部门要切实履行…，于12月
    10日前将本单位情况报区委"): a date to report by does not make it a task, for it names no unit of its
    own to track. Called only under a guidance name (组织保障, 工作要求); a part with labels, a
    "（X牵头）" or entries under it is work."""
    return (
        not node.children
        and len(node.content) == 1
        and not node.assignment_text
        and node.fields.is_empty()
        and bool(ADDRESSED_TO_ALL_RE.match(node.content[0]))
        and not RESPONSIBILITY_RE.search(node.content[0])
    )


def is_prose_section(node: Node) -> bool:
    """A part under a short name ("三、考核奖惩", "四、附则") with a paragraph of prose and no numbered
    entry under it, beside parts of its numbering that do hold numbered tasks: what the paper says
    about the work (its aim, how it is judged, when it holds), not a task of its own. Called only for
    a part whose name stood alone on its line, so that "四、完成上级交办的其他工作。" and "三、深化改革。
    推进…" stay items; a part named for the work ("一、工作任务", "三、主要措施") stays one too, and so
    does one that says no more than a time or a place."""
    title = node.title.strip().rstrip("。.：:")
    if is_rules(node):
        return True
    return (
        not node.children
        and sum(len(paragraph) for paragraph in node.content) >= PROSE_BODY
        and 0 < len(title) <= PROSE_HEADING
        and not TITLE_END_RE.search(title)
        and (TOPIC_NAME_RE.match(title) or not WORK_NAME_RE.search(title))
        and _is_prose(node)
    )


def _closing_prose(node: Node) -> bool:
    """A part of prose under its own heading beside parts that hold tasks (see ``is_prose_section``), or
    one whose only paragraph tells every unit what it must do ("四、强化责任落实" / "各村（社区）党组织书记
    要切实履行…"), whatever its name: it names no unit of its own to track (see ``is_exhortation``). Named
    as a task is, a date makes it one ("二、开展窗口作风整治" / "各乡镇要于6月底前完成自查"); only under a
    guidance name is a date to report by no task (``is_guidance``)."""
    return is_prose_section(node) or (is_exhortation(node) and _is_prose(node))


def is_rules(node: Node) -> bool:
    """A part written as articles of rules ("第七条　获得表彰的，每项加3分。" "第十条　各指标由相关部门负责
    评分。"), beside parts that hold numbered tasks: how the work is judged, whatever its name says
    and whoever its rules name; labelled fields ("责任单位：") still make it work."""
    articles = [match(paragraph) for paragraph in node.content]
    return (
        not node.children
        and bool(articles)
        and all(article is not None and article.style == ARTICLE for article in articles)
        and not node.assignment_text
        and node.fields.is_empty()
    )


def is_guidance_name(title: str) -> bool:
    """Named as a guidance part is ("工作目标", "四、有关工作要求", "整治目标")."""
    return _guidance_heading(title) or _names_aims(title)


def _names_aims(title: str) -> bool:
    return bool(AIMS_HEADING_RE.match(title.strip().rstrip("。.：:")))


def _guidance_heading(title: str) -> bool:
    title = title.strip().rstrip("。.：:")
    if SCOPE_HEADING_RE.match(title) or REQUIREMENTS_HEADING_RE.match(title) or title in OTHER_HEADINGS:
        return True
    if TIME_LIMITS_HEADING_RE.match(title) or ORGANISATION_HEADING_RE.match(title):
        return True
    return len(title) <= SHORT_HEADING and any(word in title for word in HEADING_WORDS)


def _names_nobody(node: Node) -> bool:
    """Nothing in it says who does the work (it may say when, and what it weighs: "二、共性目标（30分）"
    over a paragraph that says how it is judged names nobody)."""
    weighed = dataclasses.replace(node.fields, points=None)
    if any(not POINTS_NOTE_RE.fullmatch(text) for text in node.assignment_text) or not weighed.is_empty():
        return False
    return not RESPONSIBILITY_RE.search(_said_of_itself(node))


def _asks_of_own_units(node: Node, issuers: Collection[str]) -> bool:
    """Every unit it names is one the plan has given its items, spoken of as a group ("各责任单位要…于4月15日前
    将整改方案报督查室"), or the office that sends the paper, saying what it will do ("县政府督查室将适时开展
    “回头看”"): how the listed work is to be reported and followed up, with a date to report by, no task of its
    own. A label, a "（X牵头）", or any other unit ("各社区于6月底前报送…") makes it work."""
    if node.assignment_text or RESPONSIBILITY_RE.search(_said_of_itself(node)):
        return False
    fields = node.fields
    rest = dataclasses.replace(
        fields, responsible_units=[], deadline=None, deadline_text="", ongoing=False, points=None
    )
    if not rest.is_empty():
        return False
    return all(ROLE_GROUP_RE.match(unit) or _is_issuer(unit, issuers) for unit in _units_named(node))


def _tells_every_unit(node: Node) -> bool:
    """Every unit it names is a group, each with 各 ("各科室、各市场监管所要加强与…的沟通协作，形成监管合力"), told
    how to go about the work, by no date: no unit of its own to track. A date ("各科室要于6月底前完成自查"), a
    label, a "（X牵头）" or a unit named alone makes it work."""
    if node.assignment_text or RESPONSIBILITY_RE.search(_said_of_itself(node)) or not _dates_nothing(node):
        return False
    if not dataclasses.replace(node.fields, responsible_units=[]).is_empty():
        return False
    units = _units_named(node)
    return bool(units) and all(GROUP_RE.fullmatch(unit) for unit in units)


def _units_named(node: Node) -> list[str]:
    """The units its fields hold and those its sentences open with ("各科室、各市场监管所要…")."""
    subjects = [phrases.split_subject(text)[0] for text in [node.title, *node.content] if text]
    units = [*node.fields.responsible_units]
    for subject in subjects:
        units.extend(ROLE_VERB_RE.sub("", unit) for unit in re.split(r"[、，,]", subject) if unit)
    return units


def _issuers(headers: dict[str, str]) -> list[str]:
    """Who sends the paper: the organ its title opens with ("永宁县人民政府督查室关于…的通知"), and its signature."""
    found = ISSUER_RE.match(headers.get("title", ""))
    names = [found.group(1)] if found else []
    names.extend(line.strip() for line in headers.get("signatory", "").split("\n") if line.strip())
    return [_short_name(name) for name in names]


def _is_issuer(unit: str, issuers: Collection[str]) -> bool:
    """ "县政府督查室" for "永宁县人民政府督查室": the sender's name, its place left off, as the paper itself
    speaks of it; or a body of the sender's own organ, named from within it ("委机关纪委", "本局办公室" in a
    paper a 委 or a 局 sends)."""
    own = OWN_ORGAN_RE.match(unit)
    if own:
        return any((own.group(1) or own.group(2)) in issuer for issuer in issuers)
    unit = _short_name(unit)
    return len(unit) >= 4 and any(issuer.endswith(unit) for issuer in issuers)


def _short_name(name: str) -> str:
    return name.replace("人民政府", "政府")


def _units_act(node: Node) -> bool:
    """A sentence of it opens with the units who do it ("各社区于6月底前报送半年工作总结")."""
    return any(phrases.split_subject(text)[0] for text in [node.title, *node.content] if text)


def _dates_nothing(node: Node) -> bool:
    """Nothing in it says by when (it may say who: an agency and its standing duties)."""
    fields = node.fields
    if fields.deadline or fields.ongoing or fields.milestones:
        return False
    return not DEADLINE_RE.search("\n".join([node.title, *node.content]))


def _is_prose(node: Node) -> bool:
    """Nothing in it says who does the work or by when."""
    if node.assignment_text or not node.fields.is_empty():
        return False
    text = _said_of_itself(node)
    return not RESPONSIBILITY_RE.search(text) and not DEADLINE_RE.search(text)


def _said_of_itself(node: Node) -> str:
    """Its words but what the paper says of itself: who interprets it, what a quoted mark means."""
    return QUOTED_MARK_RE.sub("", INTERPRETS_RE.sub("", "\n".join([node.title, *node.content])))


# --- the export's sheet of guidance, read back --------------------------------------------------

SHEET = "指导性内容"
COLUMNS = ("编号", "标题", "内容")


def is_sheet(table: Table) -> bool:
    """The sheet our export writes the guidance to: a title row, then 编号 | 标题 | 内容."""
    return any(tuple(cell.strip() for cell in row[: len(COLUMNS)]) == COLUMNS for row in table.rows[:3])


def read_sheet(table: Table) -> list[Node]:
    """The sheet's rows as guidance sections, nested by their numbers as the text parser nests them."""
    header = next(index for index, row in enumerate(table.rows) if tuple(c.strip() for c in row[:3]) == COLUMNS)
    tree = TreeBuilder()
    for index, row in enumerate(table.rows[header + 1 :], start=header + 1):
        number, title, content = (row + ["", "", ""])[:3]
        if not (number.strip() or title.strip() or content.strip()):
            continue
        node = Node(number.strip(), 0, title.strip(), table.line + index, content=_paragraphs(content))
        numbering = classify(number) or match(f"{number.strip()} x")
        if numbering:
            tree.add(numbering, node)
        else:
            tree.roots.append(node)
    return tree.roots


def place(plan: ParsedPlan, sections: list[Node]) -> None:
    """Sections read from a sheet stand before the first top entry numbered after them."""
    for node in sections:
        plan.guidance.append(GuidanceSection(node, _position(plan.roots, node.number)))
    plan.guidance.sort(key=lambda section: section.position)


def _position(roots: list[Node], number: str) -> int:
    mine = classify(number) or match(f"{number} x")
    for index, root in enumerate(roots):
        theirs = classify(root.number) or match(f"{root.number} x")
        if mine and theirs and theirs.style == mine.style and theirs.value > mine.value:
            return index
    return len(roots)


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()]


# --- back into entries -----------------------------------------------------------------------------


def as_node(number: str, title: str, content: str, sections: list[dict], line: int | None, year: int | None) -> Node:
    """A guidance section (or a part of one) as the entry the import would have made of it: its
    labelled phrases read into fields, its numeric targets into indicators."""
    node = Node(number=number, level=0, title=title, line=line or 0)
    for paragraph in _paragraphs(content):
        found = phrases.extract(paragraph, year, into=node.fields)
        node.assignment_text.extend(found.phrases)
        if found.rest:
            node.content.append(found.rest)
    node.indicators = phrases.find_indicators(node.fields.target or "\n".join([title, *node.content]))
    node.children = [
        as_node(part["number"], part["title"], part["content"], part["sections"], part.get("line") or line, year)
        for part in sections
    ]
    return node
