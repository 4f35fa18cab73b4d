"""Footnote markers and the notes they point to ("新建服务中心1个[1]。" … "[1] 建筑面积不少于…").

An office that cannot make real footnotes (a .txt, a Markdown file, a workbook) puts a marker at the end
of the words it qualifies, a task or a unit's name ("县卫健局②"), and the note under the body, or under
the table in a row of its own: "[1] …", "① …", "注1：…". The marker is no part of the task's or the
unit's name; the note is no item (the clerk reads it with the document). A marker counts only when a note
below begins with it, so "①道路；②桥梁" written inline (a marker followed by words) is left alone.

A notice may give its tasks' fields so, once per note for every task that carries its mark ("…10个。〔注1〕" …
"〔注1〕牵头单位：X；配合单位：Y；完成时限：…"): such a note's words are the fields of what carries its mark
(``noted_fields``), given as a 任务分工 paragraph's are.
"""

from __future__ import annotations

import dataclasses
import re

from . import fields as phrases
from .document import Line, Source, Table
from .numbering import CIRCLED

# "[1]", "①", "注1", or 注 and its number in brackets ("〔注1〕", "[注2]", "（注3）").
_MARKER = rf"(?:\[\d{{1,2}}\]|［\d{{1,2}}］|[{CIRCLED}]|[〔\[［【（(]注\d{{1,2}}[〕\]］】）)]|注\d{{1,2}})"
# A marker right after a word, ending the text or followed by punctuation.
REFERENCE_RE = re.compile(rf"(?<=[^\s{CIRCLED}\[［])({_MARKER})(?=$|[\s。；，、：:;,.）)])")
# A note: its marker opens the line, then a space or a colon, then its words.
NOTE_RE = re.compile(rf"^({_MARKER})[\s\u3000：:]*(?=\S)")


def without_footnotes(source: Source) -> Source:
    """``source`` with the markers of its footnotes taken out of the words and its notes as "注：…" lines,
    when notes below the body begin with the markers found in it."""
    notes, markers = _footnotes(source)
    if not markers:
        return source
    blocks = [_rewritten(block, index, notes, markers) for index, block in enumerate(source.blocks)]
    return dataclasses.replace(source, blocks=blocks)


def _footnotes(source: Source) -> tuple[dict[tuple[int, int, int], str], set[str]]:
    """The notes, each marker by its place, and the markers the body refers to that a note begins with."""
    texts = list(_texts(source))
    notes = {position: found.group(1) for position, text in texts if (found := _note(source, position, text))}
    if not notes:
        return notes, set()
    first_note = min(notes)
    referred = {marker for position, text in texts if position < first_note for marker in REFERENCE_RE.findall(text)}
    return notes, referred & set(notes.values())


@dataclasses.dataclass
class NotedFields:
    """Notes whose words are fields ("〔注1〕牵头单位：X；完成时限：…"), and the lines that carry their marks."""

    note_lines: set[int] = dataclasses.field(default_factory=set)  # the notes' own lines
    given: dict[int, list[str]] = dataclasses.field(default_factory=dict)  # a marked line → its notes' words


def noted_fields(source: Source) -> NotedFields:
    """The notes on lines of their own whose words are labels and their values, or units in their roles
    ("牵头单位：X；完成时限：…", "X牵头，Y配合"), each given to the lines above that carry its mark. A note
    that says anything else is a remark, as is one whose mark a table's cell carries."""
    by_marker = _fields_by_marker(source)
    note_lines = {line for line, _words in by_marker.values()}
    if not note_lines:
        return NotedFields()
    given = {}
    for block in source.blocks:
        if isinstance(block, Line) and block.line < min(note_lines):
            words = [by_marker[marker][1] for marker in REFERENCE_RE.findall(block.text) if marker in by_marker]
            if words:
                given[block.line] = words
    if not given:
        return NotedFields()
    return NotedFields(note_lines=note_lines, given=given)


def _fields_by_marker(source: Source) -> dict[str, tuple[int, str]]:
    """Each note that gives fields, by its marker: its line and its words."""
    notes, markers = _footnotes(source)
    in_cells = {
        marker
        for block in source.blocks
        if isinstance(block, Table)
        for row in block.rows
        for cell in row
        for marker in REFERENCE_RE.findall(cell)
    }
    found = {}
    for (index, _row, _column), marker in notes.items():
        block = source.blocks[index]
        if marker not in markers or marker in in_cells or not isinstance(block, Line):
            continue
        words = NOTE_RE.sub("", block.text.strip(), count=1)
        if phrases.is_assignment_line(words) or phrases.names_units(words):
            found[marker] = (block.line, words)
    return found


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
