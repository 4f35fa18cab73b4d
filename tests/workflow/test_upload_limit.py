"""An oversized evidence file is refused while it streams in: nothing is stored, the user is told."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from responsibility.models import Evidence, ProgressReport
from tests.browser import messages, url
from tests.workflow.drive import find_task, item_at


def post_report(cast, item, content: bytes):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.official)
    task = find_task(item, "work")
    client.get(url("task", task.pk))
    data = {
        # The token comes first, as our form renders it, so it survives a body cut off at the file.
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        "action": "report",
        "period": "2020-06",
        "percent_done": "50",
        "narrative": "半年进展",
        "evidence": SimpleUploadedFile("台账.pdf", content, content_type="application/pdf"),
    }
    return client.post(url("task", task.pk), data)


def test_an_oversized_file_is_refused_and_nothing_is_saved(cast, settings, media):
    settings.EVIDENCE_MAX_BYTES = 1024
    item = item_at(cast, "work")

    response = post_report(cast, item, b"x" * 5000)

    assert response.status_code == 200
    assert any("超过大小上限" in m and "台账.pdf" in m for m in messages(response)), messages(response)
    assert not ProgressReport.objects.filter(item=item).exists()
    assert not Evidence.objects.exists()
    assert not any(media.rglob("*.pdf")) if media.exists() else True
    assert find_task(item, "work").status in {"ASSIGNED", "NEW"}


def test_a_file_within_the_limit_is_stored(cast, settings, media):
    settings.EVIDENCE_MAX_BYTES = 1024
    item = item_at(cast, "work")

    response = post_report(cast, item, b"%PDF-1.4" + b"x" * 992)

    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.size == 1000 and evidence.original_name == "台账.pdf"
