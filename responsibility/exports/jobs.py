"""Asking for an export, running its job, retrying it, and clearing old ones."""

from __future__ import annotations

import datetime
import io
import logging
import tempfile
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ExportJob
from .kinds import Export, Refused, export_for

log = logging.getLogger(__name__)
RUN_TASK = "responsibility.tasks.run_export"
Status = ExportJob.Status
UNFINISHED = [Status.QUEUED, Status.RUNNING]


@dataclass(frozen=True)
class Inline:
    """A small export, written at once: the page sends it."""

    data: bytes
    file_name: str


def start(user, kind: str, params: dict) -> Inline | ExportJob:
    """The export ``user`` asks for: written at once if small, else a queued job (the same one again
    while an identical request is still queued or running). Raises ``Refused``."""
    export = export_for(kind, user, params)
    export.check()
    total = export.count()
    if total <= settings.EXPORT_INLINE_MAX_ROWS:
        out = io.BytesIO()
        export.write(out)
        return Inline(out.getvalue(), export.file_name())
    return _queue(export, total)


def _queue(export: Export, total: int) -> ExportJob:
    unfinished = ExportJob.objects.filter(owner=export.user, kind=export.kind, status__in=UNFINISHED)
    same = next((job for job in unfinished if job.params == export.params), None)
    if same is not None:
        return same
    job = ExportJob.objects.create(
        owner=export.user,
        kind=export.kind,
        params=export.params,
        title=export.title(),
        file_name=export.file_name(),
        rows_total=total,
    )
    _send(job.pk)
    return job


def _send(pk: int) -> None:
    """Queue the job once it is committed (the task found by name: domain modules do not import tasks)."""
    from config.celery import app, send

    transaction.on_commit(lambda: send(app.tasks[RUN_TASK], pk, fallback=_broker_down, note="failed"), robust=True)


def _broker_down(pk: int) -> None:
    # Not run here instead: a list big enough for a job would outlast the page's request.
    _fail(ExportJob.objects.get(pk=pk), _("后台任务队列暂时不可用，导出未能开始。请稍后点“重试”。"))


def retry(job: ExportJob) -> None:
    """Queue a failed job again, if its owner may still have it (else ``Refused``)."""
    if job.status != Status.FAILED:
        return
    export_for(job.kind, job.owner, job.params).check()
    job.status, job.error, job.rows_done = Status.QUEUED, "", 0
    job.started_at = job.finished_at = None
    job.save(update_fields=["status", "error", "rows_done", "started_at", "finished_at"])
    _send(job.pk)


def run(pk: int, stopped: tuple[type[BaseException], ...] = ()) -> str:
    """Write one job's file. A rerun after a lost worker starts it again; a finished job is left alone."""
    job = ExportJob.objects.select_related("owner").filter(pk=pk).first()
    if job is None or job.is_finished:
        return "missing" if job is None else job.status
    ExportJob.objects.filter(pk=pk).update(status=Status.RUNNING, started_at=timezone.now(), rows_done=0)
    try:
        _write(job)
    except Refused as refusal:
        _fail(job, refusal.message)
    except stopped:
        minutes = settings.EXPORT_TIME_LIMIT // 60
        _fail(job, _("导出超过了 %(minutes)s 分钟的时限，已停止。请缩小筛选范围后重试。") % {"minutes": minutes})
    except Exception:
        log.exception("export job %s (%s) failed", pk, job.kind)
        _fail(job, _("生成文件时出错。请重试；仍然失败请联系管理员（导出任务编号 %(pk)s）。") % {"pk": pk})
    return job.status


def _write(job: ExportJob) -> None:
    export = export_for(job.kind, job.owner, job.params)
    export.check()
    job.rows_total = export.count()
    ExportJob.objects.filter(pk=job.pk).update(rows_total=job.rows_total)
    with tempfile.TemporaryFile() as out:
        job.rows_done = export.write(out, partial(_progress, job.pk))
        out.seek(0)
        job.file.save(job.file_name, File(out), save=False)
    job.status, job.error, job.finished_at = Status.DONE, "", timezone.now()
    job.rows_total = max(job.rows_total, job.rows_done)
    job.save(update_fields=["status", "error", "finished_at", "rows_done", "rows_total", "file"])


def _progress(pk: int, rows: int) -> None:
    ExportJob.objects.filter(pk=pk).update(rows_done=rows)


def _fail(job: ExportJob, message: str) -> None:
    job.status, job.error, job.finished_at = Status.FAILED, message, timezone.now()
    job.save(update_fields=["status", "error", "finished_at"])


def delete_expired(now: datetime.datetime | None = None) -> int:
    """Delete the jobs (and files) older than ``EXPORT_KEEP_DAYS``; return how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.EXPORT_KEEP_DAYS)
    expired = ExportJob.objects.filter(created_at__lt=cutoff)
    for job in expired.exclude(file="").only("pk", "file").iterator(chunk_size=500):
        job.file.delete(save=False)
    return expired.delete()[0]
