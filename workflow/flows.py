"""The life of one responsibility item, as a viewflow flow.

    start ─► deploy (office) ─► split: one branch per lead and responsible unit (分办)
                                   │
          ┌────────────────────────┘ each branch, on the unit's own clock:
          ▼
       accept (unit's official) ─► accepted? ─no─► redeploy (office) ─► accept
          │yes
          ▼        ┌── report progress ──┐
       work (unit's official) ◄──────────┘ ─► extension? ─► decide_extension (office) ─► work
          │ claim
          ▼
       verify (inspector) ─► passed? ─no─► rectify (unit's official) ─► verify
          │yes
          ▼
       assess (assessor) ─► join: every unit's branch done ─► end
          ▲
    split ─► contribute (each cooperating unit's official: 会办, by its date) ─┘

牵头单位汇总办结 (an item's ``closing``): a unit other than the lead ends its branch by reporting its
part done to the lead unit (``work`` ─handed in─► join); the lead unit claims completion for the whole
item once every other unit has, and its verification and assessment stand for them all.

The last branch to close closes every contribution still open (the item needs no more of them);
a contribution not given by its date is a missed 会办 (``responsibility.contributions``).

Each branch's tasks carry their unit's assignment (``task.data["assignment"]``), and every step's task
its item's plan (``task.data["plan"]``: the office's pool is read by plan); a branch's steps act on
that assignment, and the item's own state is derived from its assignments after every step
(``responsibility.assignments.derive``). Decisions read the assignment's status, which each step's
domain handler sets: the facts are the source of truth and the flow only routes. A decision belongs
to the step it follows (``.Case``): the step that sets the status picks the next step as it
completes. A gateway node of its own would cost a task row, its link, a savepoint and an update
(5 queries) for a test the step can make for free.

The split into the units' branches and their join are viewflow's, with a data source for the split
and their task rows written with SQL built once (``workflow/gateways.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.db import connection
from django.shortcuts import redirect
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.activation import Activation
from viewflow.workflow.base import Edge
from viewflow.workflow.nodes.start import StartHandleActivation
from viewflow.workflow.nodes.view import ViewActivation
from viewflow.workflow.signals import flow_started, task_finished, task_started
from viewflow.workflow.status import STATUS

from config import rows
from responsibility import permissions
from responsibility.models import ItemStatus, Person, ResponsibilityItem

from .gateways import UnitJoin, UnitSplit
from .models import ItemProcess, assignment_of

# The key of a step task's ``data`` that holds its item's plan: the office's pool is read by it
# (``services.office_pool``).
PLAN = "plan"


def _open_task(request, **kwargs):
    """Viewflow's own task URLs, if ever mounted, lead to our task page."""
    return redirect("workflow:task", task_pk=kwargs["task_pk"])


def _item_of(process) -> ResponsibilityItem:
    # The permission object is the process's item (read once and kept on the process: a role's right
    # holds in the plan's organisation, so ``can`` needs its plan). A task read with its process
    # carries viewflow's plain Process, which reads its item the same way.
    return ItemProcess.item.fget(process)


class ItemStepActivation(ViewActivation):
    """Creates the step's next task: the first ``.Case`` whose decision holds, else ``.Next``.

    Its task rows are written as viewflow writes them (every column, the same values, the same
    signal), with SQL built once (``config.rows``): an item's six steps write eighteen of them, and
    compiling each cost more than the database spent on all of them. No model signal or ``save``
    override of viewflow's Task is involved (Task.save only fills ``flow_task_type``, done here).
    """

    @classmethod
    def create(cls, flow_task, prev_activation, token, data=None, seed=None):
        """viewflow's ``ViewActivation.create``: the new task, its owner and its link to the last."""
        task = flow_task.flow_class.task_class(process=prev_activation.process, flow_task=flow_task, token=token)
        task.flow_task_type = flow_task.task_type
        # A branch's tasks all carry its assignment: the step before passes its data on. Every step's
        # task carries its item's plan (an item never changes plan): the office's pool is a plan's.
        plan = _item_of(prev_activation.process).plan_id
        task.data = {**(data or prev_activation.task.data or {}), PLAN: plan}
        task.seed = seed
        activation = cls(task)
        owner_permission = flow_task.calc_owner_permission(activation)
        if owner_permission:
            task.owner_permission = owner_permission
            task.owner_permission_obj = flow_task.calc_owner_permission_obj(activation)
        owner = flow_task.calc_owner(activation)
        if owner:
            task.owner = owner
            task.status = STATUS.ASSIGNED
        rows.insert(task, rows.columns(type(task)))
        link = type(task).previous.through
        rows.insert(link(from_task_id=task.pk, to_task_id=prev_activation.task.pk), ("from_task", "to_task"))
        if flow_task._on_create is not None:
            flow_task._on_create(activation)
        return activation

    @Activation.status.super()
    def assign(self, user):
        """viewflow's ``ViewActivation.assign``: the task given to ``user`` and saved whole."""
        self.task.owner = user
        rows.update(self.task, rows.columns(type(self.task)))

    @Activation.status.super()
    def complete(self):
        """viewflow's ``Activation.complete``: the task finished, saved whole, ``task_finished`` sent."""
        assert connection.in_atomic_block
        self.task.finished = now()
        rows.update(self.task, rows.columns(type(self.task)))
        task_finished.send(sender=self.flow_class, process=self.process, task=self.task)

    @Activation.status.super()
    def create_next(self):
        node = self.flow_task.next_node(self)
        if node is self.flow_task._next:
            yield from super().create_next.original()  # viewflow's own way, with .Next's task data
        else:
            yield node._create(self, self.task.token)


class ItemStartActivation(StartHandleActivation):
    """viewflow's start of a process, run inside ``services.launch``'s transaction.

    ``launch`` holds the item's row lock and has moved the item; viewflow's own ``execute`` would
    then open a transaction of its own and take the flow lock on the process it has just inserted,
    which inside ours are two savepoints (four statements) and a lock on a row no other transaction
    can see before we commit. The rest is viewflow's: the same rows, written whole, and the same
    signals in the same order.
    """

    @Activation.status.super()
    def execute(self):
        assert connection.in_atomic_block, "an item's flow starts in services.launch's transaction"
        task_started.send(sender=self.flow_class, process=self.process, task=self.task)
        rows.insert(self.process)
        self.complete()
        flow_started.send(sender=self.flow_class, process=self.process, task=self.task)
        self.activate_next()

    @Activation.status.super()
    def complete(self):
        self.task.finished = now()
        self.task.flow_task_type = self.flow_task.task_type
        rows.insert(self.task)
        task_finished.send(sender=self.flow_class, process=self.process, task=self.task)


class ItemStart(flow.StartHandle):
    activation_class = ItemStartActivation


class ItemStep(flow.View):
    """A human step on an item. Executing needs the task *and* the object permission now.

    The second check matters after a hand-over: the old holder may still own a task he no longer
    has the right to finish.
    """

    activation_class = ItemStepActivation

    def __init__(self, codename: str, **kwargs):
        super().__init__(_open_task, **kwargs)
        self.codename = codename
        self._cases: list[tuple[object, Callable[[Activation], bool]]] = []
        self.Permission(permissions.perm(codename), obj=_item_of)

    def Case(self, node, decision) -> ItemStep:
        """After this step go to ``node`` if ``decision(activation)`` holds; the first that holds wins."""
        self._cases.append((node, decision))
        return self

    def next_node(self, activation: Activation):
        for node, decision in self._cases:
            if decision(activation):
                return node
        return self._next

    def _resolve(self, instance) -> None:
        super()._resolve(instance)
        self._cases = [(this.resolve(instance, node), this.resolve(instance, cond)) for node, cond in self._cases]

    def _outgoing(self) -> Iterator[Edge]:
        # The flow's graph (and the chart) shows every way out, as it showed the gateways'.
        for node, _decision in self._cases:
            yield Edge(src=self, dst=node, edge_class="cond_true")
        yield from super()._outgoing()

    def can_execute(self, user, task) -> bool:
        # Compare ids, not rows: loading the owner only to read its primary key costs a query a step.
        is_owner = task.owner_id is not None and task.owner_id == user.pk
        return is_owner and self.may(user, task)

    def can_assign(self, user, task) -> bool:
        return task.owner_id is None and self.may(user, task)

    def may(self, user, task) -> bool:
        """The right to this step: a unit's own step only for those holding its assignment's post."""
        if self.codename == permissions.REPORT and (task.data or {}).get("assignment"):
            return permissions.acts_for(user, assignment_of(task))
        return permissions.can(user, self.codename, _item_of(task.process))


class ItemFlow(flow.Flow):
    """责任事项落实流程

    部署交办 → 签收 → 进度反馈 → 申请办结/延期 → 督查核验（整改）→ 考核评分。
    """

    process_class = ItemProcess
    lock_impl = lock.select_for_update_lock

    start = ItemStart(this.start_item).Next(this.deploy)

    deploy = ItemStep(permissions.DEPLOY).Annotation(title=_("部署交办")).Next(this.split_units)
    split_units = (
        UnitSplit()
        .Annotation(title=_("分办"))
        .Next(this.accept, data_source=this.unit_branches)
        .Next(this.contribute, data_source=this.contribution_branches)
    )

    accept = (
        ItemStep(permissions.REPORT)
        .Annotation(title=_("签收"))
        .Assign(this.responsible_official)
        .Case(this.work, this.is_accepted)
        .Next(this.redeploy)  # sent back
    )
    redeploy = ItemStep(permissions.DEPLOY).Annotation(title=_("重新交办")).Next(this.accept)

    work = (
        ItemStep(permissions.REPORT)
        .Annotation(title=_("办理反馈"))
        .Assign(this.responsible_official)
        .Case(this.join_units, this.is_handed_in)  # 牵头单位汇总办结: a part done, reported to the lead
        .Case(this.verify, this.is_claimed)
        .Case(this.decide_extension, this.is_extension_requested)
        .Next(this.work)  # progress reported
    )
    decide_extension = ItemStep(permissions.DEPLOY).Annotation(title=_("延期审批")).Next(this.work)

    verify = (
        ItemStep(permissions.VERIFY)
        .Annotation(title=_("督查核验"))
        .Assign(this.inspector)
        .Case(this.assess, this.is_verified)
        .Next(this.rectify)  # returned
    )
    rectify = (
        ItemStep(permissions.REPORT).Annotation(title=_("整改")).Assign(this.responsible_official).Next(this.verify)
    )

    contribute = (
        ItemStep(permissions.REPORT).Annotation(title=_("会办")).Assign(this.responsible_official).Next(this.join_units)
    )

    assess = ItemStep(permissions.ASSESS).Annotation(title=_("考核评分")).Assign(this.assessor).Next(this.join_units)
    join_units = UnitJoin().Annotation(title=_("各单位办结")).Next(this.end)
    end = flow.End()

    def start_item(self, activation: Activation, item: ResponsibilityItem) -> ItemProcess:
        activation.process.item = item
        return activation.process

    def unit_branches(self, activation: Activation) -> list[dict]:
        return [{"assignment": pk} for pk in activation.process.branch_assignments()]

    def contribution_branches(self, activation: Activation) -> list[dict]:
        return [{"assignment": pk} for pk in activation.process.branch_assignments(cooperating=True)]

    # Who gets each step: the current holder of the post named on the unit's assignment or the item.
    def responsible_official(self, activation: Activation):
        return _holder(assignment_of(activation.task).post)

    def inspector(self, activation: Activation):
        return _holder(activation.process.item.inspector_post)

    def assessor(self, activation: Activation):
        return _holder(activation.process.item.assessor_post)

    # Decisions, on the status the step has just given the branch's assignment.
    def is_accepted(self, activation: Activation) -> bool:
        return _status(activation) == ItemStatus.IN_PROGRESS

    def is_handed_in(self, activation: Activation) -> bool:
        return _status(activation) == ItemStatus.HANDED_IN

    def is_claimed(self, activation: Activation) -> bool:
        return _status(activation) == ItemStatus.CLAIMED

    def is_extension_requested(self, activation: Activation) -> bool:
        return _status(activation) == ItemStatus.EXTENSION_REQUESTED

    def is_verified(self, activation: Activation) -> bool:
        return _status(activation) == ItemStatus.VERIFIED


def _status(activation: Activation) -> str:
    return assignment_of(activation.task).status


# The post on the item whose holder gets each assigned step (as in the .Assign calls above); a
# hand-over uses it to give tasks that waited on an empty post to the post's new holder.
# Steps given to the holder of the unit's post on the branch's assignment:
BRANCH_POSTS = {"accept", "work", "rectify", "contribute"}
# Steps given to the holder of a post on the item:
ASSIGNED_POSTS = {
    "verify": "inspector_post_id",
    "assess": "assessor_post_id",
}


def _holder(post) -> Person | None:
    # The task stores only the holder's id: loading the person for it cost a query on every step.
    return Person(pk=post.holder_id) if post is not None and post.holder_id else None
