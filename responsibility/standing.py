"""Where each item stood at a past moment (the end of a quarter), read back from its timeline.

A row keeps only today's state, so a summary of a past quarter that read it would call an item closed
in December "已办结" at the end of March. The timeline keeps every step with the status it left and
the status it reached: work with no step since the moment stands as its row says; otherwise each
fact is read back from the first step after it (the status that step left, the deadline before an
extension approved since, the 整改时限 of the last return before the moment). An item of several
units stands where its units stood, by the same rule as ``assignments.derive``. Each fact has its
own helper, so that each can be tested against its opposite.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, NullIf, RowNumber
from django.db.models.lookups import IsNull
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .assignments import PROGRESS_ORDER
from .id_lists import any_of
from .models import Assignment, ItemEvent, ItemStatus
from .models.plan import OPEN_STATUSES

Kind = ItemEvent.Kind


@dataclass(frozen=True)
class Step:
    """One timeline event, as the read-back needs it."""

    kind: str
    from_status: str
    to_status: str
    data: dict
    at: datetime.datetime


@dataclass(frozen=True)
class Standing:
    """A piece of work (an item or a unit's part) as it stood at a moment, counted on ``as_of``."""

    status: str
    deadline: datetime.date | None  # its 完成时限 then (None: ongoing, or no date)
    rectification_due: datetime.date | None  # its 整改时限 then, while being rectified
    as_of: datetime.date
    units: list[tuple[str, Standing]] = field(default_factory=list)  # (unit name, standing): its units'

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def rectifying(self) -> bool:
        return self.status == ItemStatus.RECTIFYING and self.rectification_due is not None

    @property
    def due(self) -> datetime.date | None:
        """What it was due by then (``deadlines.state``'s rule): nothing once closed."""
        if not self.is_open:
            return None
        return self.rectification_due if self.rectifying else self.deadline

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < self.as_of

    @property
    def days_overdue(self) -> int:
        return (self.as_of - self.due).days if self.overdue else 0

    @property
    def late_units(self) -> list[str]:
        return [name for name, unit in self.units if unit.overdue]

    def overdue_text(self, deadline_display: str) -> str:
        """ "2026年3月31日，逾期5天", or for work being rectified its 整改时限 (the date it was overdue
        against); ``deadline_display`` says the 完成时限 of work without a date (长期坚持, the document's
        words)."""
        if self.rectifying:
            when = _("整改时限 %(date)s") % {"date": date_format(self.rectification_due)}
        else:
            when = date_format(self.deadline) if self.deadline else deadline_display
        return _("%(when)s，逾期%(days)s天") % {"when": when, "days": self.days_overdue}


# --- one fact each -----------------------------------------------------------------------------------


def status_then(stored: str, steps: Sequence[Step], moment: datetime.datetime) -> str:
    """The status the work had at ``moment``: the one the first status-changing step after it left,
    else the status stored now."""
    for step in steps:
        if step.at > moment and step.from_status != step.to_status:
            return step.from_status
    return stored


def deadline_then(stored: datetime.date | None, steps: Sequence[Step], moment: datetime.datetime):
    """The 完成时限 at ``moment``: the date before the first extension approved after it (the old
    date its request named), else the date stored now."""
    requested_from = None
    for step in steps:
        if step.kind == Kind.EXTENSION_REQUESTED:
            requested_from = step.data.get("old_deadline")
        if step.kind == Kind.EXTENSION_APPROVED and step.at > moment:
            return datetime.date.fromisoformat(requested_from) if requested_from else stored
    return stored


def rectification_due_then(stored: datetime.date | None, steps: Sequence[Step], moment: datetime.datetime):
    """The 整改时限 at ``moment``: the one set by the last return (退回整改) up to it; the stored one
    if nothing has happened since."""
    if not any(step.at > moment for step in steps):
        return stored
    returns = [step for step in steps if step.kind == Kind.RETURNED and step.at <= moment]
    if not returns or not returns[-1].data.get("deadline"):
        return None
    return datetime.date.fromisoformat(returns[-1].data["deadline"])


def work_then(work, steps: Sequence[Step], moment: datetime.datetime, as_of: datetime.date) -> Standing:
    """One item or unit's part at ``moment`` (``steps``: its own, in order)."""
    status = status_then(work.status, steps, moment)
    deadline = None if work.is_ongoing else deadline_then(work.deadline, steps, moment)
    return Standing(status, deadline, rectification_due_then(work.rectification_due, steps, moment), as_of)


def derived_then(units: list[tuple[str, Standing]], as_of: datetime.date) -> Standing:
    """An item of several units, where its units stood (``assignments.derive``): the least advanced
    unit's status, the nearest deadline of a unit still open, the nearest 整改时限 of one rectifying."""
    standings = [standing for _name, standing in units]
    least = min(standings, key=lambda s: PROGRESS_ORDER.get(s.status, 0))
    still_open = [s for s in standings if s.is_open] or standings
    deadline = _earliest(s.deadline for s in still_open)
    rectification = _earliest(s.rectification_due for s in standings if s.status == ItemStatus.RECTIFYING)
    return Standing(least.status, deadline, rectification, as_of, units)


def _earliest(dates: Iterable[datetime.date | None]) -> datetime.date | None:
    dates = [d for d in dates if d is not None]
    return min(dates) if dates else None


def changed_since(steps: Sequence[Step], moment: datetime.datetime) -> bool:
    """Did the work change status after ``moment`` (an item deployed since stood as a draft then)?"""
    return any(step.at > moment and step.from_status != step.to_status for step in steps)


# --- the same facts asked in SQL, of each item at once -------------------------------------------------
# A past quarter's summary counts thousands of items; these let it count in SQL those whose facts the
# rules above settle from one step. Each is held to its rule by tests/responsibility/test_standing_steps.py
# over random timelines.


def stepped_since(moment: datetime.datetime) -> Exists:
    """Per item (``OuterRef("pk")``): has it a step on its timeline since ``moment`` (at it or
    after)? Only such an item may have stood otherwise than its row says."""
    return Exists(ItemEvent.objects.filter(item=OuterRef("pk"), created_at__gte=moment))


def status_left_since(moment: datetime.datetime) -> Subquery:
    """Per item (``OuterRef("pk")``), ``status_then`` of its own steps when ``changed_since`` holds:
    the status the first of them after ``moment`` that changed the status left; NULL when none did
    (then it stood as stored, or as its units stood: ``standings``)."""
    first = (
        ItemEvent.objects.filter(item=OuterRef("pk"), assignment__isnull=True, created_at__gt=moment)
        .exclude(from_status=F("to_status"))
        .order_by("created_at", "id")
        .values("from_status")[:1]
    )
    return Subquery(first)


def _steps(item, part) -> QuerySet:
    """The steps of one piece of work in SQL: an item's own (``part`` None) or a unit's part's."""
    steps = ItemEvent.objects.filter(item=item).order_by()
    return steps.filter(assignment__isnull=True) if part is None else steps.filter(assignment=part)


def _dated(key: str) -> Cast:
    """A step's date in its data (``data[key]``), NULL when missing or empty (falsy, as the rules read it)."""
    return Cast(NullIf(KeyTextTransform(key, "data"), Value("")), DateField())


def status_then_sql(stored, item, part, moment: datetime.datetime) -> Coalesce:
    """``status_then`` of one piece of work (its ``stored`` status, the references to its item and
    part as ``_steps`` takes them)."""
    first = (
        _steps(item, part)
        .filter(created_at__gt=moment)
        .exclude(from_status=F("to_status"))
        .order_by("created_at", "id")
        .values("from_status")[:1]
    )
    return Coalesce(Subquery(first), stored)


def deadline_then_sql(stored, item, part, moment: datetime.datetime) -> Coalesce:
    """``deadline_then``: the old date named by the last extension request before the first extension
    approved after ``moment`` (in the timeline's order), else ``stored``."""
    approved = _steps(item, part).filter(kind=Kind.EXTENSION_APPROVED, created_at__gt=moment)
    earlier = Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), id__lt=OuterRef("id"))
    requests = _steps(OuterRef("item"), None if part is None else OuterRef("assignment"))
    request = requests.filter(earlier, kind=Kind.EXTENSION_REQUESTED).order_by("-created_at", "-id")
    named = approved.order_by("created_at", "id").annotate(
        old=Subquery(request.annotate(old=_dated("old_deadline")).values("old")[:1])
    )
    return Coalesce(Subquery(named.values("old")[:1]), stored)


def rectification_due_then_sql(stored, item, part, moment: datetime.datetime) -> Case:
    """``rectification_due_then``: ``stored`` unless a step came after ``moment``; then the date the
    last return up to it set (NULL without one)."""
    returned = (
        _steps(item, part)
        .filter(kind=Kind.RETURNED, created_at__lte=moment)
        .order_by("-created_at", "-id")
        .annotate(due=_dated("deadline"))
        .values("due")[:1]
    )
    # A step's id, not EXISTS: PostgreSQL would hash every step since the moment to answer an EXISTS
    # under CASE (a scan of the timeline since, 0.17 s at 100k); this is a probe of the index per work.
    after = Subquery(_steps(item, part).filter(created_at__gt=moment).values("pk")[:1])
    return Case(When(IsNull(after, False), then=Subquery(returned)), default=stored, output_field=DateField())


# --- a plan's items at once ------------------------------------------------------------------------


def _facts_then(moment: datetime.datetime, item, part) -> dict:
    """A work's facts then, asked in SQL (annotations of its row): status, deadline, 整改时限."""
    return {
        "status_then": status_then_sql(F("status"), item, part, moment),
        "deadline_then": deadline_then_sql(F("deadline"), item, part, moment),
        "rectification_then": rectification_due_then_sql(F("rectification_due"), item, part, moment),
    }


def standings_asked(items: QuerySet, moment: datetime.datetime, as_of: datetime.date) -> dict:
    """``standings`` of ``items`` (a query of them) with each work's facts asked in SQL, not read
    back from its steps in Python: the same ``Standing``s (``derived_then`` of the parts' for an
    item of units not changed itself since), two queries for any number of items, each fact asked
    once per work. ``tests/responsibility/test_standing_steps.py`` holds it to ``standings``."""
    columns = ("pk", "status", "branch_count", "ongoing", "left", "deadline_then", "rectification_then")
    facts = _facts_then(moment, OuterRef("pk"), None)
    del facts["status_then"]  # ``left`` is ``status_then``'s first change (NULL: none, the stored status)
    own = items.order_by().annotate(left=status_left_since(moment), **facts)
    own = list(own.values_list(*columns))
    # An item deployed or changed itself since stands by its own steps (``standings``).
    with_units = [pk for pk, _status, branches, _ongoing, left, *_facts in own if branches and left is None]
    parts = (
        Assignment.objects.filter(item__in=any_of(with_units))
        .exclude(role=Assignment.Role.COOPERATING)
        .annotate(**_facts_then(moment, OuterRef("item"), OuterRef("pk")))
        .order_by("item_id", "order", "id")
        .values_list("item_id", "unit__name", "status_then", "deadline_then", "rectification_then")
    )
    units: dict[int, list] = {}
    for item_id, name, status, deadline, rectification in parts:
        units.setdefault(item_id, []).append((name, status, deadline, rectification))
    found = {}
    for pk, stored, _branches, ongoing, left, deadline, rectification in own:
        if pk in units:
            then = [(name, Standing(s, None if ongoing else d, r, as_of)) for name, s, d, r in units[pk]]
            found[pk] = derived_then(then, as_of)
        else:
            status = stored if left is None else left
            found[pk] = Standing(status, None if ongoing else deadline, rectification, as_of)
    return found


@dataclass(frozen=True)
class Work:
    """An item or a unit's part as ``work_then`` reads it, made from a row's values: a past quarter
    reads back thousands, and a model instance each costs ten times the row."""

    pk: int
    status: str
    deadline: datetime.date | None
    rectification_due: datetime.date | None
    is_ongoing: bool


def standings(items: Sequence, moment: datetime.datetime, as_of: datetime.date) -> dict:
    """Each item (by id) as it stood at ``moment``, overdue counted on ``as_of``: two queries for any
    number of items (their units, their relevant steps). An item deployed after the moment stands as
    it stood before (its own step says so); one deployed before stands where its units stood.
    ``items``: models or anything with their ``pk``, ``branch_count`` and ``work_then``'s fields."""
    own_steps = steps_of([item.pk for item in items], moment, parts=False)
    own = {item.pk: own_steps.get((item.pk, None), []) for item in items}
    # An item deployed since stood as a draft: its units' parts did not exist yet.
    with_units = [item for item in items if item.branch_count and not changed_since(own[item.pk], moment)]
    parts = _parts_of(with_units)
    steps = steps_of([item.pk for item in with_units], moment, parts=True)
    found = {}
    for item in items:
        if item.pk in parts:
            units = [(name, work_then(p, steps.get((item.pk, p.pk), []), moment, as_of)) for name, p in parts[item.pk]]
            found[item.pk] = derived_then(units, as_of)
        else:
            found[item.pk] = work_then(item, own[item.pk], moment, as_of)
    return found


def _parts_of(items: Sequence) -> dict[int, list[tuple[str, Work]]]:
    """The items' units' parts (not the cooperating ones), by item: (unit name, the part), in order."""
    if not items:
        return {}
    ongoing = {item.pk: item.is_ongoing for item in items}
    rows = (
        Assignment.objects.filter(item__in=list(ongoing))
        .exclude(role=Assignment.Role.COOPERATING)
        .order_by("item", "order", "id")
        .values_list("pk", "item_id", "status", "deadline", "rectification_due", "unit__name")
    )
    parts: dict[int, list[tuple[str, Work]]] = {}
    for pk, item_id, status, deadline, rectification_due, unit in rows:
        # ``Assignment.is_ongoing`` of a unit running a branch (none here cooperates): its item's.
        work = Work(pk, status, deadline, rectification_due, ongoing[item_id])
        parts.setdefault(item_id, []).append((unit, work))
    return parts


def steps_of(
    item_pks: list[int], moment: datetime.datetime, parts: bool | None = None
) -> dict[tuple[int, int | None], list[Step]]:
    """The steps that tell the past apart from today, by (item, unit's part): the returns and
    extension requests (the dates they set or left), and after the moment only the steps the rules
    above can stop at: the first one (something happened since), the first that changed the status,
    the first extension approved. The rest after it change nothing the helpers return, and a past
    quarter's items have many (``tests/responsibility/test_standing_steps.py`` holds this against all steps).
    ``parts``: only the units' parts' steps (True), only the items' own (False), or both (None)."""
    if not item_pks:
        return {}
    after = ExpressionWrapper(Q(created_at__gt=moment), output_field=BooleanField())
    changes = ExpressionWrapper(~Q(from_status=F("to_status")), output_field=BooleanField())

    def nth(*by) -> Window:
        partition = [F("item_id"), F("assignment_id"), after, *by]
        return Window(RowNumber(), partition_by=partition, order_by=[F("created_at").asc(), F("id").asc()])

    dated = [Kind.RETURNED, Kind.EXTENSION_REQUESTED]
    firsts = Q(nth=1) | (Q(nth_change=1) & ~Q(from_status=F("to_status"))) | Q(nth_kind=1, kind=Kind.EXTENSION_APPROVED)
    events = ItemEvent.objects.filter(item__in=any_of(item_pks))
    if parts is not None:
        events = events.filter(assignment__isnull=not parts)
    # Only the dated steps' data is read: decoding every step's costs more than the rest of the row.
    data = Case(When(kind__in=dated, then=F("data")), default=Value(None), output_field=JSONField())
    rows = (
        events.filter(Q(created_at__gt=moment) | Q(kind__in=dated))
        .annotate(nth=nth(), nth_change=nth(changes), nth_kind=nth(F("kind")))
        .filter(Q(kind__in=dated) | (Q(created_at__gt=moment) & firsts))
        .order_by("created_at", "id")
        .values_list("item_id", "assignment_id", "kind", "from_status", "to_status", data, "created_at")
    )
    found: dict[tuple[int, int | None], list[Step]] = {}
    for item_id, part_id, kind, from_status, to_status, step_data, at in rows:
        found.setdefault((item_id, part_id), []).append(Step(kind, from_status, to_status, step_data or {}, at))
    return found
