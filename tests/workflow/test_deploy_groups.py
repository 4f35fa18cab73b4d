"""A group word (各社区) on an imported item expands at deploy: every unit of the group is ticked, the
office unticks those that have no part, each ticked unit gets its own assignment."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from responsibility.assignments import expand_groups, group_members
from responsibility.models import Assignment, ItemEvent, ItemStatus, Post, Unit
from tests.browser import Browser, field_errors, messages, plain_text, text
from tests.cast import person
from tests.workflow.drive import deploy_data, find_task, item_at
from tests.workflow.test_deploy_page import assert_refused, deploy_url

Role = Assignment.Role
pytestmark = pytest.mark.usefixtures("media")


@pytest.fixture
def office(cast):
    return Browser.log_in(cast.office)


@pytest.fixture
def shuanglong(cast):
    """A second community, with its own 责任人."""
    unit = Unit.objects.create(parent=cast.street, name="双龙社区", kind=Unit.Kind.COMMUNITY)
    Post.objects.create(unit=unit, title="社区主任", role=Post.Role.OFFICIAL, holder=person("official3", "孙主任"))
    return unit


def grouped_item(cast, **groups):
    """An item at its deploy step that names ``groups`` (e.g. responsible_units=["各社区"])."""
    item = item_at(cast, "deploy")
    item.unit_groups = groups
    item.save(update_fields=["unit_groups"])
    return item


def selected(page, name: str) -> list[int]:
    """The units the deploy page ticks among the check boxes ``name``."""
    boxes = re.findall(rf'<input type="checkbox" name="{name}"[^>]*>', text(page))
    assert boxes, f"no check boxes {name!r} on the page"
    return [int(re.search(r'value="(\d+)"', box).group(1)) for box in boxes if " checked" in box]


def test_the_deploy_page_ticks_every_unit_of_the_group(cast, office, shuanglong):
    item = grouped_item(cast, responsible_units=["各社区"])
    page = office.get(deploy_url(item))
    assert selected(page, "responsible_units") == [cast.justice.pk, cast.community.pk, shuanglong.pk]
    assert "已按“各社区”选中该类全部单位，请取消不承办本事项的单位。" in plain_text(page)
    assert selected(page, "cooperating_units") == []


def test_a_group_expands_into_one_assignment_per_community(cast, office, shuanglong):
    item = grouped_item(cast, responsible_units=["各社区"])
    page = office.get(deploy_url(item))
    data = deploy_data(cast, item, responsible_units=selected(page, "responsible_units"))
    page = office.submit(deploy_url(item), data, follow=True)

    assert "已提交：部署交办" in messages(page)
    parts = [(a.unit, a.role, a.post.holder.username) for a in item.assignments.order_by("order")]
    assert parts == [
        (cast.justice, Role.LEAD, "official"),
        (cast.community, Role.RESPONSIBLE, "official2"),
        (shuanglong, Role.RESPONSIBLE, "official3"),
    ]
    item.refresh_from_db()
    assert set(item.responsible_units.all()) == {cast.justice, cast.community, shuanglong}
    assert item.unit_groups == {} and item.branch_count == 3  # the group is spent: its units stand on the item


def test_a_community_the_office_unticks_gets_no_part(cast, office, shuanglong):
    item = grouped_item(cast, responsible_units=["各社区"])
    data = deploy_data(cast, item, responsible_units=[cast.justice.pk, shuanglong.pk])
    office.submit(deploy_url(item), data, follow=True)

    assert [a.unit for a in item.assignments.order_by("order")] == [cast.justice, shuanglong]
    assert not Assignment.objects.filter(unit=cast.community).exists()
    assert cast.community not in item.responsible_units.all()


def test_a_cooperating_group_gives_each_unit_a_cooperating_part(cast, office, shuanglong):
    item = grouped_item(cast, cooperating_units=["各社区"])
    page = office.get(deploy_url(item))
    assert selected(page, "cooperating_units") == [cast.community.pk, shuanglong.pk]
    data = deploy_data(cast, item, cooperating_units=selected(page, "cooperating_units"))
    office.submit(deploy_url(item), data)
    roles = {a.unit.name: a.role for a in item.assignments.all()}
    assert roles == {"司法所": Role.LEAD, "兴科社区": Role.COOPERATING, "双龙社区": Role.COOPERATING}


def test_a_group_with_no_units_is_refused_and_nothing_is_handed_over(cast, office):
    item = grouped_item(cast, cooperating_units=["区直各部门"])  # the cast has no district department
    page = office.submit(deploy_url(item), deploy_data(cast, item))
    error = "“区直各部门”没有对应的单位，无法交办：请先在组织机构中添加该类单位，再部署。"
    assert_refused(page, item, "cooperating_units", error)
    assert not item.assignments.exists()
    assert item.unit_groups == {"cooperating_units": ["区直各部门"]}


def test_a_group_refused_even_when_the_office_ticks_other_units(cast, office):
    item = grouped_item(cast, responsible_units=["各科室", "各街道"])  # 各街道: no other street here
    page = office.submit(deploy_url(item), deploy_data(cast, item, responsible_units=[cast.office_unit.pk]))
    assert field_errors(page, "responsible_units") == [
        "“各街道”没有对应的单位，无法交办：请先在组织机构中添加该类单位，再部署。"
    ]
    assert not item.events.filter(kind=ItemEvent.Kind.DEPLOYED).exists()
    find_task(item, "deploy")


def test_a_group_stands_for_the_units_there_are_on_the_day_of_deploy(cast, shuanglong):
    item = grouped_item(cast, responsible_units=["各社区"], cooperating_units=["各村（社区）", "各社区"])
    later = Unit.objects.create(parent=cast.street, name="龙港社区", kind=Unit.Kind.COMMUNITY)
    expanded = expand_groups(item)
    assert expanded["responsible_units"] == [cast.community, shuanglong, later]
    assert expanded["cooperating_units"] == [cast.community, shuanglong, later]  # each unit once


def test_a_group_takes_no_unit_of_another_organisation(cast):
    other = Unit.objects.create(name="双凤桥街道", kind=Unit.Kind.ORGANISATION)
    Unit.objects.create(parent=other, name="空港社区", kind=Unit.Kind.COMMUNITY)
    item = grouped_item(cast, responsible_units=["各社区"])
    assert expand_groups(item) == {"responsible_units": [cast.community]}


def test_an_item_without_groups_reads_nothing_for_them(cast):
    item = item_at(cast, "deploy")
    with CaptureQueriesContext(connection) as queries:
        assert group_members(item) == {} and expand_groups(item) == {}
    assert len(queries) == 0


def test_the_deployed_item_is_at_its_units_steps(cast, office, shuanglong):
    item = grouped_item(cast, responsible_units=["各社区"])
    office.submit(deploy_url(item), deploy_data(cast, item, responsible_units=[cast.justice.pk, shuanglong.pk]))
    item.refresh_from_db()
    assert item.status == ItemStatus.ACCEPTING
    assert {a.unit.name: a.status for a in item.assignments.all()} == {
        "司法所": ItemStatus.ACCEPTING,
        "双龙社区": ItemStatus.ACCEPTING,
    }
