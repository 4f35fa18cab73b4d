"""Old Word (.doc) and WPS (.wps) files, converted to .docx by LibreOffice, then read as .docx.

Both are OLE compound files, as is every password-protected Office file, so the file is looked
into first (msoffcrypto-tool): a password is said plainly instead of after a failed conversion, and an
old Excel or PowerPoint file is sent back with advice. The conversion runs LibreOffice headless
(Debian's ``libreoffice-writer-nogui``) in a temporary directory that is removed afterwards, with a
user profile of its own there, since two LibreOffices sharing one profile block each other, and
within what is left of the file's time limit. It runs in the import task, never in the request.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import msoffcrypto
import olefile
from django.utils.translation import gettext as _

from . import safety
from .document import ImportRejected, Source
from .docx import read_document
from .safety import Deadline

logger = logging.getLogger(__name__)

WORD_SUFFIXES = (".doc", ".dot", ".wps", ".wpt")
SPREADSHEET_STREAMS = {"workbook", "book"}
PRESENTATION_STREAMS = {"powerpoint document"}


def check(name: str, data: bytes, suffix: str) -> None:
    """What the upload form can know at once: a Word or WPS text document, no password, LibreOffice there."""
    streams = _streams(name, data)
    if _encrypted(data, streams):
        raise ImportRejected(password_message(name))
    if not _is_text_document(streams, suffix):
        raise ImportRejected(_not_a_text_document(name, streams))
    if not soffice():
        raise ImportRejected(missing_message(name))


def read_legacy(name: str, data: bytes, suffix: str, deadline: Deadline) -> Source:
    check(name, data, suffix)
    converted = convert(name, data, suffix, deadline)
    archive = safety.open_archive(name, converted, _unreadable(name))
    safety.check_contents(name, archive, _unreadable(name))
    return read_document(name, converted)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _streams(name: str, data: bytes) -> set[str]:
    try:
        with olefile.OleFileIO(data) as ole:
            return {"/".join(path).lower() for path in ole.listdir(streams=True, storages=False)}
    except (OSError, ValueError, IndexError) as exc:  # olefile raises OSError for a broken directory
        raise ImportRejected(_unreadable(name)) from exc


def _encrypted(data: bytes, streams: set[str]) -> bool:
    if "encryptioninfo" in streams or "encryptedpackage" in streams:
        return True  # a .docx or .xlsx with an opening password
    try:
        return msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
    except Exception:  # msoffcrypto knows Word, Excel and PowerPoint: in anything else it sees no password
        return False


def _is_text_document(streams: set[str], suffix: str) -> bool:
    if "worddocument" in streams:
        return True
    return suffix in WORD_SUFFIXES and not streams & (SPREADSHEET_STREAMS | PRESENTATION_STREAMS)


def convert(name: str, data: bytes, suffix: str, deadline: Deadline) -> bytes:
    """The file as .docx, by LibreOffice in a temporary directory it shares with nobody."""
    program = soffice()
    if not program:
        raise ImportRejected(missing_message(name))
    with tempfile.TemporaryDirectory(prefix="luoshi-convert-") as folder:
        work = Path(folder)
        source = work / f"source{suffix if suffix in WORD_SUFFIXES else '.doc'}"
        source.write_bytes(data)
        command = [
            program,
            "--headless",
            "--norestore",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        _run(command, work, deadline)
        converted = work / "out" / "source.docx"
        if not converted.exists():
            raise ImportRejected(_unconvertible(name))
        return converted.read_bytes()


def _run(command: list[str], work: Path, deadline: Deadline) -> None:
    # Its own session, so that a timeout ends LibreOffice's own children too (oosplash starts soffice.bin).
    env = {**os.environ, "HOME": str(work)}
    timeout = deadline.remaining()  # before starting it: a refusal inside the block would wait for LibreOffice
    with subprocess.Popen(
        command, cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    ) as process:
        try:
            _out, errors = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise deadline.exceeded() from exc
    if process.returncode != 0:
        logger.warning("LibreOffice failed (%s): %s", process.returncode, errors[-2000:])


def missing_message(name: str) -> str:
    return _(
        "无法读取“%(name)s”：旧版 Word（.doc）和 WPS（.wps）文件需要服务器安装 LibreOffice 才能转换。"
        "请管理员执行 apt-get install libreoffice-writer-nogui，或在 Word、WPS 中另存为 .docx 后再导入。"
    ) % {"name": name}


def password_message(name: str) -> str:
    return _("文件“%(name)s”设置了打开密码，无法读取。请在 Word 或 WPS 中去掉密码并另存为 .docx 后再导入。") % {
        "name": name
    }


def _not_a_text_document(name: str, streams: set[str]) -> str:
    if streams & SPREADSHEET_STREAMS:
        return _("文件“%(name)s”是旧版 Excel 格式（.xls、.et），无法读取。请另存为 .xlsx 后再导入。") % {"name": name}
    return _("不支持导入文件“%(name)s”的类型（旧版 Office 文件）。请另存为 .docx 或 .xlsx 后再导入。") % {"name": name}


def _unreadable(name: str) -> str:
    return _("文件“%(name)s”已损坏，无法读取（不是有效的 Word 或 WPS 文档）。") % {"name": name}


def _unconvertible(name: str) -> str:
    return _(
        "文件“%(name)s”无法转换：LibreOffice 打不开它，可能已损坏或设置了打开密码。"
        "请在 Word 或 WPS 中另存为 .docx 后再导入。"
    ) % {"name": name}
