"""Where an open item stands against its schedule: reports due, progress expected, red/yellow/green.

The light is a stored column (``ResponsibilityItem.rag``), set here for all open items of a plan in
a few set-based UPDATEs and for one item whenever it reports, so that lists and the board read it
and never recompute it per row. The rules, in order (the first that holds decides):

* red: overdue; or ``red_reports_missed`` reports missed in a row; or ``red_points_behind`` points
  behind the progress expected by now;
* yellow: the deadline within ``yellow_days_before`` days; or ``yellow_points_behind`` points
  behind; or one report missed;
* green otherwise.

Expected progress is the highest ``expected_percent`` of the milestones already due, or, for an item
without milestones, the share of the time from its acceptance to its deadline that has passed; an
item not yet accepted is expected nothing. Ongoing items (长期坚持) have no expected progress and are never overdue.

A cooperating unit (配合单位) owes one contribution by its 会办 date, no reports: while it is owed,
its light is the date's alone (red once the date has passed, yellow within ``yellow_days_before``
days of it, green before; none without a date), and it never colours its item's light.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Collection
from dataclasses import dataclass

from django.db import connection, models
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, Least

from . import deadlines
from .contributions import OWED
from .models import Assignment, Milestone, MissedReport, Rag, RagReason, ReportCadence, ResponsibilityItem, WorkPlan
from .models.plan import LIT_STATUSES, RAG_ORDER, REPORTING_STATUSES

# --- report schedules ------------------------------------------------------------------------------


def next_due(cadence: str, report_day: int | None, after: datetime.date) -> datetime.date | None:
    """The first reporting deadline strictly after ``after``: monthly on day N, quarterly on day N of
    the quarter's last month (day N beyond a month's end means its last day). None when not regular."""
    if cadence == ReportCadence.MONTHLY:
        months = range(1, 13)
    elif cadence == ReportCadence.QUARTERLY:
        months = (3, 6, 9, 12)
    else:
        return None
    day = report_day or 31
    for year in (after.year, after.year + 1):
        for month in months:
            due = datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))
            if due > after:
                return due
    return None


# --- the set-based sweep of one plan ---------------------------------------------------------------


class DaysBetween(models.Func):
    """``later - earlier`` in whole days, on PostgreSQL and SQLite alike."""

    output_field = IntegerField()

    def __init__(self, later, earlier) -> None:
        super().__init__(later, earlier)

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        template = "CAST(julianday(%(expressions)s) AS INTEGER)"
        sql, params = self.as_sql(compiler, connection, template=template, arg_joiner=") - julianday(", **extra)
        return sql, params


# The plans a sweep covers: None for every published plan, else the ids of some (one organisation's).
Plans = Collection[int] | None


@dataclass(frozen=True)
class Rows:
    """A kind of row the sweep supervises. Once deployed, an item's work is its units' assignments,
    each on its own schedule and light; an item with no units of its own (recorded before items had
    units, or set up directly) is supervised as its own unit."""

    model: type
    to_item: str  # the lookup from the row to its item's fields ("" on the item itself)
    item_ref: str  # the row's item id, for subqueries

    def all(self):
        if self.model is Assignment:
            return Assignment.objects.exclude(role=Assignment.Role.COOPERATING)
        return ResponsibilityItem.objects.filter(branch_count=0)

    def item_field(self, name: str) -> str:
        return f"{self.to_item}{name}"

    def published(self, plans: Plans = None):
        """The rows of published plans (of ``plans`` only, if given: one organisation's sweep): a
        draft or closed plan's work owes no reports."""
        rows = self.all().filter(**{self.item_field("plan__status"): WorkPlan.Status.PUBLISHED})
        return rows if plans is None else rows.filter(**{self.item_field("plan__in"): plans})

    def of_plan(self, plan: WorkPlan):
        return self.all().filter(**{self.item_field("plan"): plan, self.item_field("is_heading"): False})


UNITS = Rows(Assignment, "item__", "item_id")
ITEMS = Rows(ResponsibilityItem, "", "pk")
KINDS = (UNITS, ITEMS)


# (row, its item, the deadline it missed): the row is an assignment or an item without units.
Found = tuple[int, int, datetime.date]

# Rows per INSERT of the missed deadlines: four parameters each, well under PostgreSQL's 65535.
MISSED_BATCH = 10000


def advance_schedules(today: datetime.date, rows: Rows, plans: Plans = None) -> list[tuple[int, datetime.date]]:
    """Count every reporting deadline that passed without a report, record each (``MissedReport``),
    and move each row's next one.

    Rows share deadlines (the 25th of each month, the quarter's end), so this is one UPDATE per
    distinct (cadence, day, deadline), not one per row, and one INSERT of the missed deadlines.
    Returns the (row, missed deadline) pairs, for the notices. ``plans``: of these plans only.
    """
    found = _advance_regular(today, rows, plans) + _advance_staged(today, rows, plans)
    record_missed_reports(rows, found)
    return [(pk, due) for pk, _item, due in found]


def record_missed_reports(rows: Rows, found: list[Found]) -> None:
    """Keep each missed deadline once, whoever finds it: a second sweep at the same moment, or one
    run again, meets the unique constraint and adds nothing. A late report removes none of them."""
    if not found:
        return
    units = rows.model is Assignment
    MissedReport.objects.bulk_create(
        [MissedReport(item_id=item, assignment_id=pk if units else None, due=due) for pk, item, due in found],
        ignore_conflicts=True,
        batch_size=MISSED_BATCH,
    )


def _advance_regular(today: datetime.date, rows: Rows, plans: Plans) -> list[Found]:
    """Rows reporting monthly or quarterly: one UPDATE per shared deadline."""
    missed: list[Found] = []
    cadence_f, day_f = rows.item_field("report_cadence"), rows.item_field("report_day")
    regular = rows.published(plans).filter(
        status__in=REPORTING_STATUSES, **{f"{cadence_f}__in": [ReportCadence.MONTHLY, ReportCadence.QUARTERLY]}
    )
    _start_schedules(rows, regular.filter(next_report_due__isnull=True), today)
    groups = (
        regular.filter(next_report_due__lt=today)
        .order_by()  # the model's ordering would make every row its own group
        .values_list(cadence_f, day_f, "next_report_due")
        .distinct()
    )
    for cadence, day, due in groups:
        matched = regular.filter(**{cadence_f: cadence, day_f: day, "next_report_due": due})
        passed = [due]
        while (following := next_due(cadence, day, passed[-1])) < today:
            passed.append(following)
        moved = _move_schedules(rows, matched, due, following, len(passed))
        missed.extend((pk, item, missed_due) for pk, item in moved for missed_due in passed)
    return missed


def _move_schedules(rows: Rows, matched, due: datetime.date, following: datetime.date, passed: int) -> list:
    """Move the ``matched`` rows owing a report on ``due`` to ``following``, ``passed`` deadlines
    missed; returns each row moved and its item (for the record of the misses), from the UPDATE
    itself: no list of ids read, then sent back. Matched on ``due`` again in the UPDATE: a sweep
    running at the same moment finds the rows already moved on and updates none of them twice."""
    meta = rows.model._meta
    table, pk = meta.db_table, meta.pk.column
    item = pk if rows.model is ResponsibilityItem else meta.get_field("item").column
    sql, params = matched.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f'UPDATE {table} SET next_report_due = %s, reports_missed = reports_missed + %s WHERE "{pk}" IN ({sql})'
            f' AND next_report_due = %s RETURNING "{pk}", "{item}"',
            [following, passed, *params, due],
        )
        return sorted(cursor.fetchall())


def _advance_staged(today: datetime.date, rows: Rows, plans: Plans) -> list[Found]:
    """Rows reporting by stage (按阶段) owe a report at each of their item's milestones."""
    staged = rows.published(plans).filter(
        status__in=REPORTING_STATUSES, **{rows.item_field("report_cadence"): ReportCadence.PER_STAGE}
    )
    milestones = Milestone.objects.filter(item=OuterRef(rows.item_ref)).order_by().values("item")
    first = milestones.filter(due__gte=OuterRef("started_on")).annotate(first=models.Min("due")).values("first")
    # Started, and with a stage still ahead: a row whose stages are all behind it has no schedule
    # left (its reports then are the completion claim), and must not start over.
    ahead = Exists(Milestone.objects.filter(item=OuterRef(rows.item_ref), due__gte=today))
    unstarted = staged.filter(ahead, next_report_due__isnull=True, started_on__isnull=False)
    rows.model.objects.filter(pk__in=list(unstarted.values_list("pk", flat=True))).update(
        next_report_due=Subquery(first)
    )
    late = list(staged.filter(next_report_due__lt=today).values_list("pk", rows.item_ref, "next_report_due"))
    dues: dict[int, list[datetime.date]] = {}
    for item_id, due in Milestone.objects.filter(item__in={item for _pk, item, _d in late}).values_list("item", "due"):
        dues.setdefault(item_id, []).append(due)
    missed = sorted((pk, item, due) for pk, item, owed in late for due in dues.get(item, []) if owed <= due < today)
    passed = milestones.filter(due__gte=OuterRef("next_report_due"), due__lt=today).annotate(n=models.Count("id"))
    following = milestones.filter(due__gte=today).annotate(next=models.Min("due")).values("next")
    rows.model.objects.filter(pk__in=[pk for pk, _item, _due in late]).update(
        reports_missed=F("reports_missed") + Coalesce(Subquery(passed.values("n")), Value(0)),
        next_report_due=Subquery(following),
    )
    return missed


def _start_schedules(rows: Rows, unstarted, today: datetime.date) -> None:
    """A row owes its first report at the first deadline after it started (or after today, if its
    start is not known); deadlines already passed since are counted by the caller."""
    cadence_f, day_f = rows.item_field("report_cadence"), rows.item_field("report_day")
    groups = unstarted.order_by().values_list(cadence_f, day_f, "started_on").distinct()
    for cadence, day, started in groups:
        first = next_due(cadence, day, started or today - datetime.timedelta(days=1))
        matched = unstarted.filter(**{cadence_f: cadence, day_f: day, "started_on": started})
        rows.model.objects.filter(pk__in=list(matched.values_list("pk", flat=True))).update(next_report_due=first)


def update_lights(plan: WorkPlan, today: datetime.date) -> int:
    """Set expected progress and the light of every lit row of ``plan`` (units, and items without
    units); clear it on the others; then give each item with units the light its units make.

    Only rows whose value changes are written: on a given day most lights stay as they were, and
    an UPDATE that rewrites a row with its own values still costs PostgreSQL a new row version.
    Returns how many lights changed.
    """
    changed = light_rows(plan, today)
    derive_supervision(plan)
    return changed


def light_rows(plan: WorkPlan, today: datetime.date) -> int:
    """``update_lights`` without the items' share: for the sweep, which derives its items once,
    after the ladder has moved too."""
    return sum(_light_rows(rows, plan, today) for rows in KINDS) + _light_contributions(plan, today)


def _light_rows(rows: Rows, plan: WorkPlan, today: datetime.date) -> int:
    of_plan = rows.of_plan(plan)
    cleared = rows.model.objects.filter(
        pk__in=of_plan.exclude(status__in=LIT_STATUSES).exclude(rag="").values("pk")
    ).update(rag="", rag_reason="")
    lit = rows.model.objects.filter(pk__in=of_plan.filter(status__in=LIT_STATUSES).values("pk"))
    expected = expected_expression(plan, today, rows.item_ref)
    # Computed twice for a row that changes, once for the others: on a day about one unit in five
    # changes, and an UPDATE … FROM the values computed once (a self-join over every lit unit) was
    # measured slower (0.26 s against 0.18 s for one organisation of 15,000 units).
    lit.exclude(expected_percent=expected).update(expected_percent=expected)
    lights = light_expressions(plan, today)
    return cleared + lit.exclude(rag=lights["rag"], rag_reason=lights["rag_reason"]).update(**lights)


def _light_contributions(plan: WorkPlan, today: datetime.date) -> int:
    """The cooperating units' lights, as ``_light_rows`` sets the others': only the changed ones."""
    cooperating = Assignment.objects.filter(role=Assignment.Role.COOPERATING, item__plan=plan, item__is_heading=False)
    done = Assignment.objects.filter(pk__in=cooperating.exclude(OWED).exclude(rag="").values("pk"))
    cleared = done.update(rag="", rag_reason="")
    owed = Assignment.objects.filter(pk__in=cooperating.filter(OWED).values("pk"))
    lights = contribution_light_expressions(plan, today)
    return cleared + owed.exclude(rag=lights["rag"], rag_reason=lights["rag_reason"]).update(**lights)


def contribution_light_expressions(plan: WorkPlan, today: datetime.date) -> dict:
    """An open contribution's light and reason by its 会办 date alone, as CASE expressions."""
    soon = today + datetime.timedelta(days=plan.yellow_days_before)
    rules = [
        (Q(deadline__lt=today), Rag.RED, RagReason.OVERDUE),
        (Q(deadline__lte=soon), Rag.YELLOW, RagReason.DUE_SOON),
        (Q(deadline__isnull=False), Rag.GREEN, RagReason.ON_TRACK),
    ]
    return {
        "rag": _case([(rule, rag) for rule, rag, _reason in rules], ""),
        "rag_reason": _case([(rule, reason) for rule, _rag, reason in rules], ""),
    }


def derive_supervision(plan: WorkPlan) -> int:
    """Each item with units takes its supervision from them, set-based: the light and reason of its
    reddest unit, their mean expected progress, the nearest report any owes, the most reports any
    has missed, the highest ladder step any stands on. Returns the items changed.

    One pass over the plan's units, grouped by item, joined to the items in one UPDATE that writes
    only those whose values differ (six correlated subqueries per item, read and then written, cost
    a sweep of 100,000 items four seconds)."""
    with connection.cursor() as cursor:
        cursor.execute(_DERIVE_SQL.format(distinct=_DISTINCT[connection.vendor]), _derive_params(plan))
        return cursor.rowcount


_DERIVED = ("rag", "rag_reason", "expected_percent", "next_report_due", "reports_missed", "escalation_level")
_DISTINCT = {"postgresql": "IS DISTINCT FROM", "sqlite": "IS NOT"}


def _rank_sql() -> str:
    """``rag_rank`` in SQL: the reddest unit first (``RAG_ORDER``, its one home)."""
    whens = " ".join(f"WHEN '{rag}' THEN {rank}" for rag, rank in RAG_ORDER.items())
    return f"CASE a.rag {whens} ELSE {len(RAG_ORDER)} END"


_DERIVE_SQL = (
    "UPDATE responsibility_responsibilityitem SET "
    + ", ".join(f"{name} = d.{name}" for name in _DERIVED)
    + " FROM (SELECT it.id AS item_id, COALESCE(g.rag, '') AS rag, COALESCE(g.rag_reason, '') AS rag_reason,"
    " COALESCE(g.expected_percent, 0) AS expected_percent, g.next_report_due,"
    " COALESCE(g.reports_missed, 0) AS reports_missed, COALESCE(g.escalation_level, 0) AS escalation_level"
    " FROM responsibility_responsibilityitem it LEFT JOIN ("
    " SELECT u.item_id, MAX(CASE WHEN u.n = 1 THEN u.rag END) AS rag,"
    " MAX(CASE WHEN u.n = 1 THEN u.rag_reason END) AS rag_reason,"
    " FLOOR(AVG(u.expected_percent)) AS expected_percent,"
    " MIN(CASE WHEN u.status IN ({reporting}) THEN u.next_report_due END) AS next_report_due,"
    " MAX(u.reports_missed) AS reports_missed, MAX(u.escalation_level) AS escalation_level"
    " FROM (SELECT a.item_id, a.status, a.rag, a.rag_reason, a.expected_percent, a.next_report_due,"
    " a.reports_missed, a.escalation_level,"
    f' ROW_NUMBER() OVER (PARTITION BY a.item_id ORDER BY {_rank_sql()}, a."order", a.id) AS n'
    " FROM responsibility_assignment a JOIN responsibility_responsibilityitem ai ON ai.id = a.item_id"
    " WHERE ai.plan_id = %s AND a.role <> %s) u GROUP BY u.item_id"
    " ) g ON g.item_id = it.id WHERE it.plan_id = %s AND it.branch_count > 0 AND it.is_heading = %s) d"
    " WHERE responsibility_responsibilityitem.id = d.item_id AND ("
    + " OR ".join(f"responsibility_responsibilityitem.{name} {{distinct}} d.{name}" for name in _DERIVED)
    + ")"
).replace("{reporting}", ", ".join(["%s"] * len(REPORTING_STATUSES)))


def _derive_params(plan: WorkPlan) -> list:
    return [*REPORTING_STATUSES, plan.pk, Assignment.Role.COOPERATING, plan.pk, False]


def expected_expression(plan: WorkPlan, today: datetime.date, item_ref: str = "pk"):
    """The progress expected by ``today`` of a row of items (``item_ref="pk"``) or of assignments
    (``item_ref="item_id"``): the milestones are the item's."""
    due_milestones = Milestone.objects.filter(item=OuterRef(item_ref), due__lte=today)
    by_milestone = Subquery(
        due_milestones.order_by().values("item").annotate(top=models.Max("expected_percent")).values("top")[:1]
    )
    start = F("started_on")
    span = Greatest(DaysBetween(F("due_by"), start), Value(1))
    elapsed = Greatest(DaysBetween(Value(today), start), Value(0))
    linear = Least(Value(100), elapsed * Value(100) / span)
    has_milestones = Exists(Milestone.objects.filter(item=OuterRef(item_ref)))
    return Case(
        # Not yet accepted: nothing can be expected of it, however near its deadline.
        When(Q(due_by__isnull=True) | Q(started_on__isnull=True), then=Value(0)),
        When(has_milestones, then=Coalesce(by_milestone, Value(0))),
        default=linear,
        output_field=IntegerField(),
    )


def light_expressions(plan: WorkPlan, today: datetime.date) -> dict:
    """The light and its reason as CASE expressions over the row (the plan's thresholds as constants)."""
    # ``due_by``: the deadline, or the rectification deadline while rectifying; none if ongoing.
    dated = Q(due_by__isnull=False)
    soon = today + datetime.timedelta(days=plan.yellow_days_before)
    rules = [
        (deadlines.overdue_q(today), Rag.RED, RagReason.OVERDUE),
        (Q(reports_missed__gte=plan.red_reports_missed), Rag.RED, RagReason.REPORTS_MISSED),
        (_behind(plan.red_points_behind), Rag.RED, RagReason.BEHIND),
        (dated & Q(due_by__lte=soon), Rag.YELLOW, RagReason.DUE_SOON),
        (_behind(plan.yellow_points_behind), Rag.YELLOW, RagReason.BEHIND),
        (Q(reports_missed__gte=1), Rag.YELLOW, RagReason.REPORTS_MISSED),
    ]
    return {
        "rag": _case([(rule, rag) for rule, rag, _reason in rules], Rag.GREEN),
        "rag_reason": _case([(rule, reason) for rule, _rag, reason in rules], RagReason.ON_TRACK),
    }


def _behind(points: int) -> Q:
    return Q(expected_percent__gte=F("percent_done") + points)


def _case(whens: list[tuple[Q, str]], default: str) -> Case:
    return Case(
        *(When(rule, then=Value(value)) for rule, value in whens),
        default=Value(default),
        output_field=models.CharField(),
    )


# --- one item, when it reports ---------------------------------------------------------------------


def light_of(item: ResponsibilityItem, plan: WorkPlan, today: datetime.date) -> tuple[str, str]:
    """The same rules for one item in Python, for the moment it reports (no sweep needed to see it)."""
    if item.status not in LIT_STATUSES:
        return "", ""
    deadline = deadlines.state(item, today)
    behind = item.expected_percent - item.percent_done
    if deadline.overdue:
        return Rag.RED, RagReason.OVERDUE
    if item.reports_missed >= plan.red_reports_missed:
        return Rag.RED, RagReason.REPORTS_MISSED
    if behind >= plan.red_points_behind:
        return Rag.RED, RagReason.BEHIND
    if deadline.days_left is not None and deadline.days_left <= plan.yellow_days_before:
        return Rag.YELLOW, RagReason.DUE_SOON
    if behind >= plan.yellow_points_behind:
        return Rag.YELLOW, RagReason.BEHIND
    if item.reports_missed >= 1:
        return Rag.YELLOW, RagReason.REPORTS_MISSED
    return Rag.GREEN, RagReason.ON_TRACK


def relight(item, today: datetime.date) -> None:
    """Set the item's expected progress and light as today's sweep would, from its saved row (e.g.
    right after its deadline moved: the progress expected by a later date is lower). The caller
    saves ``expected_percent``, ``rag`` and ``rag_reason``."""
    plan = item.plan
    item_ref = "pk" if isinstance(item, ResponsibilityItem) else "item_id"
    item.expected_percent = (
        type(item)
        .objects.filter(pk=item.pk)
        .annotate(expected=expected_expression(plan, today, item_ref))
        .values_list("expected", flat=True)
        .get()
    )
    item.rag, item.rag_reason = light_of(item, plan, today)


def after_report(item: ResponsibilityItem, today: datetime.date) -> None:
    """A report settles the period it falls in: nothing missed, and the deadline it was due by met.

    The period of a deadline runs from the day after the one before it up to the deadline itself,
    so a quarterly report filed on 20 March (due 每季度末月30日前) is the first quarter's: the next one
    is owed on 30 June, not on 30 March. Then a new light.
    """
    item.reports_missed = 0
    if item.report_cadence == ReportCadence.PER_STAGE:
        ahead = list(item.milestones.filter(due__gte=today).order_by("due").values_list("due", flat=True)[:2])
        # The last stage stays owed: an empty schedule with a stage ahead would be started over by
        # the sweep, and the last stage's report is the completion claim anyway.
        item.next_report_due = ahead[-1] if ahead else None
    else:
        met = next_due(item.report_cadence, item.report_day, today - datetime.timedelta(days=1))
        item.next_report_due = next_due(item.report_cadence, item.report_day, met) if met else None
    item.rag, item.rag_reason = light_of(item, item.plan, today)
