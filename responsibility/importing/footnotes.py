"""Footnote markers and the notes they point to ("新建服务中心1个[1]。" … "[1] 建筑面积不少于…").

An office that cannot make real footnotes (a .txt, a Markdown file, a workbook) puts a marker at the end
of the words it qualifies, a task or a unit's name ("县卫健局②"), and the note under the body, or under
the table in a row of its own: "[1] …", "① …", "注1：…". The marker is no part of the task's or the
unit's name; the note is no item (the clerk reads it with the document). A marker counts only when a note
below begins with it, so "①道路；②桥梁" written inline (a marker followed by words) is left alone.
"""

from __future__ import annotations

import dataclasses
import re

from .document import Line, Source, Table
from .numbering import CIRCLED

_MARKER = rf"(?:\[\d{{1,2}}\]|［\d{{1,2}}］|[{CIRCLED}]|注\d{{1,2}})"
# A marker right after a word, ending the text or followed by punctuation.
REFERENCE_RE = re.compile(rf"(?<=[^\s{CIRCLED}\[［])({_MARKER})(?=$|[\s。；，、：:;,.）)])")
# A note: its marker opens the line, then a space or a colon, then its words.
NOTE_RE = re.compile(rf"^({_MARKER})[\s\u3000：:]*(?=\S)")


def without_footnotes(source: Source) -> Source:
    """``source`` with the markers of its footnotes taken out of the words and its notes as "注：…" lines,
    when notes below the body begin with the markers found in it."""
    texts = list(_texts(source))
    notes = {position: found.group(1) for position, text in texts if (found := _note(source, position, text))}
    if not notes:
        return source
    first_note = min(notes)
    referred = {marker for position, text in texts if position < first_note for marker in REFERENCE_RE.findall(text)}
    markers = referred & set(notes.values())
    if not markers:
        return source
    blocks = [_rewritten(block, index, notes, markers) for index, block in enumerate(source.blocks)]
    return dataclasses.replace(source, blocks=blocks)


def _texts(source: Source):
    """Each line's and each cell's text with its place: (block, row, column), row and column 0 for a line."""
    for index, block in enumerate(source.blocks):
        if isinstance(block, Line):
            yield (index, 0, 0), block.text
        elif isinstance(block, Table):
            for row_index, row in enumerate(block.rows):
                for column, cell in enumerate(row):
                    yield (index, row_index, column), cell


def _note(source: Source, position: tuple[int, int, int], text: str) -> re.Match | None:
    """A note: a line, or a table row that says nothing but in its first cell, opening with a marker."""
    index, row_index, column = position
    block = source.blocks[index]
    if isinstance(block, Table) and (column or any(cell.strip() for cell in block.rows[row_index][1:])):
        return None
    return NOTE_RE.match(text.strip())


def _unmarked(text: str, markers: set[str]) -> str:
    return REFERENCE_RE.sub(lambda found: "" if found.group(1) in markers else found.group(0), text)


def _as_note(text: str, markers: set[str]) -> str:
    found = NOTE_RE.match(text.strip())
    if found and found.group(1) in markers:
        return "注：" + text.strip()[found.end() :]
    return _unmarked(text, markers)


def _rewritten(block, index: int, notes: dict, markers: set[str]):
    def text_at(position: tuple[int, int, int], text: str) -> str:
        return _as_note(text, markers) if position in notes else _unmarked(text, markers)

    if isinstance(block, Line):
        return dataclasses.replace(block, text=text_at((index, 0, 0), block.text))
    if isinstance(block, Table):
        rows = [[text_at((index, r, c), cell) for c, cell in enumerate(row)] for r, row in enumerate(block.rows)]
        return dataclasses.replace(block, rows=rows)
    return block
