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

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from . import standing
from .models import Assignment, ItemEvent, ItemStatus, Post, ProgressReport, Rag, ResponsibilityItem, Unit, WorkPlan
from .supervision import RAG_ORDER, after_report

# Where the district's part must stand for the 街道 to decompose it: accepted and not yet claimed.
DECOMPOSABLE = (ItemStatus.IN_PROGRESS, ItemStatus.EXTENSION_REQUESTED, ItemStatus.RECTIFYING)


def is_organisation(unit: Unit) -> bool:
    """Is ``unit`` an organisation using the system (a 街道 on the district's plan)?"""
    return unit.kind == Unit.Kind.ORGANISATION


def may_have_items(assignment) -> bool:
    """Could ``assignment`` be an organisation's part (so its items are worth a query)? Its post is
    an office's (deploy gives an organisation's part to its office), or a post outside the part's
    own unit (an ordinary unit's part stays on its own posts through deploy, redeploy and 转办; an
    organisation's is lent only to posts of its departments, ``may_hold``), or its unit, if read, is
    one. A step of an ordinary unit's part asks nothing more of the database."""
    if not isinstance(assignment, Assignment):
        return False  # an item with no units of its own (from before 分办)
    post = assignment.post if assignment.post_id else None
    if post is not None and (post.role == Post.Role.OFFICE or post.unit_id != assignment.unit_id):
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


def may_hold(organisation: Unit, post: Post, own: list[int] | None = None) -> bool:
    """May ``post`` hold the organisation's part (转办 within the organisation)? A post of one of its
    own departments, or an office post. Not any other post on the organisation's own unit: a part on
    a post outside its unit is how a step knows an organisation's part without reading the unit
    (``may_have_items``). ``own``: ``own_units(organisation)``, if the caller has it."""
    own = own_units(organisation) if own is None else own
    if post.unit_id not in own:
        return False
    return post.unit_id != organisation.pk or post.role == Post.Role.OFFICE


def office_groups(organisation: Unit) -> list[int]:
    """The groups of the organisation's office posts: they see its parts of higher organisations'
    items wherever the part is lent within the organisation (its unit's own group has no members:
    people hold posts in its departments)."""
    posts = Post.objects.filter(unit__in=own_units(organisation), role=Post.Role.OFFICE, group__isnull=False)
    return list(posts.values_list("group_id", flat=True))


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


def roll_up_into(item: ResponsibilityItem, reported: bool = False) -> None:
    """After a step of an item made from a higher organisation's part: that part's progress becomes
    its items' mean (so the district's lists, board and lights read it as they read any unit's), and
    the district item's state is derived again. Only while the part is at work: its claim says 100.

    ``reported``: the step was a report (进度反馈, 申请办结, 整改): it meets the part's report due to
    the higher organisation as a report on the part would (``after_report``), so the organisation's
    office is not told it missed a report its own units made; a period in which none of its items
    reports is still missed."""
    from .assignments import derive, siblings

    part = Assignment.objects.select_related("item__plan").get(pk=item.source_assignment_id)
    rolled = rollup(cascaded(part))
    if rolled is None or part.status not in DECOMPOSABLE:
        return
    fields = []
    if part.percent_done != rolled.percent:
        part.percent_done = rolled.percent
        fields.append("percent_done")
    if reported:
        after_report(part, timezone.localdate())
        fields += ["reports_missed", "next_report_due", "rag", "rag_reason"]
    if not fields:
        return
    part.write(fields)
    derive(part.item, siblings(part))


def record_decomposition(part: Assignment, made: Sequence[ResponsibilityItem], actor) -> None:
    """The decomposition on the timelines: the higher item's, as the part's (by whom, into which
    items), and each item's made (from which part, with the others made with it). Stored text, in
    the site's language."""
    with override(settings.LANGUAGE_CODE):
        listed = _("；").join(str(item) for item in made)
        said = _("%(unit)s分解为本单位事项%(count)s项：%(items)s") % {
            "unit": part.unit.name,
            "count": len(made),
            "items": listed,
        }
        origin = _("由%(organisation)s交办的“%(item)s”（%(unit)s承办部分）分解，本次共分解为%(count)s项：%(items)s") % {
            "organisation": part.item.plan.organisation.name,
            "item": part.item,
            "unit": part.unit.name,
            "count": len(made),
            "items": listed,
        }
    pks = [item.pk for item in made]
    part.move(ItemEvent.Kind.DECOMPOSED, actor, note=said, data={"items": pks})
    for item in made:
        item.move(ItemEvent.Kind.DECOMPOSED, actor, note=origin, data={"source_assignment": part.pk, "items": pks})


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


# --- where parts stood at a past moment (the quarterly summary of a past quarter) ---------------------


@dataclass(frozen=True)
class PartThen:
    """An organisation's part as it stood at a moment, with the items it had made of it by then."""

    closed: bool
    percent: int
    items: int
    items_closed: int


def parts_then(parts: Sequence[Assignment], moment: datetime.datetime, as_of: datetime.date) -> dict[int, PartThen]:
    """Each part (by id) as it stood at ``moment``, read back from the timelines and the reports as
    ``standing`` reads items; a part whose item was deployed after it is left out (it did not exist).

    Its items then: those launched by then (a draft then was not yet made), closed or not by their
    own standing. Its progress then: once it had items and was at work, their mean as ``rollup``
    takes it (a closed one counts 100, each other one its units' mean of their last report by then);
    else its own last report by then (a claim's is 100). A fixed number of queries for any number
    of parts. ``parts``: read with their items."""
    steps = standing.steps_of(sorted({part.item_id for part in parts}), moment)
    existing = [part for part in parts if not standing.changed_since(steps.get((part.item_id, None), []), moment)]
    made = list(ResponsibilityItem.objects.filter(source_assignment__in=existing).order_by("order", "id"))
    made_then = standing.standings(made, moment, as_of) if made else {}
    made = [item for item in made if made_then[item.pk].status not in ("", ItemStatus.DRAFT)]
    units = list(
        Assignment.objects.filter(item__in=made).exclude(role=Assignment.Role.COOPERATING).values_list("pk", "item_id")
    )
    last = _last_reports([part.pk for part in existing] + [pk for pk, _item in units], moment)
    found = {}
    for part in existing:
        status = standing.status_then(part.status, steps.get((part.item_id, part.pk), []), moment)
        own = [item for item in made if item.source_assignment_id == part.pk]
        closed = [item for item in own if made_then[item.pk].status == ItemStatus.CLOSED]
        if own and status in DECOMPOSABLE:
            percents = [100 if item in closed else _mean_then(item, units, last) for item in own]
            percent = sum(percents) // len(percents)
        else:
            percent = last.get(part.pk, 0)
        found[part.pk] = PartThen(status == ItemStatus.CLOSED, percent, len(own), len(closed))
    return found


def _mean_then(item: ResponsibilityItem, units: list[tuple[int, int]], last: dict[int, int]) -> int:
    """An item's progress then: its units' mean of their last reports by then (``assignments.derive``)."""
    percents = [last.get(pk, 0) for pk, item_id in units if item_id == item.pk]
    return sum(percents) // len(percents) if percents else 0


def _last_reports(assignment_pks: list[int], moment: datetime.datetime) -> dict[int, int]:
    """Each part's progress by its last report before ``moment`` (none: not there)."""
    reports = ProgressReport.objects.filter(assignment__in=assignment_pks, created_at__lt=moment)
    found: dict[int, int] = {}
    for pk, percent in reports.order_by("created_at", "id").values_list("assignment_id", "percent_done"):
        found[pk] = percent
    return found
