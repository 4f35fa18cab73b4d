"""Which evidence files are taken: by what their content is, not what their name says (issue 17, F10).

A file's kind is read from its first bytes (its magic number) and, for a zip, from the names inside
it (a .docx or an .ofd is a zip with its own parts); its extension must be one of that kind's. The
kinds taken are a setting (EVIDENCE_ALLOWED_KINDS): images, PDF, Office documents and plain text by
default; archives only where the deployment allows them, since nothing inside them is checked.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EXTENSIONS = {
    "image": {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"},
    "pdf": {".pdf"},
    "office": {".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".ofd"},
    "text": {".txt", ".csv"},
    "archive": {".zip", ".rar", ".7z", ".gz", ".tar"},
}
KIND_LABELS = {
    "image": gettext_lazy("图片"),
    "pdf": gettext_lazy("PDF"),
    "office": gettext_lazy("办公文档"),
    "text": gettext_lazy("纯文本"),
    "archive": gettext_lazy("压缩包"),
}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt and WPS's .wps, .et, .dps
HEAD = 8192


def kind_of(uploaded) -> str | None:
    """What the file is by its content: one of EXTENSIONS' kinds, or None for anything else."""
    uploaded.seek(0)
    head = uploaded.read(HEAD)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(OLE2):
        return "office"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(uploaded)
    if filetype.is_image(head):
        return "image"
    if filetype.is_archive(head):
        return "archive"
    return "text" if _is_text(head) else None


def _zip_kind(uploaded) -> str | None:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        uploaded.seek(0)
    return "office" if {"[Content_Types].xml", "OFD.xml"} & names else "archive"


def _is_text(head: bytes) -> bool:
    if not head or b"\0" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            if error.start >= len(head) - 4:  # a character cut at the end of the sample
                return True
    return False


def allowed_kinds() -> list[str]:
    return list(settings.EVIDENCE_ALLOWED_KINDS)


def check_type(uploaded) -> None:
    """Refuse a file whose content is not of an allowed kind, or whose name claims another kind."""
    kind = kind_of(uploaded)
    allowed = allowed_kinds()
    if kind not in allowed:
        labels = "、".join(str(KIND_LABELS[k]) for k in allowed)
        raise ValidationError(
            _("文件“%(name)s”的类型不在允许之列（允许：%(kinds)s），未保存。")
            % {"name": uploaded.name, "kinds": labels}
        )
    if PurePath(uploaded.name).suffix.lower() not in EXTENSIONS[kind]:
        raise ValidationError(_("文件“%(name)s”的内容与扩展名不符，未保存。") % {"name": uploaded.name})


def megabytes(limit: int) -> int:
    return limit // (1024 * 1024)


def check_request_total(files: Iterable) -> None:
    """The files of one submission together stay under EVIDENCE_MAX_REQUEST_BYTES."""
    files = list(files)
    if sum(f.size for f in files) > settings.EVIDENCE_MAX_REQUEST_BYTES:
        raise ValidationError(
            _("本次提交的文件合计超过 %(limit)s MB，未保存，请分次提交。")
            % {"limit": megabytes(settings.EVIDENCE_MAX_REQUEST_BYTES)}
        )


def check_item_total(item_id: int, files: Iterable) -> None:
    """An item's evidence together stays under EVIDENCE_MAX_ITEM_BYTES."""
    from .models import Evidence

    adding = sum(f.size for f in files)
    if not adding:
        return
    stored = Evidence.objects.filter(report__item_id=item_id).aggregate(total=Sum("size"))["total"] or 0
    if stored + adding > settings.EVIDENCE_MAX_ITEM_BYTES:
        raise ValidationError(
            _("该事项的佐证材料合计将超过 %(limit)s MB，未保存。请删减或压缩后再提交。")
            % {"limit": megabytes(settings.EVIDENCE_MAX_ITEM_BYTES)}
        )


def held_message(evidence) -> str:
    """Why ``evidence`` (held: waiting for its scan, or infected) is not sent."""
    if evidence.scan == evidence.Scan.INFECTED:
        return _("文件“%(name)s”查出病毒（%(found)s），不能下载。") % {
            "name": evidence.original_name,
            "found": evidence.scan_result,
        }
    return _("文件“%(name)s”待查毒，查毒通过后才能下载，请稍后再试。") % {"name": evidence.original_name}
