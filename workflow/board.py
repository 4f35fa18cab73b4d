"""The supervision board (督办看板): the open items a supervisor may see, by light, filtered, counted.

Reads the stored light (``rag``) and progress; never recomputes them per row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from responsibility import permissions
from responsibility.models import Category, Post, Rag, ResponsibilityItem, Unit, WorkPlan
from responsibility.models.plan import LIT_STATUSES, OPEN_STATUSES

from .lights import light_counts
from .lists import search

RAG_ORDER = {Rag.RED: 0, Rag.YELLOW: 1, Rag.GREEN: 2, "": 3}


class BoardFilter(forms.Form):
    plan = forms.ModelChoiceField(label=_("工作要点"), queryset=WorkPlan.objects.none(), required=False)
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=Unit.objects.all(), required=False)
    leader = forms.ModelChoiceField(label=_("牵头领导"), queryset=Post.objects.none(), required=False)
    category = forms.ModelChoiceField(label=_("类别"), queryset=Category.objects.none(), required=False)
    rag = forms.ChoiceField(label=_("督办灯"), choices=[("", _("全部")), *Rag.choices], required=False)
    overdue_days = forms.IntegerField(label=_("逾期天数不少于"), min_value=1, required=False)
    q = forms.CharField(label=_("搜索"), required=False, max_length=50)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = WorkPlan.objects.exclude(status=WorkPlan.Status.DRAFT)
        self.fields["leader"].queryset = Post.objects.filter(
            role__in=[Post.Role.LEADER, Post.Role.COMMITTEE]
        ).select_related("unit", "holder")
        self.fields["category"].queryset = Category.objects.select_related("plan")


@dataclass
class UnitCount:
    unit: str
    red: int
    yellow: int
    green: int
    total: int


def board_items(user, data: dict, today: datetime.date | None = None) -> QuerySet[ResponsibilityItem]:
    today = today or timezone.localdate()
    items = (
        permissions.visible_items(user)
        .filter(is_heading=False, status__in=OPEN_STATUSES)
        .select_related("plan", "category", "lead_leader_post__holder", "lead_unit", "responsible_post__holder")
    )
    if data.get("plan"):
        items = items.filter(plan=data["plan"])
    if data.get("unit"):
        items = items.filter(Q(lead_unit=data["unit"]) | Q(responsible_units=data["unit"])).distinct()
    if data.get("leader"):
        items = items.filter(lead_leader_post=data["leader"])
    if data.get("category"):
        items = items.filter(category=data["category"])
    if data.get("rag"):
        items = items.filter(rag=data["rag"])
    if data.get("overdue_days"):
        items = items.filter(due_by__lte=today - datetime.timedelta(days=data["overdue_days"]))
    if data.get("q"):
        items = items.filter(search(data["q"]))
    return items.alias(rag_rank=_rag_rank()).order_by("rag_rank", "deadline", "id")


def _rag_rank():
    from django.db.models import Case, IntegerField, Value, When

    return Case(
        *(When(rag=rag, then=Value(rank)) for rag, rank in RAG_ORDER.items()),
        default=Value(3),
        output_field=IntegerField(),
    )


def counts(items: QuerySet[ResponsibilityItem]) -> dict[str, int]:
    """How many items show each light (one query)."""
    rows = items.order_by().values("rag").annotate(n=Count("id", distinct=True))
    found = {row["rag"]: row["n"] for row in rows}
    return {
        "red": found.get(Rag.RED, 0),
        "yellow": found.get(Rag.YELLOW, 0),
        "green": found.get(Rag.GREEN, 0),
        "total": sum(found.values()),
    }


def counts_per_unit(items: QuerySet[ResponsibilityItem]) -> list[UnitCount]:
    """Per responsible unit, how many of the items show each light (one query), reddest first."""
    rows = (
        items.order_by()
        .filter(status__in=LIT_STATUSES)
        .values("responsible_units__name")
        .annotate(
            **light_counts(distinct=True),
            total=Count("id", distinct=True),
        )
    )
    per_unit = [
        UnitCount(
            row["responsible_units__name"] or str(_("未指定单位")),
            row["red"],
            row["yellow"],
            row["green"],
            row["total"],
        )
        for row in rows
    ]
    return sorted(per_unit, key=lambda count: (-count.red, -count.yellow, count.unit))
