"""The supervision sweep (督办巡查): schedules, lights, and the notices they call for, exactly once;
and the cooperating units' 会办: their lights by date, a missed one on the timeline, their notices.

Run by Celery beat (``workflow.tasks.supervision_sweep``: one task per organisation, which workers
take in parallel) and by ``manage.py supervise`` (every organisation in one transaction). The
organisations' sweeps touch disjoint rows: every row swept belongs to an item of a plan, and every
plan to one organisation (``WorkPlan.organisation``). Every
step is set-based; the notices carry an idempotency key that the database keeps unique, so a sweep
that runs twice, two beat processes, or a retry after a lost worker store each notice once. The
notices are delivered after the sweep commits (``deliver_pending``), and delivery is idempotent.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Case, CharField, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from responsibility import contributions
from responsibility.contributions import Contribution
from responsibility.id_lists import any_of
from responsibility.models import Assignment, WorkPlan
from responsibility.models.plan import LIT_STATUSES, item_name
from responsibility.supervision import KINDS, UNITS, Rows, advance_schedules, derive_supervision, light_rows

from . import lights, notice_rows, notifications
from .escalation import apply_rules
from .models import Notification


@dataclass
class SweepResult:
    day: datetime.date
    organisation: int | None = None  # None: every organisation's plans
    relit: int = 0
    escalations: int = 0
    counted: int = 0  # the rows of the day's light history (LightCount)
    contributions_missed: int = 0  # the 会办 missed yesterday, put on their items' timelines today
    notices: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "day": self.day.isoformat(),
            "organisation": self.organisation,
            "relit": self.relit,
            "notices": self.notices,
            "escalations": self.escalations,
            "counted": self.counted,
            "contributions_missed": self.contributions_missed,
        }


def sweep(today: datetime.date | None = None, organisation: int | None = None, *, deliver: bool = True) -> SweepResult:
    """Sweep every published plan, or only those of ``organisation`` (a unit's id), in one
    transaction; then queue the delivery of what it stored (``deliver``: the fan-out's summary
    queues it once for all the organisations instead)."""
    today = today or timezone.localdate()
    result = SweepResult(today, organisation)
    with transaction.atomic():
        _one_at_a_time(organisation)
        published = WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED)
        if organisation is not None:
            published = published.filter(organisation_id=organisation)
        plans = list(published)
        # Every plan (None): the statements stay those of one sweep over all, no list of ids.
        scope = None if organisation is None else [plan.pk for plan in plans]
        if scope == []:
            return result
        missed = {rows: advance_schedules(today, rows, scope) for rows in KINDS}
        for plan in plans:
            result.relit += light_rows(plan, today)
        missed_contributions = contributions.record_missed(today, scope)
        result.contributions_missed = len(missed_contributions)
        result.notices = store_notices(today, missed, missed_contributions, plans)
        result.escalations = apply_rules(today, scope)
        for plan in plans:
            derive_supervision(plan)  # the items take their units' lights and ladder steps, once
        result.counted = lights.record(today, scope)
        if deliver:
            notifications.send_pending_after_commit()
    return result


def organisations_to_sweep() -> list[int]:
    """The organisations with a published plan: one sweep task each (``workflow.tasks``)."""
    published = WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED)
    return sorted(set(published.values_list("organisation_id", flat=True)))


def combine(results: Sequence[dict], day: str) -> dict:
    """The organisations' sweeps (``SweepResult.as_dict``, or ``{"failed": …}``) added up: what one
    sweep of every plan would have returned, and the organisations that failed."""
    done = [result for result in results if "failed" not in result]
    notices: dict[str, int] = {}
    for result in done:
        for kind, n in result["notices"].items():
            notices[kind] = notices.get(kind, 0) + n
    counts = ("relit", "escalations", "counted", "contributions_missed")
    return {
        "day": day,
        "organisations": len(results),
        **{name: sum(result[name] for result in done) for name in counts},
        "notices": notices,
        "failed": [result["organisation"] for result in results if "failed" in result],
    }


SWEEP_LOCK = 0x4C756F73  # "Luos": the advisory lock that lets one sweep run at a time


def _one_at_a_time(organisation: int | None) -> None:
    """A second sweep of the same plans (another beat, a retry) waits for the first to commit,
    then finds its work done. Without it both UPDATE the same rows in different orders and
    PostgreSQL has to break the deadlock by killing one of them. Organisations' sweeps share the
    lock (they touch disjoint rows and run side by side) and each holds its own (two integers: a
    key space apart from the single one); a sweep of everything holds it alone. SQLite writes one
    transaction at a time anyway."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if organisation is None:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SWEEP_LOCK])
        else:
            cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [SWEEP_LOCK])
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [SWEEP_LOCK, organisation])


def store_notices(
    today: datetime.date,
    missed: dict[Rows, list[tuple[int, datetime.date]]],
    missed_contributions: Sequence[Contribution] = (),
    plans: Sequence[WorkPlan] | None = None,
) -> dict[str, int]:
    """The notices the schedules call for, to each unit's responsible official (or, for an item
    without units, the item's), and those the 会办 dates call for, each under its own key; of
    ``plans`` (default: every published plan).

    Built from the few columns a notice needs (``values_list``), not from model instances, each
    deadline's text formatted once, and stored as plain rows (``notice_rows``): a missed reporting
    day shared by a quarter of a district's units is tens of thousands of notices."""
    if plans is None:
        plans = list(WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED))
    with override("zh-hans"):
        rows: list[notice_rows.Row] = []
        for plan in plans:
            soon = today + datetime.timedelta(days=plan.yellow_days_before)
            for kind in KINDS:
                rows += _dated_notices(kind, plan, Q(due_by__gte=today, due_by__lte=soon), Notification.Kind.DUE_SOON)
                rows += _dated_notices(kind, plan, Q(due_by__lt=today), Notification.Kind.OVERDUE)
            rows += _contribution_due_notices(plan, today, soon)
        for kind, pairs in missed.items():
            rows += _missed_notices(kind, pairs)
        rows += _missed_contribution_notices(missed_contributions)
    stored = notice_rows.insert(rows)
    counts: dict[str, int] = {"already_stored": len(rows) - len(stored)}
    for kind in stored:
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def _post(kind: Rows) -> str:
    """The post whose holder hears of a row: the unit's 责任人 on an assignment, else the item's."""
    return "post" if kind is UNITS else "responsible_post"


def _key(kind: str, item: int, due, unit: int | None = None) -> str:
    key = f"{kind}:{item}:{due}"
    return key if unit is None else f"{key}:u{unit}"


def notice_key(kind: str, work, due) -> str:
    """One notice per item, deadline and kind; on an item of several units, per unit too (an item
    of one unit keeps the key it had before items had units, so nothing is sent twice)."""
    if isinstance(work, Assignment):
        return _key(kind, work.item_id, due, work.unit_id if work.item.branch_count > 1 else None)
    return _key(kind, work.pk, due)


class _Work(NamedTuple):
    """A row as its notices name it: its item, its unit if the item has several (then its notices
    name the unit and are keyed per unit), how it is named, and who is told."""

    item: int
    unit: int | None
    subject: str
    holder: int | None

    def key(self, kind: str, due) -> str:
        return _key(kind, self.item, due, self.unit)


def _works(kind: Rows, rows) -> list[tuple[int, datetime.date | None, _Work]]:
    """(row, its current deadline, the row as its notices name it) for each of ``rows``."""
    if kind is not UNITS:
        fields = ("pk", "due_by", "number", "title", "responsible_post__holder_id")
        return [
            (pk, due, _Work(pk, None, item_name(number, title), holder))
            for pk, due, number, title, holder in rows.values_list(*fields)
        ]
    of_unit = _("%(item)s（%(unit)s）")
    fields = ("item__branch_count", "item__number", "item__title", "unit__name", "post__holder_id")
    found = []
    for pk, due, item, unit, branches, number, title, unit_name, holder in rows.values_list(
        "pk", "due_by", "item_id", "unit_id", *fields
    ):
        name = item_name(number, title)
        if branches > 1:
            found.append((pk, due, _Work(item, unit, of_unit % {"item": name, "unit": unit_name}, holder)))
        else:
            found.append((pk, due, _Work(item, None, name, holder)))
    return found


@functools.lru_cache(maxsize=256)
def _date(due: datetime.date, language: str) -> str:
    """A deadline as notices write it: a handful of dates shared by thousands of notices."""
    return date_format(due)


def _date_text(due: datetime.date) -> str:
    return _date(due, get_language())


def _dated(kind: Rows, plan: WorkPlan, deadline: Q, notice: str):
    """Dated rows of ``plan`` in someone's hands whose deadline is as given (whatever their light
    says) and who have not had this notice for this deadline: a row overdue for months is not
    rebuilt into a notice every day only for the database to refuse it."""
    item_pk, due = Cast(kind.item_ref, CharField()), Cast("due_by", CharField())
    key = Concat(Value(f"{notice}:"), item_pk, Value(":"), due)
    if kind is UNITS:  # as notice_key: per unit on an item of several
        unit = Concat(key, Value(":u"), Cast("unit_id", CharField()))
        key = Case(When(item__branch_count__gt=1, then=unit), default=key, output_field=CharField())
    sent = _sent(notice)
    return (
        kind.of_plan(plan)
        .filter(deadline, status__in=LIT_STATUSES)
        .annotate(notice_key=key)
        .exclude(Exists(sent))
        .exclude(**{f"{_post(kind)}__holder": None})
    )


def _sent(notice: str):
    """The notices of kind ``notice`` stored under ``OuterRef("notice_key")``. Only keys that start
    with the kind's can match (``_key``): said in SQL, the database reads those off the index of
    the keys' prefixes instead of hashing every notice ever sent, on every sweep."""
    return Notification.objects.filter(key__startswith=f"{notice}:", key=OuterRef("notice_key"))


def _dated_notices(kind: Rows, plan: WorkPlan, deadline: Q, notice: str) -> list[notice_rows.Row]:
    if notice == Notification.Kind.DUE_SOON:
        template = _("临期提醒：“%(item)s”将于%(deadline)s到期")
    else:
        template = _("逾期提醒：“%(item)s”已超过完成时限%(deadline)s")
    return [
        notice_rows.row(
            work.holder,
            work.item,
            notice,
            work.key(notice, due),
            template % {"item": work.subject, "deadline": _date_text(due)},
        )
        for _pk, due, work in _works(kind, _dated(kind, plan, deadline, notice))
    ]


def _missed_notices(kind: Rows, missed: list[tuple[int, datetime.date]]) -> list[notice_rows.Row]:
    # Read into a dict: not in the model's order, which joins the plan and sorts every row for nothing.
    lit = kind.model.objects.filter(pk__in=any_of({pk for pk, _due in missed}), status__in=LIT_STATUSES).order_by()
    works = {pk: work for pk, _due, work in _works(kind, lit)}
    template, notice = _("漏报提醒：“%(item)s”未在%(due)s前报送进度"), Notification.Kind.REPORT_MISSED
    rows = []
    for pk, due in missed:
        work = works.get(pk)
        if work is None or work.holder is None:
            continue
        title = template % {"item": work.subject, "due": _date_text(due)}
        rows.append(notice_rows.row(work.holder, work.item, notice, work.key(notice, due), title))
    return rows


# --- 会办: a cooperating unit's contribution, due by its date -----------------------------------------


def contribution_key(kind: str, assignment: Assignment, *, lead: bool = False) -> str:
    """One notice per cooperating unit and 会办 date (and one to the lead unit of a missed one)."""
    key = _key(kind, assignment.item_id, assignment.deadline, assignment.unit_id)
    return f"{key}:lead" if lead else key


def _contributions_due(plan: WorkPlan, today: datetime.date, soon: datetime.date):
    """The contributions of ``plan`` still owed, due from today to ``soon``, whose 责任人 has not
    been reminded of this date (``contribution_key`` in SQL: a reminded row is not rebuilt)."""
    key = Concat(
        Value(f"{Notification.Kind.CONTRIBUTION_DUE}:"),
        Cast("item_id", CharField()),
        Value(":"),
        Cast("deadline", CharField()),
        Value(":u"),
        Cast("unit_id", CharField()),
    )
    sent = _sent(Notification.Kind.CONTRIBUTION_DUE)
    return (
        contributions.open_contributions()
        .filter(item__plan=plan, item__is_heading=False, deadline__gte=today, deadline__lte=soon)
        .exclude(post__holder=None)
        .annotate(notice_key=key)
        .exclude(Exists(sent))
    )


def _contribution_due_notices(plan: WorkPlan, today: datetime.date, soon: datetime.date) -> list[notice_rows.Row]:
    kind = Notification.Kind.CONTRIBUTION_DUE
    with_lead = _("会办提醒：“%(item)s”的会办意见请于%(due)s前提交牵头单位（%(lead)s）")
    without = _("会办提醒：“%(item)s”的会办意见请于%(due)s前提交牵头单位")
    fields = (
        "item_id",
        "unit_id",
        "deadline",
        "item__number",
        "item__title",
        "item__lead_unit__name",
        "post__holder_id",
    )
    rows = []
    for item, unit, due, number, title, lead, holder in _contributions_due(plan, today, soon).values_list(*fields):
        texts = {"item": item_name(number, title), "due": _date_text(due), "lead": lead}
        title = (with_lead if lead is not None else without) % texts
        rows.append(notice_rows.row(holder, item, kind, _key(kind, item, due, unit), title))
    return rows


def _missed_contribution_notices(missed: Sequence[Contribution]) -> list[notice_rows.Row]:
    """A missed 会办 is told to the cooperating unit's 责任人, and to the lead unit's, who waits for it."""
    leads = _lead_holders({contribution.assignment.item_id for contribution in missed})
    rows = []
    for contribution in missed:
        work = contribution.assignment
        if work.post is not None and work.post.holder_id is not None:
            rows.append(_missed_to_unit(contribution))
        if work.item_id in leads:
            rows.append(_missed_to_lead(contribution, leads[work.item_id]))
    return rows


def _lead_holders(items: set[int]) -> dict[int, int]:
    """The 责任人 of each item's lead unit (an item without a lead unit, or its post vacant, has none)."""
    if not items:
        return {}
    leads = Assignment.objects.filter(item__in=items, role=Assignment.Role.LEAD).exclude(post__holder=None)
    return dict(leads.values_list("item_id", "post__holder_id"))


def _missed_to_unit(contribution: Contribution) -> notice_rows.Row:
    work, kind = contribution.assignment, Notification.Kind.CONTRIBUTION_MISSED
    title = _("会办逾期：“%(item)s”的会办意见已超过时限%(due)s") % {
        "item": work.item,
        "due": _date_text(contribution.due),
    }
    return notice_rows.row(work.post.holder_id, work.item_id, kind, contribution_key(kind, work), title)


def _missed_to_lead(contribution: Contribution, holder: int) -> notice_rows.Row:
    work, kind = contribution.assignment, Notification.Kind.CONTRIBUTION_MISSED
    title = _("会办逾期：%(unit)s未在%(due)s前提交“%(item)s”的会办意见") % {
        "unit": work.unit.name,
        "due": _date_text(contribution.due),
        "item": work.item,
    }
    return notice_rows.row(holder, work.item_id, kind, contribution_key(kind, work, lead=True), title)
