"""Evidence files (issue 17, F10): taken by content from an allowlist, within totals per submission
and per item, stored 0600 (encrypted if configured), sent as downloads unless an image or a PDF, and
held as 待查毒 until clamd has read them where a scanner is configured."""

import io
import os
import socket
import stat
import threading
import zipfile
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile

from responsibility import storage
from responsibility.models import Evidence
from tests.api.helpers import pdf, post_report, report_data, url
from tests.workflow.drive import item_at

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


DOCX = zipped("[Content_Types].xml", "word/document.xml")
DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64
HTML = b"\0<html><script>alert(1)</script>"
EXE = b"MZ\x90\0\x03\0\0\0"


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


@pytest.fixture
def item(cast):
    return item_at(cast, "work")


def send(api, item, *files):
    return post_report(api("official"), item, report_data(evidence=list(files)))


def evidence_errors(response) -> str:
    return " ".join(response.json()["fields"]["evidence"])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("台账.pdf", b"%PDF-1.4 x"),
        ("照片.png", PNG),
        ("说明.docx", DOCX),
        ("旧版.doc", DOC),
        ("台账.csv", "序号,事项\n1,法律咨询\n".encode()),
        ("电子公文.ofd", zipped("OFD.xml")),
    ],
)
def test_the_kinds_allowed_by_default_are_taken(api, item, media, name, content):
    assert send(api, item, upload(name, content)).status_code == 201


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("页面.html", HTML),
        ("资料.zip", zipped("a.txt")),
        ("程序.exe", EXE),
    ],
)
def test_other_kinds_are_refused_with_what_is_allowed(api, item, media, name, content):
    response = send(api, item, upload(name, content))
    assert response.status_code == 400
    assert f"文件“{name}”的类型不在允许之列" in evidence_errors(response)
    assert not Evidence.objects.exists()


def test_a_name_that_lies_about_the_content_is_refused(api, item, media):
    response = send(api, item, upload("台账.pdf", DOCX))
    assert response.status_code == 400
    assert "内容与扩展名不符" in evidence_errors(response)


def test_an_svg_named_png_is_refused(api, item, media):
    assert send(api, item, upload("图.png", b"<svg onload='alert(1)'/>\0")).status_code == 400


def test_archives_are_taken_where_the_deployment_allows_them(api, item, media, settings):
    settings.EVIDENCE_ALLOWED_KINDS = ["pdf", "archive"]
    assert send(api, item, upload("资料.zip", zipped("a.txt"))).status_code == 201
    assert send(api, item, upload("照片.png", PNG)).status_code == 400


def test_the_files_of_one_submission_have_a_total(api, item, media, settings):
    settings.EVIDENCE_MAX_REQUEST_BYTES = 1024 * 1024
    files = [pdf(f"台账{n}.pdf", b"%PDF-1.4" + b"x" * 400_000) for n in range(3)]
    response = send(api, item, *files)
    assert response.status_code == 400
    assert "本次提交的文件合计超过 1 MB" in evidence_errors(response)
    assert not Evidence.objects.exists()


def test_an_items_evidence_has_a_total(api, item, media, settings):
    settings.EVIDENCE_MAX_ITEM_BYTES = 1024 * 1024
    assert send(api, item, pdf("一.pdf", b"%PDF-1.4" + b"x" * 700_000)).status_code == 201
    response = send(api, item, pdf("二.pdf", b"%PDF-1.4" + b"y" * 700_000))
    assert response.status_code == 400
    assert "该事项的佐证材料合计将超过 1 MB" in evidence_errors(response)
    assert Evidence.objects.count() == 1


def test_files_are_stored_readable_by_the_service_only(api, item, media):
    send(api, item, pdf())
    path = Path(Evidence.objects.get().file.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_a_file_other_than_an_image_or_pdf_is_sent_as_an_opaque_download(cast, api, item, media):
    send(api, item, upload("台账.csv", b"a,b\n"))
    evidence = Evidence.objects.get()
    for client, address in (
        (api("official"), url("evidence", evidence.pk)),
        (api("official"), f"/evidence/{evidence.pk}/"),
    ):
        client.force_login(cast.official)
        response = client.get(address)
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_keeps_its_type(cast, api, item, media):
    send(api, item, pdf())
    response = api("official").get(url("evidence", Evidence.objects.get().pk))
    assert response["Content-Type"] == "application/pdf"


# --- encryption at rest ------------------------------------------------------------------------------


def test_with_a_key_files_are_encrypted_on_disk_and_sent_in_clear(api, item, media, settings):
    settings.EVIDENCE_ENCRYPTION_KEY = Fernet.generate_key().decode()
    content = b"%PDF-1.4 secret ledger"
    send(api, item, pdf("台账.pdf", content))
    evidence = Evidence.objects.get()
    on_disk = Path(evidence.file.path).read_bytes()
    assert on_disk.startswith(storage.MARKER) and b"secret ledger" not in on_disk
    response = api("official").get(url("evidence", evidence.pk))
    assert b"".join(response.streaming_content) == content
    assert evidence.sha256 == __import__("hashlib").sha256(content).hexdigest()


def test_files_stored_before_the_key_was_set_still_open(api, item, media, settings):
    send(api, item, pdf("台账.pdf", b"%PDF-1.4 old"))
    settings.EVIDENCE_ENCRYPTION_KEY = Fernet.generate_key().decode()
    response = api("official").get(url("evidence", Evidence.objects.get().pk))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 old"


# --- virus scan ---------------------------------------------------------------------------------------


@pytest.fixture
def clamd(tmp_path, settings):
    """A clamd on a Unix socket speaking INSTREAM, that finds EICAR's test string."""
    path = str(tmp_path / "clamd.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen()
    seen = []

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                stream = conn.makefile("rb")
                assert stream.read(10) == b"zINSTREAM\0"
                data = b""
                while size := int.from_bytes(stream.read(4), "big"):
                    data += stream.read(size)
                seen.append(data)
                conn.sendall(b"stream: Eicar-Test-Signature FOUND\0" if EICAR in data else b"stream: OK\0")

    threading.Thread(target=serve, daemon=True).start()
    settings.CLAMD_URL = f"unix://{path}"
    yield seen
    server.close()
    os.unlink(path)


def test_a_file_waits_for_its_scan_before_it_can_be_downloaded(
    api, item, media, clamd, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        send(api, item, pdf("台账.pdf", b"%PDF-1.4 clean"))
    evidence = Evidence.objects.get()
    assert evidence.scan == Evidence.Scan.PENDING
    response = api("official").get(url("evidence", evidence.pk))
    assert response.status_code == 409 and "待查毒" in response.json()["detail"]
    for callback in callbacks:
        callback()
    evidence.refresh_from_db()
    assert evidence.scan == Evidence.Scan.CLEAN
    assert clamd == [b"%PDF-1.4 clean"]
    assert api("official").get(url("evidence", evidence.pk)).status_code == 200


def test_an_infected_file_is_never_sent_and_its_content_goes(
    api, item, media, clamd, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(api, item, upload("台账.txt", EICAR))
    evidence = Evidence.objects.get()
    assert (evidence.scan, evidence.scan_result) == (Evidence.Scan.INFECTED, "Eicar-Test-Signature")
    response = api("official").get(url("evidence", evidence.pk))
    assert response.status_code == 409 and "查出病毒" in response.json()["detail"]
    assert not evidence.file.storage.exists(evidence.file.name)


def test_the_item_page_says_a_file_is_waiting_for_its_scan(cast, api, item, media, clamd):
    send(api, item, pdf())
    from tests.browser import Browser, text

    page = text(Browser(cast.official).get(f"/items/{item.pk}/"))
    assert "待查毒" in page


def test_an_unreachable_clamd_leaves_the_file_waiting(api, item, media, settings, django_capture_on_commit_callbacks):
    from responsibility import scanning
    from responsibility.clamd import ScanError

    settings.CLAMD_URL = "unix:///nonexistent/clamd.sock"
    send(api, item, pdf())
    evidence = Evidence.objects.get()
    with pytest.raises(ScanError):
        scanning.scan_one(evidence.pk)
    evidence.refresh_from_db()
    assert evidence.scan == Evidence.Scan.PENDING
