"""Store first, send after commit: a notification exists before any worker hears of it, and a
rolled-back action leaves neither a row nor a message. If the broker is down at commit time the
user's action still succeeds: the failure to queue is logged, the notification stays stored and
undelivered, and the resend sweep (workflow.tasks.resend_undelivered, on Celery beat) sends it once
the broker is back."""

from __future__ import annotations

import logging

from django.db import transaction

from config.celery import send

from .models import Notification, notice_title

log = logging.getLogger(__name__)


def notify(recipient, *, item=None, kind: str, title: str, body: str = "") -> Notification:
    title = notice_title(title)
    notification = Notification.objects.create(recipient=recipient, item=item, kind=kind, title=title, body=body)
    queue_delivery(notification.pk)
    return notification


def queue_delivery(notification_id: int) -> None:
    """Queue the delivery of one stored notification once the current transaction commits."""
    transaction.on_commit(lambda: _enqueue(notification_id), robust=True)


def _enqueue(notification_id: int) -> None:
    from .tasks import deliver_notification

    _to_broker(deliver_notification, notification_id)


def queue_deliveries(notification_ids: list[int]) -> None:
    """Queue the delivery of these stored notifications, in one message, once the transaction commits."""
    if notification_ids:
        transaction.on_commit(lambda: _enqueue_many(list(notification_ids)), robust=True)


def _enqueue_many(notification_ids: list[int]) -> None:
    from .tasks import deliver_notifications

    _to_broker(deliver_notifications, notification_ids)


def queue_keys(keys: list[str]) -> None:
    """Queue the delivery of the notices stored under these keys, in one message, once the
    transaction commits: the ids are looked up by the worker, not by the step that stored them."""
    if keys:
        transaction.on_commit(lambda: _enqueue_keys(list(keys)), robust=True)


def _enqueue_keys(keys: list[str]) -> None:
    from .tasks import deliver_keyed

    _to_broker(deliver_keyed, keys)


def send_pending_after_commit() -> None:
    """After the current transaction commits, queue delivery of everything stored and not yet sent:
    for work that stores its notices in bulk (the sweep, the ladder) rather than one at a time."""
    transaction.on_commit(_enqueue_pending, robust=True)


def _enqueue_pending() -> None:
    from .tasks import deliver_pending

    _to_broker(deliver_pending)


def _to_broker(task, *args) -> None:
    """Queue ``task``, or, with the broker unreachable, log it and go on: what it would have sent is
    stored, and the resend sweep picks it up."""
    send(task, *args, log=log)
