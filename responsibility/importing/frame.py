"""The frame of a document: the notice around the plan, read line by line into header fields.

A plan seldom arrives alone. A copy from a portal carries the page's chrome (来源, 浏览次数, 打印本页)
and its index data (索引号, 文号, 发布机构 …). A notice (通知) sends the plan: a red head, a 文号, its
title (often on two or three lines), 主送, a few sentences, the list of attachments, the 落款 and
the date; then comes the plan's own title and introduction, or each attachment with its own title.
The parser hands every line it has not read as part of the plan to ``Frame``, which keeps it in
``headers`` (or, for a web page's chrome, in the "not understood" list) and in the end names the plan.

What a line is depends on where it stands, so ``Frame`` keeps a little state: whether a title is
being read (a title line may go on in the next line, never into a paragraph), whether the notice
has been closed by its date, and which attachments it listed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import headers as h
from .document import Problem
from .numbering import Numbering
from .numbering import match as numbered

# A plan spanning years ("2016—2017年", "2025-2027年") is the plan of its first: it is deployed and
# starts then, and its undated deadlines ("6月底前") fall in that year.
YEAR_RE = re.compile(r"(20\d{2})\s*(?:[—–\-~～至到]\s*(?:20)?\d{2}\s*)?年")
# A year written in characters, as a 公文 may set its title and date: "二〇二四年", "二零二五年".
CHARACTER_YEAR_RE = re.compile(r"二[〇零○][〇零○一二三四五六七八九]{2}(?=\s*年)")
CHARACTER_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
# The year in a 文号's brackets: "白委办〔2025〕14号", "某府发[2024]3号".
# A table of the plan set in parts, each under the plan's title and its part's number: "…任务分解表（一）"
# over the first, "…（二）" over the next. The number names the part, not the plan.
PART_NUMBER_RE = re.compile(r"[（(](?:之)?(?:[一二三四五六七八九十]{1,3}|\d{1,2})[）)]$")
# The label an export puts after the title it copies, naming its own form: "…重点任务（思维导图）".
FORM_LABEL_RE = re.compile(r"[（(](?:思维导图|脑图|导图|大纲)[）)]$")
DOC_NUMBER_YEAR_RE = re.compile(r"[〔［\[【（(]\s*(20\d{2})\s*[〕］\]】）)]")
# A title whose year is the period a review looked at, its findings to be put right: "某局2024年度预算执行
# 审计发现问题整改工作方案", "关于2023年巡察反馈问题整改的方案". The work falls in the year the paper is dated.
REVIEWED_YEAR_RE = re.compile(
    r"(20\d{2})\s*年度?[^，。；]{0,20}?(?:审计|巡察|巡视|督察|督查|检查|评估|考核)[^，。；]{0,12}?问题[^，。；]{0,6}整改"
)
TABLE_AHEAD = "\ufffc"  # what the parser gives as the next line where a table follows: no line reads like it
MIN_PLAN_TITLE = 6  # "2024年工作要点": shorter lines under a notice are headings such as "总体目标"

# The kind of document a plan's name ends in ("…实施方案", "…工作计划"), and the name of its own task list
# sent beside it ("…任务清单", "…重点任务分解表", "…责任分工表").
PLAN_KIND_END_RE = re.compile(r"(?:实施|工作|行动)?(?:方案|计划|意见|要点)$")
TASK_LIST_RE = re.compile(r"(?:重点|主要)?(?:工作)?(?:任务|责任)(?:清单|分解表|分工表|台账|表)|工作台账")


def chrome_message() -> str:
    return _("网页上的栏目文字（来源、浏览次数、字体、打印等），不是文件内容，已略过。")


@dataclass
class Part:
    """Where an attachment starts: its marker as written ("附件2", or "" for a title alone) and title."""

    number: str
    title: str


class Frame:
    def __init__(self, headers: dict[str, str], not_understood: list[Problem]) -> None:
        self.headers = headers
        self.not_understood = not_understood
        self.index: list[tuple[str, str]] = []
        self.last_was_index = False  # the line before was index data ("文　　号：" awaiting its value)
        self.title_lines: list[str] = []  # the title being read
        self.blank_since = False  # a blank line since the last line read
        self.weak_titles: list[str] = []  # title-shaped lines that do not end as titles do
        self.title_organ = ""  # the organ's line the notice's title begins with, over its "关于…"
        self.sent_names: list[str] = []  # "现将《X》印发给你们"
        self.reported_names: list[str] = []  # "近日，某镇印发《X》。": a news report's sentence
        self.prose_after_title = False
        self.notice_closed = False  # its date (or 公开方式 after it) has been read
        self.prose_after_close = False
        self.attachments: list[str] = []  # the names the notice's list gives
        self.in_list = False
        self.list_number: Numbering | None = None  # the last numbered entry of the list
        self.list_open = False  # "附件：" alone: its entries follow, numbered from 1
        self.closing = False  # after the list: 落款, date and 公开方式 follow
        self.just_read_preamble = False
        self.the_plan = ""  # the squeezed title of the attachment that is the plan itself
        self.forwards_own_plan = False  # a 转发 notice whose own numbered opinions are the plan
        self.site_foot = False  # the page's foot has begun: a line with the site's mark was read

    # --- lines the parser offers first, wherever they stand -----------------------------------

    def blank(self) -> None:
        self.blank_since = True

    def takes(self, text: str, line: int, following: list[str], in_body: bool) -> bool:
        """Whether ``text`` is the frame's: a line of the attachment list or of the 落款 after it, the
        page's chrome, a 落款 and date between the notice and its attachments. Called before the line
        is looked at as a numbered one, since the list's "2. 民生实事分解表" is not an item."""
        taken = self._list_line(text, following, in_body) or self._closing_line(text, following, in_body)
        if not taken and (h.is_chrome(text) or self._in_site_foot(text, following)):
            self.chrome(text, line)
            self.site_foot = self.site_foot or h.is_site_foot(text)
            taken = True
        else:
            self.site_foot = False
        if taken:
            self.end_title()
            self.blank_since = False
        return taken

    def _in_site_foot(self, text: str, following: list[str]) -> bool:
        """ "主办单位：区政府办公室　承办单位：区大数据中心" is the page's foot when a line with the site's
        mark (网站标识码, ICP备 …) is next to it, with only lines of the foot between; alone, under an
        item, its labels may be the item's."""
        if not h.is_footer_shaped(text):
            return False
        if self.site_foot:
            return True
        for after in following:
            if h.is_site_foot(after):
                return True
            if not h.is_footer_shaped(after):
                return False
        return False

    def chrome(self, text: str, line: int) -> None:
        self.not_understood.append(Problem(line, text, chrome_message()))

    def part(self, text: str, following: list[str], in_body: bool) -> Part | None:
        """Where an attachment that follows the notice starts: its marker ("附件2"), its marker and
        title ("附件2：民生实事清单"), or a title the list named. Before the plan has begun, only a
        notice that lists several attachments is made of parts; one attachment is the plan itself."""
        if not (in_body or len(self.attachments) > 1):
            return None
        found = h.attachment_line(text)
        if found:
            number, title, colon = found
            if colon and not title or title and self._lists(text, following, in_body):
                return None  # "附件：" over its list, or a line of the list
            if title and not (self.attachments or self.notice_closed) and not _starts_afresh(following):
                return None  # "附件：评分表" inside an item, which goes on below
            return Part(text[: len(text) - len(title)].strip(h.SPACES + "：:"), title)
        if self.in_list or not (self.attachments or in_body and self.notice_closed) or not h.is_title_shaped(text):
            return None
        if self.the_plan and h.squeeze(text) == self.the_plan:
            return None
        if self._names_attachment(text) or in_body and self.notice_closed and self._starts_plan(text):
            return Part("", text)
        return None

    def is_plan_name(self, title: str) -> bool:
        """Whether ``title`` is the name of the plan the notice sends ("关于印发《X》的通知", "现将《X》…")."""
        name, notice = h.squeeze(title), self.headers.get("title", "")
        if h.names_several(notice):
            return False  # "关于印发《A》和《B》的通知": each attachment is a part
        sent = [h.sent_name(notice), *self.sent_names]
        return bool(name) and any(h.squeeze(candidate) == name for candidate in sent if candidate)

    def forwarded_in_full(self, title: str) -> bool:
        """Whether ``title`` is the document a 转发 notice forwards ("关于转发《X》的通知" … "X" in full after
        the notice's own 贯彻意见): the forwarded text, not the plan. Asked once the notice's items are read."""
        found = h.is_forwarding(self.headers.get("title", "")) and self.is_plan_name(title)
        self.forwards_own_plan = self.forwards_own_plan or found
        return found

    def lists_the_plans_tasks(self, title: str) -> bool:
        """Whether ``title``, an attachment after the one that is the plan itself, names that plan's own
        task list ("X实施方案" then "X任务清单", "X重点任务分解表"): the plan's items, not a part beside it."""
        if not self.the_plan:
            return False
        stem = PLAN_KIND_END_RE.sub("", self.the_plan)
        name = h.squeeze(title)
        return stem != self.the_plan and name.startswith(stem) and bool(TASK_LIST_RE.fullmatch(name[len(stem) :]))

    def plan_itself(self, marker: str, title: str) -> None:
        """The attachment that is the plan itself: its marker is the notice's, its title the plan's."""
        self.end_title()
        if marker:
            self._add("attachment", marker)
        if "plan_title" not in self.headers:
            self.headers["plan_title"] = title
        self.the_plan = h.squeeze(title)

    # --- lines before the plan -----------------------------------------------------------------

    def front(self, text: str, line: int) -> None:
        """A line before the first numbered one, that ``takes`` and ``part`` left."""
        preamble = self.headers.get("preamble")
        self._front(text)
        self.just_read_preamble = self.headers.get("preamble") != preamble and not self.title_lines
        self.blank_since = False

    def _front(self, text: str) -> None:
        text = h.without_signer(text)
        kind = h.leading_kind(text)
        awaits = kind != "index" and self._awaits_value(text)
        self.last_was_index = kind == "index" and not awaits
        if awaits:
            self.index[-1] = (self.index[-1][0], text.strip(h.SPACES))
            self.add_index([])
        elif kind == "index":
            self.end_title()
            self.add_index(h.index_entries(text))
        elif kind:
            self.end_title()
            self._add(kind, text)
            self.notice_closed = self.notice_closed or kind == "publicity" and "date" in self.headers
        elif self._continues_title(text):
            self.title_lines.append(text)
        else:
            self.end_title()
            self._other(text)

    def _other(self, text: str) -> None:
        headers = self.headers
        if self._may_address(text):
            headers["addressee"] = self._addressee_begun() + text.rstrip("：:")
        elif self._marks_the_title(text):
            marker, title, _colon = h.attachment_line(text)
            self._add("attachment", f"附件{marker}")
            self.title_lines = [title]
        elif h.attachment_line(text):
            self._add("attachment", text)
        elif h.is_date_only(text):
            self._add("date" if "date" not in headers else "preamble", text)
            self.notice_closed = True
        elif h.is_organ_line(text) and self._signed(text):
            pass
        elif h.is_title_shaped(text):
            self.title_lines = [text]
        else:
            self._prose(text)

    def _marks_the_title(self, text: str) -> bool:
        """ "附件2  某区2026年X任务分解表" as the first line of a list sent as an attachment: the marker
        and, beside it, the list's own title. Only before any title, and only a complete title."""
        found = h.attachment_line(text)
        titled = bool(found and found[1] and not found[2])
        return titled and "title" not in self.headers and h.is_complete_title(found[1])

    def _signed(self, text: str) -> bool:
        """An organ's name under the notice is its 落款; above any title it begins the title."""
        if "title" not in self.headers and not self.prose_after_title:
            return False
        self._add("signatory" if "signatory" not in self.headers else "preamble", text)
        return True

    def _prose(self, text: str) -> None:
        self._add("preamble", text)
        if "title" in self.headers and h.is_prose(text):
            self.prose_after_title = True
        if self.notice_closed and h.is_prose(text):
            self.prose_after_close = True
        name = h.named_in_sentence(text)
        if name:
            self.sent_names.append(name)
        reported = h.reported_in_sentence(text)
        if reported:
            self.reported_names.append(reported)

    def _addressee_begun(self) -> str:
        """主送 set on two lines: "各镇人民政府、街道办事处，区政府各部门，" / "有关单位："."""
        lines = self.headers.get("preamble", "").split("\n")
        if not self.just_read_preamble or not lines[-1].endswith(("，", "、", ",")):
            return ""
        begun = lines.pop()
        if lines:
            self.headers["preamble"] = "\n".join(lines)
        else:
            del self.headers["preamble"]
        return begun

    def _may_address(self, text: str) -> bool:
        """主送 stands under the notice's title, before its first sentence; lines the importer does not
        know above it (a web page's) do not hide it. A plan's own title has none: "主要目标：" under
        "某街道2024年工作要点" is a heading of its introduction."""
        title = self.headers.get("title")
        return (
            "addressee" not in self.headers
            and (title is None or h.is_addressed(title))
            and "plan_title" not in self.headers
            and not self.prose_after_title
            and not self.notice_closed
            and h.is_addressee(text)
        )

    def _awaits_value(self, text: str) -> bool:
        """A portal's metadata copied one cell a line: "文　　号：" on its own line, its value on the
        next ("沅府办发〔2020〕9号"). The value belongs to the label, not to the document's own lines."""
        if not (self.index and not self.index[-1][1] and self.last_was_index):
            return False
        if self.index[-1][0] in h.DOC_NUMBER_LABELS:
            return h.is_doc_number(text)  # an empty 文号 row leaves the title under it alone
        return not h.is_prose(text) and len(text.strip(h.SPACES)) <= h.MAX_INDEX_VALUE

    def add_index(self, entries: list[tuple[str, str]]) -> None:
        self.end_title()
        self.index.extend(entries)
        self.headers["index"] = "\n".join(f"{label}：{value}" for label, value in self.index)

    def _add(self, kind: str, text: str) -> None:
        before = self.headers.get(kind, "")
        if kind == "doc_number" and h.squeeze(text) in {h.squeeze(line) for line in before.split("\n")}:
            return  # the 文号 of the page's 版头 and of the notice under it: one number
        self.headers[kind] = f"{before}\n{text}" if before else text

    # --- titles --------------------------------------------------------------------------------

    def _continues_title(self, text: str) -> bool:
        """A title set on two or three lines goes on while it has not yet said what kind of document
        it is ("某街道2024年" / "工作要点"), or with a tail ("…工作要点" / "的通知"); across a blank line
        only to end there. Never into a sentence."""
        if self.title_lines and h.BATCH_NOTE_RE.match(text.strip(h.SPACES)):
            return True  # "领导批示件办理单" / "（2024年第3批）": the batch its forms are of
        if not self.title_lines or not h.is_title_shaped(text):
            return False
        current = "".join(self.title_lines)
        if len(current) + len(text) > h.MAX_TITLE:
            return False
        if h.is_title_tail(text):
            return True
        if h.TITLE_END_RE.search(current) or text.startswith("关于") and not h.is_organ_line(current):
            return False  # only the issuing organ stands before "关于"
        if h.is_organ_line(current) and _names_own_place(current, text):
            return False  # "宁江区创建办" over "宁江区2025年…分工": the office issues it; its title is whole
        return h.is_complete_title(text) if self.blank_since else True

    def end_title(self) -> None:
        if not self.title_lines:
            return
        lines, self.title_lines = self.title_lines, []
        headers = self.headers
        opens_own = len(lines) > 1 and (lines[1].startswith("关于") or h.is_kind_alone(lines[1]))
        if opens_own and h.is_organ_line(lines[0]) and "title" not in headers and self._sender_line(lines[0]):
            # "某县委办公室" over "关于落实…的通知", or over the kind of paper alone ("督 办 单"): the
            # notice's title begins with its organ, the plan's name (when the notice sends none) does not.
            self.title_organ = lines[0]
        if len(lines) > 1 and h.is_organ_line(lines[0]) and h.FORM_NAME_RE.search("".join(lines[1:])):
            self.title_organ = lines[0]  # "某区政府办公室" over "领导批示件办理单": the forms' masthead
        text = "".join(lines)
        complete = h.is_complete_title(text) or h.is_kind_alone(lines[-1])
        if not complete and h.is_organ_line(text) and "title" not in headers:
            self._add("issuer", text)
        elif not complete and "title" in headers and self._repeats_sent_name(text) and self._is_plan_title(text):
            headers["plan_title"] = text  # "关于印发X的通知" … "X", whatever X's last word ("…重点任务及分工")
        elif not complete:
            self.weak_titles.append(text)
            self._add("preamble", text)
        elif "title" not in headers:
            headers["title"] = text
        elif self._is_plan_title(text):
            headers["plan_title"] = text
        elif _under_masthead(headers["title"], text):
            # "南湖区人民政府" / "专题会议纪要" is the 纪要's masthead; "关于…的专题会议纪要" its own title.
            self._add("preamble", headers["title"])
            headers["title"] = text
        else:
            self._add("preamble", text)

    def _sender_line(self, organ: str) -> bool:
        """Whether ``organ``, a line over "关于…", is the sender's name rather than the title's first words.
        Under a "某某文件" 版头 and its 文号 the line is the title's first, 发文机关 + 关于… + 文种, and the
        plan's name keeps it; under a 版头 that is the organ's name alone, the line repeats that name, and is
        the sender as it is at the paper's top."""
        if "doc_number" not in self.headers:
            return True
        return h.squeeze(organ) in {h.squeeze(line) for line in self.headers.get("issuer", "").split("\n")}

    def _repeats_sent_name(self, text: str) -> bool:
        """``text`` is, word for word, what the notice's title says it sends ("关于印发X的通知" … "X")."""
        return h.squeeze(text) == h.sent_name(self.headers["title"], any_kind=True)

    def _is_plan_title(self, text: str) -> bool:
        """The plan's own title line follows the notice that sends it (after its 主送 and sentences,
        or its 落款 and date) and comes before the plan's introduction."""
        headers = self.headers
        return (
            "plan_title" not in headers
            and h.is_sending(headers["title"])
            and ("addressee" in headers or self.prose_after_title or self.notice_closed)
            and not self.prose_after_close
            and len(h.squeeze(text)) >= MIN_PLAN_TITLE
            and h.squeeze(text) != h.squeeze(headers["title"])
        )

    # --- the attachment list and the 落款 after it ----------------------------------------------

    def _list_line(self, text: str, following: list[str], in_body: bool) -> bool:
        if not in_body and self._marks_the_title(text):
            return False  # the list's own title, beside its marker: ``front`` reads it
        found = h.attachment_line(text)
        if found and found[1] and self._lists(text, following, in_body):
            self._add("attachment", text)
            number, title, _colon = found
            self._listed(title)
            return True
        if found and not found[1] and found[2] and not self.attachments:
            self._add("attachment", text)  # "附件：" alone, its entries below
            self.in_list, self.list_open, self.list_number, self.closing = True, True, None, True
            return True
        if self.in_list and self._continues_list(text):
            self._add("attachment", text)
            self._listed(text)
            return True
        self.in_list = self.list_open = False
        return False

    def _lists(self, text: str, following: list[str], in_body: bool) -> bool:
        """ "附件1：X" lists an attachment (rather than starting it) while the list is being read, where
        the list's next line or a 落款 follows, or before the plan has begun and nothing was listed."""
        if self.in_list:
            return True
        after = following[0] if following else ""
        if h.attachment_line(after) or _closes(after) or _next_entry(text, after):
            return True
        return not self.attachments and not in_body

    def _listed(self, title: str) -> None:
        name = h.attachment_entry(title)
        number = numbered(title)
        self.list_number = number if number and number.rest else None
        self.attachments.append(name)
        self.in_list, self.list_open, self.closing = True, False, True

    def _continues_list(self, text: str) -> bool:
        number = numbered(text)
        if number is None or len(text) > h.MAX_TITLE_LINE or h.has_sentence(text):
            return False
        if self.list_open:
            return number.value == 1
        previous = self.list_number
        return previous is not None and number.style == previous.style and number.value == previous.value + 1

    def _closing_line(self, text: str, following: list[str], in_body: bool) -> bool:
        """The 落款, date and 公开方式 under a notice's attachment list; in the plan, an organ's name
        and a date that close it where a new part follows (the notice was written in items)."""
        kind = _closing_kind(text)
        if not kind:
            self.closing = False
            return False
        if not self.closing and not (in_body and _closes_here(text, following)):
            return False
        self._add(kind if kind not in self.headers or kind == "publicity" else "preamble", text)
        self.closing = True
        self.notice_closed = self.notice_closed or kind in ("date", "publicity")
        return True

    def _names_attachment(self, text: str) -> bool:
        name = h.squeeze(text)
        return any(listed and name.endswith(h.squeeze(listed)) for listed in self.attachments)

    def _starts_plan(self, text: str) -> bool:
        return h.is_complete_title(text) and len(h.squeeze(text)) >= MIN_PLAN_TITLE

    # --- at the end ----------------------------------------------------------------------------

    def finish(self) -> str:
        """Settle the header fields and return the plan's name."""
        self.end_title()
        name = self.plan_name()
        self._title_from_weak()
        return name

    def _title_from_weak(self) -> None:
        """With no line that ends as a title does, the first that looked like one is the title."""
        if "title" in self.headers or not self.weak_titles:
            return
        lines = self.headers["preamble"].split("\n")
        lines.remove(self.weak_titles[0])
        self.headers["title"] = self.weak_titles[0]
        if lines:
            self.headers["preamble"] = "\n".join(lines)
        else:
            del self.headers["preamble"]

    def plan_name(self) -> str:
        """The plan's own title line, else what the notice says it sends, else the title, else the
        portal's 标题 row, else the plan a news report says was issued, else the first line that looked
        like a title."""
        headers = self.headers
        title = headers.get("title", "")
        indexed = next((value for label, value in self.index if label in h.TITLE_LABELS and value), "")
        candidates = [
            PART_NUMBER_RE.sub("", headers.get("plan_title", "")),
            # A 转发 notice with opinions of its own is the plan: its own title names it.
            title.removeprefix(self.title_organ) if self.forwards_own_plan else "",
            h.sent_name(title),
            *self.sent_names,
            title.removeprefix(self.title_organ),
            h.sent_name(indexed),
            indexed,
            *self.reported_names,
            *self.weak_titles,
        ]
        return FORM_LABEL_RE.sub("", next((candidate for candidate in candidates if candidate), ""))

    def year(self) -> int | None:
        return self.year_written()[0]

    def _dated_after(self, title: str) -> int | None:
        """A title naming the year a review looked at (see ``REVIEWED_YEAR_RE``): the year the paper is
        dated, if later; None otherwise."""
        found = REVIEWED_YEAR_RE.search(title)
        if not found:
            return None
        return _later_year(int(found.group(1)), self.headers.get("doc_number", ""), self.headers.get("date", ""))

    def year_written(self, deadline_years: Iterable[int] = ()) -> tuple[int | None, str]:
        """The plan's year and where it is written: its title's, or the name a news report gives it; a
        title without one ("关于落实…会议部署事项的通知") is of the year its 文号 ("〔2025〕") or, failing
        that, its date names; with none of those, the year most of its deadlines written with their
        year name (``deadline_years``: a 整改清单 titled without one, due "2024年6月30日前")."""
        titles = (self.headers.get("plan_title", ""), self.headers.get("title", ""), *self.title_lines)
        for text in (*titles, *self.reported_names):
            found = YEAR_RE.search(in_digits(text))
            if found:
                dated = self._dated_after(text)
                return (dated, "reviewed") if dated else (int(found.group(1)), "title")
        found = DOC_NUMBER_YEAR_RE.search(self.headers.get("doc_number", ""))
        if found:
            return int(found.group(1)), "doc_number"
        # The date under the title, or the one beside the office that printed it ("某县人民政府办公室
        # 2025年6月18日" under a 纪要's masthead).
        date, printed = in_digits(self.headers.get("date", "")), in_digits(self.headers.get("printed", ""))
        found = YEAR_RE.search(date) or YEAR_RE.search(printed)
        if found:
            return int(found.group(1)), "date"
        return _most_named(deadline_years)


def _most_named(years: Iterable[int]) -> tuple[int | None, str]:
    """The year most of ``years`` are, the earliest of those named as often; none of no years."""
    counts = Counter(years)
    if not counts:
        return None, ""
    return min(counts, key=lambda year: (-counts[year], year)), "deadlines"


def in_digits(text: str) -> str:
    """``text`` with its years written in characters in digits ("二〇二四年" → "2024年")."""
    return CHARACTER_YEAR_RE.sub(lambda found: found.group(0).translate(CHARACTER_DIGITS), text)


def _later_year(reviewed: int, doc_number: str, date: str) -> int | None:
    """The year the 文号 or, failing it, the date names, where it is after the year reviewed."""
    found = DOC_NUMBER_YEAR_RE.search(doc_number) or YEAR_RE.search(date)
    return int(found.group(1)) if found and int(found.group(1)) > reviewed else None


def _under_masthead(title: str, text: str) -> bool:
    """``title`` is a masthead (an organ and the kind of paper, "南湖区人民政府专题会议纪要", no year) and
    ``text`` the paper's own title under it, of the same kind: "关于…" ("关于2026年…的专题会议纪要"),
    dated ("某镇2025年第5次镇长办公会议纪要"), or the masthead's words with the meeting's own between
    them ("某县人民政府第12次常务会议纪要")."""
    title, text = h.squeeze(title), h.squeeze(text)
    return (
        not title.startswith("关于")
        and (text.startswith("关于") or YEAR_RE.search(text) is not None or _widens(title, text))
        and not YEAR_RE.search(title)
        and len(title) >= 4
        and text.endswith(title[-2:])
    )


# The place an organ's name opens with: "宁江区", "滨海新区", "松江县", "城西镇".
PLACE_RE = re.compile(r"[\u4e00-\u9fff]{1,5}?[省市区县镇乡]")


def _names_own_place(organ: str, title: str) -> bool:
    """``title`` opens with the place ``organ`` opens with ("宁江区…办公室" / "宁江区2025年…"): a title of its
    own, not the rest of the organ's. Not one that opens with a year ("2025年工作要点"), which goes on it."""
    organ, title = h.squeeze(organ), h.squeeze(title)
    place = PLACE_RE.match(organ)
    return bool(place) and len(organ) > place.end() and title.startswith(place.group(0))


def _widens(words: str, text: str) -> bool:
    """``text`` is ``words`` with more words between theirs, each of ``words`` in order."""
    rest = iter(text)
    return len(text) > len(words) and all(char in rest for char in words)


def _closing_kind(text: str) -> str | None:
    if h.is_date_only(text):
        return "date"
    if h.is_publicity(text):
        return "publicity"
    if h.is_organ_line(text):
        return "signatory"
    return None


def _closes(text: str) -> bool:
    return _closing_kind(text) is not None


def _next_entry(text: str, after: str) -> bool:
    """ "附件：1. 甲表" over "2. 乙表"."""
    found = h.attachment_line(text)
    first, second = numbered(found[1]) if found else None, numbered(after)
    return bool(first and second and first.style == second.style and second.value == first.value + 1)


def _starts_afresh(following: list[str]) -> bool:
    """What follows an attachment's heading: a table, its title, or numbers from the first."""
    for text in following[:2]:
        number = numbered(text)
        if text == TABLE_AHEAD or number and number.value == 1:
            return True
        if not h.is_title_shaped(text):
            return False
    return False


def _closes_here(text: str, following: list[str]) -> bool:
    """An organ's name over a date, or a date, followed by the end, an attachment, a table or a new
    title: the notice ends here. (A date or a unit alone inside a plan is a cell of a flattened table.)"""
    rest = list(following)
    if _closing_kind(text) == "signatory":
        if not rest or not h.is_date_only(rest[0]):
            return False
        rest = rest[1:]
    elif not h.is_date_only(text):
        return False
    while rest and h.is_publicity(rest[0]):
        rest = rest[1:]
    return not rest or rest[0] == TABLE_AHEAD or h.attachment_line(rest[0]) is not None or h.is_complete_title(rest[0])
