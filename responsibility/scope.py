"""Where a person's role rights reach: the organisations kept apart on one installation (issue 18).

A role's rights (the office manages items, the committee sees them, the assessors keep the scheme)
hold in the organisation of the post that carries the role, not on the whole installation. The
organisation of a post is the nearest unit at or above the post's unit that is an organisation
(街道/机关). An organisation may hold others (a district over its 街道): there the district's roles
may read (see items, plans, schemes and results), not act. A district department (区直部门) outside
every tree carries no organisation: its posts act through the grants on the items handed to them.

Rights given outside a post (a group added in the admin, a right on the person) reach no
organisation; a superuser reaches every one. The answer is read once per request, in one query,
and kept on the user object (``Scope.of``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.db import connection

from .models import Post, Unit, WorkPlan

# Codenames a role group holds model-wide, by role (the role groups' rights, see permissions.py and
# assessment/access.py; a post's role puts its holder in the group).
READ = "read"  # seeing: the one kind of right that reaches the organisations below


def role_rights() -> dict[str, set[str]]:
    """Codename → the post roles whose group holds it model-wide (items' and assessment's rights)."""
    from assessment.access import ROLE_RIGHTS

    from .models.org import ROLE_GROUPS
    from .permissions import ROLE_PERMISSIONS

    by_group: dict[str, set[str]] = defaultdict(set)
    for table in (ROLE_PERMISSIONS, ROLE_RIGHTS):
        for group, codenames in table.items():
            by_group[group].update(codenames)
    rights: dict[str, set[str]] = defaultdict(set)
    for role, group in ROLE_GROUPS.items():
        for codename in by_group.get(group, ()):
            rights[codename].add(str(role))
    return rights


@cache
def _rights() -> dict[str, frozenset[str]]:
    return {codename: frozenset(roles) for codename, roles in role_rights().items()}


def roles_carry(codename: str) -> bool:
    """Does any role carry ``codename`` model-wide (else it is only ever granted on an item)?"""
    return codename in _rights()


def reading(codename: str) -> bool:
    """Is ``codename`` a right to see (which a district's roles hold over its organisations)?"""
    return codename.startswith("view_")


@dataclass
class Scope:
    """Per role: the organisations where the user holds a post of that role (``own``), those below
    them (``below``), and the plans of both."""

    everywhere: bool = False
    own: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    below: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    plans_own: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    plans_below: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, user) -> Scope:
        if not user.is_authenticated or not user.is_active:
            return cls()
        if user.is_superuser:
            return cls(everywhere=True)
        found = getattr(user, "_luoshi_scope", None)
        if found is None:
            found = user._luoshi_scope = cls._read(user.pk)
        return found

    @classmethod
    def _read(cls, user_pk: int) -> Scope:
        scope = cls()
        with connection.cursor() as cursor:
            cursor.execute(_scope_sql(), {"user": user_pk})
            for role, organisation, own, plan in cursor.fetchall():
                (scope.own if own else scope.below)[role].add(organisation)
                if plan is not None:
                    (scope.plans_own if own else scope.plans_below)[role].add(plan)
        return scope

    def _collect(self, codename: str, own: dict, below: dict) -> set[int]:
        roles = _rights().get(codename, frozenset())
        found: set[int] = set()
        for role in roles:
            found |= own.get(role, set())
            if reading(codename):
                found |= below.get(role, set())
        return found

    def organisations(self, codename: str) -> set[int] | None:
        """The organisations where ``codename`` holds for the user; None: every one (a superuser)."""
        if self.everywhere:
            return None
        return self._collect(codename, self.own, self.below)

    def plans(self, codename: str) -> set[int] | None:
        """The plans of those organisations; None: every plan."""
        if self.everywhere:
            return None
        return self._collect(codename, self.plans_own, self.plans_below)

    def reaches(self, codename: str, organisation_id: int | None) -> bool:
        found = self.organisations(codename)
        return found is None or organisation_id in found

    def reaches_plan(self, codename: str, plan_id: int | None) -> bool:
        found = self.plans(codename)
        return found is None or plan_id in found

    @property
    def member_of(self) -> set[int] | None:
        """Every organisation the user holds a post in, whatever its role; None: every one."""
        if self.everywhere:
            return None
        return set().union(*self.own.values()) if self.own else set()


def forget(user) -> None:
    """Drop the user's scope read in this request (his posts changed)."""
    if hasattr(user, "_luoshi_scope"):
        del user._luoshi_scope


@cache
def _scope_sql() -> str:
    """Walk up from each of the user's posts to its organisation, down from there to the
    organisations below it, and join their plans: one row per (role, organisation, own?, plan)."""
    post, unit, plan = Post._meta, Unit._meta, WorkPlan._meta
    u_id, u_parent, u_kind = unit.pk.column, unit.get_field("parent").column, unit.get_field("kind").column
    organisation = Unit.Kind.ORGANISATION.value
    return f"""
        WITH RECURSIVE up(role, unit_id, kind, parent_id) AS (
            SELECT p.{post.get_field("role").column}, u.{u_id}, u.{u_kind}, u.{u_parent}
            FROM {post.db_table} p JOIN {unit.db_table} u ON u.{u_id} = p.{post.get_field("unit").column}
            WHERE p.{post.get_field("holder").column} = %(user)s
            UNION ALL
            SELECT up.role, u.{u_id}, u.{u_kind}, u.{u_parent}
            FROM up JOIN {unit.db_table} u ON u.{u_id} = up.parent_id
            WHERE up.kind <> '{organisation}'
        ),
        own(role, organisation_id) AS (
            SELECT DISTINCT role, unit_id FROM up WHERE kind = '{organisation}'
        ),
        down(role, top_id, unit_id, is_organisation) AS (
            SELECT role, organisation_id, organisation_id, 1 FROM own
            UNION ALL
            SELECT down.role, down.top_id, u.{u_id}, CASE WHEN u.{u_kind} = '{organisation}' THEN 1 ELSE 0 END
            FROM down JOIN {unit.db_table} u ON u.{u_parent} = down.unit_id
        ),
        reach(role, organisation_id, own) AS (
            SELECT role, organisation_id, 1 FROM own
            UNION
            SELECT role, unit_id, 0 FROM down WHERE is_organisation = 1 AND unit_id <> top_id
        )
        SELECT r.role, r.organisation_id, r.own, pl.{plan.pk.column}
        FROM reach r LEFT JOIN {plan.db_table} pl ON pl.{plan.get_field("organisation").column} = r.organisation_id"""
