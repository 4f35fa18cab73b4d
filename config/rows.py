"""Rows read and written on every step of every item, without compiling a query each time.

A step of the item flow reads its task and item and writes a handful of rows. Written with the ORM,
each of those statements costs 0.4–1.5 ms, nearly all of it Django compiling the query and
preparing its joins, while the database answers in a few hundredths of a millisecond. Here the SQL
is built once per model (from the model's own table and column names, as Django would) and then
only executed: values go through each field's ``get_db_prep_save`` and come back through the same
converters the ORM applies, so the rows are the ORM's rows. tests/test_rows.py holds them to it.

Nothing here sends model signals or runs ``save()`` overrides: callers that use it are the ones
that know no signal or override is involved (and say so).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager
from functools import cache

import psycopg
from django.db import connection
from django.db.models import Model


@contextmanager
def cursor():
    """A cursor for the SQL here. On PostgreSQL its statements are bound on the server and, after
    their first uses, prepared: the database plans them once per connection instead of on every
    step. (Django's own cursors bind on the client, which cannot prepare.)"""
    with connection.cursor() as wrapper:
        if connection.vendor == "postgresql" and PREPARE:
            raw = connection.connection
            if raw.prepare_threshold is None:
                raw.prepare_threshold = 2
            wrapper.cursor.close()
            wrapper.cursor = psycopg.Cursor(raw)
        yield wrapper


PREPARE = True


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


class Reader:
    """One row of ``model`` by primary key, with the rows of some of its foreign keys (a LEFT JOIN
    each, like ``select_related``) already attached."""

    def __init__(self, model: type[Model], related: Sequence[str] = ()):
        self.model = model
        meta = model._meta
        self.parts: list[tuple[type[Model], list, object]] = [(model, list(meta.concrete_fields), None)]
        selects = [self._columns("t0", meta.concrete_fields)]
        joins = []
        for n, name in enumerate(related, start=1):
            fk = meta.get_field(name)
            target = fk.related_model
            fields = list(target._meta.concrete_fields)
            alias = f"t{n}"
            selects.append(self._columns(alias, fields))
            joins.append(
                f"LEFT JOIN {_q(target._meta.db_table)} {alias} "
                f"ON {alias}.{_q(fk.target_field.column)} = t0.{_q(fk.column)}"
            )
            self.parts.append((target, fields, fk))
        self.sql = (
            f"SELECT {', '.join(selects)} FROM {_q(meta.db_table)} t0 {' '.join(joins)} "
            f"WHERE t0.{_q(meta.pk.column)} = %s"
        )
        self._converters = None

    @staticmethod
    def _columns(alias: str, fields) -> str:
        return ", ".join(f"{alias}.{_q(f.column)}" for f in fields)

    def converters(self) -> list[list]:
        # Per column, what the ORM's compiler would apply (dates on SQLite, JSON, flow references…).
        if self._converters is None:
            self._converters = []
            for _model, fields, _fk in self.parts:
                for field in fields:
                    col = field.get_col(field.model._meta.db_table)
                    found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
                    self._converters.append([(c, col) for c in found])
        return self._converters

    def get(self, pk):
        with cursor() as cur:
            cur.execute(self.sql, [pk])
            row = cur.fetchone()
        if row is None:
            raise self.model.DoesNotExist(f"{self.model._meta.object_name} {pk} does not exist")
        values = list(row)
        for i, found in enumerate(self.converters()):
            for converter, col in found:
                values[i] = converter(values[i], col, connection)
        return self._build(values)

    def _build(self, values: list):
        start, main = 0, None
        for model, fields, fk in self.parts:
            chunk = values[start : start + len(fields)]
            start += len(fields)
            if fk is None:
                main = model.from_db(connection.alias, [f.attname for f in fields], chunk)
                continue
            pk_index = next(i for i, f in enumerate(fields) if f.primary_key)
            related = None if chunk[pk_index] is None else model.from_db(connection.alias, None, chunk)
            fk.set_cached_value(main, related)
        return main


@cache
def reader(model: type[Model], related: tuple[str, ...] = ()) -> Reader:
    return Reader(model, related)


@cache
def _insert_sql(model: type[Model], fields: tuple[str, ...]) -> tuple[str, bool]:
    meta = model._meta
    columns = ", ".join(_q(meta.get_field(name).column) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {_q(meta.db_table)} ({columns}) VALUES ({placeholders})"
    returning = connection.features.can_return_columns_from_insert
    if returning:
        sql += f" RETURNING {_q(meta.pk.column)}"
    return sql, returning


def insert(obj: Model, fields: Sequence[str]) -> Model:
    """INSERT ``obj`` with the named fields (the rest take their database defaults) and set its pk."""
    model = type(obj)
    sql, returning = _insert_sql(model, tuple(fields))
    meta = model._meta
    params = [_prepared(obj, meta.get_field(name), add=True) for name in fields]
    with cursor() as cur:
        cur.execute(sql, params)
        pk = cur.fetchone()[0] if returning else connection.ops.last_insert_id(cur, meta.db_table, meta.pk.column)
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = connection.alias
    return obj


@cache
def _update_sql(model: type[Model], fields: tuple[str, ...]) -> str:
    meta = model._meta
    sets = ", ".join(f"{_q(meta.get_field(name).column)} = %s" for name in fields)
    return f"UPDATE {_q(meta.db_table)} SET {sets} WHERE {_q(meta.pk.column)} = %s"


def update(obj: Model, fields: Sequence[str]) -> None:
    """UPDATE the named fields of ``obj``'s row, as ``save(update_fields=…)`` writes them."""
    fields = tuple(dict.fromkeys(fields))
    if not fields:
        return
    meta = type(obj)._meta
    params = [_prepared(obj, meta.get_field(name), add=False) for name in fields]
    with cursor() as cur:
        cur.execute(_update_sql(type(obj), fields), [*params, meta.pk.get_db_prep_value(obj.pk, connection)])


def _prepared(obj: Model, field, add: bool):
    return field.get_db_prep_save(field.pre_save(obj, add), connection)
