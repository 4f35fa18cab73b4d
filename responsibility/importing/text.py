"""Plain text and Markdown: bytes to lines (and tables), whatever encoding the office's computer saved them in.

Windows in a Chinese office saves "ANSI" text as GBK; newer editors save UTF-8, Notepad sometimes with
a BOM, and "Unicode" in Notepad means UTF-16 with a BOM. GB18030 is a superset of GBK and GB2312, so
it stands in for all three. Every line is kept, empty ones too: a page break in the original often
left a sentence split across blank lines ("结合\\n\\n实际精准施策") and the parser has to see that.

Tables come in text too: drawn with pipes (with or without Markdown's |---| line and the outer
pipes), or copied from Excel or Word, which puts a tab between cells. Either becomes a ``Table``
where a row names the columns of a decomposition table (序号, 工作任务, 牵头单位 …), so the table
parser reads it as it reads a Word or Excel table.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from django.utils.translation import gettext as _

from .document import Block, ImportRejected, Line, Source, Table

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tabs and line ends are text; a form feed is how some tools mark a page break; Ctrl-Z is the old
# DOS end-of-file mark that a few exporters still append.
HARMLESS_CONTROLS = set("\t\n\r\f\x1a")


def read_text(name: str, data: bytes, kind: str = "txt") -> Source:
    """A .txt or .md file as lines (and, for Markdown, tables), numbered from 1."""
    text, encoding = decode(name, data)
    lines = split_lines(text)
    blocks = markdown_blocks(lines) if kind == "md" else text_blocks(lines)
    return Source(name=name, kind=kind, blocks=blocks, encoding=encoding)


def decode(name: str, data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with; refuses binary content."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(name, _decode_as(name, data, encoding)), encoding
    if b"\x00" in data:
        raise _binary(name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return _checked(name, data.decode(encoding)), encoding
        except UnicodeDecodeError:
            continue
    raise ImportRejected(_("无法识别文件“%(name)s”的文字编码，请另存为 UTF-8 编码的文本后再导入。") % {"name": name})


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: \\r\\n, \\r and \\n all end a line; a final newline adds none."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _decode_as(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            _("文件“%(name)s”的文字编码有误（%(encoding)s），无法读取。") % {"name": name, "encoding": encoding}
        ) from exc


def _checked(name: str, text: str) -> str:
    text = text.removesuffix("\x1a")
    controls = sum(1 for char in text if _is_control(char))
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise _binary(name)
    return text


def _is_control(char: str) -> bool:
    return char not in HARMLESS_CONTROLS and unicodedata.category(char) == "Cc"


def _binary(name: str) -> ImportRejected:
    return ImportRejected(_("文件“%(name)s”不是文本文件（含有二进制内容），无法按文本导入。") % {"name": name})


# --- Markdown ------------------------------------------------------------------------------------

# Only what is markup and never words: "1." and "（一）" are the plan's own numbering and stay.
QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
HEADING = re.compile(r"^([ \t]{0,3})#{1,6}(?:[ \t]+|$)")
CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
BULLET = re.compile(r"^([ \t]*)[-*][ \t]+")
RULE = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
CELL_SPLIT = re.compile(r"(?<!\\)\|")
# Padding around cells is ASCII; a full-width space (U+3000) inside a cell is the author's and stays.
ASCII_SPACE = " \t"
CELL_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def markdown_blocks(lines: list[str]) -> list[Block]:
    """Lines with their markup taken off, and the tables among them (see ``text_blocks``)."""
    return text_blocks(lines, markdown=True)


def text_blocks(lines: list[str], markdown: bool = False) -> list[Block]:
    """Lines, and tables: any pipe table with a separator row, and pipe or tab-separated rows that
    start at a row naming the columns of a decomposition table."""
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        table, end = _table_at(lines, index)
        if table:
            blocks.append(table)
            index = end
        else:
            blocks.append(Line(strip_markdown(lines[index]) if markdown else lines[index], index + 1))
            index += 1
    return blocks


def _table_at(lines: list[str], index: int) -> tuple[Table | None, int]:
    if _starts_table(lines, index):
        return _take_table(lines, index)
    line = lines[index]
    if "\t" in line.strip() and _names_columns(_tab_cells(line)):
        return _take_tab_table(lines, index)
    if "|" in line and _names_columns(_cells(line)) and index + 1 < len(lines) and "|" in lines[index + 1]:
        return _take_table(lines, index, separator=False)
    return None, index


def _names_columns(cells: list[str]) -> bool:
    """A header row: it names at least two columns the table parser knows."""
    from .tables import find_header

    return len(cells) >= 2 and find_header([cells]) is not None


def strip_markdown(line: str) -> str:
    if RULE.match(line):
        return ""
    line = QUOTE.sub("", line)
    heading = HEADING.match(line)
    if heading:
        line = CLOSING_HASHES.sub("", heading.group(1) + line[heading.end() :])
    line = BULLET.sub(r"\1", line)
    return EMPHASIS.sub(r"\2", line)


def _starts_table(lines: list[str], index: int) -> bool:
    return (
        index + 1 < len(lines)
        and "|" in lines[index]
        and "|" in lines[index + 1]
        and bool(TABLE_SEPARATOR.match(lines[index + 1]))
    )


def _take_table(lines: list[str], start: int, separator: bool = True) -> tuple[Table, int]:
    rows, row_lines = [_cells(lines[start])], [start + 1]
    index = start + 1
    while index < len(lines) and lines[index].strip() and "|" in lines[index]:
        if not TABLE_SEPARATOR.match(lines[index]):
            rows.append(_cells(lines[index]))
            row_lines.append(index + 1)
        index += 1
    return Table(rows=rows, line=start + 1, row_lines=row_lines), index


# --- tab-separated rows, as Excel and Word copy a table ------------------------------------------


def _take_tab_table(lines: list[str], start: int) -> tuple[Table | None, int]:
    """Rows from the header on while lines hold tabs. A line break inside a cell cuts a row in two
    (Word), or comes quoted (Excel: "甲\n乙"): a row with fewer cells than the header takes the next
    line in, its first cell joining the cell it broke off from, while that still fits the header."""
    width = len(_tab_cells(lines[start]))
    rows, row_lines = [], []
    index = start
    while index < len(lines) and lines[index].strip():
        cells, first = _tab_cells(lines[index]), index + 1
        index += 1
        while len(cells) < width and index < len(lines) and lines[index].strip():
            following = _tab_cells(lines[index])
            if len(cells) + len(following) - 1 > width or _starts_row(following, cells):
                break
            cells = [*cells[:-1], f"{cells[-1]}\n{following[0]}", *following[1:]]
            index += 1
        if len(cells) == 1 and "\t" not in lines[first - 1]:
            index = first - 1  # a paragraph after the table, not a cell of it
            break
        rows.append([_unquoted(cell) for cell in cells])
        row_lines.append(first)
    if len(rows) < 2:
        return None, start
    return Table(rows=rows, line=start + 1, row_lines=row_lines), index


def _starts_row(following: list[str], cells: list[str]) -> bool:
    """A line starting with a number is the next row (one whose empty cells at the end were not
    copied), unless a quoted cell is still open."""
    from .numbering import classify

    open_quote = cells[-1].startswith('"') and cells[-1].count('"') % 2 == 1
    return not open_quote and len(following) > 1 and classify(following[0]) is not None


def _tab_cells(line: str) -> list[str]:
    return [cell.strip(ASCII_SPACE) for cell in line.split("\t")]


def _unquoted(cell: str) -> str:
    """Excel quotes a cell holding a line break and doubles the quotes inside it."""
    if len(cell) >= 2 and cell[0] == cell[-1] == '"' and "\n" in cell:
        return cell[1:-1].replace('""', '"')
    return cell


def _cells(line: str) -> list[str]:
    line = line.strip(ASCII_SPACE)
    line = line.removeprefix("|")
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [_cell_text(cell) for cell in CELL_SPLIT.split(line)]


def _cell_text(cell: str) -> str:
    cell = CELL_BREAK.sub("\n", cell.strip(ASCII_SPACE).replace("\\|", "|"))
    return EMPHASIS.sub(r"\2", cell)
