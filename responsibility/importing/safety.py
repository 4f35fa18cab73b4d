"""Look inside an uploaded file before a library is let loose on it: zip bombs, page counts, time.

python-docx loads every part of the package into memory and openpyxl inflates whole sheets, so a
small upload can unpack into gigabytes (a zip bomb). The central directory says how big each member
claims to be, which is enough to refuse the obvious cases without inflating a byte. The claims can
lie, so the members are then inflated once more through a capped stream: zipfile stops a member at its
declared size and checks its CRC, and the cap stops the total, so neither a lie nor a genuinely
huge package gets past this module. A PDF's pages are counted before one is read
(``IMPORT_MAX_PAGES``), and the slow readers (LibreOffice for .doc/.wps, OCR for scans) share one time
limit per file (``IMPORT_TIME_LIMIT``).
"""

from __future__ import annotations

import io
import time
import zipfile
import zlib
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import gettext as _

from .document import ImportRejected

MAX_MEMBERS = 10_000
MAX_RATIO = 200
RATIO_APPLIES_ABOVE = 1024 * 1024
CHUNK = 64 * 1024
# Office never writes a DTD into its XML parts; one there can only be meant to expand entities
# (billion laughs). Embedded SVG images may carry a harmless one, so only the XML parts are looked at.
DOCTYPE = b"<!DOCTYPE"
XML_PARTS = (".xml", ".rels")

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def open_archive(name: str, data: bytes, corrupt_message: str) -> zipfile.ZipFile:
    """The archive, once its directory is readable and its declared sizes are within the limits.

    Follow with ``check_contents`` before any library reads the members.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ImportRejected(corrupt_message) from exc
    check_directory(name, archive.infolist())
    return archive


def check_directory(name: str, members: list[zipfile.ZipInfo]) -> None:
    """Refuse from the declared sizes alone: nothing is inflated here."""
    if len(members) > MAX_MEMBERS:
        raise ImportRejected(
            _("文件“%(name)s”包含的部件过多（%(count)s 个），不像正常的文档，已拒绝导入。")
            % {"name": name, "count": len(members)}
        )
    if sum(member.file_size for member in members) > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise _too_big_unpacked(name)
    if any(_absurd_ratio(member) for member in members):
        raise ImportRejected(_("文件“%(name)s”的压缩比异常（疑似“压缩炸弹”），已拒绝导入。") % {"name": name})


def check_contents(name: str, archive: zipfile.ZipFile, corrupt_message: str) -> None:
    """Inflate every member through a capped stream: the real sizes, the CRCs, no DTDs."""
    budget = settings.IMPORT_MAX_UNPACKED_BYTES
    for member in _files(archive.infolist()):
        try:
            budget -= _inflate(name, archive, member, budget)
        except (
            zipfile.BadZipFile,
            zlib.error,
            NotImplementedError,
            RuntimeError,
            ValueError,
            EOFError,
            OSError,
        ) as exc:
            # Bad CRC, a garbled or truncated stream, an unknown compression method or a password: all unreadable.
            raise ImportRejected(corrupt_message) from exc


def _inflate(name: str, archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int) -> int:
    """Bytes the member really inflates to; refuses past ``budget`` or at a DTD."""
    size = 0
    tail = b""
    xml = member.filename.lower().endswith(XML_PARTS)
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > budget:
                raise _too_big_unpacked(name)
            if xml and DOCTYPE in tail + chunk:
                raise ImportRejected(
                    _("文件“%(name)s”含有不安全的 XML 内容（DTD 声明），已拒绝导入。") % {"name": name}
                )
            tail = chunk[-len(DOCTYPE) :]
    return size


def _files(members: Iterable[zipfile.ZipInfo]) -> Iterable[zipfile.ZipInfo]:
    return (member for member in members if not member.is_dir())


def _absurd_ratio(member: zipfile.ZipInfo) -> bool:
    if member.file_size <= RATIO_APPLIES_ABOVE:
        return False
    return member.file_size > MAX_RATIO * max(member.compress_size, 1)


def _too_big_unpacked(name: str) -> ImportRejected:
    limit = settings.IMPORT_MAX_UNPACKED_BYTES // (1024 * 1024)
    return ImportRejected(_("文件“%(name)s”解压后超过 %(limit)s MB，已拒绝导入。") % {"name": name, "limit": limit})


def check_pages(name: str, count: int) -> None:
    """A PDF's page count against ``IMPORT_MAX_PAGES``, before any page is read."""
    limit = settings.IMPORT_MAX_PAGES
    if count > limit:
        raise ImportRejected(
            _("文件“%(name)s”共 %(count)s 页，超过导入上限 %(limit)s 页。请拆分后分别导入。")
            % {"name": name, "count": count, "limit": limit}
        )


class Deadline:
    """The time one file may take to read (``IMPORT_TIME_LIMIT``), shared by its slow steps.

    Converting a .doc/.wps and OCR of a scan run outside Python, so each gets what is left as its own
    timeout; a PDF's pages check it between pages.
    """

    def __init__(self, name: str, seconds: float | None = None) -> None:
        self.name = name
        self.seconds = settings.IMPORT_TIME_LIMIT if seconds is None else seconds
        self.ends = time.monotonic() + self.seconds

    def remaining(self) -> float:
        """Seconds left; refuses the file once none are."""
        left = self.ends - time.monotonic()
        if left <= 0:
            raise self.exceeded()
        return left

    def exceeded(self) -> ImportRejected:
        return ImportRejected(
            _("读取文件“%(name)s”超过时间上限（%(seconds)s 秒），已停止。请拆分成较小的文件后再导入。")
            % {"name": self.name, "seconds": f"{self.seconds:g}"}
        )
