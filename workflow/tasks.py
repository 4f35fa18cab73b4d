"""Celery tasks of the workflow layer."""

from __future__ import annotations

import datetime
import logging

from celery import chord, shared_task
from django.db import OperationalError, transaction
from django.utils import timezone

from config.celery import send

from . import delivery, notifications
from .channels import ChannelError
from .models import Notification

log = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(ChannelError,), retry_backoff=True, max_retries=8)
def deliver_notification(self, notification_id: int) -> str:
    """Send one stored notification through every channel its recipient gets (in-app it is already
    visible), in one message with the others to the same person about the same item (``delivery``).

    While that merge window is open the task comes back when it closes; without a worker (tasks run
    in-process: the demo) nothing could come back, so it sends at once what is waiting. Idempotent
    per channel: a channel that has sent a notice is not asked again, so a retry after one channel
    failed sends only there. A failure is kept on its ``Delivery`` and the task retried with backoff.
    """
    with transaction.atomic():
        batch = delivery.locked_batch(notification_id)
        if batch is None:
            return "already delivered"
        wait = batch.wait()
        if wait and not self.app.conf.task_always_eager:
            failures = None
        else:
            failures = delivery.send(batch)
    if failures is None:
        send(deliver_notification, notification_id, countdown=wait, log=log, note="left for the resend sweep")
        return "waiting"
    if failures:
        raise ChannelError("; ".join(failures))
    return "delivered"


@shared_task(acks_late=True)
def deliver_keyed(keys: list[str]) -> int:
    """Queue delivery of the notices stored under these keys (one step's), those not yet delivered."""
    return _queue_undelivered(Notification.objects.filter(key__in=keys), len(keys))


RESEND_AFTER = datetime.timedelta(minutes=5)


@shared_task(ignore_result=True)
def heartbeat() -> None:
    """A worker is alive: /healthz reads when this last ran (config/health.py)."""
    from config import health

    health.beat()


@shared_task
def resend_undelivered() -> int:
    """Queue again every notification still undelivered after a while (broker down at commit,
    worker lost). Delivery is idempotent, so a notification queued twice is still sent once."""
    return _queue_undelivered(Notification.objects.filter(created_at__lt=timezone.now() - RESEND_AFTER), 1000)


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def supervision_sweep(day: str | None = None) -> dict:
    """The daily sweep (beat): one ``sweep_organisation`` task per organisation with a published
    plan, which the workers listening to the ``sweeps`` queue take in parallel, then ``sweep_done``
    once they have all finished (a chord). A second beat or a redelivery queues them again, which is
    safe: each is."""
    from .supervision import organisations_to_sweep

    day = day or timezone.localdate().isoformat()  # one day for all, whenever each one runs
    organisations = organisations_to_sweep()
    sweep_all(day, organisations)
    return {"day": day, "organisations": organisations}


def sweep_all(day: str, organisations: list[int]):
    """Queue the organisations' sweeps and their summary; returns the summary's result."""
    if not organisations:
        return sweep_done.delay([], day)
    return chord(sweep_organisation.si(day, organisation) for organisation in organisations)(sweep_done.s(day))


SWEEP_RETRIES = 5


@shared_task(bind=True, acks_late=True, ignore_result=False, max_retries=SWEEP_RETRIES)
def sweep_organisation(self, day: str, organisation: int) -> dict:
    """One organisation's sweep, in one transaction. A retry, a second beat, or a redelivery after a
    lost worker is safe: schedules only move forward from the stored deadlines, and every notice has
    a unique key. A database error (a deadlock, a dropped connection) is retried with backoff, this
    organisation alone; after the last retry the failure is logged and handed to ``sweep_done``
    (which logs it again), and the next day's sweep catches up what this one missed."""
    from .supervision import sweep

    try:
        return sweep(datetime.date.fromisoformat(day), organisation, deliver=False).as_dict()
    except OperationalError as error:
        if self.request.retries < self.max_retries:
            raise self.retry(exc=error, countdown=2**self.request.retries * 5) from error
        log.exception("the sweep of organisation %s on %s failed after %s retries", organisation, day, self.max_retries)
        return {"day": day, "organisation": organisation, "failed": str(error)}


@shared_task(acks_late=True, ignore_result=False)
def sweep_done(results: list[dict], day: str) -> dict:
    """Every organisation swept: queue the delivery of what they stored (once for all of them), and
    log the day's totals and any organisation whose sweep failed."""
    from .supervision import combine

    summary = combine(results, day)
    notifications.send_pending_after_commit()
    if summary["failed"]:
        log.error("the sweep of %s left out organisations %s", day, summary["failed"])
    log.info("the sweep of %s: %s", day, summary)
    return summary


@shared_task(acks_late=True)
def deliver_pending() -> int:
    """Queue delivery of every undelivered notification (the sweep's, in bulk)."""
    return _queue_undelivered(Notification.objects.all(), 5000)


@shared_task(acks_late=True)
def deliver_notifications(notification_ids: list[int]) -> int:
    """Queue delivery of these notifications, those of them not yet delivered (one action's notices)."""
    return _queue_undelivered(Notification.objects.filter(pk__in=notification_ids), len(notification_ids))


def _queue_undelivered(notifications, limit: int) -> int:
    ids = list(notifications.filter(delivered_at__isnull=True).order_by("id").values_list("id", flat=True)[:limit])
    for notification_id in ids:
        deliver_notification.delay(notification_id)
    return len(ids)


@shared_task(acks_late=True)
def fire_timers() -> int:
    """viewflow's Timer and OnTimeout nodes fire only when something runs this (beat does)."""
    from viewflow.workflow.timers import fire_due_timers

    return fire_due_timers()


@shared_task(acks_late=True)
def quarterly_summary() -> int:
    """At each quarter's start: keep the last quarter's record of each plan (``quarter_end``), so that
    no reader waits for it, then tell the committee its summary is ready (once each)."""
    from .quarter_end import keep_last_quarter
    from .summary import tell_committee

    keep_last_quarter()
    return tell_committee()
