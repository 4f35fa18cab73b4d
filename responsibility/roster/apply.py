"""A clean roster's plan carried out in one transaction: what exists and matches is left alone, so the
same roster twice changes nothing, and a changed row changes only what it says.

A post whose holder changes is handed over by the ``hand_over`` it is given: the workflow's, which
moves the post's open tasks to the new holder (人走事不断), not only its rights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from ..accounts import create_account
from ..models import Person, Post, Unit
from ..organisation import Tree
from .check import ORGANISATION, PersonPlan, Plan, PostPlan, UnitPlan

HandOver = Callable[[Post, Person | None], int]


@dataclass
class Summary:
    units_created: int = 0
    units_moved: int = 0
    posts_created: int = 0
    roles_changed: int = 0
    people_created: int = 0
    people_updated: int = 0
    holders_changed: int = 0
    tasks_moved: int = 0
    # The new people and their one-time passwords: shown once, never stored.
    accounts: list[tuple[Person, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        counts = [self.units_created, self.units_moved, self.posts_created, self.roles_changed]
        counts += [self.people_created, self.people_updated, self.holders_changed]
        return any(counts)


def _rights_only(post: Post, person: Person | None) -> int:
    post.hand_over(person)
    return 0


@transaction.atomic
def apply_roster(plan: Plan, hand_over: HandOver = _rights_only) -> Summary:
    summary = Summary()
    units = _apply_units(plan, summary)
    people = {id(person): _apply_person(plan.organisation, person, summary) for person in plan.people}
    for post in plan.posts:
        holder = people[id(post.holder)] if post.holder is not None else None
        _apply_post(units[post.unit], post, holder, hand_over, summary)
    return summary


def _apply_units(plan: Plan, summary: Summary) -> dict[str, Unit]:
    organisation = plan.organisation
    tree = Tree(organisation)
    units: dict[str, Unit] = {organisation.name: organisation}
    for unit_plan in plan.units:
        parent = _parent(unit_plan, units, organisation)
        units[unit_plan.name] = _apply_unit(unit_plan, parent, tree, summary)
    return units


def _apply_unit(plan: UnitPlan, parent: Unit | None, tree: Tree, summary: Summary) -> Unit:
    unit = plan.unit
    parent_id = parent.pk if parent else None
    if unit is not None and (plan.parent == "" or unit.parent_id == parent_id):
        return unit  # where the roster says it is
    if unit is None:
        unit = Unit(name=plan.name, kind=plan.kind)
        summary.units_created += 1
    else:
        summary.units_moved += 1
    unit.parent, unit.order = parent, tree.next_order(parent)  # last among its new siblings
    unit.save()
    tree.children[parent_id].append(unit)
    return unit


def _parent(plan: UnitPlan, units: dict[str, Unit], organisation: Unit) -> Unit | None:
    if plan.parent == "":
        return plan.unit.parent if plan.unit is not None else organisation
    if plan.parent is ORGANISATION:
        return organisation
    return units[plan.parent] if isinstance(plan.parent, str) else plan.parent


def _apply_person(organisation: Unit, plan: PersonPlan, summary: Summary) -> Person:
    person = plan.person
    if person is None:
        person, password = create_account(plan.name, plan.phone, plan.email, organisation)
        summary.people_created += 1
        summary.accounts.append((person, password))
        return person
    changed = []
    if plan.phone and plan.phone != person.phone:
        person.phone = plan.phone
        changed.append("phone")
    if plan.email and plan.email != person.email:
        person.email = plan.email
        changed.append("email")
    if person.organisation_id is None:
        person.organisation = organisation  # not counted: the roster names him as he is
        changed.append("organisation")
    if changed:
        person.save(update_fields=changed)
        summary.people_updated += changed != ["organisation"]
    return person


def _apply_post(unit: Unit, plan: PostPlan, holder: Person | None, hand_over: HandOver, summary: Summary) -> None:
    post = plan.post
    if post is None:
        Post.objects.create(unit=unit, title=plan.title, role=plan.role, holder=holder)
        summary.posts_created += 1
        return
    if post.role != plan.role:
        post.change_role(plan.role)
        summary.roles_changed += 1
    if post.holder_id != (holder.pk if holder else None):
        summary.tasks_moved += hand_over(post, holder)
        summary.holders_changed += 1
