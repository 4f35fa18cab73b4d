"""Every unit's part carries its item's plan (``Assignment.item_plan``), through every door that hands
parts out: the board reads a plan's parts by it, so a part with another plan's (or none) would count
under the wrong organisation or nowhere."""

from __future__ import annotations

import pytest
from django.db.models import F
from django.urls import reverse

from responsibility.models import Assignment, ItemStatus, WorkPlan
from tests.browser import Browser, url
from tests.responsibility.importing.test_pages import imported, resolve_everything  # noqa: F401
from tests.workflow.drive import deploy_data, do
from tests.workflow.test_batch import deploy_settings, deploy_url, launched, task_ids
from tests.workflow.test_cascade import scene, street_at_work  # noqa: F401
from tests.workflow.test_units import two_unit_item

pytestmark = pytest.mark.usefixtures("media")


def assert_each_part_carries_its_items_plan(*plans: WorkPlan) -> None:
    parts = Assignment.objects.filter(item__plan__in=plans)
    assert {part.item_plan_id for part in parts} == {plan.pk for plan in plans}
    assert not Assignment.objects.exclude(item_plan_id=F("item__plan_id")).exists()


def test_deploying_to_several_units_gives_each_part_the_items_plan(cast):
    item = two_unit_item(cast)  # 兴科社区 added at deploy beside the item's own 司法所
    assert item.assignments.count() == 2
    assert_each_part_carries_its_items_plan(cast.plan)


def test_a_batch_deploy_gives_each_part_its_items_plan(cast):
    items = launched(cast, 2)
    tasks = task_ids(items, "deploy")
    data = deploy_settings(cast, tasks, responsible_units=[cast.justice.pk, cast.community.pk], confirm="1")
    Browser.log_in(cast.office).submit(url("batch_deploy"), data, form_page=deploy_url(tasks))
    assert Assignment.objects.filter(item__in=items).count() == 4
    assert_each_part_carries_its_items_plan(cast.plan)


def test_the_items_decomposed_from_a_part_hand_out_parts_of_the_organisations_own_plan(scene):  # noqa: F811
    cast, _other, district = scene
    item, part, own = street_at_work(cast, district)
    assert part.item_plan_id == district.plan.pk == item.plan_id
    street_plan = own[0].plan
    assert street_plan != district.plan and Assignment.objects.filter(item__in=own).count() == 2
    assert_each_part_carries_its_items_plan(district.plan, street_plan)


def test_an_imported_plan_published_and_deployed_hands_out_parts_of_that_plan(cast, imported):  # noqa: F811
    browser, plan = imported
    resolve_everything(browser, cast, plan)
    browser.submit(reverse("workflow:publish", args=[plan.pk]), form_page=reverse("plans:review", args=[plan.pk]))
    leaf = plan.items.filter(is_heading=False, status=ItemStatus.DEPLOYING).order_by("order").first()
    do(cast.office, leaf, "deploy", **deploy_data(cast, leaf, responsible_units=[cast.justice.pk, cast.community.pk]))
    assert leaf.assignments.count() == 2
    assert_each_part_carries_its_items_plan(plan)


def test_a_part_made_by_hand_takes_its_items_plan(cast):
    item = cast.item("事项", number="1.")
    part = Assignment.objects.create(item=item, unit=cast.justice)
    assert part.item_plan_id == cast.plan.pk
