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
from functools import cache

from django.db import DatabaseError, connection
from django.db.models import NOT_PROVIDED, Model

MANY_CHUNK = 64  # keys a Reader.many statement asks for at most


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


class Reader:
    """Rows of ``model`` with the rows of some of its foreign keys (a LEFT JOIN each, as
    ``select_related`` reads them) attached: one by key, several by key, or those of a parent."""

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
        self.select = f"SELECT {', '.join(selects)} FROM {_q(meta.db_table)} t0 {' '.join(joins)}"
        self._sql: dict[tuple, str] = {}
        self._converters = None
        self._key_index = {m: next(i for i, f in enumerate(part) if f.primary_key) for m, part, _fk in self.parts}

    @staticmethod
    def _columns(alias: str, fields) -> str:
        return ", ".join(f"{alias}.{_q(f.column)}" for f in fields)

    def get(self, pk):
        """The row with key ``pk`` (``model.DoesNotExist`` if there is none)."""
        found = self._rows(("get",), f"WHERE t0.{_q(self.model._meta.pk.column)} = %s", [pk])
        if not found:
            raise self.model.DoesNotExist(f"{self.model._meta.object_name} {pk} does not exist")
        return found[0]

    def many(self, pks) -> dict:
        """``in_bulk(pks)``: key -> row, for the keys that exist.

        Keys go in chunks of at most ``MANY_CHUNK``, each padded to a power of two (repeating its
        last key): whatever a form posts, a reader holds at most a handful of statements."""
        pks = sorted(set(pks))
        column = _q(self.model._meta.pk.column)
        found = {}
        for start in range(0, len(pks), MANY_CHUNK):
            chunk = pks[start : start + MANY_CHUNK]
            size = 1 << (len(chunk) - 1).bit_length()
            chunk += [chunk[-1]] * (size - len(chunk))
            where = f"WHERE t0.{column} IN ({', '.join(['%s'] * size)})"
            found.update((row.pk, row) for row in self._rows(("many", size), where, chunk))
        return found

    def of(self, field: str, value) -> list:
        """The rows whose foreign key ``field`` is ``value`` (a parent's children), in the model's
        ordering and then by key."""
        meta = self.model._meta
        order = [*(self._order_column(name) for name in meta.ordering), f"t0.{_q(meta.pk.column)}"]
        where = f"WHERE t0.{_q(meta.get_field(field).column)} = %s ORDER BY {', '.join(order)}"
        return self._rows(("of", field), where, [value])

    def where(self, condition: str, params) -> list:
        """The rows that match ``condition``: SQL over the columns of ``t0`` (the model's table),
        written once by the caller (it is the statement's key here), in key order."""
        where = f"WHERE {condition} ORDER BY t0.{_q(self.model._meta.pk.column)}"
        return self._rows(("where", condition), where, list(params))

    def _order_column(self, name: str) -> str:
        descending = name.startswith("-")
        column = _q(self.model._meta.get_field(name.lstrip("-")).column)
        return f"t0.{column} DESC" if descending else f"t0.{column}"

    def _rows(self, key: tuple, where: str, params: list) -> list:
        sql = self._sql.get(key)
        if sql is None:
            sql = self._sql[key] = f"{self.select} {where}"
        with connection.cursor() as cur:
            cur.execute(sql, params)
            fetched = cur.fetchall()
        converters = self.converters()
        result = []
        for row in fetched:
            values = list(row)
            for i, found in converters:
                for converter, col in found:
                    values[i] = converter(values[i], col, connection)
            result.append(self._build(values))
        return result

    def converters(self) -> list[tuple[int, list]]:
        """(column index, its converters) for the columns that have any."""
        if self._converters is None:
            fields = [field for _model, part, _fk in self.parts for field in part]
            self._converters = [(i, found) for i, field in enumerate(fields) if (found := _field_converters(field))]
        return self._converters

    def _build(self, values: list):
        start, main = 0, None
        for model, fields, fk in self.parts:
            chunk = values[start : start + len(fields)]
            start += len(fields)
            if fk is None:
                main = model.from_db(connection.alias, None, chunk)
                continue
            # A LEFT JOIN that found nothing: its key column is NULL.
            related = None if chunk[self._key_index[model]] is None else model.from_db(connection.alias, None, chunk)
            fk.set_cached_value(main, related)
        return main


@cache
def reader(model: type[Model], related: tuple[str, ...] = ()) -> Reader:
    return Reader(model, related)


@cache
def columns(model: type[Model]) -> tuple[str, ...]:
    """Every concrete field of ``model`` but its key: what ``save()`` writes."""
    return tuple(f.name for f in model._meta.concrete_fields if not f.primary_key)


@cache
def _insert_sql(model: type[Model], fields: tuple[str, ...]) -> tuple[str, bool]:
    meta = model._meta
    columns = ", ".join(_q(meta.get_field(name).column) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {_q(meta.db_table)} ({columns}) VALUES ({placeholders})"
    returning = connection.features.can_return_columns_from_insert
    if returning:
        read = [meta.pk, *_filled_by_database(model, fields)]
        sql += " RETURNING " + ", ".join(_q(field.column) for field in read)
    return sql, returning


@cache
def _filled_by_database(model: type[Model], fields: tuple[str, ...]) -> tuple:
    """The columns the INSERT leaves to the database (a ``db_default``, or a trigger's value over
    it): read back as ``save()`` reads them."""
    return tuple(
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in fields and field.db_default is not NOT_PROVIDED
    )


def insert(obj: Model, fields: Sequence[str] | None = None) -> Model:
    """INSERT ``obj`` with the named fields (default: every column but the key, as ``save()`` writes
    a new row) and set its key."""
    fields = columns(type(obj)) if fields is None else fields
    model = type(obj)
    sql, returning = _insert_sql(model, tuple(fields))
    meta = model._meta
    named = [meta.get_field(name) for name in fields]
    _keys_of_related(obj, named)
    params = [_prepared(obj, field, add=True) for field in named]
    filled = _filled_by_database(model, tuple(fields))
    with connection.cursor() as cur:
        cur.execute(sql, params)
        if returning:
            pk, *values = cur.fetchone()
        else:
            pk, values = connection.ops.last_insert_id(cur, meta.db_table, meta.pk.column), []
    obj.pk = pk
    if returning:
        for field, value in zip(filled, values, strict=True):
            for converter in field.get_db_converters(connection):
                value = converter(value, field, connection)
            setattr(obj, field.attname, value)
    elif filled:
        obj.refresh_from_db(fields=[field.attname for field in filled])
    obj._state.adding = False
    obj._state.db = connection.alias
    return obj


def insert_many(objs: Sequence[Model], fields: Sequence[str]) -> None:
    """One multi-row INSERT of ``objs`` (all of one model); their keys are not read back."""
    if not objs:
        return
    meta = type(objs[0])._meta
    named = [meta.get_field(name) for name in fields]
    row = f"({', '.join(['%s'] * len(fields))})"
    sql = (
        f"INSERT INTO {_q(meta.db_table)} ({', '.join(_q(field.column) for field in named)}) "
        f"VALUES {', '.join([row] * len(objs))}"
    )
    params = []
    for obj in objs:
        _keys_of_related(obj, named)
        params += [_prepared(obj, field, add=True) for field in named]
    with connection.cursor() as cur:
        cur.execute(sql, params)


def linked(obj: Model, names: Sequence[str]) -> dict[str, list]:
    """The keys ``obj``'s many-to-many fields ``names`` link it to, all read in one query."""
    meta = type(obj)._meta
    parts = []
    for n, name in enumerate(names):
        field = meta.get_field(name)
        table = _q(field.remote_field.through._meta.db_table)
        source, target = _q(field.m2m_column_name()), _q(field.m2m_reverse_name())
        parts.append(f"SELECT {n}, {target} FROM {table} WHERE {source} = %s")
    found: dict[str, list] = {name: [] for name in names}
    with connection.cursor() as cur:
        cur.execute(" UNION ALL ".join(parts) + " ORDER BY 1, 2", [obj.pk] * len(names))
        for n, pk in cur.fetchall():
            found[names[n]].append(pk)
    return found


def count(model: type[Model], field: str, value) -> int:
    """``model.objects.filter(field=value).count()``."""
    meta = model._meta
    with connection.cursor() as cur:
        cur.execute(f"SELECT COUNT(*) FROM {_q(meta.db_table)} WHERE {_q(meta.get_field(field).column)} = %s", [value])
        return cur.fetchone()[0]


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
    named = [meta.get_field(name) for name in fields]
    _keys_of_related(obj, named)
    params = [_prepared(obj, field, add=False) for field in named]
    with connection.cursor() as cur:
        cur.execute(_update_sql(type(obj), fields), [*params, meta.pk.get_db_prep_value(obj.pk, connection)])
        if cur.rowcount == 0:
            raise DatabaseError(f"{meta.object_name} {obj.pk}: the update found no row")  # as save(update_fields=…)


def convert(field, value):
    """A value of ``field``'s column as read by a cursor, turned into what the ORM would give."""
    for converter, col in _field_converters(field):
        value = converter(value, col, connection)
    return value


@cache
def _field_converters(field) -> list[tuple]:
    """What the ORM's compiler applies to the column of ``field`` (dates on SQLite, JSON, flow
    references…), each with the column expression it is called with."""
    col = field.get_col(field.model._meta.db_table)
    return [(c, col) for c in connection.ops.get_db_converters(col) + col.get_db_converters(connection)]


def _keys_of_related(obj: Model, fields) -> None:
    """As ``save()`` does: a foreign key set to a row saved since takes that row's key now."""
    for field in fields:
        if (field.many_to_one or field.one_to_one) and field.is_cached(obj):
            related = field.get_cached_value(obj)
            if related is not None and getattr(obj, field.attname) is None:
                if related.pk is None:
                    raise ValueError(f"{field.name} of {obj!r} is not saved yet")
                setattr(obj, field.attname, related.pk)


def _prepared(obj: Model, field, add: bool):
    return field.get_db_prep_save(field.pre_save(obj, add), connection)
