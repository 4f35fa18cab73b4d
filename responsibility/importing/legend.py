"""A legend in the preface that says once what the parts of every item's bracket, or of its tail, are.

"各项任务后括号内依次为牵头单位/配合单位/完成时限，无配合单位的以“—”表示，下同": each item then ends with
"（县发改局/县财政局、县审计局/2025年6月底前）", its fields with no labels. Where a document gives such a
legend, the brackets with as many parts as it names are read as if each part carried its label.

"每项任务后依次列出责任部门和完成时间": each item then ends, after a wide gap or a run of dot leaders, with
"运检部　　6月15日", no bracket. The tail's parts, apart by gaps, are read the same way; a PDF's text loses the
gaps between them, so there a tail after the sentence's end or the leaders, of units and a date (or 长期)
closing the line, is the two parts.
"""

from __future__ import annotations

import dataclasses
import re

from .document import Line, Source
from .fields import DATE_RE, LABELS, ONGOING_WORDS, SENTENCE_END_RE, UNIT_ATTRIBUTES, names_units, parse_schedule
from .numbering import match

_LABEL = "|".join(sorted(LABELS, key=len, reverse=True))
_PART_SEPARATOR = r"[/／、，,]"
LEGEND_RE = re.compile(
    rf"(?:括号|括弧)[内中里]?(?:依次|分别|按顺序|顺序)?(?:为|是|标注|注明|列明)[：:]?"
    rf"((?:{_LABEL})(?:{_PART_SEPARATOR}(?:{_LABEL}))+)"
)
# Not in brackets: "每项任务后依次列出责任部门和完成时间", "各项工作后分别为牵头单位、完成时限".
TAIL_LEGEND_RE = re.compile(
    rf"(?:任务|事项|工作|每项|各项)[^，。；;（(括]{{0,4}}后(?:面|边)?(?:依次|分别|按顺序|顺序)?"
    rf"(?:列出|列明|列有|标注|注明|写明|为|是)[：:]?((?:{_LABEL})(?:(?:{_PART_SEPARATOR}|和|及|与)(?:{_LABEL}))+)"
)
MIN_PARTS = 2
# A wide gap between a task and its tail, or between the tail's parts: a tab, a full-width space or two spaces;
# or a run of dot leaders, as Word prints a list of tasks (“春耕备耕……………农业服务中心　3月20日前”): two
# ellipses or more, three dots or more (·····, ．．．, ...), with any spaces about them.
GAP_RE = re.compile(r"[\s\u3000]*(?:[…⋯]{2,}|[·・．.]{3,})[\s\u3000]*|(?:\t|\u3000| {2})[\s\u3000]*")
# What closes a tail whose gaps a PDF lost: a date ("6月15日", "3月20日前") or work that goes on ("长期").
WHEN_CLOSING_RE = re.compile(rf"(?:{DATE_RE.pattern})(?:之前|以前|前|止)?$|(?:{'|'.join(ONGOING_WORDS)})$")
LONGEST_PART = 40
# The parts of a bracket are split by slashes only: a list of units inside one part uses 、 or ，.
BRACKET_PARTS_RE = re.compile(r"[/／]")
TRAILING_BRACKET_RE = re.compile(r"[（(]([^（）()]*)[）)][\s\u3000。；;]*$")
# A part that says there is none: "—", "--", "无".
NONE_PART_RE = re.compile(r"[—\-－–_]+|无")


def legend(source: Source) -> tuple[str, ...]:
    """The labels a legend names, in order ("牵头单位", "配合单位", "完成时限"), or () when none does."""
    for block in source.blocks:
        found = LEGEND_RE.search(block.text) if isinstance(block, Line) else None
        if found:
            return tuple(re.split(_PART_SEPARATOR, found.group(1)))
    return ()


def tail_legend(source: Source) -> tuple[str, ...]:
    """The labels a legend names for the tail of every item, no bracket, in order, or ()."""
    for block in source.blocks:
        found = TAIL_LEGEND_RE.search(block.text) if isinstance(block, Line) else None
        if found and not LEGEND_RE.search(block.text):
            return tuple(re.split(rf"{_PART_SEPARATOR}|和|及|与", found.group(1)))
    return ()


def labelled_brackets(source: Source) -> Source:
    """``source`` with each line's closing bracket of as many slash-separated parts as its legend names
    written with the legend's labels: "（甲局/乙局/6月底前）" →
    "（牵头单位：甲局；配合单位：乙局；完成时限：6月底前）"; or, with a legend of tails, each line's tail
    so: "…巡视。　　运检部　　6月15日" → "…巡视。（责任部门：运检部；完成时间：6月15日）"."""
    labels, labelled = legend(source), _labelled
    if len(labels) < MIN_PARTS:
        labels, labelled = tail_legend(source), _labelled_tail
    if len(labels) < MIN_PARTS:
        return source
    blocks = [
        dataclasses.replace(block, text=labelled(block.text, labels)) if isinstance(block, Line) else block
        for block in source.blocks
    ]
    return dataclasses.replace(source, blocks=blocks)


def _labelled_tail(text: str, labels: tuple[str, ...]) -> str:
    body, parts = _tail(text.strip(" \u3000\t"), len(labels))
    if not parts or not all(_fits(label, part) for label, part in zip(labels, parts, strict=True)):
        return text
    said = [f"{label}：{part}" for label, part in zip(labels, parts, strict=True) if not NONE_PART_RE.fullmatch(part)]
    return f"{body}（{'；'.join(said)}）"


def _tail(text: str, count: int) -> tuple[str, list[str]]:
    """The task and the ``count`` parts of its tail: after the last ``count`` gaps, or, the gaps lost, after
    the sentence's end or the last gap where the tail is units and a date closing the line."""
    gaps = list(GAP_RE.finditer(text))
    if len(gaps) >= count:
        return text[: gaps[-count].start()], GAP_RE.split(text[gaps[-count].end() :])
    end = text.rfind("。") + 1
    body_end, tail_start = (gaps[-1].start(), gaps[-1].end()) if gaps and gaps[-1].end() > end else (end, end)
    tail = text[tail_start:]
    when = WHEN_CLOSING_RE.search(tail)
    if count != 2 or when is None:
        return text, []
    # A tail alone on its line (a PDF wraps it under its task) is the task's if its date is written as the
    # tails are, with no year: a signature's organ and date ("某公司2025年5月20日") has one.
    if body_end == 0 and when.group(1) is not None:
        return text, []
    # A tail that opens on a number is an item's line, its units run into its task with no sentence's end and no
    # gap ("1.开展春耕备耕督导检查县农业农村局3月20日前"): nothing says where the task stops, so the tail stays in
    # the text, read as before.
    if match(tail) is not None:
        return text, []
    return text[:body_end], [tail[: when.start()], when.group(0)]


def _fits(label: str, part: str) -> bool:
    """Whether a part of a tail reads as what its label names: units as units, a date as a date."""
    if not 0 < len(part) <= LONGEST_PART or SENTENCE_END_RE.search(part):
        return False
    if NONE_PART_RE.fullmatch(part) or LABELS[label] not in (*UNIT_ATTRIBUTES, "deadline"):
        return True
    if LABELS[label] == "deadline":
        schedule = parse_schedule(part, None)
        return bool(schedule.deadline or schedule.ongoing or DATE_RE.search(part))
    return names_units(part)


def _labelled(text: str, labels: tuple[str, ...]) -> str:
    found = TRAILING_BRACKET_RE.search(text)
    if not found:
        return text
    parts = [part.strip() for part in BRACKET_PARTS_RE.split(found.group(1))]
    if len(parts) != len(labels) or not all(parts):
        return text
    said = [f"{label}：{part}" for label, part in zip(labels, parts, strict=True) if not NONE_PART_RE.fullmatch(part)]
    return f"{text[: found.start()]}（{'；'.join(said)}）{text[found.start(1) + len(found.group(1)) + 1 :]}"


# A legend that says what a mark after a unit's name means: "（责任单位中标注★的为牵头单位，其余为配合单位）",
# "带▲的为牵头部门", "※为主办单位，其他为协办单位". The marked unit of a list takes that role and the rest the
# role the legend gives them (none named: they keep their own); the mark is no part of the name.
UNIT_MARKS = "★☆▲△*＊※"
_ROLE_WORDS = {
    "牵头": "lead_units", "主办": "lead_units", "主责": "responsible_units", "责任": "responsible_units",
    "配合": "cooperating_units", "协办": "cooperating_units", "参与": "cooperating_units",
}  # fmt: skip
_ROLE_WORD = "|".join(_ROLE_WORDS)
MARK_LEGEND_RE = re.compile(
    rf"(?:标注|标有|标记|标|注有|带有?|加注?|有)?[“\"]?(?P<mark>[{UNIT_MARKS}])[”\"]?号?(?:标注|标记)?的?(?:单位|部门)?"
    rf"(?:为|是|表示|系)(?P<role>{_ROLE_WORD})(?:单位|部门)"
    rf"(?:[，,；;、]?(?:其余|其他|其它|未标注?的?|其余的?)(?:单位|部门)?(?:为|是|均为)(?P<rest>{_ROLE_WORD})(?:单位|部门))?"
)


@dataclasses.dataclass(frozen=True)
class MarkLegend:
    mark: str
    role: str  # the field the marked unit goes to
    rest: str  # the field the other units of its list go to; "" to keep theirs


def mark_legend(source: Source) -> MarkLegend | None:
    """The legend that says what a mark after a unit's name means (``MARK_LEGEND_RE``), or None."""
    for block in source.blocks:
        found = MARK_LEGEND_RE.search(block.text) if isinstance(block, Line) else None
        if found:
            rest = _ROLE_WORDS[found["rest"]] if found["rest"] else ""
            return MarkLegend(found["mark"], _ROLE_WORDS[found["role"]], rest)
    return None


def apply_mark_legend(fields, marks: MarkLegend) -> None:
    """A list of units one of which carries the legend's mark ("县甲局★、县乙局、县丙局"): the marked unit
    moves to the legend's role, its mark dropped, the rest of that list to the role the legend gives them."""
    for attribute in UNIT_ATTRIBUTES:
        units = getattr(fields, attribute)
        marked = [unit for unit in units if marks.mark in unit]
        if not marked:
            continue
        others = [unit for unit in units if marks.mark not in unit]
        names = [unit.replace(marks.mark, "").strip() for unit in marked]
        setattr(fields, attribute, [])
        rest = marks.rest or attribute
        for target, values in ((marks.role, names), (rest, others)):
            current = getattr(fields, target)
            setattr(fields, target, current + [value for value in values if value not in current])
