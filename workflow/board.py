"""The supervision board (督办看板): the open items a supervisor may see, by light, filtered, counted.

Reads the stored light (``rag``) and progress; never recomputes them per row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from responsibility import deadlines, permissions
from responsibility.models import Assignment, Category, Post, Rag, ResponsibilityItem, Unit, WorkPlan
from responsibility.models.plan import LIT_STATUSES, OPEN_STATUSES, rag_rank
from responsibility.organisation import units_in
from responsibility.scope import Scope

from .lights import LIGHTS, tally
from .lists import Choice, PlainSelect, doing, search


class BoardFilter(forms.Form):
    plan = Choice(label=_("工作要点"), queryset=WorkPlan.objects.none(), required=False)
    unit = Choice(label=_("承办单位"), queryset=Unit.objects.all(), required=False)
    leader = Choice(label=_("牵头领导"), queryset=Post.objects.none(), required=False)
    category = Choice(label=_("类别"), queryset=Category.objects.none(), required=False)
    rag = forms.ChoiceField(
        label=_("督办灯"), choices=[("", _("全部")), *Rag.choices], required=False, widget=PlainSelect
    )
    overdue_days = forms.IntegerField(label=_("逾期天数不少于"), min_value=1, required=False)
    q = forms.CharField(label=_("搜索"), required=False, max_length=50)

    def __init__(self, *args, user, **kwargs) -> None:
        """The choices are the user's organisations' (another's plans and names are not his business)."""
        super().__init__(*args, **kwargs)
        plans = permissions.visible_plans(user).exclude(status=WorkPlan.Status.DRAFT)
        # Each select reads the columns its labels are written from (the models' ``__str__``).
        self.fields["plan"].queryset = plans.only("title")
        leaders = Post.objects.filter(role__in=[Post.Role.LEADER, Post.Role.COMMITTEE])
        organisations = Scope.of(user).member_of
        if organisations is not None:
            leaders = leaders.filter(unit__in=units_in(organisations))
            # The units of his organisations, the 区直部门 outside every tree, and any unit doing an
            # item he sees (of another organisation, handed to his).
            ours = Q(pk__in=units_in(organisations)) | Q(parent__isnull=True, kind=Unit.Kind.EXTERNAL)
            for part in permissions.visible_item_parts(user):
                ours |= doing(part)
            self.fields["unit"].queryset = Unit.objects.filter(ours).order_by("order", "id")
        self.fields["unit"].queryset = self.fields["unit"].queryset.only("name")
        posts = leaders.select_related("unit", "holder")
        self.fields["leader"].queryset = posts.only("title", "unit__name", "holder__full_name", "holder__username")
        self.fields["category"].queryset = Category.objects.filter(plan__in=plans).only("name")


class LeaderBoardFilter(BoardFilter):
    """The lead leader's board: the board's filters but the leader (it is he)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["leader"]


def led_items(user, data: dict, today: datetime.date | None = None) -> QuerySet[ResponsibilityItem]:
    """The lead leader's board (我牵头的事项): the board's items, filtered as it filters, that he leads."""
    return board_items(user, data, today).filter(lead_leader_post__holder=user)


def led_parts(user, data: dict, today: datetime.date | None = None) -> list[QuerySet[ResponsibilityItem]]:
    """``led_items`` in the disjoint parts that ``counts`` reads off indexes (``board_parts``)."""
    return [part.filter(lead_leader_post__holder=user) for part in board_parts(user, data, today)]


@dataclass
class UnitCount:
    unit: str
    red: int
    yellow: int
    green: int
    total: int


def board_items(user, data: dict, today: datetime.date | None = None) -> QuerySet[ResponsibilityItem]:
    items = _filtered(permissions.visible_items(user), data, today).select_related(
        "plan", "category", "lead_leader_post__holder", "lead_unit", "responsible_post__holder"
    )
    # The order of the ``board_order`` index: a page is read off it, not sorted from every open item.
    return items.alias(rag_rank=rag_rank()).order_by("rag_rank", "deadline", "id")


# What a row of the board writes of its item: its light and reason, number and title (and the headings
# above it, by ``parent``), its units' parts (``branch_count``), its deadline (``deadlines.state``),
# progress and status; of its relations only the lead unit's name and the responsible person's.
ROW_FIELDS = (
    *("status", "rag", "rag_reason", "percent_done", "expected_percent", "rectification_due", "parent"),
    *("number", "title", "deadline", "ongoing", "deadline_text", "branch_count"),
    *("lead_unit__name", "responsible_post__holder__full_name", "responsible_post__holder__username"),
)


def rows(items: QuerySet[ResponsibilityItem]) -> QuerySet[ResponsibilityItem]:
    """``items`` (``board_items`` or ``led_items``) with what a page's rows show (``ROW_FIELDS``) and
    no more: the export and the workspace read the whole items with their plan, category and leader,
    a page of 50 rows built eight model objects of every column for each of them."""
    related = ("lead_unit", "responsible_post__holder")
    return items.select_related(None).select_related(*related).only(*ROW_FIELDS)


def board_parts(user, data: dict, today: datetime.date | None = None) -> list[QuerySet[ResponsibilityItem]]:
    """``board_items`` in disjoint parts (``permissions.visible_item_parts``), unordered: what the
    counts group, each part read off an index (``board_plan_lights`` for a plan's open items)."""
    return [_filtered(part.items, data, today) for part in permissions.visible_item_parts(user)]


def _filtered(items: QuerySet[ResponsibilityItem], data: dict, today: datetime.date | None) -> QuerySet:
    """The open items (leaves) of ``items`` that the board's filters (``BoardFilter``'s data) keep."""
    today = today or timezone.localdate()
    items = items.filter(is_heading=False, status__in=OPEN_STATUSES)
    if data.get("plan"):
        items = items.filter(plan=data["plan"])
    if data.get("unit"):
        # Any unit the item was handed to (or, before deploy, names as lead or responsible).
        named = Q(lead_unit=data["unit"]) | Q(responsible_units=data["unit"]) | Q(assignments__unit=data["unit"])
        items = items.filter(pk__in=ResponsibilityItem.objects.filter(named).values("pk"))
    if data.get("leader"):
        items = items.filter(lead_leader_post=data["leader"])
    if data.get("category"):
        items = items.filter(category=data["category"])
    if data.get("rag"):
        items = items.filter(rag=data["rag"])
    if data.get("overdue_days"):
        items = items.filter(deadlines.overdue_by_q(today, data["overdue_days"]))
    if data.get("q"):
        items = items.filter(search(data["q"]))
    return items


def counts(*parts: QuerySet[ResponsibilityItem]) -> dict:
    """How many items show each light, and how many show none, by status (``lights.tally``), over
    the disjoint ``parts`` (``board_parts``) in one query."""
    return tally(*parts)


def counts_per_unit(*parts: QuerySet[ResponsibilityItem]) -> list[UnitCount]:
    """Per unit, how many of the items' parts show each light, reddest first (one query over the
    disjoint ``parts``): each unit's own part of an item with units, by its own light; an item
    without units under each of its responsible units, by the item's light. The table is by name
    (two units of one name, in two organisations, share a row)."""
    grouped = []
    for items in parts:
        # Asked of each part by its item and the item's plan: when the items are one plan's, the
        # planner merges that plan's lit parts (``lit_parts_by_plan``) with its open items of several
        # units (``board_parted_items``), both by item, from the indexes alone.
        lit = items.filter(branch_count__gt=0, pk=OuterRef("item_id"), plan=OuterRef("item_plan_id"))
        grouped.append(
            Assignment.objects.filter(Exists(lit), status__in=LIT_STATUSES)
            .exclude(role=Assignment.Role.COOPERATING)
            .order_by()
            .values(unit_key=F("unit_id"), light=F("rag"))
            .annotate(n=Count("*"))
        )
        # A row per item and unit it names: grouped by the unit, each item counts once without DISTINCT
        # (a plan's such items read off ``board_unparted_items``).
        grouped.append(
            items.filter(branch_count=0, status__in=LIT_STATUSES)
            .order_by()
            .values(unit_key=F("responsible_units"), light=F("rag"))
            .annotate(n=Count("*"))
        )
    found: dict[str, UnitCount] = {}
    for name, light, n in _named(grouped[0].union(*grouped[1:], all=True)):
        name = name or str(_("未指定单位"))
        count = found.setdefault(name, UnitCount(name, 0, 0, 0, 0))
        if light in PER_LIGHT:
            setattr(count, PER_LIGHT[light], getattr(count, PER_LIGHT[light]) + n)
        count.total += n
    return sorted(found.values(), key=lambda count: (-count.red, -count.yellow, count.unit))


# Each unit's parts are grouped by unit and light and counted once a group, the table's rows added up
# here (four rows a unit at most): three counts with a FILTER each and a total, on every one of a
# plan's 16,500 lit parts, took 15.7 ms where this takes 12.9 (bench/README.md, "the item page and
# 督办看板 at 100k").
PER_LIGHT = {rag: name for name, rag in LIGHTS.items()}


def _named(counted: QuerySet) -> list[tuple]:
    """``counted``'s rows (``unit_key``, light, n) with the unit's name for its key, in the same
    statement: grouped by the key, the parts are counted before any unit is joined (joined first,
    each of a plan's 16,500 lit parts was matched to its unit and grouped by text)."""
    sql, params = counted.query.sql_with_params()
    unit = Unit._meta
    named = (
        f"SELECT unit.{unit.get_field('name').column}, counted.light, counted.n"
        f" FROM ({sql}) counted LEFT JOIN {unit.db_table} unit ON unit.{unit.pk.column} = counted.unit_key"
    )
    with connection.cursor() as cursor:
        cursor.execute(named, params)
        return cursor.fetchall()


def attach_units(items: list[ResponsibilityItem]) -> None:
    """Give each item of several units its units' parts (``item.unit_parts``), in one query."""
    several = {item.pk: item for item in items if item.branch_count > 1}
    parts: dict[int, list[Assignment]] = {}
    if several:
        rows = Assignment.objects.filter(item__in=list(several)).exclude(role=Assignment.Role.COOPERATING)
        for part in rows.select_related("unit").order_by("item", "order", "id"):
            part.item = several[part.item_id]  # its deadline rules read the item's
            parts.setdefault(part.item_id, []).append(part)
    for item in items:
        item.unit_parts = parts.get(item.pk, [])


def may_urge_any(user) -> bool:
    """Does the board offer 批量催办: may the user urge some item (each one picked is checked again)?"""
    return (
        permissions.has_model_right(user, permissions.URGE)
        or permissions.visible_items(user, permissions.URGE).filter(is_heading=False).exists()
    )
