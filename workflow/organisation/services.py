"""Set-up steps that touch the work: a post filled or emptied moves its open tasks with it, and a
person who leaves (停用) leaves his posts vacant and his tasks in the office's pool (人走事不断).

A task waiting on a vacant post is free (no owner): its post's next holder gets it at the hand-over.
The office finds such tasks on 我的待办 (``waiting_tasks``) and on 岗位与人员, and fills the post.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.second_factor import ROLES as SECOND_FACTOR_ROLES
from responsibility import permissions, roster
from responsibility.accounts import issue_password
from responsibility.models import Assignment, Person, Post, ResponsibilityItem, Unit, WorkPlan
from responsibility.organisation import managed_by, root_of

from .. import services
from ..flows import ASSIGNED_POSTS, BRANCH_POSTS, ItemFlow

if TYPE_CHECKING:
    from .access import Scope


def second_factor_holders(scope: Scope) -> QuerySet[Post]:
    """The filled posts a second factor is asked of (登录安全), each with ``enrolled``."""
    enrolled = TOTPDevice.objects.filter(user=OuterRef("holder"), confirmed=True)
    return (
        scope.posts()
        .filter(role__in=SECOND_FACTOR_ROLES, holder__isnull=False)
        .select_related("unit", "holder")
        .annotate(enrolled=Exists(enrolled))
        .order_by("unit__order", "unit_id", "pk")
    )


def assign(post: Post, person: Person | None, by: Person) -> int:
    """``person`` takes ``post`` (None: the post falls vacant); returns the tasks moved to him."""
    with transaction.atomic():
        moved = services.hand_over(post, person, by=by)
        if person is not None and person.organisation_id is None:
            organisation = root_of(post.unit)
            if organisation.kind == Unit.Kind.ORGANISATION:
                person.organisation = organisation
                person.save(update_fields=["organisation"])
        return moved


@transaction.atomic
def deactivate(person: Person, by: Person) -> int:
    """停用: he can no longer log in, his posts fall vacant and every open task he held waits free
    for the post's next holder (the office's pool). Returns the tasks set free."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    freed = sum(services.hand_over(post, None, by=by) for post in Post.objects.filter(holder=person).order_by("pk"))
    # A task still his that none of his posts explains (taken before a hand-over) goes free too.
    freed += Task.objects.filter(owner=person, status__in=services.ACTIVE).update(owner=None, status=STATUS.NEW)
    person.is_active = False
    person.save(update_fields=["is_active"])
    AuthToken.objects.filter(user=person).delete()
    return freed


def reactivate(person: Person) -> None:
    person.is_active = True
    person.save(update_fields=["is_active"])


def reset_password(person: Person) -> str:
    """A new one-time password (shown once); the API token made with the old one stops working."""
    with transaction.atomic():
        AuthToken.objects.filter(user=person).delete()
        return issue_password(person)


def import_roster(organisation: Unit, name: str, data: bytes, by: Person) -> roster.Summary:
    """The roster imported with the workflow's hand-over: a post's open tasks go to its new holder."""

    def hand_over(post: Post, person: Person | None) -> int:
        return services.hand_over(post, person, by=by)

    return roster.import_roster(organisation, name, data, hand_over=hand_over, superuser=by.is_superuser)


# --- the office's pool: tasks waiting on a post without a holder -------------------------------------


@dataclass
class WaitingTask:
    task: Task
    item: ResponsibilityItem
    post: Post | None

    @property
    def title(self) -> str:
        return str(self.task.flow_task.task_title)


def waiting_tasks(user, organisations: list[Unit] | None = None) -> list[WaitingTask]:
    """The items' steps nobody holds: free tasks that are not the office's own (部署, 延期审批), each
    with the post whose next holder will get it. Those of the organisations ``user`` sets up."""
    organisations = managed_by(user) if organisations is None else organisations
    # Asked by the permissions they wait with and the plans they carry (the pool index's columns),
    # not as "not the office's" of any plan: that read every free deploy step of the district.
    others = {node.codename for node in services.item_steps()} - {permissions.DEPLOY}
    others = sorted(permissions.perm(codename) for codename in others)
    plans = WorkPlan.objects.filter(organisation__in=organisations).values("pk")
    tasks = (
        Task.objects.filter(owner__isnull=True, status=STATUS.NEW, process__flow_class=ItemFlow, flow_task_type="HUMAN")
        .alias(plan=services.plan_of_task())
        .filter(owner_permission__in=others, plan__in=plans)
        .select_related("process")
        .order_by("created", "id")
    )
    items = ResponsibilityItem.objects.filter(
        pk__in={task.process.artifact_object_id for task in tasks}, plan__organisation__in=organisations
    ).in_bulk()
    rows = [
        WaitingTask(task, items[task.process.artifact_object_id], None)
        for task in tasks
        if task.process.artifact_object_id in items
    ]
    _attach_posts(rows)
    return rows


def _attach_posts(rows: list[WaitingTask]) -> None:
    """The post each task waits on: its unit's 责任人 post for a unit's step, else the item's post of
    the step (督查员, 考核员), as the flow assigns them (``flows.BRANCH_POSTS``, ``ASSIGNED_POSTS``)."""
    parts = {(row.task.data or {}).get("assignment") for row in rows} - {None}
    part_posts = dict(Assignment.objects.filter(pk__in=parts).values_list("pk", "post_id")) if parts else {}
    wanted = {}
    for row in rows:
        name = row.task.flow_task.name
        if name in BRANCH_POSTS:
            wanted[row.task.pk] = part_posts.get((row.task.data or {}).get("assignment"))
        elif name in ASSIGNED_POSTS:
            wanted[row.task.pk] = getattr(row.item, ASSIGNED_POSTS[name])
    posts = Post.objects.select_related("unit", "holder").in_bulk({pk for pk in wanted.values() if pk})
    for row in rows:
        row.post = posts.get(wanted.get(row.task.pk))


def waiting_per_post(user) -> dict[int, int]:
    """How many tasks wait on each post (for the posts page)."""
    counts: dict[int, int] = {}
    for row in waiting_tasks(user):
        if row.post is not None:
            counts[row.post.pk] = counts.get(row.post.pk, 0) + 1
    return counts
