"""Celery tasks of the workflow layer."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.db import OperationalError, transaction
from django.utils import timezone

from .channels import ChannelError, channels
from .models import Delivery, Notification

log = logging.getLogger(__name__)


@shared_task(bind=True, autoretry_for=(ChannelError,), retry_backoff=True, max_retries=8)
def deliver_notification(self, notification_id: int) -> str:
    """Send one stored notification through every channel in use (in-app it is already visible).

    Idempotent per channel: a channel that has sent it is not asked again, so a retry after one
    channel failed sends only there. A failure is kept on its ``Delivery`` and the task retried
    with backoff; the notification counts as delivered once every channel has sent it.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").filter(pk=notification_id).first()
        )
        if notification is None:
            return "missing"
        if notification.delivered_at is not None:
            return "already delivered"
        failures = [error for channel in channels() if (error := _send(notification, channel))]
        if not failures:
            notification.delivered_at = timezone.now()
            notification.save(update_fields=["delivered_at"])
    if failures:
        raise ChannelError("; ".join(failures))
    log.info("notification %s delivered to %s", notification_id, notification.recipient)
    return "delivered"


def _send(notification: Notification, channel) -> str:
    """Send through one channel unless it has; returns the error, if any, after recording it."""
    if not channel.applies_to(notification):
        return ""
    delivery, _created = Delivery.objects.get_or_create(notification=notification, channel=channel.name)
    if delivery.sent_at is not None:
        return ""
    delivery.attempts += 1
    try:
        channel.send(notification)
    except ChannelError as error:
        delivery.error = str(error)[:500]
        delivery.save(update_fields=["attempts", "error"])
        log.warning("notification %s via %s failed: %s", notification.pk, channel.name, error)
        return f"{channel.name}: {error}"
    delivery.sent_at, delivery.error = timezone.now(), ""
    delivery.save(update_fields=["attempts", "error", "sent_at"])
    return ""


RESEND_AFTER = datetime.timedelta(minutes=5)


@shared_task
def resend_undelivered() -> int:
    """Queue again every notification still undelivered after a while (broker down at commit,
    worker lost). Delivery is idempotent, so a notification queued twice is still sent once."""
    return _queue_undelivered(Notification.objects.filter(created_at__lt=timezone.now() - RESEND_AFTER), 1000)


@shared_task(bind=True, acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5)
def supervision_sweep(self, day: str | None = None) -> dict:
    """The daily sweep (beat). A retry, a second beat, or a redelivery after a lost worker is safe:
    schedules only move forward from the stored deadlines, and every notice has a unique key."""
    from .supervision import sweep

    today = datetime.date.fromisoformat(day) if day else None
    return sweep(today).as_dict()


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
    """At each quarter's start: tell the committee the last quarter's summary is ready (once each)."""
    from .summary import tell_committee

    return tell_committee()
