"""A long import runs in a real Celery worker over Redis, after the upload's transaction commits."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from responsibility.models import PlanImport
from tests.browser import Browser, plain_text
from tests.workflow.test_celery_worker import broker, wait_for, waiting, worker  # noqa: F401 – fixtures

from .made import convert, official_docx

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DOCUMENT = Path(__file__).parent / "documents" / "plan_2021.txt"


def upload(cast):
    browser = Browser(cast.office)
    form = {"organisation": cast.street.pk, "year": 2021, "title": "", "text": ""}
    form["file"] = SimpleUploadedFile("回兴街道2021年要点.txt", DOCUMENT.read_bytes())
    return browser, browser.submit(reverse("plans:import"), form)


def test_the_import_is_queued_and_the_worker_builds_the_draft(cast_committed, broker, worker):  # noqa: F811
    browser, response = upload(cast_committed)
    job = PlanImport.objects.get()
    assert response["Location"] == reverse("plans:import_status", args=[job.pk])
    page = plain_text(browser.get(response["Location"]))
    assert "导入进度" in page

    _proc, log = worker
    assert wait_for(lambda: PlanImport.objects.get(pk=job.pk).is_finished), log.read_text()[-3000:]
    job.refresh_from_db()
    assert job.status == PlanImport.Status.DONE, job.message
    assert job.plan.items.filter(is_heading=False).count() == 7
    assert browser.get(reverse("plans:import_status", args=[job.pk]))["Location"] == reverse(
        "plans:review", args=[job.plan_id]
    )
    assert "run_import" in log.read_text()


def test_nothing_is_queued_while_the_upload_is_refused(cast_committed, broker):  # noqa: F811
    browser = Browser(cast_committed.office)
    form = {"organisation": cast_committed.street.pk, "year": 2021, "title": "", "text": ""}
    form["file"] = SimpleUploadedFile("坏.docx", b"PK\x03\x04broken")
    browser.submit(reverse("plans:import"), form)
    assert waiting(broker) == 0 and not PlanImport.objects.exists()


def test_the_worker_converts_an_old_word_file(cast_committed, broker, worker):  # noqa: F811
    plan = [
        "回兴街道2024年工作要点",
        "一、依法行政",
        "1.完善合法性审查机制。",
        "牵头单位：司法所",
        "2.规范行政执法行为。",
    ]
    data = convert(official_docx(plan), ".docx", "doc")
    browser = Browser(cast_committed.office)
    form = {"organisation": cast_committed.street.pk, "year": 2024, "title": "", "text": ""}
    form["file"] = SimpleUploadedFile("要点.doc", data)
    browser.submit(reverse("plans:import"), form)
    job = PlanImport.objects.get()
    _proc, log = worker
    assert wait_for(lambda: PlanImport.objects.get(pk=job.pk).is_finished, timeout=90), log.read_text()[-3000:]
    job.refresh_from_db()
    assert job.status == PlanImport.Status.DONE, job.message
    titles = list(job.plan.items.filter(is_heading=False).values_list("title", flat=True))
    assert titles == ["完善合法性审查机制", "规范行政执法行为"]
    assert job.plan.items.get(title="完善合法性审查机制").lead_unit == cast_committed.justice
