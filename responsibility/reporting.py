"""Recording what officials report: progress, indicator values and evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config import rows

from . import evidence_files
from .models import (
    Assignment,
    Evidence,
    Indicator,
    IndicatorValue,
    ProgressReport,
    ResponsibilityItem,
)
from .supervision import after_report


def check_evidence_file(uploaded) -> None:
    limit = settings.EVIDENCE_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("文件“%(name)s”超过大小上限 %(limit)s MB。") % {"name": uploaded.name, "limit": limit // (1024 * 1024)}
        )
    evidence_files.check_type(uploaded)


def record_report(
    item: ResponsibilityItem | Assignment,
    author,
    *,
    kind: str,
    period: str,
    percent_done: int,
    narrative: str,
    indicator_values: Mapping[int, Decimal] | None = None,
    files: Iterable = (),
    save_item: bool = True,
    item_indicators: Iterable[int] | None = None,
) -> ProgressReport:
    """Store one report with its indicator values and evidence; update the progress of ``item``
    (an item, or the unit's assignment that reports).

    With ``save_item=False`` the new progress is only set on ``item``: the caller writes it with
    its own update of the item (see ``ResponsibilityItem.move``'s ``also_save``).
    ``item_indicators``: the ids of the item's indicators, if the caller has them (a form that
    offered one field per indicator); values for any other indicator are dropped either way.
    """
    unit = item if isinstance(item, Assignment) else None
    report = ProgressReport(
        item_id=unit.item_id if unit else item.pk,
        plan_id=(unit.item if unit else item).plan_id,
        assignment=unit,
        kind=kind,
        period=period,
        percent_done=percent_done,
        narrative=narrative,
        author=author,
    )
    rows.insert(report)  # a step's write: the model has no signals and no save() of its own
    values = {k: v for k, v in (indicator_values or {}).items() if v is not None}
    if values:
        if item_indicators is None:
            item_indicators = Indicator.objects.filter(item=report.item_id, pk__in=values).values_list("pk", flat=True)
        known = set(item_indicators)
        rows.insert_many(
            [
                IndicatorValue(report=report, indicator_id=pk, value=value)
                for pk, value in values.items()
                if pk in known
            ],
            ("report", "indicator", "value"),
        )
    for uploaded in files:
        attach_evidence(report, uploaded)
    item.percent_done = percent_done
    after_report(item, timezone.localdate())
    if save_item:
        item.save(update_fields=REPORT_FIELDS)
    return report


# What a report changes on its item: the progress, and the supervision it settles.
REPORT_FIELDS = ["percent_done", "reports_missed", "next_report_due", "rag", "rag_reason"]


def attach_evidence(report: ProgressReport, uploaded) -> Evidence:
    check_evidence_file(uploaded)
    evidence = Evidence(
        report=report,
        original_name=uploaded.name[:200],
        content_type=getattr(uploaded, "content_type", "") or "",
        size=uploaded.size,
        sha256=Evidence.fingerprint(uploaded),
        scan=Evidence.Scan.PENDING if settings.CLAMD_URL else Evidence.Scan.NONE,
    )
    evidence.file.save(stored_name(uploaded.name), uploaded, save=False)
    evidence.save()
    if evidence.held:
        queue_scan(evidence.pk)
    return evidence


def queue_scan(pk: int) -> None:
    """Scan the file once it is committed (the task found by name: domain modules do not import tasks).
    With the broker down the file stays 待查毒; ``manage.py scan_evidence`` scans what is left."""
    from config.celery import app, send

    transaction.on_commit(lambda: send(app.tasks["responsibility.tasks.scan_evidence"], pk))


# A file system takes at most 255 bytes a name: 86 Chinese characters. The name shown and given
# back on download is ``original_name``; the stored one only needs to be recognisable.
STORED_NAME_BYTES = 180


def stored_name(name: str) -> str:
    """``name`` cut to fit the disk, keeping its extension: a long Chinese file name was an OSError."""
    if len(name.encode()) <= STORED_NAME_BYTES:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or len(extension.encode()) > 16:
        stem, extension = name, ""
    budget = STORED_NAME_BYTES - len(extension.encode()) - 1
    cut = stem.encode()[:budget].decode(errors="ignore")
    return f"{cut}.{extension}" if extension else cut


def current_period(today) -> str:
    return f"{today.year}-{today.month:02d}"


PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{2})|Q([1-4]))$")


def clean_period(text: str, first_year: int, last_year: int, today) -> str:
    """A reporting period as officials write it (2020-03, a month; 2020Q1, a quarter), checked to
    be a real month or quarter from the plan's year to ``last_year`` (the later of this year and the
    year the work is due)."""
    value = text.strip().upper()
    match = PERIOD_RE.match(value)
    month = int(match.group(2)) if match and match.group(2) else None
    if not match or (month is not None and not 1 <= month <= 12):
        raise ValidationError(_("汇报期请写成“年-月”或“年Q季度”，如 %(example)s 或 %(year)sQ1。") % _example(today))
    if not first_year <= int(match.group(1)) <= last_year:
        years = {"first": first_year, "last": last_year}
        if first_year == last_year:
            raise ValidationError(_("汇报期须在 %(first)s 年内。") % years)
        raise ValidationError(_("汇报期须在 %(first)s 年至 %(last)s 年之间。") % years)
    return value


def _example(today) -> dict:
    return {"example": current_period(today), "year": today.year}
