"""The split into units' branches and their join write what viewflow's own activations write.

``workflow/gateways.py`` writes the split's and the join's task rows with SQL built once. Each test
here runs the same item's life twice, once with them and once with viewflow's own activations on the
same graph (viewflow's ``SplitActivation``, given the data source, and its ``JoinActivation``), and
compares every task row of the process: node, type, status, token, data, owner, which timestamps
are set and in what order, its links to the tasks before it, and the signals sent.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.datastructures import MultiValueDict
from viewflow.workflow.activation import Activation
from viewflow.workflow.models import Task
from viewflow.workflow.nodes.join import JoinActivation
from viewflow.workflow.nodes.split import SplitActivation
from viewflow.workflow.signals import task_finished, task_started
from viewflow.workflow.status import STATUS

from responsibility.models import Assignment, ItemStatus, Post, Unit
from tests.cast import person
from tests.workflow.drive import deploy_data, do, item_at
from tests.workflow.test_units import do_unit, finish, unit_tasks
from workflow import services
from workflow.flows import ItemFlow
from workflow.gateways import UnitJoin


class ViewflowUnitSplit(SplitActivation):
    """viewflow's own split, written with the ORM, with the one behaviour its open-source Split lacks
    (one task per data item)."""

    @Activation.status.super()
    def activate(self):
        for node, _case, data_source in self.flow_task._branches:
            self.next_tasks.extend((node, data) for data in data_source(self))


@pytest.fixture
def viewflows_own(monkeypatch):
    """A context in which the item flow splits and joins with viewflow's own activations."""

    class Switch:
        def __enter__(self):
            monkeypatch.setattr(ItemFlow.split_units, "activation_class", ViewflowUnitSplit)
            monkeypatch.setattr(ItemFlow.join_units, "activation_class", JoinActivation)

        def __exit__(self, *exc):
            monkeypatch.undo()

    return Switch()


@pytest.fixture
def signals():
    sent = []

    def record(signal_name):
        def receiver(sender, process, task, **kwargs):
            sent.append((signal_name, process.artifact_object_id, task.flow_task.name))

        return receiver

    receivers = {task_started: record("started"), task_finished: record("finished")}
    for signal, receiver in receivers.items():
        signal.connect(receiver, sender=ItemFlow)
    yield sent
    for signal, receiver in receivers.items():
        signal.disconnect(receiver, sender=ItemFlow)


def third_unit(cast) -> Unit:
    unit = Unit.objects.create(name="东湖社区", parent=cast.street, kind=Unit.Kind.COMMUNITY)
    Post.objects.create(unit=unit, title="社区主任", role=Post.Role.OFFICIAL, holder=person("official3", "孙主任"))
    return unit


def task_rows(item) -> list[tuple]:
    """The process's task rows in the order they were written, keys replaced by their place in that
    order (tokens carry the split task's key) and assignments by their unit's name."""
    tasks = list(Task.objects.filter(process__artifact_object_id=item.pk).order_by("pk"))
    place = {task.pk: n for n, task in enumerate(tasks)}
    units = dict(Assignment.objects.filter(item=item).values_list("pk", "unit__name"))
    rows = []
    for task in tasks:
        token = task.token.token
        for pk, n in place.items():
            token = token.replace(f"/{pk}_", f"/#{n}_")
        data = {key: units.get(value, value) if key == "assignment" else value for key, value in task.data.items()}
        stamps = [task.created, task.started, task.finished]
        rows.append(
            (
                task.flow_task.name,
                task.flow_task_type,
                task.status,
                token,
                data,
                task.owner_id,
                task.owner_permission,
                tuple(stamp is not None for stamp in stamps),
                all(a <= b for a, b in zip(stamps, stamps[1:], strict=False) if a and b),
                sorted(place[t.pk] for t in task.previous.all()),
            )
        )
    return rows


def three_unit_item(cast):
    extra = third_unit(cast)
    item = item_at(cast, "deploy")
    units = [cast.justice.pk, cast.community.pk, extra.pk]
    do(cast.office, item, "deploy", **deploy_data(cast, item, responsible_units=units))
    return item


def official_of(unit_name: str):
    return Post.objects.get(unit__name=unit_name, role=Post.Role.OFFICIAL).holder


def accept_all(cast, item):
    for unit in unit_tasks(item, "accept"):
        do_unit(official_of(unit), item, "accept", unit, decision="accept")


def life_of_three_units(cast, item):
    accept_all(cast, item)
    for unit in ["兴科社区", "司法所", "东湖社区"]:  # not in the order of deploy
        finish(cast, item, unit, official_of(unit))


def test_three_units_split_and_join_as_viewflows_own(cast, viewflows_own, signals):
    ours = three_unit_item(cast)
    life_of_three_units(cast, ours)
    with viewflows_own:
        theirs = item_at(cast, "deploy", title="另一事项", number="2.")
        units = [cast.justice.pk, cast.community.pk, Unit.objects.get(name="东湖社区").pk]
        do(cast.office, theirs, "deploy", **deploy_data(cast, theirs, responsible_units=units))
        life_of_three_units(cast, theirs)

    assert task_rows(ours) == task_rows(theirs)
    assert [s[0::2] for s in signals if s[1] == ours.pk] == [s[0::2] for s in signals if s[1] == theirs.pk]
    for item in (ours, theirs):
        item.refresh_from_db()
        assert item.status == ItemStatus.CLOSED
        assert services.active_task_for_item(item).count() == 0
    names = [row[0] for row in task_rows(ours)]
    assert names.count("split_units") == 1 and names.count("join_units") == 1 and names[-1] == "end"


def test_one_unit_with_a_return_and_rectification_splits_and_joins_as_viewflows_own(cast, viewflows_own):
    def life(item):
        do(cast.official, item, "accept", decision="accept")
        do(cast.official, item, "work", action="claim", period="2030-06", percent_done="100", narrative="已完成")
        returned = {"decision": "return", "comments": "缺材料", "rectification_points": "补台账"}
        do(cast.inspector, item, "verify", rectification_deadline="2030-07-15", **returned)
        do(cast.official, item, "rectify", narrative="已补齐")
        do(cast.inspector, item, "verify", decision="pass", comments="材料齐全")
        do(cast.assessor, item, "assess", quality="8", comment="较好")

    ours = item_at(cast, "accept")
    life(ours)
    with viewflows_own:
        theirs = item_at(cast, "accept", title="另一事项", number="2.")
        life(theirs)

    assert task_rows(ours) == task_rows(theirs)
    assert [row[0] for row in task_rows(ours)][-3:] == ["assess", "join_units", "end"]


def test_a_unit_sent_back_and_redeployed_joins_as_viewflows_own(cast, viewflows_own):
    def life(item):
        do_unit(cast.official2, item, "accept", "兴科社区", decision="send_back", reason="不属本单位职责")
        do_unit(cast.office, item, "redeploy", "兴科社区", post=cast.posts["official2"].pk, note="请承办")
        accept_all(cast, item)
        finish(cast, item, "司法所", cast.official)
        finish(cast, item, "兴科社区", cast.official2)

    def two_units(title, number):
        item = item_at(cast, "deploy", title=title, number=number)
        do(cast.office, item, "deploy", **deploy_data(cast, item, responsible_units=[cast.community.pk]))
        return item

    ours = two_units("完善内部制度建设", "1.")
    life(ours)
    with viewflows_own:
        theirs = two_units("另一事项", "2.")
        life(theirs)

    assert task_rows(ours) == task_rows(theirs)


def test_the_join_waits_started_for_the_branches_still_open(cast):
    item = three_unit_item(cast)
    accept_all(cast, item)
    finish(cast, item, "司法所", cast.official)

    join = Task.objects.get(process__artifact_object_id=item.pk, flow_task=ItemFlow.join_units)
    assert join.status == STATUS.STARTED and join.started is not None and join.finished is None
    assert [t.flow_task.name for t in join.previous.all()] == ["assess"]
    assert join.token.token == "start"  # the token from before the split
    finish(cast, item, "东湖社区", official_of("东湖社区"))
    join.refresh_from_db()
    assert join.status == STATUS.STARTED and join.previous.count() == 2
    assert not Task.objects.filter(process__artifact_object_id=item.pk, flow_task=ItemFlow.end).exists()


def test_each_branch_starts_with_its_units_official_without_reading_its_assignment_again(cast):
    extra = third_unit(cast)
    item = item_at(cast, "deploy")
    task = next(t for t in services.active_task_for_item(item) if t.flow_task.name == "deploy")
    data = deploy_data(cast, item, responsible_units=[cast.justice.pk, cast.community.pk, extra.pk])
    one = item_at(cast, "deploy", title="一个单位", number="2.")
    one_task = next(t for t in services.active_task_for_item(one) if t.flow_task.name == "deploy")
    with CaptureQueriesContext(connection) as three_units:
        assert services.complete(cast.office, task.pk, data, MultiValueDict()).is_valid()
    with CaptureQueriesContext(connection) as one_unit:
        assert services.complete(cast.office, one_task.pk, deploy_data(cast, one), MultiValueDict()).is_valid()
    owners = {unit: t.owner.username for unit, t in unit_tasks(item, "accept").items()}
    assert owners == {"司法所": "official", "兴科社区": "official2", "东湖社区": "official3"}
    # Two more units: their default posts (one read), then an assignment, a task and its link each.
    assert len(three_units) - len(one_unit) == 1 + 2 * 3


def test_a_join_that_would_not_wait_for_every_branch_is_refused():
    with pytest.raises(TypeError):
        UnitJoin(continue_on_condition=lambda activation, tasks: True)
