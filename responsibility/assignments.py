"""An item's assignments (分办): which units do its work, and what the item's own state is then.

Once an item is deployed, its status, progress and light say where its units stand together, stored
on the item so that lists and the board read them without looking at the units: the item is as far
as its least advanced unit, as done as its units on average, as red as its reddest unit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from config import rows

from .importing.resolve import group_members as members_of
from .importing.resolve import tree_units
from .models import Assignment, Closing, ItemStatus, ResponsibilityItem, Unit
from .models.plan import OPEN_STATUSES, RAG_ORDER, REPORTING_STATUSES

# How far along the life an assignment is: the item stands where its least advanced unit stands.
PROGRESS_ORDER = {
    ItemStatus.SENT_BACK: 0,
    ItemStatus.ACCEPTING: 1,
    ItemStatus.IN_PROGRESS: 2,
    ItemStatus.EXTENSION_REQUESTED: 2,
    ItemStatus.RECTIFYING: 3,
    ItemStatus.CLAIMED: 4,
    ItemStatus.HANDED_IN: 5,  # 牵头单位汇总办结: done, waiting for the lead unit's claim
    ItemStatus.VERIFIED: 6,
    ItemStatus.CLOSED: 7,
}


def branches(assignments: Iterable[Assignment]) -> list[Assignment]:
    """The assignments that run the flow themselves (lead and responsible units)."""
    return [a for a in assignments if a.runs_branch]


def derive(
    item: ResponsibilityItem, assignments: Sequence[Assignment], at: datetime.datetime | None = None, *, save=True
) -> list[str]:
    """Set the item's state from its units' and write what changed (``save=False``: the caller
    writes it); returns the fields changed.

    An item with one unit is exactly that unit's state. With several: the status of the least
    advanced unit, the mean progress (and progress expected), the earliest start; its deadline is
    the nearest deadline of a unit still at work, its rectification deadline the nearest of a unit
    rectifying; the light and reason of its reddest unit, the nearest report any unit owes, the
    most reports any has missed, the highest ladder step any stands on (as the sweep's
    ``supervision.derive_supervision`` does for a whole plan).
    """
    working = branches(assignments)
    if not working:
        return []
    least = min(working, key=lambda a: PROGRESS_ORDER.get(a.status, 0))
    reddest = min(working, key=lambda a: RAG_ORDER[a.rag])  # the first of the reddest, in unit order
    still_open = [a for a in working if a.is_open] or working
    values = {
        "percent_done": sum(a.percent_done for a in working) // len(working),
        "started_on": _earliest(a.started_on for a in working),
        "rectification_due": _earliest(a.rectification_due for a in working if a.status == ItemStatus.RECTIFYING),
        "deadline": _earliest(a.deadline for a in still_open),
        "expected_percent": sum(a.expected_percent for a in working) // len(working),
        "rag": reddest.rag,
        "rag_reason": reddest.rag_reason,
        "next_report_due": _earliest(a.next_report_due for a in working if a.status in REPORTING_STATUSES),
        "reports_missed": max(a.reports_missed for a in working),
        "escalation_level": max(a.escalation_level for a in working),
    }
    changed = [name for name, value in values.items() if getattr(item, name) != value]
    for name in changed:
        setattr(item, name, values[name])
    if least.status != item.status:
        changed += item._moved(least.status, at or timezone.now())
        if least.status == ItemStatus.CLOSED:
            item.closed_at = max(a.closed_at for a in working)
    changed = list(dict.fromkeys(changed))
    if changed and save:
        item.write(changed)
    return changed


def _earliest(dates: Iterable[datetime.date | None]) -> datetime.date | None:
    dates = [d for d in dates if d is not None]
    return min(dates) if dates else None


def weigh(points: dict[Assignment, Decimal | None]) -> int:
    """The office's points per unit on a shared item (水利站 5 / 环保办 15): each assignment's own, or
    None for the item's. Writes only those that change; returns how many did."""
    changed = [a for a, value in points.items() if a.points != value]
    for assignment in changed:
        assignment.points = points[assignment]
        Assignment.objects.filter(pk=assignment.pk).update(points=assignment.points)
    return len(changed)


def hands_in(assignment: Assignment) -> bool:
    """Does the unit's completion go to its lead unit (牵头单位汇总办结) rather than to verification?"""
    lead_closes = assignment.item.closing == Closing.LEAD
    return lead_closes and assignment.runs_branch and assignment.role != Assignment.Role.LEAD


# Where a unit's part stands once it has reported it done to the lead unit, and after.
HANDED_IN_OR_LATER = (ItemStatus.HANDED_IN, ItemStatus.VERIFIED, ItemStatus.CLOSED)


def units_not_in(assignment: Assignment) -> list[str]:
    """On an item the lead unit closes for all (牵头单位汇总办结), the units whose part the lead still
    waits for before it may claim completion; none for any other unit or item."""
    if assignment.item.closing != Closing.LEAD or assignment.role != Assignment.Role.LEAD:
        return []
    others = [a for a in branches(siblings(assignment)) if a.pk != assignment.pk]
    waiting = [a for a in others if a.status not in HANDED_IN_OR_LATER]
    units = dict(Unit.objects.filter(pk__in=[a.unit_id for a in waiting]).values_list("pk", "name")) if waiting else {}
    return [units[a.unit_id] for a in waiting]


def siblings(assignment: Assignment) -> list[Assignment]:
    """The assignments of ``assignment``'s item, ``assignment`` itself as the caller holds it (read
    only when the item has other units)."""
    if assignment.item.branch_count <= 1 and assignment.runs_branch:
        return [assignment]
    return [assignment if a.pk == assignment.pk else a for a in of_item(assignment.item)]


def of_item(item: ResponsibilityItem) -> list[Assignment]:
    """The item's assignments in order, each knowing its item (no query to read it back)."""
    found = rows.reader(Assignment).of("item", item.pk)
    for assignment in found:
        assignment.item = item
    return found


@dataclass(frozen=True)
class Standing:
    """Where an item's units stand, in one sentence: "3/5 个单位已办结；东湖社区逾期12天"."""

    done: int
    total: int
    late: list[tuple[str, int]]
    handed_in: int = 0  # 牵头单位汇总办结: parts done and reported to the lead unit

    def __str__(self) -> str:
        parts = []
        if self.total > 1:
            parts.append(_("%(done)s/%(total)s 个单位已办结") % {"done": self.done, "total": self.total})
        if self.handed_in:
            parts.append(_("%(count)s 个单位已报牵头单位") % {"count": self.handed_in})
        parts += [_("%(unit)s逾期%(days)s天") % {"unit": unit, "days": days} for unit, days in self.late]
        return "；".join(parts)


def standing(assignments: Sequence[Assignment], today: datetime.date | None = None) -> Standing:
    working = branches(assignments)
    today = today or timezone.localdate()
    done = sum(1 for a in working if a.status in (ItemStatus.VERIFIED, ItemStatus.CLOSED))
    late = [(a.unit.name, a.days_overdue(today)) for a in working if a.is_overdue(today)]
    handed_in = sum(1 for a in working if a.status == ItemStatus.HANDED_IN)
    return Standing(done, len(working), late, handed_in)


def planned_units(item: ResponsibilityItem) -> list[tuple[Unit, str]]:
    """The units the item names, each once, in the role it first has."""
    return named_units(item.lead_unit, item.responsible_units.all(), item.cooperating_units.all())


def named_units(lead: Unit | None, responsible: Iterable[Unit], cooperating: Iterable[Unit]) -> list[tuple[Unit, str]]:
    """Units named in roles, each once, in the role it first has: the lead unit, then the
    responsible units, then the cooperating ones (an item's, or a deploy form's)."""
    named: dict[int, tuple[Unit, str]] = {}
    candidates = [
        *([(lead, Assignment.Role.LEAD)] if lead is not None else []),
        *((unit, Assignment.Role.RESPONSIBLE) for unit in responsible),
        *((unit, Assignment.Role.COOPERATING) for unit in cooperating),
    ]
    for unit, role in candidates:
        named.setdefault(unit.pk, (unit, role))
    return list(named.values())


# The fields of an item that may hold group words, in the role their units take.
GROUP_FIELDS = ("responsible_units", "cooperating_units")


def group_members(item: ResponsibilityItem) -> dict[str, dict[str, list[Unit]]]:
    """Each group word of the item (各社区), by field, with the units it stands for today in the
    plan's organisation: none for a group the organisation has no unit of. No query for an item
    without group words."""
    if not any(item.group_words(field) for field in GROUP_FIELDS):
        return {}
    organisation = item.plan.organisation
    units = tree_units(organisation)
    return {
        field: {word: members_of(organisation, word, units) for word in item.group_words(field)}
        for field in GROUP_FIELDS
        if item.group_words(field)
    }


def expand_groups(
    item: ResponsibilityItem, members: dict[str, dict[str, list[Unit]]] | None = None
) -> dict[str, list[Unit]]:
    """The units the item's group words stand for, by field, each unit once: at deploy every unit
    of the group is named, and the office unticks those that have no part in the item.
    ``members``: ``group_members(item)``, if already read."""
    expanded: dict[str, list[Unit]] = {}
    for field, groups in (group_members(item) if members is None else members).items():
        units = expanded.setdefault(field, [])
        for of_group in groups.values():
            units += [unit for unit in of_group if unit not in units]
    return expanded


@dataclass(frozen=True)
class Planned:
    """A unit to hand the item to at deploy, in its role, with its 责任人's post."""

    unit: Unit
    role: str
    post: object  # Post
    deadline: datetime.date | None = None  # its own deadline, if not the item's (a 会办 date)


def hand_out(item: ResponsibilityItem, planned: Sequence[Planned]) -> list[Assignment]:
    """Deploy ``item`` to the planned units: one assignment each, waiting for its unit to accept
    (cooperating units contribute from now on). Units no longer planned lose their assignment.
    Sets the item's ``branch_count``; the caller writes the item (deploy writes the whole row next).
    Returns the assignments in order, each knowing its item, unit and post."""
    existing = {a.unit_id: a for a in rows.reader(Assignment).of("item", item.pk)}
    handed = []
    for order, plan in enumerate(planned):
        assignment = existing.pop(plan.unit.pk, None)
        fresh = assignment is None
        if fresh:
            assignment = Assignment(item=item, unit=plan.unit)
        assignment.item, assignment.unit, assignment.item_plan_id = item, plan.unit, item.plan_id
        assignment.role, assignment.post, assignment.order = plan.role, plan.post, order
        own = plan.deadline or (None if item.ongoing else item.deadline)
        assignment.deadline = assignment.original_deadline = own
        status = ItemStatus.IN_PROGRESS if plan.role == Assignment.Role.COOPERATING else ItemStatus.ACCEPTING
        assignment._moved(status, timezone.now())
        assignment.due_by = assignment.effective_deadline()
        if fresh:
            rows.insert(assignment)
        else:
            rows.update(assignment, [f for f in rows.columns(Assignment) if f not in ("item",)])
        handed.append(assignment)
    if existing:
        Assignment.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()
    item.branch_count = len(branches(handed))
    item.contribution_count = len(handed) - item.branch_count
    return handed


def officials_at_work(items: Iterable[ResponsibilityItem]) -> dict[int, list]:
    """Whom an urge (or a 批示 on the whole item) reaches on each item, by item id: the holders of
    the posts of the item's units still at work (not yet verified), else the item's responsible
    official. One query for all the items that have units."""
    items = list(items)
    found: dict[int, list] = {item.pk: [] for item in items}
    for item in items:
        if not item.branch_count and item.responsible_post_id and item.responsible_post.holder_id:
            found[item.pk].append(item.responsible_post.holder)
    with_units = [item.pk for item in items if item.branch_count]
    if not with_units:
        return found
    at_work = (
        Assignment.objects.filter(item__in=with_units, status__in=OPEN_STATUSES)
        .exclude(role=Assignment.Role.COOPERATING)
        .select_related("post__holder")
        .order_by("item", "order", "id")
    )
    for part in at_work:
        holder = part.post.holder if part.post_id else None
        if holder is not None and holder not in found[part.item_id]:
            found[part.item_id].append(holder)
    return found
