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
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from responsibility.models import ResponsibilityItem, WorkPlan
from responsibility.models.plan import LIT_STATUSES
from responsibility.supervision import advance_schedules, update_lights

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
        missed = advance_schedules(today)
        for plan in WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED):
            result.relit += update_lights(plan, today)
        result.counted = lights.record(today)
        result.notices = store_notices(today, missed)
        result.escalations = apply_rules(today)
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


def store_notices(today: datetime.date, missed: list[tuple[int, datetime.date]]) -> dict[str, int]:
    """The notices the schedules call for, to the responsible official, each under its own key."""
    with override("zh-hans"):
        rows = []
        for plan in WorkPlan.objects.filter(status=WorkPlan.Status.PUBLISHED):
            soon = today + datetime.timedelta(days=plan.yellow_days_before)
            due_soon = _dated(plan, Q(due_by__gte=today, due_by__lte=soon), Notification.Kind.DUE_SOON)
            overdue = _dated(plan, Q(due_by__lt=today), Notification.Kind.OVERDUE)
            rows += [_due_soon_notice(item) for item in due_soon]
            rows += [_overdue_notice(item) for item in overdue]
        missed_items = ResponsibilityItem.objects.filter(pk__in={pk for pk, _due in missed}, status__in=LIT_STATUSES)
        rows += list(_missed_notices(missed_items, missed))
    keys = [row.key for row in rows]
    already = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True)) if keys else set()
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    counts: dict[str, int] = {"already_stored": len(already)}
    for row in rows:
        if row.key not in already:
            counts[row.kind] = counts.get(row.kind, 0) + 1
    return counts


def _dated(plan: WorkPlan, deadline: Q, kind: str):
    """Dated items of ``plan`` in someone's hands whose deadline is as given (whatever their light
    says) and who have not had this notice for this deadline: an item overdue for months is not
    rebuilt into a notice every day only for the database to refuse it."""
    item_pk, item_deadline = Cast(OuterRef("pk"), CharField()), Cast(OuterRef("due_by"), CharField())
    key = Concat(Value(f"{kind}:"), item_pk, Value(":"), item_deadline)
    sent = Notification.objects.filter(key=key)
    return (
        ResponsibilityItem.objects.filter(deadline, plan=plan, status__in=LIT_STATUSES)
        .exclude(Exists(sent))
        .exclude(responsible_post__holder=None)
        .select_related("responsible_post")
        .only("pk", "number", "title", "due_by", "responsible_post__holder_id")
    )


def _due_soon_notice(item: ResponsibilityItem) -> Notification:
    return _notice(
        item,
        Notification.Kind.DUE_SOON,
        f"due_soon:{item.pk}:{item.due_by}",
        _("临期提醒：“%(item)s”将于%(deadline)s到期") % {"item": item, "deadline": date_format(item.due_by)},
    )


def _overdue_notice(item: ResponsibilityItem) -> Notification:
    return _notice(
        item,
        Notification.Kind.OVERDUE,
        f"overdue:{item.pk}:{item.due_by}",
        _("逾期提醒：“%(item)s”已超过完成时限%(deadline)s") % {"item": item, "deadline": date_format(item.due_by)},
    )


def _missed_notices(items, missed: list[tuple[int, datetime.date]]):
    holders = {item.pk: item for item in items.select_related("responsible_post")}
    for pk, due in missed:
        item = holders.get(pk)
        if item is None or item.responsible_post is None or item.responsible_post.holder_id is None:
            continue
        yield _notice(
            item,
            Notification.Kind.REPORT_MISSED,
            f"report_missed:{pk}:{due}",
            _("漏报提醒：“%(item)s”未在%(due)s前报送进度") % {"item": item, "due": date_format(due)},
        )


def _notice(item: ResponsibilityItem, kind: str, key: str, title: str) -> Notification:
    return Notification(recipient_id=item.responsible_post.holder_id, item=item, kind=kind, key=key, title=title[:200])
