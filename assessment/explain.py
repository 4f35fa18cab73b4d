"""Every number explains itself: the lines behind a stored result, in the reader's language.

Results keep facts and amounts only (days late, returns, points lost); this module writes them as
sentences ("−0.5：第3项“完善内部制度建设”逾期12天（每周扣0.5分）"). Each line that carries points
carries the exact stored amount, so the lines add up: an item's lines to its score, the items of a
category to its 实得, the categories (rescaled under 加分制, as lost from the full score under 扣分制) to
the base, the base, the events and the 会办 of the items a unit cooperates on to the total.

The same total is also read by category (分类小计): each category's points, then the events tied to it
(by its rule's category or indicator) and the 会办 on its items, and its subtotal; what is tied to no
category, the rescaling and the floor are listed apart. Those lines add up to the total as well.

Explanations are built for many subjects at once with a fixed number of queries (pages show one,
the export all of them).
"""

from __future__ import annotations

import datetime
import itertools
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property, partial

from django.db.models import Case, Count, F, OuterRef, Subquery, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from responsibility.contributions import Contribution
from responsibility.models import ItemStatus, ResponsibilityItem, Unit, attach_ancestors

from .models import (
    AssessedResult,
    Assessment,
    CategoryResult,
    ContributionResult,
    EventResult,
    EventRule,
    ItemResult,
    PersonResult,
    Scheme,
    SchemeCategory,
    SchemeIndicator,
    UnitResult,
)
from .models.scheme import IndicatorRule, Rules

ZERO = Decimal(0)
CENT = Decimal("0.01")
MINUS = "\u2212"


# --- numbers as people write them ------------------------------------------------------------------


def num(value: Decimal | int) -> str:
    """10.00 → "10", 0.50 → "0.5": points and weights as a rule states them."""
    text = f"{Decimal(value).quantize(CENT, ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def day(value: datetime.date) -> str:
    """A date in a sentence, as every page writes dates (2020年6月30日; Jun 30, 2020 in English)."""
    return date_format(value)


def score(value: Decimal) -> str:
    """A computed score with at least one decimal: 4 → "4.0", 7.80 → "7.8", 13.25 → "13.25"."""
    text = num(value)
    return text if "." in text else f"{text}.0"


def signed(value: Decimal) -> str:
    """+1, −0.5 (a real minus sign), 0."""
    if value > 0:
        return f"+{num(value)}"
    if value < 0:
        return f"{MINUS}{num(-value)}"
    return "0"


def item_label(item: ResponsibilityItem) -> str:
    """一、（一）3.“完善内部制度建设”: the full number from the top heading where the item's headings were
    read with it (``attach_ancestors``), so that two sections' "3." are not the same line; else
    第3项“…”, or the number as written when it is not a plain count (（一）)."""
    if getattr(item, "_ancestors", None):
        return _("%(number)s“%(title)s”") % {"number": item.full_number.strip(), "title": item.title}
    number = re.sub(r"[.．、\s]+$", "", item.number or "")
    if number.isdigit():
        return _("第%(number)s项“%(title)s”") % {"number": number, "title": item.title}
    if number:
        return _("%(number)s“%(title)s”") % {"number": item.number.strip(), "title": item.title}
    return _("“%(title)s”") % {"title": item.title}


def unit_item_label(item: ResponsibilityItem, unit: str) -> str:
    """第3项“完善内部制度建设”（兴科社区）: one unit's part of the item."""
    return _("%(item)s（%(unit)s）") % {"item": item_label(item), "unit": unit}


def result_label(result: ItemResult) -> str:
    """A unit's row names its unit; the one row of an item scored without units does not need to."""
    return unit_item_label(result.item, result.unit.name) if result.unit_id else item_label(result.item)


# --- what an explanation holds -----------------------------------------------------------------------


@dataclass
class Line:
    """One sentence; ``points`` is the signed amount it adds to the sum it belongs to (None: a fact only)."""

    text: str
    points: Decimal | None = None

    @property
    def shown_points(self) -> str:
        return "" if self.points is None else signed(self.points)


@dataclass
class ItemLines:
    result: ItemResult
    label: str
    lines: list[Line]

    @property
    def heading(self) -> str:
        return _("%(item)s：分值 %(weight)s，得 %(earned)s") % {
            "item": self.label,
            "weight": num(self.result.weight),
            "earned": score(self.result.earned),
        }


@dataclass
class CategoryLines:
    result: CategoryResult
    line: Line
    items: list[ItemLines]


@dataclass
class EventLines:
    result: EventResult
    line: Line
    description: str


@dataclass
class CategorySubtotal:
    """One category of a total (分类小计): its points, the events and 会办 tied to it, what it comes to.
    ``own`` is its line's points, by the helper that writes the line; the sentence is written when read
    (the ranking sums a hundred units' categories and shows none of their sentences)."""

    category: SchemeCategory
    own: Decimal
    tied: list[Line]
    write: Callable[[], Line]

    @cached_property
    def line(self) -> Line:
        return self.write()

    @property
    def points(self) -> Decimal:
        return (self.own + sum((line.points for line in self.tied), ZERO)).quantize(CENT)

    @property
    def subtotal(self) -> Line:
        return Line(_("%(name)s小计") % {"name": self.category.name}, self.points)


@dataclass
class Subtotals:
    """A total read by category; ``apart``: the rescaling, what is tied to no category, the floor."""

    categories: list[CategorySubtotal]
    apart: list[Line]

    def lines(self) -> list[Line]:
        """The lines that add up to the total: each category's subtotal, then those apart."""
        return [block.subtotal for block in self.categories] + self.apart

    def of(self, category_id: int) -> Decimal | None:
        """A category's subtotal; None: the category counts nothing for this subject."""
        return next((b.points for b in self.categories if b.category.pk == category_id), None)

    @property
    def rest(self) -> Decimal:
        return sum((line.points for line in self.apart), ZERO).quantize(CENT)


@dataclass
class Explanation:
    subject: UnitResult | PersonResult
    name: str
    categories: list[CategoryLines] = field(default_factory=list)
    base: Line | None = None
    events: list[EventLines] = field(default_factory=list)
    total: Line | None = None
    grade: list[Line] = field(default_factory=list)
    cooperating: list[Line] = field(default_factory=list)  # its 会办 on the items it cooperates on (配合)
    subtotals: Subtotals | None = None

    def rows(self) -> list[tuple[str, str, str, str, Decimal | None]]:
        """The same lines, flat, for a sheet: (what, category, item, sentence, points)."""
        return list(self.each_row())

    def each_row(
        self, items_of: Callable[[CategoryLines], Iterable[ItemLines]] | None = None
    ) -> Iterator[tuple[str, str, str, str, Decimal | None]]:
        """``rows()`` one at a time; ``items_of``: each category's item lines, when the explanation was
        built without them (``StreamedItems``: a subject's thousands of items read a chunk at a time)."""
        rows: list[tuple[str, str, str, str, Decimal | None]] = []
        for category in self.categories:
            name = category.result.category.name
            yield (_("类别"), name, "", category.line.text, category.line.points)
            for item in category.items if items_of is None else items_of(category):
                yield (_("事项"), name, item.label, item.heading, item.result.earned)
                yield from ((_("明细"), name, item.label, line.text, line.points) for line in item.lines)
        rows.append((_("事项得分"), "", "", self.base.text, self.base.points))
        rows.extend((_("加减分"), "", "", event.line.text, event.line.points) for event in self.events)
        rows.extend((_("配合"), "", "", line.text, line.points) for line in self.cooperating)
        rows.append((_("总分"), "", "", self.total.text, self.total.points))
        rows.extend((_("等次"), "", "", line.text, None) for line in self.grade)
        # 分类小计: these rows alone add up to the total.
        for block in self.subtotals.categories:
            rows.append((_("分类小计"), block.category.name, "", block.subtotal.text, block.subtotal.points))
        rows.extend((_("分类小计"), "", "", line.text, line.points) for line in self.subtotals.apart)
        yield from rows


# --- building them ---------------------------------------------------------------------------------------


def explain_units(assessment: Assessment, results: Iterable[UnitResult], with_items: bool = True) -> list[Explanation]:
    """Each unit's breakdown; ``with_items=False``: without its item lines (``StreamedItems`` reads them)."""
    results = list(results)
    unit_ids = [r.unit_id for r in results]
    items = defaultdict(list)
    if with_items:
        for item_result in _item_results(assessment).filter(unit_id__in=unit_ids):
            items[item_result.unit_id].append(item_result)
        for item_result, unit_id in _unsplit_results(assessment, unit_ids):
            items[unit_id].append(item_result)
    categories = _group(
        CategoryResult.objects.filter(assessment=assessment, unit_id__in=unit_ids).select_related("category"),
        "unit_id",
    )
    events = _group(_event_results(assessment).filter(unit_id__in=unit_ids), "unit_id")
    context = _Context(assessment, graded_per_group(assessment), grouped=True)
    _read_headings(items)
    cooperating = _cooperating_lines(assessment, unit_ids, context.scheme.cooperation_points)
    assessed = _group(
        AssessedResult.objects.filter(assessment=assessment, unit_id__in=unit_ids).select_related("indicator"),
        "unit_id",
    )
    return [
        context.explain(
            r,
            r.unit.name,
            categories[r.unit_id],
            items[r.unit_id],
            events[r.unit_id],
            assessed[r.unit_id],
            cooperating[r.unit_id],
        )
        for r in results
    ]


def _read_headings(rows_by_subject: dict[int, list]) -> None:
    """The headings above every row's item, in one query, so that each line names its item by its
    full number (一、（一）3.)."""
    attach_ancestors(row.item for rows in rows_by_subject.values() for row in rows)


def _unsplit_results(assessment: Assessment, unit_ids: list[int]) -> list[tuple[ItemResult, int]]:
    """The rows of items scored without units (no assignment), each with the responsible units asked
    for that it counts for: as the computation summed them."""
    through = ResponsibilityItem.responsible_units.through
    unsplit = ItemResult.objects.filter(assessment=assessment, unit__isnull=True).values("item_id")
    links = through.objects.filter(unit_id__in=unit_ids, responsibilityitem_id__in=unsplit).values_list(
        "responsibilityitem_id", "unit_id"
    )
    units_of: dict[int, list[int]] = defaultdict(list)
    for item_id, unit_id in links:
        units_of[item_id].append(unit_id)
    if not units_of:
        return []
    rows = _item_results(assessment).filter(unit__isnull=True, item_id__in=list(units_of))
    return [(row, unit_id) for row in rows for unit_id in units_of[row.item_id]]


def _cooperating_lines(
    assessment: Assessment, unit_ids: list[int], per_missed: Decimal
) -> dict[int, list[tuple[Line, int | None]]]:
    """Each unit's 会办 on the scored items it cooperates on (配合), as the computation kept it: what the
    unit did and what it cost, rather than leave the reader to think the items were forgotten; with the
    scheme category the item was scored in (None: not found), where its cost is read by category."""
    scored_in = ItemResult.objects.filter(assessment=assessment, item_id=OuterRef("item_id")).values("category_id")
    rows = (
        ContributionResult.objects.filter(assessment=assessment, unit_id__in=unit_ids)
        .select_related("item", "unit")
        .annotate(scored_in=Subquery(scored_in[:1]))
        .order_by("item__order", "item_id")
    )
    rows = list(rows)
    attach_ancestors(row.item for row in rows)
    lines: dict[int, list[tuple[Line, int | None]]] = defaultdict(list)
    for row in rows:
        lines[row.unit_id].append((cooperation_line(row, per_missed, assessment.as_of), row.scored_in))
    return lines


def cooperation_line(row: ContributionResult, per_missed: Decimal, as_of: datetime.date) -> Line:
    """第1项“…”（丙社区）：配合单位，会办逾期（时限2020-06-30，未提交），扣0.5分: the fact, then what it cost."""
    values = {"item": unit_item_label(row.item, row.unit.name), "fact": contribution_fact(row.contribution(), as_of)}
    if row.deduction:
        text = _("%(item)s：配合单位，%(fact)s，扣%(points)s分") % {**values, "points": num(row.deduction)}
        return Line(text, -row.deduction)
    if not per_missed:
        text = _("%(item)s：配合单位，%(fact)s，会办计分规则未设立（每次会办逾期扣分为0），不扣分") % values
        return Line(text, ZERO)
    return Line(_("%(item)s：配合单位，%(fact)s，不扣分") % values, ZERO)


def contribution_fact(contribution: Contribution, as_of: datetime.date) -> str:
    """A unit's 会办 as it stood at the end of ``as_of``, in one phrase ("按时会办（2020年6月20日提交）");
    missed or not is ``Contribution.missed``'s to say."""
    due = day(contribution.due) if contribution.due else ""
    given = day(contribution.given_on) if contribution.given_on else ""
    if contribution.missed(as_of):
        if given:
            return _("会办逾期（时限%(due)s，%(given)s提交）") % {"due": due, "given": given}
        return _("会办逾期（时限%(due)s，未提交）") % {"due": due}
    if given:
        return _("按时会办（%(given)s提交）") % {"given": given}
    if not due:
        return _("未设会办时限")
    if contribution.closed_on is not None:
        return _("事项已于会办时限前办结，无须会办")
    return _("会办时限%(due)s未到") % {"due": due}


def subtotals_of(assessment: Assessment, results: Sequence[UnitResult | PersonResult]) -> list[SchemeCategory]:
    """分类小计 for a ranking of one kind of subject: set ``row.subtotals`` (each scheme category's
    subtotal, None where it counts nothing for the row) and ``row.rest`` (what is listed apart) on every
    row, from the same lines as the breakdown but without reading the items; returns the scheme's
    categories, in order, for the columns."""
    context = _Context(assessment, {})
    if not results:
        return context.scheme_categories
    units = isinstance(results[0], UnitResult)
    column = "unit_id" if units else "person_result_id"
    keys = [r.unit_id if units else r.pk for r in results]
    # Sums only: the rows in any order (no joins for the models' orderings), each category the scheme's
    # own object already read rather than a copy per row.
    found = CategoryResult.objects.filter(assessment=assessment, **{f"{column}__in": keys}).order_by()
    categories = _group(_with_categories(found, context.scheme_categories), column)
    events = _group(_event_results(assessment).filter(**{f"{column}__in": keys}).order_by(), column)
    per_missed = context.scheme.cooperation_points
    cooperating = _cooperating_lines(assessment, keys, per_missed) if units else defaultdict(list)
    for row, key in zip(results, keys, strict=True):
        lines = [context.event(e) for e in events[key]]
        subtotals = context.subtotals(row, categories[key], lines, cooperating[key])
        row.subtotals = [subtotals.of(category.pk) for category in context.scheme_categories]
        row.rest = subtotals.rest
    return context.scheme_categories


def _with_categories(results, categories: Sequence[SchemeCategory]) -> list[CategoryResult]:
    by_pk = {category.pk: category for category in categories}
    results = list(results)
    for result in results:
        if result.category_id in by_pk:
            result.category = by_pk[result.category_id]
    return results


# An official by the post each unit's row counted for; a lead leader by the item's lead leader.
POST_COLUMN = {PersonResult.Role.OFFICIAL: "post_id", PersonResult.Role.LEADER: "item__lead_leader_post_id"}


def explain_people(
    assessment: Assessment, results: Iterable[PersonResult], with_items: bool = True
) -> list[Explanation]:
    """Each person's breakdown; ``with_items=False``: without the item lines (``StreamedItems``)."""
    results = list(results)
    ids = [r.pk for r in results]
    items = defaultdict(list)
    for role, column in POST_COLUMN.items():
        posts = {r.post_id: r.pk for r in results if r.role == role}
        if not posts or not with_items:
            continue
        rows = _item_results(assessment).filter(**{f"{column}__in": list(posts)})
        for item_result in rows.annotate(counted_for=F(column)):
            items[posts[item_result.counted_for]].append(item_result)
    categories = _group(
        CategoryResult.objects.filter(assessment=assessment, person_result_id__in=ids).select_related("category"),
        "person_result_id",
    )
    events = _group(_event_results(assessment).filter(person_result_id__in=ids), "person_result_id")
    counts = dict(
        PersonResult.objects.filter(assessment=assessment)
        .order_by()
        .values("role")
        .annotate(n=Count("*"))
        .values_list("role", "n")
    )
    contexts = {role: _Context(assessment, {"": counts.get(role, 0)}) for role in PersonResult.Role.values}
    _read_headings(items)
    return [contexts[r.role].explain(r, person_name(r), categories[r.pk], items[r.pk], events[r.pk]) for r in results]


class StreamedItems:
    """The item lines of a few units, or of a few people of one role, in their breakdowns' order, read
    ``chunk`` rows at a time: a lead leader of a district answers for tens of thousands of items, and
    their rows and lines held at once were the results export's peak (+120 MB at 100,000 items,
    bench/README.md). One query for the rows (a server-side cursor), one for the headings of each
    chunk; the lines are those of ``explain_units``/``explain_people`` (``_Context.item``), each
    category's in the order ``_Context.explain`` puts them."""

    def __init__(self, assessment: Assessment, subjects: Sequence[UnitResult | PersonResult], chunk: int) -> None:
        self.context = _Context(assessment, {})
        self.units = isinstance(subjects[0], UnitResult)
        column = "unit_id" if self.units else POST_COLUMN[subjects[0].role]
        keys = [self.key(subject) for subject in subjects]
        assert self.units or len({subject.role for subject in subjects}) == 1, "people of one role at a time"
        self.position = {key: i for i, key in enumerate(keys)}  # a post twice: its last, as explain_people
        at = Case(*(When(**{column: key}, then=Value(i)) for key, i in self.position.items()))
        found = _item_results(assessment).filter(**{f"{column}__in": keys}).annotate(position=at)
        self.rows = self._with_headings(found.order_by("position", *ITEM_ORDER).iterator(chunk_size=chunk), chunk)
        self.next: ItemResult | None = None
        # Items scored without units count for each of their responsible units, after the unit's own.
        self.unsplit: dict[int, dict[int, list[ItemResult]]] = defaultdict(lambda: defaultdict(list))
        if self.units:
            unsplit = _unsplit_results(assessment, keys)
            attach_ancestors(row.item for row, _unit in unsplit)
            for row, unit_id in unsplit:
                self.unsplit[unit_id][row.category_id].append(row)

    def key(self, subject: UnitResult | PersonResult) -> int:
        return subject.unit_id if self.units else subject.post_id

    def of(self, subject: UnitResult | PersonResult) -> Callable[[CategoryLines], Iterator[ItemLines]]:
        """For ``Explanation.each_row``: a category's item lines of ``subject`` (an explanation built
        without them), then the unit's 考核组评定 and entered numbers the explanation holds."""
        key = self.key(subject)

        def items_of(category: CategoryLines) -> Iterator[ItemLines]:
            for row in self._take(self.position[key], category.result):
                yield self.context.item(row)
            for row in self.unsplit[key][category.result.category_id] if self.units else ():
                yield self.context.item(row)
            yield from category.items

        return items_of

    def _take(self, position: int, category: CategoryResult) -> Iterator[ItemResult]:
        """The rows of one subject's category; rows before it (a category the subject carries nothing
        in: ``explain`` leaves them out too) are passed over."""
        wanted = (position, category.category.order, category.category_id)
        while (row := self._peek()) is not None:
            at = (row.position, row.category.order, row.category_id)
            if at > wanted:
                return
            self.next = None
            if at == wanted:
                yield row

    def _peek(self) -> ItemResult | None:
        if self.next is None:
            self.next = next(self.rows, None)
        return self.next

    @staticmethod
    def _with_headings(rows: Iterator[ItemResult], chunk: int) -> Iterator[ItemResult]:
        while batch := list(itertools.islice(rows, chunk)):
            attach_ancestors(row.item for row in batch)
            yield from batch


def facts_day(assessment: Assessment) -> datetime.date:
    """The day a version's facts are of: its 计分截至 day, or the day it was computed if that came
    first (a version computed in June of a year counted to December knows June's facts)."""
    if assessment.computed_at is None:
        return assessment.as_of
    return min(assessment.as_of, timezone.localdate(assessment.computed_at))


def done_since(result: ItemResult, computed_at: datetime.datetime | None) -> datetime.datetime | None:
    """When the work a row scored as not done was done (verified or closed) after the version was
    computed; None if it was not, or the version already knew it."""
    if result.done or computed_at is None:
        return None
    work = result.assignment if result.assignment_id else result.item
    if work.status not in (ItemStatus.VERIFIED, ItemStatus.CLOSED):
        return None
    done_at = work.closed_at or work.status_changed_at
    return done_at if done_at > computed_at else None


def stale_text(done_at: datetime.datetime) -> str:
    return _("此后已于%(day)s办结；本版本计算在先，仍按未完成计分，重新计算后更新。") % {
        "day": day(timezone.localdate(done_at))
    }


def year_end_of(user, item: ResponsibilityItem) -> list[ItemLines]:
    """The item's scores in the newest year-end version the user may read, one per unit (or the
    item's one score, scored without units), with their lines: published versions for everyone who
    sees the item, drafts too for those who see all results."""
    from . import access

    # Not the item again (its fifty columns on every row): the page has read it.
    related = ("assessment__scheme", "category", "unit", "assignment")
    results = ItemResult.objects.filter(item=item).select_related(*related)
    if not access.has(user, access.VIEW_ALL):
        results = results.filter(assessment__status=Assessment.Status.PUBLISHED)
    results = list(results.order_by("-assessment__scheme__year", "-assessment__version", "unit__order", "unit_id"))
    for result in results:
        result.item = item
    newest = [r for r in results if r.assessment_id == results[0].assessment_id] if results else []
    if not newest:
        return []
    context = _Context(newest[0].assessment, {})
    return [context.item(result) for result in newest]


def part_lines(rules: Rules, as_of: datetime.date, result: ItemResult) -> list[Line]:
    """The lines of one part scored by the 考核评分 step (``compute.score_part``), as the year end
    writes them for the same row."""
    return _Context(Assessment(as_of=as_of), {}, rules=rules).item(result).lines


def explain_unit(assessment: Assessment, result: UnitResult) -> Explanation:
    return explain_units(assessment, [result])[0]


def explain_person(assessment: Assessment, result: PersonResult) -> Explanation:
    return explain_people(assessment, [result])[0]


def person_name(result: PersonResult) -> str:
    """赵所长（司法所 司法所所长）: the person as scored, with the post the items hang on."""
    post = f"{result.post.unit.name} {result.post.title}"
    if result.person is None:
        return _("%(post)s（空缺）") % {"post": post}
    return _("%(person)s（%(post)s）") % {"person": result.person, "post": post}


# A subject's item lines: by category, then item, then unit (an item of several units, for a person).
ITEM_ORDER = ("category__order", "category_id", "item__order", "item_id", "unit__order", "unit_id")


def _item_results(assessment: Assessment):
    return (
        ItemResult.objects.filter(assessment=assessment)
        .select_related("item", "category", "unit", "assignment")
        .order_by(*ITEM_ORDER)
    )


def _event_results(assessment: Assessment):
    return EventResult.objects.filter(assessment=assessment).select_related("event__rule__indicator")


def event_category(rule: EventRule) -> int | None:
    """The category an event rule is tied to: its own (所属类别), or its indicator's (所属指标); None: tied
    to no category, so its events are listed apart from the categories."""
    if rule.category_id:
        return rule.category_id
    if rule.indicator_id:
        return rule.indicator.category_id
    return None


def _group(rows, key: str) -> dict[int, list]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


class _Context:
    """What every subject of one kind shares: the scheme, and how many were graded in each 考核分组
    ("": ungrouped, and every person); ``grouped``: units, ranked in groups when the version has any."""

    def __init__(
        self, assessment: Assessment, graded: dict[str, int], grouped: bool = False, rules: Rules | None = None
    ) -> None:
        # The rules as the version was computed, not as the scheme stands today (or, for the 考核评分
        # step's one part, the rules it scored by).
        self.scheme = rules or assessment.frozen_rules()
        self.scheme_id = assessment.scheme_id
        self.as_of = assessment.as_of
        self.facts_day = facts_day(assessment)
        self.computed_at = assessment.computed_at
        self.graded = graded
        self.deductive = self.scheme.method == Scheme.Method.DEDUCTIVE
        self.grouped = grouped and bool(self.scheme.groups)

    @cached_property
    def scheme_categories(self) -> list[SchemeCategory]:
        """Every category of the scheme, read once for all subjects (扣分制 counts the ones not carried)."""
        return list(SchemeCategory.objects.filter(scheme_id=self.scheme_id).order_by("order", "id"))

    def explain(self, subject, name: str, categories, items, events, assessed=(), cooperating=()) -> Explanation:
        by_category = defaultdict(list)
        for item_result in items:
            by_category[item_result.category_id].append(self.item(item_result))
        for row in assessed:
            by_category[row.category_id].append(self.assessed(row))
        explanation = Explanation(subject=subject, name=name)
        explanation.categories = [
            CategoryLines(c, self.category_line(c), by_category[c.category_id]) for c in categories
        ]
        explanation.base = self.base_line(subject, categories)
        explanation.events = [self.event(e) for e in events]
        explanation.cooperating = [line for line, _category in cooperating]
        explanation.total = self.total_line(subject)
        explanation.grade = self.grade_lines(subject, events)
        explanation.subtotals = self.subtotals(subject, categories, explanation.events, cooperating)
        return explanation

    # items ----------------------------------------------------------------------------------------------

    def assessed(self, row: AssessedResult) -> ItemLines:
        """考核组评定: the points the assessors gave the unit on the indicator, and why; a ratio or
        per-count indicator: the number, the rule and the points (``counted``)."""
        if row.value is not None:
            return self.counted(row)
        label = _("“%(indicator)s”（考核组评定）") % {"indicator": row.indicator.name}
        text = _("考核组评定 %(earned)s/%(possible)s：%(reason)s") % {
            "earned": num(row.earned),
            "possible": num(row.possible),
            "reason": row.reason,
        }
        return ItemLines(row, label, [Line(text, row.earned)])

    def counted(self, row: AssessedResult) -> ItemLines:
        """按完成比例得分 / 按次扣分: "评分单位填报 8 / 目标 10，按完成比例得 12/15", "逾期事项数 3，每个扣
        0.5 分，得 3.5/5（最低 0 分）", by the rule the version was computed with."""
        rule = self.scheme.indicators.get(row.indicator_id) or IndicatorRule.of(row.indicator)
        label = _("“%(indicator)s”（%(method)s）") % {
            "indicator": row.indicator.name,
            "method": SchemeIndicator.Method(rule.method).label,
        }
        value = counted_value(rule.source, row.value)
        if rule.method == SchemeIndicator.Method.RATIO:
            text = ratio_rule(value, rule, row)
        else:
            text = per_count_rule(value, rule, row)
        if row.reason:
            text = _("%(text)s（%(reason)s）") % {"text": text, "reason": row.reason}
        return ItemLines(row, label, [Line(text, row.earned)])

    def item(self, result: ItemResult) -> ItemLines:
        label = result_label(result)
        lines = [self.completion_line(result)]
        since = done_since(result, self.computed_at)
        if since is not None:
            lines.append(Line(stale_text(since)))
        if result.indicators_total:
            lines.append(
                Line(
                    _("指标达成 %(reached)s/%(total)s，计 %(points)s")
                    % {
                        "reached": result.indicators_reached,
                        "total": result.indicators_total,
                        "points": score(result.indicator_points),
                    },
                    result.indicator_points,
                )
            )
        quality = self.quality_line(result)
        if quality is not None:
            lines.append(quality)
        if result.late_deduction:
            lines.append(self.late_line(result, label))
        if result.return_deduction:
            lines.append(self.return_line(result))
        gross = sum((line.points for line in lines if line.points is not None), ZERO)
        if gross != result.earned:
            # The item's score never goes below zero: deductions beyond what it earned are not counted.
            lines.append(Line(_("扣分超过所得，该项计 0 分"), result.earned - gross))
        return ItemLines(result, label, lines)

    def completion_line(self, result: ItemResult) -> Line:
        points = result.completion_points
        quality_share = self.scheme.quality_share
        if result.done:
            if result.indicators_total or quality_share:
                indicator_share = self.scheme.indicator_share if result.indicators_total else 0
                text = _("已办结，完成部分（分值的 %(share)s%%）计 %(points)s") % {
                    "share": 100 - indicator_share - quality_share,
                    "points": score(points),
                }
            else:
                text = _("已办结，计 %(points)s") % {"points": score(points)}
        elif self.scheme.not_done == Scheme.NotDone.PROGRESS:
            # Dated: the progress is the one reported by then, and the item may have moved on since.
            text = _("截至%(day)s未完成，按当时进度%(percent)s%%计 %(points)s") % {
                "day": day(self.facts_day),
                "percent": result.percent_done,
                "points": score(points),
            }
        else:
            text = _("截至%(day)s未完成，不得分") % {"day": day(self.facts_day)}
        return Line(text, points)

    def quality_line(self, result: ItemResult) -> Line | None:
        """工作质量: the assessor's rating and what it counted for under the scheme's share; a rating under
        a share of 0 is a fact only; no rating under a share of 0, nothing to say."""
        share = self.scheme.quality_share
        if result.quality is None:
            if not share:
                return None
            return Line(_("未评定工作质量（占分值的 %(share)s%%），不计分") % {"share": share}, ZERO)
        rating = num(result.quality)
        if not share:
            return Line(_("工作质量评定 %(rating)s/10，工作质量占比为 0，不计分") % {"rating": rating})
        text = _("工作质量评定 %(rating)s/10，占分值的 %(share)s%%，计 %(points)s") % {
            "rating": rating,
            "share": share,
            "points": score(result.quality_points),
        }
        return Line(text, result.quality_points)

    def late_line(self, result: ItemResult, label: str) -> Line:
        scheme = self.scheme
        if scheme.late_period == Scheme.LatePeriod.WEEK:
            rate = _("每周扣%(points)s分") % {"points": num(scheme.late_points)}
            periods = math.ceil(result.days_late / 7)
        else:
            rate = _("每天扣%(points)s分") % {"points": num(scheme.late_points)}
            periods = result.days_late
        if result.late_deduction < scheme.late_points * periods:
            rate = _("%(rate)s，已达扣分上限") % {"rate": rate}
        values = {"points": signed(-result.late_deduction), "item": label, "days": result.days_late, "rate": rate}
        if result.done:
            text = _("%(points)s：%(item)s逾期%(days)s天（%(rate)s）") % values
        else:
            values["as_of"] = day(self.as_of)
            text = _("%(points)s：%(item)s逾期未完成，计至%(as_of)s逾期%(days)s天（%(rate)s）") % values
        return Line(text, -result.late_deduction)

    def return_line(self, result: ItemResult) -> Line:
        text = _("%(points)s：退回整改%(count)s次") % {
            "points": signed(-result.return_deduction),
            "count": result.returns,
        }
        if result.return_deduction < self.scheme.return_points * result.returns:
            text += _("（每次扣%(points)s分，已达扣分上限）") % {"points": num(self.scheme.return_points)}
        return Line(text, -result.return_deduction)

    # categories and the base ------------------------------------------------------------------------------

    def category_points(self, result: CategoryResult) -> Decimal:
        """What a category carried counts for in the base: its points (加分制, before rescaling); under
        扣分制 the same, save that a category with nothing to score loses nothing (its full points)."""
        if self.deductive and not result.possible:
            return result.category.points
        return result.points

    def category_line(self, result: CategoryResult) -> Line:
        points = self.category_points(result)
        values = {
            "name": result.category.name,
            "points": num(result.category.points),
            "possible": num(result.possible),
            "earned": num(result.earned),
            "result": score(points),
        }
        if not self.deductive:
            text = _("%(name)s（%(points)s分）：应得 %(possible)s，实得 %(earned)s → %(result)s") % values
        elif not result.possible:
            text = _("%(name)s（%(points)s分）：无应得分值，不扣分 → %(result)s") % values
        else:
            values["lost"] = num(result.category.points - points)
            text = _("%(name)s（%(points)s分）：应得 %(possible)s，实得 %(earned)s → %(result)s，失 %(lost)s 分")
            text %= values
        return Line(text, points)

    def uncarried_line(self, category: SchemeCategory) -> Line:
        """A category the subject has nothing scored in: under 扣分制 it loses nothing (its full points);
        under 加分制 it is left out of the base (shown only for the events tied to it)."""
        values = {"name": category.name, "points": num(category.points)}
        if self.deductive:
            return Line(_("%(name)s（%(points)s分）：无计分事项，不扣分") % values, self.uncarried_points(category))
        return Line(_("%(name)s（%(points)s分）：无计分事项，不计入事项得分") % values, self.uncarried_points(category))

    def uncarried_points(self, category: SchemeCategory) -> Decimal:
        return category.points if self.deductive else ZERO

    def base_line(self, subject, categories: Sequence[CategoryResult]) -> Line:
        if not categories:
            return Line(_("无计分事项，事项得分 0"), subject.base)
        if self.deductive:
            text = _("满分 %(full)s，各类别共失 %(lost)s 分，事项得分 %(base)s") % {
                "full": num(self.scheme.full_score),
                "lost": num(self.scheme.full_score - subject.base),
                "base": score(subject.base),
            }
            return Line(text, subject.base)
        carried = sum((c.category.points for c in categories), ZERO)
        summed = sum((c.points for c in categories), ZERO)
        full = self.scheme.full_score
        if carried == full:
            text = _("各类别合计，事项得分 %(base)s") % {"base": score(subject.base)}
        else:
            text = _(
                "承担 %(count)s 个类别（合计 %(carried)s 分），按满分 %(full)s 折算："
                "%(sum)s × %(full)s ÷ %(carried)s = %(base)s"
            ) % {
                "count": len(categories),
                "carried": num(carried),
                "full": num(full),
                "sum": score(summed),
                "base": score(subject.base),
            }
        return Line(text, subject.base)

    # 分类小计 ------------------------------------------------------------------------------------------------

    def subtotals(self, subject, categories: Sequence[CategoryResult], events: list[EventLines], cooperating):
        """The total by category: each category's points, the events and 会办 tied to it, its subtotal;
        apart, the rescaling (or, under 扣分制, what the categories' points leave of the full score),
        what is tied to no category, and the floor. Every line is one already written for the page."""
        lines = [(event.line, event_category(event.result.event.rule)) for event in events] + list(cooperating)
        tied: dict[int | None, list[Line]] = defaultdict(list)
        for line, category_id in lines:
            tied[category_id].append(line)
        carried = {result.category_id: result for result in categories}
        blocks = []
        for category in self.scheme_categories:
            if category.pk in carried:
                result = carried[category.pk]
                own, write = self.category_points(result), partial(self.category_line, result)
            elif self.deductive or category.pk in tied:
                own, write = self.uncarried_points(category), partial(self.uncarried_line, category)
            else:
                continue
            blocks.append(CategorySubtotal(category, own, tied.get(category.pk, []), write))
        apart = []
        rest = subject.base - sum((block.own for block in blocks), ZERO)
        rescaled = not self.deductive and sum((c.category.points for c in categories), ZERO) != self.scheme.full_score
        if rest or rescaled:
            apart.append(self.rescale_line(categories, rest))
        shown = {block.category.pk for block in blocks}
        apart.extend(line for line, category_id in lines if category_id not in shown)
        floor = self.floor_line(subject)
        if floor is not None:
            apart.append(floor)
        return Subtotals(blocks, apart)

    def rescale_line(self, categories: Sequence[CategoryResult], points: Decimal) -> Line:
        """What turns the categories' points into the base: 加分制's rescaling to the full score; under
        扣分制, the full score against the categories' points when they do not sum to it."""
        full = num(self.scheme.full_score)
        if self.deductive:
            summed = num(sum((c.points for c in self.scheme_categories), ZERO))
            return Line(_("满分 %(full)s 与各类别分值合计 %(sum)s 之差") % {"full": full, "sum": summed}, points)
        carried = num(sum((c.category.points for c in categories), ZERO))
        return Line(_("承担类别合计 %(carried)s 分，按满分 %(full)s 折算") % {"carried": carried, "full": full}, points)

    # events ------------------------------------------------------------------------------------------------

    def event(self, result: EventResult) -> EventLines:
        event, rule = result.event, result.event.rule
        what = {"date": day(event.occurred_on), "rule": str(rule)}
        if rule.kind == EventRule.Kind.VETO:
            text = _("一票否决：%(date)s %(rule)s（%(effect)s）") % {**what, "effect": rule.get_veto_display()}
            return EventLines(result, Line(text, result.applied), event.description)
        text = _("%(points)s：%(date)s %(rule)s") % {**what, "points": signed(result.points)}
        if event.quantity != 1 or event.amount is not None or rule.ratio != 100:
            text += _("（%(how)s）") % {"how": event_arithmetic(event)}
        if result.applied != result.points:
            text += limit_text(result)
        if rule.veto and rule.kind == EventRule.Kind.DEDUCTION:
            text += _("，并%(effect)s") % {"effect": veto_effect(rule.veto, self.top_name)}
        return EventLines(result, Line(text, result.applied), event.description)

    @property
    def top_name(self) -> str:
        """The top grade's name as the version's bands have it ("" when it has none)."""
        bands = self.scheme.bands
        return bands[0].name if bands else ""

    # total and grade ----------------------------------------------------------------------------------------

    def total_line(self, subject) -> Line:
        text = _("总分：%(base)s + %(bonus)s %(minus)s %(deduction)s = %(total)s") % {
            "base": score(subject.base),
            "bonus": num(subject.bonus),
            "minus": MINUS,
            "deduction": num(subject.deduction),
            "total": score(subject.total),
        }
        floor = self.floor_line(subject)
        if floor is not None:
            text += _("（%(floor)s）") % {"floor": floor.text}
        return Line(text, subject.total)

    def floor_line(self, subject) -> Line | None:
        """What the total was raised by: to the floor (扣分制, 按最低分 60 计), or to 0; None: nothing."""
        raised = subject.total - (subject.base + subject.bonus - subject.deduction)
        if subject.floored:
            return Line(_("按最低分 %(floor)s 计") % {"floor": num(self.scheme.floor)}, raised)
        if raised:
            return Line(_("总分不低于 0 分"), raised)
        return None

    def grade_lines(self, subject, events: Sequence[EventResult] = ()) -> list[Line]:
        graded = self.graded.get(subject.group, 0)
        grading = self.scheme.grading(subject.group)
        bands = grading.bands if graded else []
        if not subject.grade or not bands:
            return []
        top = bands[0]
        by_score = next((b for b in bands if subject.total >= b.min_score), bands[-1])
        values = {"grade": subject.grade, "total": score(subject.total), "top": top.name}
        cause = vetoed_by(subject, events)
        if (
            subject.veto
            and cause is not None
            and cause.kind == EventRule.Kind.DEDUCTION
            and (subject.veto == EventRule.Veto.FAIL or by_score == top)
        ):
            # 黄牌: a deduction with a veto's effect is named, not called 一票否决.
            text = _("%(rule)s（%(effect)s），评为%(grade)s") % {
                **values,
                "rule": str(cause),
                "effect": veto_effect(subject.veto, top.name),
            }
        elif subject.veto == EventRule.Veto.FAIL:
            text = _("一票否决（定为最低等次），评为%(grade)s") % values
        elif subject.veto == EventRule.Veto.NO_TOP and by_score == top:
            text = _("一票否决（不得评为%(top)s），评为%(grade)s") % values
        elif subject.quota_limited:
            quota = grading.excellent_quota
            count = grading.places(graded)
            if subject.rank != subject.order:
                position = _("总分并列第%(rank)s，按同分规则排第%(order)s") % {
                    "rank": subject.rank,
                    "order": subject.order,
                }
            else:
                position = _("排第%(order)s") % {"order": subject.order}
            text = _("%(top)s名额 %(quota)s%%（共 %(count)s 个），%(position)s，评为%(grade)s") % {
                **values,
                "quota": quota,
                "count": count,
                "position": position,
            }
            if subject.group:
                text = _("“%(group)s”组%(text)s") % {"group": subject.group, "text": text}
        elif by_score.min_score > 0:
            text = _("总分 %(total)s，评为%(grade)s（%(min)s 分及以上）") % {**values, "min": num(by_score.min_score)}
        else:
            text = _("总分 %(total)s，评为%(grade)s") % values
        return [Line(text), Line(rank_text(subject.rank, graded, subject.group, self.grouped))]


# --- 考核分组 -------------------------------------------------------------------------------------------------


def rank_text(rank: int, count: int, group: str, grouped: bool) -> str:
    """Where a subject ranked, among whom: 排名第2（共 6 个）; with 考核分组, 在“社区”组 6 个单位中排名第2,
    or 在未分组的 2 个单位中排名第1 for a unit no group takes."""
    values = {"rank": rank, "count": count, "group": group}
    if group:
        return _("在“%(group)s”组 %(count)s 个单位中排名第%(rank)s") % values
    if grouped:
        return _("在未分组的 %(count)s 个单位中排名第%(rank)s") % values
    return _("排名第%(rank)s（共 %(count)s 个）") % values


def bands_text(bands: Sequence) -> str:
    """优秀（90 分及以上）、良好（80 分及以上）、不合格: the bands a ranking was graded by."""
    if not bands:
        return _("未设等次")
    at_least = _("%(name)s（%(min)s 分及以上）")
    parts = [at_least % {"name": b.name, "min": num(b.min_score)} if b.min_score > 0 else b.name for b in bands]
    return "、".join(parts)


def graded_per_group(assessment: Assessment) -> dict[str, int]:
    """How many units were graded in each 考核分组 of the version ("": those no group took)."""
    rows = UnitResult.objects.filter(assessment=assessment).order_by().values("group").annotate(n=Count("*"))
    return {row["group"]: row["n"] for row in rows}


def veto_effect(veto: str, top: str) -> str:
    """不得评为优秀 (the top grade by its name, when known), 定为最低等次."""
    if veto == EventRule.Veto.NO_TOP and top:
        return _("不得评为%(top)s") % {"top": top}
    return str(EventRule.Veto(veto).label)


def vetoed_by(subject, events: Sequence[EventResult]) -> EventRule | None:
    """The rule of the first of the subject's events that gave it its veto effect, if any."""
    for result in events:
        rule = result.event.rule
        if rule.veto == subject.veto and rule.kind != EventRule.Kind.BONUS:
            return rule
    return None


def event_effect(rule: EventRule, points: Decimal, top: str) -> str:
    """What one event of the rule does, as the events page says it: +1, −0.5, 扣 0.5 分，并不得评为优秀
    (黄牌), 定为最低等次 (一票否决)."""
    if rule.kind == EventRule.Kind.VETO:
        return veto_effect(rule.veto, top)
    if rule.kind == EventRule.Kind.BONUS:
        return signed(points)
    if rule.veto:
        return _("扣 %(points)s 分，并%(effect)s") % {"points": num(points), "effect": veto_effect(rule.veto, top)}
    return signed(-points)


@dataclass(frozen=True)
class Unranked:
    """A unit with facts for this version but no scored item of its own: not ranked."""

    name: str
    events: int  # its recorded 加减分事项
    missed: int  # its missed 会办 that would have cost points


def unranked_units(assessment: Assessment) -> list[Unranked]:
    """The units whose events or missed 会办 would change a total they do not have (no scored item of
    their own in this version, so no base and no rank), in unit order."""
    ranked = UnitResult.objects.filter(assessment=assessment).values("unit_id")
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    events = EventResult.objects.filter(assessment=assessment, unit_id__isnull=False).exclude(unit_id__in=ranked)
    for row in events.order_by().values("unit_id").annotate(n=Count("id")):
        counts[row["unit_id"]][0] = row["n"]
    missed = ContributionResult.objects.filter(assessment=assessment, deduction__gt=0).exclude(unit_id__in=ranked)
    for row in missed.order_by().values("unit_id").annotate(n=Count("id")):
        counts[row["unit_id"]][1] = row["n"]
    units = Unit.objects.filter(pk__in=counts).order_by("order", "id") if counts else []
    return [Unranked(unit.name, *counts[unit.pk]) for unit in units]


@dataclass(frozen=True)
class Owed:
    """An indicator scored by hand that some ranked units have nothing entered on, in this version."""

    indicator: str
    method: str  # SchemeIndicator.Method: 考核组评定, or a ratio or per-count indicator 评分单位填报
    units: list[str]

    @property
    def entered(self) -> bool:
        """A number a scorer fills in (评分单位填报), not points the assessors give."""
        return self.method != SchemeIndicator.Method.ASSESSED


def owed_scores(assessment: Assessment) -> list[Owed]:
    """The indicators (考核组评定, and ratio or per-count ones entered by a scorer) with the ranked units
    they apply to that had nothing entered for this version, each naming those units: the indicator
    did not count for them. In the scheme's order."""
    indicators = list(
        SchemeIndicator.objects.filter(category__scheme=assessment.scheme_id, points__gt=0)
        .filter(SchemeIndicator.scored_on_page())
        .order_by("category__order", "category_id", "order", "id")
        .prefetch_related("units")
    )
    if not indicators:
        return []
    ranked = [r.unit for r in UnitResult.objects.filter(assessment=assessment).select_related("unit")]
    ranked.sort(key=lambda unit: (unit.order, unit.pk))
    scored = set(AssessedResult.objects.filter(assessment=assessment).values_list("indicator_id", "unit_id"))
    owed = []
    for indicator in indicators:
        units = [unit.name for unit in indicator.applicable(ranked) if (indicator.pk, unit.pk) not in scored]
        if units:
            owed.append(Owed(indicator.name, indicator.method, units))
    return owed


def owed_pairs(owed: Iterable[Owed]) -> int:
    """How many (unit, indicator) pairs the list owes."""
    return sum(len(o.units) for o in owed)


def unscored_assessed(assessment: Assessment) -> int:
    """How many (ranked unit, assessed indicator that applies to it) pairs of this version had no score
    entered: each such indicator did not count for that unit."""
    return owed_pairs(o for o in owed_scores(assessment) if not o.entered)


# --- ratio and per-count indicators ---------------------------------------------------------------------

# What each source's number is called in a sentence; a 评分单位填报 number is what the scorer entered.
COUNTED_FACTS = {
    SchemeIndicator.Source.ENTERED: gettext_lazy("评分单位填报"),
    SchemeIndicator.Source.DONE_PERCENT: gettext_lazy("事项完成率"),
    SchemeIndicator.Source.UNDONE_ITEMS: gettext_lazy("未完成事项数"),
    SchemeIndicator.Source.LATE_ITEMS: gettext_lazy("逾期事项数"),
    SchemeIndicator.Source.RETURNS: gettext_lazy("退回整改次数"),
    SchemeIndicator.Source.MISSED_CONTRIBUTIONS: gettext_lazy("会办逾期次数"),
    SchemeIndicator.Source.MISSED_REPORTS: gettext_lazy("少报次数"),
}
# Counts of items are counted by the item (每个), the others by the time (每次).
BY_THE_ITEM = {SchemeIndicator.Source.UNDONE_ITEMS, SchemeIndicator.Source.LATE_ITEMS}


def counted_number(source: str, value: Decimal) -> str:
    """A number as its source states it: a completion rate with its per cent sign ("80%"), else "3"."""
    return f"{num(value)}%" if source == SchemeIndicator.Source.DONE_PERCENT else num(value)


def counted_value(source: str, value: Decimal) -> str:
    """逾期事项数 3, 事项完成率 80%, 评分单位填报 8: the unit's number, named by where it came from."""
    return _("%(fact)s %(value)s") % {"fact": COUNTED_FACTS[source], "value": counted_number(source, value)}


def ratio_rule(value: str, rule: IndicatorRule, row: AssessedResult) -> str:
    """… / 目标 10，按完成比例得 12/15: the target and the points, with why the points are all of them
    when the number passes the target or none was owed."""
    values = {
        "value": value,
        "target": counted_number(rule.source, row.target),
        "earned": num(row.earned),
        "possible": num(row.possible),
    }
    if not row.target:
        return _("%(value)s / 目标 0（不设要求），得 %(earned)s/%(possible)s") % values
    text = _("%(value)s / 目标 %(target)s，按完成比例得 %(earned)s/%(possible)s") % values
    if row.value > row.target:
        text += _("（超过目标按指标分值计）")
    return text


def per_count_rule(value: str, rule: IndicatorRule, row: AssessedResult) -> str:
    """逾期事项数 3，每个扣 0.5 分，得 3.5/5（最低 0 分）: the step and the floor, and whether the floor
    stopped the deductions."""
    each = _("每个") if rule.source in BY_THE_ITEM else _("每次")
    floor = min(rule.floor, row.possible)
    values = {
        "value": value,
        "each": each,
        "step": num(rule.step),
        "earned": num(row.earned),
        "possible": num(row.possible),
        "floor": num(floor),
    }
    if row.earned == floor and row.possible - rule.step * row.value < floor:
        return _("%(value)s，%(each)s扣 %(step)s 分，得 %(earned)s/%(possible)s（已扣至最低 %(floor)s 分）") % values
    return _("%(value)s，%(each)s扣 %(step)s 分，得 %(earned)s/%(possible)s（最低 %(floor)s 分）") % values


def indicator_rule(indicator: SchemeIndicator) -> str:
    """How a ratio or per-count indicator turns a unit's number into points, in the words of the
    scoring page: "按完成比例：实际数 ÷ 目标值 × 15 分，最高 15 分（目标值 10）", "按次扣分：每次扣 0.5 分，
    最低 0 分". The same cases as ``SchemeIndicator.points_for``, which gives the points."""
    points = num(indicator.points)
    if indicator.method == SchemeIndicator.Method.RATIO:
        rule = _("按完成比例：实际数 ÷ 目标值 × %(points)s 分，最高 %(points)s 分") % {"points": points}
        target = indicator.target_for()
        if target is None:
            return rule + _("（未设目标值：未填目标值的单位得 0 分）")
        if target == 0:
            return rule + _("（目标值为 0：均得满分）")
        return rule + _("（目标值 %(target)s）") % {"target": num(target)}
    if indicator.method == SchemeIndicator.Method.PER_COUNT:
        if not indicator.step:
            return _("按次扣分：每次扣分为 0，均得满分 %(points)s 分") % {"points": points}
        floor = min(indicator.floor, indicator.points)
        return _("按次扣分：每次扣 %(step)s 分，最低 %(floor)s 分") % {"step": num(indicator.step), "floor": num(floor)}
    raise ValueError(f"{indicator.method} indicators are not scored from a number")


def event_arithmetic(event) -> str:
    """How an event's points were reached, when not simply the rule's: "4分×50%", "0.5分×3次"."""
    rule = event.rule
    each = event.amount if event.amount is not None else rule.points
    parts = [_("%(points)s分") % {"points": num(each)}]
    if event.quantity != 1:
        parts.append(_("%(n)s次") % {"n": event.quantity})
    if rule.ratio != 100:
        parts.append(f"{rule.ratio}%")
    return "×".join(parts)


# Why an event counted less than its points (EventResult.limited_by); "" for versions computed before
# the reason was kept, which were only ever cut by a cap.
LIMIT_REASONS = {
    EventResult.Limit.TIER: gettext_lazy("同组取最高"),
    EventResult.Limit.RULE_CAP: gettext_lazy("该项累计已达上限"),
    EventResult.Limit.CATEGORY: gettext_lazy("扣分已达所属类别分值"),
    EventResult.Limit.INDICATOR: gettext_lazy("本项扣完为止"),
    EventResult.Limit.BONUS_CAP: gettext_lazy("已达加分上限"),
    EventResult.Limit.DEDUCTION_CAP: gettext_lazy("已达扣分上限"),
    "": gettext_lazy("累计已达上限"),
}


def limit_text(result: EventResult) -> str:
    """（同组取最高，计 2 分）: what cut the event, and what it counted for."""
    reason = LIMIT_REASONS.get(result.limited_by, LIMIT_REASONS[""])
    if not result.applied:
        return _("（%(reason)s，不再计分）") % {"reason": reason}
    if result.applied > 0:
        return _("（%(reason)s，计 %(points)s 分）") % {"reason": reason, "points": num(result.applied)}
    return _("（%(reason)s，扣 %(points)s 分）") % {"reason": reason, "points": num(-result.applied)}
