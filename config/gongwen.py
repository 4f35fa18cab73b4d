"""The 公文 format (GB/T 9704-2012 党政机关公文格式) of every Word document the product writes.

One place for the page (A4, the standard's margins), the fonts (方正小标宋简体 title, 仿宋_GB2312 body,
黑体 and 楷体_GB2312 headings), the line pitch, the 文号 line, the page numbers (— 1 —) and the
issuer and date at the end, so that the annual report, the quarterly summary and the 督办通知单 come
out as documents of one office, ready to print or to finish in Word or WPS.

Offices rarely have every font the standard names (方正小标宋 is a commercial font; current Windows
has 仿宋 rather than 仿宋_GB2312; a Mac has 华文仿宋): the document's font table lists the usual
stand-ins for each (``w:altName``), which Word tries in order before guessing from the metrics.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, replace

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree


@dataclass(frozen=True)
class Font:
    name: str
    fallbacks: tuple[str, ...]
    size: float  # points: 二号 22, 三号 16, 四号 14


TITLE = Font("方正小标宋简体", ("方正小标宋_GBK", "小标宋", "华文中宋", "STZhongsong", "宋体", "SimSun"), 22)
BODY = Font("仿宋_GB2312", ("仿宋", "FangSong", "STFangsong", "华文仿宋"), 16)
HEADING = Font("黑体", ("SimHei", "STHeiti", "Heiti SC"), 16)  # 一、
SUBHEADING = Font("楷体_GB2312", ("楷体", "KaiTi", "STKaiti", "华文楷体"), 16)  # （一）
TABLE = replace(BODY, size=14)
TABLE_HEADER = replace(HEADING, size=14)
PAGE_NUMBER = Font("宋体", ("SimSun", "STSong", "华文宋体"), 14)  # 4号半角宋体阿拉伯数字

PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)  # A4
TOP, BOTTOM, LEFT, RIGHT = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
# 22 lines on the 225 mm text block: 28.95 pt. A round 29 pt would fit only 21.
LINE_PITCH = Pt(28.95)
CHARACTER = BODY.size  # one character of body text in points, the unit the standard indents by
# The page number sits 7 mm below the text block: the footer's distance from the page's bottom edge.
FOOTER_DISTANCE = Cm(2.2)
HEADING_STYLES = {1: ("Heading 1", HEADING), 2: ("Heading 2", SUBHEADING)}


def date_cn(day: datetime.date, year: bool = True) -> str:
    """2026年3月5日: the standard's 成文日期, in Arabic numerals."""
    return f"{day.year}年{day.month}月{day.day}日" if year else f"{day.month}月{day.day}日"


class Document:
    """A Word document in the 公文 format; paragraphs are added in reading order, ``save`` gives the file.

    Every run names its font (including ``w:eastAsia``, which python-docx's ``font.name`` leaves
    out) and the styles name them too, so that text typed into the draft later looks the same.
    """

    def __init__(self, *, title: str = "", author: str = "") -> None:
        self.document = docx.Document()
        self._page()
        self._styles()
        self._font_table()
        self._page_numbers()
        properties = self.document.core_properties
        properties.title, properties.author, properties.last_modified_by = title, author, author
        properties.created = properties.modified = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)

    # --- the parts of a document ------------------------------------------------------------------

    def title(self, text: str, number: str = "") -> None:
        """The title in 方正小标宋 二号, centred; under it the 文号 (督〔2026〕12号) where there is one;
        then a blank line."""
        paragraph = self._paragraph(text, TITLE, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        if number:
            paragraph = self._paragraph(number, BODY, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        paragraph.paragraph_format.space_after = LINE_PITCH

    def addressee(self, text: str) -> None:
        """主送机关: flush left, ending in a full-width colon."""
        self._paragraph(text, BODY, indent=False)

    def heading(self, text: str, level: int) -> None:
        """一、 in 黑体 (level 1), （一） in 楷体 (level 2), indented two characters like the body."""
        style, font = HEADING_STYLES[level]
        self._paragraph(text, font, style=style)

    def paragraph(self, text: str, *, indent: bool = True):
        return self._paragraph(text, BODY, indent=indent)

    def note(self, text: str) -> None:
        """A line for the office to replace, highlighted so that it is not sent as it stands."""
        paragraph = self._paragraph("", BODY, indent=False)
        run = paragraph.add_run(text)
        _set_font(run, BODY)
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def table(self, header: list[str], rows: list[list[object]]) -> None:
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            self._cell(cell, text, TABLE_HEADER)
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                self._cell(cell, str(value), TABLE)

    def signature(self, issuer: str, day: datetime.date) -> None:
        """The issuer over the date, a blank line below the text: the date four characters from the
        right margin, the issuer centred over it (成文日期右空四字，发文机关署名以成文日期为准居中)."""
        date = date_cn(day)
        self.paragraph("", indent=False)
        from_right = 4 * CHARACTER + (_width(date) - _width(issuer)) / 2
        for text, right in ((issuer, max(from_right, 0)), (date, 4 * CHARACTER)):
            paragraph = self._paragraph(text, BODY, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
            paragraph.paragraph_format.right_indent = Pt(right)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    # --- paragraphs and runs ----------------------------------------------------------------------

    def _paragraph(self, text: str, font: Font, *, style: str | None = None, indent: bool = True, align=None):
        paragraph = self.document.add_paragraph(style=style)
        if text:
            _set_font(paragraph.add_run(text), font)
        if not indent:
            paragraph.paragraph_format.first_line_indent = Pt(0)
        if align is not None:
            paragraph.alignment = align
        return paragraph

    @staticmethod
    def _cell(cell, text: str, font: Font) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(paragraph.add_run(text), font)

    # --- the layout -------------------------------------------------------------------------------

    def _page(self) -> None:
        for section in self.document.sections:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
            section.top_margin, section.bottom_margin = TOP, BOTTOM
            section.left_margin, section.right_margin = LEFT, RIGHT
            section.footer_distance = FOOTER_DISTANCE

    def _styles(self) -> None:
        styles = self.document.styles
        _document_defaults(styles.element)
        for name, font in (("Normal", BODY), *HEADING_STYLES.values()):
            style = styles[name]
            _set_font(style, font, bold=False)
            style.font.italic = False
            layout = style.paragraph_format
            layout.first_line_indent = Pt(2 * CHARACTER)
            layout.line_spacing = LINE_PITCH  # a length: exactly this pitch (固定值)
            layout.space_before = layout.space_after = Pt(0)
            layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def _font_table(self) -> None:
        """Each of our fonts with its stand-ins (comma-separated, tried in order) and the GB2312
        character set, for Word's substitution when the font itself is missing."""
        part = next(p for p in self.document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
        table = etree.fromstring(part.blob)
        for font in (TITLE, BODY, HEADING, SUBHEADING, PAGE_NUMBER):
            for old in table.findall(qn("w:font")):
                if old.get(qn("w:name")) == font.name:
                    table.remove(old)
            entry = etree.SubElement(table, qn("w:font"), {qn("w:name"): font.name})
            for tag, value in (("altName", ",".join(font.fallbacks)), ("charset", "86"), ("family", "modern")):
                etree.SubElement(entry, qn(f"w:{tag}"), {qn("w:val"): value})
            etree.SubElement(entry, qn("w:pitch"), {qn("w:val"): "fixed"})
        # The font table is a plain part to python-docx (no object model of its own): its bytes are it.
        part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)

    def _page_numbers(self) -> None:
        """— 1 — in 4号宋体: odd pages on the right, even pages on the left, one character in."""
        self.document.settings.odd_and_even_pages_header_footer = True
        for section in self.document.sections:
            for footer, align in (
                (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
            ):
                footer.is_linked_to_previous = False
                paragraph = footer.paragraphs[0]
                layout = paragraph.paragraph_format
                layout.first_line_indent = Pt(0)
                layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
                layout.right_indent = layout.left_indent = Pt(PAGE_NUMBER.size)
                paragraph.alignment = align
                _set_font(paragraph.add_run("— "), PAGE_NUMBER)
                _page_field(paragraph)
                _set_font(paragraph.add_run(" —"), PAGE_NUMBER)


def _set_font(target, font: Font, bold: bool | None = None) -> None:
    """Name ``font`` on a run or a style for Latin and Chinese text alike (w:eastAsia), without the
    theme fonts that would otherwise win."""
    target.font.name, target.font.size, target.font.bold = font.name, Pt(font.size), bold
    target.font.color.rgb = RGBColor(0, 0, 0)
    fonts = target.element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), font.name)
    fonts.set(qn("w:hint"), "eastAsia")


def _document_defaults(styles) -> None:
    """The defaults under every style: the body font, Chinese as the East Asian language, no theme
    fonts and no spacing after paragraphs (python-docx's template has Calibri, US English and 10 pt)."""
    run = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = run.find(qn("w:rFonts"))
    fonts.attrib.clear()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), BODY.name)
    for tag in ("w:sz", "w:szCs"):
        run.find(qn(tag)).set(qn("w:val"), str(int(BODY.size * 2)))
    language = run.find(qn("w:lang"))
    language.set(qn("w:eastAsia"), "zh-CN")
    spacing = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "0")


def _page_field(paragraph) -> None:
    """A PAGE field as Word writes one (begin, instruction, separator, the last value, end), which
    Word, WPS and LibreOffice all update when the document is opened or printed."""

    def run_with(element) -> None:
        run = paragraph.add_run()
        _set_font(run, PAGE_NUMBER)
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    value = OxmlElement("w:t")
    value.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instruction, separate, value, end):
        run_with(element)


def _width(text: str) -> float:
    """How wide ``text`` sets in body type, in points: a Chinese character a full em, a digit or a
    Latin letter half of one."""
    return sum(0.5 if character.isascii() else 1 for character in text) * BODY.size
