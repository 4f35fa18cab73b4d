"""The access log: who read which file, who signed in or failed to, from where; the office reads it."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from responsibility.models import AccessRecord, Evidence, ProgressReport
from tests.browser import Browser, text

pytestmark = pytest.mark.usefixtures("media")
Kind = AccessRecord.Kind
LOG = reverse("access_log")


@pytest.fixture
def evidence(cast):
    item = cast.item()
    report = ProgressReport.objects.create(
        item=item, plan=item.plan, author=cast.official, period="2030Q1", percent_done=50, narrative="进展"
    )
    evidence = Evidence(report=report, original_name="台账.pdf", size=8, sha256="a" * 64)
    evidence.file.save("台账.pdf", ContentFile(b"%PDF-1.4"), save=False)
    evidence.save()
    return evidence


def test_an_evidence_download_is_logged_with_who_what_and_where(cast, evidence):
    browser = Browser(cast.office)
    browser.client.get(reverse("workflow:evidence", args=[evidence.pk]), REMOTE_ADDR="10.1.2.3")
    record = AccessRecord.objects.get(kind=Kind.DOWNLOAD)
    assert (record.user, record.username, record.what, record.address) == (
        cast.office,
        "office",
        "台账.pdf",
        "10.1.2.3",
    )
    assert record.path == reverse("workflow:evidence", args=[evidence.pk])


def test_a_refused_download_is_not_a_read(cast, evidence):
    Browser(cast.outsider).get(reverse("workflow:evidence", args=[evidence.pk]))
    assert not AccessRecord.objects.filter(kind=Kind.DOWNLOAD).exists()


def test_an_export_is_logged(cast):
    cast.item()
    Browser(cast.office).get(reverse("plans:export", args=[cast.plan.pk]))
    assert AccessRecord.objects.get(kind=Kind.DOWNLOAD).what.endswith(".xlsx")


def test_logins_and_failed_logins_are_logged(cast):
    Browser.log_in(cast.official)
    Browser().submit(reverse("login"), {"username": "official", "password": "wrong"})
    Browser().submit(reverse("login"), {"username": "nobody", "password": "wrong"})
    logged = list(AccessRecord.objects.order_by("id").values_list("kind", "username", "user"))
    assert logged == [
        (Kind.LOGIN, "official", cast.official.pk),
        (Kind.LOGIN_FAILED, "official", None),
        (Kind.LOGIN_FAILED, "nobody", None),
    ]


def test_an_api_token_failure_is_logged(cast):
    from django.test import Client

    Client().post("/api/token/", {"username": "official", "password": "wrong"})
    assert AccessRecord.objects.filter(kind=Kind.LOGIN_FAILED, username="official").exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [("office", 200), ("committee", 403), ("official", 403), ("inspector", 403), ("outsider", 403)],
)
def test_the_office_reads_the_access_log_and_no_one_else(cast, role, status):
    assert Browser(cast.roles[role]).get(LOG).status_code == status


def test_the_log_page_shows_and_filters_records(cast):
    AccessRecord.objects.create(kind=Kind.LOGIN_FAILED, username="mallory", address="10.9.9.9")
    AccessRecord.objects.create(kind=Kind.DOWNLOAD, username="official", what="台账.pdf", address="10.1.1.1")
    browser = Browser(cast.office)
    page = text(browser.get(LOG))
    assert "mallory" in page and "台账.pdf" in page
    failed = text(browser.get(LOG, data={"kind": "login_failed"}))
    assert "mallory" in failed and "台账.pdf" not in failed
    assert "mallory" not in text(browser.get(LOG, data={"username": "offic"}))
    assert "台账.pdf" not in text(browser.get(LOG, data={"address": "10.9"}))


def test_a_wrong_date_in_the_filter_shows_its_error_and_the_rest_applies(cast):
    AccessRecord.objects.create(kind=Kind.LOGIN_FAILED, username="mallory")
    page = text(Browser(cast.office).get(LOG, data={"since": "明天", "username": "mall"}))
    assert "mallory" in page and "有效的日期" in page


def test_the_log_pages_in_fifties_in_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    AccessRecord.objects.bulk_create([AccessRecord(kind=Kind.LOGIN, username=f"u{n}") for n in range(120)])
    browser = Browser(cast.office)
    browser.get(LOG)
    # 8: with the organisations whose people the office reads the log of.
    with django_assert_max_num_queries(8):
        page = text(browser.get(LOG, data={"page": 2}))
    total = AccessRecord.objects.count()  # the 120 and the office's own login (force_login signals it)
    assert total == 121 and "第 2 / 3 页" in page and "共 121 项" in page


# --- the export for a reviewer -------------------------------------------------------------------

EXPORT = reverse("access_log_export")


def rows_of(response) -> list[tuple]:
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_the_office_exports_the_records_the_filters_select_every_page_of_them(cast):
    AccessRecord.objects.create(kind=Kind.DOWNLOAD, username="official", what="台账.pdf", address="10.1.1.1")
    AccessRecord.objects.bulk_create(
        [AccessRecord(kind=Kind.LOGIN_FAILED, username=f"mallory{n}", address="10.9.9.9") for n in range(60)]
    )
    response = Browser(cast.office).get(EXPORT, data={"kind": "login_failed"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "filename*=utf-8''%E8%AE%BF%E9%97%AE%E6%97%A5%E5%BF%97-" in response["Content-Disposition"]
    header, *rows = rows_of(response)
    assert header == ("时间", "用户名", "类别", "对象", "来源地址", "地址", "客户端")
    assert len(rows) == 60
    assert {row[1:5] for row in rows} == {(f"mallory{n}", "登录失败", None, "10.9.9.9") for n in range(60)}


def test_the_export_lands_in_the_log_it_exports(cast):
    Browser(cast.office).get(EXPORT)
    record = AccessRecord.objects.get(kind=Kind.DOWNLOAD)
    assert (record.username, record.path) == ("office", EXPORT)
    assert record.what.startswith("访问日志-") and record.what.endswith(".xlsx")


@pytest.mark.parametrize("role", ["committee", "official", "inspector", "outsider"])
def test_no_one_but_the_office_exports_the_log(cast, role):
    assert Browser(cast.roles[role]).get(EXPORT).status_code == 403
    assert not AccessRecord.objects.filter(kind=Kind.DOWNLOAD).exists()


def test_the_page_links_to_the_export_of_what_it_shows(cast):
    page = Browser(cast.office).get(LOG, data={"kind": "login_failed", "page": 2}).content.decode()
    assert f'href="{EXPORT}?kind=login_failed"' in page


def test_the_export_costs_the_same_queries_for_many_records(cast, django_assert_max_num_queries):
    browser = Browser(cast.office)
    AccessRecord.objects.bulk_create([AccessRecord(kind=Kind.LOGIN, username=f"u{n}") for n in range(5)])
    browser.get(EXPORT)
    AccessRecord.objects.bulk_create([AccessRecord(kind=Kind.LOGIN, username=f"v{n}") for n in range(500)])
    # 7: with the organisations whose people the office reads the log of.
    with django_assert_max_num_queries(7):
        assert len(rows_of(browser.get(EXPORT))) == 1 + 5 + 500 + 2  # the office's login, the first export
