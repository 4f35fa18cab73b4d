"""The doors refuse what a real user could otherwise trip over."""

import re
import threading

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connections

from responsibility.models import ItemStatus, Person, Post
from tests.browser import Browser, text, url
from tests.cast import PASSWORD, person
from tests.workflow.drive import deploy_data, do, find_task, item_at, set_deadline
from workflow import services


def test_only_the_office_launches_an_item(cast):
    item = cast.item()
    for role in ["committee", "leader", "official", "inspector", "assessor", "outsider"]:
        with pytest.raises(PermissionDenied):
            services.launch(item, cast.roles[role])
    item.refresh_from_db()
    assert item.status == ItemStatus.DRAFT


def test_an_item_is_launched_once(cast):
    item = cast.item()
    services.launch(item, cast.office)
    with pytest.raises(services.TaskUnavailable, match="不能重复启动"):
        services.launch(item, cast.office)
    assert services.active_task_for_item(item).count() == 1


def test_a_heading_is_never_launched(cast):
    heading = cast.item("依法全面履行政府职能", number="（一）")
    cast.item(parent=heading)
    heading.refresh_from_db()
    with pytest.raises(ValueError):
        services.launch(heading, cast.office)


def test_nobody_but_the_office_sees_an_item_before_it_is_deployed(cast):
    item = item_at(cast, "deploy")
    for role in ["leader", "official", "inspector", "assessor"]:
        assert not cast.roles[role].has_perm("responsibility.view_responsibilityitem", item)
    do(cast.office, item, "deploy", **deploy_data(cast, item))
    cast.official = Person.objects.get(pk=cast.official.pk)  # fresh permission cache
    assert cast.official.has_perm("responsibility.view_responsibilityitem", item)


def test_an_item_not_yet_deployed_is_not_urged(cast):
    item = item_at(cast, "deploy")
    with pytest.raises(services.TaskUnavailable, match="尚未交办"):
        services.urge(item, cast.office, "请尽快")


def test_an_urge_on_an_item_closed_meanwhile_is_refused(cast):
    item = item_at(cast, "assess")
    stale = type(item).objects.get(pk=item.pk)
    do(cast.assessor, item, "assess", quality="8", comment="")
    with pytest.raises(services.TaskUnavailable, match="已办结"):
        services.urge(stale, cast.office, "请尽快")


def test_deploying_to_an_empty_inspector_post_is_refused(cast):
    item = item_at(cast, "deploy")
    services.hand_over(cast.posts["inspector"], None, by=cast.office)
    form = services.complete(cast.office, find_task(item, "deploy").pk, deploy_data(cast, item), {})
    assert "inspector_post" in form.errors
    item.refresh_from_db()
    assert item.status == ItemStatus.DEPLOYING


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("inspector_post", "official"),  # a post of another role
        ("responsible_post", "leader"),
        ("assessor_post", "99999999"),  # no such post
        ("lead_leader_post", "abc"),
        ("responsible_post", "²"),  # a digit to str.isdigit, not to int
        ("inspector_post", ""),  # required
    ],
)
def test_deploying_to_a_post_of_the_wrong_role_or_none_is_refused(cast, field, value):
    item = item_at(cast, "deploy")
    posted = cast.posts[value].pk if value in cast.posts else value
    form = services.complete(cast.office, find_task(item, "deploy").pk, deploy_data(cast, item, **{field: posted}), {})
    assert list(form.errors) == [field]
    item.refresh_from_db()
    assert item.status == ItemStatus.DEPLOYING


def test_deploying_saves_the_units_chosen_and_only_those(cast):
    item = item_at(cast, "deploy")
    other = cast.justice.__class__.objects.create(name="城管中队", parent=cast.justice.parent)
    Post.objects.create(unit=other, title="中队长", role=Post.Role.OFFICIAL, holder=person("captain", "冯队长"))
    data = deploy_data(cast, item, responsible_units=[other.pk], cooperating_units=[cast.justice.pk])
    do(cast.office, item, "deploy", **data)
    assert list(item.responsible_units.all()) == [other]
    assert list(item.cooperating_units.all()) == [cast.justice]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("lead_unit", "99999999", "选择一个有效的选项"),  # no such unit
        ("lead_unit", "abc", "选择一个有效的选项"),
        ("lead_unit", "99999999999999999999", "选择一个有效的选项"),  # more than a key column holds
        ("responsible_units", ["99999999999999999999"], "99999999999999999999"),
        ("responsible_units", ["99999999"], "99999999"),  # the unknown choice is named
        ("responsible_units", ["²"], "²"),
        ("cooperating_units", ["justice", "99999999"], "99999999"),
    ],
)
def test_deploying_to_a_unit_that_does_not_exist_is_refused(cast, field, value, message):
    item = item_at(cast, "deploy")
    if isinstance(value, list):
        value = [cast.justice.pk if v == "justice" else v for v in value]
    form = services.complete(cast.office, find_task(item, "deploy").pk, deploy_data(cast, item, **{field: value}), {})
    assert list(form.errors) == [field]
    assert message in " ".join(form.errors[field])
    item.refresh_from_db()
    assert item.status == ItemStatus.DEPLOYING


def test_an_item_may_be_deployed_without_units_and_loses_those_it_had(cast):
    item = item_at(cast, "deploy")
    item.cooperating_units.set([cast.community])
    do(cast.office, item, "deploy", **deploy_data(cast, item, responsible_units=[], cooperating_units=[]))
    assert (item.responsible_units.count(), item.cooperating_units.count()) == (0, 0)
    assert item.status == ItemStatus.ACCEPTING


def test_the_deploy_page_shows_the_units_the_item_has(cast):
    item = item_at(cast, "deploy")
    item.cooperating_units.set([cast.community])
    page = Browser.log_in(cast.office).get(url("task", find_task(item, "deploy").pk))
    html = text(page)
    for name, unit in [("responsible_units", cast.justice), ("cooperating_units", cast.community)]:
        boxes = re.findall(rf'<input type="checkbox" name="{name}"[^>]*>', html)
        checked = [box for box in boxes if " checked" in box]
        assert len(boxes) > 1 and len(checked) == 1 and f'value="{unit.pk}"' in checked[0], name
    order = [html.index(f'name="{name}"') for name in ["lead_unit", "responsible_units", "cooperating_units"]]
    assert order == sorted(order) and html.index('name="responsible_post"') > order[-1]


def test_an_extension_whose_date_has_passed_cannot_be_approved(cast):
    item = item_at(cast, "work", deadline=None)
    set_deadline(item, __import__("datetime").date(2026, 12, 31))
    with time_machine.travel("2026-12-01 10:00 +0800", tick=False):
        do(
            cast.official,
            item,
            "work",
            action="extension",
            period="2026-12",
            percent_done="50",
            narrative="需延期",
            new_deadline="2027-01-10",
        )
    with time_machine.travel("2027-01-15 10:00 +0800", tick=False):
        form = services.complete(
            cast.office, find_task(item, "decide_extension").pk, {"decision": "approve", "comment": ""}, {}
        )
        assert "decision" in form.errors
        do(cast.office, item, "decide_extension", decision="refuse", comment="日期已过，请重新申请")
    assert item.status == ItemStatus.IN_PROGRESS


def test_changing_a_holder_by_saving_the_post_takes_the_rights_away(cast):
    item = item_at(cast, "work")
    post = cast.posts["official"]
    post.holder = cast.official2
    post.save()
    official = Person.objects.get(pk=cast.official.pk)
    assert not official.has_perm("responsibility.view_responsibilityitem", item)
    assert not official.groups.filter(pk=post.group_id).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_hand_over_racing_a_completion_leaves_the_new_task_with_the_successor(cast_committed):
    cast = cast_committed
    successor = Person.objects.create_user("successor", password=PASSWORD, full_name="郑接任")
    item = item_at(cast, "accept")
    task = find_task(item, "accept")
    barrier = threading.Barrier(2)
    errors = []

    def accept():
        try:
            barrier.wait()
            services.complete(cast.official, task.pk, {"decision": "accept"}, {})
        except Exception as exc:  # a lost race is fine; anything else is reported
            if not isinstance(exc, services.TaskUnavailable):
                errors.append(exc)
        finally:
            connections.close_all()

    def hand_over():
        try:
            barrier.wait()
            services.hand_over(Post.objects.get(pk=cast.posts["official"].pk), successor, by=cast.office)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept), threading.Thread(target=hand_over)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert not errors, errors
    active = services.active_task_for_item(item).get()
    assert active.flow_task.name in {"accept", "work"}
    assert active.owner_id == successor.pk
    assert services.can_take(Person.objects.get(pk=successor.pk), active)
