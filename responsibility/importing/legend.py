"""A legend in the preface that says once what the parts of every item's bracket are.

"各项任务后括号内依次为牵头单位/配合单位/完成时限，无配合单位的以“—”表示，下同": each item then ends with
"（县发改局/县财政局、县审计局/2025年6月底前）", its fields with no labels. Where a document gives such a
legend, the brackets with as many parts as it names are read as if each part carried its label.
"""

from __future__ import annotations

import dataclasses
import re

from .document import Line, Source
from .fields import LABELS

_LABEL = "|".join(sorted(LABELS, key=len, reverse=True))
_PART_SEPARATOR = r"[/／、，,]"
LEGEND_RE = re.compile(
    rf"(?:括号|括弧)[内中里]?(?:依次|分别|按顺序|顺序)?(?:为|是|标注|注明|列明)[：:]?"
    rf"((?:{_LABEL})(?:{_PART_SEPARATOR}(?:{_LABEL}))+)"
)
MIN_PARTS = 2
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


def labelled_brackets(source: Source) -> Source:
    """``source`` with each line's closing bracket of as many slash-separated parts as its legend names
    written with the legend's labels: "（甲局/乙局/6月底前）" →
    "（牵头单位：甲局；配合单位：乙局；完成时限：6月底前）"."""
    labels = legend(source)
    if len(labels) < MIN_PARTS:
        return source
    blocks = [
        dataclasses.replace(block, text=_labelled(block.text, labels)) if isinstance(block, Line) else block
        for block in source.blocks
    ]
    return dataclasses.replace(source, blocks=blocks)


def _labelled(text: str, labels: tuple[str, ...]) -> str:
    found = TRAILING_BRACKET_RE.search(text)
    if not found:
        return text
    parts = [part.strip() for part in BRACKET_PARTS_RE.split(found.group(1))]
    if len(parts) != len(labels) or not all(parts):
        return text
    said = [f"{label}：{part}" for label, part in zip(labels, parts, strict=True) if not NONE_PART_RE.fullmatch(part)]
    return f"{text[: found.start()]}（{'；'.join(said)}）{text[found.start(1) + len(found.group(1)) + 1 :]}"
