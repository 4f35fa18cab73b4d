"""The one way in for a work-plan document: a file's bytes, or pasted text, to a ``Source``.

The content decides how a file is read, not its name: offices rename files, and a "要点.txt" that is
really a Word document is still a Word document. A zip holding ``word/`` is a .docx, one holding
``xl/`` is an .xlsx, whatever the extension says. The extension matters where the content does not
settle it: content that is not a zip is read as text only when the name says .txt or .md (or says
nothing); a .docx or .xlsx that is not a zip is a damaged file, anything else an unsupported type.
Every zip is looked into (``safety``) before python-docx or openpyxl may open it.

A PDF (``pdf``), a photo of a page (``ocr``) and an old .doc or .wps (``legacy``, through LibreOffice)
take seconds to minutes to read: the upload form only ``check``s them and the import task reads them.
"""

from __future__ import annotations

import logging
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.utils.translation import gettext as _

from . import safety
from .document import ImportRejected, Source
from .docx import corrupt_message as docx_corrupt_message
from .docx import read_document
from .text import numbered_lines, read_text, split_lines

logger = logging.getLogger(__name__)

MIB = 1024 * 1024
TEXT_KINDS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", "": "txt"}
OFFICE_SUFFIXES = {".docx": "docx", ".xlsx": "xlsx"}
# Old Office (.doc/.xls/.ppt), WPS's own formats and every password-protected Office file are OLE
# compound files: a Word or WPS text is converted, the others are refused with advice (``legacy``).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff")
OTHER_MAGIC = (
    (b"{\\rtf", "RTF"),
    (b"GIF8", "GIF"),
    (b"Rar!", "RAR"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
)


def read(name: str, data: bytes) -> Source:
    """The file as a ``Source``; ``ImportRejected`` with a message for the user when it cannot be read."""
    _check_size(name, len(data))
    suffix = PurePosixPath(name).suffix.lower()
    if slow := _slow_kind(data):
        source = _read_slow(name, data, suffix, slow)
    elif safety.is_zip(data):
        source = _read_package(name, data, suffix)
    else:
        source = _read_plain(name, data, suffix)
    _check_not_blank(source)
    return source


def check(name: str, data: bytes) -> None:
    """Refuse now what ``read`` would refuse, as far as can be known at once: a PDF, a photo or a
    .doc/.wps is opened and looked into (pages, password, the program it needs), not read."""
    _check_size(name, len(data))
    suffix = PurePosixPath(name).suffix.lower()
    slow = _slow_kind(data)
    if not slow:
        read(name, data)
        return
    from . import legacy, ocr, pdf  # each brings its libraries; most imports need none of them

    if slow == "pdf":
        pdf.check(name, data)
    elif slow == "image":
        ocr.check_image(name, data)
    else:
        legacy.check(name, data, suffix)


def _slow_kind(data: bytes) -> str:
    # Not a PDF with bytes before its header, which viewers allow: its offsets are off by them, and
    # pdfminer, rebuilding the cross-reference table, may return its pages out of order.
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(IMAGE_MAGIC):
        return "image"
    if data.startswith(OLE_MAGIC):
        return "ole"
    return ""


def _read_slow(name: str, data: bytes, suffix: str, kind: str) -> Source:
    from . import legacy, ocr, pdf

    deadline = safety.Deadline(name)
    if kind == "pdf":
        return pdf.read_pdf(name, data, deadline)
    if kind == "image":
        return ocr.read_image(name, data, deadline)
    return legacy.read_legacy(name, data, suffix, deadline)


def read_pasted(text: str) -> Source:
    """Text pasted into the import page, one ``Line`` per line, numbered from 1."""
    if not text.strip():
        raise ImportRejected(_("粘贴的内容是空的，没有可导入的文字。"))
    limit = settings.IMPORT_MAX_BYTES
    if len(text.encode("utf-8")) > limit:
        raise ImportRejected(_("粘贴的内容超过大小上限 %(limit)s MB。") % {"limit": _megabytes(limit)})
    blocks = numbered_lines(split_lines(text))
    return Source(name=_("粘贴的文本"), kind="paste", blocks=blocks)


def _read_package(name: str, data: bytes, suffix: str) -> Source:
    archive = safety.open_archive(name, data, _corrupt(name, OFFICE_SUFFIXES.get(suffix, "")))
    kind = _package_kind(archive)
    if not kind:
        raise _unsupported(name, suffix or _("压缩包"))
    safety.check_contents(name, archive, _corrupt(name, kind))
    if kind == "docx":
        return read_document(name, data)
    return _read_workbook(name, data)


def _read_workbook(name: str, data: bytes) -> Source:
    # Imported here: the workbook reader is its own module and the rest works without it.
    from .xlsx import read_workbook

    try:
        return read_workbook(name, data)
    except ImportRejected:
        raise
    except Exception as exc:  # openpyxl raises KeyError, ParseError, TypeError … for a damaged workbook
        logger.warning("Unreadable .xlsx %r", name, exc_info=True)
        raise ImportRejected(_corrupt(name, "xlsx")) from exc


def _package_kind(archive: zipfile.ZipFile) -> str:
    """ "docx" or "xlsx" by the parts an OOXML package holds; "" for any other zip (.pptx, .odt, .zip)."""
    names = archive.namelist()
    if "[Content_Types].xml" not in names:
        return ""
    if any(member.startswith("word/") for member in names):
        return "docx"
    if any(member.startswith("xl/") for member in names):
        return "xlsx"
    return ""


def _read_plain(name: str, data: bytes, suffix: str) -> Source:
    for magic, kind in OTHER_MAGIC:
        if data.startswith(magic):
            raise _unsupported(name, kind)
    if suffix in OFFICE_SUFFIXES:
        raise ImportRejected(_corrupt(name, OFFICE_SUFFIXES[suffix]))
    if suffix not in TEXT_KINDS:
        raise _unsupported(name, suffix)
    return read_text(name, data, TEXT_KINDS[suffix])


def _check_size(name: str, size: int) -> None:
    if size == 0:
        raise ImportRejected(_("文件“%(name)s”是空的，没有可导入的内容。") % {"name": name})
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportRejected(
            _("文件“%(name)s”超过大小上限 %(limit)s MB。") % {"name": name, "limit": _megabytes(limit)}
        )


def _megabytes(size: int) -> str:
    return f"{size / MIB:.3g}"


def _check_not_blank(source: Source) -> None:
    if not source.text.strip():
        raise ImportRejected(_("文件“%(name)s”是空的，没有可导入的内容。") % {"name": source.name})


def _corrupt(name: str, kind: str) -> str:
    if kind == "docx":
        return docx_corrupt_message(name)
    if kind == "xlsx":
        return _("文件“%(name)s”已损坏，无法读取（不是有效的 Excel 工作簿）。") % {"name": name}
    return _("文件“%(name)s”已损坏，无法读取。") % {"name": name}


def _unsupported(name: str, kind: str) -> ImportRejected:
    return ImportRejected(
        _(
            "不支持导入文件“%(name)s”的类型（%(kind)s）。"
            "可以导入的类型：.docx、.doc、.wps、.xlsx、.pdf、.txt、.md，以及扫描件照片（.png、.jpg）。"
        )
        % {"name": name, "kind": kind}
    )
