"""Line numbers an editor printed in front of every line of a draft ("1 关于…", "2", "3 区各有关单位：").

A draft sent out for comments (征求意见稿) is often copied with the line numbers Word or WPS shows in its
margin, so that a reader can say "第12行"; every line carries one, blank ones too, counting up by one (and
starting again at 1 on a new page). Those numbers are not the plan's: the text is what follows them. A PDF
keeps no space between the number and the text ("11一、…", "41.…"), so the number taken off is the one the
count expects, not every digit in front.
"""

from __future__ import annotations

import dataclasses
import re

from .document import Line, Source, Table

MIN_NUMBERED_LINES = 6  # fewer lines than this counting up from 1 may be a short list, not an editor's margin
SEPARATOR = re.compile(r"^[ \t\u3000]")  # the one space or tab the editor put after the number


def without_line_numbers(source: Source) -> Source:
    """``source`` without the editor's line numbers, when every line of it begins with one and at least
    one line is its number alone (a blank line of the draft: a list numbered "1 …", "2 …" has none).
    Text copied with its numbers and made a table in Word ("表格 → 文本转换成表格") keeps each row's
    number in its first cell ("5 1", "6 2"): a row counts as a line there. Word's own numbers skip its
    tables: there the lines alone count."""
    for rows in (True, False):
        lines = numbered_lines(source.blocks, rows)
        numbers = leading_numbers(lines)
        if len(lines) < MIN_NUMBERED_LINES or numbers is None:
            continue
        if not any(line.text.strip() == str(number) for line, number in zip(lines, numbers, strict=True)):
            continue
        given = iter(numbers)
        blocks = [block_unnumbered(block, given, rows=rows) for block in source.blocks]
        return dataclasses.replace(source, blocks=blocks)
    return source


def numbered_lines(blocks: list, rows: bool = True) -> list[Line]:
    """The lines of ``blocks`` in order; ``rows``: the first cell of each table row stands for its row's line."""
    lines: list[Line] = []
    for block in blocks:
        if isinstance(block, Line):
            lines.append(block)
        elif isinstance(block, Table) and rows:
            lines += [Line(row[0] if row else "", block.line) for row in block.rows]
    return lines


def block_unnumbered(block, given, skip_blank: bool = False, rows: bool = True):
    """``block`` with the next numbers of ``given`` taken off its line, or off its rows' first cells."""
    if isinstance(block, Line) and skip_blank and not block.text.strip():
        return block
    if isinstance(block, Line):
        return _unnumbered(block, next(given))
    if isinstance(block, Table) and rows:
        rows = [[_unnumbered(Line(row[0], 0), next(given)).text, *row[1:]] if row else row for row in block.rows]
        return dataclasses.replace(block, rows=rows)
    return block


def leading_numbers(lines: list[Line]) -> list[int] | None:
    """The number each line begins with, counting up by one from 1 (or from 1 again: a new page); None
    when a line begins with no such number. A PDF may run the number into the text ("41.…" is line 4's
    "1.…"), so the number is the one expected, not all the digits."""
    numbers: list[int] = []
    for line in lines:
        following = (numbers[-1] + 1 if numbers else 1), 1
        number = next((n for n in following if line.text.startswith(str(n))), None)
        if number is None:
            return None
        numbers.append(number)
    return numbers


def _unnumbered(line: Line, number: int) -> Line:
    def cut(text: str) -> str:
        return SEPARATOR.sub("", text[len(str(number)) :], count=1)

    wraps = (cut(line.wraps[0]), *line.wraps[1:]) if line.wraps else ()
    return dataclasses.replace(line, text=cut(line.text), wraps=wraps)
