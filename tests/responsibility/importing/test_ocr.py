"""Scanned PDFs and photos of a page, read by Tesseract: pages drawn by the tests in a Chinese font.

OCR may misread a character, so the checks are on what a reader needs (the numbers, the labels, the
units), and on the text being marked for checking."""

from __future__ import annotations

import io

import pypdfium2
import pytest

from responsibility.importing import ocr
from responsibility.importing.document import ImportRejected, Line
from responsibility.importing.parse import parse
from responsibility.importing.readers import check, read

from .made import need_ocr, official_pdf, photo, scanned_pdf

FIRST_PAGE = [
    "<center>某镇2024年平安建设工作要点",
    "各村、各站所：",
    "一、深化矛盾纠纷排查化解",
    "1.开展矛盾纠纷大排查，每月组织一次集中排查，做到早发现、早报告、早处置。",
    "责任单位：综治中心",
    "2.加强人民调解组织建设，实现村级调解委员会全覆盖。",
    "责任单位：司法所",
]
SECOND_PAGE = [
    "二、加强社会治安防控",
    "3.推进雪亮工程建设，新增视频监控点位五十个。",
    "责任单位：派出所",
]


@pytest.fixture(scope="module")
def scan() -> bytes:
    need_ocr()
    return scanned_pdf([FIRST_PAGE, SECOND_PAGE])


@pytest.fixture(scope="module")
def scanned(scan):
    return read("扫描件.pdf", scan)


def texts(source) -> list[str]:
    return [block.text for block in source.blocks if isinstance(block, Line)]


def test_a_scanned_pdf_is_read_paragraph_by_paragraph(scanned):
    found = texts(scanned)
    assert len(found) == len(FIRST_PAGE) + len(SECOND_PAGE)
    assert found[2] == "一、深化矛盾纠纷排查化解" and found[7] == "二、加强社会治安防控"
    assert found[3].startswith("1.") and found[3].endswith("早处置。")  # two lines on the page, one paragraph


def test_the_scanned_pages_are_marked_for_checking(scanned):
    (warning,) = scanned.warnings
    assert warning.line == 1
    assert "第 1–2 页是扫描件" in warning.message and "OCR" in warning.message and "核对" in warning.message


def test_a_scanned_plan_parses_into_items_with_their_units(scanned):
    parsed = parse(scanned, 2024)
    items = parsed.leaves()
    assert [node.number for node in items] == ["1.", "2.", "3."]
    assert [node.fields.responsible_units for node in items] == [["综治中心"], ["司法所"], ["派出所"]]
    assert "OCR" in parsed.warnings[0].message  # first of the doubts the review page lists


def test_only_the_scanned_page_of_a_mixed_pdf_is_marked(scan):
    text_page = official_pdf(["<center>某镇2024年平安建设工作要点", "各村、各站所："], page_numbers=False)
    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(pypdfium2.PdfDocument(text_page))
    mixed.import_pages(pypdfium2.PdfDocument(scan), [1])
    out = io.BytesIO()
    mixed.save(out)
    source = read("混合.pdf", out.getvalue())
    assert texts(source)[:2] == ["某镇2024年平安建设工作要点", "各村、各站所："]
    (warning,) = source.warnings
    assert "第 2 页是扫描件" in warning.message and warning.line == 3


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_a_photo_of_a_page_is_read_and_marked(kind):
    need_ocr()
    source = read(f"照片.{kind.lower()}", photo(FIRST_PAGE, kind))
    assert source.kind == "image"
    assert texts(source)[2] == "一、深化矛盾纠纷排查化解"
    assert "图片中的文字由 OCR 自动识别" in source.warnings[0].message


def test_a_blank_scan_is_refused_saying_nothing_was_recognised():
    need_ocr()
    message = refusal(read, "空白.pdf", scanned_pdf([[]]))
    assert message.startswith("未能从“空白.pdf”中识别出文字")


# --- without Tesseract ----------------------------------------------------------------------------

INSTALL = "apt-get install tesseract-ocr tesseract-ocr-chi-sim"


def refusal(reader, name: str, data: bytes) -> str:
    with pytest.raises(ImportRejected) as caught:
        reader(name, data)
    return caught.value.message


@pytest.fixture
def no_tesseract(monkeypatch):
    real = ocr.shutil.which
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None if name == "tesseract" else real(name))


def test_without_tesseract_a_scan_is_refused_on_the_form_saying_what_to_install(scan, no_tesseract):
    message = refusal(check, "扫描件.pdf", scan)
    assert INSTALL in message and "OCR" in message


def test_without_tesseract_reading_a_scan_says_what_to_install(scan, no_tesseract):
    assert INSTALL in refusal(read, "扫描件.pdf", scan)


def test_without_tesseract_a_photo_is_refused_saying_what_to_install(no_tesseract):
    need_ocr()
    assert INSTALL in refusal(check, "照片.png", photo(FIRST_PAGE))


def test_without_the_chinese_data_a_scan_is_refused_saying_what_to_install(scan, monkeypatch):
    monkeypatch.setattr(ocr, "_languages", lambda tesseract: {"eng", "osd"})
    assert INSTALL in refusal(read, "扫描件.pdf", scan)


def test_a_pdf_with_a_text_layer_needs_no_tesseract(no_tesseract):
    data = official_pdf(["一、总体要求", "1.完善制度。"])
    check("要点.pdf", data)
    assert texts(read("要点.pdf", data)) == ["一、总体要求", "1.完善制度。"]


def test_a_photo_too_large_to_decode_is_refused(monkeypatch):
    need_ocr()
    monkeypatch.setattr(ocr, "MAX_PIXELS", 1000)
    assert "过大" in refusal(check, "照片.png", photo(FIRST_PAGE))


# --- what Tesseract misreads in an assignment, put back where a label shows it -----------------------


@pytest.mark.parametrize(
    ("read_as", "meant"),
    [
        ("（主办单任：县文联；配台单位：县图书馆）", "（主办单位：县文联；配合单位：县图书馆）"),
        ("（责任单位：县水务局；截止时问：9月底前）", "（责任单位：县水务局；截止时间：9月底前）"),
        ("〈责任单位:县水务局〉", "（责任单位:县水务局）"),
        ("做好宣传。【配合部门：县融媒体中心】", "做好宣传。（配合部门：县融媒体中心）"),
        ("{牵头单位:县农业农村局；完成时限:6月底前}", "（牵头单位:县农业农村局；完成时限:6月底前）"),
        ("（责任单位：各乡镇”完成时限：2024年12月底前）", "（责任单位：各乡镇；完成时限：2024年12月底前）"),
        ("责任单位，县水务局", "责任单位：县水务局"),
    ],
)
def test_an_ocr_misread_label_bracket_or_separator_is_put_back(read_as, meant):
    assert ocr._labelled(read_as) == meant


@pytest.mark.parametrize(
    "text",
    [
        "【打印本页】【关闭窗口】",
        "全面完成年度目标任务。",
        "发布日期：2024-03-01",
        "工作时间：周一至周五",
        "完成情况：良好",
    ],
)
def test_ocr_text_without_a_misread_label_is_left_as_read(text):
    assert ocr._labelled(text) == text
