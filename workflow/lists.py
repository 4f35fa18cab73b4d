"""The filters of the lists (责任清单; 我的待办 in ``task_lists``): parsed by a form, applied by plain functions."""

from __future__ import annotations

import datetime
import operator
from functools import reduce
from typing import NamedTuple

from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from responsibility import deadlines, permissions
from responsibility.models import Assignment, ItemStatus, Rag, ResponsibilityItem, Unit, WorkPlan

PAGE_SIZE = 50


class FlagInput(forms.CheckboxInput):
    """A checkbox in a query string: checked is ``on``; ``0``, ``no``, ``off``, ``false`` (as a link
    or the API may write them) are unchecked, as the API's own boolean reads them."""

    FALSE = {"0", "f", "n", "no", "off", "false"}

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if isinstance(value, str) and value.strip().lower() in self.FALSE:
            return False
        return super().value_from_datadict(data, files, name)


class PlainSelect(forms.Select):
    """Django's select, its options written here instead of through two templates each: the
    承办单位 filter lists hundreds of units, and their templates cost more than the list's 50 rows.
    The HTML is Django's, character for character (tests/workflow/test_list_reading.py holds it to
    Django's); a select with option groups, or labels that are not text, is left to Django."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = widget["optgroups"]
        options = [option for _group, group_options, _index in groups for option in group_options]
        if any(group for group, _options, _index in groups) or not all(_plain(o["label"]) for o in options):
            return super().render(name, value, attrs, renderer)
        lines = "".join(
            f'\n  <option value="{conditional_escape(str(o["value"]))}"{_attrs(o["attrs"])}>'
            f"{conditional_escape(str(o['label']))}</option>\n"  # select_option.html ends in a newline
            for o in options
        )
        opening = f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>'
        return mark_safe(f"{opening}{lines}\n</select>")


def _plain(label) -> bool:
    return isinstance(label, str | Promise)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{conditional_escape(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


class ListedChoices(ModelChoiceIterator):
    """Django's choices of a model field, its rows read by one plain query: Django reads them through
    a server-side cursor (``iterator()``), on PostgreSQL a ``DECLARE … WITH HOLD`` that materialises
    the rows, a ``FETCH`` and a ``CLOSE``, for a select of a hundred units at most."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class Choice(forms.ModelChoiceField):
    """A filter's select of model rows (read as ``ListedChoices``), written without a template per
    option (``PlainSelect``)."""

    iterator = ListedChoices
    widget = PlainSelect


class ItemFilter(forms.Form):
    # The API reads the same parameters (api.serializers.ItemQuerySerializer), with the same limits.
    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    plan = forms.ModelChoiceField(
        label=_("工作要点"), queryset=WorkPlan.objects.none(), required=False, widget=PlainSelect
    )
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部")), *ItemStatus.choices], required=False, widget=PlainSelect
    )
    rag = forms.ChoiceField(
        label=_("督办灯"), choices=[("", _("全部")), *Rag.choices], required=False, widget=PlainSelect
    )
    mine = forms.ChoiceField(
        label=_("我的"),
        choices=[
            ("", _("全部")),
            ("lead", _("我牵头的")),
            ("responsible", _("我负责的")),
            ("cooperating", _("我配合的")),
        ],
        required=False,
        widget=PlainSelect,
    )
    unit = Choice(label=_("承办单位"), queryset=Unit.objects.none(), required=False)
    overdue = forms.BooleanField(label=_("仅看逾期"), required=False, widget=FlagInput)

    def __init__(self, *args, visible: VisibleByPlan, **kwargs) -> None:
        """``visible``: what ``visible_by_plan`` gives."""
        super().__init__(*args, **kwargs)
        plans = visible.plans
        # Only the plans of items the reader may see: another plan's title is not his business.
        # They are read already (the list is narrowed to them): the select shows them without asking again.
        self.fields["plan"].queryset = WorkPlan.objects.filter(pk__in=[plan.pk for plan in plans])
        _offer(self.fields["plan"], plans)
        self.fields["unit"].queryset = units_of(visible.parts)


def _offer(field: forms.ModelChoiceField, instances: list) -> None:
    """The select's options, those of Django's ``ModelChoiceIterator`` for ``instances`` (already read)."""
    choices = [(ModelChoiceIteratorValue(obj.pk, obj), field.label_from_instance(obj)) for obj in instances]
    field.widget.choices = [("", field.empty_label), *choices]


class VisibleByPlan(NamedTuple):
    """``visible_by_plan``'s answer: the items, the plans that hold them (newest first) and the parts
    of ``permissions.visible_item_parts`` that hold them."""

    items: QuerySet[ResponsibilityItem]
    plans: list[WorkPlan]
    parts: list[permissions.VisiblePart]


def visible_by_plan(user) -> VisibleByPlan:
    """The items ``user`` may see, narrowed to the plans that hold them (the same items), and those
    plans: with the plans named, the database reads a list's page, its count and its units by plan
    (``list_order``) instead of every item of every plan. A part holding none of them is left out:
    the office's and the committee's lists are their plans', without the grants' subquery."""
    parts = permissions.visible_item_parts(user)
    plans = list(permissions.plans_of(parts).order_by("-year", "-id"))
    held = [plan.pk for plan in plans]
    parts = permissions.parts_holding(parts, held)
    if not parts:
        return VisibleByPlan(ResponsibilityItem.objects.none(), plans, parts)
    reach = reduce(operator.or_, (part.reach for part in parts))
    return VisibleByPlan(ResponsibilityItem.objects.filter(reach, plan_id__in=held), plans, parts)


# What a row of 责任清单 writes of its item: its place (plan, parent, order: ``outline``; ``is_heading``),
# number and title, its units' parts (``branch_count``), its deadline (``deadlines.state``), progress,
# status and light; of its relations the category's name and the responsible post's words.
ROW_FIELDS = (
    *("plan", "parent", "order", "is_heading", "number", "title", "branch_count"),
    *("status", "rag", "rag_reason", "percent_done", "rectification_due", "deadline", "ongoing", "deadline_text"),
    *("category__name", "responsible_post__title", "responsible_post__unit__name"),
    *("responsible_post__holder__full_name", "responsible_post__holder__username"),
)


def rows(items: QuerySet[ResponsibilityItem]) -> QuerySet[ResponsibilityItem]:
    """``items`` with what the list's rows show (``ROW_FIELDS``) and no more: a page of 50 rows read
    every column of the item, its category, post, unit and person (a user's twenty-odd), 250 model
    objects made whole to write a few names."""
    related = ("category", "responsible_post__unit", "responsible_post__holder")
    return items.select_related(*related).only(*ROW_FIELDS)


def search(q: str) -> Q:
    """Items with ``q`` where a reader would look for words: number, title, content and target
    (the item list, its API and the supervision board search alike)."""
    return Q(number__icontains=q) | Q(title__icontains=q) | Q(content__icontains=q) | Q(target__icontains=q)


def filter_items(
    items: QuerySet[ResponsibilityItem], data: dict, user, today: datetime.date
) -> QuerySet[ResponsibilityItem]:
    if data.get("q"):
        items = items.filter(search(data["q"]))
    if data.get("plan"):
        items = items.filter(plan=data["plan"])
    if data.get("status"):
        items = items.filter(status=data["status"])
    if data.get("rag"):
        items = items.filter(rag=data["rag"])
    if data.get("mine") == "lead":
        items = items.filter(lead_leader_post__holder=user)
    elif data.get("mine") == "responsible":
        # His own unit's part of an item of several units is his as much as an item he leads.
        parts = Assignment.objects.filter(post__holder=user).exclude(role=Assignment.Role.COOPERATING)
        items = items.filter(Q(responsible_post__holder=user) | Q(pk__in=parts.values("item_id")))
    elif data.get("mine") == "cooperating":
        parts = Assignment.objects.filter(post__holder=user, role=Assignment.Role.COOPERATING)
        items = items.filter(pk__in=parts.values("item_id"))
    if data.get("unit"):
        items = items.filter(of_unit(data["unit"]))
    if data.get("overdue"):
        items = items.filter(deadlines.overdue_q(today))
    return items


def units_of(parts: list[permissions.VisiblePart]) -> QuerySet[Unit]:
    """The units doing the items of ``parts`` (an item's lead unit before it is handed out): the
    units the reader of ``visible_by_plan``'s parts may filter by."""
    if not parts:
        return Unit.objects.none()
    return Unit.objects.filter(reduce(operator.or_, map(doing, parts))).order_by("order", "id")


def doing(part: permissions.VisiblePart) -> Q:
    """Units doing any of the part's items: handed a part of one, or leading one. A role's part is
    asked per unit (a probe of ``parts_by_plan`` and of ``item_plan_lead_unit``, by plan and unit):
    asked as sets, its plans' 25,000 items and their parts were read and hashed on every request.
    The grants one by one are few: their lead units are read once, as a set."""
    handed = Exists(part.assignments.filter(unit=OuterRef("pk")))
    if part.granted:
        return handed | Q(pk__in=part.items.values("lead_unit_id"))
    return handed | Exists(part.items.filter(lead_unit=OuterRef("pk")))


def of_unit(unit) -> Q:
    """Items ``unit`` (a unit or its id) does a part of: handed to it in any role, or, not yet handed
    out, naming it as the lead or a responsible unit."""
    named = ResponsibilityItem.responsible_units.through.objects.filter(unit=unit).values("responsibilityitem_id")
    handed = Assignment.objects.filter(unit=unit).values("item_id")
    return Q(pk__in=handed) | Q(branch_count=0, lead_unit=unit) | Q(branch_count=0, pk__in=named)


def query_without_page(request) -> str:
    """The list's query string without its page number, for the pager's links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
