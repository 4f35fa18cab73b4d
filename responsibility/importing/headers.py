"""The parts of an official document that are not its work: 文号, 主送机关, 落款, dates, 公开方式, index data.

They are kept, apart from the items, so that nothing of the source is lost and the plan still says
where it came from.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

# Stable keys (for JSON and code) and how a page names them.
HEADER_LABELS = {
    "title": _("标题"),
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

DOC_NUMBER_RE = re.compile(r"^[\u4e00-\u9fa5A-Za-z]{1,20}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号$")
PUBLICITY_RE = re.compile(r"^[（(【\[]?\s*此件(?:公开发布|依申请公开|不予公开|不公开|主动公开)\s*[)）】\]]?$")
CN_DATE = r"[〇零一二三四五六七八九十]"
_PART = rf"(?:\d{{1,2}}|{CN_DATE}{{1,3}})"
DATE_ONLY_RE = re.compile(rf"^(?:\d{{4}}|{CN_DATE}{{4}})\s*年\s*{_PART}\s*月\s*{_PART}\s*日$")
PRINTED_RE = re.compile(r"^.{2,40}\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$")
COPY_TO_RE = re.compile(r"^抄\s*送\s*[：:]")
ATTACHMENT_RE = re.compile(r"^附\s*件\s*\d*\s*[：:]?")
INDEX_LABELS = (
    "索引号",
    "主题分类",
    "发布机构",
    "发文机关",
    "成文日期",
    "发布日期",
    "发文字号",
    "有效性",
    "生效日期",
    "体裁分类",
)
INDEX_RE = re.compile(rf"^({'|'.join(INDEX_LABELS)})\s*[：:]\s*(.*)$")
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
    "领导小组",
)
_PUNCTUATION = set('。，、；：！？,.;:!?“”"')
FILE_HEAD_RE = re.compile(r"^.{2,40}文件$")


def is_doc_number(text: str) -> bool:
    return bool(DOC_NUMBER_RE.match(text.strip()))


def is_publicity(text: str) -> bool:
    return bool(PUBLICITY_RE.match(text.strip()))


def is_date_only(text: str) -> bool:
    return bool(DATE_ONLY_RE.match(text.strip()))


def is_organ_line(text: str) -> bool:
    """A signature line: an organ's name alone, as under a document ("回兴街道办事处")."""
    text = text.strip()
    return 2 <= len(text) <= 40 and not _PUNCTUATION & set(text) and text.endswith(ORGAN_SUFFIXES)


def is_addressee(text: str) -> bool:
    """主送机关: "区政府：", "各社区、各内设机构：" – short, ends with a colon, says nothing else."""
    text = text.strip()
    return 2 <= len(text) <= 60 and text.endswith(("：", ":")) and "如下" not in text and "。" not in text


def index_entry(text: str) -> tuple[str, str] | None:
    found = INDEX_RE.match(text.strip())
    return (found.group(1), found.group(2).strip()) if found else None


def trailing_kind(text: str) -> str | None:
    """What a line at the end of a document is, if it is one of its closing parts."""
    text = text.strip()
    if is_date_only(text):
        return "date"
    if is_publicity(text):
        return "publicity"
    if COPY_TO_RE.match(text):
        return "copy_to"
    if PRINTED_RE.match(text):
        return "printed"
    if is_organ_line(text):
        return "signatory"
    return None


def leading_kind(text: str) -> str | None:
    """What a line before the first numbered one is, if it is a header rather than the preamble."""
    text = text.strip()
    if is_doc_number(text):
        return "doc_number"
    if is_publicity(text):
        return "publicity"
    if index_entry(text):
        return "index"
    if FILE_HEAD_RE.match(text):
        return "issuer"
    if ATTACHMENT_RE.match(text) and len(text) <= 40:
        return "attachment"
    return None
