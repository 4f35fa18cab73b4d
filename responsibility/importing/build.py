"""A parsed document becomes a draft work plan: categories, the item tree, names matched, in one transaction.

Nothing is launched here: the office reviews the draft, then publishes it (workflow.services.publish).
Rows are written level by level with ``bulk_create``, so a thousand items cost a few dozen queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from ..models import (
    Category,
    Indicator,
    Milestone,
    PlanGuidance,
    ReportCadence,
    ResponsibilityItem,
    Unit,
    WorkPlan,
)
from .document import UNIT_FIELDS, Fields, GuidanceSection, Node, ParsedPlan
from .resolve import LEADER_ROLES, OFFICIAL_ROLES, Resolver

# Which Fields list fills which item field, and how the review page names it.


@dataclass
class Built:
    plan: WorkPlan
    approximate: list[tuple[str, str]] = field(default_factory=list)  # (name as written, unit it matched)


@transaction.atomic
def build_entries(plan: WorkPlan, roots: list[Node], under: ResponsibilityItem | None, order: int) -> list:
    """Entries written into an existing draft (a guidance section the office turns into items):
    names matched, indicators and milestones read, as the import does; they take places from
    ``order`` on among their siblings."""
    builder = _Builder(plan, Resolver(plan.organisation), None)
    nodes = (node for root in roots for node, _depth in root.walk())
    reading = {id(node): place for place, node in enumerate(nodes, start=order)}
    return builder.write_nodes(roots, reading, {}, under)


@transaction.atomic
def build_plan(
    parsed: ParsedPlan,
    organisation: Unit,
    year: int,
    title: str = "",
    progress: Callable[[int], None] | None = None,
) -> Built:
    plan = WorkPlan.objects.create(
        organisation=organisation,
        year=year,
        title=(title or plan_title(parsed) or f"{organisation.name}{year}年工作要点")[:200],
        source_text=parsed.source.text,
        headers=parsed.headers,
    )
    builder = _Builder(plan, Resolver(organisation), progress)
    builder.write(parsed)
    return Built(plan, builder.approximate)


def plan_title(parsed: ParsedPlan) -> str:
    """The plan's own name, as the parser settled it (see ``frame.Frame.plan_name``)."""
    return parsed.title


class _Builder:
    def __init__(self, plan: WorkPlan, resolver: Resolver, progress: Callable[[int], None] | None) -> None:
        self.plan = plan
        self.resolver = resolver
        self.progress = progress or (lambda percent: None)
        self.approximate: list[tuple[str, str]] = []
        self.categories: dict[str, Category] = {}
        self.written: dict[int, ResponsibilityItem] = {}  # the item written for each node, by id

    def write(self, parsed: ParsedPlan) -> None:
        reading = _reading_order(parsed)
        self.write_nodes(parsed.roots, reading, self._categories(parsed))
        self._guidance(parsed.guidance, reading)
        self.progress(100)

    def write_nodes(
        self,
        roots: list[Node],
        reading: dict[int, int],
        category_of: dict[int, Category],
        under: ResponsibilityItem | None = None,
    ) -> list[ResponsibilityItem]:
        """``roots`` and the entries below them as items, under ``under`` (at the top if None)."""
        levels = _levels(roots, reading)
        items: dict[int, ResponsibilityItem] = {}
        relations: list[tuple[ResponsibilityItem, Node, Fields]] = []
        for depth, level in enumerate(levels):
            rows = []
            for order, node, parent, inherited in level:
                item = self._item(node, inherited, order, items[id(parent)] if parent else under)
                item.category = category_of.get(id(node))
                rows.append(item)
                relations.append((item, node, inherited))
            ResponsibilityItem.objects.bulk_create(rows)
            for (_order, node, _parent, _inherited), item in zip(level, rows, strict=True):
                items[id(node)] = item
            self.progress(10 + 60 * (depth + 1) // max(len(levels), 1))
        self._relations(relations)
        self.written.update(items)
        return [items[id(root)] for root in roots]

    def _guidance(self, sections: list[GuidanceSection], reading: dict[int, int]) -> None:
        rows = [
            PlanGuidance(
                plan=self.plan,
                parent=self.written.get(id(section.parent)) if section.parent else None,
                order=reading[id(section.node)],
                number=section.node.number[:20],
                title=(section.node.title or section.node.number)[:300],
                content="\n\n".join(section.node.content),
                sections=[guidance_sections(child) for child in section.node.children],
                source_line=section.node.line,
            )
            for section in sections
        ]
        PlanGuidance.objects.bulk_create(rows)

    def _categories(self, parsed: ParsedPlan) -> dict[int, Category]:
        """Categories are the entries at the top (or the second level, under a single top heading);
        a table may name them in its 类别 column instead. See also ``review.recategorise``."""
        named = [node for node in parsed.nodes() if node.category]
        if named:
            return {id(node): self._category(node.category, None) for node in named}
        tops = parsed.roots
        if len(tops) == 1 and any(child.children for child in tops[0].children):
            tops = tops[0].children
        category_of: dict[int, Category] = {}
        for top in tops:
            category = self._category(top.title, top.fields.points)
            for node, _depth in top.walk():
                category_of[id(node)] = category
        return category_of

    def _category(self, name: str, points: Decimal | None) -> Category:
        name = name[:100]
        if name not in self.categories:
            self.categories[name] = Category.objects.create(
                plan=self.plan, name=name, order=len(self.categories) + 1, points=points or Decimal(0)
            )
        return self.categories[name]

    def _item(self, node: Node, inherited: Fields, order: int, parent: ResponsibilityItem | None) -> ResponsibilityItem:
        unresolved: dict[str, list[str]] = {}
        lead_leader, unresolved["lead_leaders"] = self.resolver.post(inherited.lead_leaders, LEADER_ROLES)
        responsible, unresolved["persons"] = self.resolver.post(inherited.persons, OFFICIAL_ROLES)
        groups: dict[str, list[str]] = {}
        lead_units = self._units(inherited.lead_units, unresolved, "lead_units", groups)
        item = ResponsibilityItem(
            plan=self.plan,
            parent=parent,
            order=order,
            number=node.number[:20],
            title=node.title[:300] or node.number,
            is_heading=bool(node.children),
            content="\n\n".join(node.content),
            target=node.fields.target,
            points=node.fields.points or Decimal(0),
            lead_leader_post=lead_leader,
            lead_unit=lead_units[0] if lead_units else None,
            responsible_post=responsible,
            deadline=None if inherited.ongoing else inherited.deadline,
            due_by=None if inherited.ongoing else inherited.deadline,  # bulk_create does not call save()
            ongoing=inherited.ongoing,
            deadline_text=inherited.deadline_text[:100],
            report_cadence=inherited.cadence or ReportCadence.QUARTERLY,
            report_day=inherited.report_day,
            source_line=node.line,
        )
        item._pending_units = {
            name: self._units(getattr(inherited, name), unresolved, name, groups) for name in UNIT_FIELDS
        }
        # More than one 牵头单位: the first leads, the others share the responsibility. So does a
        # group written as 牵头单位 (各社区牵头): each of its units does its own part, none leads the rest.
        item._pending_units["responsible_units"] = _merged(lead_units[1:], item._pending_units["responsible_units"])
        groups["responsible_units"] = _merged(groups.pop("lead_units"), groups["responsible_units"])
        item.unresolved = {key: names for key, names in unresolved.items() if names}
        item.unit_groups = {key: words for key, words in groups.items() if words}
        return item

    def _units(
        self, names: list[str], unresolved: dict[str, list[str]], key: str, groups: dict[str, list[str]]
    ) -> list[Unit]:
        resolution = self.resolver.units(names)
        unresolved[key] = resolution.unknown
        groups[key] = resolution.groups
        self.approximate.extend((name, unit.name) for name, unit in resolution.approximate)
        return resolution.units

    def _relations(self, relations: list[tuple[ResponsibilityItem, Node, Fields]]) -> None:
        responsible = ResponsibilityItem.responsible_units.through
        cooperating = ResponsibilityItem.cooperating_units.through
        rows: dict[type, list] = {responsible: [], cooperating: [], Indicator: [], Milestone: []}
        for item, node, inherited in relations:
            for unit in item._pending_units["responsible_units"]:
                rows[responsible].append(responsible(responsibilityitem=item, unit=unit))
            for unit in item._pending_units["cooperating_units"]:
                rows[cooperating].append(cooperating(responsibilityitem=item, unit=unit))
            if node.children:
                continue
            for found in node.indicators:
                rows[Indicator].append(
                    Indicator(
                        item=item,
                        name=found.name[:100],
                        unit=found.unit[:20],
                        comparator=found.comparator,
                        target_value=found.value,
                    )
                )
            percents = node.milestone_percents
            for due, title in inherited.milestones:
                percent = percents.get((due, title), 0)
                rows[Milestone].append(Milestone(item=item, due=due, title=title[:200], expected_percent=percent))
        for model, objects in rows.items():
            model.objects.bulk_create(objects, batch_size=500)


def guidance_sections(node: Node) -> dict:
    """A part of a guidance section as ``PlanGuidance.sections`` keeps it."""
    return {
        "number": node.number,
        "title": node.title,
        "content": "\n\n".join(node.content),
        "line": node.line,
        "sections": [guidance_sections(child) for child in node.children],
    }


def _reading_order(parsed: ParsedPlan) -> dict[int, int]:
    """Every entry's place in the document, guidance included: the items and the guidance share
    one order, so that a part turned into items later goes back where the document had it."""
    placed: dict[int | None, list[GuidanceSection]] = {}
    for section in sorted(parsed.guidance, key=lambda section: section.position):
        placed.setdefault(id(section.parent) if section.parent else None, []).append(section)
    order: dict[int, int] = {}

    def visit(nodes: list[Node], key: int | None) -> None:
        for index, node in enumerate([*nodes, None]):
            for section in placed.get(key, []):
                if section.position == index:
                    for part, _depth in section.node.walk():
                        order[id(part)] = len(order) + 1
            if node is not None:
                order[id(node)] = len(order) + 1
                visit(node.children, id(node))

    visit(parsed.roots, None)
    return order


def _levels(roots: list[Node], reading: dict[int, int]) -> list[list[tuple[int, Node, Node | None, Fields]]]:
    """The tree breadth first (parents are written before their children), each node with its
    order in reading (depth-first) order, its parent and the fields it inherits.

    A heading's assignments ("（一）… 牵头领导：张三") hold for every item under it that says nothing else.
    """
    levels: list[list[tuple[int, Node, Node | None, Fields]]] = []
    current = [(node, None, Fields()) for node in roots]
    while current:
        level, following = [], []
        for node, parent, above in current:
            inherited = node.fields.below(above)
            level.append((reading[id(node)], node, parent, inherited))
            following.extend((child, node, inherited) for child in node.children)
        levels.append(level)
        current = following
    return levels


def _merged(first: list, second: list) -> list:
    return [*first, *(x for x in second if x not in first)]
