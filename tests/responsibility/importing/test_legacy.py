"""Old Word (.doc) and WPS (.wps) files: converted by LibreOffice, then read as .docx; passwords,
old spreadsheets and a missing LibreOffice each said plainly."""

from __future__ import annotations

import io
import struct
import tempfile
import threading
from pathlib import Path

import olefile
import pytest
from msoffcrypto.format.ooxml import OOXMLFile

from responsibility.importing import legacy
from responsibility.importing.document import ImportRejected, Line, Table
from responsibility.importing.parse import parse
from responsibility.importing.readers import check, read

from .made import convert, official_docx

PLAN = [
    "<center>某街道2024年综合治理工作要点",
    "各社区、各科室：",
    "一、夯实基层基础",
    "1.完善网格化管理，优化网格划分，配齐配强专职网格员。",
    "牵头单位：综治中心",
    "责任单位：各社区",
    "2.推进矛盾纠纷多元化解。",
    "责任单位：司法所、信访办",
    "<table>",
]
TABLE = [["序号", "工作任务", "责任单位"], ["1", "组织平安宣传", "综治中心"]]


@pytest.fixture(scope="module")
def doc() -> bytes:
    return convert(official_docx(PLAN, table=TABLE), ".docx", "doc")


def lines(source) -> list[str]:
    return [block.text for block in source.blocks if isinstance(block, Line)]


def refusal(reader, name: str, data: bytes) -> str:
    with pytest.raises(ImportRejected) as caught:
        reader(name, data)
    return caught.value.message


def test_a_doc_is_read_like_the_docx_it_was_made_from(doc):
    source = read("要点.doc", doc)
    # Word keeps an empty paragraph after a table that ends the document.
    assert [text for text in lines(source) if text] == [text.removeprefix("<center>") for text in PLAN[:-1]]
    assert [block.rows for block in source.blocks if isinstance(block, Table)] == [TABLE]
    assert source.name == "要点.doc"


def test_a_wps_file_is_converted_too(doc):
    assert lines(read("要点.wps", doc))[2] == "一、夯实基层基础"


def test_a_doc_parses_into_items_with_units(doc):
    parsed = parse(read("要点.doc", doc), 2024)
    first = next(node for node in parsed.nodes() if node.title.startswith("完善网格化管理"))
    second = next(node for node in parsed.nodes() if node.title.startswith("推进矛盾纠纷多元化解"))
    assert first.number == "1."
    assert (first.fields.lead_units, first.fields.responsible_units) == (["综治中心"], ["各社区"])
    assert second.fields.responsible_units == ["司法所", "信访办"]


def test_the_form_only_looks_into_a_doc_without_converting_it(doc, monkeypatch):
    monkeypatch.setattr(legacy, "convert", lambda *args: pytest.fail("converted in the request"))
    check("要点.doc", doc)


def test_the_conversion_leaves_no_files_behind(doc, monkeypatch):
    with tempfile.TemporaryDirectory() as folder:
        monkeypatch.setattr(tempfile, "tempdir", folder)
        read("要点.doc", doc)
        assert list(Path(folder).iterdir()) == []


def test_two_conversions_at_once_do_not_block_each_other(doc):
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(lines(read("要点.doc", doc))[2])) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert results == ["一、夯实基层基础"] * 2


def test_a_conversion_past_the_time_limit_is_stopped(doc, settings):
    settings.IMPORT_TIME_LIMIT = 0.3
    assert "超过时间上限（0.3 秒）" in refusal(read, "要点.doc", doc)


# --- what is refused ------------------------------------------------------------------------------


def encrypted_docx() -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(official_docx(["一、总体要求"]))).encrypt("secret", out)
    return out.getvalue()


def flagged_as_encrypted(doc: bytes) -> bytes:
    """The .doc with its "encrypted" bit set in the file information block, as Word sets it."""
    with tempfile.NamedTemporaryFile(suffix=".doc") as handle:
        handle.write(doc)
        handle.flush()
        with olefile.OleFileIO(handle.name, write_mode=True) as ole:
            stream = bytearray(ole.openstream("WordDocument").read())
            flags = struct.unpack_from("<H", stream, 0x0A)[0]
            struct.pack_into("<H", stream, 0x0A, flags | 0x0100)
            ole.write_stream("WordDocument", bytes(stream))
        return Path(handle.name).read_bytes()


@pytest.mark.parametrize("reader", [check, read])
def test_a_docx_with_an_opening_password_is_refused_saying_so(reader):
    message = refusal(reader, "加密.docx", encrypted_docx())
    assert message == "文件“加密.docx”设置了打开密码，无法读取。请在 Word 或 WPS 中去掉密码并另存为 .docx 后再导入。"


def test_a_doc_with_an_opening_password_is_refused_before_converting(doc, monkeypatch):
    monkeypatch.setattr(legacy, "convert", lambda *args: pytest.fail("a locked file was converted"))
    assert "设置了打开密码" in refusal(read, "加密.doc", flagged_as_encrypted(doc))


def test_a_doc_libreoffice_cannot_open_is_refused_saying_so(doc, monkeypatch):
    monkeypatch.setattr(legacy, "_encrypted", lambda data, streams: False)
    message = refusal(read, "加密.doc", flagged_as_encrypted(doc))
    assert "无法转换" in message and "另存为 .docx" in message


def test_an_old_excel_file_is_refused_with_advice(doc, monkeypatch):
    monkeypatch.setattr(legacy, "_streams", lambda name, data: {"workbook", "\x05summaryinformation"})
    message = refusal(check, "表.xls", doc)
    assert message == "文件“表.xls”是旧版 Excel 格式（.xls、.et），无法读取。请另存为 .xlsx 后再导入。"


def test_without_libreoffice_a_doc_is_refused_on_the_form_saying_what_to_install(doc, monkeypatch):
    monkeypatch.setattr(legacy.shutil, "which", lambda name: None)
    for reader in (check, read):
        message = refusal(reader, "要点.doc", doc)
        assert "apt-get install libreoffice-writer-nogui" in message and "另存为 .docx" in message


def test_what_libreoffice_makes_is_checked_like_an_uploaded_docx(doc, monkeypatch, settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1024
    monkeypatch.setattr(legacy, "convert", lambda *args: official_docx(["一、总体要求"] * 200))
    assert "解压后超过" in refusal(read, "要点.doc", doc)
