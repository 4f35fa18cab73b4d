"""``permissions.can`` asks for object grants in its own query; it must answer as ``has_perm`` does."""

import pytest
from django.contrib.auth.models import Group, Permission
from guardian.shortcuts import assign_perm

from responsibility import permissions
from responsibility.models import Person

CODENAMES = [
    permissions.VIEW,
    permissions.DEPLOY,
    permissions.REPORT,
    permissions.VERIFY,
    permissions.ASSESS,
    permissions.URGE,
    permissions.INSTRUCT,
]


def has_perm(user, codename, item) -> bool:
    """The definition: Django's backends (model-wide, then guardian on the object), fresh caches."""
    user = Person.objects.get(pk=user.pk)
    return user.is_active and (
        user.has_perm(permissions.perm(codename)) or user.has_perm(permissions.perm(codename), item)
    )


@pytest.fixture
def people(cast):
    """The cast, plus a superuser, a person granted a right directly, and one in a granted group."""
    direct = Person.objects.create_user("direct", full_name="直授")
    grouped = Person.objects.create_user("grouped", full_name="组授")
    boss = Person.objects.create_superuser("boss", password="x", full_name="超管")
    return {**cast.roles, "direct": direct, "grouped": grouped, "superuser": boss}


def grant_extra(item, people) -> None:
    assign_perm(permissions.perm(permissions.VERIFY), people["direct"], item)
    group = Group.objects.create(name="ad hoc")
    people["grouped"].groups.add(group)
    assign_perm(permissions.perm(permissions.ASSESS), group, item)


@pytest.mark.parametrize("codename", CODENAMES)
def test_can_answers_as_has_perm_for_everyone_on_a_granted_item(cast, people, codename):
    item = cast.item()
    permissions.sync_item_permissions(item)
    grant_extra(item, people)
    other = cast.item("另一事项", number="2.")
    permissions.sync_item_permissions(other)
    for role, user in people.items():
        for target in (item, other):
            assert permissions.can(user, codename, target) == has_perm(user, codename, target), (role, target)


def test_a_direct_grant_on_one_item_gives_nothing_on_another(cast, people):
    item, other = cast.item(), cast.item("另一事项", number="2.")
    grant_extra(item, people)
    assert permissions.can(people["direct"], permissions.VERIFY, item)
    assert not permissions.can(people["direct"], permissions.VERIFY, other)
    assert not permissions.can(people["direct"], permissions.ASSESS, item)


def test_an_inactive_official_can_do_nothing_on_their_item(cast):
    item = cast.item()
    permissions.sync_item_permissions(item)
    assert permissions.can(cast.official, permissions.REPORT, item)
    cast.official.is_active = False
    cast.official.save()
    assert not permissions.can(cast.official, permissions.REPORT, item)


def test_an_object_check_costs_one_query_when_a_group_grants_it(cast, django_assert_num_queries):
    item = cast.item()
    permissions.sync_item_permissions(item)
    with django_assert_num_queries(1):
        assert permissions.can(cast.official, permissions.REPORT, item)


def test_the_model_wide_right_is_answered_as_has_perm_does(cast, people):
    people["direct"].user_permissions.add(Permission.objects.get(codename=permissions.URGE))
    inactive_boss = Person.objects.create_superuser("old boss", password="x", full_name="前超管", is_active=False)
    for role, user in {**people, "inactive superuser": inactive_boss}.items():
        for codename in [*CODENAMES, "change_post"]:
            expected = Person.objects.get(pk=user.pk).has_perm(permissions.perm(codename))
            assert permissions.has_model_right(Person.objects.get(pk=user.pk), codename) == expected, (role, codename)


def test_the_model_wide_right_costs_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert permissions.has_model_right(cast.office, permissions.DEPLOY)


# The lead leader's rights on his items (批示, 催办): his post's grant, not the committee's right.
LEADERS = {
    # role: (leads, may urge, may instruct, has a leader's board)
    "leader": (True, True, True, True),
    "committee": (False, False, True, False),
    "office": (False, True, False, False),
    "inspector": (False, True, False, False),
    "official": (False, False, False, False),
    "assessor": (False, False, False, False),
    "outsider": (False, False, False, False),
}


@pytest.mark.parametrize(("role", "rights"), LEADERS.items())
def test_the_lead_leader_urges_and_instructs_on_his_own_items(cast, role, rights):
    item = cast.item()
    permissions.sync_item_permissions(item)
    user = cast.roles[role]
    found = (
        permissions.leads(user, item),
        permissions.can_urge(user, item),
        permissions.can_instruct(user, item),
        permissions.leads_items(user),
    )
    assert found == rights
    assert permissions.can_instruct(user, item, leading=found[0]) == rights[2]


def test_a_leader_has_no_rights_on_an_item_another_leads(cast):
    item = cast.item()
    item.lead_leader_post = cast.posts["committee"]
    item.save()
    permissions.sync_item_permissions(item)
    assert not permissions.leads(cast.leader, item)
    assert not permissions.can_urge(cast.leader, item)
    assert not permissions.can_instruct(cast.leader, item)
    assert permissions.leads_items(cast.leader)  # he holds a leader's post: his board, empty here
