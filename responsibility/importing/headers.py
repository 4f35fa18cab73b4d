"""The parts of an official document that are not its work: 文号, 主送机关, 落款, dates, 公开方式, index data.

They are kept, apart from the items, so that nothing of the source is lost and the plan still says
where it came from. Each function here looks at one line (or one table) and says what it is; the
order the lines come in is ``frame.py``'s business.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

from .numbering import match as numbered

# Stable keys (for JSON and code) and how a page names them.
HEADER_LABELS = {
    "title": _("标题"),
    "plan_title": _("工作要点标题"),
    "doc_number": _("文号"),
    "issuer": _("发文机关"),
    "addressee": _("主送机关"),
    "preamble": _("导语"),
    "signatory": _("落款"),
    "date": _("成文日期"),
    "publicity": _("公开方式"),
    "copy_to": _("抄送"),
    "printed": _("印发"),
    "attachment": _("附件"),
    "index": _("索引信息"),
}

SPACES = " \t\u3000\xa0"
DOC_NUMBER_RE = re.compile(
    r"^[\u4e00-\u9fa5A-Za-z]{1,20}\s*[〔\[［【(（﹝〖]\s*\d{4}\s*[〕\]］】)）﹞〗]\s*第?\s*\d{1,4}\s*号$"
)
PUBLICITY_RE = re.compile(r"^[（(【\[]?\s*此件(?:公开发布|依申请公开|不予公开|不公开|主动公开)\s*[)）】\]]?$")
CN_DATE = r"[〇零一二三四五六七八九十]"
_PART = rf"(?:\d{{1,2}}|{CN_DATE}{{1,3}})"
_YEAR_MONTH = rf"(?:\d{{4}}|{CN_DATE}{{4}})\s*年\s*{_PART}\s*月"
DATE_ONLY_RE = re.compile(rf"^{_YEAR_MONTH}\s*{_PART}\s*日$")
# The date a paper is signed or sent out on, in figures or words ("2026年3月15日", "二〇二六年三月十五日"), or its
# month only ("2026年3月"), as a 落款 dates it; "…印发" as the 印发 line does. No 前 or 底: no day to finish by.
SIGNING_DATE_RE = re.compile(rf"^{_YEAR_MONTH}(?:\s*{_PART}\s*日)?\s*(?:印发|发布|签发|制发)?$")
PRINTED_RE = re.compile(r"^.{2,40}\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$")
COPY_TO_RE = re.compile(r"^抄\s*(?:送|报)\s*[：:]")
# The lines a 责任书 or an agreement is signed on, one party or two side by side: "甲方（盖章）：某局　　乙方
# （盖章）：某镇", "负责人（签字）：". Each field a name, the act in brackets, a colon and what is signed; or
# the party named first and the act after it ("甲方：某镇人民政府（盖章）"); or the place a person signs,
# left blank ("负责人：", "法定代表人："), which a label of a task never is at a paper's end.
_SEAL = r"[（(]\s*(?:盖章|签字|签章|签名|公章|签字盖章)\s*[）)]"
_SIGNING_FIELD = (
    rf"(?:[\u4e00-\u9fff]{{0,10}}{_SEAL}\s*[：:][^：:（(\s\u3000]*"
    rf"|[\u4e00-\u9fff]{{1,10}}[：:]\s*[^：:（(\s\u3000]{{2,30}}{_SEAL}"
    r"|[\u4e00-\u9fff]{0,6}(?:负责人|代表人|代理人|签约人|承诺人|代表)[：:])"
)
SIGNING_RE = re.compile(rf"^{_SIGNING_FIELD}(?:[\s\u3000]+{_SIGNING_FIELD})*$")
# A 纪要's or a 简报's masthead: its serial ("〔2025〕第5期", "第12期") and the line of the office that
# prints it and the date, set apart by spaces ("某镇党政办公室　　　2025年4月18日") or one full-width space, as a
# web page's byline under its title ("某区退役军人事务局（区双拥办）　2026年1月20日"); a PDF's text may run the
# two together, the date then a whole one at the line's end.
SERIAL_RE = re.compile(r"^[\u4e00-\u9fa5]{0,20}\s*(?:[〔\[［【(（﹝]\s*\d{4}\s*[〕\]］】)）﹞]\s*)?第\s*\d{1,4}\s*期$")
DATED_ORGAN_RE = re.compile(r"^(?P<organ>\S{2,40}?)(?:\t|\u3000|[ \xa0]{2,})[ \t\u3000\xa0]*(?P<date>\S.*)$")
RUN_ON_DATE_RE = re.compile(rf"(?<=[^\d{CN_DATE[1:-1]}])(?P<date>{_YEAR_MONTH}\s*{_PART}\s*日)$")
# The short name an office is also known by, after its name ("区退役军人事务局（区双拥办）").
ORGAN_ALIAS_RE = re.compile(r"[（(][\u4e00-\u9fff]{2,12}[）)]$")
ORGAN_SUFFIXES = (
    "办事处",
    "人民政府",
    "委员会",
    "工作委员会",
    "党工委",
    "办公室",
    "街道",
    "局",
    "委",
    "办",
    "政府",
    "镇",
    "乡",
    "中心",
    "小组",  # 领导小组, 协调小组, 工作小组: a group set up across units, which issues papers in its own name
    "督查室",  # 政府督查室, which sends 督办单
)
_PUNCTUATION = set('。，、；：！？,.;:!?“”"')
FILE_HEAD_RE = re.compile(r"^.{2,40}文件$")
# How a paper is to be kept, printed at the top of its first page or of every page: "内部资料　注意保存",
# "秘密★1年", "内部参阅". Alone on its line, or set apart beside the organ that prints it ("某局　　　内部资料").
_SECRET = r"(?:绝密|机密|秘密)(?:[ \u3000]*★[ \u3000]*[\d一二三四五六七八九十]{1,2}[ \u3000]*年)?"
MARKING_RE = re.compile(rf"(?:内部资料|内部参阅|内部文件|注意保存|妥善保管|{_SECRET})+")
_SET_APART = re.compile(r"\t+|\u3000+|[ \xa0]{2,}")


def is_doc_number(text: str) -> bool:
    return bool(DOC_NUMBER_RE.match(text.strip(SPACES)))


# Who signed a paper sent upward (上行文), set apart on its 文号's line: "东政报〔2025〕12号　　签发人：王某".
SIGNER_RE = re.compile(r"[ \t\u3000\xa0]*签发人\s*[：:]\s*[\u4e00-\u9fff·]{2,4}(?:[、，,\s]+[\u4e00-\u9fff·]{2,4})*$")


def without_signer(text: str) -> str:
    """A 文号's line without the 签发人 beside it ("X政报〔2025〕12号　　签发人：王某" → the 文号); any other line
    as it is."""
    number = SIGNER_RE.sub("", text.strip(SPACES))
    return number if number != text.strip(SPACES) and is_doc_number(number) else text


def is_marking(text: str) -> bool:
    """A line of the paper's keeping marks ("内部资料　注意保存"), with at most the organ's name set apart
    beside them: a mark of the copy, no word of the title under it. "保守国家秘密" says something."""
    parts = [part for part in _SET_APART.split(text.strip(SPACES)) if part.strip(SPACES)]
    marks = [part for part in parts if MARKING_RE.fullmatch(part.strip(SPACES))]
    return bool(marks) and all(part in marks or is_organ_line(part) for part in parts)


def is_publicity(text: str) -> bool:
    return bool(PUBLICITY_RE.match(text.strip(SPACES)))


def is_date_only(text: str) -> bool:
    return bool(DATE_ONLY_RE.match(text.strip(SPACES)))


def is_signing_date(text: str) -> bool:
    """The day (or month) a paper was signed or sent out, alone: see ``SIGNING_DATE_RE``."""
    return bool(SIGNING_DATE_RE.match(text.strip(SPACES)))


def is_signing_day(text: str) -> bool:
    """``is_signing_date`` with its day: a whole day alone names when the paper was signed, never a deadline,
    whoever stands beside it."""
    found = SIGNING_DATE_RE.match(text.strip(SPACES))
    return bool(found and "日" in found.group(0))


def is_organ_line(text: str) -> bool:
    """A signature line: an organ's name alone, as under a document ("回兴街道办事处")."""
    text = text.strip(SPACES)
    return 2 <= len(text) <= 40 and not _PUNCTUATION & set(text) and text.endswith(ORGAN_SUFFIXES)


def is_addressee(text: str) -> bool:
    """主送机关: "区政府：", "各社区、各内设机构：" – short, ends with a colon, says nothing else."""
    text = text.strip(SPACES)
    return (
        2 <= len(text) <= 60
        and text.endswith(("：", ":"))
        and "如下" not in text
        and "。" not in text
        and not index_entries(text)
        and not is_chrome(text)
    )


def is_prose(text: str) -> bool:
    """A sentence of the notice or of the plan's introduction, not a line of its frame."""
    return bool(re.search(r"[。！？!?]|[；;]$", text))


# --- index data (the portal's 信息公开 block) ------------------------------------------------------

INDEX_LABELS = (
    "索引号",
    "信息索引",
    "信息索引号",
    "内容分类",
    "所属主题",
    "发文机构",
    "发布单位",
    "成文时间",
    "发文时间",
    "公开日期",
    "公开属性",
    "公开形式",
    "文件类型",
    "发布文号",
    "效力状态",
    "文件状态",
    "主题分类",
    "主题词",
    "发布机构",
    "发文机关",
    "发文单位",
    "成文日期",
    "发文日期",
    "发布日期",
    "印发日期",
    "发文字号",
    "文件编号",
    "文号",
    "有效性",
    "时效性",
    "生效日期",
    "失效日期",
    "废止日期",
    "体裁分类",
    "公文种类",
    "组配分类",
    "服务对象",
    "公开方式",
    "公开范围",
    "公开时限",
    "信息分类",
    "关键词",
    "标题",
    "名称",
    "生成日期",
    "是否有效",
    # A 发文稿纸's own labels, on its 文件编号 line ("文件编号：…〔2024〕9号    密级：无    缓急：平件").
    "密级",
    "缓急",
    "紧急程度",
)
# The portal's labels are drawn with spaces to line them up: "文  号：", "索 引 号".
_SPACED = "|".join("[ \u3000]*".join(label) for label in sorted(INDEX_LABELS, key=len, reverse=True))
INDEX_LABEL_RE = re.compile(rf"({_SPACED})[ \u3000]*(?:[：:]|\t+)")
DOC_NUMBER_LABELS = ("文号", "发文字号", "文件编号", "发布文号")
TITLE_LABELS = ("标题", "名称")
MAX_INDEX_VALUE = 60  # characters: a value on the line under its label is a number, a name, a date


def squeeze(text: str) -> str:
    return re.sub(rf"[{SPACES}]+", "", text)


def index_entries(text: str) -> list[tuple[str, str]]:
    """ "索引号：1150/2024-01　主题分类：综合政务" → [("索引号", "1150/2024-01"), ("主题分类", "综合政务")];
    [] when the line is not made of such pairs. Each value runs up to the next label. A page copied
    from the browser keeps its non-breaking spaces ("文\xa0\xa0\xa0\xa0号：\xa0…"): spaces as any other."""
    text = text.replace("\xa0", " ").strip(SPACES)
    marks = list(INDEX_LABEL_RE.finditer(text))
    if not marks or marks[0].start() != 0:
        return _spaced_entries(text)
    ends = [mark.start() for mark in marks[1:]] + [len(text)]
    pairs = zip(marks, ends, strict=True)
    return [(squeeze(mark.group(1)), text[mark.end() : end].strip(SPACES)) for mark, end in pairs]


# "标签：值" pairs set apart by wide spaces or tabs, as a portal lines up its metadata on one line.
_SPACED_SEPARATOR = re.compile(r"[ \u3000\xa0]{2,}|[\t\u3000]+")
_SPACED_PAIR = re.compile(r"^([^\s：:，,。；;]{1,8})[ \u3000]*[：:][ \u3000]*(.*)$")


def _spaced_entries(text: str) -> list[tuple[str, str]]:
    """ "信息编码：11410305/2021-00087　　文号：某发〔2021〕3号　　发布机构：某局": pairs whose first label we
    do not know, on a line where at least two others are the portal's own. A line of a plan's labels
    ("牵头领导：…　　责任单位：…") is not index data."""
    from .fields import LABELS as ASSIGNMENT_LABELS

    parts = [part for part in _SPACED_SEPARATOR.split(text) if part.strip(SPACES)]
    pairs = [_SPACED_PAIR.match(part.strip(SPACES)) for part in parts]
    if len(pairs) < 3 or not all(pairs):
        return []
    labels = [squeeze(pair.group(1)) for pair in pairs]
    if sum(label in INDEX_LABELS for label in labels) < 2 or any(label in ASSIGNMENT_LABELS for label in labels):
        return []
    return [(label, pair.group(2).strip(SPACES)) for label, pair in zip(labels, pairs, strict=True)]


def index_table_entries(rows: list[list[str]]) -> list[tuple[str, str]]:
    """A metadata table, as Word or a portal draws it: label and value cells side by side
    (| 索引号 | … | 主题分类 | … |), or cells that each hold "label：value". [] if any cell is neither."""
    entries: list[tuple[str, str]] = []
    for row in rows:
        cells = [cell.strip(SPACES) for cell in row]
        index = 0
        while index < len(cells):
            cell, label = cells[index], _bare_label(cells[index])
            following = cells[index + 1] if index + 1 < len(cells) else ""
            if label and not _bare_label(following):
                entries.append((label, following))
                index += 2
            elif label:
                entries.append((label, ""))
                index += 1
            elif index_entries(cell) or not cell:
                entries.extend(index_entries(cell))
                index += 1
            else:
                return []
    return entries


def doc_number_of(headers: dict[str, str]) -> str:
    """The document's 文号: its own line (or the office's correction), else the portal's 文号 row."""
    if "doc_number" in headers:
        return headers["doc_number"]
    for line in headers.get("index", "").split("\n"):
        for label, value in index_entries(line):
            if label in DOC_NUMBER_LABELS and value:
                return value
    return ""


def _bare_label(cell: str) -> str:
    label = squeeze(cell).rstrip("：:")
    return label if label in INDEX_LABELS else ""


# --- the web page around a copied notice --------------------------------------------------------

CHROME_LABELS = (
    "来源",
    "信息来源",
    "文章来源",
    "稿件来源",
    "浏览次数",
    "浏览量",
    "阅读次数",
    "阅读量",
    "点击数",
    "点击量",
    "点击次数",
    "访问量",
    "访问次数",
    "发布时间",
    "更新时间",
    "发稿时间",
    "作者",
    "编辑",
    "责任编辑",
    "审核",
    "审核人",
    "上一篇",
    "下一篇",
    "相关链接",
    "相关文章",
)
CHROME_WORDS = (
    "打印本页",
    "打印此页",
    "打印文章",
    "打印",
    "关闭窗口",
    "关闭本页",
    "关闭",
    "收藏本页",
    "收藏",
    "分享到",
    "分享",
    "我要纠错",
    "纠错",
    "返回顶部",
    "返回",
    "视力保护色",
    "扫一扫在手机打开当前页",
    "扫一扫",
)
_CHROME_LABEL = "|".join(sorted(CHROME_LABELS, key=len, reverse=True))
_STAMP = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?(?:[ \u3000]+\d{1,2}:\d{2}(?::\d{2})?)?"
CHROME_PAIR_RE = re.compile(rf"(?:{_CHROME_LABEL})[ \u3000]*[：:][ \u3000]*(?:{_STAMP}|[^\s\u3000【】\[\]|｜]*)")
_SIZE = r"[ \u3000]*[【\[]?{}[】\]]?"
FONT_SIZE_RE = re.compile(r"(?:字体|字号)[ \u3000]*[：:]?" + "".join(_SIZE.format(size) for size in "大中小"))
CHROME_WORD_RE = re.compile("|".join(sorted(CHROME_WORDS, key=len, reverse=True)))
BREADCRUMB_RE = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|您所在的位置|所在位置)[ \u3000]*[：:]|^首页[ \u3000]*[>›»＞]"
)
CHROME_SEPARATORS = SPACES + "【】[]|｜/／·•:："
# The site's own name over the page: "某区人民政府门户网站", "某市政务服务网".
SITE_NAME_RE = re.compile(r"^[^。，；：,;:！？]{2,30}(?:网站|门户|门户网|政府网|政务网|信息网|公开网|服务网)$")


# The page's foot under the notice: who runs the site and its registrations. Some of its labels are
# also a plan's ("主办单位：区文明办" under an item), so they count only on a line that carries one of
# the site's own marks (网站标识码, ICP备案号, 版权所有 …), or next to such a line (``frame.py``).
_SITE_WORDS = (
    "网站地图|站点地图|联系我们|关于我们|网站声明|隐私声明|免责声明|法律声明|使用帮助|政府网站找错|无障碍浏览|长者模式"
)
FOOTER_MARK_RE = re.compile(
    rf"网站标识码|ICP\s*备|公网安备|版权所有|技术支持|Copyright|©|\(c\)|{_SITE_WORDS}",
    re.IGNORECASE,
)
FOOTER_LABELS = (
    "网站标识码", "ICP备案号", "ICP备案", "ICP备", "备案号", "公安备案号", "公网安备", "版权所有", "技术支持",
    "主办单位", "承办单位", "协办单位", "主办", "承办", "协办", "维护单位", "运维单位", "网站运维", "联系电话",
    "电话", "传真", "邮编", "邮政编码", "地址", "通讯地址", "联系地址", "电子邮箱", "邮箱", "Email", "E-mail",
)  # fmt: skip
_FOOTER_LABEL = "|".join(re.escape(label) for label in sorted(FOOTER_LABELS, key=len, reverse=True))
FOOTER_PAIR_RE = re.compile(rf"(?:{_FOOTER_LABEL})[ \u3000]*[：:][ \u3000]*[^\s\u3000【】\[\]|｜]*", re.IGNORECASE)
FOOTER_WORD_RE = re.compile(
    # The two registrations take a whole run of non-spaces, so they start only where one does (linear on a long run).
    r"(?:Copyright|©|\(c\))[^\u3000]*?(?=[ \u3000]{2,}|$)|(?<![^\s\u3000])[^\s\u3000]*公网安备[^\s\u3000]*|"
    rf"(?<![^\s\u3000])[^\s\u3000]*ICP\s*备[^\s\u3000]*|{_SITE_WORDS}|版权所有(?=[\s\u3000©]|$)|"
    r"(?:建议|推荐)(?:使用)?[^\s\u3000。]{0,30}(?:浏览器|分辨率)[^\s\u3000。]{0,30}",
    re.IGNORECASE,
)


def is_chrome(text: str) -> bool:
    """A line of the portal page the notice was copied from: 来源, 浏览次数, 发布时间, 【字体：大 中 小】,
    打印本页, 当前位置 …, in any mix; or of the page's foot (主办单位, 网站标识码, ICP备案号, 版权所有 …).
    Such a line says nothing about the plan."""
    text = text.strip(SPACES)
    if not text:
        return False
    if BREADCRUMB_RE.match(text) or SITE_NAME_RE.match(text):
        return True
    rest = FONT_SIZE_RE.sub(" ", CHROME_PAIR_RE.sub(" ", text))
    rest = CHROME_WORD_RE.sub(" ", rest)
    if FOOTER_MARK_RE.search(text):
        rest = FOOTER_WORD_RE.sub(" ", FOOTER_PAIR_RE.sub(" ", rest))
    return not rest.strip(CHROME_SEPARATORS) and rest != text


def is_site_foot(text: str) -> bool:
    """A line of the page's foot that carries one of the site's own marks (网站标识码, ICP备 …)."""
    return is_chrome(text) and bool(FOOTER_MARK_RE.search(text))


def is_footer_shaped(text: str) -> bool:
    """A line made of nothing but the foot's pairs and words ("主办单位：…　承办单位：…", "地址：…
    邮编：…"), without a mark of its own: the page's foot when it stands next to a line that has one."""
    text = text.strip(SPACES)
    rest = CHROME_WORD_RE.sub(" ", FOOTER_WORD_RE.sub(" ", FOOTER_PAIR_RE.sub(" ", text)))
    return bool(text) and not rest.strip(CHROME_SEPARATORS) and rest != text


# --- titles ----------------------------------------------------------------------------------------

# A title ends with the kind of document it is (发文机关 + 事由 + 文种): the notice's 通知, the
# plan's 要点/方案/计划/清单/分解表 … An edition in brackets may follow: "（试行）", "（征求意见稿）".
DOC_KINDS = (
    "通知|通报|报告|请示|批复|意见|函|决定|决议|公告|通告|纪要|要点|方案|计划|规划|安排|清单|细则|办法"
    "|规定|措施|任务|目标|指标|体系|表|台账|总结|部署|交办单|督办单|任务单|讲话|致辞|讲话提纲|发言提纲"
    "|办理单|转办单|批办单|通知单"
)
TITLE_END_RE = re.compile(rf"(?:{DOC_KINDS})(?:[（(][^（）()]{{1,16}}[）)])?$")
# The name of a form handed out in batches, under the office that hands it out ("南湖区人民政府办公室" / "领导批示件
# 办理单", "某市人民政府督查室" / "督办通知单"): the office's line is its masthead, no part of its name.
FORM_NAME_RE = re.compile(r"(?:交办单|督办单|任务单|办理单|转办单|批办单|通知单)(?:[（(][^（）()]{1,16}[）)])?$")
# Which batch of such forms a paper holds, on its own line under their name: "（2024年第3批）".
BATCH_NOTE_RE = re.compile(r"^[（(](?:\d{4}\s*年\s*)?第\s*[\d一二三四五六七八九十]+\s*批(?:次)?[）)]$")
# A notice that sends a document down, or a 报告 or 请示 that submits one named in 《》 upward ("关于报送《X》的
# 报告"): either carries the plan after it. Not any 报告 (a 工作报告 is its own text).
_SUBMITS = r"(?:报送|呈报|上报|呈送)"
# What a submitted document's name must not end with: a report of work done ("报送《…整改落实情况》的报告") is no plan.
_DONE_WORK = r"(?<!情况)(?<!总结)(?<!报告)(?<!汇报)"
SENDING_RE = re.compile(rf"(?:通知|函|通报|决定|批复)$|{_SUBMITS}《[^《》]{{4,100}}{_DONE_WORK}》的(?:报告|请示)$")
# The kinds of document written to someone (主送); a plan's own title (要点, 方案 …) has none.
ADDRESSED_RE = re.compile(r"(?:通知|函|通报|决定|批复|报告|请示|意见|纪要)$")
TITLE_BREAKS = set("。！？；：，,!?;:")
BRACKETED_LINE_RE = re.compile(r"^[（(【\[].*[）)】\]]$")
MAX_TITLE_LINE = 80
MAX_TITLE = 120


def is_title_shaped(text: str) -> bool:
    """A line that could be (part of) a title: short, no sentence punctuation, nothing else it could be."""
    text = text.strip(SPACES)
    return (
        2 <= len(text) <= MAX_TITLE_LINE
        and not TITLE_BREAKS & set(text)
        and not BRACKETED_LINE_RE.match(text)
        and not is_date_only(text)
        and leading_kind(text) is None
        and attachment_line(text) is None
        and not is_chrome(text)
        and numbered(text) is None
    )


def is_complete_title(text: str) -> bool:
    return is_title_shaped(text) and bool(TITLE_END_RE.search(text.strip(SPACES)))


def is_kind_alone(text: str) -> bool:
    """A title that is only the kind of paper, its letters often spaced out: "督 办 单", "通 知"."""
    return re.fullmatch(DOC_KINDS, squeeze(text)) is not None


def is_title_tail(text: str) -> bool:
    """The end of a title set on two lines: "…工作要点" / "的通知"."""
    return text.startswith(("的", "之")) and is_complete_title(text)


def is_addressed(title: str) -> bool:
    return bool(ADDRESSED_RE.search(title))


def is_sending(title: str) -> bool:
    """A notice that sends the plan ("关于印发…的通知"), not the plan itself."""
    return bool(SENDING_RE.search(title))


FORWARDING_RE = re.compile(r"转发[《“〈]")


def is_forwarding(title: str) -> bool:
    """A notice that forwards another office's document ("关于转发《市…的通知》的通知")."""
    return bool(FORWARDING_RE.search(title))


SENT_NAME_RE = re.compile(r"(?:印发|转发|下发|发布|公布|修订)?[《“〈](?P<name>[^》”〉]{4,100})[》”〉]")
BOOK_SENT_RE = re.compile(
    rf"(?:(?:印发|转发|下发|发布|公布)《(?P<name>[^《》]{{4,100}})》的(?:通知|函)"
    rf"|{_SUBMITS}《(?P<submitted>[^《》]{{4,100}}){_DONE_WORK}》的(?:报告|请示))$"
)
NOTICE_NAME_RE = re.compile(r"^(?:.*?关于)?(?:印发|转发|下发|发布|公布)?(?P<name>.+?)的(?:通知|函)$")
# "关于下达X清单的通知", "关于分解X任务的通知": the notice hands the list down or splits it, in its own body; its
# own title is the plan's, not the words after the verb.
ACTED_ON_RE = re.compile(r"下达|分解")
SENDS_RE = re.compile(r"现将[《“〈](?P<name>[^》”〉]{4,100})[》”〉](?:印发|转发|下发|发)")


def sent_name(title: str, any_kind: bool = False) -> str:
    """The plan a notice's title names: "关于印发《X》的通知" → X; "关于印发X的通知" → X where X ends as a
    document's name does, or whatever its last word with ``any_kind`` (asked of a line that repeats X: the
    plan's own title line, "…重点任务及分工"); else ""."""
    title = squeeze(title)
    if not is_sending(title):
        return ""
    booked = BOOK_SENT_RE.search(title)
    if booked:
        # 《》 after 印发 (or 报送) name a document, whatever its last word ("…任务分解")
        return booked.group("name") or booked.group("submitted")
    for found in (SENT_NAME_RE.search(title), NOTICE_NAME_RE.match(title)):
        name = found.group("name") if found else ""
        if name and (any_kind or _names_a_document(name)) and not ACTED_ON_RE.match(name):
            return name
    return ""


def names_several(title: str) -> bool:
    """ "关于印发《A》和《B》的通知" sends two documents."""
    return len(SENT_NAME_RE.findall(squeeze(title))) > 1


def named_in_sentence(text: str) -> str:
    """ "现将《X》印发给你们" → X: 《》 name a document, whatever its last word ("…重点任务及分工"); quotes only
    where X ends as a document's name does (“X工作方案”, not “法治宣传月”)."""
    found = SENDS_RE.search(squeeze(text))
    booked = found and found.group(0).startswith("现将《")
    return found.group("name") if found and (booked or _names_a_document(found.group("name"))) else ""


# A news report of the plan ("近日，某镇印发《X》。", "某局出台了《X》"): the verb of issuing before its name.
REPORTED_RE = re.compile(r"(?:印发|出台|发布|公布)了?《(?P<name>[^《》]{4,100})》")


def reported_in_sentence(text: str) -> str:
    """ "近日，某镇印发《X》。" → X: a 公众号 or news page reporting the plan, which has no title line of its own."""
    found = REPORTED_RE.search(squeeze(text))
    return found.group("name") if found and _names_a_document(found.group("name")) else ""


def _names_a_document(name: str) -> bool:
    """《某街道2024年工作要点》 names a document; “法治宣传月” names a campaign."""
    return bool(TITLE_END_RE.search(name))


# --- attachments -----------------------------------------------------------------------------------

# "附件：1. 重点任务分解表", "附件1：重点任务分解表", "附件：民生实事清单" (a list line, before the 落款);
# "附件", "附件2", "附件 2 民生实事清单" (where an attachment starts, after it). A table sent with the
# plan is marked the same way as 附表 ("附表：重点项目推进计划表", "附表1"). A PDF may lose the space
# after an arabic number ("附件2某区…任务分解表"); after 一、二 it cannot be told from the title's words.
ATTACHMENT_RE = re.compile(
    r"^附[ \u3000]*[件表][ \u3000]*(?P<number>\d{1,2}|[一二三四五六七八九十]{1,2})?[ \u3000]*"
    r"(?:(?P<colon>[：:])[ \u3000]*(?P<title>.*)|[．.、]?[ \u3000]+(?P<spaced>.+)"
    r"|(?<=\d)(?P<glued>[\u4e00-\u9fff].*)|$)"
)


def attachment_line(text: str) -> tuple[str, str, bool] | None:
    """(number, title, has colon) of a line that starts with 附件 or 附表, or None. The title is what follows,
    without its own list number; it must read as a title (短, no sentence)."""
    found = ATTACHMENT_RE.match(text.strip(SPACES))
    if not found:
        return None
    title = (found.group("title") or found.group("spaced") or found.group("glued") or "").strip(SPACES)
    if len(title) > MAX_TITLE_LINE or has_sentence(title):
        return None
    return found.group("number") or "", title, bool(found.group("colon"))


def has_sentence(text: str) -> bool:
    """A full stop inside the text: a list entry or a title has none, save perhaps one at its end."""
    return bool(re.search(r"[。！？!?]", text.rstrip("。；;")))


def attachment_entry(title: str) -> str:
    """A listed attachment's name without its list number: "1. 重点任务分解表" → "重点任务分解表"."""
    number = numbered(title)
    return (number.rest if number else title).strip(SPACES).rstrip("。；;，,")


# --- what a line is, by where it stands ------------------------------------------------------------


def trailing_kind(text: str) -> str | None:
    """What a line at the end of a document is, if it is one of its closing parts."""
    text = text.strip(SPACES)
    if is_date_only(text):
        return "date"
    if is_publicity(text):
        return "publicity"
    if COPY_TO_RE.match(text):
        return "copy_to"
    if PRINTED_RE.match(text):
        return "printed"
    if is_organ_line(text) or SIGNING_RE.match(text):
        return "signatory"
    if dated_organ(text):
        return "signed"  # a 落款 on one line: its organ and its date
    if is_chrome(text):
        return "chrome"
    return None


def leading_kind(text: str) -> str | None:
    """What a line before the first numbered one is, if it is a header rather than the preamble."""
    text = text.strip(SPACES)
    if is_doc_number(text):
        return "doc_number"
    if is_publicity(text):
        return "publicity"
    if index_entries(text):
        return "index"
    if FILE_HEAD_RE.match(text):
        return "issuer"
    if SERIAL_RE.match(text) or is_marking(text):
        return "preamble"
    if is_dated_organ(text):
        return "printed"
    return None


# A ledger's filing line under its title: "填报单位：某街道综治中心（盖章）　　填报时间：2025年4月8日", or the
# office that drew the sheet up: "制表：医务科　　制表日期：2025年4月28日".
_FILED = r"(?:填报|填表|报送|制表)"
FILING_LINE_RE = re.compile(
    rf"^{_FILED}(?:单位)?\s*[：:]\s*\S.*?[ \t\u3000\xa0]*{_FILED}(?:时间|日期)\s*[：:]\s*(?P<date>\S.*)$"
)


def is_dated_organ(text: str) -> bool:
    """An organ's name and a date on one line, set apart by spaces: who printed or signed the paper, and
    when (a 落款 on one line, "县发展和改革局　　二〇二六年三月十五日", "…　　2026年3月"); or who filed a ledger, and
    when, each after its label."""
    text = text.strip(SPACES)
    filing = FILING_LINE_RE.match(text)
    if filing:
        return is_date_only(filing["date"])
    return dated_organ(text) is not None


def dated_organ(text: str) -> tuple[str, str] | None:
    """(organ, date) of a line that is an organ's name and the date it signed on (``SIGNING_DATE_RE``), set
    apart by spaces, or run together with a whole day as a PDF's text has them; None for any other line."""
    text = text.strip(SPACES)
    found = DATED_ORGAN_RE.match(text)
    if found and is_signing_date(found["date"]):
        organ, date = found["organ"], found["date"]
    else:
        found = RUN_ON_DATE_RE.search(text)
        if not found:
            return None
        organ, date = text[: found.start()], found["date"]
    organ = organ.strip(SPACES)
    # One name, no row of cells ("2\t建成…\t区交通局\t2025年10月31日" is a table's).
    return (organ, date) if is_organ_line(ORGAN_ALIAS_RE.sub("", organ)) and not _SET_APART.search(organ) else None
