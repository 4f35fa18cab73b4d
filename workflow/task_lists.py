"""My tasks (我的待办) cut and counted in the database: the pages and the API show one page of them.

An office's pool holds thousands of deploy tasks at a district's scale: reading them all with their
items to show eight (the workspace) or fifty (我的待办) cost seconds. Here every filter (the step,
the item's words, a sent-back item) is a condition of the task query, every count a grouped query,
and only the rows shown are paired with their items (``services.with_items``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, Count, ExpressionWrapper, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce
from viewflow.workflow.base import Node
from viewflow.workflow.models import Task

from responsibility.models import Assignment, ItemStatus, ResponsibilityItem

from .flows import ItemFlow
from .services import TaskRow, item_keys, with_items
from .task_parts import TaskParts


def of_steps(tasks: QuerySet[Task], *names: str) -> QuerySet[Task]:
    """The tasks of these steps (their flow nodes' names); none for a name the flow has not."""
    nodes = [node for node in (getattr(ItemFlow, name, None) for name in names) if isinstance(node, Node)]
    return tasks.filter(flow_task__in=nodes) if nodes else tasks.none()


def _on(condition: Q) -> Q:
    # One set of items, read once and hashed: a subquery per task would look its item up thousands
    # of times in an office's pool. The task's own key of its item: no process joined.
    return Q(owner_permission_obj_pk__in=item_keys(ResponsibilityItem.objects.filter(condition)))


def on_items(tasks: QuerySet[Task], condition: Q, negated: bool = False) -> QuerySet[Task]:
    """The tasks whose item meets ``condition`` (or, ``negated``, does not)."""
    return tasks.exclude(_on(condition)) if negated else tasks.filter(_on(condition))


def matching(tasks: QuerySet[Task], q: str) -> QuerySet[Task]:
    """The tasks whose item's title or number holds ``q`` (the page's search box)."""
    return on_items(tasks, Q(title__contains=q) | Q(number__contains=q)) if q else tasks


SENT_BACK = Q(status=ItemStatus.SENT_BACK)


def counts(tasks: QuerySet[Task]) -> dict[tuple[str, bool], int]:
    """How many of ``tasks`` wait at each step (by node name) on items sent back (True) or not, in
    one grouped query."""
    back = ExpressionWrapper(_on(SENT_BACK), output_field=BooleanField())
    rows = tasks.order_by().annotate(back=back).values_list("flow_task", "back").annotate(n=Count("id"))
    found: dict[tuple[str, bool], int] = {}
    for node, sent_back, n in rows:
        if node is not None:
            found[node.name, bool(sent_back)] = found.get((node.name, bool(sent_back)), 0) + n
    return found


def total(counted: dict[tuple[str, bool], int], *names: str, sent_back: bool | None = None) -> int:
    """Of ``counts``: the tasks of these steps (all steps if none named), on sent-back items or not."""
    return sum(
        n
        for (name, back), n in counted.items()
        if (not names or name in names) and (sent_back is None or back == sent_back)
    )


def by_due_date(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """Soonest due first, then oldest: what the unit's part (a step of a unit's branch) or else the
    whole item is due by now; work with no date last."""
    part = Cast(KT("data__assignment"), IntegerField())
    part_due = Assignment.objects.filter(pk=OuterRef("part_id")).values("due_by")[:1]
    item_due = ResponsibilityItem.objects.filter(pk=OuterRef("process__artifact_object_id")).values("due_by")[:1]
    due = Coalesce(Subquery(part_due), Subquery(item_due))
    return tasks.alias(part_id=part).alias(due=due).order_by(F("due").asc(nulls_last=True), "created", "id")


@dataclass
class TaskList:
    """The first rows of a list of tasks and how many there are (the rest are one click away)."""

    rows: list[TaskRow]
    total: int

    def __bool__(self) -> bool:
        return self.total > 0


def firsts(shown: int, *lists: tuple[QuerySet[Task] | TaskParts, int]) -> list[TaskList]:
    """For each (tasks, how many there are): its first ``shown`` rows, all paired with their items
    at once (two queries); a list counted empty is not asked for. Tasks in parts (``TaskParts``)
    are read a query a part."""
    picked = [list(tasks[:shown]) if n else [] for tasks, n in lists]
    rows = {row.task.pk: row for row in with_items(task for tasks in picked for task in tasks)}
    return [
        TaskList([rows[task.pk] for task in tasks if task.pk in rows], n)
        for tasks, (_query, n) in zip(picked, lists, strict=True)
    ]
