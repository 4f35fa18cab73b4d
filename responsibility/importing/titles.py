"""Where an item's title ends: one rule for a paragraph of text and for a table's task cell."""

from __future__ import annotations

import re

from . import fields as phrases
from .document import LONG_TITLE

TITLE_END_RE = re.compile(r"[。！？；：!?;:]")
# An item's title is its first sentence: a semicolon joins the clauses of one ("推进道路改造；新增停车位300个。").
# A half-width full stop between two Chinese characters is a full stop typed in a hurry
# ("整治占道经营.集中整治…"), not a decimal point; a half-width "!" or "?" ends a sentence only after a
# Chinese character ("抓紧落实!"), not in a cell's formula-like text ("=cmd|' /C calc'!A0").
SENTENCE_STOP_RE = re.compile(r"[。！？]|(?<=[\u4e00-\u9fff])[!?]|(?<=[\u4e00-\u9fff])\.(?=[\u4e00-\u9fff])")
# A colon after a lead ends its title too ("加强组织领导：各单位要…").
SPLIT_TITLE_RE = re.compile(rf"[：:]|{SENTENCE_STOP_RE.pattern}")
CLAUSE_END_RE = re.compile(r"[；;]")
MAX_TITLE = 300
# A first sentence longer than that is a paragraph: its first clauses, up to this many characters,
# name the task ("全面推行行政执法公示，全过程记录，重大执法决定法治审核"), the rest says how.
CLAUSE_TITLE = 40


def split_title(text: str, *, at_colon: bool = True) -> tuple[str, str]:
    """ "完善内部制度建设。完善《…》…" → ("完善内部制度建设", "完善《…》…"): the first sentence without its
    stop, then the rest.

    A paragraph's title also ends at a colon after a lead ("电子邮件：将意见发送至…"). A table's task
    cell passes ``at_colon=False``: a cell is one field, so a colon in it is part of its sentence and
    no label before a value. Everything else is the same for both: a first sentence longer than
    ``LONG_TITLE`` is cut at a semicolon or comma, and no title is longer than ``MAX_TITLE``."""
    split_re = SPLIT_TITLE_RE if at_colon else SENTENCE_STOP_RE
    found = split_re.search(text)
    if found and found.group() in "：:" and _glossed(text, found):
        found = split_re.search(text, found.end())
    if found and found.start() == 0:
        found = None  # a stop before any word ends no title
    title, rest = (text[: found.start()], text[found.end() :]) if found else (text, "")
    title = title.rstrip(" \u3000；;")  # a list's item ends in a semicolon: no part of its title
    if len(title) > LONG_TITLE:
        # One very long first sentence: its first clause (to a semicolon) or clauses name the task,
        # the rest says how.
        semicolon = CLAUSE_END_RE.search(title, 4, LONG_TITLE)
        cut = semicolon.start() if semicolon else title.rfind("，", 0, CLAUSE_TITLE)
        if cut < 8 and not semicolon:
            cut = title.rfind("，", 0, LONG_TITLE)
        if semicolon or cut >= 8:
            title, rest = title[:cut], title[cut + 1 :] + (text[found.start() :] if found else "")
    if len(title) > MAX_TITLE:
        title, rest = title[:MAX_TITLE], title[MAX_TITLE:] + (text[found.start() :] if found else "")
    return title.strip(), rest.strip()


def _glossed(text: str, colon: re.Match) -> bool:
    """ "①城市社区：以小区、楼栋为基本单元划分网格。": a short name, a colon and one short sentence that
    ends the paragraph say one thing (for this kind of place, this), and the whole sentence is the
    title. A colon before more than that ("加强组织领导：各单位要…。定期…。") ends the title."""
    after = text[colon.end() :].rstrip("。.！!").strip()
    return (
        colon.start() > 0
        and bool(after)
        and len(text.strip()) <= CLAUSE_TITLE
        and not TITLE_END_RE.search(after)
        and not phrases.LABEL_RE.match(text[: colon.end()].strip())
    )
