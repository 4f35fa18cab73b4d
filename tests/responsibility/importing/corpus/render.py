"""The same document as an office receives it: pasted, as Word (paragraphs, tables as Word tables,
set like an official document), as the PDF LibreOffice makes of that, and as a scan of the PDF."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from .documents import Document

FONT_NAME = "WenQuanYi Micro Hei"
# Bump when the Word or PDF rendering changes, so that cached PDFs are made again.
RENDERING = "6"


def own_formats(doc: Document) -> list[str]:
    """The forms a document is imported in without LibreOffice: its own file, pasted, Word."""
    own = {"text": ["txt"], "md": ["md", "txt"], "sheet": ["xlsx"]}[doc.kind]
    return [*own, "paste", "docx"]


def formats_of(doc: Document, extra: tuple[str, ...] = ()) -> list[str]:
    """Every form of ``doc`` measured: PDF once the importer reads PDFs, and any of ``extra``
    ("scan") asked for. Both need LibreOffice to make the PDF."""
    found = own_formats(doc)
    if pdf_supported():
        found.append("pdf")
    return found + [kind for kind in extra if kind not in found]


def blocks_of_text(text: str) -> list[str | list[list[str]]]:
    """A text's paragraphs and tables, as a Word document would hold them: runs of tab-separated or
    pipe (|) lines become tables; a Markdown heading's # marks go; blank lines go."""
    blocks: list[str | list[list[str]]] = []
    table: list[list[str]] = []
    for raw in _clipboard_lines(text):
        line = raw.rstrip("\r\n")
        cells = _table_cells(line)
        if cells is not None:
            if cells:
                table.append(cells)
            continue
        if table:
            blocks.append(table)
            table = []
        if line.strip():
            blocks.append(re.sub(r"^#{1,6}\s+", "", line.strip()))
    if table:
        blocks.append(table)
    return blocks


def _clipboard_lines(text: str) -> list[str]:
    """The text's lines, a tab row whose quoted cell holds line breaks kept as one line: Excel puts
    such a cell on the clipboard between double quotes, its line breaks inside them (d135)."""
    lines: list[str] = []
    pending: str | None = None
    for raw in text.splitlines():
        if pending is not None:
            pending += "\n" + raw
            if raw.count('"') % 2:
                lines.append(pending)
                pending = None
        elif "\t" in raw and raw.count('"') % 2:
            pending = raw
        else:
            lines.append(raw)
    return lines if pending is None else [*lines, pending]


def _cell(text: str) -> str:
    """A pasted cell's text; a quoted multi-line cell without its quotes, as Word's cell holds it."""
    text = text.strip()
    if "\n" in text and len(text) > 1 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text


def _table_cells(line: str) -> list[str] | None:
    """The cells of a table line; [] for a Markdown |---| line; None for a paragraph."""
    if "\t" in line:
        return [_cell(cell) for cell in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
        cells = [cell.strip() for cell in stripped[1:-1].split("|")]
        # Markdown's alignment row is any run of hyphens per cell, colons at either end (":-:" too);
        # "<br>" breaks a cell's line, as a Word table made from the Markdown holds it.
        if all(re.fullmatch(r":?-+:?", cell) for cell in cells):
            return []
        return [re.sub(r"<br\s*/?>", "\n", cell, flags=re.IGNORECASE) for cell in cells]
    return None


def docx_bytes(doc: Document) -> bytes:
    """The document as an office sets it in Word: 16 pt on a 28 pt line, first lines indented, page
    numbers "- N -" at the foot; tables as Word tables (a workbook's merged cells merged)."""
    document_ = _word_document()
    if doc.kind == "sheet":
        module = doc.builder()
        header = getattr(module, "HEADER_ROW", 1)
        for row in module.ROWS[: header - 1]:
            # The rows above the header (a title merged across) as paragraphs: their first filled
            # cell, which is not column A where the sheet leaves A empty.
            document_.add_paragraph(next((str(value) for value in row if value not in (None, "")), ""))
        _word_table(document_, module.ROWS[header - 1 :], module.MERGES, header - 1)
    else:
        for block in blocks_of_text(doc.text()):
            if isinstance(block, str):
                document_.add_paragraph(block)
            else:
                _word_table(document_, block, [], 0)
    out = io.BytesIO()
    document_.save(out)
    return out.getvalue()


def _word_document():
    from docx import Document as WordDocument
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Pt

    document_ = WordDocument()
    style = document_.styles["Normal"]
    style.font.size = Pt(16)
    style.font.name = FONT_NAME
    style.element.rPr.get_or_add_rFonts().set(qn("w:eastAsia"), FONT_NAME)
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = Pt(28)
    style.paragraph_format.first_line_indent = Pt(32)
    footer = document_.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("- ")
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" -")
    return document_


def _word_table(document_, rows: list[list], merges: list[str], offset: int) -> None:
    """``rows`` as a Word table; ``merges`` are Excel ranges of the sheet, whose rows start ``offset``
    rows above the table's first row."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from docx.shared import Pt
    from openpyxl.utils import range_boundaries

    from .sheets import covered

    width = max(len(row) for row in rows)
    table = document_.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.autofit = False
    if width >= 6:
        _landscape(document_)
    table.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    hidden = covered(merges)
    for r, row in enumerate(rows):
        for c in range(width):
            value = row[c] if c < len(row) else ""
            if (r + offset + 1, c + 1) in hidden or value is None:
                value = ""
            cell = table.cell(r, c)
            cell.text = str(value)
            cell.paragraphs[0].paragraph_format.first_line_indent = Pt(0)
    _column_widths(document_, table, rows, width)
    for merged in merges:
        min_col, min_row, max_col, max_row = range_boundaries(merged)
        if min_row - 1 - offset < 0:
            continue
        first = table.cell(min_row - 1 - offset, min_col - 1)
        merged_cell = first.merge(table.cell(max_row - 1 - offset, max_col - 1))
        # Merging keeps each cell's (empty) paragraph: drop them, or the row grows a line per cell.
        for paragraph in merged_cell.paragraphs[1:]:
            if not paragraph.text:
                paragraph._p.getparent().remove(paragraph._p)


def _landscape(document_) -> None:
    """Wide tables are set on a landscape page, as offices print their 分解表."""
    from docx.enum.section import WD_ORIENT

    section = document_.sections[0]
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def _column_widths(document_, table, rows: list[list], width: int) -> None:
    """Columns as wide as their longest text wants (up to a point), as a clerk drags them."""
    from docx.oxml.ns import qn

    section = document_.sections[0]
    room = section.page_width - section.left_margin - section.right_margin
    wants = [
        min(max((len(str(row[c])) for row in rows if c < len(row) and row[c] not in (None, "")), default=2), 24) + 2
        for c in range(width)
    ]
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    for c, want in enumerate(wants):
        share = int(room * want / sum(wants))
        grid[c].set(qn("w:w"), str(share // 635))  # EMU to twentieths of a point
        for cell in table.columns[c].cells:
            cell.width = share


@cache
def missing_libreoffice() -> str:
    if not shutil.which("soffice"):
        return "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
    return ""


def cache_dir() -> Path:
    root = os.environ.get("LUOSHI_CORPUS_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "luoshi-corpus"
    )
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _render_key(doc: Document) -> str:
    source = doc.text() if doc.kind != "sheet" else doc.path.read_text(encoding="utf-8") + doc.text()
    return hashlib.sha256(f"{RENDERING}\n{doc.name}\n{source}".encode()).hexdigest()[:16]


def pdf_bytes(doc: Document) -> bytes:
    """The PDF LibreOffice makes of ``docx_bytes(doc)``, kept in ``cache_dir()`` by content."""
    target = cache_dir() / f"{doc.name}-{_render_key(doc)}.pdf"
    if not target.exists():
        make_pdfs([doc])
    return target.read_bytes()


def make_pdfs(docs: list[Document]) -> None:
    """Every missing PDF of ``docs`` made in one LibreOffice run (it takes seconds to start)."""
    if missing_libreoffice():
        raise RuntimeError(missing_libreoffice())
    wanted = [(doc, cache_dir() / f"{doc.name}-{_render_key(doc)}.pdf") for doc in docs]
    wanted = [(doc, target) for doc, target in wanted if not target.exists()]
    if not wanted:
        return
    with tempfile.TemporaryDirectory() as folder:
        sources = []
        for doc, target in wanted:
            source = Path(folder) / f"{target.stem}.docx"
            source.write_bytes(docx_bytes(doc))
            sources.append(str(source))
        profile = Path(folder) / "profile"
        command = ["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf"]
        # LibreOffice now and then leaves a document of a long batch unconverted with no error (seen with several
        # batches running at once): what is missing is converted again on its own, and only then is it an error.
        for _attempt in range(3):
            missing = [source for source in sources if not Path(source).with_suffix(".pdf").exists()]
            if not missing:
                break
            ran = subprocess.run([*command, "--outdir", folder, *missing], capture_output=True, timeout=600)
        else:
            missing = [source for source in sources if not Path(source).with_suffix(".pdf").exists()]
            if missing:
                raise RuntimeError(f"LibreOffice made no PDF of {missing}: {ran.stderr.decode(errors='replace')}")
        for _doc, target in wanted:
            shutil.copyfile(Path(folder) / f"{target.stem}.pdf", target)


def scan_bytes(doc: Document) -> bytes:
    """The PDF's pages as a scanner gives them: grey images at 200 dpi, no text layer."""
    target = cache_dir() / f"{doc.name}-{_render_key(doc)}-scan.pdf"
    if not target.exists():
        import pypdfium2

        pdf = pypdfium2.PdfDocument(pdf_bytes(doc))
        images = [page.render(scale=200 / 72, grayscale=True).to_pil() for page in pdf]
        out = io.BytesIO()
        images[0].save(out, "PDF", resolution=200, save_all=True, append_images=images[1:])
        target.write_bytes(out.getvalue())
    return target.read_bytes()


def file_of(doc: Document, fmt: str) -> tuple[str, bytes] | str:
    """The name and bytes an office would upload, or the text it would paste."""
    stem = doc.name
    if fmt == "paste":
        return doc.text()
    if fmt in ("txt", "md"):
        return f"{stem}.{fmt}", doc.text().encode("utf-8")
    if fmt == "xlsx":
        return f"{stem}.xlsx", doc.builder().build()
    if fmt == "docx":
        return f"{stem}.docx", docx_bytes(doc)
    if fmt == "pdf":
        return f"{stem}.pdf", pdf_bytes(doc)
    if fmt == "scan":
        return f"{stem}.pdf", scan_bytes(doc)
    raise ValueError(fmt)


# A one-page PDF with the text "1" in Helvetica, written out by hand, to ask the readers whether
# they take PDFs at all.
def _probe_pdf() -> bytes:
    stream = b"BT /F1 24 Tf 72 720 Td (Probe 1) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@cache
def pdf_supported() -> bool:
    """Whether ``readers.read`` reads a PDF's text layer (it refused PDFs before issue 14)."""
    from responsibility.importing.document import ImportRejected
    from responsibility.importing.readers import read

    try:
        source = read("probe.pdf", _probe_pdf())
    except ImportRejected:
        return False
    return "Probe" in source.text
