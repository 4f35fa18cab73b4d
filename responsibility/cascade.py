"""上级交办 (issue 18, cascade): a part of an item handed to a unit that is itself an organisation.

A district's plan names its 街道 as units ("各街道、区直各部门"). A 街道 runs its own plan, units and
office on the same installation, so its part of the district's item (its assignment) goes to its
office (党政办), which accepts it and decomposes it into items of its own list: drafts of the 街道's
plan of incoming work for that year, each pointing back at the district's part
(``ResponsibilityItem.source_assignment``). The 街道 deploys them to its own units as usual; their
progress and lights roll up to the district's part (``rollup``), and once every one is closed the
office claims completion of that part, with the facts taken from its items (``claim_narrative``), and
the district verifies the claim as any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from .models import Assignment, ItemStatus, Post, Rag, ResponsibilityItem, Unit, WorkPlan
from .supervision import RAG_ORDER

# Where the district's part must stand for the 街道 to decompose it: accepted and not yet claimed.
DECOMPOSABLE = (ItemStatus.IN_PROGRESS, ItemStatus.EXTENSION_REQUESTED, ItemStatus.RECTIFYING)


def is_organisation(unit: Unit) -> bool:
    """Is ``unit`` an organisation using the system (a 街道 on the district's plan)?"""
    return unit.kind == Unit.Kind.ORGANISATION


def may_have_items(assignment) -> bool:
    """Could ``assignment`` be an organisation's part (so its items are worth a query)? Its post is
    an office's (deploy gives an organisation's part to its office), or its unit, if read, is one.
    A step of an ordinary unit's part asks nothing more of the database."""
    if not isinstance(assignment, Assignment):
        return False  # an item with no units of its own (from before 分办)
    post = assignment.post if assignment.post_id else None
    if post is not None and post.role == Post.Role.OFFICE:
        return True
    unit = assignment._state.fields_cache.get("unit")
    return unit is not None and is_organisation(unit)


def own_units(organisation: Unit) -> list[int]:
    """The organisation and the units of its own tree, not those of an organisation below it."""
    found, level = [organisation.pk], [organisation.pk]
    while level:
        children = Unit.objects.filter(parent__in=level).exclude(kind=Unit.Kind.ORGANISATION)
        level = list(children.values_list("pk", flat=True))
        found += level
    return found


def office_post(organisation: Unit) -> Post | None:
    """The post that receives the organisation's part of a higher organisation's item: its office
    (党政办) post with a holder, the first by id."""
    posts = Post.objects.filter(unit__in=own_units(organisation), role=Post.Role.OFFICE, holder__isnull=False)
    return posts.select_related("unit", "holder").order_by("id").first()


def incoming_plan(organisation: Unit, year: int) -> WorkPlan:
    """The organisation's plan of incoming work (上级交办事项) for ``year``, made on first use.

    A plan of its own rather than the organisation's published work points: the 街道's own list stays
    as its committee adopted it, and the incoming work is counted, exported and scored apart.
    """
    with override(settings.LANGUAGE_CODE):  # one plan whatever language its first user reads
        title = _("%(organisation)s%(year)s年度上级交办事项") % {"organisation": organisation.name, "year": year}
    plan, _created = WorkPlan.objects.get_or_create(
        organisation=organisation,
        year=year,
        title=title,
        defaults={"status": WorkPlan.Status.PUBLISHED},
    )
    return plan


def cascaded(assignment: Assignment) -> list[ResponsibilityItem]:
    """The organisation's items made from ``assignment``, in their plan's order."""
    return list(assignment.cascaded_items.order_by("order", "id"))


def create_items(assignment: Assignment, titles: Sequence[str]) -> list[ResponsibilityItem]:
    """Drafts in the organisation's plan of incoming work, one per title, due by the part's deadline,
    with the district item's target and points; the 街道's office deploys them to its units."""
    source = assignment.item
    plan = incoming_plan(assignment.unit, source.plan.year)
    last = plan.items.aggregate(last=Max("order"))["last"] or 0
    count = plan.items.count()
    made = []
    for offset, title in enumerate(titles, start=1):
        made.append(
            ResponsibilityItem.objects.create(
                plan=plan,
                number=f"{count + offset}.",
                order=last + offset,
                title=title,
                target=source.target,
                deadline=None if source.ongoing else (assignment.deadline or source.deadline),
                ongoing=source.ongoing,
                report_cadence=source.report_cadence,
                points=assignment.scored_points,
                source_assignment=assignment,
            )
        )
    return made


@dataclass(frozen=True)
class Rollup:
    """Where an organisation's items made from one part stand together."""

    total: int
    closed: int
    percent: int  # their mean progress
    rag: str  # the light of the reddest one still open ("" when none is lit)

    def __str__(self) -> str:
        text = _("本单位分解为%(total)s项，已办结%(closed)s项，平均进度%(percent)s%%") % {
            "total": self.total,
            "closed": self.closed,
            "percent": self.percent,
        }
        return text

    @property
    def rag_display(self) -> str:
        return str(Rag(self.rag).label) if self.rag else ""

    @property
    def all_closed(self) -> bool:
        return self.closed == self.total


def rollup(items: Sequence[ResponsibilityItem]) -> Rollup | None:
    """The roll-up of ``items`` (None: nothing decomposed yet)."""
    if not items:
        return None
    closed = sum(1 for item in items if item.status == ItemStatus.CLOSED)
    percent = sum(100 if item.status == ItemStatus.CLOSED else item.percent_done for item in items) // len(items)
    lit = [item.rag for item in items if item.status != ItemStatus.CLOSED and item.rag]
    rag = min(lit, key=lambda rag: RAG_ORDER[rag]) if lit else ""
    return Rollup(len(items), closed, percent, rag)


def roll_up_into(item: ResponsibilityItem) -> None:
    """After a step of an item made from a higher organisation's part: that part's progress becomes
    its items' mean (so the district's lists, board and lights read it as they read any unit's), and
    the district item's state is derived again. Only while the part is at work: its claim says 100."""
    from .assignments import derive, siblings

    part = Assignment.objects.select_related("item").get(pk=item.source_assignment_id)
    rolled = rollup(cascaded(part))
    if rolled is None or part.status not in DECOMPOSABLE or part.percent_done == rolled.percent:
        return
    part.percent_done = rolled.percent
    part.write(["percent_done"])
    derive(part.item, siblings(part))


def not_closed(items: Sequence[ResponsibilityItem]) -> list[str]:
    """The titles of the items not yet closed: the part may not be claimed while any is open."""
    return [str(item) for item in items if item.status != ItemStatus.CLOSED]


def claim_narrative(items: Sequence[ResponsibilityItem]) -> str:
    """The claim's narrative, from the items: each with the day it was closed."""
    lines = [_("本单位将上级交办事项分解为%(count)s项，均已办结：") % {"count": len(items)}]
    for item in items:
        closed = date_format(timezone.localtime(item.closed_at).date()) if item.closed_at else ""
        lines.append(_("%(item)s（%(date)s办结）") % {"item": item, "date": closed})
    return "\n".join(lines)
