"""What the office does to an imported draft before publishing it: map names, merge, split.

Each change keeps the text: a merged item's number and title go into the content of the item it
joins; a split moves paragraphs, it deletes none.
"""

from __future__ import annotations

import calendar
import datetime
import re

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ..models import Category, Milestone, PlanGuidance, Post, ResponsibilityItem, Unit, UnitAlias, WorkPlan
from ..models.plan import _refresh_headings
from .build import build_entries
from .fields import DATE_WITH_YEAR_RE
from .guidance import as_node
from .titles import split_title

UNIT_FIELDS = ("lead_units", "responsible_units", "cooperating_units")
POST_FIELDS = ("lead_leaders", "persons")


class ReviewError(Exception):
    """A change the draft cannot take; the message is for the user."""


def editable(plan: WorkPlan) -> bool:
    return plan.status == WorkPlan.Status.DRAFT


def _check(plan: WorkPlan) -> None:
    if not editable(plan):
        raise ReviewError(_("工作要点已发布，不能再调整结构；请在事项页面办理。"))


@transaction.atomic
def change_details(plan: WorkPlan, title: str, year: int, doc_number: str) -> int:
    """Correct what the import read from the document's frame: the plan's title, its 文号 and its
    year. Deadlines and milestones written without a year were read in the old year and move with it;
    returns how many moved."""
    _check(plan)
    # An empty 文号 is kept as such: it overrides a portal's 文号 row the office found wrong.
    headers = {**(plan.headers or {}), "doc_number": doc_number}
    moved = _move_dates(plan, plan.year, year) if year != plan.year else 0
    plan.title, plan.year, plan.headers = title, year, headers
    plan.save(update_fields=["title", "year", "headers"])
    return moved


def change_rules(
    plan: WorkPlan, claim_needs_evidence: bool, claim_needs_indicator_values: bool, extension_max_days: int | None
) -> None:
    """The plan's rules for completion claims and extension requests (the longest extension kept as it
    was if blank)."""
    plan.claim_needs_evidence = claim_needs_evidence
    plan.claim_needs_indicator_values = claim_needs_indicator_values
    if extension_max_days is not None:
        plan.extension_max_days = extension_max_days
    plan.save(update_fields=["claim_needs_evidence", "claim_needs_indicator_values", "extension_max_days"])


def _move_dates(plan: WorkPlan, old: int, new: int) -> int:
    moved = 0
    for item in plan.items.filter(deadline__year=old):
        if not DATE_WITH_YEAR_RE.search(item.deadline_text):
            item.deadline = _in_year(item.deadline, new)
            item.save(update_fields=["deadline"])
            moved += 1
    for milestone in Milestone.objects.filter(item__plan=plan, due__year=old):
        if not DATE_WITH_YEAR_RE.search(milestone.title):
            milestone.due = _in_year(milestone.due, new)
            milestone.save(update_fields=["due"])
            moved += 1
    return moved


def _in_year(day: datetime.date, year: int) -> datetime.date:
    """The same day in another year; 29 February becomes the month's last day."""
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


@transaction.atomic
def map_name(plan: WorkPlan, field: str, name: str, target: Unit | Post | None) -> int:
    """Give every draft item that names ``name`` in ``field`` the unit or post it stands for.

    ``target`` None means the office decided the name needs no match (it stays in the item's text).
    A unit mapping is remembered as an alias, so the next import knows the name. Returns the count.
    """
    _check(plan)
    items = [item for item in plan.items.select_for_update() if name in (item.unresolved or {}).get(field, [])]
    for item in items:
        if isinstance(target, Unit):
            _add_unit(item, field, target)
        elif isinstance(target, Post):
            _set_post(item, field, target)
        else:
            kept = (item.kept_names or {}).get(field, [])
            item.kept_names = {**(item.kept_names or {}), field: [*kept, name]}
        names = [other for other in item.unresolved[field] if other != name]
        item.unresolved = {**item.unresolved, field: names} if names else _without(item.unresolved, field)
        fields = ["unresolved", "kept_names", "lead_unit", "lead_leader_post", "responsible_post"]
        item.save(update_fields=fields)
    if isinstance(target, Unit) and name not in (target.name, target.short_name):
        UnitAlias.objects.get_or_create(unit=target, name=name)
    return len(items)


def _add_unit(item: ResponsibilityItem, field: str, unit: Unit) -> None:
    if field == "lead_units" and item.lead_unit_id is None:
        item.lead_unit = unit
    elif field == "cooperating_units":
        item.cooperating_units.add(unit)
    else:
        item.responsible_units.add(unit)


def _set_post(item: ResponsibilityItem, field: str, post: Post) -> None:
    if field == "lead_leaders" and item.lead_leader_post_id is None:
        item.lead_leader_post = post
    elif field == "persons" and item.responsible_post_id is None:
        item.responsible_post = post


def _without(mapping: dict, key: str) -> dict:
    return {k: v for k, v in mapping.items() if k != key}


def guess_kind(name: str) -> str:
    """The likely kind of a unit the organisation lacks: 区司法局 is a district bureau, 双龙社区 a community."""
    if name.endswith(("社区", "村")):
        return Unit.Kind.COMMUNITY
    if name.startswith(("区", "市", "县")) or name.endswith("局"):
        return Unit.Kind.EXTERNAL
    return Unit.Kind.DEPARTMENT


def create_unit(plan: WorkPlan, name: str, kind: str) -> Unit:
    """A unit the document names and the organisation lacks, placed under the organisation."""
    parent = None if kind == Unit.Kind.EXTERNAL else plan.organisation
    unit, _created = Unit.objects.get_or_create(parent=parent, name=name[:100], defaults={"kind": kind})
    return unit


@transaction.atomic
def merge_with_previous(item: ResponsibilityItem) -> ResponsibilityItem:
    """Fold ``item`` into the sibling above it: its number, title and content become content there."""
    _check(item.plan)
    previous = _previous_sibling(item)
    if previous is None:
        raise ReviewError(_("“%(item)s”上方没有同级事项，无法合并。") % {"item": item})
    text = "\n".join(part for part in [str(item), item.content] if part)
    previous.content = "\n\n".join(part for part in [previous.content, text] if part)
    previous.target = "\n".join(part for part in [previous.target, item.target] if part)
    previous.unresolved = _merged_names(previous.unresolved, item.unresolved)
    previous.kept_names = _merged_names(previous.kept_names, item.kept_names)
    previous.unit_groups = _merged_names(previous.unit_groups, item.unit_groups)
    previous.save(update_fields=["content", "target", "unresolved", "kept_names", "unit_groups"])
    previous.responsible_units.add(*item.responsible_units.all())
    previous.cooperating_units.add(*item.cooperating_units.all())
    item.indicators.update(item=previous)
    item.milestones.update(item=previous)
    for child in item.children.all():
        child.parent = previous
        child.save()
    item.guidance.update(parent=previous)
    item.delete()
    return previous


@transaction.atomic
def split(item: ResponsibilityItem, paragraph: int) -> ResponsibilityItem:
    """Start a new item, right after ``item``, from its content's ``paragraph`` (0-based) onwards."""
    _check(item.plan)
    paragraphs = paragraphs_of(item)
    if not 0 <= paragraph < len(paragraphs):
        raise ReviewError(_("请选择要拆分出的段落。"))
    title, rest = split_title(paragraphs[paragraph])
    new = ResponsibilityItem.objects.create(
        plan=item.plan,
        parent=item.parent,
        order=item.order,
        title=title[:300],
        content="\n\n".join(part for part in [rest, *paragraphs[paragraph + 1 :]] if part),
        category=item.category,
        lead_unit=item.lead_unit,
        lead_leader_post=item.lead_leader_post,
        responsible_post=item.responsible_post,
        deadline=item.deadline,
        ongoing=item.ongoing,
        deadline_text=item.deadline_text,
        report_cadence=item.report_cadence,
        report_day=item.report_day,
        source_line=item.source_line,
        unit_groups=item.unit_groups,
    )
    new.responsible_units.set(item.responsible_units.all())
    new.cooperating_units.set(item.cooperating_units.all())
    item.content = "\n\n".join(paragraphs[:paragraph])
    item.save(update_fields=["content"])
    return new


@transaction.atomic
def remove(item: ResponsibilityItem) -> int:
    """Take ``item`` and everything under it out of the draft (a part that is not work, such as
    "存在的不足"). The plan's source text keeps it. Returns how many entries went."""
    _check(item.plan)
    ids = subtree_ids(item)
    ResponsibilityItem.objects.filter(pk__in=ids).delete()
    recategorise(item.plan)
    return len(ids)


def subtree_ids(item: ResponsibilityItem) -> list[int]:
    ids, level = [item.pk], [item.pk]
    while level:
        level = list(ResponsibilityItem.objects.filter(parent__in=level).values_list("pk", flat=True))
        ids.extend(level)
    return ids


@transaction.atomic
def recategorise(plan: WorkPlan) -> None:
    """Categories follow the tree: one per top entry, or per second-level entry under a single top
    heading. A category keeps its points while an entry of its name remains."""
    items = list(plan.items.order_by("order", "id"))
    children: dict[int | None, list[ResponsibilityItem]] = {}
    for entry in items:
        children.setdefault(entry.parent_id, []).append(entry)
    tops = children.get(None, [])
    below = children.get(tops[0].pk, []) if len(tops) == 1 else []
    if tops and tops[0].is_heading and any(entry.is_heading for entry in below):
        tops = below
    existing = {category.name: category for category in plan.categories.all()}
    kept = []
    for order, top in enumerate(tops, start=1):
        category = existing.get(top.title[:100]) or Category.objects.create(plan=plan, name=top.title[:100])
        category.order = order
        category.save(update_fields=["order"])
        kept.append(category.pk)
        ids = subtree_ids(top)
        ResponsibilityItem.objects.filter(pk__in=ids).update(category=category)
    plan.categories.exclude(pk__in=kept).delete()


def paragraphs_of(item: ResponsibilityItem) -> list[str]:
    """The content's paragraphs: separated by a blank line (a browser may send it as \r\n\r\n)."""
    return [part.strip() for part in re.split(r"\r?\n\s*\n", item.content) if part.strip()]


def _previous_sibling(item: ResponsibilityItem) -> ResponsibilityItem | None:
    siblings = ResponsibilityItem.objects.filter(plan=item.plan_id, parent=item.parent_id)
    before = Q(order__lt=item.order) | Q(order=item.order, pk__lt=item.pk)
    return siblings.filter(before).order_by("-order", "-pk").first()


def _merged_names(first: dict, second: dict) -> dict:
    merged = {key: list(names) for key, names in (first or {}).items()}
    for key, names in (second or {}).items():
        merged.setdefault(key, []).extend(name for name in names if name not in merged[key])
    return merged


def unresolved_count(plan: WorkPlan) -> int:
    """Distinct unknown names (a name written on five items counts once, as the review page lists it)."""
    values = plan.items.exclude(unresolved={}).values_list("unresolved", flat=True)
    return len({(field, name) for value in values for field, names in value.items() for name in names})


# --- guidance ------------------------------------------------------------------------------------


@transaction.atomic
def promote(section: PlanGuidance) -> ResponsibilityItem:
    """Track a guidance section after all: it becomes an item where it stood, each numbered part under
    it an item below it, read as the import reads an entry (names matched, dates, indicators)."""
    plan = section.plan
    _check(plan)
    node = as_node(section.number, section.title, section.content, section.sections, section.source_line, plan.year)
    [item] = build_entries(plan, [node], section.parent, section.order)
    if section.parent_id:
        _refresh_headings([section.parent_id])
    section.delete()
    recategorise(plan)
    return item


@transaction.atomic
def demote(item: ResponsibilityItem) -> PlanGuidance:
    """Keep an entry, and what is under it, as guidance text of the plan rather than work to track.
    Its assignments stay in the text as the labelled lines a document writes, so promoting it again
    reads them back; guidance already set apart under it becomes part of it, in its place."""
    plan = item.plan
    _check(plan)
    below = _below(item)
    section = PlanGuidance.objects.create(
        plan=plan,
        parent=item.parent,
        order=item.order,
        number=item.number,
        title=item.title,
        content=_guidance_text(item),
        sections=[_section(entry, below) for entry in below.get(item.pk, [])],
        source_line=item.source_line,
    )
    item.delete()
    recategorise(plan)
    return section


def _below(item: ResponsibilityItem) -> dict[int, list[ResponsibilityItem | PlanGuidance]]:
    """The entries and guidance under ``item`` by parent, each list in the plan's order."""
    ids = subtree_ids(item)
    entries = ResponsibilityItem.objects.filter(pk__in=ids).exclude(pk=item.pk)
    entries = entries.select_related("lead_unit", "lead_leader_post__holder", "responsible_post__holder")
    entries = entries.prefetch_related("responsible_units", "cooperating_units", "milestones")
    children: dict[int, list] = {}
    for entry in [*entries, *PlanGuidance.objects.filter(parent__in=ids)]:
        children.setdefault(entry.parent_id, []).append(entry)
    for siblings in children.values():
        siblings.sort(key=lambda entry: (entry.order, isinstance(entry, PlanGuidance), entry.pk))
    return children


def _section(entry: ResponsibilityItem | PlanGuidance, below: dict[int, list]) -> dict:
    if isinstance(entry, PlanGuidance):
        content, sections = entry.content, entry.sections
    else:
        content, sections = _guidance_text(entry), [_section(child, below) for child in below.get(entry.pk, [])]
    return {
        "number": entry.number,
        "title": entry.title,
        "content": content,
        "line": entry.source_line,
        "sections": sections,
    }


def _guidance_text(item: ResponsibilityItem) -> str:
    lines = [f"{label}：{value}" for label, value in _assignment_lines(item) if value]
    return "\n\n".join(part for part in [item.content, "\n".join(lines)] if part)


# The labels of the document's own text (fields.LABELS reads them back), not of the page.
def _assignment_lines(item: ResponsibilityItem) -> list[tuple[str, str]]:
    """The item's assignments as a document writes them ("责任单位：司法所、各社区")."""

    def names(field: str, found: list[str]) -> str:
        return "、".join([*found, *item.group_words(field), *item.unmatched_names(field)])

    def person(post: Post | None) -> list[str]:
        return [str(post.holder) if post.holder else post.title] if post else []

    return [
        ("工作目标", item.target),
        ("牵头领导", names("lead_leaders", person(item.lead_leader_post))),
        ("牵头单位", names("lead_units", [item.lead_unit.name] if item.lead_unit else [])),
        ("责任单位", names("responsible_units", [unit.name for unit in item.responsible_units.all()])),
        ("配合单位", names("cooperating_units", [unit.name for unit in item.cooperating_units.all()])),
        ("责任人", names("persons", person(item.responsible_post))),
        ("完成时限", _deadline_text(item)),
        ("时间节点", "；".join(milestone.title for milestone in item.milestones.all())),
        ("分值", f"{item.points.normalize():f}" if item.points else ""),
    ]


def _deadline_text(item: ResponsibilityItem) -> str:
    if item.ongoing:
        return item.deadline_text or "长期坚持"
    if item.deadline:
        return f"{item.deadline.year}年{item.deadline.month}月{item.deadline.day}日"
    return item.deadline_text
