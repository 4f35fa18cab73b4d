"""Six plain human steps in a row, as many as an item's straight path (deploy, accept, report,
claim, verify, assess), with no permissions, no auto-assignment, no gateways and no domain work."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

ACTIVE = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]


def _no_view(request, **kwargs):
    raise NotImplementedError("the bare flow is driven from code only")


class BareFlow(flow.Flow):
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle().Next(this.step1)
    step1 = flow.View(_no_view).Next(this.step2)
    step2 = flow.View(_no_view).Next(this.step3)
    step3 = flow.View(_no_view).Next(this.step4)
    step4 = flow.View(_no_view).Next(this.step5)
    step5 = flow.View(_no_view).Next(this.step6)
    step6 = flow.View(_no_view).Next(this.end)
    end = flow.End()


def complete(user, task_pk: int) -> None:
    """What viewflow's own assign and execute views do for one task, in one lock.

    The views check ``can_assign`` before assigning and ``can_execute`` before starting; the
    activation's transitions check nothing themselves.
    """
    task = Task.objects.select_related("process").get(pk=task_pk)
    with task.activation() as activation:
        task, node = activation.task, activation.flow_task
        if task.status not in ACTIVE:
            raise PermissionDenied
        if task.status == STATUS.NEW:
            if not node.can_assign(user, task):
                raise PermissionDenied
            activation.assign(user)
        if not node.can_execute(user, task):
            raise PermissionDenied
        if task.status == STATUS.ASSIGNED:
            activation.start(None)
        activation.execute()
