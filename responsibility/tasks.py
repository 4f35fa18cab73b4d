"""Celery tasks of the responsibility layer."""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from . import exports, scanning
from .clamd import ScanError
from .importing.run import start
from .models import PlanImport

# Reading a file has IMPORT_TIME_LIMIT (OCR, LibreOffice stop there); parsing and building get a
# few minutes more. Past the soft limit the job fails with a message, past the hard one the worker
# process is replaced.
IMPORT_TASK_SECONDS = settings.IMPORT_TIME_LIMIT + 300


@shared_task(acks_late=True, soft_time_limit=IMPORT_TASK_SECONDS, time_limit=IMPORT_TASK_SECONDS + 60)
def run_import(job_id: int) -> str:
    """Read and build one queued import. A rerun after a lost worker finds the job done and stops."""
    job = PlanImport.objects.select_related("organisation").filter(pk=job_id).first()
    if job is None:
        return "missing"
    start(job, stopped=(SoftTimeLimitExceeded,))
    return "done"


@shared_task(acks_late=True, autoretry_for=(ScanError,), retry_backoff=30, retry_backoff_max=1800, max_retries=None)
def scan_evidence(evidence_id: int) -> str:
    """Have clamd read one evidence file (待查毒 → 无毒 or 染毒); retried while clamd is unreachable."""
    return scanning.scan_one(evidence_id)


@shared_task(acks_late=True, soft_time_limit=settings.EXPORT_TIME_LIMIT, time_limit=settings.EXPORT_TIME_LIMIT + 60)
def run_export(job_id: int) -> str:
    """Write one queued export (我的导出). Past the soft limit the job fails and says so."""
    return exports.run(job_id, stopped=(SoftTimeLimitExceeded,))


@shared_task
def delete_expired_exports() -> int:
    """Nightly: exports older than EXPORT_KEEP_DAYS go, files and all."""
    return exports.delete_expired()
