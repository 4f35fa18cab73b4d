"""The office publishes a plan: every draft leaf item starts its flow, all or nothing."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied

from responsibility.models import ItemStatus, WorkPlan
from tests.browser import Browser, messages, text, url
from workflow import services


@pytest.fixture
def draft_plan(cast):
    plan = cast.plan
    plan.status = WorkPlan.Status.DRAFT
    plan.save()
    heading = cast.item("依法全面履行政府职能情况", number="（一）", with_indicator=False)
    leaves = [cast.item(f"事项{n}", number=f"{n}.", parent=heading) for n in (1, 2, 3)]
    return plan, heading, leaves


def test_publishing_launches_every_draft_leaf_and_no_heading(cast, draft_plan):
    plan, heading, leaves = draft_plan
    response = Browser(cast.office).submit(url("publish", plan.pk), form_page=url("plans"), follow=True)

    assert any("3 项事项进入部署交办" in m for m in messages(response)), messages(response)
    plan.refresh_from_db()
    assert plan.status == WorkPlan.Status.PUBLISHED and plan.published_at
    for leaf in leaves:
        leaf.refresh_from_db()
        assert leaf.status == ItemStatus.DEPLOYING
        assert [t.flow_task.name for t in services.active_task_for_item(leaf)] == ["deploy"]
    heading.refresh_from_db()
    assert heading.status == ItemStatus.DRAFT and not services.active_task_for_item(heading).exists()
    assert services.publish(plan, cast.office) == 0


def test_publishing_is_all_or_nothing(cast, draft_plan):
    plan, _heading, leaves = draft_plan
    real_launch = services.launch
    calls = []

    def failing_launch(item, user):
        calls.append(item)
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return real_launch(item, user)

    with mock.patch.object(services, "launch", failing_launch), pytest.raises(RuntimeError):
        services.publish(plan, cast.office)
    for leaf in leaves:
        leaf.refresh_from_db()
        assert leaf.status == ItemStatus.DRAFT
        assert not services.active_task_for_item(leaf).exists()
    plan.refresh_from_db()
    assert plan.status == WorkPlan.Status.DRAFT


@pytest.mark.parametrize("role", ["committee", "leader", "official", "inspector", "assessor", "outsider"])
def test_only_the_office_publishes(cast, draft_plan, role):
    plan, _heading, leaves = draft_plan
    with pytest.raises(PermissionDenied):
        services.publish(plan, cast.roles[role])
    response = Browser(cast.roles[role]).submit(url("publish", plan.pk), form_page=url("items"))
    assert response.status_code == (403 if role == "committee" else 404)
    leaves[0].refresh_from_db()
    assert leaves[0].status == ItemStatus.DRAFT


@pytest.mark.parametrize("role,status", [("office", 200), ("committee", 200), ("leader", 404), ("outsider", 404)])
def test_the_plans_page_is_for_the_office_and_the_committee(cast, draft_plan, role, status):
    response = Browser(cast.roles[role]).get(url("plans"))
    assert response.status_code == status
    if status == 200:
        assert cast.plan.title in text(response)
        assert ("发布并启动部署" in text(response)) == (role == "office")
