"""The units of one item acting at the same moment, on the real PostgreSQL: the item's process lock
makes their steps one after the other, so the item's derived state and its closing come out once."""

import datetime

import pytest
from django.db import connection
from viewflow.workflow.status import STATUS

from responsibility.models import Assignment, ItemEvent, ItemStatus
from tests.threads import at_once
from tests.workflow.drive import deploy_data, do
from tests.workflow.test_units import do_unit, unit_tasks
from workflow import services
from workflow.supervision import sweep

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def both_units_at(cast, step: str):
    """A 司法所 + 兴科社区 item whose two branches both wait at ``step`` (claim: at work)."""
    assert connection.vendor == "postgresql"
    item = cast.item()
    services.launch(item, cast.office)
    do(cast.office, item, "deploy", **deploy_data(cast, item, responsible_units=[cast.community.pk]))
    for unit, official in (("司法所", cast.official), ("兴科社区", cast.official2)):
        do_unit(official, item, "accept", unit, decision="accept")
        if step in ("verify", "assess"):
            claim = {"action": "claim", "period": "2030-06", "percent_done": "100", "narrative": "已完成"}
            do_unit(official, item, "work", unit, **claim)
        if step == "assess":
            do_unit(cast.inspector, item, "verify", unit, decision="pass", comments="材料齐全")
    return item


def complete_retrying(user, task_pk, data):
    """The door a page uses, tried again if the other unit held the item's lock too long (the page
    would say "其他人正在办理该事项，请稍后刷新再试" and the user submit again)."""
    for _attempt in range(3):
        try:
            form = services.complete(user, task_pk, data, {})
            assert form.is_valid(), form.errors
            return
        except services.TaskUnavailable as refusal:
            if "其他人正在办理" not in str(refusal):
                raise
    raise AssertionError("the item's lock was never free")


def test_two_units_claiming_at_once_each_claim_their_own_part(cast_committed):
    cast = cast_committed
    item = both_units_at(cast, "work")
    tasks = unit_tasks(item, "work")
    claim = {"action": "claim", "period": "2030-06", "percent_done": "100", "narrative": "已完成"}

    errors = at_once(
        lambda: complete_retrying(cast.official, tasks["司法所"].pk, claim),
        lambda: complete_retrying(cast.official2, tasks["兴科社区"].pk, claim),
    )

    assert errors == []
    item.refresh_from_db()
    assert item.status == ItemStatus.CLAIMED and item.percent_done == 100
    assert set(item.assignments.values_list("status", flat=True)) == {ItemStatus.CLAIMED}
    assert item.events.filter(kind=ItemEvent.Kind.CLAIMED).count() == 2
    assert sorted(unit_tasks(item, "verify")) == ["兴科社区", "司法所"]


def test_the_last_two_units_closing_at_once_close_the_item_once(cast_committed):
    cast = cast_committed
    item = both_units_at(cast, "assess")
    tasks = unit_tasks(item, "assess")
    score = {"quality": "8", "comment": "较好"}

    errors = at_once(*(lambda task=task: complete_retrying(cast.assessor, task.pk, score) for task in tasks.values()))

    assert errors == []
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED and item.closed_at is not None
    process_tasks = _process_tasks(item)
    assert [t.flow_task.name for t in process_tasks if t.flow_task.name in ("join_units", "end")] == [
        "join_units",
        "end",
    ]
    assert all(t.status == STATUS.DONE for t in process_tasks)
    assert item.scores.count() == 2


def test_the_last_unit_closing_while_the_sweep_runs_closes_the_item_once_and_unlit(cast_committed):
    cast = cast_committed
    item = both_units_at(cast, "assess")
    tasks = unit_tasks(item, "assess")
    do_unit(cast.assessor, item, "assess", "司法所", quality="8", comment="较好")

    errors = at_once(
        lambda: complete_retrying(cast.assessor, tasks["兴科社区"].pk, {"quality": "7", "comment": "合格"}),
        lambda: sweep(datetime.date.today()),
    )

    assert errors == []
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED and item.rag == ""
    assert [t.flow_task.name for t in _process_tasks(item)].count("end") == 1
    assert not Assignment.objects.filter(item=item).exclude(status=ItemStatus.CLOSED).exists()


def _process_tasks(item):
    from viewflow.workflow.models import Task

    return list(Task.objects.filter(process__artifact_object_id=item.pk).order_by("id"))


def test_a_contribution_given_as_the_item_closes_is_either_stored_or_refused_never_both(cast_committed):
    """The lead's assessment closes the item and ends the open 会办 at the moment the cooperating unit
    submits it: one waits for the other; the contribution is stored before the close or refused
    after it, and the process ends once."""
    cast = cast_committed
    assert connection.vendor == "postgresql"
    item = cast.item()
    services.launch(item, cast.office)
    do(cast.office, item, "deploy", **deploy_data(cast, item, cooperating_units=[cast.community.pk]))
    do_unit(cast.official, item, "accept", "司法所", decision="accept")
    claim = {"action": "claim", "period": "2030-06", "percent_done": "100", "narrative": "已完成"}
    do_unit(cast.official, item, "work", "司法所", **claim)
    do_unit(cast.inspector, item, "verify", "司法所", decision="pass", comments="材料齐全")
    assess, contribute = unit_tasks(item, "assess")["司法所"], unit_tasks(item, "contribute")["兴科社区"]
    refusals = []

    def contribute_or_refused():
        try:
            complete_retrying(cast.official2, contribute.pk, {"narrative": "社区排查纠纷12起"})
        except services.TaskUnavailable as refusal:
            refusals.append(str(refusal))

    errors = at_once(
        lambda: complete_retrying(cast.assessor, assess.pk, {"quality": "8", "comment": "较好"}), contribute_or_refused
    )

    assert errors == []
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED
    assert [t.flow_task.name for t in _process_tasks(item)].count("end") == 1
    cooperating = item.assignments.get(role=Assignment.Role.COOPERATING)
    given = cooperating.events.filter(kind=ItemEvent.Kind.CONTRIBUTED).count()
    ended = cooperating.events.filter(kind=ItemEvent.Kind.CONTRIBUTION_CLOSED).count()
    assert (given, ended) in ((1, 0), (0, 1))
    assert refusals == ([] if given else ["该事项已办结，此任务已终止，无需再提交。"])
    assert cooperating.status == ItemStatus.CLOSED
