"""The supervision sweep (督办巡查): schedules, lights, and the notices they call for, exactly once.

Run by Celery beat (``workflow.tasks.supervision_sweep``) and by ``manage.py supervise``. Every
step is set-based; the notices carry an idempotency key that the database keeps unique, so a sweep
that runs twice, two beat processes, or a retry after a lost worker store each notice once. The
notices are delivered after the sweep commits (``deliver_pending``), and delivery is idempotent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Case, CharField, Exists, OuterRef, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from responsibility.models import Assignment, WorkPlan
from responsibility.models.plan import LIT_STATUSES
from responsibility.supervision import KINDS, UNITS, Rows, advance_schedules, derive_supervision, light_rows

from . import lights, notifications
from .escalation import apply_rules
from .models import Notification


@dataclass
class SweepResult:
    day: datetime.date
    relit: int = 0
    escalations: int = 0
    counted: int = 0  # the rows of the day's light history (LightCount)
    notices: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "day": self.day.isoformat(),
            "relit": self.relit,
            "notices": self.notices,
            "escalations": self.escalations,
            "counted": self.counted,
        }


def sweep(today: datetime.date | None = None) -> SweepResult:
    today = today or timezone.localdate()
    result = SweepResult(today)
    with transaction.atomic():
        _one_at_a_time()
        missed = {rows: advance_schedules(today, rows) for rows in KINDS}
        plans = list(WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED))
        for plan in plans:
            result.relit += light_rows(plan, today)
        result.notices = store_notices(today, missed)
        result.escalations = apply_rules(today)
        for plan in plans:
            derive_supervision(plan)  # the items take their units' lights and ladder steps, once
        result.counted = lights.record(today)
        notifications.send_pending_after_commit()
    return result


SWEEP_LOCK = 0x4C756F73  # "Luos": the advisory lock that lets one sweep run at a time


def _one_at_a_time() -> None:
    """A second sweep (another beat, a retry) waits for the first to commit, then finds its work
    done. Without it both UPDATE the same rows in different orders and PostgreSQL has to break
    the deadlock by killing one of them. SQLite writes one transaction at a time anyway."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SWEEP_LOCK])


def store_notices(today: datetime.date, missed: dict[Rows, list[tuple[int, datetime.date]]]) -> dict[str, int]:
    """The notices the schedules call for, to each unit's responsible official (or, for an item
    without units, the item's), each under its own key."""
    with override("zh-hans"):
        rows = []
        for plan in WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED):
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
        for kind, pairs in missed.items():
            rows += list(_missed_notices(kind, pairs))
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
    for pk, due in missed:
        work = holders.get(pk)
        if work is None or getattr(work, post) is None or getattr(work, post).holder_id is None:
            continue
        yield _notice(
            work,
            Notification.Kind.REPORT_MISSED,
            notice_key("report_missed", work, due),
            _("漏报提醒：“%(item)s”未在%(due)s前报送进度") % {"item": _subject(work), "due": date_format(due)},
        )


def _notice(work, kind: str, key: str, title: str) -> Notification:
    if isinstance(work, Assignment):
        return Notification(
            recipient_id=work.post.holder_id, item_id=work.item_id, kind=kind, key=key, title=title[:200]
        )
    return Notification(recipient_id=work.responsible_post.holder_id, item=work, kind=kind, key=key, title=title[:200])
