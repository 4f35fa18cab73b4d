"""Who may open the set-up pages, and which organisation's units, posts and people they reach.

The office and the system administrators (系统管理员) set up their own organisation. Anyone else with a
post is refused (403: a page he knows exists, an action not his); someone without a post is told
nothing (404), as everywhere else. A unit, post or person of another organisation is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from responsibility import permissions
from responsibility.models import Person, Post, Unit
from responsibility.organisation import Tree, managed_by, people_of


def require_manager(request) -> list[Unit]:
    """The organisations the user sets up (403 or 404 for anyone who may not)."""
    user = request.user
    if permissions.can_manage_organisation(user):
        return managed_by(user)
    if user.is_authenticated and Post.objects.filter(holder=user).exists():
        raise PermissionDenied
    raise Http404


def require_post_manager(request) -> list[Unit]:
    """The posts page and 人员交接: the same people, by the right to change posts."""
    user = request.user
    if permissions.can_manage_posts(user):
        return managed_by(user)
    if user.is_authenticated and Post.objects.filter(holder=user).exists():
        raise PermissionDenied
    raise Http404


@dataclass
class Scope:
    """One organisation as its office sees it."""

    organisation: Unit
    superuser: bool

    @cached_property
    def tree(self) -> Tree:
        return Tree(self.organisation)

    @cached_property
    def unit_ids(self) -> set[int]:
        return self.tree.unit_ids

    def people(self) -> QuerySet[Person]:
        return people_of(self.organisation, self.unit_ids, superusers=self.superuser)

    def posts(self) -> QuerySet[Post]:
        return Post.objects.filter(unit_id__in=self.unit_ids)


def scope(request, pk: int) -> Scope:
    for organisation in require_manager(request):
        if organisation.pk == pk:
            return Scope(organisation, request.user.is_superuser)
    raise Http404


def scope_of_unit(request, unit_id: int, organisations: list[Unit] | None = None) -> Scope:
    organisations = require_manager(request) if organisations is None else organisations
    for organisation in organisations:
        found = Scope(organisation, request.user.is_superuser)
        if unit_id in found.unit_ids:
            return found
    raise Http404


def unit_for(request, pk: int) -> tuple[Unit, Scope]:
    unit = get_object_or_404(Unit, pk=pk)
    return unit, scope_of_unit(request, unit.pk)


def post_for(request, pk: int, organisations: list[Unit] | None = None) -> tuple[Post, Scope]:
    post = get_object_or_404(Post.objects.select_related("unit", "holder"), pk=pk)
    return post, scope_of_unit(request, post.unit_id, organisations)


def person_for(request, pk: int) -> tuple[Person, Scope]:
    organisations = require_manager(request)
    for organisation in organisations:
        found = Scope(organisation, request.user.is_superuser)
        person = found.people().filter(pk=pk).first()
        if person is not None:
            return person, found
    raise Http404
