"""Sending stored notices through the channels: merged per person and item, as each person chose.

A step, the sweep and an urge can each tell one person about one item within a minute (提醒, 催办,
督办通知单, 逾期提醒 …). In the app each stays a notice of its own; through the channels, notices to
one person about one item stored within ``NOTIFY_MERGE_SECONDS`` of the first go out as one
message when that window closes. Windows follow each other: the first notice still waiting opens
one, and a notice stored after it closes opens the next. Notices about no item go alone, at once.

Each person may turn channels off (``NotificationPreference``); a notice counts as delivered once
every channel that reaches its recipient and that he has not turned off has sent it. A channel that
has sent a notice is not asked again (``Delivery``), so a retry after one channel failed sends only
there.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from responsibility.models import Person

from .channels import Channel, ChannelError, Message, channels
from .models import Delivery, Notification, NotificationPreference

log = logging.getLogger(__name__)


def merge_window() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.NOTIFY_MERGE_SECONDS)


@dataclass
class Batch:
    """Notices that go out as one message: to one person, about one item (or a notice alone)."""

    notices: list[Notification]
    closes_at: datetime.datetime

    @property
    def recipient(self) -> Person:
        return self.notices[0].recipient

    def wait(self, now: datetime.datetime | None = None) -> float:
        """Seconds until the window closes (0 once it has)."""
        return max(0.0, (self.closes_at - (now or timezone.now())).total_seconds())


def locked_batch(notification_id: int) -> Batch | None:
    """The batch the notice goes out in, its rows locked for the sending transaction; None if the
    notice is gone or already delivered.

    The rows of a person's item are locked together, oldest first, so that two deliveries of the
    same batch (each of its notices queues one) take them in the same order: the second waits, then
    finds its notice delivered."""
    head = Notification.objects.filter(pk=notification_id).values("recipient_id", "item_id", "delivered_at").first()
    if head is None or head["delivered_at"] is not None:
        return None
    window = merge_window()
    same = Q(pk=notification_id)
    if head["item_id"] is not None and window:
        same = Q(recipient_id=head["recipient_id"], item_id=head["item_id"])
    pending = list(
        Notification.objects.select_for_update(of=("self",))
        .select_related("recipient", "item")
        .filter(same, delivered_at__isnull=True)
        .order_by("created_at", "id")
    )
    for batch in _windows(pending, window):
        if any(notice.pk == notification_id for notice in batch.notices):
            return batch
    return None  # delivered meanwhile, by the batch of another of its notices


def _windows(pending: list[Notification], window: datetime.timedelta) -> Iterable[Batch]:
    batch: list[Notification] = []
    for notice in pending:
        if batch and notice.created_at - batch[0].created_at > window:
            yield Batch(batch, batch[0].created_at + window)
            batch = []
        batch.append(notice)
    if batch:
        yield Batch(batch, batch[0].created_at + window)


def send(batch: Batch) -> list[str]:
    """Send the batch as one message through each channel the recipient gets; the failures, if any
    (each kept on its deliveries). With none the batch's notices are delivered."""
    person = batch.recipient
    failures = [error for channel in chosen_channels(person) if (error := _send(channel, batch))]
    if not failures:
        now = timezone.now()
        Notification.objects.filter(pk__in=[notice.pk for notice in batch.notices]).update(delivered_at=now)
        for notice in batch.notices:
            notice.delivered_at = now
            log.info("notification %s delivered to %s (one message of %s)", notice.pk, person, len(batch.notices))
    return failures


def chosen_channels(person: Person) -> list[Channel]:
    """The configured channels that reach ``person`` and that he has not turned off."""
    muted = set(muted_channels(person))
    return [channel for channel in channels() if channel.name not in muted and channel.reaches(person)]


def muted_channels(person: Person) -> list[str]:
    preference = NotificationPreference.objects.filter(person=person).first()
    return list(preference.muted_channels) if preference is not None else []


def _send(channel: Channel, batch: Batch) -> str:
    """Send through one channel the notices it has not sent yet; returns the error, after recording it."""
    kept = {d.notification_id: d for d in Delivery.objects.filter(notification__in=batch.notices, channel=channel.name)}
    waiting = [notice for notice in batch.notices if notice.pk not in kept or kept[notice.pk].sent_at is None]
    if not waiting:
        return ""
    deliveries = [kept.get(notice.pk) or Delivery(notification=notice, channel=channel.name) for notice in waiting]
    for delivery in deliveries:
        delivery.attempts += 1
    try:
        channel.send(Message(batch.recipient, waiting))
    except ChannelError as error:
        for delivery in deliveries:
            delivery.error = str(error)[:500]
            delivery.save()
        log.warning("notifications %s via %s failed: %s", [n.pk for n in waiting], channel.name, error)
        return f"{channel.name}: {error}"
    now = timezone.now()
    for delivery in deliveries:
        delivery.sent_at, delivery.error = now, ""
        delivery.save()
    return ""
