"""Who may see and act on which item: the one place where item rights are decided.

Model-wide rights belong to role groups (office manages all, committee sees all). Everything else
is an object permission (django-guardian) granted to the *group* of a post or unit, never to a
person, so a hand-over moves every right at once (人走事不断).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, reduce

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from guardian.models import GroupObjectPermission, UserObjectPermission

from . import cascade
from .models import AccessRecord, Assignment, Person, Post, ResponsibilityItem, Unit, WorkPlan
from .scope import Scope, roles_carry

APP = "responsibility"
VIEW = "view_responsibilityitem"
DEPLOY = "deploy_item"
REPORT = "report_item"
VERIFY = "verify_item"
ASSESS = "assess_item"
URGE = "urge_item"
SUPERVISE = "supervise_items"
INSTRUCT = "instruct_item"

# Model-wide rights of the role groups.
ROLE_PERMISSIONS = {
    "office": [VIEW, DEPLOY, URGE, SUPERVISE, "change_responsibilityitem", "add_responsibilityitem"],
    "committee": [VIEW, SUPERVISE, INSTRUCT],
    "inspectors": [SUPERVISE],
    "assessors": [],
    "administrators": [],
}


def perm(codename: str) -> str:
    return f"{APP}.{codename}"


MANAGE_ORGANISATION = "manage_organisation"

# Model-wide rights outside the item: the office and the system administrators (系统管理员) keep the
# organisation (units, posts, people) and the posts filled (人员交接). An administrator sees no item.
ORGANISATION_RIGHTS = [(Post, "change_post"), (Unit, MANAGE_ORGANISATION)]
# The access log (访问日志) is the office's to read (issue 17).
ROLE_EXTRA_PERMISSIONS = {
    "office": [*ORGANISATION_RIGHTS, (AccessRecord, "view_accessrecord")],
    "administrators": ORGANISATION_RIGHTS,
}


def ensure_role_groups(**_kwargs) -> None:
    """Create the role groups with their model-wide rights (run after every migrate)."""
    item_ct = ContentType.objects.get_for_model(ResponsibilityItem)
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type=item_ct, codename__in=codenames))
        for model, codename in ROLE_EXTRA_PERMISSIONS.get(name, []):
            ct = ContentType.objects.get_for_model(model)
            group.permissions.add(*Permission.objects.filter(content_type=ct, codename=codename))


def can_manage_organisation(user) -> bool:
    """The set-up pages (units, posts, people, roster) are the office's and the administrators'."""
    return user.is_authenticated and user.is_active and user.has_perm(f"{APP}.{MANAGE_ORGANISATION}")


def can_supervise(user) -> bool:
    """The supervision board (督办看板) is for the office, the committee and the inspectors."""
    # A model-wide right of the three role groups: answered from the rights the page has already read.
    return user.is_authenticated and user.has_perm(perm(SUPERVISE))


def leads(user, item: ResponsibilityItem) -> bool:
    """Is the user the item's lead leader (牵头领导)? His post's grant to write 批示 on this item,
    not the committee's right to write them on every item. Asked of the group grant alone: that
    right is only ever granted to the group of the item's lead leader's post."""
    if not user.is_authenticated or not user.is_active:
        return False
    ct = ContentType.objects.get_for_model(ResponsibilityItem)
    return _exists(_group_grant_sql(), {"ct": ct.pk, "pk": str(item.pk), "codename": INSTRUCT, "user": user.pk})


def can_urge(user, item: ResponsibilityItem) -> bool:
    """催办: the office and the item's inspector (URGE), and its lead leader, his own items only.
    Taking an item up the ladder (督办升级) stays with URGE."""
    return can(user, URGE, item) or leads(user, item)


def can_instruct(user, item: ResponsibilityItem, leading: bool | None = None) -> bool:
    """批示: the committee on every item, a lead leader on the items he leads (``leading``: whether
    he does, if the caller has asked ``leads`` already)."""
    if leading is None:
        return can(user, INSTRUCT, item)
    return leading or has_model_right(user, INSTRUCT)


def leads_items(user) -> bool:
    """Has the user a leader's board (我牵头的事项)? Whoever holds a leader's post, or leads an item."""
    if not user.is_authenticated or not user.is_active:
        return False
    led = Q(role=Post.Role.LEADER) | Q(led_items__isnull=False)
    return Post.objects.filter(led, holder=user).exists()


def can_manage_posts(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(f"{APP}.change_post")


def item_grants(item: ResponsibilityItem, assignments: Iterable[Assignment] | None = None) -> list[tuple[int, str]]:
    """The object permissions that follow from an item's posts and its units' assignments.

    ``assignments``: the item's assignments with their posts and units, if the caller has them.
    Every unit named sees the item and every unit's status; a unit's own steps are checked on its
    assignment (``acts_for``).
    """
    grants: list[tuple[int, str]] = []

    def post_grants(post: Post | None, codenames: Iterable[str]) -> None:
        if post is not None and post.group_id:
            grants.extend((post.group_id, c) for c in codenames)

    if assignments is None:
        assignments = list(Assignment.objects.filter(item=item).select_related("post", "unit"))
        # Before deploy the units the item names see it (they have no assignment yet).
        grants.extend((unit.group_id, VIEW) for unit in item.responsible_units.all() if unit.group_id)
    # Once handed out, the work is the units' (their posts act on their own part, and a 转办 moves
    # the right with the part); the item's responsible post reports on the item only before that.
    post_grants(item.responsible_post, [VIEW] if assignments else [VIEW, REPORT])
    # The lead leader (牵头领导) writes 批示 on his items and may urge them (``can_urge``).
    post_grants(item.lead_leader_post, [VIEW, INSTRUCT])
    post_grants(item.inspector_post, [VIEW, VERIFY, URGE])
    post_grants(item.assessor_post, [VIEW, ASSESS])
    for assignment in assignments:
        post_grants(assignment.post, [VIEW, REPORT] if assignment.runs_branch else [VIEW])
        if assignment.unit.group_id:
            grants.append((assignment.unit.group_id, VIEW))
        if cascade.is_organisation(assignment.unit):
            # 上级交办: the organisation's office sees its part while it is lent (转办) within it.
            grants.extend((group, VIEW) for group in cascade.office_groups(assignment.unit))
    return grants


def sync_item_permissions(item: ResponsibilityItem, assignments: Iterable[Assignment] | None = None) -> None:
    """Replace the item's object permissions with those its assignments imply (see item_grants).

    Two statements, run on every deployment: the item's grants deleted, and the new ones inserted
    with their permission ids looked up by the same INSERT (guardian's own table, no signals).
    """
    ct = ContentType.objects.get_for_model(ResponsibilityItem)
    grants = sorted(set(item_grants(item, assignments)))
    with connection.cursor() as cursor:
        cursor.execute(_delete_grants_sql(), [ct.pk, str(item.pk)])
        if grants:
            params = [str(item.pk), *(value for grant in grants for value in grant), ct.pk]
            cursor.execute(_insert_grants_sql(len(grants)), params)
            if cursor.rowcount != len(grants):  # a codename with no Permission row (a missing migration)
                raise Permission.DoesNotExist(f"rights missing for {sorted({c for _g, c in grants})}")


@cache
def _delete_grants_sql() -> str:
    return f"DELETE FROM {GroupObjectPermission._meta.db_table} WHERE content_type_id = %s AND object_pk = %s"


@cache
def _insert_grants_sql(count: int) -> str:
    wanted = " UNION ALL ".join(["SELECT %s AS group_id, %s AS codename"] * count)
    return f"""
        INSERT INTO {GroupObjectPermission._meta.db_table} (permission_id, content_type_id, object_pk, group_id)
        SELECT p.id, p.content_type_id, %s, g.group_id
        FROM {Permission._meta.db_table} p JOIN ({wanted}) g ON g.codename = p.codename
        WHERE p.content_type_id = %s"""


@dataclass(frozen=True)
class VisiblePart:
    """One of the disjoint parts of the items a user may see (``visible_item_parts``).

    ``reach``: the items it brings (a role's plans, or the grants one by one); ``items``: those of
    them no earlier part holds; ``plans``: the plans holding one of ``items``; ``assignments``: the
    units' parts of ``items``. Each asked as an index answers it. ``granted``: its items are the
    grants one by one, a few read as a set (a role's part is asked by plan: per unit or per plan,
    never as the set of its plans' items). ``plan_ids``: the plans a role's part reaches (None: the
    grants', or every plan).
    """

    reach: Q
    items: QuerySet[ResponsibilityItem]
    plans: Q
    assignments: QuerySet[Assignment]
    granted: bool = False
    plan_ids: frozenset[int] | None = None


def visible_item_parts(user, codename: str = VIEW) -> list[VisiblePart]:
    """The items the user may see (or, with another codename, act on), in disjoint parts: those of
    the plans where a role of his carries the right (``scope``), and those granted to him or his
    groups one by one outside them.

    Each part is read apart because each has its index: asked together, no index answers a plan
    ORed with the grants' subquery, and the planner reads every item of every organisation. The
    plans and the units' parts of the grants are read from the few granted items (``IN``), not
    asked of every plan or part; those of a role's plans by the plan they carry.
    """
    items, parts = ResponsibilityItem.objects, Assignment.objects
    if not user.is_authenticated or not user.is_active:
        return [VisiblePart(Q(pk__in=[]), items.none(), Q(pk__in=[]), parts.none())]
    held = Exists(ResponsibilityItem.objects.filter(plan=OuterRef("pk")))
    plans = Scope.of(user).plans(codename)
    if plans is None:
        return [VisiblePart(Q(), items.all(), Q(held), parts.all())]
    granted = Q(pk__in=RawSQL(_granted_pks_sql(), _granted_params(user, codename)))
    if not plans:
        part = items.filter(granted)
        by_item = parts.filter(item__in=part.values("pk"))
        return [VisiblePart(granted, part, Q(pk__in=part.values("plan_id")), by_item, granted=True)]
    ours = sorted(plans)
    outside = items.filter(granted).exclude(plan_id__in=ours)
    return [
        VisiblePart(
            Q(plan_id__in=ours),
            items.filter(plan_id__in=ours),
            Q(held, pk__in=ours),
            parts.filter(item_plan_id__in=ours),
            plan_ids=frozenset(ours),
        ),
        VisiblePart(
            granted,
            outside,
            Q(pk__in=outside.values("plan_id")),
            parts.filter(item__in=outside.values("pk")),
            granted=True,
        ),
    ]


def visible_items(user, codename: str = VIEW) -> QuerySet[ResponsibilityItem]:
    """The union of ``visible_item_parts``, as one queryset."""
    parts = visible_item_parts(user, codename)
    if len(parts) == 1:
        return parts[0].items
    return ResponsibilityItem.objects.filter(reduce(operator.or_, (part.reach for part in parts)))


def plans_of_visible_items(user, codename: str = VIEW) -> QuerySet[WorkPlan]:
    """The plans holding an item of ``visible_items``, each part's asked apart (``VisiblePart.plans``).
    Lists narrow ``visible_items`` to these plans (the same items) so that the database reads them
    by plan: its OR of the two parts made the planner read every item of every plan."""
    return plans_of(visible_item_parts(user, codename))


def plans_of(parts: list[VisiblePart]) -> QuerySet[WorkPlan]:
    """The plans holding an item of ``parts`` (``plans_of_visible_items``, the parts given)."""
    return WorkPlan.objects.filter(reduce(operator.or_, (part.plans for part in parts)))


def parts_holding(parts: list[VisiblePart], plans: Iterable[int]) -> list[VisiblePart]:
    """Those of ``parts`` holding an item of ``plans``, the ids ``plans_of(parts)`` gave: a role's
    part if it reaches one of them; the grants' (or a superuser's every plan) if one is outside every
    role's plans (the grants' part holds only items outside them, by construction). A list reads the
    others without the grants' subquery."""
    plans = set(plans)
    named = set().union(*(part.plan_ids for part in parts if part.plan_ids is not None))
    return [part for part in parts if (plans & part.plan_ids if part.plan_ids is not None else plans - named)]


def plan_ids(user, codename: str = VIEW) -> set[int] | None:
    """The keys of ``visible_plans`` (None: every plan, a superuser's), read with the user's scope."""
    return Scope.of(user).plans(codename)


def visible_plans(user, codename: str = VIEW) -> QuerySet[WorkPlan]:
    """The plans whose items a role of the user's carries ``codename`` on: the plan pages are the
    office's (to change) and the committee's (to read), each in its own organisation."""
    plans = plan_ids(user, codename)
    if plans is None:
        return WorkPlan.objects.all()
    return WorkPlan.objects.filter(pk__in=sorted(plans))


def reaches_any_plan(user, codename: str) -> bool:
    """Does a role of the user's carry ``codename`` on some plan (a superuser: every plan)?"""
    return Scope.of(user).plans(codename) != set()


def organisations_for(user, codename: str) -> QuerySet[Unit]:
    """The organisations where a role of the user's carries ``codename`` (every one: a superuser)."""
    found = Scope.of(user).organisations(codename)
    organisations = Unit.objects.filter(kind=Unit.Kind.ORGANISATION)
    return organisations if found is None else organisations.filter(pk__in=sorted(found))


def can_plan(user, codename: str, plan: WorkPlan) -> bool:
    """Does a role of the user's carry ``codename`` on this plan's items (its organisation's)?"""
    return Scope.of(user).reaches_plan(codename, plan.pk)


def reaches(user, codename: str, organisation_id: int | None) -> bool:
    """Does a role of the user's carry ``codename`` in this organisation?"""
    return Scope.of(user).reaches(codename, organisation_id)


def _granted_params(user, codename: str) -> list:
    ct = ContentType.objects.get_for_model(ResponsibilityItem)
    return [ct.pk, codename, user.pk, ct.pk, codename, user.pk]


@cache
def _granted_pks_sql() -> str:
    """The items granted to the user or his groups, as one semi-join on the grants (guardian's own
    query ORs two subqueries that cast every grant and scans every item)."""
    user_groups, member_col, group_col = _m2m(Person._meta.get_field("groups"))
    perms = Permission._meta.db_table

    def grants(model, owner_join: str, owner_where: str) -> str:
        return f"""
            SELECT CAST(o.object_pk AS integer) FROM {model._meta.db_table} o
            JOIN {perms} p ON p.id = o.permission_id {owner_join}
            WHERE o.content_type_id = %s AND p.codename = %s AND {owner_where}"""

    member = f"JOIN {user_groups} ug ON ug.{group_col} = o.group_id"
    by_group = grants(GroupObjectPermission, member, f"ug.{member_col} = %s")
    by_user = grants(UserObjectPermission, "", "o.user_id = %s")
    return f"{by_group} UNION {by_user}"


def can(user, codename: str, item: ResponsibilityItem) -> bool:
    """A role's right in the item's organisation (``scope``), or the right granted on this item."""
    if not user.is_authenticated or not user.is_active:
        return False
    # A right no role carries (report, verify, assess) is only ever granted: no scope to read.
    if user.is_superuser or roles_carry(codename):
        scope = Scope.of(user)
        if scope.everywhere or (scope.plans(codename) and scope.reaches_plan(codename, _plan_id(item))):
            return True
    return granted_on(user, codename, item)


def _plan_id(item: ResponsibilityItem) -> int | None:
    """The item's plan, read if the item object was made from its key alone (a flow's check)."""
    if item.plan_id is None and item.pk is not None:
        item.plan_id = ResponsibilityItem.objects.filter(pk=item.pk).values_list("plan_id", flat=True).first()
    return item.plan_id


def acts_for(user, assignment) -> bool:
    """May ``user`` do the unit's own steps of ``assignment`` (签收, 反馈, 整改)? Those holding its
    post do (a member of the post's group: a hand-over moves it), and whoever holds the right
    model-wide (a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if assignment.post_id is not None and _exists(_post_member_sql(), {"post": assignment.post_id, "user": user.pk}):
        return True
    return has_model_right(user, REPORT)


def parts_acted_for(user, assignments) -> list:
    """``acts_for`` over several parts at once, in their order: the post groups the user is in are
    read once, not one query a part. ``assignments``: a queryset (read here with their posts)."""
    if not user.is_authenticated or not user.is_active:
        return []
    parts = list(assignments.select_related("post"))
    if not parts:
        return []
    groups = set(user.groups.values_list("pk", flat=True))
    mine = [part for part in parts if part.post_id is not None and part.post.group_id in groups]
    if len(mine) < len(parts) and has_model_right(user, REPORT):
        return parts  # whoever holds the right model-wide acts for every unit (a superuser)
    return mine


@cache
def _post_member_sql() -> str:
    user_groups, member_col, group_col = _m2m(Person._meta.get_field("groups"))
    post = Post._meta
    return f"""
        SELECT 1 FROM {post.db_table} p JOIN {user_groups} ug ON ug.{group_col} = p.{post.get_field("group").column}
        WHERE p.{post.pk.column} = %(post)s AND ug.{member_col} = %(user)s"""


def has_model_right(user, codename: str) -> bool:
    """``user.has_perm(perm(codename))``, the model-wide right, as our backends answer it.

    Django's ModelBackend reads all the user's own rights and then all their groups' rights (two
    queries, each compiled with joins) to answer for one; this asks for the one, in one query.
    A user whose rights were read already in this request (``_perm_cache``) is answered from them.
    Guardian answers nothing without an object.
    """
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if hasattr(user, "_perm_cache"):
        return user.has_perm(perm(codename))
    return _exists(_model_right_sql(), {"app": APP, "codename": codename, "user": user.pk})


def granted_on(user, codename: str, item: ResponsibilityItem) -> bool:
    """Does a grant on ``item`` give ``user`` the right, to them or to one of their groups?

    What guardian's ``user.has_perm(perm, item)`` answers for an active user, in one small query
    where guardian compiles and runs two on every step (grants go to groups, so the group query
    usually settles it). Superusers pass by the model-wide check; grants live in guardian's
    generic tables, where ``sync_item_permissions`` writes them.
    """
    ct = ContentType.objects.get_for_model(ResponsibilityItem)
    params = {"ct": ct.pk, "pk": str(item.pk), "codename": codename, "user": user.pk}
    # Both owners asked in one statement: a refusal (the usual answer for most users on most
    # items) asked them one after the other, two round trips on every item page.
    return _exists(_group_grant_sql(), params, _user_grant_sql())


# The two checks above run on every step of every item. Written with the ORM they cost about 1 ms
# each, nearly all of it Django compiling a query with three joins (the database answers in a few
# hundredths of that); the same SQL, written once from the models' own table and column names,
# costs a tenth. tests/responsibility/test_can.py holds them to ``user.has_perm``'s answers.


def _exists(sql: str, params: dict, *more: str) -> bool:
    """Does ``sql`` (or any of ``more``, with the same parameters) find a row? One statement; the
    database stops at the first that does."""
    asked = " OR ".join(f"EXISTS ({part})" for part in (sql, *more))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {asked}", params)
        return cursor.fetchone()[0]


def _m2m(field) -> tuple[str, str, str]:
    """(table, this side's column, other side's column) of a many-to-many field's link table."""
    through = field.remote_field.through._meta
    source, target = field.m2m_column_name(), field.m2m_reverse_name()
    return through.db_table, source, target


@cache
def _model_right_sql() -> str:
    user_perms, user_col, perm_col = _m2m(Person._meta.get_field("user_permissions"))
    user_groups, member_col, group_col = _m2m(Person._meta.get_field("groups"))
    group_perms, g_col, gp_perm_col = _m2m(Group._meta.get_field("permissions"))
    return f"""
        SELECT 1 FROM {Permission._meta.db_table} p
        JOIN {ContentType._meta.db_table} c ON c.id = p.content_type_id
        WHERE c.app_label = %(app)s AND p.codename = %(codename)s AND (
            p.id IN (SELECT {perm_col} FROM {user_perms} WHERE {user_col} = %(user)s)
            OR p.id IN (
                SELECT gp.{gp_perm_col} FROM {group_perms} gp
                JOIN {user_groups} ug ON ug.{group_col} = gp.{g_col}
                WHERE ug.{member_col} = %(user)s
            )
        )"""


def _object_grant_sql(model, owner_join: str, owner_where: str) -> str:
    return f"""
        SELECT 1 FROM {model._meta.db_table} o
        JOIN {Permission._meta.db_table} p ON p.id = o.permission_id
        {owner_join}
        WHERE o.content_type_id = %(ct)s AND o.object_pk = %(pk)s
          AND p.content_type_id = %(ct)s AND p.codename = %(codename)s AND {owner_where}"""


@cache
def _group_grant_sql() -> str:
    user_groups, member_col, group_col = _m2m(Person._meta.get_field("groups"))
    join = f"JOIN {user_groups} ug ON ug.{group_col} = o.group_id"
    return _object_grant_sql(GroupObjectPermission, join, f"ug.{member_col} = %(user)s")


@cache
def _user_grant_sql() -> str:
    return _object_grant_sql(UserObjectPermission, "", "o.user_id = %(user)s")
