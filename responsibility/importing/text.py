"""Plain text and Markdown: bytes to lines, whatever encoding the office's computer saved them in.

Windows in a Chinese office saves "ANSI" text as GBK; newer editors save UTF-8, Notepad sometimes with
a BOM, and "Unicode" in Notepad means UTF-16 with a BOM. GB18030 is a superset of GBK and GB2312, so
it stands in for all three. Every line is kept, empty ones too: a page break in the original often
left a sentence split across blank lines ("结合\\n\\n实际精准施策") and the parser has to see that.
"""

from __future__ import annotations

import codecs
import dataclasses
import re

from django.utils.translation import gettext as _

from .document import Block, ImportRejected, Line, Source, Table
from .fields import LABEL_RE
from .layout import CJK
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


def as_written(source: Source) -> Source:
    """``source`` as its author wrote it: without a scan's stray spaces, or a bilingual plan's translation."""
    return without_translations(without_stray_spaces(source))


# --- A scan's text layer --------------------------------------------------------------------------

# A scanned page's text layer (or a PDF set with letter-spacing) puts spaces the typist never typed between
# characters: "县 市场监管局 食 品生产股", "（ 三 ） 开 展 …", "2 0 2 4 年 1 2 月". Read as they stand, a unit's name
# falls apart at each space and "1 2 月" is February. A typed document has such a space now and then (a
# letterhead "县 委 办", a title "通 知"); a text layer has them everywhere, between Chinese characters or inside
# numbers (a PDF's own spacing drops the ones between Chinese characters and keeps those between digits).
IDEOGRAPH_GAP = re.compile("(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
IDEOGRAPH_PAIR = re.compile("[\u4e00-\u9fff](?=[\u4e00-\u9fff])")
# Between two lone digits ("2 0 2 4"), not between numbers a line sets apart ("森林覆盖率（%） 62 63 64").
DIGIT_GAP = re.compile("(?<=(?<![0-9])[0-9]) (?=[0-9](?![0-9]))")
DIGIT_PAIR = re.compile("[0-9](?=[0-9])")
# At least this many stray spaces, and this share of the neighbouring pairs of their kind set apart by one: a
# typed document's few (a letterhead, a spaced title, "1 2 3" in a sentence) stay far below both.
STRAY_SPACES = 8
STRAY_SHARE = 0.2
# One space (two or more line up fields or columns) between two characters of Chinese text: Chinese
# characters and punctuation, digits, and the marks that stand in such text ("100% 。", "互联网+ 明厨", "“互 联网").
CLOSED_UP = f"(?:{CJK.pattern}|[0-9“”‘’%+—…·])"
STRAY_SPACE = re.compile(f"(?<={CLOSED_UP}) (?={CLOSED_UP})")


def without_stray_spaces(source: Source) -> Source:
    """``source`` read as if the stray spaces of a text layer were not there, when it is one that has them
    throughout; any other source as it is (Latin words keep their spaces, and so does a run of spaces)."""
    if not _has_stray_spaces("\n".join(_texts(source))):
        return source
    return dataclasses.replace(source, blocks=[_closed_up(block) for block in source.blocks])


def _has_stray_spaces(text: str) -> bool:
    """Whether single spaces stand between Chinese characters, or inside numbers, throughout ``text``."""
    return _spread(text, IDEOGRAPH_GAP, IDEOGRAPH_PAIR) or _spread(text, DIGIT_GAP, DIGIT_PAIR)


def _spread(text: str, gap: re.Pattern, pair: re.Pattern) -> bool:
    """Whether ``gap`` stands between enough of the neighbouring pairs ``pair`` counts."""
    gaps = len(gap.findall(text))
    return gaps >= STRAY_SPACES and gaps >= STRAY_SHARE * (gaps + len(pair.findall(text)))


def _texts(source: Source):
    """Every line's text and every table cell's, in order."""
    for block in source.blocks:
        if isinstance(block, Line):
            yield block.text
        else:
            yield from (cell for row in block.rows for cell in row)


def _closed_up(block: Block) -> Block:
    """The block with the stray spaces of its text (its wraps, its cells) taken out."""
    if isinstance(block, Table):
        return dataclasses.replace(block, rows=[[STRAY_SPACE.sub("", cell) for cell in row] for row in block.rows])
    wraps = tuple(STRAY_SPACE.sub("", wrap) for wrap in block.wraps)
    return dataclasses.replace(block, text=STRAY_SPACE.sub("", block.text), wraps=wraps)


# --- A bilingual document ------------------------------------------------------------------------

# A plan written for foreign readers gives each line in Chinese, then in English: a heading or a label with
# its translation after it ("一、优化外商投资服务 I. Improving Services…", "牵头单位 Lead unit：投资促进局 Investment
# Promotion Bureau", "完成时限 / Deadline:"), a sentence with its translation on the next line. The Chinese is
# the plan; the translation is the same words again. A run of English after Chinese text, to a colon, a
# semicolon or the line's end, with a word of small letters in it (no "5G", "APP" or "PPP项目", and no English
# word inside a Chinese sentence, "使用Python开发"), or at a line's start before a semicolon (a wrapped name).
TRANSLATION = re.compile(
    rf"(?:(?<={CJK.pattern})|^)[ \t]*(?:/[ \t]*)?(?=[A-Za-z0-9 ,.'’&/()\-\"]*[a-z]{{2}})"
    rf"[A-Za-z][A-Za-z0-9 ,.'’&/()\-\"]*(?=[：:；;]|$)"
)
ENGLISH_LINE = re.compile(rf"^(?!.*{CJK.pattern})(?=.*[A-Za-z][a-z]).*$")
# Lines carrying a translation after their Chinese text, at least so many and, with the lines all in
# English, this share of the lines: an ordinary plan has one now and then ("长者模式 | English" on a portal).
TRANSLATED_LINES = 4
TRANSLATED_SHARE = 0.3


def without_translations(source: Source) -> Source:
    """``source`` without the English translation of its lines, when it gives one throughout: lines all in
    English are left blank (there, but no words of the plan), a translation after Chinese words is taken off;
    any other source as it is."""
    lines = [block for block in source.blocks if isinstance(block, Line) and block.text.strip()]
    translated = sum(1 for line in lines if _translated(line.text))
    english = sum(1 for line in lines if _english(line.text))
    if translated < TRANSLATED_LINES or translated + english < TRANSLATED_SHARE * len(lines):
        return source
    blocks: list[Block] = []
    for block in source.blocks:
        if isinstance(block, Table):
            blocks.append(dataclasses.replace(block, rows=[[_chinese(cell) for cell in row] for row in block.rows]))
        elif _wrapped_translation(block) and blocks and isinstance(blocks[-1], Line) and blocks[-1].text.strip():
            # "-配合单位：经济发展局Economic" / "Development Bureau；财政金融局": the translation wrapped the line.
            blocks[-1] = dataclasses.replace(blocks[-1], text=blocks[-1].text + _chinese(block.text).strip())
        elif _english(block.text):
            blocks.append(dataclasses.replace(block, text="", wraps=()))
        else:
            wraps = tuple(_chinese(wrap) for wrap in block.wraps)
            blocks.append(dataclasses.replace(block, text=_chinese(block.text), wraps=wraps))
    return dataclasses.replace(source, blocks=blocks)


def _english(text: str) -> bool:
    return ENGLISH_LINE.match(text.strip()) is not None


def _translated(text: str) -> bool:
    """Whether Chinese text carries a translation."""
    return TRANSLATION.search(text.strip()) is not None and not _english(text)


def _wrapped_translation(line: Line) -> bool:
    """Whether the line opens with the end of a translation that wrapped, Chinese text after it."""
    return _translated(line.text) and TRANSLATION.match(line.text.strip()) is not None


def _chinese(text: str) -> str:
    """The text without the translations after its Chinese words; text all in English as it is."""
    if _english(text):
        return text
    return TRANSLATION.sub("", text.rstrip())


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
    return with_tables([line.text for line in numbered], [line.line for line in numbered], strip_markdown)


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
