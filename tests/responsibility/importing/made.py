"""Documents the tests make themselves: a 公文-like .docx, the PDF, .doc or .wps LibreOffice makes
of it, and pictures of pages (a scan, a photo) drawn with Pillow in a Chinese font."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from tests.conftest import IN_CI

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


# --- what must be installed -----------------------------------------------------------------------


@cache
def _missing_libreoffice() -> str:
    if not shutil.which("soffice"):
        return "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
    return _missing_font()


@cache
def _missing_font() -> str:
    if not Path(FONT).exists():
        return f"no Chinese font at {FONT} (apt-get install fonts-wqy-microhei)"
    return ""


@cache
def _missing_ocr() -> str:
    from responsibility.importing import ocr

    if ocr.missing():
        return "Tesseract with Chinese is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
    return _missing_font()


def need(reason: str) -> None:
    if not reason:
        return
    if IN_CI:
        pytest.fail(f"CI=true and {reason}: this test must run in CI, not be skipped")
    pytest.skip(reason)


def need_libreoffice() -> None:
    need(_missing_libreoffice())


def need_ocr() -> None:
    need(_missing_ocr())


def need_font() -> None:
    need(_missing_font())


# --- Word and what LibreOffice makes of it --------------------------------------------------------


def official_docx(
    paragraphs: list[str],
    *,
    header: str = "",
    page_numbers: bool = True,
    table: list[list[str]] | None = None,
    tables: list[list[list[str]]] | None = None,
) -> bytes:
    """A document set the way offices set them: 16 pt text on a 28 pt line, first lines indented by
    two characters, no space between paragraphs; ``header`` on every page, "- N -" at the foot. Each
    "<table>" paragraph is ``table``, or the next of ``tables``."""
    tables = list(tables or [])
    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    style.font.name = "WenQuanYi Micro Hei"
    style.element.rPr.get_or_add_rFonts().set(qn("w:eastAsia"), "WenQuanYi Micro Hei")
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = Pt(28)
    style.paragraph_format.first_line_indent = Pt(32)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
        section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if page_numbers:
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("- ")
        footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
        footer.add_run(" -")
    for text in paragraphs:
        if text == "<table>" and (tables or table):
            _add_table(document, tables.pop(0) if tables else table)
        else:
            paragraph = document.add_paragraph(text)
            if text.startswith("<center>"):
                paragraph.text = text.removeprefix("<center>")
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.paragraph_format.first_line_indent = Pt(0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    # The header row repeats at the top of each page, as offices set long tables.
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    for cells, row in zip(rows, table.rows, strict=True):
        for text, cell in zip(cells, row.cells, strict=True):
            cell.text = text
            cell.paragraphs[0].paragraph_format.first_line_indent = Pt(0)


def convert(data: bytes, suffix: str, target: str) -> bytes:
    """``data`` (a file ending in ``suffix``) converted by LibreOffice to ``target`` ("pdf", "doc")."""
    need_libreoffice()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"source{suffix}"
        source.write_bytes(data)
        profile = Path(folder) / "profile"
        command = ["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", target]
        subprocess.run([*command, "--outdir", folder, str(source)], check=True, capture_output=True, timeout=120)
        return (Path(folder) / f"source.{target.split(':')[0]}").read_bytes()


def official_pdf(paragraphs: list[str], **options) -> bytes:
    return convert(official_docx(paragraphs, **options), ".docx", "pdf")


# --- pictures of pages ----------------------------------------------------------------------------


def page_image(paragraphs: list[str], *, size: int = 40, width: int = 1654, height: int = 2339):
    """A white A4 page at 200 dpi with ``paragraphs`` set as an office sets them: wrapped at even
    margins, first lines indented by two characters, "<center>" centred."""
    from PIL import Image, ImageDraw, ImageFont

    need_font()
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size)
    margin, top = 160, 180
    for text in paragraphs:
        centred = text.startswith("<center>")
        text = text.removeprefix("<center>")
        for index, line in enumerate(_wrapped(draw, font, text, width - 2 * margin, 0 if centred else 2 * size)):
            indent = 2 * size if index == 0 and not centred else 0
            x = (width - draw.textlength(line, font=font)) / 2 if centred else margin + indent
            draw.text((x, top), line, fill=0, font=font)
            top += int(size * 1.75)
    return image


def _wrapped(draw, font, text: str, room: float, indent: float) -> list[str]:
    lines, line = [], ""
    for char in text:
        if draw.textlength(line + char, font=font) > room - (indent if not lines else 0):
            lines.append(line)
            line = ""
        line += char
    return [*lines, line]


def scanned_pdf(pages: list[list[str]]) -> bytes:
    """A PDF of page images and no text at all, as a scanner makes it."""
    images = [page_image(lines) for lines in pages]
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=200, save_all=True, append_images=images[1:])
    return out.getvalue()


def photo(lines: list[str], kind: str = "PNG") -> bytes:
    out = io.BytesIO()
    page_image(lines).save(out, kind)
    return out.getvalue()


# --- a document of plain lines, in each form a clerk may hand it over ------------------------------


def docx_of(text: str) -> bytes:
    """A .docx with one paragraph a line of ``text``."""
    document = Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def readers(year: int):
    """(as_txt, as_paste, as_docx): ``text`` parsed for ``year`` as a GB18030 .txt, as pasted text
    and as a .docx of its lines."""
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read, read_pasted

    return (
        lambda text: parse(read("计划.txt", text.encode("gb18030")), year),
        lambda text: parse(read_pasted(text), year),
        lambda text: parse(read("计划.docx", docx_of(text)), year),
    )


def md_reader(year: int):
    """``text`` parsed for ``year`` as a Markdown file."""
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read

    return lambda text: parse(read("要点.md", text.encode("utf-8")), year)


def workbook_of(rows: list[list[str]]) -> bytes:
    """An .xlsx of one sheet holding ``rows``."""
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def table_readers(year: int) -> dict:
    """{"xlsx", "paste"}: ``rows`` parsed for ``year`` as a workbook and as its rows pasted, tab-separated."""
    from responsibility.importing.parse import parse
    from responsibility.importing.readers import read, read_pasted

    return {
        "xlsx": lambda rows: parse(read("清单.xlsx", workbook_of(rows)), year),
        "paste": lambda rows: parse(read_pasted("\n".join("\t".join(row) for row in rows)), year),
    }


def scan_of(pdf: bytes) -> bytes:
    """``pdf``'s pages as a scanner gives them: grey images at 200 dpi, no text layer."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    images = [page.render(scale=200 / 72, grayscale=True).to_pil() for page in document]
    document.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=200, save_all=True, append_images=images[1:])
    return out.getvalue()


def columns_image(lines: list[str | list[str]], stops: list[int], *, size: int = 40):
    """A white A4 page at 200 dpi: a text line for each string, and for each list of cells a row set
    out with tabs, as Word does with tab stops (each cell starting at its stop, in pixels); no rules."""
    from PIL import Image, ImageDraw, ImageFont

    need_font()
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size)
    top = 180
    for line in lines:
        cells = [line] if isinstance(line, str) else line
        for stop, cell in zip(stops, cells, strict=False):
            draw.text((stop, top), cell, fill=0, font=font)
        top += int(size * 1.75)
    return image


# --- what a parsed plan holds ---------------------------------------------------------------------


def leaves(plan) -> list:
    """The entries of ``plan`` with nothing under them: its items."""
    return plan.leaves()


def branches(plan) -> list:
    """The entries of ``plan`` with entries under them: its headings."""
    return [found for found, _depth in plan.walk() if found.children]
