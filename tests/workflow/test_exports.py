"""Exports (issue 18): whole lists, small ones at once, big ones by a job on 我的导出 that only its
owner can download; rights checked when asked and again when the job runs."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from responsibility import exports
from responsibility.models import ExportJob, ItemStatus, Rag, RagReason, ResponsibilityItem
from responsibility.permissions import sync_item_permissions
from responsibility.tasks import delete_expired_exports, run_export
from tests.browser import Browser, messages, plain_text, text
from workflow.board_export import BoardExport

BOARD = reverse("workflow:board")
EXPORTS = reverse("exports:list")
ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]


@pytest.fixture(autouse=True)
def small_exports(settings, tmp_path):
    """Lists of more than 5 rows go to a job, written under a directory of the test's own."""
    settings.EXPORT_INLINE_MAX_ROWS = 5
    settings.EXPORT_ROOT = tmp_path / "exports"


def open_items(cast, count, title="事项", rag=Rag.RED):
    """``count`` open items of the plan, lit, made in one statement (the board reads stored lights)."""
    reason = RagReason.OVERDUE if rag == Rag.RED else RagReason.ON_TRACK
    return ResponsibilityItem.objects.bulk_create(
        ResponsibilityItem(
            plan=cast.plan,
            number=f"{n}.",
            order=n,
            title=f"{title}{n}",
            deadline=datetime.date(2030, 12, 31),
            lead_unit=cast.justice,
            lead_leader_post=cast.posts["leader"],
            responsible_post=cast.posts["official"],
            inspector_post=cast.posts["inspector"],
            status=ItemStatus.IN_PROGRESS,
            rag=rag,
            rag_reason=reason,
        )
        for n in range(1, count + 1)
    )


def rows_of(data: bytes, sheet: int = 0) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return [row for row in book.worksheets[sheet].iter_rows(min_row=3, values_only=True) if any(row)]


def export_board(browser, django_capture_on_commit_callbacks, **filters):
    with django_capture_on_commit_callbacks(execute=True):
        return browser.get(BOARD, data={**filters, "format": "xlsx"})


def download(browser, job):
    response = browser.get(reverse("exports:download", args=[job.pk]))
    return b"".join(response.streaming_content) if response.status_code == 200 else response


# --- small and big ------------------------------------------------------------------------------------


def test_a_small_board_export_is_sent_at_once_and_makes_no_job(cast, django_capture_on_commit_callbacks):
    open_items(cast, 5)
    response = export_board(Browser(cast.office), django_capture_on_commit_callbacks)
    assert response["Content-Disposition"].startswith("attachment")
    assert len(rows_of(response.content)) == 5
    assert not ExportJob.objects.exists()


def test_a_big_board_export_becomes_a_job_that_writes_every_row(cast, django_capture_on_commit_callbacks):
    # The board's export used to stop at 5,000 rows without a word.
    open_items(cast, 5_100)
    browser = Browser(cast.office)
    response = export_board(browser, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == EXPORTS
    job = ExportJob.objects.get()
    assert (job.owner, job.kind, job.status, job.rows_done, job.rows_total) == (
        cast.office,
        "board",
        ExportJob.Status.DONE,
        5_100,
        5_100,
    )
    rows = rows_of(download(browser, job))
    assert len(rows) == 5_100
    assert {row[1] for row in rows} == {f"事项{n}" for n in range(1, 5_101)}


def test_the_job_keeps_the_boards_filters(cast, django_capture_on_commit_callbacks):
    open_items(cast, 8, "红灯事项", Rag.RED)
    open_items(cast, 4, "绿灯事项", Rag.GREEN)
    browser = Browser(cast.office)
    export_board(browser, django_capture_on_commit_callbacks, rag="red")
    job = ExportJob.objects.get()
    assert job.params == {"rag": "red"}
    assert sorted(row[1] for row in rows_of(download(browser, job))) == sorted(f"红灯事项{n}" for n in range(1, 9))


def test_a_big_plan_export_becomes_a_job_with_the_whole_list_in_tree_order(cast, django_capture_on_commit_callbacks):
    heading = ResponsibilityItem.objects.create(plan=cast.plan, number="一、", title="总标题", is_heading=True)
    for n in range(1, 9):
        cast.item(f"清单事项{n}", number=f"{n}.", order=n, parent=heading)
    browser = Browser(cast.committee)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.get(reverse("plans:export", args=[cast.plan.pk]))
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert (job.kind, job.status, job.rows_done) == ("plan", ExportJob.Status.DONE, 9)
    assert job.file_name == f"{cast.plan.title}-责任清单.xlsx"
    data = download(browser, job)
    assert [row[1] for row in rows_of(data)] == ["总标题", *[f"清单事项{n}" for n in range(1, 9)]]
    assert len(rows_of(data, sheet=1)) == 16  # the 分办表: 司法所 leads and does each


def test_asking_again_while_the_job_runs_gives_the_same_job(cast):
    open_items(cast, 6)
    first = exports.start(cast.office, "board", {})
    again = exports.start(cast.office, "board", {})
    other = exports.start(cast.office, "board", {"rag": "red"})
    assert first.pk == again.pk != other.pk


# --- the page, the download and who may use them ---------------------------------------------------------


@pytest.fixture
def done_job(cast, django_capture_on_commit_callbacks):
    open_items(cast, 6)
    export_board(Browser(cast.office), django_capture_on_commit_callbacks)
    return ExportJob.objects.get(status=ExportJob.Status.DONE)


def test_my_exports_shows_the_job_its_progress_and_its_link(cast, done_job):
    page = Browser(cast.office).get(EXPORTS)
    assert done_job.title in plain_text(page) and "已完成" in plain_text(page)
    assert reverse("exports:download", args=[done_job.pk]) in text(page)
    assert 'value="100"' in text(page) and "6 / 6 行" in plain_text(page)


def test_my_exports_lists_only_my_own_jobs(cast, done_job):
    for role in ROLES:
        page = plain_text(Browser(cast.roles[role]).get(EXPORTS))
        assert (done_job.title in page) == (role == "office"), role


@pytest.mark.parametrize("role", ROLES)
def test_only_the_owner_downloads_the_file(cast, done_job, role):
    response = Browser(cast.roles[role]).get(reverse("exports:download", args=[done_job.pk]))
    assert response.status_code == (200 if role == "office" else 404)


def test_not_even_an_administrator_downloads_anothers_export(cast, done_job, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="x")
    assert Browser(admin).get(reverse("exports:download", args=[done_job.pk])).status_code == 404


def test_a_visitor_is_sent_to_log_in(cast, done_job):
    response = Browser().get(reverse("exports:download", args=[done_job.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_download_is_not_cached_and_names_the_file(cast, done_job):
    response = Browser(cast.office).get(reverse("exports:download", args=[done_job.pk]))
    assert response["Cache-Control"] == "no-store"
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_the_progress_poll_answers_only_for_own_jobs(cast, done_job):
    ids = {"ids": f"{done_job.pk},999999"}
    own = Browser(cast.office).get(reverse("exports:progress"), data=ids).json()
    assert own == {"jobs": [{"id": done_job.pk, "status": "done", "rows": 6, "percent": 100}]}
    assert Browser(cast.committee).get(reverse("exports:progress"), data=ids).json() == {"jobs": []}


def test_an_unfinished_job_is_polled_and_has_no_link_yet(cast):
    open_items(cast, 6)
    job = exports.start(cast.office, "board", {})  # queued: its task waits for the commit
    page = text(Browser(cast.office).get(EXPORTS))
    assert f"ids={job.pk}" in page and "js/exports.js" in page and "排队中" in page
    assert reverse("exports:download", args=[job.pk]) not in page
    assert Browser(cast.office).get(reverse("exports:download", args=[job.pk])).status_code == 404


# --- rights at run time, failure and retry -----------------------------------------------------------


def _inspects(items, inspector_post) -> None:
    ResponsibilityItem.objects.filter(pk__in=[i.pk for i in items]).update(inspector_post=inspector_post)
    for item in ResponsibilityItem.objects.filter(pk__in=[i.pk for i in items]):
        sync_item_permissions(item)


def test_rows_are_those_the_user_may_see_when_the_job_runs(cast):
    mine = open_items(cast, 6, "我督查的")
    others = open_items(cast, 6, "别人督查的")
    _inspects(mine, cast.posts["inspector"])
    _inspects(others, None)
    job = exports.start(cast.inspector, "board", {})
    assert job.rows_total == 6
    # Before a worker gets to it, two more are given to him and two of his are taken away.
    more = open_items(cast, 2, "新交给我的")
    _inspects(more, cast.posts["inspector"])
    _inspects(mine[:2], None)
    run_export(job.pk)
    job.refresh_from_db()
    titles = sorted(row[1] for row in rows_of(job.file.read()))
    assert titles == sorted([*(f"我督查的{n}" for n in range(3, 7)), "新交给我的1", "新交给我的2"])
    assert job.rows_done == job.rows_total == 6


def test_a_job_whose_owner_lost_the_right_fails_saying_why_and_runs_after_it_is_given_back(cast):
    open_items(cast, 6)
    job = exports.start(cast.office, "board", {})
    groups = list(cast.office.groups.all())
    cast.office.groups.clear()
    run_export(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.file.name) == ("failed", "你已没有查看督办看板的权限。", "")
    page = Browser(cast.office).submit(reverse("exports:retry", args=[job.pk]), form_page=EXPORTS, follow=True)
    assert "你已没有查看督办看板的权限。" in messages(page)
    cast.office.groups.set(groups)
    Browser(cast.office).submit(reverse("exports:retry", args=[job.pk]), form_page=EXPORTS)
    job.refresh_from_db()
    assert job.status == "queued"
    run_export(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, job.rows_done) == ("done", "", 6)


def test_a_failed_job_says_why_on_the_page_and_a_retry_makes_the_file(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    open_items(cast, 6)
    write = BoardExport.write

    def broken(self, out, progress=None):
        raise OSError("disk full")

    monkeypatch.setattr(BoardExport, "write", broken)
    browser = Browser(cast.office)
    export_board(browser, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert job.status == "failed" and f"导出任务编号 {job.pk}" in job.error
    page = browser.get(EXPORTS)
    assert "生成文件时出错" in plain_text(page) and reverse("exports:retry", args=[job.pk]) in text(page)
    monkeypatch.setattr(BoardExport, "write", write)
    with django_capture_on_commit_callbacks(execute=True):
        browser.submit(reverse("exports:retry", args=[job.pk]), form_page=EXPORTS)
    job.refresh_from_db()
    assert (job.status, job.error) == ("done", "")
    assert len(rows_of(download(browser, job))) == 6


def test_a_filter_gone_by_run_time_fails_rather_than_exporting_everything(cast):
    open_items(cast, 6)
    plan = cast.plan
    job = exports.start(cast.office, "board", {"plan": str(plan.pk)})
    ResponsibilityItem.objects.filter(plan=plan).delete()
    plan.delete()
    run_export(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "筛选条件已失效" in job.error


@pytest.mark.parametrize("role", ROLES)
def test_only_the_owner_may_retry(cast, role):
    open_items(cast, 6)
    job = exports.start(cast.office, "board", {})
    ExportJob.objects.filter(pk=job.pk).update(status="failed", error="x")
    response = Browser(cast.roles[role]).submit(reverse("exports:retry", args=[job.pk]), form_page=EXPORTS)
    assert response.status_code == (302 if role == "office" else 404)
    job.refresh_from_db()
    assert job.status == ("queued" if role == "office" else "failed")


def test_with_the_broker_down_the_job_fails_and_says_to_retry(cast, monkeypatch, django_capture_on_commit_callbacks):
    from kombu.exceptions import OperationalError

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(run_export, "delay", unreachable)
    open_items(cast, 6)
    export_board(Browser(cast.office), django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert job.status == "failed" and "重试" in job.error


# --- cleanup -----------------------------------------------------------------------------------------


def test_old_exports_go_with_their_files(cast, done_job, settings):
    path = done_job.file.path
    ExportJob.objects.filter(pk=done_job.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=settings.EXPORT_KEEP_DAYS, minutes=1)
    )
    fresh = exports.start(cast.office, "board", {"rag": "red"})
    assert delete_expired_exports() == 1
    assert list(ExportJob.objects.all()) == [fresh]
    import os

    assert not os.path.exists(path)


def test_the_cleanup_runs_nightly():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["delete-expired-exports"]
    assert entry["task"] == delete_expired_exports.name


# --- queries ---------------------------------------------------------------------------------------------


def _fresh(user):
    """The user read again: no permissions cached on the object from an earlier export."""
    return type(user).objects.get(pk=user.pk)


def _write_queries(kind, user, params) -> int:
    kind(_fresh(user), params).write(io.BytesIO())  # content types and the like, cached for the process
    with CaptureQueriesContext(connection) as captured:
        kind(_fresh(user), params).write(io.BytesIO())
    return len(captured)


@pytest.mark.parametrize("role", ["office", "inspector"])
def test_the_board_export_reads_its_rows_in_queries_that_do_not_grow_with_them(cast, django_assert_num_queries, role):
    _inspects(open_items(cast, 3), cast.posts["inspector"])
    few = _write_queries(BoardExport, cast.roles[role], {})
    _inspects(open_items(cast, 60, "更多"), cast.posts["inspector"])
    with django_assert_num_queries(few):
        assert BoardExport(_fresh(cast.roles[role]), {}).write(io.BytesIO()) == 63


def test_the_plan_export_reads_its_rows_in_queries_that_do_not_grow_with_them(cast, django_assert_num_queries):
    from responsibility.exports.plan import PlanExport

    params = {"plan": cast.plan.pk}
    for n in range(3):
        cast.item(f"事项{n}", number=f"{n}.", order=n)
    few = _write_queries(PlanExport, cast.office, params)
    for n in range(3, 60):
        cast.item(f"事项{n}", number=f"{n}.", order=n)
    with django_assert_num_queries(few):
        assert PlanExport(_fresh(cast.office), params).write(io.BytesIO()) == 60
