"""Batch work (批量办理): deploy, accept or urge several items at once.

Each item is decided as its single action decides it, and all are done or none: a confirmation
page first lists what will happen to each item (``*_lines``, which change nothing), and the run
does every item's single action (``services.complete``, ``services.urge``, each with its own
rights check and its own lock) inside one transaction, in the order of the items' process rows so
that two batches never wait on each other crosswise. If any item cannot be done, the transaction
is rolled back and every refused item is listed with its reason.

An item the user may not see makes the whole request a 404, an item he may see but not act on a
403, as the single pages answer; a task or item whose state does not allow the action is a
refusal with its reason (nothing is skipped silently).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from responsibility import permissions
from responsibility.assignments import officials_at_work
from responsibility.models import Assignment, ItemStatus, ResponsibilityItem, attach_ancestors

from .flows import ItemFlow
from .forms import DeployForm
from .models import ItemProcess
from .services import ACTIVE, TaskUnavailable, complete, urge, with_items

# More would be one long transaction holding many locks; a plan of 60 items is done in two goes.
MAX_ITEMS = 50


class NotVisible(Exception):
    """An item of the batch is not one the user may see (the pages answer 404)."""


class Refused(Exception):
    """At least one item could not be done: nothing was. ``lines`` says why, item by item."""

    def __init__(self, lines: list[Line]):
        super().__init__(_("有事项无法办理，未执行任何操作。"))
        self.lines = lines


@dataclass
class Line:
    """One item of a batch: what will happen to it, or why it cannot."""

    item: ResponsibilityItem
    task: Task | None = None
    part: Assignment | None = None
    outcome: list[str] = field(default_factory=list)
    refusal: list[str] = field(default_factory=list)

    @property
    def process_id(self) -> int:
        return self.task.process_id if self.task is not None else 0


def refused(lines: Iterable[Line]) -> list[Line]:
    return [line for line in lines if line.refusal]


def ids(values: Iterable) -> list[int]:
    """The ids posted or asked for, each once, in their order; anything not a plain id is dropped
    before any lookup (it names no task or item anyone could see)."""
    found = []
    for value in values:
        text = str(value).strip()
        if text.isdigit() and len(text) < 19 and int(text) not in found:
            found.append(int(text))
    return found


# --- which tasks: read in a fixed number of queries, whatever their number ------------------------


def _task_lines(user, task_pks: list[int]) -> list[Line]:
    """The tasks, each with its item and unit's part; ``NotVisible`` unless each is a step of an
    item the user may see."""
    tasks = list(
        Task.objects.filter(pk__in=task_pks, process__flow_class=ItemFlow, flow_task_type="HUMAN").select_related(
            "process", "owner"
        )
    )
    if len(tasks) != len(task_pks):
        raise NotVisible
    wanted = {task.process.artifact_object_id for task in tasks}
    if set(permissions.visible_items(user).filter(pk__in=wanted).values_list("pk", flat=True)) != wanted:
        raise NotVisible
    rows = with_items(tasks)
    attach_ancestors(row.item for row in rows)
    by_pk = {row.task.pk: row for row in rows}
    return [Line(by_pk[pk].item, by_pk[pk].task, by_pk[pk].part) for pk in task_pks]


def _state_refusal(line: Line, step: str) -> str:
    """Why the task cannot be done now (the single page's own words), or ''."""
    task = line.task
    if task.status == STATUS.CANCELED:
        return _("该事项已办结，此任务已终止，无需再提交。")
    if task.status not in ACTIVE:
        return _("该任务已由他人办理完毕，无需重复提交。")
    if task.flow_task.name != step:
        return _("该待办是“%(step)s”，不能在此批量办理。") % {"step": task.flow_task.task_title}
    return ""


def _check_owner(user, line: Line, may: bool) -> None:
    """``services.can_take`` over a batch: a free task needs the right, a taken one to be one's own."""
    owner = line.task.owner_id
    if not may or (owner is not None and owner != user.pk):
        raise PermissionDenied


def _run(lines: list[Line], action, locked: QuerySet) -> list[Line]:
    """``action(line)`` for each line in one transaction, all or nothing, holding the ``locked`` rows.

    The rows (the items' processes: the flow's own lock; or the items) are locked first, all at
    once, in the order of their keys, waiting for those another is working on: two batches that
    share items then never hold one each and wait for the other's. viewflow's lock, taken again by
    each single action, finds its row already held by this transaction. (Taken only by each action,
    its ``nowait`` failure inside this transaction would leave the transaction unusable.)
    """
    if refused(lines):
        raise Refused(lines)
    with transaction.atomic():
        list(locked.select_for_update().order_by("pk").values_list("pk", flat=True))
        for line in sorted(lines, key=lambda line: (line.process_id, line.item.pk)):
            try:
                problem = action(line)
            except TaskUnavailable as exc:
                problem = str(exc)
            if problem:
                line.refusal.append(problem)
        if refused(lines):
            raise Refused(lines)  # leaving the block rolls back what the others did
    return lines


# --- 批量签收 ----------------------------------------------------------------------------------------


def accept_lines(user, task_pks: list[int]) -> list[Line]:
    """What accepting each task would do. 404/403 as the single task page; state refusals listed."""
    lines = _task_lines(user, task_pks)
    open_lines = [line for line in lines if not _refuse_state(line, "accept")]
    parts = Assignment.objects.filter(pk__in=[line.part.pk for line in open_lines if line.part is not None])
    mine = {part.pk for part in permissions.parts_acted_for(user, parts)} if open_lines else set()
    for line in open_lines:
        _check_owner(user, line, line.part is not None and line.part.pk in mine)
        line.outcome.append(
            _("%(unit)s 签收，转为“%(status)s”。") % {"unit": line.part.unit, "status": ItemStatus.IN_PROGRESS.label}
        )
    return lines


def _refuse_state(line: Line, step: str) -> bool:
    problem = _state_refusal(line, step)
    if problem:
        line.refusal.append(problem)
    return bool(problem)


def accept(user, task_pks: list[int]) -> list[Line]:
    """Accept every task (签收) or none; raises ``Refused`` listing why not."""
    lines = accept_lines(user, task_pks)
    return _run(lines, lambda line: _errors_of(complete(user, line.task.pk, {"decision": "accept"})), _processes(lines))


# --- 批量部署 ----------------------------------------------------------------------------------------


def deploy_lines(user, task_pks: list[int], shared: dict | None = None) -> list[Line]:
    """What deploying each item with the ``shared`` settings would do: each item's own deploy form,
    filled with its current values and the shared settings over them, validated as on its page.
    Without ``shared``, only the items picked, each checked as its deploy page checks who may open it."""
    lines = _task_lines(user, task_pks)
    open_lines = [line for line in lines if not _refuse_state(line, "deploy")]
    deployable = permissions.visible_items(user, permissions.DEPLOY).filter(pk__in=[ln.item.pk for ln in open_lines])
    may = set(deployable.values_list("pk", flat=True)) if open_lines else set()
    for line in open_lines:
        _check_owner(user, line, line.item.pk in may)
    for line in open_lines if shared is not None else []:
        form = DeployForm(deploy_data(line.item, shared), item=line.item)
        if form.is_valid():
            line.outcome.extend(describe_deploy(form))
        else:
            line.refusal.extend(_errors_of(form))
    return lines


def deploy(user, task_pks: list[int], shared: dict) -> list[Line]:
    """Deploy every item with the shared settings, or none; raises ``Refused`` listing why not.

    Each item's data is read again inside its lock (``complete`` builds its form there); the
    values shown on the confirmation page were its values then, and a change in between is
    caught by the same validation."""
    lines = deploy_lines(user, task_pks, shared)

    def one(line: Line) -> list[str]:
        item = ResponsibilityItem.objects.get(pk=line.item.pk)
        return _errors_of(complete(user, line.task.pk, deploy_data(item, shared)))

    return _run(lines, one, _processes(lines))


def _processes(lines: list[Line]) -> QuerySet:
    return ItemProcess.objects.filter(pk__in=[line.process_id for line in lines])


def deploy_data(item: ResponsibilityItem, shared: dict) -> dict:
    """The item's deploy form as its page would post it unchanged, with the ``shared`` settings
    (those given; the rest keep the item's own) written over it."""
    data = posted(DeployForm(item=item))
    for name, value in shared.items():  # BatchDeployForm.shared(): only the settings given
        data[name] = _posted_value(value)
    if shared.get("deadline"):
        data.pop("ongoing", None)
    if shared.get("ongoing"):
        data["deadline"] = ""
    return data


def posted(form) -> dict:
    """What a browser posts for ``form`` (and its formsets' rows) left as rendered: its initial values."""
    data: dict = {}
    for bound in form:
        _put(data, bound.html_name, bound.value())
    for formset in getattr(form, "formsets", []):
        rows = formset.initial_forms
        data[f"{formset.prefix}-TOTAL_FORMS"] = data[f"{formset.prefix}-INITIAL_FORMS"] = len(rows)
        for row in rows:
            for bound in row:
                _put(data, bound.html_name, bound.value())
    return data


def _put(data: dict, name: str, value) -> None:
    if value is None or value is False:
        return  # an empty input, an unticked box: not posted
    data[name] = _posted_value(value)


def _posted_value(value):
    if isinstance(value, (list, tuple, QuerySet)):
        return [_posted_value(v) for v in value]
    if value is True:
        return "on"
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def describe_deploy(form: DeployForm) -> list[str]:
    """What a valid deploy form will do, in the words of the deploy page."""
    item = form.instance
    units = "、".join(
        _("%(unit)s（%(role)s · %(holder)s）")
        % {"unit": p.unit.name, "role": Assignment.Role(p.role).label, "holder": p.post.holder or p.post.title}
        for p in form.assignment_plan
    )
    said = [
        _("交办给：%(units)s") % {"units": units},
        _("完成时限：%(deadline)s；汇报频次：%(cadence)s")
        % {
            "deadline": item.deadline_display,
            "cadence": item.get_report_cadence_display(),
        },
    ]
    note = form.cleaned_data.get("note")
    if note:
        said.append(_("交办说明：%(note)s") % {"note": note})
    return said


def _errors_of(form) -> list[str]:
    """A form's errors as sentences, each with its field's label: nothing of it is left unsaid."""
    if form.is_valid():
        return []
    said = []
    for f in [form, *getattr(form, "formsets", [])]:
        said.extend(_form_errors(f))
    return said


def _form_errors(form) -> list[str]:
    if hasattr(form, "forms"):  # a formset: its own errors, then each row's, numbered as shown
        said = [str(e) for e in form.non_form_errors()]
        for n, row in enumerate(form.forms, 1):
            row_said = _("%(table)s第%(n)s行：%(error)s")
            said.extend(row_said % {"table": form.title, "n": n, "error": e} for e in _form_errors(row))
        return said
    said = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        said.extend(_("%(field)s：%(error)s") % {"field": label, "error": e} if label else str(e) for e in errors)
    return said


# --- 批量催办 ----------------------------------------------------------------------------------------


def urge_lines(user, item_pks: list[int]) -> list[Line]:
    """What urging each item would do: who is told. 404 for an item one may not see, 403 for one
    one may not urge; an item that cannot be urged is listed with the single page's reason."""
    items = (
        permissions.visible_items(user)
        .filter(pk__in=item_pks, is_heading=False)
        .select_related("plan", "responsible_post__holder", "responsible_post__unit")
    )
    by_pk = items.in_bulk()
    if len(by_pk) != len(item_pks):
        raise NotVisible
    may = set(permissions.visible_items(user, permissions.URGE).filter(pk__in=item_pks).values_list("pk", flat=True))
    if may != set(item_pks):
        raise PermissionDenied
    lines = [Line(by_pk[pk]) for pk in item_pks]
    attach_ancestors(line.item for line in lines)
    people = officials_at_work(line.item for line in lines)
    for line in lines:
        problem = _urge_refusal(line.item, people.get(line.item.pk, []))
        if problem:
            line.refusal.append(problem)
        else:
            names = "、".join(str(person) for person in people[line.item.pk])
            line.outcome.append(_("通知：%(people)s") % {"people": names})
    return lines


def _urge_refusal(item: ResponsibilityItem, people: list) -> str:
    """``services.urge``'s reasons, on the item as read for the page."""
    if not item.is_open:
        return _("该事项已办结，无需催办。")
    if item.status in (ItemStatus.DEPLOYING, ItemStatus.SENT_BACK) and not item.branch_count:
        return _("该事项尚未交办，无需催办。")
    if not people:
        return _("该事项的责任岗位暂无在岗人员，无法催办。")
    return ""


def urge_all(user, item_pks: list[int], note: str) -> list[Line]:
    """Urge every item (催办) or none; raises ``Refused`` listing why not."""
    lines = urge_lines(user, item_pks)

    def one(line: Line) -> str:
        urge(line.item, user, note)
        return ""

    return _run(lines, one, ResponsibilityItem.objects.filter(pk__in=[line.item.pk for line in lines]))
