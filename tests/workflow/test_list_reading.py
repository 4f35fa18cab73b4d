"""How the 责任清单 reads and writes its rows at district scale (issue 18): the items narrowed to the
plans that hold them are the same items, the filter's selects are Django's HTML, the labels Django's."""

from __future__ import annotations

import pytest
from django import forms
from django.test import Client
from django.utils import translation

from responsibility import permissions
from responsibility.models import Assignment, ItemStatus, Rag, RagReason, ResponsibilityItem, WorkPlan
from tests.cast import build_cast
from workflow import lists, services

ROLES = ["committee", "office", "leader", "official", "official2", "inspector", "assessor", "outsider"]


@pytest.fixture
def two(cast):
    """Two organisations, each with an item in the flow and a draft; A's official is also granted an
    item of B's plan one by one (as a cascade or a hand grant gives it): his plans are then two."""
    ours = build_cast(prefix="b-", street_name="龙溪街道")
    mine, theirs = cast.item("回兴事项", number="1."), ours.item("龙溪事项", number="1.")
    for side, item in ((cast, mine), (ours, theirs)):
        services.launch(item, side.office)
        side.item("草稿", number="2.")
    from guardian.shortcuts import assign_perm

    assign_perm(permissions.perm(permissions.VIEW), cast.official2, theirs)
    return cast, ours


def plans_seen(user) -> set[int]:
    """The plans of the items ``visible_items`` gives, asked the slow way."""
    return set(permissions.visible_items(user).values_list("plan_id", flat=True))


@pytest.mark.parametrize("side", ["a", "b"])
@pytest.mark.parametrize("role", ROLES)
def test_the_plans_of_visible_items_are_those_of_the_items_each_role_sees(two, side, role):
    user = two[0 if side == "a" else 1].roles[role]
    assert set(permissions.plans_of_visible_items(user).values_list("pk", flat=True)) == plans_seen(user)


def test_an_item_granted_alone_brings_its_plan_and_no_other_item_of_it(two):
    cast, ours = two
    user = cast.official2
    assert set(permissions.plans_of_visible_items(user)) >= {ours.plan}
    visible, plans, _parts = lists.visible_by_plan(user)
    assert {p.pk for p in plans} == plans_seen(user)
    assert set(visible) == set(permissions.visible_items(user))
    assert "龙溪事项" in [item.title for item in visible] and "草稿" not in [item.title for item in visible]


def test_a_superuser_sees_every_plan_that_holds_items(two, django_user_model):
    cast, ours = two
    root = django_user_model.objects.create_superuser("root", password="x")
    empty = WorkPlan.objects.create(organisation=cast.plan.organisation, year=2031, title="空的工作要点")
    plans = set(permissions.plans_of_visible_items(root))
    assert plans == {cast.plan, ours.plan} and empty not in plans


@pytest.mark.parametrize("side", ["a", "b"])
@pytest.mark.parametrize("role", ROLES)
def test_the_list_narrowed_by_plan_shows_the_same_items_and_units(two, side, role):
    user = two[0 if side == "a" else 1].roles[role]
    narrowed, _plans, parts = lists.visible_by_plan(user)
    assert set(narrowed) == set(permissions.visible_items(user))
    assert list(lists.units_of(parts)) == list(_units_the_old_way(permissions.visible_items(user)))


def test_a_role_granted_an_item_outside_its_plans_reads_both_parts(two):
    cast, ours = two
    from guardian.shortcuts import assign_perm

    assign_perm(permissions.perm(permissions.VIEW), cast.office, ResponsibilityItem.objects.get(title="龙溪事项"))
    visible = lists.visible_by_plan(cast.office)
    assert len(visible.parts) == 2 and {p.pk for p in visible.plans} == {cast.plan.pk, ours.plan.pk}
    assert set(visible.items) == set(permissions.visible_items(cast.office))
    assert "龙溪事项" in {item.title for item in visible.items}
    assert list(lists.units_of(visible.parts)) == list(_units_the_old_way(permissions.visible_items(cast.office)))


@pytest.mark.parametrize("role", ["office", "committee"])
def test_a_role_granted_nothing_outside_its_plans_reads_them_without_the_grants(two, role):
    """The grants' subquery is left out of the list's count, page and units where it brings nothing."""
    user = two[0].roles[role]
    visible = lists.visible_by_plan(user)
    assert set(visible.items) == set(permissions.visible_items(user))
    sql = str(visible.items.query) + str(lists.units_of(visible.parts).query)
    assert "guardian" not in sql


def _units_the_old_way(visible):
    """units_of as it was written before it read by part: a probe per unit of the visible items."""
    from django.db.models import Exists, OuterRef

    from responsibility.models import Unit

    doing = visible.order_by().filter(assignments__unit=OuterRef("pk"))
    leading = visible.order_by().filter(lead_unit=OuterRef("pk"))
    return Unit.objects.filter(Exists(doing) | Exists(leading)).order_by("order", "id")


# --- the filter's selects: Django's HTML, written without a template per option ----------------------


CHOICES = [("", "全部"), ("1", "司法所"), ("2", "“法治”<办>&公室"), ("3", "综治办")]


@pytest.mark.parametrize("value", [None, "", "2", "9"])
@pytest.mark.parametrize("attrs", [None, {"class": "x", "required": True, "disabled": False, "data-n": 3}])
def test_a_plain_select_writes_what_djangos_select_writes(value, attrs):
    plain, django = lists.PlainSelect(attrs=attrs), forms.Select(attrs=attrs)
    plain.choices = django.choices = CHOICES
    assert plain.render("unit", value, {"id": "id_unit"}) == django.render("unit", value, {"id": "id_unit"})


def test_a_plain_select_leaves_option_groups_to_django():
    grouped = [("", "全部"), ("组一", [("1", "甲"), ("2", "乙")])]
    plain, django = lists.PlainSelect(), forms.Select()
    plain.choices = django.choices = grouped
    assert plain.render("unit", "2") == django.render("unit", "2")
    assert "<optgroup" in plain.render("unit", "2")


def test_the_filter_form_renders_as_django_renders_it_with_its_values_and_errors(cast):
    cast.item("事项", number="1.")
    visible = lists.visible_by_plan(cast.committee)
    data = {"plan": str(cast.plan.pk), "status": "in_progress", "rag": "nope", "unit": str(cast.justice.pk)}
    ours = lists.ItemFilter(data, visible=visible)
    theirs = lists.ItemFilter(data, visible=visible)
    for field in theirs.fields.values():
        field.widget.__class__ = forms.Select  # Django's own widget, on Django's own choices
        if isinstance(field, forms.ModelChoiceField):
            field.widget.choices = field.choices
    ours.is_valid(), theirs.is_valid()
    assert "rag" in ours.errors and ours.cleaned_data["plan"] == cast.plan
    assert ours.cleaned_data["unit"] == cast.justice
    for name in ("plan", "status", "rag", "mine", "unit"):
        assert str(ours[name]) == str(theirs[name]), name
    assert f'<option value="{cast.plan.pk}" selected>' in str(ours["plan"])


def test_the_filter_refuses_a_plan_whose_items_the_reader_may_not_see(two):
    cast, ours = two
    form = lists.ItemFilter({"plan": str(ours.plan.pk)}, visible=lists.visible_by_plan(cast.office))
    assert not form.is_valid() and "plan" in form.errors


def test_the_list_page_offers_the_readers_plans_and_units_only(two):
    cast, ours = two
    client = Client()
    client.force_login(cast.office)
    page = client.get("/items/").content.decode()
    assert f'<option value="{cast.plan.pk}">' in page and f'<option value="{ours.plan.pk}">' not in page
    assert f'<option value="{cast.justice.pk}">' in page and f'<option value="{ours.justice.pk}">' not in page


# --- choice labels -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_choice_labels_are_djangos_in_the_readers_language(cast, language):
    item = cast.item("事项", number="1.")
    assignment = Assignment(item=item, unit=cast.justice)
    fields = {"status": ItemStatus, "rag": Rag, "rag_reason": RagReason}
    with translation.override(language):
        for work in (item, assignment):
            for name, choices in fields.items():
                for value in [*choices.values, "", "not-a-choice"]:
                    setattr(work, name, value)
                    field = type(work)._meta.get_field(name)
                    expected = dict(field.flatchoices).get(value, value)
                    assert getattr(work, f"get_{name}_display")() == str(expected)


def test_a_label_follows_the_language_of_the_request_not_the_first_one_read(cast):
    item = ResponsibilityItem(status=ItemStatus.IN_PROGRESS)
    with translation.override("zh-hans"):
        chinese = item.get_status_display()
    with translation.override("en"):
        english = item.get_status_display()
    assert chinese == "办理中" and english != chinese and english


@pytest.mark.parametrize("role", ["office", "committee", "official"])
def test_the_list_reads_its_units_in_a_plain_query_not_a_server_side_cursor(cast, role):
    """Django's choices read a queryset through a cursor on the server (DECLARE, FETCH, CLOSE: three
    round trips, and the rows kept past the transaction); the filter reads its units with the page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.launch(cast.item("事项", number="1."), cast.office)
    client = Client()
    client.force_login(cast.roles[role])
    client.get("/items/")
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/items/").content.decode()
    assert not [q["sql"] for q in captured if (q["sql"] or "").lstrip().upper().startswith("DECLARE")]
    if role != "official":
        assert f'<option value="{cast.justice.pk}">' in page
