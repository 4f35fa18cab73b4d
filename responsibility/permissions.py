"""Who may see and act on which item: the one place where item rights are decided.

Model-wide rights belong to role groups (office manages all, committee sees all). Everything else
is an object permission (django-guardian) granted to the *group* of a post or unit, never to a
person, so a hand-over moves every right at once (人走事不断).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from guardian.models import GroupObjectPermission
from guardian.shortcuts import get_objects_for_user

from .models import Post, ResponsibilityItem

APP = "responsibility"
VIEW = "view_responsibilityitem"
DEPLOY = "deploy_item"
REPORT = "report_item"
VERIFY = "verify_item"
ASSESS = "assess_item"
URGE = "urge_item"

# Model-wide rights of the role groups.
ROLE_PERMISSIONS = {
    "office": [VIEW, DEPLOY, URGE, "change_responsibilityitem", "add_responsibilityitem"],
    "committee": [VIEW],
    "inspectors": [],
    "assessors": [],
}


def perm(codename: str) -> str:
    return f"{APP}.{codename}"


def ensure_role_groups(**_kwargs) -> None:
    """Create the role groups with their model-wide rights (run after every migrate)."""
    ct = ContentType.objects.get_for_model(ResponsibilityItem)
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type=ct, codename__in=codenames)
        group.permissions.add(*perms)


def item_grants(item: ResponsibilityItem) -> list[tuple[int, str]]:
    """The object permissions that follow from an item's assignments."""
    grants: list[tuple[int, str]] = []

    def post_grants(post: Post | None, codenames: Iterable[str]) -> None:
        if post is not None and post.group_id:
            grants.extend((post.group_id, c) for c in codenames)

    post_grants(item.responsible_post, [VIEW, REPORT])
    post_grants(item.lead_leader_post, [VIEW])
    post_grants(item.inspector_post, [VIEW, VERIFY, URGE])
    post_grants(item.assessor_post, [VIEW, ASSESS])
    for unit in item.responsible_units.all():
        if unit.group_id:
            grants.append((unit.group_id, VIEW))
    return grants


def sync_item_permissions(item: ResponsibilityItem) -> None:
    """Replace the item's object permissions with those its assignments imply."""
    ct = ContentType.objects.get_for_model(ResponsibilityItem)
    GroupObjectPermission.objects.filter(content_type=ct, object_pk=str(item.pk)).delete()
    grants = item_grants(item)
    ids = dict(
        Permission.objects.filter(content_type=ct, codename__in={c for _g, c in grants}).values_list("codename", "pk")
    )
    rows = {(group_id, ids[codename]) for group_id, codename in grants}
    GroupObjectPermission.objects.bulk_create(
        GroupObjectPermission(group_id=g, permission_id=p, content_type=ct, object_pk=str(item.pk)) for g, p in rows
    )


def visible_items(user, codename: str = VIEW) -> QuerySet[ResponsibilityItem]:
    """Items the user may see (or, with another codename, act on)."""
    if not user.is_authenticated:
        return ResponsibilityItem.objects.none()
    return get_objects_for_user(user, perm(codename), klass=ResponsibilityItem, accept_global_perms=True)


def can(user, codename: str, item: ResponsibilityItem) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_perm(perm(codename)) or user.has_perm(perm(codename), item)
