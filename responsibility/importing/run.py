"""The import as one call: bytes or text in, a draft plan and a summary out (pages, task and command share it)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..assignments import GROUP_FIELDS, planned_units
from ..models import Assignment, PlanImport, ResponsibilityItem, Unit, WorkPlan, attach_ancestors
from .build import Built, build_plan
from .document import ImportRejected, ParsedPlan, Problem, Source
from .parse import parse
from .readers import read, read_pasted
from .shape import check as check_shape

log = logging.getLogger(__name__)

FIELD_LABELS = {
    "lead_leaders": gettext_lazy("牵头领导"),
    "lead_units": gettext_lazy("牵头单位"),
    "responsible_units": gettext_lazy("责任单位"),
    "cooperating_units": gettext_lazy("配合单位"),
    "persons": gettext_lazy("责任人"),
}


def parse_upload(name: str, data: bytes, year: int | None) -> ParsedPlan:
    return parse(read(name, data), year)


def import_plan(
    parsed: ParsedPlan, organisation: Unit, year: int, title: str = "", progress: Callable[[int], None] | None = None
) -> tuple[WorkPlan, dict[str, Any]]:
    built = build_plan(parsed, organisation, year, title, progress)
    return built.plan, summarise(parsed, built)


def start(job: PlanImport, stopped: tuple[type[BaseException], ...] = ()) -> None:
    """Run a queued import job to its end; a refusal is stored on the job in the user's language.

    ``stopped`` are the exceptions by which whoever runs the job stops it for taking too long (the
    Celery task's time limit)."""
    job.refresh_from_db()
    if job.is_finished:
        return  # a retried task whose first run got to the end: the plan exists once
    PlanImport.objects.filter(pk=job.pk).update(status=PlanImport.Status.RUNNING, progress=5)
    try:
        source = _source_of(job)
        parsed = parse(source, job.year)
        _progress(job, 10)
        with transaction.atomic():
            plan, summary = import_plan(parsed, job.organisation, job.year, job.title, lambda p: _progress(job, p))
            job.plan = plan
            job.summary = summary
            job.status = PlanImport.Status.DONE
            job.progress = 100
            job.finished_at = timezone.now()
            job.save(update_fields=["plan", "summary", "status", "progress", "finished_at"])
    except ImportRejected as refusal:
        _fail(job, refusal.message)
    except stopped:
        log.warning("import %s stopped at the time limit", job.pk)
        _fail(job, _("导入超过时间上限，已停止，没有生成草稿。请拆分成较小的文件后再导入。"))
    except Exception:
        # The transaction rolled back, so nothing is half-written; the job must not stay "running".
        log.exception("import %s failed", job.pk)
        _fail(job, _("导入失败：系统内部错误，已记录。请稍后重试，或联系管理员。"))


def _source_of(job: PlanImport) -> Source:
    if job.pasted_text:
        return read_pasted(job.pasted_text)
    with job.file.open("rb") as handle:
        return read(job.file_name, handle.read())


def _progress(job: PlanImport, percent: int) -> None:
    # The plan is written in one transaction, so a row update would stay invisible to the page
    # polling it until the end: progress goes through the cache, which the page reads first.
    cache.set(progress_key(job.pk), min(percent, 99), timeout=3600)


def progress_key(pk: int) -> str:
    return f"plan-import:{pk}:progress"


def progress_of(job: PlanImport) -> int:
    if job.is_finished:
        return 100
    return max(job.progress, cache.get(progress_key(job.pk), 0))


def _fail(job: PlanImport, message: str) -> None:
    PlanImport.objects.filter(pk=job.pk).update(
        status=PlanImport.Status.FAILED, message=message, finished_at=timezone.now(), progress=100
    )


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


# --- the summary ---------------------------------------------------------------------------------


def summarise(parsed: ParsedPlan, built: Built) -> dict[str, Any]:
    plan = built.plan
    items = list(plan.items.select_related("lead_unit").order_by("order", "id"))
    prefetch_related_objects(items, "responsible_units", "cooperating_units")
    attach_ancestors(items)
    # build.py numbers the items in reading order; a Word table's rows share one line, and its
    # headings from 一级/二级指标 have no number, so line and number do not tell them apart. The
    # guidance set apart takes places in that order too: the items' rank in it is the entries' own.
    by_order = dict(enumerate(items, 1))
    return {
        "plan": {"id": plan.pk, "title": plan.title, "year": plan.year, "organisation": plan.organisation.name},
        "counts_per_level": {str(level): count for level, count in parsed.counts_per_level().items()},
        "headings": sum(1 for item in items if item.is_heading),
        "items": sum(1 for item in items if not item.is_heading),
        "entries": [_entry(node, depth, by_order.get(order)) for order, (node, depth) in enumerate(parsed.walk(), 1)],
        "guidance": [
            {"number": section.node.number, "title": section.node.title, "line": section.node.line}
            for section in parsed.guidance
        ],
        "unresolved": unresolved_names(items),
        "approximate": [{"name": name, "unit": unit} for name, unit in dict(built.approximate).items()],
        "warnings": [_problem(problem) for problem in parsed.warnings],
        "not_understood": [_problem(problem) for problem in parsed.not_understood],
        "headers": parsed.headers,
        "shape": check_shape(parsed).as_dict(),
    }


def _entry(node, depth: int, item: ResponsibilityItem | None) -> dict[str, Any]:
    fields = node.fields
    return {
        "number": item.full_number if item else node.number,
        "title": node.title,
        "level": depth + 1,
        "heading": bool(node.children),
        "line": node.line,
        "lead_leaders": fields.lead_leaders,
        "lead_units": fields.lead_units,
        "responsible_units": fields.responsible_units,
        "cooperating_units": fields.cooperating_units,
        "persons": fields.persons,
        "deadline": item.deadline.isoformat() if item and item.deadline else None,
        "ongoing": bool(item.ongoing) if item else fields.ongoing,
        "deadline_text": fields.deadline_text,
        "indicators": [f"{i.name} {'≥' if i.comparator == 'gte' else '≤'} {i.value}{i.unit}" for i in node.indicators],
        "assignments": planned_parts(item) if item and not item.is_heading else [],
    }


def planned_parts(item: ResponsibilityItem) -> list[dict[str, str]]:
    """Who the item will be handed to at deploy, role by role: each unit it names (once, in its
    first role), and each group word, which expands into its units at deploy."""
    parts = [{"unit": unit.name, "role": str(role)} for unit, role in planned_units(item)]
    for field in GROUP_FIELDS:
        role = Assignment.Role.RESPONSIBLE if field == "responsible_units" else Assignment.Role.COOPERATING
        parts += [{"group": word, "role": str(role)} for word in item.group_words(field)]
    rank = list(Assignment.Role.values)
    return sorted(parts, key=lambda part: rank.index(part["role"]))


def unresolved_names(items: list[ResponsibilityItem]) -> list[dict[str, Any]]:
    """Each unknown name once, with the field it was written in and the items that use it."""
    found: dict[tuple[str, str], list[str]] = {}
    for item in items:
        for key, names in (item.unresolved or {}).items():
            for name in names:
                found.setdefault((key, name), []).append(item.full_number)
    return [
        {"name": name, "field": key, "field_label": str(FIELD_LABELS.get(key, key)), "items": numbers}
        for (key, name), numbers in found.items()
    ]


def _problem(problem: Problem) -> dict[str, Any]:
    return {"line": problem.line, "text": problem.text, "message": problem.message}
