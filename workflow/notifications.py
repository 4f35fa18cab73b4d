"""Store first, send after commit: a notification exists before any worker hears of it, and a
rolled-back action leaves neither a row nor a message."""

from __future__ import annotations

from django.db import transaction

from .models import Notification


def notify(recipient, *, item=None, kind: str, title: str, body: str = "") -> Notification:
    notification = Notification.objects.create(recipient=recipient, item=item, kind=kind, title=title, body=body)
    transaction.on_commit(lambda: _enqueue(notification.pk))
    return notification


def _enqueue(notification_id: int) -> None:
    from .tasks import deliver_notification

    deliver_notification.delay(notification_id)
