"""Plain text and Markdown: bytes to lines, whatever encoding the office's computer saved them in.

Windows in a Chinese office saves "ANSI" text as GBK; newer editors save UTF-8, Notepad sometimes with
a BOM, and "Unicode" in Notepad means UTF-16 with a BOM. GB18030 is a superset of GBK and GB2312, so
it stands in for all three. Every line is kept, empty ones too: a page break in the original often
left a sentence split across blank lines ("结合\\n\\n实际精准施策") and the parser has to see that.
"""

from __future__ import annotations

import codecs
import re

from django.utils.translation import gettext as _

from .document import Block, ImportRejected, Line, Source
from .fields import LABEL_RE
from .numbering import lone
from .text_tables import EMPHASIS, with_tables

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Tabs and line ends are text; a form feed is how some tools mark a page break; Ctrl-Z is the old
# DOS end-of-file mark that a few exporters still append.
HARMLESS_CONTROLS = set("\t\n\r\f\x1a")
# Unicode's control characters (category Cc: U+0000–001F, U+007F–009F) but the harmless ones.
_CONTROL_CHARS = [chr(code) for code in [*range(0x20), *range(0x7F, 0xA0)] if chr(code) not in HARMLESS_CONTROLS]
CONTROLS = re.compile(f"[{re.escape(''.join(_CONTROL_CHARS))}]")


def read_text(name: str, data: bytes, kind: str = "txt") -> Source:
    """A .txt or .md file as lines (and, for Markdown, tables), numbered from 1."""
    text, encoding = decode(name, data)
    lines = split_lines(text)
    blocks = markdown_blocks(lines) if kind == "md" else numbered_lines(lines)
    return Source(name=name, kind=kind, blocks=blocks, encoding=encoding)


# A line break inside a paragraph, as Word and WPS write a Shift+Enter into plain text: the line separator
# U+2028, the paragraph separator U+2029 or a vertical tab. An editor shows a new line there.
SOFT_BREAK = re.compile("[\u2028\u2029\x0b]")


def numbered_lines(lines: list[str]) -> list[Line]:
    """One ``Line`` per line, numbered from 1; the parts of a line cut by soft line breaks are lines of
    their own, each with the number of the line they are on (as a .docx paragraph's breaks are)."""
    return [Line(part, number) for number, line in enumerate(lines, 1) for part in SOFT_BREAK.split(line)]


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
    # One regular expression over the text, not a Python call per character: a 10 MB file took seconds.
    controls = len(CONTROLS.findall(text))
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise _binary(name)
    return text


def _binary(name: str) -> ImportRejected:
    return ImportRejected(_("文件“%(name)s”不是文本文件（含有二进制内容），无法按文本导入。") % {"name": name})


# --- Markdown ------------------------------------------------------------------------------------

# Only what is markup and never words: "1." and "（一）" are the plan's own numbering and stay.
QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
HEADING = re.compile(r"^([ \t]{0,3})#{1,6}(?:[ \t]+|$)")
CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
BULLET = re.compile(r"^([ \t]*)[-*][ \t]+")
RULE = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def markdown_blocks(lines: list[str]) -> list[Block]:
    """Lines with their markup taken off, and the tables among them (``text_tables``)."""
    numbered = numbered_lines(lines)
    texts = without_struck([line.text for line in numbered])
    return with_tables(texts, [line.line for line in numbered], strip_markdown)


# A bold lead phrase and its colon opening a paragraph ("**整治背街小巷：**", "**X**：").
BOLD_LEAD = re.compile(r"^[ \u3000]*(\*\*|__)(?P<name>[^*_：:。]{2,30}?)(?:[：:]\1|\1[ \u3000]*[：:])")


# A field's label in Markdown's bold inside a line ("**牵头**：区教育局；**时限：**6月底前"), in a .md file or as
# its text keeps it once saved as .txt, pasted or put in Word.
MD_BOLD_LABEL_RE = re.compile(r"(\*\*|__)(?P<label>[^*_：:\s]{1,12}?)(?P<inside>[：:]?)\1(?P<after>[ \t\u3000]*[：:])?")


def plain_labels(text: str) -> str:
    """ "**牵头**：区教育局；**配合：**区住建局" → "牵头：区教育局；配合：区住建局": bold marks around a field's label
    are markup. A bold name that is no label ("**推进老旧小区改造：**完成…") keeps them: it names its item."""

    def plain(found: re.Match) -> str:
        colon = found.group("inside") or (found.group("after") or "").strip()
        label = LABEL_RE.match(found.group("label") + colon) if colon else None
        if label is None or label.end() != len(found.group("label") + colon):
            return found.group(0)
        return found.group("label") + found.group("inside") + (found.group("after") or "")

    return MD_BOLD_LABEL_RE.sub(plain, text) if "**" in text or "__" in text else text


# Markdown's strikethrough, "~~30组~~ 40组" (GitHub's, pandoc's, an online editor's export): text struck out in
# a revision, deleted. Two tildes each side, the text touching them; one tilde is a range ("3~5天", "1~2月").
# A struck sentence may run over a wrapped line (a PDF's), never over more than a few.
# A ~~ between two digits is a range typed with a doubled tilde ("每期3~~5天"), no mark.
_STRUCK_MARK = r"(?:(?<!\d)~~|~~(?!\d))"
STRUCK = re.compile(rf"{_STRUCK_MARK}(?=[^~\s])[^~]{{0,400}}?(?<=[^~\s]){_STRUCK_MARK}")
STRUCK_LINES = 3
# What a line struck whole leaves: its list or quote marks, its bold marks, its number ("3. ~~新增…~~").
_STRUCK_LEFT = re.compile(r"^(?:[ \t\u3000]*(?:[-*+>][ \t\u3000]+|>))*|[*_ \t\u3000]+")


def without_struck(texts: list[str]) -> list[str]:
    """ "牵头：~~街道社会事务办~~ 街道经济发展办" → "牵头： 街道经济发展办": struck text is deleted text, the text
    after it what replaced it. A line struck whole, its number too, is no line ("3. ~~新增社区食堂3家。…~~"),
    and so are the lines a struck sentence wraps over. One string per line, as many as given."""
    if not any("~~" in text for text in texts):
        return texts
    if any("\n" in text for text in texts):
        # A cell's or a paragraph's own lines, each text on its own: a struck text never runs into the next.
        return ["\n".join(without_struck(text.split("\n"))).strip("\n") for text in texts]
    joined = "\n".join(texts)
    struck: set[int] = set()

    def delete(found: re.Match) -> str:
        breaks = found.group(0).count("\n")
        if breaks > STRUCK_LINES:
            return found.group(0)
        first = joined.count("\n", 0, found.start())
        struck.update(range(first, first + breaks + 1))
        return "\n" * breaks

    lines = STRUCK.sub(delete, joined).split("\n")
    for index in struck:
        rest = _STRUCK_LEFT.sub("", lines[index])
        if not rest or lone(rest):
            lines[index] = ""
    return lines


def strip_markdown(line: str) -> str:
    if RULE.match(line):
        return ""
    line = QUOTE.sub("", line)
    heading = HEADING.match(line)
    if heading:
        line = CLOSING_HASHES.sub("", heading.group(1) + line[heading.end() :])
    line = BULLET.sub(r"\1", line)
    line = plain_labels(line)
    lead = BOLD_LEAD.match(line)
    if lead:
        # "**推进老旧小区改造：**完成…": the bold names the paragraph, an item of its own (see the parser).
        return lead.group(0) + EMPHASIS.sub(r"\2", line[lead.end() :])
    return EMPHASIS.sub(r"\2", line)
