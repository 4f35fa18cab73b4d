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
"""

from __future__ import annotations

import calendar
import datetime

from django.db import models
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, Least

from .models import Milestone, Rag, RagReason, ReportCadence, ResponsibilityItem, WorkPlan
from .models.plan import LIT_STATUSES, REPORTING_STATUSES

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


def advance_schedules(today: datetime.date) -> list[tuple[int, datetime.date]]:
    """Count every reporting deadline that passed without a report, and move each item's next one.

    Items share deadlines (the 25th of each month, the quarter's end), so this is one UPDATE per
    distinct (cadence, day, deadline), not one per item. Returns the (item, missed deadline) pairs,
    for the notices.
    """
    missed: list[tuple[int, datetime.date]] = []
    regular = ResponsibilityItem.objects.filter(
        status__in=REPORTING_STATUSES, report_cadence__in=[ReportCadence.MONTHLY, ReportCadence.QUARTERLY]
    )
    _start_schedules(regular.filter(next_report_due__isnull=True), today)
    groups = (
        regular.filter(next_report_due__lt=today)
        .order_by()  # the model's ordering would make every row its own group
        .values_list("report_cadence", "report_day", "next_report_due")
        .distinct()
    )
    for cadence, day, due in groups:
        rows = regular.filter(report_cadence=cadence, report_day=day, next_report_due=due)
        ids = list(rows.values_list("pk", flat=True))
        passed = [due]
        while (following := next_due(cadence, day, passed[-1])) < today:
            passed.append(following)
        # Matched on the deadline read above: a sweep running at the same moment finds the rows
        # already moved on and updates none of them twice.
        rows.update(next_report_due=following, reports_missed=F("reports_missed") + len(passed))
        missed.extend((pk, missed_due) for pk in ids for missed_due in passed)
    return missed + _advance_staged(today)


def _advance_staged(today: datetime.date) -> list[tuple[int, datetime.date]]:
    """Items reporting by stage (按阶段) owe a report at each of their own milestones."""
    staged = ResponsibilityItem.objects.filter(status__in=REPORTING_STATUSES, report_cadence=ReportCadence.PER_STAGE)
    milestones = Milestone.objects.filter(item=OuterRef("pk")).order_by().values("item")
    first = milestones.filter(due__gte=OuterRef("started_on")).annotate(first=models.Min("due")).values("first")
    # Started, and with a stage still ahead: an item whose stages are all behind it has no schedule
    # left (its reports then are the completion claim), and must not start over.
    ahead = Exists(Milestone.objects.filter(item=OuterRef("pk"), due__gte=today))
    unstarted = staged.filter(ahead, next_report_due__isnull=True, started_on__isnull=False)
    unstarted.update(next_report_due=Subquery(first))
    late = staged.filter(next_report_due__lt=today)
    missed = list(
        Milestone.objects.filter(item__in=late, due__gte=F("item__next_report_due"), due__lt=today)
        .order_by("item", "due")
        .values_list("item_id", "due")
    )
    passed = milestones.filter(due__gte=OuterRef("next_report_due"), due__lt=today).annotate(n=models.Count("id"))
    following = milestones.filter(due__gte=today).annotate(next=models.Min("due")).values("next")
    late.update(
        reports_missed=F("reports_missed") + Coalesce(Subquery(passed.values("n")), Value(0)),
        next_report_due=Subquery(following),
    )
    return missed


def _start_schedules(rows, today: datetime.date) -> None:
    """An item owes its first report at the first deadline after it started (or after today, if
    its start is not known); deadlines already passed since are counted by the caller."""
    groups = rows.order_by().values_list("report_cadence", "report_day", "started_on").distinct()
    for cadence, day, started in groups:
        first = next_due(cadence, day, started or today - datetime.timedelta(days=1))
        rows.filter(report_cadence=cadence, report_day=day, started_on=started).update(next_report_due=first)


def update_lights(plan: WorkPlan, today: datetime.date) -> int:
    """Set expected progress and the light of every lit item of ``plan``; clear it on the others.

    Only rows whose value changes are written: on a given day most lights stay as they were, and
    an UPDATE that rewrites a row with its own values still costs PostgreSQL a new row version.
    Returns how many lights changed.
    """
    items = ResponsibilityItem.objects.filter(plan=plan, is_heading=False)
    cleared = items.exclude(status__in=LIT_STATUSES).exclude(rag="").update(rag="", rag_reason="")
    lit = items.filter(status__in=LIT_STATUSES)
    expected = expected_expression(plan, today)
    lit.exclude(expected_percent=expected).update(expected_percent=expected)
    lights = light_expressions(plan, today)
    return cleared + lit.exclude(rag=lights["rag"], rag_reason=lights["rag_reason"]).update(**lights)


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
        (dated & Q(due_by__lt=today), Rag.RED, RagReason.OVERDUE),
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
    due = item.effective_deadline()
    behind = item.expected_percent - item.percent_done
    if due and due < today:
        return Rag.RED, RagReason.OVERDUE
    if item.reports_missed >= plan.red_reports_missed:
        return Rag.RED, RagReason.REPORTS_MISSED
    if behind >= plan.red_points_behind:
        return Rag.RED, RagReason.BEHIND
    if due and due <= today + datetime.timedelta(days=plan.yellow_days_before):
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
