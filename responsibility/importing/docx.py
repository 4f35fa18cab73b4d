"""Word (.docx): the body's paragraphs and tables, in the order they appear on the page.

Each block of the body (a paragraph or a table) has a 1-based position, and that position is the
``line`` of what comes out of it, so the review page can say "第 12 段". A soft line break (Shift+Enter,
``w:br``) inside a paragraph makes separate ``Line``s that share the paragraph's position: authors use
it like Enter, e.g. an item and its "牵头单位：……" on the next visual line, and the parser reads lines.
A page or column break is no text at all. A number that Word draws itself (automatic numbering,
"一、" or "1." that the author never typed) is put in front of its paragraph's text, as it shows on
the page, followed by its tab or space. Headers, footers, footnotes and comments are not the body
and are left out; so is the text of text boxes and shapes (``w:txbxContent``), which in these
documents holds stamps and page decorations rather than items.

Call this through ``readers.read``: it looks inside the package for zip bombs first.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import docx
from django.utils.translation import gettext as _
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.table import Table as DocxTable
from docx.table import _Row
from lxml import etree

from .document import Block, ImportRejected, Line, Source, Table

logger = logging.getLogger(__name__)

# Content controls and custom XML wrap whole paragraphs in documents made from templates; the text
# inside them is body text all the same.
WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}

# python-docx's Paragraph.text reads only runs that are direct children or in hyperlinks, and so
# loses text in tracked insertions (w:ins), smart tags (dates in older Word), inline content
# controls and simple fields. Every run of the paragraph counts, except deleted or moved-away text,
# ruby annotations and the paragraphs of text boxes anchored in it, and struck text: a revision written
# in strikethrough (w:strike, w:dstrike), the old words struck and the new after them, as an online
# document's Markdown writes ~~…~~ (``text.without_struck``).
_IN_USE = "ancestor::w:txbxContent or ancestor::w:del or ancestor::w:moveFrom or ancestor::w:rt"
_STRUCK = "w:rPr/*[self::w:strike or self::w:dstrike][not(@w:val = '0' or @w:val = 'false' or @w:val = 'off')]"
RUNS = f".//w:r[not({_IN_USE}) and not({_STRUCK})]"
STRUCK_RUNS = f".//w:r[not({_IN_USE}) and {_STRUCK}]/w:t"


def read_document(name: str, data: bytes) -> Source:
    """The document's body as blocks: a Line per paragraph (per soft-broken line), a Table per table."""
    document = _open(name, data)
    try:
        blocks = _blocks(document)
    except (ValueError, KeyError, IndexError, etree.LxmlError) as exc:
        # python-docx trips over inconsistencies that Word repairs silently, e.g. a vertical merge that
        # continues from a row that is not there.
        logger.warning("Unreadable .docx %r", name, exc_info=True)
        raise ImportRejected(corrupt_message(name)) from exc
    return Source(name=name, kind="docx", blocks=blocks)


def _blocks(document: docx.document.Document) -> list[Block]:
    numbers = ListNumbers(document)
    blocks: list[Block] = []
    for position, element in enumerate(block_elements(document.element.body), 1):
        if isinstance(element, CT_Tbl):
            blocks.append(Table(rows=table_rows(element, numbers), line=position, merges_filled=True))
        else:
            text = _labelled_text(element, numbers)
            blocks.extend(Line(line, position) for line in text.split("\n"))
    return blocks


def block_elements(parent) -> Iterator[CT_P | CT_Tbl]:
    """The paragraphs and tables directly in ``parent`` (a body or a cell), in document order."""
    for child in parent.iterchildren():
        if isinstance(child, CT_P | CT_Tbl):
            yield child
        elif child.tag in WRAPPERS:
            yield from block_elements(child)


def paragraph_text(paragraph: CT_P) -> str:
    return "".join(run.text for run in paragraph.xpath(RUNS))


def _labelled_text(paragraph: CT_P, numbers: ListNumbers) -> str:
    """The paragraph's list number and text; a paragraph struck whole is no paragraph, its number none (a
    task struck out in a revision), though its list counts it as Word does."""
    label = numbers.label(paragraph)
    text = paragraph_text(paragraph)
    return "" if not text.strip() and paragraph.xpath(STRUCK_RUNS) else label + text


def table_rows(tbl: CT_Tbl, numbers: ListNumbers) -> list[list[str]]:
    """Cell texts on the table's grid, as ``xlsx.read_workbook`` gives a sheet's.

    A horizontally merged cell gives its text once, "" in the other columns it spans, so a heading
    row merged across the table keeps its text in the first column. A vertically merged cell gives
    its text in every row it spans: a 牵头领导 merged over three items leads all three, and a 序号
    and 工作任务 merged over two rows mark the second row as more of the same item (see tables.py).
    python-docx hands back the same cell for both kinds of merge; its ``w:tc`` tells them apart.
    """
    texts: dict[CT_Tc, str] = {}
    return [_row_texts(row, texts, numbers) for row in DocxTable(tbl, None).rows]


def _row_texts(row: _Row, texts: dict[CT_Tc, str], numbers: ListNumbers) -> list[str]:
    # A row may start a few grid columns in (w:gridBefore); padding keeps its cells under their headers.
    # The dict holds the elements themselves, not their ids: lxml may recycle a proxy nobody holds.
    out = [""] * row.grid_cols_before
    in_row: set[CT_Tc] = set()
    for cell in row.cells:
        tc = cell._tc
        if tc not in texts:
            texts[tc] = cell_text(tc, numbers)
        out.append("" if tc in in_row else texts[tc])
        in_row.add(tc)
    return out


def cell_text(tc: CT_Tc, numbers: ListNumbers) -> str:
    """The cell's paragraphs joined by "\\n"; a table nested in the cell as tab-separated rows."""
    parts = []
    for element in block_elements(tc):
        if isinstance(element, CT_Tbl):
            parts.extend("\t".join(row) for row in table_rows(element, numbers))
        else:
            parts.append(_labelled_text(element, numbers))
    return "\n".join(parts)


def _open(name: str, data: bytes) -> docx.document.Document:
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors … for a bad package
        raise ImportRejected(corrupt_message(name)) from exc


def corrupt_message(name: str) -> str:
    return _("文件“%(name)s”已损坏，无法读取（不是有效的 Word 文档）。") % {"name": name}


# --- Word's automatic numbering ------------------------------------------------------------------

NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
LEVEL_REF = re.compile(r"%([1-9])")
SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}
CHINESE_DIGITS = "〇一二三四五六七八九"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"))
ROMAN += ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


class ListNumbers:
    """The numbers Word draws in front of list paragraphs, counted in document order.

    An "一、" or "（一）" made with automatic numbering is in no run of the paragraph: Word computes it
    from numbering.xml when it lays out the page. The parser finds the outline by those numbers, so
    they are computed here as Word does: one counter per list (abstract numbering), a level counts
    up each time it is used, and using a level starts every deeper level afresh.
    """

    def __init__(self, document: docx.document.Document) -> None:
        self._numbering = _numbering_root(document)
        self._styles = document.styles.element
        self._counts: dict[str, dict[int, int]] = {}
        self._restarted: set[tuple[str, int]] = set()

    def label(self, paragraph: CT_P) -> str:
        """The number Word shows before ``paragraph`` with what follows it (tab, space), or ""."""
        if self._numbering is None:
            return ""
        num_id, level, style_id = self._numbering_of(paragraph)
        num = _first(self._numbering, "w:num[@w:numId=$id]", id=num_id) if num_id not in ("", "0") else None
        abstract_id = _value(num, "w:abstractNumId") if num is not None else ""
        abstract = _first(self._numbering, "w:abstractNum[@w:abstractNumId=$id]", id=abstract_id)
        if num is None or abstract is None:
            return ""
        if level is None:
            level = _int(_value(abstract, "w:lvl[w:pStyle/@w:val=$style]/@w:ilvl", style=style_id), 0)
        levels = _Levels(num, abstract)
        counts = self._count(num_id, abstract_id, levels, level)
        # A bullet is decoration, as a Markdown "- " is; a list defined through a numbering style
        # (w:numStyleLink) has no levels of its own and is left without a number.
        if levels.format(level) in ("bullet", "none") or not levels.text(level):
            return ""
        text = LEVEL_REF.sub(lambda ref: levels.render(int(ref.group(1)) - 1, counts), levels.text(level))
        return text + SUFFIXES.get(levels.suffix(level), "\t")

    def _count(self, num_id: str, abstract_id: str, levels: _Levels, level: int) -> dict[int, int]:
        counts = self._counts.setdefault(abstract_id, {})
        override = levels.start_override(level)
        if override is not None and (num_id, level) not in self._restarted:
            # "重新开始编号" in Word makes a new w:num with a start override over the same list.
            self._restarted.add((num_id, level))
            counts[level] = override
        elif level in counts:
            counts[level] += 1
        else:
            counts[level] = levels.start(level)
        for deeper in [known for known in counts if known > level]:
            del counts[deeper]
        return counts

    def _numbering_of(self, paragraph: CT_P) -> tuple[str, int | None, str]:
        """numId and level, from the paragraph or else from its style (heading styles carry lists)."""
        num_id = _value(paragraph, "w:pPr/w:numPr/w:numId/@w:val")
        level = _value(paragraph, "w:pPr/w:numPr/w:ilvl/@w:val")
        style_id = _value(paragraph, "w:pPr/w:pStyle/@w:val")
        for style in self._style_chain(style_id):
            num_id = num_id or _value(style, "w:pPr/w:numPr/w:numId/@w:val")
            level = level or _value(style, "w:pPr/w:numPr/w:ilvl/@w:val")
        return num_id, _int(level, None), style_id

    def _style_chain(self, style_id: str) -> Iterator:
        for _depth in range(10):  # basedOn may loop in a damaged file
            style = _first(self._styles, "w:style[@w:styleId=$id]", id=style_id) if style_id else None
            if style is None:
                return
            yield style
            style_id = _value(style, "w:basedOn/@w:val")


class _Levels:
    """The level definitions of one list instance: its own overrides first, then the abstract list's."""

    def __init__(self, num, abstract) -> None:
        self._num = num
        self._abstract = abstract

    def _get(self, level: int, path: str) -> str:
        own = _value(self._num, f"w:lvlOverride[@w:ilvl=$level]/w:lvl/{path}", level=str(level))
        return own or _value(self._abstract, f"w:lvl[@w:ilvl=$level]/{path}", level=str(level))

    def start(self, level: int) -> int:
        # The schema's default is 0, but a Chinese list that starts at "〇、" is never what was meant.
        return _int(self._get(level, "w:start/@w:val"), 1)

    def start_override(self, level: int) -> int | None:
        value = _value(self._num, "w:lvlOverride[@w:ilvl=$level]/w:startOverride/@w:val", level=str(level))
        return _int(value, None)

    def format(self, level: int) -> str:
        return self._get(level, "w:numFmt/@w:val") or "decimal"

    def text(self, level: int) -> str:
        return self._get(level, "w:lvlText/@w:val")

    def suffix(self, level: int) -> str:
        return self._get(level, "w:suff/@w:val") or "tab"

    def render(self, level: int, counts: dict[int, int]) -> str:
        return format_number(counts.get(level, self.start(level)), self.format(level))


def format_number(value: int, number_format: str) -> str:
    """``value`` as Word writes it in ``number_format`` (ST_NumberFormat); unknown formats as digits."""
    if number_format in ("chineseCounting", "chineseCountingThousand", "japaneseCounting"):
        return chinese_counting(value)
    if number_format == "ideographDigital":
        return "".join(CHINESE_DIGITS[int(digit)] for digit in str(value))
    if number_format == "ideographTraditional" and 1 <= value <= len(HEAVENLY_STEMS):
        return HEAVENLY_STEMS[value - 1]
    if number_format == "ideographZodiac" and 1 <= value <= len(EARTHLY_BRANCHES):
        return EARTHLY_BRANCHES[value - 1]
    if number_format in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if number_format == "decimalEnclosedParen" and 1 <= value <= 20:
        return chr(0x2474 + value - 1)
    if number_format == "decimalEnclosedFullstop" and 1 <= value <= 20:
        return chr(0x2488 + value - 1)
    if number_format in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(digit) + 0xFEE0) for digit in str(value))
    if number_format in ("lowerLetter", "upperLetter") and value >= 1:
        letter = "abcdefghijklmnopqrstuvwxyz"[(value - 1) % 26] * ((value - 1) // 26 + 1)
        return letter.upper() if number_format == "upperLetter" else letter
    if number_format in ("lowerRoman", "upperRoman") and value >= 1:
        return roman(value).upper() if number_format == "upperRoman" else roman(value)
    if number_format == "decimalZero":
        return f"{value:02d}"
    return str(value)


def chinese_counting(value: int) -> str:
    """一 … 十, 十一, 二十, 九十九; from 100 on digit by digit, as lists never get that long."""
    if not 1 <= value <= 99:
        return "".join(CHINESE_DIGITS[int(digit)] for digit in str(value))
    tens, units = divmod(value, 10)
    prefix = "" if tens == 0 else ("十" if tens == 1 else CHINESE_DIGITS[tens] + "十")
    return prefix + (CHINESE_DIGITS[units] if units else "")


def roman(value: int) -> str:
    out = ""
    for amount, numeral in ROMAN:
        count, value = divmod(value, amount)
        out += numeral * count
    return out


def _numbering_root(document: docx.document.Document):
    try:
        return document.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        return None


# Values from the file go into XPath as variables, never pasted in: a style id may hold a quote.
def _first(element, path: str, **variables: str):
    found = etree._Element.xpath(element, path, namespaces=NS, **variables)
    return found[0] if found else None


def _value(element, path: str, **variables: str) -> str:
    """The first attribute ``path`` finds (``w:val`` when the path names an element), or ""."""
    if element is None:
        return ""
    if not path.rsplit("/", 1)[-1].startswith("@"):
        path += "/@w:val"
    found = etree._Element.xpath(element, path, namespaces=NS, **variables)
    return str(found[0]) if found else ""


def _int(value: str, default: int | None) -> int | None:
    try:
        return int(value)
    except ValueError:
        return default
