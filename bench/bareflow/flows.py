"""viewflow's own floor for an item's life: as many human steps as ours, with no permissions, no
auto-assignment, no gateways of decision and no domain work.

``BareFlow`` is the straight path of an item of old (deploy, accept, report, claim, verify,
assess, six steps in a row). ``BareSplit1Flow`` and ``BareSplit3Flow`` are an item's path today:
deploy, then viewflow's parallel ``Split`` into one branch per unit (one, or three), each branch
the unit's five steps (accept, report, claim, verify, assess), and a ``Join`` of the branches
before the end. viewflow 2.4.0's open-source Split has no ``data_source``, so the branches are
static ``.Next`` edges, one per unit.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

ACTIVE = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]


def _no_view(request, **kwargs):
    raise NotImplementedError("the bare flow is driven from code only")


def step():
    return flow.View(_no_view)


class BareFlow(flow.Flow):
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle().Next(this.step1)
    step1 = step().Next(this.step2)
    step2 = step().Next(this.step3)
    step3 = step().Next(this.step4)
    step4 = step().Next(this.step5)
    step5 = step().Next(this.step6)
    step6 = step().Next(this.end)
    end = flow.End()


class BareSplit1Flow(flow.Flow):
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle().Next(this.deploy)
    deploy = step().Next(this.split)
    split = flow.Split().Next(this.a1)
    a1 = step().Next(this.a2)
    a2 = step().Next(this.a3)
    a3 = step().Next(this.a4)
    a4 = step().Next(this.a5)
    a5 = step().Next(this.join)
    join = flow.Join().Next(this.end)
    end = flow.End()


class BareSplit3Flow(flow.Flow):
    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle().Next(this.deploy)
    deploy = step().Next(this.split)
    split = flow.Split().Next(this.a1).Next(this.b1).Next(this.c1)
    a1 = step().Next(this.a2)
    a2 = step().Next(this.a3)
    a3 = step().Next(this.a4)
    a4 = step().Next(this.a5)
    a5 = step().Next(this.join)
    b1 = step().Next(this.b2)
    b2 = step().Next(this.b3)
    b3 = step().Next(this.b4)
    b4 = step().Next(this.b5)
    b5 = step().Next(this.join)
    c1 = step().Next(this.c2)
    c2 = step().Next(this.c3)
    c3 = step().Next(this.c4)
    c4 = step().Next(this.c5)
    c5 = step().Next(this.join)
    join = flow.Join().Next(this.end)
    end = flow.End()


SPLIT_FLOWS = {1: BareSplit1Flow, 3: BareSplit3Flow}


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
