"""viewflow's own floor for an item's life: as many human steps as ours, with no permissions, no
auto-assignment, no gateways of decision and no domain work.

``BareFlow`` is the straight path of an item of old (deploy, accept, report, claim, verify,
assess, six steps in a row). ``BareSplit1Flow`` and ``BareSplit3Flow`` are an item's path today:
deploy, then viewflow's parallel ``Split`` into one branch per unit (one, or three), each branch
the unit's five steps (accept, report, claim, verify, assess), and a ``Join`` of the branches
before the end. viewflow 2.4.0's open-source Split has no ``data_source``, so the branches are
static ``.Next`` edges, one per unit.

``BareUnitsFlow`` and ``BareUnitFlow`` are the other design issue 12 named: one process per unit,
joined by the item's process. The item's process (deploy, then a ``Function`` that starts one
``BareUnitFlow`` per unit, linked by viewflow's ``parent_task``, then a ``Handle`` that waits for
them) ends when its last unit's process ends: each unit's ``End`` sends ``flow_finished``, and the
parent's waiting task is completed after the child's lock is released, under the parent's own lock.
viewflow 2.4.0's ``Subprocess`` and ``NSubprocess`` nodes are PRO-only; this is what the open-source
nodes allow.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.models import Process, Task
from viewflow.workflow.signals import flow_finished
from viewflow.workflow.status import PROCESS, STATUS

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


class BareUnitFlow(flow.Flow):
    """A unit's part of the item, as a process of its own: its five steps, then the end."""

    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle().Next(this.accept)
    accept = step().Next(this.report)
    report = step().Next(this.claim)
    claim = step().Next(this.verify)
    verify = step().Next(this.assess)
    assess = step().Next(this.end)
    end = flow.End()


class BareUnitsFlow(flow.Flow):
    """The item's process: deploy, one ``BareUnitFlow`` per unit (``process.data["units"]``), and
    the end once the last of them has ended."""

    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle().Next(this.deploy)
    deploy = step().Next(this.spawn)
    spawn = flow.Function(this.start_units).Next(this.units)
    units = flow.Handle().Next(this.end)
    end = flow.End()

    def start_units(self, activation):
        for unit in range(activation.process.data["units"]):
            BareUnitFlow.start.run(_parent_task=activation.task, _process_data={"unit": unit})


@receiver(flow_finished, sender=BareUnitFlow)
def _unit_finished(sender, process, task, **kwargs):
    # Not under the child's lock: taking the parent's there would lock child then parent, the
    # inverse of viewflow's cancel (parent then child), and would decide on the siblings' state
    # while this child's end is not committed yet. viewflow's ErrorEnd defers its parent work so.
    spawn_pk = process.parent_task_id
    lock.after_lock_released(lambda: end_parent_if_last(spawn_pk))


def end_parent_if_last(spawn_pk: int) -> None:
    """Complete the item's waiting task if no unit's process is still open: under the parent's
    lock, so that of two units ending at once exactly one ends the item (the other finds the
    waiting task done, or its sibling still open and leaves the end to it)."""
    parent_pk = Task.objects.values_list("process_id", flat=True).get(pk=spawn_pk)
    with BareUnitsFlow.lock(parent_pk):
        waiting = Task.objects.filter(process_id=parent_pk, flow_task=BareUnitsFlow.units, status=STATUS.NEW)
        waiting = waiting.first()
        if waiting is None:
            return
        if Process.objects.filter(parent_task_id=spawn_pk).exclude(status=PROCESS.DONE).exists():
            return
        BareUnitsFlow.units.run(waiting)


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
