"""The board counts the visible items in disjoint parts (the plans a role reaches, the items granted
one by one outside them), each read off an index: the parts must be the visible items exactly, and
the counts what one query over all of them counts."""

import datetime

import pytest
from django.test import Client
from django.utils import translation
from guardian.shortcuts import assign_perm

from responsibility import permissions
from responsibility.models import Assignment, ItemStatus, Rag, ResponsibilityItem, Unit
from tests.cast import build_cast
from workflow import board
from workflow.lists import units_of, visible_by_plan

from .test_board import lit

ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]


@pytest.fixture
def two(cast):
    """Organisation A (the cast) and B, each with lit items; one of A's granted to B's office."""
    ours = build_cast(prefix="b-", street_name="龙溪街道")
    theirs = [
        lit(cast, "甲红灯", Rag.RED, deadline=datetime.date(2020, 1, 1)),
        lit(cast, "甲黄灯", Rag.YELLOW, unit=cast.community),
        lit(cast, "甲绿灯", Rag.GREEN),
    ]
    lit(ours, "乙黄灯", Rag.YELLOW)
    lit(ours, "乙绿灯", Rag.GREEN, unit=ours.community)
    handed = lit(cast, "甲交给乙的事项", Rag.RED, unit=cast.community)
    assign_perm(f"{permissions.APP}.{permissions.VIEW}", ours.office, handed)
    unlit = ours.item("乙待部署", number="9.")
    unlit.status = ItemStatus.DEPLOYING
    unlit.save()
    return {"a": cast, "b": ours, "theirs": theirs, "handed": handed}


def people(two):
    return [*two["a"].roles.values(), *two["b"].roles.values()]


def test_the_parts_are_the_visible_items_each_once(two, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@example.cn", "x")
    for user in [*people(two), superuser]:
        parts = permissions.visible_item_parts(user)
        found = [pk for part in parts for pk in part.items.values_list("pk", flat=True)]
        assert len(found) == len(set(found)), user
        assert set(found) == set(permissions.visible_items(user).values_list("pk", flat=True)), user


def test_the_granted_item_is_its_own_part(two):
    parts = permissions.visible_item_parts(two["b"].office)
    assert len(parts) == 2
    assert list(parts[1].items.values_list("pk", flat=True)) == [two["handed"].pk]


def test_the_counts_over_the_parts_are_those_of_every_visible_item(two):
    for user in people(two):
        items = board.board_items(user, {})
        parts = board.board_parts(user, {})
        assert board.counts(*parts) == board.counts(items), user
        assert board.counts_per_unit(*parts) == board.counts_per_unit(items), user


def test_the_board_counts_the_item_handed_from_another_organisation(two):
    page = Client()
    page.force_login(two["b"].office)
    text = page.get("/board/").content.decode()
    assert "红灯 1" in text and "黄灯 1" in text and "绿灯 1" in text and "共 4 项在办" in text
    assert "甲交给乙的事项" in text and "甲红灯" not in text
    per_unit = text[text.index('id="per-unit"') :]
    # A's 兴科社区 (the handed item, red) and B's (green) share a row: the table is by unit name.
    assert "兴科社区</td><td>1</td><td>0</td><td>1</td><td>2</td>" in per_unit


def test_the_filters_apply_to_every_part(two):
    office = two["b"].office
    red = board.counts(*board.board_parts(office, {"rag": Rag.RED}))
    assert (red["red"], red["total"]) == (1, 1)
    community = two["a"].community
    handed_unit = board.counts(*board.board_parts(office, {"unit": community}))
    assert handed_unit["total"] == 1


@pytest.mark.parametrize("role", ["office", "committee", "inspector"])
def test_the_unit_filter_offers_the_units_it_offered_before(two, role):
    """Its own organisation's units, the 区直部门, and any unit doing an item the reader sees, here
    the other organisation's unit of the item handed over (read as one set each, not per unit)."""
    user = two["b"].roles[role]
    offered = set(board.BoardFilter(user=user).fields["unit"].queryset)
    from responsibility.organisation import units_in
    from responsibility.scope import Scope

    ours = set(units_in(Scope.of(user).member_of)) | set(Unit.objects.filter(parent=None, kind=Unit.Kind.EXTERNAL))
    assert offered == ours | set(units_of(visible_by_plan(user).parts))
    if role == "office":
        assert two["a"].justice in offered  # the lead unit of the item handed over


def test_a_units_part_counts_by_its_own_light(two):
    handed = two["handed"]
    handed.branch_count = 1
    handed.save(update_fields=["branch_count"])
    part = {"status": ItemStatus.IN_PROGRESS, "rag": Rag.GREEN, "post": two["a"].posts["official2"]}
    Assignment.objects.create(item=handed, unit=two["a"].justice, **part)
    parts = board.board_parts(two["b"].office, {})
    rows = {row.unit: row for row in board.counts_per_unit(*parts)}
    # The part (green) counts under its unit, beside B's 司法所 (yellow); the item's own red light
    # no longer counts anywhere.
    assert (rows["司法所"].red, rows["司法所"].yellow, rows["司法所"].green) == (0, 1, 1)
    assert rows["兴科社区"].red == 0


def test_the_labels_of_a_work_state_follow_the_language():
    item = ResponsibilityItem(status=ItemStatus.IN_PROGRESS, rag=Rag.RED, rag_reason="overdue")
    with translation.override("zh-hans"):
        assert (item.get_status_display(), item.get_rag_display(), item.get_rag_reason_display()) == (
            "办理中",
            "红灯",
            "已逾期",
        )
    with translation.override("en"):
        assert (item.get_status_display(), item.get_rag_display()) == ("In progress", "Red")
    assert ResponsibilityItem(status="unknown").get_status_display() == "unknown"


def test_the_board_filter_renders_as_django_renders_it_with_its_values(two):
    """The selects write their options without a template each (``lists.PlainSelect``): the same HTML."""
    from django import forms

    cast = two["a"]
    data = {"plan": str(cast.plan.pk), "unit": str(cast.community.pk), "rag": Rag.RED}
    ours, theirs = (board.BoardFilter(data, user=cast.office) for _ in range(2))
    for field in theirs.fields.values():
        if isinstance(field.widget, forms.Select):
            field.widget.__class__ = forms.Select
    assert ours.is_valid() and theirs.is_valid()
    for name in ("plan", "unit", "leader", "category", "rag"):
        assert str(ours[name]) == str(theirs[name]), name
    assert f'<option value="{cast.community.pk}" selected>' in str(ours["unit"])


@pytest.mark.parametrize("how", ["handed", "led"])
def test_the_unit_filter_offers_another_organisations_unit_doing_an_item_of_its_plan(two, how):
    """A unit outside the reader's organisation is offered when it does an item of his own plans:
    handed a part of it, or leading it (each asked of that unit alone)."""
    a, b = two["a"], two["b"]
    doer, idle = (Unit.objects.create(name=name, parent=a.street) for name in ("甲城建办", "甲水利站"))
    item = lit(b, "乙交给甲的城建办", Rag.GREEN)
    if how == "handed":
        item.branch_count = 1
        item.save(update_fields=["branch_count"])
        Assignment.objects.create(item=item, unit=doer, status=ItemStatus.IN_PROGRESS, rag=Rag.GREEN)
    else:
        item.lead_unit = doer
        item.save(update_fields=["lead_unit"])
    from responsibility.organisation import units_in
    from responsibility.scope import Scope

    offered = set(board.BoardFilter(user=b.office).fields["unit"].queryset)
    assert doer in offered and idle not in offered
    ours = set(units_in(Scope.of(b.office).member_of)) | set(Unit.objects.filter(parent=None, kind=Unit.Kind.EXTERNAL))
    assert offered == ours | set(units_of(visible_by_plan(b.office).parts))


def test_an_item_without_units_counts_under_each_unit_it_names_or_under_none(two):
    """An item not handed out counts, by its own light, under each of its responsible units, and
    under 未指定单位 if it names none; a unit's name is joined to its counts after they are grouped."""
    a = two["a"]
    both = lit(a, "两个单位的事项", Rag.RED)
    both.responsible_units.set([a.justice, a.community])
    lit(a, "无单位的事项", Rag.YELLOW).responsible_units.clear()
    rows = {
        row.unit: (row.red, row.yellow, row.green, row.total)
        for row in board.counts_per_unit(*board.board_parts(a.office, {}))
    }
    assert rows["未指定单位"] == (0, 1, 0, 1)
    assert rows["司法所"][0] == 2 and rows["兴科社区"][0] == 2  # the 甲红灯 / 甲交给乙的事项 and this one
    assert rows == {
        row.unit: (row.red, row.yellow, row.green, row.total)
        for row in board.counts_per_unit(board.board_items(a.office, {}))
    }
