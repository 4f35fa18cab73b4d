"""The virus scan of evidence files (issue 17, F10): with CLAMD_URL set, a file is 待查毒 until
clamd has read it; a clean file is then sent as any other, an infected one never, and its content
is removed from the disk (the row stays, with the name of what was found, for the timeline's sake)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction

from . import clamd
from .models import Evidence

log = logging.getLogger(__name__)


def scan_one(evidence_id: int) -> str:
    with transaction.atomic():
        evidence = Evidence.objects.select_for_update().filter(pk=evidence_id).first()
        if evidence is None or evidence.scan != Evidence.Scan.PENDING:
            return "done"
        with evidence.file.open("rb") as handle:
            found = clamd.scan(handle, settings.CLAMD_URL)
        if found is None:
            evidence.scan, evidence.scan_result = Evidence.Scan.CLEAN, ""
        else:
            log.warning("evidence %s (%s) infected: %s", evidence.pk, evidence.original_name, found)
            evidence.scan, evidence.scan_result = Evidence.Scan.INFECTED, found[:200]
            name = evidence.file.name
            transaction.on_commit(lambda: evidence.file.storage.delete(name))
        evidence.save(update_fields=["scan", "scan_result"])
    return evidence.scan


def pending() -> list[int]:
    return list(Evidence.objects.filter(scan=Evidence.Scan.PENDING).values_list("pk", flat=True))
