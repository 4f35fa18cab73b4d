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
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Case, CharField, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from responsibility import contributions
from responsibility.contributions import Contribution
from responsibility.models import Assignment, WorkPlan
from responsibility.models.plan import LIT_STATUSES
from responsibility.supervision import KINDS, UNITS, Rows, advance_schedules, derive_supervision, light_rows

from . import lights, notifications
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
    ``plans`` (default: every published plan)."""
    if plans is None:
        plans = list(WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED))
    with override("zh-hans"):
        rows = []
        for plan in plans:
            soon = today + datetime.timedelta(days=plan.yellow_days_before)
            for kind in KINDS:
                rows += [
                    _dated_notice(work, Notification.Kind.DUE_SOON)
                    for work in _dated(kind, plan, Q(due_by__gte=today, due_by__lte=soon), Notification.Kind.DUE_SOON)
                ]
                rows += [
                    _dated_notice(work, Notification.Kind.OVERDUE)
                    for work in _dated(kind, plan, Q(due_by__lt=today), Notification.Kind.OVERDUE)
                ]
            rows += [_contribution_due_notice(work) for work in _contributions_due(plan, today, soon)]
        for kind, pairs in missed.items():
            rows += list(_missed_notices(kind, pairs))
        rows += _missed_contribution_notices(missed_contributions)
    keys = [row.key for row in rows]
    already = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True)) if keys else set()
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    counts: dict[str, int] = {"already_stored": len(already)}
    for row in rows:
        if row.key not in already:
            counts[row.kind] = counts.get(row.kind, 0) + 1
    return counts


def _post(kind: Rows) -> str:
    """The post whose holder hears of a row: the unit's 责任人 on an assignment, else the item's."""
    return "post" if kind is UNITS else "responsible_post"


def notice_key(kind: str, work, due) -> str:
    """One notice per item, deadline and kind; on an item of several units, per unit too (an item
    of one unit keeps the key it had before items had units, so nothing is sent twice)."""
    if isinstance(work, Assignment):
        key = f"{kind}:{work.item_id}:{due}"
        return f"{key}:u{work.unit_id}" if work.item.branch_count > 1 else key
    return f"{kind}:{work.pk}:{due}"


def _dated(kind: Rows, plan: WorkPlan, deadline: Q, notice: str):
    """Dated rows of ``plan`` in someone's hands whose deadline is as given (whatever their light
    says) and who have not had this notice for this deadline: a row overdue for months is not
    rebuilt into a notice every day only for the database to refuse it."""
    item_pk, due = Cast(kind.item_ref, CharField()), Cast("due_by", CharField())
    key = Concat(Value(f"{notice}:"), item_pk, Value(":"), due)
    if kind is UNITS:  # as notice_key: per unit on an item of several
        unit = Concat(key, Value(":u"), Cast("unit_id", CharField()))
        key = Case(When(item__branch_count__gt=1, then=unit), default=key, output_field=CharField())
    sent = Notification.objects.filter(key=OuterRef("notice_key"))
    post = _post(kind)
    related = [post, "item", "unit"] if kind is UNITS else [post]
    return (
        kind.of_plan(plan)
        .filter(deadline, status__in=LIT_STATUSES)
        .annotate(notice_key=key)
        .exclude(Exists(sent))
        .exclude(**{f"{post}__holder": None})
        .select_related(*related)
    )


def _dated_notice(work, kind: str) -> Notification:
    subject, date = _subject(work), date_format(work.due_by)
    if kind == Notification.Kind.DUE_SOON:
        title = _("临期提醒：“%(item)s”将于%(deadline)s到期") % {"item": subject, "deadline": date}
    else:
        title = _("逾期提醒：“%(item)s”已超过完成时限%(deadline)s") % {"item": subject, "deadline": date}
    return _notice(work, kind, notice_key(kind, work, work.due_by), title)


def _subject(work) -> str:
    """How a notice names the work: the item, and on an item of several units the unit too."""
    if isinstance(work, Assignment) and work.item.branch_count > 1:
        return _("%(item)s（%(unit)s）") % {"item": work.item, "unit": work.unit.name}
    return str(work.item if isinstance(work, Assignment) else work)


def _missed_notices(kind: Rows, missed: list[tuple[int, datetime.date]]):
    post = _post(kind)
    related = [post, "item", "unit"] if kind is UNITS else [post]
    lit = kind.model.objects.filter(pk__in={pk for pk, _due in missed}, status__in=LIT_STATUSES)
    holders = {work.pk: work for work in lit.select_related(*related)}
    dates: dict[datetime.date, str] = {}  # a handful of deadlines shared by thousands of notices
    for pk, due in missed:
        work = holders.get(pk)
        if work is None or getattr(work, post) is None or getattr(work, post).holder_id is None:
            continue
        if due not in dates:
            dates[due] = date_format(due)
        yield _notice(
            work,
            Notification.Kind.REPORT_MISSED,
            notice_key("report_missed", work, due),
            _("漏报提醒：“%(item)s”未在%(due)s前报送进度") % {"item": _subject(work), "due": dates[due]},
        )


# --- 会办: a cooperating unit's contribution, due by its date -----------------------------------------


def contribution_key(kind: str, assignment: Assignment, *, lead: bool = False) -> str:
    """One notice per cooperating unit and 会办 date (and one to the lead unit of a missed one)."""
    key = f"{kind}:{assignment.item_id}:{assignment.deadline}:u{assignment.unit_id}"
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
    sent = Notification.objects.filter(key=OuterRef("notice_key"))
    return (
        contributions.open_contributions()
        .filter(item__plan=plan, item__is_heading=False, deadline__gte=today, deadline__lte=soon)
        .exclude(post__holder=None)
        .annotate(notice_key=key)
        .exclude(Exists(sent))
        .select_related("item__lead_unit", "post")
    )


def _contribution_due_notice(assignment: Assignment) -> Notification:
    item, due = assignment.item, date_format(assignment.deadline)
    if item.lead_unit_id:
        title = _("会办提醒：“%(item)s”的会办意见请于%(due)s前提交牵头单位（%(lead)s）") % {
            "item": item,
            "due": due,
            "lead": item.lead_unit.name,
        }
    else:
        title = _("会办提醒：“%(item)s”的会办意见请于%(due)s前提交牵头单位") % {"item": item, "due": due}
    return _notice(
        assignment, Notification.Kind.CONTRIBUTION_DUE, contribution_key("contribution_due", assignment), title
    )


def _missed_contribution_notices(missed: Sequence[Contribution]) -> list[Notification]:
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


def _missed_to_unit(contribution: Contribution) -> Notification:
    work, kind = contribution.assignment, Notification.Kind.CONTRIBUTION_MISSED
    title = _("会办逾期：“%(item)s”的会办意见已超过时限%(due)s") % {
        "item": work.item,
        "due": date_format(contribution.due),
    }
    return _notice(work, kind, contribution_key(kind, work), title)


def _missed_to_lead(contribution: Contribution, holder: int) -> Notification:
    work, kind = contribution.assignment, Notification.Kind.CONTRIBUTION_MISSED
    title = _("会办逾期：%(unit)s未在%(due)s前提交“%(item)s”的会办意见") % {
        "unit": work.unit.name,
        "due": date_format(contribution.due),
        "item": work.item,
    }
    key = contribution_key(kind, work, lead=True)
    return Notification(recipient_id=holder, item_id=work.item_id, kind=kind, key=key, title=title[:200])


def _notice(work, kind: str, key: str, title: str) -> Notification:
    if isinstance(work, Assignment):
        return Notification(
            recipient_id=work.post.holder_id, item_id=work.item_id, kind=kind, key=key, title=title[:200]
        )
    return Notification(recipient_id=work.responsible_post.holder_id, item=work, kind=kind, key=key, title=title[:200])
