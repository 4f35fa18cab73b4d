"""The integrity of the timeline (事项动态): the chain the database keeps, checked from outside it.

The database numbers every event of an item (``seq``), stores the previous event's hash and hashes the
event over it (migration 0023_timeline_chain). ``verify`` recomputes each hash here, in Python, from the columns as
they stand, so an event edited, removed or inserted behind the application's back breaks a link that
``manage.py verify_timeline`` reports. ``purge`` is the one deliberate way to remove events (the demo's
removal, ``flush``): it works for the table's owner only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

# The event as hashed: the same expression the triggers use (migration 0023_timeline_chain), per database.
_CANONICAL = {
    "postgresql": "luoshi_itemevent_canonical(e)",
    "sqlite": (
        "json_array(e.seq, e.item_id, e.assignment_id, e.kind, e.actor_id, e.from_status,"
        " e.to_status, e.note, json(e.data), e.created_at)"
    ),
}


@dataclass(frozen=True)
class BrokenLink:
    item_id: int
    event_id: int
    seq: int | None
    reason: str

    def __str__(self) -> str:
        return f"事项 {self.item_id} 的第 {self.seq} 条动态（id {self.event_id}）：{self.reason}"


def link_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


def _rows(item_id: int | None) -> Iterator[tuple]:
    sql = (
        f"SELECT e.id, e.item_id, e.seq, e.prev_hash, e.hash, {_CANONICAL[connection.vendor]} "
        "FROM responsibility_itemevent e"
    )
    params = []
    if item_id is not None:
        sql += " WHERE e.item_id = %s"
        params.append(item_id)
    with connection.cursor() as cursor:
        cursor.execute(sql + " ORDER BY e.item_id, e.seq, e.id", params)
        while batch := cursor.fetchmany(2000):
            yield from batch


def verify(item_id: int | None = None) -> Iterator[BrokenLink]:
    """Every item's first broken link, in item order (none when the timeline is intact)."""
    current, previous, place, broken = None, "", 0, False
    for pk, item, seq, prev_hash, stored, canonical in _rows(item_id):
        if item != current:
            current, previous, place, broken = item, "", 0, False
        if broken:
            continue
        place += 1
        reason = _fault(seq, place, prev_hash, previous, stored, canonical)
        if reason:
            broken = True
            yield BrokenLink(item, pk, seq, reason)
        previous = stored


def _fault(seq, place: int, prev_hash: str, previous: str, stored: str, canonical: str) -> str:
    if seq != place:
        return f"序号应为 {place}，实为 {seq}（动态被删除或插入）"
    if prev_hash != previous:
        return "所记上一条哈希与上一条动态不符"
    if stored != link_hash(prev_hash, canonical):
        return "内容与哈希不符（动态被改动）"
    return ""


@contextmanager
def purge() -> Iterator[None]:
    """Let this transaction delete timeline events (PostgreSQL: only if the role owns the table)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('luoshi.timeline_purge', 'on', true)")
            elif connection.vendor == "sqlite":
                cursor.execute("INSERT INTO luoshi_timeline_purge (active) VALUES (1)")
        yield
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('luoshi.timeline_purge', '', true)")
            elif connection.vendor == "sqlite":
                cursor.execute("DELETE FROM luoshi_timeline_purge")
