"""PDF, scans and .doc through the doors users use: the import page (the work done by the task after
the upload commits, not in the request) and ``manage.py import_workplan``."""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from responsibility.importing import legacy, ocr
from responsibility.models import PlanImport
from tests.browser import Browser, field_errors, plain_text

from .made import convert, need_ocr, official_docx, official_pdf, scanned_pdf

PLAN = [
    "<center>回兴街道2024年普法依法治理工作要点",
    "各社区、各科室：",
    "一、深入学习宣传习近平法治思想",
    "1.组织党工委理论学习中心组专题学法，全年不少于四次，推动领导干部带头尊法学法守法用法。",
    "牵头单位：党政办",
    "2.开展宪法宣传周系列活动，组织宪法进社区、进学校、进企业。",
    "责任单位：司法所、兴科社区",
    "二、加强重点对象法治教育",
    "3.落实国家工作人员旗帜鲜明讲法治要求，组织年度学法考试。",
    "责任单位：党政办",
]


def upload(browser, cast, name: str, data: bytes):
    form = {"organisation": cast.street.pk, "year": 2024, "title": "", "text": ""}
    form["file"] = SimpleUploadedFile(name, data)
    return browser.submit(reverse("plans:import"), form)


def imported(cast, capture, name: str, data: bytes):
    browser = Browser(cast.office)
    with capture(execute=True):
        response = upload(browser, cast, name, data)
    job = PlanImport.objects.get()
    assert response.status_code == 302, plain_text(response)
    job.refresh_from_db()
    assert job.status == PlanImport.Status.DONE, job.message
    return browser, job.plan


def check_items(plan, cast) -> None:
    items = {item.number: item for item in plan.items.filter(is_heading=False)}
    assert sorted(items) == ["1.", "2.", "3."]
    assert items["1."].title.startswith("组织党工委理论学习中心组专题学法")
    assert items["1."].lead_unit == cast.office_unit
    assert set(items["2."].responsible_units.all()) == {cast.justice, cast.community}
    assert plan.title == "回兴街道2024年普法依法治理工作要点"


@pytest.fixture(scope="module")
def plan_pdf() -> bytes:
    return official_pdf(PLAN)


@pytest.fixture(scope="module")
def plan_doc() -> bytes:
    return convert(official_docx(PLAN), ".docx", "doc")


@pytest.fixture(scope="module")
def plan_scan() -> bytes:
    need_ocr()
    return scanned_pdf([PLAN[:7], PLAN[7:]])


def test_an_uploaded_pdf_becomes_a_draft_with_its_items_and_units(cast, django_capture_on_commit_callbacks, plan_pdf):
    browser, plan = imported(cast, django_capture_on_commit_callbacks, "要点.pdf", plan_pdf)
    check_items(plan, cast)
    page = plain_text(browser.get(reverse("plans:review", args=[plan.pk])))
    assert "- 1 -" not in page  # the page number is gone
    assert "OCR" not in page


def test_an_uploaded_doc_is_converted_by_the_import_task_not_in_the_request(
    cast, django_capture_on_commit_callbacks, plan_doc, monkeypatch
):
    conversions = []
    real = legacy.convert
    monkeypatch.setattr(legacy, "convert", lambda *args: conversions.append(args) or real(*args))
    browser = Browser(cast.office)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = upload(browser, cast, "要点.doc", plan_doc)
    assert response.status_code == 302 and conversions == []  # the request only looked into the file
    for callback in queued:
        callback()
    job = PlanImport.objects.get()
    assert job.status == PlanImport.Status.DONE, job.message
    assert len(conversions) == 1
    check_items(job.plan, cast)


def test_an_uploaded_scan_is_read_by_ocr_and_the_review_says_to_check_it(
    cast, django_capture_on_commit_callbacks, plan_scan
):
    browser, plan = imported(cast, django_capture_on_commit_callbacks, "扫描件.pdf", plan_scan)
    items = plan.items.filter(is_heading=False).order_by("order", "id")
    assert [item.number for item in items] == ["1.", "2.", "3."]
    assert items[0].lead_unit == cast.office_unit
    html = browser.get(reverse("plans:review", args=[plan.pk])).content.decode()
    problems = re.search(r'<section class="card" id="problems">.*?</section>', html, re.S).group(0)
    assert "第 1–2 页是扫描件，文字由 OCR 自动识别" in problems and 'href="#L1"' in problems


def test_a_scan_is_refused_on_the_form_when_ocr_is_not_installed(cast, plan_scan, monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    response = upload(Browser(cast.office), cast, "扫描件.pdf", plan_scan)
    errors = " ".join(field_errors(response, "file"))
    assert "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in errors
    assert not PlanImport.objects.exists()


def test_a_doc_is_refused_on_the_form_when_libreoffice_is_not_installed(cast, plan_doc, monkeypatch):
    monkeypatch.setattr(legacy.shutil, "which", lambda name: None)
    response = upload(Browser(cast.office), cast, "要点.doc", plan_doc)
    assert "apt-get install libreoffice-writer-nogui" in " ".join(field_errors(response, "file"))
    assert not PlanImport.objects.exists()


# --- the command ----------------------------------------------------------------------------------


def command(name: str, data: bytes) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        out = io.StringIO()
        call_command("import_workplan", str(path), "--org", "回兴街道", "--year", "2024", "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    "name, document", [("要点.pdf", "plan_pdf"), ("要点.doc", "plan_doc"), ("扫描件.pdf", "plan_scan")]
)
def test_the_command_imports_pdf_doc_and_scans(cast, request, name, document):
    summary = command(name, request.getfixturevalue(document))
    items = [entry for entry in summary["entries"] if not entry["heading"]]
    assert [entry["number"] for entry in items] == ["一、1.", "一、2.", "二、3."]
    assert items[1]["responsible_units"] == ["司法所", "兴科社区"]
    scanned = [problem for problem in summary["warnings"] if "OCR" in problem["message"]]
    assert bool(scanned) == (name == "扫描件.pdf")


# --- the task's time limit ------------------------------------------------------------------------


def test_an_import_stopped_at_the_tasks_time_limit_fails_saying_so(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    from celery.exceptions import SoftTimeLimitExceeded

    from responsibility.importing import run

    def too_slow(*args):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(run, "parse", too_slow)
    with django_capture_on_commit_callbacks(execute=True):
        upload(Browser(cast.office), cast, "要点.txt", "一、总体要求\n1.完善制度。".encode())
    job = PlanImport.objects.get()
    assert job.status == PlanImport.Status.FAILED and job.plan is None
    assert job.message == "导入超过时间上限，已停止，没有生成草稿。请拆分成较小的文件后再导入。"


def test_the_import_task_has_a_time_limit_beyond_the_reading_limit(settings):
    from responsibility.tasks import run_import

    assert run_import.soft_time_limit > settings.IMPORT_TIME_LIMIT
    assert run_import.time_limit > run_import.soft_time_limit
