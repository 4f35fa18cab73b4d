"""An organisation's own units and people: what its office (or system administrator) sets up.

An organisation (街道/机关) is the top of a tree of units. Its office manages that tree and the
district departments (区直部门) that belong to no tree, since its plans hand items to them too. Its
people are those holding a post in those units, those its office created (``Person.organisation``),
and accounts that belong to nobody yet (no organisation, no post), so that they can be given one.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from .id_lists import id_list
from .models import Person, Post, Unit

# How deep a tree of units goes below its organisation (街道 › 办 › 科 › 组 and room to spare).
MAX_DEPTH = 6

# The roles whose holders set up their organisation.
MANAGING_ROLES = [Post.Role.OFFICE, Post.Role.ADMIN]


def organisations() -> QuerySet[Unit]:
    # A 街道 under its district is an organisation of its own.
    return Unit.objects.filter(kind=Unit.Kind.ORGANISATION).order_by("order", "id")


def root_of(unit: Unit) -> Unit:
    """The organisation the unit belongs to: the nearest unit at or above it that is one (a 街道
    under a district is its own organisation), else the top of its tree (a 区直部门 is itself)."""
    for node in [unit, *unit.ancestors()]:
        if node.kind == Unit.Kind.ORGANISATION:
            return node
    chain = unit.ancestors()
    return chain[-1] if chain else unit


def managed_by(user) -> list[Unit]:
    """The organisations ``user`` sets up: a superuser's are all of them; an office clerk's or a
    system administrator's, those his posts of that role are in."""
    if user.is_superuser:
        return list(organisations())
    units = Unit.objects.filter(posts__holder=user, posts__role__in=MANAGING_ROLES).select_related("parent")
    roots = {root.pk: root for root in map(root_of, units) if root.kind == Unit.Kind.ORGANISATION}
    return sorted(roots.values(), key=lambda unit: (unit.order, unit.pk))


class Tree:
    """The organisation's units, read once: its tree in order, and the district departments."""

    def __init__(self, organisation: Unit) -> None:
        self.organisation = organisation
        units = list(Unit.objects.order_by("order", "id"))
        self.children: dict[int | None, list[Unit]] = defaultdict(list)
        for unit in units:
            self.children[unit.parent_id].append(unit)
        self.by_id = {unit.pk: unit for unit in units}
        self.rows = list(self._walk(self.by_id.get(organisation.pk, organisation), 0))
        self.outside = [u for u in self.children[None] if u.kind == Unit.Kind.EXTERNAL]

    def _walk(self, unit: Unit, depth: int):
        unit.depth = depth
        yield unit
        if depth and unit.kind == Unit.Kind.ORGANISATION:
            return  # an organisation below (a 街道 under its district) keeps its own units
        for child in self.children[unit.pk]:
            yield from self._walk(child, depth + 1)

    @property
    def units(self) -> list[Unit]:
        """Every unit the office manages: the tree from the organisation down, then the departments."""
        return self.rows + self.outside

    @property
    def unit_ids(self) -> set[int]:
        return {unit.pk for unit in self.units}

    def below(self, unit: Unit) -> set[int]:
        """The unit and every unit under it: where it may not be moved."""
        found, level = {unit.pk}, [unit.pk]
        while level:
            level = [child.pk for pk in level for child in self.children[pk]]
            found.update(level)
        return found

    def next_order(self, parent: Unit | None) -> int:
        siblings = self.children[parent.pk if parent else None]
        return max((unit.order for unit in siblings), default=0) + 1


def people_of(organisation: Unit, unit_ids: set[int] | None = None, superusers: bool = False) -> QuerySet[Person]:
    """The people the organisation's office manages (superusers only for a superuser)."""
    unit_ids = Tree(organisation).unit_ids if unit_ids is None else unit_ids
    holding = Post.objects.filter(unit_id__in=unit_ids, holder__isnull=False).values("holder_id")
    unattached = Q(organisation__isnull=True) & ~Exists(Post.objects.filter(holder=OuterRef("pk")))
    people = Person.objects.filter(Q(organisation=organisation) | Q(pk__in=holding) | unattached)
    return people if superusers else people.filter(is_superuser=False)


def people_in(organisations) -> QuerySet[Person]:
    """The people of these organisations: holding a post in their trees, or made by their offices."""
    ids = [organisation.pk for organisation in organisations]
    holding = Post.objects.filter(unit__in=units_in(ids), holder__isnull=False).values("holder_id")
    return Person.objects.filter(Q(organisation_id__in=ids) | Q(pk__in=holding))


def names_of(people: QuerySet[Person]) -> Q:
    """The sign-in names an office may see in its access log and lockouts: its own ``people``'s, and
    names nobody has (guesses at the login page); never another organisation's people's."""
    return Q(username__in=people.values("username")) | ~Q(username__in=Person.objects.values("username"))


def units_in(organisation_ids) -> QuerySet[Unit]:
    """The units of these organisations' trees, ``MAX_DEPTH`` levels down (as one query to nest in
    another). One recursive statement: the same units as a subquery nested per level, which Django
    took about as long to build and compile (twice a board page) as the database took to answer."""
    ids_sql, params = id_list(sorted(set(organisation_ids)))
    return Unit.objects.filter(pk__in=RawSQL(_units_in_sql(ids_sql), [*params, MAX_DEPTH]))


@cache
def _units_in_sql(ids_sql: str) -> str:
    table, parent = Unit._meta.db_table, Unit._meta.get_field("parent").column
    return f"""
        WITH RECURSIVE tree (id, depth) AS (
            SELECT id, 0 FROM {table} WHERE id IN ({ids_sql})
            UNION ALL
            SELECT unit.id, tree.depth + 1 FROM {table} unit JOIN tree ON unit.{parent} = tree.id
            WHERE tree.depth < %s
        )
        SELECT id FROM tree"""


def belongs_elsewhere(person: Person, organisation: Unit, unit_ids: set[int]) -> bool:
    """Another organisation's person: created by its office, or holding a post only outside ours."""
    posts = list(person.posts.values_list("unit_id", flat=True))
    if any(unit_id in unit_ids for unit_id in posts):
        return False
    if person.organisation_id is not None:
        return person.organisation_id != organisation.pk
    return bool(posts)
