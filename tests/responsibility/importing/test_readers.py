"""Reading a work-plan file: what comes out of each format, and what is refused, in words a clerk understands."""

from __future__ import annotations

import io
import re
import struct
import sys
import types
import zipfile

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from responsibility.importing import safety
from responsibility.importing.document import ImportRejected, Line, Source, Table
from responsibility.importing.docx import format_number
from responsibility.importing.readers import read, read_pasted

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ACCEPTED = ".docx、.doc、.wps、.xlsx、.pdf、.txt、.md"


def refusal(name: str, data: bytes) -> str:
    with pytest.raises(ImportRejected) as caught:
        read(name, data)
    message = caught.value.message
    assert CHINESE.search(message), message
    return message


def lines(source: Source) -> list[tuple[str, int]]:
    return [(block.text, block.line) for block in source.blocks if isinstance(block, Line)]


def tables(source: Source) -> list[Table]:
    return [block for block in source.blocks if isinstance(block, Table)]


# --- building files ------------------------------------------------------------------------------


def docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def simple_docx(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return docx_bytes(document)


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def zeros_member(archive: zipfile.ZipFile, name: str, megabytes: int) -> None:
    with archive.open(name, "w") as stream:
        chunk = bytes(1024 * 1024)
        for _ in range(megabytes):
            stream.write(chunk)


def bomb(megabytes: int, part: str = "word/document.xml") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        zeros_member(archive, part, megabytes)
    return out.getvalue()


def lying_about_size(data: bytes, member: str, declared: int) -> bytes:
    """The zip with ``member``'s uncompressed size rewritten, in its local header and the directory."""
    patched = bytearray(data)
    encoded = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := patched.find(signature, start)) != -1:
            if patched[start + name_at : start + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", patched, start + size_at, declared)
            start += 4
    return bytes(patched)


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    return bomb(300)


@pytest.fixture
def xlsx_data() -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active.append(["序号", "工作任务", "牵头单位"])
    workbook.active.append([1, "开展普法宣传", "司法所"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def fake_workbook_reader(monkeypatch) -> list[str]:
    """Stands in for xlsx.py, so dispatch is tested whether or not that module exists yet."""
    calls: list[str] = []

    def read_workbook(name: str, data: bytes) -> Source:
        calls.append(name)
        return Source(name=name, kind="xlsx", blocks=[Table(rows=[["序号", "工作任务"]], line=1, sheet="Sheet")])

    module = types.ModuleType("responsibility.importing.xlsx")
    module.read_workbook = read_workbook
    monkeypatch.setitem(sys.modules, "responsibility.importing.xlsx", module)
    return calls


# --- size, emptiness and type --------------------------------------------------------------------


def test_a_file_over_the_limit_is_refused_naming_the_file(settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    message = refusal("要点.txt", "一、总体要求\n".encode() * 100_000)
    assert "要点.txt" in message and "1 MB" in message


def test_a_file_at_the_limit_is_read(settings):
    settings.IMPORT_MAX_BYTES = 12
    assert lines(read("要点.txt", "一、总体".encode())) == [("一、总体", 1)]


def test_an_empty_file_is_refused():
    assert "是空的" in refusal("要点.docx", b"")


def test_a_text_of_blank_lines_is_refused_as_empty():
    assert "是空的" in refusal("要点.txt", "\r\n　\n\n".encode())


def test_a_docx_without_any_text_is_refused_as_empty():
    assert "是空的" in refusal("要点.docx", simple_docx("", " "))


def test_an_ole_file_that_is_no_office_document_is_refused_as_damaged():
    message = refusal("要点.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    assert "要点.doc" in message and "已损坏" in message


def test_a_broken_pdf_is_refused_as_damaged():
    message = refusal("要点.pdf", b"%PDF-1.7\n" + bytes(100))
    assert message == "文件“要点.pdf”已损坏，无法读取（不是有效的 PDF 文件）。"


def test_a_broken_image_is_refused_as_damaged():
    assert "不是有效的图片" in refusal("要点.txt", b"\x89PNG\r\n\x1a\n" + bytes(100))


def test_a_gif_is_refused_as_an_unsupported_picture():
    assert "GIF" in refusal("要点.gif", b"GIF89a" + bytes(100))


def test_text_with_an_unsupported_extension_is_refused():
    message = refusal("要点.csv", "序号,任务".encode())
    assert ".csv" in message and ACCEPTED in message


def test_a_zip_that_is_not_a_document_is_refused_as_unsupported():
    assert ACCEPTED in refusal("材料.zip", zip_bytes({"a.txt": b"hello"}))


def test_a_powerpoint_is_refused_as_unsupported():
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})
    assert ".pptx" in refusal("汇报.pptx", data)


# --- damaged packages ----------------------------------------------------------------------------


def test_a_truncated_docx_is_refused_as_damaged():
    data = simple_docx("一、总体要求")
    message = refusal("要点.docx", data[: len(data) // 2])
    assert message == "文件“要点.docx”已损坏，无法读取（不是有效的 Word 文档）。"


def test_text_named_docx_is_refused_as_damaged():
    assert "不是有效的 Word 文档" in refusal("要点.docx", "一、总体要求".encode())


def test_a_docx_with_broken_xml_is_refused_as_damaged():
    data = simple_docx("一、总体要求")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>"
    assert "不是有效的 Word 文档" in refusal("要点.docx", zip_bytes(members))


def test_a_member_with_a_bad_checksum_is_refused_as_damaged():
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"A" * 5000}, zipfile.ZIP_STORED)
    damaged = data.replace(b"A" * 100, b"B" * 100, 1)
    assert "已损坏" in refusal("要点.docx", damaged)


def test_a_garbled_compressed_member_is_refused_as_damaged():
    text = "".join(f"<w:p>第{n}段</w:p>" for n in range(3000)).encode()
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": text})
    offset = data.index(b"word/document.xml") + len(b"word/document.xml") + 50
    garbled = data[:offset] + bytes(200) + data[offset + 200 :]
    assert "已损坏" in refusal("要点.docx", garbled)


def test_a_truncated_xlsx_is_refused_as_damaged(xlsx_data, fake_workbook_reader):
    message = refusal("清单.xlsx", xlsx_data[: len(xlsx_data) // 2])
    assert message == "文件“清单.xlsx”已损坏，无法读取（不是有效的 Excel 工作簿）。"
    assert fake_workbook_reader == []


# --- zip bombs -----------------------------------------------------------------------------------


def test_a_zip_bomb_docx_is_refused(zip_bomb):
    message = refusal("要点.docx", zip_bomb)
    assert "要点.docx" in message and "拒绝导入" in message


def test_a_zip_bomb_xlsx_is_refused_before_the_workbook_reader(fake_workbook_reader):
    assert "拒绝导入" in refusal("清单.xlsx", bomb(5, part="xl/workbook.xml"))
    assert fake_workbook_reader == []


def test_a_member_with_an_absurd_compression_ratio_is_refused():
    assert "压缩比异常" in refusal("要点.docx", bomb(5))


def test_a_package_that_unpacks_past_the_limit_is_refused(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 20_000
    assert "解压后超过" in refusal("要点.docx", simple_docx("一、总体要求"))


def test_a_package_with_too_many_members_is_refused():
    data = zip_bytes({f"word/media/{n}.xml": b"" for n in range(safety.MAX_MEMBERS + 1)}, zipfile.ZIP_STORED)
    assert "部件过多" in refusal("要点.docx", data)


def test_a_member_that_understates_its_size_is_caught_when_inflated():
    data = bomb(5)
    message = refusal("要点.docx", lying_about_size(data, "word/document.xml", 1000))
    assert "已损坏" in message


def test_the_inflating_check_stops_at_the_limit_whatever_the_directory_says(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 100_000
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes({"word/document.xml": b"x" * 200_000})))
    with pytest.raises(ImportRejected, match="解压后超过"):
        safety.check_contents("要点.docx", archive, "damaged")


def test_a_part_with_a_dtd_is_refused():
    laughs = b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><w:document/>'
    data = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": laughs})
    assert "DTD" in refusal("要点.docx", data)


def test_a_dtd_in_an_embedded_svg_image_is_allowed():
    document = Document()
    document.add_paragraph("一、总体要求")
    with zipfile.ZipFile(io.BytesIO(docx_bytes(document))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/media/image1.svg"] = b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"><svg/>'
    assert lines(read("要点.docx", zip_bytes(members))) == [("一、总体要求", 1)]


# --- dispatch by content -------------------------------------------------------------------------


def test_a_docx_named_txt_is_read_as_a_docx():
    source = read("要点.txt", simple_docx("一、总体要求"))
    assert source.kind == "docx" and lines(source) == [("一、总体要求", 1)]


def test_xlsx_content_goes_to_the_workbook_reader_whatever_the_name(xlsx_data, fake_workbook_reader):
    assert read("清单.docx", xlsx_data).kind == "xlsx"
    assert fake_workbook_reader == ["清单.docx"]


def test_a_workbook_the_workbook_reader_chokes_on_is_refused_as_damaged(xlsx_data, monkeypatch):
    module = types.ModuleType("responsibility.importing.xlsx")
    module.read_workbook = lambda name, data: {}["xl/workbook.xml"]
    monkeypatch.setitem(sys.modules, "responsibility.importing.xlsx", module)
    assert refusal("清单.xlsx", xlsx_data) == "文件“清单.xlsx”已损坏，无法读取（不是有效的 Excel 工作簿）。"


def test_a_workbook_with_broken_xml_is_refused_as_damaged(xlsx_data):
    pytest.importorskip("responsibility.importing.xlsx")
    with zipfile.ZipFile(io.BytesIO(xlsx_data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/workbook.xml"] = b"<workbook><sheets>"
    assert "不是有效的 Excel 工作簿" in refusal("清单.xlsx", zip_bytes(members))


def test_a_real_xlsx_is_read_by_the_workbook_reader(xlsx_data):
    pytest.importorskip("responsibility.importing.xlsx")
    source = read("清单.xlsx", xlsx_data)
    assert source.kind == "xlsx" and "工作任务" in source.text


def test_a_file_without_an_extension_is_read_as_text():
    source = read("要点", "一、总体要求".encode())
    assert source.kind == "txt" and lines(source) == [("一、总体要求", 1)]


def test_the_extension_is_read_case_blind():
    assert read("要点.MD", "# 一、总体要求".encode()).kind == "md"


# --- text ----------------------------------------------------------------------------------------


def test_utf8_text_is_read_line_by_line():
    source = read("要点.txt", "一、总体要求\n（一）加强领导\n".encode())
    assert lines(source) == [("一、总体要求", 1), ("（一）加强领导", 2)]
    assert source.encoding == "utf-8" and source.kind == "txt"


def test_utf8_with_a_bom_loses_the_bom():
    source = read("要点.txt", "\ufeff一、总体要求".encode())
    assert lines(source) == [("一、总体要求", 1)] and source.encoding == "utf-8-sig"


def test_utf16_with_a_bom_is_read():
    source = read("要点.txt", "一、总体要求\r\n二、主要任务".encode("utf-16"))
    assert lines(source) == [("一、总体要求", 1), ("二、主要任务", 2)] and source.encoding == "utf-16"


def test_gbk_text_from_windows_notepad_is_read():
    source = read("要点.txt", "一、总体要求\r\n牵头单位：区司法局".encode("gbk"))
    assert lines(source) == [("一、总体要求", 1), ("牵头单位：区司法局", 2)] and source.encoding == "gb18030"


def test_gb18030_text_beyond_gbk_is_read():
    text = "1. 走访𠮷家村"
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    assert lines(read("要点.txt", text.encode("gb18030"))) == [(text, 1)]


def test_old_mac_line_ends_are_lines_too():
    assert lines(read("要点.txt", b"a\rb\r\nc")) == [("a", 1), ("b", 2), ("c", 3)]


def test_blank_lines_are_kept_so_a_sentence_split_by_a_page_is_seen():
    source = read("要点.txt", "1. 结合\n\n实际精准施策\n".encode())
    assert lines(source) == [("1. 结合", 1), ("", 2), ("实际精准施策", 3)]


def test_full_width_and_no_break_spaces_stay_in_the_text():
    text = "\u3000\u3000一、总体要求\u00a0（牵头单位：司法所）"
    assert lines(read("要点.txt", text.encode())) == [(text, 1)]


def test_a_dos_end_of_file_mark_is_dropped():
    assert lines(read("要点.txt", "一、总体要求\r\n\x1a".encode())) == [("一、总体要求", 1)]


def test_binary_with_nul_bytes_is_refused_as_not_text():
    message = refusal("要点.txt", b"abc\x00\x01\x02def")
    assert "要点.txt" in message and "不是文本文件" in message


def test_binary_full_of_control_characters_is_refused():
    assert "不是文本文件" in refusal("要点.txt", bytes(range(1, 32)) * 20)


def test_bytes_in_no_known_encoding_are_refused():
    assert "编码" in refusal("要点.txt", b"\x81\x30\xff\xff plan")


# --- markdown ------------------------------------------------------------------------------------


MARKDOWN = """# 2020 年法治建设工作要点 #

## 一、**总体要求**

> 坚持以习近平新时代中国特色社会主义思想为指导

- （一）加强__组织领导__
* 1. 牵头单位：司法所

---

| 序号 | 工作任务 | 牵头单位 |
| --- | :--- | --- |
| 1 | **普法**宣传 | 司法所<br>综治办 |
| 2 | 矛盾\\|纠纷化解 |  |

完成时限：2020年12月底前
"""


@pytest.fixture
def markdown() -> Source:
    return read("要点.md", MARKDOWN.encode())


def test_markdown_headings_quotes_bullets_and_emphasis_lose_their_markup(markdown):
    assert lines(markdown)[:7] == [
        ("2020 年法治建设工作要点", 1),
        ("", 2),
        ("一、总体要求", 3),
        ("", 4),
        ("坚持以习近平新时代中国特色社会主义思想为指导", 5),
        ("", 6),
        ("（一）加强组织领导", 7),
    ]


def test_markdown_keeps_the_plans_own_numbering(markdown):
    assert ("1. 牵头单位：司法所", 8) in lines(markdown)


def test_a_markdown_rule_is_a_blank_line(markdown):
    assert ("", 10) in lines(markdown)


def test_a_markdown_table_is_a_table_where_it_starts(markdown):
    [table] = tables(markdown)
    assert table.line == 12
    assert table.rows == [
        ["序号", "工作任务", "牵头单位"],
        ["1", "普法宣传", "司法所\n综治办"],
        ["2", "矛盾|纠纷化解", ""],
    ]


def test_lines_after_a_markdown_table_keep_their_numbers(markdown):
    assert lines(markdown)[-1] == ("完成时限：2020年12月底前", 17)
    assert markdown.kind == "md"


def test_pipes_without_a_separator_row_stay_text():
    source = read("要点.md", "甲 | 乙\n丙 | 丁".encode())
    assert lines(source) == [("甲 | 乙", 1), ("丙 | 丁", 2)] and tables(source) == []


def test_a_single_star_or_hash_in_the_text_is_kept():
    assert lines(read("要点.md", "*注：#3 号文件".encode())) == [("*注：#3 号文件", 1)]


# --- docx ----------------------------------------------------------------------------------------


@pytest.fixture
def plan_docx() -> bytes:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "页眉：海政办发〔2023〕8号"
    document.sections[0].footer.paragraphs[0].text = "第 1 页"
    document.add_paragraph("回兴街道 2020 年法治建设工作要点")
    document.add_paragraph("")
    soft = document.add_paragraph("1. 开展普法宣传")
    soft.add_run().add_break()
    soft.add_run("牵头单位：司法所")
    paged = document.add_paragraph("2. 结合")
    paged.add_run().add_break(WD_BREAK.PAGE)
    paged.add_run("实际精准施策")
    table = document.add_table(rows=3, cols=3)
    for column, text in enumerate(["序号", "工作任务", "牵头单位"]):
        table.cell(0, column).text = text
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "普法宣传"
    table.cell(2, 0).text = "2"
    table.cell(2, 1).text = "矛盾化解"
    lead = table.cell(1, 2).merge(table.cell(2, 2))
    lead.text = "司法所"
    lead.add_paragraph("综治办")
    document.add_paragraph("完成时限：2020年12月底前")
    return docx_bytes(document)


def test_docx_paragraphs_and_tables_come_in_document_order(plan_docx):
    source = read("要点.docx", plan_docx)
    assert [type(block).__name__ for block in source.blocks] == ["Line"] * 5 + ["Table", "Line"]
    assert source.kind == "docx" and source.name == "要点.docx"


def test_a_docx_block_is_numbered_by_its_position_in_the_body(plan_docx):
    source = read("要点.docx", plan_docx)
    assert lines(source)[0] == ("回兴街道 2020 年法治建设工作要点", 1)
    assert tables(source)[0].line == 5
    assert lines(source)[-1] == ("完成时限：2020年12月底前", 6)


def test_an_empty_docx_paragraph_is_kept(plan_docx):
    assert ("", 2) in lines(read("要点.docx", plan_docx))


def test_a_soft_break_splits_the_paragraph_into_lines_with_its_number(plan_docx):
    assert lines(read("要点.docx", plan_docx))[2:4] == [("1. 开展普法宣传", 3), ("牵头单位：司法所", 3)]


def test_a_page_break_inside_a_paragraph_is_no_text(plan_docx):
    assert ("2. 结合实际精准施策", 4) in lines(read("要点.docx", plan_docx))


def test_headers_and_footers_are_not_read(plan_docx):
    text = read("要点.docx", plan_docx).text
    assert "页眉" not in text and "第 1 页" not in text


def test_a_vertically_merged_cell_gives_its_text_in_every_row_it_spans(plan_docx):
    [table] = tables(read("要点.docx", plan_docx))
    assert [row[2] for row in table.rows] == ["牵头单位", "司法所\n综治办", "司法所\n综治办"]


def test_a_cell_merged_both_ways_fills_down_its_first_column_only():
    document = Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "张三"
    [read_table] = tables(read("要点.docx", docx_bytes(document)))
    assert read_table.rows == [["张三", "", ""], ["张三", "", ""], ["", "", ""]]


def test_a_horizontally_merged_cell_gives_its_text_once_and_keeps_the_columns():
    document = Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "一、依法全面履行政府职能"
    for column, text in enumerate(["1", "普法宣传", "司法所"]):
        table.cell(1, column).text = text
    [read_table] = tables(read("要点.docx", docx_bytes(document)))
    assert read_table.rows == [["一、依法全面履行政府职能", "", ""], ["1", "普法宣传", "司法所"]]


def _paragraph_with(xml: str) -> bytes:
    document = Document()
    paragraph = document.add_paragraph("1. 开展")
    paragraph._p.append(parse_xml(xml))
    return docx_bytes(document)


def test_a_tracked_insertion_is_read_and_a_tracked_deletion_is_not():
    w = nsdecls("w")
    inserted = _paragraph_with(f'<w:ins {w} w:id="1" w:author="a"><w:r><w:t>普法</w:t></w:r></w:ins>')
    assert lines(read("要点.docx", inserted)) == [("1. 开展普法", 1)]
    deleted = _paragraph_with(f'<w:del {w} w:id="2" w:author="a"><w:r><w:delText>旧</w:delText></w:r></w:del>')
    assert lines(read("要点.docx", deleted)) == [("1. 开展", 1)]


def test_a_date_in_a_smart_tag_is_read():
    date = "<w:r><w:t>2020年12月</w:t></w:r>"
    tagged = _paragraph_with(f'<w:smartTag {nsdecls("w")} w:element="date">{date}</w:smartTag>')
    assert lines(read("要点.docx", tagged)) == [("1. 开展2020年12月", 1)]


def test_text_in_a_text_box_is_skipped():
    box = (
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>印章</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    assert lines(read("要点.docx", _paragraph_with(box))) == [("1. 开展", 1)]


def test_paragraphs_inside_a_content_control_are_body_text():
    document = Document()
    document.add_paragraph("一、总体要求")
    document.element.body.insert(
        1,
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent>"
            "<w:p><w:r><w:t>（一）加强领导</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        ),
    )
    assert lines(read("要点.docx", docx_bytes(document))) == [("一、总体要求", 1), ("（一）加强领导", 2)]


# --- pasted text ---------------------------------------------------------------------------------


def test_pasted_text_is_read_line_by_line():
    source = read_pasted("一、总体要求\r\n\r\n1. 开展普法宣传")
    assert source.kind == "paste"
    assert lines(source) == [("一、总体要求", 1), ("", 2), ("1. 开展普法宣传", 3)]


def test_pasting_nothing_is_refused():
    with pytest.raises(ImportRejected, match="粘贴的内容是空的"):
        read_pasted(" \n\u3000\n")


def test_pasting_too_much_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 10
    with pytest.raises(ImportRejected, match="粘贴的内容超过大小上限"):
        read_pasted("一、总体要求")


# --- Word's automatic numbering ------------------------------------------------------------------

W = nsdecls("w")


def _level(ilvl: int, fmt: str, text: str, suffix: str = "nothing") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


def outline_list(document, abstract_id: int = 90, num_id: int = 90) -> int:
    """A three-level list 一、 （一） 1. as a Chinese template defines it; returns its numId."""
    numbering = document.part.numbering_part.element
    levels = _level(0, "chineseCounting", "%1、") + _level(1, "chineseCounting", "（%2）")
    levels += _level(2, "decimal", "%3.", suffix="space")
    numbering.append(parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return num_id


def numbered(document, text: str, num_id: int, level: int):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().insert(
        0, parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    return paragraph


def test_automatic_chinese_outline_numbers_are_put_in_front_of_the_text():
    document = Document()
    num_id = outline_list(document)
    for text, level in [
        ("总体要求", 0),
        ("加强领导", 1),
        ("开展普法", 2),
        ("强化考核", 2),
        ("主要任务", 0),
        ("依法行政", 1),
    ]:
        numbered(document, text, num_id, level)
    assert [text for text, _ in lines(read("要点.docx", docx_bytes(document)))] == [
        "一、总体要求",
        "（一）加强领导",
        "1. 开展普法",
        "2. 强化考核",
        "二、主要任务",
        "（一）依法行政",
    ]


def test_a_list_style_numbers_its_paragraphs_with_a_tab_after_the_number():
    document = Document()
    for text in ["开展普法宣传", "化解矛盾纠纷"]:
        document.add_paragraph(text, style="List Number")
    assert lines(read("要点.docx", docx_bytes(document))) == [("1.\t开展普法宣传", 1), ("2.\t化解矛盾纠纷", 2)]


def test_numbering_switched_off_on_a_paragraph_gives_no_number():
    document = Document()
    numbered(document, "不编号", 0, 0)
    assert lines(read("要点.docx", docx_bytes(document))) == [("不编号", 1)]


def test_a_restarted_list_counts_from_its_start_override():
    document = Document()
    num_id = outline_list(document)
    numbering = document.part.numbering_part.element
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    numbering.append(parse_xml(f'<w:num {W} w:numId="91"><w:abstractNumId w:val="90"/>{override}</w:num>'))
    numbered(document, "甲", num_id, 0)
    numbered(document, "乙", num_id, 0)
    numbered(document, "丙", 91, 0)
    assert [text for text, _ in lines(read("要点.docx", docx_bytes(document)))] == ["一、甲", "二、乙", "一、丙"]


def test_an_automatically_numbered_column_of_a_table_is_read_with_its_numbers():
    document = Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(f'<w:abstractNum {W} w:abstractNumId="92">{_level(0, "decimal", "%1")}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="92"><w:abstractNumId w:val="92"/></w:num>'))
    table = document.add_table(rows=2, cols=2)
    for row in range(2):
        cell_paragraph = table.cell(row, 0).paragraphs[0]
        cell_paragraph._p.get_or_add_pPr().insert(
            0, parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="92"/></w:numPr>')
        )
        table.cell(row, 1).text = ["普法宣传", "矛盾化解"][row]
    [read_table] = tables(read("要点.docx", docx_bytes(document)))
    assert read_table.rows == [["1", "普法宣传"], ["2", "矛盾化解"]]


@pytest.mark.parametrize(
    ("value", "number_format", "expected"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCountingThousand", "十二"),
        (20, "chineseCounting", "二十"),
        (35, "chineseCounting", "三十五"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "ideographTraditional", "乙"),
        (12, "decimalFullWidth", "１２"),
        (4, "upperRoman", "IV"),
        (28, "lowerLetter", "bb"),
        (7, "someFutureFormat", "7"),
    ],
)
def test_word_number_formats(value, number_format, expected):
    assert format_number(value, number_format) == expected


def test_a_table_merging_down_from_no_row_is_refused_as_damaged():
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0)._tc.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {W} w:val="continue"/>'))
    assert "不是有效的 Word 文档" in refusal("要点.docx", docx_bytes(document))


def test_odd_values_in_the_numbering_do_not_break_reading():
    document = Document()
    paragraph = document.add_paragraph("开展普法")
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {W}><w:ilvl w:val="x"/><w:numId w:val="5&quot;]"/></w:numPr>'))
    ppr.insert(0, parse_xml(f'<w:pStyle {W} w:val="a&quot;b"/>'))
    assert lines(read("要点.docx", docx_bytes(document))) == [("开展普法", 1)]
