"""Store first, send after commit: a notification exists before any worker hears of it, and a
rolled-back action leaves neither a row nor a message. If the broker is down at commit time the
user's action still succeeds; the resend sweep (workflow.tasks.resend_undelivered, on Celery beat)
sends the notification once the broker is back."""

from __future__ import annotations

from django.db import transaction

from .models import Notification


def notify(recipient, *, item=None, kind: str, title: str, body: str = "") -> Notification:
    notification = Notification.objects.create(recipient=recipient, item=item, kind=kind, title=title, body=body)
    transaction.on_commit(lambda: _enqueue(notification.pk), robust=True)
    return notification


def _enqueue(notification_id: int) -> None:
    from .tasks import deliver_notification

    deliver_notification.delay(notification_id)


def send_pending_after_commit() -> None:
    """After the current transaction commits, queue delivery of everything stored and not yet sent:
    for work that stores its notices in bulk (the sweep, the ladder) rather than one at a time."""
    transaction.on_commit(_enqueue_pending, robust=True)


def _enqueue_pending() -> None:
    from .tasks import deliver_pending

    deliver_pending.delay()
