"""The timeline stays append-only after a migration that rebuilds its table: SQLite's ALTER TABLE
remakes the table and the triggers went with the old one; post_migrate puts them back
(responsibility/timeline_triggers.py)."""

import copy

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from responsibility import timeline, timeline_triggers
from responsibility.models import ItemEvent


def _events(cast):
    item = cast.item()
    for note in ("一", "二"):
        item.move(ItemEvent.Kind.URGED, cast.inspector, note=note)
    return item


def _alter_kind(max_length: int) -> None:
    """What a migration changing a column of ItemEvent does (on SQLite: the table is remade)."""
    old = ItemEvent._meta.get_field("kind")
    new = copy.deepcopy(old)
    new.max_length = max_length
    with connection.schema_editor() as editor:
        editor.alter_field(ItemEvent, old, new)


@pytest.fixture
def rebuilt_table(cast_committed):
    """The cast's committed rows, and ItemEvent's table altered as a migration would, then back."""
    _alter_kind(40)
    yield cast_committed
    timeline_triggers.ensure(connection)
    _alter_kind(30)
    timeline_triggers.ensure(connection)


def _refused(sql: str) -> str:
    with pytest.raises(DatabaseError) as raised, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    return str(raised.value)


def test_sqlite_loses_the_triggers_when_it_remakes_the_table(cast_committed):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL alters the table in place")
    assert timeline_triggers.missing(connection) == set()
    _alter_kind(40)
    try:
        assert timeline_triggers.missing(connection) == timeline_triggers.SQLITE_NAMES
    finally:
        timeline_triggers.ensure(connection)
        _alter_kind(30)
        timeline_triggers.ensure(connection)


def test_after_a_migration_that_rebuilds_the_table_the_timeline_refuses_delete_and_update(rebuilt_table):
    cast = rebuilt_table
    call_command("migrate", verbosity=0)  # nothing to apply; post_migrate runs as after any migrate
    assert timeline_triggers.missing(connection) == set()
    item = _events(cast)
    assert "append-only" in _refused("UPDATE responsibility_itemevent SET note = '改写'")
    assert "append-only" in _refused("DELETE FROM responsibility_itemevent")
    with pytest.raises(DatabaseError), transaction.atomic():
        item.delete()
    assert item.events.count() == 2
    assert list(item.events.order_by("seq").values_list("seq", flat=True)) == [1, 2]  # chained again
    assert list(timeline.verify()) == []


@pytest.mark.postgres
@pytest.mark.parametrize(
    "undo", ["DROP TRIGGER itemevent_append_only ON {t}", "ALTER TABLE {t} DISABLE TRIGGER itemevent_no_truncate"]
)
def test_a_trigger_the_owner_dropped_or_disabled_is_back_after_migrate(cast_committed, undo):
    _events(cast_committed)
    with connection.cursor() as cursor:
        cursor.execute(undo.format(t=timeline_triggers.TABLE))
    assert timeline_triggers.missing(connection)
    call_command("migrate", verbosity=0)
    assert timeline_triggers.missing(connection) == set()
    assert "append-only" in _refused("DELETE FROM responsibility_itemevent")
    assert "append-only" in _refused("TRUNCATE responsibility_itemevent CASCADE")


def test_ensure_does_nothing_when_every_trigger_is_in_place(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert timeline_triggers.ensure(connection) is False
