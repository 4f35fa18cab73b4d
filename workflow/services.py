"""The doors into the item flow. Pages, the API, commands and benchmarks all go through here.

viewflow's activation methods check no permissions; every function here does, before it touches
a task, and does it again inside the process lock so that a decision is never taken on stale state.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import CharField, IntegerField, JSONField, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.db.models.lookups import In
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from viewflow.workflow.activation import Activation
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from config import rows
from responsibility import cascade, permissions
from responsibility.assignments import officials_at_work
from responsibility.importing.review import unresolved_count
from responsibility.models import Assignment, ItemEvent, ItemStatus, Post, ResponsibilityItem, WorkPlan

from . import notices
from .flows import ASSIGNED_POSTS, BRANCH_POSTS, PLAN, ItemFlow
from .models import ItemProcess, Notification, assignment_of, of_items
from .steps import STEPS, Step
from .task_parts import TaskParts

ACTIVE = [STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED]


class TaskUnavailable(Exception):
    """The task was finished or taken by someone else in the meantime. The message says so in Chinese."""


def launch(item: ResponsibilityItem, user) -> ItemProcess:
    """Start a draft item's flow: it waits for the office to deploy it. Headings have no flow.

    Only the office may launch, and only once: the item row is locked and must still be a draft.
    Nobody but the office sees the item until it is deployed (部署 is the hand-over).
    """
    if item.is_heading:
        raise ValueError(f"{item} is a heading; only leaf items run through the flow")
    if not permissions.can(user, permissions.DEPLOY, item):
        raise PermissionDenied
    return start(item, user)


def start(item: ResponsibilityItem, user) -> ItemProcess:
    """``launch`` for a caller that has checked ``user``'s right itself (上级交办: whoever holds an
    organisation's part makes its items, which then wait for the office)."""
    if item.is_heading:
        raise ValueError(f"{item} is a heading; only leaf items run through the flow")
    with transaction.atomic():
        # Only the status decides; the row is locked all the same.
        with connection.cursor() as cursor:
            cursor.execute(_lock_status_sql(), [item.pk])
            found = cursor.fetchone()
        if found is None:
            raise ResponsibilityItem.DoesNotExist(f"item {item.pk} does not exist")
        if found[0] != ItemStatus.DRAFT:
            raise TaskUnavailable(_("该事项已启动流程，不能重复启动。"))
        item.status = found[0]
        item.move(ItemEvent.Kind.CREATED, user, ItemStatus.DEPLOYING)
        return ItemFlow.start.run(item=item)


@cache
def _lock_status_sql() -> str:
    # What select_for_update().values_list("status") sends, written once.
    meta, quote = ResponsibilityItem._meta, connection.ops.quote_name
    lock = f" {connection.ops.for_update_sql()}" if connection.features.has_select_for_update else ""
    status = quote(meta.get_field("status").column)
    return f"SELECT {status} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s{lock}"


def publish(plan: WorkPlan, user) -> int:
    """Publish a work plan: every draft leaf item starts its flow, all in one transaction (all or
    nothing). Returns the number of items launched; publishing again launches only new drafts."""
    if not permissions.visible_plans(user, permissions.DEPLOY).filter(pk=plan.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        plan = WorkPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.status == WorkPlan.Status.CLOSED:
            raise TaskUnavailable(_("该工作要点已结束，不能再发布事项。"))
        unresolved = unresolved_count(plan)
        if unresolved:
            message = _("还有 %(count)s 个导入时未识别的名称没有处理，请先在“核对导入结果”中处理。")
            raise TaskUnavailable(message % {"count": unresolved})
        drafts = plan.items.filter(is_heading=False, status=ItemStatus.DRAFT).order_by("order", "id")
        launched = sum(1 for item in drafts if launch(item, user))
        if plan.status == WorkPlan.Status.DRAFT:
            plan.status = WorkPlan.Status.PUBLISHED
            plan.published_at = timezone.now()
            plan.save(update_fields=["status", "published_at"])
        return launched


def step_of(task: Task) -> Step:
    return STEPS[task.flow_task.name]


def step_form(task: Task, item: ResponsibilityItem, data=None, files=None):
    """The form of the task's step: on a unit's branch it acts on the unit's assignment."""
    step = step_of(task)
    if step.per_unit:
        return step.form_class(data, files, item=item, assignment=assignment_of(task))
    return step.form_class(data, files, item=item)


def task_of(user, item: ResponsibilityItem, name: str) -> Task | None:
    """The open ``name`` task on ``item`` that ``user`` may take: on an item of several units, the
    one of the user's own unit."""
    found = None
    for task in active_task_for_item(item):
        if task.flow_task.name == name:
            if can_take(user, task):
                return task
            found = found or task
    return found


def can_take(user, task: Task) -> bool:
    """May ``user`` work on ``task`` now (it is theirs, or free and theirs to claim)?"""
    if task.status not in ACTIVE or task.flow_task.name not in STEPS:
        return False
    node = task.flow_task
    if task.owner_id is None:
        return node.can_assign(user, task)
    return node.can_execute(user, task)


def complete(user, task_pk: int, data=None, files=None):
    """Validate the step's form on fresh state, claim the task if free, run the step, complete it.

    Returns the bound form: if it has errors nothing was done. Raises PermissionDenied if the user
    may not act, TaskUnavailable if someone else got there first.
    """
    try:
        with _locked_activation(task_pk) as activation:
            task = activation.task
            if task.status == STATUS.CANCELED:
                raise TaskUnavailable(_("该事项已办结，此任务已终止，无需再提交。"))
            if task.status not in ACTIVE:
                raise TaskUnavailable(_("该任务已由他人办理完毕，无需重复提交。"))
            # Read before the check: a role's right is asked of the item's plan (its organisation).
            item = activation.process.item
            if not can_take(user, task):
                if task.owner_id and task.owner_id != user.pk:
                    raise TaskUnavailable(_("该任务已由 %(name)s 领办。") % {"name": task.owner})
                raise PermissionDenied
            step = step_of(task)
            form = step_form(task, item, data, files)
            if not form.is_valid():
                return form
            if task.status == STATUS.NEW:
                activation.assign(user)
            if task.status == STATUS.ASSIGNED:
                activation.start(None)
            step.handle(form.work, user, form)
            activation.execute()
            return form
    except FlowLockFailed as exc:
        raise TaskUnavailable(_("其他人正在办理该事项，请稍后刷新再试。")) from exc


@contextmanager
def _locked_activation(task_pk: int) -> Iterator[Activation]:
    """``task.activation()``: the flow's lock on the task's process, and the task read afresh under it.

    viewflow reads the task to find its process, locks the process, reloads the task and then, in a
    fourth query, its process. Here the flow's own lock takes the process by the task's id (a task
    never changes process), and one query reads the task with its process, as fresh, under it.
    """
    with ItemFlow.lock(Subquery(Task.objects.filter(pk=task_pk).values("process_id"))):
        task = rows.reader(Task, ("process",)).get(task_pk)
        if task.flow_task is None or task.flow_task.flow_class is not ItemFlow:
            raise Task.DoesNotExist(f"task {task_pk} is not a step of an item")
        yield task.flow_task.activation_class(task)


def active_task_for_item(item: ResponsibilityItem) -> QuerySet[Task]:
    # With its process: checking who may take a task reads the process's item.
    return Task.objects.select_related("process").filter(
        of_items(item.pk, "process__"),
        process__flow_class=ItemFlow,
        status__in=ACTIVE,
        flow_task_type="HUMAN",
    )


def my_tasks(user) -> TaskParts:
    """Tasks assigned to the user, plus free tasks of pools they belong to (e.g. the office's): two
    disjoint parts, each listed off its own index (``task_parts``)."""
    mine = Q(owner=user, status__in=[STATUS.ASSIGNED, STATUS.STARTED])
    # An item's steps are told by their nodes and their items by the keys the tasks carry, not by
    # their processes: joined, a district's 100,000 processes were read and hashed on every request.
    steps = Task.objects.filter(flow_task__in=item_steps(), flow_task_type="HUMAN").select_related("process", "owner")
    # No pool to ask for (and no query) for whom deploys on no plan: the committee, an official.
    pool = steps.filter(office_pool(user)) if permissions.reaches_any_plan(user, permissions.DEPLOY) else steps.none()
    return TaskParts((steps.filter(mine), pool))


def office_pool(user) -> Q:
    """The office's pool: free steps that need its right to deploy, on the items of its own
    organisation's plans, found by the plan each step's task carries (``flows.PLAN``) off the index
    of free steps by permission and plan (``workflow_pool_plan_task``). Checked item by item against
    the office's plans, the district's whole pool was read to count one organisation's part."""
    free = Q(owner__isnull=True, status=STATUS.NEW, owner_permission=permissions.perm(permissions.DEPLOY))
    plans = permissions.plan_ids(user, permissions.DEPLOY)
    return free if plans is None else free & Q(In(plan_of_task(), sorted(plans)))


def plan_of_task() -> Cast:
    """SQL: the plan a step's task carries, as the pool's index holds it (migration 0017)."""
    return Cast(KT(f"data__{PLAN}"), IntegerField())


@cache
def item_steps() -> list:
    """The human steps of an item's flow (their tasks are the item's: no other flow has them)."""
    return [node for node in ItemFlow.instance.nodes() if node.task_type == "HUMAN"]


def item_keys(items: QuerySet[ResponsibilityItem]) -> QuerySet:
    """The items' keys as the tasks of their steps hold them: each step's permission object is its
    item (``ItemStep``), kept in the task's ``owner_permission_obj_pk``, a text column."""
    return items.order_by().annotate(key=Cast("pk", CharField())).values("key")


def hand_over(post: Post, successor, by=None) -> int:
    """Give ``post`` to ``successor`` and move its open tasks with it (人走事不断). Returns tasks moved.

    Locks the processes of the post's items first (the lock a task completion holds while the
    flow assigns its next step), then the post: a completion running at the same moment either
    finishes first, and its new task is moved here, or starts after, and assigns the new holder.
    """
    with transaction.atomic():
        items = _items_of_post(post)
        processes = ItemProcess.objects.filter(of_items(list(items.values_list("pk", flat=True))), flow_class=ItemFlow)
        list(processes.select_for_update().order_by("pk").values_list("pk", flat=True))
        post = Post.objects.select_for_update().select_related("unit").get(pk=post.pk)
        previous = post.hand_over(successor)
        items = list(items)
        moved = _move_tasks(post, items, previous, successor)
        for item in _items_of_post(post, all_roles=True):
            item.move(
                ItemEvent.Kind.HANDED_OVER,
                by,
                note=stored_text(gettext_noop("%(post)s 由 %(old)s 移交给 %(new)s"))
                % {"post": post.title, "old": previous or "—", "new": successor or "—"},
            )
        return moved


def _items_of_post(post: Post, all_roles: bool = False) -> QuerySet[ResponsibilityItem]:
    """Open items whose tasks go to the post's holder (and, with ``all_roles``, those it leads)."""
    # Inspectors and assessors hold tasks too, and a verified item still waits for its assessor.
    of_post = Q(assignments__post=post) | Q(inspector_post=post) | Q(assessor_post=post)
    of_post |= Q(responsible_post=post)
    if all_roles:
        of_post |= Q(lead_leader_post=post)
    return ResponsibilityItem.objects.filter(of_post, status__in=[*_open_statuses(), ItemStatus.VERIFIED]).distinct()


def _move_tasks(post: Post, items: list[ResponsibilityItem], previous, successor) -> int:
    """Tasks that the post's holder has (or should have) on its items go to the successor."""
    by_pk = {item.pk: item for item in items}
    tasks = Task.objects.filter(
        of_items(list(by_pk), "process__"), status__in=ACTIVE, process__flow_class=ItemFlow
    ).select_related("process")
    unit_posts = dict(Assignment.objects.filter(item__in=list(by_pk)).values_list("pk", "post_id"))
    ours = []
    for task in tasks:
        name = task.flow_task.name
        if name in BRANCH_POSTS:
            on_post = unit_posts.get((task.data or {}).get("assignment")) == post.pk
        else:
            field = ASSIGNED_POSTS.get(name)
            on_post = bool(field) and getattr(by_pk[task.process.artifact_object_id], field) == post.pk
        if not on_post:
            continue  # a task of another post on the same item (or the office's) stays where it is
        if task.owner_id is None or (previous is not None and task.owner_id == previous.pk):
            ours.append(task.pk)
    if successor is None:
        return Task.objects.filter(pk__in=ours).update(owner=None, status=STATUS.NEW)
    return Task.objects.filter(pk__in=ours).update(owner=successor, status=STATUS.ASSIGNED)


def stored_text(message: str) -> str:
    """Text that is stored and read later by others is kept in the site language (Chinese), not in
    the language the acting user happened to choose."""
    with translation.override(settings.LANGUAGE_CODE):
        return _(message)


def _open_statuses() -> list[str]:
    from responsibility.models import OPEN_STATUSES

    return list(OPEN_STATUSES)


def urge(item: ResponsibilityItem, user, note: str) -> list[Notification]:
    """An inspector, the office or the item's lead leader chases an open item (催办): the official of
    each of its units still at work (of the item itself, before it had units) is told, after the
    commit, never before."""
    if not permissions.can_urge(user, item):
        raise PermissionDenied
    from .notifications import notify

    with transaction.atomic():
        # Decide on the current state: the item may have been closed since the page was shown.
        item = (
            ResponsibilityItem.objects.select_for_update(of=("self",))
            .select_related("responsible_post__holder")
            .get(pk=item.pk)
        )
        if not item.is_open:
            raise TaskUnavailable(_("该事项已办结，无需催办。"))
        if item.status in (ItemStatus.DEPLOYING, ItemStatus.SENT_BACK) and not item.branch_count:
            raise TaskUnavailable(_("该事项尚未交办，无需催办。"))
        recipients = officials_at_work([item])[item.pk]
        if not recipients:
            raise TaskUnavailable(_("该事项的责任岗位暂无在岗人员，无法催办。"))
        item.move(ItemEvent.Kind.URGED, user, note=note)
        title = stored_text(gettext_noop("催办：%(item)s")) % {"item": item}
        return [notify(person, item=item, kind=Notification.Kind.URGE, title=title, body=note) for person in recipients]


@dataclass
class TaskRow:
    task: Task
    item: ResponsibilityItem
    part: Assignment | None = None  # the unit's part a step of a unit's branch is on

    @property
    def title(self) -> str:
        return str(self.task.flow_task.task_title)

    @property
    def work(self) -> ResponsibilityItem | Assignment:
        """What the task's deadline is read from: the unit's own part, else the whole item."""
        return self.part if self.part is not None else self.item


def with_items(tasks) -> list[TaskRow]:
    """Pair tasks with their items, and a unit's step with its unit's part, in two extra queries."""
    tasks = list(tasks)
    ids = {t.process.artifact_object_id for t in tasks}
    items = ResponsibilityItem.objects.select_related(
        "plan", "responsible_post__unit", "responsible_post__holder"
    ).in_bulk(ids)
    wanted = {(t.data or {}).get("assignment") for t in tasks} - {None}
    parts = Assignment.objects.select_related("unit").in_bulk(wanted) if wanted else {}
    rows = []
    for task in tasks:
        item = items.get(task.process.artifact_object_id)
        if item is None:
            continue
        part = parts.get((task.data or {}).get("assignment"))
        if part is not None:
            part.item = item
        rows.append(TaskRow(task, item, part))
    return rows


# --- 转办: a unit's part passed to a colleague's post, and taken back --------------------------------

# The unit's part can change hands while it is in the unit's own keeping: handed over and not yet
# finished. Sent back, it waits for the office (redeploy names the post).
TRANSFERABLE = [
    ItemStatus.ACCEPTING,
    ItemStatus.IN_PROGRESS,
    ItemStatus.EXTENSION_REQUESTED,
    ItemStatus.RECTIFYING,
    ItemStatus.CLAIMED,
]
# What changes the post a part is on: a transfer, taking it back, the office handing it over again.
POST_CHANGES = [ItemEvent.Kind.TRANSFERRED, ItemEvent.Kind.TRANSFERRED_BACK, ItemEvent.Kind.DEPLOYED]


# The timeline's line for a transfer (False) and for the part going back to its home post (True).
TRANSFER_TEXT = {
    False: gettext_noop("%(unit)s：%(old)s 转办给 %(new)s"),
    True: gettext_noop("%(unit)s：由 %(old)s 交回 %(new)s"),
}


class TransferRefused(Exception):
    """The post chosen cannot take the unit's part; the message says why, in Chinese."""


def home_post_id(assignment: Assignment) -> int | None:
    """The post the unit's part was handed to, while a colleague holds it by 转办 (else None).

    Read from the unit's timeline: lent by its last change of post, if that was a transfer (the
    office handing the part over again since then ends the loan).
    """
    last = _transfers().filter(assignment=assignment).first()
    return loan_home(last.kind, last.data, assignment.post_id) if last is not None else None


def loan_home(kind: str | None, data: dict | None, post_id: int | None) -> int | None:
    """The home post, if the last change of post (``kind``, ``data``) lent the part to ``post_id``."""
    if kind != ItemEvent.Kind.TRANSFERRED or (data or {}).get("to_post") != post_id:
        return None
    return data.get("home_post")


def _transfers() -> QuerySet[ItemEvent]:
    return ItemEvent.objects.filter(kind__in=POST_CHANGES).order_by("-created_at", "-id")


def with_last_transfer(assignments: QuerySet[Assignment]) -> QuerySet[Assignment]:
    """The assignments with their last change of post's kind and data, read in the same query (a page
    lists every unit's loan without a query per unit): feed them to ``loan_home``."""
    last = _transfers().filter(assignment=OuterRef("pk"))
    return assignments.annotate(
        last_transfer_kind=Subquery(last.values("kind")[:1]),
        last_transfer_data=Subquery(last.values("data")[:1], output_field=JSONField()),
    )


def with_home_posts(assignments: list[Assignment]) -> list[Assignment]:
    """Assignments read ``with_last_transfer``, each with its ``home_post`` (None unless lent), read
    only when one is lent."""
    for a in assignments:
        a.home_post_id = loan_home(a.last_transfer_kind, a.last_transfer_data, a.post_id)
    homes = Post.objects.select_related("unit", "holder").in_bulk({a.home_post_id for a in assignments} - {None})
    for a in assignments:
        a.home_post = homes.get(a.home_post_id)
    return assignments


def holds_part(user, assignment: Assignment) -> bool:
    """Does ``user`` hold the unit's post, or (while it is lent) the post it was handed to? Read on
    an assignment ``with_home_posts`` whose posts were read with it."""
    holders = {post.holder_id for post in (assignment.post, assignment.home_post) if post is not None}
    return user.pk in holders


def may_transfer(user, assignment: Assignment, home: int | None) -> bool:
    """The holder of the unit's post (or of the post it was handed to, while on loan), or the office."""
    holders = Post.objects.filter(pk__in=[pk for pk in (assignment.post_id, home) if pk], holder=user)
    return holders.exists() or permissions.can(user, permissions.DEPLOY, assignment.item)


def transfer(assignment: Assignment, user, post: Post | None, note: str = "") -> Assignment:
    """转办: the unit's part goes to ``post``, a colleague's post in the same unit; its rights and open
    tasks follow, and the unit's timeline says so. ``post=None`` (or the post it was handed to) takes
    it back. Returns the assignment as it now stands.

    Raises PermissionDenied for anyone but the unit's official or the office, TransferRefused for a
    post that cannot take it, TaskUnavailable when the part is not in the unit's keeping.
    Decided under the item's process lock, as ``hand_over`` is: a step completing at the same
    moment either finishes first (its next task is moved here) or starts after (on the new post).
    """
    process = ItemProcess.objects.filter(of_items(assignment.item_id), flow_class=ItemFlow)
    try:
        with ItemFlow.lock(Subquery(process.values("pk")[:1])):
            return _transfer(assignment.pk, user, post, note)
    except FlowLockFailed as exc:
        raise TaskUnavailable(_("其他人正在办理该事项，请稍后刷新再试。")) from exc


def _transfer(assignment_pk: int, user, post: Post | None, note: str) -> Assignment:
    """``transfer`` under the lock, decided on the assignment read afresh."""
    assignment = Assignment.objects.select_related("item", "unit", "post__holder").get(pk=assignment_pk)
    home = home_post_id(assignment)
    if not may_transfer(user, assignment, home):
        raise PermissionDenied
    if post is None:
        if home is None:
            raise TransferRefused(_("该单位的承办未转办，无需收回。"))
        post = Post.objects.select_related("holder").get(pk=home)
    _check_transfer(assignment, post)
    previous, back = assignment.post, post.pk == home
    assignment.post = post
    names = {"unit": assignment.unit, "old": _post_label(previous), "new": _post_label(post)}
    said = stored_text(TRANSFER_TEXT[back]) % names
    event = assignment.move(
        ItemEvent.Kind.TRANSFERRED_BACK if back else ItemEvent.Kind.TRANSFERRED,
        user,
        note="\n".join(filter(None, [said, note])),
        data={"from_post": previous.pk, "to_post": post.pk, "home_post": home or previous.pk},
        also_save=["post"],
    )
    _move_branch_tasks(assignment, post.holder)
    permissions.sync_item_permissions(assignment.item)
    notices.transferred(assignment, event, user, note)
    return assignment


def _check_transfer(assignment: Assignment, post: Post) -> None:
    if assignment.status not in TRANSFERABLE:
        message = _("该单位的承办当前为“%(status)s”，不能转办。")
        raise TaskUnavailable(message % {"status": assignment.get_status_display()})
    if cascade.is_organisation(assignment.unit):
        # 上级交办: an organisation's part may go to a post of its departments, or another office post.
        if not cascade.may_hold(assignment.unit, post):
            message = _("只能转办给本组织（%(unit)s）内设机构的岗位，“%(post)s”不在其中。")
            raise TransferRefused(message % {"unit": assignment.unit, "post": post.title})
    elif post.unit_id != assignment.unit_id:
        message = _("只能转办给本单位（%(unit)s）的岗位，“%(post)s”不属于本单位。")
        raise TransferRefused(message % {"unit": assignment.unit, "post": post.title})
    if post.pk == assignment.post_id:
        raise TransferRefused(_("该单位的承办已由岗位“%(post)s”办理，无需转办。") % {"post": post.title})
    if not post.holder_id:
        raise TransferRefused(_("岗位“%(post)s”暂无在岗人员，不能转办。") % {"post": post.title})


def _post_label(post: Post) -> str:
    return f"{post.title}（{post.holder}）" if post.holder_id else post.title


def _move_branch_tasks(assignment: Assignment, holder) -> int:
    """The unit's open steps (签收, 反馈, 整改) go to the new holder, as the flow would assign them."""
    ours = [
        task.pk
        for task in active_task_for_item(assignment.item)
        if task.flow_task.name in BRANCH_POSTS and (task.data or {}).get("assignment") == assignment.pk
    ]
    return Task.objects.filter(pk__in=ours).update(owner=holder, status=STATUS.ASSIGNED)
