"""A Word document read back as a 公文 (GB/T 9704): what every document the product writes must be.

Read from the file's XML as Word and WPS read it: the page of every section, the font each run
names for Chinese text (``w:eastAsia``), the page-number field in the footers, the stand-ins the font
table offers for fonts a computer lacks.
"""

from __future__ import annotations

import datetime
import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from lxml import etree

TITLE, BODY, HEADING, SUBHEADING = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"


def opened(data: bytes):
    return docx.Document(io.BytesIO(data))


def east_asian(run) -> str | None:
    """The font a run names for Chinese text (its own, not a style's)."""
    properties = run._r.rPr
    fonts = properties.rFonts if properties is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def fonts_of(paragraph) -> set[tuple[str | None, float | None]]:
    return {(east_asian(run), run.font.size.pt if run.font.size else None) for run in paragraph.runs if run.text}


def fallbacks(document, font: str) -> list[str]:
    part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    table = etree.fromstring(part.blob)
    for entry in table.findall(qn("w:font")):
        if entry.get(qn("w:name")) == font:
            alternatives = entry.find(qn("w:altName"))
            return alternatives.get(qn("w:val")).split(",") if alternatives is not None else []
    raise AssertionError(f"{font} is not in the font table")


def page_number_footers(section) -> list[str]:
    """The odd and even pages' footers as Word shows them, the PAGE field standing as its value."""
    shown = []
    for footer in (section.footer, section.even_page_footer):
        element = footer._element
        instructions = [node.text.strip() for node in element.iter(qn("w:instrText"))]
        assert instructions == ["PAGE"], f"no page-number field in the footer: {instructions}"
        shown.append("".join(node.text for node in element.iter(qn("w:t"))))
    return shown


def assert_gongwen(document, *, title: str, number: str = "", issuer: str, day: datetime.date) -> None:
    """A4 with the standard's margins on every section, the title in 方正小标宋 二号, the 文号 (if
    any) under it, body text in 仿宋_GB2312 三号 at a fixed pitch, headings in 黑体 and 楷体, page
    numbers (— 1 —) in the footers, the issuer and the date at the end, stand-ins for every font."""
    for section in document.sections:
        assert (round(section.page_width.mm, 1), round(section.page_height.mm, 1)) == (210.0, 297.0)
        margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        assert [round(margin.mm, 1) for margin in margins] == [37.0, 35.0, 28.0, 26.0]
        assert page_number_footers(section) == ["— 1 —", "— 1 —"]
    assert document.settings.odd_and_even_pages_header_footer  # odd pages' numbers right, even pages' left

    paragraphs = [p for p in document.paragraphs if p.text]
    head = paragraphs[0]
    assert head.text == title and fonts_of(head) == {(TITLE, 22)}
    assert head.alignment == WD_ALIGN_PARAGRAPH.CENTER
    if number:
        assert paragraphs[1].text == number and fonts_of(paragraphs[1]) == {(BODY, 16)}
    *text, signed, dated = paragraphs[1 + bool(number) :]
    assert [signed.text, dated.text] == [issuer, f"{day.year}年{day.month}月{day.day}日"]
    assert {signed.alignment, dated.alignment} == {WD_ALIGN_PARAGRAPH.RIGHT}
    expected = {"Normal": BODY, "Heading 1": HEADING, "Heading 2": SUBHEADING}
    for paragraph in [*text, signed, dated]:
        assert fonts_of(paragraph) == {(expected[paragraph.style.name], 16)}, paragraph.text

    normal = document.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY and 28 <= normal.line_spacing.pt <= 29
    for font, stand_ins in ((BODY, {"仿宋", "FangSong", "STFangsong"}), (TITLE, {"宋体", "SimSun"})):
        assert stand_ins <= set(fallbacks(document, font))
    assert {"SimHei"} <= set(fallbacks(document, HEADING)) and {"KaiTi"} <= set(fallbacks(document, SUBHEADING))
