"""A person's open tasks as disjoint parts, each read in the list's order off an index of its own.

Held tasks (the person's own) and the office's pool (free deploy steps) asked as one query OR'd
together match no index in order: a district's office read and sorted its whole pool, a thousand
tasks and their processes, to show the first fifty. Asked part by part, each part is the first
rows of an ordered index scan (``workflow_held_task``, ``workflow_pool_task``), and the parts'
first rows are merged here. Counting and grouping, which read every row anyway, use ``all``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import reduce

from django.db.models import QuerySet
from viewflow.workflow.models import Task

ORDER = ("created", "id")


def _key(task: Task) -> tuple:
    return task.created, task.pk


@dataclass(frozen=True)
class TaskParts:
    """Disjoint querysets of tasks, listed together oldest first; a list a paginator can cut."""

    parts: tuple[QuerySet[Task], ...]

    def map(self, change: Callable[[QuerySet[Task]], QuerySet[Task]]) -> TaskParts:
        """The same filter applied to every part."""
        return TaskParts(tuple(change(part) for part in self.parts))

    @property
    def all(self) -> QuerySet[Task]:
        """The parts as one query, for counting and grouping."""
        return reduce(operator.or_, self.parts).order_by(*ORDER)

    def count(self) -> int:
        return self.all.count()

    def __iter__(self) -> Iterator[Task]:
        return iter(self[0:None])

    def __getitem__(self, window: slice | int) -> list[Task] | Task:
        if isinstance(window, int):
            return self[window : window + 1][0]
        start, stop = window.start or 0, window.stop
        # Each part as far as the window reaches, in the list's order; a row beyond ``stop`` in one
        # part cannot be among the first ``stop`` of all.
        rows = [task for part in self.parts for task in part.order_by(*ORDER)[:stop]]
        return sorted(rows, key=_key)[start:stop]
