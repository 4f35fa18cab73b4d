"""The office's pool (issue 18): the free steps that need its right to deploy, on its own organisation's
plans only, found by the plan every step's task carries. Each way a step comes to wait in a pool
(部署, 重新交办, 延期审批, a clerk who leaves, 上级交办 to a 街道) puts it in the pool of its item's
organisation and in no other."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.test import Client
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from responsibility.models import Person, Post, ResponsibilityItem
from tests.cast import build_cast, person
from tests.workflow.drive import do, find_task, item_at
from tests.workflow.test_cascade import District, act, decompose, deployed, part_task
from workflow import services, task_lists
from workflow.flows import PLAN, ItemFlow
from workflow.organisation.services import deactivate, waiting_tasks

POOL_STEPS = ["deploy", "redeploy", "decide_extension"]
FILL = importlib.import_module("workflow.migrations.0017_pool_plan_index")


@pytest.fixture
def other(cast):
    """A second organisation (龙溪街道) with every role, on the same installation."""
    return build_cast(prefix="b-", street_name="龙溪街道")


def waiting_at(cast, name: str, title: str) -> ResponsibilityItem:
    """An item of ``cast``'s plan whose open step, in its office's pool, is ``name``."""
    if name == "redeploy":
        item = item_at(cast, "accept", title=title)
        do(cast.official, item, "accept", decision="send_back", reason="不属于本单位职责")
        return item
    return item_at(cast, name, title=title)


def pool(user) -> list[int]:
    return [task.pk for task in services.my_tasks(user).parts[1]]


def counted(user) -> dict[tuple[str, bool], int]:
    return task_lists.counts(services.my_tasks(user).all)


def open_item_steps() -> list[Task]:
    return list(Task.objects.filter(process__flow_class=ItemFlow, flow_task_type="HUMAN", status__in=services.ACTIVE))


@pytest.mark.parametrize("name", POOL_STEPS)
def test_a_waiting_step_is_in_its_own_offices_pool_and_in_no_other(cast, other, name):
    ours = find_task(waiting_at(cast, name, "回兴事项"), name)
    theirs = find_task(waiting_at(other, name, "龙溪事项"), name)

    assert pool(cast.office) == [ours.pk] and pool(other.office) == [theirs.pk]
    back = name == "redeploy"  # an item its unit sent back waits to be handed out again
    assert counted(cast.office) == counted(other.office) == {(name, back): 1}
    assert f"/tasks/{ours.pk}/" in client_for(cast.office).get("/tasks/").content.decode()
    assert f"/tasks/{ours.pk}/" not in client_for(other.office).get("/tasks/").content.decode()


def test_every_step_of_an_item_carries_its_plan(cast, other):
    for name in ["deploy", "accept", "work", "decide_extension", "verify", "rectify", "assess", "contribute"]:
        item_at(cast, name, title=f"回兴{name}")
    item_at(other, "work", title="龙溪事项")
    plans = {i.pk: i.plan_id for i in ResponsibilityItem.objects.all()}

    steps = open_item_steps()
    assert {task.flow_task.name for task in steps} >= {"deploy", "accept", "work", "verify", "rectify", "assess"}
    assert {task.pk: task.data.get(PLAN) for task in steps} == {
        task.pk: plans[task.process.artifact_object_id] for task in steps
    }
    assert {task.data[PLAN] for task in steps} == {cast.plan.pk, other.plan.pk}


def test_a_step_a_leaving_clerk_held_returns_to_his_own_offices_pool(cast, other):
    item = item_at(cast, "deploy")
    task = find_task(item, "deploy")
    colleague = person("office2", "陈文员")
    Post.objects.create(unit=cast.office_unit, title="法治办干事二", role=Post.Role.OFFICE, holder=colleague)
    # Taken before, by whoever now leaves: not in anyone's pool.
    Task.objects.filter(pk=task.pk).update(owner=cast.office, status=STATUS.ASSIGNED)
    assert pool(colleague) == []

    deactivate(Person.objects.get(pk=cast.office.pk), by=colleague)

    assert pool(colleague) == [task.pk]
    assert pool(other.office) == []


def test_the_steps_waiting_on_a_vacant_post_are_listed_to_their_own_office_only(cast, other):
    ours = find_task(item_at(cast, "work", title="回兴事项"), "work")
    theirs = find_task(item_at(other, "verify", title="龙溪事项"), "verify")
    Task.objects.filter(pk__in=[ours.pk, theirs.pk]).update(owner=None, status=STATUS.NEW)

    assert [row.task.pk for row in waiting_tasks(cast.office)] == [ours.pk]
    assert [row.task.pk for row in waiting_tasks(other.office)] == [theirs.pk]
    assert pool(cast.office) == pool(other.office) == []  # not the office's own steps


def test_a_superusers_pool_is_every_organisations(cast, other, admin_user):
    ours = find_task(item_at(cast, "deploy", title="回兴事项"), "deploy")
    theirs = find_task(item_at(other, "deploy", title="龙溪事项"), "deploy")

    assert sorted(pool(admin_user)) == sorted([ours.pk, theirs.pk])


def test_a_streets_own_items_wait_in_its_pool_and_the_districts_in_the_districts(cast, other):
    district = District(cast.street, other.street)
    item, _department, part = deployed(district, cast.street)
    # The 街道 sends its part back: 重新交办 is the district's.
    act(cast.office, item, "accept", part, decision="send_back", reason="应由区司法局直接办理")
    redeploy = part_task(item, "redeploy", part)
    assert pool(district.office) == [redeploy.pk]
    assert pool(cast.office) == []

    act(district.office, item, "redeploy", part, post=cast.posts["office"].pk, note="请街道承办")
    act(cast.office, item, "accept", part, decision="accept")
    own = decompose(client_for(cast.office), item, part)

    steps = [find_task(street_item, "deploy").pk for street_item in own]
    assert sorted(pool(Person.objects.get(pk=cast.office.pk))) == sorted(steps)
    assert pool(district.office) == [] and pool(other.office) == []


def test_the_migration_gives_the_open_steps_written_before_their_plan(cast, other):
    deploy = find_task(item_at(cast, "deploy", title="回兴事项"), "deploy")
    theirs = find_task(item_at(other, "decide_extension", title="龙溪事项"), "decide_extension")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE viewflow_task SET data = data - 'plan'")
    assert pool(cast.office) == [] and pool(other.office) == []

    with connection.schema_editor() as editor:
        FILL.fill(editor)

    assert pool(cast.office) == [deploy.pk] and pool(other.office) == [theirs.pk]
    finished = Task.objects.exclude(status__in=services.ACTIVE)
    assert finished.exists() and not finished.filter(data__has_key=PLAN).exists()
    assert all(task.data[PLAN] for task in open_item_steps())


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client
