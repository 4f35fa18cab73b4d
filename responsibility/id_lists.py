"""Many ids in one statement. On PostgreSQL they go as one array parameter, where a placeholder per
id (tens of thousands on a missed reporting day) costs psycopg a parse of the statement's text on
every call. SQLite (the demo's database) has no arrays, and a parameter per id could pass its limit,
so there the ids, integers read from the database, are written into the statement."""

from collections.abc import Collection

from django.db import connection
from django.db.models.expressions import RawSQL


def id_list(pks: Collection[int]) -> tuple[str, list]:
    """The SQL to put inside ``IN (…)`` for ``pks``, and its parameters."""
    if connection.vendor == "postgresql":
        return "SELECT unnest(%s::bigint[])", [list(pks)]
    return ", ".join(str(int(pk)) for pk in pks) or "NULL", []


def any_of(pks: Collection[int]) -> RawSQL:
    """``pk__in=any_of(pks)``."""
    return RawSQL(*id_list(pks))
