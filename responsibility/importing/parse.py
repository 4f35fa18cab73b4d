"""From the blocks of a source to a tree of headings and items, with headers and doubts kept apart.

The promise: every character of the source ends up in an item (number, title, content, assignment
phrases), a header field, or the visible "not understood" list (``account`` rebuilds it for tests).
"""

from __future__ import annotations

import calendar
import collections
import dataclasses
import datetime
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from . import fallback, flattened, forms, guidance, headers, rules, shape, tables
from . import fields as phrases
from .document import Fields, GuidanceSection, ImportRejected, Line, Node, ParsedPlan, Problem, Source, Table
from .editor_numbers import without_line_numbers
from .footnotes import NotedFields, noted_fields, without_footnotes
from .frame import TABLE_AHEAD, Frame, Part
from .layout import PAGE_NUMBER, running_heads, slide_markers
from .legend import MARK_LEGEND_RE, apply_mark_legend, labelled_brackets, mark_legend
from .numbering import (
    CIRCLED,
    Numbering,
    classify,
    is_article_heading,
    item_number_over_figure,
    lone,
    match,
    without_count,
)
from .text import BOLD_LEAD as BOLD_LEAD_RE
from .text import plain_labels, without_struck
from .text_tables import tables_among
from .titles import TITLE_END_RE, split_title
from .tree import TreeBuilder
from .written import as_written

# "（15分）", "(5 分)", "（满分15分）", "（分值：10分）" written after a heading or an item's sentence.
POINTS_NOTE_RE = re.compile(r"[（(]\s*(?:满分|分值|计|共)?\s*[：:]?\s*(\d+(?:\.\d+)?)\s*分\s*[）)]\s*$")
# What closes a paragraph, so that the next line is not its sentence going on: a sentence's end, or a
# colon (it opens what follows) or an ellipsis (it trails off).
PARAGRAPH_END = phrases.SENTENCE_END + "：:…"
# A heading without a number: a short name of Chinese characters alone on its line ("党建引领强基础").
UNNUMBERED_HEADING_RE = re.compile(r"^[\u4e00-\u9fff]{2,12}$")
UNNUMBERED = "unnumbered"
# A group's line over the tasks a list or an export holds under it: a label, the group's name and how many
# it holds ("任务分组：数字政府建设（共3项）", "类别：民生实事", "专项：河湖治理（2项）").
GROUP_LINE_RE = re.compile(
    r"^(?P<label>(?:任务|工作|事项|项目)?(?:分组|类别|分类|板块)(?:名称)?|专项(?:名称)?)[ \u3000]*[：:][ \u3000]*"
    r"(?P<name>[^：:，。；,;！？!?]{2,30})$"
)
# A person named as a 分工 names them, with the form of address and a colon: "王某某同志：".
PERSON_HEADING_RE = re.compile(r"^[\u4e00-\u9fff]{2,4}同志[ \u3000]*[：:]$")
# Not "□" (a box to tick: see ``BOX_RE``) nor "※" (a note).
BULLETS = "●◆■▲△★☆◇○◎•▪▶►◉"
BULLETED = "bulleted"
# "**推进老旧小区改造：**…", "**整治背街小巷**：…": a paragraph's name in bold, its colon inside or after the bold.
BOLD_LEAD = "bold_lead"
# "10月20日前：设置宣传牌…。（X、Y）" under "一、…": an item without a number that opens with its deadline
# and a colon, the task after it; the date is its deadline, no word of its title.
DATED_LEAD = "dated_lead"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
# A month's line of a schedule ("1月：召开全区教育工作会议…", "3月上旬：…", "3月中下旬：…") under "三、月份工作安排":
# the same, its task due by the month's end (or the part of the month it names). A range of months ("7—8月：",
# "7月—8月：", "11月至12月：", "12月—次年1月：") is due by its last month's end.
_MONTH_RANGE = rf"{_MONTH}\s*(?:月份?\s*)?[—\-–~～至到]\s*(?:(?:次年|翌年)\s*)?"
_MONTH_LEAD = rf"(?P<month>(?:\d{{4}}\s*年\s*)?(?:{_MONTH_RANGE})?{_MONTH}\s*月份?\s*(?:中?下旬|上旬|中旬|底|末)?)"
# A quarter's line, as a 季度里程碑 writes each stage ("三季度：主体结构封顶", "第四季度末：…"): due by its end.
_QUARTER_LEAD = r"(?P<quarter>(?:\d{4}\s*年\s*)?第?[一二三四1-4]\s*季度(?:末|底)?前?)"
# A year's line, as a 三年行动计划 writes each year's stage ("2024年：开工建设", "2025年：建成通水"): due by its end.
_YEAR_LEAD = phrases.YEAR_LABEL  # the year a stage's label names, as ``find_dates`` reads it
# The month's spaces are its own (an atomic group, ``(?>…)``): the colon's spaces never share them out again.
DATED_LEAD_RE = re.compile(
    rf"^(?P<when>{phrases.YEAR_BY_DATE_RE.pattern}|(?:\d{{4}}\s*年)?(?:年内|年底前|年末前)|(?>{_MONTH_LEAD})"
    rf"|{_QUARTER_LEAD}|{_YEAR_LEAD})"
    r"[ \u3000]*[：:][ \u3000]*(?=\S)"
)
# The last stage of a list of dated ones, when the work goes on past them ("长期：常态化管护").
GOING_ON_LEAD_RE = re.compile(r"^(?:长期|常态化|持续)[\u4e00-\u9fff]{0,4}[ \u3000]*[：:][ \u3000]*(?=\S)")
# A line alone over what was done by when ("工作进度：", "进展情况：", "完成情况："): a report's progress, its
# dated lines no stages of work to be done.
PROGRESS_INTRO_RE = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:进度|进展|情况)[ \u3000]*[：:]$")
# What parts a month's tasks on its line of a schedule.
TASK_SEPARATOR_RE = re.compile(r"[；;]")
# "一是健全组织体系。…": a part named by the sentence its ordinal and 是 open, over numbered items.
SENTENCE = "sentence"
SENTENCE_HEADING_RE = re.compile(r"^[ \u3000]*([一二三四五六七八九十]{1,2})是(?=[^。！？；;，,：:]{2,24}。)")
# The label that names the task of a block of labelled lines ("任务名称：…" / "责任单位：…" / "完成时限：…").
ITEM_NAME_LABEL_RE = re.compile(
    r"^(?:任务名称|事项名称|任务事项|工作任务|重点任务|项目名称)[ \u3000]*[：:][ \u3000]*(?=\S)"
)
NAMED = "named"
# The label that opens an item's own words, before the labels of what is to be done, named as a table
# names the task's column (``tables.TASK_NAMES``): in square brackets ("1.【交办事项】…【承办单位】…", "1.【问题】…。"
# over "【整改要求】…" in a 督查's list of problems) or before a colon ("2.工作任务：…；责任单位：…"). No word of
# its title.
_ITEM_NAMES = rf"存在问题|问题描述|问题|{tables.TASK_NAMES}"
ITEM_NAME_BRACKET_RE = re.compile(rf"^[【［\[〖][ \u3000]*(?:{_ITEM_NAMES})[ \u3000]*[】］\]〗][ \u3000]*(?=\S)")
ITEM_NAME_COLON_RE = re.compile(rf"^(?:{tables.TASK_NAMES})[ \u3000]*[：:][ \u3000]*(?=\S)")
# The tag a revised plan puts before a task it added or changed ("（三）【新增】举办…", "【调整】建成…"):
# the revision's note, no word of the task. So is the grade a 督办 list gives a matter ("1.【A类】…", "【一级】…"):
# how closely it is followed, no word of the task.
REVISION_TAG_RE = re.compile(
    r"^[【〖][ \u3000]*(?:新增|调整|修改|修订|变更|补充|[A-Da-d甲乙丙丁一二三四][ \u3000]?[类级档])"
    r"[ \u3000]*[】〗][ \u3000]*(?=\S)"
)
# A task known by its layout alone, its list number lost on copy: a short line over a line of fields.
LAID_OUT = "laid_out"
# What a task's line has not: a sentence's end, a label and its colon ("目标：…" under a task is its text).
LAID_OUT_TASK_RE = re.compile(r"^(?![\u4e00-\u9fff]{1,8}[：:])[^。！？；;：:]{2,40}$")
# Markdown's list mark ("- ", "* ", "+ ") before a line in text that is not a .md file, indented or not;
# a PDF's text drops the space after a dash ("-开展…", "-3月：…" in a month schedule; not "-3" alone, a number).
# A bold word may open the line after the mark ("- **牵头单位**：…"); a rule ("* * *") is no list mark.
MD_QUOTE_RE = re.compile(r"^[ \t\u3000]*(?:>[ \t\u3000]*)+(?=[^\s\d>])")
_DASHED_MONTH = r"\d{1,2}\s*(?:[—–~～至到]\s*\d{1,2}\s*)?月"
MD_BULLET_RE = re.compile(
    rf"^[ \t\u3000]*(?:[-*+][ \t]+(?=[^\s\[\-*+]|\*\*[^*\s])|-(?=[\u4e00-\u9fff“]|\*\*[^*\s]|{_DASHED_MONTH}))"
)
# A box to tick before a line, empty or ticked, drawn ("□", "☑") or typed as Markdown's task list
# ("- [ ] ", "[x] " once the list's dash is taken off): a checklist's entry, whichever way it is ticked.
BOX = "☐"
BOX_RE = re.compile(r"^[ \t\u3000]*(?:[-*+][ \t]*(?=\[)|[-*+][ \t]+)?(?:\[[ xX✓√]?\]|[□☐☑☒])[ \t\u3000]*")
# A heading's name after its mark ("▲ 环境卫生"): no sentence in it.
MARKED_HEADING_RE = re.compile(r"^[^，。；：,;:!?！？]{2,20}$")
# What names a document, not a part of one: "…工作方案", "…的通知", "…任务清单".
DOCUMENT_NAME_RE = re.compile(r"(?:通知|通报|方案|计划|要点|规划|安排|清单|细则|办法|规定|意见|报告|总结|表|台账)$")
# A paragraph of prose under such a heading: a sentence with its stops.
PROSE_LINE_RE = re.compile(r"[，。；,;]")
# A line of labelled names, no sentence: "派出单位：县财政局　第一书记：周明　队员：何军、罗丹".
ROSTER_LINE_RE = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}[：:][^，。；,;：:]{1,30}?[\s\u3000]*){1,6}$")
# A heading that is only a deadline, its items grouped by when they are due ("一、3月底前完成（3项）",
# "（二）年底前完成的任务", "三、全年持续推进"): the date or the going on, at most a verb of doing and a word for
# the tasks after it. "上半年工作回顾" and "6月底前完成厂房建设" say more, and give nothing.
_GROUP_WORD = r"(?:的)?(?:重点)?(?:工作|任务|事项|项目)?"
DEADLINE_HEADING_RE = re.compile(rf"^(?:{phrases.TEXT_DEADLINE_RE.pattern})\s*(?:{phrases.DONE})?{_GROUP_WORD}$")
GOING_ON_HEADING_RE = re.compile(rf"^(?:全年|长期)?(?:{'|'.join(phrases.GOING_ON_WORDS)})(?:推进|开展)?{_GROUP_WORD}$")
# A line that is only a month or a run of months ("一月份", "7—8月份", "11至12月"), or a quarter
# ("第一季度", "三季度", its months in brackets after it: "第二季度（4—6月）"), or a week with its dates
# ("第二周（5月8日—5月12日）"), or the whole month of a monthly plan ("全月"), over numbered items: a heading
# without a number, the items due by its end.
PERIOD_HEADING_RE = re.compile(
    rf"^(?:(?P<first>{_MONTH})\s*(?:[—\-–~～至到]\s*(?P<last>{_MONTH})\s*)?月份?"
    rf"|第?(?P<quarter>[一二三四1-4])\s*季度\s*(?:[（(]\s*{_MONTH}\s*月?\s*[—\-–~～至到]\s*{_MONTH}\s*月份?\s*[）)])?"
    r"|第\s*[一二三四五六1-6]\s*周\s*(?:[（(](?P<week>[^（）()]{3,30})[）)])?"
    r"|(?P<whole>全月|本月|当月))[\s\u3000:：]*$"
)
# The last date a week's brackets name: "5月8日—5月12日" → (5, 12); "5月29日—6月2日" → (6, 2); "5月8日—12日"
# → (5, 12).
WEEK_DAY_RE = re.compile(r"(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日")
# The month a monthly plan's title names ("2025年3月份工作安排"): what "全月" means.
TITLE_MONTH_RE = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*月份?(?:工作|重点|任务|安排|计划)")
# A number run into its name, no dot, no space ("2重点任务"): believed only over its first decimal.
BARE_NUMBER_RE = re.compile(r"^(\d{1,3})(?=[\u4e00-\u9fff])")
# Notes under a table or a list ("注：1．…", "说明：1.…"): their numbers are the notes', not the plan's.
NOTES_RE = re.compile(r"^(?:注|备\s*注|说\s*明|附\s*注)\s*[：:]\s*")
MD_HEADING_RE = re.compile(r"^[ \t\u3000]{0,3}#{1,6}[ \t\u3000]+(?=\S)")
MD_CLOSING_RE = re.compile(r"[ \t]+#+[ \t]*$")
# A list's dash before a line of labels ("- 责任科室：城管科" under "1. 整治…", "-配合单位：…" as a PDF has it).
LIST_DASH_RE = re.compile(r"^[-*+－–][ \t\u3000]*")
# A whole line in Markdown's bold ("**一、提升…**" typed in an editor, pasted or saved as .txt or Word).
MD_BOLD_LINE_RE = re.compile(r"^[ \t\u3000]*(\*\*|__)(?=\S)(.+?)(?<=\S)\1[ \t\u3000]*$")
# A numbered item's first sentence in bold, more text after it ("**1. 完成…改造42个。** 同步加装…").
MD_BOLD_OPENING_RE = re.compile(r"^[ \t\u3000]*(\*\*|__)(?=\S)(?P<bold>[^*_]+?)(?<=\S)\1(?P<after>.+)$")
# Markdown's emphasis opening a numbered item ("1. **摸清…。** 以社区…"): two marks each side, the text touching
# them, no mark inside. Not a lone "*" (a legend's mark after a unit, "县甲局*"), nor "____" (a blank to fill in).
MD_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=[^\s*_])([^*_\n]+?)(?<=[^\s*_])\1")
# A line of a table of contents: a heading, a run of leader dots, its page ("二、重点任务………2").
CONTENTS_LINE_RE = re.compile(r"(?:[…⋯]{2,}|[.·．・]{4,}|[…⋯.·．・]{3,})[\s\u3000]*\d{1,3}[\s\u3000]*$")
CONTENTS_TITLE_RE = re.compile(r"^目[\s\u3000]*录[\s\u3000:：]*$")


def too_many_entries_message(limit: int) -> str:
    return _(
        "文件中的条目超过 %(limit)s 条（每次导入的上限），未导入。一份工作要点通常只有几百条："
        "请检查是否选错了文件，或把文件拆成几份分别导入；确需一次导入更多条目，请管理员调高 IMPORT_MAX_ENTRIES。"
    ) % {"limit": limit}


def no_numbering_message() -> str:
    return _("没有找到任何编号（如“一、”“（一）”“1.”），无法拆分出事项。请检查文件内容或改用表格导入。")


# What a task card under an item may name of it: its fields, not its task or number.
CARD_FIELDS = frozenset(
    ("lead_leaders", "lead_units", "responsible_units", "cooperating_units", "persons", "deadline", "milestones")
    + ("target", "cadence", "points")
)


@dataclass
class _AboveLabels:
    """The labels of one "以上各项，…" line (or its sentence, "以上各项由X牵头，…"), with the line under it
    that carries them on: given out when the parse ends (``_give_above``)."""

    line: int
    section: Node | None
    siblings: list[Node]  # the list of items the line closes (its section's children, or the roots)
    texts: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    """A node being read: its paragraphs until the next number closes it."""

    node: Node
    paragraphs: list[str] = field(default_factory=list)
    headed: bool = False  # the numbered line has no sentence in it: a heading, never continued
    article_task: bool = False  # an article of rules that sets units a task ("第四条　开展…。X会同Y…")
    led: bool = False  # opened with its lead and a colon ("X：牵头推进…，Y配合，…前完成")
    dated: bool = False  # an item without a number that opens with its deadline and a colon (``DATED_LEAD_RE``)
    stages: list[str] = field(default_factory=list)  # its lines of dated stages: see ``_stage_line``


# An article whose text opens with its task's name, a sentence of its own ("开展安全评估。…").
ARTICLE_TASK_RE = re.compile(r"^([^。！？；，,;：:]{2,24})。([^。！？；;]+)")


def _article_task(numbering: Numbering) -> str:
    """The units an article of rules sets a task, as "X牵头，Y配合" or "X负责": its first sentence names
    the task and the next opens with the units who do it. "" for an article that states a rule."""
    found = ARTICLE_TASK_RE.match(numbering.rest)
    return phrases.subject_assignment(found.group(2)) if found else ""


def parse(source: Source, year: int | None = None) -> ParsedPlan:
    """Read ``source``; ``year`` completes dates written without one ("6月底前")."""
    source, numbered = fallback.line_numbers(without_line_numbers(source))
    source = _half_width(as_written(source))
    parser = _Parser(labelled_brackets(without_footnotes(source)), year, noted_fields(source))
    if numbered:
        parser.plan.warnings.append(numbered)
    return parser.run()


# Full-width Latin letters and digits ("２０２５年", "ａ．", "ＷｉＦｉ"), as some offices type a whole
# document: read as their ASCII forms. Chinese punctuation (，（）：；) stays as written.
_FULL_WIDTH = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
)


def _half_width(source: Source) -> Source:
    """``source`` with its full-width letters and digits made ASCII, when it has any."""
    if not any(
        (isinstance(block, Line) and block.text != block.text.translate(_FULL_WIDTH))
        or (isinstance(block, Table) and any(cell != cell.translate(_FULL_WIDTH) for row in block.rows for cell in row))
        for block in source.blocks
    ):
        return source
    blocks = [
        dataclasses.replace(block, text=block.text.translate(_FULL_WIDTH))
        if isinstance(block, Line)
        else dataclasses.replace(block, rows=[[cell.translate(_FULL_WIDTH) for cell in row] for row in block.rows])
        for block in source.blocks
    ]
    return dataclasses.replace(source, blocks=blocks)


class _Parser:
    def __init__(self, source: Source, year: int | None, noted: NotedFields | None = None) -> None:
        self.plan = ParsedPlan(source=source)
        self.noted = noted or NotedFields()  # notes that give fields to the lines carrying their marks
        self.year = year
        self.chosen_year = year
        self.tree = TreeBuilder()
        self.entry: _Entry | None = None
        self.entries: list[_Entry] = []
        self.body_started = False
        self.frame = Frame(self.plan.headers, self.plan.not_understood)
        self.part_untitled = False  # an attachment's marker was read, its title may follow
        self.tasks_listed_apart = False  # the plan's task list came as an attachment of its own
        self.forwarded: list[Node] = []  # the document a 转发 notice forwards, in full after its own items
        self.guidance_sheet: list[Node] = []  # guidance read back from our own export
        self.front_units = Fields()  # "责任单位：区民政局" above the body: a unit's own book of tasks
        self.pledged = Fields()  # "乙方：城西镇人民政府" above a 责任书's body: the party that signs for its targets
        self.entry_count = 0
        self.table_numbers: dict[str, int] = {}  # the last row number of each style, over all tables
        self.unnumbered = False  # the document numbers nothing: see ``tables.missing_columns``
        self.parts: list[Node] = []  # the attachments opened
        self.item_marks: set[str] = set()  # the bullets that mark unnumbered items: see ``_bullets``
        self.heading_marks: set[str] = set()  # the bullets that mark unnumbered headings over them
        self.own_marks: set[str] = set()  # item marks first seen with no entry open: a list's own level
        self.note_number: Numbering | None = None  # the last of the numbered notes under "注：1．…"
        self.table_below: Table | None = None  # the table just under the line being read, if any
        self.laid_out: Node | None = None  # the last task known by its layout alone: see ``_laid_out``
        self.above: list[_AboveLabels] = []  # the "以上各项，…" lines read: see ``_for_all_above``
        self.ahead = lambda count: []  # the texts of the next ``count`` non-blank lines
        self.in_reply = False  # a chat's next message has begun (``CHAT_STAMP_RE``): no entry's text
        self.months: list[tuple[Node, datetime.date]] = []  # a one-month period heading and its month's first day
        self.divisions: list[tuple[_Entry, str]] = []  # the items a 任务分工 paragraph assigns by number
        self.inferred: set[str] = set()  # the document's own number shapes: see ``fallback.inferred_styles``
        self.inferred_read: list[tuple[str, int]] = []  # the numbers read in them, and their lines
        self.running_heads: set[int] = set()  # the lines a paginated copy repeats atop its pages
        self.slide_lines: set[int] = set()  # the lines a deck exported as text opens its slides with
        self.contents_lines: set[int] = set()  # a table of contents without pages: see ``_contents_lines``
        self.signature_lines: set[int] = set()  # a 落款 on one line above 附件, 抄送 or 印发: ``_signature_lines``
        self.under_signature: set[int] = set()  # the line right under each of them
        self.group_labels: collections.Counter[str] = collections.Counter()  # how often each opens a group's line

    def run(self) -> ParsedPlan:
        self._set_aside_assignment_lists()
        blocks = self.plan.source.blocks
        body, trailing = _split_trailing(blocks)
        body = flattened.rebuild(tables_among(_without_heading_marks(_outlines(body))), self.plan.warnings)
        body = tables.rejoined(tables.unstacked(body))
        body = _join_wrapped(forms.as_lists(forms.as_tables(body)))
        body, self.item_marks, self.heading_marks = _bullets(_boxes(_dashes(body)))
        unknown = {mark for mark in self.item_marks | self.heading_marks if mark not in BULLETS + BOX}
        if unknown:
            lines = (block.line for block in body if isinstance(block, Line) and block.text.strip()[:1] in unknown)
            self.plan.warnings.append(fallback.mark_warning(unknown, next(lines, None)))
        self.inferred = fallback.inferred_styles([block.text for block in body if isinstance(block, Line)])
        upcoming = _upcoming_texts(body)
        self.running_heads = running_heads(body)
        self.slide_lines = slide_markers(body)
        self.contents_lines = _contents_lines(body)
        self.signature_lines = _signature_lines(body)
        self.under_signature = _lines_under(body, self.signature_lines)
        self.group_labels = _group_labels(body)
        self.unnumbered = _numbers_nothing(body)
        for position, block in enumerate(body):
            if isinstance(block, Table):
                self._table(block, _text_before(body, position))
            elif block.text.strip():
                self.table_below = _table_after(body, position)
                self.ahead = lambda count, position=position: upcoming(position, count)
                self._line(block, upcoming(position))
                self._take_noted(block, body[position + 1].line if position + 1 < len(body) else None)
            else:
                self.frame.blank()
        for block in trailing:
            self._trailing(block)
        self._warn_inferred()
        if not self.body_started:
            self._refuse_spreadsheet()
            raise ImportRejected(no_numbering_message())
        for group in self.above:
            self._give_above(group)
        for entry in self.entries:
            _finish(entry, self.year)
        _give_divisions(self.divisions, self.year)
        self._drop_empty_parts()
        self.plan.roots = self.tree.roots
        self.plan.warnings.extend(self.tree.warnings)
        self._pledge_preface()
        self._pledge_addressee()
        _give_pledged(self.plan.roots, self.pledged)
        guidance.set_apart(
            self.plan,
            headed=[entry.node for entry in self.entries if entry.headed],
            listed_apart=self.tasks_listed_apart,
        )
        self._forwarded_as_guidance()
        guidance.place(self.plan, self.guidance_sheet)
        self._own_sentences()
        for heading, first_day in self.months:
            _dates_within_month(heading, first_day)
        phrases.resolve_dittos(self.plan.leaves())
        if marks := mark_legend(self.plan.source):
            for node in self.plan.nodes():
                apply_mark_legend(node.fields, marks)
        rules.apply(self.plan, self.year, self.frame.headers.get("title", ""))
        self.plan.warnings.extend(phrases.doubts(self.plan.nodes()))
        self.plan.title = self.frame.finish()
        self._check_year()
        return self.plan

    def _pledge_preface(self) -> None:
        """A 责任书's preface names its 乙方 in its sentence where no line did ("X（甲方）与Y（乙方）签订本责任书");
        the frame keeps the preface (``Frame.takes``), so it is read here, once the body is read."""
        party = pledging_party(self.frame.headers.get("preamble", ""))
        if party and not _has_units(self.pledged) and PLEDGE_TITLE_RE.search(self._title_so_far()):
            phrases.apply(self.pledged, "responsible_units", party, self.year)

    def _pledge_addressee(self) -> None:
        """A 督办函 is sent to the one unit that answers for what it lists (``ADDRESSED_TASKS_TITLE_RE``)."""
        headers = self.frame.headers
        addressee = headers.get("addressee", "").strip()
        if (
            not _has_units(self.pledged)
            and ADDRESSED_TASKS_TITLE_RE.search(headers.get("title", ""))
            and phrases.is_unit_name(addressee)
            and not phrases.UNIT_SEPARATORS.search(addressee)
            and not addressee.startswith("各")
        ):
            phrases.apply(self.pledged, "responsible_units", addressee, self.year)

    def _check_year(self) -> None:
        """A plan imported under another year than its title's has its undated deadlines in the wrong year."""
        written, where = self.frame.year_written(_deadline_years(self.plan.nodes()))
        if self.chosen_year and written and written != self.chosen_year:
            message = {
                "doc_number": _(
                    "标题未写年份，文号写的是 %(written)s 年，导入时选择的是 %(chosen)s 年：未写年份的时限按 "
                    "%(chosen)s 年计算。如有误，请在“修改标题、文号和年度”中更正。"
                ),
                "date": _(
                    "标题未写年份，成文日期是 %(written)s 年，导入时选择的是 %(chosen)s 年：未写年份的时限按 "
                    "%(chosen)s 年计算。如有误，请在“修改标题、文号和年度”中更正。"
                ),
                "deadlines": _(
                    "标题、文号和成文日期都未写年份，完成时限大多写的是 %(written)s 年，导入时选择的是 %(chosen)s 年："
                    "未写年份的时限按 %(chosen)s 年计算。如有误，请在“修改标题、文号和年度”中更正。"
                ),
                "reviewed": _(
                    "整改工作在 %(written)s 年（文号或成文日期的年份；标题的年份是被审计、检查的年度），导入时选择的是 "
                    "%(chosen)s 年：未写年份的时限按 %(chosen)s 年计算。如有误，请在“修改标题、文号和年度”中更正。"
                ),
            }.get(where) or _(
                "标题写的是 %(written)s 年，导入时选择的是 %(chosen)s 年：未写年份的时限按 %(chosen)s 年计算。"
                "如有误，请在“修改标题、文号和年度”中更正。"
            )
            self.plan.warnings.append(
                Problem(None, self.plan.title, message % {"written": written, "chosen": self.chosen_year})
            )

    # --- lines ---------------------------------------------------------------------------------

    def _title_so_far(self) -> str:
        """The title read above the body, settled or not yet (a name of no kind the frame knows waits)."""
        return self.plan.headers.get("title") or next(iter(self.frame.weak_titles), "")

    def _title_again(self, text: str) -> bool:
        """``text`` is the plan's title, met again after the body began."""
        title = self._title_so_far()
        return self.body_started and bool(title) and re.sub(r"\s", "", text) == re.sub(r"\s", "", title)

    def _line(self, line: Line, following: list[str]) -> None:
        text = line.text.strip()
        if self.body_started and CHAT_STAMP_RE.fullmatch(text):
            # "2027年3月14日 上午9:05" in a chat copied out: the next message, a reply to the tasks above.
            self.entry, self.in_reply = None, True
        if self.in_reply and self.entry is None and not match(text):
            self.plan.not_understood.append(Problem(line.line, text, _("聊天记录中的另一条消息，未导入为事项。")))
            return
        if PAGE_NUMBER.match(text):
            # A page's number ("— 2 —") copied with the text, often between two tables: no entry's.
            self.plan.not_understood.append(Problem(line.line, text, _("页码，不是文件内容，已略过。")))
            return
        if line.line in self.running_heads:
            self.plan.not_understood.append(Problem(line.line, text, _("页眉，不是文件内容，已略过。")))
            return
        if line.line in self.slide_lines:
            # "幻灯片 3" atop each slide of a deck exported as text: where the slide begins, no words of it.
            self.plan.not_understood.append(Problem(line.line, text, _("幻灯片编号，不是文件内容，已略过。")))
            return
        if line.line in self.signature_lines:
            # "X局　　2026年3月" right before "附件：…": the paper's 落款, no unit and deadline of the item above.
            self._trailing(line)
            self.frame.notice_closed, self.entry = True, None
            return
        if self._division(text):
            return
        if line.line in self.noted.note_lines:
            # "〔注1〕牵头单位：X；…": fields the lines that carry its mark take (``_take_noted``), no entry's text.
            self.entry = None
            return
        if (
            CONTENTS_LINE_RE.search(text)
            or (CONTENTS_TITLE_RE.match(text) and following and CONTENTS_LINE_RE.search(following[0]))
            or line.line in self.contents_lines
        ):
            # A table of contents repeats the headings with their pages: the headings come again below.
            self.plan.not_understood.append(Problem(line.line, text, _("目录，不是文件内容，已略过。")))
            return
        if self._part_title(text):
            return
        part = self.frame.part(text, following, self.body_started)
        if part:
            self._open_part(part, line.line)
            return
        if self.frame.takes(text, line.line, following, self.body_started):
            return
        period = PERIOD_HEADING_RE.match(text)
        if period and following and self._entry_below(following[0]):
            self._period(period, line)
            return
        if text[0] in self.heading_marks and text[1:].strip():
            self._heading(text[1:].strip(), line)
            return
        if self._person_heading(text, following):
            self._heading(text.rstrip("：:"), line)
            return
        if self._title_again(text) and following and (following[0] == TABLE_AHEAD or _group_over_table(following)):
            # Each sheet of a workbook copied one below another opens with the plan's title: the plan's, again.
            return
        group = self._group_heading(text, following)
        if group and self._names_open_heading(group.group("name")):
            # "一、产业攻坚行动" then "类别：产业攻坚行动": the line says again what the heading says, no level.
            self.entry.node.assignment_text.append(text[: group.start("name")])
            return
        if group:
            self._heading(group.group("name"), line)
            self.entry.node.assignment_text.append(text[: group.start("name")])
            return
        if self._unnumbered_heading(text, following):
            self._heading(text, line, following)
            return
        sentence = self._sentence_heading(text, following)
        if sentence:
            self._numbered(sentence, line)
            return
        numbering = _confirmed(text, self._read_number(text, line), following)
        if numbering and not is_article_heading(numbering):
            units = _article_task(numbering)
            if units and self.tree.accepts(numbering):
                # "第四条　开展安全评估。区市场监管局会同区住建局…": an article that sets units a task.
                self._numbered(numbering, line)
                phrases.apply(self.entry.node.fields, "responsible_units", units, self.year)
                phrases.apply_sentence_schedule(self.entry.node.fields, numbering.rest, self.year)
                self.entry.article_task = True
                return
            # "第七条　获得表彰的，每项加3分。": a rule of the part above, its number counted.
            self.tree.count(numbering)
            numbering = None
            if self.entry is not None and self.entry.article_task:
                # A rule among the articles that set tasks ("第九条　本办法由X负责解释。"): no part of them.
                self.plan.not_understood.append(Problem(line.line, text, _("这一条没有布置任务，未导入为事项。")))
                return
        numbering = self._outside_notes(text, numbering)
        named = ITEM_NAME_LABEL_RE.match(text)
        if (
            text[0] in self.item_marks
            and text[1:].strip()
            and (text[0] in self.own_marks or self.tree.current is None and not BOX_DRAWING_RE.match(text))
        ):
            # "➤推进…" with no numbered heading open: the mark numbers a list of its own, as "1." would.
            self.own_marks.add(text[0])
            style = f"{BULLETED}:{text[0]}"
            self._numbered(Numbering(style, 9, self.tree.due(style), "", text[1:].strip(), True), line)
        elif text[0] in self.item_marks and self.tree.current is not None and text[1:].strip():
            # "◆加强…" under "（一）…": an item without a number, beside the others its bullet marks.
            numbering = Numbering(BULLETED, 9, self.tree.due(BULLETED), "", text[1:].strip(), True)
            self._numbered(numbering, line)
        elif named and self.tree.current is not None and following and phrases.is_assignment_line(following[0]):
            # "任务名称：…" over "责任单位：…" under "Ⅰ、…": a block of labelled lines is an item, no number.
            numbering = Numbering(NAMED, 9, self.tree.due(NAMED), "", text[named.end() :].strip(), True)
            self._numbered(numbering, line)
        elif numbering is None and self.tree.current is not None and self._laid_out(text, following):
            # "推行企业开办一日办结" over "牵头单位：…" under "一、…", and another such pair: a task, no number.
            self._numbered(Numbering(LAID_OUT, 9, self.tree.due(LAID_OUT), "", text, True), line)
            self.laid_out = self.entry.node
        elif self.tree.current is not None and self._bold_lead(text):
            # "**推进老旧小区改造：**完成…（责任单位：…）" under "## 一、…": an item without a number, its name bold.
            name, body = self._bold_lead(text)
            self._numbered(Numbering(BOLD_LEAD, 9, self.tree.due(BOLD_LEAD), "", f"{name}。{body}", True), line)
        elif numbering is None and self._dated_lead(text):
            # "10月20日前：设置…。（X、Y）" under "一、…": an item without a number, its deadline in front.
            found = DATED_LEAD_RE.match(text)
            for task in self._month_tasks(found, text[found.end() :]):
                self._numbered(Numbering(DATED_LEAD, 9, self.tree.due(DATED_LEAD), "", task, True), line)
                phrases.apply_schedule(self.entry.node.fields, _task_when(found, task), self.year)
                self.entry.dated = True
        elif numbering and self._takes(numbering):
            self._numbered(numbering, line)
        elif not self.body_started and circled_tasks(text):
            self._circled_in(*circled_tasks(text), line)
        elif not self.body_started:
            if phrases.is_assignment_line(text):
                phrases.extract(text, self.year, into=self.front_units)
            elif (party := pledging_party(text)) and PLEDGE_TITLE_RE.search(self._title_so_far()):
                phrases.apply(self.pledged, "responsible_units", party, self.year)
            self.frame.front(text, line.line)
        elif self.entry is not None and phrases.for_all_above(text):
            self._for_all_above(phrases.for_all_above(text), line.line)
        elif self.above and line.line == self.above[-1].line + 1 and phrases.is_assignment_line(text):
            # The labels of "以上各项，…" going on in the line under it, as a PDF wraps a long line.
            self.above[-1].line = line.line
            self.above[-1].texts.append(text)
        elif phrases.is_assignment_line(text):
            self._assignment(text, line.line)
        elif self.entry is not None and phrases.spaced_labels(text):
            self._assignment(phrases.spaced_labels(text), line.line)
        elif self.entry is not None and _dashed_labels(text):
            self._assignment(_dashed_labels(text), line.line)
        elif self.entry is not None and self.entry.node.level > 0 and (run_in_tasks(text) or ordinal_tasks(text)):
            lead_in, tasks = run_in_tasks(text) or ordinal_tasks(text)
            if lead_in:
                self._content(lead_in, line.line, None)
            for task in tasks:
                self._numbered(task, line)
        elif self.entry is not None and self.entry.headed and self.entry.node.level > 0 and bracketed_tasks(text):
            # "一、…" over "深化…（X牵头，Y配合）。推行…（Z牵头）。": a heading over one paragraph of tasks.
            for task in bracketed_tasks(text):
                self._numbered(task, line)
                phrases.apply_sentence_schedule(self.entry.node.fields, task.rest, self.year)
        else:
            self._content(text, line.line, numbering)

    def _entry_below(self, text: str) -> Numbering | None:
        """The number of the entry ``text`` opens, as a line over it sees it: a fixed style's, a shape the
        document repeats, or a mark its lists use ("➤", counted as the first of its list)."""
        found = self._number_of(text)
        if found is None and text[:1] in self.item_marks and text[1:].strip():
            return Numbering(BULLETED, 9, 1, text[:1], text[1:].strip(), True)
        return found

    def _number_of(self, text: str, alone: bool = False) -> Numbering | None:
        """The number ``text`` opens with: a fixed style's, with ``alone`` one standing alone on its line
        (``lone``), else a shape the document repeats counting up ("〔1〕", "〔2〕"), no fixed style's."""
        found = match(text) or (lone(text) if alone else None)
        return found or (fallback.inferred_number(text, self.inferred) if self.inferred else None)

    def _read_number(self, text: str, line: Line) -> Numbering | None:
        """The number of the line being read (``_number_of``), the numbers read in the document's own shapes
        kept for the review page's warning."""
        numbering = self._number_of(text, alone=True)
        over_figure = item_number_over_figure(numbering)
        if over_figure and over_figure.value > 1 and not self.tree.accepts(numbering):
            # "2.0—6岁儿童…" after "1.…": the item due next, its title opening with a figure, no decimal.
            numbering = (
                dataclasses.replace(over_figure, certain=True) if self.tree.in_sequence(over_figure) else numbering
            )
        if numbering and numbering.style.startswith(f"{fallback.INFERRED}:"):
            self.inferred_read.append((numbering.number, line.line))
        return numbering

    def _warn_inferred(self) -> None:
        """Say on the review page which numbers were read by their repetition alone, if any made an entry."""
        entries = {(entry.node.number, entry.node.line) for entry in self.entries}
        read = [(number, line) for number, line in self.inferred_read if (number, line) in entries]
        if read:
            self.plan.warnings.append(fallback.inferred_warning([number for number, _ in read[:3]], read[0][1]))

    def _circled_in(self, lead_in: str, tasks: list[Numbering], closing: str, line: Line) -> None:
        """A notice's one paragraph that runs its tasks in (``circled_tasks``): its lead-in is the
        notice's, each task an item, the closing sentences the last item's text."""
        self.frame.front(lead_in, line.line)
        for task in tasks:
            self._numbered(task, line)
        if closing:
            self._content(closing, line.line, None)

    def _division(self, text: str) -> bool:
        """A 任务分工 paragraph after the items that assigns them by their numbers ("第一项、第三项由X牵头，
        Y配合，6月底前完成；第二项由Z负责…") or by their titles in quotes ("“规范占道经营”：由X负责…"): each item
        it names takes its units and date, once the items are read; the paragraph is no item's text, and a
        heading of its own over it ("三、责任分工") no item. Only where every item it names is one item's.
        A schedule's line that names items by number ("6月30日前：完成第1、2项任务") gives their deadline and
        is read as before: the schedule stays to be read where it stands.

        A paragraph's "第一项由X牵头" (or "第一项：X牵头") names a top-level entry by its number whether tasks
        stand under it or not (its heading's tasks are then X's); a unit's line ("X：牵头第1、2项",
        ``unit_by_number``) names tasks only, never a heading over them."""
        grouped = self._named_items(phrases.group_by_number(text))
        if grouped:
            # "以上第1—3项由X牵头，…" closing a sub-heading: the items it names take it; the item above goes on.
            self.divisions += grouped
            return True
        by_number = phrases.assignments_by_number(text)
        assigned = (
            self._named_items(by_number, headings=True)
            if by_number
            else self._named_items(phrases.unit_by_number(text))
        ) or self._titled_items(phrases.assignments_by_title(text))
        if assigned:
            self.divisions += assigned
            self._drop_caption(DIVISION_CAPTION_RE)
            self.entry = None
            return True
        self.divisions += self._named_items(phrases.schedule_by_number(text))
        return False

    def _take_noted(self, block: Line, until: int | None) -> None:
        """The notes whose marks a line carries (or a line joined into it, up to ``until``) give their fields
        to the entry it was read into, once the items are read, as a 任务分工 paragraph's clause does."""
        if self.entry is None or not self.noted.given:
            return
        for line, notes in self.noted.given.items():
            if block.line <= line and (until is None or line < until):
                self.divisions += [(self.entry, words) for words in notes]

    def _named_items(self, clauses: list[tuple[list[int], str]], headings: bool = False) -> list[tuple[_Entry, str]]:
        """Each item a clause names by number and what the clause gives it; [] unless every number is one
        item's: an item numbered through the sections ("1." to "7." under （一）–（四）), else a top-level one with
        no entries under it ("一、" to "五、" the tasks themselves; a heading over tasks is no 项 a unit's line or a
        schedule names), or with ``headings`` any top-level one (a division paragraph's "第一项由X牵头" under
        一、 二、 that each head their tasks)."""
        numbers = {number for numbers, _ in clauses for number in numbers}
        if not numbers:
            return []
        numbered = _leaves_by_number(self.entries, numbers)
        if not numbered:
            top = _top_level_by_number(self.entries)
            numbered = {number: entry for number, entry in top.items() if headings or not entry.node.children}
        if not numbers <= set(numbered):
            return []
        return [(numbered[number], given) for numbers, given in clauses for number in numbers]

    def _titled_items(self, clauses: list[tuple[list[str], str]]) -> list[tuple[_Entry, str]]:
        """Each task a clause names by its title in quotes and what the clause gives it; [] unless every title
        opens exactly one task's text."""
        if not clauses:
            return []
        found = [(self._task_titled(title), given) for titles, given in clauses for title in titles]
        return found if all(entry for entry, _given in found) else []

    def _task_titled(self, title: str) -> _Entry | None:
        """The one task whose text opens with ``title`` (spaces aside); None for none or several."""
        title = re.sub(r"\s", "", title)
        named = [entry for entry in self.entries if not entry.node.children and entry.paragraphs]
        named = [entry for entry in named if title and _opens_with(entry, title)]
        return named[0] if len(named) == 1 else None

    def _own_sentences(self) -> None:
        """What the items that name nothing say in their own sentences, once guidance is set apart: the
        units their text opens with, else those stated above the body; the one by-date they name, or the day
        their label names by the plan's calendar."""
        tasks = {id(node) for node in self.plan.leaves()}
        for entry in self.entries:
            if id(entry.node) in tasks:
                _own_units(entry, self.year)
        if not _has_units(self.front_units):  # units the plan states above its body answer before its headings
            headers = self.frame.headers
            listed = bool(
                UNIT_LIST_RE.search(headers.get("title", "")) or UNIT_LIST_RE.search(headers.get("preamble", ""))
            )
            overseen = bool(OVERSIGHT_PLAN_RE.search(headers.get("title", "")))
            _give_unit_headings(self.plan.roots, listed, overseen)
        for root in self.plan.roots:
            _give_front_units(root, self.front_units)
        headers = self.frame.headers
        days = phrases.plan_calendar(
            self.plan.source.text, headers.get("title", ""), headers.get("date", ""), self.year
        )
        for node in self.plan.leaves():  # a table's rows too, which are no entries
            phrases.apply_calendar_label(node.fields, self.year, days)
        for entry in self.entries:
            if id(entry.node) in tasks:
                # Its own sentences, a list of stages aside: a deadline of its own ("…，11月底前完成。") wins over
                # when its last stage ends.
                staged = _staged(entry.stages)
                own = [paragraph for paragraph in entry.paragraphs if not (staged and paragraph in entry.stages)]
                text, pledged = "\n".join(own), self._pledged_for_the_year(entry.node)
                phrases.apply_text_deadline(entry.node.fields, text, self.year, days, pledged=pledged)
                if staged:
                    _stages_due(entry.node.fields, entry.stages, self.year)

    def _pledged_for_the_year(self, node: Node) -> bool:
        """A target the 乙方 of a 目标责任书 answers for (``_give_pledged``): the book is signed for its year."""
        party = set(self.pledged.responsible_units)
        title = self._title_so_far()
        return bool(party) and bool(PLEDGE_TITLE_RE.search(title)) and party <= set(node.fields.responsible_units)

    def _outside_notes(self, text: str, numbering: Numbering | None) -> Numbering | None:
        """ "注：1．…" numbers its notes: "2．…" under it is the next note, no entry of the plan – unless
        it is the entry due there too ("1.…" / "注：1．…" / "2.…")."""
        note = NOTES_RE.match(text)
        if note:
            self.note_number = match(text[note.end() :])
            return numbering
        last, self.note_number = self.note_number, None
        if (
            numbering
            and last
            and numbering.style == last.style
            and numbering.value == last.value + 1
            and not self.tree.in_sequence(numbering)
        ):
            self.note_number = numbering
            return None
        return numbering

    def _takes(self, numbering: Numbering) -> bool:
        if not (self.body_started or numbering.certain) or not self.tree.accepts(numbering):
            return False
        # A number alone on its line while a sentence is still open ("…认真开展" / "2、" / "自查工作。")
        # is a page's number, not an entry's.
        alone = not numbering.rest and numbering.style != "part"
        return not (alone and self.entry is not None and _continues(self.entry))

    def _start_body(self) -> None:
        if not self.body_started:
            self.frame.end_title()
            self.body_started = True
        if self.year is None:
            self.year = self.frame.year()

    def _open_part(self, part: Part, line: int) -> None:
        """An attachment that follows the notice is a part of the plan, headed by its title."""
        self._start_body()
        node = Node(number=part.number, level=0, title="", line=line)
        self.parts.append(node)
        self.tree.open_part(node)
        self.table_numbers.clear()  # its tables number afresh too
        # The title is the first paragraph, empty until the line under the marker gives it.
        self.entry = _Entry(node, [part.title], headed=True)
        self.entries.append(self.entry)
        self.part_untitled = not part.title
        if part.title:
            self._part_is_plan(part.title)

    def _part_title(self, text: str) -> bool:
        """The line under an attachment's marker ("附件2") is its title, if it reads as one."""
        untitled, self.part_untitled = self.part_untitled, False
        if untitled and headers.is_title_shaped(text):
            self.entry.paragraphs[0] = text
            self._part_is_plan(text)
            return True
        return False

    def _part_is_plan(self, title: str) -> None:
        """The first attachment, titled with the name the notice sends ("关于印发《X》的通知" over
        "附件1" / "X"), is the plan itself, not a part of it: its marker and title go to the headers
        and its 一、二、三 stand at the top."""
        entry = self.entry
        if self.entry_count and self.frame.forwarded_in_full(title):
            self.forwarded.append(entry.node)
            return
        if self.frame.lists_the_plans_tasks(title):
            # The plan's own task list after it ("附件2" / "X任务清单" after "X实施方案"): its rows are the
            # plan's items, at the top as the plan's numbers are.
            self.tree.drop_part(entry.node)
            self.parts.remove(entry.node)
            self.entries.remove(entry)
            self.entry = None
            self.tasks_listed_apart = True
            return
        if self.entry_count or len(self.entries) != 1 or not self.frame.is_plan_name(title):
            return
        self.tree.drop_part(entry.node)
        self.entries.clear()
        self.entry = None
        self.body_started = False
        self.frame.plan_itself(entry.node.number, title)

    def _forwarded_as_guidance(self) -> None:
        """The document a 转发 notice forwards in full, after the notice's own numbered opinions (the plan):
        what another office asks of everyone, kept in view as guidance, none of it an item."""
        for part in self.forwarded:
            if part not in self.plan.roots:
                continue
            self.plan.roots.remove(part)
            text = "\n".join(line for line in [f"{part.number} {part.title}".strip(), *part.content] if line)
            message = _("“%(name)s”是转发的文件全文，其各部分已作为指导性内容保留，未列为事项。")
            self.plan.warnings.append(Problem(part.line, text, message % {"name": part.title or part.number}))
            position = len(self.plan.roots)
            self.plan.guidance.extend(GuidanceSection(child, position) for child in part.children)

    def _drop_empty_parts(self) -> None:
        """An attachment with no numbered entry and no table of tasks (a blank 报送表, a form to fill
        in) is not an item: its text is kept in view, not tracked."""
        parts = {id(part) for part in self.parts}
        # Only attachments: a table's row without a 序号 is a root of level 0 too.
        for root in [root for root in self.tree.roots if id(root) in parts and not root.children]:
            self.tree.roots.remove(root)
            if root.line in self.under_signature and not root.content:
                # "附件：整治点位表" right under the 落款, nothing of it below: the attachment the paper names.
                marker = f"{root.number}：{root.title}" if root.title else root.number
                self.plan.headers["attachment"] = _joined(self.plan.headers.get("attachment", ""), marker)
                continue
            text = "\n".join(part for part in [f"{root.number} {root.title}".strip(), *root.content] if part)
            message = _("附件“%(name)s”没有编号的工作任务（如空白的报送表），未导入为事项。")
            self.plan.not_understood.append(Problem(root.line, text, message % {"name": root.title or root.number}))

    def _numbered(self, numbering: Numbering, line: Line) -> None:
        ordinals = None
        if numbering.style not in (ORDINAL, RUN_IN):
            ordinals = ordinal_tasks(numbering.rest) or run_in_tasks(numbering.rest, titled=True)
        if ordinals and ordinals[0]:
            # "（一）健全监督体系。首先，建立…。其次，…" or "…。一是…；二是…": a heading over the tasks its own
            # line marks.
            self._numbered(dataclasses.replace(numbering, rest=ordinals[0]), line)
            for task in ordinals[1]:
                self._numbered(task, line)
            return
        continued = self._continued(numbering)
        if continued is not None:
            # "二、重点任务（续）" atop the next slide or page: the heading open there goes on, no new one.
            self.tree.resume(numbering, continued.node)
            self.entry = continued
            return
        self._start_body()
        self._count(1)
        node = Node(number=numbering.number, level=numbering.rank, title="", line=line.line)
        self.tree.add(numbering, node)
        text = _without_mentions(node, numbering.rest)
        rest, led = phrases.take_unit_colon(text, self.year, node.fields)
        if not led and rest == text:
            rest, led = phrases.take_role_clause(text, self.year, node.fields)
        rest = phrases.take_dated_subject(rest, self.year, node.fields)
        found = phrases.extract(rest, self.year, into=node.fields)
        node.assignment_text.extend(found.phrases)
        # A task its unit opens ("X：牵头推进…") is no heading, though a page cuts it before a stop.
        headed = rest == numbering.rest and not TITLE_END_RE.search(found.rest)
        paragraphs = [found.rest] if found.rest else []
        if numbering.style == RUN_IN and not led and not RUN_IN_ASSIGNED_RE.search(numbering.rest):
            # "一是新建…8个，开放率达到80%，由X牵头，Y配合；" run in after its heading's name: its later clauses
            # name its units and date, its first clause names the task.
            phrases.lead_clauses(found.rest, self.year, node.fields)
            first, _comma, others = found.rest.partition("，")
            paragraphs = [f"{first}。{others}"]
        entry = _Entry(node, paragraphs, headed=headed, led=led)
        self.entry = entry
        self.entries.append(entry)

    def _continued(self, numbering: Numbering) -> _Entry | None:
        """The heading a numbered line marked （续） repeats ("（一）建设提质（续）" on the slide or page the part runs
        on to, under "二、重点任务（续）"): the one the document has got to with the same number and, but for the
        mark, the same words. None for a line of other words ("（一）管护提效（续）" under "（一）建设提质"): an entry
        as written."""
        found = CONTINUED_RE.match(numbering.rest)
        if found is None:
            return None
        node = self.tree.last_entry(numbering)
        entry = next((entry for entry in reversed(self.entries) if entry.node is node), None) if node else None
        if entry is None or not entry.headed or not entry.paragraphs:
            return None
        same = re.sub(r"\s", "", entry.paragraphs[0]) == re.sub(r"\s", "", found.group("title"))
        return entry if same else None

    def _period(self, period: re.Match, line: Line) -> None:
        """ "7—8月份" over "①…②…": a heading without a number, whose items are due by its last month's end."""
        self._start_body()
        self._count(1)
        text = line.text.strip().rstrip(":：").strip()
        node = Node(number="", level=1, title="", line=line.line)
        self.tree.add(Numbering("period", 1, self.tree.due("period"), "", text, True), node)
        end = _period_end(period, self.year, self.frame.headers.get("title", ""))
        if end:
            node.fields.deadline, node.fields.deadline_text = end, text
            if _period_start_month(period) == end.month:
                self.months.append((node, end.replace(day=1)))
        self.entry = _Entry(node, [text], headed=True)
        self.entries.append(self.entry)

    def _laid_out(self, text: str, following: list[str]) -> bool:
        """A short line, no sentence and no label in it, over a line of fields is a task whose list number
        was lost (copied from Word, a Markdown bullet taken off) when the document has had one already, or
        another such pair follows before the next number. One such pair alone under a number, in a
        document of no other, is that entry's text and its fields."""
        if not (LAID_OUT_TASK_RE.match(text) and _labels_below(following)):
            return False
        if phrases.is_assignment_line(text) or _dashed_labels(text):
            return False
        if self.laid_out is not None:
            return True
        ahead = self.ahead(60)[1:]
        for index, upcoming in enumerate(ahead[:-1]):
            if upcoming == TABLE_AHEAD or match(upcoming) or lone(upcoming):
                return False
            if (
                LAID_OUT_TASK_RE.match(upcoming)
                and not phrases.is_assignment_line(upcoming)
                and phrases.is_assignment_line(ahead[index + 1])
            ):
                return True
        return False

    def _dated_lead(self, text: str) -> bool:
        """A line that opens with a deadline and a colon ("6月底前：完成…") right under a heading, or
        after another such line: an item of its own. Under an item, or after its text, it stays that
        item's text (a stage of the work)."""
        found = DATED_LEAD_RE.match(text)
        if self.tree.current is None or self.entry is None or not found:
            return False
        if found.group("month") and phrases.DONE_WORK_RE.search(text[found.end() :]):
            return False  # "3月：召开了…": a month of a record of work done, no task
        if found.group("quarter") and not self.entry.dated and not self.entry.node.fields.is_empty():
            return False  # "第一季度：完成招标" under a project's title and its 牵头单位: a stage of that item
        if found.group("whole_year"):
            return False  # "2024年：开工建设": a year's stage of the item above, never an item of its own
        return self.entry.dated or (self.entry.headed and len(self.entry.paragraphs) <= 1)  # its title alone

    def _month_tasks(self, found: re.Match, rest: str) -> list[str]:
        """The tasks of a dated line: a month's line of a schedule ("1月：召开…会议；开展…检查。") lists its
        month's tasks apart by "；", each an item due by the month's end, when it names no unit (whose
        units a bracket at its end would give all of them); any other dated line is one task."""
        if not found.group("month") or not phrases.extract(rest, self.year).fields.is_empty():
            return [rest]
        tasks = [task.strip() for task in phrases.split_outside_brackets(TASK_SEPARATOR_RE, rest)]
        return [task for task in tasks if task] or [rest]

    def _bold_lead(self, text: str) -> tuple[str, str] | None:
        """The bold name and the text after it of a paragraph that opens with a bold lead phrase and
        its colon ("**整治背街小巷：**对辖区…", "**X**：…") and says who does it or by when; None for one
        that assigns nothing (a point of 工作要求), which stays text."""
        found = BOLD_LEAD_RE.match(text)
        if not found:
            return None
        body = text[found.end() :].strip()
        if phrases.extract(body, self.year).fields.is_empty():
            return None
        return found.group("name").strip(), body

    def _sentence_heading(self, text: str, following: list[str]) -> Numbering | None:
        """ "一是健全组织体系。以街道为单元…" over "1.…": a part of the plan named by its first sentence, the
        numbered items under it its tasks; the next "二是…" when due, and the last, which may have no
        items under it (a closing paragraph of prose, see ``guidance.is_closing_sentence``). "一是…，二是…"
        inside a paragraph lists what the paragraph says, and stays its text."""
        found = SENTENCE_HEADING_RE.match(text)
        if not found or not self.body_started and not self.frame.prose_after_title:
            return None
        value = phrases.chinese_number(found.group(1))
        if value is None or value != self.tree.due(SENTENCE):
            return None
        below = match(following[0]) if following else None
        if not (below is not None and below.value == 1 and below.certain) and value == 1:
            return None
        return Numbering(SENTENCE, 1, value, f"{found.group(1)}是", text[found.end(1) + 1 :].strip(), True)

    def _unnumbered_heading(self, text: str, following: list[str]) -> bool:
        """A short name alone on its line, no number, no punctuation, set in bold in the Word file
        (which the text loses), over the first of a run of numbered items ("党建引领强基础" over "1.…")
        or, named as guidance parts are (工作目标, 工作要求), over a paragraph of prose: a heading
        without a number, as a reader takes it. Not while a sentence is still open (a page break cut
        it), not a document's name ("…工作方案": a title), and not before the title and a sentence
        under it have been read (a title, an issuer, an addressee stand there)."""
        if not UNNUMBERED_HEADING_RE.match(text) or not following or match(text):
            return False
        if DOCUMENT_NAME_RE.search(text) and not guidance.is_guidance_name(text):
            return False  # "安全生产工作方案" over its "1.": the plan's own title, or an attachment's
        # A name over the list's first bullet ("## 养老服务" over "- [ ] …") once the title is read, no prose between.
        over_marked = following[0][:1] in self.item_marks and bool(
            self.frame.headers.get("title") or self.frame.title_lines
        )
        if not self.body_started and not self.frame.prose_after_title and not over_marked:
            return False  # the lines of the title, the issuer, the addressee come first
        if self.entry is not None and (_continues(self.entry) or not self.entry.paragraphs):
            return False  # a sentence a page break cut, or the text of a number alone on its line
        if following[0] == TABLE_AHEAD:
            return self._unit_over_table(text)
        if following[0][:1] in self.item_marks:
            return True  # over "◆加强…", "◆推进…": the name of the list its bullets mark
        if ROSTER_LINE_RE.match(following[0]) and len(following) > 1:
            # "桃源村" over "派出单位：…　第一书记：…" over "①…": a place's name, its people, its items.
            following = following[1:]
        below = self._entry_below(following[0])
        if below is not None and is_article_heading(below):
            return below.value == 1 and below.certain and below.style != "part"
        return guidance.is_guidance_name(text) and bool(PROSE_LINE_RE.search(following[0]))

    def _person_heading(self, text: str, following: list[str]) -> bool:
        """ "王某某同志：" alone on its line over a "1." of its own: the tasks a 领导分工 gives that person,
        a heading without a number. Not before the body's first sentence: there it is a letter's
        addressee."""
        if not PERSON_HEADING_RE.match(text) or not following:
            return False
        if not self.body_started and not self.frame.prose_after_title:
            return False
        below = self._entry_below(following[0])
        return below is not None and is_article_heading(below) and below.value == 1 and below.certain

    def _group_heading(self, text: str, following: list[str]) -> re.Match | None:
        """ "任务分组：数字政府建设（共3项）" over the tasks of the group (a list, or the first of numbered
        items): a heading without a number. Only a group's line that counts its tasks, or whose label opens
        another such line: "类别：一般" under an item is one of its fields."""
        found = GROUP_LINE_RE.match(text)
        if not found or not following:
            return None
        if not without_count(text, heading=True)[1] and self.group_labels[found.group("label")] < 2:
            return None
        table = self.table_below
        if following[0] == TABLE_AHEAD:
            return found if table and tables.looks_like_responsibility_table(table, self.unnumbered) else None
        below = self._entry_below(following[0])
        return found if below is not None and below.value == 1 and below.certain else None

    def _names_open_heading(self, name: str) -> bool:
        """The heading just read, its title alone and nothing under it yet, is ``name`` (counts aside)."""
        entry = self.entry
        if entry is None or not entry.headed or entry.node.children or len(entry.paragraphs) != 1:
            return False
        return _uncounted(name) == _uncounted(entry.paragraphs[0])

    def _unit_over_table(self, text: str) -> bool:
        """A unit's name alone over a table of tasks that has no column of units ("党政办公室" over
        "序号 | 工作内容 | 责任人 | 完成时间", the next unit over the next table): the tasks below are
        that unit's. Over a table that names its units, the line is something else (a 落款, a title)."""
        table = self.table_below
        if table is None or not phrases.names_units(text) or not tables.looks_like_responsibility_table(table):
            return False
        found = tables.find_header(table.rows)
        return found is not None and not any(
            key.startswith(("lead_units", "responsible_units", "cooperating_units")) for key in found[1]
        )

    def _heading(self, text: str, line: Line, following: list[str] | None = None) -> None:
        """An unnumbered heading: beside the unnumbered headings before it, over what follows; a unit's
        name over its own table of tasks, or over its numbered items (a 责任清单 grouped by unit), answers
        for them."""
        self._start_body()
        self._count(1)
        node = Node(number="", level=1, title="", line=line.line)
        over_items = bool(following) and self._entry_below(following[0]) is not None and phrases.names_units(text)
        if over_items or (self.table_below is not None and self._unit_over_table(text)):
            node.fields.responsible_units = phrases.split_names(text)
        self.tree.add(Numbering(UNNUMBERED, 1, self.tree.due(UNNUMBERED), "", text, True), node)
        self.entry = _Entry(node, [text], headed=True)
        self.entries.append(self.entry)

    def _assignment(self, text: str, line: int) -> None:
        if self.entry is None:
            self._content(text, line, None)
            return
        node = self._owner_of_assignment(line)
        found = phrases.extract(text, self.year, into=node.fields)
        node.assignment_text.extend(found.phrases)
        if found.rest:
            self._content(found.rest, line, None)

    def _for_all_above(self, text: str, line: int) -> None:
        """Keeps a "以上各项，…" line, for the items above it: see ``_give_above``."""
        section = self.tree.parent_of(self.entry.node)
        siblings = self.tree.siblings_of(self.entry.node)
        self.above.append(_AboveLabels(line, section, siblings, [text]))

    def _give_above(self, group: _AboveLabels) -> None:
        """Gives the labels of a "以上各项，…" line to the items above it since the last such line beside
        them. The first and only one of a section, with no item after it, is its heading's, which its
        items inherit where they name none (``build`` passes a heading's fields down)."""
        beside = [other.line for other in self.above if other.siblings is group.siblings]
        if (
            group.section is not None
            and len(beside) == 1
            and not any(item.line > group.line for item in group.siblings)
        ):
            for text in group.texts:
                found = phrases.read_above(text, self.year, into=group.section.fields)
                group.section.assignment_text.extend(found.phrases)
            return
        last = max((line for line in beside if line < group.line), default=None)
        items = [item for item in group.siblings if item.line < group.line and (last is None or item.line > last)]
        for text in group.texts:
            given = phrases.read_above(text, self.year)
            for item in items:
                item.fields = item.fields.below(given.fields)
                item.assignment_text.extend(given.phrases)

    def _owner_of_assignment(self, line: int) -> Node:
        """Assignments written after a list of sub-points ("（1）…（2）… 责任单位：…", "①…②…") are the
        list's owner's: the item above takes them when none of its sub-points has any of its own, and
        the sub-points inherit them. Items themselves ("1.", "（一）") keep what follows them."""
        node = self.entry.node
        siblings, parent = self.tree.siblings_of(node), self.tree.parent_of(node)
        is_sub_point = parent is not None and node.level >= 4 and parent.level >= 3
        if is_sub_point and len(siblings) > 1 and all(not sibling.assignment_text for sibling in siblings):
            if not parent.assignment_text:
                message = _("责任分工写在分项之后，已归入上级“%(number)s”，各分项沿用。") % {"number": parent.number}
                self.plan.warnings.append(Problem(line, parent.number, message))
            return parent
        return node

    def _content(self, text: str, line: int, numbering: Numbering | None) -> None:
        entry = self.entry
        if entry is None:
            # A paragraph after a table that made the plan's items (a title, the table, then a line):
            # no numbered entry of the text to hold it. Kept in view, never lost, never an item.
            message = _("这段文字在表格之后，不属于任何编号的事项，未导入为事项。")
            self.plan.not_understood.append(Problem(line, text, message))
            return
        if numbering is not None:
            message = _("疑似编号“%(number)s”与上下文不连续，已作为正文处理。") % {"number": numbering.number}
            self.plan.warnings.append(Problem(line, text[:40], message))
        if _continues(entry) and len(entry.paragraphs) > 1 and phrases.units_then_when(entry.paragraphs[-1] + text):
            # A line of units and when that a PDF broke at its spaces ("X处、Y局" / "2023年7月15日前"): read whole.
            text = entry.paragraphs.pop() + text
        found = phrases.extract(text, self.year, into=entry.node.fields)
        entry.node.assignment_text.extend(found.phrases)
        if not found.rest:
            return
        if entry.paragraphs and _stage_line(found.rest):
            # "二季度：主体工程开工" under the item's text: a stage of its own, never the line above going on;
            # under "工作进度：" a report's progress by quarter, no stage to be done.
            if not any(PROGRESS_INTRO_RE.match(paragraph) for paragraph in entry.paragraphs):
                entry.stages.append(found.rest)
            entry.paragraphs.append(found.rest)
        elif _continues(entry):
            entry.paragraphs[-1] += found.rest
        else:
            if not entry.paragraphs and entry.node.level > 0:
                # A number alone on its line: the line under it is its text, a heading only if it
                # has no sentence ("（二）" / "基础工作"), else a task that a page break may cut.
                entry.headed = not TITLE_END_RE.search(found.rest)
            entry.paragraphs.append(found.rest)

    # --- headers -------------------------------------------------------------------------------

    def _trailing(self, block: Line | Table) -> None:
        if isinstance(block, Table):
            self._table(block)
            return
        text = block.text.strip()
        if not text:
            return
        kind = headers.trailing_kind(text) or ("chrome" if headers.is_footer_shaped(text) else "signatory")
        if kind == "chrome":
            self.frame.chrome(text, block.line)
        elif kind == "signed":
            organ, date = headers.dated_organ(text)
            self.plan.headers["signatory"] = _joined(self.plan.headers.get("signatory", ""), organ)
            self.plan.headers["date"] = _joined(self.plan.headers.get("date", ""), date)
        else:
            self.plan.headers[kind] = _joined(self.plan.headers.get(kind, ""), text)

    # --- tables --------------------------------------------------------------------------------

    def _table(self, table: Table, above: str = "") -> None:
        self.part_untitled = False
        if guidance.is_sheet(table):
            self.guidance_sheet.extend(guidance.read_sheet(table))
            return
        if self.body_started and self._assigns_items_by_number(table):
            return
        if tables.looks_like_responsibility_table(table, self.unnumbered):
            self._read_table(table, above)
            return
        if self._card_of_entry(table):
            return
        entries = headers.index_table_entries(table.rows)
        if entries and not self.body_started:
            self.frame.add_index(entries)
            return
        if self._roster_of_part(table):
            return
        if fallback.table_columns(table.rows) is not None and not (self.body_started and _names_task(table)):
            # A table that names its task column but no 序号, beside numbered tasks, may be anything (a
            # contact list, a schedule): only where nothing else is a list does the guess read it.
            self._read_table(table, above)
            return
        text = "\n".join("\t".join(row) for row in table.rows)
        message = _("表格不是责任分解表（未找到“序号”“工作任务”等表头）。")
        self.plan.not_understood.append(Problem(table.line, text, message))

    def _roster_of_part(self, table: Table) -> bool:
        """A duty roster or contact list (``tables.is_roster_header``: days, persons, phones) under a part's
        heading ("二、值班安排"): who is on duty when, no task. Its rows are the part's text, as the lines were
        before a roster was read as a table, and the part is read as its text says (guidance beside parts of
        tasks, ``guidance.is_prose_section``); its persons are no units of anything. Only in a paper titled as a
        plan is (``shape.titled_as_plan``): a 值班 notice is no plan, its roster read as a table it cannot use."""
        entry = self.entry
        if not (entry and entry.headed and table.rows and tables.is_roster_header(table.rows[0])):
            return False
        if not shape.titled_as_plan(self.plan):
            return False
        entry.paragraphs.extend("\u3000".join(cell.strip() for cell in row if cell.strip()) for row in table.rows)
        return True

    def _read_table(self, table: Table, above: str) -> None:
        line_of = _table_lines(self.plan.source.kind, table)
        roots, not_understood, warnings, titles = tables.parse_table(
            table, self.year, line_of, self.table_numbers, self.unnumbered, above
        )
        self._count(sum(1 for root in roots for _node in root.walk()))
        found = match(titles[-1]) if roots and titles else None
        category = titles[-1] if found and not names_a_paper(found.rest) else None
        self.table_below = table
        # "类别：产业攻坚行动" above the header, where the other sheets open theirs with the same label: the same.
        group = bool(roots and titles and not category and self._group_heading(titles[-1], [TABLE_AHEAD]))
        for title in titles[:-1] if category or group else titles:
            if not self._title_again(title):
                self.frame.front(title, table.line)
        if category or group:
            # "一、重点工作任务" merged across a sheet above its header: the heading over the sheet's rows, as
            # it is when the row stands as a line of text above the table (each sheet of a workbook its own).
            self._line(Line(titles[-1], table.line), [TABLE_AHEAD] if group else [])
        for root in roots:
            self._adopt(root)
        self.plan.not_understood.extend(not_understood)
        self.plan.warnings.extend(warnings)
        self.body_started = self.body_started or bool(roots)

    def _assigns_items_by_number(self, table: Table) -> bool:
        """A closing 任务分工表 ("第1-3项 | 区X局 | 区Y局 | 6月底前") gives the items numbered through above it
        their fields, where they name none of their own; only when each number it names is one item's among
        those numbered alike ("1." through the sections, not 保障措施's "（一）"), one such list whose titles its
        rows repeat, if they name tasks."""
        rows = tables.rows_by_item_numbers(table)
        numbers = {number for numbers, _cells in rows for number in numbers}
        named = [
            items
            for items in _numbered_alike(self.entries, numbers)
            if all(_names_entry(items[number], cells) for numbers, cells in rows for number in numbers)
        ]
        given = (
            [(named[0][number], cells) for numbers, cells in rows for number in numbers]
            if len(named) == 1
            else self._items_titled_by_rows(rows)
        )
        for entry, cells in given:
            _give_cells(entry.node, cells, self.year)
        if given:
            self._drop_caption()
        return bool(given)

    def _items_titled_by_rows(self, rows: list[tuple[list[int], dict[str, str]]]) -> list[tuple[_Entry, dict]]:
        """A 任务分工表 whose numbers name no list of items (the items numbered afresh in each section, or in
        other marks) but whose rows repeat the items' titles: each row's item, the one task its title opens,
        where at least four rows in five name one item each and no item twice; [] otherwise, a table of
        tasks of its own above all."""
        titled = [(self._task_titled(cells.get("title", "")), cells) for _numbers, cells in rows]
        found = [(entry, cells) for entry, cells in titled if entry]
        distinct = len({id(entry) for entry, _cells in found}) == len(found)
        return found if distinct and len(found) >= 2 and 5 * len(found) >= 4 * len(rows) else []

    def _card_of_entry(self, table: Table) -> bool:
        """A task card under an item ("牵头单位 | 县林业局" / "配合单位 | 县财政局" / "完成时间 | 4月30日",
        ``forms.card``): the fields of the item just read, where it names none of its own; a card that
        names its task has a row such as 任务名称 and is read as a list (``forms.as_lists``)."""
        cells = forms.card(table.rows)
        entry = self.entry
        if not cells or entry is None or entry.node.children or not set(cells) <= CARD_FIELDS:
            return False
        if not set(cells) & {*phrases.UNIT_ATTRIBUTES, "deadline"}:
            return False
        _give_cells(entry.node, cells, self.year)
        return True

    def _drop_caption(self, names: re.Pattern | None = None) -> None:
        """A heading of its own over a 任务分工表 or paragraph that assigns the items above ("二、任务分工" and the
        table alone under it): its caption, neither an item nor a part of the plan. A paragraph's caption must
        say so (``names``): an item of a title alone may stand just above a paragraph, not above a table."""
        entry = self.entry
        if entry is None or not entry.headed or len(entry.paragraphs) > 1 or entry.node.children:
            return
        if names is not None and not names.search(entry.paragraphs[0] if entry.paragraphs else ""):
            return
        node = entry.node
        siblings = self.tree.siblings_of(node)
        if node not in siblings:
            return
        self.tree.end_below(self.tree.parent_of(node))
        siblings.remove(node)
        self.entries.remove(entry)
        self.entry = None

    def _count(self, entries: int) -> None:
        """Stop as soon as the document has more entries than one import may make (before the rest
        of a huge file costs time and memory)."""
        self.entry_count += entries
        limit = settings.IMPORT_MAX_ENTRIES
        if self.entry_count > limit:
            raise ImportRejected(too_many_entries_message(limit))

    def _set_aside_assignment_lists(self) -> None:
        """Our export's 分办表 lists every item once per unit: the units are read, in their roles, from
        the responsibility list beside it, and reading the 分办表 too would import each item again. It
        leaves the source as well, so that the review shows the list's rows at their own numbers."""
        source = self.plan.source
        lists = [block for block in source.blocks if isinstance(block, Table) and tables.is_assignment_list(block)]
        if not lists:
            return
        source.blocks = [block for block in source.blocks if all(block is not table for table in lists)]
        if not any(isinstance(block, Table) or block.text.strip() for block in source.blocks):
            raise ImportRejected(_("“分办表”只列出各单位的分办情况，不能单独导入：请导入含“责任清单”的整个文件。"))
        for table in lists:
            message = _("“%(sheet)s”是分办表，未重复导入：各事项的单位按责任清单的牵头、责任、配合单位列导入。")
            self.plan.warnings.append(Problem(0, table.sheet, message % {"sheet": table.sheet or _("分办表")}))

    def _refuse_spreadsheet(self) -> None:
        """A workbook with no usable table is refused for what its header lacks, not for numbering."""
        sheets = [block for block in self.plan.source.blocks if isinstance(block, Table)]
        if self.plan.source.kind == "xlsx" and sheets:
            tables.check_header(sheets[0])

    def _adopt(self, root: Node) -> None:
        """A table's entries go under the heading the text has open, or at the top."""
        parent = self.entry.node if self.entry else None
        (parent.children if parent else self.tree.roots).append(root)


def _names_task(table: Table) -> bool:
    found = tables.find_header(table.rows)
    return bool(found and "title" in found[1])


def _confirmed(text: str, numbering: Numbering | None, following: list[str]) -> Numbering | None:
    """A bare number ("2　重点任务") is believed where the line under it is its first decimal ("2.1　…"):
    a plan numbered 1 / 1.1 / 1.1.1 shows its parts by the numbers under them. So is a number run into
    its name, as a PDF loses the space ("2重点任务" over "2.1夯实…"), and only there."""
    bare = BARE_NUMBER_RE.match(text) if numbering is None else None
    if bare is not None:
        candidate = Numbering("arabic", 3, int(bare.group(1)), bare.group(1), text[bare.end() :].strip(), True)
        return candidate if _first_decimal_below(candidate, following) else None
    if (
        numbering
        and not numbering.certain
        and numbering.style == "arabic"
        and _first_decimal_below(numbering, following)
    ):
        return dataclasses.replace(numbering, certain=True)
    if numbering and not numbering.certain and numbering.style.startswith("counter:") and numbering.value == 1:
        # "第一件新建学校" as a PDF runs it together: believed where "第二件…" follows within a few lines.
        nexts = [match(line) for line in following]
        if any(below and below.style == numbering.style and below.value == 2 for below in nexts):
            return dataclasses.replace(numbering, certain=True)
        return None
    return numbering


def _first_decimal_below(numbering: Numbering, following: list[str]) -> bool:
    below = match(following[0]) if following else None
    return bool(
        below and below.style.startswith("dotted") and re.fullmatch(rf"{numbering.value}[.．]1[.．、]?", below.number)
    )


def _dashed_labels(text: str) -> str:
    """The labels of a line that a list's dash marks ("- 责任科室：城管科"), or ""."""
    dash = LIST_DASH_RE.match(text)
    rest = text[dash.end() :] if dash else ""
    return rest if rest and phrases.is_assignment_line(rest) else ""


def _table_lines(kind: str, table: Table):
    """Where a table's row sits for the user: Excel's row number, the paragraph of a Word table,
    the line of a Markdown row (whose second line is the |---| separator)."""
    if table.row_lines:
        return lambda index: table.row_lines[index]
    if kind == "docx":
        return lambda index: table.line
    if kind in ("md", "txt", "paste"):
        return lambda index: table.line + index + (1 if index else 0)
    return None


def _split_trailing(blocks: list) -> tuple[list, list]:
    """The closing lines (落款, date, 公开方式, 抄送, 印发) from the end of the document back."""
    end = len(blocks)
    seen_date = seen_site_foot = False
    while end > 0:
        block = blocks[end - 1]
        if isinstance(block, Table):
            break
        text = block.text.strip()
        kind = headers.trailing_kind(text) if text else "blank"
        if kind is None and seen_site_foot and headers.is_footer_shaped(text):
            kind = "chrome"  # "主办单位：…　承办单位：…" over the line with the site's mark
        if (
            kind is None
            or (kind == "signatory" and not seen_date)
            or (kind == "signed" and not _signs(blocks, end - 1))
        ):
            break
        seen_date = seen_date or kind in ("date", "printed", "signed")
        seen_site_foot = seen_site_foot or headers.is_site_foot(text)
        end -= 1
    return blocks[:end], blocks[end:]


def _signs(blocks: list, index: int) -> bool:
    """Whether ``blocks[index]``, an organ and a date on one line (``headers.dated_organ``) among the closing lines
    (at the end, or right before 附件, 抄送 or 印发: ``_signature_lines``), is the paper's 落款. It is, save where
    the body above holds another line of that shape dated by a month alone after its first numbered line and the
    line right above is no line of units and when: a paper is signed once, so such lines are a 清单's lines under
    its items ("区城管局　　2026年7月"), the last one too. Right after the last item's own line of units and when,
    it is the 落款: an item takes one such line, and a 落款 never replaces the deadline it gave. A whole day in the
    body is a 落款's (a notice's own, above the plan it sends, signed again below), no 清单's line."""
    above = next(
        (block for block in reversed(blocks[:index]) if not isinstance(block, Line) or block.text.strip()), None
    )
    if isinstance(above, Line) and phrases.units_then_when(above.text.strip()):
        return True
    numbered = False
    for block in blocks[:index]:
        if not isinstance(block, Line):
            continue
        text = block.text.strip()
        found = headers.dated_organ(text) if numbered else None
        if found and "日" not in found[1]:
            return False
        numbered = numbered or match(text) is not None
    return True


def _signature_lines(blocks: list) -> set[int]:
    """The lines of the body that sign the paper before what closes or follows it: an organ and a date on one line
    (``headers.dated_organ``) after the first numbered line, right before a line of 附件, 抄送, 印发 or 公开方式 — the
    notice or plan ends there, its attachments below — when ``_signs`` says it signs. Not where the body's numbers
    go on after the 附件 line ("附件：评分表" inside an item, "2.…" below it): the paper has not ended."""
    signing: set[int] = set()
    last = None  # the last numbered line read
    lines = [block for block in blocks if not isinstance(block, Line) or block.text.strip()]
    for position, block in enumerate(lines[:-1]):
        if not isinstance(block, Line):
            continue
        text, after = block.text.strip(), lines[position + 1]
        if last and headers.dated_organ(text) and isinstance(after, Line) and _closes_after(after.text.strip()):
            below = lines[position + 2] if position + 2 < len(lines) else None
            going_on = isinstance(below, Line) and match(below.text.strip())
            goes_on = going_on and going_on.style == last.style and going_on.value == last.value + 1
            at = blocks.index(block)
            if not goes_on and _signs(blocks, at) and _shows_a_signature(blocks, at):
                signing.add(block.line)
        last = match(text) or last
    return signing


# What a 落款's organ may add to the place its paper's title opens with ("澄江镇" → "澄江镇人民政府"): the whole
# government or party body of that place, or its office.
WHOLE_ORGAN_RE = re.compile(r"(?:人民政府|政府|党委|委员会|党工委|管委会|管理委员会)?(?:办公室)?")
# The place a title opens with, before its year ("澄江镇2025年林业工作要点").
TITLE_PLACE_RE = re.compile(r"^([\u4e00-\u9fff]{2,20}?)(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年")


def _shows_a_signature(blocks: list, index: int) -> bool:
    """Whether the organ and month on one line right before 附件, 抄送 or 印发 (``_signature_lines``) show
    themselves a 落款, not the unit and month a 清单's last item ends with: its organ is the one the title or the
    lines above the first numbered line name as issuer, or none the items name, or its date comes no later than
    the first deadline the items give (a paper is signed before its work falls due). A whole day signs
    (``_signs``). Else the line is its item's, as any such line under an item is."""
    organ, date = headers.dated_organ(blocks[index].text)
    if "日" in date:
        return True
    name = headers.squeeze(headers.ORGAN_ALIAS_RE.sub("", organ))
    front: list[str] = []
    body: list[str] = []
    for block in blocks[:index]:
        if isinstance(block, Line) and block.text.strip():
            text = block.text.strip()
            (body if body or match(text) else front).append(text)
    if any(_issued_by(name, headers.squeeze(text)) for text in front):
        return True
    if not any(name in headers.squeeze(text) for text in body):
        return True
    signed = phrases.find_dates(date, None)
    due = [day for text in body for day in phrases.find_dates(text, None)]
    return bool(signed and due and signed[0] <= min(due))


def _issued_by(organ: str, text: str) -> bool:
    """Whether a line above the first numbered one names ``organ`` as the paper's issuer: in full, or as the place
    the title opens with ("澄江镇2025年…" for "澄江镇人民政府")."""
    place = TITLE_PLACE_RE.match(text)
    whole = place and organ.startswith(place[1]) and WHOLE_ORGAN_RE.fullmatch(organ[len(place[1]) :])
    return organ in text or bool(whole)


def _lines_under(blocks: list, lines: set[int]) -> set[int]:
    """The line of the first block with text under each of ``lines``."""
    under: set[int] = set()
    written = [block for block in blocks if not isinstance(block, Line) or block.text.strip()]
    for above, below in itertools.pairwise(written):
        if isinstance(above, Line) and above.line in lines:
            under.add(below.line)
    return under


def _closes_after(text: str) -> bool:
    """A line that only follows a paper's 落款: an attachment's marker, 抄送, 印发 or 公开方式."""
    closing = ("copy_to", "printed", "publicity")
    return headers.attachment_line(text) is not None or headers.trailing_kind(text) in closing


def _boxes(blocks: list) -> list:
    """A checklist's boxes, drawn or typed ("□", "☑", "- [ ] ", "[x] "), as one mark: ticked or not,
    each is an entry of the list. A line of several boxes ("□是　□否") is a form's choice, no entry."""
    boxed = []
    for block in blocks:
        found = BOX_RE.match(block.text) if isinstance(block, Line) else None
        rest = block.text[found.end() :].strip() if found else ""
        if rest and not BOX_RE.search(rest) and not re.search(r"[□☐☑☒]", rest):
            block = Line(BOX + rest, block.line)
        boxed.append(block)
    return boxed


# Tasks run into one paragraph after its lead-in ("要抓好以下工作：一要…（X牵头，4月底前完成）；二要…（Y负责）"):
# each opens with its ordinal and 要 or 是 after the colon or the stop that ends the task before it.
RUN_IN_RE = re.compile(r"(?:(?<=[：:；;。])|^)[ \u3000]*([一二三四五六七八九十]{1,2})(要|是)")
RUN_IN = "run_in"
# Who does a run-in task, in brackets after it: it is work to track, not a point of a speech.
RUN_IN_ASSIGNED_RE = re.compile(r"[（(][^（）()]*(?:牵头|负责|配合)[^（）()]*[）)]")


def run_in_tasks(text: str, titled: bool = False) -> tuple[str, list[Numbering]] | None:
    """The lead-in and the tasks of a paragraph that runs its tasks in (``RUN_IN_RE``): at least two,
    numbered 一, 二 … in order, the first after a colon, each naming in brackets who does it. None
    for any other paragraph ("一是…；二是…" that lists problems or results names nobody).

    ``titled``: the rest of a numbered line whose first sentence is its heading's name ("（一）补齐设施短板。
    一是新建…，由X牵头，Y配合；二是…，Z负责，11月底前完成。"): the first task follows that sentence's stop,
    and each task may name its units in a clause of its own sentence as well as in brackets."""
    starts = list(RUN_IN_RE.finditer(text))
    if len(starts) < 2 or [phrases.chinese_number(found.group(1)) for found in starts] != list(
        range(1, len(starts) + 1)
    ):
        return None
    lead_in = text[: starts[0].start()].strip()
    if titled and not (lead_in.endswith("。") and "。" not in lead_in[:-1]):
        return None
    if not titled and lead_in and not lead_in.endswith(("：", ":")):
        return None
    tasks = []
    for found, after in zip(starts, [*starts[1:], None], strict=True):
        piece = text[found.end() : after.start() if after else len(text)].strip().rstrip("；;。").strip()
        if not RUN_IN_ASSIGNED_RE.search(piece) and not (titled and _role_clause(piece)):
            return None
        tasks.append(Numbering(RUN_IN, 9, len(tasks) + 1, found.group(1) + found.group(2), piece, True))
    return lead_in, tasks


# Tasks a notice runs into its one paragraph after "通知如下：" ("…：①开展…，由X牵头，Y负责，5月15日前完成；②…"):
# each opens with its circled number after the colon or the semicolon that ends the task before it.
CIRCLED_IN_RE = re.compile(rf"(?<=[：:；;])[ \u3000]*([{CIRCLED}])")


def circled_tasks(text: str) -> tuple[str, list[Numbering], str] | None:
    """(lead-in, tasks, closing sentences) of a paragraph that runs its tasks in by circled numbers
    (``CIRCLED_IN_RE``): at least two, ① ② … in order, the first after a colon, each naming who does
    it; the last ends at its full stop, and what follows closes the paragraph. None for any other
    paragraph ("…：①人员不足；②经费短缺。" that lists problems names nobody)."""
    starts = list(CIRCLED_IN_RE.finditer(text))
    if len(starts) < 2 or [CIRCLED.index(found.group(1)) + 1 for found in starts] != list(range(1, len(starts) + 1)):
        return None
    lead_in = text[: starts[0].start()].strip()
    if not lead_in.endswith(("：", ":")):
        return None
    last = starts[-1]
    stop = text.find("。", last.end())
    end = stop if stop >= 0 else len(text)
    tasks = []
    for found, after in zip(starts, [*starts[1:], None], strict=True):
        piece = text[found.end() : after.start() if after else end].strip().rstrip("；;").strip()
        if not _names_units(piece):
            return None
        tasks.append(dataclasses.replace(classify(found.group(1)), rest=piece))
    return lead_in, tasks, text[end + 1 :].strip() if stop >= 0 else ""


def _role_clause(text: str) -> bool:
    """Whether a clause of a task's sentence gives units their role ("…15公里，区城管局负责，11月底前完成")."""
    return any(phrases.names_units(clause) for clause in re.split(r"[，,]", text)[1:])


def _names_units(text: str) -> bool:
    """Whether a task's text names a unit in a role, labelled or in a clause ("由X牵头，Y负责")."""
    named = Fields()
    rest, _led = phrases.take_role_clause(text, None, named)
    phrases.extract(rest, None, into=named)
    return bool(named.lead_units or named.responsible_units or named.cooperating_units)


# Tasks a paragraph marks by prose ordinals after its lead-in ("健全监督体系。首先，建立…，由X负责，4月底前完成。
# 其次，推行…"): 首先 … 其次 / 再次 / 然后 … 最后, or 其一, 其二 …, each after a stop and before a comma.
ORDINAL_RE = re.compile(r"(?:(?<=[：:；;。])|^)[ \u3000]*(首先|其次|再次|然后|最后|其[一二三四五六七八九十])[，,]")
ORDINAL = "ordinal"
SEQUENCE_WORDS = ("其次", "再次", "然后")


def ordinal_tasks(text: str) -> tuple[str, list[Numbering]] | None:
    """The lead-in and the tasks of a paragraph that marks them by prose ordinals (``ORDINAL_RE``): at
    least two, in order (首先 first and 最后 last, or 其一, 其二 … counted), each naming who does it. None
    for any other paragraph ("首先，…" that argues a point names nobody)."""
    starts = list(ORDINAL_RE.finditer(text))
    words = [found.group(1) for found in starts]
    if len(starts) < 2 or not _in_order(words):
        return None
    lead_in = text[: starts[0].start()].strip()
    if lead_in and not lead_in.endswith(("。", "：", ":")):
        return None
    tasks = []
    for found, after in zip(starts, [*starts[1:], None], strict=True):
        piece = text[found.end() : after.start() if after else len(text)].strip().rstrip("；;。").strip()
        named = phrases.extract(piece, None).fields
        if not (named.lead_units or named.responsible_units or named.cooperating_units):
            return None
        tasks.append(Numbering(ORDINAL, 9, len(tasks) + 1, found.group(1), piece, True))
    return lead_in.rstrip("。：:"), tasks


def _in_order(words: list[str]) -> bool:
    if words[0] == "首先":
        return all(word in SEQUENCE_WORDS for word in words[1:-1]) and words[-1] in (*SEQUENCE_WORDS, "最后")
    counted = [
        phrases.chinese_number(word[1:]) for word in words if word.startswith("其") and word not in SEQUENCE_WORDS
    ]
    return counted == list(range(1, len(words) + 1))


BRACKETED = "bracketed"
# A sentence that ends with its own bracket of units in their roles ("…新增事项10项（X牵头，Y、Z配合）。").
# A sentence starts after a stop, or where the last one ended (after its bracket or a semicolon): trying every
# character of a long sentence with no such bracket made the pattern quadratic on it.
BRACKETED_SENTENCE_RE = re.compile(
    r"(?<![^。！？!?；;）)])[^。！？!?]+?[（(][^（）()]*(?:牵头|负责|配合)[^（）()]*[）)][。！!；;]?"
)


def bracketed_tasks(text: str) -> list[Numbering]:
    """The tasks of a paragraph of at least two sentences, each followed by its own bracket that names
    who does it ("建立…清单（X牵头，Y配合）。开展…（Z牵头）。"), one task a sentence; [] when any sentence
    names nobody (a task described in several sentences, its units after the last)."""
    sentences = BRACKETED_SENTENCE_RE.findall(text)
    if len(sentences) < 2 or "".join(sentences) != text.strip():
        return []
    return [
        Numbering(BRACKETED, 9, index, "", sentence.strip().rstrip("。！!；;"), True)
        for index, sentence in enumerate(sentences, start=1)
    ]


# A dash alone before a paragraph, a space after it ("— 开展…"), or none where a PDF's text dropped it
# ("—开展…"): a list's mark, as an editor writes one, words after it. Not "——" (a quotation's source, a
# dash in a sentence), nor a page's number between dashes ("— 2 —").
DASH_MARK_RE = re.compile(r"^[ \t\u3000]*[—–－][ \t\u3000]*(?=[\u4e00-\u9fff“])")
DASH_BULLET = "•"


def _dashes(blocks: list) -> list:
    """Paragraphs each opening with a lone dash ("— 开展…", "— 规范…") are a list: the dash is its
    bullet (``_bullets``). A single such paragraph keeps its dash."""
    dashed = [block for block in blocks if isinstance(block, Line) and DASH_MARK_RE.match(block.text)]
    if len(dashed) < 2:
        return blocks
    return [
        Line(DASH_BULLET + DASH_MARK_RE.sub("", block.text), block.line) if block in dashed else block
        for block in blocks
    ]


def _bullets(blocks: list) -> tuple[list, set[str], set[str]]:
    """An OA export or an editor puts a bullet before paragraphs ("●（一）严把源头治理关", "◆加强…"). A
    bullet that starts the document or stands before a number marks every paragraph: decoration,
    taken off. Another bullet, before lines without a number, marks the items under the numbered
    headings, as numbers would (``_Parser._line``); it is kept for the parser to see. A bullet before
    short names each over lines of another ("▲ 环境卫生" over "□ 清理…") marks the headings of a list
    numbered nowhere (the third set returned)."""
    blocks = [_unmarked_field_line(block) for block in blocks]
    lines = [block for block in blocks if isinstance(block, Line) and block.text.strip()]
    marked = [(block.text.strip()[0], block.text.strip()[1:]) for block in lines if _is_mark(block.text.strip()[0])]
    if not marked:
        return blocks, set(), set()
    decoration = {mark for mark, rest in marked if match(rest) is not None and match(rest).certain}
    if lines[0].text.strip()[0] in BULLETS:
        decoration.add(lines[0].text.strip()[0])
    # Items come in lists: a mark seen once is a word of its line.
    counts = collections.Counter(mark for mark, _rest in marked)
    items = {mark for mark, count in counts.items() if count >= _least_lines(mark)} - decoration
    if items:
        items |= _lone_marks(lines, counts) - decoration
    headings = _heading_marks(lines, items)
    stripped = [
        Line(block.text.strip()[1:].strip(), block.line)
        if isinstance(block, Line) and block.text.strip() and block.text.strip()[0] in decoration
        else block
        for block in blocks
    ]
    return stripped, items - headings, headings


def _unmarked_field_line(block):
    """A checklist's line of an item's fields under it, behind an arrow or a bullet ("→ 负责：社区党委　时间：8/31"):
    the mark only sets the line in, as an indent would; the line is read as the fields it labels, no entry (its
    short labels apart again where a PDF ran them on)."""
    if not isinstance(block, Line):
        return block
    text = block.text.strip()
    if not text or not _is_mark(text[0]) or not phrases.is_assignment_line(text[1:].strip()):
        return block
    return Line(phrases.parted_short_labels(text[1:].strip()), block.line, block.wraps)


def _lone_marks(lines: list[Line], counts: collections.Counter) -> set[str]:
    """Marks seen once that open a task as the list's other marks do, over a line of its fields: a
    公众号 gives each part's tasks their own symbol ("▶" twice, "🔹" twice, "✅" once over "责任单位：…")."""
    return {
        line.text.strip()[0]
        for line, following in zip(lines, lines[1:], strict=False)
        if counts[line.text.strip()[0]] == 1 and phrases.is_assignment_line(following.text.strip())
    }


def _least_lines(mark: str) -> int:
    """A punctuation mark ("·", "§") opens a few lines of prose as a word may: it takes three to make a list."""
    return fallback.MIN_MARKED if fallback.is_punctuation_mark(mark) else 2


def _is_mark(char: str) -> bool:
    """A bullet, a box, or a symbol an editor or a 公众号 puts before a line as one ("🔹", "✅", "📌"); not
    a box to tick left among others on its line ("□已完成　□未完成": a form's choice, see ``_boxes``)."""
    return (
        char in BULLETS + BOX
        or unicodedata.category(char) == SYMBOL
        and char not in TICK_BOXES
        or fallback.is_unknown_mark(char)
        or fallback.is_punctuation_mark(char)
    )


TICK_BOXES = "□☐☑☒"


# A table's rules and bars ("│", "├──┼"), as a PDF's text keeps them: no list's mark.
BOX_DRAWING_RE = re.compile(r"^[\u2500-\u259f]")
SYMBOL = "So"  # Unicode's "other symbol": pictographs and dingbats, no letter, digit or punctuation


def _heading_marks(lines: list[Line], items: set[str]) -> set[str]:
    """The marks among ``items`` whose every line is a short name followed by a line of another of them."""
    headings = set()
    for mark in items:
        positions = [i for i, line in enumerate(lines) if line.text.strip()[0] == mark]
        if all(
            MARKED_HEADING_RE.match(lines[i].text.strip()[1:].strip())
            and i + 1 < len(lines)
            and lines[i + 1].text.strip()[0] in items - {mark}
            for i in positions
        ):
            headings.add(mark)
    return headings


# An outline set in a table's columns, one node a row, deeper nodes further right: at least this many depths.
OUTLINE_DEPTHS = 3


def _outlines(blocks: list) -> list:
    """A table each of whose rows fills one cell only, its columns at least ``OUTLINE_DEPTHS`` depths
    (a mind map's outline pasted into Word, each node a row, indented by its column) as the lines of
    that outline, each indented by a tab a column as the outline in text is. A row may hold a node and
    its first child in the next column, as a PDF's row may join them."""
    return [each for block in blocks for each in (_outline_lines(block) if isinstance(block, Table) else [block])]


def _outline_lines(table: Table) -> list:
    filled = [[(column, cell.strip()) for column, cell in enumerate(row) if cell.strip()] for row in table.rows]
    staircase = all(len(cells) == 1 or len(cells) == 2 and cells[1][0] == cells[0][0] + 1 for cells in filled if cells)
    if not staircase or len({column for cells in filled for column, _text in cells}) < OUTLINE_DEPTHS:
        return [table]
    lines = table.row_lines or range(table.line, table.line + len(table.rows))
    return [
        Line("\t" * column + text, line) for cells, line in zip(filled, lines, strict=False) for column, text in cells
    ]


def _without_heading_marks(blocks: list) -> list:
    """Markdown's heading marks in text that is not a .md file ("## 一、产业发展" pasted from a chat or
    an editor, saved as .txt) are markup, not words: the heading is what follows them. So are the bold
    marks around a whole line ("**一、产业发展**"), the way many write a heading in Markdown, and around a
    field's label ("**牵头科室**：…"), a list mark before it taken off first ("- **牵头科室**：…")."""
    blocks = _without_hard_breaks(_without_quote_marks(_without_list_marks(_without_struck(blocks))))
    # A legend saying what "**" marks ("中**加粗**的单位为牵头单位"): the marks are the document's, kept for it.
    marked = any(
        isinstance(block, Line) and (found := MARK_LEGEND_RE.search(block.text)) and found["mark"] in "*＊"
        for block in blocks
    )
    return [
        Line(_heading_text(block.text), block.line)
        if isinstance(block, Line)
        and (MD_HEADING_RE.match(block.text) or MD_BOLD_LINE_RE.match(block.text) or _bold_opening(block.text))
        else _with_plain_labels(block)
        if marked
        else _without_emphasis(_with_plain_labels(block))
        for block in blocks
    ]


def _without_emphasis(block):
    """``block`` with the bold marks around its numbered item's opening taken off, as a .md file's are
    (``text.strip_markdown``): "1. **摸清底数。** 以社区…" → "1. 摸清底数。 以社区…", an editor's export of a list
    whose items open with a bold title sentence. Bold words further in a line stay as written ("重点做好**汛期**…");
    so does a line with no number. The same block where it has none."""
    if not isinstance(block, Line) or "**" not in block.text and "__" not in block.text:
        return block
    numbered = match(block.text)
    opening = MD_EMPHASIS_RE.match(numbered.rest) if numbered else None
    if opening is None:
        return block
    start = len(block.text.rstrip()) - len(numbered.rest)
    text = block.text[:start] + opening.group(2) + block.text[start + opening.end() :]
    return dataclasses.replace(block, text=text)


# A heading repeated on the slide or page its part runs on to, marked as going on: "二、重点任务（续）", "(续上页)".
CONTINUED_RE = re.compile(r"^(?P<title>.+?)[\s\u3000]*[（(]\s*(?:续|续上?页|续前|接上页)\s*[）)][\s\u3000]*$")
# The fewest entries a table of contents without pages lists: one line under 目录 that comes again is a heading.
CONTENTS_ENTRIES = 2


def _contents_lines(blocks: list) -> set[int]:
    """A table of contents without pages (a deck's 目录 slide, "目  录" over "一、…" "二、…"): the 目录 line and the
    lines right under it that each come again word for word further down, as the parts they list, up to a
    blank line or one that does not. Their line numbers; none where fewer than two do (a list of its own under
    a heading named 目录, "（一）禁止类目录" over entries said once)."""
    lines = [block for block in blocks if isinstance(block, Line)]
    keys = [re.sub(r"\s", "", line.text) for line in lines]
    for index, key in enumerate(keys):
        if not CONTENTS_TITLE_RE.match(key):
            continue
        end = index + 1
        while end < len(keys) and keys[end] and keys[end] in keys[end + 1 :]:
            end += 1
        if end - index - 1 >= CONTENTS_ENTRIES:
            return {lines[position].line for position in range(index, end)}
    return set()


def _without_struck(blocks: list) -> list:
    """Markdown's strikethrough ("~~30组~~ 40组") in text that is not a .md file, a Markdown copy pasted, saved
    as .txt or put in Word, is deleted text as a .md file's is (``text.without_struck``), in the lines, a
    struck sentence wrapped over two of them too, and in a table's cells."""
    lines = [block for block in blocks if isinstance(block, Line)]
    texts = without_struck([line.text for line in lines])
    kept = {id(line): text for line, text in zip(lines, texts, strict=True)}
    return [
        (dataclasses.replace(block, text=kept[id(block)]) if kept[id(block)] != block.text else block)
        if isinstance(block, Line)
        else dataclasses.replace(block, rows=[[without_struck([cell])[0] for cell in row] for row in block.rows])
        if isinstance(block, Table) and any("~~" in cell for row in block.rows for cell in row)
        else block
        for block in blocks
    ]


def _with_plain_labels(block):
    """``block`` with its labels' bold marks taken off (``text.plain_labels``); the same block where it has none."""
    if not isinstance(block, Line):
        return block
    text = plain_labels(block.text)
    return block if text == block.text else dataclasses.replace(block, text=text)


def _without_list_marks(blocks: list) -> list:
    """Markdown's list marks ("- 开展…" over "  - 牵头：…") in text that is not a .md file are markup
    too, taken off as a .md file's are (``text.strip_markdown``), where two lines or more have them."""
    marked = [block for block in blocks if isinstance(block, Line) and MD_BULLET_RE.match(block.text)]
    if len(marked) < 2:
        return blocks
    return [Line(MD_BULLET_RE.sub("", block.text), block.line) if block in marked else block for block in blocks]


# Markdown's hard line break, a backslash at a line's end ("完成…。\\" over "牵头单位：…\\").
MD_HARD_BREAK_RE = re.compile(r"(?<!\\)\\[ \t]*$")


def _without_hard_breaks(blocks: list) -> list:
    """Markdown's hard line breaks (a backslash ending the line, an item's field lines kept apart under it)
    in text that is not a .md file are markup too, where two lines or more have them. Not a path's slash."""
    marked = [block for block in blocks if isinstance(block, Line) and MD_HARD_BREAK_RE.search(block.text)]
    if len(marked) < 2:
        return blocks
    return [Line(MD_HARD_BREAK_RE.sub("", block.text), block.line) if block in marked else block for block in blocks]


def _without_quote_marks(blocks: list) -> list:
    """Markdown's quote marks ("> 牵头单位：…" under an item, its fields set apart) in text that is not a
    .md file are markup too, where two lines or more have them. Not "＞90%": a sign before a number."""
    marked = [block for block in blocks if isinstance(block, Line) and MD_QUOTE_RE.match(block.text)]
    if len(marked) < 2:
        return blocks
    return [Line(MD_QUOTE_RE.sub("", block.text), block.line) if block in marked else block for block in blocks]


def _bold_opening(text: str) -> re.Match | None:
    """A line whose numbered first sentence is bold, the rest not: the marks are markup, the number the
    item's ("**1. 完成…。** 同步…"). A bold name without a number ("**整治背街小巷：**…") is not this."""
    found = MD_BOLD_OPENING_RE.match(text)
    if found is None:
        return None
    # "**1.** 完成…": the number alone in bold, its item's text after it.
    alone = match(found.group("bold") + " x")
    return found if match(found.group("bold")) or alone and alone.rest == "x" else None


def _heading_text(text: str) -> str:
    bold = MD_BOLD_LINE_RE.match(text)
    if bold:
        return bold.group(2)
    opening = _bold_opening(text)
    if opening:
        return opening.group("bold") + opening.group("after")
    found = MD_HEADING_RE.match(text)
    rest = MD_CLOSING_RE.sub("", text[found.end() :])
    # "## **二、重点任务**": a heading's words in bold inside its marks, as an online editor exports them.
    bold = MD_BOLD_LINE_RE.match(rest)
    return (bold.group(2) if bold else rest) or text


def _join_wrapped(blocks: list) -> list:
    """A line cut inside its assignment phrase ("（牵头单位：区司法局；" / "责任单位：各街道）", as a PDF
    or a manual line break wraps it) goes on in the next line, unless that line starts an entry or is the
    first of the stages a label alone over them introduces ("进度安排：" / "3月底前：完成选址" / …)."""
    joined: list = []
    for position, block in enumerate(blocks):
        previous = joined[-1] if joined else None
        if (
            isinstance(block, Line)
            and isinstance(previous, Line)
            and block.text.strip()
            and (
                phrases.open_assignment(previous.text, block.text)
                and not (match(block.text) or lone(block.text))
                and not (previous.text.rstrip().endswith(("：", ":")) and _stages_begin(blocks, position))
                or _circled_run_goes_on(previous, block)
            )
        ):
            joined[-1] = Line(previous.text.rstrip() + block.text.strip(), previous.line)
        else:
            joined.append(block)
    return joined


def _stages_begin(blocks: list, position: int) -> bool:
    """The line at ``position`` and the next with words are stages ("一季度：…" / "三季度：…"): a list of them,
    not the value of a label alone above."""
    lines = (
        block for block in itertools.islice(blocks, position, None) if not isinstance(block, Line) or block.text.strip()
    )
    return all(
        isinstance(block, Line) and _stage_line(block.text.strip()) for block in (next(lines, None), next(lines, None))
    )


def _circled_run_goes_on(previous: Line, block: Line) -> bool:
    """A paragraph of circled tasks (``circled_tasks``) that a PDF's layout split where a wrapped line
    happens to begin with the next number ("…5月15日前完成；" / "②修订…"): one paragraph still."""
    return (
        bool(previous.wraps)
        and CIRCLED_IN_RE.search(previous.text) is not None
        and circled_tasks(previous.text) is None
        and circled_tasks(previous.text.rstrip() + block.text.strip()) is not None
    )


def _numbers_nothing(blocks: list) -> bool:
    """No line starts with a number and no table has a 序号 or anything standing in for one: whatever
    lists the tasks does so without numbers."""
    for block in blocks:
        if isinstance(block, Table):
            if tables.looks_like_responsibility_table(block):
                return False
        elif match(block.text) is not None and match(block.text).certain:
            return False
    return True


def _group_over_table(following: list[str]) -> bool:
    """The next line is a group's line ("类别：城乡建设攻坚行动") with a table under it."""
    return len(following) > 1 and bool(GROUP_LINE_RE.match(following[0])) and following[1] == TABLE_AHEAD


def _uncounted(title: str) -> str:
    return without_count(title, heading=True)[0].strip().rstrip("：:")


def _table_after(blocks: list, position: int) -> Table | None:
    """The table that follows the block at ``position`` with only blank lines between, or None."""
    for block in (blocks[index] for index in range(position + 1, len(blocks))):  # no copy of the rest per line
        if isinstance(block, Table):
            return block
        if block.text.strip():
            return None
    return None


def _text_before(blocks: list, position: int) -> str:
    """The last line of text before the block at ``position`` ("单位：万元" over a table), or ""."""
    for block in (blocks[index] for index in range(position - 1, -1, -1)):
        if isinstance(block, Table):
            return ""
        if block.text.strip():
            return block.text.strip()
    return ""


def _group_labels(blocks: list) -> collections.Counter[str]:
    """How many lines each label opens as a group's line (``GROUP_LINE_RE``) does; the last row of one
    text above a table's header (a sheet's "类别：产业攻坚行动") counts as a line."""
    texts = [block.text.strip() if isinstance(block, Line) else _label_row(block) for block in blocks]
    found = (GROUP_LINE_RE.match(text) for text in texts)
    return collections.Counter(match.group("label") for match in found if match)


def _label_row(table: Table) -> str:
    """The text of the row just above ``table``'s header, where it holds one text alone; else ""."""
    found = tables.find_header(table.rows)
    above = table.rows[found[0] - 1] if found and found[0] > 0 else []
    texts = {cell.strip() for cell in above if cell.strip()}
    return texts.pop() if len(texts) == 1 else ""


def _upcoming_texts(blocks: list):
    """For a block's position, the texts of the next few non-blank lines (a table ends them): what
    a line of the frame is can depend on what follows it."""
    positions = [i for i, block in enumerate(blocks) if isinstance(block, Table) or block.text.strip()]
    after = {position: index for index, position in enumerate(positions)}

    def upcoming(position: int, count: int = 3) -> list[str]:
        texts = []
        for following in positions[after[position] + 1 : after[position] + 1 + count]:
            if isinstance(blocks[following], Table):
                texts.append(TABLE_AHEAD)
                break
            texts.append(blocks[following].text.strip())
        return texts

    return upcoming


def _task_when(found: re.Match, task: str) -> str:
    """When a task of a dated line is due: a month's task by the one date of its own where it names one ("6月：…；
    6月15日前形成报告"; "5月：15日前完成…", a day of the line's one month), else by the line's date."""
    month = found.group("month")
    own = [date.group(0) for date in phrases.TEXT_DEADLINE_RE.finditer(task)] if month else []
    if len(own) == 1:
        return own[0]
    days = {day.group(1) for day in DAY_ALONE_BY_RE.finditer(task)} if month else set()
    single = month and not re.search(_MONTH_RANGE, month)
    if len(days) == 1 and single:
        return re.sub(r"月份?.*$", "月", month) + f"{days.pop()}日前"
    return found.group("when")


def _period_end(period: re.Match, year: int | None, title: str) -> datetime.date | None:
    """The last day of a period heading's period, in the plan's year; None where it names no day or month."""
    if not year:
        return None
    if period.group("week") is not None:
        return _week_end(period.group("week"), year)
    if period.group("whole") is not None:
        found = TITLE_MONTH_RE.search(title)
        month = int(found.group(1)) if found else None
    elif period.group("first") is None and not period.group("quarter"):
        return None  # a week without its dates: of which month, the heading does not say
    else:
        month = _period_end_month(period)
    return datetime.date(year, month, calendar.monthrange(year, month)[1]) if month else None


def _week_end(dates: str, year: int) -> datetime.date | None:
    """The last day a week's dates name, its month carried from the first where it is not repeated."""
    month = None
    last = None
    for found in WEEK_DAY_RE.finditer(dates):
        month = int(found.group(1)) if found.group(1) else month
        last = (month, int(found.group(2)))
    if not last or not last[0]:
        return None
    try:
        return datetime.date(year, *last)
    except ValueError:
        return None


def _period_start_month(period: re.Match) -> int | None:
    if period.group("quarter"):
        return 3 * phrases.chinese_number(period.group("quarter")) - 2
    value = phrases.chinese_number(period.group("first") or "")
    return value if value and 1 <= value <= 12 else None


# A day of the month alone, by which something is done ("15日前公布结果"): of the month its heading names.
DAY_ALONE_BY_RE = re.compile(r"(?<![\d月])(3[01]|[12]\d|0?[1-9])\s*[日号]\s*(?:以|之)?前")


def _dates_within_month(heading: Node, first_day: datetime.date) -> None:
    """The items under a month's heading ("四月份" over "3.…（镇村建办，3月25日前完成招标）") are due by its
    end: a date before the month began is a step done before (kept as a milestone), not the item's
    deadline; a day named alone ("15日前公布结果") is that day of the heading's month."""
    last_day = calendar.monthrange(first_day.year, first_day.month)[1]
    for node in (node for node, _depth in heading.walk() if not node.children):
        fields = node.fields
        if fields.deadline and fields.deadline < first_day:
            fields.milestones.append((fields.deadline, fields.deadline_text))
            fields.deadline, fields.deadline_text = None, ""
        if fields.deadline or fields.ongoing:
            continue
        days = {found.group(1) for found in DAY_ALONE_BY_RE.finditer("\n".join([node.title, *node.content]))}
        if len(days) == 1 and int(day := days.pop()) <= last_day:
            fields.deadline, fields.deadline_text = first_day.replace(day=int(day)), f"{day}日前"


def _period_end_month(period: re.Match) -> int | None:
    if period.group("quarter"):
        return 3 * phrases.chinese_number(period.group("quarter"))
    value = phrases.chinese_number(period.group("last") or period.group("first"))
    return value if value and 1 <= value <= 12 else None


ITEM_NUMBER_RE = re.compile(r"[\d一二三四五六七八九十]+")


# The heading over a paragraph that assigns the items above: "三、责任分工", "任务分解".
DIVISION_CAPTION_RE = re.compile(r"^(?:任务|责任|职责|工作)?(?:分工|分解)(?:安排|表)?$")


def _leaves_by_number(entries: list[_Entry], numbers: set[int]) -> dict[int, _Entry]:
    """The items with no entries under them that ``numbers`` name, by the value of their number, among those
    numbered alike ("1." to "7." through the sections, not a schedule's own "（一）" below them) where each
    number is one item's; {} where none are."""
    return next(_numbered_alike(entries, numbers), {})


def _numbered_alike(entries: list[_Entry], numbers: set[int]) -> Iterator[dict[int, _Entry]]:
    """For each shape of number the items with no entries under them are numbered in ("1." through the
    sections, "（一）" under 保障措施), in the order first met, its items that ``numbers`` name by value,
    where each number is one item's of that shape; none for no number."""
    shapes = collections.defaultdict(lambda: collections.defaultdict(list))
    for entry in entries:
        value = _item_number_value(entry.node)
        if value is not None and not entry.node.children:
            shapes[ITEM_NUMBER_RE.sub("", entry.node.number)][value].append(entry)
    for found in shapes.values():
        if numbers and all(len(found.get(number, ())) == 1 for number in numbers):
            yield {number: found[number][0] for number in numbers}


def _opens_with(entry: _Entry, title: str) -> bool:
    """Whether an item's text opens with ``title`` (spaces aside): a task a later line names by it."""
    return re.sub(r"\s", "", entry.paragraphs[0]).startswith(re.sub(r"\s", "", title))


def _top_level_by_number(entries: list[_Entry]) -> dict[int, _Entry]:
    """The entries of the highest numbered level, by the value of their number ("三、" → 3)."""
    top = min((entry.node.level for entry in entries if entry.node.level > 0), default=None)
    found = {}
    for entry in entries:
        digits = ITEM_NUMBER_RE.search(entry.node.number)
        if top is not None and entry.node.level == top and digits:
            found.setdefault(phrases.chinese_number(digits.group(0)), entry)
    return found


# A short word and its colon opening a line: "目标：盘活300亩", a task's line that is no label of the importer's.
WORD_LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{1,8}[：:]")
# How many such lines may stand between a task laid out without its number and its labels.
MAX_WORD_LABELS = 2


def _labels_below(following: list[str]) -> bool:
    """The lines under a task laid out without its number begin with its labels ("牵头：…"), maybe after
    a line or two of its own words and colons ("目标：盘活300亩")."""
    for text in following[: MAX_WORD_LABELS + 1]:
        if phrases.is_assignment_line(text):
            return True
        if not WORD_LABEL_RE.match(text.strip()):
            return False
    return False


def _continues(entry: _Entry) -> bool:
    """A paragraph that stops mid-sentence ("…结合") goes on in the next line: a page break cut it."""
    if not entry.paragraphs:
        return False
    if entry.headed and len(entry.paragraphs) == 1:
        return False
    return entry.paragraphs[-1][-1] not in PARAGRAPH_END


def _finish(entry: _Entry, year: int | None) -> None:
    node = entry.node
    first = entry.paragraphs[0] if entry.paragraphs else ""
    if entry.led:
        first = phrases.lead_clauses(first, year, node.fields)
    first = REVISION_TAG_RE.sub("", ITEM_NAME_BRACKET_RE.sub("", first, count=1), count=1)
    if not node.children:
        # Not a heading's: "（一）重点任务：聚焦…" names its part, the label its words.
        first = ITEM_NAME_COLON_RE.sub("", first, count=1)
    title, rest = split_title(first)
    title, rest = _take_points(node, title, rest)
    title = _without_count(node, title, bool(node.children))
    if node.children:
        title = _without_phase_dates(node, title, year)
    node.title = title
    if node.children:
        _deadline_heading(node.fields, title, year)
    node.content = [p for p in [rest, *entry.paragraphs[1:]] if p]
    if not node.indicators:
        source = node.fields.target or "\n".join([title, *node.content, node.fields.requirement])
        node.indicators = phrases.find_indicators(source, default_name=title)


def _deadline_years(nodes: list[Node]) -> list[int]:
    """The years of the deadlines written with their own year ("2024年6月30日前"), one per entry."""
    return [
        node.fields.deadline.year
        for node in nodes
        if node.fields.deadline and phrases.DATE_WITH_YEAR_RE.search(node.fields.deadline_text)
    ]


def _stage_line(text: str) -> bool:
    """A line that opens with when a stage of the work is due and a colon ("三季度：主体结构封顶", "6月底前：
    完成招标", "长期：常态化管护"), under an item's text; not a record of work done ("3月：召开了…")."""
    found = DATED_LEAD_RE.match(text) or GOING_ON_LEAD_RE.match(text)
    return found is not None and not phrases.DONE_WORK_RE.search(text[found.end() :])


def _staged(stages: list[str]) -> bool:
    """The lines of stages under an item are a list of them, two dated stages at least: one dated line under an
    item's sentence ("3月：召开…会议") is a step of the work, not when all of it is done. A year's line
    ("2025年：建成平台") is that year's target of the item, its last year when alone."""
    found = [DATED_LEAD_RE.match(stage) for stage in stages]
    return sum(1 for lead in found if lead) >= 2 or any(lead and lead.group("whole_year") for lead in found)


def _stages_due(fields: Fields, stages: list[str], year: int | None) -> None:
    """An item whose dates are a list of stages under it ("一季度：完成审批" … "四季度：完成验收") is due when its
    last dated stage ends, or goes on when the last stage does ("长期：常态化管护"), as a 进度安排 label's
    stages are read; a deadline of its own, read before, wins (``apply``'s milestones)."""
    phrases.apply(fields, "milestones", "；".join(stage.rstrip("。；;") for stage in stages), year)


# An item's Arabic number as the tree keeps it ("7", "7.", "7、").
ARABIC_ITEM_NUMBER_RE = re.compile(r"^(\d{1,3})[.．、]?$")


# An item's own mark in the tree, bracketed or not ("（二）", "(2)"): see ``_item_number_value``.
ITEM_MARK_RE = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,3}|\d{1,3})\s*[)）]$")


def _item_number_value(node: Node) -> int | None:
    """The value of an item's number as a 任务分工表 names it: "7", "7.", "7、" or a bracketed mark
    ("（七）", "(7)"); None for any other number (a heading's "一、", a "第七条")."""
    found = ARABIC_ITEM_NUMBER_RE.match(node.number) or ITEM_MARK_RE.match(node.number)
    if not found:
        return None
    return int(found.group(1)) if found.group(1).isdigit() else phrases.chinese_number(found.group(1))


def _names_entry(entry: _Entry, cells: dict[str, str]) -> bool:
    """Whether a 任务分工表's row names the item its number points to: no task cell, or one its text
    opens with (the table repeats the task's name)."""
    name = re.sub(r"\s", "", cells.get("title", ""))
    return not name or (bool(entry.paragraphs) and _opens_with(entry, name))


def _give_fields(node: Node, given: list[tuple[str, str]], written: str, year: int | None) -> None:
    """Fields given to an item from elsewhere by its number (a 任务分工 paragraph's clause, a 任务分工表's
    cell), as (field, value) pairs: each one the item has not named itself, its own winning; ``written``,
    what they were read from, is kept with the item's phrases once any was taken."""
    fields = node.fields
    named = {key for key, _value in given if getattr(fields, key) or (key == "deadline" and fields.ongoing)}
    taken = [(key, value) for key, value in given if value and key not in named]
    for key, value in taken:
        phrases.apply(fields, key, value, year)
    if taken:
        node.assignment_text.append(written)


def _give_divisions(divisions: list[tuple[_Entry, str]], year: int | None) -> None:
    """What 任务分工 clauses give the items they name by number (``_Parser._division``), each item's clauses
    together: the units of every clause that names it, as a division written per unit names an item once
    on each unit's line ("县发展改革局：配合第1项" and "县财政局：配合第1项"), each other field the first
    clause's that names it; a field the item names itself still wins."""
    given: dict[int, tuple[_Entry, list[str]]] = {}
    for entry, assignment in divisions:
        given.setdefault(id(entry), (entry, []))[1].append(assignment)
    for entry, assignments in given.values():
        pairs: list[tuple[str, str]] = []
        for key, value in (pair for assignment in assignments for pair in phrases.assignment_cells(assignment)):
            if key in phrases.UNIT_ATTRIBUTES or all(key != known for known, _value in pairs):
                pairs.append((key, value))
        _give_fields(entry.node, pairs, "；".join(assignments), year)


def _give_cells(node: Node, cells: dict[str, str], year: int | None) -> None:
    """A table's cells given to an item from elsewhere (a 任务分工表's row, a task card under the item): each
    a field it has not named itself, kept as "列名：cell"; the task's name again ("title") gives nothing.
    The stages go last: their last date is the deadline only where no cell beside them gives one."""
    for key, cell in sorted(cells.items(), key=lambda pair: pair[0] == "milestones"):
        if key != "title":
            _give_fields(node, [(key, cell)], f"{tables.column_name(key)}：{cell}", year)


def _has_units(fields) -> bool:
    return any(getattr(fields, name) for name in phrases.UNIT_ATTRIBUTES)


def _own_units(entry: _Entry, year: int | None) -> None:
    """A task that names no units, whose text after its title opens with them ("排查隐患。X牵头，Y配合，…"):
    see ``phrases.take_sentence_units``."""
    node = entry.node
    if node.content and not entry.led and not _has_units(node.fields):
        phrases.take_sentence_units(node.content[0], year, node.fields)


# The kinds of paper a title names ("1.2025年度重点工作任务清单" numbered as the first of a workbook's lists):
# ``headers.TITLE_END_RE`` without the words a category names its part by ("一、重点工作任务", "三、保障措施").
PART_NAME_END_RE = re.compile(r"(?:任务|目标|指标|措施|体系|部署|安排)$")


def names_a_paper(title: str) -> bool:
    title = title.strip()
    return bool(headers.TITLE_END_RE.search(title)) and not PART_NAME_END_RE.search(title)


# A 目标责任书 (责任状, 承诺书) names its two parties once above its body, on lines of their own ("甲方：县城市
# 管理局" / "乙方：城西镇人民政府") or in its preface's sentence, each after its name ("县人民政府（甲方）与柳河乡
# 人民政府（乙方）签订本目标责任书", "（以下简称乙方）") or in brackets after the party ("甲方（区安委会）与乙方
# （红星街道办事处）签订…"; not "乙方（盖章）：", a seal's place): 乙方 signs to meet every target under its
# headings, though no target names it, scored by points or not. Given before guidance is set apart, for its
# targets are tasks; the parts with no entries under them (工作要求, 附则) get none. A party that is no unit (a
# person who pledges) answers for nothing here.
PLEDGE_TITLE_RE = re.compile(r"责任(?:书|状)|承诺书")
PLEDGING_PARTY_RE = re.compile(r"^乙\s*方\s*[：:]\s*(?P<name>[^\s，。；：:]{2,30})\s*$")
_PARTY = r"[（(](?:以下简称)?[“\"]?{}\s*方[”\"]?[）)]"
PLEDGING_PARTY_IN_SENTENCE_RE = re.compile(
    _PARTY.format("甲") + r"\s*(?:与|和|同)\s*(?P<name>[^\s，。；：:（）()]{2,30}?)\s*" + _PARTY.format("乙")
)
_NAMED_PARTY = r"{}\s*方\s*[（(]\s*(?P<{}>[^\s，。；：:（）()]{{2,30}}?)\s*[）)]"
PARTY_NAMED_AFTER_RE = re.compile(
    _NAMED_PARTY.format("甲", "first") + r"\s*(?:与|和|同)\s*" + _NAMED_PARTY.format("乙", "name")
)


def pledging_party(text: str) -> str:
    """The unit ``text`` names as 乙方, the party that signs for the targets; "" if none."""
    found = (
        PLEDGING_PARTY_RE.match(text) or PLEDGING_PARTY_IN_SENTENCE_RE.search(text) or PARTY_NAMED_AFTER_RE.search(text)
    )
    name = found.group("name") if found else ""
    return name if phrases.is_unit_name(name) else ""


# A 督办函 (交办函, 督办通知) is addressed to the one unit that must do what it lists ("龙湾街道办事处：" above
# items that name nobody, "你街道承担的…"): that addressee signs for them as 乙方 does. Not a letter to many
# ("各镇街、区直各部门："): each item there is for whichever it names.
ADDRESSED_TASKS_TITLE_RE = re.compile(r"(?:督办|交办|督促|督查|整改)(?:函|单|通知书?|意见书?)$")


def _give_pledged(roots: list[Node], pledged: Fields) -> None:
    """The party that signs for the targets answers for the entries under each heading; where the body is
    one flat list of items, for each item. Scored or not: a book that gives its entries points ("（一）组织领导
    （15分）", "…专题研究一次。（5分）") still has 乙方 answer for each; the clerk enters 乙方 on them."""
    flat = not any(root.children for root in roots)
    for root in roots:
        for node in [root] if flat else root.children:
            _give_front_units(node, pledged)


# A plan that says it lists its tasks by the unit that answers for them: its title a list of duties ("…工作责任
# 清单", "职责清单", "任务分工") or its opening hands the tasks out to units ("将各项任务分解到各责任单位").
UNIT_LIST_RE = re.compile(r"责任清单|职责|分工|责任分解|分解到")
# A plan of audits or of 巡察 ("县审计局2026年度审计项目计划", "县委巡察工作安排") heads its tasks with the bodies
# audited or inspected, not with those who do the work; not a campaign of checks ("安全生产大检查实施方案", whose
# headings may be the departments that check), nor a plan of work assessed afterwards ("考核细则": the units
# headed answer for what is assessed).
OVERSIGHT_PLAN_RE = re.compile(r"(?:审计|巡察|巡视)(?:项目|工作)?(?:计划|安排)")


def _give_unit_headings(nodes: list[Node], listed: bool, overseen: bool = False) -> None:
    """A 责任清单 laid out units first heads each unit's tasks with the unit's name ("一、综治中心", "二、派出所",
    "五、各社区居委会"), the tasks naming only who helps and when: where every heading beside it (two at least) is
    a unit's name, the heading's units are responsible for each task under it that names no responsible or lead
    unit of its own. Headings among which one is a topic ("一、安全生产", "二、社会治理中心建设") give none.

    A name that ends as a place's or a building's does may be a place the work is done at ("一、党群服务中心",
    "二、综合文化站", "一、加油站", ``_site_heading``): where any heading is so named, the headings are units only
    where the plan says it lists duties by unit (``listed``, ``UNIT_LIST_RE``) or each heading names its leader or
    person in charge ("分管领导：王强　责任人：李明"), and not where half the headings or more are named again in
    their own tasks, the thing worked on ("对加油站开展检查", "加油站储罐…"); a unit's list may name one unit's own
    premises once ("完成街道综治中心升级改造"). Headings that all end as organs do ("一、县发展和改革局", "二、县市场
    监督管理局", "三、各镇（街道）") are units whatever the plan's title says, but in a plan of audits or
    inspections (``overseen``, ``OVERSIGHT_PLAN_RE``), where they are the bodies audited, only as a site's are."""
    headings = [node for node in nodes if node.children]
    if len(headings) >= 2 and all(_unit_heading(heading) for heading in headings):
        named = all(heading.fields.lead_leaders or heading.fields.persons for heading in headings)
        worked_on = sum(_named_in_its_tasks(heading) for heading in headings)
        sites = overseen or any(_site_heading(heading) for heading in headings)
        if not sites or (listed or named) and worked_on * 2 < len(headings):
            for heading in headings:
                _give_responsible(heading, phrases.split_names(heading.title))
        return
    for heading in headings:
        _give_unit_headings(heading.children, listed, overseen)


def _unit_heading(node: Node) -> bool:
    """A heading whose whole title names units as organs' names end, none of its own written beside it; not a
    part named for its work or named as a task is ("推进综治中心建设", "重点项目")."""
    title = node.title.strip()
    names_own = node.fields.responsible_units or node.fields.lead_units
    return not names_own and phrases.is_organ_title(title) and not guidance.WORK_NAME_RE.search(title)


# How the name of a place or building the work may be done at ends ("党群服务中心", "综合文化站", "派出所", "卫生院",
# "村卫生室", "图书馆", "便民服务点"), though a body's may end so too; not an office, a court or a procuratorate.
SITE_NAME_END_RE = re.compile(r"(?:中心|[站所院室馆点])$")
ORGAN_NOT_SITE_RE = re.compile(r"(?:办公室|法院|检察院)$")


def _site_heading(heading: Node) -> bool:
    """Whether a unit heading names a unit whose name ends as a place's does (``SITE_NAME_END_RE``)."""
    names = [phrases.BRACKETED_RE.sub("", name) for name in phrases.split_names(heading.title)]
    return any(SITE_NAME_END_RE.search(name) and not ORGAN_NOT_SITE_RE.search(name) for name in names)


def _named_in_its_tasks(heading: Node) -> bool:
    """Whether a task under ``heading`` names the thing the heading names, by its last three characters (the kind
    of place: "卫生院" of "乡镇卫生院", "充装站" of "液化气充装站"), a prefix of 各 or a bracket aside."""
    kinds = [phrases.BRACKETED_RE.sub("", name).removeprefix("各")[-3:] for name in phrases.split_names(heading.title)]
    texts = ["\n".join([node.title, *node.content]) for node, _ in heading.walk() if node is not heading]
    return any(kind and kind in text for kind in kinds for text in texts)


def _give_responsible(node: Node, units: list[str]) -> None:
    """``units`` are responsible for the tasks under ``node`` that name no responsible or lead unit, themselves
    or above them: a task that names its own keeps them (and its heading's units hold under it)."""
    for child in node.children:
        if child.fields.responsible_units or child.fields.lead_units:
            continue
        if child.children:
            _give_responsible(child, units)
        else:
            child.fields.responsible_units = list(units)


def _give_front_units(node: Node, front: Fields) -> None:
    """The units a book of tasks states once above its body ("责任单位：区民政局") answer for every item
    that names none, itself or above it; an item that names its own keeps them."""
    if _has_units(node.fields):
        return
    if not node.children:
        for name in phrases.UNIT_ATTRIBUTES:
            setattr(node.fields, name, list(getattr(front, name)))
    for child in node.children:
        _give_front_units(child, front)


# A bracket of dates alone at a heading's end: "（5月15日前）", "（6月1日至8月31日）", "（10月底前）".
PHASE_DATES_RE = re.compile(r"[（(](?P<dates>[\d\s年月日号底末初中上下旬前以之至到\-—－~～]+)[）)]$")


def _without_phase_dates(node: Node, title: str, year: int | None) -> str:
    """ "一、汛前准备（5月15日前）": a heading that names a phase of the work and the date it ends by. The
    date is the deadline of the items under it (those that name none of their own), not words of its
    title; the bracket is kept with what the fields were read from. A bracket without a month in it
    ("（2023-2025年）", "（2项）") stays in the title."""
    found = PHASE_DATES_RE.search(title)
    if not found or "月" not in found.group("dates") or node.fields.deadline or node.fields.ongoing:
        return title
    schedule = phrases.parse_schedule(found.group("dates"), year)
    if not schedule.deadline:
        return title
    node.fields.deadline, node.fields.deadline_text = schedule.deadline, found.group("dates")
    node.assignment_text.append(found.group(0))
    return title[: found.start()].strip()


# The time a chat message was sent, on a line of its own above the sender, as a chat copied out shows it:
# "2027年3月14日 上午9:05", "2027-03-14 09:05:12".
CHAT_STAMP_RE = re.compile(
    r"(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})"
    r"[ \u3000]*(?:上午|下午|中午|晚上|凌晨)?[ \u3000]*\d{1,2}:\d{2}(?::\d{2})?"
)
# A chat's @mentions before a task ("@区住建局 张科 请区住建局牵头，…", "@各街道 请…"): whom the message
# calls, a unit and perhaps a person's name, each followed by a space; where a PDF's text lost the spaces
# ("@区住建局张科请区住建局牵头"), up to the 请 that asks the task.
MENTIONS_RE = re.compile(
    r"^(?:@[^\s@]+(?:[ \u3000]+[\u4e00-\u9fff]{2,4}(?=[ \u3000]))?[ \u3000]+|@[^\s@，,。：:]+?(?=请))+"
)


def _without_mentions(node: Node, text: str) -> str:
    """A task's text without the @mentions it opens with; they are kept with what the fields were read
    from (the units the task names itself are its fields)."""
    found = MENTIONS_RE.match(text)
    if not found:
        return text
    node.assignment_text.append(found.group(0).strip())
    return text[found.end() :]


def _deadline_heading(fields: Fields, title: str, year: int | None) -> None:
    """A heading that names only when its items are due ("3月底前完成", "全年持续推进") gives them that
    deadline, or says they go on; an item that names its own keeps it."""
    if fields.deadline or fields.ongoing:
        return
    if GOING_ON_HEADING_RE.match(title):
        fields.ongoing, fields.deadline_text = True, title
    elif DEADLINE_HEADING_RE.match(title):
        phrases.apply_schedule(fields, title, year)


def _take_points(node: Node, title: str, rest: str) -> tuple[str, str]:
    """The points a 责任书 or a 考核细则 writes after a heading ("（一）组织领导（15分）") or after an item's
    sentence ("…专题研究一次。（5分）") are the entry's points, not words of its title or its content; the
    note is kept with what the fields were read from."""
    for text, is_title in ((title, True), (rest, False)):
        found = POINTS_NOTE_RE.search(text)
        if not found or (is_title and found.start() == 0) or (not is_title and found.start() > 0):
            continue
        if node.fields.points is None:
            node.fields.points = Decimal(found.group(1))
        node.assignment_text.append(found.group(0).strip())
        if is_title:
            return text[: found.start()].strip(), rest
        return title, ""
    return title, rest


def _without_count(node: Node, title: str, heading: bool) -> str:
    """ "一、教育惠民（2项）" → "一、教育惠民": the count is kept with what the fields were read from."""
    title, note = without_count(title, heading)
    if note:
        node.assignment_text.append(note)
    return title


def _joined(before: str, text: str) -> str:
    return f"{before}\n{text}" if before else text


def account(plan: ParsedPlan) -> str:
    """Everything the import kept, as one text: for checking that nothing of the source was lost."""
    parts = [*plan.headers.values()]
    for node in [*plan.nodes(), *(node for section in plan.guidance for node, _depth in section.node.walk())]:
        parts += [node.number, node.title, *node.content, *node.assignment_text]
    parts += [problem.text for problem in plan.not_understood]
    return "\n".join(parts)
