"""Notices stored in bulk from plain rows, without a model instance each.

The nightly sweep stores tens of thousands of notices at a time (a missed reporting deadline shared
by a quarter of a district's units; the ladder's steps). Built as ``Notification`` instances and
stored with ``bulk_create``, most of that time went to Python: an instance per notice, and each of
its fields prepared one by one. Here a notice is a tuple of the columns that differ, and the rows
go in as ``INSERT … ON CONFLICT (key) DO NOTHING RETURNING kind``: the database keeps the keys
unique (a sweep run twice stores each notice once) and says which rows it stored, so nothing is
read back to count them. No signal is sent for these rows, as ``bulk_create`` sends none.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from .models import Notification, notice_title

# Rows per INSERT on SQLite: seven parameters each, well under its limit of 32,766.
BATCH = 1000


class Row(NamedTuple):
    recipient: int
    item: int | None
    kind: str
    key: str
    title: str
    body: str = ""


def row(recipient: int, item: int | None, kind: str, key: str, title: str, body: str = "") -> Row:
    """A notice as the sweep stores it: its title as every notice stores it (``notice_title``)."""
    return Row(recipient, item, kind, key, notice_title(title), body)


def insert(rows: Sequence[Row]) -> list[str]:
    """Store ``rows`` in their order (their ids, and so their delivery, follow it), each key once:
    the kinds of the rows stored, a row whose key was stored before left out."""
    if not rows:
        return []
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array per column: a statement of seven parameters whatever the rows, where a
            # placeholder per value costs psycopg a parse of the statement's text on every call.
            cursor.execute(_ARRAYS, [now, *(list(column) for column in zip(*rows, strict=True))])
            return [kind for (kind,) in cursor.fetchall()]
        stored: list[str] = []
        for start in range(0, len(rows), BATCH):
            batch = rows[start : start + BATCH]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, '', %s)"] * len(batch))
            cursor.execute(_VALUES.format(values=values), [value for notice in batch for value in (*notice, now)])
            stored += [kind for (kind,) in cursor.fetchall()]
        return stored


_INTO = (
    f'INSERT INTO "{Notification._meta.db_table}"'
    ' ("recipient_id", "item_id", "kind", "key", "title", "body", "link", "created_at")'
)
_CONFLICT = ' ON CONFLICT ("key") DO NOTHING RETURNING "kind"'
_VALUES = _INTO + " VALUES {values}" + _CONFLICT
# WITH ORDINALITY … ORDER BY: the rows go in (and take their ids) in the order given.
_ARRAYS = (
    _INTO
    + " SELECT recipient, item, kind, key, title, body, '', %s"
    + " FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[])"
    + " WITH ORDINALITY AS n (recipient, item, kind, key, title, body, position) ORDER BY position"
    + _CONFLICT
)
