"""Celery tasks of the responsibility layer."""

from __future__ import annotations

from celery import shared_task

from .importing.run import start
from .models import PlanImport


@shared_task(acks_late=True)
def run_import(job_id: int) -> str:
    """Read and build one queued import. A rerun after a lost worker finds the job done and stops."""
    job = PlanImport.objects.select_related("organisation").filter(pk=job_id).first()
    if job is None:
        return "missing"
    start(job)
    return "done"
